// Conditional-assembly expressions (HLASM Language Reference SC26-4940,
// "Conditional assembly instructions": SETA, SETB, SETC and AIF operands).
// They are read from the statement as written, before substitution, so a
// variable symbol is a term whatever its value holds (K'&TEXT of a quoted
// string is its length, quotes included). Arithmetic terms: decimal and
// X'' B'' C'' self-defining terms, SETA/SETB/SETC values that are numbers,
// attribute references K' N' L' T' D', absolute ordinary symbols.
// Character expressions: 'string' with variables substituted, two quotes
// for one, duplication (n)'s', substrings 's'(m,n) and concatenation with
// '.'. Logical expressions: relations EQ NE LT GT LE GE (character
// comparison is EBCDIC order with a shorter string lower), NOT AND OR XOR.

import { ebcdicToChar, toEbcdic } from '../ebcdic.js';

const fromEbcdicByte = (b: number): number => ebcdicToChar(b).charCodeAt(0);
import { AsmError, selfDefining } from './expr.js';

export type CondValue = number | string;

/** What the evaluator needs from the macro processor. */
export interface CondScope {
  /** A variable symbol's value; `subscripts` are evaluated already. */
  variable(name: string, subscripts: number[]): CondValue;
  /** K' N' T' L' D' of a variable symbol (subscripted) or of an ordinary symbol name. */
  attribute(attr: string, name: string, subscripts: number[], isVariable: boolean): CondValue;
  /** The absolute value of a defined ordinary symbol (for SETA). */
  ordinarySymbol(name: string): number | undefined;
  /** Substitute variable symbols in a character string body. */
  substitute(text: string): string;
}

const RELATIONS = new Set(['EQ', 'NE', 'LT', 'GT', 'LE', 'GE']);

/** Compare two character strings as HLASM does: shorter is lower; else EBCDIC order. */
export function compareCharacter(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  const ea = toEbcdic(a);
  const eb = toEbcdic(b);
  for (let i = 0; i < ea.length; i++) if (ea[i] !== eb[i]) return ea[i] < eb[i] ? -1 : 1;
  return 0;
}

export function toNumber(v: CondValue): number {
  if (typeof v === 'number') return v;
  const t = v.trim();
  if (/^[+-]?[0-9]+$/.test(t)) return Number(t) | 0;
  const m = /^([XBC])'(.*)'$/i.exec(t);
  if (m) return selfDefining(m[1].toUpperCase(), m[2]);
  if (t === '') return 0;
  throw new AsmError('ASMA102E', `Arithmetic term is not self-defining term - ${t.slice(0, 20)}`);
}

/**
 * Parse and evaluate a conditional-assembly expression. In arithmetic
 * (SETA) expressions AND OR XOR NOT work on the bits of the values and
 * SLA SLL SRA SRL shift them; in logical (SETB, AIF) expressions they are
 * the logical operators.
 */
export class CondParser {
  p = 0;
  constructor(
    readonly text: string,
    private readonly scope: CondScope,
    private readonly mode: 'A' | 'B' | 'C' = 'B',
  ) {}

  static evaluate(text: string, scope: CondScope, mode: 'A' | 'B' | 'C' = 'B'): CondValue {
    const parser = new CondParser(text, scope, mode);
    const v = parser.expression();
    parser.blanks();
    if (parser.p < text.length)
      throw new AsmError('ASMA035E', `Invalid delimiter - ${text.slice(parser.p, parser.p + 10)}`);
    return v;
  }

  blanks(): void {
    while (this.text[this.p] === ' ') this.p++;
  }

  private word(): string | undefined {
    this.blanks();
    const m = /^[A-Za-z][A-Za-z0-9]*/.exec(this.text.slice(this.p, this.p + 8));
    if (!m) return undefined;
    const w = m[0].toUpperCase();
    const after = this.text[this.p + w.length];
    if (after !== undefined && /[A-Za-z0-9@#$_']/.test(after)) return undefined;
    return w;
  }

  expression(): CondValue {
    let v = this.andExpr();
    for (;;) {
      const w = this.word();
      if (w !== 'OR' && w !== 'XOR') return v;
      this.p += w.length;
      const r = this.andExpr();
      if (this.mode === 'A') v = w === 'OR' ? toNumber(v) | toNumber(r) : toNumber(v) ^ toNumber(r);
      else v = w === 'OR' ? Number(truth(v) || truth(r)) : Number(truth(v) !== truth(r));
    }
  }

  private andExpr(): CondValue {
    let v = this.notExpr();
    for (;;) {
      const w = this.word();
      if (w !== 'AND') return v;
      this.p += 3;
      const r = this.notExpr();
      v = this.mode === 'A' ? toNumber(v) & toNumber(r) : Number(truth(v) && truth(r));
    }
  }

  private notExpr(): CondValue {
    const w = this.word();
    if (w === 'NOT') {
      this.p += 3;
      const v = this.notExpr();
      return this.mode === 'A' ? ~toNumber(v) : Number(!truth(v));
    }
    return this.relation();
  }

  private relation(): CondValue {
    const left = this.shift();
    const w = this.word();
    if (w === 'INDEX' || w === 'FIND') {
      // 'string' INDEX 'string': where the second first occurs (1-based, 0 if not);
      // FIND: where any character of the second first occurs in the first.
      this.p += w.length;
      const a = String(left);
      const b = String(this.shift());
      if (w === 'INDEX') return a.indexOf(b) + 1;
      for (let i = 0; i < a.length; i++) if (b.includes(a[i])) return i + 1;
      return 0;
    }
    if (!w || !RELATIONS.has(w)) return left;
    this.p += 2;
    const right = this.shift();
    let c: number;
    if (typeof left === 'string' && typeof right === 'string') c = compareCharacter(left, right);
    else {
      const a = toNumber(left);
      const b = toNumber(right);
      c = a < b ? -1 : a > b ? 1 : 0;
    }
    switch (w) {
      case 'EQ':
        return Number(c === 0);
      case 'NE':
        return Number(c !== 0);
      case 'LT':
        return Number(c < 0);
      case 'GT':
        return Number(c > 0);
      case 'LE':
        return Number(c <= 0);
      default:
        return Number(c >= 0);
    }
  }

  /** SLA SLL SRA SRL (arithmetic expressions). */
  private shift(): CondValue {
    let v = this.arith();
    for (;;) {
      const w = this.word();
      if (w !== 'SLA' && w !== 'SLL' && w !== 'SRA' && w !== 'SRL') return v;
      this.p += 3;
      const n = toNumber(this.arith()) & 63;
      const x = toNumber(v);
      if (n >= 32) v = w === 'SRA' ? (x < 0 ? -1 : 0) : 0;
      else if (w === 'SLL' || w === 'SLA') v = x << n;
      else if (w === 'SRA') v = x >> n;
      else v = (x >>> n) | 0;
    }
  }

  arith(): CondValue {
    let v = this.product();
    for (;;) {
      this.blanks();
      const ch = this.text[this.p];
      if (ch !== '+' && ch !== '-') return v;
      this.p++;
      const r = this.product();
      v = ch === '+' ? (toNumber(v) + toNumber(r)) | 0 : (toNumber(v) - toNumber(r)) | 0;
    }
  }

  private product(): CondValue {
    let v = this.unary();
    for (;;) {
      this.blanks();
      const ch = this.text[this.p];
      if (ch !== '*' && ch !== '/') return v;
      this.p++;
      const r = toNumber(this.unary());
      v = ch === '*' ? Math.imul(toNumber(v), r) : r === 0 ? 0 : Math.trunc(toNumber(v) / r);
    }
  }

  private unary(): CondValue {
    this.blanks();
    const ch = this.text[this.p];
    if (ch === '+') {
      this.p++;
      return toNumber(this.unary());
    }
    if (ch === '-') {
      this.p++;
      return -toNumber(this.unary()) | 0;
    }
    return this.primary();
  }

  private primary(): CondValue {
    this.blanks();
    const t = this.text;
    const ch = t[this.p];
    if (ch === undefined) throw new AsmError('ASMA041E', 'Term expected; expression ends too soon');
    if (ch === '(') {
      this.p++;
      const fn = this.builtIn();
      if (fn !== undefined) return fn;
      const v = this.expression();
      this.blanks();
      if (t[this.p] !== ')') throw new AsmError('ASMA129S', 'Insufficient right parentheses');
      this.p++;
      if (t[this.p] === "'") {
        const n = toNumber(v);
        const s = this.characterExpression();
        return n > 0 ? s.repeat(n) : '';
      }
      return v;
    }
    if (ch === "'") return this.characterExpression();
    if (ch === '&') {
      const { name, subscripts } = this.variableRef();
      const v = this.scope.variable(name, subscripts);
      return v;
    }
    if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+/.exec(t.slice(this.p))!;
      this.p += m[0].length;
      return Number(m[0]) | 0;
    }
    const up = ch.toUpperCase();
    if (t[this.p + 1] === "'") {
      if ('XBC'.includes(up)) {
        const body = this.quotedRaw(this.p + 1);
        return selfDefining(up, body);
      }
      if ('KNTLDISO'.includes(up)) {
        this.p += 2;
        if (t[this.p] === '&') {
          const { name, subscripts } = this.variableRef();
          return this.scope.attribute(up, name, subscripts, true);
        }
        const m = /^[A-Za-z@#$_][A-Za-z0-9@#$_]*/.exec(t.slice(this.p));
        if (!m) throw new AsmError('ASMA041E', `Term expected after ${up}'`);
        this.p += m[0].length;
        return this.scope.attribute(up, m[0].toUpperCase(), [], false);
      }
    }
    const m = /^[A-Za-z@#$_][A-Za-z0-9@#$_]*/.exec(t.slice(this.p));
    if (m) {
      const name = m[0].toUpperCase();
      // Function-invocation format: NAME(argument), e.g. UPPER('&X'), A2D(&N).
      if (t[this.p + m[0].length] === '(' && FUNCTIONS.has(name)) {
        this.p += m[0].length + 1;
        const arg = this.shift();
        this.blanks();
        if (t[this.p] !== ')') throw new AsmError('ASMA129S', 'Insufficient right parentheses');
        this.p++;
        return applyFunction(name, arg);
      }
      const v = this.scope.ordinarySymbol(name);
      if (v === undefined) throw new AsmError('ASMA044E', `Undefined symbol - ${name}`);
      this.p += m[0].length;
      return v;
    }
    throw new AsmError('ASMA041E', `Term expected; text is unclassifiable - ${t.slice(this.p, this.p + 10)}`);
  }

  /**
   * A built-in function written (FUNCTION operand) (HLASM "Built-in
   * functions"): UPPER LOWER DOUBLE SIGNED BYTE and the conversions D2X
   * X2D D2C C2D C2X X2C D2B B2D, ISBIN ISDEC ISHEX ISSYM, DEQUOTE. The
   * '(' is consumed; returns undefined (nothing consumed) if none is there.
   */
  private builtIn(): CondValue | undefined {
    const m =
      /^\s*(UPPER|LOWER|DOUBLE|SIGNED|BYTE|D2X|X2D|D2C|C2D|C2X|X2C|D2B|B2D|ISBIN|ISDEC|ISHEX|ISSYM|DEQUOTE)\s+(?=['&(0-9A-Za-z-])/i.exec(
        this.text.slice(this.p, this.p + 12),
      );
    if (!m || !FUNCTIONS.has(m[1].toUpperCase())) return undefined;
    this.p += m[0].length;
    const arg = this.shift();
    this.blanks();
    if (this.text[this.p] !== ')') throw new AsmError('ASMA129S', 'Insufficient right parentheses');
    this.p++;
    return applyFunction(m[1].toUpperCase(), arg);
  }

  /** &NAME or &NAME(sub,sub) at the current position. */
  variableRef(): { name: string; subscripts: number[] } {
    const t = this.text;
    const m = /^&([A-Za-z@#$_][A-Za-z0-9@#$_]*)/.exec(t.slice(this.p));
    if (!m)
      throw new AsmError(
        'ASMA010E',
        `Invalid use of symbol qualifier or variable symbol - ${t.slice(this.p, this.p + 10)}`,
      );
    this.p += m[0].length;
    const subscripts: number[] = [];
    if (t[this.p] === '(') {
      this.p++;
      for (;;) {
        subscripts.push(toNumber(this.arith()));
        this.blanks();
        if (t[this.p] === ',') {
          this.p++;
          continue;
        }
        if (t[this.p] !== ')') throw new AsmError('ASMA129S', 'Insufficient right parentheses');
        this.p++;
        break;
      }
    }
    return { name: m[1].toUpperCase(), subscripts };
  }

  /** The raw body of a quoted string starting at t[q] === "'" (doubled quotes kept); moves p past it. */
  private quotedRaw(q: number): string {
    const t = this.text;
    let i = q + 1;
    let body = '';
    for (;;) {
      if (i >= t.length) throw new AsmError('ASMA035E', 'Invalid delimiter: missing closing quote');
      if (t[i] === "'") {
        if (t[i + 1] === "'") {
          body += "''";
          i += 2;
          continue;
        }
        break;
      }
      body += t[i++];
    }
    this.p = i + 1;
    return body;
  }

  /** 'string'(m,n).'string'... */
  private characterExpression(): string {
    let result = '';
    for (;;) {
      const raw = this.quotedRaw(this.p);
      let s = this.scope.substitute(raw).replace(/''/g, "'");
      if (this.text[this.p] === '(') {
        this.p++;
        const start = toNumber(this.arith());
        this.blanks();
        if (this.text[this.p] !== ',') throw new AsmError('ASMA035E', 'Invalid substring: expected comma');
        this.p++;
        this.blanks();
        let count: number;
        if (this.text[this.p] === '*') {
          this.p++;
          count = s.length - start + 1;
        } else count = toNumber(this.arith());
        this.blanks();
        if (this.text[this.p] !== ')') throw new AsmError('ASMA129S', 'Insufficient right parentheses');
        this.p++;
        if (start < 1 || (start > s.length && count > 0)) {
          if (count !== 0)
            throw new AsmError('ASMA093E', `Substring expression 1 points past string end; (${start},${count})`);
        }
        s = count <= 0 ? '' : s.slice(start - 1, start - 1 + count);
      }
      result += s;
      if (this.text[this.p] === '.' && this.text[this.p + 1] === "'") {
        this.p++;
        continue;
      }
      if (this.text[this.p] === '.' && this.text[this.p + 1] === '&') {
        this.p++;
        const { name, subscripts } = this.variableRef();
        result += String(this.scope.variable(name, subscripts));
        if (this.text[this.p] === '.' && this.text[this.p + 1] === "'") {
          this.p++;
          continue;
        }
      }
      return result;
    }
  }
}

export function truth(v: CondValue): boolean {
  return toNumber(v) !== 0;
}

/** Built-in functions of both forms, (NAME arg) and NAME(arg). */
const FUNCTIONS = new Set([
  'UPPER',
  'LOWER',
  'DOUBLE',
  'SIGNED',
  'BYTE',
  'D2X',
  'X2D',
  'D2C',
  'C2D',
  'C2X',
  'X2C',
  'D2B',
  'B2D',
  'ISBIN',
  'ISDEC',
  'ISHEX',
  'ISSYM',
  'DEQUOTE',
  'A2D',
  'A2X',
  'A2B',
  'A2C',
  'D2A',
  'X2A',
  'B2A',
  'C2A',
]);

function applyFunction(name: string, arg: CondValue): CondValue {
  const s = String(arg);
  const n = () => toNumber(arg);
  switch (name) {
    case 'UPPER':
      return s.toUpperCase();
    case 'LOWER':
      return s.toLowerCase();
    case 'DOUBLE':
      return s.replace(/'/g, "''").replace(/&/g, '&&');
    case 'SIGNED':
      return String(n());
    case 'BYTE':
      return String.fromCharCode(fromEbcdicByte(n() & 0xff));
    case 'D2X':
      return (n() >>> 0).toString(16).toUpperCase();
    case 'X2D':
      return String(parseInt(s, 16) | 0);
    case 'D2B':
      return (n() >>> 0).toString(2);
    case 'B2D':
      return String(parseInt(s, 2) | 0);
    case 'C2D':
      return String(toEbcdic(s).reduce((v, b) => (v * 256 + b) | 0, 0));
    case 'C2X':
      return Array.from(toEbcdic(s), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
    case 'X2C':
      return (s.match(/../g) ?? []).map((h) => String.fromCharCode(fromEbcdicByte(parseInt(h, 16)))).join('');
    case 'D2C': {
      let v = n() >>> 0;
      let out = '';
      do {
        out = String.fromCharCode(fromEbcdicByte(v & 0xff)) + out;
        v = Math.floor(v / 256);
      } while (v > 0);
      return out;
    }
    case 'ISBIN':
      return Number(/^[01]{1,32}$/.test(s));
    case 'ISDEC':
      return Number(/^[0-9]{1,10}$/.test(s) && Number(s) <= 2147483647);
    case 'ISHEX':
      return Number(/^[0-9A-Fa-f]{1,8}$/.test(s));
    case 'ISSYM':
      return Number(/^[A-Za-z@#$_][A-Za-z0-9@#$_]{0,62}$/.test(s));
    case 'A2D':
      return (n() < 0 ? '-' : '+') + String(Math.abs(n()));
    case 'A2X':
      return (n() >>> 0).toString(16).toUpperCase().padStart(8, '0');
    case 'A2B':
      return (n() >>> 0).toString(2).padStart(32, '0');
    case 'A2C':
      return [24, 16, 8, 0].map((sh) => String.fromCharCode(fromEbcdicByte((n() >>> sh) & 0xff))).join('');
    case 'D2A':
      return toNumber(s);
    case 'X2A':
      return parseInt(s, 16) | 0;
    case 'B2A':
      return parseInt(s, 2) | 0;
    case 'C2A':
      return toEbcdic(s).reduce((v, b) => (v * 256 + b) | 0, 0);
    default:
      return s.length >= 2 && s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1) : s;
  }
}
