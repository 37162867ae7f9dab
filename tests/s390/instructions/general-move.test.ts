// MOVE and friends, TRANSLATE, TRANSLATE AND TEST, COMPARE AND SWAP, COMPARE
// DOUBLE AND SWAP, TEST AND SET (PoO "General Instructions").

import { describe, expect, it } from 'vitest';
import * as move from '../../../s390/instructions/general-move.js';
import { directCpu, exec, hex, peek, poke } from './general-direct.js';

const SPECIFICATION = 0x06;

describe('MOVE', () => {
  it('MVI stores the immediate byte', () => {
    const m = directCpu();
    exec(m, move.moveImmediate, { addr1: 0x2000, i2: 0x5c });
    expect(peek(m.cpu, 0x2000, 1)).toEqual([0x5c]);
  });

  it('MVC moves L+1 bytes and leaves the cc', () => {
    const m = directCpu();
    m.cpu.psw.cc = 2;
    poke(m.cpu, 0x2100, hex('C1C2C3C4C5'));
    exec(m, move.moveCharacters, { addr1: 0x2000, l1: 3, addr2: 0x2100, length: 6 });
    expect(peek(m.cpu, 0x2000, 5)).toEqual(hex('C1C2C3C4 00'));
    expect(m.cpu.psw.cc).toBe(2);
  });

  it('MVC one byte to the right of the source propagates the first byte through the field', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('40 C1C2C3C4C5C6C7'));
    exec(m, move.moveCharacters, { addr1: 0x2001, l1: 6, addr2: 0x2000, length: 6 });
    expect(peek(m.cpu, 0x2000, 8)).toEqual(hex('4040404040404040'));
  });

  it('MVC two bytes to the right repeats a two-byte pattern', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('ABCD 000000000000'));
    exec(m, move.moveCharacters, { addr1: 0x2002, l1: 5, addr2: 0x2000, length: 6 });
    expect(peek(m.cpu, 0x2000, 8)).toEqual(hex('ABCDABCDABCDABCD'));
  });

  it('MVC to the left over its own source shifts the field left', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('0102030405'));
    exec(m, move.moveCharacters, { addr1: 0x2000, l1: 3, addr2: 0x2001, length: 6 });
    expect(peek(m.cpu, 0x2000, 5)).toEqual(hex('0203040505'));
  });

  it('MVC of 256 bytes (L = 255)', () => {
    const m = directCpu();
    const src = Array.from({ length: 256 }, (_, i) => i);
    poke(m.cpu, 0x2100, src);
    exec(m, move.moveCharacters, { addr1: 0x2400, l1: 255, addr2: 0x2100, length: 6 });
    expect(peek(m.cpu, 0x2400, 257)).toEqual([...src, 0]);
  });

  it('MVCIN reverses the second operand, whose address is its rightmost byte', () => {
    const m = directCpu();
    poke(m.cpu, 0x2100, hex('0102030405'));
    exec(m, move.moveInverse, { addr1: 0x2000, l1: 4, addr2: 0x2104, length: 6 });
    expect(peek(m.cpu, 0x2000, 5)).toEqual(hex('0504030201'));
  });

  it('MVN moves only the numeric (right) halves, MVZ only the zone (left) halves', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('F1F2F3'));
    poke(m.cpu, 0x2100, hex('C7D8E9'));
    exec(m, move.moveNumerics, { addr1: 0x2000, l1: 2, addr2: 0x2100, length: 6 });
    expect(peek(m.cpu, 0x2000, 3)).toEqual(hex('F7F8F9'));
    exec(m, move.moveZones, { addr1: 0x2000, l1: 2, addr2: 0x2100, length: 6 });
    expect(peek(m.cpu, 0x2000, 3)).toEqual(hex('C7D8E9'));
  });

  it.each([
    ["PoO example: X'123456' into X'7788990C' gives X'0123456C'", '7788990C', '123456', '0123456C'],
    ['a shorter first operand drops the leftmost digits', '770C', '123456', '456C'],
    ['equal lengths', '77889F', '123456', '23456F'],
    ['one byte each: only the sign digit stays', '0D', '97', '7D'],
  ])('MVO: %s', (_n, first, second, result) => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex(first));
    poke(m.cpu, 0x2100, hex(second));
    const l1 = hex(first).length - 1;
    const l2 = hex(second).length - 1;
    exec(m, move.moveWithOffset, { addr1: 0x2000, l1, addr2: 0x2100, l2, length: 6 });
    expect(peek(m.cpu, 0x2000, l1 + 1)).toEqual(hex(result));
  });
});

describe('MOVE LONG', () => {
  function mvcl(arch: '370' | '390', r: number[]) {
    const m = directCpu(arch);
    [2, 3, 4, 5].forEach((reg, i) => (m.cpu.gpr[reg] = r[i]));
    m.cpu.psw.cc = 3;
    return m;
  }

  it('equal lengths: cc 0, addresses advanced, lengths zero', () => {
    const m = mvcl('370', [0x3000, 4, 0x4000, 4]);
    poke(m.cpu, 0x4000, hex('C1C2C3C4'));
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect(peek(m.cpu, 0x3000, 5)).toEqual(hex('C1C2C3C4 00'));
    expect(m.cpu.psw.cc).toBe(0);
    expect([m.cpu.gpr[2], m.cpu.gpr[3], m.cpu.gpr[4], m.cpu.gpr[5]]).toEqual([0x3004, 0, 0x4004, 0]);
  });

  it('a longer first operand is filled with the padding byte: cc 2, the pad stays in R2+1', () => {
    const m = mvcl('370', [0x3000, 6, 0x4000, 0x40000002]);
    poke(m.cpu, 0x4000, hex('C1C2'));
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect(peek(m.cpu, 0x3000, 7)).toEqual(hex('C1C2404040 40 00'));
    expect(m.cpu.psw.cc).toBe(2);
    expect([m.cpu.gpr[2], m.cpu.gpr[3], m.cpu.gpr[4], m.cpu.gpr[5]]).toEqual([0x3006, 0, 0x4002, 0x40000000]);
  });

  it('a shorter first operand takes only its length: cc 1, the rest of the source length stays', () => {
    const m = mvcl('370', [0x3000, 2, 0x4000, 5]);
    poke(m.cpu, 0x4000, hex('0102030405'));
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect(peek(m.cpu, 0x3000, 3)).toEqual(hex('010200'));
    expect(m.cpu.psw.cc).toBe(1);
    expect([m.cpu.gpr[2], m.cpu.gpr[3], m.cpu.gpr[4], m.cpu.gpr[5]]).toEqual([0x3002, 0, 0x4002, 3]);
  });

  it('a zero source length clears the destination with the pad (the storage-clearing idiom)', () => {
    const m = mvcl('370', [0x3000, 0x100, 0, 0]);
    poke(m.cpu, 0x3000, Array(0x101).fill(0xee));
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect(peek(m.cpu, 0x3000, 0x101)).toEqual([...Array(0x100).fill(0), 0xee]);
    expect(m.cpu.psw.cc).toBe(2);
  });

  it('destructive overlap (destination inside the moved source): cc 3, nothing moves', () => {
    const m = mvcl('370', [0xff003002, 4, 0x3000, 4]);
    poke(m.cpu, 0x3000, hex('0102030405060708'));
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect(m.cpu.psw.cc).toBe(3);
    expect(peek(m.cpu, 0x3000, 8)).toEqual(hex('0102030405060708'));
    expect([m.cpu.gpr[2], m.cpu.gpr[3], m.cpu.gpr[4], m.cpu.gpr[5]]).toEqual([0x3002, 4, 0x3000, 4]);
  });

  it('overlap that is not destructive (destination to the left) moves normally', () => {
    const m = mvcl('370', [0x3000, 4, 0x3002, 4]);
    poke(m.cpu, 0x3000, hex('0102030405060708'));
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect(m.cpu.psw.cc).toBe(0);
    expect(peek(m.cpu, 0x3000, 8)).toEqual(hex('0304050605060708'));
  });

  it('the destination past the moved part of the source is not destructive', () => {
    const m = mvcl('370', [0x3002, 4, 0x3000, 2]);
    poke(m.cpu, 0x3000, hex('0102030405060708'));
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect(m.cpu.psw.cc).toBe(2);
    expect(peek(m.cpu, 0x3000, 8)).toEqual(hex('0102010200000708'));
  });

  it('the same address for both operands is not destructive overlap', () => {
    const m = mvcl('370', [0x3000, 3, 0x3000, 3]);
    poke(m.cpu, 0x3000, hex('0A0B0C'));
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect(m.cpu.psw.cc).toBe(0);
    expect(peek(m.cpu, 0x3000, 3)).toEqual(hex('0A0B0C'));
  });

  it('runs into the end of storage: the units before it are moved, the registers describe the rest, addressing', () => {
    const m = directCpu('370'); // 64K of storage
    [2, 3, 4, 5].forEach((reg, i) => (m.cpu.gpr[reg] = [0xf800, 0x1000, 0, 0xab000000][i]));
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect(m.interruptions).toEqual([0x05]);
    expect(peek(m.cpu, 0xf800, 2)).toEqual([0xab, 0xab]);
    expect(peek(m.cpu, 0xfffe, 2)).toEqual([0xab, 0xab]);
    expect([m.cpu.gpr[2], m.cpu.gpr[3], m.cpu.gpr[4], m.cpu.gpr[5]]).toEqual([0x10000, 0x800, 0, 0xab000000]);
    expect(m.cpu.psw.cc).toBe(2);
  });

  it('24-bit mode clears bits 0-7 of R1 and R2; bits 0-7 of R1+1 are kept', () => {
    const m = mvcl('390', [0xaa003000, 0x77000001, 0xbb004000, 0x00000001]);
    poke(m.cpu, 0x4000, [0x99]);
    exec(m, move.moveLong, { r1: 2, r2: 4, length: 2 });
    expect([m.cpu.gpr[2], m.cpu.gpr[3], m.cpu.gpr[4], m.cpu.gpr[5]]).toEqual([0x3001, 0x77000000, 0x4001, 0]);
    expect(peek(m.cpu, 0x3000, 1)).toEqual([0x99]);
  });
});

describe('TRANSLATE, TRANSLATE AND TEST', () => {
  function table(cpu: ReturnType<typeof directCpu>['cpu'], at: number, f: (i: number) => number) {
    poke(
      cpu,
      at,
      Array.from({ length: 256 }, (_, i) => f(i)),
    );
  }

  it('TR replaces each byte by its table entry', () => {
    const m = directCpu();
    table(m.cpu, 0x3000, (i) => (i + 1) & 0xff);
    poke(m.cpu, 0x2000, hex('00 41 FF'));
    exec(m, move.translate, { addr1: 0x2000, l1: 2, addr2: 0x3000, length: 6 });
    expect(peek(m.cpu, 0x2000, 3)).toEqual(hex('01 42 00'));
  });

  it('TR with a table near the end of storage is fine when the bytes used are inside it', () => {
    const m = directCpu();
    const size = m.cpu.mem.length;
    poke(m.cpu, 0x2000, hex('00 01'));
    poke(m.cpu, size - 2, hex('AA BB'));
    exec(m, move.translate, { addr1: 0x2000, l1: 1, addr2: size - 2, length: 6 });
    expect(m.interruptions).toEqual([]);
    expect(peek(m.cpu, 0x2000, 2)).toEqual(hex('AA BB'));
  });

  it('TRT: no non-zero function byte: cc 0, registers 1 and 2 unchanged', () => {
    const m = directCpu();
    table(m.cpu, 0x3000, () => 0);
    poke(m.cpu, 0x2000, hex('C1C2C3'));
    m.cpu.gpr[1] = 0x11111111;
    m.cpu.gpr[2] = 0x22222222;
    exec(m, move.translateAndTest, { addr1: 0x2000, l1: 2, addr2: 0x3000, length: 6 });
    expect(m.cpu.psw.cc).toBe(0);
    expect([m.cpu.gpr[1], m.cpu.gpr[2]]).toEqual([0x11111111, 0x22222222]);
  });

  it('TRT: found before the last byte: cc 1, R1 bits 8-31 = its address, R2 bits 24-31 = the function byte', () => {
    const m = directCpu('370');
    table(m.cpu, 0x3000, (i) => (i === 0x40 ? 0x04 : 0));
    poke(m.cpu, 0x2000, hex('C1 40 C2 40'));
    m.cpu.gpr[1] = 0xff000000;
    m.cpu.gpr[2] = 0xaaaaaaaa;
    exec(m, move.translateAndTest, { addr1: 0x2000, l1: 3, addr2: 0x3000, length: 6 });
    expect(m.cpu.psw.cc).toBe(1);
    expect(m.cpu.gpr[1]).toBe(0xff002001);
    expect(m.cpu.gpr[2]).toBe(0xaaaaaa04);
  });

  it('TRT: found at the last byte: cc 2', () => {
    const m = directCpu();
    table(m.cpu, 0x3000, (i) => (i === 0x5e ? 0x80 : 0));
    poke(m.cpu, 0x2000, hex('C1C2 5E'));
    exec(m, move.translateAndTest, { addr1: 0x2000, l1: 2, addr2: 0x3000, length: 6 });
    expect(m.cpu.psw.cc).toBe(2);
    expect(m.cpu.gpr[1]).toBe(0x2002);
    expect(m.cpu.gpr[2]).toBe(0x80);
  });

  it('TRT in 31-bit mode puts the address in bits 1-31 of register 1 and sets bit 0 to zero', () => {
    const m = directCpu('390');
    m.cpu.setAmode31(true);
    table(m.cpu, 0x3000, (i) => i);
    poke(m.cpu, 0x2000, hex('00 07'));
    m.cpu.gpr[1] = 0xffffffff;
    exec(m, move.translateAndTest, { addr1: 0x2000, l1: 1, addr2: 0x3000, length: 6 });
    expect(m.cpu.gpr[1]).toBe(0x00002001);
    expect(m.cpu.psw.cc).toBe(2);
  });
});

describe('COMPARE AND SWAP, COMPARE DOUBLE AND SWAP, TEST AND SET', () => {
  it('CS equal: R3 is stored, cc 0', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('00000005'));
    m.cpu.gpr[2] = 5;
    m.cpu.gpr[3] = 6;
    exec(m, move.compareAndSwap, { r1: 2, r3: 3, addr2: 0x2000 });
    expect(m.cpu.psw.cc).toBe(0);
    expect(peek(m.cpu, 0x2000, 4)).toEqual(hex('00000006'));
    expect(m.cpu.gpr[2]).toBe(5);
  });

  it('CS unequal: the storage word is loaded into R1, cc 1, storage unchanged', () => {
    const m = directCpu();
    poke(m.cpu, 0x2000, hex('00000009'));
    m.cpu.gpr[2] = 5;
    m.cpu.gpr[3] = 6;
    exec(m, move.compareAndSwap, { r1: 2, r3: 3, addr2: 0x2000 });
    expect(m.cpu.psw.cc).toBe(1);
    expect(m.cpu.gpr[2]).toBe(9);
    expect(peek(m.cpu, 0x2000, 4)).toEqual(hex('00000009'));
  });

  it('CS off a word boundary is a specification exception and changes nothing', () => {
    const m = directCpu();
    m.cpu.psw.cc = 2;
    exec(m, move.compareAndSwap, { r1: 2, r3: 3, addr2: 0x2002 });
    expect(m.interruptions).toEqual([SPECIFICATION]);
    expect(m.cpu.psw.cc).toBe(2);
  });

  it('CDS equal and unequal', () => {
    const m = directCpu();
    poke(m.cpu, 0x2008, hex('00000001 00000002'));
    m.cpu.gpr[2] = 1;
    m.cpu.gpr[3] = 2;
    m.cpu.gpr[4] = 0xaaaaaaaa;
    m.cpu.gpr[5] = 0xbbbbbbbb;
    exec(m, move.compareDoubleAndSwap, { r1: 2, r3: 4, addr2: 0x2008 });
    expect(m.cpu.psw.cc).toBe(0);
    expect(peek(m.cpu, 0x2008, 8)).toEqual(hex('AAAAAAAA BBBBBBBB'));
    exec(m, move.compareDoubleAndSwap, { r1: 2, r3: 4, addr2: 0x2008 });
    expect(m.cpu.psw.cc).toBe(1);
    expect([m.cpu.gpr[2], m.cpu.gpr[3]]).toEqual([0xaaaaaaaa, 0xbbbbbbbb]);
  });

  it('CDS on a word but not doubleword boundary is a specification exception', () => {
    const m = directCpu();
    exec(m, move.compareDoubleAndSwap, { r1: 2, r3: 4, addr2: 0x2004 });
    expect(m.interruptions).toEqual([SPECIFICATION]);
  });

  it.each([
    ['a zero byte: cc 0', 0x00, 0],
    ['leftmost bit one: cc 1', 0x80, 1],
    ['leftmost bit zero, others one: cc 0', 0x7f, 0],
  ])('TS: %s, and the byte becomes all ones', (_n, byte, cc) => {
    const m = directCpu();
    poke(m.cpu, 0x2000, [byte]);
    exec(m, move.testAndSet, { addr2: 0x2000 });
    expect(m.cpu.psw.cc).toBe(cc);
    expect(peek(m.cpu, 0x2000, 1)).toEqual([0xff]);
  });
});
