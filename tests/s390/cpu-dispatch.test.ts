// The dispatcher (s390/cpu.ts): the checks made from table-row flags, the
// operation exception for opcodes a mode lacks, self-modifying code, and
// instruction fetch across the end of the 24-bit address space.

import { describe, expect, it } from 'vitest';
import { runProgram } from './helpers.js';
import { EX, LA, LPSW, rr, rs, rx, si } from './encode.js';
import { InterceptAction } from '../../s390/interceptor.js';
import { DIRECT_DISPATCH } from '../../s390/cpu.js';
import { dispatchTable } from '../../s390/table.js';
import { generalHandlers } from '../../s390/instructions/general.js';

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

  // LRDR: R1 a long register, R2 an extended pair (0 or 4). The checks as
  // Hercules makes them: R1 first (an AFP register), then R2 (not a pair,
  // then an AFP register).
  it.each([
    ['370', 0, 2, 6],
    ['370', 0, 6, 6],
    ['370', 0, 1, 6],
    ['370', 1, 0, 6],
    ['390', 0, 2, 6],
    ['390', 0, 6, 6],
    ['390', 2, 10, 6],
    ['390', 0, 1, 7],
    ['390', 0, 8, 7],
    ['390', 1, 0, 7],
    ['390', 1, 2, 7],
  ] as const)('%s: LRDR %i,%i raises program interruption %i', (arch, r1, r2, code) => {
    const run = runProgram({ arch, origin: ORIGIN, code: rr(0x25, r1, r2) });
    expect(run.programInterruptionCode).toBe(code);
    if (arch === '390') expect(run.cpu.storage.readU32(0x90)).toBe(code === 7 ? 1 : 0);
  });

  it.each(['370', '390'] as const)(
    '%s: LRDR 6,4 with a valid pair runs and leaves FPR 4 rounded into FPR 6',
    (arch) => {
      const run = runProgram({
        arch,
        origin: ORIGIN,
        code: rr(0x25, 6, 4),
        setup: (cpu) => {
          cpu.fpr[4] = 0x41123456;
          cpu.fpr[5] = 0x789abcde;
          cpu.fpr[6] = 0x33800000;
          cpu.fpr[7] = 0;
        },
      });
      expect(run.endedNormally).toBe(true);
      expect([run.cpu.fpr[6], run.cpu.fpr[7]]).toEqual([0x41123456, 0x789abcdf]);
    },
  );

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

describe('direct dispatch (the loop calls the most frequent handlers itself)', () => {
  it.each(['370', '390'] as const)(
    '%s: each directly called opcode is a bare table entry with that handler',
    (arch) => {
      const table = dispatchTable(arch);
      for (const [opcode, handler] of DIRECT_DISPATCH) {
        const row = table.rows[opcode];
        expect(row?.flags ?? -1, `${opcode.toString(16)}`).not.toBe(-1);
        expect(generalHandlers[row!.mnemonic]).toBe(handler);
        expect(table.entries[opcode]).toBe(handler);
        expect(table.checks[opcode]).toBe(0);
      }
    },
  );

  it.each(['370', '390'] as const)('%s: a program using every directly called instruction', (arch) => {
    // Program at X'400', data at X'800'; all addresses absolute (B2 = 0).
    const program = [
      ...rr(0x05, 12, 0), //          400 BALR 12,0         link only
      ...LA(1, 5), //                 402 LA   1,5
      ...rr(0x18, 2, 1), //           406 LR   2,1          5
      ...rr(0x1a, 2, 1), //           408 AR   2,1          10
      ...rr(0x1b, 2, 1), //           40A SR   2,1          5
      ...rr(0x12, 3, 2), //           40C LTR  3,2          5, cc 2
      ...rx(0x50, 3, 0, 0, 0x800), // 40E ST   3,X'800'
      ...rx(0x58, 4, 0, 0, 0x800), // 412 L    4,X'800'     5
      ...rx(0x5a, 4, 0, 0, 0x800), // 416 A    4,X'800'     10
      ...rx(0x59, 4, 0, 0, 0x800), // 41A C    4,X'800'     cc 2
      ...rx(0x42, 4, 0, 0, 0x804), // 41E STC  4,X'804'     X'0A'
      ...rx(0x43, 5, 0, 0, 0x804), // 422 IC   5,X'804'     10
      ...rx(0x48, 6, 0, 0, 0x802), // 426 LH   6,X'802'     5
      ...si(0x92, 0xf0, 0, 0x805), // 42A MVI  X'805',X'F0'
      ...si(0x91, 0xf0, 0, 0x805), // 42E TM   X'805',X'F0' cc 3
      ...rr(0x19, 3, 1), //           432 CR   3,1          cc 0
      ...si(0x95, 0xf0, 0, 0x805), // 434 CLI  X'805',X'F0' cc 0
      ...rx(0x47, 8, 0, 0, 0x440), // 438 BC   8,X'440'     taken
      ...LA(9, 1), //                 43C LA   9,1          skipped
      ...LA(7, 3), //                 440 LA   7,3
      ...LA(8, 1, 8), //              444 LA   8,1(8)       three times
      ...rx(0x46, 7, 0, 0, 0x444), // 448 BCT  7,X'444'
      ...LA(15, 0x458), //            44C LA   15,X'458'
      ...rr(0x05, 14, 15), //         450 BALR 14,15
      ...rx(0x47, 15, 0, 0, 0x45e), //452 BC   15,X'45E'    past the subroutine
      ...rr(0x07, 0, 0), //           456 BCR  0,0
      ...LA(10, 10), //               458 LA   10,10        the subroutine
      ...rr(0x07, 15, 14), //         45C BCR  15,14
    ];
    const run = runProgram({ arch, origin: ORIGIN, code: program });
    expect(run.endedNormally).toBe(true);
    const g = run.cpu.gpr;
    expect([g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10]]).toEqual([5, 5, 5, 10, 10, 5, 0, 3, 0, 10]);
    expect(run.cpu.storage.readU32(0x800)).toBe(5);
    expect(Array.from(run.cpu.mem.subarray(0x804, 0x806))).toEqual([0x0a, 0xf0]);
    expect(g[14] & 0x00ffffff).toBe(0x452);
  });
});
