// Floating-point instruction handlers (s390/instructions/float.ts), called
// directly on a Cpu with filled Operands: which register words and storage
// bytes each instruction reads and writes, the condition code, and when the
// result is stored before an interruption or suppressed. The arithmetic
// itself is proven in tests/s390/hfp.test.ts. Rules from the PoO chapter
// "Floating-Point Instructions" (GA22-7000, SA22-7201).

import { describe, expect, it } from 'vitest';
import { Cpu, type ArchMode } from '../../../s390/cpu.js';
import { floatHandlers } from '../../../s390/instructions/float.js';
import { ProgramInterruption } from '../../../s390/interruption.js';
import { Flag, OPCODES } from '../../../s390/opcodes.js';
import { Operands } from '../../../s390/operands.js';
import { runProgram } from '../helpers.js';

const STORAGE = 0x10000;

function machine(arch: ArchMode = '390'): Cpu {
  return new Cpu(arch, STORAGE);
}

function operands(r1: number, r2: number, addr2 = 0): Operands {
  const op = new Operands();
  op.r1 = r1;
  op.r2 = r2;
  op.addr2 = addr2;
  return op;
}

/** Set FPR r (both words) from 16 hex digits. */
function setFpr(cpu: Cpu, r: number, hex: string): void {
  cpu.fpr[r] = parseInt(hex.slice(0, 8), 16);
  cpu.fpr[r + 1] = parseInt(hex.slice(8, 16), 16);
}

/** FPR r as 16 hex digits. */
function fpr(cpu: Cpu, r: number): string {
  return [cpu.fpr[r], cpu.fpr[r + 1]].map((w) => w.toString(16).toUpperCase().padStart(8, '0')).join('');
}

function poke(cpu: Cpu, addr: number, hex: string): void {
  for (let i = 0; i < hex.length / 2; i++) cpu.mem[addr + i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
}

function peek(cpu: Cpu, addr: number, length: number): string {
  return Array.from(cpu.mem.subarray(addr, addr + length), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(
    '',
  );
}

function run(mnemonic: string, cpu: Cpu, op: Operands): void {
  const handler = floatHandlers[mnemonic];
  if (!handler) throw new Error(`no handler for ${mnemonic}`);
  handler(cpu, op);
}

describe('the handler map', () => {
  const floatRows = OPCODES.filter(
    (r) => r.flags & (Flag.Fpr | Flag.FprExtended | Flag.FprExtendedR1 | Flag.FprExtendedR2),
  );

  it('has a handler for every floating-point row of the opcode table', () => {
    const missing = floatRows.map((r) => r.mnemonic).filter((m) => !(m in floatHandlers));
    expect(missing).toEqual([]);
  });

  it('names no mnemonic outside the floating-point rows', () => {
    const rows = new Set(floatRows.map((r) => r.mnemonic));
    expect(Object.keys(floatHandlers).filter((m) => !rows.has(m))).toEqual([]);
  });
});

describe('LOAD and STORE', () => {
  it('LER replaces only the high word of R1', () => {
    const cpu = machine();
    setFpr(cpu, 0, '4212345678ABCDEF');
    setFpr(cpu, 2, 'C1ABCDEF01234567');
    run('LER', cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe('C1ABCDEF78ABCDEF');
  });

  it('LDR copies both words, unnormalized values unchanged', () => {
    const cpu = machine();
    setFpr(cpu, 6, '0000000000000001');
    run('LDR', cpu, operands(4, 6));
    expect(fpr(cpu, 4)).toBe('0000000000000001');
  });

  it('LE loads a word from storage and leaves the low word of R1 unchanged', () => {
    const cpu = machine();
    setFpr(cpu, 2, '4212345678ABCDEF');
    poke(cpu, 0x100, '3F000001');
    run('LE', cpu, operands(2, 0, 0x100));
    expect(fpr(cpu, 2)).toBe('3F00000178ABCDEF');
  });

  it.each<ArchMode>(['370', '390'])('LD from an odd address works in %s mode (no alignment rule)', (arch) => {
    const cpu = machine(arch);
    poke(cpu, 0x103, '8000000000000001');
    run('LD', cpu, operands(6, 0, 0x103));
    expect(fpr(cpu, 6)).toBe('8000000000000001');
    expect(cpu.pendingProgramInterruption).toBe(0);
  });

  it('STE stores only the high word; STD stores both', () => {
    const cpu = machine();
    setFpr(cpu, 0, '4123456789ABCDEF');
    setFpr(cpu, 2, 'C2FEDCBA98765432');
    poke(cpu, 0x200, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    run('STE', cpu, operands(0, 0, 0x200));
    run('STD', cpu, operands(2, 0, 0x208));
    expect(peek(cpu, 0x200, 16)).toBe('41234567AAAAAAAAC2FEDCBA98765432');
  });

  it.each([
    ['LE', 4],
    ['LD', 8],
  ])('%s beyond the end of storage raises addressing and leaves the register unchanged', (mnemonic) => {
    const cpu = machine();
    setFpr(cpu, 0, '4110000000000000');
    run(mnemonic, cpu, operands(0, 0, STORAGE - 2));
    expect(cpu.pendingProgramInterruption).toBe(ProgramInterruption.Addressing);
    expect(fpr(cpu, 0)).toBe('4110000000000000');
  });

  it('STD beyond the end of storage stores nothing', () => {
    const cpu = machine();
    setFpr(cpu, 0, '4110000000000000');
    run('STD', cpu, operands(0, 0, STORAGE - 4));
    expect(cpu.pendingProgramInterruption).toBe(ProgramInterruption.Addressing);
    expect(peek(cpu, STORAGE - 4, 4)).toBe('00000000');
  });
});

describe('LOAD AND TEST, COMPLEMENT, NEGATIVE, POSITIVE', () => {
  it.each([
    // [mnemonic, second operand, R1 before, R1 after, cc]
    ['LTER', '4110000077777777', '000000000F0F0F0F', '411000000F0F0F0F', 2],
    ['LTER', '4500000077777777', '000000000F0F0F0F', '450000000F0F0F0F', 0],
    ['LTER', '4200010077777777', '000000000F0F0F0F', '420001000F0F0F0F', 2],
    ['LCER', '0000000077777777', '000000000F0F0F0F', '800000000F0F0F0F', 0],
    ['LNER', 'C110000077777777', '000000000F0F0F0F', 'C11000000F0F0F0F', 1],
    ['LPER', '8000000077777777', '000000000F0F0F0F', '000000000F0F0F0F', 0],
    ['LTDR', 'C100000000000001', '0000000000000000', 'C100000000000001', 1],
    ['LTDR', '7F00000000000000', '0000000000000000', '7F00000000000000', 0],
    ['LCDR', '4110000000000000', '0000000000000000', 'C110000000000000', 1],
    ['LCDR', '8000000000000000', '0000000000000000', '0000000000000000', 0],
    ['LNDR', '4500000000000000', '0000000000000000', 'C500000000000000', 0],
    ['LPDR', 'C100000000000001', '0000000000000000', '4100000000000001', 2],
  ] as const)('%s %s: R1 %s becomes %s, cc %i', (mnemonic, source, before, after, cc) => {
    const cpu = machine();
    setFpr(cpu, 2, source);
    setFpr(cpu, 0, before);
    cpu.psw.cc = 3;
    run(mnemonic, cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe(after);
    expect(cpu.psw.cc).toBe(cc);
  });
});

describe('ADD and SUBTRACT', () => {
  it('AER stores the short sum in the high word, keeps the low word, sets cc', () => {
    const cpu = machine();
    setFpr(cpu, 0, '411000000F0F0F0F');
    setFpr(cpu, 4, '4110000077777777');
    run('AER', cpu, operands(0, 4));
    expect(fpr(cpu, 0)).toBe('412000000F0F0F0F');
    expect(cpu.psw.cc).toBe(2);
  });

  it('AE reads its second operand from storage', () => {
    const cpu = machine();
    setFpr(cpu, 2, 'C1200000FFFFFFFF');
    poke(cpu, 0x300, '41100000');
    run('AE', cpu, operands(2, 0, 0x300));
    expect(fpr(cpu, 2)).toBe('C1100000FFFFFFFF');
    expect(cpu.psw.cc).toBe(1);
  });

  it('SD subtracts a long storage operand', () => {
    const cpu = machine();
    setFpr(cpu, 6, '4130000000000000');
    poke(cpu, 0x308, '4130000000000000');
    run('SD', cpu, operands(6, 0, 0x308));
    expect(fpr(cpu, 6)).toBe('0000000000000000');
    expect(cpu.psw.cc).toBe(0);
    expect(cpu.pendingProgramInterruption).toBe(0);
  });

  it('AUR and SWR do not normalize', () => {
    const cpu = machine();
    setFpr(cpu, 0, '42001000AAAAAAAA');
    setFpr(cpu, 2, '42000100BBBBBBBB');
    run('AUR', cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe('42001100AAAAAAAA');
    setFpr(cpu, 4, '4400000000000011');
    setFpr(cpu, 6, '4400000000000001');
    run('SWR', cpu, operands(4, 6));
    expect(fpr(cpu, 4)).toBe('4400000000000010');
  });

  it('AU and AW read storage; AD too', () => {
    const cpu = machine();
    poke(cpu, 0x400, '41123456');
    poke(cpu, 0x408, '4100000000000001');
    setFpr(cpu, 0, 'C308210000000000');
    run('AU', cpu, operands(0, 0, 0x400));
    expect(fpr(cpu, 0)).toBe('C3080ECB00000000');
    setFpr(cpu, 2, '4100000000000001');
    run('AW', cpu, operands(2, 0, 0x408));
    expect(fpr(cpu, 2)).toBe('4100000000000002');
    run('AD', cpu, operands(2, 0, 0x408));
    expect(fpr(cpu, 2)).toBe('3430000000000000');
  });

  it('SER, SUR, SDR: zero result with the significance mask on is stored, then significance is raised', () => {
    for (const [mnemonic, value, result] of [
      ['SER', '4150000012345678', '4100000012345678'],
      ['SUR', '4150000012345678', '4100000012345678'],
      ['SDR', '4150000000000009', '4100000000000000'],
    ]) {
      const cpu = machine();
      cpu.psw.programMask = 1;
      setFpr(cpu, 0, value);
      setFpr(cpu, 2, value);
      run(mnemonic, cpu, operands(0, 2));
      expect(fpr(cpu, 0)).toBe(result);
      expect(cpu.psw.cc).toBe(0);
      expect(cpu.pendingProgramInterruption).toBe(ProgramInterruption.Significance);
    }
  });

  it('ADR exponent overflow stores the wrapped result, sets cc and raises exponent overflow', () => {
    const cpu = machine();
    setFpr(cpu, 0, '7F80000000000000');
    setFpr(cpu, 2, '7F80000000000000');
    run('ADR', cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe('0010000000000000');
    expect(cpu.psw.cc).toBe(2);
    expect(cpu.pendingProgramInterruption).toBe(ProgramInterruption.ExponentOverflow);
  });

  it('AXR adds the pairs 4/6 and 0/2 into 4/6, setting the low characteristic', () => {
    const cpu = machine();
    setFpr(cpu, 4, '4110000000000000');
    setFpr(cpu, 6, '3300000000000000');
    setFpr(cpu, 0, '4110000000000000');
    setFpr(cpu, 2, 'FF00000000000001');
    run('AXR', cpu, operands(4, 0));
    expect([fpr(cpu, 4), fpr(cpu, 6)]).toEqual(['4120000000000000', '3300000000000001']);
    expect(cpu.psw.cc).toBe(2);
  });

  it('SXR of equal operands is a true zero in both parts', () => {
    const cpu = machine();
    setFpr(cpu, 0, 'C212345678ABCDEF');
    setFpr(cpu, 2, 'B400112233445566');
    setFpr(cpu, 4, 'C212345678ABCDEF');
    setFpr(cpu, 6, 'B400112233445566');
    cpu.psw.cc = 3;
    run('SXR', cpu, operands(0, 4));
    expect([fpr(cpu, 0), fpr(cpu, 2)]).toEqual(['0000000000000000', '0000000000000000']);
    expect(cpu.psw.cc).toBe(0);
  });
});

describe('COMPARE', () => {
  it.each([
    ['CER', '4110000000000000', 'C110000000000000', 2],
    ['CER', '4110000011111111', '4110000022222222', 0],
    ['CDR', '4300000000000000', '35123456789ABCDE', 1],
    ['CDR', '4300000000000000', '34123456789ABCDE', 0],
  ] as const)('%s %s with %s sets cc %i and changes no register', (mnemonic, a, b, cc) => {
    const cpu = machine();
    setFpr(cpu, 0, a);
    setFpr(cpu, 6, b);
    run(mnemonic, cpu, operands(0, 6));
    expect(cpu.psw.cc).toBe(cc);
    expect([fpr(cpu, 0), fpr(cpu, 6)]).toEqual([a, b]);
  });

  it('CE and CD compare with storage operands', () => {
    const cpu = machine();
    poke(cpu, 0x500, '41200000');
    poke(cpu, 0x508, '4120000000000001');
    setFpr(cpu, 2, '4120000000000000');
    run('CE', cpu, operands(2, 0, 0x500));
    expect(cpu.psw.cc).toBe(0);
    run('CD', cpu, operands(2, 0, 0x508));
    expect(cpu.psw.cc).toBe(1);
  });
});

describe('MULTIPLY', () => {
  it('MER replaces the whole register with the long product; cc unchanged', () => {
    const cpu = machine();
    setFpr(cpu, 0, '40FFFFFF12345678');
    setFpr(cpu, 2, '40FFFFFF9ABCDEF0');
    cpu.psw.cc = 3;
    run('MER', cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe('40FFFFFE00000100');
    expect(cpu.psw.cc).toBe(3);
  });

  it('ME multiplies by a short storage operand', () => {
    const cpu = machine();
    poke(cpu, 0x600, 'C1300000');
    setFpr(cpu, 4, '41200000FFFFFFFF');
    run('ME', cpu, operands(4, 0, 0x600));
    expect(fpr(cpu, 4)).toBe('C160000000000000');
  });

  it('MDR and MD multiply long operands', () => {
    const cpu = machine();
    setFpr(cpu, 0, '4118000000000000');
    setFpr(cpu, 2, '4118000000000000');
    run('MDR', cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe('4124000000000000');
    poke(cpu, 0x608, '4120000000000000');
    run('MD', cpu, operands(0, 0, 0x608));
    expect(fpr(cpu, 0)).toBe('4148000000000000');
  });

  it('MXDR multiplies the long R1 by R2 into the extended pair R1, R1 + 2', () => {
    const cpu = machine();
    setFpr(cpu, 4, '40FFFFFFFFFFFFFF');
    setFpr(cpu, 2, '40FFFFFFFFFFFFFF');
    setFpr(cpu, 6, '5555555555555555');
    run('MXDR', cpu, operands(4, 2));
    expect([fpr(cpu, 4), fpr(cpu, 6)]).toEqual(['40FFFFFFFFFFFFFE', '3200000000000001']);
  });

  it('MXD multiplies by a long storage operand', () => {
    const cpu = machine();
    poke(cpu, 0x700, '4120000000000000');
    setFpr(cpu, 0, 'C130000000000000');
    run('MXD', cpu, operands(0, 0, 0x700));
    expect([fpr(cpu, 0), fpr(cpu, 2)]).toEqual(['C160000000000000', 'B300000000000000']);
  });

  it('MXR multiplies extended pairs; underflow with the mask on stores the wrapped result first', () => {
    const cpu = machine();
    cpu.psw.programMask = 2;
    setFpr(cpu, 0, '0810000000000000');
    setFpr(cpu, 2, '7A00000000000000');
    setFpr(cpu, 4, '0810000000000000');
    setFpr(cpu, 6, '7A00000000000000');
    run('MXR', cpu, operands(0, 4));
    expect([fpr(cpu, 0), fpr(cpu, 2)]).toEqual(['4F10000000000000', '4100000000000000']);
    expect(cpu.pendingProgramInterruption).toBe(ProgramInterruption.ExponentUnderflow);
  });
});

describe('DIVIDE', () => {
  it('DER keeps the low word and the cc', () => {
    const cpu = machine();
    setFpr(cpu, 0, '4160000012345678');
    setFpr(cpu, 2, '41200000FFFFFFFF');
    cpu.psw.cc = 1;
    run('DER', cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe('4130000012345678');
    expect(cpu.psw.cc).toBe(1);
  });

  it.each([
    ['DER', '4110000012345678', '4100000000000000'],
    ['DDR', 'C110000000000000', '8000000000000000'],
  ])('%s by a zero fraction is suppressed: the dividend stays as it was', (mnemonic, a, b) => {
    const cpu = machine();
    setFpr(cpu, 0, a);
    setFpr(cpu, 2, b);
    run(mnemonic, cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe(a);
    expect(cpu.pendingProgramInterruption).toBe(ProgramInterruption.FloatingPointDivide);
  });

  it('DE and DD divide by storage operands', () => {
    const cpu = machine();
    poke(cpu, 0x800, '41300000');
    poke(cpu, 0x808, '4130000000000000');
    setFpr(cpu, 2, '4110000000000000');
    run('DE', cpu, operands(2, 0, 0x800));
    expect(fpr(cpu, 2)).toBe('4055555500000000');
    setFpr(cpu, 4, '4110000000000000');
    run('DD', cpu, operands(4, 0, 0x808));
    expect(fpr(cpu, 4)).toBe('4055555555555555');
  });

  it('DD with a zero divisor in storage changes nothing', () => {
    const cpu = machine();
    setFpr(cpu, 0, '0000000000000000');
    poke(cpu, 0x810, '4100000000000000');
    run('DD', cpu, operands(0, 0, 0x810));
    expect(fpr(cpu, 0)).toBe('0000000000000000');
    expect(cpu.pendingProgramInterruption).toBe(ProgramInterruption.FloatingPointDivide);
  });
});

describe('HALVE and LOAD ROUNDED', () => {
  it('HER halves R2 into the high word of R1; cc unchanged', () => {
    const cpu = machine();
    setFpr(cpu, 0, '0000000011111111');
    setFpr(cpu, 2, '4111111122222222');
    cpu.psw.cc = 2;
    run('HER', cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe('4088888811111111');
    expect(cpu.psw.cc).toBe(2);
  });

  it('HDR with underflow and the mask on stores 7F... and raises exponent underflow', () => {
    const cpu = machine();
    cpu.psw.programMask = 2;
    setFpr(cpu, 2, '0010000000000000');
    run('HDR', cpu, operands(2, 2));
    expect(fpr(cpu, 2)).toBe('7F80000000000000');
    expect(cpu.pendingProgramInterruption).toBe(ProgramInterruption.ExponentUnderflow);
  });

  it('LRER rounds R2 into the high word of R1, keeping the low word', () => {
    const cpu = machine();
    setFpr(cpu, 0, '000000000F0F0F0F');
    setFpr(cpu, 6, '4112345680000000');
    run('LRER', cpu, operands(0, 6));
    expect(fpr(cpu, 0)).toBe('411234570F0F0F0F');
  });

  it('LRER overflow by rounding stores characteristic 0 and raises exponent overflow', () => {
    const cpu = machine();
    setFpr(cpu, 0, '000000000F0F0F0F');
    setFpr(cpu, 2, '7FFFFFFF80000000');
    run('LRER', cpu, operands(0, 2));
    expect(fpr(cpu, 0)).toBe('001000000F0F0F0F');
    expect(cpu.pendingProgramInterruption).toBe(ProgramInterruption.ExponentOverflow);
  });

  it('LRDR rounds the extended pair 4/6 into a long R1', () => {
    const cpu = machine();
    setFpr(cpu, 4, '41123456789ABCDE');
    setFpr(cpu, 6, '3380000000000000');
    run('LRDR', cpu, operands(2, 4));
    expect(fpr(cpu, 2)).toBe('41123456789ABCDF');
  });
});

describe('through the CPU (runProgram, hand-encoded)', () => {
  // Machine code with base and index 0, so D2 is the operand address.
  const LD_0_300 = [0x68, 0x00, 0x03, 0x00];
  const AD_0_308 = [0x6a, 0x00, 0x03, 0x08];
  const STD_0_310 = [0x60, 0x00, 0x03, 0x10];
  const SDR_0_0 = [0x2b, 0x00];
  const DE_2_318 = [0x7d, 0x20, 0x03, 0x18];

  function longAt(cpu: Cpu, addr: number): string {
    return [cpu.storage.readU32(addr), cpu.storage.readU32(addr + 4)]
      .map((w) => w.toString(16).toUpperCase().padStart(8, '0'))
      .join('');
  }

  it.each<ArchMode>(['370', '390'])('%s: LD, AD, STD add 1.5 + 2.25 and store 3.75 (41 3C...)', (arch) => {
    const run = runProgram({
      arch,
      code: [...LD_0_300, ...AD_0_308, ...STD_0_310],
      setup: (cpu) => {
        cpu.storage.writeU32(0x300, 0x41180000);
        cpu.storage.writeU32(0x308, 0x41240000);
      },
    });
    expect(run.endedNormally).toBe(true);
    expect(longAt(run.cpu, 0x310)).toBe('413C000000000000');
  });

  it.each<ArchMode>(['370', '390'])(
    "%s: SDR of equal operands with the significance mask on stores the zero fraction, then code X'0E' with ILC 1",
    (arch) => {
      const run = runProgram({
        arch,
        code: [...LD_0_300, ...SDR_0_0],
        setup: (cpu) => {
          cpu.storage.writeU32(0x300, 0xc3123456);
          cpu.psw.programMask = 1;
        },
      });
      expect(run.programCheck).toBe(true);
      expect(run.programInterruptionCode).toBe(ProgramInterruption.Significance);
      expect(run.programIlc).toBe(1);
      expect(fpr(run.cpu, 0)).toBe('4300000000000000');
    },
  );

  it.each<ArchMode>(['370', '390'])(
    "%s: DE by a zero divisor is suppressed: code X'0F' with ILC 2, FPR2 unchanged",
    (arch) => {
      const run = runProgram({
        arch,
        code: [...DE_2_318],
        setup: (cpu) => {
          cpu.fpr[2] = 0x41100000;
          cpu.fpr[3] = 0x12345678;
          cpu.storage.writeU32(0x318, 0xc1000000);
        },
      });
      expect(run.programCheck).toBe(true);
      expect(run.programInterruptionCode).toBe(ProgramInterruption.FloatingPointDivide);
      expect(run.programIlc).toBe(2);
      expect(fpr(run.cpu, 2)).toBe('4110000012345678');
    },
  );
});
