// Branching (PoO "General Instructions": BRANCH AND LINK ... BRANCH RELATIVE
// ON INDEX LOW OR EQUAL), handler by handler. The handler finds the next
// instruction's address in psw.address and assigns the target to branch.

import { describe, expect, it } from 'vitest';
import * as branch from '../../../s390/instructions/general-branch.js';
import { directCpu, exec } from './general-direct.js';

describe('BRANCH AND LINK', () => {
  it('BALR in 24-bit mode: link holds ILC 1, cc, program mask and the 24-bit next address', () => {
    const m = directCpu('370', 0x012346);
    m.cpu.psw.cc = 2;
    m.cpu.psw.programMask = 0xa;
    m.cpu.gpr[15] = 0xff005000;
    exec(m, branch.branchAndLinkRegister, { r1: 14, r2: 15, length: 2 });
    // ILC 01, cc 10, mask 1010 -> X'6A'
    expect(m.cpu.gpr[14]).toBe(0x6a012346);
    expect(m.cpu.psw.address).toBe(0x005000);
  });

  it('BAL in 24-bit mode: link holds ILC 2', () => {
    const m = directCpu('370', 0x001004);
    m.cpu.psw.cc = 1;
    exec(m, branch.branchAndLink, { r1: 14, addr2: 0x3000, length: 4 });
    // ILC 10, cc 01 -> X'90'
    expect(m.cpu.gpr[14]).toBe(0x90001004);
    expect(m.cpu.psw.address).toBe(0x3000);
  });

  it('BALR in 31-bit mode: link is the amode bit and the 31-bit address', () => {
    const m = directCpu('390', 0x01234566);
    m.cpu.setAmode31(true);
    m.cpu.psw.cc = 3;
    m.cpu.gpr[15] = 0x80100000;
    exec(m, branch.branchAndLinkRegister, { r1: 14, r2: 15, length: 2 });
    expect(m.cpu.gpr[14]).toBe(0x81234566);
    expect(m.cpu.psw.address).toBe(0x00100000);
  });

  it('BALR with R2 = 0 links but does not branch', () => {
    const m = directCpu('370', 0x1002);
    exec(m, branch.branchAndLinkRegister, { r1: 3, r2: 0, length: 2 });
    expect(m.cpu.gpr[3]).toBe(0x40001002);
    expect(m.cpu.psw.address).toBe(0x1002);
  });

  it('BALR with R1 = R2 branches to the old contents of the register', () => {
    const m = directCpu('370', 0x1002);
    m.cpu.gpr[5] = 0x4000;
    exec(m, branch.branchAndLinkRegister, { r1: 5, r2: 5, length: 2 });
    expect(m.cpu.psw.address).toBe(0x4000);
    expect(m.cpu.gpr[5]).toBe(0x40001002);
  });
});

describe('BRANCH AND SAVE', () => {
  it.each([
    ['24-bit: the leftmost byte is zero', false, 0x00abcdef],
    ['31-bit: bit 0 is the amode bit', true, 0x80abcdef],
  ])('BASR %s', (_n, amode31, link) => {
    const m = directCpu('390', 0xabcdef);
    m.cpu.setAmode31(amode31);
    m.cpu.psw.cc = 3;
    m.cpu.psw.programMask = 0xf;
    m.cpu.gpr[15] = 0x2000;
    exec(m, branch.branchAndSaveRegister, { r1: 14, r2: 15, length: 2 });
    expect(m.cpu.gpr[14]).toBe(link);
    expect(m.cpu.psw.address).toBe(0x2000);
  });

  it('BASR R14,0 saves without branching; BAS branches to the operand address', () => {
    const m = directCpu('370', 0x1002);
    exec(m, branch.branchAndSaveRegister, { r1: 14, r2: 0, length: 2 });
    expect(m.cpu.gpr[14]).toBe(0x1002);
    expect(m.cpu.psw.address).toBe(0x1002);
    exec(m, branch.branchAndSave, { r1: 14, addr2: 0x5000, length: 4 });
    expect(m.cpu.gpr[14]).toBe(0x1002);
    expect(m.cpu.psw.address).toBe(0x5000);
  });
});

describe('BRANCH AND SET MODE, BRANCH AND SAVE AND SET MODE', () => {
  it('BASSM from 24-bit mode into 31-bit mode: link is the 24-bit return, the mode follows bit 0 of R2', () => {
    const m = directCpu('390', 0x001002);
    m.cpu.gpr[15] = 0x81000000;
    exec(m, branch.branchAndSaveAndSetMode, { r1: 14, r2: 15, length: 2 });
    expect(m.cpu.gpr[14]).toBe(0x00001002);
    expect(m.cpu.psw.amode31).toBe(true);
    expect(m.cpu.amodeMask).toBe(0x7fffffff);
    expect(m.cpu.psw.address).toBe(0x01000000);
  });

  it('BSM 0,R14 returns from 31-bit mode to the 24-bit caller, dropping bits 1-7 of the address', () => {
    const m = directCpu('390', 0x01000002);
    m.cpu.setAmode31(true);
    m.cpu.gpr[14] = 0x7f001002;
    exec(m, branch.branchAndSetMode, { r1: 0, r2: 14, length: 2 });
    expect(m.cpu.psw.amode31).toBe(false);
    expect(m.cpu.psw.address).toBe(0x001002);
    expect(m.cpu.gpr[14]).toBe(0x7f001002);
  });

  it('BSM R1,0 only records the current mode in bit 0 of R1', () => {
    const m = directCpu('390', 0x2002);
    m.cpu.setAmode31(true);
    m.cpu.gpr[3] = 0x00000123;
    exec(m, branch.branchAndSetMode, { r1: 3, r2: 0, length: 2 });
    expect(m.cpu.gpr[3]).toBe(0x80000123);
    expect(m.cpu.psw.address).toBe(0x2002);
    m.cpu.setAmode31(false);
    exec(m, branch.branchAndSetMode, { r1: 3, r2: 0, length: 2 });
    expect(m.cpu.gpr[3]).toBe(0x00000123);
  });

  it('BASSM in 31-bit mode saves the amode bit and can switch down to 24-bit', () => {
    const m = directCpu('390', 0x00123456);
    m.cpu.setAmode31(true);
    m.cpu.gpr[15] = 0x12345678;
    exec(m, branch.branchAndSaveAndSetMode, { r1: 14, r2: 15, length: 2 });
    expect(m.cpu.gpr[14]).toBe(0x80123456);
    expect(m.cpu.psw.amode31).toBe(false);
    expect(m.cpu.psw.address).toBe(0x345678);
  });
});

describe('BRANCH ON CONDITION', () => {
  const cases: [number, number, boolean][] = [];
  for (let cc = 0; cc < 4; cc++)
    for (let mask = 0; mask < 16; mask++) cases.push([cc, mask, ((mask >> (3 - cc)) & 1) === 1]);
  it.each(cases)('BC: cc %i, mask %i branches: %s', (cc, mask, taken) => {
    const m = directCpu('370', 0x1004);
    m.cpu.psw.cc = cc;
    exec(m, branch.branchOnCondition, { r1: mask, addr2: 0x2468 });
    expect(m.cpu.psw.address).toBe(taken ? 0x2468 : 0x1004);
  });

  it('BCR 15,0 never branches; BCR 15,R branches to the register (24-bit wrapped)', () => {
    const m = directCpu('370', 0x1002);
    exec(m, branch.branchOnConditionRegister, { r1: 15, r2: 0, length: 2 });
    expect(m.cpu.psw.address).toBe(0x1002);
    m.cpu.gpr[14] = 0xff003000;
    exec(m, branch.branchOnConditionRegister, { r1: 15, r2: 14, length: 2 });
    expect(m.cpu.psw.address).toBe(0x003000);
  });
});

describe('BRANCH ON COUNT', () => {
  it.each([
    ['2 counts down to 1 and branches', 2, 1, true],
    ['1 counts down to 0 and falls through', 1, 0, false],
    ["0 counts down to X'FFFFFFFF' and branches", 0, 0xffffffff, true],
  ])('BCT: %s', (_n, before, after, taken) => {
    const m = directCpu('370', 0x1004);
    m.cpu.gpr[6] = before;
    exec(m, branch.branchOnCount, { r1: 6, addr2: 0x1800 });
    expect(m.cpu.gpr[6]).toBe(after);
    expect(m.cpu.psw.address).toBe(taken ? 0x1800 : 0x1004);
  });

  it('BCTR with R2 = 0 decrements without branching', () => {
    const m = directCpu('370', 0x1002);
    m.cpu.gpr[4] = 5;
    exec(m, branch.branchOnCountRegister, { r1: 4, r2: 0, length: 2 });
    expect(m.cpu.gpr[4]).toBe(4);
    expect(m.cpu.psw.address).toBe(0x1002);
  });

  it('BCTR with R1 = R2 branches to the address before the decrement', () => {
    const m = directCpu('370', 0x1002);
    m.cpu.gpr[4] = 0x3000;
    exec(m, branch.branchOnCountRegister, { r1: 4, r2: 4, length: 2 });
    expect(m.cpu.gpr[4]).toBe(0x2fff);
    expect(m.cpu.psw.address).toBe(0x3000);
  });
});

describe('BRANCH ON INDEX', () => {
  it('BXLE: the usual loop, even R3 = increment, R3+1 = limit; branches up to and including the limit', () => {
    const m = directCpu('370', 0x1004);
    m.cpu.gpr[1] = 0;
    m.cpu.gpr[4] = 4;
    m.cpu.gpr[5] = 8;
    const seen: [number, boolean][] = [];
    for (let i = 0; i < 3; i++) {
      m.cpu.psw.address = 0x1004;
      exec(m, branch.branchOnIndexLowOrEqual, { r1: 1, r3: 4, addr2: 0x1000 });
      seen.push([m.cpu.gpr[1], m.cpu.psw.address === 0x1000]);
    }
    expect(seen).toEqual([
      [4, true],
      [8, true],
      [12, false],
    ]);
  });

  it('BXH: negative increment counts down, branching while the index stays above the limit', () => {
    const m = directCpu('370', 0x1004);
    m.cpu.gpr[2] = 2;
    m.cpu.gpr[6] = -1;
    m.cpu.gpr[7] = 0;
    exec(m, branch.branchOnIndexHigh, { r1: 2, r3: 6, addr2: 0x1000 });
    expect([m.cpu.gpr[2], m.cpu.psw.address]).toEqual([1, 0x1000]);
    m.cpu.psw.address = 0x1004;
    exec(m, branch.branchOnIndexHigh, { r1: 2, r3: 6, addr2: 0x1000 });
    expect([m.cpu.gpr[2], m.cpu.psw.address]).toEqual([0, 0x1004]);
  });

  it('BXLE with R1 = R3 odd: the register is increment and comparand (its value before the add)', () => {
    const m = directCpu('370', 0x1004);
    m.cpu.gpr[3] = -2;
    exec(m, branch.branchOnIndexLowOrEqual, { r1: 3, r3: 3, addr2: 0x1000 });
    // -2 + -2 = -4 <= -2: branch
    expect(m.cpu.gpr[3]).toBe(-4 >>> 0);
    expect(m.cpu.psw.address).toBe(0x1000);
    m.cpu.psw.address = 0x1004;
    m.cpu.gpr[3] = 5;
    exec(m, branch.branchOnIndexLowOrEqual, { r1: 3, r3: 3, addr2: 0x1000 });
    expect(m.cpu.gpr[3]).toBe(10);
    expect(m.cpu.psw.address).toBe(0x1004);
  });

  it('BXH with R1 = R3+1: the comparand is read before R1 is replaced', () => {
    const m = directCpu('370', 0x1004);
    m.cpu.gpr[4] = 1;
    m.cpu.gpr[5] = 10;
    exec(m, branch.branchOnIndexHigh, { r1: 5, r3: 4, addr2: 0x1000 });
    // 10 + 1 = 11 > 10 (the old R5): branch
    expect(m.cpu.gpr[5]).toBe(11);
    expect(m.cpu.psw.address).toBe(0x1000);
  });

  it('BXH: the sum wraps without overflow and compares signed', () => {
    const m = directCpu('370', 0x1004);
    m.cpu.gpr[2] = 0x7fffffff;
    m.cpu.gpr[4] = 1;
    m.cpu.gpr[5] = 0;
    exec(m, branch.branchOnIndexHigh, { r1: 2, r3: 4, addr2: 0x1000 });
    expect(m.cpu.gpr[2]).toBe(0x80000000);
    expect(m.cpu.psw.address).toBe(0x1004);
    expect(m.interruptions).toEqual([]);
  });
});

describe('relative branches (ESA/390)', () => {
  it('BRC: the target is the instruction address plus 2*I2 (backwards)', () => {
    const m = directCpu('390', 0x2004); // the BRC is at X'2000'
    m.cpu.psw.cc = 0;
    exec(m, branch.branchRelativeOnCondition, { r1: 8, i2: -8 });
    expect(m.cpu.psw.address).toBe(0x2000 - 16);
  });

  it('BRC: not taken when the mask does not select the cc', () => {
    const m = directCpu('390', 0x2004);
    m.cpu.psw.cc = 1;
    exec(m, branch.branchRelativeOnCondition, { r1: 8, i2: 100 });
    expect(m.cpu.psw.address).toBe(0x2004);
  });

  it('BRC: the target wraps at 2^24 in 24-bit mode', () => {
    const m = directCpu('390', 0x000004);
    exec(m, branch.branchRelativeOnCondition, { r1: 15, i2: -4 });
    expect(m.cpu.psw.address).toBe(0xfffff8);
  });

  it('BRAS: saves the next address and branches forward', () => {
    const m = directCpu('390', 0x2004);
    m.cpu.setAmode31(true);
    exec(m, branch.branchRelativeAndSave, { r1: 14, i2: 0x10 });
    expect(m.cpu.gpr[14]).toBe(0x80002004);
    expect(m.cpu.psw.address).toBe(0x2020);
  });

  it('BRCT: counts and branches relative', () => {
    const m = directCpu('390', 0x2004);
    m.cpu.gpr[3] = 2;
    exec(m, branch.branchRelativeOnCount, { r1: 3, i2: -2 });
    expect([m.cpu.gpr[3], m.cpu.psw.address]).toEqual([1, 0x1ffc]);
    m.cpu.psw.address = 0x2004;
    exec(m, branch.branchRelativeOnCount, { r1: 3, i2: -2 });
    expect([m.cpu.gpr[3], m.cpu.psw.address]).toEqual([0, 0x2004]);
  });

  it('BRXLE and BRXH: index arithmetic as BXLE/BXH with a relative target', () => {
    const m = directCpu('390', 0x2004);
    m.cpu.gpr[1] = 0;
    m.cpu.gpr[2] = 1;
    m.cpu.gpr[3] = 1;
    exec(m, branch.branchRelativeOnIndexLowOrEqual, { r1: 1, r3: 2, i2: 6 });
    expect([m.cpu.gpr[1], m.cpu.psw.address]).toEqual([1, 0x200c]);
    m.cpu.psw.address = 0x2004;
    exec(m, branch.branchRelativeOnIndexHigh, { r1: 1, r3: 2, i2: 6 });
    expect([m.cpu.gpr[1], m.cpu.psw.address]).toEqual([2, 0x200c]);
  });
});
