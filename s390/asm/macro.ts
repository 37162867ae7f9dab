// The macro processor and conditional assembly (HLASM Language Reference
// SC26-4940, parts "Macro language" and "Conditional assembly"). It walks
// the open code and every macro expansion, keeps SET symbols, branches on
// AIF/AGO to sequence symbols, and hands each ordinary statement, after
// substitution, to the assembler's first pass as it is produced, so that
// attribute references (T' L') see symbols defined earlier.
//
// Macro definitions come from the source (MACRO ... MEND, also nested in
// another macro, defined when that one is expanded) or from a library
// through the resolver. A runaway loop is stopped by ACTR (4096 branches per
// macro or open code by default) and a runaway recursion by a nesting limit.

import { AsmError, splitOperands, undouble } from './expr.js';
import { CondParser, toNumber, type CondScope, type CondValue } from './condexpr.js';
import { readStatements, makeStatement, splitLines, type Statement } from './source.js';

/** Where COPY members and library macro definitions come from. */
export interface SourceResolver {
  /** The source of macro `name` (MACRO ... MEND), or undefined. */
  macro?(name: string): string | undefined;
  /** The source of COPY member `name`, or undefined. */
  copy?(name: string): string | undefined;
}

/** Attributes of an ordinary symbol as the first pass knows them. */
export interface OrdinaryAttributes {
  readonly type: string;
  readonly length: number;
  /** Absolute value, when the symbol is absolute. */
  readonly absolute?: number;
}

/** What the macro processor needs from the assembler. */
export interface MacroHost {
  /** An ordinary statement to assemble (open code or generated). */
  statement(stmt: Statement, generated: boolean): void;
  /** A statement shown in the listing but not assembled (macro call, conditional assembly, comments). */
  listOnly(stmt: Statement, generated: boolean): void;
  /** A diagnostic on the statement most recently given (or the one passed). */
  diagnostic(id: string, message: string, stmt?: Statement): void;
  /** An MNOTE: severity (null for '*'), text. */
  mnote(severity: number | null, text: string, stmt: Statement): void;
  symbol(name: string): OrdinaryAttributes | undefined;
  /** Is `op` a machine or assembler operation (so not a macro call)? */
  isOperation(op: string): boolean;
  /** Type and length a statement will give its name field (for attribute lookahead), if it can tell. */
  predictAttributes?(stmt: Statement): OrdinaryAttributes | undefined;
  /** O' of an operation: 'A' assembler, 'E' extended mnemonic, 'O' machine, undefined otherwise. */
  operationType?(op: string): 'A' | 'E' | 'O' | undefined;
  currentSection(): string;
  /** True when the assembly must stop (too many errors). */
  shouldStop?(): boolean;
  /** The open-code line being processed (generated statements are reported there). */
  openCodeLine?(line: number): void;
}

type SetKind = 'A' | 'B' | 'C';

interface SetSymbol {
  readonly kind: SetKind;
  readonly array: boolean;
  scalar: CondValue;
  readonly elements: Map<number, CondValue>;
}

interface MacroDefinition {
  readonly name: string;
  readonly nameParam: string | null;
  readonly positional: readonly string[];
  readonly keywords: ReadonlyMap<string, string>;
  readonly body: readonly Item[];
  readonly sequence: ReadonlyMap<string, number>;
}

type ItemKind =
  'comment' | 'model' | 'set' | 'aif' | 'ago' | 'anop' | 'declare' | 'mnote' | 'mexit' | 'mend' | 'actr' | 'definition';

interface Item {
  readonly kind: ItemKind;
  readonly stmt: Statement;
  /** Sequence symbol in the name field (upper case), if any. */
  readonly sequence?: string;
  /** For 'definition': the statements MACRO ... MEND. */
  readonly definition?: readonly Statement[];
}

const DECLARE_OPS = new Set(['LCLA', 'LCLB', 'LCLC', 'GBLA', 'GBLB', 'GBLC']);
const SET_OPS = new Set(['SETA', 'SETB', 'SETC']);

/** Default branch limit (HLASM ACTR default). */
export const DEFAULT_ACTR = 4096;
/** Maximum nesting of macro calls. */
const MAX_NESTING = 200;
/** Maximum COPY nesting. */
const MAX_COPY = 16;

interface Frame {
  readonly items: readonly Item[];
  readonly sequence: ReadonlyMap<string, number>;
  readonly locals: Map<string, SetSymbol>;
  readonly params: Map<string, string>;
  readonly syslist: readonly string[];
  readonly sysndx: number;
  readonly macro?: MacroDefinition;
  actr: number;
  index: number;
  readonly depth: number;
}

export interface MacroOptions {
  readonly sysparm?: string;
  readonly resolver?: SourceResolver;
  /** Stop after this many statements are processed in all (a safety net against runaway expansion). */
  readonly statementLimit?: number;
}

export class MacroProcessor {
  private readonly macros = new Map<string, MacroDefinition>();
  private readonly globals = new Map<string, SetSymbol>();
  private readonly missingLibrary = new Set<string>();
  private sysndx = 0;
  private generated = 0;
  private readonly limit: number;
  private stopped = false;
  private openItems: readonly Item[] = [];
  private readonly lookaheadCache = new Map<string, OrdinaryAttributes | null>();
  /** OPSYN: operation names defined as another (null: deleted). */
  private readonly opsyn = new Map<string, string | null>();

  constructor(
    private readonly host: MacroHost,
    private readonly options: MacroOptions = {},
  ) {
    this.limit = options.statementLimit ?? 500_000;
  }

  /** Process the open code (the whole source). */
  run(source: string): void {
    const stmts = this.expandCopy(readStatements(splitLines(source)), 0);
    const { items, sequence } = this.classify(stmts, false);
    this.openItems = items;
    const frame: Frame = {
      items,
      sequence,
      locals: new Map(),
      params: new Map(),
      syslist: [],
      sysndx: 0,
      actr: DEFAULT_ACTR,
      index: 0,
      depth: 0,
    };
    this.execute(frame);
  }

  /** Replace COPY statements by the member's statements (recursively). */
  private expandCopy(stmts: Statement[], depth: number): Statement[] {
    if (!stmts.some((s) => s.op === 'COPY')) return stmts;
    const out: Statement[] = [];
    for (const s of stmts) {
      if (s.op !== 'COPY' || s.comment) {
        out.push(s);
        continue;
      }
      out.push(s);
      const name = s.operands.trim().toUpperCase();
      const text = depth < MAX_COPY ? this.options.resolver?.copy?.(name) : undefined;
      if (text === undefined) {
        this.host.diagnostic(
          depth < MAX_COPY ? 'ASMA058E' : 'ASMA102S',
          depth < MAX_COPY ? `COPY member ${name} not found` : `COPY nesting too deep - ${name}`,
          s,
        );
        continue;
      }
      out.push(...this.expandCopy(readStatements(splitLines(text), s.line), depth + 1));
    }
    return out;
  }

  /** Turn statements into items; MACRO ... MEND become one 'definition' item. */
  private classify(stmts: readonly Statement[], inMacro: boolean): { items: Item[]; sequence: Map<string, number> } {
    const items: Item[] = [];
    const sequence = new Map<string, number>();
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i];
      if (s.op === 'MACRO' && !s.comment) {
        let depth = 1;
        let j = i + 1;
        for (; j < stmts.length; j++) {
          if (stmts[j].comment) continue;
          if (stmts[j].op === 'MACRO') depth++;
          else if (stmts[j].op === 'MEND' && --depth === 0) break;
        }
        items.push({ kind: 'definition', stmt: s, definition: stmts.slice(i, Math.min(j + 1, stmts.length)) });
        i = j;
        continue;
      }
      let sequenceName: string | undefined;
      if (s.name.startsWith('.') && !s.comment) {
        sequenceName = s.name.toUpperCase();
        if (!sequence.has(sequenceName)) sequence.set(sequenceName, items.length);
      }
      items.push({ kind: this.kindOf(s, inMacro), stmt: s, sequence: sequenceName });
    }
    return { items, sequence };
  }

  private kindOf(s: Statement, inMacro: boolean): ItemKind {
    if (s.comment) return 'comment';
    if (SET_OPS.has(s.op)) return 'set';
    if (DECLARE_OPS.has(s.op)) return 'declare';
    switch (s.op) {
      case 'AIF':
        return 'aif';
      case 'AGO':
        return 'ago';
      case 'ANOP':
        return 'anop';
      case 'MNOTE':
        return 'mnote';
      case 'MEXIT':
        return inMacro ? 'mexit' : 'model';
      case 'MEND':
        return inMacro ? 'mend' : 'model';
      case 'ACTR':
        return 'actr';
      default:
        return 'model';
    }
  }

  /** Define a macro from its statements (MACRO, prototype, body, MEND). */
  private define(stmts: readonly Statement[]): MacroDefinition | undefined {
    const body = stmts.slice(1);
    let protoIndex = body.findIndex((s) => !s.comment);
    if (protoIndex < 0) {
      this.host.diagnostic('ASMA071E', 'Macro definition has no prototype', stmts[0]);
      return undefined;
    }
    const proto = body[protoIndex];
    const last = body[body.length - 1];
    if (!last || last.op !== 'MEND') this.host.diagnostic('ASMA140W', 'MEND statement missing', stmts[0]);
    const name = proto.op;
    if (!name || name.includes('&')) {
      this.host.diagnostic('ASMA071E', `Invalid macro prototype operation - ${name}`, proto);
      return undefined;
    }
    let nameParam: string | null = null;
    if (proto.name) {
      if (proto.name.startsWith('&')) nameParam = proto.name.slice(1).toUpperCase();
      else this.host.diagnostic('ASMA071E', `Invalid name field in prototype - ${proto.name}`, proto);
    }
    const positional: string[] = [];
    const keywords = new Map<string, string>();
    if (proto.operands.trim()) {
      let ops: string[];
      try {
        ops = splitOperands(proto.operands);
      } catch (e) {
        this.report(e, proto);
        ops = [];
      }
      for (const op of ops) {
        const m = /^&([A-Za-z@#$_][A-Za-z0-9@#$_]*)(=(.*))?$/s.exec(op.trim());
        if (!m) {
          this.host.diagnostic('ASMA071E', `Invalid prototype operand - ${op}`, proto);
          continue;
        }
        const pname = m[1].toUpperCase();
        if (m[2] !== undefined) keywords.set(pname, m[3]);
        else positional.push(pname);
      }
    }
    protoIndex++;
    const end = last && last.op === 'MEND' ? body.length : body.length + 1;
    const bodyStmts = body.slice(protoIndex, end);
    const { items, sequence } = this.classify(bodyStmts, true);
    if (items.length === 0 || items[items.length - 1].kind !== 'mend') {
      items.push({ kind: 'mend', stmt: makeStatement('', 'MEND', '', proto.line) });
    }
    const def: MacroDefinition = { name, nameParam, positional, keywords, body: items, sequence };
    this.macros.set(name, def);
    return def;
  }

  /** A macro by name: defined in the source, or found in a library. */
  private findMacro(name: string): MacroDefinition | undefined {
    const m = this.macros.get(name);
    if (m) return m;
    if (this.host.isOperation(name) || this.missingLibrary.has(name) || !/^[A-Z@#$_][A-Z0-9@#$_]*$/.test(name))
      return undefined;
    const text = this.options.resolver?.macro?.(name);
    if (text === undefined) {
      this.missingLibrary.add(name);
      return undefined;
    }
    const stmts = this.expandCopy(readStatements(splitLines(text)), 0);
    const start = stmts.findIndex((s) => s.op === 'MACRO');
    if (start < 0) {
      this.missingLibrary.add(name);
      return undefined;
    }
    let depth = 0;
    let j = start;
    for (; j < stmts.length; j++) {
      if (stmts[j].comment) continue;
      if (stmts[j].op === 'MACRO') depth++;
      else if (stmts[j].op === 'MEND' && --depth === 0) break;
    }
    const def = this.define(stmts.slice(start, j + 1));
    if (!def || def.name !== name) {
      this.missingLibrary.add(name);
      return def && def.name === name ? def : undefined;
    }
    return def;
  }

  private report(e: unknown, stmt: Statement): void {
    if (e instanceof AsmError) this.host.diagnostic(e.id, e.message, stmt);
    else this.host.diagnostic('ASMA999U', `Internal error: ${(e as Error).message}`, stmt);
  }

  /** Run a frame (open code or one macro expansion) to its end. */
  private execute(frame: Frame): void {
    const inMacro = frame.macro !== undefined;
    while (frame.index < frame.items.length && !this.stopped) {
      if (this.host.shouldStop?.()) {
        this.stopped = true;
        return;
      }
      const item = frame.items[frame.index++];
      const s = item.stmt;
      if (!inMacro) this.host.openCodeLine?.(s.line);
      if (++this.generated > this.limit) {
        this.host.diagnostic('ASMA100U', `Statement limit of ${this.limit} exceeded; assembly stopped`, s);
        this.stopped = true;
        return;
      }
      try {
        switch (item.kind) {
          case 'comment':
            if (!s.macroComment) this.host.listOnly(s, inMacro);
            break;
          case 'definition':
            if (!inMacro) for (const d of item.definition!) this.host.listOnly(d, false);
            this.define(item.definition!);
            break;
          case 'set':
            if (!inMacro) this.host.listOnly(s, false);
            this.set(frame, s);
            break;
          case 'declare':
            if (!inMacro) this.host.listOnly(s, false);
            this.declare(frame, s);
            break;
          case 'aif':
            if (!inMacro) this.host.listOnly(s, false);
            this.aif(frame, s);
            break;
          case 'ago':
            if (!inMacro) this.host.listOnly(s, false);
            this.branch(frame, s.operands.trim());
            break;
          case 'anop':
            if (!inMacro) this.host.listOnly(s, false);
            break;
          case 'actr':
            if (!inMacro) this.host.listOnly(s, false);
            frame.actr = toNumber(CondParser.evaluate(s.operands, this.scope(frame), 'A'));
            break;
          case 'mnote':
            this.mnote(frame, s);
            break;
          case 'mexit':
          case 'mend':
            return;
          case 'model':
            this.model(frame, item);
            break;
        }
      } catch (e) {
        this.report(e, s);
        if (e instanceof BranchLimit) return;
      }
    }
  }

  // ---- SET symbols ----

  private lookupSet(frame: Frame, name: string): SetSymbol | undefined {
    return frame.locals.get(name);
  }

  private declare(frame: Frame, s: Statement): void {
    const kind = s.op[3] as SetKind;
    const global = s.op.startsWith('GBL');
    for (const raw of splitOperands(s.operands)) {
      const m = /^&([A-Za-z@#$_][A-Za-z0-9@#$_]*)(\(.*\))?$/.exec(raw.trim());
      if (!m) {
        this.host.diagnostic('ASMA010E', `Invalid SET symbol declaration - ${raw}`, s);
        continue;
      }
      const name = m[1].toUpperCase();
      const array = m[2] !== undefined;
      if (global) {
        let g = this.globals.get(name);
        if (!g) {
          g = newSet(kind, array);
          this.globals.set(name, g);
        }
        frame.locals.set(name, g);
      } else {
        if (frame.locals.has(name) || frame.params.has(name)) {
          this.host.diagnostic('ASMA012E', `Duplicate SET symbol declaration - &${name}`, s);
          continue;
        }
        frame.locals.set(name, newSet(kind, array));
      }
    }
  }

  private set(frame: Frame, s: Statement): void {
    const m = /^&([A-Za-z@#$_][A-Za-z0-9@#$_]*)(?:\((.*)\))?$/.exec(s.name.trim());
    if (!m) throw new AsmError('ASMA010E', `Invalid SET symbol in name field - ${s.name}`);
    const name = m[1].toUpperCase();
    const kind = s.op[3] as SetKind;
    if (frame.params.has(name) || name.startsWith('SYS'))
      throw new AsmError('ASMA010E', `Cannot set a parameter or system variable - &${name}`);
    let sym = this.lookupSet(frame, name);
    const scope = this.scope(frame);
    let index: number | undefined;
    if (m[2] !== undefined) index = toNumber(CondParser.evaluate(m[2], scope, 'A'));
    if (!sym) {
      // HLASM declares an undeclared SET symbol as a local of the statement's type.
      sym = newSet(kind, index !== undefined);
      frame.locals.set(name, sym);
    }
    if (sym.kind !== kind) throw new AsmError('ASMA013E', `SET symbol &${name} is type ${sym.kind}, not ${kind}`);
    const operands = kind === 'C' ? splitSetcOperands(s.operands) : splitOperands(s.operands);
    operands.forEach((text, k) => {
      let v = CondParser.evaluate(text.trim(), scope, kind);
      if (kind === 'A') v = toNumber(v);
      else if (kind === 'B') v = toNumber(v) ? 1 : 0;
      else v = typeof v === 'number' ? String(Math.abs(v)) : v;
      if (sym.array) {
        const i = (index ?? 1) + k;
        if (i < 1) throw new AsmError('ASMA020E', `Subscript ${i} out of range for &${name}`);
        sym.elements.set(i, v);
      } else {
        if (index !== undefined || k > 0) throw new AsmError('ASMA020E', `&${name} is not dimensioned`);
        sym.scalar = v;
      }
    });
  }

  private aif(frame: Frame, s: Statement): void {
    const text = s.operands.trim();
    if (!text.startsWith('(')) throw new AsmError('ASMA143E', `AIF operand must begin with a parenthesis - ${text}`);
    // AIF (cond).SEQ[,(cond).SEQ ...]
    let p = 0;
    while (p < text.length) {
      const parser = new CondParser(text, this.scope(frame));
      parser.p = p + 1;
      const v = parser.expression();
      parser.blanks();
      if (text[parser.p] !== ')') throw new AsmError('ASMA129S', 'Insufficient right parentheses');
      let q = parser.p + 1;
      const m = /^\.[A-Za-z@#$_][A-Za-z0-9@#$_]*/.exec(text.slice(q));
      if (!m) throw new AsmError('ASMA142E', `Sequence symbol expected after AIF condition - ${text.slice(q, q + 10)}`);
      q += m[0].length;
      if (toNumber(v) !== 0) {
        this.branch(frame, m[0]);
        return;
      }
      if (text[q] !== ',') return;
      p = q + 1;
    }
  }

  private branch(frame: Frame, target: string): void {
    let name = target.toUpperCase();
    if (name.startsWith('(')) {
      // Computed AGO: AGO (n).S1,.S2,...
      const close = name.indexOf(')');
      const n = toNumber(CondParser.evaluate(target.slice(1, close), this.scope(frame), 'A'));
      const targets = name.slice(close + 1).split(',');
      if (n < 1 || n > targets.length) return;
      name = targets[n - 1].trim();
    }
    const index = frame.sequence.get(name);
    if (index === undefined)
      throw frame.macro
        ? new BranchLimit('ASMA012S', `Undefined sequence symbol - ${name}; macro aborted`)
        : new AsmError('ASMA168C', `Undefined sequence symbol - ${name}`);
    if (--frame.actr < 0) {
      throw new BranchLimit(
        'ASMA013S',
        `ACTR branch limit exceeded at ${name}; ${frame.macro ? 'macro expansion' : 'conditional assembly'} ended`,
      );
    }
    frame.index = index;
  }

  private mnote(frame: Frame, s: Statement): void {
    const text = this.substitute(s.operands, frame);
    const generated = frame.macro !== undefined;
    const stmt = generated ? makeStatement(s.name, 'MNOTE', text, s.line) : s;
    this.host.listOnly(stmt, generated);
    let severity: number | null = 0;
    let message = text.trim();
    const m = /^(\*|[0-9]*)\s*,\s*(.*)$/s.exec(message);
    if (m && !message.startsWith("'")) {
      severity = m[1] === '*' ? null : m[1] === '' ? 1 : Number(m[1]);
      message = m[2];
    }
    if (message.startsWith("'") && message.endsWith("'") && message.length >= 2)
      message = undouble(message.slice(1, -1));
    if (severity !== null && severity > 255) severity = 255;
    this.host.mnote(severity, message, stmt);
  }

  // ---- model statements and macro calls ----

  private model(frame: Frame, item: Item): void {
    const s = item.stmt;
    const inMacro = frame.macro !== undefined;
    let stmt = s;
    const name = item.sequence ? '' : s.name;
    if (inMacro || s.image.includes('&')) {
      const subName = name.includes('&') ? this.substitute(name, frame) : name;
      const subOp = s.op.includes('&') ? this.substitute(s.op, frame).toUpperCase() : s.op;
      const subOperands = s.operands.includes('&') ? this.substitute(s.operands, frame) : s.operands;
      if (subName !== s.name || subOp !== s.op || subOperands !== s.operands || inMacro) {
        stmt = makeStatement(subName, subOp, subOperands, s.line, s.remarks);
        // Keep the original source image for open-code statements.
        if (!inMacro) stmt = { ...stmt, image: s.image };
      }
    } else if (item.sequence) {
      stmt = { ...s, name: '' };
    }
    if (!stmt.op) {
      if (stmt.name) this.host.diagnostic('ASMA074E', 'Operation code missing', stmt);
      this.host.listOnly(stmt, inMacro);
      return;
    }
    if (stmt.op === 'OPSYN') {
      // name OPSYN op: `name` now means `op`; with no operand, `name` is deleted (HLASM "OPSYN instruction").
      this.host.listOnly(stmt, inMacro);
      const name = stmt.name.toUpperCase();
      const target = stmt.operands.trim().toUpperCase();
      if (!/^[A-Z@#$_][A-Z0-9@#$_]*$/.test(name)) throw new AsmError('ASMA062E', `Invalid OPSYN name - ${stmt.name}`);
      this.opsyn.set(name, target === '' ? null : (this.opsyn.get(target) ?? target));
      return;
    }
    if (this.opsyn.has(stmt.op)) {
      const target = this.opsyn.get(stmt.op);
      if (target === null) throw new AsmError('ASMA057E', `Undefined operation code - ${stmt.op}`);
      stmt = { ...stmt, op: target! };
    }
    const def = stmt.op.startsWith('&') ? undefined : this.findMacro(stmt.op);
    if (def) {
      this.host.listOnly(stmt, inMacro);
      this.call(def, stmt, frame.depth + 1);
      return;
    }
    this.host.statement(stmt, inMacro);
  }

  private call(def: MacroDefinition, stmt: Statement, depth: number): void {
    if (depth > MAX_NESTING) {
      this.host.diagnostic('ASMA066S', `Macro nesting deeper than ${MAX_NESTING} - ${def.name}`, stmt);
      return;
    }
    const params = new Map<string, string>();
    const positional: string[] = [];
    for (const [k, v] of def.keywords) params.set(k, v);
    if (stmt.operands !== '') {
      let ops: string[];
      try {
        ops = splitOperands(stmt.operands);
      } catch (e) {
        this.report(e, stmt);
        ops = [stmt.operands];
      }
      for (const op of ops) {
        const m = /^([A-Za-z@#$_][A-Za-z0-9@#$_]*)=(.*)$/s.exec(op);
        if (m && def.keywords.has(m[1].toUpperCase())) {
          params.set(m[1].toUpperCase(), m[2]);
          continue;
        }
        if (m) this.host.diagnostic('ASMA017W', `Undefined keyword parameter; default to positional - ${m[1]}`, stmt);
        positional.push(op);
      }
    }
    def.positional.forEach((p, i) => params.set(p, positional[i] ?? ''));
    // Positional operands beyond the prototype's stay reachable through &SYSLIST.
    if (def.nameParam) params.set(def.nameParam, stmt.name);
    const frame: Frame = {
      items: def.body,
      sequence: def.sequence,
      locals: new Map(),
      params,
      syslist: [stmt.name, ...positional],
      sysndx: ++this.sysndx,
      macro: def,
      actr: DEFAULT_ACTR,
      index: 0,
      depth,
    };
    this.execute(frame);
  }

  // ---- substitution ----

  /** Substitute variable symbols in model-statement text; '&&' stays '&&'. */
  substitute(text: string, frame: Frame): string {
    if (!text.includes('&')) return text;
    let out = '';
    let from = 0;
    let p = text.indexOf('&');
    while (p >= 0) {
      if (text.charCodeAt(p + 1) === 0x26) {
        p = text.indexOf('&', p + 2);
        continue;
      }
      let q = p + 1;
      while (q < text.length && isSymbolChar(text.charCodeAt(q), q === p + 1)) q++;
      if (q === p + 1) {
        p = text.indexOf('&', p + 1);
        continue;
      }
      out += text.slice(from, p);
      const name = text.slice(p + 1, q).toUpperCase();
      let subscripts: number[] = [];
      if (text[q] === '(' && this.subscriptable(frame, name)) {
        const close = matchParen(text, q);
        if (close > 0) {
          const inner = this.substitute(text.slice(q + 1, close), frame);
          subscripts = splitOperands(inner).map((x) => toNumber(CondParser.evaluate(x.trim(), this.scope(frame), 'A')));
          q = close + 1;
        }
      }
      let value: CondValue;
      try {
        value = this.variable(frame, name, subscripts);
      } catch (e) {
        this.report(e, frame.items[Math.max(0, frame.index - 1)]?.stmt ?? makeStatement('', '', '', 0));
        value = '';
      }
      // An arithmetic value becomes characters as an unsigned number (HLASM
      // Language Reference, "Macro language elements", note 8; SIGNED keeps the sign).
      out += typeof value === 'number' ? String(Math.abs(value)) : value;
      if (text[q] === '.') q++;
      from = q;
      p = text.indexOf('&', q);
    }
    return out + text.slice(from);
  }

  private subscriptable(frame: Frame, name: string): boolean {
    if (name === 'SYSLIST') return true;
    if (frame.params.has(name)) return true;
    const s = frame.locals.get(name);
    return s !== undefined && s.array;
  }

  /** The value of &NAME(subscripts) in a frame. */
  variable(frame: Frame, name: string, subscripts: number[]): CondValue {
    const local = frame.locals.get(name);
    if (local) {
      if (local.array) {
        if (subscripts.length !== 1) throw new AsmError('ASMA020E', `Subscript required for &${name}`);
        return local.elements.get(subscripts[0]) ?? (local.kind === 'C' ? '' : 0);
      }
      return local.scalar;
    }
    const param = frame.params.get(name);
    if (param !== undefined) return sublistElement(param, subscripts);
    switch (name) {
      case 'SYSLIST': {
        if (subscripts.length === 0) throw new AsmError('ASMA020E', '&SYSLIST requires a subscript');
        const v = frame.syslist[subscripts[0]] ?? '';
        return sublistElement(v, subscripts.slice(1));
      }
      case 'SYSNDX':
        return String(frame.sysndx).padStart(4, '0');
      case 'SYSECT':
        return this.host.currentSection();
      case 'SYSPARM':
        return this.options.sysparm ?? '';
      case 'SYSNEST':
        return frame.depth;
      case 'SYSMAC':
        return frame.macro?.name ?? 'OPEN CODE';
      case 'SYSDATE': {
        const d = new Date();
        const two = (n: number) => String(n).padStart(2, '0');
        return `${two(d.getMonth() + 1)}/${two(d.getDate())}/${two(d.getFullYear() % 100)}`;
      }
      case 'SYSTIME': {
        const d = new Date();
        const two = (n: number) => String(n).padStart(2, '0');
        return `${two(d.getHours())}.${two(d.getMinutes())}`;
      }
      case 'SYSASM':
        return 'VMCMS ASSEMBLER';
      default:
        throw new AsmError('ASMA003E', `Undeclared variable symbol - &${name}`);
    }
  }

  private scope(frame: Frame): CondScope {
    return {
      variable: (name, subscripts) => this.variable(frame, name, subscripts),
      attribute: (attr, name, subscripts, isVariable) => this.attribute(frame, attr, name, subscripts, isVariable),
      ordinarySymbol: (name) => this.host.symbol(name)?.absolute,
      substitute: (text) => this.substitute(text, frame),
    };
  }

  /**
   * An ordinary symbol's attributes: from the first pass if it is defined
   * already, else by looking ahead in the open code for the statement that
   * defines it (HLASM "Lookahead"); symbols a macro will generate are not
   * found that way, as in HLASM.
   */
  private symbolAttributes(name: string): OrdinaryAttributes | undefined {
    const known = this.host.symbol(name);
    if (known) return known;
    let cached = this.lookaheadCache.get(name);
    if (cached === undefined) {
      cached = null;
      for (const item of this.openItems) {
        if (item.kind === 'model' && !item.sequence && item.stmt.name.toUpperCase() === name) {
          cached = this.host.predictAttributes?.(item.stmt) ?? null;
          break;
        }
      }
      this.lookaheadCache.set(name, cached);
    }
    return cached ?? undefined;
  }

  /** O' (HLASM "Opcode attribute"): M for a macro, else what the assembler says, U if nothing. */
  private opcodeAttribute(op: string): string {
    const name = op.toUpperCase();
    if (this.macros.has(name)) return 'M';
    const t = this.host.operationType?.(name);
    if (t) return t;
    return this.findMacro(name) ? 'S' : 'U';
  }

  private attribute(frame: Frame, attr: string, name: string, subscripts: number[], isVariable: boolean): CondValue {
    if (attr === 'O') return this.opcodeAttribute(isVariable ? String(this.variable(frame, name, subscripts)) : name);
    if (!isVariable) {
      const sym = this.symbolAttributes(name);
      switch (attr) {
        case 'T':
          return sym ? sym.type : 'U';
        case 'L':
          return sym ? sym.length : 0;
        case 'D':
          return sym ? 1 : 0;
        default:
          throw new AsmError('ASMA112E', `Invalid attribute ${attr}' of an ordinary symbol`);
      }
    }
    // N' of an array SET symbol or of &SYSLIST.
    if (attr === 'N') {
      const local = frame.locals.get(name);
      if (local) {
        if (!local.array) return 1;
        let max = 0;
        for (const k of local.elements.keys()) max = Math.max(max, k);
        return max;
      }
      if (name === 'SYSLIST' && subscripts.length === 0) return frame.syslist.length - 1;
    }
    const value = String(this.variable(frame, name, subscripts));
    const local = frame.locals.get(name);
    switch (attr) {
      case 'K':
        return value.length;
      case 'N':
        return sublistCount(value);
      case 'T': {
        if (local && local.kind !== 'C') return 'N';
        return this.typeOfOperand(value);
      }
      case 'L': {
        const sym = symbolPart(value);
        const a = sym ? this.symbolAttributes(sym) : undefined;
        return a ? a.length : 0;
      }
      case 'D': {
        const sym = symbolPart(value);
        return sym && this.host.symbol(sym) ? 1 : 0;
      }
      default:
        throw new AsmError('ASMA112E', `Attribute ${attr}' not supported`);
    }
  }

  /** T' of a macro operand (HLASM "Type attribute (T')", macro instruction operands). */
  private typeOfOperand(value: string): string {
    if (value === '') return 'O';
    if (/^[+-]?[0-9]+$/.test(value)) return 'N';
    if (/^[XBC]'.*'$/i.test(value)) return 'N';
    if (value.startsWith('=')) {
      const t = /^=[0-9]*([A-Za-z])/.exec(value);
      return t ? t[1].toUpperCase() : 'U';
    }
    const sym = symbolPart(value);
    if (sym && sym === value.toUpperCase()) {
      const a = this.symbolAttributes(sym);
      return a ? a.type : 'U';
    }
    if (/^[A-Za-z@#$_][A-Za-z0-9@#$_]*\(.*\)$/.test(value)) {
      const a = this.symbolAttributes(symbolPart(value)!);
      return a ? a.type : 'U';
    }
    return 'U';
  }
}

class BranchLimit extends AsmError {}

function newSet(kind: SetKind, array: boolean): SetSymbol {
  return { kind, array, scalar: kind === 'C' ? '' : 0, elements: new Map() };
}

/** The symbol an operand names, if it begins with one. */
function symbolPart(value: string): string | undefined {
  const m = /^[A-Za-z@#$_][A-Za-z0-9@#$_]*/.exec(value);
  return m ? m[0].toUpperCase() : undefined;
}

/** Index of the parenthesis closing the one at text[p], or -1. */
function matchParen(text: string, p: number): number {
  let depth = 0;
  for (let q = p; q < text.length; q++) {
    if (text[q] === '(') depth++;
    else if (text[q] === ')' && --depth === 0) return q;
  }
  return -1;
}

/** Is the operand a sublist: one parenthesised group covering all of it? */
function isSublist(value: string): boolean {
  return value.startsWith('(') && matchParen(value, 0) === value.length - 1;
}

/** Elements of a sublist (or the value itself). */
export function sublistElements(value: string): string[] {
  if (!isSublist(value)) return [value];
  return splitOperands(value.slice(1, -1));
}

function sublistCount(value: string): number {
  if (value === '') return 0;
  if (!isSublist(value)) return 1;
  return sublistElements(value).length;
}

function sublistElement(value: string, subscripts: number[]): string {
  let v = value;
  for (const i of subscripts) {
    const elems = sublistElements(v);
    if (!isSublist(v)) v = i === 1 ? v : '';
    else v = elems[i - 1] ?? '';
  }
  return v;
}

/** SETC operands: split at top-level commas outside quotes and parentheses. */
function splitSetcOperands(text: string): string[] {
  try {
    return splitOperands(text);
  } catch {
    return [text];
  }
}

/** A character of a symbol: letter, @ # $ _, or (not first) a digit. */
function isSymbolChar(c: number, first: boolean): boolean {
  const u = c & 0xdf;
  if (u >= 0x41 && u <= 0x5a) return true;
  if (c === 0x40 || c === 0x23 || c === 0x24 || c === 0x5f) return true;
  return !first && c >= 0x30 && c <= 0x39;
}
