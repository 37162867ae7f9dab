// Decimal floating-point constants to hexadecimal floating point (HFP), the
// format of E, D and L constants (ESA/390 PoO SA22-7201, "Floating-Point
// Instructions", topic "Data Format"; HLASM Language Reference, "Floating-
// point constants"): a sign bit, a 7-bit characteristic (the power of 16,
// excess 64) and a fraction of 6, 14 or 28 hexadecimal digits. The value is
// converted exactly with integers and rounded to the nearest last digit.
// The extended (L) form has a second half whose characteristic is 14 less.

import { AsmError } from './expr.js';

const FRACTION_DIGITS: Record<string, number> = { E: 6, D: 14, L: 28 };

/** Convert a decimal nominal value ("1", "-1.5", "2.5E3") to HFP bytes of the type's length (then truncated to len). */
export function hfpFromDecimal(text: string, type: string, len: number): Uint8Array {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:E([+-]?[0-9]+))?$/i.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    throw new AsmError('ASMA075E', `Invalid floating-point constant ${type}'${text}'`);
  const negative = m[1] === '-';
  const intDigits = m[2];
  const fracDigits = m[3] ?? '';
  const exp10 = Number(m[4] ?? '0') - fracDigits.length;
  let num = BigInt(intDigits + fracDigits || '0');
  let den = 1n;
  if (exp10 >= 0) num *= 10n ** BigInt(exp10);
  else den = 10n ** BigInt(-exp10);
  const digits = FRACTION_DIGITS[type];
  const full = type === 'L' ? 16 : type === 'D' ? 8 : 4;
  const out = new Uint8Array(full);
  if (num !== 0n) {
    // Find x with 16^(x-1) <= num/den < 16^x.
    let x = 0;
    while (atLeastPower(num, den, x) && x < 200) x++;
    while (!atLeastPower(num, den, x - 1) && x > -200) x--;
    const bits = BigInt(digits * 4);
    // fraction = num / den / 16^x, scaled by 2^bits and rounded.
    let scaledNum = num << bits;
    let scaledDen = den;
    if (x >= 0) scaledDen *= 16n ** BigInt(x);
    else scaledNum *= 16n ** BigInt(-x);
    let f = (2n * scaledNum + scaledDen) / (2n * scaledDen);
    if (f >= 1n << bits) {
      f >>= 4n;
      x++;
    }
    const characteristic = x + 64;
    if (characteristic > 127 || characteristic < 0)
      throw new AsmError('ASMA071E', `Floating-point constant ${text} out of range`);
    if (type === 'L') {
      const high = f >> 56n;
      const low = f & ((1n << 56n) - 1n);
      writeHalf(out, 0, negative, characteristic, high);
      writeHalf(out, 8, negative, (characteristic - 14) & 0x7f, low);
    } else {
      writeHalf(out, 0, negative, characteristic, f, full);
    }
  } else if (negative) {
    out[0] = 0x80;
  }
  return out.slice(0, Math.min(len, full)).length === len ? out.slice(0, len) : padTo(out, len);
}

function writeHalf(
  out: Uint8Array,
  at: number,
  negative: boolean,
  characteristic: number,
  fraction: bigint,
  size = 8,
): void {
  out[at] = (negative ? 0x80 : 0) | characteristic;
  let f = fraction;
  for (let i = size - 1; i >= 1; i--) {
    out[at + i] = Number(f & 0xffn);
    f >>= 8n;
  }
}

function padTo(bytes: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  out.set(bytes.subarray(0, Math.min(len, bytes.length)));
  return out;
}

/** num/den >= 16^k ? */
function atLeastPower(num: bigint, den: bigint, k: number): boolean {
  return k >= 0 ? num >= den * 16n ** BigInt(k) : num * 16n ** BigInt(-k) >= den;
}
