// Loads, stores, inserts and the program-mask instructions (PoO "General
// Instructions"), handler by handler.

import { describe, expect, it } from 'vitest';
import * as load from '../../../s390/instructions/general-load.js';
import { directCpu, exec, hex, peek, poke } from './general-direct.js';

describe('LOAD', () => {
  it('L and LR load a word; LR does not touch the cc', () => {
    const m = directCpu();
    m.cpu.psw.cc = 3;
    poke(m.cpu, 0x2001, hex('89ABCDEF')); // unaligned: allowed
    exec(m, load.load, { r1: 4, addr2: 0x2001 });
    expect(m.cpu.gpr[4]).toBe(0x89abcdef);
    exec(m, load.loadRegister, { r1: 5, r2: 4, length: 2 });
    expect(m.cpu.gpr[5]).toBe(0x89abcdef);
    expect(m.cpu.psw.cc).toBe(3);
  });

  it.each([
    ["X'7FFF' stays positive", '7FFF', 0x00007fff],
    ["X'8000' is sign-extended", '8000', 0xffff8000],
  ])('LH: %s', (_n, bytes, value) => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex(bytes));
    exec(m, load.loadHalfword, { r1: 1, addr2: 0x2000 });
    expect(m.cpu.gpr[1]).toBe(value);
  });

  it('LHI loads the sign-extended immediate', () => {
    const m = directCpu();
    exec(m, load.loadHalfwordImmediate, { r1: 2, i2: -1 });
    expect(m.cpu.gpr[2]).toBe(0xffffffff);
  });

  it('LA loads the effective address as the dispatcher formed it', () => {
    const m = directCpu();
    m.cpu.gpr[7] = 0xffffffff;
    exec(m, load.loadAddress, { r1: 7, addr2: 0x00123456 });
    expect(m.cpu.gpr[7]).toBe(0x00123456);
  });

  it('LM wraps from register 15 to register 0', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('00000001 00000002 00000003 00000004'));
    exec(m, load.loadMultiple, { r1: 14, r3: 1, addr2: 0x2000 });
    expect([m.cpu.gpr[14], m.cpu.gpr[15], m.cpu.gpr[0], m.cpu.gpr[1]]).toEqual([1, 2, 3, 4]);
  });

  it('LM with R1 = R3 loads one register', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('CAFEBABE 11111111'));
    exec(m, load.loadMultiple, { r1: 9, r3: 9, addr2: 0x2000 });
    expect(m.cpu.gpr[9]).toBe(0xcafebabe);
    expect(m.cpu.gpr[10]).toBe(0);
  });
});

describe('STORE', () => {
  it('ST, STH and STC store the rightmost 4, 2 and 1 bytes', () => {
    const m = directCpu();
    m.cpu.gpr[3] = 0x11223344;
    exec(m, load.store, { r1: 3, addr2: 0x2000 });
    exec(m, load.storeHalfword, { r1: 3, addr2: 0x2005 });
    exec(m, load.storeCharacter, { r1: 3, addr2: 0x2008 });
    expect(peek(m.cpu, 0x2000, 9)).toEqual(hex('11223344 00 3344 00 44'));
  });

  it('STM stores R14 through R2, wrapping', () => {
    const m = directCpu();
    [14, 15, 0, 1, 2].forEach((r, i) => (m.cpu.gpr[r] = i + 1));
    exec(m, load.storeMultiple, { r1: 14, r3: 2, addr2: 0x2000 });
    expect(peek(m.cpu, 0x2000, 20)).toEqual(hex('00000001 00000002 00000003 00000004 00000005'));
  });

  it.each([
    ['mask 1111 stores the whole register', 15, '11223344'],
    ['mask 1010 stores bytes 0 and 2 contiguously', 10, '1133'],
    ['mask 0001 stores the last byte', 1, '44'],
    ['mask 0000 stores nothing', 0, ''],
  ])('STCM: %s', (_n, mask, stored) => {
    const m = directCpu();
    m.cpu.gpr[6] = 0x11223344;
    poke(m.cpu, 0x2000, hex('EEEEEEEE'));
    exec(m, load.storeCharactersUnderMask, { r1: 6, r3: mask, addr2: 0x2000 });
    const expected = hex(stored);
    expect(peek(m.cpu, 0x2000, 4)).toEqual([...expected, ...hex('EEEEEEEE').slice(expected.length)]);
  });
});

describe('INSERT', () => {
  it('IC replaces bits 24-31 and keeps the rest, cc unchanged', () => {
    const m = directCpu();
    m.cpu.psw.cc = 2;
    m.cpu.gpr[2] = 0xaabbccdd;
    poke(m.cpu, 0x2000, [0x42]);
    exec(m, load.insertCharacter, { r1: 2, addr2: 0x2000 });
    expect(m.cpu.gpr[2]).toBe(0xaabbcc42);
    expect(m.cpu.psw.cc).toBe(2);
  });

  it.each([
    ['mask 1111, leftmost inserted bit one: cc 1', 15, '80000001', 0x80000001, 1],
    ['mask 1111, all zeros: cc 0', 15, '00000000', 0x00000000, 0],
    ['mask 0110 inserts bytes 1 and 2: positive, cc 2', 6, '7F01', 0xff7f01ff, 2],
    ['mask 0110, first inserted byte has its high bit: cc 1', 6, '8000', 0xff8000ff, 1],
    ['mask 0001: a zero byte gives cc 0, whatever the register holds', 1, '00', 0xffffff00, 0],
    ['mask 0000: nothing inserted, cc 0', 0, '', 0xffffffff, 0],
  ])('ICM: %s', (_n, mask, bytes, value, cc) => {
    const m = directCpu();
    m.cpu.gpr[5] = 0xffffffff;
    m.cpu.psw.cc = 3;
    poke(m.cpu, 0x2000, hex(bytes));
    exec(m, load.insertCharactersUnderMask, { r1: 5, r3: mask, addr2: 0x2000 });
    expect(m.cpu.gpr[5]).toBe(value);
    expect(m.cpu.psw.cc).toBe(cc);
  });
});

describe('INSERT PROGRAM MASK, SET PROGRAM MASK', () => {
  it('IPM puts the cc in bits 2-3 and the program mask in bits 4-7, zeroes bits 0-1, keeps bits 8-31', () => {
    const m = directCpu();
    m.cpu.psw.cc = 2;
    m.cpu.psw.programMask = 0xc;
    m.cpu.gpr[1] = 0xffabcdef;
    exec(m, load.insertProgramMask, { r1: 1 });
    expect(m.cpu.gpr[1]).toBe(0x2cabcdef);
  });

  it('SPM sets the cc from bits 2-3 and the program mask from bits 4-7, ignoring the rest', () => {
    const m = directCpu();
    m.cpu.gpr[3] = 0xd7123456; // 11 01 0111: bits 0-1 ignored, cc 1, mask 7
    exec(m, load.setProgramMask, { r1: 3, length: 2 });
    expect(m.cpu.psw.cc).toBe(1);
    expect(m.cpu.psw.programMask).toBe(7);
  });

  it('IPM then SPM round-trips the cc and mask', () => {
    const m = directCpu();
    m.cpu.psw.cc = 3;
    m.cpu.psw.programMask = 0x8;
    exec(m, load.insertProgramMask, { r1: 9 });
    m.cpu.psw.cc = 0;
    m.cpu.psw.programMask = 0;
    exec(m, load.setProgramMask, { r1: 9, length: 2 });
    expect([m.cpu.psw.cc, m.cpu.psw.programMask]).toEqual([3, 8]);
  });
});
