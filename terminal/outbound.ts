// The outbound (host -> terminal) data stream, interpreted against a
// Screen3270 as a display station does it (GA23-0059 "Commands", "Write
// Control Character", "Orders").
//
//   record:  command  [WCC]  { order | text } ...
//
//   order layouts (one byte code, then its operands):
//     SF   1D attr                    SFE  29 n (type value) x n
//     SBA  11 addr(2)                 IC   13
//     PT   05                         RA   3C addr(2) char  |  3C addr(2) 08 char
//     EUA  12 addr(2)                 SA   28 type value
//     MF   2C n (type value) x n      GE   08 char
//
// Nothing a host sends can throw here: a truncated order ends the write, and
// an address outside the buffer aborts the rest of the write as x3270 does.

import { decodeAddress } from './address.js';
import { Aid, Command, commandOf, ExtendedAttribute, FieldAttribute, Order, Wcc } from './codes.js';
import { readBuffer, readModified } from './inbound.js';
import type { Screen3270 } from './screen.js';

export interface OutboundResult {
  /** The command carried out, or null if the record was empty or its command unknown. */
  readonly command: Command | null;
  /** The inbound reply a read command produces at once. */
  readonly reply?: Uint8Array;
  /** Why part of the record was not carried out, for logs and tests. */
  readonly error?: string;
}

/** Carry out one outbound record on a screen. */
export function applyOutbound(screen: Screen3270, record: Uint8Array): OutboundResult {
  if (record.length === 0) return { command: null, error: 'empty record' };
  const command = commandOf(record[0]);
  if (command === undefined) return { command: null, error: `unknown command X'${hex(record[0])}'` };
  let result: OutboundResult;
  switch (command) {
    case Command.readBuffer:
      result = { command, reply: readBuffer(screen) };
      break;
    case Command.readModified:
      result = { command, reply: readModified(screen, screen.aid, false) };
      break;
    case Command.readModifiedAll:
      result = { command, reply: readModified(screen, screen.aid, true) };
      break;
    case Command.eraseAllUnprotected:
      eraseAllUnprotected(screen);
      result = { command };
      break;
    case Command.writeStructuredField:
      // TODO: Read Partition Query and its Query Reply (GA23-0059 "Structured Fields"); our hosts never send WSF.
      result = { command, error: 'Write Structured Field is not supported' };
      break;
    default:
      result = { command, error: write(screen, command, record) };
  }
  screen.touch();
  return result;
}

/** EAU: null every unprotected position, reset the MDTs, restore the keyboard, cursor to the first input field. */
function eraseAllUnprotected(screen: Screen3270): void {
  const n = screen.size;
  if (!screen.formatted) {
    screen.chars.fill(0, 0, n);
  } else {
    for (let a = 0; a < n; a++) if (!screen.isProtected(a)) screen.setChar(a, 0);
  }
  screen.resetMdt();
  restoreKeyboard(screen);
  const first = screen.nextUnprotected(0);
  screen.cursor = first < 0 ? 0 : first;
}

function restoreKeyboard(screen: Screen3270): void {
  screen.systemLock = false;
  screen.aid = Aid.none;
}

/** The character attributes SA has set for the text that follows in this write. */
interface CharacterAttributes {
  foreground: number;
  background: number;
  highlight: number;
  charset: number;
}

/** Write, Erase/Write and Erase/Write Alternate. Returns an error description or undefined. */
function write(screen: Screen3270, command: Command, record: Uint8Array): string | undefined {
  if (command === Command.eraseWrite) screen.erase(false);
  else if (command === Command.eraseWriteAlternate) screen.erase(true);
  if (record.length < 2) return 'no WCC';
  const wcc = record[1];
  if (wcc & Wcc.resetMdt) screen.resetMdt();

  const n = screen.size;
  const sa: CharacterAttributes = { foreground: 0, background: 0, highlight: 0, charset: 0 };
  let address = screen.cursor;
  let lastWasText = false;
  let error: string | undefined;
  let i = 2;
  const put = (ch: number, charset = sa.charset): void => {
    screen.setChar(address, ch, sa.foreground, sa.background, sa.highlight, charset);
    address = (address + 1) % n;
  };
  /** Read a two-byte address operand at i; undefined (with error set) if truncated or outside the buffer. */
  const operandAddress = (name: string): number | undefined => {
    if (i + 1 >= record.length) {
      error = `${name} truncated`;
      return undefined;
    }
    const a = decodeAddress(record[i], record[i + 1]);
    if (a >= n) {
      error = `${name} address ${a} outside the ${n}-position buffer`;
      return undefined;
    }
    i += 2;
    return a;
  };

  orders: while (i < record.length) {
    const b = record[i++];
    const textBefore = lastWasText;
    lastWasText = false;
    switch (b) {
      case Order.startField: {
        if (i >= record.length) {
          error = 'SF truncated';
          break orders;
        }
        screen.setFieldAttribute(address, record[i++]);
        address = (address + 1) % n;
        break;
      }
      case Order.startFieldExtended: {
        if (i >= record.length) {
          error = 'SFE truncated';
          break orders;
        }
        const count = record[i++];
        if (i + 2 * count > record.length) {
          error = 'SFE truncated';
          break orders;
        }
        screen.setFieldAttribute(address, 0);
        applyExtendedPairs(screen, address, record, i, count);
        i += 2 * count;
        address = (address + 1) % n;
        break;
      }
      case Order.modifyField: {
        if (i >= record.length) {
          error = 'MF truncated';
          break orders;
        }
        const count = record[i++];
        if (i + 2 * count > record.length) {
          error = 'MF truncated';
          break orders;
        }
        // MF applies only at a field attribute; elsewhere its pairs are skipped and the address stays.
        if (screen.isFieldAttribute(address)) {
          applyExtendedPairs(screen, address, record, i, count);
          address = (address + 1) % n;
        }
        i += 2 * count;
        break;
      }
      case Order.setBufferAddress: {
        const a = operandAddress('SBA');
        if (a === undefined) break orders;
        address = a;
        break;
      }
      case Order.insertCursor:
        screen.cursor = address;
        break;
      case Order.programTab:
        address = programTab(screen, address, textBefore);
        break;
      case Order.repeatToAddress: {
        const stop = operandAddress('RA');
        if (stop === undefined) break orders;
        if (i >= record.length) {
          error = 'RA truncated';
          break orders;
        }
        let ch = record[i++];
        let charset = sa.charset;
        if (ch === Order.graphicEscape) {
          if (i >= record.length) {
            error = 'RA truncated';
            break orders;
          }
          ch = record[i++];
          charset = 0xf1;
        }
        // stop == current fills the whole buffer: the do-while runs n times
        do put(ch, charset);
        while (address !== stop);
        break;
      }
      case Order.eraseUnprotectedToAddress: {
        const stop = operandAddress('EUA');
        if (stop === undefined) break orders;
        do {
          if (!screen.isProtected(address)) screen.setChar(address, 0);
          address = (address + 1) % n;
        } while (address !== stop);
        break;
      }
      case Order.setAttribute: {
        if (i + 1 >= record.length) {
          error = 'SA truncated';
          break orders;
        }
        setCharacterAttribute(sa, record[i], record[i + 1]);
        i += 2;
        break;
      }
      case Order.graphicEscape: {
        if (i >= record.length) {
          error = 'GE truncated';
          break orders;
        }
        put(record[i++], 0xf1);
        lastWasText = true;
        break;
      }
      default:
        // text, including the displayable controls NUL, FF, CR, NL, EM, DUP, FM, SUB and EO
        put(b);
        lastWasText = true;
    }
  }

  if (wcc & Wcc.keyboardRestore) restoreKeyboard(screen);
  if (wcc & Wcc.alarm) screen.alarmCount++;
  return error;
}

/**
 * PT: if it directly follows text, null the rest of the field being left;
 * then go to the first data position of the next unprotected field. With
 * none before the end of the buffer the address becomes 0 (GA23-0059
 * "Program Tab").
 */
function programTab(screen: Screen3270, address: number, afterText: boolean): number {
  const n = screen.size;
  if (afterText) {
    let a = address;
    for (let k = 0; k < n && !screen.isFieldAttribute(a); k++) {
      screen.setChar(a, 0);
      a = (a + 1) % n;
      if (a === 0) break;
    }
  }
  for (let a = address; a < n; a++) {
    if (screen.isFieldAttribute(a) && (screen.fieldAttributes[a] & FieldAttribute.protected) === 0) {
      return (a + 1) % n;
    }
  }
  return 0;
}

/** Apply SFE/MF (type, value) pairs to the field attribute at `address`. */
function applyExtendedPairs(screen: Screen3270, address: number, record: Uint8Array, at: number, count: number): void {
  for (let k = 0; k < count; k++) {
    const type = record[at + 2 * k];
    const value = record[at + 2 * k + 1];
    switch (type) {
      case ExtendedAttribute.basic:
        screen.fieldAttributes[address] = value & 0x3f;
        break;
      case ExtendedAttribute.highlighting:
        screen.highlight[address] = value;
        break;
      case ExtendedAttribute.foreground:
        screen.foreground[address] = value;
        break;
      case ExtendedAttribute.background:
        screen.background[address] = value;
        break;
      case ExtendedAttribute.charset:
        screen.charset[address] = value;
        break;
      // validation and outlining are accepted and ignored
    }
  }
}

/** SA: type 00 resets all character attributes; the others set one. */
function setCharacterAttribute(sa: CharacterAttributes, type: number, value: number): void {
  switch (type) {
    case ExtendedAttribute.all:
      sa.foreground = sa.background = sa.highlight = sa.charset = 0;
      break;
    case ExtendedAttribute.highlighting:
      sa.highlight = value;
      break;
    case ExtendedAttribute.foreground:
      sa.foreground = value;
      break;
    case ExtendedAttribute.background:
      sa.background = value;
      break;
    case ExtendedAttribute.charset:
      sa.charset = value;
      break;
  }
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}
