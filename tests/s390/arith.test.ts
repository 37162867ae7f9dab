// The shared 32/64-bit helpers, checked against BigInt arithmetic over a
// spread of operands (a fixed pseudo-random sequence, so failures repeat).

import { describe, expect, it } from 'vitest';
import {
  addOverflows32,
  ccAddLogical,
  ccSubtractLogical,
  multiplyHighSigned32,
  multiplyHighUnsigned32,
  shiftLeft64High,
  shiftLeft64Low,
  shiftRight64High,
  shiftRight64Low,
  signExtend16,
  subtractOverflows32,
} from '../../s390/arith.js';

function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state ^ (state >>> 15) ^ Math.imul(state, 0x2c1b3c6d)) >>> 0;
  };
}

const SAMPLES = 3000;
const u64 = (high: number, low: number): bigint => (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
const s32 = (x: bigint): number => Number(BigInt.asIntN(32, x));
const u32 = (x: bigint): number => Number(BigInt.asUintN(32, x));

describe('arith helpers', () => {
  it('signExtend16 and the overflow tests agree with exact arithmetic', () => {
    expect(signExtend16(0x7fff)).toBe(0x7fff);
    expect(signExtend16(0x8000)).toBe(-0x8000);
    expect(signExtend16(0x1ffff)).toBe(-1);
    const next = sequence(7);
    for (let i = 0; i < SAMPLES; i++) {
      const a = next() | 0;
      const b = i % 3 === 0 ? -a : next() | 0;
      const sum = BigInt(a) + BigInt(b);
      const diff = BigInt(a) - BigInt(b);
      expect(addOverflows32(a, b, (a + b) | 0)).toBe(sum !== BigInt.asIntN(32, sum));
      expect(subtractOverflows32(a, b, (a - b) | 0)).toBe(diff !== BigInt.asIntN(32, diff));
    }
  });

  it('the logical condition codes follow carry and zero', () => {
    const next = sequence(11);
    for (let i = 0; i < SAMPLES; i++) {
      const a = next();
      const b = i % 5 === 0 ? a : i % 7 === 0 ? -a >>> 0 : next();
      const sum = BigInt(a) + BigInt(b);
      const carry = sum > 0xffffffffn;
      expect(ccAddLogical(a + b)).toBe((carry ? 2 : 0) | (u32(sum) !== 0 ? 1 : 0));
      // a - b as a + ~b + 1: carry out of bit 0 exactly when no borrow.
      const viaComplement = BigInt(a) + BigInt(~b >>> 0) + 1n;
      expect(ccSubtractLogical(a, b)).toBe((viaComplement > 0xffffffffn ? 2 : 0) | (u32(viaComplement) !== 0 ? 1 : 0));
    }
  });

  it('the 64-bit product high words agree with BigInt', () => {
    const next = sequence(12345);
    for (let i = 0; i < SAMPLES; i++) {
      const a = i % 11 === 0 ? 0x80000000 : next();
      const b = i % 13 === 0 ? 0xffffffff : next();
      expect(multiplyHighUnsigned32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
      const signed = BigInt(a | 0) * BigInt(b | 0);
      expect(multiplyHighSigned32(a | 0, b | 0)).toBe(u32(signed >> 32n));
      expect(multiplyHighSigned32(a >>> 0, b >>> 0)).toBe(u32(signed >> 32n));
      expect(Math.imul(a, b) >>> 0).toBe(u32(signed));
    }
  });

  it('the 64-bit shifts agree with BigInt for every count 0-63', () => {
    const next = sequence(99);
    for (let i = 0; i < SAMPLES; i++) {
      const high = next();
      const low = next();
      const n = i % 64;
      const value = u64(high, low);
      const left = BigInt.asUintN(64, value << BigInt(n));
      expect(shiftLeft64High(high, low, n) >>> 0).toBe(u32(left >> 32n));
      expect(shiftLeft64Low(low, n) >>> 0).toBe(u32(left));
      const logical = value >> BigInt(n);
      expect(shiftRight64High(high, n, false) >>> 0).toBe(u32(logical >> 32n));
      expect(shiftRight64Low(high, low, n, false) >>> 0).toBe(u32(logical));
      const arithmetic = BigInt.asIntN(64, value) >> BigInt(n);
      expect(shiftRight64High(high | 0, n, true) | 0).toBe(s32(arithmetic >> 32n));
      expect(shiftRight64Low(high | 0, low, n, true) >>> 0).toBe(u32(arithmetic));
    }
  });
});
