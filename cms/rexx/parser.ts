// The REXX parser: clauses of tokens -> the flat clause array of ast.ts.
// Keyword instructions are recognised only when the clause is not an
// assignment; THEN, ELSE and OTHERWISE end a clause of their own, and a
// label ends at its colon (TRL2, "Clauses and Instructions").

import type {
  Clause,
  ConditionName,
  DoSpec,
  ExposeItem,
  Expr,
  Instruction,
  ParseSource,
  Program,
  TailPart,
  Target,
  Template,
  TemplateItem,
} from './ast.js';
import { CONDITIONS } from './ast.js';
import { RexxError } from './errors.js';
import { tokenize, type LexClause, type Token } from './lexer.js';

/** Functions that a program may call as builtins (used to decide which calls can never leave the clause). */
export type IsBuiltin = (name: string) => boolean;

const COMPARISON_OPS = new Set([
  '=',
  '\\=',
  '<>',
  '><',
  '>',
  '<',
  '>=',
  '<=',
  '\\>',
  '\\<',
  '==',
  '\\==',
  '>>',
  '<<',
  '>>=',
  '<<=',
  '\\>>',
  '\\<<',
]);

function err(code: number, line: number, detail = ''): RexxError {
  const e = new RexxError(code, detail);
  e.line = line;
  return e;
}

/** Parses a symbol's text into a variable reference (simple, stem, or compound with its tail). */
export function symbolTarget(name: string): Target {
  const dot = name.indexOf('.');
  if (dot < 0) return { t: 'var', name };
  if (dot === name.length - 1) return { t: 'stem', name };
  const stem = name.slice(0, dot + 1);
  const tail: TailPart[] = name
    .slice(dot + 1)
    .split('.')
    .map((p) => (p === '' || (p.charCodeAt(0) >= 48 && p.charCodeAt(0) <= 57) ? p : { v: p }));
  return { t: 'cmp', stem, tail };
}

/** Splits lexical clauses at labels and at THEN / ELSE / OTHERWISE. */
function splitClauses(raw: LexClause[]): LexClause[] {
  const out: LexClause[] = [];
  const work = raw.slice().reverse();
  const rest = (c: LexClause, from: number): LexClause | null => {
    const tokens = c.tokens.slice(from);
    if (tokens.length === 0) return null;
    tokens[0] = { ...tokens[0], blank: false };
    return { tokens, line: tokens[0].line, start: tokens[0].start, end: c.end };
  };
  const head = (c: LexClause, to: number): LexClause => ({
    tokens: c.tokens.slice(0, to),
    line: c.line,
    start: c.start,
    end: c.tokens[to - 1].end,
  });
  while (work.length > 0) {
    const c = work.pop()!;
    const t = c.tokens;
    if (t.length >= 2 && (t[0].kind === 'symbol' || t[0].kind === 'string') && t[1].kind === ':') {
      out.push(head(c, 2));
      const r = rest(c, 2);
      if (r) work.push(r);
      continue;
    }
    const isAssign = t.length >= 2 && t[1].kind === 'op' && t[1].value === '=';
    const first = t[0].kind === 'symbol' && !isAssign ? t[0].value : '';
    if (first === 'THEN' || first === 'ELSE' || first === 'OTHERWISE') {
      out.push(head(c, 1));
      const r = rest(c, 1);
      if (r) work.push(r);
      continue;
    }
    if (first === 'IF' || first === 'WHEN') {
      let depth = 0;
      let at = -1;
      for (let i = 1; i < t.length; i++) {
        if (t[i].kind === '(') depth++;
        else if (t[i].kind === ')') depth--;
        else if (depth === 0 && t[i].kind === 'symbol' && t[i].value === 'THEN') {
          at = i;
          break;
        }
      }
      if (at > 0) {
        out.push(head(c, at));
        const r = rest(c, at);
        if (r) work.push(r);
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

/** Expression parser over one clause's tokens. */
class ExprParser {
  pos = 0;
  stop: Set<string> = new Set();
  constructor(
    readonly tokens: Token[],
    readonly line: number,
    readonly hasLabel: (name: string) => boolean,
    readonly isBuiltin: IsBuiltin,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  atEnd(): boolean {
    const t = this.tokens[this.pos];
    return t === undefined || (t.kind === 'symbol' && this.stop.has(t.value));
  }
  error(code: number, detail = ''): RexxError {
    return err(code, this.line, detail);
  }

  /** An expression, or null when the clause (or the stop word) comes first. */
  optionalExpr(): Expr | null {
    if (this.atEnd()) return null;
    return this.expr();
  }

  expr(): Expr {
    const e = this.parseOr();
    const t = this.peek();
    if (t !== undefined && !this.atEnd()) {
      if (t.kind === ')' || t.kind === ',') throw this.error(37);
      throw this.error(35);
    }
    return e;
  }

  private bin(op: string, l: Expr, r: Expr): Expr {
    return { t: 'bin', op, l, r, gen: !!(l.gen || r.gen) };
  }

  private isOp(values: ReadonlySet<string> | string): string | null {
    const t = this.peek();
    if (t === undefined || t.kind !== 'op') return null;
    if (typeof values === 'string' ? t.value === values : values.has(t.value)) return t.value;
    return null;
  }

  private parseOr(): Expr {
    let l = this.parseAnd();
    for (;;) {
      const op = this.isOp(OR_OPS);
      if (op === null) return l;
      this.pos++;
      l = this.bin(op, l, this.parseAnd());
    }
  }
  private parseAnd(): Expr {
    let l = this.parseComparison();
    while (this.isOp('&') !== null) {
      this.pos++;
      l = this.bin('&', l, this.parseComparison());
    }
    return l;
  }
  private parseComparison(): Expr {
    let l = this.parseConcat();
    for (;;) {
      const op = this.isOp(COMPARISON_OPS);
      if (op === null) return l;
      this.pos++;
      l = this.bin(op, l, this.parseConcat());
    }
  }
  private startsTerm(t: Token | undefined): boolean {
    if (t === undefined) return false;
    if (t.kind === 'symbol') return !this.stop.has(t.value);
    return t.kind === 'string' || t.kind === '(';
  }
  private parseConcat(): Expr {
    let l = this.parseAdditive();
    for (;;) {
      const t = this.peek();
      if (t === undefined) return l;
      if (t.kind === 'op' && t.value === '||') {
        this.pos++;
        l = this.bin('||', l, this.parseAdditive());
      } else if (this.startsTerm(t) || (t.kind === 'op' && t.value === '\\')) {
        l = this.bin(t.blank ? ' ' : '', l, this.parseAdditive());
      } else {
        return l;
      }
    }
  }
  private parseAdditive(): Expr {
    let l = this.parseMultiplicative();
    for (;;) {
      const op = this.isOp(ADD_OPS);
      if (op === null) return l;
      this.pos++;
      l = this.bin(op, l, this.parseMultiplicative());
    }
  }
  private parseMultiplicative(): Expr {
    let l = this.parsePower();
    for (;;) {
      const op = this.isOp(MUL_OPS);
      if (op === null) return l;
      this.pos++;
      l = this.bin(op, l, this.parsePower());
    }
  }
  private parsePower(): Expr {
    let l = this.parsePrefix();
    while (this.isOp('**') !== null) {
      this.pos++;
      l = this.bin('**', l, this.parsePrefix());
    }
    return l;
  }
  private parsePrefix(): Expr {
    const op = this.isOp(PREFIX_OPS);
    if (op !== null) {
      this.pos++;
      const e = this.parsePrefix();
      return { t: 'pre', op, e, gen: !!e.gen };
    }
    return this.parseTerm();
  }
  private parseTerm(): Expr {
    const t = this.peek();
    if (t === undefined || this.atEnd()) throw this.error(35, 'expression expected');
    if (t.kind === '(') {
      this.pos++;
      const e = this.parseOr();
      const c = this.peek();
      if (c === undefined || c.kind !== ')') {
        if (c !== undefined && c.kind === ',') throw this.error(37);
        throw this.error(36);
      }
      this.pos++;
      return e;
    }
    if (t.kind === 'string' || t.kind === 'symbol') {
      this.pos++;
      const next = this.peek();
      if (next !== undefined && next.kind === '(' && !next.blank && !(t.kind === 'string' && t.constant)) {
        return this.parseCall(t.value, t.kind === 'string');
      }
      if (t.kind === 'string' || t.constant) return { t: 'lit', v: t.value };
      return symbolTarget(t.value);
    }
    if (t.kind === ')' || t.kind === ',') throw this.error(37);
    throw this.error(35);
  }
  private parseCall(name: string, quoted: boolean): Expr {
    this.pos++; // (
    const args: (Expr | null)[] = [];
    const saved = this.stop;
    this.stop = new Set();
    let gen = !quoted && this.hasLabel(name);
    if (!gen && !this.isBuiltin(name)) gen = true;
    if (this.peek()?.kind === ')') {
      this.pos++;
    } else {
      for (;;) {
        const t = this.peek();
        if (t === undefined) throw this.error(36);
        if (t.kind === ',' || t.kind === ')') {
          args.push(null);
        } else {
          const e = this.parseOr();
          if (e.gen) gen = true;
          args.push(e);
        }
        const c = this.peek();
        if (c === undefined) throw this.error(36);
        this.pos++;
        if (c.kind === ')') break;
        if (c.kind !== ',') throw this.error(35);
      }
    }
    this.stop = saved;
    return { t: 'call', name, quoted, args, gen };
  }
}

const OR_OPS = new Set(['|', '&&']);
const ADD_OPS = new Set(['+', '-']);
const MUL_OPS = new Set(['*', '/', '%', '//']);
const PREFIX_OPS = new Set(['+', '-', '\\']);

class ProgramParser {
  ci = 0;
  code: Clause[] = [];
  constructor(
    readonly clauses: LexClause[],
    readonly labelNames: Set<string>,
    readonly isBuiltin: IsBuiltin,
  ) {}

  emit(c: LexClause, ins: Instruction, hidden = false): number {
    const clause = ins as Clause;
    clause.line = c.line;
    clause.start = c.start;
    clause.end = c.end;
    if (hidden) clause.hidden = true;
    this.code.push(clause);
    return this.code.length - 1;
  }

  exprParser(c: LexClause, from: number): ExprParser {
    const p = new ExprParser(c.tokens, c.line, (n) => this.labelNames.has(n), this.isBuiltin);
    p.pos = from;
    return p;
  }

  /** Expression to the end of the clause (null if empty). */
  restExpr(c: LexClause, from: number): Expr | null {
    const p = this.exprParser(c, from);
    return p.optionalExpr();
  }

  keyword(c: LexClause): string {
    const t = c.tokens;
    if (t[0].kind !== 'symbol' || t[0].constant) return '';
    if (t.length >= 2 && t[1].kind === 'op' && t[1].value === '=') return '';
    if (t.length >= 2 && t[1].kind === ':') return '';
    return t[0].value;
  }

  parseAll(): Clause[] {
    while (this.ci < this.clauses.length) this.instruction();
    return this.code;
  }

  /** Parses one instruction (possibly a structure) starting at the current clause. */
  instruction(): void {
    const c = this.clauses[this.ci];
    const kw = this.keyword(c);
    switch (kw) {
      case 'IF':
        return this.parseIf(c);
      case 'DO':
        return this.parseDo(c);
      case 'SELECT':
        return this.parseSelect(c);
      case 'THEN':
      case 'ELSE':
        throw err(8, c.line);
      case 'WHEN':
      case 'OTHERWISE':
        throw err(9, c.line);
      case 'END':
        throw err(10, c.line);
    }
    this.ci++;
    this.simple(c, kw);
  }

  private nextKeyword(): string {
    const c = this.clauses[this.ci];
    return c === undefined ? '' : this.keyword(c);
  }

  /** The instruction after THEN / ELSE / OTHERWISE; labels before it are emitted too. */
  private body(line: number): void {
    while (this.ci < this.clauses.length && this.isLabel(this.clauses[this.ci])) {
      this.ci++;
      this.simple(this.clauses[this.ci - 1], '');
    }
    if (this.ci >= this.clauses.length) throw err(14, line);
    this.instruction();
  }

  private isLabel(c: LexClause): boolean {
    return c.tokens.length === 2 && c.tokens[1].kind === ':';
  }

  private parseIf(c: LexClause): void {
    this.ci++;
    const p = this.exprParser(c, 1);
    if (p.atEnd()) throw err(35, c.line);
    const e = p.expr();
    if (this.nextKeyword() !== 'THEN') throw err(this.ci >= this.clauses.length ? 14 : 18, c.line);
    const at = this.emit(c, { k: 'if', e, target: -1 });
    this.ci++;
    this.body(c.line);
    if (this.nextKeyword() === 'ELSE') {
      const elseClause = this.clauses[this.ci];
      const jump = this.emit(elseClause, { k: 'jump', target: -1 }, true);
      (this.code[at] as { target: number }).target = this.code.length;
      this.ci++;
      this.body(elseClause.line);
      (this.code[jump] as { target: number }).target = this.code.length;
    } else {
      (this.code[at] as { target: number }).target = this.code.length;
    }
  }

  private parseSelect(c: LexClause): void {
    this.ci++;
    if (c.tokens.length > 1) throw err(21, c.line);
    this.emit(c, { k: 'nop' });
    const jumps: number[] = [];
    let sawWhen = false;
    for (;;) {
      if (this.ci >= this.clauses.length) throw err(14, c.line);
      const w = this.clauses[this.ci];
      const kw = this.keyword(w);
      if (kw === 'WHEN') {
        sawWhen = true;
        this.ci++;
        const p = this.exprParser(w, 1);
        const e = p.expr();
        if (this.nextKeyword() !== 'THEN') throw err(this.ci >= this.clauses.length ? 14 : 18, w.line);
        const at = this.emit(w, { k: 'when', e, target: -1 });
        this.ci++;
        this.body(w.line);
        jumps.push(this.emit(w, { k: 'jump', target: -1 }, true));
        (this.code[at] as { target: number }).target = this.code.length;
        continue;
      }
      if (!sawWhen) throw err(7, w.line);
      if (kw === 'OTHERWISE') {
        this.ci++;
        this.emit(w, { k: 'nop' });
        while (this.nextKeyword() !== 'END') {
          if (this.ci >= this.clauses.length) throw err(14, c.line);
          this.instruction();
        }
      } else if (kw !== 'END') {
        throw err(7, w.line);
      } else {
        this.emit(w, { k: 'selectfail' }, true);
      }
      const e = this.clauses[this.ci];
      if (e.tokens.length > 1) throw err(10, e.line);
      this.ci++;
      for (const j of jumps) (this.code[j] as { target: number }).target = this.code.length;
      this.emit(e, { k: 'nop' });
      return;
    }
  }

  private parseDo(c: LexClause): void {
    this.ci++;
    const spec = this.doSpec(c);
    const at = this.emit(c, { k: 'do', spec, endAt: -1 });
    for (;;) {
      if (this.ci >= this.clauses.length) throw err(14, c.line);
      if (this.nextKeyword() === 'END') break;
      this.instruction();
    }
    const e = this.clauses[this.ci];
    this.ci++;
    if (e.tokens.length > 1) {
      const name = e.tokens[1];
      if (e.tokens.length > 2 || name.kind !== 'symbol' || spec.controlName !== name.value) throw err(10, e.line);
    }
    const endAt = this.emit(e, { k: 'end', loop: at });
    (this.code[at] as { endAt: number }).endAt = endAt;
  }

  private doSpec(c: LexClause): DoSpec {
    const spec: DoSpec = { repetitive: false, forever: false, order: [] };
    const t = c.tokens;
    if (t.length === 1) return spec;
    const p = this.exprParser(c, 1);
    const loopWords = ['TO', 'BY', 'FOR', 'WHILE', 'UNTIL'];
    spec.repetitive = true;
    if (t[1].kind === 'symbol' && t[2]?.kind === 'op' && t[2].value === '=') {
      if (t[1].constant) throw err(31, c.line);
      spec.control = symbolTarget(t[1].value);
      spec.controlName = t[1].value;
      p.pos = 3;
      p.stop = new Set(loopWords);
      spec.init = p.expr();
      while (!p.atEnd() || p.peek() !== undefined) {
        const k = p.peek();
        if (k === undefined) break;
        const w = k.value;
        if (w === 'WHILE' || w === 'UNTIL') break;
        if (w !== 'TO' && w !== 'BY' && w !== 'FOR') throw err(27, c.line);
        const key = w.toLowerCase() as 'to' | 'by' | 'for';
        if (spec[key] !== undefined) throw err(27, c.line);
        p.pos++;
        spec[key] = p.expr();
        spec.order.push(key);
      }
    } else if (t[1].kind === 'symbol' && t[1].value === 'FOREVER' && (t.length === 2 || t[2].kind === 'symbol')) {
      spec.forever = true;
      p.pos = 2;
    } else if (!(t[1].kind === 'symbol' && (t[1].value === 'WHILE' || t[1].value === 'UNTIL'))) {
      p.stop = new Set(['WHILE', 'UNTIL']);
      spec.count = p.expr();
    }
    const k = p.peek();
    if (k !== undefined) {
      if (k.kind !== 'symbol' || (k.value !== 'WHILE' && k.value !== 'UNTIL')) throw err(27, c.line);
      p.pos++;
      p.stop = new Set();
      const e = p.expr();
      if (k.value === 'WHILE') spec.while = e;
      else spec.until = e;
    }
    return spec;
  }

  private targetOf(t: Token | undefined, line: number): Target {
    if (t === undefined || t.kind !== 'symbol') throw err(20, line);
    if (t.constant) throw err(31, line);
    return symbolTarget(t.value);
  }

  /** Any clause that is not a structure. */
  private simple(c: LexClause, kw: string): void {
    const t = c.tokens;
    if (t.length >= 2 && t[1].kind === ':') {
      if (t.length > 2) throw err(21, c.line);
      this.emit(c, { k: 'label', name: t[0].value });
      return;
    }
    if (t.length >= 2 && t[0].kind === 'symbol' && t[1].kind === 'op' && t[1].value === '=') {
      if (t[0].constant) throw err(31, c.line);
      const e = this.restExpr(c, 2) ?? { t: 'lit', v: '' };
      this.emit(c, { k: 'assign', target: symbolTarget(t[0].value), e });
      return;
    }
    const p = this.exprParser(c, 1);
    const noMore = (): void => {
      if (p.pos < t.length) throw err(21, c.line);
    };
    switch (kw) {
      case 'SAY':
        this.emit(c, { k: 'say', e: p.optionalExpr() });
        return;
      case 'NOP':
        noMore();
        this.emit(c, { k: 'nop' });
        return;
      case 'EXIT':
        this.emit(c, { k: 'exit', e: p.optionalExpr() });
        return;
      case 'RETURN':
        this.emit(c, { k: 'return', e: p.optionalExpr() });
        return;
      case 'PUSH':
        this.emit(c, { k: 'push', e: p.optionalExpr() });
        return;
      case 'QUEUE':
        this.emit(c, { k: 'queue', e: p.optionalExpr() });
        return;
      case 'INTERPRET': {
        const e = p.optionalExpr();
        this.emit(c, { k: 'interpret', e: e ?? { t: 'lit', v: '' } });
        return;
      }
      case 'LEAVE':
      case 'ITERATE': {
        let name: string | null = null;
        if (t.length > 1) {
          if (t[1].kind !== 'symbol') throw err(20, c.line);
          name = t[1].value;
          p.pos = 2;
          noMore();
        }
        this.emit(c, { k: kw === 'LEAVE' ? 'leave' : 'iterate', name });
        return;
      }
      case 'CALL':
        return this.parseCall(c, p);
      case 'SIGNAL':
        return this.parseSignal(c, p);
      case 'PARSE':
      case 'ARG':
      case 'PULL':
        return this.parseParse(c, kw);
      case 'PROCEDURE': {
        let expose: ExposeItem[] = [];
        if (t.length > 1) {
          if (t[1].kind !== 'symbol' || t[1].value !== 'EXPOSE') throw err(25, c.line);
          expose = this.nameList(c, 2);
        }
        this.emit(c, { k: 'procedure', expose });
        return;
      }
      case 'DROP':
        this.emit(c, { k: 'drop', items: this.nameList(c, 1) });
        return;
      case 'UPPER': {
        const targets: Target[] = [];
        for (let i = 1; i < t.length; i++) targets.push(this.targetOf(t[i], c.line));
        this.emit(c, { k: 'upper', targets });
        return;
      }
      case 'NUMERIC':
        return this.parseNumeric(c, p);
      case 'ADDRESS':
        return this.parseAddress(c, p);
      case 'TRACE': {
        if (t.length === 1) {
          this.emit(c, { k: 'trace', setting: null, e: null });
          return;
        }
        if (t[1].kind === 'symbol' && t[1].value === 'VALUE') {
          p.pos = 2;
          this.emit(c, { k: 'trace', setting: null, e: p.expr() });
          return;
        }
        if (t.length === 2 && (t[1].kind === 'symbol' || t[1].kind === 'string')) {
          this.emit(c, { k: 'trace', setting: t[1].value, e: null });
          return;
        }
        if (t.length === 3 && t[1].kind === 'op' && t[1].value === '-' && t[2].kind === 'symbol') {
          this.emit(c, { k: 'trace', setting: '-' + t[2].value, e: null });
          return;
        }
        // TRACE ?R and friends: a prefix written as an operator-like character
        const text = t
          .slice(1)
          .map((x) => x.value)
          .join('');
        this.emit(c, { k: 'trace', setting: text, e: null });
        return;
      }
    }
    // Anything else is an expression sent to the environment as a command.
    const cp = this.exprParser(c, 0);
    this.emit(c, { k: 'command', e: cp.expr() });
  }

  private nameList(c: LexClause, from: number): ExposeItem[] {
    const t = c.tokens;
    const items: ExposeItem[] = [];
    for (let i = from; i < t.length; i++) {
      if (t[i].kind === '(') {
        const v = t[i + 1];
        if (t[i + 2]?.kind !== ')') throw err(46, c.line);
        items.push({ t: 'indirect', target: this.targetOf(v, c.line) });
        i += 2;
      } else {
        items.push({ t: 'name', target: this.targetOf(t[i], c.line) });
      }
    }
    return items;
  }

  private parseCall(c: LexClause, p: ExprParser): void {
    const t = c.tokens;
    const nameTok = t[1];
    if (nameTok === undefined || (nameTok.kind !== 'symbol' && nameTok.kind !== 'string')) throw err(19, c.line);
    if (nameTok.kind === 'symbol' && (nameTok.value === 'ON' || nameTok.value === 'OFF') && t[2]?.kind === 'symbol') {
      const { cond, label } = this.condition(c, 2, true);
      this.emit(c, { k: 'callon', cond, on: nameTok.value === 'ON', label });
      return;
    }
    p.pos = 2;
    const args: (Expr | null)[] = [];
    if (p.pos < t.length) {
      for (;;) {
        const k = p.peek();
        if (k === undefined) {
          args.push(null);
          break;
        }
        if (k.kind === ',') {
          args.push(null);
          p.pos++;
          continue;
        }
        args.push(p['parseOr']());
        const n = p.peek();
        if (n === undefined) break;
        if (n.kind !== ',') throw err(n.kind === ')' ? 37 : 35, c.line);
        p.pos++;
        if (p.peek() === undefined) args.push(null);
      }
    }
    this.emit(c, { k: 'call', name: nameTok.value, quoted: nameTok.kind === 'string', args });
  }

  private condition(c: LexClause, at: number, callForm: boolean): { cond: ConditionName; label: string } {
    const t = c.tokens;
    const name = t[at].value as ConditionName;
    if (!CONDITIONS.includes(name)) throw err(25, c.line);
    if (callForm && (name === 'NOVALUE' || name === 'SYNTAX')) throw err(25, c.line);
    let label: string = name;
    if (t.length > at + 1) {
      if (t[at + 1].kind !== 'symbol' || t[at + 1].value !== 'NAME') throw err(25, c.line);
      const l = t[at + 2];
      if (l === undefined || (l.kind !== 'symbol' && l.kind !== 'string')) throw err(19, c.line);
      if (t.length > at + 3) throw err(21, c.line);
      label = l.value;
    }
    return { cond: name, label };
  }

  private parseSignal(c: LexClause, p: ExprParser): void {
    const t = c.tokens;
    const a = t[1];
    if (a === undefined) throw err(19, c.line);
    if (a.kind === 'symbol' && (a.value === 'ON' || a.value === 'OFF') && t[2]?.kind === 'symbol') {
      const { cond, label } = this.condition(c, 2, false);
      this.emit(c, { k: 'signalon', cond, on: a.value === 'ON', label });
      return;
    }
    if (a.kind === 'symbol' && a.value === 'VALUE') {
      p.pos = 2;
      this.emit(c, { k: 'signalvalue', e: p.expr() });
      return;
    }
    if ((a.kind === 'symbol' || a.kind === 'string') && t.length === 2) {
      this.emit(c, { k: 'signal', label: a.value });
      return;
    }
    if (a.kind === 'symbol' || a.kind === 'string') throw err(21, c.line);
    p.pos = 1;
    this.emit(c, { k: 'signalvalue', e: p.expr() });
  }

  private parseNumeric(c: LexClause, p: ExprParser): void {
    const t = c.tokens;
    const what = t[1]?.kind === 'symbol' ? t[1].value : '';
    if (what === 'DIGITS' || what === 'FUZZ') {
      p.pos = 2;
      this.emit(c, { k: 'numeric', what, e: p.optionalExpr() });
      return;
    }
    if (what === 'FORM') {
      const f = t[2];
      if (f === undefined) {
        this.emit(c, { k: 'numeric', what, e: null, form: 'SCIENTIFIC' });
        return;
      }
      if (f.kind === 'symbol' && (f.value === 'SCIENTIFIC' || f.value === 'ENGINEERING') && t.length === 3) {
        this.emit(c, { k: 'numeric', what, e: null, form: f.value });
        return;
      }
      p.pos = f.kind === 'symbol' && f.value === 'VALUE' ? 3 : 2;
      this.emit(c, { k: 'numeric', what, e: p.expr() });
      return;
    }
    throw err(25, c.line);
  }

  private parseAddress(c: LexClause, p: ExprParser): void {
    const t = c.tokens;
    if (t.length === 1) {
      this.emit(c, { k: 'address', env: null, e: null, value: null });
      return;
    }
    const a = t[1];
    if (a.kind === 'symbol' && a.value === 'VALUE') {
      p.pos = 2;
      this.emit(c, { k: 'address', env: null, e: null, value: p.expr() });
      return;
    }
    if ((a.kind === 'symbol' && !a.constant) || a.kind === 'string') {
      if (a.value.length > 8) throw err(29, c.line);
      p.pos = 2;
      this.emit(c, { k: 'address', env: a.kind === 'symbol' ? a.value : a.value, e: p.optionalExpr(), value: null });
      return;
    }
    p.pos = 1;
    this.emit(c, { k: 'address', env: null, e: null, value: p.expr() });
  }

  private parseParse(c: LexClause, kw: string): void {
    const t = c.tokens;
    let i = 1;
    let upper = kw !== 'PARSE';
    let source: ParseSource;
    if (kw === 'ARG') source = { t: 'ARG' };
    else if (kw === 'PULL') source = { t: 'PULL' };
    else {
      if (t[i]?.kind === 'symbol' && t[i].value === 'UPPER') {
        upper = true;
        i++;
      }
      const s = t[i];
      if (s === undefined || s.kind !== 'symbol') throw err(25, c.line);
      i++;
      switch (s.value) {
        case 'ARG':
        case 'PULL':
        case 'EXTERNAL':
        case 'SOURCE':
        case 'VERSION':
        case 'NUMERIC':
        case 'LINEIN':
          source = { t: s.value };
          break;
        case 'VAR':
          source = { t: 'VAR', target: this.targetOf(t[i], c.line) };
          i++;
          break;
        case 'VALUE': {
          const p = this.exprParser(c, i);
          p.stop = new Set(['WITH']);
          const e = p.optionalExpr();
          if (p.peek()?.value !== 'WITH' || p.peek()?.kind !== 'symbol') throw err(38, c.line, 'WITH expected');
          i = p.pos + 1;
          source = { t: 'VALUE', e };
          break;
        }
        default:
          throw err(25, c.line);
      }
    }
    this.emit(c, { k: 'parse', upper, source, templates: this.templates(c, i) });
  }

  private templates(c: LexClause, from: number): Template[] {
    const t = c.tokens;
    const out: Template[] = [];
    let cur: TemplateItem[] = [];
    const positional = (tok: Token | undefined): number => {
      if (tok === undefined || tok.kind !== 'symbol' || !tok.constant || !/^\d+$/.test(tok.value))
        throw err(38, c.line);
      return parseInt(tok.value, 10);
    };
    for (let i = from; i < t.length; i++) {
      const k = t[i];
      if (k.kind === ',') {
        out.push(cur);
        cur = [];
      } else if (k.kind === 'string') {
        cur.push({ t: 'lit', v: k.value });
      } else if (k.kind === '(') {
        const v = t[i + 1];
        if (t[i + 2]?.kind !== ')') throw err(38, c.line);
        cur.push({ t: 'litvar', target: this.targetOf(v, c.line) });
        i += 2;
      } else if (k.kind === 'op' && (k.value === '+' || k.value === '-' || k.value === '=')) {
        const nx = t[i + 1];
        let n: number | Target;
        if (nx?.kind === '(') {
          if (t[i + 3]?.kind !== ')') throw err(38, c.line);
          n = this.targetOf(t[i + 2], c.line);
          i += 3;
        } else {
          n = positional(nx);
          i++;
        }
        if (k.value === '=') cur.push({ t: 'abs', n });
        else cur.push({ t: 'rel', n, sign: k.value === '+' ? 1 : -1 });
      } else if (k.kind === 'symbol') {
        if (k.constant) {
          if (k.value === '.') cur.push({ t: 'dot' });
          else cur.push({ t: 'abs', n: positional(k) });
        } else {
          cur.push({ t: 'target', target: symbolTarget(k.value) });
        }
      } else {
        throw err(38, c.line);
      }
    }
    out.push(cur);
    return out;
  }
}

/** Parses a whole program (or an INTERPRET string, given the program's labels). */
export function parseProgram(name: string, source: string, isBuiltin: IsBuiltin, outerLabels?: Set<string>): Program {
  const clauses = splitClauses(tokenize(source));
  const labelNames = new Set<string>(outerLabels ?? []);
  for (const c of clauses) {
    if (c.tokens.length === 2 && c.tokens[1].kind === ':') labelNames.add(c.tokens[0].value);
  }
  const parser = new ProgramParser(clauses, labelNames, isBuiltin);
  const code = parser.parseAll();
  const labels = new Map<string, number>();
  code.forEach((c, i) => {
    if (c.k === 'label' && !labels.has(c.name)) labels.set(c.name, i);
  });
  return { name, source, lines: source.split('\n'), code, labels };
}

/** For tests and SYMBOL(): the parsed form of a single expression. */
export function parseExpression(text: string, isBuiltin: IsBuiltin): Expr {
  const clauses = tokenize(text);
  if (clauses.length !== 1) throw err(35, 1);
  return new ExprParser(clauses[0].tokens, 1, () => false, isBuiltin).expr();
}
