// RDRLIST and PEEK full screen under the real CP: the reader's files come
// from CP's QUERY RDR and DIAGNOSE X'14'; a console spool file is the
// reader file here (SPOOL CONSOLE START TO the user, CLOSE CONSOLE).

import { describe, expect, it } from 'vitest';
import { CpHarness, type TerminalDriver } from '../../cp/harness.js';
import { cmsSystem } from '../../cms/index.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { Aid, pfAid } from '../../terminal/codes.js';

async function withConsoleFile(): Promise<{ h: CpHarness; t: TerminalDriver }> {
  const h = new CpHarness({ namedSystems: [cmsSystem] });
  const t = h.connect();
  await t.logon('CMSUSER', 'CMSUSER');
  t.enter('');
  await h.settle();
  for (const line of [
    'CP SPOOL CONSOLE START TO CMSUSER',
    'CP QUERY TIME',
    'CP SPOOL CONSOLE STOP',
    'CP CLOSE CONSOLE',
  ]) {
    t.enter(line);
    await h.settle();
  }
  return { h, t };
}

function typeAt(t: TerminalDriver, row: number, col: number, text: string): void {
  t.session.key((s) => {
    s.cursor = row * 80 + col;
  });
  t.session.type(toEbcdic(text));
}

describe('RDRLIST under CP', () => {
  it('an empty reader: the line form (CP says NO RDR FILES)', async () => {
    const h = new CpHarness({ namedSystems: [cmsSystem] });
    const t = h.connect();
    await t.logon('CMSUSER', 'CMSUSER');
    t.enter('');
    await h.settle();
    t.enter('RDRLIST');
    await h.settle();
    expect(t.lines()).toContain('NO RDR FILES');
  });

  it('lists the console file; PF11 peeks at it in XEDIT; PURGE on its line removes it', async () => {
    const { h, t } = await withConsoleFile();
    t.enter('RDRLIST');
    await h.settle();
    let rows = t.rows();
    expect(rows[0]).toMatch(/CMSUSER\s+RDRLIST A0\s+Size=1/);
    expect(rows[2]).toMatch(/T CON CMSUSER\s+\d+ 0001$/);
    t.session.key((s) => {
      s.cursor = 2 * 80 + 20;
    });
    t.session.pressAid(pfAid(11));
    await h.settle();
    rows = t.rows();
    expect(rows[1]).toMatch(/Spool file 1 from CMSUSER: \d+ records, not received/);
    expect(rows.some((r) => r.startsWith('===== TIME IS'))).toBe(true);
    expect(rows[23]).toMatch(/X E D I T 1 File/);
    typeAt(t, 22, 6, 'QUIT');
    t.session.pressAid(Aid.enter);
    await h.settle();
    expect(t.rows()[0]).toMatch(/RDRLIST A0/);
    typeAt(t, 2, 0, 'PURGE');
    t.session.pressAid(Aid.enter);
    await h.settle();
    expect(h.cp.spooler.files('CMSUSER', 'RDR')).toEqual([]);
  });
});
