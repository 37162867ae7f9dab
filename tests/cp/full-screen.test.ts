// Full-screen mode of the console under the real CP (DIAGNOSE X'58',
// cp/console/full-screen.ts; docs/diagnose.md): CMS's XEDIT draws with
// Erase/Write, AID keys reach it through attention + read, a CP line takes
// the screen back and XEDIT redraws after the next key (unit status X'8E'),
// two PA1s give CP READ.

import { describe, expect, it } from 'vitest';
import { CpHarness, type TerminalDriver } from '../../cp/harness.js';
import { cmsSystem } from '../../cms/index.js';
import { Aid } from '../../terminal/codes.js';
import { toEbcdic } from '../../s390/ebcdic.js';

async function cmsUser(): Promise<{ h: CpHarness; t: TerminalDriver }> {
  const h = new CpHarness({ namedSystems: [cmsSystem] });
  const t = h.connect();
  await t.logon('CMSUSER', 'CMSUSER');
  t.enter('');
  await h.settle();
  return { h, t };
}

/** Type on the XEDIT command line (row 22 of a model 2) and press an AID. */
function xeditCommand(t: TerminalDriver, text: string, aid: number = Aid.enter): void {
  t.session.key((s) => {
    s.cursor = 22 * 80 + 6;
  });
  t.session.type(toEbcdic(text));
  if (!t.session.pressAid(aid)) throw new Error('keyboard locked');
}

describe('full-screen console (DIAGNOSE X58)', () => {
  it('XEDIT takes the whole screen, gets Enter with the command line, and gives it back at QQUIT', async () => {
    const { h, t } = await cmsUser();
    t.enter('XEDIT NEW FILE');
    await h.settle();
    let rows = t.rows();
    expect(rows[0]).toMatch(/NEW\s+FILE\s+A1\s+F 80\s+Trunc=80 Size=0 Line=0/);
    expect(rows.some((r) => r.includes('* * * Top of File * * *'))).toBe(true);
    expect(rows[22]).toMatch(/^====>/);
    expect(rows[23]).toMatch(/X E D I T 1 File$/);
    xeditCommand(t, 'INPUT first line');
    await h.settle();
    rows = t.rows();
    expect(rows[0]).toMatch(/Size=1 Line=1/);
    expect(rows.some((r) => r.endsWith('FIRST LINE'))).toBe(true);
    xeditCommand(t, 'QQUIT');
    await h.settle();
    expect(t.lines().some((l) => l.startsWith('Ready;'))).toBe(true);
    expect(t.status).toBe('VM READ');
  });

  it('a CP line interrupts full screen; the next key redraws (X8E)', async () => {
    const { h, t } = await cmsUser();
    t.enter('XEDIT NEW FILE');
    await h.settle();
    xeditCommand(t, 'CP QUERY TIME');
    await h.settle();
    // CP's response is on a line-mode screen now.
    expect(t.lines().some((l) => l.startsWith('TIME IS'))).toBe(true);
    expect(t.rows()[0]).not.toMatch(/Trunc=/);
    t.press('ENTER');
    await h.settle();
    expect(t.rows()[0]).toMatch(/NEW\s+FILE\s+A1/);
    xeditCommand(t, 'QQUIT');
    await h.settle();
    expect(t.lines().some((l) => l.startsWith('Ready;'))).toBe(true);
  });

  it('PA1 goes to the program once; a second PA1 before it reads gives CP READ', async () => {
    const { h, t } = await cmsUser();
    t.enter('XEDIT NEW FILE');
    await h.settle();
    const user = h.user('CMSUSER');
    expect(user.fullScreen.active).toBe(true);
    t.pa1();
    await h.settle();
    // XEDIT read the PA1 and drew again: still full screen.
    expect(user.fullScreen.active).toBe(true);
    expect(user.cpRead).toBe(false);
    // Stop the machine from reading: two PA1s queued with nobody reading them.
    user.stopped = true;
    t.pa1();
    // The keyboard locks after an AID and the stopped program never unlocks it: the user
    // presses RESET (x3270's Reset also clears the system lock) before the second PA1.
    t.session.key((s) => {
      s.systemLock = false;
    });
    t.pa1();
    expect(user.cpRead).toBe(true);
    expect(user.fullScreen.active).toBe(false);
  });

  it('after a disconnect and reconnect, CP owns the new screen; BEGIN, then a key brings XEDIT back', async () => {
    const { h, t } = await cmsUser();
    t.enter('XEDIT NEW FILE');
    await h.settle();
    h.cp.detach(h.user('CMSUSER'), true); // the line drops
    await h.settle();
    const t2 = h.connect();
    await t2.logon('CMSUSER', 'CMSUSER');
    await h.settle();
    expect(t2.lines().some((l) => l.startsWith('RECONNECTED AT'))).toBe(true);
    expect(t2.status).toBe('CP READ');
    t2.enter('BEGIN');
    await h.settle();
    expect(t2.rows()[0]).not.toMatch(/Trunc=/);
    t2.press('ENTER');
    await h.settle();
    expect(t2.rows()[0]).toMatch(/NEW\s+FILE\s+A1/);
  });

  it('DIAGNOSE X58 query answers the model sizes; a disconnected user has no display (CC 3)', async () => {
    const { h, t } = await cmsUser();
    const user = h.user('CMSUSER');
    expect(user.fullScreen.sizes()).toEqual([24, 80, 24, 80]);
    void t;
    user.terminal = null;
    expect(user.fullScreen.sizes()).toBeNull();
    expect(user.fullScreen.read()).toBe('no-display');
  });
});
