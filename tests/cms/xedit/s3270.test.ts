// End to end with a real 3270 emulator: s3270 connects to the TN3270
// server with CP behind it, logs on a user with a minidisk, formats it,
// edits a new file full screen with XEDIT (DIAGNOSE X'58' through CP to the
// TN3270 session), FILEs it, and checks it with TYPE.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpHarness } from '../../../cp/harness.js';
import { Tn3270Server } from '../../../terminal/tn3270-server.js';
import { cmsSystem } from '../../../cms/index.js';
import { hasS3270, S3270 } from '../../terminal/s3270-driver.js';

if (!hasS3270)
  console.warn('SKIPPED: XEDIT end-to-end test with s3270: s3270 is not installed (apt-get install s3270)');

const DIRECTORY = `
USER EDITOR EDITOR 1M 4M G
 IPL CMS
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
 MDISK 191 3370 T-DISK 200
`;

describe.skipIf(!hasS3270)('XEDIT with an s3270 client over TN3270', () => {
  const h = new CpHarness({ namedSystems: [cmsSystem], directorySource: DIRECTORY });
  let server: Tn3270Server;
  let port = 0;

  beforeAll(async () => {
    server = new Tn3270Server({ port: 0, onSession: (session) => void h.cp.handleSession(session) });
    port = (await server.listen()).port;
  });
  afterAll(async () => {
    await server.close();
  });

  it('edits a new file, files it, and TYPE shows it', async () => {
    const s = new S3270('3279-2');
    try {
      expect((await s.run(`Connect(127.0.0.1:${port})`)).ok).toBe(true);
      await s.waitForRow(/Online/);
      await s.enter('');
      await s.waitForRow(/CP READ$/);
      await s.enter('LOGON EDITOR');
      await s.waitForRow(/^ENTER PASSWORD:/);
      await s.enter('EDITOR');
      await s.waitForRow(/VM\/SP CMS/);
      await s.enter('FORMAT 191 A (NOPROMPT');
      await s.waitForRow(/^DMSFOR605R Enter disk label:/);
      await s.enter('EDT191');
      await s.waitForRow(/^Ready; T=/);
      await s.enter('XEDIT POEM TEXT A');
      await s.waitForRow(/POEM\s+TEXT\s+A1\s+F 80\s+Trunc=80 Size=0/);
      await s.waitForRow(/X E D I T 1 File/);
      // The cursor is on the command line (====>).
      await s.enter('SET CASE M');
      await s.enter('INPUT Whose woods these are');
      await s.waitForRow(/Size=1 Line=1/);
      await s.enter('INPUT I think I know');
      await s.waitForRow(/Size=2 Line=2/);
      await s.enter('C/think/THINK/ :1 *');
      await s.waitForRow(/1 occurrence\(s\) changed/);
      await s.enter('FILE');
      await s.waitForNoRow(/X E D I T/);
      await s.waitForRow(/^Ready; T=/);
      await s.enter('TYPE POEM TEXT A');
      const screen = await s.waitForRow(/^I THINK I know/);
      const at = screen.findIndex((r) => r.startsWith('Whose woods these are'));
      expect(at).toBeGreaterThanOrEqual(0);
      expect(screen[at + 1]).toMatch(/^I THINK I know/);
    } finally {
      await s.quit();
    }
  }, 60_000);

  it('on a model 4 XEDIT draws the alternate size (43 rows) with Erase/Write Alternate', async () => {
    const s = new S3270('3279-4');
    try {
      expect((await s.run(`Connect(127.0.0.1:${port})`)).ok).toBe(true);
      await s.waitForRow(/Online/);
      await s.enter('');
      await s.waitForRow(/CP READ$/);
      await s.enter('LOGON EDITOR');
      await s.waitForRow(/^ENTER PASSWORD:/);
      await s.enter('EDITOR');
      await s.waitForRow(/RECONNECTED|VM\/SP CMS/);
      await s.enter('BEGIN');
      await s.enter('XEDIT POEM TEXT A');
      const screen = await s.waitForRow(/X E D I T 1 File/);
      expect(screen.length).toBe(43);
      expect(screen[41]).toMatch(/^====>/);
      expect(screen[20]).toMatch(/^===== \* \* \* Top of File/);
      await s.enter('QQUIT');
      await s.waitForNoRow(/X E D I T/);
    } finally {
      await s.quit();
    }
  }, 60_000);
});
