import { describe, expect, it } from 'vitest';
import { session } from './helpers.js';

describe('MSG, WARNING, SMSG', () => {
  it('MSG to a user who is not logged on, to oneself, and to the operator', async () => {
    const { h, t, run } = await session();
    expect(run('MSG USER2 HELLO')).toEqual(['DMKCQG045E USER2 NOT LOGGED ON']);
    expect(run('MSG * NOTE TO SELF')).toEqual(['09:30:00 MSG FROM USER1   : NOTE TO SELF']);
    const op = h.connect();
    await op.logon('OPERATOR', 'OPERATOR');
    run('MSG OP PLEASE MOUNT TAPE');
    expect(op.lines().at(-1)).toBe('09:30:00 MSG FROM USER1   : PLEASE MOUNT TAPE');
    expect(t.status).toBe('CP READ');
  });

  it('MSG before logon comes from LOGNxxx', async () => {
    const { h } = await session();
    const t = h.connect();
    t.enter();
    t.enter('MSG USER1 LET ME IN');
    expect(h.user('USER1').terminal!.console.outputLines.at(-1)).toBe('09:30:00 MSG FROM LOGN0C2 : LET ME IN');
  });

  it('a disconnected user is not receiving', async () => {
    const { h, run } = await session();
    h.cp.autolog(h.cp.directory.entries.get('USER2')!, 'SYSTEM');
    expect(run('MSG USER2 HELLO')).toEqual(['DMKMSG057W USER2 NOT RECEIVING; DISCONNECTED']);
  });

  it('WARNING is class A/B and reaches everybody with ALL; SET WNG OFF refuses it', async () => {
    const { h, run } = await session();
    expect(run('WNG ALL HELLO')).toEqual(['DMKCFC001E ?CP: WNG']);
    const op = h.connect();
    await op.logon('OPERATOR', 'OPERATOR');
    op.enter('WARNING ALL SYSTEM GOING DOWN AT 17:00');
    expect(h.user('USER1').terminal!.console.outputLines.at(-1)).toBe(
      '09:30:00 WNG FROM OPERATOR: SYSTEM GOING DOWN AT 17:00',
    );
    run('SET WNG OFF');
    op.enter('W USER1 AGAIN');
    expect(op.lines().at(-1)).toBe('DMKMSG057W USER1 NOT RECEIVING; WNG OFF');
  });

  it('SMSG needs SET SMSG ON at the receiver', async () => {
    const { h, run } = await session();
    const other = h.connect();
    await other.logon('USER2', 'USER2');
    expect(run('SMSG USER2 PING')).toEqual(['DMKMSG057W USER2 NOT RECEIVING; SMSG OFF']);
    other.enter('SET SMSG ON');
    run('SM USER2 PING');
    expect(other.lines().at(-1)).toBe('09:30:00 SMSG FROM USER1   : PING');
  });
});
