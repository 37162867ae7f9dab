// The dispatcher favours interactive users (Q1) over CPU-bound ones (Q2),
// and waiting machines cost nothing.

import { describe, expect, it } from 'vitest';
import { CpHarness, type TerminalDriver } from '../../cp/harness.js';
import { Q1_ALLOWANCE_MS } from '../../cp/dispatcher.js';
import { CONSOLE_PROGRAM, LOOP_PROGRAM, programDeck } from './guest-programs.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the dispatcher', () => {
  it('a user who just typed a line is dispatched before machines that loop (Q1 before Q2)', async () => {
    const h = new CpHarness();
    const loopers = ['USER2', 'MAINT', 'OPERATOR'];
    const terminals: TerminalDriver[] = [];
    for (const userid of loopers) {
      const looper = h.connect();
      await looper.logon(userid, userid === 'MAINT' ? 'CPCMS' : userid);
      terminals.push(looper);
    }
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    loopers.forEach((userid, i) => {
      h.user(userid).vm.loadReader(programDeck(LOOP_PROGRAM));
      terminals[i].enter('IPL 00C');
    });
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C');
    // Let the loopers use up their Q1 allowance.
    for (let i = 0; i < 200 && loopers.some((u) => h.user(u).queue === 1); i++) await turn();
    expect(loopers.map((u) => h.user(u).queue)).toEqual([2, 2, 2]);
    for (let i = 0; i < 50 && t.status !== 'VM READ'; i++) await turn();
    expect(t.status).toBe('VM READ');
    t.enter('quick');
    expect(h.user('USER1').queue).toBe(1);
    await turn();
    await turn();
    expect(t.shows('YOU SAID quick')).toBe(true);
    expect(Q1_ALLOWANCE_MS).toBeGreaterThan(0);
  });

  it('machines waiting for the console are not dispatched at all', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    const slices = h.cp.dispatcher.slices;
    for (let i = 0; i < 20; i++) await turn();
    expect(h.cp.dispatcher.slices).toBe(slices);
    expect(h.cp.dispatcher.queueCounts()).toEqual({ q1: 0, q2: 0 });
  });
});
