// The built-in functions of the System Product Interpreter (VM/SP System
// Product Interpreter Reference, SC24-5239, chapter "Functions"), plus the
// CMS external functions that need no system (CMSFLAG, DIAG through the
// host). Strings are decoded characters; every code-dependent result (C2X,
// D2C, BITAND, XRANGE, TRANSLATE's default table) goes through EBCDIC.

import { ebcdicToChar } from '../../s390/ebcdic.js';
import type { Activation, Interpreter } from './interpreter.js';
import { symbolFromString } from './interpreter.js';
import { RexxError, errorText } from './errors.js';
import {
  compareDec,
  decToInteger,
  formatDec,
  isNumber,
  parseDec,
  roundDec,
  type Dec,
  type NumericSettings,
} from './decimal.js';
import { ebcdicCode, smallInt, upperRexx } from './values.js';
import { symbolTarget } from './parser.js';

export type Builtin = (args: (string | undefined)[], interp: Interpreter, act: Activation) => string | undefined;

export const BUILTINS = new Map<string, Builtin>();

export function isBuiltinName(name: string): boolean {
  return BUILTINS.has(name);
}

// ---------------------------------------------------------------- argument helpers

function bad(name: string, detail: string): never {
  throw new RexxError(40, `${name}: ${detail}`);
}

function define(name: string, min: number, max: number, f: Builtin): void {
  BUILTINS.set(name, (args, interp, act) => {
    if (args.length > max) bad(name, 'too many arguments');
    for (let i = 0; i < min; i++) if (args[i] === undefined) bad(name, `argument ${i + 1} missing`);
    return f(args, interp, act);
  });
}

/** A whole-number argument (error 40 if not). */
function whole(name: string, v: string | undefined, st: NumericSettings, dflt: number, min = 0): number {
  if (v === undefined) return dflt;
  const small = smallInt(v);
  if (small === small && st.digits >= 9) {
    if (small < min) bad(name, `${small} is too small`);
    return small;
  }
  const d = parseDec(v);
  const n = d === null ? null : decToInteger(roundDec(d, st.digits));
  if (n === null || !Number.isFinite(n)) bad(name, `"${v}" is not a whole number`);
  if (n < min) bad(name, `${n} is too small`);
  return n;
}

function padArg(name: string, v: string | undefined): string {
  if (v === undefined) return ' ';
  if (v.length !== 1) bad(name, 'pad must be one character');
  return v;
}

function option(name: string, v: string | undefined, dflt: string, allowed: string): string {
  if (v === undefined) return dflt;
  if (v.length === 0) bad(name, 'option missing');
  const o = upperRexx(v[0]);
  if (!allowed.includes(o)) bad(name, `option "${v}"`);
  return o;
}

function num(name: string, v: string, st: NumericSettings): Dec {
  const d = parseDec(v);
  if (d === null) bad(name, `"${v}" is not a number`);
  return roundDec(d, st.digits);
}

// ---------------------------------------------------------------- words

function wordsOf(s: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && s.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && s.charCodeAt(i) !== 32) i++;
    out.push({ start, end: i });
  }
  return out;
}

function countWords(s: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const blank = s.charCodeAt(i) === 32;
    if (!blank && !inWord) count++;
    inWord = !blank;
  }
  return count;
}

/** The n-th word (1-based) without building the whole word list. */
function nthWord(s: string, n: number): string {
  let i = 0;
  const len = s.length;
  let k = 0;
  while (i < len) {
    while (i < len && s.charCodeAt(i) === 32) i++;
    if (i >= len) break;
    const start = i;
    while (i < len && s.charCodeAt(i) !== 32) i++;
    if (++k === n) return s.slice(start, i);
  }
  return '';
}

// ---------------------------------------------------------------- strings

define('ABBREV', 2, 3, ([info, abbr, len], _i, act) => {
  const a = abbr!;
  const n = whole('ABBREV', len, act.st, a.length, 0);
  return a.length >= n && info!.startsWith(a) ? '1' : '0';
});

function center(name: string): Builtin {
  return ([s, len, pad], _i, act) => {
    const str = s!;
    const n = whole(name, len, act.st, 0, 0);
    const p = padArg(name, pad);
    const diff = n - str.length;
    if (diff >= 0) {
      const left = Math.floor(diff / 2);
      return p.repeat(left) + str + p.repeat(diff - left);
    }
    const cut = -diff;
    const left = Math.floor(cut / 2);
    return str.slice(left, left + n);
  };
}
define('CENTER', 2, 3, center('CENTER'));
define('CENTRE', 2, 3, center('CENTRE'));

define('COMPARE', 2, 3, ([a, b, pad]) => {
  const p = padArg('COMPARE', pad);
  const n = Math.max(a!.length, b!.length);
  for (let i = 0; i < n; i++) {
    const x = i < a!.length ? a![i] : p;
    const y = i < b!.length ? b![i] : p;
    if (x !== y) return String(i + 1);
  }
  return '0';
});

define('COPIES', 2, 2, ([s, n], _i, act) => s!.repeat(whole('COPIES', n, act.st, 0, 0)));

define('DELSTR', 2, 3, ([s, n, len], _i, act) => {
  const start = whole('DELSTR', n, act.st, 1, 1);
  const str = s!;
  if (start > str.length) return str;
  const l = whole('DELSTR', len, act.st, str.length, 0);
  return str.slice(0, start - 1) + str.slice(start - 1 + l);
});

define('DELWORD', 2, 3, ([s, n, len], _i, act) => {
  const str = s!;
  const k = whole('DELWORD', n, act.st, 1, 1);
  const words = wordsOf(str);
  if (k > words.length) return str;
  const l = whole('DELWORD', len, act.st, words.length, 0);
  if (l === 0) return str;
  const first = words[k - 1];
  const lastIdx = k - 1 + l;
  const end = lastIdx < words.length ? words[lastIdx].start : str.length;
  return str.slice(0, first.start) + str.slice(end);
});

define('INSERT', 2, 5, ([ins, target, n, len, pad], _i, act) => {
  const p = padArg('INSERT', pad);
  const at = whole('INSERT', n, act.st, 0, 0);
  const l = whole('INSERT', len, act.st, ins!.length, 0);
  const t = target!;
  const head = t.length >= at ? t.slice(0, at) : t + p.repeat(at - t.length);
  const piece = ins!.length >= l ? ins!.slice(0, l) : ins! + p.repeat(l - ins!.length);
  return head + piece + t.slice(at);
});

define('OVERLAY', 2, 5, ([ins, target, n, len, pad], _i, act) => {
  const p = padArg('OVERLAY', pad);
  const at = whole('OVERLAY', n, act.st, 1, 1);
  const l = whole('OVERLAY', len, act.st, ins!.length, 0);
  const t = target!;
  const head = t.length >= at - 1 ? t.slice(0, at - 1) : t + p.repeat(at - 1 - t.length);
  const piece = ins!.length >= l ? ins!.slice(0, l) : ins! + p.repeat(l - ins!.length);
  return head + piece + t.slice(at - 1 + l);
});

define('LASTPOS', 2, 3, ([needle, hay, start], _i, act) => {
  const h = hay!;
  const s = whole('LASTPOS', start, act.st, h.length, 1);
  if (needle!.length === 0) return '0';
  return String(h.lastIndexOf(needle!, Math.min(s, h.length) - needle!.length) + 1);
});

define('POS', 2, 3, ([needle, hay, start], _i, act) => {
  const s = whole('POS', start, act.st, 1, 1);
  if (needle!.length === 0) return '0';
  return String(hay!.indexOf(needle!, s - 1) + 1);
});
define('INDEX', 2, 3, ([hay, needle, start], _i, act) => {
  const s = whole('INDEX', start, act.st, 1, 1);
  if (needle!.length === 0) return '0';
  return String(hay!.indexOf(needle!, s - 1) + 1);
});

define('LEFT', 2, 3, ([s, len, pad], _i, act) => {
  const n = whole('LEFT', len, act.st, 0, 0);
  const p = padArg('LEFT', pad);
  const str = s!;
  if (str.length >= n) return str.slice(0, n);
  return str + p.repeat(n - str.length);
});

define('RIGHT', 2, 3, ([s, len, pad], _i, act) => {
  const n = whole('RIGHT', len, act.st, 0, 0);
  const p = padArg('RIGHT', pad);
  const str = s!;
  if (str.length >= n) return str.slice(str.length - n);
  return p.repeat(n - str.length) + str;
});

define('LENGTH', 1, 1, ([s]) => String(s!.length));
define('REVERSE', 1, 1, ([s]) => s!.split('').reverse().join(''));

define('SPACE', 1, 3, ([s, n, pad], _i, act) => {
  const k = whole('SPACE', n, act.st, 1, 0);
  const p = padArg('SPACE', pad);
  const w = wordsOf(s!).map((x) => s!.slice(x.start, x.end));
  return w.join(p.repeat(k));
});

define('STRIP', 1, 3, ([s, opt, ch]) => {
  const o = option('STRIP', opt, 'B', 'BLT');
  const c = ch === undefined ? ' ' : ch;
  if (c.length !== 1) bad('STRIP', 'strip character must be one character');
  const str = s!;
  let a = 0;
  let b = str.length;
  if (o !== 'T') while (a < b && str[a] === c) a++;
  if (o !== 'L') while (b > a && str[b - 1] === c) b--;
  return str.slice(a, b);
});

define('SUBSTR', 2, 4, ([s, n, len, pad], _i, act) => {
  const str = s!;
  const start = whole('SUBSTR', n, act.st, 1, 1);
  const rest = Math.max(0, str.length - start + 1);
  const l = whole('SUBSTR', len, act.st, rest, 0);
  const p = padArg('SUBSTR', pad);
  const piece = str.slice(start - 1, start - 1 + l);
  if (piece.length >= l) return piece;
  return piece + p.repeat(l - piece.length);
});

define('SUBWORD', 2, 3, ([s, n, len], _i, act) => {
  const str = s!;
  const k = whole('SUBWORD', n, act.st, 1, 1);
  const words = wordsOf(str);
  if (k > words.length) return '';
  const l = whole('SUBWORD', len, act.st, words.length, 0);
  if (l === 0) return '';
  const last = Math.min(words.length, k - 1 + l) - 1;
  return str.slice(words[k - 1].start, words[last].end);
});

define('WORD', 2, 2, ([s, n], _i, act) => nthWord(s!, whole('WORD', n, act.st, 1, 1)));

define('WORDINDEX', 2, 2, ([s, n], _i, act) => {
  const w = wordsOf(s!)[whole('WORDINDEX', n, act.st, 1, 1) - 1];
  return w === undefined ? '0' : String(w.start + 1);
});

define('WORDLENGTH', 2, 2, ([s, n], _i, act) => {
  const w = wordsOf(s!)[whole('WORDLENGTH', n, act.st, 1, 1) - 1];
  return w === undefined ? '0' : String(w.end - w.start);
});

define('WORDS', 1, 1, ([s]) => String(countWords(s!)));

function wordpos(phrase: string, str: string, start: number): string {
  const p = wordsOf(phrase).map((x) => phrase.slice(x.start, x.end));
  const w = wordsOf(str).map((x) => str.slice(x.start, x.end));
  if (p.length === 0) return '0';
  for (let i = start - 1; i + p.length <= w.length; i++) {
    let ok = true;
    for (let j = 0; j < p.length && ok; j++) ok = w[i + j] === p[j];
    if (ok) return String(i + 1);
  }
  return '0';
}
define('WORDPOS', 2, 3, ([p, s, start], _i, act) => wordpos(p!, s!, whole('WORDPOS', start, act.st, 1, 1)));
define('FIND', 2, 2, ([s, p]) => wordpos(p!, s!, 1));

define('JUSTIFY', 2, 3, ([s, len, pad], _i, act) => {
  const n = whole('JUSTIFY', len, act.st, 0, 0);
  const p = padArg('JUSTIFY', pad);
  let words = wordsOf(s!).map((x) => s!.slice(x.start, x.end));
  let text = words.join(' ');
  if (text.length >= n) {
    text = text.slice(0, n);
    words = wordsOf(text).map((x) => text.slice(x.start, x.end));
    // The cut may fall inside a word: what fits is spread to the full width.
  }
  if (words.length === 0) return p.repeat(n);
  const letters = words.reduce((a, w) => a + w.length, 0);
  if (words.length === 1) return (words[0] + p.repeat(n)).slice(0, n);
  const gaps = words.length - 1;
  const spaces = n - letters;
  const each = Math.floor(spaces / gaps);
  let extra = spaces - each * gaps;
  let out = words[0];
  for (let i = 1; i < words.length; i++) {
    let k = each;
    if (extra > 0) {
      k++;
      extra--;
    }
    out += p.repeat(k) + words[i];
  }
  return out;
});

define('TRANSLATE', 1, 4, ([s, out, inp, pad]) => {
  const str = s!;
  if (out === undefined && inp === undefined && pad === undefined) return upperRexx(str);
  const p = padArg('TRANSLATE', pad);
  const o = out ?? '';
  let table: string;
  if (inp === undefined) {
    table = '';
    for (let e = 0; e < 256; e++) table += ebcdicToChar(e);
  } else table = inp;
  let r = '';
  for (let i = 0; i < str.length; i++) {
    const c = str[i];
    const k = table.indexOf(c);
    r += k < 0 ? c : k < o.length ? o[k] : p;
  }
  return r;
});

define('VERIFY', 2, 4, ([s, ref, opt, start], _i, act) => {
  const str = s!;
  const o = option('VERIFY', opt, 'N', 'NM');
  const st = whole('VERIFY', start, act.st, 1, 1);
  for (let i = st - 1; i < str.length; i++) {
    const inRef = ref!.includes(str[i]);
    if (o === 'N' ? !inRef : inRef) return String(i + 1);
  }
  return '0';
});

define('XRANGE', 0, 2, ([a, b]) => {
  if (a !== undefined && a.length !== 1) bad('XRANGE', 'start must be one character');
  if (b !== undefined && b.length !== 1) bad('XRANGE', 'end must be one character');
  const from = a === undefined ? 0 : ebcdicCode(a, 0);
  const to = b === undefined ? 255 : ebcdicCode(b, 0);
  let r = '';
  for (let e = from; ; e = (e + 1) & 0xff) {
    r += ebcdicToChar(e);
    if (e === to) break;
  }
  return r;
});

define('CHANGESTR', 3, 3, ([needle, hay, rep]) => (needle === '' ? hay! : hay!.split(needle!).join(rep!)));
define('COUNTSTR', 2, 2, ([needle, hay]) => (needle === '' ? '0' : String(hay!.split(needle!).length - 1)));

// ---------------------------------------------------------------- bits and conversions

function bitwise(name: string, op: (a: number, b: number) => number): Builtin {
  return ([a, b, pad]) => {
    const s1 = a!;
    const s2 = b ?? '';
    if (pad !== undefined && pad.length !== 1) bad(name, 'pad must be one character');
    const n = Math.max(s1.length, s2.length);
    let r = '';
    for (let i = 0; i < n; i++) {
      if (i >= s1.length || i >= s2.length) {
        if (pad === undefined) {
          r += i >= s1.length ? s2[i] : s1[i];
          continue;
        }
      }
      const x = i < s1.length ? ebcdicCode(s1, i) : ebcdicCode(pad!, 0);
      const y = i < s2.length ? ebcdicCode(s2, i) : ebcdicCode(pad!, 0);
      r += ebcdicToChar(op(x, y) & 0xff);
    }
    return r;
  };
}
define(
  'BITAND',
  1,
  3,
  bitwise('BITAND', (x, y) => x & y),
);
define(
  'BITOR',
  1,
  3,
  bitwise('BITOR', (x, y) => x | y),
);
define(
  'BITXOR',
  1,
  3,
  bitwise('BITXOR', (x, y) => x ^ y),
);

const HEX = '0123456789ABCDEF';

define('C2X', 1, 1, ([s]) => {
  let r = '';
  for (let i = 0; i < s!.length; i++) {
    const e = ebcdicCode(s!, i);
    r += HEX[e >> 4] + HEX[e & 15];
  }
  return r;
});

/** Hex digits of a hex string argument, blanks removed at byte boundaries (error 40 otherwise). */
function hexDigits(name: string, s: string): string {
  const t = s.trim();
  if (t === '') return '';
  const groups = t.split(/ +/);
  for (let i = 0; i < groups.length; i++) {
    if (!/^[0-9a-fA-F]+$/.test(groups[i]) || (i > 0 && groups[i].length % 2 !== 0))
      bad(name, `"${s}" is not a hexadecimal string`);
  }
  return groups.join('').toUpperCase();
}

function bytesToChars(hex: string): string {
  if (hex.length % 2 !== 0) hex = '0' + hex;
  let r = '';
  for (let i = 0; i < hex.length; i += 2) r += ebcdicToChar(parseInt(hex.slice(i, i + 2), 16));
  return r;
}

define('X2C', 1, 1, ([s]) => bytesToChars(hexDigits('X2C', s!)));

function charsToBig(s: string): bigint {
  let v = 0n;
  for (let i = 0; i < s.length; i++) v = (v << 8n) | BigInt(ebcdicCode(s, i));
  return v;
}

function bigToResult(name: string, v: bigint, st: NumericSettings): string {
  const s = v.toString();
  const digits = s.startsWith('-') ? s.length - 1 : s.length;
  if (digits > st.digits) bad(name, `result needs more than ${st.digits} digits`);
  return s;
}

define('C2D', 1, 2, ([s, n], _i, act) => {
  const str = s!;
  if (n === undefined) return bigToResult('C2D', charsToBig(str), act.st);
  const len = whole('C2D', n, act.st, 0, 0);
  if (len === 0) return '0';
  const t = str.length >= len ? str.slice(str.length - len) : ebcdicToChar(0).repeat(len - str.length) + str;
  let v = charsToBig(t);
  if (ebcdicCode(t, 0) & 0x80) v -= 1n << BigInt(8 * len);
  return bigToResult('C2D', v, act.st);
});

define('X2D', 1, 2, ([s, n], _i, act) => {
  const hex = hexDigits('X2D', s!);
  if (n === undefined) return bigToResult('X2D', hex === '' ? 0n : BigInt('0x' + hex), act.st);
  const len = whole('X2D', n, act.st, 0, 0);
  if (len === 0) return '0';
  const t = hex.length >= len ? hex.slice(hex.length - len) : '0'.repeat(len - hex.length) + hex;
  let v = BigInt('0x' + t);
  if (parseInt(t[0], 16) & 8) v -= 1n << BigInt(4 * len);
  return bigToResult('X2D', v, act.st);
});

function wholeBig(name: string, v: string, st: NumericSettings): bigint {
  const d = num(name, v, st);
  const n = decToInteger(d);
  if (n === null) bad(name, `"${v}" is not a whole number`);
  if (d.exp >= 0) return BigInt((d.neg ? '-' : '') + d.coef + '0'.repeat(d.exp));
  return BigInt(n);
}

function d2hex(name: string, v: string, len: string | undefined, st: NumericSettings, unit: number): string {
  let n = wholeBig(name, v, st);
  if (len === undefined) {
    if (n < 0n) bad(name, 'negative number needs a length');
    let h = n.toString(16).toUpperCase();
    if (unit === 2 && h.length % 2) h = '0' + h;
    return h;
  }
  const l = whole(name, len, st, 0, 0) * unit;
  if (l === 0) return '';
  if (n < 0n) n += 1n << BigInt(4 * l);
  let h = n.toString(16).toUpperCase();
  if (h.length > l) h = h.slice(h.length - l);
  const fill = wholeBig(name, v, st) < 0n ? 'F' : '0';
  return fill.repeat(l - h.length) + h;
}

define('D2X', 1, 2, ([v, len], _i, act) => d2hex('D2X', v!, len, act.st, 1));
define('D2C', 1, 2, ([v, len], _i, act) => bytesToChars(d2hex('D2C', v!, len, act.st, 2)));

define('B2X', 1, 1, ([s]) => {
  const t = s!.trim();
  if (t === '') return '';
  const groups = t.split(/ +/);
  for (let i = 0; i < groups.length; i++) {
    if (!/^[01]+$/.test(groups[i]) || (i > 0 && groups[i].length % 4 !== 0))
      bad('B2X', `"${s}" is not a binary string`);
  }
  let bits = groups.join('');
  bits = '0'.repeat((4 - (bits.length % 4)) % 4) + bits;
  let r = '';
  for (let i = 0; i < bits.length; i += 4) r += HEX[parseInt(bits.slice(i, i + 4), 2)];
  return r;
});

define('X2B', 1, 1, ([s]) => {
  const hex = hexDigits('X2B', s!);
  let r = '';
  for (const h of hex) r += parseInt(h, 16).toString(2).padStart(4, '0');
  return r;
});

// ---------------------------------------------------------------- numbers

define('ABS', 1, 1, ([v], _i, act) => {
  const d = num('ABS', v!, act.st);
  return formatDec({ ...d, neg: false }, act.st);
});

define('SIGN', 1, 1, ([v], _i, act) => {
  const d = num('SIGN', v!, act.st);
  return d.coef === '0' ? '0' : d.neg ? '-1' : '1';
});

function maxMin(name: string, wantMax: boolean): Builtin {
  return (args, _i, act) => {
    if (args.length === 0) bad(name, 'no arguments');
    let best: Dec | null = null;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === undefined) bad(name, `argument ${i + 1} missing`);
      const d = num(name, a, act.st);
      if (best === null) best = d;
      else {
        const c = compareDec(d, best, { ...act.st, fuzz: 0 });
        if (wantMax ? c > 0 : c < 0) best = d;
      }
    }
    return formatDec(best!, act.st);
  };
}
BUILTINS.set('MAX', maxMin('MAX', true));
BUILTINS.set('MIN', maxMin('MIN', false));

define('TRUNC', 1, 2, ([v, n], _i, act) => {
  const places = whole('TRUNC', n, act.st, 0, 0);
  const d = num('TRUNC', v!, act.st);
  return plainDigits(d, places, false);
});

/** The number written without exponent, with exactly `places` decimals (truncated or rounded half up). */
function plainDigits(d: Dec, places: number, round: boolean): string {
  let coef = d.coef;
  let exp = d.exp;
  if (exp > 0) {
    coef = coef + '0'.repeat(exp);
    exp = 0;
  }
  // Now value = coef * 10^exp with exp <= 0: -exp digits are decimals.
  let decimals = -exp;
  if (decimals > places) {
    const cut = decimals - places;
    let keep = coef.length > cut ? coef.slice(0, coef.length - cut) : '0';
    if (round) {
      const dropped = coef.length >= cut ? coef[coef.length - cut] : '0';
      if (dropped >= '5') keep = (BigInt(keep) + 1n).toString();
    }
    coef = keep;
    decimals = places;
  }
  coef = coef + '0'.repeat(places - decimals);
  coef = coef.padStart(places + 1, '0');
  const intPart = coef.slice(0, coef.length - places).replace(/^0+(?=\d)/, '');
  const frac = coef.slice(coef.length - places);
  const isZero = /^0*$/.test(intPart + frac);
  return (d.neg && !isZero ? '-' : '') + intPart + (places > 0 ? '.' + frac : '');
}

define('FORMAT', 1, 5, ([v, before, after, expp, expt], _i, act) => {
  const st = act.st;
  let d = num('FORMAT', v!, st);
  const b = before === undefined ? -1 : whole('FORMAT', before, st, 0, 1);
  const a = after === undefined ? -1 : whole('FORMAT', after, st, 0, 0);
  const ep = expp === undefined ? -1 : whole('FORMAT', expp, st, 0, 0);
  const et = expt === undefined ? st.digits : whole('FORMAT', expt, st, 0, 0);
  if (d.coef === '0') d = { neg: false, coef: '0', exp: a >= 0 ? 0 : d.exp < 0 ? 0 : 0 };
  const adjusted = d.exp + d.coef.length - 1;
  let exponential = false;
  if (d.coef !== '0' && ep !== 0) {
    const intPlaces = adjusted + 1;
    const decPlaces = d.exp < 0 ? -d.exp : 0;
    if (et === 0) exponential = adjusted !== 0;
    else exponential = intPlaces > et || decPlaces > 2 * et;
  }
  let mantissa: string;
  let expo = 0;
  if (exponential) {
    expo = adjusted;
    let intDigits = 1;
    if (st.form === 'ENGINEERING') {
      const shift = ((expo % 3) + 3) % 3;
      expo -= shift;
      intDigits = shift + 1;
    }
    let m: Dec = { neg: d.neg, coef: d.coef, exp: d.exp - expo };
    if (a >= 0) {
      mantissa = plainDigits(m, a, true);
      const intLen = mantissa.replace('-', '').split('.')[0].length;
      if (intLen > intDigits) {
        // Rounding carried into a new digit (9.99 -> 10.0): renormalise.
        expo += st.form === 'ENGINEERING' ? (intDigits === 3 ? 3 : 0) : 1;
        const dd = parseDec(mantissa)!;
        m = { ...dd, exp: dd.exp - (st.form === 'ENGINEERING' ? (intDigits === 3 ? 3 : 0) : 1) };
        mantissa = plainDigits(m, a, true);
      }
    } else {
      const places = Math.max(0, -m.exp);
      mantissa = plainDigits(m, places, false);
    }
  } else {
    mantissa = a >= 0 ? plainDigits(d, a, true) : plainDigits(d, Math.max(0, -d.exp), false);
  }
  const point = mantissa.indexOf('.');
  const intPart = point < 0 ? mantissa : mantissa.slice(0, point);
  const rest = point < 0 ? '' : mantissa.slice(point);
  let out = intPart;
  if (b >= 0) {
    if (intPart.length > b) bad('FORMAT', 'integer part does not fit');
    out = intPart.padStart(b, ' ');
  }
  out += rest;
  if (exponential) {
    const digits = String(Math.abs(expo));
    if (expo === 0 && ep > 0) out += ' '.repeat(ep + 2);
    else if (expo !== 0) {
      if (ep > 0 && digits.length > ep) bad('FORMAT', 'exponent does not fit');
      out += 'E' + (expo < 0 ? '-' : '+') + (ep > 0 ? digits.padStart(ep, '0') : digits);
    }
  } else if (ep > 0 && et === 0) {
    // Exponential form was asked for (expt 0) but the exponent is 0: blanks keep columns aligned.
    out += ' '.repeat(ep + 2);
  }
  return out;
});

define('DIGITS', 0, 0, (_a, _i, act) => String(act.st.digits));
define('FUZZ', 0, 0, (_a, _i, act) => String(act.st.fuzz));
define('FORM', 0, 0, (_a, _i, act) => act.st.form);

define('RANDOM', 0, 3, ([lo, hi, seed], interp, act) => {
  let min = whole('RANDOM', lo, act.st, 0, 0);
  let max = whole('RANDOM', hi, act.st, 999, 0);
  if (lo !== undefined && hi === undefined && seed === undefined) {
    max = min;
    min = 0;
  }
  if (max < min) bad('RANDOM', 'max is less than min');
  if (max - min > 100000) bad('RANDOM', 'range too large');
  const s = seed === undefined ? undefined : whole('RANDOM', seed, act.st, 0, 0);
  return String(interp.random(min, max, s));
});

define('DATATYPE', 1, 2, ([s, type], _i, act) => {
  const str = s!;
  if (type === undefined) return isNumber(str) ? 'NUM' : 'CHAR';
  const t = option('DATATYPE', type, 'N', 'ABLMNSUWX');
  const r = (b: boolean): string => (b ? '1' : '0');
  switch (t) {
    case 'A':
      return r(/^[A-Za-z0-9]+$/.test(str));
    case 'B':
      return r(str === '' || (/^[01]+( +[01]{4})*$/.test(str.trim()) && !/^ | $/.test(str)));
    case 'L':
      return r(/^[a-z]+$/.test(str));
    case 'U':
      return r(/^[A-Z]+$/.test(str));
    case 'M':
      return r(/^[A-Za-z]+$/.test(str));
    case 'N':
      return r(isNumber(str));
    case 'S':
      return r(symbolFromString(str) !== null);
    case 'W': {
      const d = parseDec(str);
      return r(d !== null && decToInteger(roundDec(d, act.st.digits)) !== null);
    }
    case 'X':
      return r(str === '' || (/^[0-9A-Fa-f]+( +[0-9A-Fa-f]{2})*$/.test(str) && !/^ | $/.test(str)));
  }
  return '0';
});

// ---------------------------------------------------------------- the program and its environment

define('ADDRESS', 0, 0, (_a, _i, act) => act.env);

define('ARG', 0, 2, ([n, opt], _i, act) => {
  const args = act.args;
  if (n === undefined) {
    if (opt !== undefined) bad('ARG', 'option without argument number');
    let count = args.length;
    while (count > 0 && args[count - 1] === undefined) count--;
    return String(count);
  }
  const k = whole('ARG', n, act.st, 1, 1);
  const a = args[k - 1];
  if (opt === undefined) return a ?? '';
  const o = option('ARG', opt, 'E', 'EO');
  return (a !== undefined) === (o === 'E') ? '1' : '0';
});

define('CONDITION', 0, 1, ([opt], _i, act) => {
  const o = option('CONDITION', opt, 'I', 'CDIS');
  const c = act.condition;
  if (c === null) return '';
  switch (o) {
    case 'C':
      return c.name;
    case 'D':
      return c.description;
    case 'I':
      return c.instruction;
    default:
      return c.state;
  }
});

define('ERRORTEXT', 1, 1, ([n], _i, act) => {
  const k = whole('ERRORTEXT', n, act.st, 0, 0);
  if (k > 99) bad('ERRORTEXT', 'error number out of range');
  return errorText(k);
});

define('QUEUED', 0, 0, (_a, interp) => String(interp.host.stack.count()));
define('EXTERNALS', 0, 0, (_a, interp) => String(interp.host.externals()));
define('LINESIZE', 0, 0, (_a, interp) => String(interp.host.linesize()));
define('USERID', 0, 0, (_a, interp) => interp.host.userid());

define('SOURCELINE', 0, 1, ([n], _interp, act) => {
  const lines = act.program.lines;
  const count = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (n === undefined) return String(count);
  const k = whole('SOURCELINE', n, act.st, 0, 1);
  if (k > count) bad('SOURCELINE', 'line number out of range');
  return lines[k - 1];
});

define('SYMBOL', 1, 1, ([name], interp, act) => {
  const n = symbolFromString(name!);
  if (n === null) return 'BAD';
  const first = n.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 46) return 'LIT';
  return interp.isSet(act, symbolTarget(n)) ? 'VAR' : 'LIT';
});

define('VALUE', 1, 3, ([name, value, selector], interp, act) => {
  if (selector !== undefined) bad('VALUE', `selector "${selector}" not supported`);
  const n = symbolFromString(name!);
  if (n === null) bad('VALUE', `"${name}" is not a symbol`);
  const first = n.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 46) {
    if (value !== undefined) bad('VALUE', 'cannot assign to a constant');
    return n;
  }
  const t = symbolTarget(n);
  const old = interp.isSet(act, t) ? interp.get(act, t) : n;
  if (value !== undefined) interp.assign(act, t, value);
  return old;
});

define('TRACE', 0, 1, ([setting], interp, act) => {
  const old = interp.traceSetting(act);
  if (setting !== undefined) interp.setTrace(act, setting);
  return old;
});

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Days from 1 January 0001 (proleptic Gregorian) to the date: DATE('B'). */
function baseDays(y: number, m: number, d: number): number {
  const t = Date.UTC(y, m, d);
  const epoch = Date.UTC(1970, 0, 1);
  return Math.round((t - epoch) / 86400000) + 719162;
}

define('DATE', 0, 1, ([opt], interp) => {
  const o = option('DATE', opt, 'N', 'BCDEJMNOSUW');
  const now = interp.host.now();
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  const dayOfYear = baseDays(y, m, d) - baseDays(y, 0, 1) + 1;
  switch (o) {
    case 'N':
      return `${d} ${MONTHS[m].slice(0, 3)} ${y}`;
    case 'B':
      return String(baseDays(y, m, d));
    case 'C':
      return String(baseDays(y, m, d) - baseDays(y - (y % 100), 0, 1) + 1);
    case 'D':
      return String(dayOfYear);
    case 'E':
      return `${two(d)}/${two(m + 1)}/${two(y % 100)}`;
    case 'J':
      return `${two(y % 100)}${String(dayOfYear).padStart(3, '0')}`;
    case 'M':
      return MONTHS[m];
    case 'O':
      return `${two(y % 100)}/${two(m + 1)}/${two(d)}`;
    case 'S':
      return `${y}${two(m + 1)}${two(d)}`;
    case 'U':
      return `${two(m + 1)}/${two(d)}/${two(y % 100)}`;
    default:
      return DAYS[now.getDay()];
  }
});

define('TIME', 0, 1, ([opt], interp, act) => {
  const o = option('TIME', opt, 'N', 'CEHLMNRS');
  const now = interp.host.now();
  const h = now.getHours();
  const mi = now.getMinutes();
  const s = now.getSeconds();
  const ms = now.getMilliseconds();
  switch (o) {
    case 'N':
      return `${two(h)}:${two(mi)}:${two(s)}`;
    case 'C':
      return `${h % 12 === 0 ? 12 : h % 12}:${two(mi)}${h < 12 ? 'am' : 'pm'}`;
    case 'H':
      return String(h);
    case 'M':
      return String(h * 60 + mi);
    case 'S':
      return String(h * 3600 + mi * 60 + s);
    case 'L':
      return `${two(h)}:${two(mi)}:${two(s)}.${String(ms * 1000).padStart(6, '0')}`;
    case 'E':
    case 'R': {
      const t = now.getTime();
      const start = act.elapsedStart;
      if (o === 'R') act.elapsedStart = t;
      if (start === null) {
        act.elapsedStart = t;
        return '0';
      }
      const e = (t - start) / 1000;
      return e.toFixed(6).replace(/^0\./, '0.');
    }
  }
  return '';
});

// CMS external functions.

define('CMSFLAG', 1, 1, ([flag], interp) => {
  const name = upperRexx(flag!.trim());
  if (interp.host.cmsFlag) {
    const answer = interp.host.cmsFlag(name);
    if (answer === null) bad('CMSFLAG', `unknown flag "${flag}"`);
    return answer!;
  }
  // The defaults of a freshly IPLed CMS (SET ABBREV ON, CMSTYPE HT off, ...).
  const defaults: Record<string, string> = {
    ABBREV: '1',
    AUTOREAD: '1',
    CMSTYPE: '1',
    DOS: '0',
    EXECTRAC: '0',
    IMPCP: '1',
    IMPEX: '1',
    PROTECT: '1',
    RELPAGE: '1',
    SUBSET: '0',
  };
  const v = defaults[name];
  if (v === undefined) bad('CMSFLAG', `unknown flag "${flag}"`);
  return v;
});

function diag(name: string, rcToo: boolean): Builtin {
  return (args, interp) => {
    const host = interp.host;
    if (host.diagnose === undefined) bad(name, 'no CP to issue DIAGNOSE to');
    const code = hexDigits(name, args[0] ?? '');
    const r = host.diagnose!(
      parseInt(code || '0', 16),
      args.slice(1).map((a) => a ?? ''),
    );
    if (r === null) bad(name, `DIAGNOSE code X'${code.toUpperCase()}' is not supported`);
    if (!rcToo) return r!.data;
    return String(r!.rc).padStart(10, ' ') + ' ' + r!.data;
  };
}
define('STORAGE', 0, 3, ([address, length, data], interp, act) => {
  const host = interp.host;
  if (host.storage === undefined) bad('STORAGE', 'no virtual storage to look at');
  if (address === undefined) return host.storage();
  const hex = hexDigits('STORAGE', address);
  const len = whole('STORAGE', length, act.st, data === undefined ? 1 : data.length, 0);
  return host.storage(parseInt(hex || '0', 16), len, data);
});

BUILTINS.set('DIAG', diag('DIAG', false));
BUILTINS.set('DIAGRC', diag('DIAGRC', true));
