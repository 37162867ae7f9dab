// AND, OR, EXCLUSIVE OR, TEST UNDER MASK and COMPARE LOGICAL (PoO "General
// Instructions"), handler by handler.

import { describe, expect, it } from 'vitest';
import * as logical from '../../../s390/instructions/general-logical.js';
import { directCpu, exec, hex, peek, poke } from './general-direct.js';

describe('AND, OR, EXCLUSIVE OR on registers and words', () => {
  it.each([
    ['NR', logical.andRegister, 0xff00ff00, 0x0ff00ff0, 0x0f000f00, 1],
    ['NR', logical.andRegister, 0xf0f0f0f0, 0x0f0f0f0f, 0, 0],
    ['OR', logical.orRegister, 0xf0000000, 0x0000000f, 0xf000000f, 1],
    ['OR', logical.orRegister, 0, 0, 0, 0],
    ['XR', logical.exclusiveOrRegister, 0xffff0000, 0xff00ff00, 0x00ffff00, 1],
    ['XR', logical.exclusiveOrRegister, 0x12345678, 0x12345678, 0, 0],
  ])('%s: %i with %i gives %i, cc %i', (_n, handler, a, b, result, cc) => {
    const m = directCpu();
    m.cpu.gpr[1] = a;
    m.cpu.gpr[2] = b;
    exec(m, handler, { r1: 1, r2: 2, length: 2 });
    expect(m.cpu.gpr[1]).toBe(result);
    expect(m.cpu.psw.cc).toBe(cc);
  });

  it('N, O and X take the word from storage', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('0000FFFF'));
    m.cpu.gpr[3] = 0x12345678;
    exec(m, logical.and, { r1: 3, addr2: 0x2000 });
    expect(m.cpu.gpr[3]).toBe(0x5678);
    exec(m, logical.or, { r1: 3, addr2: 0x2000 });
    expect(m.cpu.gpr[3]).toBe(0xffff);
    exec(m, logical.exclusiveOr, { r1: 3, addr2: 0x2000 });
    expect(m.cpu.gpr[3]).toBe(0);
    expect(m.cpu.psw.cc).toBe(0);
  });
});

describe('AND, OR, EXCLUSIVE OR immediate and characters', () => {
  it.each([
    ['NI', logical.andImmediate, 0xf3, 0x0f, 0x03, 1],
    ['NI', logical.andImmediate, 0xf0, 0x0f, 0x00, 0],
    ['OI', logical.orImmediate, 0x80, 0x01, 0x81, 1],
    ['XI', logical.exclusiveOrImmediate, 0xaa, 0xaa, 0x00, 0],
    ['XI', logical.exclusiveOrImmediate, 0xaa, 0xff, 0x55, 1],
  ])('%s: byte %i with %i gives %i, cc %i', (_n, handler, byte, i2, result, cc) => {
    const m = directCpu();
    poke(m.cpu, 0x2000, [byte]);
    exec(m, handler, { addr1: 0x2000, i2 });
    expect(peek(m.cpu, 0x2000, 1)).toEqual([result]);
    expect(m.cpu.psw.cc).toBe(cc);
  });

  it('NC, OC, XC combine byte by byte', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('F0F0F0'));
    poke(m.cpu, 0x2100, hex('0F3CFF'));
    exec(m, logical.andCharacters, { addr1: 0x2000, l1: 2, addr2: 0x2100, length: 6 });
    expect(peek(m.cpu, 0x2000, 3)).toEqual(hex('0030F0'));
    expect(m.cpu.psw.cc).toBe(1);
    exec(m, logical.orCharacters, { addr1: 0x2000, l1: 2, addr2: 0x2100, length: 6 });
    expect(peek(m.cpu, 0x2000, 3)).toEqual(hex('0F3CFF'));
    exec(m, logical.exclusiveOrCharacters, { addr1: 0x2000, l1: 2, addr2: 0x2100, length: 6 });
    expect(peek(m.cpu, 0x2000, 3)).toEqual(hex('000000'));
    expect(m.cpu.psw.cc).toBe(0);
  });

  it('XC of a field with itself clears it (the clearing idiom), cc 0', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('0123456789'));
    exec(m, logical.exclusiveOrCharacters, { addr1: 0x2000, l1: 4, addr2: 0x2000, length: 6 });
    expect(peek(m.cpu, 0x2000, 5)).toEqual(hex('0000000000'));
    expect(m.cpu.psw.cc).toBe(0);
  });

  it('OC one byte to the right propagates the result byte by byte', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('01 00 02 00 04'));
    exec(m, logical.orCharacters, { addr1: 0x2001, l1: 3, addr2: 0x2000, length: 6 });
    expect(peek(m.cpu, 0x2000, 5)).toEqual(hex('01 01 03 03 07'));
  });

  it('three XCs swap two fields', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('AABBCC'));
    poke(m.cpu, 0x2010, hex('112233'));
    for (const [a1, a2] of [
      [0x2000, 0x2010],
      [0x2010, 0x2000],
      [0x2000, 0x2010],
    ]) {
      exec(m, logical.exclusiveOrCharacters, { addr1: a1, l1: 2, addr2: a2, length: 6 });
    }
    expect(peek(m.cpu, 0x2000, 3)).toEqual(hex('112233'));
    expect(peek(m.cpu, 0x2010, 3)).toEqual(hex('AABBCC'));
  });
});

describe('TEST UNDER MASK', () => {
  it.each([
    ['selected bits all zero: cc 0', 0xf0, 0x0f, 0],
    ['mask zero: cc 0', 0xff, 0x00, 0],
    ['mixed: cc 1', 0xf0, 0x18, 1],
    ['selected bits all one: cc 3', 0xf0, 0xc0, 3],
  ])('TM: %s', (_n, byte, mask, cc) => {
    const m = directCpu();
    poke(m.cpu, 0x2000, [byte]);
    exec(m, logical.testUnderMask, { addr1: 0x2000, i2: mask });
    expect(m.cpu.psw.cc).toBe(cc);
    expect(peek(m.cpu, 0x2000, 1)).toEqual([byte]);
  });

  it.each([
    ['all zero: cc 0', 0x0000, 0x00ff, 0],
    ['mask zero: cc 0', 0xffff, 0x0000, 0],
    ['mixed, leftmost selected bit zero: cc 1', 0x0001, 0x8001, 1],
    ['mixed, leftmost selected bit one: cc 2', 0x8000, 0x8001, 2],
    ['all one: cc 3', 0x8001, 0x8001, 3],
  ])('TMLL: %s', (_n, low, mask, cc) => {
    const m = directCpu();
    m.cpu.gpr[4] = 0xabcd0000 | low;
    exec(m, logical.testUnderMaskLow, { r1: 4, i2: mask >= 0x8000 ? mask - 0x10000 : mask });
    expect(m.cpu.psw.cc).toBe(cc);
  });

  it('TMLH tests bits 0-15 of the register', () => {
    const m = directCpu();
    m.cpu.gpr[4] = 0x4000ffff;
    exec(m, logical.testUnderMaskHigh, { r1: 4, i2: 0x4000 });
    expect(m.cpu.psw.cc).toBe(3);
    exec(m, logical.testUnderMaskHigh, { r1: 4, i2: 0x00ff });
    expect(m.cpu.psw.cc).toBe(0);
    exec(m, logical.testUnderMaskHigh, { r1: 4, i2: 0x6000 });
    expect(m.cpu.psw.cc).toBe(2);
  });
});

describe('COMPARE LOGICAL', () => {
  it.each([
    ['equal', 5, 5, 0],
    ["X'FFFFFFFF' is high against 1 (unsigned, unlike CR)", 0xffffffff, 1, 2],
    ["1 is low against X'80000000'", 1, 0x80000000, 1],
  ])('CLR: %s', (_n, a, b, cc) => {
    const m = directCpu();
    m.cpu.gpr[1] = a;
    m.cpu.gpr[2] = b;
    exec(m, logical.compareLogicalRegister, { r1: 1, r2: 2, length: 2 });
    expect(m.cpu.psw.cc).toBe(cc);
  });

  it('CL and CLI compare with storage', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('80000000 C1'));
    m.cpu.gpr[1] = 0x7fffffff;
    exec(m, logical.compareLogical, { r1: 1, addr2: 0x2000 });
    expect(m.cpu.psw.cc).toBe(1);
    exec(m, logical.compareLogicalImmediate, { addr1: 0x2004, i2: 0xc1 });
    expect(m.cpu.psw.cc).toBe(0);
    exec(m, logical.compareLogicalImmediate, { addr1: 0x2004, i2: 0x40 });
    expect(m.cpu.psw.cc).toBe(2);
  });

  it.each([
    ['equal', 'C1C2C3', 'C1C2C3', 0],
    ['first operand low at the last byte', 'C1C2C3', 'C1C2C4', 1],
    ['first operand high at the first byte (unsigned)', 'F1C2C3', '01C2C3', 2],
  ])('CLC: %s', (_n, a, b, cc) => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex(a));
    poke(m.cpu, 0x2100, hex(b));
    exec(m, logical.compareLogicalCharacters, { addr1: 0x2000, l1: 2, addr2: 0x2100, length: 6 });
    expect(m.cpu.psw.cc).toBe(cc);
  });

  it.each([
    ['mask 1111 against four bytes', 15, 'C1C2C3C4', 0],
    ['mask 0101 takes bytes 1 and 3 of the register', 5, 'C2C4', 0],
    ['mask 0101, storage high', 5, 'C2C5', 1],
    ['mask 1000, storage low', 8, '00', 2],
    ['mask 0000 is equal', 0, '', 0],
  ])('CLM: %s', (_n, mask, bytes, cc) => {
    const m = directCpu();
    m.cpu.gpr[7] = 0xc1c2c3c4;
    poke(m.cpu, 0x2000, hex(bytes));
    exec(m, logical.compareLogicalCharactersUnderMask, { r1: 7, r3: mask, addr2: 0x2000 });
    expect(m.cpu.psw.cc).toBe(cc);
  });
});

describe('COMPARE LOGICAL LONG', () => {
  function clcl(arch: '370' | '390', r: number[], bytes1: string, bytes2: string) {
    const m = directCpu(arch);
    poke(m.cpu, 0x3000, hex(bytes1));
    poke(m.cpu, 0x4000, hex(bytes2));
    [2, 3, 4, 5].forEach((reg, i) => (m.cpu.gpr[reg] = r[i]));
    exec(m, logical.compareLogicalLong, { r1: 2, r2: 4, length: 2 });
    return { m, regs: [m.cpu.gpr[2], m.cpu.gpr[3], m.cpu.gpr[4], m.cpu.gpr[5]] };
  }

  it('equal operands of equal length: cc 0, addresses advanced, lengths zero', () => {
    const { m, regs } = clcl('370', [0x3000, 4, 0x4000, 4], 'C1C2C3C4', 'C1C2C3C4');
    expect(m.cpu.psw.cc).toBe(0);
    expect(regs).toEqual([0x3004, 0, 0x4004, 0]);
  });

  it('unequal: the registers point at the first unequal byte', () => {
    const { m, regs } = clcl('370', [0x3000, 4, 0x4000, 4], 'C1C2C3C4', 'C1C2D3C4');
    expect(m.cpu.psw.cc).toBe(1);
    expect(regs).toEqual([0x3002, 2, 0x4002, 2]);
  });

  it('a shorter second operand is extended with the padding byte, which stays in R2+1', () => {
    const { m, regs } = clcl('370', [0x3000, 4, 0x4000, 0x40000002], 'C1C24040', 'C1C2');
    expect(m.cpu.psw.cc).toBe(0);
    expect(regs).toEqual([0x3004, 0, 0x4002, 0x40000000]);
  });

  it('a shorter first operand is padded too: the first byte after it decides', () => {
    const { m, regs } = clcl('370', [0x3000, 1, 0x4000, 0x40000003], 'C1', 'C14041');
    expect(m.cpu.psw.cc).toBe(1);
    expect(regs).toEqual([0x3001, 0, 0x4002, 0x40000001]);
  });

  it('both lengths zero: cc 0, 24-bit mode clears bits 0-7 of R1 and R2 and keeps those of R1+1', () => {
    const { m, regs } = clcl('370', [0xff003000, 0xab000000, 0x12004000, 0x40000000], '', '');
    expect(m.cpu.psw.cc).toBe(0);
    expect(regs).toEqual([0x003000, 0xab000000, 0x004000, 0x40000000]);
  });

  it('equal up to the end of storage: compares what it can, then addressing with the registers at that point', () => {
    const m = directCpu('370'); // 64K of storage, all zero
    [2, 3, 4, 5].forEach((reg, i) => (m.cpu.gpr[reg] = [0x3000, 0x1000, 0xf800, 0x1000][i]));
    exec(m, logical.compareLogicalLong, { r1: 2, r2: 4, length: 2 });
    expect(m.interruptions).toEqual([0x05]);
    expect([m.cpu.gpr[2], m.cpu.gpr[3], m.cpu.gpr[4], m.cpu.gpr[5]]).toEqual([0x3800, 0x800, 0x10000, 0x800]);
  });

  it('an inequality before the end of storage is found without an exception', () => {
    const m = directCpu('370');
    poke(m.cpu, 0xf900, [1]);
    [2, 3, 4, 5].forEach((reg, i) => (m.cpu.gpr[reg] = [0x3000, 0x1000, 0xf800, 0x1000][i]));
    exec(m, logical.compareLogicalLong, { r1: 2, r2: 4, length: 2 });
    expect(m.interruptions).toEqual([]);
    expect(m.cpu.psw.cc).toBe(1);
    expect([m.cpu.gpr[2], m.cpu.gpr[4]]).toEqual([0x3100, 0xf900]);
  });

  it('31-bit mode keeps 31 address bits', () => {
    const m = directCpu('390');
    m.cpu.setAmode31(true);
    m.cpu.gpr[2] = 0x80003000;
    m.cpu.gpr[3] = 0;
    m.cpu.gpr[4] = 0x00004000;
    m.cpu.gpr[5] = 0;
    exec(m, logical.compareLogicalLong, { r1: 2, r2: 4, length: 2 });
    expect([m.cpu.gpr[2], m.cpu.gpr[4]]).toEqual([0x3000, 0x4000]);
  });
});
