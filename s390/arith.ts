// 32- and 64-bit binary arithmetic shared by the instruction families.
//
// Registers live in a Uint32Array, so a value read from one is unsigned;
// `| 0` views it as a signed 32-bit integer and `>>> 0` goes back. Everything
// here is plain Number math on 32-bit halves (no BigInt, no allocation), so
// the helpers can sit on the hot path. A 64-bit quantity is an even-odd
// register pair: the high word in R, the low word in R+1 (PoO, "Binary
// Arithmetic": "a 64-bit signed binary integer ... in an even-odd pair").

/** The 32 bits of x as a signed integer. */
export function toSigned32(x: number): number {
  return x | 0;
}

/** The 32 bits of x as an unsigned integer. */
export function toUnsigned32(x: number): number {
  return x >>> 0;
}

/** The signed value of a halfword (the low 16 bits of h). */
export function signExtend16(h: number): number {
  return (h << 16) >> 16;
}

/** Did the signed 32-bit sum a + b overflow? `sum` is the wrapped result. */
export function addOverflows32(a: number, b: number, sum: number): boolean {
  // Overflow when both operands have the same sign and the sum's sign differs.
  return ((a ^ sum) & (b ^ sum)) < 0;
}

/** Did the signed 32-bit difference a - b overflow? `diff` is the wrapped result. */
export function subtractOverflows32(a: number, b: number, diff: number): boolean {
  return ((a ^ b) & (a ^ diff)) < 0;
}

/** Condition code of a signed result: 0 zero, 1 less than zero, 2 greater than zero. */
export function ccSigned(value: number): number {
  return value === 0 ? 0 : value < 0 ? 1 : 2;
}

/** Condition code of a comparison: 0 equal, 1 first operand low, 2 first operand high. */
export function ccCompare(a: number, b: number): number {
  return a === b ? 0 : a < b ? 1 : 2;
}

/**
 * Condition code of a logical addition (PoO, ADD LOGICAL): bit 1 of the code
 * is "carry out of bit position 0", bit 0 is "result not zero".
 * `sum` is the unwrapped sum of the two unsigned operands.
 */
export function ccAddLogical(sum: number): number {
  return (sum > 0xffffffff ? 2 : 0) | (sum >>> 0 !== 0 ? 1 : 0);
}

/**
 * Condition code of a logical subtraction a - b, done as a + ~b + 1 (PoO,
 * SUBTRACT LOGICAL): carry when a >= b; a zero result always has a carry, so
 * cc 0 cannot occur.
 */
export function ccSubtractLogical(a: number, b: number): number {
  return (a >>> 0 >= b >>> 0 ? 2 : 0) | (a >>> 0 !== b >>> 0 ? 1 : 0);
}

/** The high word (as unsigned) of the 64-bit unsigned product of two unsigned 32-bit values. */
export function multiplyHighUnsigned32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  // Each partial product is below 2^32 and their sums below 2^34: exact in a double.
  const middle = a1 * b0 + a0 * b1 + ((a0 * b0) >>> 16);
  return (a1 * b1 + Math.floor(middle / 0x10000)) >>> 0;
}

/**
 * The high word (as unsigned bits) of the 64-bit signed product of two 32-bit
 * values taken as signed (either view of the bits may be passed); the low word is Math.imul(a, b). The signed high word is the
 * unsigned one less each operand times the other's sign (two's complement).
 */
export function multiplyHighSigned32(a: number, b: number): number {
  let high = multiplyHighUnsigned32(a >>> 0, b >>> 0);
  if ((a | 0) < 0) high -= b >>> 0;
  if ((b | 0) < 0) high -= a >>> 0;
  return high >>> 0;
}

// 64-bit shifts on a (high, low) pair of 32-bit words, by 0-63 bits. JS
// shifts take their count modulo 32, so the counts 0 and 32-63 are handled
// apart. Results are 32-bit words (signed or unsigned: callers store them
// into a Uint32Array or compare them with `| 0`).

/** High word of (high, low) shifted left n bits. */
export function shiftLeft64High(high: number, low: number, n: number): number {
  if (n === 0) return high;
  return n < 32 ? (high << n) | (low >>> (32 - n)) : low << (n - 32);
}

/** Low word of (high, low) shifted left n bits. */
export function shiftLeft64Low(low: number, n: number): number {
  return n < 32 ? low << n : 0;
}

/** High word of (high, low) shifted right n bits, arithmetic (sign-filling) or logical. */
export function shiftRight64High(high: number, n: number, arithmetic: boolean): number {
  if (arithmetic) return n < 32 ? high >> n : high >> 31;
  return n < 32 ? high >>> n : 0;
}

/** Low word of (high, low) shifted right n bits, arithmetic or logical. */
export function shiftRight64Low(high: number, low: number, n: number, arithmetic: boolean): number {
  if (n === 0) return low;
  if (n < 32) return (low >>> n) | (high << (32 - n));
  return arithmetic ? high >> (n - 32) : high >>> (n - 32);
}
