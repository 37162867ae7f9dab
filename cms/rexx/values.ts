// String facts shared by the evaluator and the built-in functions: EBCDIC
// collation (REXX on CMS compares and orders characters by their EBCDIC
// code), REXX truth values, and the small-integer fast path.

import { charToEbcdic } from '../../s390/ebcdic.js';
import { fail } from './errors.js';

/** EBCDIC code of each Latin-1 character (the interpreter keeps strings as decoded characters). */
export const EBCDIC_CODE = new Uint8Array(256);
for (let i = 0; i < 256; i++) EBCDIC_CODE[i] = charToEbcdic(String.fromCharCode(i));

export function ebcdicCode(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 256 ? EBCDIC_CODE[c] : 0x6f;
}

/** Strict comparison (==, <<, >>): character by character in EBCDIC, a prefix sorts first. */
export function compareStrict(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = ebcdicCode(a, i);
    const y = ebcdicCode(b, i);
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Normal string comparison: leading and trailing blanks ignored, the shorter padded with blanks. */
export function compareBlankPadded(a: string, b: string): number {
  let as = 0;
  let ae = a.length;
  while (as < ae && a.charCodeAt(as) === 32) as++;
  while (ae > as && a.charCodeAt(ae - 1) === 32) ae--;
  let bs = 0;
  let be = b.length;
  while (bs < be && b.charCodeAt(bs) === 32) bs++;
  while (be > bs && b.charCodeAt(be - 1) === 32) be--;
  const n = Math.max(ae - as, be - bs);
  for (let i = 0; i < n; i++) {
    const x = as + i < ae ? ebcdicCode(a, as + i) : 0x40;
    const y = bs + i < be ? ebcdicCode(b, bs + i) : 0x40;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** '0' or '1' as a boolean; error 34 otherwise. */
export function truth(v: string): boolean {
  if (v === '1') return true;
  if (v === '0') return false;
  return fail(34, `"${v}" is not 0 or 1`);
}

/** A whole number of at most 9 characters written plainly (-123, 007), or NaN. */
export function smallInt(s: string): number {
  const n = s.length;
  if (n === 0 || n > 9) return NaN;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    if (n === 1) return NaN;
    neg = true;
    i = 1;
  }
  let v = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

/** Upper-cases a-z only, as REXX's UPPER and PARSE UPPER do. */
export function upperRexx(s: string): string {
  return s.toUpperCase() === s ? s : s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}
