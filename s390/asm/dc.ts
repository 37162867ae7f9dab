// DC and DS operands (HLASM Language Reference SC26-4940, "DC instruction"):
//   [duplication factor] type [modifiers] [nominal value]
// Types C X B F H A Y V S P Z E D L. Implicit lengths and boundary alignment
// as the reference's table "Type codes for constants": F A V E on a
// fullword, H Y S on a halfword, D L on a doubleword; a length modifier
// turns the alignment off. Several values in one operand ('1,2,3' or
// (A,B)) each take the operand's length; the length attribute is the
// length of one value of the first operand.

import { toEbcdic } from '../ebcdic.js';
import {
  AsmError,
  parseExpression,
  scanParens,
  scanQuoted,
  splitOperands,
  undouble,
  type ExprContext,
  type Value,
} from './expr.js';
import { hfpFromDecimal } from './hfp.js';

export interface DcOperand {
  readonly dup: number;
  readonly type: string;
  /** Explicit length modifier, if any. */
  readonly length?: number;
  /** Nominal values: strings for quoted types (one for C), expressions for address types; null for DS without one. */
  readonly values: readonly string[] | null;
  readonly text: string;
}

const ADDRESS_TYPES = 'AYSV';
const IMPLICIT: Record<string, number> = { F: 4, H: 2, A: 4, Y: 2, S: 2, V: 4, E: 4, D: 8, L: 16 };
const ALIGN: Record<string, number> = { F: 4, H: 2, A: 4, Y: 2, S: 2, V: 4, E: 4, D: 8, L: 8 };
const MAX_LENGTH: Record<string, number> = { A: 4, Y: 2, S: 2, V: 4, F: 8, H: 8, E: 8, D: 8, L: 16, P: 16, Z: 16 };

/** Parse one DC/DS operand. `ctx` evaluates duplication and length expressions (absolute, already defined). */
export function parseDcOperand(text: string, ctx: ExprContext, isDs: boolean): DcOperand {
  let p = 0;
  let dup = 1;
  const absExpr = (from: number): { n: number; end: number } => {
    const end = scanParens(text, from);
    const r = parseExpression(text.slice(from + 1, end - 1), 0, ctx);
    if (r.value.rel) throw new AsmError('ASMA032E', 'Relocatable value found when absolute value required');
    return { n: r.value.abs, end };
  };
  if (text[p] === '(') {
    const r = absExpr(p);
    dup = r.n;
    p = r.end;
  } else {
    let q = p;
    while (q < text.length && /[0-9]/.test(text[q])) q++;
    if (q > p) dup = Number(text.slice(p, q));
    p = q;
  }
  if (dup < 0) throw new AsmError('ASMA068S', 'Duplication factor is negative');
  const type = (text[p] ?? '').toUpperCase();
  if (!type || !'CXBFHAYVSPZEDL'.includes(type))
    throw new AsmError('ASMA058E', `Invalid DC/DS type - ${text.slice(p, p + 4)}`);
  p++;
  let length: number | undefined;
  // Modifiers: L (length), S (scale) and E (exponent); only L changes the code.
  for (;;) {
    const m = (text[p] ?? '').toUpperCase();
    if (m !== 'L' && m !== 'S' && m !== 'E') break;
    const next = text[p + 1];
    if (next === undefined || !(next === '(' || /[0-9.-]/.test(next))) break;
    p++;
    let n: number;
    if (text[p] === '(') {
      const r = absExpr(p);
      n = r.n;
      p = r.end;
    } else {
      if (text[p] === '.') throw new AsmError('ASMA999S', 'Bit-length modifiers are not supported by this assembler');
      let q = p;
      if (text[q] === '-') q++;
      while (q < text.length && /[0-9]/.test(text[q])) q++;
      n = Number(text.slice(p, q));
      p = q;
    }
    if (m === 'L') {
      const max = MAX_LENGTH[type] ?? 65535;
      if (n < 1 || n > max) throw new AsmError('ASMA067E', `Length modifier ${n} out of range for type ${type}`);
      length = n;
    }
  }
  let values: string[] | null = null;
  if (p < text.length) {
    if (ADDRESS_TYPES.includes(type)) {
      if (text[p] !== '(') throw new AsmError('ASMA064E', `Address constant must be in parentheses - ${text}`);
      const end = scanParens(text, p);
      values = splitOperands(text.slice(p + 1, end - 1)).map((s) => s.trim());
      p = end;
    } else {
      if (text[p] !== "'") throw new AsmError('ASMA064E', `Nominal value must be in quotes - ${text}`);
      const { body, end } = scanQuoted(text, p);
      values = type === 'C' ? [body] : splitValues(body);
      p = end;
    }
    if (values.some((v) => v === '' && type !== 'C')) throw new AsmError('ASMA064E', 'Empty nominal value');
  }
  if (p !== text.length) throw new AsmError('ASMA035E', `Invalid delimiter - ${text.slice(p, p + 10)}`);
  if (!values && !isDs) throw new AsmError('ASMA072E', `DC operand has no nominal value - ${text}`);
  return { dup, type, length, values, text };
}

function splitValues(body: string): string[] {
  return body.split(',').map((s) => s.trim());
}

/** Boundary the operand is aligned to (1 when a length modifier is given). */
export function dcAlignment(op: DcOperand): number {
  if (op.length !== undefined) return 1;
  return ALIGN[op.type] ?? 1;
}

/** The length of one value of the operand. */
export function valueLength(op: DcOperand, value: string | undefined): number {
  if (op.length !== undefined) return op.length;
  const implicit = IMPLICIT[op.type];
  if (implicit) return implicit;
  if (value === undefined) return 1;
  switch (op.type) {
    case 'C':
      return Math.max(1, undouble(value).length);
    case 'X':
      return Math.max(1, Math.ceil(value.replace(/\s/g, '').length / 2));
    case 'B':
      return Math.max(1, Math.ceil(value.length / 8));
    case 'P':
      return Math.ceil((digitsOf(value).length + 1) / 2);
    case 'Z':
      return Math.max(1, digitsOf(value).length);
    default:
      return 1;
  }
}

/** Total bytes the operand occupies (duplication included). */
export function operandLength(op: DcOperand): number {
  if (!op.values) return op.dup * valueLength(op, undefined);
  let one = 0;
  for (const v of op.values) one += valueLength(op, v);
  return op.dup * one;
}

/** The length attribute a name on this operand gets. */
export function lengthAttribute(op: DcOperand): number {
  return valueLength(op, op.values?.[0]);
}

/**
 * The type attribute (HLASM "Type attribute (T')"): the constant type,
 * except that an explicit length makes F and H 'G', E D L 'K' and A Y V S 'R'.
 */
export function typeAttribute(op: DcOperand): string {
  if (op.length !== undefined) {
    if ('FH'.includes(op.type)) return 'G';
    if ('EDL'.includes(op.type)) return 'K';
    if ('AY'.includes(op.type)) return 'R';
  }
  return op.type;
}

function digitsOf(value: string): string {
  return value.replace(/^[+-]/, '').replace('.', '');
}

/** A relocatable field a constant asks the assembler to fill (A, Y, V) or resolve (S). */
export interface AddressField {
  readonly offset: number;
  readonly length: number;
  readonly type: 'A' | 'Y' | 'V' | 'S';
  readonly expression: string;
}

/**
 * Build the bytes of a DC operand. Address-type values are left as zeros
 * and listed in `fields` for the assembler, which knows sections and USINGs.
 */
export function buildConstant(op: DcOperand): { bytes: Uint8Array; fields: AddressField[] } {
  const total = operandLength(op);
  const bytes = new Uint8Array(total);
  const fields: AddressField[] = [];
  if (!op.values) return { bytes, fields };
  const one: Uint8Array[] = [];
  const oneFields: AddressField[] = [];
  let off = 0;
  for (const v of op.values) {
    const len = valueLength(op, v);
    if (ADDRESS_TYPES.includes(op.type)) {
      oneFields.push({ offset: off, length: len, type: op.type as AddressField['type'], expression: v });
      one.push(new Uint8Array(len));
    } else {
      one.push(encodeValue(op.type, v, len));
    }
    off += len;
  }
  let p = 0;
  for (let d = 0; d < op.dup; d++) {
    for (const f of oneFields) fields.push({ ...f, offset: f.offset + p });
    for (const b of one) {
      bytes.set(b, p);
      p += b.length;
    }
  }
  return { bytes, fields };
}

/** Place an integer in `len` bytes, two's complement, truncated on the left. */
export function integerBytes(n: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let v = BigInt.asUintN(len * 8, n);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function encodeValue(type: string, v: string, len: number): Uint8Array {
  switch (type) {
    case 'C': {
      const out = new Uint8Array(len).fill(0x40);
      const e = toEbcdic(undouble(v));
      out.set(e.subarray(0, len));
      return out;
    }
    case 'X': {
      const digits = v.replace(/\s/g, '');
      if (!/^[0-9A-Fa-f]+$/.test(digits)) throw new AsmError('ASMA075E', `Invalid hexadecimal constant X'${v}'`);
      return integerBytes(BigInt('0x' + digits), len);
    }
    case 'B': {
      if (!/^[01]+$/.test(v)) throw new AsmError('ASMA075E', `Invalid binary constant B'${v}'`);
      return integerBytes(BigInt('0b' + v), len);
    }
    case 'F':
    case 'H': {
      // An integer, possibly with a decimal exponent (F'1E3'); a fraction is dropped.
      const m = /^([+-]?)([0-9]+)(?:\.([0-9]*))?(?:E([+-]?[0-9]+))?$/i.exec(v);
      if (!m) throw new AsmError('ASMA075E', `Invalid fixed-point constant ${type}'${v}'`);
      const exp = Number(m[4] ?? '0') - (m[3] ?? '').length;
      if (exp > 40 || exp < -40) throw new AsmError('ASMA072E', `Value ${v} out of range`);
      let n = BigInt(m[2] + (m[3] ?? ''));
      n = exp >= 0 ? n * 10n ** BigInt(exp) : n / 10n ** BigInt(-exp);
      if (m[1] === '-') n = -n;
      const bits = BigInt(len * 8 - 1);
      if (n < -(1n << bits) || n >= 1n << bits) throw new AsmError('ASMA072E', `Value ${v} too large for ${len} bytes`);
      return integerBytes(n, len);
    }
    case 'P':
    case 'Z': {
      const m = /^([+-]?)([0-9]*\.?[0-9]*)$/.exec(v);
      if (!m || !/[0-9]/.test(m[2])) throw new AsmError('ASMA075E', `Invalid decimal constant ${type}'${v}'`);
      const digits = m[2].replace('.', '');
      const negative = m[1] === '-';
      return type === 'P' ? packed(digits, negative, len) : zoned(digits, negative, len);
    }
    case 'E':
    case 'D':
    case 'L':
      return hfpFromDecimal(v, type, len);
    default:
      throw new AsmError('ASMA058E', `Invalid type ${type}`);
  }
}

/** Packed decimal: digits then a sign of C (plus) or D (minus), padded with zeros on the left. */
function packed(digits: string, negative: boolean, len: number): Uint8Array {
  const nibbles = (digits + (negative ? 'D' : 'C')).padStart(len * 2, '0').slice(-len * 2);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = parseInt(nibbles.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Zoned decimal: F zones, the sign (C or D) in the zone of the last digit, padded with X'F0'. */
function zoned(digits: string, negative: boolean, len: number): Uint8Array {
  const d = digits.padStart(len, '0').slice(-len);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = 0xf0 | Number(d[i]);
  out[len - 1] = (negative ? 0xd0 : 0xc0) | Number(d[len - 1]);
  return out;
}

export type { Value };
