// The REXX interpreter: a clause stepper over the flat clause array. Each
// routine level is an Activation; a routine call (CALL, or a function in an
// expression) runs the callee as a nested generator, so the whole program is
// one generator that yields whenever its clause budget is spent, a terminal
// read must wait, or a command is still running: the CMS dispatcher slices
// an EXEC like any other guest work. REXX recursion is bounded by the
// control-stack limit (error 11), far below the host's own stack.

import type { Clause, ConditionName, Expr, Program, TailPart, Target, Template } from './ast.js';
import { parseProgram, symbolTarget } from './parser.js';
import { RexxError, errorText, fail } from './errors.js';
import { arithmetic, compareDec, parseDec, prefixArithmetic, wholeNumber, type NumericSettings } from './decimal.js';
import { VariablePool, type Box, type Stem } from './variables.js';
import type { RexxHost } from './host.js';
import { parseTemplates } from './template.js';
import { smallInt, truth, upperRexx } from './values.js';
import { BINARY, compileTail } from './operators.js';
import { BUILTINS, isBuiltinName } from './builtins.js';
import { isSymbolChar } from './lexer.js';
import { SharedVariables, type RexxVariables } from './shared-variables.js';

/** Deepest routine nesting before error 11 (Control stack full). */
export const MAX_CALL_DEPTH = 10000;

/** What PARSE VERSION returns. */
export const VERSION_STRING = 'REXX370 3.48 23 Dec 1999';

export type CallType = 'COMMAND' | 'FUNCTION' | 'SUBROUTINE';

interface Trap {
  on: boolean;
  label: string;
  call: boolean;
}

export interface ConditionInfo {
  name: string;
  description: string;
  instruction: 'SIGNAL' | 'CALL';
  state: 'ON' | 'OFF' | 'DELAY';
}

interface LoopFrame {
  code: Clause[];
  doIndex: number;
  end: number;
  controlName?: string;
  control?: Target;
  to?: string;
  by: string;
  forCount: number;
  whileE?: Expr;
  untilE?: Expr;
  /** WHILE and UNTIL call no routines: the step can run without a generator. */
  sync: boolean;
  pool?: VariablePool;
  box?: Box;
  /** Integer loops: the value last stored in the control variable, as string and number. */
  lastValue?: string | null;
  lastNumber: number;
  integerStep: boolean;
  byNumber: number;
  toNumber: number;
}

interface InterpretFrame {
  code: Clause[];
  pc: number;
  /** The INTERPRET clause of the program (its line is the one errors report). */
  clause: Clause;
  /** The interpreted string, parsed. */
  program: Program;
  /** Input typed at an interactive-trace pause: pause again when it is done. */
  debugPause?: Pause;
}

/** Interactive tracing: where to pause (after the traced clause) and what '=' re-executes. */
interface Pause {
  act: Activation;
  code: Clause[];
  pc: number;
}

/** One routine level: the main program, an internal routine, or an external EXEC. */
export class Activation {
  code: Clause[];
  pc = 0;
  loops: LoopFrame[] = [];
  interprets: InterpretFrame[] = [];
  clause: Clause | null = null;
  /** True until the first instruction after the routine's label has run (PROCEDURE allowed). */
  procedureAllowed = false;
  condition: ConditionInfo | null = null;
  elapsedStart: number | null = null;
  fast = true;
  fastLimit = 1e9;
  fastCompare = true;
  /** TRACE ! : commands are traced but not sent; RC is 0. */
  inhibitCommands = false;
  constructor(
    readonly program: Program,
    public pool: VariablePool,
    public st: NumericSettings,
    public env: string,
    public prevEnv: string,
    public trace: string,
    public interactive: boolean,
    public traps: Map<string, Trap>,
    readonly args: (string | undefined)[],
    readonly callType: CallType,
    readonly depth: number,
    readonly internal: boolean,
    readonly invokedName: string,
    readonly fileId: string,
  ) {
    this.code = program.code;
    this.numericChanged();
  }

  numericChanged(): void {
    this.fast = this.st.digits >= 9;
    this.fastLimit = 10 ** Math.min(this.st.digits, 15);
    this.fastCompare = this.st.digits - this.st.fuzz >= 9;
  }

  /** Line number for messages and SIGL: the INTERPRET clause's line while inside one. */
  currentLine(): number {
    if (this.interprets.length > 0) return this.interprets[0].clause.line;
    return this.clause?.line ?? 0;
  }
}

/** Thrown by EXIT; caught at the program boundary. */
class ExitSignal {
  constructor(readonly value: string | undefined) {}
}

/** A raised condition on its way to a SIGNAL ON trap. */
class ConditionSignal {
  constructor(
    readonly name: ConditionName,
    readonly description: string,
  ) {}
}

export type StepResult =
  | { state: 'running' }
  | { state: 'waiting'; for: 'terminal' | 'command' }
  | { state: 'done'; result: string | undefined }
  | { state: 'error'; code: number; line: number; message: string };

/** A routine call handed to the driver, which runs the callee on its own stack of generators. */
interface CallRequest {
  call: Gen<string | undefined>;
}

type Yield = 'slice' | 'terminal' | 'command' | CallRequest;
type Gen<R> = Generator<Yield, R, unknown>;
type Fn = (act: Activation) => string;

const NO_ARGS: (string | undefined)[] = [];

function isTruthy(v: string): boolean {
  return truth(v);
}

/** A host RangeError as the REXX error a real interpreter would give. */
function hostLimitError(e: RangeError): RexxError {
  return new RexxError(/call stack/i.test(e.message) ? 11 : 5, e.message);
}

/** Validates and uppercases a symbol name given as a string (VALUE, SYMBOL, EXPOSE (list)). */
export function symbolFromString(name: string): string | null {
  const n = upperRexx(name);
  if (n.length === 0) return null;
  for (let i = 0; i < n.length; i++) if (!isSymbolChar(n.charCodeAt(i))) return null;
  return n;
}

export class Interpreter {
  readonly host: RexxHost;
  readonly program: Program;
  /**
   * The running routines, innermost last. A call does not nest host frames:
   * the caller yields a CallRequest and the driver (step) pushes the callee,
   * so REXX recursion depth costs heap, never host stack.
   */
  private routines: Gen<string | undefined>[] = [];
  private started = false;
  private budget = 0;
  private externals = new Map<string, Program>();
  private interpretCache = new Map<string, Program>();
  private randomState = 0;
  private randomSeeded = false;
  private lastTracedLine = -1;
  private pausePending: Pause | null = null;
  private inDebugInput = false;
  private lastTracedStart = -1;
  /** The return code the EXEC ends with when an error stops it (CMS: 20000 + error number). */
  errorCode = 0;

  /** A syntax error found before the program could start (reported by the first step). */
  private parseError: RexxError | null = null;
  /** The routine level whose command runs now (or that ran last): what `variables()` reaches. */
  private commandLevel: Activation | null = null;
  /** The ADDRESS a program starts with: CMS for an EXEC, XEDIT for an editor macro (last word of PARSE SOURCE). */
  private initialEnvironment = 'CMS';

  constructor(host: RexxHost, name: string, source: string) {
    this.host = host;
    let program: Program;
    try {
      program = parseProgram(name, source, isBuiltinName);
    } catch (caught) {
      const e = caught instanceof RangeError ? hostLimitError(caught) : caught;
      if (!(e instanceof RexxError)) throw e;
      this.parseError = e;
      program = { name, source, lines: source.split('\n'), code: [], labels: new Map() };
    }
    this.program = program;
  }

  // A generator so that the error surfaces from the first step(), like any other.
  // eslint-disable-next-line require-yield
  private *failAtStart(e: RexxError): Gen<string | undefined> {
    const text = (this.program.lines[e.line - 1] ?? '').trim();
    if (e.line > 0) this.host.traceOutput(`${String(e.line).padStart(6)} +++ ${text}`);
    throw e;
  }

  /** Prepares to run the program with its argument strings. */
  start(
    args: string[],
    callType: CallType = 'COMMAND',
    invokedName = this.program.name,
    fileId = this.program.name,
    environment = 'CMS',
  ): void {
    this.initialEnvironment = environment;
    const act = new Activation(
      this.program,
      new VariablePool(),
      { digits: 9, fuzz: 0, form: 'SCIENTIFIC' },
      environment,
      environment,
      'N',
      false,
      new Map(),
      args,
      callType,
      0,
      false,
      invokedName,
      fileId,
    );
    this.routines = [this.parseError !== null ? this.failAtStart(this.parseError) : this.runProgram(act)];
    this.commandLevel = act;
    this.started = true;
  }

  /**
   * The EXECCOMM-style variable interface (shared-variables.ts) to the
   * routine level that issued the command now running, or, between
   * commands, the one that issued the last command (the main program before
   * any). The same accessor is passed to `RexxHost.command`.
   */
  variables(): RexxVariables {
    const level = this.commandLevel;
    if (level === null) throw new Error('REXX interpreter not started');
    return this.variablesOf(level);
  }

  /** PARSE SOURCE: system, how called, fn ft fm, the name it was called by, the initial environment. */
  private parseSource(act: Activation): string {
    return `CMS ${act.callType} ${act.fileId} ${act.invokedName} ${this.initialEnvironment}`;
  }

  private variablesOf(act: Activation): RexxVariables {
    return new SharedVariables({
      pool: () => act.pool,
      parm: () => act.args[0] ?? '',
      source: () => this.parseSource(act),
      version: () => VERSION_STRING,
    });
  }

  /** Runs at most `budget` clauses. */
  step(budget: number): StepResult {
    if (!this.started) throw new Error('REXX interpreter not started');
    this.budget = budget;
    const routines = this.routines;
    let send: unknown = undefined;
    let thrown: { error: unknown } | null = null;
    for (;;) {
      const top = routines[routines.length - 1];
      if (top === undefined) return { state: 'done', result: undefined };
      let r: IteratorResult<Yield, string | undefined>;
      try {
        r = thrown !== null ? top.throw(thrown.error) : top.next(send);
        thrown = null;
      } catch (e) {
        routines.pop();
        if (routines.length > 0) {
          thrown = { error: e };
          continue;
        }
        return this.finalError(e);
      }
      if (r.done) {
        routines.pop();
        if (routines.length === 0) return { state: 'done', result: r.value };
        send = r.value;
        continue;
      }
      const y = r.value;
      if (typeof y === 'object') {
        routines.push(y.call);
        send = undefined;
        continue;
      }
      if (y === 'slice') return { state: 'running' };
      return { state: 'waiting', for: y };
    }
  }

  private finalError(e: unknown): StepResult {
    this.routines = [];
    if (e instanceof RexxError) {
      const message = `Error ${e.code} running ${this.program.name}, line ${e.line}: ${errorText(e.code)}`;
      if (this.host.reportError) this.host.reportError(e.code, message);
      else this.host.traceOutput(message);
      this.errorCode = e.code;
      return { state: 'error', code: e.code, line: e.line, message };
    }
    throw e;
  }

  /** Runs to the end synchronously (the host runner and tests); terminal reads must not wait. */
  runToEnd(): StepResult {
    for (;;) {
      const r = this.step(100_000);
      if (r.state === 'done' || r.state === 'error') return r;
    }
  }

  private *runProgram(act: Activation): Gen<string | undefined> {
    try {
      return yield* this.runActivation(act);
    } catch (e) {
      if (e instanceof ExitSignal) return e.value;
      throw e;
    }
  }

  // ---------------------------------------------------------------- routines

  private *runActivation(act: Activation): Gen<string | undefined> {
    for (;;) {
      try {
        return yield* this.clauses(act);
      } catch (caught) {
        let e = caught;
        // The host's limits become REXX's: storage for a string too long,
        // control stack for an expression nested past the host stack.
        if (e instanceof RangeError) e = hostLimitError(e);
        if (e instanceof ConditionSignal) {
          this.takeSignalTrap(act, e.name, e.description);
          continue;
        }
        if (e instanceof RexxError) {
          if (e.line === 0) e.line = act.currentLine();
          const trap = act.traps.get('SYNTAX');
          if (!(e as { passed?: boolean }).passed && trap !== undefined && trap.on) {
            act.pool.set('RC', String(e.code));
            this.takeSignalTrap(act, 'SYNTAX', errorText(e.code));
            continue;
          }
          (e as { passed?: boolean }).passed = true;
          if (act.clause !== null) this.traceback(act);
        }
        throw e;
      }
    }
  }

  private traceback(act: Activation): void {
    const c = act.interprets.length > 0 ? act.interprets[0].clause : act.clause;
    if (c === null || c === undefined) return;
    const text = this.sourceOf(act.program, c);
    this.host.traceOutput(`${String(c.line).padStart(6)} +++ ${text}`);
  }

  /** SIGNAL to a condition's label: the trap is disabled, loops end, SIGL is set. */
  private takeSignalTrap(act: Activation, name: ConditionName, description: string): void {
    const trap = act.traps.get(name)!;
    trap.on = false;
    act.condition = { name, description, instruction: 'SIGNAL', state: 'OFF' };
    this.signalTo(act, trap.label);
  }

  private signalTo(act: Activation, label: string): void {
    const line = act.currentLine();
    const target = act.program.labels.get(label);
    if (target === undefined) fail(16, label);
    act.pool.set('SIGL', String(line));
    act.loops.length = 0;
    act.interprets.length = 0;
    act.code = act.program.code;
    act.pc = target;
  }

  private newActivationFor(
    caller: Activation,
    program: Program,
    internal: boolean,
    args: (string | undefined)[],
    callType: CallType,
  ): Activation {
    if (caller.depth + 1 > MAX_CALL_DEPTH) fail(11);
    const traps = new Map<string, Trap>();
    for (const [k, v] of caller.traps) traps.set(k, { ...v });
    return new Activation(
      program,
      internal ? caller.pool : new VariablePool(),
      internal ? { ...caller.st } : { digits: 9, fuzz: 0, form: 'SCIENTIFIC' },
      caller.env,
      caller.prevEnv,
      internal ? caller.trace : 'N',
      internal ? caller.interactive : false,
      internal ? traps : new Map(),
      args,
      callType,
      caller.depth + 1,
      internal,
      internal ? caller.invokedName : program.name,
      internal ? caller.fileId : program.name,
    );
  }

  /** Calls a routine by name: internal label, built-in, or external EXEC. */
  *callRoutine(
    act: Activation,
    name: string,
    quoted: boolean,
    args: (string | undefined)[],
    asFunction: boolean,
  ): Gen<string | undefined> {
    if (!quoted) {
      const at = act.program.labels.get(name);
      if (at !== undefined) {
        act.pool.set('SIGL', String(act.currentLine()));
        const callee = this.newActivationFor(act, act.program, true, args, asFunction ? 'FUNCTION' : 'SUBROUTINE');
        callee.elapsedStart = act.elapsedStart;
        callee.inhibitCommands = act.inhibitCommands;
        callee.condition = act.condition === null ? null : { ...act.condition };
        callee.pc = at;
        callee.procedureAllowed = true;
        return (yield { call: this.runActivation(callee) }) as string | undefined;
      }
    }
    const builtin = BUILTINS.get(name);
    if (builtin !== undefined) return builtin(args, this, act);
    const ext = this.host.findExternal(name);
    if (ext !== null) {
      let program = this.externals.get(ext.name);
      if (program === undefined) {
        program = parseProgram(ext.name, ext.source, isBuiltinName);
        this.externals.set(ext.name, program);
      }
      const callee = this.newActivationFor(act, program, false, args, asFunction ? 'FUNCTION' : 'SUBROUTINE');
      (callee as { fileId: string }).fileId = ext.fileId;
      return (yield { call: this.runExternal(callee) }) as string | undefined;
    }
    return fail(43, name);
  }

  /** An external EXEC: its EXIT ends only itself and gives the caller its value. */
  private *runExternal(callee: Activation): Gen<string | undefined> {
    try {
      return yield* this.runActivation(callee);
    } catch (e) {
      if (e instanceof ExitSignal) return e.value;
      throw e;
    }
  }

  // ---------------------------------------------------------------- clauses

  private *clauses(act: Activation): Gen<string | undefined> {
    const host = this.host;
    for (;;) {
      if (--this.budget < 0) {
        if (host.haltRequested()) yield* this.raiseHalt(act);
        yield 'slice';
      }
      if (this.pausePending !== null && this.pausePending.act === act) {
        // Interactive trace (TRACE ?): a null line goes on, '=' re-executes
        // the clause just traced, anything else is run as REXX first.
        const p = this.pausePending;
        this.pausePending = null;
        const input = yield* this.readTerminal();
        if (input.trim() === '=') {
          act.code = p.code;
          act.pc = p.pc;
        } else if (input.trim() !== '') {
          const sub = parseProgram(act.program.name, input, isBuiltinName, new Set(act.program.labels.keys()));
          act.interprets.push({ code: act.code, pc: act.pc, clause: act.clause!, program: sub, debugPause: p });
          act.code = sub.code;
          act.pc = 0;
          this.inDebugInput = true;
          continue;
        }
      }
      if (act.pc >= act.code.length) {
        const f = act.interprets.pop();
        if (f !== undefined) {
          act.code = f.code;
          act.pc = f.pc;
          if (f.debugPause !== undefined) {
            this.inDebugInput = false;
            this.pausePending = f.debugPause;
          }
          continue;
        }
        if (act.internal) throw new ExitSignal(undefined);
        return undefined;
      }
      if (act.trace === 'S') {
        // TRACE S: show the rest of the program without running it.
        for (; act.pc < act.code.length; act.pc++) {
          const sc = act.code[act.pc];
          if (!sc.hidden) this.traceClause(act, sc, true);
        }
        throw new ExitSignal(undefined);
      }
      const c = act.code[act.pc++];
      act.clause = c;
      if (act.trace !== 'N' && act.trace !== 'O' && !c.hidden) this.traceClause(act, c);
      if (act.procedureAllowed && c.k !== 'label' && c.k !== 'procedure') act.procedureAllowed = false;
      switch (c.k) {
        case 'assign': {
          const e = c.e;
          let v: string;
          if (e.gen || act.trace === 'I') v = yield* this.evalGen(e, act);
          else {
            // The closure is kept on the clause: one shape per clause kind reads fast.
            const k = c as { fn?: Fn };
            v = (k.fn ?? (k.fn = this.fn(e)))(act);
          }
          if (act.trace === 'R' || act.trace === 'I') this.traceResult(v);
          const t = c.target;
          if (t.t === 'var') {
            const cache = c as { pool?: VariablePool; box?: Box };
            if (cache.pool !== act.pool) {
              cache.pool = act.pool;
              cache.box = act.pool.box(t.name);
            }
            cache.box!.v = v;
          } else this.assign(act, t, v);
          break;
        }
        case 'say': {
          const v =
            c.e === null ? '' : c.e.gen || act.trace === 'I' ? yield* this.evalGen(c.e, act) : this.fn(c.e)(act);
          if (act.trace === 'R' || act.trace === 'I') this.traceResult(v);
          host.say(v);
          break;
        }
        case 'if':
        case 'when': {
          let v: string;
          if (c.e.gen || act.trace === 'I') v = yield* this.evalGen(c.e, act);
          else {
            const k = c as { fn?: Fn };
            v = (k.fn ?? (k.fn = this.fn(c.e)))(act);
          }
          if (act.trace === 'R' || act.trace === 'I') this.traceResult(v);
          if (v === '0') act.pc = c.target;
          else if (v !== '1') isTruthy(v);
          break;
        }
        case 'jump':
          act.pc = c.target;
          break;
        case 'label':
        case 'nop':
          break;
        case 'do':
          yield* this.doStart(act, c);
          break;
        case 'end': {
          const frame = act.loops[act.loops.length - 1];
          if (
            frame !== undefined &&
            frame.sync &&
            frame.doIndex === c.loop &&
            frame.code === act.code &&
            act.trace !== 'I'
          )
            this.iterateSync(act, frame);
          else yield* this.doEnd(act, c);
          break;
        }
        case 'selectfail':
          fail(7);
          break;
        case 'leave':
        case 'iterate':
          this.leaveOrIterate(act, c.k, c.name);
          break;
        case 'command':
          yield* this.command(act, act.env, c.e);
          break;
        case 'call': {
          const args: (string | undefined)[] = [];
          for (const a of c.args) args.push(a === null ? undefined : yield* this.value(a, act));
          const r = yield* this.callRoutine(act, c.name, c.quoted, args, false);
          if (r === undefined) act.pool.drop('RESULT');
          else act.pool.set('RESULT', r);
          break;
        }
        case 'return': {
          const v = c.e === null ? undefined : yield* this.value(c.e, act);
          if (act.depth === 0 || !act.internal) {
            if (act.depth === 0) throw new ExitSignal(v);
            return v;
          }
          if (v === undefined && act.callType === 'FUNCTION') fail(45);
          return v;
        }
        case 'exit': {
          const v = c.e === null ? undefined : yield* this.value(c.e, act);
          throw new ExitSignal(v);
        }
        case 'signal':
          this.signalTo(act, c.label);
          break;
        case 'signalvalue': {
          const v = yield* this.value(c.e, act);
          this.signalTo(act, v);
          break;
        }
        case 'signalon':
        case 'callon':
          if (c.on) act.traps.set(c.cond, { on: true, label: c.label, call: c.k === 'callon' });
          else act.traps.delete(c.cond);
          break;
        case 'parse':
          yield* this.parse(act, c.upper, c.source, c.templates);
          break;
        case 'push':
        case 'queue': {
          const v = c.e === null ? '' : yield* this.value(c.e, act);
          if (c.k === 'push') host.stack.push(v);
          else host.stack.queue(v);
          break;
        }
        case 'procedure':
          this.procedure(act, c.expose);
          break;
        case 'drop':
          for (const item of c.items) {
            if (item.t === 'name') this.drop(act, item.target);
            else
              for (const name of this.get(act, item.target).split(' '))
                if (name !== '') this.drop(act, this.targetFromName(name));
          }
          break;
        case 'interpret': {
          const text = yield* this.value(c.e, act);
          // INTERPRET in a loop usually sees the same few strings: keep their parsed form.
          const cacheKey = act.program.name + '\u0000' + text;
          let sub = this.interpretCache.get(cacheKey);
          if (sub === undefined)
            try {
              sub = parseProgram(act.program.name, text, isBuiltinName, new Set(act.program.labels.keys()));
              if (this.interpretCache.size >= 256) this.interpretCache.clear();
              this.interpretCache.set(cacheKey, sub);
            } catch (e) {
              // A syntax error in the string is reported on the INTERPRET clause's line.
              if (e instanceof RexxError) e.line = 0;
              throw e;
            }
          act.interprets.push({
            code: act.code,
            pc: act.pc,
            clause: act.interprets.length > 0 ? act.interprets[0].clause : c,
            program: sub,
          });
          act.code = sub.code;
          act.pc = 0;
          break;
        }
        case 'numeric':
          yield* this.numeric(act, c.what, c.e, c.form);
          break;
        case 'address': {
          if (c.value !== null) {
            const v = yield* this.value(c.value, act);
            act.prevEnv = act.env;
            act.env = v;
          } else if (c.env === null) {
            const t = act.env;
            act.env = act.prevEnv;
            act.prevEnv = t;
          } else if (c.e === null) {
            act.prevEnv = act.env;
            act.env = c.env;
          } else {
            yield* this.command(act, c.env, c.e);
          }
          break;
        }
        case 'trace': {
          // In interactive debug the program's own TRACE instructions are ignored; one typed at the pause is not
          // (SC24-5239, "Interactive Debugging of Programs"). The TRACE() function still acts.
          if (act.interactive && !this.inDebugInput) break;
          const v = c.e !== null ? yield* this.value(c.e, act) : c.setting;
          this.setTrace(act, v);
          break;
        }
        case 'upper':
          for (const t of c.targets) this.assign(act, t, upperRexx(this.get(act, t)));
          break;
      }
    }
  }

  /** HI: the HALT condition (SIGNAL ON or CALL ON HALT), else error 4. */
  private *raiseHalt(act: Activation): Gen<void> {
    const trap = act.traps.get('HALT');
    if (trap === undefined || !trap.on) fail(4);
    if (!trap.call) throw new ConditionSignal('HALT', '');
    trap.on = false;
    act.condition = { name: 'HALT', description: '', instruction: 'CALL', state: 'DELAY' };
    act.pool.set('SIGL', String(act.currentLine()));
    yield* this.callRoutine(act, trap.label, false, NO_ARGS, false);
    trap.on = true;
    act.condition.state = 'ON';
  }

  /** Evaluates an expression (fast closure unless it can call a routine or TRACE I is on). */
  *value(e: Expr, act: Activation): Gen<string> {
    const v = e.gen || act.trace === 'I' ? yield* this.evalGen(e, act) : this.fn(e)(act);
    if (act.trace === 'R' || act.trace === 'I') this.traceResult(v);
    return v;
  }

  // ---------------------------------------------------------------- commands

  private *command(act: Activation, env: string, e: Expr): Gen<void> {
    const cmd = yield* this.value(e, act);
    this.commandLevel = act;
    const outcome = act.inhibitCommands ? 0 : this.host.command(env, cmd, this.variablesOf(act));
    let rc: number;
    if (typeof outcome === 'number') rc = outcome;
    else {
      let r = outcome.poll();
      while (r === null) {
        yield 'command';
        r = outcome.poll();
      }
      rc = r;
    }
    act.pool.set('RC', String(rc));
    const t = act.trace;
    if (
      rc !== 0 &&
      (t === 'E' || (rc < 0 && (t === 'F' || t === 'N')) || t === 'C' || t === 'A' || t === 'R' || t === 'I')
    ) {
      if (t === 'E' || t === 'F' || t === 'N') this.traceClause(act, act.clause!, true);
      this.host.traceOutput(`       +++ RC(${rc}) +++`);
    }
    if (rc === 0) return;
    const failure = act.traps.get('FAILURE');
    const error = act.traps.get('ERROR');
    let cond: 'FAILURE' | 'ERROR' | null = null;
    if (rc < 0 && failure !== undefined && failure.on) cond = 'FAILURE';
    else if (error !== undefined && error.on) cond = 'ERROR';
    if (cond === null) return;
    const trap = act.traps.get(cond)!;
    if (trap.call) {
      trap.on = false;
      act.condition = { name: cond, description: cmd, instruction: 'CALL', state: 'DELAY' };
      yield* this.callRoutine(act, trap.label, false, NO_ARGS, false);
      trap.on = true;
      act.condition.state = 'ON';
      return;
    }
    throw new ConditionSignal(cond, cmd);
  }

  // ---------------------------------------------------------------- DO loops

  private *doStart(act: Activation, c: Clause & { k: 'do' }): Gen<void> {
    const spec = c.spec;
    if (!spec.repetitive) return;
    const frame: LoopFrame = {
      code: act.code,
      doIndex: act.pc - 1,
      end: c.endAt,
      by: '1',
      forCount: -1,
      whileE: spec.while,
      untilE: spec.until,
      sync: !spec.while?.gen && !spec.until?.gen,
      lastValue: null,
      lastNumber: NaN,
      integerStep: false,
      byNumber: NaN,
      toNumber: NaN,
    };
    if (spec.control !== undefined) {
      const init = yield* this.value(spec.init!, act);
      const start = this.plus(init, '0', act);
      for (const k of spec.order) {
        if (k === 'to') frame.to = this.plus(yield* this.value(spec.to!, act), '0', act);
        else if (k === 'by') frame.by = this.plus(yield* this.value(spec.by!, act), '0', act);
        else {
          const n = wholeNumber(yield* this.value(spec.for!, act), act.st);
          if (n < 0) fail(26, 'negative FOR');
          frame.forCount = n;
        }
      }
      frame.control = spec.control;
      frame.controlName = spec.controlName;
      this.assign(act, spec.control, start);
      frame.byNumber = smallInt(frame.by);
      frame.toNumber = frame.to === undefined ? NaN : smallInt(frame.to);
      frame.integerStep =
        frame.byNumber === frame.byNumber && (frame.to === undefined || frame.toNumber === frame.toNumber);
      frame.lastValue = start;
      frame.lastNumber = smallInt(start);
    } else if (spec.count !== undefined) {
      const n = wholeNumber(yield* this.value(spec.count, act), act.st);
      if (n < 0) fail(26, 'negative repetitor');
      frame.forCount = n;
    }
    act.loops.push(frame);
    yield* this.loopTest(act, frame);
  }

  /** The tests at the top of each iteration: TO, FOR, WHILE. Leaves the loop when one fails. */
  private *loopTest(act: Activation, frame: LoopFrame): Gen<void> {
    if (frame.control !== undefined && frame.to !== undefined) {
      const v = this.get(act, frame.control);
      const cmp = this.compareNumbers(v, frame.to, act);
      const neg = frame.by.charCodeAt(0) === 45;
      if (neg ? cmp < 0 : cmp > 0) return this.exitLoop(act, frame);
    }
    if (frame.forCount >= 0) {
      if (frame.forCount === 0) return this.exitLoop(act, frame);
      frame.forCount--;
    }
    if (frame.whileE !== undefined) {
      if (!isTruthy(yield* this.value(frame.whileE, act))) return this.exitLoop(act, frame);
    }
    act.code = frame.code;
    act.pc = frame.doIndex + 1;
  }

  private exitLoop(act: Activation, frame: LoopFrame): void {
    const i = act.loops.lastIndexOf(frame);
    act.loops.length = i < 0 ? act.loops.length : i;
    act.code = frame.code;
    act.pc = frame.end + 1;
  }

  private *doEnd(act: Activation, c: Clause & { k: 'end' }): Gen<void> {
    const doClause = act.code[c.loop] as Clause & { k: 'do' };
    if (!doClause.spec.repetitive) return;
    const frame = act.loops[act.loops.length - 1];
    if (frame === undefined || frame.doIndex !== c.loop || frame.code !== act.code) fail(10);
    yield* this.iterate(act, frame);
  }

  private *iterate(act: Activation, frame: LoopFrame): Gen<void> {
    if (frame.untilE !== undefined) {
      if (isTruthy(yield* this.value(frame.untilE, act))) return this.exitLoop(act, frame);
    }
    if (frame.control !== undefined) {
      this.assign(act, frame.control, this.plus(this.get(act, frame.control), frame.by, act));
    }
    yield* this.loopTest(act, frame);
  }

  /** The END step and the top-of-loop tests for loops whose conditions call no routines. */
  private iterateSync(act: Activation, frame: LoopFrame): void {
    if (frame.untilE !== undefined && isTruthy(this.evalSync(frame.untilE, act))) return this.exitLoop(act, frame);
    const control = frame.control;
    if (control !== undefined) {
      let next: string;
      if (control.t === 'var') {
        // The control variable's box, found once per loop.
        if (frame.box === undefined || frame.pool !== act.pool) {
          frame.pool = act.pool;
          frame.box = act.pool.box(control.name);
        }
        const cur = frame.box.v;
        if (cur === frame.lastValue && frame.integerStep && act.fast && act.fastCompare) {
          // The body left the control variable alone: step the number we kept.
          const n = frame.lastNumber + frame.byNumber;
          if (n < act.fastLimit && n > -act.fastLimit) {
            next = String(n);
            frame.box.v = next;
            frame.lastValue = next;
            frame.lastNumber = n;
            if (frame.toNumber === frame.toNumber && (frame.byNumber < 0 ? n < frame.toNumber : n > frame.toNumber)) {
              return this.exitLoop(act, frame);
            }
            if (frame.forCount >= 0) {
              if (frame.forCount === 0) return this.exitLoop(act, frame);
              frame.forCount--;
            }
            if (frame.whileE !== undefined && !isTruthy(this.evalSync(frame.whileE, act)))
              return this.exitLoop(act, frame);
            act.pc = frame.doIndex + 1;
            return;
          }
        }
        next = this.plus(cur === undefined || cur === null ? this.novalue(act, control.name) : cur, frame.by, act);
        frame.box.v = next;
        const n = smallInt(next);
        frame.lastValue = next;
        frame.lastNumber = n;
      } else {
        next = this.plus(this.get(act, control), frame.by, act);
        this.assign(act, control, next);
      }
      if (frame.to !== undefined) {
        const cmp = this.compareNumbers(next, frame.to, act);
        const neg = frame.by.charCodeAt(0) === 45;
        if (neg ? cmp < 0 : cmp > 0) return this.exitLoop(act, frame);
      }
    }
    if (frame.forCount >= 0) {
      if (frame.forCount === 0) return this.exitLoop(act, frame);
      frame.forCount--;
    }
    if (frame.whileE !== undefined && !isTruthy(this.evalSync(frame.whileE, act))) return this.exitLoop(act, frame);
    act.pc = frame.doIndex + 1;
  }

  private evalSync(e: Expr, act: Activation): string {
    const v = this.fn(e)(act);
    if (act.trace === 'R') this.traceResult(v);
    return v;
  }

  private leaveOrIterate(act: Activation, kind: 'leave' | 'iterate', name: string | null): void {
    for (let i = act.loops.length - 1; i >= 0; i--) {
      const f = act.loops[i];
      if (name !== null && f.controlName !== name) continue;
      while (act.code !== f.code && act.interprets.length > 0) {
        const ip = act.interprets.pop()!;
        act.code = ip.code;
      }
      act.loops.length = i + 1;
      if (kind === 'leave') this.exitLoop(act, f);
      else {
        act.code = f.code;
        act.pc = f.end;
        // The END clause does the step; run it without tracing it twice.
      }
      return;
    }
    fail(28, name ?? '');
  }

  private plus(a: string, b: string, act: Activation): string {
    const x = smallInt(a);
    const y = smallInt(b);
    if (act.fast && x === x && y === y) {
      const r = x + y;
      if (r < act.fastLimit && r > -act.fastLimit) return String(r);
    }
    return arithmetic('+', a, b, act.st);
  }

  private compareNumbers(a: string, b: string, act: Activation): number {
    const x = smallInt(a);
    const y = smallInt(b);
    if (x === x && y === y && act.fastCompare) return x < y ? -1 : x > y ? 1 : 0;
    const da = parseDec(a);
    const db = parseDec(b);
    if (da === null) fail(41, a);
    if (db === null) fail(41, b);
    return compareDec(da, db, act.st);
  }

  // ---------------------------------------------------------------- variables

  tail(pool: VariablePool, parts: TailPart[]): string {
    if (parts.length === 1) {
      const p = parts[0];
      if (typeof p === 'string') return p;
      const v = pool.get(p.v);
      return v === undefined ? p.v : v;
    }
    let s = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i > 0) s += '.';
      if (typeof p === 'string') s += p;
      else {
        const v = pool.get(p.v);
        s += v === undefined ? p.v : v;
      }
    }
    return s;
  }

  assign(act: Activation, t: Target, v: string): void {
    if (t.t === 'var') act.pool.set(t.name, v);
    else if (t.t === 'stem') act.pool.setStem(t.name, v);
    else {
      // The tail function and the pool's Stem are kept on the target, as for reads.
      const c = t as { tailFn?: (pool: VariablePool) => string; pool?: VariablePool; stemObj?: Stem };
      const tailFn = c.tailFn ?? (c.tailFn = compileTail(t.tail));
      const pool = act.pool;
      if (c.pool !== pool) {
        c.pool = pool;
        c.stemObj = pool.stem(t.stem);
      }
      const tail = tailFn(pool);
      const b = c.stemObj!.tails.get(tail);
      if (b !== undefined) b.v = v;
      else c.stemObj!.tails.set(tail, { v });
    }
  }

  /** Value of a variable; its name when unset (NOVALUE is raised when trapped). */
  get(act: Activation, t: Target): string {
    let v: string | undefined;
    let name: string;
    if (t.t === 'var') {
      v = act.pool.get(t.name);
      name = t.name;
    } else if (t.t === 'stem') {
      v = act.pool.getStemDefault(t.name);
      name = t.name;
    } else {
      const tail = this.tail(act.pool, t.tail);
      v = act.pool.getCompound(t.stem, tail);
      name = t.stem + tail;
    }
    return v === undefined ? this.novalue(act, name) : v;
  }

  /** Is the variable set? (SYMBOL, VALUE, trace) */
  isSet(act: Activation, t: Target): boolean {
    if (t.t === 'var') return act.pool.get(t.name) !== undefined;
    if (t.t === 'stem') return act.pool.getStemDefault(t.name) !== undefined;
    return act.pool.getCompound(t.stem, this.tail(act.pool, t.tail)) !== undefined;
  }

  novalue(act: Activation, name: string): string {
    const trap = act.traps.get('NOVALUE');
    if (trap !== undefined && trap.on) throw new ConditionSignal('NOVALUE', name);
    return name;
  }

  drop(act: Activation, t: Target): void {
    if (t.t === 'var') act.pool.drop(t.name);
    else if (t.t === 'stem') act.pool.dropStem(t.name);
    else act.pool.dropCompound(t.stem, this.tail(act.pool, t.tail));
  }

  targetFromName(name: string): Target {
    const n = symbolFromString(name);
    if (n === null) fail(40, `"${name}" is not a valid symbol`);
    return symbolTarget(n);
  }

  private procedure(act: Activation, expose: { t: 'name' | 'indirect'; target: Target }[]): void {
    if (!act.procedureAllowed || !act.internal) fail(17);
    act.procedureAllowed = false;
    const old = act.pool;
    const pool = new VariablePool();
    act.pool = pool;
    const sigl = old.get('SIGL');
    if (sigl !== undefined) pool.set('SIGL', sigl);
    const exposeOne = (t: Target): void => {
      if (t.t === 'var') pool.vars.set(t.name, old.box(t.name));
      else if (t.t === 'stem') pool.stems.set(t.name, old.stem(t.name));
      else {
        const tail = this.tail(pool, t.tail);
        const box = old.compoundBox(t.stem, tail);
        // An element that only has the caller's stem default takes it along.
        if (box.v === undefined) box.v = old.getStemDefault(t.stem);
        pool.stem(t.stem).tails.set(tail, box);
      }
    };
    for (const item of expose) {
      exposeOne(item.target);
      if (item.t === 'indirect') {
        for (const name of this.get(act, item.target).split(' ')) if (name !== '') exposeOne(this.targetFromName(name));
      }
    }
  }

  // ---------------------------------------------------------------- PARSE

  private *parse(
    act: Activation,
    upper: boolean,
    source: (Clause & { k: 'parse' })['source'],
    templates: Template[],
  ): Gen<void> {
    let texts: string[];
    switch (source.t) {
      case 'ARG':
        texts = act.args.map((a) => a ?? '');
        break;
      case 'PULL': {
        const line = this.host.stack.pull();
        texts = [line !== undefined ? line : yield* this.readTerminal()];
        break;
      }
      case 'EXTERNAL':
      case 'LINEIN':
        texts = [yield* this.readTerminal()];
        break;
      case 'SOURCE':
        texts = [this.parseSource(act)];
        break;
      case 'VERSION':
        texts = [VERSION_STRING];
        break;
      case 'NUMERIC':
        texts = [`${act.st.digits} ${act.st.fuzz} ${act.st.form}`];
        break;
      case 'VAR':
        texts = [this.get(act, source.target)];
        break;
      case 'VALUE':
        texts = [source.e === null ? '' : yield* this.value(source.e, act)];
        break;
    }
    if (upper) texts = texts.map(upperRexx);
    parseTemplates(texts, templates, {
      get: (t) => this.get(act, t),
      set: (t, v) => {
        this.assign(act, t, v);
        if (act.trace === 'R' || act.trace === 'I') this.host.traceOutput(`       >>>   "${v}"`);
      },
      whole: (s) => wholeNumber(s, act.st),
      dot: (v) => {
        if (act.trace === 'R' || act.trace === 'I') this.host.traceOutput(`       >.>   "${v}"`);
      },
    });
  }

  *readTerminal(): Gen<string> {
    let line = this.host.readTerminal();
    while (line === null) {
      yield 'terminal';
      line = this.host.readTerminal();
    }
    return line;
  }

  // ---------------------------------------------------------------- NUMERIC, TRACE

  private *numeric(
    act: Activation,
    what: 'DIGITS' | 'FUZZ' | 'FORM',
    e: Expr | null,
    form?: 'SCIENTIFIC' | 'ENGINEERING',
  ): Gen<void> {
    if (what === 'FORM') {
      let f = form;
      if (f === undefined) {
        const v = upperRexx((yield* this.value(e!, act)).trim());
        if (v.startsWith('S')) f = 'SCIENTIFIC';
        else if (v.startsWith('E')) f = 'ENGINEERING';
        else fail(33, v);
      }
      act.st.form = f;
      return;
    }
    const n =
      e === null
        ? what === 'DIGITS'
          ? 9
          : 0
        : wholeNumber(yield* this.value(e, act), { digits: 9, fuzz: 0, form: 'SCIENTIFIC' });
    if (what === 'DIGITS') {
      if (n < 1 || n <= act.st.fuzz) fail(33, String(n));
      act.st.digits = n;
    } else {
      if (n < 0 || n >= act.st.digits) fail(33, String(n));
      act.st.fuzz = n;
    }
    act.numericChanged();
  }

  setTrace(act: Activation, setting: string | null): void {
    if (setting === null) {
      act.trace = 'N';
      act.interactive = false;
      return;
    }
    let s = setting.trim();
    if (s === '') {
      act.trace = 'N';
      act.interactive = false;
      return;
    }
    if (/^-?\d+$/.test(s)) return; // numeric: skip count for interactive trace
    const wasInteractive = act.interactive;
    while (s.startsWith('?') || s.startsWith('!')) {
      // ? toggles interactive tracing; ! toggles command inhibition (VM).
      if (s[0] === '?') act.interactive = !act.interactive;
      else act.inhibitCommands = !act.inhibitCommands;
      s = s.slice(1);
    }
    // The language processor says how to leave interactive debug when it starts (SC24-5239, "TRACE").
    if (act.interactive && !wasInteractive) {
      this.host.traceOutput('       +++ Interactive trace.  TRACE OFF to end debug, ENTER to continue. +++');
    }
    if (s === '') return;
    const letter = upperRexx(s[0]);
    if (!'ACEFILNORS'.includes(letter)) fail(24, setting);
    act.trace = letter;
    if (letter === 'O') {
      act.interactive = false;
      act.inhibitCommands = false;
    }
  }

  traceSetting(act: Activation): string {
    return (act.interactive ? '?' : '') + act.trace;
  }

  // ---------------------------------------------------------------- TRACE output

  /** The first source line of a clause, for tracebacks. */
  private sourceOf(program: Program, c: Clause): string {
    return program.source.slice(c.start, c.end).split('\n')[0].trim();
  }

  private traceClause(act: Activation, c: Clause, force = false): void {
    const t = act.trace;
    let show = force;
    if (!show) {
      if (t === 'A' || t === 'R' || t === 'I') show = true;
      else if (t === 'L') show = c.k === 'label';
      else if (t === 'C') show = c.k === 'command' || (c.k === 'address' && c.e !== null);
      else show = false;
    }
    if (!show || this.inDebugInput) return;
    const top = act.interprets[act.interprets.length - 1];
    const program = top === undefined ? act.program : top.program;
    // The clause as written, from its start to the end of its source line.
    const lineEnd = program.source.indexOf('\n', c.start);
    const text = program.source.slice(c.start, lineEnd < 0 ? program.source.length : lineEnd).trimEnd();
    const line =
      top !== undefined ? '' : c.line === this.lastTracedLine && c.start > this.lastTracedStart ? '' : String(c.line);
    this.lastTracedLine = top !== undefined ? -1 : c.line;
    this.lastTracedStart = c.start;
    this.host.traceOutput(`${line.padStart(6)} *-* ${' '.repeat(act.depth)}${text}`);
    if (act.interactive && !this.inDebugInput && c.k !== 'trace')
      this.pausePending = { act, code: act.code, pc: act.pc - 1 };
  }

  traceResult(v: string): void {
    this.host.traceOutput(`       >>>   "${v}"`);
  }

  private traceIntermediate(tag: string, v: string): void {
    this.host.traceOutput(`       ${tag}   "${v}"`);
  }

  // ---------------------------------------------------------------- expressions

  /** The compiled closure of an expression without routine calls. */
  fn(e: Expr): Fn {
    const cached = (e as { fn?: Fn }).fn;
    if (cached !== undefined) return cached;
    const f = this.compile(e);
    (e as { fn?: Fn }).fn = f;
    return f;
  }

  private compile(e: Expr): Fn {
    switch (e.t) {
      case 'lit': {
        const v = e.v;
        return () => v;
      }
      case 'var': {
        const name = e.name;
        // A pool never replaces a simple variable's box (EXPOSE builds a new
        // pool), so the box found last time is still the one to read.
        let cachedPool: VariablePool | null = null;
        let cachedBox: Box = { v: undefined };
        return (act) => {
          const pool = act.pool;
          if (pool !== cachedPool) {
            cachedPool = pool;
            cachedBox = pool.box(name);
          }
          const v = cachedBox.v;
          return v === undefined || v === null ? this.novalue(act, name) : v;
        };
      }
      case 'stem': {
        const name = e.name;
        return (act) => {
          const v = act.pool.getStemDefault(name);
          return v === undefined ? this.novalue(act, name) : v;
        };
      }
      case 'cmp': {
        const stem = e.stem;
        const tailOf = compileTail(e.tail);
        // The pool's Stem object is as stable as a simple variable's box.
        let cachedPool: VariablePool | null = null;
        let cachedStem: Stem | null = null;
        return (act) => {
          const pool = act.pool;
          if (pool !== cachedPool) {
            cachedPool = pool;
            cachedStem = pool.stem(stem);
          }
          const tail = tailOf(pool);
          const s = cachedStem!;
          const b = s.tails.get(tail);
          const v = b === undefined || b.v === undefined ? s.dflt : b.v === null ? undefined : b.v;
          return v === undefined ? this.novalue(act, stem + tail) : v;
        };
      }
      case 'call': {
        const name = e.name;
        const builtin = BUILTINS.get(name)!;
        const argFns = e.args.map((a) => (a === null ? null : this.fn(a)));
        // One argument array per call site: built-ins never keep it, and a
        // site cannot be re-entered while its arguments are being evaluated.
        // Filled with undefined, not holes: a packed array destructures fast.
        const args: (string | undefined)[] = argFns.map(() => undefined);
        return (act) => {
          for (let i = 0; i < argFns.length; i++) {
            const f = argFns[i];
            args[i] = f === null ? undefined : f(act);
          }
          const r = builtin(args, this, act);
          if (r === undefined) fail(44, name);
          return r;
        };
      }
      case 'pre': {
        const f = this.fn(e.e);
        const op = e.op;
        return (act) => this.prefix(op, f(act), act);
      }
      case 'bin':
        return this.compileBinary(e.op, e.l, e.r);
    }
  }

  /**
   * A binary operation. The common shapes (a variable or a literal on either
   * side) read their operand in place, so a big program's operator closures
   * make fewer calls through shared, megamorphic call sites.
   */
  private compileBinary(opName: string, left: Expr, right: Expr): Fn {
    const op = BINARY[opName];
    const novalue = (act: Activation, name: string): string => this.novalue(act, name);
    if (left.t === 'var' && (right.t === 'lit' || right.t === 'var')) {
      const name = left.name;
      let pool0: VariablePool | null = null;
      let box0: Box = { v: undefined };
      if (right.t === 'lit') {
        const rv = right.v;
        return (act) => {
          if (act.pool !== pool0) {
            pool0 = act.pool;
            box0 = pool0.box(name);
          }
          const v = box0.v;
          return op(v === undefined || v === null ? novalue(act, name) : v, rv, act);
        };
      }
      const name1 = right.name;
      let pool1: VariablePool | null = null;
      let box1: Box = { v: undefined };
      return (act) => {
        if (act.pool !== pool0) {
          pool0 = act.pool;
          box0 = pool0.box(name);
        }
        if (act.pool !== pool1) {
          pool1 = act.pool;
          box1 = pool1.box(name1);
        }
        const a = box0.v;
        const b = box1.v;
        return op(
          a === undefined || a === null ? novalue(act, name) : a,
          b === undefined || b === null ? novalue(act, name1) : b,
          act,
        );
      };
    }
    const l = this.fn(left);
    if (right.t === 'lit') {
      const rv = right.v;
      return (act) => op(l(act), rv, act);
    }
    const r = this.fn(right);
    return (act) => op(l(act), r(act), act);
  }

  prefix(op: string, v: string, act: Activation): string {
    if (op === '\\') return truth(v) ? '0' : '1';
    const x = smallInt(v);
    if (act.fast && x === x) return String(op === '-' ? -x : x);
    return prefixArithmetic(op as '+' | '-', v, act.st);
  }

  /** Evaluation for expressions that call routines, and for TRACE I. */
  *evalGen(e: Expr, act: Activation): Gen<string> {
    const traceI = act.trace === 'I';
    switch (e.t) {
      case 'lit':
        if (traceI) this.traceIntermediate('>L>', e.v);
        return e.v;
      case 'var':
      case 'stem':
      case 'cmp': {
        if (traceI && e.t === 'cmp') this.traceIntermediate('>C>', e.stem + this.tail(act.pool, e.tail));
        const v = this.get(act, e);
        if (traceI) this.traceIntermediate('>V>', v);
        return v;
      }
      case 'call': {
        const args: (string | undefined)[] = [];
        for (const a of e.args) args.push(a === null ? undefined : yield* this.evalGen(a, act));
        const r = yield* this.callRoutine(act, e.name, e.quoted, args, true);
        if (r === undefined) fail(44, e.name);
        if (traceI) this.traceIntermediate('>F>', r);
        return r;
      }
      case 'pre': {
        const v = this.prefix(e.op, yield* this.evalGen(e.e, act), act);
        if (traceI) this.traceIntermediate('>P>', v);
        return v;
      }
      case 'bin': {
        const l = yield* this.evalGen(e.l, act);
        const r = yield* this.evalGen(e.r, act);
        const v = BINARY[e.op](l, r, act);
        if (traceI) this.traceIntermediate('>O>', v);
        return v;
      }
    }
  }

  // ---------------------------------------------------------------- services for built-ins

  random(min: number, max: number, seed: number | undefined): number {
    if (seed !== undefined) {
      this.randomState = seed >>> 0;
      this.randomSeeded = true;
    } else if (!this.randomSeeded) {
      this.randomState = (this.host.now().getTime() ^ 0x5deece66) >>> 0;
      this.randomSeeded = true;
    }
    // xorshift32: repeatable for a given seed, as RANDOM(,,seed) promises.
    let x = this.randomState || 0x9e3779b9;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.randomState = x;
    return min + (x % (max - min + 1));
  }

  sourceLine(n: number): string {
    return this.program.lines[n - 1] ?? '';
  }
}
