// General instructions run as tiny hand-encoded programs through the CPU's
// own fetch, decode and interruption machinery (runProgram): EXECUTE,
// SUPERVISOR CALL, branches with link information, addressing-mode
// switching and the program interruptions these instructions raise, with
// their old PSW and ILC.

import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../../s390/cpu.js';
import { runProgram } from '../helpers.js';

// ---- a few encoders, fields as drawn in s390/formats.ts ----
const rr = (op: number, r1: number, r2: number): number[] => [op, (r1 << 4) | r2];
const rx = (op: number, r1: number, x2: number, b2: number, d2: number): number[] => [
  op,
  (r1 << 4) | x2,
  (b2 << 4) | (d2 >> 8),
  d2 & 0xff,
];
const rs = (op: number, r1: number, r3: number, b2: number, d2: number): number[] => rx(op, r1, r3, b2, d2);
const si = (op: number, i2: number, b1: number, d1: number): number[] => [op, i2, (b1 << 4) | (d1 >> 8), d1 & 0xff];
const ss = (op: number, l: number, b1: number, d1: number, b2: number, d2: number): number[] => [
  op,
  l,
  (b1 << 4) | (d1 >> 8),
  d1 & 0xff,
  (b2 << 4) | (d2 >> 8),
  d2 & 0xff,
];
const ri = (op: number, r1: number, i2: number): number[] => [
  op >> 4,
  (r1 << 4) | (op & 15),
  (i2 >> 8) & 0xff,
  i2 & 0xff,
];
const rre = (op: number, r1: number, r2: number): number[] => [op >> 8, op & 0xff, 0, (r1 << 4) | r2];

const ORIGIN = 0x2000;
/** ESA/390 PSW, 24-bit mode, at the origin. */
const ESA24: [number, number] = [0x00080000, ORIGIN];

function poke(cpu: Cpu, addr: number, bytes: number[]): void {
  cpu.storage.load(addr, bytes);
}

function peek(cpu: Cpu, addr: number, n: number): number[] {
  return Array.from(cpu.mem.subarray(addr, addr + n));
}

describe('EXECUTE', () => {
  it.each(['370', '390'] as const)('EX of MVC with L = 0 moves R1 bits 24-31 + 1 bytes (%s)', (arch) => {
    const run = runProgram({
      arch,
      code: [...rx(0x44, 3, 0, 0, 0x400)], // EX 3,X'400'
      setup: (cpu) => {
        poke(cpu, 0x400, ss(0xd2, 0, 0, 0x500, 0, 0x600)); // MVC X'500'(1),X'600'
        poke(cpu, 0x600, [1, 2, 3, 4, 5, 6]);
        cpu.gpr[3] = 0xffffff04;
      },
    });
    expect(run.endedNormally).toBe(true);
    expect(peek(run.cpu, 0x500, 6)).toEqual([1, 2, 3, 4, 5, 0]);
    // The target in storage is unchanged.
    expect(peek(run.cpu, 0x401, 1)).toEqual([0]);
  });

  it('EX with R1 = 0 runs the target as it stands', () => {
    const run = runProgram({
      arch: '370',
      code: [...rx(0x44, 0, 0, 0, 0x400)],
      setup: (cpu) => {
        poke(cpu, 0x400, ss(0xd2, 1, 0, 0x500, 0, 0x600));
        poke(cpu, 0x600, [7, 8, 9]);
        cpu.gpr[0] = 0xff;
      },
    });
    expect(peek(run.cpu, 0x500, 3)).toEqual([7, 8, 0]);
  });

  it('EX of TRT: the length comes from R1 and TRT updates registers 1 and 2', () => {
    const run = runProgram({
      arch: '390',
      psw: ESA24,
      code: [...rx(0x44, 4, 0, 0, 0x400), ...rre(0xb222, 6, 0)], // EX 4,X'400' ; IPM 6
      setup: (cpu) => {
        poke(cpu, 0x400, ss(0xdd, 0, 0, 0x500, 0, 0x700)); // TRT X'500'(1),X'700'
        poke(cpu, 0x500, [0xc1, 0xc2, 0x40, 0xc3]);
        cpu.storage.bytes[0x700 + 0x40] = 0x0c;
        cpu.gpr[4] = 3; // length 4
        cpu.gpr[1] = 0xee000000;
      },
    });
    expect(run.endedNormally).toBe(true);
    expect((run.cpu.gpr[6] >>> 28) & 3).toBe(1);
    expect(run.cpu.gpr[1]).toBe(0xee000502);
    expect(run.cpu.gpr[2] & 0xff).toBe(0x0c);
  });

  it('EX of BAL (S/370 BC mode): the link holds ILC 2 and the address after the EX', () => {
    const run = runProgram({
      arch: '370',
      code: [...rx(0x44, 0, 0, 0, 0x400)],
      setup: (cpu) => {
        poke(cpu, 0x400, rx(0x45, 14, 0, 12, 4)); // BAL 14,4(,12): back to the instruction after the EX
        cpu.gpr[12] = ORIGIN;
      },
    });
    expect(run.endedNormally).toBe(true);
    expect(run.cpu.gpr[14]).toBe((0x80000000 | (ORIGIN + 4)) >>> 0);
  });

  // A relative branch as the target of EXECUTE counts from the target's own
  // address (X'400' here), not from the EX at X'2000'. Taken, it lands on
  // LA 9,2 at X'200C'; not taken, execution goes on after the EX (LA 9,1);
  // counted from the EX it would land in zeros (an operation exception).
  const rsi = (op: number, r1: number, r3: number, i2: number): number[] => [
    op,
    (r1 << 4) | r3,
    (i2 >> 8) & 0xff,
    i2 & 0xff,
  ];
  const offset = (ORIGIN + 12 - 0x400) / 2;
  it.each([
    ['BRC 15', ri(0xa74, 15, offset), {}],
    ['BRAS 14', ri(0xa75, 14, offset), {}],
    ['BRCT 3 (count 5)', ri(0xa76, 3, offset), { 3: 5 }],
    ['BRXH 4,6 (10 + 2 > 11)', rsi(0x84, 4, 6, offset), { 4: 10, 6: 2, 7: 11 }],
    ['BRXLE 4,6 (10 + 1 <= 11)', rsi(0x85, 4, 6, offset), { 4: 10, 6: 1, 7: 11 }],
  ] as [string, number[], Record<number, number>][])(
    'EX of %s branches relative to the target instruction, not the EX',
    (_name, target, registers) => {
      const run = runProgram({
        arch: '390',
        psw: ESA24,
        code: [
          ...rx(0x44, 0, 0, 0, 0x400), // 2000 EX 0,X'400'
          ...rx(0x41, 9, 0, 0, 1), //     2004 LA 9,1     not taken
          ...ri(0xa74, 15, 4), //         2008 BRC 15,2010 to the end
          ...rx(0x41, 9, 0, 0, 2), //     200C LA 9,2     taken
        ],
        setup: (cpu) => {
          poke(cpu, 0x400, target);
          for (const [r, v] of Object.entries(registers)) cpu.gpr[Number(r)] = v;
        },
      });
      expect(run.endedNormally).toBe(true);
      expect(run.cpu.gpr[9]).toBe(2);
    },
  );

  it('EX of BRAS: the link information is the address after the EX', () => {
    const run = runProgram({
      arch: '390',
      psw: ESA24,
      code: [...rx(0x44, 0, 0, 0, 0x400)],
      setup: (cpu) => poke(cpu, 0x400, ri(0xa75, 14, (ORIGIN + 4 - 0x400) / 2)),
    });
    expect(run.endedNormally).toBe(true);
    expect(run.cpu.gpr[14]).toBe(ORIGIN + 4);
  });

  it('EX of EX is an execute exception (code 3)', () => {
    const run = runProgram({
      arch: '390',
      code: [...rx(0x44, 0, 0, 0, 0x400)],
      setup: (cpu) => poke(cpu, 0x400, rx(0x44, 0, 0, 0, 0x400)),
    });
    expect(run.programCheck).toBe(true);
    expect(run.programInterruptionCode).toBe(0x03);
    expect(run.programIlc).toBe(2);
  });

  it('EX of an odd address is a specification exception (code 6)', () => {
    const run = runProgram({ arch: '390', code: [...rx(0x44, 0, 0, 0, 0x401)] });
    expect(run.programCheck).toBe(true);
    expect(run.programInterruptionCode).toBe(0x06);
  });
});

describe('SUPERVISOR CALL', () => {
  it("SVC: the old PSW points past the SVC; code and ILC 1 at X'88' (ESA/390)", () => {
    const run = runProgram({
      arch: '390',
      code: [...rr(0x0a, 0x0c, 0x0a)], // SVC 202
      setup: (cpu) => {
        cpu.storage.writeU32(0x60, 0x000a0000);
        cpu.storage.writeU32(0x64, 0x00000123);
      },
    });
    expect(run.cpu.psw.address).toBe(0x123);
    expect(run.cpu.storage.readU32(0x88)).toBe((1 << 17) | 202);
    expect(run.cpu.storage.readU32(0x24)).toBe((0x80000000 | (ORIGIN + 2)) >>> 0);
  });

  it('EX of SVC: ILC 2, the old PSW points past the EX', () => {
    const run = runProgram({
      arch: '390',
      code: [...rx(0x44, 5, 0, 0, 0x400)],
      setup: (cpu) => {
        poke(cpu, 0x400, rr(0x0a, 0, 0)); // SVC 0, ORed with R5
        cpu.gpr[5] = 0x0d;
        cpu.storage.writeU32(0x60, 0x000a0000);
        cpu.storage.writeU32(0x64, 0x00000123);
      },
    });
    expect(run.cpu.storage.readU32(0x88)).toBe((2 << 17) | 0x0d);
    expect(run.cpu.storage.readU32(0x24)).toBe((0x80000000 | (ORIGIN + 4)) >>> 0);
  });
});

describe('program interruptions', () => {
  it('AR overflow with program-mask bit 20 on: sum stored, cc 3, code 8, old PSW past the AR', () => {
    const run = runProgram({
      arch: '390',
      code: [...rr(0x04, 9, 0), ...rr(0x1a, 2, 3)], // SPM 9; AR 2,3
      setup: (cpu) => {
        cpu.gpr[9] = 0x08000000; // program mask 1000
        cpu.gpr[2] = 0x7fffffff;
        cpu.gpr[3] = 1;
      },
    });
    expect(run.programCheck).toBe(true);
    expect(run.programInterruptionCode).toBe(0x08);
    expect(run.programIlc).toBe(1);
    expect(run.cpu.gpr[2]).toBe(0x80000000);
    // ESA/390 old PSW: cc 3 in bits 18-19, program mask 8 in bits 20-23.
    expect(run.programOldPsw).toBe('00083800' + ((0x80000000 | (ORIGIN + 4)) >>> 0).toString(16).toUpperCase());
  });

  it('AR overflow with the mask off: no interruption, the program ends with cc 3', () => {
    const run = runProgram({
      arch: '370',
      code: [...rr(0x1a, 2, 3)],
      setup: (cpu) => {
        cpu.gpr[2] = 0x80000000;
        cpu.gpr[3] = 0x80000000;
      },
    });
    expect(run.endedNormally).toBe(true);
    expect(run.cpu.gpr[2]).toBe(0);
  });

  it('DR by zero (S/370): code 9, ILC 1, the registers unchanged', () => {
    const run = runProgram({
      arch: '370',
      code: [...rr(0x1d, 2, 5)],
      setup: (cpu) => {
        cpu.gpr[2] = 0;
        cpu.gpr[3] = 100;
        cpu.gpr[5] = 0;
      },
    });
    expect(run.programInterruptionCode).toBe(0x09);
    expect(run.programIlc).toBe(1);
    expect([run.cpu.gpr[2], run.cpu.gpr[3]]).toEqual([0, 100]);
  });

  it.each([
    ['M with an odd R1', rx(0x5c, 3, 0, 0, 0x400)],
    ['D with an odd R1', rx(0x5d, 1, 0, 0, 0x400)],
    ['SLDA with an odd R1', rs(0x8f, 5, 0, 0, 1)],
    ['MVCL with an odd R2', rr(0x0e, 2, 5)],
    ['CLCL with an odd R1', rr(0x0f, 3, 4)],
    ['CDS with an odd R3', rs(0xbb, 2, 5, 0, 0x400)],
    ['CS off a word boundary', rs(0xba, 2, 3, 0, 0x402)],
  ])('%s is a specification exception (code 6)', (_n, code) => {
    const run = runProgram({ arch: '390', code });
    expect(run.programCheck).toBe(true);
    expect(run.programInterruptionCode).toBe(0x06);
  });

  it.each([
    ['L', rx(0x58, 1, 0, 7, 0)],
    ['ST', rx(0x50, 1, 0, 7, 0)],
    ['MVC', ss(0xd2, 3, 7, 0, 0, 0x400)],
    ['CLC', ss(0xd5, 3, 0, 0x400, 7, 0)],
    ['TS', [0x93, 0x00, 0x70, 0x00]],
    ['LM', rs(0x98, 0, 3, 7, 0)],
  ])(
    '%s beyond the end of storage is an addressing exception (code 5), storage and registers unchanged',
    (_n, code) => {
      const run = runProgram({
        arch: '390',
        code,
        storageBytes: 1 << 20,
        setup: (cpu) => {
          cpu.gpr[7] = 0x100000; // the first byte past 1M
          cpu.gpr[1] = 0x11111111;
        },
      });
      expect(run.programCheck).toBe(true);
      expect(run.programInterruptionCode).toBe(0x05);
      expect(run.cpu.gpr[1]).toBe(0x11111111);
    },
  );
});

describe('protection and availability', () => {
  /** ESA/390 31-bit PSW with PSW key 1. */
  const KEY1: [number, number] = [0x00180000, (0x80000000 | ORIGIN) >>> 0];

  it.each([
    ['ST', rx(0x50, 1, 0, 0, 0x800)],
    ['MVC', ss(0xd2, 3, 0, 0x800, 0, 0x400)],
    ['MVI', si(0x92, 0xff, 0, 0x800)],
    ['TS', [0x93, 0x00, 0x08, 0x00]],
    ['CS (a store operand even when unequal)', rs(0xba, 2, 3, 0, 0x800)],
    ['MVCL', rr(0x0e, 6, 8)],
  ])('%s into a block with another storage key is a protection exception (code 4), nothing stored', (_n, code) => {
    const run = runProgram({
      arch: '390',
      psw: KEY1,
      code,
      setup: (cpu) => {
        cpu.storage.setKey(0x000, 0x20); // key 2 on the block holding X'800'
        cpu.gpr[1] = 0x11111111;
        cpu.gpr[2] = 0x12345678;
        cpu.gpr[6] = 0x800;
        cpu.gpr[7] = 4;
        cpu.gpr[8] = 0x400;
        cpu.gpr[9] = 4;
        poke(cpu, 0x400, [1, 2, 3, 4]);
      },
    });
    expect(run.programCheck).toBe(true);
    expect(run.programInterruptionCode).toBe(0x04);
    expect(peek(run.cpu, 0x800, 4)).toEqual([0, 0, 0, 0]);
  });

  it('L from a fetch-protected block with another key is a protection exception; without fetch protection it loads', () => {
    const load = [...rx(0x58, 1, 0, 0, 0x800)];
    const fetchProtected = runProgram({
      arch: '390',
      psw: KEY1,
      code: load,
      setup: (cpu) => cpu.storage.setKey(0x000, 0x28),
    });
    expect(fetchProtected.programInterruptionCode).toBe(0x04);
    const open = runProgram({
      arch: '390',
      psw: KEY1,
      code: load,
      setup: (cpu) => {
        cpu.storage.setKey(0x000, 0x20);
        poke(cpu, 0x800, [0xde, 0xad, 0xbe, 0xef]);
      },
    });
    expect(open.endedNormally).toBe(true);
    expect(open.cpu.gpr[1]).toBe(0xdeadbeef);
  });

  it.each([
    ['BRC', ri(0xa74, 15, 2)],
    ['LHI', ri(0xa78, 1, 1)],
    ['MSR', rre(0xb252, 1, 2)],
    ['BASSM', rr(0x0c, 14, 15)],
  ])('%s does not exist in S/370 mode: operation exception (code 1)', (_n, code) => {
    const run = runProgram({ arch: '370', code });
    expect(run.programCheck).toBe(true);
    expect(run.programInterruptionCode).toBe(0x01);
  });
});

describe('branches and addressing modes in programs', () => {
  it('BALR in 24-bit mode links ILC 1, cc and program mask (S/370 BC mode)', () => {
    const run = runProgram({
      arch: '370',
      code: [...rr(0x04, 9, 0), ...rr(0x05, 14, 15)], // SPM 9; BALR 14,15 -> back to the next instruction
      setup: (cpu) => {
        cpu.gpr[9] = 0x26000000; // cc 2, mask 6
        cpu.gpr[15] = ORIGIN + 4;
      },
    });
    expect(run.endedNormally).toBe(true);
    expect(run.cpu.gpr[14]).toBe(0x66000000 | (ORIGIN + 4));
  });

  it('BASSM into 31-bit mode and BSM back to 24-bit mode', () => {
    // 2000 BASSM 14,15   -> 31-bit routine at X'2100'
    // 2002 (returns here in 24-bit mode; LPSW follows)
    // 2100 LA 6,X'FFF'(6,5) : the address is formed in 31-bit mode
    // 2104 BSM 0,14
    const run = runProgram({
      arch: '390',
      psw: ESA24,
      code: [...rr(0x0c, 14, 15)],
      setup: (cpu) => {
        cpu.gpr[15] = 0x80000000 | 0x2100;
        cpu.gpr[5] = 0x01000000;
        cpu.gpr[6] = 0;
        poke(cpu, 0x2100, [...rx(0x41, 6, 6, 5, 0xfff), ...rr(0x0b, 0, 14)]);
      },
    });
    expect(run.endedNormally).toBe(true);
    expect(run.cpu.gpr[14]).toBe(0x00002002);
    expect(run.cpu.gpr[6]).toBe(0x01000fff);
    expect(run.cpu.psw.amode31).toBe(false);
  });

  it('LA in 24-bit mode drops bits 0-7 of the sum; in 31-bit mode only bit 0', () => {
    const code = [...rx(0x41, 1, 2, 3, 0x010)];
    const setup = (cpu: Cpu): void => {
      cpu.gpr[2] = 0xff000000;
      cpu.gpr[3] = 0x80123400;
    };
    expect(runProgram({ arch: '390', psw: ESA24, code, setup }).cpu.gpr[1]).toBe(0x00123410);
    expect(runProgram({ arch: '390', code, setup }).cpu.gpr[1]).toBe(0x7f123410);
  });

  it('a BCT loop adds 1..10 with A and branches back nine times', () => {
    // 2000 LA 3,10 ; SR 2,2 ; 2006: AR 2,3 ; BCT 3,6(,12)
    const run = runProgram({
      arch: '370',
      code: [...rx(0x41, 3, 0, 0, 10), ...rr(0x1b, 2, 2), ...rr(0x1a, 2, 3), ...rx(0x46, 3, 0, 12, 6)],
      setup: (cpu) => (cpu.gpr[12] = ORIGIN),
    });
    expect(run.endedNormally).toBe(true);
    expect(run.cpu.gpr[2]).toBe(55);
    expect(run.cpu.gpr[3]).toBe(0);
  });

  it('a BXLE loop stores 0, 4, 8, 12 through an index register', () => {
    // LA 4,4 ; LA 5,12 ; SR 1,1 ; 200A: ST 1,X'400'(1) ; BXLE 1,4,10(12)
    const run = runProgram({
      arch: '390',
      code: [
        ...rx(0x41, 4, 0, 0, 4),
        ...rx(0x41, 5, 0, 0, 12),
        ...rr(0x1b, 1, 1),
        ...rx(0x50, 1, 1, 0, 0x400),
        ...rs(0x87, 1, 4, 12, 10),
      ],
      setup: (cpu) => (cpu.gpr[12] = ORIGIN),
    });
    expect(run.endedNormally).toBe(true);
    expect(peek(run.cpu, 0x400, 16)).toEqual([0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 8, 0, 0, 0, 12]);
  });

  it('BRAS, BRC and BRCT: a relative subroutine called three times', () => {
    const code = [
      ...ri(0xa78, 3, 3), // 2000 LHI 3,3
      ...ri(0xa75, 14, 8), // 2004 BRAS 14,2014
      ...ri(0xa76, 3, -2), // 2008 BRCT 3,2004
      ...ri(0xa74, 15, 7), // 200C BRC 15,201A (the appended LPSW)
      ...[0x07, 0x00, 0x07, 0x00], // 2010 never reached
      ...ri(0xa7a, 2, 1), // 2014 AHI 2,1
      ...rr(0x07, 15, 14), // 2018 BCR 15,14
    ];
    const run = runProgram({ arch: '390', code });
    expect(run.endedNormally).toBe(true);
    expect(run.cpu.gpr[2]).toBe(3);
    expect(run.cpu.gpr[3]).toBe(0);
    expect(run.cpu.gpr[14]).toBe(0x80002008);
  });

  it('IPM (RRE) reads back the cc and mask SPM set', () => {
    const run = runProgram({
      arch: '390',
      code: [...rr(0x04, 9, 0), ...rre(0xb222, 4, 0)],
      setup: (cpu) => {
        cpu.gpr[9] = 0x3c000000; // cc 3, mask C
        cpu.gpr[4] = 0xffffffff;
      },
    });
    expect(run.cpu.gpr[4]).toBe(0x3cffffff);
  });

  it('MVI, CLI and BC: the condition code steers a branch', () => {
    // MVI X'400',X'C1' ; CLI X'400',X'C1' ; BC 8,+ (skip the MVI X'401') ; MVI X'401',X'FF'
    const run = runProgram({
      arch: '370',
      code: [
        ...si(0x92, 0xc1, 0, 0x400),
        ...si(0x95, 0xc1, 0, 0x400),
        ...rx(0x47, 8, 0, 12, 0x10),
        ...si(0x92, 0xff, 0, 0x401),
      ],
      setup: (cpu) => (cpu.gpr[12] = ORIGIN),
    });
    expect(run.endedNormally).toBe(true);
    expect(peek(run.cpu, 0x400, 2)).toEqual([0xc1, 0x00]);
  });
});
