// Time (PoO "Timing"): the TOD clock, the CPU timer and the clock
// comparator advance with the machine's own time, in instructions while it
// runs and by jumping to the next timer event while it waits, so a timer
// interruption ends an enabled wait deterministically.

import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../s390/cpu.js';
import { TICKS_PER_MICROSECOND } from '../../s390/timers.js';
import { runProgram, TEST_TOD_START } from './helpers.js';
import { LPSW, rs, s, words } from './encode.js';

const ORIGIN = 0x400;
const readU64 = (cpu: Cpu, addr: number): bigint =>
  (BigInt(cpu.storage.readU32(addr)) << 32n) | BigInt(cpu.storage.readU32(addr + 4));
const u64 = (value: bigint): number[] => words(Number(value >> 32n) >>> 0, Number(value & 0xffffffffn) >>> 0);
const MICROSECOND = 4096n;

/** External new PSW: a disabled wait at X'555'. */
function externalStop(cpu: Cpu): void {
  cpu.storage.load(0x58, words(0x000a0000, 0x555));
}

/** SPT X'800'; LCTL 0,0,X'808'; LPSW X'810' (an enabled wait). */
function cpuTimerProgram(arch: '370' | '390', timer: bigint, cr0: number) {
  const waitPsw = arch === '390' ? words(0x010a0000, 0x999) : words(0x01020000, 0x999);
  return runProgram({
    arch,
    origin: ORIGIN,
    code: [...s(0xb208, 0, 0x800), ...rs(0xb7, 0, 0, 0, 0x808), ...LPSW(0x810)],
    setup: (cpu) => {
      externalStop(cpu);
      cpu.storage.load(0x800, [...u64(timer), ...words(cr0), 0, 0, 0, 0, ...waitPsw]);
    },
  });
}

describe('CPU timer', () => {
  it.each(['370', '390'] as const)(
    '%s: an enabled wait ends with external interruption 1005 once the timer goes negative',
    (arch) => {
      const run = cpuTimerProgram(arch, 500n * MICROSECOND, 0x00000400);
      expect(run.cpu.psw.address).toBe(0x555);
      const oldPsw = [run.cpu.storage.readU32(0x18), run.cpu.storage.readU32(0x1c)];
      if (arch === '390') {
        expect(run.cpu.storage.readU16(0x86)).toBe(0x1005);
        expect(oldPsw).toEqual([0x010a0000, 0x999]);
      } else {
        expect(oldPsw[0]).toBe(0x01021005); // BC mode: the code in the old PSW
        expect(oldPsw[1] & 0x00ffffff).toBe(0x999);
      }
      expect(run.cpu.cpuTimer).toBeLessThan(0n);
      // Time jumped over the wait: at least 500 us of ticks went by.
      expect(run.cpu.ticks).toBeGreaterThanOrEqual(500 * TICKS_PER_MICROSECOND);
      expect(run.cpu.instructions).toBe(3);
    },
  );

  it('is deterministic: two runs end at the same tick', () => {
    const a = cpuTimerProgram('390', 123n * MICROSECOND, 0x00000400);
    const b = cpuTimerProgram('390', 123n * MICROSECOND, 0x00000400);
    expect(a.cpu.ticks).toBe(b.cpu.ticks);
  });

  it('a negative value makes the interruption pending at once', () => {
    const run = cpuTimerProgram('390', -1n, 0x00000400);
    expect(run.cpu.psw.address).toBe(0x555);
    expect(run.cpu.ticks).toBeLessThan(10);
  });

  it('masked by CR0 bit 21 the condition stays pending and the wait is not ended', () => {
    const run = cpuTimerProgram('390', 10n * MICROSECOND, 0);
    expect(run.stop).toEqual({ kind: 'wait', disabled: false });
    expect(run.cpu.psw.address).toBe(0x999);
    run.cpu.cr[0] = 0x00000400;
    run.cpu.run(10);
    expect(run.cpu.psw.address).toBe(0x555);
  });

  it('SPT of an operand off a doubleword boundary is a specification exception', () => {
    const run = runProgram({ arch: '390', origin: ORIGIN, code: s(0xb208, 0, 0x804) });
    expect(run.programInterruptionCode).toBe(6);
  });

  it('STPT stores a value not above the one SPT set', () => {
    const run = runProgram({
      arch: '390',
      origin: ORIGIN,
      code: [...s(0xb208, 0, 0x800), ...s(0xb209, 0, 0x808)],
      setup: (cpu) => cpu.storage.load(0x800, u64(1_000_000n * MICROSECOND)),
    });
    const stored = readU64(run.cpu, 0x808);
    expect(stored).toBeLessThan(1_000_000n * MICROSECOND);
    expect(stored).toBeGreaterThan(999_000n * MICROSECOND);
  });
});

describe('clock comparator', () => {
  it.each(['370', '390'] as const)('%s: TOD + 1 ms in the comparator ends an enabled wait with code 1004', (arch) => {
    const waitPsw = arch === '390' ? words(0x010a0000, 0x999) : words(0x01020000, 0x999);
    // The machine's TOD clock starts at TEST_TOD_START, so the comparator
    // can be set to 1 ms after it: SCKC X'800'; LCTL 0,0,X'808'; LPSW X'810'.
    const ckc = TEST_TOD_START + 1000n * MICROSECOND;
    const run = runProgram({
      arch,
      origin: ORIGIN,
      code: [...s(0xb206, 0, 0x800), ...rs(0xb7, 0, 0, 0, 0x808), ...LPSW(0x810)],
      setup: (cpu) => {
        externalStop(cpu);
        cpu.storage.load(0x800, [...u64(ckc), ...words(0x00000800), 0, 0, 0, 0, ...waitPsw]);
      },
    });
    expect(run.cpu.psw.address).toBe(0x555);
    if (arch === '390') expect(run.cpu.storage.readU16(0x86)).toBe(0x1004);
    else expect(run.cpu.storage.readU32(0x18) & 0xffff).toBe(0x1004);
    expect(run.cpu.tod).toBeGreaterThan(ckc);
  });

  it('STCKC gives back what SCKC set', () => {
    const run = runProgram({
      arch: '390',
      origin: ORIGIN,
      code: [...s(0xb206, 0, 0x800), ...s(0xb207, 0, 0x808)],
      setup: (cpu) => cpu.storage.load(0x800, u64(0x0123456789abcdefn)),
    });
    expect(readU64(run.cpu, 0x808)).toBe(0x0123456789abcdefn);
  });
});

describe('TOD clock', () => {
  it.each(['370', '390'] as const)('%s: STCK sets CC 0 and successive values strictly increase', (arch) => {
    const run = runProgram({
      arch,
      origin: ORIGIN,
      code: [...s(0xb205, 0, 0x800), ...s(0xb205, 0, 0x808), ...s(0xb205, 0, 0x811)],
      setup: (cpu) => {
        cpu.psw.cc = 3;
      },
    });
    expect(run.cpu.psw.cc).toBe(0);
    const [a, b, c] = [readU64(run.cpu, 0x800), readU64(run.cpu, 0x808), readU64(run.cpu, 0x811)];
    expect(a).toBeGreaterThanOrEqual(TEST_TOD_START);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
  });

  it('SCK sets the clock that STCK then reads', () => {
    const run = runProgram({
      arch: '390',
      origin: ORIGIN,
      code: [...s(0xb204, 0, 0x800), ...s(0xb205, 0, 0x808)],
      setup: (cpu) => cpu.storage.load(0x800, u64(0x7000000000000000n)),
    });
    const read = readU64(run.cpu, 0x808);
    expect(read).toBeGreaterThan(0x7000000000000000n);
    expect(read - 0x7000000000000000n).toBeLessThan(MICROSECOND);
  });
});
