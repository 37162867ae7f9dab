// MAKEBUF, DROPBUF, DESBUF and SENTRIES typed at the terminal; a program
// check in one user's machine leaves another user alone.

import { describe, expect, it } from 'vitest';
import { StandInSystem } from '../guest-host.js';
import { logon, putFile, READY, readyRc, systemDiskCopy } from '../helpers.js';

describe('program stack commands', () => {
  it('MAKEBUF gives the new buffer number as rc; DROPBUF drops it; SENTRIES counts', () => {
    const u = logon();
    expect(readyRc(u.enter('MAKEBUF'))).toBe(1);
    expect(readyRc(u.enter('MAKEBUF'))).toBe(2);
    expect(readyRc(u.enter('DROPBUF 1'))).toBe(0);
    expect(readyRc(u.enter('MAKEBUF'))).toBe(1);
    expect(readyRc(u.enter('SENTRIES'))).toBe(0);
    expect(readyRc(u.enter('DROPBUF 7'))).toBe(1);
    expect(u.enter('DROPBUF X')[0]).toBe("DMSDBF070E Invalid parameter 'X'.");
    expect(readyRc(u.enter('DESBUF'))).toBe(0);
  });
});

describe('isolation', () => {
  it('an abend in one virtual machine does not touch another', () => {
    const system = new StandInSystem();
    const s = systemDiskCopy();
    const one = logon({ userid: 'ONE', system, s });
    const two = logon({ userid: 'TWO', system, s });
    putFile(two.a, 'MINE', 'DATA', ['two’s data'.replace('’', "'")]);
    two.enter('ACCESS 191 A');
    putFile(one.a, 'BOOM', 'ASSEMBLE', ['BOOM     CSECT', "         DC    H'0'", '         END   BOOM']);
    one.enter('ACCESS 191 A');
    one.enter('ASSEMBLE BOOM');
    expect(readyRc(one.enter('LOAD BOOM (START'))).toBe(0xc1);
    expect(two.enter('TYPE MINE DATA')).toEqual(["two's data", expect.stringMatching(READY)]);
  });
});

describe('unit record errors', () => {
  it('PRINT and PUNCH of missing files and with bad options', () => {
    const u = logon();
    expect(u.enter('PRINT NO FILE')).toEqual([
      "DMSPRT002E File 'NO FILE A' not found.",
      expect.stringMatching(/^Ready\(00028\);/),
    ]);
    expect(u.enter('PUNCH NO FILE A (BOGUS')[0]).toBe("DMSPUN003E Invalid option 'BOGUS'.");
    expect(readyRc(u.enter('PUNCH NO'))).toBe(24);
  });
});
