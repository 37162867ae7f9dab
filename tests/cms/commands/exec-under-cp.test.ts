// REXX EXECs under the real CP (cp/harness.ts): PULL with an empty stack
// leaves the terminal in VM READ; a DO FOREVER EXEC does not stop another
// user's commands; HI halts it.

import { describe, expect, it } from 'vitest';
import { CpHarness, type TerminalDriver } from '../../../cp/harness.js';
import { cmsSystem } from '../../../cms/index.js';

const DIRECTORY = `
USER ALICE ALICE 1M 4M G
 IPL CMS
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
 MDISK 191 3370 T-DISK 100
USER BOB BOB 1M 4M G
 IPL CMS
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
`;

async function cmsUser(h: CpHarness, id: string): Promise<TerminalDriver> {
  const t = h.connect();
  await t.logon(id, id);
  t.enter('');
  await h.settle();
  return t;
}

/** Format ALICE's T-disk and write `fn EXEC` on it, one EXECIO DISKW per line. */
async function writeExec(h: CpHarness, t: TerminalDriver, fn: string, lines: string[]): Promise<void> {
  for (const l of lines) {
    t.enter(`EXECIO 1 DISKW ${fn} EXEC A (STRING ${l}`);
    await h.settle();
  }
  t.clear();
  await h.settle();
}

async function formatted(h: CpHarness): Promise<TerminalDriver> {
  const t = await cmsUser(h, 'ALICE');
  t.enter('FORMAT 191 A');
  await h.settle();
  t.enter('YES');
  await h.settle();
  t.enter('ALICE1');
  await h.settle();
  return t;
}

describe('REXX under CP', () => {
  it('PULL with an empty stack reads the terminal: the status is VM READ', async () => {
    const h = new CpHarness({ directorySource: DIRECTORY, namedSystems: [cmsSystem] });
    const t = await formatted(h);
    await writeExec(h, t, 'ASK', ['/* */', "say 'Your name?'", 'pull n', "say 'Hello' n"]);
    t.enter('ASK');
    await h.settle();
    expect(t.lines()).toContain('Your name?');
    expect(t.status).toBe('VM READ');
    t.enter('ada');
    await h.settle();
    expect(t.lines()).toContain('Hello ADA');
    expect(t.lines()[t.lines().length - 1]).toMatch(/^Ready;/);
  });

  it('a DO FOREVER EXEC leaves the other users running, and HI halts it', async () => {
    const h = new CpHarness({ directorySource: DIRECTORY, namedSystems: [cmsSystem] });
    const t = await formatted(h);
    await writeExec(h, t, 'SPIN', ['/* */', 'do forever', 'end']);
    t.enter('SPIN');
    await h.settle(50);
    expect(t.status).toBe('RUNNING');
    const bob = await cmsUser(h, 'BOB');
    bob.enter('CP QUERY TIME');
    await h.settle(50);
    expect(bob.shows(/^TIME IS /)).toBe(true);
    t.enter('HI');
    await h.settle();
    expect(t.shows(/Error 4 running SPIN EXEC, line \d: Program interrupted/)).toBe(true);
    expect(t.shows(/^Ready\(20004\);/)).toBe(true);
  });
});
