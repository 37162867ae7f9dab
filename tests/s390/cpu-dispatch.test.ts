// The dispatcher (s390/cpu.ts): the checks made from table-row flags, the
// operation exception for opcodes a mode lacks, self-modifying code, and
// instruction fetch across the end of the 24-bit address space.

import { describe, expect, it } from 'vitest';
import { runProgram } from './helpers.js';
import { EX, LA, LPSW, rr, rs, rx, si } from './encode.js';
import { InterceptAction } from '../../s390/interceptor.js';

const ORIGIN = 0x400;

describe('row-flag checks', () => {
  it.each(['370', '390'] as const)('%s: D with an odd R1 is a specification exception, ILC 2', (arch) => {
    const run = runProgram({ arch, origin: ORIGIN, code: rx(0x5d, 3, 0, 0, 0x800) });
    expect(run.programInterruptionCode).toBe(6);
    expect(run.programIlc).toBe(2);
  });

  it('S/370: AER with an odd floating-point register is a specification exception', () => {
    expect(runProgram({ arch: '370', origin: ORIGIN, code: rr(0x3a, 1, 2) }).programInterruptionCode).toBe(6);
  });

  it('ESA/390: AER 1,2 names an additional FP register: data exception, DXC 1 in the word at X90', () => {
    const run = runProgram({ arch: '390', origin: ORIGIN, code: rr(0x3a, 1, 2) });
    expect(run.programInterruptionCode).toBe(7);
    expect(run.cpu.storage.readU32(0x90)).toBe(1);
  });

  it.each(['370', '390'] as const)('%s: AXR 2,4 (not an extended pair) is a specification exception', (arch) => {
    expect(runProgram({ arch, origin: ORIGIN, code: rr(0x36, 2, 4) }).programInterruptionCode).toBe(6);
  });

  it('S/370 has no relative or immediate instructions: LHI is an operation exception with ILC 2', () => {
    const run = runProgram({ arch: '370', origin: ORIGIN, code: [0xa7, 0x18, 0x00, 0x05] });
    expect(run.programInterruptionCode).toBe(1);
    expect(run.programIlc).toBe(2);
  });
});

describe('instruction fetch', () => {
  it.each(['370', '390'] as const)(
    '%s: a store into the next instruction changes what runs (self-modifying code)',
    (arch) => {
      // MVI X'407',5 turns the following LA 1,0 into LA 1,5.
      const run = runProgram({ arch, origin: ORIGIN, code: [...si(0x92, 5, 0, 0x407), ...LA(1, 0)] });
      expect(run.endedNormally).toBe(true);
      expect(run.cpu.gpr[1]).toBe(5);
    },
  );

  it('24-bit mode: an instruction at X FFFFFE continues at address 0', () => {
    const run = runProgram({
      arch: '370',
      storageBytes: 16 << 20,
      origin: 0xfffffe,
      psw: [0, 0xfffffe],
      appendStop: false,
      code: [0x41, 0x10],
      setup: (cpu) => {
        cpu.storage.load(0, [0x00, 0x07, ...LPSW(0x1f0)]);
      },
    });
    expect(run.endedNormally).toBe(true);
    expect(run.cpu.gpr[1]).toBe(7);
  });

  it('31-bit mode: an instruction address past the storage is an addressing exception', () => {
    const run = runProgram({ arch: '390', origin: ORIGIN, code: [], psw: [0x00080000, 0x81000000] });
    expect(run.programInterruptionCode).toBe(5);
  });
});

describe('currentInstructionAddress', () => {
  it.each(['370', '390'] as const)('%s: is the instruction itself, and for an EXECUTE target the target', (arch) => {
    // X'400' DIAG; X'404' EX 0,X'40C'; X'408' BC 15,X'410'; X'40C' DIAG; X'410' the end.
    const seen: number[] = [];
    const run = runProgram({
      arch,
      origin: ORIGIN,
      code: [...rs(0x83, 0, 0, 0, 0), ...EX(0, 0x40c), ...rx(0x47, 15, 0, 0, 0x410), ...rs(0x83, 0, 0, 0, 0)],
      setup: (cpu) => {
        cpu.interceptor = {
          instruction: (c, row) => {
            if (row.mnemonic !== 'DIAG') return InterceptAction.Execute;
            seen.push(c.currentInstructionAddress());
            return InterceptAction.Done;
          },
        };
      },
    });
    expect(run.endedNormally).toBe(true);
    expect(seen).toEqual([0x400, 0x40c]);
  });
});

describe('snapshot', () => {
  it('names the CPU state in JSON-friendly form', () => {
    const run = runProgram({ arch: '390', origin: ORIGIN, code: LA(3, 0x123) });
    const snap = JSON.parse(JSON.stringify(run.cpu.snapshot()));
    expect(snap.psw).toBe('000a000000000000');
    expect(snap.gpr[3]).toBe(0x123);
    expect(snap.instructions).toBe(2);
    expect(snap.tod).toMatch(/^[0-9A-F]{16}$/);
  });
});
