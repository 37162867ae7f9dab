// The code points of the 3270 data stream: commands, the Write Control
// Character, orders, field and extended attributes, AIDs, and the 6-bit
// translation table used for addresses and attribute bytes. Facts from the
// IBM 3270 Data Stream Programmer's Reference (GA23-0059), chapters
// "Commands", "Orders" and "Inbound Data Stream"; the telnet (SNA) command
// codes are those RFC 1576 says TN3270 servers send.

/** Outbound commands. Each exists twice: the channel (CCW) code and the SNA/telnet code. */
export const Command = {
  write: 'write',
  eraseWrite: 'eraseWrite',
  eraseWriteAlternate: 'eraseWriteAlternate',
  readBuffer: 'readBuffer',
  readModified: 'readModified',
  readModifiedAll: 'readModifiedAll',
  eraseAllUnprotected: 'eraseAllUnprotected',
  writeStructuredField: 'writeStructuredField',
} as const;
export type Command = (typeof Command)[keyof typeof Command];

/** Command byte -> command, for both code sets (GA23-0059 "Commands": table of CCW and SNA codes). */
const COMMAND_BY_CODE = new Map<number, Command>([
  [0x01, Command.write],
  [0xf1, Command.write],
  [0x05, Command.eraseWrite],
  [0xf5, Command.eraseWrite],
  [0x0d, Command.eraseWriteAlternate],
  [0x7e, Command.eraseWriteAlternate],
  [0x02, Command.readBuffer],
  [0xf2, Command.readBuffer],
  [0x06, Command.readModified],
  [0xf6, Command.readModified],
  [0x0e, Command.readModifiedAll],
  [0x6e, Command.readModifiedAll],
  [0x0f, Command.eraseAllUnprotected],
  [0x6f, Command.eraseAllUnprotected],
  [0x11, Command.writeStructuredField],
  [0xf3, Command.writeStructuredField],
]);

/** The SNA/telnet code of each command: what a host sends over TN3270. */
export const SNA_COMMAND_CODE: Readonly<Record<Command, number>> = {
  write: 0xf1,
  eraseWrite: 0xf5,
  eraseWriteAlternate: 0x7e,
  readBuffer: 0xf2,
  readModified: 0xf6,
  readModifiedAll: 0x6e,
  eraseAllUnprotected: 0x6f,
  writeStructuredField: 0xf3,
};

export function commandOf(code: number): Command | undefined {
  return COMMAND_BY_CODE.get(code);
}

/** WCC bits (IBM bits 5, 6, 7 and 1; the mask values of the translated byte). */
export const Wcc = {
  /** bit 1: reset (partition/reply mode); x3270 honours it on EW/EWA only. */
  reset: 0x40,
  /** bit 5: sound the alarm. */
  alarm: 0x04,
  /** bit 6: keyboard restore: unlock and clear the pending AID. */
  keyboardRestore: 0x02,
  /** bit 7: reset every MDT before the orders run. */
  resetMdt: 0x01,
} as const;

/** Orders that may appear in Write data (GA23-0059 "Orders"). */
export const Order = {
  /** SF: 1 byte attribute. */
  startField: 0x1d,
  /** SFE: count, then count (type, value) pairs. */
  startFieldExtended: 0x29,
  /** SBA: 2 byte address. */
  setBufferAddress: 0x11,
  /** IC: no operand. */
  insertCursor: 0x13,
  /** PT: no operand. */
  programTab: 0x05,
  /** RA: 2 byte stop address, then the character (or GE + character). */
  repeatToAddress: 0x3c,
  /** EUA: 2 byte stop address. */
  eraseUnprotectedToAddress: 0x12,
  /** SA: type, value. */
  setAttribute: 0x28,
  /** MF: count, then count (type, value) pairs. */
  modifyField: 0x2c,
  /** GE: 1 character from the alternate character set. */
  graphicEscape: 0x08,
} as const;

/** Field attribute bits (IBM bits 2-7). */
export const FieldAttribute = {
  protected: 0x20,
  numeric: 0x10,
  /** bits 4-5: 00 normal, 01 normal pen-detectable, 10 intensified, 11 non-display */
  displayMask: 0x0c,
  intensified: 0x08,
  nonDisplay: 0x0c,
  modified: 0x01,
} as const;

/** Extended attribute types carried by SFE, SA and MF. */
export const ExtendedAttribute = {
  /** SA type 00: reset all character attributes to the field's. */
  all: 0x00,
  basic: 0xc0,
  highlighting: 0x41,
  foreground: 0x42,
  charset: 0x43,
  background: 0x45,
  validation: 0xc1,
  outlining: 0xc2,
} as const;

/** Highlighting values (type X'41'). */
export const Highlight = { default: 0x00, normal: 0xf0, blink: 0xf1, reverse: 0xf2, underscore: 0xf4 } as const;

/** The seven 3279 colours (types X'42' and X'45'); 0 is "default". */
export const Color = {
  default: 0x00,
  blue: 0xf1,
  red: 0xf2,
  pink: 0xf3,
  green: 0xf4,
  turquoise: 0xf5,
  yellow: 0xf6,
  white: 0xf7,
} as const;

/** AID bytes (GA23-0059 "Attention Identification (AID)"). */
export const Aid = {
  none: 0x60,
  enter: 0x7d,
  clear: 0x6d,
  pa1: 0x6c,
  pa2: 0x6e,
  pa3: 0x6b,
  sysReq: 0xf0,
  selectorPen: 0x7e,
  structuredField: 0x88,
} as const;

/** The 6-bit translation table: value 0-63 -> the graphic byte sent for it. */
export const SIX_BIT = Uint8Array.from([
  0x40, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0xd1, 0xd2,
  0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60, 0x61, 0xe2, 0xe3, 0xe4, 0xe5,
  0xe6, 0xe7, 0xe8, 0xe9, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
  0xf9, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
]);

/** PF1-PF12 are SIX_BIT[49..60], PF13-PF24 are SIX_BIT[1..12]. */
export function pfAid(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 24) throw new RangeError(`no PF${n} key`);
  return n <= 12 ? SIX_BIT[48 + n] : SIX_BIT[n - 12];
}

/** The name of an AID byte as a 3270 keyboard labels it: ENTER, PF1..PF24, PA1..PA3, CLEAR, ... */
export function aidName(aid: number): string {
  switch (aid) {
    case Aid.none:
      return 'NONE';
    case Aid.enter:
      return 'ENTER';
    case Aid.clear:
      return 'CLEAR';
    case Aid.pa1:
      return 'PA1';
    case Aid.pa2:
      return 'PA2';
    case Aid.pa3:
      return 'PA3';
    case Aid.sysReq:
      return 'SYSREQ';
    case Aid.selectorPen:
      return 'PEN';
    case Aid.structuredField:
      return 'SF';
  }
  for (let n = 1; n <= 24; n++) if (pfAid(n) === aid) return `PF${n}`;
  return `AID X'${aid.toString(16).toUpperCase().padStart(2, '0')}'`;
}

/** True for the AIDs whose Read Modified reply is a short read: the AID alone. */
export function isShortReadAid(aid: number): boolean {
  return aid === Aid.clear || aid === Aid.pa1 || aid === Aid.pa2 || aid === Aid.pa3;
}
