// The CMSBATCH virtual machine of the default directory (IPL CMS PARM
// BATCH) with jobs queued in its reader from two users: one deck punched
// by a logged-on user's CMS (PUNCH ... after SPOOL PUNCH TO CMSBATCH), the
// others as decks a user's punch delivers. Each job's console log and
// printed output go back to the submitter's reader; a looping job is
// cancelled at its CPU limit and the queue goes on.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cmsSystem } from '../../../cms/index.js';
import { TerminalDriver } from '../../../cp/harness.js';
import { printText } from '../../../cp/spool/system-printer.js';
import type { SpoolFileAttributes } from '../../../cp/spool/spool-file.js';
import { toEbcdic } from '../../../s390/ebcdic.js';
import { LocalSession } from '../../../terminal/local-session.js';
import { startSystem, type RunningSystem } from '../../../src/system.js';

let system: RunningSystem | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const cards = (lines: string[]): Uint8Array[] => lines.map((l) => toEbcdic(l.padEnd(80)));

function terminal(sys: RunningSystem): TerminalDriver {
  const session = new LocalSession('L0001');
  sys.handleSession(session);
  const connection = [...sys.cp.terminals].find((t) => t.session === session)!;
  return new TerminalDriver({ settle: () => sys.cp.dispatcher.whenIdle() }, session, connection);
}

async function until(what: () => boolean, ms = 20000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('CMSBATCH', () => {
  it('runs three queued jobs from two users, returns their output, survives a looping job and refuses a borrowed /JOB', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vmcms-cmsbatch-'));
    system = startSystem({ dataDir, namedSystems: [cmsSystem], readerPort: null });
    const { cp } = system;
    const spooler = cp.spooler;

    // USER2 punches a job from CMS: the deck reaches USER2's reader, is read in, punched to CMSBATCH.
    const job3 = ['/JOB USER2 J3', 'LISTFILE * * A', '/*'];
    spooler.enterDeck('USER2', cards(job3), 'J3', 'JOB');
    const t = terminal(system);
    await t.logon('USER2', 'USER2');
    t.enter('');
    await t.harness.settle();
    t.enter('READCARD J3 JOB A');
    await t.harness.settle();
    t.enter('CP SPOOL PUNCH TO CMSBATCH');
    await t.harness.settle();
    t.enter('PUNCH J3 JOB A');
    await t.harness.settle();
    expect(t.transcript.some((l) => /^PUN FILE \d{4} TO CMSBATCH/.test(l))).toBe(true);

    // USER1's jobs arrive as decks from USER1's punch: one that prints, one that loops, one for someone else.
    spooler.enterDeck(
      'CMSBATCH',
      cards(['/JOB USER1 J1', '/DATA OUT TEXT A', 'printed by J1', '/END', 'PRINT OUT TEXT A']),
      'J1',
      'JOB',
      'USER1',
    );
    const loop = [
      '/JOB USER1 J2',
      '/DATA LOOP ASSEMBLE A',
      'LOOP     CSECT',
      '         USING LOOP,12',
      'AGAIN    B     AGAIN',
      '         END   LOOP',
      '/END',
      'ASSEMBLE LOOP',
      'LOAD LOOP',
      'START',
      'TYPE LOOP ASSEMBLE A',
    ];
    spooler.enterDeck('CMSBATCH', cards(loop), 'J2', 'JOB', 'USER1');
    spooler.enterDeck('CMSBATCH', cards(['/JOB USER2 STEAL', 'LISTFILE']), 'STEAL', 'JOB', 'USER1');
    expect(spooler.files('CMSBATCH', 'RDR')).toHaveLength(4);

    // Now CMSBATCH comes up (as AUTOLOG would bring it up), with a small CPU limit.
    const entry = cp.directory.entries.get('CMSBATCH')!;
    expect(entry.ipl?.parm).toBe('BATCH');
    expect(entry.options.has('LNKNOPAS')).toBe(true);
    const batch = cp.autolog(entry, 'TEST');
    cp.ipl(batch, 'CMS', { clear: false, stop: false, parm: 'BATCH CPU 0.05' });

    const consoles = (userid: string): SpoolFileAttributes[] =>
      spooler.files(userid, 'RDR').filter((f) => f.origin === 'CON' && f.originator === 'CMSBATCH');
    await until(() => consoles('USER1').length === 2 && consoles('USER2').length === 1);
    await until(() => spooler.files('CMSBATCH', 'RDR').length === 0);
    const text = (f: SpoolFileAttributes): string => printText(spooler.store.read(f.spoolid)!.data);

    const [c1, c2] = consoles('USER1');
    expect([c1.name, c1.type, c2.name]).toEqual(['J1', 'CONSOLE', 'J2']);
    expect(text(c1)).toContain('BATCH JOB J1 ENDED; HIGHEST RETURN CODE 0');
    expect(text(c2)).toContain('BATCH: CPU LIMIT OF 0.05 SECONDS EXCEEDED; JOB CANCELLED');
    expect(text(c2)).not.toContain('TYPE LOOP ASSEMBLE A');
    const printed = spooler.files('USER1', 'RDR').filter((f) => f.origin === 'PRT');
    expect(printed.map((f) => [f.name, f.type, f.originator])).toEqual([['OUT', 'TEXT', 'CMSBATCH']]);
    expect(text(printed[0])).toBe('printed by J1\n');

    // USER2's job ran on USER2's own 191 (linked read-only: USER2 has it R/W), where J3 JOB is.
    const c3 = consoles('USER2')[0];
    expect(text(c3)).toMatch(/J3\s+JOB\s+A1/);
    expect(text(c3)).toContain('BATCH JOB J3 ENDED; HIGHEST RETURN CODE 0');
    await t.harness.settle();
    expect(t.transcript.some((l) => l.includes('BATCH JOB J3 ENDED, HIGHEST RC 0'))).toBe(true);

    // The deck from USER1 naming USER2 ran nowhere: USER2 got no console for it.
    expect(consoles('USER2').map((f) => f.name)).toEqual(['J3']);
  }, 30000);

  it('takes a job sent with SENDFILE (DISK DUMP format)', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vmcms-cmsbatch-'));
    system = startSystem({ dataDir, namedSystems: [cmsSystem], readerPort: null, autolog: ['CMSBATCH'] });
    const { cp } = system;
    cp.spooler.enterDeck('USER2', cards(['/JOB USER2 SENT', 'QUERY DISK A', '/*']), 'SENT', 'JOB');
    const t = terminal(system);
    await t.logon('USER2', 'USER2');
    t.enter('');
    await t.harness.settle();
    t.enter('READCARD SENT JOB A');
    await t.harness.settle();
    t.enter('SENDFILE SENT JOB A TO CMSBATCH');
    await t.harness.settle();
    const consoles = (): SpoolFileAttributes[] =>
      cp.spooler.files('USER2', 'RDR').filter((f) => f.origin === 'CON' && f.originator === 'CMSBATCH');
    await until(() => consoles().length === 1);
    const log = printText(cp.spooler.store.read(consoles()[0].spoolid)!.data);
    expect(log).toContain('QUERY DISK A');
    expect(log).toContain('BATCH JOB SENT ENDED; HIGHEST RETURN CODE 0');
  }, 30000);
});
