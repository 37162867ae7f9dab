// General instructions: logical operations and logical comparison. AND, OR,
// EXCLUSIVE OR (register, storage word, immediate byte and character
// forms), TEST UNDER MASK (TM, TMLH, TMLL) and COMPARE LOGICAL in all its
// forms (CLR, CL, CLI, CLC, CLM, CLCL).
// S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201, chapter "General
// Instructions".

import { ccCompare } from '../arith.js';
import type { Cpu } from '../cpu.js';
import type { Operands } from '../operands.js';
import { accessOperand, maskByteCount } from './general-load.js';

/** The three connectives of the logical instructions. */
const enum Connective {
  And,
  Or,
  ExclusiveOr,
}

function combine(connective: Connective, a: number, b: number): number {
  switch (connective) {
    case Connective.And:
      return a & b;
    case Connective.Or:
      return a | b;
    case Connective.ExclusiveOr:
      return a ^ b;
  }
}

/** R1 = R1 (connective) b; cc 0 for a zero result, 1 otherwise. */
function logicalRegister(cpu: Cpu, connective: Connective, r1: number, b: number): void {
  const result = combine(connective, cpu.gpr[r1], b);
  cpu.gpr[r1] = result;
  cpu.psw.cc = result === 0 ? 0 : 1;
}

/** The RX form: the second operand is the word at addr2. */
function logicalWord(cpu: Cpu, connective: Connective, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  logicalRegister(cpu, connective, op.r1, cpu.readU32(op.addr2));
}

/** The SI form: the byte at addr1 (connective) I2. */
function logicalImmediate(cpu: Cpu, connective: Connective, op: Operands): void {
  if (!cpu.access(op.addr1, 1, true)) return;
  const result = combine(connective, cpu.readU8(op.addr1), op.i2) & 0xff;
  cpu.writeU8(op.addr1, result);
  cpu.psw.cc = result === 0 ? 0 : 1;
}

/**
 * The SS form: L+1 bytes, left to right, one byte at a time, so that
 * overlapping operands behave as the PoO says (each result byte is stored
 * before the next operand bytes are fetched: XC of a field with itself
 * clears it, OC one byte to the right propagates).
 */
function logicalCharacters(cpu: Cpu, connective: Connective, op: Operands): void {
  const length = op.l1 + 1;
  if (!cpu.access(op.addr1, length, true) || !cpu.access(op.addr2, length, false)) return;
  let any = 0;
  for (let i = 0; i < length; i++) {
    const result = combine(connective, cpu.readU8(op.addr1 + i), cpu.readU8(op.addr2 + i)) & 0xff;
    cpu.writeU8(op.addr1 + i, result);
    any |= result;
  }
  cpu.psw.cc = any === 0 ? 0 : 1;
}

// ---- AND ----

// 14  NR  And  [RR]
export function andRegister(cpu: Cpu, op: Operands): void {
  logicalRegister(cpu, Connective.And, op.r1, cpu.gpr[op.r2]);
}

// 54  N  And  [RX]
export function and(cpu: Cpu, op: Operands): void {
  logicalWord(cpu, Connective.And, op);
}

// 94  NI  And  [SI]
export function andImmediate(cpu: Cpu, op: Operands): void {
  logicalImmediate(cpu, Connective.And, op);
}

// D4  NC  And  [SS]
export function andCharacters(cpu: Cpu, op: Operands): void {
  logicalCharacters(cpu, Connective.And, op);
}

// ---- OR ----

// 16  OR  Or  [RR]
export function orRegister(cpu: Cpu, op: Operands): void {
  logicalRegister(cpu, Connective.Or, op.r1, cpu.gpr[op.r2]);
}

// 56  O  Or  [RX]
export function or(cpu: Cpu, op: Operands): void {
  logicalWord(cpu, Connective.Or, op);
}

// 96  OI  Or  [SI]
export function orImmediate(cpu: Cpu, op: Operands): void {
  logicalImmediate(cpu, Connective.Or, op);
}

// D6  OC  Or  [SS]
export function orCharacters(cpu: Cpu, op: Operands): void {
  logicalCharacters(cpu, Connective.Or, op);
}

// ---- EXCLUSIVE OR ----

// 17  XR  Exclusive Or  [RR]
export function exclusiveOrRegister(cpu: Cpu, op: Operands): void {
  logicalRegister(cpu, Connective.ExclusiveOr, op.r1, cpu.gpr[op.r2]);
}

// 57  X  Exclusive Or  [RX]
export function exclusiveOr(cpu: Cpu, op: Operands): void {
  logicalWord(cpu, Connective.ExclusiveOr, op);
}

// 97  XI  Exclusive Or  [SI]
export function exclusiveOrImmediate(cpu: Cpu, op: Operands): void {
  logicalImmediate(cpu, Connective.ExclusiveOr, op);
}

// D7  XC  Exclusive Or  [SS]
export function exclusiveOrCharacters(cpu: Cpu, op: Operands): void {
  logicalCharacters(cpu, Connective.ExclusiveOr, op);
}

// ---- TEST UNDER MASK ----

// 91  TM  Test under Mask  [SI]
export function testUnderMask(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr1, 1, false)) return;
  const selected = cpu.readU8(op.addr1) & op.i2;
  // cc 0: selected bits all zero (or mask zero); 1: mixed; 3: all ones.
  cpu.psw.cc = selected === 0 ? 0 : selected === op.i2 ? 3 : 1;
}

/**
 * TMLH and TMLL (ESA/390 TMH, TML): a 16-bit mask over one halfword of R1.
 * Unlike TM, mixed bits give cc 1 when the leftmost selected bit is zero and
 * cc 2 when it is one (ESA/390 PoO, TEST UNDER MASK HIGH/LOW).
 */
function testHalfwordUnderMask(cpu: Cpu, halfword: number, mask: number): void {
  const selected = halfword & mask;
  if (selected === 0) cpu.psw.cc = 0;
  else if (selected === mask) cpu.psw.cc = 3;
  else {
    const leftmost = 1 << (31 - Math.clz32(mask));
    cpu.psw.cc = selected & leftmost ? 2 : 1;
  }
}

// A70  TMLH  Test under Mask High  [RI]
export function testUnderMaskHigh(cpu: Cpu, op: Operands): void {
  testHalfwordUnderMask(cpu, cpu.gpr[op.r1] >>> 16, op.i2 & 0xffff);
}

// A71  TMLL  Test under Mask Low  [RI]
export function testUnderMaskLow(cpu: Cpu, op: Operands): void {
  testHalfwordUnderMask(cpu, cpu.gpr[op.r1] & 0xffff, op.i2 & 0xffff);
}

// ---- COMPARE LOGICAL ----

// 15  CLR  Compare Logical  [RR]
export function compareLogicalRegister(cpu: Cpu, op: Operands): void {
  cpu.psw.cc = ccCompare(cpu.gpr[op.r1], cpu.gpr[op.r2]);
}

// 55  CL  Compare Logical  [RX]
export function compareLogical(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  cpu.psw.cc = ccCompare(cpu.gpr[op.r1], cpu.readU32(op.addr2));
}

// 95  CLI  Compare Logical  [SI]
export function compareLogicalImmediate(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr1, 1, false)) return;
  cpu.psw.cc = ccCompare(cpu.readU8(op.addr1), op.i2);
}

// D5  CLC  Compare Logical  [SS]
export function compareLogicalCharacters(cpu: Cpu, op: Operands): void {
  const length = op.l1 + 1;
  if (!cpu.access(op.addr1, length, false) || !cpu.access(op.addr2, length, false)) return;
  for (let i = 0; i < length; i++) {
    const a = cpu.readU8(op.addr1 + i);
    const b = cpu.readU8(op.addr2 + i);
    if (a !== b) {
      cpu.psw.cc = a < b ? 1 : 2;
      return;
    }
  }
  cpu.psw.cc = 0;
}

// BD  CLM  Compare Logical Characters under Mask  [RS]
export function compareLogicalCharactersUnderMask(cpu: Cpu, op: Operands): void {
  // The bytes of R1 selected by M3 (in op.r3), left to right, against
  // contiguous bytes at addr2; mask zero gives cc 0.
  const mask = op.r3;
  if (!accessOperand(cpu, op.addr2, maskByteCount(mask), false)) return;
  const value = cpu.gpr[op.r1];
  let addr = op.addr2;
  for (let bit = 3; bit >= 0; bit--) {
    if (!(mask & (1 << bit))) continue;
    const a = (value >>> (bit * 8)) & 0xff;
    const b = cpu.readU8(addr++);
    if (a !== b) {
      cpu.psw.cc = a < b ? 1 : 2;
      return;
    }
  }
  cpu.psw.cc = 0;
}

/**
 * The unit of operation of MVCL and CLCL: each operand is checked and
 * processed up to its next 2K boundary (a key-block boundary in both
 * architectures), so an access exception stops the instruction with the
 * earlier units done and the registers updated to match, as the
 * interruptible instructions allow (PoO, MOVE LONG and COMPARE LOGICAL LONG).
 */
export const LONG_UNIT = 0x800;

// 0F  CLCL  Compare Logical Long  [RR]
export function compareLogicalLong(cpu: Cpu, op: Operands): void {
  // R1/R2: operand addresses; bits 8-31 of R1+1 and R2+1: the lengths; bits
  // 0-7 of R2+1: the padding byte that extends the shorter operand.
  const { r1, r2 } = op;
  const mask = cpu.amodeMask;
  let addr1 = cpu.gpr[r1] & mask;
  let addr2 = cpu.gpr[r2] & mask;
  let length1 = cpu.gpr[r1 + 1] & 0x00ffffff;
  let length2 = cpu.gpr[r2 + 1] & 0x00ffffff;
  const pad = cpu.gpr[r2 + 1] >>> 24;
  // Bytes of each operand already checked for access, ahead of the address.
  let checked1 = 0;
  let checked2 = 0;
  let cc = 0;
  while (length1 > 0 || length2 > 0) {
    if (length1 > 0 && checked1 === 0) {
      checked1 = Math.min(length1, LONG_UNIT - (addr1 & (LONG_UNIT - 1)));
      if (!cpu.access(addr1, checked1, false)) break;
    }
    if (length2 > 0 && checked2 === 0) {
      checked2 = Math.min(length2, LONG_UNIT - (addr2 & (LONG_UNIT - 1)));
      if (!cpu.access(addr2, checked2, false)) break;
    }
    const a = length1 > 0 ? cpu.readU8(addr1) : pad;
    const b = length2 > 0 ? cpu.readU8(addr2) : pad;
    if (a !== b) {
      // The registers are left pointing at the first unequal byte.
      cc = a < b ? 1 : 2;
      break;
    }
    if (length1 > 0) {
      addr1 = (addr1 + 1) & mask;
      length1--;
      checked1--;
    }
    if (length2 > 0) {
      addr2 = (addr2 + 1) & mask;
      length2--;
      checked2--;
    }
  }
  // The addresses were wrapped to the addressing mode, so bits 0-7 (24-bit)
  // or bit 0 (31-bit) of R1 and R2 become zero; bits 0-7 of R1+1 and R2+1
  // are kept.
  cpu.gpr[r1] = addr1;
  cpu.gpr[r2] = addr2;
  cpu.gpr[r1 + 1] = (cpu.gpr[r1 + 1] & 0xff000000) | length1;
  cpu.gpr[r2 + 1] = (cpu.gpr[r2 + 1] & 0xff000000) | length2;
  cpu.psw.cc = cc;
}
