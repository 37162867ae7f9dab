// The REXX tokenizer: source text -> clauses of tokens. Clauses end at a
// semicolon or at the end of a line, unless the line's last token is a comma
// (continuation: the comma stands for a blank). Comments nest and vanish.
// TRL2, chapter "General Concepts", topics "Structure and General Syntax"
// and "Tokens".

import { ebcdicToChar } from '../../s390/ebcdic.js';
import { RexxError } from './errors.js';

export type TokenKind = 'string' | 'symbol' | 'op' | '(' | ')' | ',' | ':';

export interface Token {
  kind: TokenKind;
  /** Symbols: upper-cased; strings: the decoded value; operators: canonical spelling (\ for any NOT). */
  value: string;
  /** A symbol that starts with a digit or a period (a constant symbol). */
  constant?: boolean;
  /** A string written as a hex or binary literal (never a function name). */
  line: number;
  /** Offset in the source where the token starts and ends. */
  start: number;
  end: number;
  /** Blank (or comment) before the token, inside the clause. */
  blank: boolean;
}

export interface LexClause {
  tokens: Token[];
  line: number;
  /** Source offsets spanning the clause, for TRACE and tracebacks. */
  start: number;
  end: number;
}

const SYMBOL_CHARS = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.!?_@#$\u00a2') {
  SYMBOL_CHARS[c.charCodeAt(0)] = 1;
}

export function isSymbolChar(code: number): boolean {
  return code < 256 && SYMBOL_CHARS[code] === 1;
}

// Longest spellings first; NOT may be \, the EBCDIC not-sign, or / (VM).
const OPERATORS = [
  '\\==',
  '\u00ac==',
  '/==',
  '\\<<',
  '\\>>',
  '\u00ac<<',
  '\u00ac>>',
  '>>=',
  '<<=',
  '**',
  '//',
  '||',
  '&&',
  '==',
  '\\=',
  '\u00ac=',
  '/=',
  '<>',
  '><',
  '>=',
  '<=',
  '\\<',
  '\\>',
  '\u00ac<',
  '\u00ac>',
  '>>',
  '<<',
  '+',
  '-',
  '*',
  '/',
  '%',
  '|',
  '&',
  '=',
  '<',
  '>',
  '\\',
  '\u00ac',
];

function canonicalOperator(op: string): string {
  if (op.length > 1 && (op[0] === '\u00ac' || op[0] === '/') && op !== '//') return '\\' + op.slice(1);
  if (op === '\u00ac') return '\\';
  return op;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11;
}

/** Decodes the inside of a hex ('..'X) or binary ('..'B) literal into characters (EBCDIC). */
function decodeRadixString(body: string, radix: 16 | 2, line: number): string {
  // Blanks may separate groups at byte (hex) or nibble (binary) boundaries.
  const groupDigits = radix === 16 ? 2 : 4;
  const digitsPerChar = radix === 16 ? 2 : 8;
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : /^[01]+$/;
  const trimmed = body.replace(/^[ \t]+|[ \t]+$/g, '');
  if (trimmed === '') return '';
  if (/^[ \t]|[ \t]$/.test(body)) throw lineError(15, line);
  const groups = trimmed.split(/[ \t]+/);
  for (let i = 0; i < groups.length; i++) {
    if (!valid.test(groups[i])) throw lineError(15, line);
    if (i > 0 && groups[i].length % groupDigits !== 0) throw lineError(15, line);
  }
  let digits = groups.join('');
  const pad = (digitsPerChar - (digits.length % digitsPerChar)) % digitsPerChar;
  digits = '0'.repeat(pad) + digits;
  let out = '';
  for (let i = 0; i < digits.length; i += digitsPerChar) {
    out += ebcdicToChar(parseInt(digits.slice(i, i + digitsPerChar), radix));
  }
  return out;
}

function lineError(code: number, line: number): RexxError {
  const e = new RexxError(code);
  e.line = line;
  return e;
}

/** Splits REXX source into clauses. Throws RexxError 6/13/15 with the line set. */
export function tokenize(source: string): LexClause[] {
  const clauses: LexClause[] = [];
  let tokens: Token[] = [];
  let clauseLine = 1;
  let clauseStart = -1;
  let clauseEnd = 0;
  let line = 1;
  let blank = false;
  let i = 0;
  const n = source.length;

  const endClause = (): void => {
    if (tokens.length > 0) clauses.push({ tokens, line: clauseLine, start: clauseStart, end: clauseEnd });
    tokens = [];
    clauseStart = -1;
    blank = false;
  };
  const push = (t: Omit<Token, 'blank' | 'line'>): void => {
    if (tokens.length === 0) {
      clauseLine = line;
      clauseStart = t.start;
    }
    tokens.push({ ...t, line, blank: blank && tokens.length > 0 });
    clauseEnd = t.end;
    blank = false;
  };

  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      const last = tokens[tokens.length - 1];
      if (last !== undefined && last.kind === ',') {
        tokens.pop();
        blank = true;
      } else {
        endClause();
      }
      line++;
      i++;
      continue;
    }
    if (isBlank(c)) {
      blank = true;
      i++;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 42) {
      // comment, nested
      const startLine = line;
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const d = source.charCodeAt(i);
        if (d === 47 && source.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else if (d === 42 && source.charCodeAt(i + 1) === 47) {
          depth--;
          i += 2;
        } else {
          if (d === 10) line++;
          i++;
        }
      }
      if (depth > 0) throw lineError(6, startLine);
      blank = true;
      continue;
    }
    if (c === 59) {
      endClause();
      i++;
      continue;
    }
    if (c === 39 || c === 34) {
      const quote = source[i];
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= n || source.charCodeAt(i) === 10) throw lineError(6, line);
        const ch = source[i];
        if (ch === quote) {
          if (source[i + 1] === quote) {
            value += quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      const suffix = source[i];
      if (
        (suffix === 'x' || suffix === 'X' || suffix === 'b' || suffix === 'B') &&
        !isSymbolChar(source.charCodeAt(i + 1))
      ) {
        value = decodeRadixString(value, suffix === 'x' || suffix === 'X' ? 16 : 2, line);
        i++;
        push({ kind: 'string', value, start, end: i, constant: true });
      } else {
        push({ kind: 'string', value, start, end: i });
      }
      continue;
    }
    if (isSymbolChar(c)) {
      const start = i;
      const isConst = (c >= 48 && c <= 57) || c === 46;
      while (i < n && isSymbolChar(source.charCodeAt(i))) i++;
      // A number with a signed exponent (1E+5) is one symbol.
      if (isConst) {
        const e = source[i - 1];
        const body = source.slice(start, i - 1);
        if ((e === 'e' || e === 'E') && (source[i] === '+' || source[i] === '-') && /^(\d+\.?\d*|\.\d+)$/.test(body)) {
          let j = i + 1;
          while (j < n && source.charCodeAt(j) >= 48 && source.charCodeAt(j) <= 57) j++;
          if (j > i + 1 && !isSymbolChar(source.charCodeAt(j))) i = j;
        }
      }
      const text = source.slice(start, i);
      push({ kind: 'symbol', value: text.toUpperCase(), constant: isConst, start, end: i });
      continue;
    }
    if (c === 40 || c === 41 || c === 44 || c === 58) {
      push({ kind: source[i] as TokenKind, value: source[i], start: i, end: i + 1 });
      i++;
      continue;
    }
    let matched = '';
    for (const op of OPERATORS) {
      if (source.startsWith(op, i)) {
        matched = op;
        break;
      }
    }
    if (matched === '') {
      // A character outside the language (error 13). Latin-1 text is fine in strings and comments.
      throw lineError(13, line);
    }
    push({ kind: 'op', value: canonicalOperator(matched), start: i, end: i + matched.length });
    i += matched.length;
  }
  endClause();
  return clauses;
}
