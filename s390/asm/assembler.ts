// The assembler: two passes over the statements the macro processor
// produces (HLASM Language Reference SC26-4940; the object deck as in
// "Object deck output" of the HLASM Programmer's Guide SC26-4941).
//
// Pass 1 (as the macro processor hands over each statement): location
// counters per section, symbols with their value, length and type
// attributes, DC/DS lengths and alignment, literals collected into pools at
// LTORG and END, EQU and ORG. Pass 2: USING and DROP in order, machine
// instructions and constants encoded, relocation items, the entry point.
// Every statement error becomes a diagnostic on its line; nothing throws.

import { toEbcdic } from '../ebcdic.js';
import {
  AsmError,
  evaluate,
  isAbsolute,
  isSymbol,
  relocation,
  scanLiteral,
  severityOf,
  splitOperands,
  type ExprContext,
  type SymbolInfo,
  type Value,
} from './expr.js';
import {
  buildConstant,
  dcAlignment,
  integerBytes,
  lengthAttribute,
  operandLength,
  parseDcOperand,
  typeAttribute,
  type DcOperand,
} from './dc.js';
import { encodeInstruction } from './encode.js';
import { MacroProcessor, type MacroHost, type OrdinaryAttributes, type SourceResolver } from './macro.js';
import { operationTable, type OperationTable } from './optable.js';
import { UsingTable } from './using.js';
import type { Statement } from './source.js';
import type { AsmSymbol, Diagnostic, Line, Literal, PrintState, RldItem, Section, SectionKind } from './types.js';
import { FORMATS } from '../formats.js';

export interface AssembleOptions {
  readonly sysparm?: string;
  /** COPY members and library macros. */
  readonly macroLibraries?: SourceResolver;
  /** Which instructions are accepted; default: those of both architectures. */
  readonly arch?: '370' | '390';
}

/** Assembler instructions (as opposed to machine instructions and macros). */
export const ASSEMBLER_OPS = new Set([
  'START',
  'CSECT',
  'DSECT',
  'RSECT',
  'COM',
  'END',
  'ENTRY',
  'EXTRN',
  'WXTRN',
  'USING',
  'DROP',
  'EQU',
  'DC',
  'DS',
  'ORG',
  'LTORG',
  'CNOP',
  'COPY',
  'TITLE',
  'EJECT',
  'SPACE',
  'PRINT',
  'PUNCH',
  'AMODE',
  'RMODE',
  'CCW',
  'CCW0',
  'CCW1',
  'PUSH',
  'POP',
  'MACRO',
  'MEND',
  'MEXIT',
  'AIF',
  'AGO',
  'ANOP',
  'SETA',
  'SETB',
  'SETC',
  'LCLA',
  'LCLB',
  'LCLC',
  'GBLA',
  'GBLB',
  'GBLC',
  'MNOTE',
  'ACTR',
  'ISEQ',
  'ICTL',
  'OPSYN',
  'ACONTROL',
  'REPRO',
  'EXITCTL',
  'ADATA',
  'AREAD',
]);

/** Everything the object deck and listing writers need. */
export interface Assembly {
  readonly lines: readonly Line[];
  readonly sections: readonly Section[];
  readonly symbols: ReadonlyMap<string, AsmSymbol>;
  readonly text: ReadonlyMap<number, { offset: number; bytes: Uint8Array }[]>;
  readonly rld: readonly RldItem[];
  readonly entries: readonly { name: string; section: number; offset: number }[];
  readonly end?: { section: number; offset: number };
  readonly punches: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly returnCode: number;
  readonly title: string;
}

/** An assembly stops after this many diagnostics (a runaway macro recursion, say). */
const MAX_DIAGNOSTICS = 5000;

const align = (n: number, a: number) => (a <= 1 ? n : Math.ceil(n / a) * a);

export class Assembler implements MacroHost {
  private ops: OperationTable;
  private readonly lines: Line[] = [];
  private readonly sections: Section[] = [];
  private readonly symbols = new Map<string, AsmSymbol>();
  private current: Section | undefined;
  private lastLine: Line | undefined;
  private pool = new Map<string, Literal>();
  private pendingEqu: Line[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly text = new Map<number, { offset: number; bytes: Uint8Array }[]>();
  private readonly rld: RldItem[] = [];
  private readonly entryNames: { name: string; line: Line }[] = [];
  private readonly punches: string[] = [];
  private endLine: Line | undefined;
  private started = false;
  private title = '';
  private statementNumber = 0;
  private maxSeverity = 0;
  private openLine = 0;
  private printState: PrintState = { on: true, gen: true, data: false };
  private readonly printStack: PrintState[] = [];
  private tooMany = false;

  constructor(private readonly options: AssembleOptions = {}) {
    this.ops = operationTable(options.arch);
  }

  assemble(source: string): Assembly {
    const optable = processOptable(source);
    if (optable && this.options.arch === undefined) this.ops = operationTable(optable === 'all' ? undefined : optable);
    const macros = new MacroProcessor(this, { sysparm: this.options.sysparm, resolver: this.options.macroLibraries });
    try {
      macros.run(source);
    } catch (e) {
      this.diagnostic('ASMA999U', `Internal error in pass 1: ${(e as Error).message}`);
    }
    if (!this.endLine) {
      this.diagnostic('ASMA140W', 'END record missing');
      this.finishPass1();
    }
    this.resolvePendingEqu(true);
    this.assignOrigins();
    let end: { section: number; offset: number } | undefined;
    try {
      end = this.pass2();
    } catch (e) {
      this.diagnostic('ASMA999U', `Internal error in pass 2: ${(e as Error).message}`);
    }
    const entries = this.entryPoints();
    return {
      lines: this.lines,
      sections: this.sections,
      symbols: this.symbols,
      text: this.text,
      rld: this.rld,
      entries,
      end,
      punches: this.punches,
      diagnostics: this.diagnostics,
      returnCode: this.maxSeverity,
      title: this.title,
    };
  }

  // ---- MacroHost ----

  statement(stmt: Statement, generated: boolean): void {
    const line = this.newLine(stmt, generated, false);
    // Statements after END are not assembled (HLASM reads no further).
    if (this.endLine) return;
    try {
      this.pass1(line);
    } catch (e) {
      this.report(e, line);
    }
  }

  listOnly(stmt: Statement, generated: boolean): void {
    this.newLine(stmt, generated, true);
  }

  diagnostic(id: string, message: string, stmt?: Statement): void {
    let line: Line | undefined = this.lastLine;
    if (stmt && line?.stmt !== stmt) line = this.findLine(stmt);
    const d: Diagnostic = {
      id,
      severity: severityOf(id),
      message,
      line: line?.sourceLine ?? (stmt?.line || this.openLine),
      statement: line?.number ?? 0,
    };
    this.addDiagnostic(d, line);
  }

  mnote(severity: number | null, text: string, stmt: Statement): void {
    const line = this.lastLine?.stmt === stmt ? this.lastLine : this.findLine(stmt);
    const sev = severity ?? 0;
    const d: Diagnostic = {
      id: severity === null ? 'MNOTE' : 'ASMA254I',
      severity: sev,
      message: severity === null ? text : `*** MNOTE *** ${sev},${text}`,
      line: line?.sourceLine ?? stmt.line,
      statement: line?.number ?? 0,
    };
    this.addDiagnostic(d, line);
  }

  /** The recent line of a statement (diagnostics name statements, not lines). */
  private findLine(stmt: Statement): Line | undefined {
    for (let i = this.lines.length - 1; i >= 0 && i >= this.lines.length - 200; i--) {
      if (this.lines[i].stmt === stmt) return this.lines[i];
    }
    return undefined;
  }

  symbol(name: string): OrdinaryAttributes | undefined {
    const s = this.symbols.get(name);
    if (!s || s.defined === 0) return undefined;
    return { type: s.type, length: s.length, absolute: s.section === 0 ? s.value : undefined };
  }

  isOperation(op: string): boolean {
    return ASSEMBLER_OPS.has(op) || this.ops.lookup(op) !== undefined;
  }

  predictAttributes(stmt: Statement): OrdinaryAttributes | undefined {
    const op = stmt.op;
    const mop = ASSEMBLER_OPS.has(op) ? undefined : this.ops.lookup(op);
    if (mop) return { type: 'I', length: FORMATS[mop.row.format].length };
    switch (op) {
      case 'DC':
      case 'DS': {
        try {
          const first = splitOperands(stmt.operands)[0] ?? '';
          const d = parseDcOperand(
            first.trim(),
            { symbol: () => undefined, location: () => ({ value: 0, section: 0, length: 1, type: 'U' }) },
            op === 'DS',
          );
          return { type: typeAttribute(d), length: lengthAttribute(d) };
        } catch {
          return undefined;
        }
      }
      case 'CSECT':
      case 'DSECT':
      case 'START':
      case 'RSECT':
      case 'COM':
        return { type: 'J', length: 1 };
      case 'CCW':
      case 'CCW0':
      case 'CCW1':
        return { type: 'W', length: 8 };
      case 'EQU':
        return { type: 'U', length: 1 };
      default:
        return op.includes('&') ? undefined : { type: 'M', length: 1 };
    }
  }

  operationType(op: string): 'A' | 'E' | 'O' | undefined {
    if (ASSEMBLER_OPS.has(op)) return 'A';
    const m = this.ops.lookup(op);
    if (!m) return undefined;
    return m.row.mnemonic === op ? 'O' : 'E';
  }

  currentSection(): string {
    return this.current?.name ?? '';
  }

  shouldStop(): boolean {
    if (this.diagnostics.length < MAX_DIAGNOSTICS) return false;
    if (!this.tooMany) {
      this.tooMany = true;
      this.diagnostic('ASMA100U', `More than ${MAX_DIAGNOSTICS} diagnostics; assembly stopped`);
    }
    return true;
  }

  openCodeLine(line: number): void {
    this.openLine = line;
  }

  // ---- bookkeeping ----

  private newLine(stmt: Statement, generated: boolean, listOnly: boolean): Line {
    const line: Line = {
      number: ++this.statementNumber,
      stmt,
      generated,
      sourceLine: generated ? this.openLine : stmt.line || this.openLine,
      listOnly,
      print: this.printState,
      kind: 'none',
      section: this.current?.id ?? 0,
      loc: this.current?.loc ?? 0,
      length: 0,
      diagnostics: [],
    };
    this.lines.push(line);
    this.lastLine = line;
    return line;
  }

  private addDiagnostic(d: Diagnostic, line: Line | undefined): void {
    if (line && line.diagnostics.some((x) => x.id === d.id && x.message === d.message)) return;
    this.diagnostics.push(d);
    line?.diagnostics.push(d);
    this.maxSeverity = Math.max(this.maxSeverity, d.severity);
  }

  private report(e: unknown, line: Line): void {
    const d: Diagnostic =
      e instanceof AsmError
        ? { id: e.id, severity: severityOf(e.id), message: e.message, line: line.sourceLine, statement: line.number }
        : {
            id: 'ASMA999U',
            severity: 16,
            message: `Internal error: ${(e as Error).message}`,
            line: line.sourceLine,
            statement: line.number,
          };
    this.addDiagnostic(d, line);
  }

  private section(): Section {
    if (!this.current) {
      // Code before any CSECT goes into an unnamed control section (private code).
      this.current = this.newSection('', 'PC');
    }
    return this.current;
  }

  private newSection(name: string, kind: SectionKind): Section {
    const s: Section = { id: this.sections.length + 1, name, kind, loc: 0, max: 0, origin: 0, esdid: 0 };
    this.sections.push(s);
    return s;
  }

  private defineSymbol(line: Line, name: string, section: number, value: number, length: number, type: string): void {
    const upper = name.toUpperCase();
    if (!isSymbol(upper)) throw new AsmError('ASMA147E', `Invalid symbol in name field - ${name}`);
    const existing = this.symbols.get(upper);
    if (existing && existing.defined !== 0) {
      this.report(new AsmError('ASMA043E', `Previously defined symbol - ${upper}`), line);
      return;
    }
    const sym: AsmSymbol = existing ?? {
      name: upper,
      section,
      value,
      length,
      type,
      defined: line.number,
      references: [],
    };
    sym.section = section;
    sym.value = value;
    sym.length = length;
    sym.type = type;
    sym.defined = line.number;
    this.symbols.set(upper, sym);
  }

  /** Expression context for pass 1 (locations as they stand) or pass 2. */
  private context(line: Line, loc?: { section: number; offset: number; length: number }): ExprContext {
    return {
      symbol: (name): SymbolInfo | undefined => {
        const s = this.symbols.get(name);
        if (!s || s.defined === 0) return undefined;
        const refs = s.references;
        if (refs[refs.length - 1] !== line.number) refs.push(line.number);
        return s;
      },
      location: (): SymbolInfo => {
        const l = loc ?? { section: line.section, offset: line.loc, length: line.length || 1 };
        return { value: l.offset, section: l.section, length: l.length, type: 'U' };
      },
      literal: (text): SymbolInfo | undefined => {
        const lit = line.literals?.get(text);
        if (!lit) return undefined;
        return {
          value: lit.offset,
          section: lit.section,
          length: lengthAttribute(lit.operand),
          type: lit.operand.type,
        };
      },
    };
  }

  // ---- pass 1 ----

  private pass1(line: Line): void {
    const { stmt } = line;
    const op = stmt.op;
    const mop = ASSEMBLER_OPS.has(op) ? undefined : this.ops.lookup(op);
    if (mop) {
      const sec = this.section();
      sec.loc = align(sec.loc, 2);
      line.kind = 'instruction';
      line.op = mop;
      line.section = sec.id;
      line.loc = sec.loc;
      line.length = FORMATS[mop.row.format].length;
      this.collectLiterals(line);
      if (stmt.name) this.defineSymbol(line, stmt.name, sec.id, sec.loc, line.length, 'I');
      this.advance(sec, line.length);
      return;
    }
    switch (op) {
      case 'CSECT':
      case 'RSECT':
      case 'START':
      case 'DSECT':
      case 'COM':
        return this.sectionStatement(line, op);
      case 'DC':
      case 'DS':
        return this.dcds(line, op === 'DS');
      case 'CCW':
      case 'CCW0':
      case 'CCW1': {
        const sec = this.section();
        sec.loc = align(sec.loc, 8);
        line.kind = 'ccw';
        line.section = sec.id;
        line.loc = sec.loc;
        line.length = 8;
        if (stmt.name) this.defineSymbol(line, stmt.name, sec.id, sec.loc, 8, 'W');
        this.advance(sec, 8);
        return;
      }
      case 'EQU':
        return this.equ(line, false);
      case 'ORG':
        return this.org(line);
      case 'LTORG': {
        const sec = this.section();
        line.section = sec.id;
        if (stmt.name) this.defineSymbol(line, stmt.name, sec.id, this.pool.size ? align(sec.loc, 8) : sec.loc, 1, 'U');
        this.placePool(sec);
        return;
      }
      case 'CNOP':
        return this.cnop(line);
      case 'USING':
        line.kind = 'using';
        return;
      case 'DROP':
        line.kind = 'drop';
        return;
      case 'END':
        this.endLine = line;
        line.kind = 'end';
        this.finishPass1();
        return;
      case 'ENTRY':
        for (const n of splitOperands(stmt.operands)) this.entryNames.push({ name: n.trim().toUpperCase(), line });
        line.kind = 'entry';
        return;
      case 'EXTRN':
      case 'WXTRN':
        for (const n of splitOperands(stmt.operands))
          this.external(line, n.trim().toUpperCase(), op === 'WXTRN' ? 'WX' : 'ER');
        return;
      case 'TITLE':
        if (!this.title) this.title = stmt.operands.replace(/^'|'$/g, '');
        return;
      case 'PUNCH': {
        const m = /^'(.*)'$/s.exec(stmt.operands.trim());
        if (!m) throw new AsmError('ASMA035E', 'PUNCH operand must be a quoted string');
        this.punches.push(m[1].replace(/''/g, "'").replace(/&&/g, '&'));
        return;
      }
      case 'AMODE':
      case 'RMODE':
        return this.mode(line, op);
      case 'PRINT':
        this.print(line.stmt.operands);
        return;
      case 'PUSH':
      case 'POP':
        return this.pushPop(line, op === 'PUSH');
      case 'EJECT':
      case 'SPACE':
      case 'COPY':
      case 'ISEQ':
      case 'ICTL':
      case 'REPRO':
      case 'ACONTROL':
        return;
      case 'MEND':
      case 'MEXIT':
        throw new AsmError('ASMA054E', `${op} outside a macro definition`);
      case 'MACRO':
        throw new AsmError('ASMA054E', 'Unexpected MACRO statement');
      default:
        throw new AsmError('ASMA057E', `Undefined operation code - ${op || stmt.name}`);
    }
  }

  /**
   * PUSH and POP PRINT/USING (HLASM "PUSH instruction", "POP instruction"):
   * PRINT is saved here, in pass 1; USING in pass 2, where USINGs are made.
   */
  private pushPop(line: Line, push: boolean): void {
    const what = splitOperands(line.stmt.operands).map((o) => o.trim().toUpperCase());
    for (const w of what) {
      if (w === 'PRINT') {
        if (push) this.printStack.push(this.printState);
        else {
          const saved = this.printStack.pop();
          if (!saved) throw new AsmError('ASMA095W', 'POP PRINT without a matching PUSH');
          this.printState = saved;
        }
      } else if (w === 'USING') line.kind = push ? 'push-using' : 'pop-using';
      else if (w !== 'ACONTROL' && w !== 'NOPRINT')
        throw new AsmError('ASMA031E', `Invalid ${push ? 'PUSH' : 'POP'} operand - ${w}`);
    }
  }

  /** PRINT ON/OFF, GEN/NOGEN, DATA/NODATA (HLASM "PRINT instruction"): what the listing shows. */
  private print(operands: string): void {
    for (const o of splitOperands(operands)) {
      const w = o.trim().toUpperCase();
      if (w === 'ON' || w === 'OFF') this.printState = { ...this.printState, on: w === 'ON' };
      else if (w === 'GEN' || w === 'NOGEN') this.printState = { ...this.printState, gen: w === 'GEN' };
      else if (w === 'DATA' || w === 'NODATA') this.printState = { ...this.printState, data: w === 'DATA' };
    }
  }

  private advance(sec: Section, n: number): void {
    // The object deck has 3-byte addresses (OS/360 format): 16M at most.
    if (sec.origin + sec.loc + n > 0xffffff)
      throw new AsmError('ASMA039S', `Location counter error: ${sec.name || 'section'} would pass X'FFFFFF'`);
    sec.loc += n;
    if (sec.loc > sec.max) sec.max = sec.loc;
  }

  private sectionStatement(line: Line, op: string): void {
    const name = line.stmt.name.toUpperCase();
    const kind: SectionKind = op === 'DSECT' ? 'DSECT' : op === 'COM' ? 'CM' : name ? 'SD' : 'PC';
    if (op === 'DSECT' && !name) throw new AsmError('ASMA074E', 'DSECT requires a name');
    let sec = this.sections.find((s) => s.name === name && s.kind === kind && (name !== '' || kind === 'PC'));
    if (!sec) {
      const clash = name ? this.symbols.get(name) : undefined;
      if (clash && clash.defined) throw new AsmError('ASMA043E', `Previously defined symbol - ${name}`);
      sec = this.newSection(name, kind);
      if (op === 'START') {
        if (this.started || this.sections.some((s) => s !== sec && s.kind !== 'ER' && s.kind !== 'WX'))
          this.report(new AsmError('ASMA091E', 'START must be the first section'), line);
        if (line.stmt.operands.trim()) {
          const v = evaluate(line.stmt.operands, this.context(line)).value;
          if (!isAbsolute(v)) throw new AsmError('ASMA032E', 'START operand must be absolute');
          sec.origin = align(v.abs, 8);
        }
      }
      if (name) this.defineSymbol(line, name, sec.id, 0, 1, 'J');
    }
    this.started = true;
    this.current = sec;
    line.kind = 'section';
    line.section = sec.id;
    line.loc = sec.loc;
  }

  private external(line: Line, name: string, kind: 'ER' | 'WX'): void {
    if (!isSymbol(name)) throw new AsmError('ASMA147E', `Invalid external symbol - ${name}`);
    const existing = this.symbols.get(name);
    if (existing && existing.defined) {
      const sec = this.sections[existing.section - 1];
      if (sec && (sec.kind === 'ER' || sec.kind === 'WX')) return;
      throw new AsmError('ASMA043E', `Previously defined symbol - ${name}`);
    }
    const sec = this.newSection(name, kind);
    this.defineSymbol(line, name, sec.id, 0, 1, kind === 'ER' ? 'T' : '$');
  }

  /** The external (ER) section of a V-constant's symbol, created on first use. */
  private vconTarget(name: string): Section {
    const upper = name.toUpperCase();
    const found = this.sections.find((s) => s.name === upper && (s.kind === 'ER' || s.kind === 'WX'));
    if (found) return found;
    const sd = this.sections.find((s) => s.name === upper && (s.kind === 'SD' || s.kind === 'PC'));
    if (sd) return sd;
    if (!isSymbol(upper)) throw new AsmError('ASMA147E', `Invalid V-constant symbol - ${name}`);
    return this.newSection(upper, 'ER');
  }

  private dcds(line: Line, isDs: boolean): void {
    const sec = this.section();
    line.section = sec.id;
    const ctx = this.context(line);
    const texts = splitOperands(line.stmt.operands);
    const operands: DcOperand[] = [];
    const offsets: number[] = [];
    let first = true;
    let start = sec.loc;
    for (const t of texts) {
      const op = parseDcOperand(t.trim(), ctx, isDs);
      const a = dcAlignment(op);
      sec.loc = align(sec.loc, a);
      if (first) {
        start = sec.loc;
        line.loc = sec.loc;
        if (line.stmt.name)
          this.defineSymbol(line, line.stmt.name, sec.id, sec.loc, lengthAttribute(op), typeAttribute(op));
        first = false;
      }
      if (op.type === 'V' && op.values && !isDs) for (const v of op.values) this.vconTarget(v);
      this.advance(sec, operandLength(op));
      operands.push(op);
      offsets.push(sec.loc - operandLength(op) - start);
    }
    line.length = sec.loc - start;
    line.dc = { operands, offsets };
    line.kind = isDs ? 'ds' : 'dc';
  }

  private collectLiterals(line: Line): void {
    const text = line.stmt.operands;
    if (!text.includes('=')) return;
    for (const operand of splitOperands(text)) {
      const t = operand.trim();
      if (!t.startsWith('=')) continue;
      const end = scanLiteral(t, 0);
      const litText = t.slice(0, end);
      const locationDependent = litText.includes('*') && /[AYS]\(/.test(litText.toUpperCase());
      const key = locationDependent ? `${litText}@${line.number}` : litText;
      let lit = this.pool.get(key);
      if (!lit) {
        const op = parseDcOperand(litText.slice(1), this.context(line), false);
        if (op.dup === 0) throw new AsmError('ASMA097E', 'Literal with zero duplication factor');
        const size = operandLength(op);
        lit = {
          text: litText,
          operand: op,
          size,
          alignment: dcAlignment(op),
          section: 0,
          offset: 0,
          assigned: false,
          refSection: line.section,
          refLoc: line.loc,
        };
        if (op.type === 'V' && op.values) for (const v of op.values) this.vconTarget(v);
        this.pool.set(key, lit);
      }
      (line.literals ??= new Map()).set(litText, lit);
    }
  }

  /**
   * Place the pending literals at the section's location counter, HLASM's
   * order: first those whose length is a multiple of 16, then 8, 4, 2,
   * then the rest, each group in order of first use, on a doubleword.
   */
  private placePool(sec: Section): void {
    const lits = [...this.pool.values()];
    this.pool = new Map();
    if (!lits.length) return;
    sec.loc = align(sec.loc, 8);
    const groups = [
      lits.filter((l) => l.size % 16 === 0),
      lits.filter((l) => l.size % 16 !== 0 && l.size % 8 === 0),
      lits.filter((l) => l.size % 8 !== 0 && l.size % 4 === 0),
      lits.filter((l) => l.size % 4 !== 0 && l.size % 2 === 0),
      lits.filter((l) => l.size % 2 !== 0),
    ];
    for (const group of groups) {
      for (const lit of group) {
        lit.section = sec.id;
        lit.offset = sec.loc;
        lit.assigned = true;
        const l = this.newLine(
          {
            name: '',
            op: '',
            operands: lit.text,
            remarks: '',
            image: `               ${lit.text}`,
            line: 0,
            comment: false,
            macroComment: false,
            continuations: [],
          },
          false,
          false,
        );
        l.kind = 'literal';
        l.section = sec.id;
        l.loc = sec.loc;
        l.length = lit.size;
        l.literal = lit;
        this.advance(sec, lit.size);
      }
    }
  }

  private equ(line: Line, final: boolean): void {
    line.kind = 'equ';
    const name = line.stmt.name;
    if (!name) throw new AsmError('ASMA074E', 'EQU requires a name');
    const ops = splitOperands(line.stmt.operands);
    let parsed;
    try {
      parsed = evaluate(ops[0] ?? '', this.context(line));
    } catch (e) {
      if (!final && e instanceof AsmError && e.id === 'ASMA044E') {
        this.pendingEqu.push(line);
        return;
      }
      throw e;
    }
    const section = relocation(parsed.value);
    if (section < 0) throw new AsmError('ASMA078E', 'EQU expression complexly relocatable');
    let length = parsed.length;
    if (ops[1] !== undefined && ops[1].trim() !== '') {
      const l = evaluate(ops[1], this.context(line)).value;
      if (!isAbsolute(l) || l.abs < 0 || l.abs > 65535) throw new AsmError('ASMA019E', 'Invalid EQU length');
      length = l.abs;
    }
    let type = 'U';
    if (ops[2] !== undefined && ops[2].trim() !== '') {
      const t = evaluate(ops[2], this.context(line)).value;
      if (!isAbsolute(t) || t.abs < 0 || t.abs > 255) throw new AsmError('ASMA019E', 'Invalid EQU type');
      type = String.fromCharCode(ebcdicToAscii(t.abs));
    }
    line.shown = parsed.value.abs;
    this.defineSymbol(line, name, section, parsed.value.abs, length, type);
  }

  private resolvePendingEqu(final: boolean): void {
    for (let round = 0; round < 20 && this.pendingEqu.length; round++) {
      const pending = this.pendingEqu;
      this.pendingEqu = [];
      for (const line of pending) {
        try {
          this.equ(line, false);
        } catch (e) {
          this.report(e, line);
        }
      }
      if (this.pendingEqu.length === pending.length) break;
    }
    if (final) {
      const pending = this.pendingEqu;
      this.pendingEqu = [];
      for (const line of pending) {
        try {
          this.equ(line, true);
        } catch (e) {
          this.report(e, line);
        }
      }
    }
  }

  private org(line: Line): void {
    const sec = this.section();
    line.kind = 'org';
    line.section = sec.id;
    if (line.stmt.name) this.defineSymbol(line, line.stmt.name, sec.id, sec.loc, 1, 'U');
    const ops = line.stmt.operands.trim() ? splitOperands(line.stmt.operands) : [];
    if (!ops.length || ops[0].trim() === '') {
      sec.loc = sec.max;
      line.shown = sec.loc;
      return;
    }
    const v = evaluate(ops[0], this.context(line)).value;
    const r = relocation(v);
    if (r !== sec.id) throw new AsmError('ASMA062E', 'Illegal ORG operand: not in the current section');
    let target = v.abs;
    if (ops[1]) {
      const b = evaluate(ops[1], this.context(line)).value.abs;
      target = align(target, b);
    }
    if (target < 0) throw new AsmError('ASMA062E', 'Illegal ORG operand: before the section start');
    if (sec.origin + target > 0xffffff) throw new AsmError('ASMA039S', "Location counter error: ORG past X'FFFFFF'");
    sec.loc = target;
    if (sec.loc > sec.max) sec.max = sec.loc;
    line.shown = target;
  }

  private cnop(line: Line): void {
    const sec = this.section();
    const ops = splitOperands(line.stmt.operands);
    if (ops.length !== 2) throw new AsmError('ASMA029E', 'CNOP needs two operands');
    const b = evaluate(ops[0], this.context(line)).value.abs;
    const w = evaluate(ops[1], this.context(line)).value.abs;
    if (![4, 8, 16].includes(w) || b < 0 || b >= w || b % 2) throw new AsmError('ASMA031E', 'Invalid CNOP operands');
    sec.loc = align(sec.loc, 2);
    line.kind = 'cnop';
    line.section = sec.id;
    line.loc = sec.loc;
    let n = 0;
    while ((sec.loc + n) % w !== b) n += 2;
    line.length = n;
    if (line.stmt.name) this.defineSymbol(line, line.stmt.name, sec.id, sec.loc + n, 1, 'I');
    this.advance(sec, n);
  }

  private mode(line: Line, op: string): void {
    const name = line.stmt.name.toUpperCase();
    const value = line.stmt.operands.trim().toUpperCase();
    const sec = this.sections.find((s) => s.name === name && (s.kind === 'SD' || s.kind === 'PC')) ?? this.current;
    if (op === 'AMODE') {
      if (!['24', '31', 'ANY'].includes(value)) throw new AsmError('ASMA031E', `Invalid AMODE ${value}`);
      if (sec) sec.amode = value as Section['amode'];
    } else {
      if (!['24', 'ANY'].includes(value)) throw new AsmError('ASMA031E', `Invalid RMODE ${value}`);
      if (sec) sec.rmode = value as Section['rmode'];
    }
  }

  /** At END: the literals not yet placed go at the end of the first control section. */
  private finishPass1(): void {
    if (this.pool.size) {
      const first = this.sections.find((s) => s.kind === 'SD' || s.kind === 'PC') ?? this.section();
      const saved = first.loc;
      first.loc = first.max;
      this.placePool(first);
      if (first !== this.current) first.loc = saved;
    }
  }

  /** Threaded origins: each control section starts on the doubleword after the previous one. */
  private assignOrigins(): void {
    let next = -1;
    let esdid = 0;
    for (const s of this.sections) {
      if (s.kind === 'SD' || s.kind === 'PC') {
        if (next < 0) next = s.origin;
        s.origin = next;
        next = align(s.origin + s.max, 8);
      }
      if (s.kind !== 'DSECT') s.esdid = ++esdid;
    }
  }

  // ---- pass 2 ----

  private address(section: number, offset: number): number {
    const s = this.sections[section - 1];
    return (s && (s.kind === 'SD' || s.kind === 'PC') ? s.origin : 0) + offset;
  }

  private pass2(): { section: number; offset: number } | undefined {
    const usings = new UsingTable();
    const usingStack: ReturnType<UsingTable['save']>[] = [];
    let end: { section: number; offset: number } | undefined;
    for (const line of this.lines) {
      if (line.listOnly) continue;
      try {
        switch (line.kind) {
          case 'instruction': {
            const ctx = {
              ...this.context(line),
              resolve: (section: number, offset: number, operand?: string) => usings.resolve(section, offset, operand),
              section: line.section,
              loc: line.loc,
              address: (section: number, offset: number) => this.address(section, offset),
            };
            const enc = encodeInstruction(line.op!, line.stmt.operands, ctx);
            line.bytes = enc.bytes;
            line.addr1 = enc.addr1;
            line.addr2 = enc.addr2;
            this.emit(line.section, line.loc, enc.bytes);
            break;
          }
          case 'dc':
            this.generateDc(line, usings);
            break;
          case 'literal':
            this.generateLiteral(line, usings);
            break;
          case 'ccw':
            this.generateCcw(line);
            break;
          case 'cnop': {
            const bytes = new Uint8Array(line.length);
            for (let i = 0; i < bytes.length; i += 2) bytes[i] = 0x07;
            line.bytes = bytes;
            this.emit(line.section, line.loc, bytes);
            break;
          }
          case 'using':
            this.using(line, usings);
            break;
          case 'push-using':
            usingStack.push(usings.save());
            break;
          case 'pop-using': {
            const saved = usingStack.pop();
            if (!saved) throw new AsmError('ASMA095W', 'POP USING without a matching PUSH');
            usings.restore(saved);
            break;
          }
          case 'drop': {
            const text = line.stmt.operands.trim();
            if (!text) usings.drop();
            else {
              const regs = splitOperands(text).map((t) => this.register(line, t));
              for (const r of regs)
                if (!usings.active().some((u) => u.register === r))
                  this.report(new AsmError('ASMA045W', `Register ${r} not previously used`), line);
              usings.drop(regs);
            }
            break;
          }
          case 'end': {
            const text = line.stmt.operands.trim();
            if (text) {
              const v = evaluate(splitOperands(text)[0], this.context(line)).value;
              const r = relocation(v);
              if (r <= 0) throw new AsmError('ASMA032E', 'END operand must be a relocatable address');
              end = { section: r, offset: v.abs };
              line.shown = this.address(r, v.abs);
            }
            break;
          }
          default:
            break;
        }
      } catch (e) {
        this.report(e, line);
        // HLASM assembles an instruction in error as zeros, keeping the locations.
        if (line.kind === 'instruction' && !line.bytes) {
          line.bytes = new Uint8Array(line.length);
          this.emit(line.section, line.loc, line.bytes);
        }
      }
    }
    return end;
  }

  private register(line: Line, text: string): number {
    const v = evaluate(text, this.context(line)).value;
    if (!isAbsolute(v) || v.abs < 0 || v.abs > 15)
      throw new AsmError('ASMA029E', `Incorrect register specification - ${text}`);
    return v.abs;
  }

  private using(line: Line, usings: UsingTable): void {
    const ops = splitOperands(line.stmt.operands);
    if (ops.length < 2) throw new AsmError('ASMA029E', 'USING needs a base address and a register');
    if (ops[0].trim().startsWith('('))
      throw new AsmError('ASMA999S', 'Range-limited USING is not supported by this assembler');
    if (line.stmt.name) throw new AsmError('ASMA999S', 'Labeled USING is not supported by this assembler');
    const base = evaluate(ops[0], this.context(line)).value;
    const section = relocation(base);
    if (section < 0) throw new AsmError('ASMA078E', 'USING base complexly relocatable');
    const regs: number[] = [];
    for (const t of ops.slice(1)) {
      const v = evaluate(t, this.context(line)).value;
      if (!isAbsolute(v)) throw new AsmError('ASMA999S', 'Dependent USING is not supported by this assembler');
      if (v.abs < 0 || v.abs > 15) throw new AsmError('ASMA029E', `Incorrect register specification - ${t}`);
      regs.push(v.abs);
    }
    for (const w of usings.using(section, base.abs, regs, line.number))
      this.report(new AsmError(w.id, w.message), line);
    line.bases = regs;
    line.shown = this.address(section, base.abs);
  }

  private emit(section: number, offset: number, bytes: Uint8Array): void {
    const sec = this.sections[section - 1];
    if (!sec || (sec.kind !== 'SD' && sec.kind !== 'PC') || bytes.length === 0) return;
    let list = this.text.get(section);
    if (!list) {
      list = [];
      this.text.set(section, list);
    }
    list.push({ offset, bytes });
  }

  /** The value to assemble for a relocatable expression and its RLD items. */
  private relocate(line: Line, v: Value, section: number, offset: number, length: number, vcon: boolean): number {
    let value = v.abs;
    if (!v.rel) return value;
    const holder = this.sections[section - 1];
    // A field in a dummy section is never loaded: no relocation items for it.
    const loaded = holder !== undefined && (holder.kind === 'SD' || holder.kind === 'PC');
    const items: RldItem[] = [];
    for (const [id, count] of v.rel) {
      const target = this.sections[id - 1];
      if (!target || count === 0 || target.kind === 'DSECT') continue;
      if (target.kind === 'SD' || target.kind === 'PC') value += count * target.origin;
      if (!loaded) continue;
      for (let i = 0; i < Math.abs(count); i++)
        items.push({ target: id, position: section, offset, length, negative: count < 0, vcon });
    }
    // HLASM accepts relocatable address constants of 2, 3 and 4 bytes; 2 with a warning (NORA2).
    if (items.length && length === 1)
      throw new AsmError('ASMA064E', 'A relocatable address constant needs 2, 3 or 4 bytes');
    if (items.length && length === 2)
      this.report(new AsmError('ASMA066W', '2-byte relocatable address constant'), line);
    this.rld.push(...items);
    return value;
  }

  private generateDc(line: Line, usings: UsingTable): void {
    const sec = this.sections[line.section - 1];
    const { operands, offsets } = line.dc!;
    const parts: Uint8Array = new Uint8Array(line.length);
    operands.forEach((op, i) => {
      const at = offsets[i];
      const { bytes, fields } = buildConstant(op);
      for (const f of fields) {
        const loc = { section: line.section, offset: line.loc + at + f.offset, length: f.length };
        this.fillAddress(line, bytes, f, loc, usings, this.context(line, { ...loc, offset: line.loc }));
      }
      parts.set(bytes, at);
    });
    line.bytes = parts;
    if (sec.kind === 'SD' || sec.kind === 'PC') {
      operands.forEach((op, i) => {
        const at = offsets[i];
        const n = operandLength(op);
        if (n) this.emit(line.section, line.loc + at, parts.subarray(at, at + n));
      });
    }
  }

  private generateLiteral(line: Line, usings: UsingTable): void {
    const lit = line.literal!;
    const { bytes, fields } = buildConstant(lit.operand);
    for (const f of fields) {
      const loc = { section: line.section, offset: line.loc + f.offset, length: f.length };
      const ctx = this.context(line, { section: lit.refSection, offset: lit.refLoc, length: 1 });
      this.fillAddress(line, bytes, f, loc, usings, ctx);
    }
    line.bytes = bytes;
    this.emit(line.section, line.loc, bytes);
  }

  private fillAddress(
    line: Line,
    bytes: Uint8Array,
    f: { offset: number; length: number; type: string; expression: string },
    loc: { section: number; offset: number },
    usings: UsingTable,
    ctx: ExprContext,
  ): void {
    let value: number;
    if (f.type === 'V') {
      const target = this.vconTarget(f.expression.trim());
      const v: Value = { abs: 0, rel: new Map([[target.id, 1]]) };
      value = this.relocate(line, v, loc.section, loc.offset, f.length, true);
    } else if (f.type === 'S') {
      value = this.sConstant(f.expression, ctx, usings);
    } else {
      const v = evaluate(f.expression, ctx).value;
      if (isAbsolute(v)) {
        value = v.abs;
        const bits = f.length * 8;
        if (bits < 32 && (value < -(2 ** (bits - 1)) || value >= 2 ** bits))
          this.report(new AsmError('ASMA072E', `Value ${value} too large for ${f.length}-byte field`), line);
      } else value = this.relocate(line, v, loc.section, loc.offset, f.length, false);
    }
    bytes.set(integerBytes(BigInt(value), f.length), f.offset);
  }

  /** S(expr) or S(d(b)): a base-displacement halfword. */
  private sConstant(text: string, ctx: ExprContext, usings: UsingTable): number {
    const t = text.trim();
    const m = /^(.*)\(([^()]*)\)$/s.exec(t);
    if (m && m[1] !== '') {
      const d = evaluate(m[1], ctx).value;
      const b = evaluate(m[2], ctx).value;
      if (!isAbsolute(d) || d.abs < 0 || d.abs > 4095)
        throw new AsmError('ASMA028E', 'Invalid displacement in S-constant');
      if (!isAbsolute(b) || b.abs < 0 || b.abs > 15)
        throw new AsmError('ASMA029E', 'Invalid base register in S-constant');
      return (b.abs << 12) | d.abs;
    }
    const v = evaluate(t, ctx).value;
    const r = relocation(v);
    if (r < 0) throw new AsmError('ASMA078E', 'S-constant complexly relocatable');
    const { base, displacement } = usings.resolve(r, v.abs, t);
    return (base << 12) | displacement;
  }

  /** CCW command,address,flags,count (S/370 PoO, "Channel-command word", format 0). */
  /**
   * CCW and CCW0: format-0 channel-command word (command, 24-bit data
   * address, flags, count), S/370 PoO GA22-7000 "Channel-Command Word".
   * CCW1: format 1 (command, flags, count, 31-bit address), ESA/390 PoO.
   */
  private generateCcw(line: Line): void {
    const ops = splitOperands(line.stmt.operands);
    if (ops.length !== 4) throw new AsmError('ASMA029E', `${line.stmt.op} needs four operands`);
    const ctx = this.context(line);
    const bytes = new Uint8Array(8);
    const cmd = evaluate(ops[0], ctx).value;
    const flags = evaluate(ops[2], ctx).value;
    const count = evaluate(ops[3], ctx).value;
    if (!isAbsolute(cmd) || !isAbsolute(flags) || !isAbsolute(count))
      throw new AsmError('ASMA032E', 'CCW command, flags and count must be absolute');
    if (count.abs < 0 || count.abs > 0xffff) throw new AsmError('ASMA031E', `CCW count ${count.abs} out of range`);
    const addr = evaluate(ops[1], ctx).value;
    bytes[0] = cmd.abs & 0xff;
    if (line.stmt.op === 'CCW1') {
      const value = this.relocate(line, addr, line.section, line.loc + 4, 4, false);
      bytes[1] = flags.abs & 0xff;
      bytes[2] = (count.abs >> 8) & 0xff;
      bytes[3] = count.abs & 0xff;
      bytes.set(integerBytes(BigInt(value), 4), 4);
    } else {
      const value = this.relocate(line, addr, line.section, line.loc + 1, 3, false);
      bytes.set(integerBytes(BigInt(value), 3), 1);
      bytes[4] = flags.abs & 0xff;
      bytes[6] = (count.abs >> 8) & 0xff;
      bytes[7] = count.abs & 0xff;
    }
    line.bytes = bytes;
    this.emit(line.section, line.loc, bytes);
  }

  private entryPoints(): { name: string; section: number; offset: number }[] {
    const out: { name: string; section: number; offset: number }[] = [];
    for (const { name, line } of this.entryNames) {
      const s = this.symbols.get(name);
      if (!s || !s.defined) {
        this.report(new AsmError('ASMA044E', `Undefined symbol - ${name}`), line);
        continue;
      }
      const sec = this.sections[s.section - 1];
      if (!sec || (sec.kind !== 'SD' && sec.kind !== 'PC')) {
        this.report(new AsmError('ASMA032E', `ENTRY symbol not in a control section - ${name}`), line);
        continue;
      }
      if (sec.name === name) continue;
      out.push({ name, section: s.section, offset: s.value });
    }
    return out;
  }
}

/** EBCDIC letter code (an EQU type attribute, e.g. C'X') to its character. */
function ebcdicToAscii(code: number): number {
  for (let c = 32; c < 127; c++) if (toEbcdic(String.fromCharCode(c))[0] === code) return c;
  return 0x3f;
}

/**
 * OPTABLE on *PROCESS statements at the start of the source (HLASM
 * Programmer's Guide, "*PROCESS statement" and the OPTABLE option): 370
 * selects the System/370 instructions, XA and ESA the ESA/390 ones, any
 * other table all of them. An explicit `arch` option takes precedence.
 */
function processOptable(source: string): '370' | '390' | 'all' | undefined {
  let result: '370' | '390' | 'all' | undefined;
  for (const line of source.split(/\r?\n/, 10)) {
    if (!/^\*PROCESS /i.test(line)) break;
    const m = /OPTABLE\(\s*([A-Z0-9]+)/i.exec(line);
    if (!m) continue;
    const table = m[1].toUpperCase();
    result = table === '370' ? '370' : table === 'XA' || table === 'ESA' ? '390' : 'all';
  }
  return result;
}
