// EXEC: find `fn EXEC` in the search order and run it. A file whose first
// line begins with `/*` is REXX (cms.md (f)) and runs in the interpreter of
// cms/rexx, sliced: a few thousand clauses, then the virtual machine is
// let go (a DO FOREVER never stalls anybody). ADDRESS CMS goes through the
// full command search (cms/nucleus/session.ts execute), ADDRESS COMMAND
// through the SVC 202 search, ADDRESS CP to CP. Any other EXEC is CMS EXEC
// (cms/exec/cms-exec.ts), except `&TRACE` (EXEC 2), which vmcms lacks.

import { Interpreter } from '../rexx/interpreter.js';
import type { ExternalRoutine, PendingCommand, RexxHost } from '../rexx/host.js';
import type { RexxVariables } from '../rexx/shared-variables.js';
import type { CmsSession, FoundFile } from '../nucleus/session.js';
import { slice, type CmsGen } from '../nucleus/task.js';
import { recordText } from './common.js';
import { command, type CommandDef } from './table.js';
import { closeExecioFiles, execio } from './execio.js';
import { runCmsExec } from '../exec/cms-exec.js';
import { rexxMessageId } from '../exec/rexx-messages.js';
import { cmsDiagnose, cmsFlag, cmsStorage } from '../exec/rexx-functions.js';

const CLAUSES_PER_SLICE = 5000;
/** rc of an EXEC that was not found (seen: `Ready(00801);`). */
const RC_EXEC_NOT_FOUND = 801;
/** rc for an EXEC in a language vmcms lacks, EXEC 2 (vmcms's choice). */
const RC_LANGUAGE = 805;

function readSource(found: FoundFile): string {
  return found.acc.disk
    .readRecords(found.fst.filename, found.fst.filetype)
    .map((r) => recordText(r).trimEnd())
    .join('\n');
}

/** Run `fn EXEC` with the argument string `args`. */
export function* runExecFile(cms: CmsSession, fn: string, args: string): CmsGen<number> {
  const found = cms.findFile(fn, 'EXEC');
  if (!found) {
    cms.message('EXT', '072', fn, 0, 'File not found');
    return RC_EXEC_NOT_FOUND;
  }
  const source = readSource(found);
  const firstLine = source.split('\n', 1)[0].trimStart();
  if (firstLine.startsWith('/*')) return yield* runRexx(cms, found, source, args);
  if (firstLine.toUpperCase().startsWith('&TRACE')) {
    cms.message('EXT', '072', fn, 1, 'EXEC 2 is not available');
    return RC_LANGUAGE;
  }
  return yield* runCmsExec(cms, fn, source.split('\n'), args);
}

/**
 * A command environment an EXEC may ADDRESS besides CMS, COMMAND and CP
 * (XEDIT for an editor macro): it runs the command with the issuing
 * routine's variables at hand (EXTRACT sets them) and gives its rc.
 */
export type CommandEnvironment = (command: string, variables: RexxVariables) => CmsGen<number>;

/** A REXX program to run under CMS (an EXEC, or an editor macro). */
export interface RexxProgram {
  /** Name for messages: `FOO EXEC`, `FOO XEDIT`. */
  name: string;
  /** The name it was invoked by (PARSE SOURCE word 6). */
  fn: string;
  /** `fn ft fm` (PARSE SOURCE words 3-5). */
  fileId: string;
  source: string;
  args: string;
  /** The initial ADDRESS and last word of PARSE SOURCE: `CMS` (default), `XEDIT`. */
  environment?: string;
  /** Further environments by name (upper case). */
  environments?: ReadonlyMap<string, CommandEnvironment>;
}

/** The interpreter's view of CMS. */
class CmsRexxHost implements RexxHost {
  pending: { gen: CmsGen<number>; rc: number | null; variables: RexxVariables } | null = null;
  readonly terminal: string[] = [];

  constructor(
    private readonly cms: CmsSession,
    private readonly environments: ReadonlyMap<string, CommandEnvironment> | undefined,
  ) {}

  get stack() {
    return this.cms.stack;
  }
  say(line: string): void {
    this.cms.say(line);
  }
  traceOutput(line: string): void {
    this.cms.say(line);
  }
  reportError(code: number, message: string): void {
    // The interpreter makes sure the message is seen, even after HT (SC24-5239, "Error Numbers and Messages").
    this.cms.settings.cmstype = 'RT';
    this.cms.sayEdited(`${rexxMessageId(code)} ${message}`);
  }
  readTerminal(): string | null {
    return this.terminal.length > 0 ? this.terminal.shift()! : null;
  }
  externals(): number {
    return this.terminal.length + this.cms.nucleus.typeAhead.length;
  }
  command(environment: string, text: string, variables: RexxVariables): number | PendingCommand {
    const env = environment.toUpperCase();
    let gen: CmsGen<number>;
    const other = this.environments?.get(env);
    if (other !== undefined) gen = other(text, variables);
    else if (env === 'CMS') gen = this.cms.execute(text, 'cms');
    else if (env === 'COMMAND') gen = this.cms.execute(text, 'command');
    else if (env === 'CP') return this.cms.cp(text).rc;
    else return -3;
    const pending = { gen, rc: null as number | null, variables };
    this.pending = pending;
    return { poll: () => pending.rc };
  }
  findExternal(name: string): ExternalRoutine | null {
    if (name.length > 8) return null;
    const found = this.cms.findFile(name.toUpperCase(), 'EXEC');
    if (!found) return null;
    return {
      name: `${found.fst.filename} EXEC`,
      source: readSource(found),
      fileId: `${found.fst.filename} ${found.fst.filetype} ${found.acc.letter}${found.fst.modeNumber}`,
    };
  }
  userid(): string {
    return this.cms.userid;
  }
  diagnose(code: number, args: string[]): { rc: number; data: string } | null {
    return cmsDiagnose(this.cms, code, args);
  }
  storage(address?: number, length?: number, data?: string): string {
    return cmsStorage(this.cms, address, length, data);
  }
  cmsFlag(flag: string): string | null {
    return cmsFlag(this.cms, flag);
  }
  linesize(): number {
    return 80;
  }
  haltRequested(): boolean {
    // HI, or a batch job's CPU limit spent in the interpreter (cms/batch/monitor.ts).
    const h = this.cms.haltInterpreter || (this.cms.batch?.interpreterOverLimit() ?? false);
    this.cms.haltInterpreter = false;
    return h;
  }
  now(): Date {
    const d = this.cms.now();
    // The clock's fields are local time stored as UTC fields: give the interpreter the same wall time.
    return new Date(
      d.getUTCFullYear(),
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    );
  }
}

function* runRexx(cms: CmsSession, found: FoundFile, source: string, args: string): CmsGen<number> {
  const fn = found.fst.filename;
  const fileId = `${fn} ${found.fst.filetype} ${found.acc.letter}${found.fst.modeNumber}`;
  return yield* runRexxProgram(cms, { name: `${fn} EXEC`, fn, fileId, source, args });
}

/**
 * Runs a REXX program under CMS, sliced (CLAUSES_PER_SLICE clauses, then the
 * virtual machine is let go). Each command it sends runs with
 * `cms.execVariables` set to the issuing routine's variables (EXECIO STEM
 * and VAR use them). An error that stops the program gives 20000 + its
 * number (SC24-5239, "Error Numbers and Messages").
 */
export function* runRexxProgram(cms: CmsSession, program: RexxProgram): CmsGen<number> {
  const host = new CmsRexxHost(cms, program.environments);
  const interp = new Interpreter(host, program.name, program.source);
  interp.start([program.args], 'COMMAND', program.fn, program.fileId, program.environment ?? 'CMS');
  cms.execDepth++;
  const outerVariables = cms.execVariables;
  try {
    for (;;) {
      const r = interp.step(CLAUSES_PER_SLICE);
      switch (r.state) {
        case 'running':
          yield slice();
          break;
        case 'waiting':
          if (r.for === 'terminal') host.terminal.push(yield* cms.readTerminal());
          else if (host.pending) {
            const p = host.pending;
            host.pending = null;
            cms.execVariables = p.variables;
            try {
              p.rc = yield* p.gen;
            } finally {
              cms.execVariables = outerVariables;
            }
          }
          break;
        case 'done': {
          const v = r.result === undefined ? 0 : Number(r.result);
          return Number.isInteger(v) ? v : 0;
        }
        case 'error':
          return 20000 + r.code;
      }
    }
  } finally {
    cms.execDepth--;
    cms.execVariables = outerVariables;
    if (cms.execDepth === 0) closeExecioFiles(cms);
  }
}

export const EXEC_COMMANDS: CommandDef[] = [
  command('EXEC', 'EX', function* (cms, c) {
    const m = /^\s*(\S+)\s?(.*)$/s.exec(c.raw);
    if (!m) {
      cms.message('EXT', '001');
      return 24;
    }
    return yield* runExecFile(cms, m[1].toUpperCase(), m[2]);
  }),
  command('EXECIO', 'EXECIO', (cms, c) => execio(cms, c)),
];
