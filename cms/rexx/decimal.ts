// REXX decimal arithmetic at NUMERIC DIGITS: numbers are character strings,
// operations are exact on a decimal coefficient and then rounded (round half
// up) to DIGITS significant digits. The rules are those of The REXX Language
// (TRL2), chapter "Numbers and Arithmetic", which the System Product
// Interpreter follows: operands longer than DIGITS are rounded first,
// trailing zeros are kept except after division, and exponential notation is
// used when the integer part needs more than DIGITS digits or the fraction
// more than twice DIGITS places (IBM's rule, not ANSI's 1E-7 switch).

import { fail } from './errors.js';

export type NumericForm = 'SCIENTIFIC' | 'ENGINEERING';

export interface NumericSettings {
  digits: number;
  fuzz: number;
  form: NumericForm;
}

/** A decimal value: (-1)^neg * coef * 10^exp; coef has no leading zeros ('0' for zero). */
export interface Dec {
  neg: boolean;
  coef: string;
  exp: number;
}

/** Largest exponent magnitude a REXX number may have (error 42 beyond). */
export const MAX_EXPONENT = 999_999_999;

const NUMBER_PATTERN = /^ *([-+]?) *(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([-+]?\d+))? *$/;

/** Parses a REXX number (blanks around, sign, digits, point, exponent); null if not a number. */
export function parseDec(text: string): Dec | null {
  const m = NUMBER_PATTERN.exec(text);
  if (m === null) return null;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? m[4] ?? '';
  let digits = intPart + fracPart;
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  digits = digits.slice(i);
  const exp = (m[5] === undefined ? 0 : parseInt(m[5], 10)) - fracPart.length;
  if (digits === '0') return { neg: false, coef: '0', exp: 0 };
  return { neg: m[1] === '-', coef: digits, exp };
}

/** Is `text` a valid REXX number? */
export function isNumber(text: string): boolean {
  return NUMBER_PATTERN.test(text);
}

function incrementDigits(s: string): string {
  let i = s.length - 1;
  while (i >= 0 && s.charCodeAt(i) === 57) i--;
  const zeros = '0'.repeat(s.length - 1 - i);
  if (i < 0) return '1' + zeros;
  return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) + 1) + zeros;
}

/** Rounds to `digits` significant digits, half up. */
export function roundDec(d: Dec, digits: number): Dec {
  const len = d.coef.length;
  if (len <= digits) return d;
  let keep = d.coef.slice(0, digits);
  let exp = d.exp + (len - digits);
  if (d.coef.charCodeAt(digits) >= 53) {
    keep = incrementDigits(keep);
    if (keep.length > digits) {
      keep = keep.slice(0, digits);
      exp++;
    }
  }
  return { neg: d.neg, coef: keep, exp };
}

function makeDec(neg: boolean, coef: bigint, exp: number): Dec {
  if (coef === 0n) return { neg: false, coef: '0', exp: 0 };
  if (coef < 0n) return { neg: !neg, coef: (-coef).toString(), exp };
  return { neg, coef: coef.toString(), exp };
}

function big(d: Dec): bigint {
  const v = BigInt(d.coef);
  return d.neg ? -v : v;
}

const POW10: bigint[] = [];
function pow10(n: number): bigint {
  if (n < 64) {
    let p = POW10[n];
    if (p === undefined) p = POW10[n] = 10n ** BigInt(n);
    return p;
  }
  return 10n ** BigInt(n);
}

/** The exponent of the most significant digit. */
function adjusted(d: Dec): number {
  return d.exp + d.coef.length - 1;
}

/** Converts a string operand for arithmetic: error 41 when it is not a number. */
export function operand(text: string, digits: number): Dec {
  const d = parseDec(text);
  if (d === null) fail(41, `"${text}" is not a number`);
  return roundDec(d, digits);
}

export function addDec(a: Dec, b: Dec, digits: number): Dec {
  if (a.coef === '0') return roundDec(b, digits);
  if (b.coef === '0') return roundDec(a, digits);
  // When one operand is far below the other's last kept digit it can only
  // act as a sticky digit for the rounding; shrink it so the exact sum stays small.
  const gapLimit = digits + 2;
  if (adjusted(a) - adjusted(b) > gapLimit) b = { neg: b.neg, coef: '1', exp: adjusted(a) - gapLimit - 1 };
  else if (adjusted(b) - adjusted(a) > gapLimit) a = { neg: a.neg, coef: '1', exp: adjusted(b) - gapLimit - 1 };
  const e = Math.min(a.exp, b.exp);
  const sum = big(a) * pow10(a.exp - e) + big(b) * pow10(b.exp - e);
  return roundDec(makeDec(false, sum, e), digits);
}

export function negateDec(a: Dec): Dec {
  return a.coef === '0' ? a : { neg: !a.neg, coef: a.coef, exp: a.exp };
}

export function multiplyDec(a: Dec, b: Dec, digits: number): Dec {
  if (a.coef === '0' || b.coef === '0') return { neg: false, coef: '0', exp: 0 };
  const product = BigInt(a.coef) * BigInt(b.coef);
  return roundDec(makeDec(a.neg !== b.neg, product, a.exp + b.exp), digits);
}

/** Division rounded to `digits`, trailing zeros removed (TRL2: "/" result). */
export function divideDec(a: Dec, b: Dec, digits: number): Dec {
  if (b.coef === '0') fail(42, 'division by zero');
  if (a.coef === '0') return a;
  const k = Math.max(0, digits + 1 + b.coef.length - a.coef.length);
  const q = (BigInt(a.coef) * pow10(k)) / BigInt(b.coef);
  const r = roundDec(makeDec(a.neg !== b.neg, q, a.exp - b.exp - k), digits);
  return stripZeros(r);
}

export function stripZeros(d: Dec): Dec {
  let { coef, exp } = d;
  let end = coef.length;
  while (end > 1 && coef.charCodeAt(end - 1) === 48) end--;
  if (end === coef.length) return d;
  exp += coef.length - end;
  coef = coef.slice(0, end);
  return { neg: d.neg, coef, exp };
}

/** Integer part of a/b and the remainder, both exact; error 26 when the quotient needs more than DIGITS digits. */
function divideInteger(a: Dec, b: Dec, digits: number): { q: Dec; r: Dec } {
  if (b.coef === '0') fail(42, 'division by zero');
  if (a.coef === '0' || adjusted(a) < adjusted(b)) {
    return { q: { neg: false, coef: '0', exp: 0 }, r: a };
  }
  if (adjusted(a) - adjusted(b) > digits) fail(26, 'integer division result too long');
  const e = Math.min(a.exp, b.exp);
  const A = BigInt(a.coef) * pow10(a.exp - e);
  const B = BigInt(b.coef) * pow10(b.exp - e);
  const q = A / B;
  const qs = q.toString();
  if (q !== 0n && qs.length > digits) fail(26, 'integer division result too long');
  return { q: makeDec(a.neg !== b.neg, q, 0), r: makeDec(a.neg, A % B, e) };
}

export function integerDivideDec(a: Dec, b: Dec, digits: number): Dec {
  return divideInteger(a, b, digits).q;
}

export function remainderDec(a: Dec, b: Dec, digits: number): Dec {
  return roundDec(divideInteger(a, b, digits).r, digits);
}

/** Whole-number value of `d` as a JS number, or null when it has a fractional part. */
export function decToInteger(d: Dec): number | null {
  if (d.coef === '0') return 0;
  if (d.exp >= 0) {
    if (d.coef.length + d.exp > 16) return d.neg ? -Infinity : Infinity;
    const v = Number(d.coef) * 10 ** d.exp;
    return d.neg ? -v : v;
  }
  const cut = d.coef.length + d.exp;
  const frac = cut > 0 ? d.coef.slice(cut) : d.coef;
  if (!/^0*$/.test(frac)) return null;
  if (cut <= 0) return 0;
  const v = Number(d.coef.slice(0, cut));
  return d.neg ? -v : v;
}

/** x ** n for a whole n, accurately rounded to `digits` (exact power, one rounding). */
export function powerDec(x: Dec, n: number, digits: number): Dec {
  const neg = n < 0;
  const m = Math.abs(n);
  if (m === 0) return { neg: false, coef: '1', exp: 0 };
  if (x.coef === '0') {
    if (neg) fail(42, 'zero to a negative power');
    return x;
  }
  // The base enters without trailing zeros after its decimal point: 1.0**5
  // is 1, while 10**9 is 1.00000000E+9 and 2**100 keeps its rounded ...060.
  while (x.exp < 0 && x.coef.length > 1 && x.coef.endsWith('0'))
    x = { neg: x.neg, coef: x.coef.slice(0, -1), exp: x.exp + 1 };
  let result: Dec;
  if (x.coef.length * m <= 4000) {
    const c = BigInt(x.coef) ** BigInt(m);
    const e = x.exp * m;
    if (!Number.isSafeInteger(e)) fail(42);
    result = makeDec(x.neg && m % 2 === 1, c, e);
  } else {
    // Too large to do exactly: binary powering with generous guard digits.
    const work = digits + String(m).length + 8;
    let base = roundDec(x, work);
    let acc: Dec = { neg: false, coef: '1', exp: 0 };
    let k = m;
    while (k > 0) {
      if (k & 1) acc = multiplyDec(acc, base, work);
      k = Math.floor(k / 2);
      if (k > 0) base = multiplyDec(base, base, work);
      checkExponent(acc);
    }
    result = acc;
  }
  if (neg) return divideDec({ neg: false, coef: '1', exp: 0 }, result, digits);
  return roundDec(result, digits);
}

function checkExponent(d: Dec): void {
  if (d.coef !== '0' && Math.abs(adjusted(d)) > MAX_EXPONENT) fail(42, 'exponent out of range');
}

/** Formats an arithmetic result (already rounded) as TRL2 prescribes. */
export function formatDec(d: Dec, st: NumericSettings): string {
  if (d.coef === '0') return '0';
  checkExponent(d);
  const { coef, exp } = d;
  const len = coef.length;
  const sign = d.neg ? '-' : '';
  if (exp >= 0) {
    if (len + exp <= st.digits) return sign + coef + (exp > 0 ? '0'.repeat(exp) : '');
  } else if (-exp <= 2 * st.digits) {
    const point = len + exp;
    if (point > 0) return sign + coef.slice(0, point) + '.' + coef.slice(point);
    return sign + '0.' + '0'.repeat(-point) + coef;
  }
  return sign + exponential(coef, adjusted(d), st.form);
}

function exponential(coef: string, expo: number, form: NumericForm): string {
  let intDigits = 1;
  if (form === 'ENGINEERING') {
    const shift = ((expo % 3) + 3) % 3;
    expo -= shift;
    intDigits = shift + 1;
    if (coef.length < intDigits) coef = coef + '0'.repeat(intDigits - coef.length);
  }
  const rest = coef.slice(intDigits);
  const mantissa = coef.slice(0, intDigits) + (rest.length > 0 ? '.' + rest : '');
  if (expo === 0) return mantissa;
  return mantissa + 'E' + (expo < 0 ? '-' : '+') + Math.abs(expo);
}

/** Compares two numbers as the normal comparison operators do (at DIGITS-FUZZ). */
export function compareDec(a: Dec, b: Dec, st: NumericSettings): number {
  const digits = st.digits - st.fuzz;
  const diff = addDec(roundDec(a, digits), negateDec(roundDec(b, digits)), digits);
  if (diff.coef === '0') return 0;
  return diff.neg ? -1 : 1;
}

/** Arithmetic operators of the language, by their source spelling. */
export type ArithOp = '+' | '-' | '*' | '/' | '%' | '//' | '**';

/** A plainly written number whose coefficient fits a double exactly: [-]digits[.digits][E[+|-]digits]. */
interface SmallDec {
  neg: boolean;
  coef: number;
  exp: number;
}

const scratchA: SmallDec = { neg: false, coef: 0, exp: 0 };
const scratchB: SmallDec = { neg: false, coef: 0, exp: 0 };

/** Parses without a regular expression; false when the text needs the general parser. */
function parseSmall(s: string, out: SmallDec, digits: number): boolean {
  if (s === lastResult && lastResultDigits <= digits) {
    // A running total is usually the last result again: skip re-parsing it.
    out.neg = lastNeg;
    out.coef = lastCoef;
    out.exp = lastExp;
    return true;
  }
  const n = s.length;
  let i = 0;
  let neg = false;
  if (n === 0) return false;
  let c = s.charCodeAt(0);
  if (c === 45) {
    neg = true;
    i = 1;
  }
  let coef = 0;
  let count = 0;
  let sawDigit = false;
  let frac = 0;
  let inFrac = false;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      sawDigit = true;
      if (coef !== 0 || c !== 48) count++;
      coef = coef * 10 + (c - 48);
      if (inFrac) frac++;
    } else if (c === 46 && !inFrac) {
      inFrac = true;
    } else break;
  }
  if (!sawDigit || count > 15 || count > digits) return false;
  let exp = -frac;
  if (i < n) {
    if (c !== 69 && c !== 101) return false;
    i++;
    let eneg = false;
    c = s.charCodeAt(i);
    if (c === 43 || c === 45) {
      eneg = c === 45;
      i++;
    }
    if (i >= n || n - i > 9) return false;
    let e = 0;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      e = e * 10 + (c - 48);
    }
    exp += eneg ? -e : e;
  }
  out.neg = neg;
  out.coef = coef;
  out.exp = exp;
  return true;
}

// The last result smallArithmetic formatted, with its parsed value: a memo of
// a pure function (the same text always parses to the same value), so it is
// safe to share between interpreters, unlike real state.
let lastResult = '';
let lastResultDigits = 0;
let lastNeg = false;
let lastCoef = 0;
let lastExp = 0;

const POW10_NUM = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Decimal digits of a positive safe integer, by halving the range of powers of ten. */
function digitCount(n: number): number {
  if (n < 1e8) {
    if (n < 1e4) return n < 100 ? (n < 10 ? 1 : 2) : n < 1e3 ? 3 : 4;
    return n < 1e6 ? (n < 1e5 ? 5 : 6) : n < 1e7 ? 7 : 8;
  }
  if (n < 1e12) return n < 1e10 ? (n < 1e9 ? 9 : 10) : n < 1e11 ? 11 : 12;
  return n < 1e14 ? (n < 1e13 ? 13 : 14) : n < 1e15 ? 15 : 16;
}

/** +, - and * on numbers whose exact result fits a double; null when the general path is needed. */
export function smallArithmetic(op: ArithOp, left: string, right: string, st: NumericSettings): string | null {
  const a = scratchA;
  const b = scratchB;
  if (!parseSmall(left, a, st.digits) || !parseSmall(right, b, st.digits)) return null;
  let r: number;
  let exp: number;
  const x = a.neg ? -a.coef : a.coef;
  const y = b.neg ? -b.coef : b.coef;
  if (op === '*') {
    r = x * y;
    exp = a.exp + b.exp;
  } else if (op === '+' || op === '-') {
    if (b.coef === 0) {
      // Adding zero gives the other operand as it stands (1E+9 + 0 is 1E+9).
      if (x === 0) return '0';
      r = x;
      exp = a.exp;
    } else if (a.coef === 0) {
      r = op === '+' ? y : -y;
      exp = b.exp;
    } else {
      exp = Math.min(a.exp, b.exp);
      const da = a.exp - exp;
      const db = b.exp - exp;
      if (da > 15 || db > 15) return null;
      const sa = x * POW10_NUM[da];
      const sb = y * POW10_NUM[db];
      r = op === '+' ? sa + sb : sa - sb;
    }
  } else return null;
  if (!Number.isSafeInteger(r)) return null;
  if (r === 0) return '0';
  const neg = r < 0;
  let abs = neg ? -r : r;
  // Round half up to DIGITS in the number domain (exact below 2**53).
  const count = digitCount(abs);
  if (count > st.digits) {
    const k = count - st.digits;
    const unit = POW10_NUM[k];
    let q = Math.floor(abs / unit);
    if ((abs - q * unit) * 2 >= unit) q++;
    exp += k;
    if (q >= POW10_NUM[st.digits]) {
      q /= 10;
      exp++;
    }
    abs = q;
  }
  const digitsNow = Math.min(count, st.digits);
  let text: string;
  if (exp === 0) text = neg ? '-' + abs : String(abs);
  else if (exp > 0 && digitsNow + exp <= st.digits) text = (neg ? '-' : '') + abs + '0'.repeat(exp);
  else if (exp > 0 && st.form === 'SCIENTIFIC' && exp + digitsNow - 1 <= MAX_EXPONENT) {
    const c = String(abs);
    text = (neg ? '-' : '') + c[0] + (c.length > 1 ? '.' + c.slice(1) : '') + 'E+' + (exp + c.length - 1);
  } else text = formatDec({ neg, coef: String(abs), exp }, st);
  lastResult = text;
  lastResultDigits = digitsNow;
  lastNeg = neg;
  lastCoef = abs;
  lastExp = exp;
  return text;
}

/** Applies an arithmetic operator to two strings; the result string is formatted. */
export function arithmetic(op: ArithOp, left: string, right: string, st: NumericSettings): string {
  const small = smallArithmetic(op, left, right, st);
  if (small !== null) return small;
  const digits = st.digits;
  const a = operand(left, digits);
  if (op === '**') {
    const bd = parseDec(right);
    if (bd === null) fail(41, `"${right}" is not a number`);
    const n = decToInteger(roundDec(bd, digits));
    if (n === null || !Number.isFinite(n)) fail(26, 'power must be a whole number');
    return formatDec(powerDec(a, n, digits), st);
  }
  const b = operand(right, digits);
  let r: Dec;
  switch (op) {
    case '+':
      r = addDec(a, b, digits);
      break;
    case '-':
      r = addDec(a, negateDec(b), digits);
      break;
    case '*':
      r = multiplyDec(a, b, digits);
      break;
    case '/':
      r = divideDec(a, b, digits);
      break;
    case '%':
      r = integerDivideDec(a, b, digits);
      break;
    case '//':
      r = remainderDec(a, b, digits);
      break;
  }
  return formatDec(r, st);
}

/** Prefix + and -: 0+x and 0-x. */
export function prefixArithmetic(op: '+' | '-', text: string, st: NumericSettings): string {
  const a = operand(text, st.digits);
  return formatDec(op === '-' ? negateDec(a) : a, st);
}

/** Whole number for DO counts, string lengths, NUMERIC values: error 26 otherwise. */
export function wholeNumber(text: string, st: NumericSettings): number {
  const d = parseDec(text);
  if (d === null) fail(26, `"${text}" is not a whole number`);
  const n = decToInteger(roundDec(d, st.digits));
  if (n === null || !Number.isFinite(n)) fail(26, `"${text}" is not a whole number`);
  return n;
}

/** The number normalised at DIGITS, as the result of 0+x (used by ABS, MAX, TRUNC...). */
export function normalise(text: string, st: NumericSettings): string {
  return formatDec(operand(text, st.digits), st);
}
