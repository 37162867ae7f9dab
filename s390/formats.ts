// Instruction formats as data. Each format is a list of named fields with the
// bit offset (from bit 0 of the instruction, the leftmost bit of the opcode)
// and width, drawn as in the Principles of Operation (S/370 GA22-7000 and
// ESA/390 SA22-7201, chapter "Instructions", topic "Instruction Formats").
// The decoder, the disassembler and the assembler all read these diagrams;
// no handler extracts its own bits.

export type FormatName = 'E' | 'I' | 'RR' | 'RRE' | 'RX' | 'RS' | 'RSI' | 'RI' | 'SI' | 'S' | 'SS-a' | 'SS-b' | 'SS-c';

export type FieldName = 'r1' | 'r2' | 'r3' | 'x2' | 'b1' | 'b2' | 'd1' | 'd2' | 'i1' | 'i2' | 'i3' | 'l1' | 'l2';

export interface Field {
  readonly name: FieldName;
  readonly bit: number;
  readonly width: number;
  /** Immediates that the hardware treats as signed (RI, RSI). */
  readonly signed?: boolean;
}

export interface Format {
  readonly name: FormatName;
  /** Instruction length in bytes. */
  readonly length: 2 | 4 | 6;
  readonly fields: readonly Field[];
}

const f = (name: FieldName, bit: number, width: number, signed = false): Field => ({ name, bit, width, signed });

export const FORMATS: Readonly<Record<FormatName, Format>> = {
  //  +----------------+
  //  |     OP         |        E (PR, UPT)
  //  0               15
  E: { name: 'E', length: 2, fields: [] },
  //  +--------+--------+
  //  |   OP   |   I    |       I (SVC)
  //  0        8       15
  I: { name: 'I', length: 2, fields: [f('i1', 8, 8)] },
  //  +--------+----+----+
  //  |   OP   | R1 | R2 |      RR
  //  0        8   12   15
  RR: { name: 'RR', length: 2, fields: [f('r1', 8, 4), f('r2', 12, 4)] },
  //  +----------------+--------+----+----+
  //  |      OP        |////////| R1 | R2 |   RRE
  //  0               16       24   28   31
  RRE: { name: 'RRE', length: 4, fields: [f('r1', 24, 4), f('r2', 28, 4)] },
  //  +--------+----+----+----+------------+
  //  |   OP   | R1 | X2 | B2 |     D2     |   RX
  //  0        8   12   16   20           31
  RX: { name: 'RX', length: 4, fields: [f('r1', 8, 4), f('x2', 12, 4), f('b2', 16, 4), f('d2', 20, 12)] },
  //  +--------+----+----+----+------------+
  //  |   OP   | R1 | R3 | B2 |     D2     |   RS
  //  0        8   12   16   20           31
  RS: { name: 'RS', length: 4, fields: [f('r1', 8, 4), f('r3', 12, 4), f('b2', 16, 4), f('d2', 20, 12)] },
  //  +--------+----+----+-----------------+
  //  |   OP   | R1 | R3 |       I2        |   RSI (BRXH, BRXLE)
  //  0        8   12   16                31
  RSI: { name: 'RSI', length: 4, fields: [f('r1', 8, 4), f('r3', 12, 4), f('i2', 16, 16, true)] },
  //  +--------+----+----+-----------------+
  //  |   OP   | R1 | OP |       I2        |   RI (A7x)
  //  0        8   12   16                31
  RI: { name: 'RI', length: 4, fields: [f('r1', 8, 4), f('i2', 16, 16, true)] },
  //  +--------+--------+----+------------+
  //  |   OP   |   I2   | B1 |     D1     |   SI
  //  0        8       16   20           31
  SI: { name: 'SI', length: 4, fields: [f('i2', 8, 8), f('b1', 16, 4), f('d1', 20, 12)] },
  //  +----------------+----+------------+
  //  |      OP        | B2 |     D2     |   S
  //  0               16   20           31
  S: { name: 'S', length: 4, fields: [f('b2', 16, 4), f('d2', 20, 12)] },
  //  +--------+--------+----+------------+----+------------+
  //  |   OP   |   L    | B1 |     D1     | B2 |     D2     |   SS (one length)
  //  0        8       16   20           32   36           47
  'SS-a': {
    name: 'SS-a',
    length: 6,
    fields: [f('l1', 8, 8), f('b1', 16, 4), f('d1', 20, 12), f('b2', 32, 4), f('d2', 36, 12)],
  },
  //  +--------+----+----+----+------------+----+------------+
  //  |   OP   | L1 | L2 | B1 |     D1     | B2 |     D2     |   SS (two lengths)
  //  0        8   12   16   20           32   36           47
  'SS-b': {
    name: 'SS-b',
    length: 6,
    fields: [f('l1', 8, 4), f('l2', 12, 4), f('b1', 16, 4), f('d1', 20, 12), f('b2', 32, 4), f('d2', 36, 12)],
  },
  //  +--------+----+----+----+------------+----+------------+
  //  |   OP   | L1 | I3 | B1 |     D1     | B2 |     D2     |   SS (SRP)
  //  0        8   12   16   20           32   36           47
  'SS-c': {
    name: 'SS-c',
    length: 6,
    fields: [f('l1', 8, 4), f('i3', 12, 4), f('b1', 16, 4), f('d1', 20, 12), f('b2', 32, 4), f('d2', 36, 12)],
  },
};

/**
 * The instruction length from the first two bits of the opcode
 * (PoO, "Instruction Formats"): 00 -> 2 bytes, 01 and 10 -> 4, 11 -> 6.
 */
export function instructionLength(firstByte: number): 2 | 4 | 6 {
  const bits = firstByte >>> 6;
  return bits === 0 ? 2 : bits === 3 ? 6 : 4;
}

/** Where the secondary opcode sits, for a given first opcode byte. */
export type SecondaryOpcode = 'none' | 'byte1' | 'nibble1';

/**
 * The one place that knows where an instruction's secondary opcode is.
 * - 01 (E format), B2 (S and RRE formats) and 9C-9F (the S/370 I/O
 *   instructions SIO/SIOF, TIO/CLRIO, HIO/HDV, TCH): the whole second byte.
 * - A7 (RI format): the low four bits of the second byte (bits 12-15).
 * - every other opcode is a single byte.
 */
export function secondaryOpcodeOf(firstByte: number): SecondaryOpcode {
  switch (firstByte) {
    case 0x01:
    case 0x9c:
    case 0x9d:
    case 0x9e:
    case 0x9f:
    case 0xb2:
      return 'byte1';
    case 0xa7:
      return 'nibble1';
    default:
      return 'none';
  }
}

/**
 * The full opcode of an instruction whose first two bytes are given: the first
 * byte alone, or (first << 8 | second byte) or (first << 4 | low nibble).
 */
export function fullOpcode(byte0: number, byte1: number): number {
  switch (secondaryOpcodeOf(byte0)) {
    case 'byte1':
      return (byte0 << 8) | byte1;
    case 'nibble1':
      return (byte0 << 4) | (byte1 & 0x0f);
    default:
      return byte0;
  }
}

/** Read a field's value from the instruction bytes (big-endian, up to 6 bytes). */
export function readField(bytes: ArrayLike<number>, field: Field): number {
  let value = 0;
  for (let bit = field.bit; bit < field.bit + field.width; bit++) {
    value = value * 2 + ((bytes[bit >> 3] >> (7 - (bit & 7))) & 1);
  }
  if (field.signed && value >= 2 ** (field.width - 1)) value -= 2 ** field.width;
  return value;
}

/** Write a field's value into instruction bytes (the inverse of readField). */
export function writeField(bytes: Uint8Array, field: Field, value: number): void {
  let v = value < 0 ? value + 2 ** field.width : value;
  for (let bit = field.bit + field.width - 1; bit >= field.bit; bit--) {
    const mask = 1 << (7 - (bit & 7));
    if (v & 1) bytes[bit >> 3] |= mask;
    else bytes[bit >> 3] &= ~mask;
    v = Math.floor(v / 2);
  }
}
