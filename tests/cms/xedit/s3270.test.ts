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

async function waitForRow(s: S3270, match: RegExp, tries = 200): Promise<string[]> {
  let screen: string[] = [];
  for (let i = 0; i < tries; i++) {
    screen = await s.screen();
    if (screen.some((row) => match.test(row))) return screen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no row matching ${match} on the screen:\n${screen.join('\n')}`);
}

async function waitForNoRow(s: S3270, match: RegExp, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (!(await s.screen()).some((row) => match.test(row))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`a row matching ${match} stays on the screen`);
}

async function enter(s: S3270, text: string): Promise<void> {
  if (text !== '') expect((await s.run(`String("${text}")`)).ok).toBe(true);
  expect((await s.run('Enter')).ok).toBe(true);
}

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
      await waitForRow(s, /Online/);
      await enter(s, '');
      await waitForRow(s, /CP READ$/);
      await enter(s, 'LOGON EDITOR');
      await waitForRow(s, /^ENTER PASSWORD:/);
      await enter(s, 'EDITOR');
      await waitForRow(s, /VM\/SP CMS/);
      await enter(s, 'FORMAT 191 A (NOPROMPT');
      await waitForRow(s, /^DMSFOR605R Enter disk label:/);
      await enter(s, 'EDT191');
      await waitForRow(s, /^Ready; T=/);
      await enter(s, 'XEDIT POEM TEXT A');
      await waitForRow(s, /POEM\s+TEXT\s+A1\s+F 80\s+Trunc=80 Size=0/);
      await waitForRow(s, /X E D I T 1 File/);
      // The cursor is on the command line (====>).
      await enter(s, 'SET CASE M');
      await enter(s, 'INPUT Whose woods these are');
      await waitForRow(s, /Size=1 Line=1/);
      await enter(s, 'INPUT I think I know');
      await waitForRow(s, /Size=2 Line=2/);
      await enter(s, 'C/think/THINK/ :1 *');
      await waitForRow(s, /1 occurrence\(s\) changed/);
      await enter(s, 'FILE');
      await waitForNoRow(s, /X E D I T/);
      await waitForRow(s, /^Ready; T=/);
      await enter(s, 'TYPE POEM TEXT A');
      const screen = await waitForRow(s, /^I THINK I know/);
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
      await waitForRow(s, /Online/);
      await enter(s, '');
      await waitForRow(s, /CP READ$/);
      await enter(s, 'LOGON EDITOR');
      await waitForRow(s, /^ENTER PASSWORD:/);
      await enter(s, 'EDITOR');
      await waitForRow(s, /RECONNECTED|VM\/SP CMS/);
      await enter(s, 'BEGIN');
      await enter(s, 'XEDIT POEM TEXT A');
      const screen = await waitForRow(s, /X E D I T 1 File/);
      expect(screen.length).toBe(43);
      expect(screen[41]).toMatch(/^====>/);
      expect(screen[20]).toMatch(/^===== \* \* \* Top of File/);
      await enter(s, 'QQUIT');
      await waitForNoRow(s, /X E D I T/);
    } finally {
      await s.quit();
    }
  }, 60_000);
});
