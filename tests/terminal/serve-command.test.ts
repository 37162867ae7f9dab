// The `vmcms serve` contract, on the built CLI: it listens where told, says
// where, serves TN3270 clients, exits 0 on SIGTERM after closing its
// sessions, and exits 2 with a clear message when the port is taken.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { Tn3270Client } from '../../terminal/tn3270-client.js';

const CLI = new URL('../../dist/src/cli.js', import.meta.url).pathname;
const built = existsSync(CLI);
if (!built) console.warn(`SKIPPED: vmcms serve tests: ${CLI} is missing (run npx tsc -p tsconfig.build.json)`);

/** Run `vmcms serve` and resolve with the process and the port it reports. */
function serve(args: string[]) {
  const child = spawn(process.execPath, [CLI, 'serve', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stdout} ${stderr}`)), 10000);
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
    expect(client.screen.text((b) => String.fromCharCode(b))[0]).not.toBe('');
    const closed = client.whenClosed();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    await closed;
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
