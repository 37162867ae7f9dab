// Logon flows through a TerminalSession: the logo, CP READ before logon,
// LOGON with the password prompt, the failures, LOGOFF, DISCONN and
// reconnect, the 15-minute logoff of a disconnected machine, FORCE,
// AUTOLOG and SHUTDOWN, with the operator's console lines for each.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpoolStore } from '../../cp/spool/spool-store.js';
import { CpHarness } from '../../cp/harness.js';
import { DISCONNECT_LOGOFF_MS } from '../../cp/user.js';
import { CONSOLE_PROGRAM, programDeck } from './guest-programs.js';

/** The harness clock starts at 09:30:00 GMT on Monday 17 May 1982. */
const STAMP = '09:30:00 GMT MONDAY 05/17/82';

describe('the logo screen and CP READ before logon', () => {
  it('a new terminal shows the VM/370 logo with RUNNING and rings the alarm', () => {
    const h = new CpHarness();
    const t = h.connect();
    expect(t.rows()[0]).toBe('VM/370 Online');
    expect(t.status).toBe('RUNNING');
    expect(t.session.screen.alarmCount).toBe(1);
  });

  it('the first Enter clears the screen and posts CP READ; what was typed on the logo is discarded', () => {
    const h = new CpHarness();
    const t = h.connect();
    t.enter('LOGON USER1');
    expect(t.lines()).toEqual([]);
    expect(t.status).toBe('CP READ');
    expect(t.terminal.state.kind).toBe('cp');
  });

  it('before logon only LOGON, LOGOFF and MSG work; anything else is ?CP', () => {
    const h = new CpHarness();
    const t = h.connect();
    t.enter();
    t.enter('QUERY TIME');
    expect(t.lines()).toEqual(['QUERY TIME', 'DMKCFC001E ?CP: QUERY']);
    t.enter('LOGOFF');
    expect(t.lines().at(-1)).toBe(`LOGOFF AT ${STAMP}`);
  });

  it('an empty Enter at CP READ writes a blank line and posts CP READ again', () => {
    const h = new CpHarness();
    const t = h.connect();
    t.enter();
    t.enter('* a comment');
    t.enter();
    expect(t.rows().slice(0, 2)).toEqual(['* a comment', '']);
    expect(t.status).toBe('CP READ');
  });
});

describe('LOGON', () => {
  it('asks for the password in a non-display field, echoes it as a blank line, and logs on', async () => {
    const h = new CpHarness();
    const t = h.connect();
    t.enter();
    t.enter('LOGON USER1');
    expect(t.lines()).toEqual(['LOGON USER1', 'ENTER PASSWORD:']);
    // The input field is non-display (attribute bits 4-5 = 11) while the password is asked for.
    expect(t.session.screen.fieldAttributes[1759] & 0x0c).toBe(0x0c);
    t.enter('user1');
    await h.settle();
    expect(t.lines()).toEqual(['LOGON USER1', 'ENTER PASSWORD:', '', `LOGON AT ${STAMP}`]);
    expect(t.session.screen.fieldAttributes[1759] & 0x0c).toBe(0);
    expect(t.status).toBe('CP READ');
    expect(h.cp.users.has('USER1')).toBe(true);
  });

  it('takes the password on the LOGON line, and LOGIN and L as the command', async () => {
    const h = new CpHarness();
    const a = h.connect();
    a.enter();
    a.enter('L USER1 USER1');
    const b = h.connect();
    b.enter();
    b.enter('login user2 user2');
    expect(a.shows(`LOGON AT ${STAMP}`)).toBe(true);
    expect(b.shows(`LOGON AT ${STAMP}`)).toBe(true);
  });

  it('a wrong password and an unknown userid get the same answer, with no hint which was wrong', () => {
    const h = new CpHarness();
    const t = h.connect();
    t.enter();
    t.enter('LOGON USER1 WRONG');
    t.enter('LOGON NOSUCH');
    expect(t.lines().at(-1)).toBe('ENTER PASSWORD:');
    t.enter('ANYTHING');
    expect(t.lines().filter((l) => l.startsWith('DMKLOG'))).toEqual([
      'DMKLOG050E PASSWORD INCORRECT - REENTER',
      'DMKLOG050E PASSWORD INCORRECT - REENTER',
    ]);
    expect(h.cp.users.size).toBe(0);
    expect(t.status).toBe('CP READ');
  });

  it('a NOLOG user cannot log on', () => {
    const h = new CpHarness();
    const t = h.connect();
    t.enter();
    t.enter('LOGON NOBODY NOLOG');
    expect(t.lines().at(-1)).toBe('DMKLOG050E PASSWORD INCORRECT - REENTER');
  });

  it('a user connected elsewhere is already logged on', async () => {
    const h = new CpHarness();
    await h.connect().logon('USER1', 'USER1');
    const t = h.connect();
    t.enter();
    t.enter('LOGON USER1 USER1');
    expect(t.lines().at(-1)).toBe('DMKLOG054E ALREADY LOGGED ON');
  });

  it('the operator console shows each logon with the terminal address and the user count', async () => {
    const h = new CpHarness();
    const op = h.connect();
    await op.logon('OPERATOR', 'OPERATOR');
    await h.connect().logon('USER1', 'USER1');
    expect(op.lines().at(-1)).toBe('09:30:00 GRAF 0C2 LOGON  AS USER1    USERS = 002');
    expect(h.cp.operatorLog).toContain('09:30:00 GRAF 0C1 LOGON  AS OPERATOR USERS = 001');
  });

  it('FILES: at logon counts the user’s spool files, NO for none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmcms-files-'));
    try {
      const spool = SpoolStore.open(dir);
      const file = {
        originator: 'USER2',
        origin: 'PUN',
        spoolClass: 'A',
        copies: 1,
        hold: 'NONE',
        name: 'A',
        type: 'B',
        dist: '',
        keep: false,
      } as const;
      spool.create({ ...file, owner: 'USER1', queue: 'RDR' }, []);
      spool.create({ ...file, owner: 'USER1', queue: 'RDR' }, []);
      spool.create({ ...file, owner: 'USER1', queue: 'PRT' }, []);
      const h = new CpHarness({ spool });
      const t = h.connect();
      await t.logon('USER1', 'USER1');
      expect(t.lines().slice(-2)).toEqual(['FILES: 002 RDR, 001 PRT,  NO PUN', `LOGON AT ${STAMP}`]);
      const u = h.connect();
      await u.logon('USER2', 'USER2');
      expect(u.lines().at(-2)).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('LOGMSG lines are shown at logon', async () => {
    const h = new CpHarness();
    const op = h.connect();
    await op.logon('OPERATOR', 'OPERATOR');
    op.enter('SET LOGMSG SYSTEM BACKUP AT 17:00');
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    expect(t.lines().slice(-3)).toEqual([`LOGMSG - ${STAMP}`, '* SYSTEM BACKUP AT 17:00', `LOGON AT ${STAMP}`]);
  });
});

describe('LOGOFF, DISCONN and reconnect', () => {
  it('LOGOFF shows the accounting line and LOGOFF AT, then the logo', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    h.clock.advance(62_000);
    t.enter('LOGOFF');
    const lines = t.transcript;
    expect(lines).toContain('CONNECT= 00:01:02 VIRTCPU= 000:00.00 TOTCPU= 000:00.00');
    expect(lines).toContain('LOGOFF AT 09:31:02 GMT MONDAY 05/17/82');
    expect(t.rows()[0]).toBe('VM/370 Online');
    expect(h.cp.users.has('USER1')).toBe(false);
    expect(h.accounting.map((r) => [r.userid, r.connectMs])).toEqual([['USER1', 62_000]]);
  });

  it('LOG is LOGOFF and LOGOUT its alias', async () => {
    const h = new CpHarness();
    const a = h.connect();
    await a.logon('USER1', 'USER1');
    a.enter('LOG');
    const b = h.connect();
    await b.logon('USER2', 'USER2');
    b.enter('LOGOUT');
    expect(h.cp.users.size).toBe(0);
  });

  it('DISCONN leaves the machine running; LOGON reconnects into CP READ and BEGIN resumes', async () => {
    const h = new CpHarness();
    const op = h.connect();
    await op.logon('OPERATOR', 'OPERATOR');
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    t.pa1();
    t.enter('DISCONN');
    expect(t.rows()[0]).toBe('VM/370 Online');
    expect(h.user('USER1').connected).toBe(false);
    expect(op.lines().at(-1)).toBe('09:30:00 GRAF 0C2 DISCONNECT USER1    USERS = 002');
    const again = h.connect();
    await again.logon('USER1', 'USER1');
    expect(again.lines().at(-1)).toBe(`RECONNECTED AT ${STAMP}`);
    expect(again.status).toBe('CP READ');
    again.enter('BEGIN');
    expect(again.status).toBe('VM READ');
    again.enter('back again');
    await h.settle();
    expect(again.shows('YOU SAID back again')).toBe(true);
  });

  it('a disconnected machine that reads its console is logged off after 15 minutes', async () => {
    const h = new CpHarness();
    const op = h.connect();
    await op.logon('OPERATOR', 'OPERATOR');
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    t.enter('#CP DISCONN');
    await h.settle();
    expect(h.user('USER1').vm.console.readPending).toBe(true);
    await h.advance(DISCONNECT_LOGOFF_MS - 1000);
    expect(h.cp.users.has('USER1')).toBe(true);
    await h.advance(2000);
    expect(h.cp.users.has('USER1')).toBe(false);
    expect(op.lines().at(-1)).toBe('09:45:00 USER DSC LOGOFF AS USER1    USERS = 001');
  });

  it('a dropped line disconnects the user; the machine keeps its state', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    t.session.close('client gone');
    expect(h.user('USER1').connected).toBe(false);
    expect(h.user('USER1').realAddress).toBe('DSC');
  });
});

describe('FORCE, AUTOLOG, SHUTDOWN', () => {
  it('FORCE logs a user off with LOGOFF AT ... BY SYSTEM; the operator sees FORCED', async () => {
    const h = new CpHarness();
    const op = h.connect();
    await op.logon('OPERATOR', 'OPERATOR');
    const victim = h.connect();
    await victim.logon('USER1', 'USER1');
    op.enter('FORCE USER1');
    const seen = victim.transcript;
    expect(seen).toContain(`LOGOFF AT ${STAMP} BY SYSTEM`);
    expect(h.cp.users.has('USER1')).toBe(false);
    expect(op.lines().at(-1)).toBe('09:30:00 GRAF 0C2 LOGOFF AS USER1    USERS = 001 FORCED');
    op.enter('FORCE USER1');
    expect(op.lines().at(-1)).toBe('DMKCQG045E USER1 NOT LOGGED ON');
  });

  it('FORCE and SHUTDOWN are class A: a class G user gets ?CP', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    t.enter('FORCE USER2');
    expect(t.lines().at(-1)).toBe('DMKCFC001E ?CP: FORCE');
    t.enter('SHUTDOWN');
    expect(t.lines().at(-1)).toBe('DMKCFC001E ?CP: SHUTDOWN');
    expect(h.cp.shuttingDown).toBe(false);
  });

  it('AUTOLOG logs a user on disconnected', async () => {
    const h = new CpHarness();
    const op = h.connect();
    await op.logon('OPERATOR', 'OPERATOR');
    op.enter('AUTOLOG USER2 USER2');
    expect(op.lines().slice(-2)).toEqual([
      '09:30:00 AUTO LOGON   ***   USER2    USERS = 002  BY  OPERATOR',
      'COMMAND COMPLETE',
    ]);
    expect(h.user('USER2').connected).toBe(false);
    op.enter('AUTOLOG USER2 WRONG');
    expect(op.lines().at(-1)).toBe('DMKLOG050E PASSWORD INCORRECT - REENTER');
  });

  it('SHUTDOWN warns every user, logs everyone off and closes the terminals', async () => {
    const h = new CpHarness();
    const op = h.connect();
    await op.logon('OPERATOR', 'OPERATOR');
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    op.enter('SHUTDOWN');
    const seen = t.transcript;
    await h.cp.whenShutdown;
    expect(seen.some((l) => l.includes('SYSTEM SHUTDOWN IN PROGRESS'))).toBe(true);
    expect(seen).toContain(`LOGOFF AT ${STAMP} BY SYSTEM`);
    expect(h.cp.users.size).toBe(0);
    expect(t.session.ended).toBe(true);
    expect(op.session.ended).toBe(true);
    expect(h.cp.operatorLog.at(-1)).toBe('09:30:00 DMKCKP961W SYSTEM SHUTDOWN COMPLETE');
  });
});
