// Control instructions (PoO "Control Instructions"): storage keys and
// key-controlled protection, the system mask, control registers, PSW key,
// DIAGNOSE on bare metal and through an interceptor.

import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../../s390/cpu.js';
import { InterceptAction, type Interceptor } from '../../../s390/interceptor.js';
import { hex8, runProgram } from '../helpers.js';
import { L, LA, rr, rre, rs, s, si, ST, words } from '../encode.js';

const ORIGIN = 0x400;
const BLOCK = 0x8000;

const SSK = (r1: number, r2: number) => rr(0x08, r1, r2);
const ISK = (r1: number, r2: number) => rr(0x09, r1, r2);
const SSKE = (r1: number, r2: number) => rre(0xb22b, r1, r2);
const ISKE = (r1: number, r2: number) => rre(0xb229, r1, r2);
const RRBE = (r1: number, r2: number) => rre(0xb22a, r1, r2);
const SPKA = (d2: number, b2 = 0) => s(0xb20a, b2, d2);
const IPK = () => s(0xb20b, 0, 0);
const LCTL = (r1: number, r3: number, d2: number) => rs(0xb7, r1, r3, 0, d2);
const STCTL = (r1: number, r3: number, d2: number) => rs(0xb6, r1, r3, 0, d2);
const STNSM = (d1: number, i2: number) => si(0xac, i2, 0, d1);
const STOSM = (d1: number, i2: number) => si(0xad, i2, 0, d1);
const SSM = (d2: number) => s(0x8000, 0, d2);
const DIAG = (r1: number, r3: number, d2: number) => rs(0x83, r1, r3, 0, d2);
const STIDP = (d2: number) => s(0xb202, 0, d2);

function run(arch: '370' | '390', code: number[], setup?: (cpu: Cpu) => void, psw?: [number, number]) {
  return runProgram({ arch, origin: ORIGIN, code, setup, psw });
}

describe('S/370 storage keys: SSK and ISK on 2K blocks', () => {
  it('SSK sets ACC, F, R, C; ISK in BC mode inserts ACC and F only, leaving bits 0-23 alone', () => {
    const r = run('370', [...SSK(1, 2), ...ISK(3, 2)], (cpu) => {
      cpu.gpr[1] = 0x3e;
      cpu.gpr[2] = BLOCK;
      cpu.gpr[3] = 0xaabbccff;
    });
    expect(r.endedNormally).toBe(true);
    expect(r.cpu.storage.keyOf(BLOCK)).toBe(0x3e);
    expect(r.cpu.storage.keyOf(BLOCK + 0x800)).toBe(0); // the next 2K block
    expect(hex8(r.cpu.gpr[3])).toBe('AABBCC38');
  });

  it('ISK in EC mode also inserts the reference and change bits', () => {
    const r = run(
      '370',
      [...SSK(1, 2), ...ISK(3, 2)],
      (cpu) => {
        cpu.gpr[1] = 0x36;
        cpu.gpr[2] = BLOCK;
      },
      [0x00080000, ORIGIN],
    );
    expect(r.cpu.gpr[3] & 0xff).toBe(0x36);
  });

  it('SSK with R2 bits 28-31 not zero is a specification exception', () => {
    const r = run('370', SSK(1, 2), (cpu) => {
      cpu.gpr[2] = BLOCK + 4;
    });
    expect(r.programInterruptionCode).toBe(6);
  });

  it('ISK of a block past the end of storage is an addressing exception', () => {
    const r = run('370', ISK(1, 2), (cpu) => {
      cpu.gpr[2] = 0x00f00000;
    });
    expect(r.programInterruptionCode).toBe(5);
  });

  it('SSK and ISK do not exist in ESA/390 mode: operation exception', () => {
    expect(run('390', SSK(1, 2)).programInterruptionCode).toBe(1);
    expect(run('390', ISK(1, 2)).programInterruptionCode).toBe(1);
  });
});

describe('ESA/390 storage keys: SSKE, ISKE, RRBE on 4K blocks', () => {
  it('SSKE ignores bits 20-31 of R2 and covers 4K; ISKE shows R and C', () => {
    const r = run('390', [...SSKE(1, 2), ...ISKE(3, 4)], (cpu) => {
      cpu.gpr[1] = 0x56;
      cpu.gpr[2] = BLOCK + 0x7ff;
      cpu.gpr[4] = BLOCK + 0xc00;
    });
    expect(r.endedNormally).toBe(true);
    expect(r.cpu.gpr[3]).toBe(0x56);
  });

  it('a store sets the change bit; RRBE gives CC 3, then CC 1 once R is reset', () => {
    const IPM = (r1: number) => rre(0xb222, r1, 0);
    const r = run('390', [...ST(0, 0, 2), ...RRBE(0, 2), ...IPM(5), ...RRBE(0, 2), ...IPM(6)], (cpu) => {
      cpu.gpr[2] = BLOCK;
    });
    expect((r.cpu.gpr[5] >>> 28) & 3).toBe(3);
    expect((r.cpu.gpr[6] >>> 28) & 3).toBe(1);
    expect(r.cpu.storage.keyOf(BLOCK) & 0x06).toBe(0x02);
  });
});

describe('key-controlled protection', () => {
  // PSW key 3 from the start; block X'8000' key 5 (with or without fetch protection), X'9000' key 3.
  const keyed = (fetchProtected: boolean) => (cpu: Cpu) => {
    cpu.storage.setKey(BLOCK, fetchProtected ? 0x58 : 0x50);
    cpu.storage.setKey(0x9000, 0x30);
    cpu.storage.load(BLOCK, words(0x11223344));
    cpu.gpr[2] = BLOCK;
    cpu.gpr[3] = 0x9000;
    cpu.gpr[1] = 0xcafe;
  };
  const key3: [number, number] = [0x00380000, 0x80000000 | ORIGIN];
  // The helper's end PSW and the code run under key 3: keep low core at key 0 (fetch is allowed).

  it('a store into a block of another key is a protection exception and stores nothing', () => {
    const r = run('390', ST(1, 0, 2), keyed(false), key3);
    expect(r.programInterruptionCode).toBe(4);
    expect(r.cpu.storage.readU32(BLOCK)).toBe(0x11223344);
  });

  it('a store into a block of the same key is allowed', () => {
    const r = run('390', ST(1, 0, 3), keyed(false), key3);
    expect(r.endedNormally).toBe(true);
    expect(r.cpu.storage.readU32(0x9000)).toBe(0xcafe);
  });

  it('a fetch from another key is allowed unless the block is fetch-protected', () => {
    expect(run('390', L(5, 0, 2), keyed(false), key3).cpu.gpr[5]).toBe(0x11223344);
    const r = run('390', L(5, 0, 2), keyed(true), key3);
    expect(r.programInterruptionCode).toBe(4);
    expect(r.cpu.gpr[5]).toBe(0);
  });

  it('key 0 stores anywhere', () => {
    const r = run('390', ST(1, 0, 2), keyed(true));
    expect(r.cpu.storage.readU32(BLOCK)).toBe(0xcafe);
  });

  it('low-address protection (CR0 bit 3) refuses stores into 0-511 even with key 0', () => {
    const r = run('390', ST(1, 0x100, 0), (cpu) => {
      cpu.cr[0] |= 0x10000000;
    });
    expect(r.programInterruptionCode).toBe(4);
  });
});

describe('PSW key: SPKA and IPK', () => {
  it('SPKA takes the key from bits 24-27 of the address; IPK puts it in bits 24-27 of R2', () => {
    const r = run('390', [...SPKA(0x70), ...IPK(), ...SPKA(0)], (cpu) => {
      cpu.gpr[2] = 0xffffffff;
    });
    expect(hex8(r.cpu.gpr[2])).toBe('FFFFFF70');
    expect(r.cpu.psw.key).toBe(0);
  });

  it('in problem state SPKA needs the key in the CR3 PSW-key mask, IPK the extraction-authority bit', () => {
    const problem: [number, number] = [0x00090000, 0x80000000 | ORIGIN];
    expect(run('390', SPKA(0x70), undefined, problem).programInterruptionCode).toBe(2);
    const allowed = run(
      '390',
      [...SPKA(0x70), ...IPK(), ...SPKA(0)],
      (cpu) => {
        cpu.cr[3] = 0x81000000; // keys 0 and 7
        cpu.cr[0] |= 0x08000000; // extraction authority
      },
      problem,
    );
    expect(allowed.cpu.gpr[2] & 0xff).toBe(0x70);
    expect(run('390', IPK(), undefined, problem).programInterruptionCode).toBe(2);
  });
});

describe('system mask', () => {
  it('STOSM stores the old mask and ORs; STNSM stores and ANDs', () => {
    const r = run('390', [...STOSM(0x800, 0x03), ...STNSM(0x801, 0xfe)]);
    expect(r.cpu.storage.readU8(0x800)).toBe(0x00);
    expect(r.cpu.storage.readU8(0x801)).toBe(0x03);
    expect(r.cpu.storage.readU32(0x1f0)).toBe(0x000a0000); // the end PSW was reached
  });

  it('SSM loads bits 0-7 of the PSW from storage', () => {
    const r = runProgram({
      arch: '370',
      origin: ORIGIN,
      code: SSM(0x800),
      appendStop: false,
      maxInstructions: 1,
      setup: (cpu) => cpu.storage.load(0x800, [0x7e]),
    });
    expect(r.stop.kind).toBe('budget');
    expect(r.cpu.psw.systemMask).toBe(0x7e);
  });

  it('SSM with CR0 bit 1 on is a special-operation exception (X13)', () => {
    const r = run('390', SSM(0x800), (cpu) => {
      cpu.cr[0] |= 0x40000000;
    });
    expect(r.programInterruptionCode).toBe(0x13);
  });

  it('an ESA/390 SSM that sets an unassigned bit leaves a PSW-format error: specification, ILC 0', () => {
    const r = run('390', SSM(0x800), (cpu) => cpu.storage.load(0x800, [0x80]));
    expect(r.programInterruptionCode).toBe(6);
    expect(r.programIlc).toBe(0);
  });
});

describe('control registers', () => {
  it('LCTL and STCTL wrap from CR15 to CR0', () => {
    const r = run('390', [...LCTL(15, 1, 0x800), ...STCTL(15, 1, 0x810)], (cpu) =>
      cpu.storage.load(0x800, words(0x11111111, 0x000000e0, 0x33333333)),
    );
    expect(r.cpu.cr[15]).toBe(0x11111111);
    expect(r.cpu.cr[0]).toBe(0xe0);
    expect(r.cpu.cr[1]).toBe(0x33333333);
    expect(r.cpu.storage.readU32(0x818)).toBe(0x33333333);
  });

  it('LCTL of an operand not on a word boundary is a specification exception', () => {
    expect(run('390', LCTL(0, 0, 0x802)).programInterruptionCode).toBe(6);
  });

  it.each(['370', '390'] as const)('%s: LCTL in problem state is a privileged-operation exception', (arch) => {
    const psw: [number, number] = arch === '370' ? [0x00010000, ORIGIN] : [0x00090000, ORIGIN];
    expect(run(arch, LCTL(0, 0, 0x800), undefined, psw).programInterruptionCode).toBe(2);
  });
});

describe('STIDP', () => {
  it('stores the CPU ID on a doubleword; elsewhere it is a specification exception', () => {
    const r = run('390', STIDP(0x800));
    expect(r.cpu.storage.readU16(0x804)).toBe(0x4381);
    expect(run('390', STIDP(0x804)).programInterruptionCode).toBe(6);
  });
});

describe('DIAGNOSE', () => {
  it.each(['370', '390'] as const)('%s: on bare metal DIAGNOSE is a specification exception', (arch) => {
    expect(run(arch, DIAG(1, 2, 8)).programInterruptionCode).toBe(6);
  });

  it('in problem state it is a privileged-operation exception, and the owner never sees it', () => {
    const seen: string[] = [];
    const r = run(
      '390',
      DIAG(1, 2, 8),
      (cpu) => {
        cpu.interceptor = { instruction: (_c, row) => (seen.push(row.mnemonic), InterceptAction.Done) };
      },
      [0x00090000, ORIGIN],
    );
    expect(r.programInterruptionCode).toBe(2);
    expect(seen).toEqual([]);
  });

  it('an interceptor that simulates it (Done) lets the program go on', () => {
    const interceptor: Interceptor = {
      instruction: (cpu, row, op) => {
        if (row.mnemonic !== 'DIAG') return InterceptAction.Execute;
        cpu.gpr[op.r3] = op.d2;
        return InterceptAction.Done;
      },
    };
    const r = run('390', [...DIAG(1, 2, 8), ...LA(5, 1)], (cpu) => {
      cpu.interceptor = interceptor;
    });
    expect(r.endedNormally).toBe(true);
    expect(r.cpu.gpr[2]).toBe(8);
    expect(r.cpu.gpr[5]).toBe(1);
  });

  it('an interceptor that stops makes run() return the intercepted instruction, PSW past it', () => {
    const r = run('390', [...DIAG(1, 2, 8)], (cpu) => {
      cpu.interceptor = { instruction: () => InterceptAction.Stop };
    });
    expect(r.stop.kind).toBe('intercept');
    if (r.stop.kind !== 'intercept') return;
    expect(r.stop.instruction.row.mnemonic).toBe('DIAG');
    expect(r.stop.instruction.address).toBe(ORIGIN);
    expect(r.stop.instruction.operands.d2).toBe(8);
    expect(r.cpu.psw.address).toBe(ORIGIN + 4);
  });
});
