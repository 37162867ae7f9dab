// Hexadecimal floating point (HFP), as pure functions on raw register bits.
// Sources: IBM System/370 Principles of Operation (GA22-7000) and ESA/390
// Principles of Operation (SA22-7201), chapter "Floating-Point Instructions";
// the rules implemented here are the same in both.
//
// HFP is not IEEE: no JavaScript number ever holds an HFP value, only raw
// bits and integer fractions. The general functions take operands of any
// format as BigInt raw bits (32, 64 or 128 bits). For speed, short operands
// and long add, subtract and compare also have versions on 32-bit words (at
// the end of this file); tests hold them to the general ones.
//
//   short     |S| char  |        fraction (6 digits)       |
//              0 1     7 8                              31
//   long      |S| char  |        fraction (14 digits)      |
//              0 1     7 8                              63
//   extended  high part: a long number holding the sign, the characteristic
//             and fraction digits 1-14; low part: a long number holding
//             digits 15-28. On input the low part's sign and characteristic
//             are ignored; on output they are the high part's sign and the
//             characteristic minus 14, modulo 128 ("Extended Floating-Point
//             Number" in the chapter's "Data Format").
//
// The value is (-1)^S x 0.fraction x 16^(char - 64). Each arithmetic
// function returns the result bits, the condition code an add, subtract or
// compare sets, and the program interruption to raise after storing the result
// (0 when none). Characteristics are carried as plain integers while the
// operation runs, so exponent overflow and underflow are a final range check.

import { ProgramInterruption } from './interruption.js';

/** An HFP format, named by the number of hexadecimal digits in its fraction. */
export const enum HfpFormat {
  Short = 6,
  Long = 14,
  Extended = 28,
}

/** The bits of the PSW program mask (Psw.programMask, 0-15) that govern HFP results. */
export const enum HfpMask {
  ExponentUnderflow = 2,
  Significance = 1,
}

/** The outcome of an HFP operation. */
export interface HfpResult {
  /** The result in its format's raw bits (32, 64 or 128 bits). Undefined content when the operation is suppressed. */
  readonly bits: bigint;
  /** For add, subtract and compare: 0 zero fraction (or equal), 1 less than zero (low), 2 greater than zero (high). */
  readonly cc: number;
  /** The program interruption to raise after storing `bits`; FloatingPointDivide means nothing is stored. 0 if none. */
  readonly interruption: ProgramInterruption | 0;
}

/** An operand taken apart: sign bit, characteristic (an integer, possibly outside 0..127 mid-operation) and fraction. */
interface Unpacked {
  sign: number;
  char: number;
  frac: bigint;
}

const M56 = (1n << 56n) - 1n;

/** The true zero: plus sign, zero characteristic, zero fraction; both parts of an extended result. */
const TRUE_ZERO: HfpResult = { bits: 0n, cc: 0, interruption: 0 };

/** 16^0 .. 16^57 (the longest intermediate is an extended product, 56 digits, plus one). */
const POW16: readonly bigint[] = Array.from({ length: 58 }, (_, n) => 1n << BigInt(4 * n));

/** 16^n as a BigInt, for the fraction limits of each format. */
function pow16(n: number): bigint {
  return POW16[n];
}

// ---- Packing ----

function unpack(format: HfpFormat, bits: bigint): Unpacked {
  if (format === HfpFormat.Extended) {
    const high = bits >> 64n;
    return {
      sign: Number(high >> 63n),
      char: Number((high >> 56n) & 0x7fn),
      frac: ((high & M56) << 56n) | (bits & M56),
    };
  }
  const fracBits = BigInt(format * 4);
  return {
    sign: Number(bits >> (fracBits + 7n)),
    char: Number((bits >> fracBits) & 0x7fn),
    frac: bits & (pow16(format) - 1n),
  };
}

/** Build the raw bits of a result; `char` must already be 0..127. */
function pack(format: HfpFormat, sign: number, char: number, frac: bigint): bigint {
  if (format === HfpFormat.Extended) {
    const high = (BigInt(sign) << 63n) | (BigInt(char) << 56n) | (frac >> 56n);
    const low = (BigInt(sign) << 63n) | (BigInt((char - 14) & 0x7f) << 56n) | (frac & M56);
    return (high << 64n) | low;
  }
  const fracBits = BigInt(format * 4);
  return (BigInt(sign) << (fracBits + 7n)) | (BigInt(char) << fracBits) | frac;
}

/** Shift a nonzero fraction left until its leftmost digit is nonzero, lowering the characteristic to match. */
function prenormalize(format: HfpFormat, x: Unpacked): void {
  const lead = pow16(format - 1);
  while (x.frac < lead) {
    x.frac <<= 4n;
    x.char -= 1;
  }
}

/**
 * Range-check the final characteristic and pack. Exponent overflow
 * (characteristic above 127): the result is stored with the characteristic
 * 128 smaller and the interruption is always taken. Exponent underflow
 * (below 0, nonzero fraction): with the exponent-underflow mask one, the
 * characteristic is made 128 larger and the interruption taken; with it zero
 * the result is a true zero. ("Exponent-Overflow Exception",
 * "Exponent-Underflow Exception" in the chapter "Program Interruptions".)
 */
function finish(format: HfpFormat, sign: number, char: number, frac: bigint, programMask: number): HfpResult {
  let interruption: ProgramInterruption | 0 = 0;
  if (char > 127) {
    interruption = ProgramInterruption.ExponentOverflow;
  } else if (char < 0) {
    if ((programMask & HfpMask.ExponentUnderflow) === 0) return TRUE_ZERO;
    interruption = ProgramInterruption.ExponentUnderflow;
  }
  const cc = frac === 0n ? 0 : sign ? 1 : 2;
  return { bits: pack(format, sign, char & 0x7f, frac), cc, interruption };
}

// ---- Add, subtract, compare ----

/**
 * The intermediate sum of the add family: the operand with the smaller
 * characteristic is shifted right by the difference, keeping one guard digit
 * (digits shifted past it are lost), and the fractions, each one digit longer
 * than the format's, are added algebraically. Returned as a sign and a
 * magnitude of format + 1 digits (or format + 2 with a carry), and the
 * characteristic of the larger operand.
 */
function intermediateSum(format: HfpFormat, a: Unpacked, b: Unpacked): Unpacked {
  let ga = a.frac << 4n;
  let gb = b.frac << 4n;
  let char = a.char;
  const shift = a.char - b.char;
  if (shift > 0) gb = shift > format ? 0n : gb >> BigInt(4 * shift);
  else if (shift < 0) {
    ga = -shift > format ? 0n : ga >> BigInt(-4 * shift);
    char = b.char;
  }
  const sum = (a.sign ? -ga : ga) + (b.sign ? -gb : gb);
  return sum < 0n ? { sign: 1, char, frac: -sum } : { sign: 0, char, frac: sum };
}

/**
 * ADD NORMALIZED / ADD UNNORMALIZED (and SUBTRACT, with `subtract` true: the
 * second operand's sign is inverted first).
 *
 * A carry out of the intermediate sum shifts it right one digit and raises
 * the characteristic (which can overflow). Normalized: the sum, guard digit
 * included, is shifted left until its leftmost digit is nonzero (which can
 * underflow), then truncated. Unnormalized: the guard digit is dropped
 * without normalizing. A zero result fraction (for normalized add: the whole
 * intermediate sum, guard digit included) is a significance exception: with
 * the significance mask one the result is a plus zero fraction keeping the
 * intermediate characteristic and the interruption is taken; with it zero
 * the result is a true zero. The sign of a zero result is always plus.
 */
export function addHfp(
  format: HfpFormat,
  aBits: bigint,
  bBits: bigint,
  normalize: boolean,
  subtract: boolean,
  programMask: number,
): HfpResult {
  const b = unpack(format, bBits);
  if (subtract) b.sign ^= 1;
  const sum = intermediateSum(format, unpack(format, aBits), b);
  let { char, frac } = sum;
  if (frac >= pow16(format + 1)) {
    frac >>= 4n;
    char += 1;
  } else if (normalize && frac !== 0n) {
    const lead = pow16(format);
    while (frac < lead) {
      frac <<= 4n;
      char -= 1;
    }
  }
  frac >>= 4n;
  if (frac === 0n) {
    if ((programMask & HfpMask.Significance) === 0) return TRUE_ZERO;
    return { bits: pack(format, 0, char & 0x7f, 0n), cc: 0, interruption: ProgramInterruption.Significance };
  }
  return finish(format, sum.sign, char, frac, programMask);
}

/**
 * COMPARE: the operands are compared as in normalized subtraction, guard
 * digit included, and the difference is discarded. Zero fractions compare
 * equal whatever their signs and characteristics. Returns the condition code:
 * 0 equal, 1 first operand low, 2 first operand high.
 */
export function compareHfp(format: HfpFormat, aBits: bigint, bBits: bigint): number {
  const b = unpack(format, bBits);
  b.sign ^= 1;
  const diff = intermediateSum(format, unpack(format, aBits), b);
  return diff.frac === 0n ? 0 : diff.sign ? 1 : 2;
}

// ---- Multiply, divide, halve ----

/**
 * MULTIPLY: both operands are prenormalized, the characteristics added less
 * 64, the fractions multiplied exactly, and the product normalized by at most
 * one digit, then truncated to the result format. A zero fraction in either
 * operand gives a true zero with no exception. Exponent overflow and
 * underflow are judged on the final characteristic only (prenormalization
 * never raises them). The condition code is unchanged.
 *
 * The result format is the operand format (MDR, MXR) or longer: short to
 * long for MER/ME, long to extended for MXDR/MXD.
 */
export function multiplyHfp(
  format: HfpFormat,
  resultFormat: HfpFormat,
  aBits: bigint,
  bBits: bigint,
  programMask: number,
): HfpResult {
  const a = unpack(format, aBits);
  const b = unpack(format, bBits);
  if (a.frac === 0n || b.frac === 0n) return TRUE_ZERO;
  prenormalize(format, a);
  prenormalize(format, b);
  let char = a.char + b.char - 64;
  let product = a.frac * b.frac;
  if (product < pow16(2 * format - 1)) {
    product <<= 4n;
    char -= 1;
  }
  const excess = 2 * format - resultFormat;
  const frac = excess >= 0 ? product >> BigInt(4 * excess) : product << BigInt(-4 * excess);
  return finish(resultFormat, a.sign ^ b.sign, char, frac, programMask);
}

/**
 * DIVIDE: a zero divisor fraction is a floating-point-divide exception and
 * the operation is suppressed (checked before the dividend, so 0/0 is one
 * too). A zero dividend fraction gives a true zero. Otherwise both operands
 * are prenormalized, the characteristic is the difference plus 64, and the
 * quotient fraction is truncated; when the dividend fraction is not smaller
 * than the divisor's the quotient is shifted right one digit and the
 * characteristic raised. No remainder; the condition code is unchanged.
 */
export function divideHfp(format: HfpFormat, aBits: bigint, bBits: bigint, programMask: number): HfpResult {
  const a = unpack(format, aBits);
  const b = unpack(format, bBits);
  if (b.frac === 0n) return { bits: aBits, cc: 0, interruption: ProgramInterruption.FloatingPointDivide };
  if (a.frac === 0n) return TRUE_ZERO;
  prenormalize(format, a);
  prenormalize(format, b);
  let char = a.char - b.char + 64;
  let quotient = (a.frac << BigInt(4 * format)) / b.frac;
  if (quotient >= pow16(format)) {
    quotient >>= 4n;
    char += 1;
  }
  return finish(format, a.sign ^ b.sign, char, quotient, programMask);
}

/**
 * HALVE: the fraction is shifted right one bit into a guard digit, so the bit
 * shifted out is kept, and the result is normalized (which can underflow). A
 * zero fraction gives a true zero; there is no significance exception. The
 * condition code is unchanged. (GA22-7000 HALVE and its programming note: a
 * fraction whose only one bit is the rightmost does not become zero.)
 */
export function halveHfp(format: HfpFormat, bits: bigint, programMask: number): HfpResult {
  const x = unpack(format, bits);
  if (x.frac === 0n) return TRUE_ZERO;
  let guarded = (x.frac << 4n) >> 1n;
  let char = x.char;
  const lead = pow16(format);
  while (guarded < lead) {
    guarded <<= 4n;
    char -= 1;
  }
  return finish(format, x.sign, char, guarded >> 4n, programMask);
}

// ---- Load rounded ----

/**
 * LOAD ROUNDED, long to short (LRER) or extended to long (LRDR): a one is
 * added at the leftmost bit dropped from the fraction (bit 32 of a long
 * operand, bit 72 of an extended one) and the fraction truncated. A carry out
 * of the fraction shifts it right one digit and raises the characteristic;
 * past 127 that is exponent overflow (characteristic 128 smaller, result
 * stored). No normalization, no other exception; sign kept; condition code
 * unchanged.
 */
export function loadRoundedHfp(format: HfpFormat.Long | HfpFormat.Extended, bits: bigint): HfpResult {
  const resultFormat = format === HfpFormat.Long ? HfpFormat.Short : HfpFormat.Long;
  const x = unpack(format, bits);
  const dropped = BigInt(4 * (format - resultFormat));
  let frac = (x.frac + (1n << (dropped - 1n))) >> dropped;
  let char = x.char;
  if (frac >= pow16(resultFormat)) {
    frac >>= 4n;
    char += 1;
  }
  return finish(resultFormat, x.sign, char, frac, 0);
}

// ---- Sign operations (LOAD AND TEST, COMPLEMENT, NEGATIVE, POSITIVE) ----

/** How LTxR, LCxR, LNxR and LPxR treat the sign bit. */
export const enum SignOp {
  Keep,
  Invert,
  SetMinus,
  SetPlus,
}

/**
 * The sign-handling loads, on the high word of the operand (the sign and the
 * first fraction digits live there; `fractionNonzero` says whether any
 * fraction bit, in either word, is one). The characteristic and fraction are
 * copied unchanged, even when unnormalized or zero; the condition code is 0
 * for a zero fraction, else 1 for a minus and 2 for a plus result.
 */
export function signedLoad(highWord: number, fractionNonzero: boolean, op: SignOp): { high: number; cc: number } {
  let high = highWord;
  if (op === SignOp.Invert) high = (high ^ 0x80000000) >>> 0;
  else if (op === SignOp.SetMinus) high = (high | 0x80000000) >>> 0;
  else if (op === SignOp.SetPlus) high = high & 0x7fffffff;
  const cc = !fractionNonzero ? 0 : high >>> 31 ? 1 : 2;
  return { high, cc };
}

// ---- Short operands on 32-bit numbers ----
// The same rules as above for the short format, computed with plain numbers
// (a guarded short fraction has 28 bits, a short product 48: all exact in a
// double) because BigInt arithmetic costs several times more. Tests hold
// these functions to the general ones above.

/** The outcome of a short operation: `bits` is the 32-bit result. */
export interface HfpShortResult {
  readonly bits: number;
  readonly cc: number;
  readonly interruption: ProgramInterruption | 0;
}

/** The outcome of MULTIPLY short to long: the two words of the long result. */
export interface HfpLongWordsResult {
  readonly high: number;
  readonly low: number;
  readonly interruption: ProgramInterruption | 0;
}

const SHORT_TRUE_ZERO: HfpShortResult = { bits: 0, cc: 0, interruption: 0 };
const LONG_WORDS_TRUE_ZERO: HfpLongWordsResult = { high: 0, low: 0, interruption: 0 };

/** finish() for a short result held in a number. */
function finishShort(sign: number, char: number, frac: number, programMask: number): HfpShortResult {
  let interruption: ProgramInterruption | 0 = 0;
  if (char > 127) {
    interruption = ProgramInterruption.ExponentOverflow;
  } else if (char < 0) {
    if ((programMask & HfpMask.ExponentUnderflow) === 0) return SHORT_TRUE_ZERO;
    interruption = ProgramInterruption.ExponentUnderflow;
  }
  const cc = frac === 0 ? 0 : sign ? 1 : 2;
  return { bits: ((sign << 31) | ((char & 0x7f) << 24) | frac) >>> 0, cc, interruption };
}

/** The signed guarded intermediate sum of two short operands (see intermediateSum), and its characteristic. */
function shortIntermediateSum(a: number, b: number, invertB: boolean): { sum: number; char: number } {
  const ca = (a >>> 24) & 0x7f;
  const cb = (b >>> 24) & 0x7f;
  let ga = (a & 0xffffff) << 4;
  let gb = (b & 0xffffff) << 4;
  let char = ca;
  if (ca > cb) gb = ca - cb > HfpFormat.Short ? 0 : gb >>> (4 * (ca - cb));
  else if (ca < cb) {
    ga = cb - ca > HfpFormat.Short ? 0 : ga >>> (4 * (cb - ca));
    char = cb;
  }
  const sb = (b >>> 31) ^ (invertB ? 1 : 0);
  return { sum: (a >>> 31 ? -ga : ga) + (sb ? -gb : gb), char };
}

/** addHfp for short operands (AER, AE, SER, SE, AUR, AU, SUR, SU). */
export function addShortHfp(
  a: number,
  b: number,
  normalize: boolean,
  subtract: boolean,
  programMask: number,
): HfpShortResult {
  const intermediate = shortIntermediateSum(a, b, subtract);
  let { sum, char } = intermediate;
  const sign = sum < 0 ? 1 : 0;
  if (sign) sum = -sum;
  if (sum >= 0x10000000) {
    sum >>>= 4;
    char += 1;
  } else if (normalize && sum !== 0) {
    while (sum < 0x1000000) {
      sum <<= 4;
      char -= 1;
    }
  }
  const frac = sum >>> 4;
  if (frac === 0) {
    if ((programMask & HfpMask.Significance) === 0) return SHORT_TRUE_ZERO;
    return { bits: (char << 24) >>> 0, cc: 0, interruption: ProgramInterruption.Significance };
  }
  return finishShort(sign, char, frac, programMask);
}

/** compareHfp for short operands (CER, CE). */
export function compareShortHfp(a: number, b: number): number {
  const { sum } = shortIntermediateSum(a, b, true);
  return sum === 0 ? 0 : sum < 0 ? 1 : 2;
}

/** A short operand's fraction prenormalized, and its characteristic lowered to match. */
function prenormalizeShort(bits: number): { char: number; frac: number } {
  let char = (bits >>> 24) & 0x7f;
  let frac = bits & 0xffffff;
  while (frac < 0x100000) {
    frac <<= 4;
    char -= 1;
  }
  return { char, frac };
}

/** multiplyHfp short to long (MER, ME), giving the two words of the long result. */
export function multiplyShortHfp(a: number, b: number, programMask: number): HfpLongWordsResult {
  if ((a & 0xffffff) === 0 || (b & 0xffffff) === 0) return LONG_WORDS_TRUE_ZERO;
  const x = prenormalizeShort(a);
  const y = prenormalizeShort(b);
  let char = x.char + y.char - 64;
  let product = x.frac * y.frac; // 12 digits, exact
  if (product < 2 ** 44) {
    product *= 16;
    char -= 1;
  }
  if (char < 0 && (programMask & HfpMask.ExponentUnderflow) === 0) return LONG_WORDS_TRUE_ZERO;
  // The 12 product digits are the first 12 of the 14-digit long fraction:
  // digits 1-6 go to the high word, 7-12 to the low word, then two zeros.
  const high = finishShort((a ^ b) >>> 31, char, Math.floor(product / 2 ** 24), programMask);
  return { high: high.bits, low: ((product % 2 ** 24) * 256) >>> 0, interruption: high.interruption };
}

/** divideHfp for short operands (DER, DE); FloatingPointDivide means suppressed. */
export function divideShortHfp(a: number, b: number, programMask: number): HfpShortResult {
  if ((b & 0xffffff) === 0) return { bits: a, cc: 0, interruption: ProgramInterruption.FloatingPointDivide };
  if ((a & 0xffffff) === 0) return SHORT_TRUE_ZERO;
  const x = prenormalizeShort(a);
  const y = prenormalizeShort(b);
  let char = x.char - y.char + 64;
  // The floor of the double quotient is the exact integer quotient: it is
  // below 2**28, where doubles are 2**-25 apart, and a quotient that is not
  // an integer lies at least 1/divisor > 2**-24 below the next integer, so
  // rounding the division can never reach it.
  let quotient = Math.floor((x.frac * 2 ** 24) / y.frac);
  if (quotient >= 0x1000000) {
    quotient = Math.floor(quotient / 16);
    char += 1;
  }
  return finishShort((a ^ b) >>> 31, char, quotient, programMask);
}

/** halveHfp for a short operand (HER). */
export function halveShortHfp(bits: number, programMask: number): HfpShortResult {
  if ((bits & 0xffffff) === 0) return SHORT_TRUE_ZERO;
  let guarded = (bits & 0xffffff) << 3; // shifted left a digit for the guard, right one bit
  let char = (bits >>> 24) & 0x7f;
  while (guarded < 0x1000000) {
    guarded <<= 4;
    char -= 1;
  }
  return finishShort(bits >>> 31, char, guarded >>> 4, programMask);
}

/** loadRoundedHfp long to short (LRER), from the two words of the long operand. */
export function loadRoundedLongToShortHfp(high: number, low: number): HfpShortResult {
  let frac = (high & 0xffffff) + (low >>> 31);
  let char = (high >>> 24) & 0x7f;
  if (frac > 0xffffff) {
    frac >>>= 4;
    char += 1;
  }
  return finishShort(high >>> 31, char, frac, 0);
}

// ---- Long add, subtract and compare on two 32-bit limbs ----
// The guarded long fraction (15 digits, 60 bits) is held as a high limb of
// digits 1-7 (28 bits) and a low limb of digits 8-15 (32 bits, the guard
// digit last), so ADR, AD, SDR, SD, AWR, AW, SWR, SW, CDR and CD need no
// BigInt. Same rules as addHfp and compareHfp; tests hold them together.

/** The outcome of a long add or subtract: both words of the result. */
export interface HfpLongSumResult extends HfpLongWordsResult {
  readonly cc: number;
}

const LONG_SUM_TRUE_ZERO: HfpLongSumResult = { high: 0, low: 0, cc: 0, interruption: 0 };
const TWO32 = 2 ** 32;

/** The signed intermediate sum of two long operands (see intermediateSum): sign, characteristic, limbs. */
interface LongIntermediate {
  sign: number;
  char: number;
  high: number;
  low: number;
}

function longIntermediateSum(
  aHigh: number,
  aLow: number,
  bHigh: number,
  bLow: number,
  invertB: boolean,
): LongIntermediate {
  const ca = (aHigh >>> 24) & 0x7f;
  const cb = (bHigh >>> 24) & 0x7f;
  // Guarded fractions: the fraction moved left one digit across the limbs.
  let ah = (((aHigh & 0xffffff) << 4) | (aLow >>> 28)) >>> 0;
  let al = (aLow << 4) >>> 0;
  let bh = (((bHigh & 0xffffff) << 4) | (bLow >>> 28)) >>> 0;
  let bl = (bLow << 4) >>> 0;
  const char = ca > cb ? ca : cb;
  // Align the operand with the smaller characteristic; past the guard digit it is lost.
  const shiftA = char - ca;
  const shiftB = char - cb;
  if (shiftA > 0) {
    al = shiftedLow(ah, al, shiftA);
    ah = shiftedHigh(ah, shiftA);
  }
  if (shiftB > 0) {
    bl = shiftedLow(bh, bl, shiftB);
    bh = shiftedHigh(bh, shiftB);
  }
  const sa = aHigh >>> 31;
  const sb = (bHigh >>> 31) ^ (invertB ? 1 : 0);
  if (sa === sb) {
    let low = al + bl;
    let high = ah + bh;
    if (low >= TWO32) {
      low -= TWO32;
      high += 1;
    }
    return { sign: sa, char, high, low };
  }
  // Opposite signs: subtract the smaller magnitude from the larger.
  const aLarger = ah > bh || (ah === bh && al >= bl);
  let low = aLarger ? al - bl : bl - al;
  let high = aLarger ? ah - bh : bh - ah;
  if (low < 0) {
    low += TWO32;
    high -= 1;
  }
  return { sign: aLarger ? sa : sb, char, high, low };
}

// A guarded long fraction (28-bit high limb, 32-bit low limb) shifted right
// by `digits` (at least 1) hex digits: the new high limb, the new low limb.

function shiftedHigh(high: number, digits: number): number {
  return digits >= 8 ? 0 : high >>> (4 * digits);
}

function shiftedLow(high: number, low: number, digits: number): number {
  if (digits > HfpFormat.Long) return 0;
  if (digits >= 8) return high >>> (4 * (digits - 8));
  return ((low >>> (4 * digits)) | (high << (32 - 4 * digits))) >>> 0;
}

/** addHfp for long operands given as register words (ADR, AD, SDR, SD, AWR, AW, SWR, SW). */
export function addLongHfp(
  aHigh: number,
  aLow: number,
  bHigh: number,
  bLow: number,
  normalize: boolean,
  subtract: boolean,
  programMask: number,
): HfpLongSumResult {
  const sum = longIntermediateSum(aHigh, aLow, bHigh, bLow, subtract);
  let { char, high, low } = sum;
  if (high >= 0x10000000) {
    low = ((low >>> 4) | ((high & 0xf) << 28)) >>> 0;
    high >>>= 4;
    char += 1;
  } else if (normalize && (high !== 0 || low !== 0)) {
    while (high < 0x1000000) {
      high = ((high << 4) | (low >>> 28)) >>> 0;
      low = (low << 4) >>> 0;
      char -= 1;
    }
  }
  // Drop the guard digit: digits 1-6 to the high word, 7-14 to the low word.
  const fracHigh = high >>> 4;
  const fracLow = (((high & 0xf) << 28) | (low >>> 4)) >>> 0;
  if (fracHigh === 0 && fracLow === 0) {
    if ((programMask & HfpMask.Significance) === 0) return LONG_SUM_TRUE_ZERO;
    return { high: (char << 24) >>> 0, low: 0, cc: 0, interruption: ProgramInterruption.Significance };
  }
  if (char < 0 && (programMask & HfpMask.ExponentUnderflow) === 0) return LONG_SUM_TRUE_ZERO;
  const top = finishShort(sum.sign, char, fracHigh, programMask);
  return { high: top.bits, low: fracLow, cc: sum.sign ? 1 : 2, interruption: top.interruption };
}

/** compareHfp for long operands given as register words (CDR, CD). */
export function compareLongHfp(aHigh: number, aLow: number, bHigh: number, bLow: number): number {
  const diff = longIntermediateSum(aHigh, aLow, bHigh, bLow, true);
  return diff.high === 0 && diff.low === 0 ? 0 : diff.sign ? 1 : 2;
}
