// The `vmcms serve` contract, on the built CLI: it listens where told, says
// where, serves TN3270 clients, exits 0 on SIGTERM after closing its
// sessions, and exits 2 with a clear message when the port is taken.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Tn3270Client } from '../../terminal/tn3270-client.js';
import { ebcdicToChar } from '../../s390/ebcdic.js';

const CLI = new URL('../../dist/src/cli.js', import.meta.url).pathname;
const built = existsSync(CLI);
if (!built) console.warn(`SKIPPED: vmcms serve tests: ${CLI} is missing (run npx tsc -p tsconfig.build.json)`);

const dataDirs: string[] = [];
afterAll(() => {
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh data directory for one system. */
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vmcms-serve-'));
  dataDirs.push(dir);
  return join(dir, 'data');
}

/** Run `vmcms serve` and resolve with the process and the port it reports. */
function serve(args: string[], dataDir = freshDataDir()) {
  const child = spawn(process.execPath, [CLI, 'serve', '--quiet', '--data', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stdout} ${stderr}`)), 30000);
    child.stdout.on('data', () => {
      const m = /listening on 127\.0\.0\.1:(\d+)\n/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then(() => reject(new Error(`serve exited: ${stderr}`)));
  });
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe.skipIf(!built)('vmcms serve', () => {
  it('serves a TN3270 client on 127.0.0.1 and exits 0 on SIGTERM after closing the session', async () => {
    const run = serve(['--port', '0']);
    const port = await run.listening;
    const client = await Tn3270Client.connect({ port });
    // CP's logo screen: the first thing a terminal sees
    await waitFor(() => client.screen.text(ebcdicToChar).join('\n').includes('VM/370 Online'), 20000);
    const closed = client.whenClosed();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    await closed;
  });

  it('refuses a second system on a data directory in use: exit 2 with a clear message', async () => {
    const dataDir = freshDataDir();
    const first = serve(['--port', '0'], dataDir);
    await first.listening;
    try {
      const second = serve(['--port', '0'], dataDir);
      second.listening.catch(() => undefined);
      expect(await second.exited).toBe(2);
      expect(second.output().stderr).toMatch(/is in use by vmcms process \d+/);
    } finally {
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    }
  });

  it('exits 2 with a clear message when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = serve(['--port', String(port)]);
      run.listening.catch(() => undefined);
      expect(await run.exited).toBe(2);
      expect(run.output().stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for the screen');
    await new Promise((r) => setTimeout(r, 20));
  }
}
