// Storage, storage keys and the CPU's operand access: addressing
// exceptions, 24- and 31-bit wrap-around, reference and change bits.

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../s390/cpu.js';
import { FixedTodSource } from '../../s390/clock.js';
import { KeyBit, Storage } from '../../s390/storage.js';
import { TEST_TOD_START } from './helpers.js';

const cpuOf = (arch: '370' | '390', bytes = 1 << 20): Cpu =>
  new Cpu(arch, bytes, { clock: new FixedTodSource(TEST_TOD_START) });

describe('Storage', () => {
  it('keys cover 2K blocks in S/370 mode and 4K blocks in ESA/390 mode', () => {
    expect(new Storage(1 << 20, 11).keys.length).toBe(512);
    expect(new Storage(1 << 20, 12).keys.length).toBe(256);
    expect(cpuOf('370').storage.blockSize).toBe(2048);
    expect(cpuOf('390').storage.blockSize).toBe(4096);
  });

  it('big-endian accessors; writes set reference and change bits', () => {
    const storage = new Storage(8192, 12);
    storage.writeU32(0x1000, 0x01020304);
    expect(storage.readU16(0x1001)).toBe(0x0203);
    expect(storage.keyOf(0x1000) & (KeyBit.Reference | KeyBit.Change)).toBe(KeyBit.Reference | KeyBit.Change);
    expect(storage.keyOf(0)).toBe(0);
  });

  it.each([
    [0, 0x50, true, true],
    [5, 0x50, true, true],
    [3, 0x50, false, true],
    [3, 0x58, false, false],
  ])('access key %i on storage key %s: store %s, fetch %s', (key, storageKey, store, fetch) => {
    const storage = new Storage(4096, 12);
    storage.setKey(0, storageKey);
    expect(storage.permits(0, key, true)).toBe(store);
    expect(storage.permits(0, key, false)).toBe(fetch);
  });

  it('rejects a size that is not a multiple of 4K', () => {
    expect(() => new Storage(1000, 11)).toThrow();
  });
});

describe('CPU operand access', () => {
  it('an operand that ends past the installed storage is an addressing exception', () => {
    const cpu = cpuOf('390');
    expect(cpu.access(0xffffc, 4, false)).toBe(true);
    expect(cpu.access(0xffffe, 4, false)).toBe(false);
    expect(cpu.pendingProgramInterruption).toBe(5);
  });

  it('24-bit addresses wrap at 16 MB: a halfword at X FFFFFF reads its second byte at 0', () => {
    const cpu = cpuOf('370', 16 << 20);
    cpu.storage.load(0xffffff, [0xab]);
    cpu.storage.load(0, [0xcd]);
    expect(cpu.access(0xffffff, 2, false)).toBe(true);
    expect(cpu.readU16(0xffffff)).toBe(0xabcd);
    cpu.writeU32(0xfffffe, 0x11223344);
    expect(cpu.storage.readU16(0)).toBe(0x3344);
  });

  it('31-bit addresses wrap at 2 GB, and past the storage that is an addressing exception', () => {
    const cpu = cpuOf('390');
    cpu.setAmode31(true);
    expect(cpu.access(0x7fffffff, 2, false)).toBe(false);
    expect(cpu.pendingProgramInterruption).toBe(5);
    expect(cpu.readU8(0x80000010)).toBe(cpu.storage.readU8(0x10));
  });

  it('a fetch sets the reference bit, a store also the change bit', () => {
    const cpu = cpuOf('390');
    cpu.access(0x5000, 4, false);
    expect(cpu.storage.keyOf(0x5000) & 0x06).toBe(KeyBit.Reference);
    cpu.access(0x6000, 4, true);
    expect(cpu.storage.keyOf(0x6000) & 0x06).toBe(KeyBit.Reference | KeyBit.Change);
  });

  it.each([
    ['key 0, at 0', 0, 0],
    ['key 0, past the end of storage', 0, 0x7ffff000],
    ['key 3, at 0 (low-address protected, fetch-protected block)', 3, 0],
    ['key 3, past the end of storage', 3, 0x7ffff000],
  ])('a zero-length operand (%s) is no access: no exception, no reference or change bit', (_n, key, addr) => {
    const cpu = cpuOf('390');
    cpu.setAmode31(true);
    cpu.cr[0] |= 0x10000000; // low-address protection
    cpu.storage.setKey(0, 0x58); // key 5, fetch-protected
    cpu.setPswKey(key);
    expect(cpu.access(addr, 0, true)).toBe(true);
    expect(cpu.access(addr, 0, false)).toBe(true);
    expect(cpu.pendingProgramInterruption).toBe(0);
    expect(cpu.storage.keys.every((k) => (k & (KeyBit.Reference | KeyBit.Change)) === 0)).toBe(true);
  });
});
