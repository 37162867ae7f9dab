// A small in-memory host for running REXX programs in tests.

import { Interpreter, type StepResult } from '../../../cms/rexx/interpreter.js';
import type { ExternalRoutine, PendingCommand, RexxHost } from '../../../cms/rexx/host.js';
import { MemoryStack } from '../../../cms/rexx/stack.js';

export interface TestHost extends RexxHost {
  out: string[];
  trace: string[];
  commands: { env: string; command: string }[];
  input: string[];
  halt: boolean;
  externalsByName: Map<string, string>;
  commandRc: (env: string, command: string) => number | PendingCommand;
}

export function testHost(): TestHost {
  const host: TestHost = {
    out: [],
    trace: [],
    commands: [],
    input: [],
    halt: false,
    externalsByName: new Map(),
    commandRc: () => 0,
    say: (l) => host.out.push(l),
    traceOutput: (l) => host.trace.push(l),
    readTerminal: () => (host.input.length > 0 ? host.input.shift()! : null),
    externals: () => host.input.length,
    command(env, command) {
      host.commands.push({ env, command });
      return host.commandRc(env, command);
    },
    stack: new MemoryStack(),
    findExternal(name): ExternalRoutine | null {
      const source = host.externalsByName.get(name);
      return source === undefined ? null : { name: `${name} EXEC`, source, fileId: `${name} EXEC A1` };
    },
    userid: () => 'MAINT',
    linesize: () => 80,
    haltRequested() {
      const h = host.halt;
      host.halt = false;
      return h;
    },
    now: () => new Date(2024, 4, 26, 13, 5, 9, 250),
  };
  return host;
}

export interface RunResult {
  out: string[];
  trace: string[];
  result: StepResult;
  host: TestHost;
}

/** Runs a program to its end; lines of SAY output in `out`, TRACE and error lines in `trace`. */
export function run(source: string, args: string[] = [], setup?: (h: TestHost) => void): RunResult {
  const host = testHost();
  setup?.(host);
  const interp = new Interpreter(host, 'TEST EXEC', source);
  interp.start(args);
  let result: StepResult;
  for (;;) {
    result = interp.step(1000);
    if (result.state === 'done' || result.state === 'error') break;
    if (result.state === 'waiting' && result.for === 'terminal' && host.input.length === 0) break;
  }
  return { out: host.out, trace: host.trace, result, host };
}

/** The SAY output of a program given as lines. */
export function say(...lines: string[]): string[] {
  return run(lines.join('\n')).out;
}

/** The value of one expression. */
export function evaluate(expr: string, prelude = ''): string {
  const r = run(`${prelude}\nsay ${expr}`);
  if (r.result.state === 'error') throw new Error(r.trace.join('\n'));
  return r.out[r.out.length - 1];
}

/** The error number a program stops with (0 if none). */
export function errorOf(...lines: string[]): number {
  try {
    const r = run(lines.join('\n'));
    return r.result.state === 'error' ? r.result.code : 0;
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (code !== undefined) return code;
    throw e;
  }
}
