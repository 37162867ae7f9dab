// The system monitor's data (cp/monitor.ts): what CpMonitor reports of each
// virtual machine and of the dispatcher, from a real CP in process.

import { describe, expect, it } from 'vitest';
import { CpHarness } from '../../cp/harness.js';
import { CpMonitor } from '../../cp/monitor.js';
import { readDeck } from '../../cp/spool/socket-reader.js';
import { LOOP_PROGRAM, programDeck, SSM_PROGRAM } from './guest-programs.js';

describe('CpMonitor', () => {
  it('shows a looping machine RUNNING in Q2 on the dispatch list, with its instructions and processor share', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    const other = h.connect();
    await other.logon('USER2', 'USER2');
    other.enter('DISCONN');
    const monitor = new CpMonitor(h.cp);
    monitor.snapshot();
    h.user('USER1').vm.loadReader(programDeck(LOOP_PROGRAM));
    t.enter('IPL 00C');
    await h.settle(100);
    const s = monitor.snapshot();
    const user1 = s.machines.find((m) => m.userid === 'USER1')!;
    expect(user1.state).toBe('RUNNING');
    expect(user1.terminal).toBe(h.user('USER1').realAddress);
    expect(user1.queue).toBe(2);
    expect(user1.dispatchable).toBe(true);
    expect(user1.instructions).toBe(h.user('USER1').vm.cpu.instructions);
    expect(user1.instructions).toBeGreaterThan(100_000);
    expect(user1.mips).toBeGreaterThan(0);
    expect(user1.cpuShare).toBeGreaterThan(0);
    expect(user1.cpuShare).toBeLessThanOrEqual(1);
    expect(user1.cardsRead).toBe(3);
    const user2 = s.machines.find((m) => m.userid === 'USER2')!;
    expect(user2).toMatchObject({ terminal: 'DSC', state: 'NOT IPLED', dispatchable: false, instructions: 0 });
    expect(s.dispatchList).toEqual(['USER1(Q2)']);
    expect(s.q2).toBe(1);
    expect(s.machines.map((m) => m.userid)).toEqual(['USER1', 'USER2']);
    t.pa1();
    expect(monitor.snapshot().machines.find((m) => m.userid === 'USER1')!.state).toBe('CP READ');
  });

  it('counts the traps by kind under SET ASSIST OFF, the spool files each user owns, and a disabled wait as CP READ', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    t.enter('SET ASSIST OFF');
    h.user('USER1').vm.loadReader(programDeck(SSM_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    // Two decks through the system reader: two files in USER1's reader.
    for (const card of ['ONE', 'TWO']) {
      expect(readDeck(h.cp.spooler, h.cp.directory, new TextEncoder().encode(`ID USER1\n${card}\n`)).ok).toBe(true);
    }
    const m = new CpMonitor(h.cp).snapshot().machines[0];
    expect(m.assist).toBe(false);
    expect(m.simulated).toEqual([
      ['SSM', 1000],
      ['LPSW', 1],
    ]);
    expect(m.state).toBe('CP READ');
    expect(m.spool).toEqual({ rdr: 2, prt: 0, pun: 0 });
  });
});
