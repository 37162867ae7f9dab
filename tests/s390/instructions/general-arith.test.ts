// Binary arithmetic of the general instructions (PoO "General Instructions":
// ADD, SUBTRACT, COMPARE, LOAD AND TEST/COMPLEMENT/NEGATIVE/POSITIVE,
// MULTIPLY, DIVIDE), handler by handler.

import { describe, expect, it } from 'vitest';
import * as arith from '../../../s390/instructions/general-arith.js';
import { directCpu, exec, poke } from './general-direct.js';

const FIXED_POINT_OVERFLOW = 0x08;
const FIXED_POINT_DIVIDE = 0x09;

describe('ADD and SUBTRACT (signed)', () => {
  it.each([
    ['1 + 2 = 3, cc 2', 1, 2, 3, 2],
    ['-5 + 5 = 0, cc 0', -5, 5, 0, 0],
    ['-5 + 2 = -3, cc 1', -5, 2, -3, 1],
    ["X'7FFFFFFF' + 1 wraps to X'80000000', cc 3", 0x7fffffff, 1, 0x80000000, 3],
    ["X'80000000' + -1 wraps to X'7FFFFFFF', cc 3", 0x80000000, -1, 0x7fffffff, 3],
    ['-1 + -1 = -2 with a carry but no overflow, cc 1', -1, -1, -2, 1],
  ])('AR: %s', (_name, a, b, result, cc) => {
    const m = directCpu();
    m.cpu.gpr[3] = a;
    m.cpu.gpr[4] = b;
    exec(m, arith.addRegister, { r1: 3, r2: 4, length: 2 });
    expect(m.cpu.gpr[3]).toBe(result >>> 0);
    expect(m.cpu.psw.cc).toBe(cc);
    expect(m.interruptions).toEqual([]);
  });

  it("AR: X'7FFFFFFF' + 1 sets cc 3 and raises fixed-point overflow when the mask is on, after storing the sum", () => {
    const m = directCpu();
    m.cpu.psw.programMask = 8;
    m.cpu.gpr[1] = 0x7fffffff;
    m.cpu.gpr[2] = 1;
    exec(m, arith.addRegister, { r1: 1, r2: 2, length: 2 });
    expect(m.cpu.gpr[1]).toBe(0x80000000);
    expect(m.cpu.psw.cc).toBe(3);
    expect(m.interruptions).toEqual([FIXED_POINT_OVERFLOW]);
  });

  it('A: adds the word in storage, overflow with the other mask bits on but bit 20 off raises nothing', () => {
    const m = directCpu();
    m.cpu.psw.programMask = 7;
    m.cpu.gpr[5] = 0x7ffffff0;
    poke(m.cpu, 0x2000, [0x00, 0x00, 0x00, 0x20]);
    exec(m, arith.add, { r1: 5, addr2: 0x2000 });
    expect(m.cpu.gpr[5]).toBe(0x80000010);
    expect(m.cpu.psw.cc).toBe(3);
    expect(m.interruptions).toEqual([]);
  });

  it("AH: the halfword X'FFFF' is sign-extended to -1", () => {
    const m = directCpu();
    m.cpu.gpr[2] = 10;
    poke(m.cpu, 0x2001, [0xff, 0xff]);
    exec(m, arith.addHalfword, { r1: 2, addr2: 0x2001 });
    expect(m.cpu.gpr[2]).toBe(9);
    expect(m.cpu.psw.cc).toBe(2);
  });

  it("AH: X'7FFFFFFF' + X'0001' overflows and interrupts with the mask on", () => {
    const m = directCpu();
    m.cpu.psw.programMask = 8;
    m.cpu.gpr[2] = 0x7fffffff;
    poke(m.cpu, 0x2000, [0x00, 0x01]);
    exec(m, arith.addHalfword, { r1: 2, addr2: 0x2000 });
    expect(m.cpu.gpr[2]).toBe(0x80000000);
    expect(m.interruptions).toEqual([FIXED_POINT_OVERFLOW]);
  });

  it('AHI: a negative immediate subtracts', () => {
    const m = directCpu();
    m.cpu.gpr[7] = 3;
    exec(m, arith.addHalfwordImmediate, { r1: 7, i2: -5 });
    expect(m.cpu.gpr[7]).toBe(0xfffffffe);
    expect(m.cpu.psw.cc).toBe(1);
  });

  it.each([
    ['5 - 3 = 2, cc 2', 5, 3, 2, 2],
    ['3 - 3 = 0, cc 0', 3, 3, 0, 0],
    ['3 - 5 = -2, cc 1', 3, 5, -2, 1],
    ["X'80000000' - 1 overflows to X'7FFFFFFF', cc 3", 0x80000000, 1, 0x7fffffff, 3],
    ["0 - X'80000000' overflows (no positive 2^31), cc 3", 0, 0x80000000, 0x80000000, 3],
  ])('SR: %s', (_name, a, b, result, cc) => {
    const m = directCpu();
    m.cpu.gpr[0] = a;
    m.cpu.gpr[1] = b;
    exec(m, arith.subtractRegister, { r1: 0, r2: 1, length: 2 });
    expect(m.cpu.gpr[0]).toBe(result >>> 0);
    expect(m.cpu.psw.cc).toBe(cc);
  });

  it('SR: a register minus itself is zero, cc 0', () => {
    const m = directCpu();
    m.cpu.gpr[6] = 0x80000000;
    exec(m, arith.subtractRegister, { r1: 6, r2: 6, length: 2 });
    expect(m.cpu.gpr[6]).toBe(0);
    expect(m.cpu.psw.cc).toBe(0);
  });

  it('S and SH: subtract a word and a sign-extended halfword; SH overflow interrupts with the mask on', () => {
    const m = directCpu();
    m.cpu.gpr[3] = 100;
    poke(m.cpu, 0x2000, [0x00, 0x00, 0x00, 0x64, 0x00, 0x01]);
    exec(m, arith.subtract, { r1: 3, addr2: 0x2000 });
    expect(m.cpu.gpr[3]).toBe(0);
    expect(m.cpu.psw.cc).toBe(0);
    m.cpu.gpr[3] = 0x80000000;
    m.cpu.psw.programMask = 8;
    exec(m, arith.subtractHalfword, { r1: 3, addr2: 0x2004 });
    expect(m.cpu.gpr[3]).toBe(0x7fffffff);
    expect(m.cpu.psw.cc).toBe(3);
    expect(m.interruptions).toEqual([FIXED_POINT_OVERFLOW]);
  });
});

describe('ADD LOGICAL and SUBTRACT LOGICAL', () => {
  it.each([
    ['0 + 0: zero, no carry, cc 0', 0, 0, 0, 0],
    ['1 + 1: not zero, no carry, cc 1', 1, 1, 2, 1],
    ["X'FFFFFFFF' + 1: zero with carry, cc 2", 0xffffffff, 1, 0, 2],
    ["X'FFFFFFFF' + 2: not zero with carry, cc 3", 0xffffffff, 2, 1, 3],
    ["X'80000000' + X'80000000': zero with carry, cc 2", 0x80000000, 0x80000000, 0, 2],
  ])('ALR: %s', (_name, a, b, result, cc) => {
    const m = directCpu();
    m.cpu.gpr[8] = a;
    m.cpu.gpr[9] = b;
    exec(m, arith.addLogicalRegister, { r1: 8, r2: 9, length: 2 });
    expect(m.cpu.gpr[8]).toBe(result);
    expect(m.cpu.psw.cc).toBe(cc);
  });

  it('AL: never raises fixed-point overflow, even with the mask on', () => {
    const m = directCpu();
    m.cpu.psw.programMask = 15;
    m.cpu.gpr[1] = 0x7fffffff;
    poke(m.cpu, 0x2000, [0, 0, 0, 1]);
    exec(m, arith.addLogical, { r1: 1, addr2: 0x2000 });
    expect(m.cpu.gpr[1]).toBe(0x80000000);
    expect(m.cpu.psw.cc).toBe(1);
    expect(m.interruptions).toEqual([]);
  });

  it.each([
    ['5 - 5: zero, always with a carry, cc 2', 5, 5, 0, 2],
    ['5 - 3: not zero with carry, cc 3', 5, 3, 2, 3],
    ['3 - 5: borrow (no carry), cc 1', 3, 5, 0xfffffffe, 1],
    ["0 - X'FFFFFFFF': borrow, cc 1", 0, 0xffffffff, 1, 1],
  ])('SLR: %s', (_name, a, b, result, cc) => {
    const m = directCpu();
    m.cpu.gpr[2] = a;
    m.cpu.gpr[3] = b;
    exec(m, arith.subtractLogicalRegister, { r1: 2, r2: 3, length: 2 });
    expect(m.cpu.gpr[2]).toBe(result);
    expect(m.cpu.psw.cc).toBe(cc);
  });

  it("SL: X'80000000' - 1 is a logical subtraction with carry, no overflow", () => {
    const m = directCpu();
    m.cpu.psw.programMask = 8;
    m.cpu.gpr[4] = 0x80000000;
    poke(m.cpu, 0x2000, [0, 0, 0, 1]);
    exec(m, arith.subtractLogical, { r1: 4, addr2: 0x2000 });
    expect(m.cpu.gpr[4]).toBe(0x7fffffff);
    expect(m.cpu.psw.cc).toBe(3);
    expect(m.interruptions).toEqual([]);
  });
});

describe('COMPARE (signed)', () => {
  it.each([
    ['equal', 7, 7, 0],
    ['-1 is low against 1 (signed, unlike CLR)', -1, 1, 1],
    ["X'7FFFFFFF' is high against X'80000000'", 0x7fffffff, 0x80000000, 2],
  ])('CR: %s', (_name, a, b, cc) => {
    const m = directCpu();
    m.cpu.gpr[1] = a;
    m.cpu.gpr[2] = b;
    exec(m, arith.compareRegister, { r1: 1, r2: 2, length: 2 });
    expect(m.cpu.psw.cc).toBe(cc);
    expect(m.cpu.gpr[1]).toBe(a >>> 0);
  });

  it('C, CH and CHI compare with a word, a sign-extended halfword and an immediate', () => {
    const m = directCpu();
    m.cpu.gpr[1] = 0xffffffff;
    poke(m.cpu, 0x2000, [0xff, 0xff, 0xff, 0xfe, 0xff, 0xff]);
    exec(m, arith.compare, { r1: 1, addr2: 0x2000 });
    expect(m.cpu.psw.cc).toBe(2);
    exec(m, arith.compareHalfword, { r1: 1, addr2: 0x2004 });
    expect(m.cpu.psw.cc).toBe(0);
    exec(m, arith.compareHalfwordImmediate, { r1: 1, i2: 0 });
    expect(m.cpu.psw.cc).toBe(1);
  });
});

describe('LOAD AND TEST, COMPLEMENT, NEGATIVE, POSITIVE', () => {
  it.each([
    ['LTR', arith.loadAndTest, 0, 0, 0],
    ['LTR', arith.loadAndTest, -4, -4, 1],
    ['LTR', arith.loadAndTest, 4, 4, 2],
    ['LCR', arith.loadComplement, 4, -4, 1],
    ['LCR', arith.loadComplement, -4, 4, 2],
    ['LCR', arith.loadComplement, 0, 0, 0],
    ['LNR', arith.loadNegative, 4, -4, 1],
    ['LNR', arith.loadNegative, -4, -4, 1],
    ['LNR', arith.loadNegative, 0, 0, 0],
    ['LNR', arith.loadNegative, 0x80000000, 0x80000000, 1],
    ['LPR', arith.loadPositive, -4, 4, 2],
    ['LPR', arith.loadPositive, 4, 4, 2],
    ['LPR', arith.loadPositive, 0, 0, 0],
  ])('%s of %i gives %i, cc %i', (_name, handler, value, result, cc) => {
    const m = directCpu();
    m.cpu.gpr[2] = value;
    exec(m, handler, { r1: 3, r2: 2, length: 2 });
    expect(m.cpu.gpr[3]).toBe(result >>> 0);
    expect(m.cpu.psw.cc).toBe(cc);
    expect(m.interruptions).toEqual([]);
  });

  it.each([
    ['LCR', arith.loadComplement],
    ['LPR', arith.loadPositive],
  ])("%s of the maximum negative number leaves X'80000000', cc 3, and overflows when the mask is on", (_n, handler) => {
    const m = directCpu();
    m.cpu.psw.programMask = 8;
    m.cpu.gpr[2] = 0x80000000;
    exec(m, handler, { r1: 3, r2: 2, length: 2 });
    expect(m.cpu.gpr[3]).toBe(0x80000000);
    expect(m.cpu.psw.cc).toBe(3);
    expect(m.interruptions).toEqual([FIXED_POINT_OVERFLOW]);
  });
});

describe('MULTIPLY', () => {
  it.each([
    ['2 * 3 = 6', 3, 2, 0, 6],
    ['-1 * 1 = -1 across the whole pair', 1, -1, 0xffffffff, 0xffffffff],
    ["X'7FFFFFFF' squared", 0x7fffffff, 0x7fffffff, 0x3fffffff, 0x00000001],
    ["X'80000000' squared is 2^62", 0x80000000, 0x80000000, 0x40000000, 0],
    ["X'80000000' * X'7FFFFFFF'", 0x80000000, 0x7fffffff, 0xc0000000, 0x80000000],
    ['-3 * -5 = 15', -3, -5, 0, 15],
  ])('MR: %s', (_name, multiplicand, multiplier, high, low) => {
    const m = directCpu();
    m.cpu.gpr[4] = 0x12345678; // replaced by the high word of the product
    m.cpu.gpr[5] = multiplicand;
    m.cpu.gpr[9] = multiplier;
    m.cpu.psw.cc = 2;
    exec(m, arith.multiplyRegister, { r1: 4, r2: 9, length: 2 });
    expect([m.cpu.gpr[4], m.cpu.gpr[5]]).toEqual([high, low]);
    expect(m.cpu.psw.cc).toBe(2);
  });

  it('MR: R2 may be the odd register of the pair (the square of R1+1)', () => {
    const m = directCpu();
    m.cpu.gpr[3] = -7;
    exec(m, arith.multiplyRegister, { r1: 2, r2: 3, length: 2 });
    expect([m.cpu.gpr[2], m.cpu.gpr[3]]).toEqual([0, 49]);
  });

  it('M: the multiplier comes from storage', () => {
    const m = directCpu();
    m.cpu.gpr[1] = 0x10000;
    poke(m.cpu, 0x2000, [0x00, 0x01, 0x00, 0x00]);
    exec(m, arith.multiply, { r1: 0, addr2: 0x2000 });
    expect([m.cpu.gpr[0], m.cpu.gpr[1]]).toEqual([1, 0]);
  });

  it('MH, MHI, MS and MSR keep the low 32 bits, leave the cc, and never overflow', () => {
    const m = directCpu();
    m.cpu.psw.programMask = 8;
    m.cpu.psw.cc = 1;
    m.cpu.gpr[2] = 0x00030000;
    poke(m.cpu, 0x2000, [0x80, 0x00]);
    exec(m, arith.multiplyHalfword, { r1: 2, addr2: 0x2000 });
    expect(m.cpu.gpr[2]).toBe((0x00030000 * -0x8000) >>> 0);
    m.cpu.gpr[3] = 0x10001;
    exec(m, arith.multiplyHalfwordImmediate, { r1: 3, i2: -2 });
    expect(m.cpu.gpr[3]).toBe(-0x20002 >>> 0);
    m.cpu.gpr[4] = 0x10000;
    m.cpu.gpr[5] = 0x10000;
    exec(m, arith.multiplySingleRegister, { r1: 4, r2: 5 });
    expect(m.cpu.gpr[4]).toBe(0);
    poke(m.cpu, 0x2004, [0xff, 0xff, 0xff, 0xfd]);
    m.cpu.gpr[6] = 7;
    exec(m, arith.multiplySingle, { r1: 6, addr2: 0x2004 });
    expect(m.cpu.gpr[6]).toBe(-21 >>> 0);
    expect(m.cpu.psw.cc).toBe(1);
    expect(m.interruptions).toEqual([]);
  });
});

describe('DIVIDE', () => {
  it.each([
    ['7 / 2: quotient 3, remainder 1', 0, 7, 2, 1, 3],
    ['-7 / 2: the remainder takes the dividend sign', -1, -7, 2, -1, -3],
    ['7 / -2', 0, 7, -2, 1, -3],
    ['-7 / -2', -1, -7, -2, -1, 3],
    ["X'00000000FFFFFFFF' (a 33-bit dividend) / 3", 0, 0xffffffff, 3, 0, 0x55555555],
    ['-2^32 / 4 = -2^30', -1, 0, 4, 0, -0x40000000],
    ['-2^31 / 1 just fits', -1, 0x80000000, 1, 0, 0x80000000],
    ["X'3FFFFFFF00000001' / X'7FFFFFFF': the largest quotient", 0x3fffffff, 1, 0x7fffffff, 0, 0x7fffffff],
  ])('DR: %s', (_name, high, low, divisor, remainder, quotient) => {
    const m = directCpu();
    m.cpu.gpr[2] = high;
    m.cpu.gpr[3] = low;
    m.cpu.gpr[7] = divisor;
    m.cpu.psw.cc = 3;
    exec(m, arith.divideRegister, { r1: 2, r2: 7, length: 2 });
    expect([m.cpu.gpr[2], m.cpu.gpr[3]]).toEqual([remainder >>> 0, quotient >>> 0]);
    expect(m.cpu.psw.cc).toBe(3);
    expect(m.interruptions).toEqual([]);
  });

  it.each([
    ['a zero divisor', 0, 10, 0],
    ['a quotient of 2^31', 0, 0x80000000, 1],
    ['-2^31 / -1', -1, 0x80000000, -1],
    ['2^32 / 2', 1, 0, 2],
    ['a large dividend / 1', 0x12345678, 0x9abcdef0, 1],
  ])('DR: %s is a fixed-point-divide exception and the registers are unchanged', (_n, high, low, divisor) => {
    const m = directCpu();
    m.cpu.gpr[4] = high;
    m.cpu.gpr[5] = low;
    m.cpu.gpr[6] = divisor;
    exec(m, arith.divideRegister, { r1: 4, r2: 6, length: 2 });
    expect(m.interruptions).toEqual([FIXED_POINT_DIVIDE]);
    expect([m.cpu.gpr[4], m.cpu.gpr[5]]).toEqual([high >>> 0, low >>> 0]);
  });

  it('D: the divisor comes from storage', () => {
    const m = directCpu();
    m.cpu.gpr[0] = 0;
    m.cpu.gpr[1] = 100;
    poke(m.cpu, 0x2000, [0, 0, 0, 7]);
    exec(m, arith.divide, { r1: 0, addr2: 0x2000 });
    expect([m.cpu.gpr[0], m.cpu.gpr[1]]).toEqual([2, 14]);
  });

  it('DR agrees with BigInt truncating division over a spread of dividends', () => {
    let seed = 99;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let i = 0; i < 500; i++) {
      const m = directCpu();
      const high = i % 2 ? next() >> (i % 31) : (next() | 0) >> 31;
      const low = next();
      const divisor = (next() | 0) >> (i % 17) || 3;
      m.cpu.gpr[2] = high;
      m.cpu.gpr[3] = low;
      m.cpu.gpr[8] = divisor;
      exec(m, arith.divideRegister, { r1: 2, r2: 8, length: 2 });
      const dividend = (BigInt(high | 0) << 32n) | BigInt(low >>> 0);
      const q = dividend / BigInt(divisor);
      if (q > 0x7fffffffn || q < -0x80000000n) {
        expect(m.interruptions).toEqual([FIXED_POINT_DIVIDE]);
      } else {
        expect(m.interruptions).toEqual([]);
        expect(m.cpu.gpr[3]).toBe(Number(BigInt.asUintN(32, q)));
        expect(m.cpu.gpr[2]).toBe(Number(BigInt.asUintN(32, dividend % BigInt(divisor))));
      }
    }
  });
});
