// `vmcms rexx FILE [args...]`: runs a REXX EXEC on the host with the same
// interpreter CMS uses. The host stands in for CMS: SAY goes to stdout,
// TRACE and error messages to stderr, PULL reads the in-memory program stack
// and then stdin, and external routines are files beside the EXEC
// (NAME.rexx, NAME.exec, or "NAME EXEC"). Commands (ADDRESS CMS, COMMAND,
// SYSTEM, SH) run through /bin/sh; any other environment gives RC -3, as an
// unknown command does on CMS. The exit status is the EXIT value modulo 256
// (a value that is not a whole number exits 0); an error that stops the EXEC
// exits with 256 minus the error number, as Regina does (CMS itself would
// return 20000 + the error number, which a host exit status cannot hold).

import type { Command } from 'commander';
import { existsSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Interpreter } from '../../cms/rexx/interpreter.js';
import type { ExternalRoutine, RexxHost } from '../../cms/rexx/host.js';
import { MemoryStack } from '../../cms/rexx/stack.js';

/**
 * Host text to REXX characters: UTF-8 when the bytes are valid UTF-8 (a
 * `¬` typed in an editor), else Latin-1 byte for byte. REXX characters
 * are the 256 of CP 037, all in Latin-1.
 */
export function decodeHostText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Reads one line from stdin synchronously ('' at end of file, as Regina gives). */
function readStdinLine(): string {
  const byte = Buffer.alloc(1);
  const bytes: number[] = [];
  for (;;) {
    let n: number;
    try {
      n = readSync(0, byte, 0, 1, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      break;
    }
    if (n === 0 || byte[0] === 10) break;
    bytes.push(byte[0]);
  }
  if (bytes[bytes.length - 1] === 13) bytes.pop();
  return decodeHostText(Buffer.from(bytes));
}

const SHELL_ENVIRONMENTS = new Set(['CMS', 'COMMAND', 'SYSTEM', 'SH', 'UNIX', 'BASH']);

export class HostRexxHost implements RexxHost {
  stack = new MemoryStack();
  private out: string[] = [];
  constructor(
    private readonly directory: string,
    private readonly write: (text: string) => void = (t) => process.stdout.write(t, 'utf8'),
    private readonly writeErr: (text: string) => void = (t) => process.stderr.write(t, 'utf8'),
  ) {}
  say(line: string): void {
    this.out.push(line);
    if (this.out.length >= 256) this.flush();
  }
  flush(): void {
    if (this.out.length === 0) return;
    this.write(this.out.join('\n') + '\n');
    this.out = [];
  }
  traceOutput(line: string): void {
    this.flush();
    this.writeErr(line + '\n');
  }
  readTerminal(): string | null {
    this.flush();
    return readStdinLine();
  }
  externals(): number {
    return 0;
  }
  command(environment: string, command: string): number {
    this.flush();
    if (!SHELL_ENVIRONMENTS.has(environment.toUpperCase())) return -3;
    const r = spawnSync('/bin/sh', ['-c', command], { stdio: 'inherit' });
    if (r.status === null) return -1;
    return r.status === 127 ? -3 : r.status;
  }
  findExternal(name: string): ExternalRoutine | null {
    const lower = name.toLowerCase();
    for (const candidate of [
      `${lower}.rexx`,
      `${lower}.exec`,
      `${name}.rexx`,
      `${name}.exec`,
      `${lower} exec`,
      `${name} EXEC`,
    ]) {
      const path = join(this.directory, candidate);
      if (existsSync(path)) {
        return { name: path, source: decodeHostText(readFileSync(path)), fileId: `${name.toUpperCase()} EXEC *` };
      }
    }
    return null;
  }
  userid(): string {
    return (process.env.USER ?? 'USER').toUpperCase().slice(0, 8);
  }
  linesize(): number {
    return process.stdout.columns ?? 80;
  }
  private halt = false;
  /** HI: the next clause boundary raises HALT. */
  requestHalt(): void {
    this.halt = true;
  }
  haltRequested(): boolean {
    const h = this.halt;
    this.halt = false;
    return h;
  }
  now(): Date {
    return new Date();
  }
}

/** Maps the EXEC's result to a host exit status (see the header). */
export function exitStatus(result: string | undefined): number {
  if (result === undefined) return 0;
  const t = result.trim();
  if (!/^[-+]?\d+$/.test(t)) return 0;
  return ((Number(t) % 256) + 256) % 256;
}

/**
 * Runs an EXEC file on the host; resolves to the exit status. The EXEC runs
 * in slices with the event loop turning between them, so Ctrl-C (SIGINT)
 * halts it as HI does on CMS: a HALT condition, or error 4.
 */
export async function runRexxFile(
  file: string,
  args: string[],
  host = new HostRexxHost(dirname(file)),
): Promise<number> {
  let source: string;
  try {
    source = decodeHostText(readFileSync(file));
  } catch {
    host.traceOutput(`Error 3 running ${file}, line 0: Program is unreadable`);
    return 256 - 3;
  }
  const name = basename(file);
  const interp = new Interpreter(host, file, source);
  const fn = name.slice(0, name.length - extname(name).length).toUpperCase();
  const ft = (extname(name).slice(1) || 'EXEC').toUpperCase();
  interp.start(args.length > 0 ? [args.join(' ')] : [], 'COMMAND', fn, `${fn} ${ft} *`);
  const onInterrupt = (): void => host.requestHalt();
  process.on('SIGINT', onInterrupt);
  try {
    for (;;) {
      const r = interp.step(200_000);
      if (r.state === 'error') {
        host.flush();
        return 256 - r.code;
      }
      if (r.state === 'done') {
        host.flush();
        return exitStatus(r.result);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

export function registerRexx(program: Command): void {
  program
    .command('rexx')
    .description('run a REXX EXEC on the host (SAY to stdout, PULL from stdin)')
    .argument('<file>', 'the EXEC (first line a /* comment */)')
    .argument('[args...]', 'the argument string, words joined by blanks')
    .allowUnknownOption(true)
    .action(async (file: string, args: string[]) => {
      process.exitCode = await runRexxFile(file, args);
    });
}
