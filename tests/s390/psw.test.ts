// PSW formats: S/370 BC and EC mode, ESA/390 (PoO "Program-Status Word"),
// encode/decode round trips and the PSW-format errors.

import { describe, expect, it } from 'vitest';
import { Psw } from '../../s390/psw.js';

function decoded(arch: '370' | '390', w0: number, w1: number): Psw {
  const psw = new Psw();
  psw.decode(arch, w0, w1);
  return psw;
}

describe('PSW decode', () => {
  it('S/370 BC mode: channel masks, key, M W P, code, ILC, CC, program mask, address', () => {
    const psw = decoded('370', 0xfe570123, 0xae123456);
    expect(psw.snapshot()).toMatchObject({
      systemMask: 0xfe,
      key: 5,
      ecMode: false,
      machineCheckMask: true,
      wait: true,
      problemState: true,
      interruptionCode: 0x0123,
      ilc: 2,
      cc: 2,
      programMask: 0xe,
      address: 0x123456,
      formatError: false,
    });
  });

  it('S/370 EC mode: CC and program mask in word 0, 24-bit address', () => {
    const psw = decoded('370', 0x070e2f00, 0x00abcdef);
    expect(psw.snapshot()).toMatchObject({
      systemMask: 0x07,
      key: 0,
      ecMode: true,
      wait: true,
      cc: 2,
      programMask: 0xf,
      address: 0xabcdef,
      formatError: false,
    });
  });

  it('ESA/390: addressing mode, 31-bit address, address-space control', () => {
    const psw = decoded('390', 0x0308d100, 0x80123456);
    expect(psw.snapshot()).toMatchObject({
      systemMask: 0x03,
      ecMode: true,
      addressSpaceControl: 3,
      cc: 1,
      programMask: 1,
      amode31: true,
      address: 0x00123456,
      formatError: false,
    });
  });

  it.each([
    ['370', 0x80080000, 0, 'EC mode bit 0'],
    ['370', 0x08080000, 0, 'EC mode bit 4'],
    ['370', 0x00088000, 0, 'EC mode bit 16 (no dual-address space)'],
    ['370', 0x00084000, 0, 'EC mode bit 17'],
    ['370', 0x00080001, 0, 'EC mode bit 31'],
    ['370', 0x00080000, 0x01000000, 'EC mode bit 39'],
    ['390', 0x00000000, 0, 'ESA/390 bit 12 zero'],
    ['390', 0x20080000, 0, 'ESA/390 bit 2'],
    ['390', 0x00080080, 0, 'ESA/390 bit 24'],
    ['390', 0x00080000, 0x01000000, 'ESA/390 24-bit mode with bit 39 set'],
  ] as const)('%s PSW %s %s is a PSW-format error (%s)', (arch, w0, w1, _why) => {
    expect(decoded(arch, w0, w1).formatError).toBe(true);
  });

  it.each([
    ['370', 0xfff7ffff, 0xffffffff, 'BC mode has no unassigned bits'],
    ['390', 0x00080000, 0xffffffff, 'ESA/390 31-bit mode may use bits 33-39'],
  ] as const)('%s PSW %s %s is valid (%s)', (arch, w0, w1, _why) => {
    expect(decoded(arch, w0, w1).formatError).toBe(false);
  });
});

describe('PSW encode', () => {
  it.each([
    ['370', 0xfe570123, 0xae123456],
    ['370', 0x070e2f00, 0x00abcdef],
    ['390', 0x0308d100, 0x80123456],
    ['390', 0x040a0000, 0x00000bad],
  ] as const)('%s PSW %s %s round-trips', (arch, w0, w1) => {
    expect(decoded(arch, w0, w1).encode(arch)).toEqual([w0 >>> 0, w1 >>> 0]);
  });

  it.each([
    ['370', 0x80080001, 0x01000000],
    ['390', 0x00000000, 0x00001000],
    ['390', 0x20080080, 0x7f000000],
  ] as const)('an invalid %s PSW %s %s is stored back unchanged (the program old PSW)', (arch, w0, w1) => {
    expect(decoded(arch, w0, w1).encode(arch)).toEqual([w0 >>> 0, w1 >>> 0]);
  });

  it('the channel masks: BC bits 0-5 per channel and bit 6 beyond; EC bit 6 with CR2', () => {
    const bc = decoded('370', 0x42000000, 0);
    expect([0, 1, 2, 6, 7].map((c) => bc.channelEnabled(c, 0))).toEqual([false, true, false, true, true]);
    const ec = decoded('370', 0x02080000, 0);
    expect(ec.channelEnabled(1, 0x40000000)).toBe(true);
    expect(ec.channelEnabled(0, 0x40000000)).toBe(false);
    expect(decoded('370', 0x00080000, 0).channelEnabled(1, 0xffffffff)).toBe(false);
  });

  it('a wait PSW is disabled only when no I/O, external or machine-check mask is on', () => {
    expect(decoded('370', 0x00020000, 0).disabledForInterruptions).toBe(true);
    expect(decoded('370', 0x01020000, 0).disabledForInterruptions).toBe(false);
    expect(decoded('390', 0x000a0000, 0).disabledForInterruptions).toBe(true);
    expect(decoded('390', 0x020a0000, 0).disabledForInterruptions).toBe(false);
    expect(decoded('390', 0x000e0000, 0).disabledForInterruptions).toBe(false);
  });

  it('toHex gives the 16 digits of the format in use', () => {
    expect(decoded('390', 0x00080000, 0x80002000).toHex('390')).toBe('0008000080002000');
  });
});
