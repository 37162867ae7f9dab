// `vmcms rexx FILE [args]`: the host runner and its exit status.

import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { HostRexxHost, exitStatus, registerRexx, runRexxFile } from '../../../src/commands/rexx.js';

const dir = mkdtempSync(join(tmpdir(), 'vmcms-rexx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function runFile(path: string, args: string[] = []): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const host = new HostRexxHost(
    dir,
    (t) => (out += t),
    (t) => (err += t),
  );
  const status = await runRexxFile(path, args, host);
  return { status, out, err };
}

describe('vmcms rexx', () => {
  it('passes the arguments as one string and exits with the EXIT value', async () => {
    const r = await runFile(file('args.rexx', "/* */\nparse arg a\nsay 'got' a\nexit 7\n"), ['one', 'two']);
    expect(r).toEqual({ status: 7, out: 'got one two\n', err: '' });
  });
  it('calls external routines from files beside the EXEC', async () => {
    file('helper.rexx', '/* */\nreturn arg(1) * 2\n');
    const r = await runFile(file('main.rexx', '/* */\nsay helper(21)\n'));
    expect(r.out).toBe('42\n');
  });
  it('reports errors on stderr and exits 256 minus the error number', async () => {
    const r = await runFile(file('bad.rexx', "/* */\nsay 1 + 'x'\n"));
    expect(r.status).toBe(256 - 41);
    expect(r.err).toContain('Error 41 running');
    expect(r.err).toContain('line 2: Bad arithmetic conversion');
  });
  it('an unknown ADDRESS environment gives RC -3', async () => {
    const r = await runFile(file('env.rexx', "/* */\naddress NOSUCH 'x'\nsay rc\n"));
    expect(r.out).toBe('-3\n');
  });
  it('maps EXIT values to host exit statuses', () => {
    expect(exitStatus(undefined)).toBe(0);
    expect(exitStatus('300')).toBe(44);
    expect(exitStatus('-1')).toBe(255);
    expect(exitStatus('abc')).toBe(0);
  });
  it('runs through the commander subcommand: stdout, and the exit status in process.exitCode', async () => {
    const path = file('cli.rexx', "/* */\nparse arg a b\nsay 'cli' b a\nexit 3\n");
    const program = new Command();
    registerRexx(program);
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const saved = process.exitCode;
    try {
      await program.parseAsync(['node', 'vmcms', 'rexx', path, 'x', 'y']);
      expect(out).toBe('cli y x\n');
      expect(process.exitCode).toBe(3);
    } finally {
      spy.mockRestore();
      process.exitCode = saved;
    }
  });
});
