// Assembler expressions (HLASM Language Reference SC26-4940, "Terms,
// literals and expressions"): terms are symbols, the location counter '*',
// self-defining terms (decimal, X'..', C'..', B'..'), length attribute
// references L'sym, and literals; operators + - * / with the usual
// precedence and unary + and -. Every value carries its relocatability:
// the count of each relocatable term's section (+1 for a term added, -1 for
// a term subtracted). A pair of terms from the same section cancels, so
// A-B is absolute; one section with count 1 is simply relocatable; anything
// else is complexly relocatable, allowed only in A-type constants.
// Arithmetic is 32-bit two's complement; division truncates toward zero and
// division by zero gives zero (HLASM "Arithmetic operations").

import { toEbcdic } from '../ebcdic.js';

/** A diagnostic raised while assembling one statement. */
export class AsmError extends Error {
  constructor(
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

/** An expression value: an absolute part and relocation counts by section id. */
export interface Value {
  readonly abs: number;
  /** Section id -> count; null or empty means absolute. */
  readonly rel: ReadonlyMap<number, number> | null;
}

/** What an expression may know about a symbol. */
export interface SymbolInfo {
  /** The offset in its section (or the absolute value). */
  readonly value: number;
  /** Section id; 0 means absolute. */
  readonly section: number;
  readonly length: number;
  readonly type: string;
}

export interface ExprContext {
  /** A defined symbol, or undefined. */
  symbol(name: string): SymbolInfo | undefined;
  /** The location counter value (and its length attribute). */
  location(): SymbolInfo;
  /** A literal's address (undefined while the pool is unassigned). */
  literal?(text: string): SymbolInfo | undefined;
}

export const absolute = (n: number): Value => ({ abs: n | 0, rel: null });

export function isAbsolute(v: Value): boolean {
  if (!v.rel) return true;
  for (const c of v.rel.values()) if (c !== 0) return false;
  return true;
}

/** The section of a simply relocatable value, 0 if absolute, -1 if complex. */
export function relocation(v: Value): number {
  if (!v.rel) return 0;
  let section = 0;
  for (const [s, c] of v.rel) {
    if (c === 0) continue;
    if (c !== 1 || section !== 0) return -1;
    section = s;
  }
  return section;
}

const units = new Map<number, ReadonlyMap<number, number>>();

/** The relocation of one term of a section (shared: relocation maps are never changed once made). */
export function unitRelocation(section: number): ReadonlyMap<number, number> {
  let m = units.get(section);
  if (!m) {
    m = new Map([[section, 1]]);
    units.set(section, m);
  }
  return m;
}

function combine(a: Value, b: Value, sign: 1 | -1): Value {
  const abs = (a.abs + sign * b.abs) | 0;
  if (!a.rel && !b.rel) return { abs, rel: null };
  if (!b.rel) return { abs, rel: a.rel };
  if (!a.rel && sign === 1) return { abs, rel: b.rel };
  const rel = new Map<number, number>(a.rel ?? []);
  if (b.rel) for (const [s, c] of b.rel) rel.set(s, (rel.get(s) ?? 0) + sign * c);
  for (const [s, c] of rel) if (c === 0) rel.delete(s);
  return { abs, rel: rel.size ? rel : null };
}

const SYMBOL_START = /[A-Za-z@#$_]/;
const SYMBOL_CHAR = /[A-Za-z0-9@#$_]/;

/** Is `text` an ordinary symbol (1-63 characters, starting with a letter or @#$_)? */
export function isSymbol(text: string): boolean {
  return /^[A-Za-z@#$_][A-Za-z0-9@#$_]{0,62}$/.test(text);
}

/** Read a quoted string starting at text[p] === "'"; returns the contents (doubled quotes kept) and the end. */
export function scanQuoted(text: string, p: number): { body: string; end: number } {
  let q = p + 1;
  let body = '';
  for (;;) {
    if (q >= text.length) throw new AsmError('ASMA035E', 'Invalid delimiter: missing closing quote');
    if (text[q] === "'") {
      if (text[q + 1] === "'") {
        body += "''";
        q += 2;
        continue;
      }
      return { body, end: q + 1 };
    }
    body += text[q++];
  }
}

/** Character-string contents with doubled quotes and ampersands made single. */
export function undouble(body: string): string {
  return body.replace(/''/g, "'").replace(/&&/g, '&');
}

/** Find the end of a balanced parenthesised group starting at text[p] === '('. */
export function scanParens(text: string, p: number): number {
  let depth = 0;
  for (let q = p; q < text.length; q++) {
    const ch = text[q];
    if (ch === "'" && !isAttributeAt(text, q)) {
      q = scanQuoted(text, q).end - 1;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return q + 1;
    }
  }
  throw new AsmError('ASMA129S', 'Insufficient right parentheses');
}

function isAttributeAt(text: string, q: number): boolean {
  if (q === 0) return false;
  const a = text.charCodeAt(q - 1) & 0xdf;
  // L T K N D I S O
  if (a !== 0x4c && a !== 0x54 && a !== 0x4b && a !== 0x4e && a !== 0x44 && a !== 0x49 && a !== 0x53 && a !== 0x4f)
    return false;
  if (q >= 2 && SYMBOL_CHAR.test(text[q - 2])) return false;
  const next = text[q + 1];
  return next !== undefined && /[A-Za-z@#$_&*=]/.test(next);
}

/** Find the end of a literal (a DC operand after '=') starting at text[p] === '='. */
export function scanLiteral(text: string, p: number): number {
  let q = p + 1;
  if (text[q] === '(') q = scanParens(text, q);
  while (q < text.length && /[0-9]/.test(text[q])) q++;
  while (q < text.length && /[A-Za-z]/.test(text[q]) && text[q + 1] !== undefined) {
    const ch = text[q].toUpperCase();
    q++;
    if ('LSE'.includes(ch) && q < text.length && (text[q] === '(' || /[0-9.]/.test(text[q]))) {
      if (text[q] === '(') q = scanParens(text, q);
      else while (q < text.length && /[0-9.]/.test(text[q])) q++;
    }
    if (text[q] === "'" || text[q] === '(') break;
  }
  if (text[q] === "'") return scanQuoted(text, q).end;
  if (text[q] === '(') return scanParens(text, q);
  throw new AsmError('ASMA097E', 'Invalid literal usage');
}

/** The value of a self-defining term X'..', C'..', B'..' given its type letter and quoted body. */
export function selfDefining(type: string, body: string): number {
  switch (type) {
    case 'X': {
      if (!/^[0-9A-Fa-f]{1,8}$/.test(body))
        throw new AsmError('ASMA150E', `Invalid hexadecimal self-defining term X'${body}'`);
      return parseInt(body, 16) | 0;
    }
    case 'B': {
      if (!/^[01]{1,32}$/.test(body)) throw new AsmError('ASMA150E', `Invalid binary self-defining term B'${body}'`);
      return parseInt(body, 2) | 0;
    }
    case 'C': {
      const chars = toEbcdic(undouble(body));
      if (chars.length < 1 || chars.length > 4)
        throw new AsmError('ASMA150E', `Character self-defining term C'${body}' must have 1 to 4 characters`);
      let v = 0;
      for (const b of chars) v = v * 256 + b;
      return v | 0;
    }
    default:
      throw new AsmError('ASMA150E', `Invalid self-defining term ${type}'${body}'`);
  }
}

/** The result of parsing an expression. */
export interface Parsed {
  readonly value: Value;
  /** Where parsing stopped. */
  readonly end: number;
  /** Length attribute of the leftmost term. */
  readonly length: number;
  /** The leftmost term was a symbol, literal or '*' (for implicit lengths). */
  readonly leftSymbol?: string;
}

/**
 * Parse and evaluate an expression from text[start]. Stops at the first
 * character that cannot continue it (a comma, a right parenthesis, a blank
 * or the end). Undefined symbols raise ASMA044E.
 */
export function parseExpression(text: string, start: number, ctx: ExprContext): Parsed {
  let p = start;
  let firstLength: number | undefined;
  let leftSymbol: string | undefined;

  const term = (): Value => {
    const ch = text[p];
    if (ch === undefined) throw new AsmError('ASMA041E', 'Term expected; text is unclassifiable');
    if (ch === '(') {
      p++;
      const v = sum();
      if (text[p] !== ')') throw new AsmError('ASMA129S', 'Insufficient right parentheses');
      p++;
      return v;
    }
    if (ch === '*') {
      p++;
      const loc = ctx.location();
      if (firstLength === undefined) {
        firstLength = loc.length;
        leftSymbol = '*';
      }
      return loc.section ? { abs: loc.value, rel: unitRelocation(loc.section) } : absolute(loc.value);
    }
    if (ch === '=') {
      const end = scanLiteral(text, p);
      const lit = text.slice(p, end);
      p = end;
      const info = ctx.literal?.(lit);
      if (!info) throw new AsmError('ASMA097E', `Invalid literal usage ${lit}`);
      if (firstLength === undefined) {
        firstLength = info.length;
        leftSymbol = lit;
      }
      return info.section ? { abs: info.value, rel: unitRelocation(info.section) } : absolute(info.value);
    }
    if (/[0-9]/.test(ch)) {
      let q = p;
      while (q < text.length && /[0-9]/.test(text[q])) q++;
      const n = Number(text.slice(p, q));
      if (n > 2147483647) throw new AsmError('ASMA151E', `Decimal self-defining term ${text.slice(p, q)} too large`);
      p = q;
      if (firstLength === undefined) firstLength = 1;
      return absolute(n);
    }
    if (SYMBOL_START.test(ch)) {
      const up = ch.toUpperCase();
      if (text[p + 1] === "'") {
        if (up === 'X' || up === 'C' || up === 'B') {
          const { body, end } = scanQuoted(text, p + 1);
          p = end;
          if (firstLength === undefined) firstLength = 1;
          return absolute(selfDefining(up, body));
        }
        if (up === 'L') {
          p += 2;
          let name: string;
          if (text[p] === '*') {
            p++;
            name = '*';
            const loc = ctx.location();
            if (firstLength === undefined) firstLength = 1;
            return absolute(loc.length);
          }
          if (text[p] === '=') {
            const end = scanLiteral(text, p);
            const info = ctx.literal?.(text.slice(p, end));
            p = end;
            if (!info) throw new AsmError('ASMA097E', 'Invalid literal usage');
            if (firstLength === undefined) firstLength = 1;
            return absolute(info.length);
          }
          let q = p;
          while (q < text.length && SYMBOL_CHAR.test(text[q])) q++;
          name = text.slice(p, q).toUpperCase();
          if (!name) throw new AsmError('ASMA041E', "Term expected after L'");
          p = q;
          const info = ctx.symbol(name);
          if (!info) throw new AsmError('ASMA044E', `Undefined symbol - ${name}`);
          if (firstLength === undefined) firstLength = 1;
          return absolute(info.length);
        }
      }
      let q = p;
      while (q < text.length && SYMBOL_CHAR.test(text[q])) q++;
      const name = text.slice(p, q).toUpperCase();
      if (name.length > 63) throw new AsmError('ASMA147E', `Symbol too long - ${name.slice(0, 16)}...`);
      p = q;
      const info = ctx.symbol(name);
      if (!info) throw new AsmError('ASMA044E', `Undefined symbol - ${name}`);
      if (firstLength === undefined) {
        firstLength = info.length;
        leftSymbol = name;
      }
      return info.section ? { abs: info.value, rel: unitRelocation(info.section) } : absolute(info.value);
    }
    throw new AsmError('ASMA041E', `Term expected; text is unclassifiable - ${text.slice(p, p + 10)}`);
  };

  const unary = (): Value => {
    if (text[p] === '+') {
      p++;
      return unary();
    }
    if (text[p] === '-') {
      p++;
      const v = unary();
      return combine(absolute(0), v, -1);
    }
    return term();
  };

  const product = (): Value => {
    let v = unary();
    while (text[p] === '*' || text[p] === '/') {
      const op = text[p++];
      const w = unary();
      if (!isAbsolute(v) || !isAbsolute(w))
        throw new AsmError('ASMA032E', 'Relocatable value found when absolute value required (in * or /)');
      if (op === '*') v = absolute(Math.imul(v.abs, w.abs));
      else v = absolute(w.abs === 0 ? 0 : Math.trunc(v.abs / w.abs));
    }
    return v;
  };

  const sum = (): Value => {
    let v = product();
    while (text[p] === '+' || text[p] === '-') {
      const op = text[p++];
      v = combine(v, product(), op === '+' ? 1 : -1);
    }
    return v;
  };

  const value = sum();
  return { value, end: p, length: firstLength ?? 1, leftSymbol };
}

/** Evaluate a whole string as one expression; trailing text is an error. */
export function evaluate(text: string, ctx: ExprContext): Parsed {
  const t = text.trim();
  if (t === '') throw new AsmError('ASMA041E', 'Term expected; operand is empty');
  const r = parseExpression(t, 0, ctx);
  if (r.end !== t.length) {
    if (t[r.end] === ')')
      throw new AsmError('ASMA174S', `Delimiter error, expected blank or comma - ${t.slice(r.end, r.end + 10)}`);
    throw new AsmError('ASMA035E', `Invalid delimiter - ${t.slice(r.end, r.end + 10)}`);
  }
  return r;
}

/** Split an operand field at top-level commas (quotes and parentheses respected). */
export function splitOperands(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let p = 0; p < text.length; p++) {
    const ch = text.charCodeAt(p);
    if (ch === 0x27 /* ' */ && !isAttributeAt(text, p)) {
      let q = p + 1;
      while (q < text.length) {
        if (text.charCodeAt(q) === 0x27) {
          if (text.charCodeAt(q + 1) === 0x27) {
            q += 2;
            continue;
          }
          break;
        }
        q++;
      }
      p = q;
      continue;
    }
    if (ch === 0x28 /* ( */) depth++;
    else if (ch === 0x29 /* ) */) depth--;
    else if (ch === 0x2c /* , */ && depth === 0) {
      out.push(text.slice(start, p));
      start = p + 1;
    }
  }
  out.push(text.slice(start));
  if (depth > 0) throw new AsmError('ASMA129S', 'Insufficient right parentheses');
  if (depth < 0) throw new AsmError('ASMA174S', 'Delimiter error, expected blank or comma - )');
  return out;
}

/** Severity of an ASMA message id (its last letter), as a return code. */
export function severityOf(id: string): number {
  switch (id[id.length - 1]) {
    case 'I':
      return 0;
    case 'N':
      return 2;
    case 'W':
      return 4;
    case 'E':
      return 8;
    case 'S':
      return 12;
    default:
      return 16;
  }
}
