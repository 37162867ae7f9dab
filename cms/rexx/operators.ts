// The operators of REXX expressions as small functions over strings, with
// the plain-integer fast paths (TRL2, "Operators" and "Numbers and
// Arithmetic"), and the compiled form of compound-symbol tails.

import type { TailPart } from './ast.js';
import { arithmetic, compareDec, parseDec, smallArithmetic, type ArithOp } from './decimal.js';
import type { Activation } from './interpreter.js';
import { compareBlankPadded, compareStrict, smallInt, truth } from './values.js';
import type { Box, VariablePool } from './variables.js';

/** The derived tail of a compound symbol, with the boxes of its variables cached per pool. */
export function compileTail(parts: TailPart[]): (pool: VariablePool) => string {
  if (parts.length === 1) {
    const p = parts[0];
    if (typeof p === 'string') return () => p;
    const name = p.v;
    let cachedPool: VariablePool | null = null;
    let cachedBox: Box = { v: undefined };
    return (pool) => {
      if (pool !== cachedPool) {
        cachedPool = pool;
        cachedBox = pool.box(name);
      }
      const v = cachedBox.v;
      return v === undefined || v === null ? name : v;
    };
  }
  const fns = parts.map((p) => compileTail([p]));
  return (pool) => {
    let s = fns[0](pool);
    for (let i = 1; i < fns.length; i++) s += '.' + fns[i](pool);
    return s;
  };
}

export type Binary = (l: string, r: string, act: Activation) => string;

function arith(op: ArithOp): Binary {
  return (l, r, act) => arithmetic(op, l, r, act.st);
}

function normalCompare(l: string, r: string, act: Activation): number {
  if (l === r) return 0;
  const x = smallInt(l);
  const y = smallInt(r);
  if (x === x && y === y && act.fastCompare) return x < y ? -1 : x > y ? 1 : 0;
  const a = parseDec(l);
  if (a !== null) {
    const b = parseDec(r);
    if (b !== null) return compareDec(a, b, act.st);
  }
  return compareBlankPadded(l, r);
}

const bool = (b: boolean): string => (b ? '1' : '0');

export const BINARY: Record<string, Binary> = {
  '+': (l, r, act) => {
    const x = smallInt(l);
    const y = x === x ? smallInt(r) : NaN;
    if (act.fast && x === x && y === y) {
      const v = x + y;
      if (v < act.fastLimit && v > -act.fastLimit) return String(v);
    }
    return smallArithmetic('+', l, r, act.st) ?? arithmetic('+', l, r, act.st);
  },
  '-': (l, r, act) => {
    const x = smallInt(l);
    const y = x === x ? smallInt(r) : NaN;
    if (act.fast && x === x && y === y) {
      const v = x - y;
      if (v < act.fastLimit && v > -act.fastLimit) return String(v);
    }
    return smallArithmetic('-', l, r, act.st) ?? arithmetic('-', l, r, act.st);
  },
  '*': (l, r, act) => {
    const x = smallInt(l);
    const y = x === x ? smallInt(r) : NaN;
    if (act.fast && x === x && y === y) {
      const v = x * y;
      if (v < act.fastLimit && v > -act.fastLimit) return String(v);
    }
    return smallArithmetic('*', l, r, act.st) ?? arithmetic('*', l, r, act.st);
  },
  '/': (l, r, act) => {
    const x = smallInt(l);
    const y = smallInt(r);
    if (act.fast && x === x && y === y && y !== 0 && x % y === 0) return String(x / y);
    return arithmetic('/', l, r, act.st);
  },
  '%': (l, r, act) => {
    const x = smallInt(l);
    const y = smallInt(r);
    if (act.fast && x === x && y === y && y !== 0) return String(Math.trunc(x / y));
    return arithmetic('%', l, r, act.st);
  },
  '//': (l, r, act) => {
    const x = smallInt(l);
    const y = smallInt(r);
    if (act.fast && x === x && y === y && y !== 0) return String(x % y);
    return arithmetic('//', l, r, act.st);
  },
  '**': arith('**'),
  '||': (l, r) => l + r,
  '': (l, r) => l + r,
  ' ': (l, r) => l + ' ' + r,
  '=': (l, r, act) => bool(normalCompare(l, r, act) === 0),
  '\\=': (l, r, act) => bool(normalCompare(l, r, act) !== 0),
  '<>': (l, r, act) => bool(normalCompare(l, r, act) !== 0),
  '><': (l, r, act) => bool(normalCompare(l, r, act) !== 0),
  '>': (l, r, act) => bool(normalCompare(l, r, act) > 0),
  '<': (l, r, act) => bool(normalCompare(l, r, act) < 0),
  '>=': (l, r, act) => bool(normalCompare(l, r, act) >= 0),
  '<=': (l, r, act) => bool(normalCompare(l, r, act) <= 0),
  '\\>': (l, r, act) => bool(normalCompare(l, r, act) <= 0),
  '\\<': (l, r, act) => bool(normalCompare(l, r, act) >= 0),
  '==': (l, r) => bool(l === r),
  '\\==': (l, r) => bool(l !== r),
  '>>': (l, r) => bool(compareStrict(l, r) > 0),
  '<<': (l, r) => bool(compareStrict(l, r) < 0),
  '>>=': (l, r) => bool(compareStrict(l, r) >= 0),
  '<<=': (l, r) => bool(compareStrict(l, r) <= 0),
  '\\>>': (l, r) => bool(compareStrict(l, r) <= 0),
  '\\<<': (l, r) => bool(compareStrict(l, r) >= 0),
  '&': (l, r) => bool(truth(l) && truth(r)),
  '|': (l, r) => {
    const a = truth(l);
    const b = truth(r);
    return bool(a || b);
  },
  '&&': (l, r) => bool(truth(l) !== truth(r)),
};
