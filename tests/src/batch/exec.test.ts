// `vmcms exec`'s work (execCommands) against an embedded system and against
// a running `vmcms serve`, which it finds through the data directory's lock
// and reaches over TN3270.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { execCommands } from '../../../src/batch/exec-session.js';
import { readLock } from '../../../src/lock.js';

const dirs: string[] = [];
let server: ChildProcess | undefined;
afterEach(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  server = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'vmcms-exec-'));
  dirs.push(d);
  return d;
};

describe('vmcms exec', () => {
  it('runs commands for a user on an embedded system and gives the last return code', async () => {
    const lines: string[] = [];
    const r = await execCommands({
      dataDir: tempDir(),
      userid: 'user1',
      password: 'USER1',
      commands: ['QUERY DISK', 'TYPE NOSUCH FILE A'],
      onLine: (l) => lines.push(l),
    });
    expect(r.via).toBe('embedded');
    expect(r.logonFailed).toBe(false);
    expect(r.rc).toBe(28);
    expect(lines).toContain('VM/SP CMS - vmcms 0.1.0');
    expect(lines.some((l) => /^A\s.*191/.test(l) || /191\s+A/.test(l))).toBe(true);
    expect(lines).toContain("DMSTYP002E File 'NOSUCH FILE A' not found.");
    expect(lines.some((l) => l.startsWith('Ready(00028);'))).toBe(true);
  });

  it('reports a refused logon with CP’s message number', async () => {
    const r = await execCommands({ dataDir: tempDir(), userid: 'USER1', password: 'WRONG', commands: ['QUERY DISK'] });
    expect(r.logonFailed).toBe(true);
    expect(r.rc).toBeGreaterThan(0);
  });

  it('logs on to a running vmcms serve through its TN3270 port', async () => {
    const data = tempDir();
    const viteNode = fileURLToPath(new URL('../../../node_modules/.bin/vite-node', import.meta.url));
    const cli = fileURLToPath(new URL('../../../src/cli.ts', import.meta.url));
    server = spawn(viteNode, [cli, 'serve', '--data', data, '--port', '0', '--quiet'], { stdio: 'ignore' });
    const began = Date.now();
    while (!readLock(data)?.tn3270) {
      if (Date.now() - began > 30_000) throw new Error('serve did not come up');
      await new Promise((r) => setTimeout(r, 50));
    }
    const lines: string[] = [];
    const r = await execCommands({
      dataDir: data,
      userid: 'CMSUSER',
      password: 'CMSUSER',
      commands: ['COPYFILE HELLO ASSEMBLE S = = A', 'LISTFILE * * A'],
      onLine: (l) => lines.push(l),
    });
    expect(r.via).toBe(`127.0.0.1:${readLock(data)!.tn3270!.port}`);
    expect(r.rc).toBe(0);
    expect(lines.some((l) => /^HELLO\s+ASSEMBLE\s+A1/.test(l))).toBe(true);
  }, 60_000);
});
