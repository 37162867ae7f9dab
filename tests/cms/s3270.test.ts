// End to end with a real 3270 emulator: s3270 connects to the TN3270
// server with CP behind it, logs on CMSUSER (IPL CMS in the directory),
// sees the CMS version line and the ready message, and runs commands on
// its A-disk (a minidisk through DIAGNOSE X'250'): COPYFILE from the S-disk,
// LISTFILE, ASSEMBLE.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsHarness } from '../src/cms-harness.js';
import { Tn3270Server } from '../../terminal/tn3270-server.js';
import { VERSION_LINE } from '../../cms/index.js';
import { hasS3270, S3270 } from '../terminal/s3270-driver.js';

if (!hasS3270) console.warn('SKIPPED: CMS end-to-end tests with s3270: s3270 is not installed (apt-get install s3270)');

describe.skipIf(!hasS3270)('CMS with an s3270 client over TN3270', () => {
  const h = cmsHarness();
  let server: Tn3270Server;
  let port = 0;

  beforeAll(async () => {
    server = new Tn3270Server({ port: 0, onSession: (session) => void h.cp.handleSession(session) });
    port = (await server.listen()).port;
  });
  afterAll(async () => {
    await server.close();
  });

  it('logs on CMSUSER, sees the ready message, copies, lists and assembles on its A-disk, and an unknown command', async () => {
    const s = new S3270('3279-2');
    try {
      expect((await s.run(`Connect(127.0.0.1:${port})`)).ok).toBe(true);
      await s.waitForRow(/Online/);
      await s.enter('');
      await s.waitForRow(/CP READ$/);
      await s.enter('LOGON CMSUSER');
      await s.waitForRow(/^ENTER PASSWORD:/);
      await s.enter('CMSUSER');
      await s.waitForRow(new RegExp(`^${VERSION_LINE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      await s.enter('');
      await s.waitForRow(/^Ready; T=\d\.\d\d\/\d\.\d\d \d\d:\d\d:\d\d/);
      await s.enter('COPYFILE HELLO ASSEMBLE S = = A');
      await s.enter('LISTFILE');
      await s.waitForRow(/^HELLO {4}ASSEMBLE A1/);
      await s.enter('ASSEMBLE HELLO');
      await s.enter('LISTFILE * TEXT');
      await s.waitForRow(/^HELLO {4}TEXT {5}A1/);
      await s.enter('XYZZY');
      await s.waitForRow(/^Unknown CP\/CMS command/);
      await s.waitForRow(/^Ready\(-0003\);/);
    } finally {
      await s.quit();
    }
  }, 60_000);
});
