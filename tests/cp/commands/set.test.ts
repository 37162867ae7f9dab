import { describe, expect, it } from 'vitest';
import { session } from './helpers.js';

describe('SET and TERMINAL', () => {
  it('SET MSG OFF makes the user not receiving; the sender is told', async () => {
    const { h, run } = await session();
    const other = h.connect();
    await other.logon('USER2', 'USER2');
    other.enter('SET MSG OFF');
    expect(run('MSG USER2 HI')).toEqual(['DMKMSG057W USER2 NOT RECEIVING; MSG OFF']);
    other.enter('SET MSG ON');
    expect(run('M USER2 HI')).toEqual([]);
    expect(other.lines().at(-1)).toBe('09:30:00 MSG FROM USER1   : HI');
  });

  it('SET EMSG TEXT, CODE, OFF change how errors look', async () => {
    const { run } = await session();
    run('SET EMSG TEXT');
    expect(run('BLAH')).toEqual(['?CP: BLAH']);
    run('SET EMSG CODE');
    expect(run('BLAH')).toEqual(['DMKCFC001E']);
    run('SET EMSG OFF');
    expect(run('BLAH')).toEqual([]);
    run('SET EMSG ON');
    expect(run('SET EMSG SOMETIMES')).toEqual(['DMKCFC002E INVALID OPERAND - SOMETIMES']);
  });

  it('SET PFnn defines a CP PF key; an immediate key runs its command', async () => {
    const { t, run } = await session();
    run('SET PF3 IMMED QUERY STORAGE');
    t.pf(3);
    expect(t.lines().at(-1)).toBe('STORAGE = 01024K');
    expect(run('SET PF99 X')).toEqual(['DMKCFC002E INVALID OPERAND - PF99']);
  });

  it('SET LOGMSG is class B only', async () => {
    const { run } = await session();
    expect(run('SET LOGMSG HELLO')).toEqual(['DMKCFC001E ?CP: SET']);
  });

  it('SET with bad operands', async () => {
    const { run } = await session();
    expect(run('SET')).toEqual(['DMKCFC026E OPERAND MISSING OR INVALID']);
    expect(run('SET RUN MAYBE')).toEqual(['DMKCFC002E INVALID OPERAND - MAYBE']);
    expect(run('SET COLOUR ON')).toEqual(['DMKCFC002E INVALID OPERAND - COLOUR']);
  });

  it('TERMINAL options and their errors', async () => {
    const { h, run } = await session();
    expect(run('TERMINAL LINEND OFF MODE CP')).toEqual([]);
    const settings = h.user('USER1').terminalSettings;
    expect([settings.linend, settings.mode]).toEqual([null, 'CP']);
    expect(run('TERM LINESIZE 999')).toEqual(['DMKCFC002E INVALID OPERAND - 999']);
    expect(run('TERM BLINK ON')).toEqual(['DMKCFC002E INVALID OPERAND - BLINK']);
    expect(run('TERM LINEND')).toEqual(['DMKCFC026E OPERAND MISSING OR INVALID']);
  });
});

describe('more SET, SLEEP', () => {
  it('SET PFnn DELAYED puts the text in the input area; Enter then runs it', async () => {
    const { t, run } = await session();
    run('SET PF5 DELAYED QUERY STORAGE');
    t.pf(5);
    expect(t.rows()[22]).toBe('QUERY STORAGE');
    t.press('ENTER');
    expect(t.lines().slice(-2)).toEqual(['QUERY STORAGE', 'STORAGE = 01024K']);
  });

  it('SET IMSG OFF suppresses informational responses, not errors', async () => {
    const { run } = await session();
    run('SET IMSG OFF');
    expect(run('STORE 1000 1')).toEqual([]);
    expect(run('STORE 1001 1')).toEqual(['DMKCFC004E INVALID HEXLOC - 1001']);
  });

  it('SET LINEND changes the line-end character like TERMINAL LINEND', async () => {
    const { h, run } = await session();
    run('SET LINEND !');
    expect(h.user('USER1').terminalSettings.linend).toBe('!');
    expect(run('SET LINEND TOO')).toEqual(['DMKCFC002E INVALID OPERAND - TOO']);
  });

  it('SLEEP 10 SEC keeps the console dormant for ten seconds of virtual time; Enter wakes it early', async () => {
    const { h, t, run } = await session();
    run('SLEEP 10 SEC');
    expect(t.status).toBe('RUNNING');
    h.clock.advance(9_999);
    expect(t.status).toBe('RUNNING');
    h.clock.advance(1);
    expect(t.status).toBe('CP READ');
    run('SLEEP');
    h.clock.advance(3_600_000);
    expect(t.status).toBe('RUNNING');
    t.enter();
    expect(t.status).toBe('CP READ');
    expect(run('SLEEP 5 WEEKS')).toEqual(['DMKCFC002E INVALID OPERAND - 5 WEEKS']);
  });
});
