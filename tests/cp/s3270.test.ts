// End to end with a real 3270 emulator: two s3270 clients connect to the
// TN3270 server with CP behind it, log on, see each other in QUERY NAMES,
// exchange a message and log off.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpHarness } from '../../cp/harness.js';
import { Tn3270Server } from '../../terminal/tn3270-server.js';
import { hasS3270, S3270 } from '../terminal/s3270-driver.js';

if (!hasS3270) console.warn('SKIPPED: CP end-to-end tests with s3270: s3270 is not installed (apt-get install s3270)');

describe.skipIf(!hasS3270)('CP with s3270 clients over TN3270', () => {
  const h = new CpHarness();
  let server: Tn3270Server;
  let port = 0;

  beforeAll(async () => {
    server = new Tn3270Server({ port: 0, onSession: (session) => void h.cp.handleSession(session) });
    port = (await server.listen()).port;
  });
  afterAll(async () => {
    await server.close();
  });

  it('two users log on from two clients, see each other, exchange a message and log off', async () => {
    const a = new S3270('3279-2');
    const b = new S3270('3278-2');
    try {
      for (const [s, userid] of [
        [a, 'USER1'],
        [b, 'USER2'],
      ] as const) {
        expect((await s.run(`Connect(127.0.0.1:${port})`)).ok).toBe(true);
        const logo = await s.waitForRow(/^VM\/370 Online/);
        expect(logo.at(-1)).toMatch(/RUNNING$/);
        await s.enter('');
        await s.waitForRow(/CP READ$/);
        await s.enter(`LOGON ${userid}`);
        await s.waitForRow(/^ENTER PASSWORD:/);
        await s.enter(userid);
        await s.waitForRow(/^LOGON AT \d\d:\d\d:\d\d GMT /);
      }
      await a.enter('QUERY NAMES');
      await a.waitForRow(/^USER1 {4}- 0C\d , USER2 {4}- 0C\d$/);
      await a.enter('MSG USER2 HELLO FROM A REAL 3270');
      await b.waitForRow(/^\d\d:\d\d:\d\d MSG FROM USER1 {3}: HELLO FROM A REAL 3270$/);
      await b.enter('LOGOFF');
      await b.waitForRow(/^VM\/370 Online/);
      await a.enter('LOGOFF');
      await a.waitForRow(/^VM\/370 Online/);
      expect(h.cp.users.size).toBe(0);
    } finally {
      await a.quit();
      await b.quit();
    }
  }, 60_000);
});
