// Hand encoders for the core's tests (fields as drawn in s390/formats.ts),
// until the assembler can write these programs.

export const rr = (op: number, r1: number, r2: number): number[] => [op, (r1 << 4) | r2];
export const rx = (op: number, r1: number, x2: number, b2: number, d2: number): number[] => [
  op,
  (r1 << 4) | x2,
  (b2 << 4) | (d2 >> 8),
  d2 & 0xff,
];
export const rs = (op: number, r1: number, r3: number, b2: number, d2: number): number[] => rx(op, r1, r3, b2, d2);
export const si = (op: number, i2: number, b1: number, d1: number): number[] => [
  op,
  i2,
  (b1 << 4) | (d1 >> 8),
  d1 & 0xff,
];
/** S format: a two-byte opcode such as 0xB205 (STCK), or 0x8200 (LPSW) for the one-byte ones. */
export const s = (op: number, b2: number, d2: number): number[] => [
  op >> 8,
  op & 0xff,
  (b2 << 4) | (d2 >> 8),
  d2 & 0xff,
];
export const rre = (op: number, r1: number, r2: number): number[] => [op >> 8, op & 0xff, 0, (r1 << 4) | r2];
/** Big-endian bytes of 32-bit words. */
export const words = (...ws: number[]): number[] =>
  ws.flatMap((w) => [(w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff]);

// A few instructions by name.
export const LA = (r1: number, d2: number, b2 = 0, x2 = 0): number[] => rx(0x41, r1, x2, b2, d2);
export const L = (r1: number, d2: number, b2 = 0, x2 = 0): number[] => rx(0x58, r1, x2, b2, d2);
export const ST = (r1: number, d2: number, b2 = 0, x2 = 0): number[] => rx(0x50, r1, x2, b2, d2);
export const BCR = (m1: number, r2: number): number[] => rr(0x07, m1, r2);
export const BC = (m1: number, d2: number, b2 = 0, x2 = 0): number[] => rx(0x47, m1, x2, b2, d2);
export const LPSW = (d2: number, b2 = 0): number[] => s(0x8200, b2, d2);
export const SVC = (i: number): number[] => [0x0a, i];
export const EX = (r1: number, d2: number, b2 = 0, x2 = 0): number[] => rx(0x44, r1, x2, b2, d2);
