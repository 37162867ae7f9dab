// Packed-decimal arithmetic for the decimal instructions (s390/instructions/decimal.ts).
// Pure functions on byte arrays: no CPU, no storage. The rules come from the
// S/370 PoO (GA22-7000) and the ESA/390 PoO (SA22-7201), chapter "Decimal
// Instructions", topics "Decimal-Number Formats", "Decimal-Operand Data
// Exception" and the description of each instruction.
//
// Packed format, one operand of L bytes (1-16), 2L-1 digits and a sign:
//
//   +------+------+------+------+-- ... --+------+------+
//   |  D   |  D   |  D   |  D   |         |  D   |  S   |
//   +------+------+------+------+-- ... --+------+------+
//   4 bits each; the rightmost half-byte is the sign.
//
// Digit codes 0-9 are valid in digit positions; A-F there are invalid.
// Sign codes A, C, E, F mean plus and B, D mean minus; 0-9 in the sign
// position are invalid. Results carry the preferred signs C (plus), D (minus).

/** A decoded packed operand. The sign is kept apart from the magnitude because
 * some results keep a negative zero (MP, DP, and a truncated overflow result). */
export interface Packed {
  readonly magnitude: bigint;
  readonly negative: boolean;
}

/** A result to be stored at the first-operand location, with its condition code. */
export interface DecimalResult {
  readonly bytes: Uint8Array;
  /** 0 zero, 1 less than zero, 2 greater than zero, 3 overflow. */
  readonly cc: number;
}

/** Preferred sign codes, stored on every result (PoO "Decimal-Number Formats"). */
export const PreferredPlus = 0x0c;
export const PreferredMinus = 0x0d;

export const PackedZero: Packed = { magnitude: 0n, negative: false };

/** A-F are sign codes; 0-9 in the sign position make the operand invalid. */
export function isSignCode(code: number): boolean {
  return code >= 0x0a;
}

/** B and D are the minus codes; A, C, E, F are plus. */
export function isMinusSign(code: number): boolean {
  return code === 0x0b || code === 0x0d;
}

export function isPlusSign(code: number): boolean {
  return isSignCode(code) && !isMinusSign(code);
}

/** Number of digit positions in a packed field of `length` bytes. */
export function digitCount(length: number): number {
  return 2 * length - 1;
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);
const powersOfTen: bigint[] = [];
for (let n = 0, p = 1n; n <= 64; n++, p *= 10n) powersOfTen.push(p);

function pow10(n: number): bigint {
  return powersOfTen[n];
}

/** True when every digit is 0-9 and the sign is A-F. */
export function isValidPacked(bytes: Uint8Array): boolean {
  const last = bytes.length - 1;
  for (let i = 0; i < last; i++) {
    if (bytes[i] >> 4 > 9 || (bytes[i] & 0x0f) > 9) return false;
  }
  return bytes[last] >> 4 <= 9 && isSignCode(bytes[last] & 0x0f);
}

/** Decode a packed operand; undefined when a digit or the sign is invalid (a data exception). */
export function decodePacked(bytes: Uint8Array): Packed | undefined {
  if (!isValidPacked(bytes)) return undefined;
  const last = bytes.length - 1;
  // Up to 15 digits fit a double exactly; longer operands go through BigInt.
  let magnitude: bigint;
  if (bytes.length <= 8) {
    let n = 0;
    for (let i = 0; i < last; i++) n = n * 100 + (bytes[i] >> 4) * 10 + (bytes[i] & 0x0f);
    magnitude = BigInt(n * 10 + (bytes[last] >> 4));
  } else {
    let n = 0n;
    for (let i = 0; i < last; i++) n = n * 100n + BigInt((bytes[i] >> 4) * 10 + (bytes[i] & 0x0f));
    magnitude = n * 10n + BigInt(bytes[last] >> 4);
  }
  return { magnitude, negative: isMinusSign(bytes[last] & 0x0f) };
}

/** True when the magnitude needs more digits than a field of `length` bytes holds. */
export function overflows(magnitude: bigint, length: number): boolean {
  return magnitude >= pow10(digitCount(length));
}

/**
 * Encode into `length` bytes with the preferred sign. Digits that do not fit
 * are dropped on the left (the caller decides whether that is an overflow).
 */
export function encodePacked(value: Packed, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let m = value.magnitude % pow10(digitCount(length));
  const sign = value.negative ? PreferredMinus : PreferredPlus;
  if (m <= maxSafe) {
    let n = Number(m);
    bytes[length - 1] = ((n % 10) << 4) | sign;
    n = Math.floor(n / 10);
    for (let i = length - 2; i >= 0 && n > 0; i--) {
      bytes[i] = ((Math.floor(n / 10) % 10) << 4) | (n % 10);
      n = Math.floor(n / 100);
    }
    return bytes;
  }
  bytes[length - 1] = (Number(m % 10n) << 4) | sign;
  m /= 10n;
  for (let i = length - 2; i >= 0 && m > 0n; i--) {
    const pair = Number(m % 100n);
    bytes[i] = (Math.floor(pair / 10) << 4) | (pair % 10);
    m /= 100n;
  }
  return bytes;
}

/** Negate (SUBTRACT DECIMAL inverts the second operand's sign before adding). */
export function negate(value: Packed): Packed {
  return { magnitude: value.magnitude, negative: !value.negative };
}

function signed(value: Packed): bigint {
  return value.negative ? -value.magnitude : value.magnitude;
}

/**
 * The result of AP, SP and ZAP: the algebraic sum in a field of `length`
 * bytes. On overflow the rightmost digits are kept and cc 3 is set. A zero
 * result is positive, except that a zero left by overflow keeps the sign of
 * the true sum (PoO, ADD DECIMAL; ZERO AND ADD).
 */
export function addPacked(first: Packed, second: Packed, length: number): DecimalResult {
  const sum = signed(first) + signed(second);
  const negative = sum < 0n;
  const magnitude = negative ? -sum : sum;
  const overflow = overflows(magnitude, length);
  const bytes = encodePacked({ magnitude, negative }, length);
  return { bytes, cc: overflow ? 3 : resultCc(magnitude, negative) };
}

function resultCc(magnitude: bigint, negative: boolean): number {
  if (magnitude === 0n) return 0;
  return negative ? 1 : 2;
}

/** COMPARE DECIMAL: cc 0 equal, 1 first low, 2 first high; +0 equals -0. */
export function comparePacked(first: Packed, second: Packed): number {
  const a = signed(first);
  const b = signed(second);
  if (a === b) return 0;
  return a < b ? 1 : 2;
}

/**
 * MULTIPLY DECIMAL: the product in a field of `length` bytes. The caller has
 * checked the multiplicand's leftmost zeros, so the product always fits. The
 * sign follows the rules of algebra even when an operand is zero, so -0 can
 * result (PoO, MULTIPLY DECIMAL).
 */
export function multiplyPacked(multiplicand: Packed, multiplier: Packed, length: number): Uint8Array {
  const magnitude = multiplicand.magnitude * multiplier.magnitude;
  return encodePacked({ magnitude, negative: multiplicand.negative !== multiplier.negative }, length);
}

/**
 * MULTIPLY DECIMAL's data check: the multiplicand must have at least as many
 * bytes of leftmost zeros as the multiplier has bytes, i.e. its significant
 * digits fit the first-operand field less the multiplier's length.
 */
export function hasRoomForProduct(multiplicand: Packed, length1: number, length2: number): boolean {
  return multiplicand.magnitude < pow10(digitCount(length1) - 2 * length2);
}

/**
 * DIVIDE DECIMAL: quotient (leftmost length1 - length2 bytes) and remainder
 * (rightmost length2 bytes) in one field of length1 bytes; undefined for a
 * decimal-divide exception: a zero divisor, or a quotient with more digits
 * than its field holds. That is the PoO's test of the divisor against the
 * leftmost digits of the dividend, stated on the quotient. The quotient's sign
 * follows algebra, the remainder's is the dividend's, both even when zero.
 */
export function dividePacked(
  dividend: Packed,
  divisor: Packed,
  length1: number,
  length2: number,
): Uint8Array | undefined {
  if (divisor.magnitude === 0n) return undefined;
  const quotient = dividend.magnitude / divisor.magnitude;
  const remainder = dividend.magnitude % divisor.magnitude;
  const quotientLength = length1 - length2;
  if (overflows(quotient, quotientLength)) return undefined;
  const bytes = new Uint8Array(length1);
  bytes.set(encodePacked({ magnitude: quotient, negative: dividend.negative !== divisor.negative }, quotientLength));
  bytes.set(encodePacked({ magnitude: remainder, negative: dividend.negative }, length2), quotientLength);
  return bytes;
}

/**
 * SHIFT AND ROUND DECIMAL. `shift` is the six-bit shift value (bits 26-31 of
 * the second-operand address): 0-31 shift left, 32-63 shift right by 64 - n.
 * A right shift first adds `round` to the leftmost digit shifted out. Nonzero
 * digits lost on the left are an overflow: cc 3, the original sign kept;
 * otherwise a zero result is positive (PoO, SHIFT AND ROUND DECIMAL).
 */
export function shiftAndRoundPacked(value: Packed, length: number, shift: number, round: number): DecimalResult {
  const amount = shift & 0x3f;
  let magnitude: bigint;
  let overflow = false;
  if (amount < 32) {
    magnitude = value.magnitude * pow10(amount);
    overflow = overflows(magnitude, length);
    magnitude %= pow10(digitCount(length));
  } else {
    const right = 64 - amount;
    magnitude = (value.magnitude + BigInt(round) * pow10(right - 1)) / pow10(right);
  }
  if (overflow) return { bytes: encodePacked({ magnitude, negative: value.negative }, length), cc: 3 };
  const negative = value.negative && magnitude !== 0n;
  return { bytes: encodePacked({ magnitude, negative }, length), cc: resultCc(magnitude, negative) };
}

/**
 * CONVERT TO BINARY: the 8-byte operand as a signed 32-bit value (returned
 * unsigned, as a GPR holds it). Outside -2^31..2^31-1 the rightmost 32 bits
 * are still returned, with `fits` false: the CPU stores them, then takes a
 * fixed-point-divide exception (GA22-7000, CONVERT TO BINARY).
 */
export function packedToBinary(value: Packed): { readonly value: number; readonly fits: boolean } {
  const n = signed(value);
  const fits = n >= -0x80000000n && n <= 0x7fffffffn;
  return { value: Number(BigInt.asUintN(32, n)), fits };
}

/** CONVERT TO DECIMAL: a signed 32-bit value as 8 packed bytes, sign C or D. */
export function binaryToPacked(value: number): Uint8Array {
  const n = value | 0;
  return encodePacked({ magnitude: BigInt(Math.abs(n)), negative: n < 0 }, 8);
}

/** Byte access for the instructions that work one byte at a time (PACK, UNPK). */
export type FetchByte = (offset: number) => number;
export type StoreByte = (offset: number, byte: number) => void;

/**
 * PACK: the zoned second operand (l2 + 1 bytes) to packed in the first
 * (l1 + 1 bytes). The rightmost byte has its halves swapped (zone becomes
 * sign); every other result byte takes the numeric halves of two source
 * bytes. No codes are checked. Each result byte is stored as soon as its
 * source bytes are fetched, right to left, which is what the PoO defines for
 * overlapping fields (so a field can be packed in place).
 */
export function packZoned(l1: number, l2: number, fetch: FetchByte, store: StoreByte): void {
  const last = fetch(l2);
  store(l1, ((last << 4) | (last >> 4)) & 0xff);
  let j = l2 - 1;
  for (let i = l1 - 1; i >= 0; i--) {
    let byte = 0;
    if (j >= 0) {
      byte = fetch(j--) & 0x0f;
      if (j >= 0) byte |= (fetch(j--) & 0x0f) << 4;
    }
    store(i, byte);
  }
}

/**
 * UNPACK: the packed second operand (l2 + 1 bytes) to zoned in the first
 * (l1 + 1 bytes), zone F on every digit; the rightmost byte has its halves
 * swapped (sign becomes zone). No codes are checked; right to left, one byte
 * at a time, as for PACK.
 */
export function unpackToZoned(l1: number, l2: number, fetch: FetchByte, store: StoreByte): void {
  const last = fetch(l2);
  store(l1, ((last << 4) | (last >> 4)) & 0xff);
  let j = l2 - 1;
  for (let i = l1 - 1; i >= 0;) {
    const byte = j >= 0 ? fetch(j--) : 0;
    store(i--, 0xf0 | (byte & 0x0f));
    if (i >= 0) store(i--, 0xf0 | (byte >> 4));
  }
}

/** Pattern bytes with a function in EDIT (PoO, EDIT, "Pattern Bytes"). */
export const enum EditCode {
  DigitSelector = 0x20,
  SignificanceStarter = 0x21,
  FieldSeparator = 0x22,
}

/** Fetch the source byte at `index`, or undefined when access is denied (the CPU has raised it). */
export type FetchSource = (index: number) => number | undefined;

export type EditResult =
  | {
      readonly kind: 'done';
      /** The edited field, to replace the pattern. */
      readonly result: Uint8Array;
      /** 0 last field zero, 1 less than zero, 2 greater than zero. */
      readonly cc: number;
      /** EDMK: offset in the pattern of the rightmost digit that turned significance on; -1 if none. */
      readonly mark: number;
    }
  | { readonly kind: 'data' }
  | { readonly kind: 'access' };

/**
 * EDIT and EDIT AND MARK. The pattern is processed left to right; the first
 * byte is also the fill byte. Source bytes are fetched only as digit
 * selectors and significance starters need them, each once: the left digit
 * first (it must be 0-9, else a data exception), and at that moment the right
 * half is checked for a sign. A sign is not a digit: the next digit comes
 * from a new source byte, and a plus sign turns the significance indicator
 * off after this digit, a minus sign leaves it alone. The condition code
 * describes the field after the last field separator (PoO, EDIT, "Summary of
 * Editing Functions").
 */
export function editPattern(pattern: Uint8Array, fetchSource: FetchSource): EditResult {
  const result = new Uint8Array(pattern.length);
  const fill = pattern[0];
  let significance = false;
  let nonzero = false;
  let mark = -1;
  let sourceIndex = 0;
  let pendingDigit = -1;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p === EditCode.DigitSelector || p === EditCode.SignificanceStarter) {
      let digit: number;
      let plusFollows = false;
      if (pendingDigit >= 0) {
        digit = pendingDigit;
        pendingDigit = -1;
      } else {
        const byte = fetchSource(sourceIndex++);
        if (byte === undefined) return { kind: 'access' };
        digit = byte >> 4;
        if (digit > 9) return { kind: 'data' };
        const right = byte & 0x0f;
        if (isSignCode(right)) plusFollows = !isMinusSign(right);
        else pendingDigit = right;
      }
      if (significance || digit !== 0) {
        if (!significance) mark = i;
        result[i] = 0xf0 | digit;
        significance = true;
      } else {
        result[i] = fill;
        if (p === EditCode.SignificanceStarter) significance = true;
      }
      if (digit !== 0) nonzero = true;
      if (plusFollows) significance = false;
    } else if (p === EditCode.FieldSeparator) {
      result[i] = fill;
      significance = false;
      nonzero = false;
    } else {
      result[i] = significance ? p : fill;
    }
  }
  const cc = !nonzero ? 0 : significance ? 1 : 2;
  return { kind: 'done', result, cc, mark };
}
