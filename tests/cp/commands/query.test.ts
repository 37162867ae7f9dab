import { describe, expect, it } from 'vitest';
import { session } from './helpers.js';

describe('QUERY', () => {
  it('Q TIME: the time stamp and the accounting line', async () => {
    const { h, run } = await session();
    h.clock.advance(3_723_000);
    expect(run('QUERY TIME')).toEqual([
      'TIME IS 10:32:03 GMT MONDAY 05/17/82',
      'CONNECT= 01:02:03 VIRTCPU= 000:00.00 TOTCPU= 000:00.00',
    ]);
    expect(run('Q T')).toHaveLength(2);
  });

  it('Q NAMES lists users four to a line with their terminal or DSC', async () => {
    const { h, run } = await session();
    for (const u of ['USER2', 'MAINT']) await h.connect().logon(u, u === 'MAINT' ? 'CPCMS' : u);
    h.cp.autolog(h.cp.directory.entries.get('OPERATOR')!, 'SYSTEM');
    h.cp.autolog(h.cp.directory.entries.get('CMSUSER')!, 'SYSTEM');
    expect(run('Q N')).toEqual(['CMSUSER  - DSC , MAINT    - 0C3 , OPERATOR - DSC , USER1    - 0C1', 'USER2    - 0C2']);
  });

  it('Q USERS counts users; Q USERS userid and Q userid show one', async () => {
    const { h, run } = await session();
    h.cp.autolog(h.cp.directory.entries.get('USER2')!, 'SYSTEM');
    expect(run('QUERY USERS')).toEqual(['002 USERS, 001 DSC']);
    expect(run('Q USERS USER2')).toEqual(['USER2    - DSC']);
    expect(run('Q USER1')).toEqual(['USER1    - 0C1']);
    expect(run('Q MAINT')).toEqual(['DMKCQG045E MAINT NOT LOGGED ON']);
  });

  it('Q STORAGE, Q CPLEVEL, Q TERMINAL, Q SET', async () => {
    const { run } = await session();
    expect(run('Q STOR')).toEqual(['STORAGE = 01024K']);
    expect(run('Q CPLEVEL')).toEqual(['VM/370 RELEASE 6, VMCMS SERVICE LEVEL 0100']);
    expect(run('Q TERM')).toEqual([
      'LINEND # , LINEDEL ¢ , CHARDEL @ , ESCAPE " , TABCHAR ON',
      'LINESIZE 080, ATTN OFF, APL OFF, TEXT OFF, MODE VM, HILIGHT OFF',
      'MORE 050 010',
    ]);
    expect(run('Q SET')).toEqual([
      'MSG ON , WNG ON , EMSG ON  , ACNT ON , RUN OFF',
      'IMSG ON , SMSG OFF, LINEDIT ON , ASSIST ON ',
    ]);
  });

  it('Q LOGMSG shows the log message or says there is none', async () => {
    const { h, run } = await session();
    expect(run('Q LOGMSG')).toEqual(['NO LOGMSG']);
    h.cp.logmsg = ['HELLO'];
    h.cp.logmsgSetAt = h.clock.now();
    expect(run('Q LOG')).toEqual(['LOGMSG - 09:30:00 GMT MONDAY 05/17/82', '* HELLO']);
  });

  it('QUERY with no operand or a bad one', async () => {
    const { run } = await session();
    expect(run('QUERY')).toEqual(['DMKCFC026E OPERAND MISSING OR INVALID']);
    expect(run('QUERY ???')).toEqual(['DMKCFC002E INVALID OPERAND - ???']);
  });
});
