// The inbound (terminal -> host) data stream: what a display station sends
// when the operator presses an AID key or the host issues a read, and how the
// host side takes such a record apart (GA23-0059 "Inbound Data Stream").
//
//   Read Modified:  AID  cursor(2)  { SBA(11) addr(2) data... } ...
//                   (short read: the AID alone, for PA1-PA3 and Clear)
//   Read Buffer:    AID  cursor(2)  { SF(1D) attr | char } for every position
//
// Nulls are left out of Read Modified data wherever they occur; blanks are sent.

import { decodeAddress, encodeAddress } from './address.js';
import { aidName, type Command, isShortReadAid, Order, SIX_BIT, FieldAttribute } from './codes.js';
import type { Screen3270 } from './screen.js';

/** The reply to Read Modified (or an AID key): modified fields only. `all` is Read Modified All (no short read). */
export function readModified(screen: Screen3270, aid: number, all: boolean): Uint8Array {
  if (!all && isShortReadAid(aid)) return Uint8Array.of(aid);
  const n = screen.size;
  const out: number[] = [aid, ...encodeAddress(screen.cursor, n)];
  const attributes = screen.attributeAddresses();
  if (attributes.length === 0) {
    for (let a = 0; a < n; a++) if (screen.chars[a] !== 0) out.push(screen.chars[a]);
    return Uint8Array.from(out);
  }
  for (const fa of attributes) {
    if ((screen.fieldAttributes[fa] & FieldAttribute.modified) === 0) continue;
    const field = screen.fieldFromAttribute(fa);
    out.push(Order.setBufferAddress, ...encodeAddress(field.start, n));
    for (let k = 0, a = field.start; k < field.length; k++, a = (a + 1) % n) {
      if (screen.chars[a] !== 0) out.push(screen.chars[a]);
    }
  }
  return Uint8Array.from(out);
}

/** The reply to Read Buffer: every position, attributes as SF orders, nulls included. */
export function readBuffer(screen: Screen3270): Uint8Array {
  const n = screen.size;
  const out: number[] = [screen.aid, ...encodeAddress(screen.cursor, n)];
  for (let a = 0; a < n; a++) {
    const attr = screen.fieldAttributes[a];
    if (attr >= 0) out.push(Order.startField, SIX_BIT[attr & 0x3f]);
    else out.push(screen.chars[a]);
  }
  return Uint8Array.from(out);
}

/** One field's data as the terminal sent it back. */
export interface ModifiedField {
  /** The field's first data position (its attribute + 1), or null for an unformatted screen's data. */
  readonly address: number | null;
  /** The EBCDIC bytes, nulls already removed by the terminal. */
  readonly data: Uint8Array;
}

/** What kind of inbound record this was: an operator's attention or the answer to a host read. */
export type InboundKind = 'aid' | 'readModified' | 'readModifiedAll' | 'readBuffer';

/** The kind of reply a read command asks for, or undefined for commands that get none. */
export function replyKindOf(command: Command): InboundKind | undefined {
  switch (command) {
    case 'readBuffer':
      return 'readBuffer';
    case 'readModified':
      return 'readModified';
    case 'readModifiedAll':
      return 'readModifiedAll';
  }
  return undefined;
}

/** One inbound record taken apart. */
export interface InboundRecord {
  readonly kind: InboundKind;
  /** The AID byte (X'60' when no AID key is pending, in replies to reads). */
  readonly aid: number;
  /** ENTER, PF1..PF24, PA1..PA3, CLEAR, NONE, ... */
  readonly aidName: string;
  /** The cursor address, or null for a short read. */
  readonly cursor: number | null;
  /** The modified fields in buffer order (empty for short reads and Read Buffer). */
  readonly fields: readonly ModifiedField[];
  /** For Read Buffer: the buffer image after the cursor address (SF orders and characters). */
  readonly buffer?: Uint8Array;
  /** The whole record as received. */
  readonly raw: Uint8Array;
}

/** Take an inbound record apart. Never throws: a malformed record gives what could be read. */
export function parseInbound(record: Uint8Array, kind: InboundKind = 'aid'): InboundRecord {
  const aid = record.length > 0 ? record[0] : 0x60;
  const base = { kind, aid, aidName: aidName(aid), raw: record };
  if (record.length < 3) return { ...base, cursor: null, fields: [] };
  const cursor = decodeAddress(record[1], record[2]);
  if (kind === 'readBuffer') return { ...base, cursor, fields: [], buffer: record.subarray(3) };
  const fields: ModifiedField[] = [];
  let address: number | null = null;
  let start = 3;
  let i = 3;
  const flush = (end: number): void => {
    if (end > start || address !== null) fields.push({ address, data: record.slice(start, end) });
  };
  while (i < record.length) {
    if (record[i] === Order.setBufferAddress && i + 2 < record.length) {
      flush(i);
      address = decodeAddress(record[i + 1], record[i + 2]);
      i += 3;
      start = i;
    } else {
      i++;
    }
  }
  flush(record.length);
  return { ...base, cursor, fields };
}

/**
 * Bring a host-side copy of a screen up to date with an AID record the
 * terminal sent: the modified fields' data (nulls were dropped in transit,
 * so the text is placed at the field start and the rest of the field is
 * nulled), their MDTs, the cursor, the pending AID and the keyboard lock. A
 * Clear erases the copy as it erased the terminal.
 */
export function applyInbound(screen: Screen3270, record: InboundRecord): void {
  if (record.kind !== 'aid') return;
  const n = screen.size;
  if (record.aid === 0x6d) screen.erase(false);
  if (record.cursor !== null && record.cursor < n) screen.cursor = record.cursor;
  for (const field of record.fields) {
    const start = field.address ?? 0;
    if (start >= n) continue;
    const layout = screen.formatted ? screen.fieldAt(start) : null;
    if (field.address !== null && (layout === null || layout.start !== start)) continue;
    const length = layout ? layout.length : n;
    for (let k = 0, a = start; k < length; k++, a = (a + 1) % n) {
      screen.chars[a] = k < field.data.length ? field.data[k] : 0;
    }
    screen.setMdt(start);
  }
  screen.aid = record.aid;
  screen.systemLock = true;
  screen.touch();
}
