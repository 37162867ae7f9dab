// The eight shifts (PoO "General Instructions": SHIFT LEFT/RIGHT SINGLE and
// DOUBLE, arithmetic and logical). The count is the low six bits of the
// second-operand address.

import { describe, expect, it } from 'vitest';
import * as shift from '../../../s390/instructions/general-shift.js';
import { directCpu, exec } from './general-direct.js';

const FIXED_POINT_OVERFLOW = 0x08;

describe('single arithmetic shifts', () => {
  it.each([
    ['1 << 4 = 16, cc 2', 1, 4, 16, 2],
    ['-1 << 4 = -16, cc 1', -1, 4, -16, 1],
    ['count 0 sets the cc only', -5, 0, -5, 1],
    ['0 << 63 stays 0, cc 0', 0, 63, 0, 0],
    ["-1 << 31 = X'80000000': every bit shifted out equals the sign", -1, 31, 0x80000000, 1],
    ["X'40000000' << 1 loses a one: the sign stays 0, cc 3", 0x40000000, 1, 0, 3],
    ["X'80000001' << 1 loses a zero unlike the sign: X'80000002', cc 3", 0x80000001, 1, 0x80000002, 3],
    ['-1 << 32 loses a zero after the ones: overflow', -1, 32, 0x80000000, 3],
    ['1 << 40: overflow, the sign stays 0', 1, 40, 0, 3],
  ])('SLA: %s', (_n, value, count, result, cc) => {
    const m = directCpu();
    m.cpu.gpr[3] = value;
    exec(m, shift.shiftLeftSingle, { r1: 3, addr2: count });
    expect(m.cpu.gpr[3]).toBe(result >>> 0);
    expect(m.cpu.psw.cc).toBe(cc);
    expect(m.interruptions).toEqual([]);
  });

  it('SLA: overflow raises fixed-point overflow when the mask is on, after the result is stored', () => {
    const m = directCpu();
    m.cpu.psw.programMask = 8;
    m.cpu.gpr[3] = 0x7fffffff;
    exec(m, shift.shiftLeftSingle, { r1: 3, addr2: 1 });
    expect(m.cpu.gpr[3]).toBe(0x7ffffffe);
    expect(m.cpu.psw.cc).toBe(3);
    expect(m.interruptions).toEqual([FIXED_POINT_OVERFLOW]);
  });

  it("SLA: the count is the low six bits of the address (X'FFF' is 63)", () => {
    const m = directCpu();
    m.cpu.gpr[3] = 0;
    exec(m, shift.shiftLeftSingle, { r1: 3, addr2: 0x00fff });
    expect(m.cpu.psw.cc).toBe(0);
    m.cpu.gpr[3] = 1;
    exec(m, shift.shiftLeftSingle, { r1: 3, addr2: 0x00042 }); // 66 & 63 = 2
    expect(m.cpu.gpr[3]).toBe(4);
  });

  it.each([
    ['-16 >> 2 = -4, cc 1', -16, 2, -4, 1],
    ['16 >> 5 = 0, cc 0', 16, 5, 0, 0],
    ['-1 >> 63 = -1', -1, 63, -1, 1],
    ["X'7FFFFFFF' >> 40 = 0", 0x7fffffff, 40, 0, 0],
    ['-7 >> 1 rounds toward minus infinity: -4', -7, 1, -4, 1],
  ])('SRA: %s', (_n, value, count, result, cc) => {
    const m = directCpu();
    m.cpu.gpr[1] = value;
    exec(m, shift.shiftRightSingle, { r1: 1, addr2: count });
    expect(m.cpu.gpr[1]).toBe(result >>> 0);
    expect(m.cpu.psw.cc).toBe(cc);
  });
});

describe('single logical shifts', () => {
  it.each([
    ['SLL', shift.shiftLeftSingleLogical, 0x80000001, 1, 0x00000002],
    ['SLL', shift.shiftLeftSingleLogical, 0xffffffff, 31, 0x80000000],
    ['SLL', shift.shiftLeftSingleLogical, 0xffffffff, 32, 0],
    ['SRL', shift.shiftRightSingleLogical, 0x80000000, 31, 1],
    ['SRL', shift.shiftRightSingleLogical, 0x80000000, 4, 0x08000000],
    ['SRL', shift.shiftRightSingleLogical, 0xffffffff, 63, 0],
  ])('%s of %i by %i gives %i and leaves the cc', (_n, handler, value, count, result) => {
    const m = directCpu();
    m.cpu.psw.cc = 3;
    m.cpu.gpr[5] = value;
    exec(m, handler, { r1: 5, addr2: count });
    expect(m.cpu.gpr[5]).toBe(result);
    expect(m.cpu.psw.cc).toBe(3);
  });
});

describe('double shifts', () => {
  function pair(handler: typeof shift.shiftLeftDouble, high: number, low: number, count: number, cc = 3) {
    const m = directCpu();
    m.cpu.psw.cc = cc;
    m.cpu.gpr[4] = high;
    m.cpu.gpr[5] = low;
    exec(m, handler, { r1: 4, addr2: count });
    return { m, result: [m.cpu.gpr[4], m.cpu.gpr[5]] };
  }

  it.each([
    ['by 0 sets the cc only', 0, 1, 0, [0, 1], 2],
    ['by 4 carries across the word boundary', 0, 0xf0000001, 4, [0xf, 0x00000010], 2],
    ['by 32 moves the low word up', 0, 0x12345678, 32, [0x12345678, 0], 2],
    ['by 36', 0, 0x01234567, 36, [0x12345670, 0], 2],
    ['-1 by 63: all bits equal the sign, no overflow', 0xffffffff, 0xffffffff, 63, [0x80000000, 0], 1],
    ['a lost one overflows; the sign stays', 0x40000000, 0, 1, [0, 0], 3],
    ['a negative value losing a zero overflows', 0x80000000, 0, 1, [0x80000000, 0], 3],
    ['zero stays zero', 0, 0, 63, [0, 0], 0],
  ])('SLDA: %s', (_n, high, low, count, result, cc) => {
    const { m, result: r } = pair(shift.shiftLeftDouble, high, low, count);
    expect(r).toEqual(result);
    expect(m.cpu.psw.cc).toBe(cc);
    expect(m.interruptions).toEqual([]);
  });

  it('SLDA: overflow interrupts when the mask is on', () => {
    const m = directCpu();
    m.cpu.psw.programMask = 8;
    m.cpu.gpr[0] = 0x00000001;
    m.cpu.gpr[1] = 0;
    exec(m, shift.shiftLeftDouble, { r1: 0, addr2: 40 });
    expect([m.cpu.gpr[0], m.cpu.gpr[1]]).toEqual([0, 0]);
    expect(m.cpu.psw.cc).toBe(3);
    expect(m.interruptions).toEqual([FIXED_POINT_OVERFLOW]);
  });

  it.each([
    ['by 4', 0x0000000f, 0x00000010, 4, [0, 0xf0000001], 2],
    ['a negative pair by 32 sign-fills the high word', 0x80000000, 0x12345678, 32, [0xffffffff, 0x80000000], 1],
    ['by 63 leaves the sign everywhere', 0x80000000, 0, 63, [0xffffffff, 0xffffffff], 1],
    ['the SRDA 32 idiom extends a positive word', 0x00000000, 0x00000000, 32, [0, 0], 0],
    ['by 36', 0xf0000000, 0, 36, [0xffffffff, 0xff000000], 1],
  ])('SRDA: %s', (_n, high, low, count, result, cc) => {
    const { m, result: r } = pair(shift.shiftRightDouble, high, low, count);
    expect(r).toEqual(result);
    expect(m.cpu.psw.cc).toBe(cc);
  });

  it.each([
    ['SLDL by 0', shift.shiftLeftDoubleLogical, 0x1, 0x2, 0, [0x1, 0x2]],
    ['SLDL by 1 carries the low word into the high', shift.shiftLeftDoubleLogical, 0x80000000, 0x80000000, 1, [1, 0]],
    ['SLDL by 63', shift.shiftLeftDoubleLogical, 0, 1, 63, [0x80000000, 0]],
    ['SRDL by 1', shift.shiftRightDoubleLogical, 1, 0, 1, [0, 0x80000000]],
    ['SRDL by 32 zero-fills', shift.shiftRightDoubleLogical, 0x80000000, 0xffffffff, 32, [0, 0x80000000]],
    ['SRDL by 63', shift.shiftRightDoubleLogical, 0x80000000, 0, 63, [0, 1]],
  ])('%s, the cc unchanged', (_n, handler, high, low, count, result) => {
    const { m, result: r } = pair(handler, high, low, count, 2);
    expect(r).toEqual(result);
    expect(m.cpu.psw.cc).toBe(2);
  });
});
