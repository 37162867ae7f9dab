// Decimal instruction handlers (s390/instructions/decimal.ts) called directly
// on a CPU with decoded operands, as the dispatcher would call them. Rules
// from the PoO chapter "Decimal Instructions" (GA22-7000, SA22-7201).
import { describe, expect, it } from 'vitest';
import { Cpu, type ArchMode } from '../../../s390/cpu.js';
import { decimalHandlers } from '../../../s390/instructions/decimal.js';
import { ProgramInterruption } from '../../../s390/interruption.js';
import { Operands } from '../../../s390/operands.js';
import { Assembler } from '../../../s390/asm/assembler.js';
import { loadObjectDecks } from '../../../s390/asm/loader.js';
import { writeObjectDeck } from '../../../s390/asm/objdeck.js';
import { NORMAL_END_PSW_ADDRESS, runProgram } from '../helpers.js';

const StorageSize = 0x10000;
const A = 0x1000;
const B = 0x1200;

interface Machine {
  cpu: Cpu;
  /** Program-interruption codes raised, in order. */
  interruptions: number[];
}

function machine(arch: ArchMode = '390'): Machine {
  const cpu = new Cpu(arch, StorageSize);
  const interruptions: number[] = [];
  cpu.programInterrupt = (code) => {
    interruptions.push(code);
  };
  return { cpu, interruptions };
}

function put(cpu: Cpu, addr: number, hex: string): void {
  const clean = hex.replace(/\s+/g, '');
  for (let i = 0; i < clean.length / 2; i++) cpu.writeU8(addr + i, parseInt(clean.slice(2 * i, 2 * i + 2), 16));
}

function peek(cpu: Cpu, addr: number, length: number): string {
  const hex = (i: number) =>
    cpu
      .readU8(addr + i)
      .toString(16)
      .toUpperCase()
      .padStart(2, '0');
  return Array.from({ length }, (_, i) => hex(i)).join(' ');
}

function len(hex: string): number {
  return hex.replace(/\s+/g, '').length / 2;
}

/** Operands of an SS instruction with two lengths: D1(L1,B1),D2(L2,B2). */
function ss(addr1: number, length1: number, addr2: number, length2: number): Operands {
  return Object.assign(new Operands(), { addr1, l1: length1 - 1, addr2, l2: length2 - 1, length: 6 });
}

/**
 * Run a two-operand decimal instruction on `first` at A and `second` at B;
 * return the first operand afterwards, the cc and the interruptions.
 */
function run2(mnemonic: string, first: string, second: string, setup?: (m: Machine) => void) {
  const m = machine();
  put(m.cpu, A, first);
  put(m.cpu, B, second);
  setup?.(m);
  decimalHandlers[mnemonic](m.cpu, ss(A, len(first), B, len(second)));
  return { result: peek(m.cpu, A, len(first)), second: peek(m.cpu, B, len(second)), ...m, cc: m.cpu.psw.cc };
}

describe('AP and SP', () => {
  it.each([
    ['AP: +123 + +877 = +1000, cc 2', 'AP', '00 12 3C', '87 7C', '01 00 0C', 2],
    ['AP: -5 + +5 is a positive zero, cc 0', 'AP', '5D', '5C', '0C', 0],
    ['AP: sign F is plus, B is minus: 5 - 7 = -2', 'AP', '00 5F', '7B', '00 2D', 1],
    ['AP: sign A and E are plus', 'AP', '00 5A', '7E', '01 2C', 2],
    ['SP: 5 - 8 = -3, cc 1', 'SP', '00 5C', '8C', '00 3D', 1],
    ['SP: -5 - -5 = +0', 'SP', '00 5D', '5D', '00 0C', 0],
    [
      'AP: 31-digit operands carry through every digit',
      'AP',
      '09 99 99 99 99 99 99 99 99 99 99 99 99 99 99 9C',
      '1C',
      '10 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0C',
      2,
    ],
  ])('%s', (_name, mnemonic, first, second, result, cc) => {
    const r = run2(mnemonic, first, second);
    expect(r.result).toBe(result);
    expect(r.cc).toBe(cc);
    expect(r.interruptions).toEqual([]);
  });

  it('AP: 999 + 1 in 2 bytes overflows: 000 stored, cc 3, no interruption with the mask off', () => {
    const r = run2('AP', '99 9C', '1C');
    expect([r.result, r.cc, r.interruptions]).toEqual(['00 0C', 3, []]);
  });

  it('AP: overflow with the decimal-overflow mask on stores the result, sets cc 3, then raises 000A', () => {
    const r = run2('AP', '99 9C', '1C', (m) => {
      m.cpu.psw.programMask = 4;
    });
    expect([r.result, r.cc, r.interruptions]).toEqual(['00 0C', 3, [ProgramInterruption.DecimalOverflow]]);
  });

  it('AP: a zero left by overflow keeps the sign of the true sum', () => {
    expect(run2('AP', '99 9D', '1D').result).toBe('00 0D');
  });

  it('AP: a longer second operand overflows only when significant digits are lost', () => {
    expect(run2('AP', '00 1C', '00 00 00 00 2C').cc).toBe(2);
    expect(run2('AP', '00 1C', '00 00 10 00 2C').cc).toBe(3);
  });

  it.each([
    ['AP', '12 3C', '10', 'invalid sign 0 in the second operand'],
    ['AP', '1A 3C', '1C', 'invalid digit A in the first operand'],
    ['SP', '12 3C', 'F1', 'invalid digit F in the second operand'],
  ])('%s: %s - %s: data exception 0007 (%s), nothing changed', (mnemonic, first, second) => {
    const r = run2(mnemonic, first, second, (m) => {
      m.cpu.psw.cc = 1;
    });
    expect(r.interruptions).toEqual([ProgramInterruption.Data]);
    expect(r.result).toBe(first);
    expect(r.cc).toBe(1);
  });

  it('AP: a field added to itself (rightmost bytes coincide) is doubled', () => {
    const m = machine();
    put(m.cpu, A, '04 99 9C');
    decimalHandlers.AP(m.cpu, ss(A, 3, A, 3));
    expect(peek(m.cpu, A, 3)).toBe('09 99 8C');
  });

  it('SP: a field subtracted from itself becomes +0, even from a shorter tail of itself', () => {
    const m = machine();
    put(m.cpu, A, '12 34 56 7D');
    decimalHandlers.SP(m.cpu, ss(A, 4, A, 4));
    expect(peek(m.cpu, A, 4)).toBe('00 00 00 0C');
    put(m.cpu, A, '12 34 56 7D');
    decimalHandlers.SP(m.cpu, ss(A, 4, A + 2, 2));
    expect(peek(m.cpu, A, 4)).toBe('12 34 00 0D');
    expect(m.cpu.psw.cc).toBe(1);
  });

  it('AP: an operand beyond the end of storage is an addressing exception, nothing changed', () => {
    const m = machine();
    put(m.cpu, A, '12 3C');
    m.cpu.psw.cc = 1;
    decimalHandlers.AP(m.cpu, ss(A, 2, StorageSize - 1, 2));
    expect(m.interruptions).toEqual([ProgramInterruption.Addressing]);
    expect([peek(m.cpu, A, 2), m.cpu.psw.cc]).toEqual(['12 3C', 1]);
  });
});

describe('ZAP', () => {
  it.each([
    ['FF FF FF', '12 3F', '00 12 3C', 2, 'the first operand is not checked; sign F becomes C'],
    ['00 00', '12 3B', '12 3D', 1, 'sign B becomes D'],
    ['00 00', '0D', '00 0C', 0, 'negative zero becomes +0'],
    ['00 00', '12 34 5C', '34 5C', 3, 'high digits lost: overflow, cc 3'],
  ])('ZAP %s,%s → %s cc %i (%s)', (first, second, result, cc) => {
    const r = run2('ZAP', first, second);
    expect([r.result, r.cc, r.interruptions]).toEqual([result, cc, []]);
  });

  it('ZAP: invalid second operand is a data exception 0007', () => {
    const r = run2('ZAP', '00 00', 'A1');
    expect([r.result, r.interruptions]).toEqual(['00 00', [ProgramInterruption.Data]]);
  });

  it('ZAP: overlapping fields with the first ending to the right of the second (widening in place)', () => {
    const m = machine();
    put(m.cpu, A, '12 34 5C EE');
    decimalHandlers.ZAP(m.cpu, ss(A, 4, A, 3));
    expect(peek(m.cpu, A, 4)).toBe('00 12 34 5C');
  });

  it('ZAP: overflow with the mask on raises 000A after storing', () => {
    const r = run2('ZAP', '00', '12 3D', (m) => {
      m.cpu.psw.programMask = 4;
    });
    expect([r.result, r.cc, r.interruptions]).toEqual(['3D', 3, [ProgramInterruption.DecimalOverflow]]);
  });
});

describe('CP', () => {
  it.each([
    ['0C', '0D', 0, '+0 equals -0'],
    ['12 3C', '00 12 3F', 0, 'different lengths and plus codes'],
    ['1D', '1C', 1, '-1 is low'],
    ['00 1C', '9D', 2, '+1 is high against -9'],
    ['5B', '5A', 1, 'B minus against A plus'],
  ])('CP %s,%s gives cc %i (%s); operands unchanged', (first, second, cc) => {
    const r = run2('CP', first, second);
    expect([r.cc, r.result, r.second, r.interruptions]).toEqual([cc, first, second, []]);
  });

  it('CP: an invalid first operand is a data exception, cc unchanged', () => {
    const r = run2('CP', '1C 1C', '1C', (m) => {
      m.cpu.psw.cc = 3;
    });
    expect([r.cc, r.interruptions]).toEqual([3, [ProgramInterruption.Data]]);
  });
});

describe('MP', () => {
  it('MP: -38460 × -321 = +12345660 (cc unchanged)', () => {
    const r = run2('MP', '00 00 00 38 46 0D', '32 1D', (m) => {
      m.cpu.psw.cc = 1;
    });
    expect([r.result, r.cc, r.interruptions]).toEqual(['00 01 23 45 66 0C', 1, []]);
  });

  it('MP: a zero product keeps the algebraic sign', () => {
    expect(run2('MP', '00 0C', '7D').result).toBe('00 0D');
  });

  it('MP: a multiplicand with exactly enough leftmost zero bytes is accepted', () => {
    expect(run2('MP', '00 99 9C', '9C').result).toBe('08 99 1C');
  });

  it('MP: a multiplicand without enough leftmost zero bytes is a data exception', () => {
    const r = run2('MP', '01 99 9C', '9C');
    expect([r.result, r.interruptions]).toEqual(['01 99 9C', [ProgramInterruption.Data]]);
  });

  it.each([
    [16, 9, 'multiplier longer than 8 bytes'],
    [3, 3, 'multiplier as long as the multiplicand'],
    [2, 3, 'multiplier longer than the multiplicand'],
  ])('MP: first %i bytes, second %i bytes is a specification exception 0006 (%s)', (l1, l2) => {
    const m = machine();
    decimalHandlers.MP(m.cpu, ss(A, l1, B, l2));
    expect(m.interruptions).toEqual([ProgramInterruption.Specification]);
  });

  it('MP: the specification check comes before the access check', () => {
    const m = machine();
    decimalHandlers.MP(m.cpu, ss(StorageSize - 1, 2, B, 2));
    expect(m.interruptions).toEqual([ProgramInterruption.Specification]);
  });
});

describe('DP', () => {
  it('DP: +12345678 ÷ -321 = quotient -38460, remainder +18 (cc unchanged)', () => {
    const r = run2('DP', '01 23 45 67 8C', '32 1D', (m) => {
      m.cpu.psw.cc = 2;
    });
    expect([r.result, r.cc, r.interruptions]).toEqual(['38 46 0D 01 8C', 2, []]);
  });

  it('DP: quotient and remainder keep their signs when zero', () => {
    expect(run2('DP', '00 00 5D', '7C').result).toBe('00 0D 5D');
  });

  it.each([
    ['00 50 0C', '0C', 'zero divisor'],
    ['09 99 9C', '1C', 'quotient 9999 too large for 3 digits'],
    ['10 00 0C', '9C', 'leftmost dividend digit not zero'],
  ])('DP %s ÷ %s: decimal divide 000B (%s), nothing changed', (first, second) => {
    const r = run2('DP', first, second);
    expect([r.result, r.interruptions]).toEqual([first, [ProgramInterruption.DecimalDivide]]);
  });

  it('DP: an invalid operand is a data exception even when the divisor is zero', () => {
    const r = run2('DP', '0A 00 5C', '0C');
    expect(r.interruptions).toEqual([ProgramInterruption.Data]);
  });

  it.each([
    [10, 9, 'divisor longer than 8 bytes'],
    [4, 4, 'divisor as long as the dividend'],
  ])('DP: first %i bytes, second %i bytes is a specification exception 0006 (%s)', (l1, l2) => {
    const m = machine();
    decimalHandlers.DP(m.cpu, ss(A, l1, B, l2));
    expect(m.interruptions).toEqual([ProgramInterruption.Specification]);
  });
});

/** SRP D1(L1,B1),D2(B2),I3 with the first operand at A. */
function srp(first: string, shift: number, round: number, setup?: (m: Machine) => void) {
  const m = machine();
  put(m.cpu, A, first);
  setup?.(m);
  const op = Object.assign(new Operands(), { addr1: A, l1: len(first) - 1, addr2: shift, i3: round, length: 6 });
  decimalHandlers.SRP(m.cpu, op);
  return { result: peek(m.cpu, A, len(first)), cc: m.cpu.psw.cc, interruptions: m.interruptions };
}

describe('SRP', () => {
  // GA22-7000-4, Appendix A, SHIFT AND ROUND DECIMAL examples.
  it.each([
    ['00 01 23 45 67 8C', 3, 3, '12 34 56 78 00 0C', 2, 'PoO example: left 3'],
    ['01 23 45 67 8C', 64 - 1, 0, '00 12 34 56 7C', 2, 'PoO example: right 1'],
    ['12 39 60 0C', 64 - 3, 5, '00 01 24 0C', 2, 'PoO example: right 3 and round'],
    ['00 12 34 5D', 63, 5, '00 01 23 5D', 1, 'negative value rounded'],
    ['00 00 01 2D', 61, 0, '00 00 00 0C', 0, 'shifted to zero is made positive'],
  ])('SRP %s by %i, rounding %i → %s cc %i (%s)', (first, shift, round, result, cc) => {
    expect(srp(first, shift, round)).toEqual({ result, cc, interruptions: [] });
  });

  it('SRP: only the low six bits of the second-operand address count', () => {
    expect(srp('00 12 34 5C', 0x00fffffe, 5).result).toBe('00 00 12 3C');
  });

  it('SRP: losing a nonzero digit on the left is an overflow: stored, cc 3, 000A when the mask is on', () => {
    const r = srp('00 12 34 5C', 3, 0, (m) => {
      m.cpu.psw.programMask = 4;
    });
    expect(r).toEqual({ result: '23 45 00 0C', cc: 3, interruptions: [ProgramInterruption.DecimalOverflow] });
  });

  it('SRP: an invalid rounding digit is a data exception even for a left shift', () => {
    expect(srp('00 12 34 5C', 1, 10)).toEqual({
      result: '00 12 34 5C',
      cc: 0,
      interruptions: [ProgramInterruption.Data],
    });
  });

  it('SRP: an invalid first operand is a data exception even with no shift', () => {
    expect(srp('00 12 34 56', 0, 0).interruptions).toEqual([ProgramInterruption.Data]);
  });
});

describe('PACK and UNPK', () => {
  it.each([
    ['PACK', '00 00 00', 'F1 F2 F3 F4 F5', '12 34 5F'],
    ['PACK', 'EE EE', 'C1 C2', '01 2C'],
    ['UNPK', '00 00 00 00 00', '12 34 5C', 'F1 F2 F3 F4 C5'],
    ['UNPK', '00 00 00', '12 34 5C', 'F3 F4 C5'],
    ['UNPK', '00 00', 'AB', 'F0 BA'],
  ])('%s %s,%s → %s; no validity check, cc unchanged', (mnemonic, first, second, result) => {
    const r = run2(mnemonic, first, second, (m) => {
      m.cpu.psw.cc = 2;
    });
    expect([r.result, r.cc, r.interruptions]).toEqual([result, 2, []]);
  });

  it('PACK in place', () => {
    const m = machine();
    put(m.cpu, A, 'F1 F2 F3 F4');
    decimalHandlers.PACK(m.cpu, ss(A, 4, A, 4));
    expect(peek(m.cpu, A, 4)).toBe('00 01 23 4F');
  });

  it('UNPK: a second operand beyond storage is an addressing exception, first operand unchanged', () => {
    const m = machine();
    put(m.cpu, A, '11 22 33');
    decimalHandlers.UNPK(m.cpu, ss(A, 3, StorageSize - 1, 2));
    expect([peek(m.cpu, A, 3), m.interruptions]).toEqual(['11 22 33', [ProgramInterruption.Addressing]]);
  });
});

describe('ED and EDMK', () => {
  // GA22-7000-10, Appendix A, EDIT and EDIT AND MARK examples: pattern at
  // X'1000', source at X'1200'.
  const pattern = '40 20 20 6B 20 21 20 4B 20 20 40 C3 D9';

  function edit(mnemonic: 'ED' | 'EDMK', source: string, setup?: (m: Machine) => void) {
    const m = machine();
    put(m.cpu, A, pattern);
    put(m.cpu, B, source);
    setup?.(m);
    const op = Object.assign(new Operands(), { addr1: A, l1: len(pattern) - 1, addr2: B, length: 6 });
    decimalHandlers[mnemonic](m.cpu, op);
    return {
      result: peek(m.cpu, A, len(pattern)),
      cc: m.cpu.psw.cc,
      gr1: m.cpu.gpr[1],
      interruptions: m.interruptions,
    };
  }

  it('ED: PoO example, +2574.26 edits to "  2,574.26   ", cc 2', () => {
    expect(edit('ED', '02 57 42 6C')).toMatchObject({
      result: '40 40 F2 6B F5 F7 F4 4B F2 F6 40 40 40',
      cc: 2,
      interruptions: [],
    });
  });

  it('ED: PoO example, -0.26 edits to "      0.26 CR", cc 1', () => {
    expect(edit('ED', '00 00 02 6D')).toMatchObject({ result: '40 40 40 40 40 40 F0 4B F2 F6 40 C3 D9', cc: 1 });
  });

  it('ED: a zero source gives cc 0', () => {
    expect(edit('ED', '00 00 00 0C')).toMatchObject({ result: '40 40 40 40 40 40 F0 4B F0 F0 40 40 40', cc: 0 });
  });

  it('ED leaves GR1 alone', () => {
    expect(edit('ED', '02 57 42 6C', (m) => (m.cpu.gpr[1] = 0x12345678)).gr1).toBe(0x12345678);
  });

  it('EDMK, 24-bit mode: GR1 bits 8-31 get the address of the first significant digit, bits 0-7 kept', () => {
    const r = edit('EDMK', '02 57 42 6C', (m) => (m.cpu.gpr[1] = 0xff000000));
    expect(r.gr1).toBe(0xff001002);
  });

  it('EDMK, S/370: the same 24-bit rule', () => {
    const m = machine('370');
    m.cpu.gpr[1] = 0xab000000;
    put(m.cpu, A, pattern);
    put(m.cpu, B, '02 57 42 6C');
    decimalHandlers.EDMK(m.cpu, Object.assign(new Operands(), { addr1: A, l1: 12, addr2: B }));
    expect(m.cpu.gpr[1]).toBe(0xab001002);
  });

  it('EDMK, 31-bit mode: GR1 bits 1-31 get the address, bit 0 is zero', () => {
    const r = edit('EDMK', '02 57 42 6C', (m) => {
      m.cpu.setAmode31(true);
      m.cpu.gpr[1] = 0xffffffff;
    });
    expect(r.gr1).toBe(0x00001002);
  });

  it('EDMK: GR1 unchanged when significance was forced by the significance starter', () => {
    expect(edit('EDMK', '00 00 02 6D', (m) => (m.cpu.gpr[1] = 0xffffffff)).gr1).toBe(0xffffffff);
  });

  it('ED: an invalid source digit is a data exception; the pattern and cc are unchanged', () => {
    const r = edit('ED', '02 A5 42 6C', (m) => {
      m.cpu.psw.cc = 3;
    });
    expect(r).toMatchObject({ result: pattern, cc: 3, interruptions: [ProgramInterruption.Data] });
  });

  it('ED: a source running past the end of storage is an addressing exception, pattern unchanged', () => {
    const m = machine();
    put(m.cpu, A, pattern);
    put(m.cpu, StorageSize - 2, '02 57');
    decimalHandlers.ED(m.cpu, Object.assign(new Operands(), { addr1: A, l1: 12, addr2: StorageSize - 2 }));
    expect([peek(m.cpu, A, 13), m.interruptions]).toEqual([pattern, [ProgramInterruption.Addressing]]);
  });
});

describe('CVB and CVD', () => {
  function cvb(operand: string, setup?: (m: Machine) => void) {
    const m = machine();
    put(m.cpu, B, operand);
    m.cpu.gpr[3] = 0xdeadbeef;
    setup?.(m);
    decimalHandlers.CVB(m.cpu, Object.assign(new Operands(), { r1: 3, addr2: B, length: 4 }));
    return { gr3: m.cpu.gpr[3], interruptions: m.interruptions };
  }

  it.each([
    ['000000000025594C', 0x000063fa],
    ['000000000025594D', 0xffff9c06],
    ['000002147483647F', 0x7fffffff],
    ['000002147483648B', 0x80000000],
  ])('CVB %s → R1 = %i', (operand, value) => {
    expect(cvb(operand)).toEqual({ gr3: value, interruptions: [] });
  });

  it('CVB: +2147483648 does not fit: R1 gets the rightmost 32 bits, then fixed-point divide 0009', () => {
    expect(cvb('000002147483648C')).toEqual({ gr3: 0x80000000, interruptions: [ProgramInterruption.FixedPointDivide] });
  });

  it('CVB: an invalid operand is a data exception and R1 is unchanged', () => {
    expect(cvb('00000000000001A3')).toEqual({ gr3: 0xdeadbeef, interruptions: [ProgramInterruption.Data] });
  });

  it.each([
    [0, '000000000000000C'],
    [-15923 >>> 0, '000000000015923D'],
    [0x80000000, '000002147483648D'],
  ])('CVD %i stores %s', (value, result) => {
    const m = machine();
    m.cpu.gpr[5] = value;
    decimalHandlers.CVD(m.cpu, Object.assign(new Operands(), { r1: 5, addr2: B, length: 4 }));
    expect(peek(m.cpu, B, 8).replace(/ /g, '')).toBe(result.replace(/ /g, ''));
    expect(m.interruptions).toEqual([]);
  });
});

// ---- Whole programs: assembled with our assembler, run through the CPU's
// fetch, decode and interruption machinery (tests/s390/helpers.ts). ----

const ORIGIN = 0x2000;

interface AssembledProgram {
  code: Uint8Array;
  /** Loaded address of each ordinary symbol. */
  address: (name: string) => number;
}

/**
 * Assemble `body` after "BALR 12,0 / USING *,12", followed by an LPSW of the
 * helper's normal-end PSW and then `data`; load it at X'2000'.
 */
function assembleProgram(body: string[], data: string[]): AssembledProgram {
  const source = [
    'DECTEST  CSECT',
    '         BALR  12,0',
    '         USING *,12',
    ...body,
    `         LPSW  ${NORMAL_END_PSW_ADDRESS}`,
    ...data,
    '         END',
  ].join('\n');
  const asm = new Assembler({}).assemble(source);
  expect(asm.diagnostics).toEqual([]);
  const storage = new Uint8Array(ORIGIN + 0x1000);
  const load = loadObjectDecks(storage, [writeObjectDeck(asm)], ORIGIN);
  expect(load.errors).toEqual([]);
  const code = storage.slice(ORIGIN, ORIGIN + load.sections[0].length);
  return {
    code,
    address: (name) => {
      const symbol = asm.symbols.get(name);
      if (!symbol) throw new Error(`no symbol ${name}`);
      return load.sections[0].address + symbol.value;
    },
  };
}

function runAssembled(arch: ArchMode, body: string[], data: string[]) {
  const program = assembleProgram(body, data);
  const run = runProgram({ arch, code: program.code, appendStop: false });
  return { run, at: (name: string, length: number) => peek(run.cpu, program.address(name), length), ...program };
}

describe.each(['370', '390'] as const)('decimal programs (%s mode)', (arch) => {
  it('a loop totals a table with AP, then EDMK prints it with a floating $ before the first significant digit', () => {
    const { run, at, address } = runAssembled(
      arch,
      [
        "         ZAP   TOTAL,=P'0'",
        '         LA    3,TABLE',
        '         LA    4,4',
        'LOOP     AP    TOTAL,0(3,3)',
        '         LA    3,3(,3)',
        '         BCT   4,LOOP',
        '         MVC   LINE,PATTERN',
        '         EDMK  LINE,TOTAL+1',
        '         BC    2,POSITIVE     edited field > 0',
        "         DC    H'0'           else stop: operation exception",
        'POSITIVE BCTR  1,0',
        "         MVI   0(1),C'$'",
      ],
      [
        "TABLE    DC    PL3'12345',PL3'-2000',PL3'750',PL3'99999'",
        'TOTAL    DS    PL5',
        "PATTERN  DC    X'5C20206B2021204B2020',C'CR'",
        'LINE     DS    CL12',
      ],
    );
    expect(run.endedNormally).toBe(true);
    // 12345 - 2000 + 750 + 99999 = 111094.
    expect(at('TOTAL', 5)).toBe('00 01 11 09 4C');
    // "*$1,110.94**": fill '*', the plus sign turns significance off so CR becomes fill.
    expect(at('LINE', 12)).toBe('5C 5B F1 6B F1 F1 F0 4B F9 F4 5C 5C');
    expect(run.cpu.gpr[1]).toBe(address('LINE') + 1);
  });

  it('CVD then CVB round-trips a negative binary value; SRP takes its shift from a register; EX sets UNPK lengths', () => {
    const { run, at } = runAssembled(
      arch,
      [
        "         L     2,=F'-1234567'",
        '         CVD   2,DWORD',
        '         CVB   3,DWORD',
        "         L     4,=F'-2'           shift right 2 (low 6 bits X'3E')",
        '         ZAP   VALUE,DWORD',
        '         SRP   VALUE,0(4),5',
        "         LA    5,X'53'            UNPK lengths 6 and 4",
        '         EX    5,UNPKIT',
      ],
      ['UNPKIT   UNPK  ZONED(0),VALUE(0)', 'DWORD    DS    D', 'VALUE    DS    PL4', 'ZONED    DS    CL6'],
    );
    expect(run.endedNormally).toBe(true);
    expect(at('DWORD', 8)).toBe('00 00 00 00 12 34 56 7D');
    expect(run.cpu.gpr[3]).toBe(-1234567 >>> 0);
    // -1234567 / 100, rounded: -12346.
    expect(at('VALUE', 4)).toBe('00 12 34 6D');
    expect(at('ZONED', 6)).toBe('F0 F1 F2 F3 F4 D6');
  });

  it.each([
    {
      name: 'AP overflow with the decimal-overflow mask on: 000A after the result is stored, cc 3 in the old PSW',
      body: ["         L     2,=X'04000000'", '         SPM   2', "         AP    FIELD,=P'1'"],
      field: "FIELD    DC    P'999'",
      code: 0x0a,
      after: '00 0C',
      cc: 3,
    },
    {
      name: 'ZAP of a zoned field: data exception 0007, nothing stored',
      body: ['         ZAP   FIELD,ZONED'],
      field: "FIELD    DC    P'5'",
      code: 0x07,
      after: '5C',
      cc: 0,
    },
    {
      name: 'DP by zero: decimal divide 000B, dividend unchanged',
      body: ["         DP    FIELD,=P'0'"],
      field: "FIELD    DC    PL4'1234'",
      code: 0x0b,
      after: '00 01 23 4C',
      cc: 0,
    },
    {
      name: 'MP with a multiplier as long as the multiplicand: specification 0006',
      body: ['         MP    FIELD,FIELD'],
      field: "FIELD    DC    PL2'5'",
      code: 0x06,
      after: '00 5C',
      cc: 0,
    },
    {
      name: 'CVB of 2147483648: fixed-point divide 0009, R1 holds the rightmost 32 bits',
      body: ['         CVB   6,FIELD'],
      field: "FIELD    DC    PL8'2147483648'",
      code: 0x09,
      after: '00 00 02 14 74 83 64 8C',
      cc: 0,
      ilc: 2,
      gr6: 0x80000000,
    },
  ])('$name', ({ body, field, code, after, cc, ilc = 3, gr6 }) => {
    const { run, at } = runAssembled(arch, body, [field, "ZONED    DC    Z'123'"]);
    expect(run.programCheck).toBe(true);
    expect(run.programInterruptionCode).toBe(code);
    expect(run.programIlc).toBe(ilc);
    expect(at('FIELD', after.split(' ').length)).toBe(after);
    const [w0, w1] = [parseInt(run.programOldPsw.slice(0, 8), 16), parseInt(run.programOldPsw.slice(8), 16)];
    // The old PSW's cc: bits 18-19 (EC, ESA/390) or bits 34-35 (S/370 BC mode).
    expect(arch === '390' ? (w0 >>> 12) & 3 : (w1 >>> 28) & 3).toBe(cc);
    if (gr6 !== undefined) expect(run.cpu.gpr[6]).toBe(gr6);
  });
});
