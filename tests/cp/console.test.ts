// The line-mode console on a 3270 (cp.md section 8): the output area fills,
// MORE... with the TERMINAL MORE timings in virtual time, HOLDING, PA2 and
// Clear, PA1 into CP READ, #CP and the line-end character, NOT ACCEPTED,
// the alarm for messages, and input longer than one row.

import { describe, expect, it } from 'vitest';
import { CpHarness, type TerminalDriver } from '../../cp/harness.js';
import { CONSOLE_PROGRAM, LOOP_PROGRAM, programDeck } from './guest-programs.js';

async function loggedOn(h: CpHarness, userid = 'USER1'): Promise<TerminalDriver> {
  const t = h.connect();
  await t.logon(userid, userid);
  return t;
}

/** Fill the output area: 4 lines are there after logon, each Q TIME adds 3. */
function fill(t: TerminalDriver, commands: number): void {
  for (let i = 0; i < commands; i++) t.enter('QUERY TIME');
}

describe('MORE... and HOLDING', () => {
  it('a full output area with more to come shows MORE...; CP clears it after 50 s, then 10 s for the next screen', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    fill(t, 6); // 4 + 18 = 22 rows exactly
    expect(t.status).toBe('CP READ');
    expect(t.lines()).toHaveLength(22);
    fill(t, 8); // 24 more lines: one screen's worth and two lines over
    expect(t.status).toBe('MORE...');
    expect(t.terminal.console.pendingLines).toBe(24);
    h.clock.advance(49_000);
    expect(t.status).toBe('MORE...');
    h.clock.advance(1_000);
    // The screen was cleared and refilled: 22 lines shown, 2 waiting, MORE... again.
    expect(t.lines()[0]).toBe('QUERY TIME');
    expect(t.status).toBe('MORE...');
    h.clock.advance(9_999);
    expect(t.status).toBe('MORE...');
    h.clock.advance(1);
    expect(t.status).toBe('CP READ');
    expect(t.lines()).toHaveLength(2);
  });

  it('Enter with no data holds the screen (HOLDING) until Clear', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    fill(t, 7);
    expect(t.status).toBe('MORE...');
    const pending = t.terminal.console.pendingLines;
    t.enter();
    expect(t.status).toBe('HOLDING');
    h.clock.advance(600_000);
    expect(t.status).toBe('HOLDING');
    t.clear();
    expect(t.status).toBe('CP READ');
    expect(t.lines()).toHaveLength(pending);
    expect(t.lines().at(-1)).toMatch(/^CONNECT= /);
  });

  it('PA2 clears the output area at once and the pending lines follow', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    fill(t, 7);
    const pending = t.terminal.console.pendingLines;
    t.pa2();
    expect(t.lines()).toHaveLength(pending);
    expect(t.status).toBe('CP READ');
  });

  it('TERMINAL MORE sets the timings', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    t.enter('TERMINAL MORE 5 2');
    fill(t, 7);
    expect(t.status).toBe('MORE...');
    h.clock.advance(5_000);
    expect(t.status).toBe('CP READ');
    t.enter('QUERY TERMINAL');
    expect(t.shows('MORE 005 002')).toBe(true);
  });
});

describe('keys and lines', () => {
  it('PA1 stops a running machine into CP READ; BEGIN resumes it', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    h.user('USER1').vm.loadReader(programDeck(LOOP_PROGRAM));
    t.enter('IPL 00C');
    expect(t.status).toBe('RUNNING');
    await h.settle(5);
    t.pa1();
    expect(t.status).toBe('CP READ');
    const user = h.user('USER1');
    expect(user.stopped).toBe(true);
    const count = user.vm.cpu.gpr[1];
    await h.settle(5);
    expect(user.vm.cpu.gpr[1]).toBe(count);
    t.enter('BEGIN');
    expect(t.status).toBe('RUNNING');
    await h.settle(5);
    expect(user.vm.cpu.gpr[1]).not.toBe(count);
  });

  it('with SET RUN ON, PA1 gives CP READ but the machine keeps running', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    t.enter('SET RUN ON');
    h.user('USER1').vm.loadReader(programDeck(LOOP_PROGRAM));
    t.enter('IPL 00C');
    t.pa1();
    expect(t.status).toBe('CP READ');
    const user = h.user('USER1');
    const count = user.vm.cpu.gpr[1];
    await h.settle(5);
    expect(user.vm.cpu.gpr[1]).not.toBe(count);
  });

  it('at VM READ a line goes to the machine, #CP sends one command to CP, and the line end splits lines', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    expect(t.status).toBe('VM READ');
    t.enter('#CP QUERY USERS');
    expect(t.lines().at(-1)).toBe('001 USERS, 000 DSC');
    expect(t.status).toBe('VM READ');
    t.enter('first#second');
    await h.settle();
    expect(t.shows('YOU SAID first')).toBe(true);
    // The machine ended after one line; the second waited as type-ahead.
    expect(h.user('USER1').typeahead).toBe('second');
  });

  it('TERMINAL LINEND changes the #CP escape', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    t.enter('TERMINAL LINEND %');
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    t.enter('%CP QUERY STORAGE');
    expect(t.lines().at(-1)).toBe('STORAGE = 01024K');
  });

  it('a second line typed ahead while the machine runs is NOT ACCEPTED', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    h.user('USER1').vm.loadReader(programDeck(LOOP_PROGRAM));
    t.enter('IPL 00C');
    t.enter('one');
    expect(t.status).toBe('RUNNING');
    t.enter('two');
    expect(t.status).toBe('NOT ACCEPTED');
  });

  it('a message rings the alarm', async () => {
    const h = new CpHarness();
    const a = await loggedOn(h, 'USER1');
    const b = await loggedOn(h, 'USER2');
    const before = b.session.screen.alarmCount;
    a.enter('MSG USER2 HELLO');
    expect(b.lines().at(-1)).toBe('09:30:00 MSG FROM USER1   : HELLO');
    expect(b.session.screen.alarmCount).toBe(before + 1);
  });

  it('input longer than one row (up to 139 characters) reaches CP whole', async () => {
    const h = new CpHarness();
    const a = await loggedOn(h, 'USER1');
    const b = await loggedOn(h, 'USER2');
    const text = 'X'.repeat(100);
    a.enter(`MSG USER2 ${text}`);
    expect(b.transcript.at(-1)).toBe(`09:30:00 MSG FROM USER1   : ${text}`);
    // The long line takes two rows of the output area.
    expect(b.lines().slice(-2).join('')).toBe(`09:30:00 MSG FROM USER1   : ${text}`);
  });

  it('Clear redraws the whole screen: output area empty, input field and status back', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    t.clear();
    expect(t.lines()).toEqual([]);
    expect(t.status).toBe('CP READ');
    t.enter('QUERY STORAGE');
    expect(t.lines()).toEqual(['QUERY STORAGE', 'STORAGE = 01024K']);
  });
});

describe('type-ahead and attention (docs/diagnose.md "Console attention and type-ahead")', () => {
  it('a line typed while the machine runs is kept, and the console presents attention', async () => {
    const h = new CpHarness();
    const t = await loggedOn(h);
    h.user('USER1').vm.loadReader(programDeck(LOOP_PROGRAM));
    t.enter('IPL 00C');
    await h.settle(5);
    expect(t.status).toBe('RUNNING');
    const vm = h.user('USER1').vm;
    expect(vm.channel.snapshot().pending).toEqual([]);
    t.enter('HX');
    expect(h.user('USER1').typeahead).toBe('HX');
    // The loop runs disabled, so the attention stays pending on 009 for it to take.
    expect(vm.channel.snapshot().pending.map((p) => p.device)).toEqual([0x009]);
    const interruption = vm.channel.acceptInterrupt(() => true)!;
    expect(interruption.csw1 >>> 24).toBe(0x80);
  });
});
