// General instructions: binary arithmetic. ADD, SUBTRACT, COMPARE (signed),
// MULTIPLY, DIVIDE and the signed LOADs that set the condition code
// (LOAD AND TEST, LOAD COMPLEMENT, LOAD NEGATIVE, LOAD POSITIVE).
// S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201, chapter "General
// Instructions", with "Binary Arithmetic" in chapter "Instructions".
//
// A, AR, AH and AHI are the same sentence with a different second operand:
// each handler fetches its operand and hands it to addSigned(). The RX forms
// are on the benchmark's hot path: plain Int32 math, no allocation.

import {
  addOverflows32,
  ccAddLogical,
  ccCompare,
  ccSigned,
  ccSubtractLogical,
  multiplyHighSigned32,
  signExtend16,
  subtractOverflows32,
} from '../arith.js';
import type { Cpu } from '../cpu.js';
import { ProgramInterruption } from '../interruption.js';
import type { Operands } from '../operands.js';

/** Program-mask bit 20 (value 8 in the 4-bit mask): fixed-point overflow enabled. */
const FIXED_POINT_OVERFLOW_MASK = 8;

/**
 * The result is already stored: set cc 3 and, when the program mask allows,
 * raise fixed-point overflow. The exception completes the instruction (PoO,
 * "Fixed-Point-Overflow Exception": the operation is completed).
 */
function fixedPointOverflow(cpu: Cpu): void {
  cpu.psw.cc = 3;
  if (cpu.psw.programMask & FIXED_POINT_OVERFLOW_MASK) cpu.programInterrupt(ProgramInterruption.FixedPointOverflow);
}

/** R1 = R1 + b (signed), cc 0/1/2 by the result, 3 on overflow. */
function addSigned(cpu: Cpu, r1: number, b: number): void {
  const a = cpu.gpr[r1] | 0;
  const sum = (a + b) | 0;
  cpu.gpr[r1] = sum;
  if (addOverflows32(a, b, sum)) fixedPointOverflow(cpu);
  else cpu.psw.cc = ccSigned(sum);
}

/** R1 = R1 - b (signed), cc as for addSigned. */
function subtractSigned(cpu: Cpu, r1: number, b: number): void {
  const a = cpu.gpr[r1] | 0;
  const diff = (a - b) | 0;
  cpu.gpr[r1] = diff;
  if (subtractOverflows32(a, b, diff)) fixedPointOverflow(cpu);
  else cpu.psw.cc = ccSigned(diff);
}

/** R1 = R1 + b (unsigned), cc from carry and zero; never an interruption. */
function addUnsigned(cpu: Cpu, r1: number, b: number): void {
  const sum = cpu.gpr[r1] + (b >>> 0);
  cpu.gpr[r1] = sum;
  cpu.psw.cc = ccAddLogical(sum);
}

/** R1 = R1 - b (unsigned), cc from carry (no borrow) and zero. */
function subtractUnsigned(cpu: Cpu, r1: number, b: number): void {
  const a = cpu.gpr[r1];
  cpu.gpr[r1] = a - b;
  cpu.psw.cc = ccSubtractLogical(a, b);
}

// ---- ADD ----

// 1A  AR  Add  [RR]
export function addRegister(cpu: Cpu, op: Operands): void {
  addSigned(cpu, op.r1, cpu.gpr[op.r2] | 0);
}

// 5A  A  Add  [RX]
export function add(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  addSigned(cpu, op.r1, cpu.readU32(op.addr2) | 0);
}

// 4A  AH  Add Halfword  [RX]
export function addHalfword(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 2, false)) return;
  addSigned(cpu, op.r1, signExtend16(cpu.readU16(op.addr2)));
}

// A7A  AHI  Add Halfword Immediate  [RI]
export function addHalfwordImmediate(cpu: Cpu, op: Operands): void {
  addSigned(cpu, op.r1, op.i2);
}

// 1E  ALR  Add Logical  [RR]
export function addLogicalRegister(cpu: Cpu, op: Operands): void {
  addUnsigned(cpu, op.r1, cpu.gpr[op.r2]);
}

// 5E  AL  Add Logical  [RX]
export function addLogical(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  addUnsigned(cpu, op.r1, cpu.readU32(op.addr2));
}

// ---- SUBTRACT ----

// 1B  SR  Subtract  [RR]
export function subtractRegister(cpu: Cpu, op: Operands): void {
  subtractSigned(cpu, op.r1, cpu.gpr[op.r2] | 0);
}

// 5B  S  Subtract  [RX]
export function subtract(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  subtractSigned(cpu, op.r1, cpu.readU32(op.addr2) | 0);
}

// 4B  SH  Subtract Halfword  [RX]
export function subtractHalfword(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 2, false)) return;
  subtractSigned(cpu, op.r1, signExtend16(cpu.readU16(op.addr2)));
}

// 1F  SLR  Subtract Logical  [RR]
export function subtractLogicalRegister(cpu: Cpu, op: Operands): void {
  subtractUnsigned(cpu, op.r1, cpu.gpr[op.r2]);
}

// 5F  SL  Subtract Logical  [RX]
export function subtractLogical(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  subtractUnsigned(cpu, op.r1, cpu.readU32(op.addr2));
}

// ---- COMPARE (signed) ----

// 19  CR  Compare  [RR]
export function compareRegister(cpu: Cpu, op: Operands): void {
  cpu.psw.cc = ccCompare(cpu.gpr[op.r1] | 0, cpu.gpr[op.r2] | 0);
}

// 59  C  Compare  [RX]
export function compare(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  cpu.psw.cc = ccCompare(cpu.gpr[op.r1] | 0, cpu.readU32(op.addr2) | 0);
}

// 49  CH  Compare Halfword  [RX]
export function compareHalfword(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 2, false)) return;
  cpu.psw.cc = ccCompare(cpu.gpr[op.r1] | 0, signExtend16(cpu.readU16(op.addr2)));
}

// A7E  CHI  Compare Halfword Immediate  [RI]
export function compareHalfwordImmediate(cpu: Cpu, op: Operands): void {
  cpu.psw.cc = ccCompare(cpu.gpr[op.r1] | 0, op.i2);
}

// ---- LOAD with a condition code ----

// 12  LTR  Load and Test  [RR]
export function loadAndTest(cpu: Cpu, op: Operands): void {
  const value = cpu.gpr[op.r2] | 0;
  cpu.gpr[op.r1] = value;
  cpu.psw.cc = ccSigned(value);
}

// 13  LCR  Load Complement  [RR]
export function loadComplement(cpu: Cpu, op: Operands): void {
  const value = cpu.gpr[op.r2] | 0;
  const result = -value | 0;
  cpu.gpr[op.r1] = result;
  // The maximum negative number has no complement: it stays and overflows.
  if (value === -0x80000000) fixedPointOverflow(cpu);
  else cpu.psw.cc = ccSigned(result);
}

// 11  LNR  Load Negative  [RR]
export function loadNegative(cpu: Cpu, op: Operands): void {
  const value = cpu.gpr[op.r2] | 0;
  const result = value > 0 ? -value : value;
  cpu.gpr[op.r1] = result;
  cpu.psw.cc = result === 0 ? 0 : 1;
}

// 10  LPR  Load Positive  [RR]
export function loadPositive(cpu: Cpu, op: Operands): void {
  const value = cpu.gpr[op.r2] | 0;
  const result = value < 0 ? -value | 0 : value;
  cpu.gpr[op.r1] = result;
  if (value === -0x80000000) fixedPointOverflow(cpu);
  else cpu.psw.cc = result === 0 ? 0 : 2;
}

// ---- MULTIPLY ----
// M and MR take the multiplicand from the odd register R1+1 and leave the
// 64-bit product in the pair R1, R1+1 (R1 even: checked by the dispatcher).
// MH, MHI, MS and MSR keep the low 32 bits; none of them sets the condition
// code or recognises overflow.

/** R1,R1+1 = (R1+1) * b, a signed 64-bit product. */
function multiplyPair(cpu: Cpu, r1: number, b: number): void {
  const a = cpu.gpr[r1 + 1] | 0;
  cpu.gpr[r1] = multiplyHighSigned32(a, b);
  cpu.gpr[r1 + 1] = Math.imul(a, b);
}

// 1C  MR  Multiply  [RR]
export function multiplyRegister(cpu: Cpu, op: Operands): void {
  multiplyPair(cpu, op.r1, cpu.gpr[op.r2] | 0);
}

// 5C  M  Multiply  [RX]
export function multiply(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  multiplyPair(cpu, op.r1, cpu.readU32(op.addr2) | 0);
}

// 4C  MH  Multiply Halfword  [RX]
export function multiplyHalfword(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 2, false)) return;
  cpu.gpr[op.r1] = Math.imul(cpu.gpr[op.r1], signExtend16(cpu.readU16(op.addr2)));
}

// A7C  MHI  Multiply Halfword Immediate  [RI]
export function multiplyHalfwordImmediate(cpu: Cpu, op: Operands): void {
  cpu.gpr[op.r1] = Math.imul(cpu.gpr[op.r1], op.i2);
}

// B252  MSR  Multiply Single  [RRE]
export function multiplySingleRegister(cpu: Cpu, op: Operands): void {
  cpu.gpr[op.r1] = Math.imul(cpu.gpr[op.r1], cpu.gpr[op.r2]);
}

// 71  MS  Multiply Single  [RX]
export function multiplySingle(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  cpu.gpr[op.r1] = Math.imul(cpu.gpr[op.r1], cpu.readU32(op.addr2));
}

// ---- DIVIDE ----

/**
 * R1,R1+1 (a signed 64-bit dividend) / divisor: the remainder, with the
 * dividend's sign, goes to R1 and the quotient to R1+1. A zero divisor or a
 * quotient that does not fit in 32 bits is a fixed-point-divide exception,
 * and the operation is suppressed (PoO, DIVIDE).
 */
function dividePair(cpu: Cpu, r1: number, divisor: number): void {
  if (divisor === 0) {
    cpu.programInterrupt(ProgramInterruption.FixedPointDivide);
    return;
  }
  const high = cpu.gpr[r1] | 0;
  const low = cpu.gpr[r1 + 1] | 0;
  let quotient: number;
  let remainder: number;
  if (high === low >> 31) {
    // The dividend fits in 32 bits (the usual SRDA idiom): exact in Numbers.
    quotient = Math.trunc(low / divisor);
    remainder = low % divisor;
  } else {
    const dividend = (BigInt(high) << 32n) | BigInt(low >>> 0);
    const q = dividend / BigInt(divisor);
    if (q > 0x7fffffffn || q < -0x80000000n) quotient = 0x80000000;
    else quotient = Number(q);
    remainder = Number(dividend % BigInt(divisor));
  }
  if (quotient > 0x7fffffff || quotient < -0x80000000) {
    cpu.programInterrupt(ProgramInterruption.FixedPointDivide);
    return;
  }
  cpu.gpr[r1] = remainder;
  cpu.gpr[r1 + 1] = quotient;
}

// 1D  DR  Divide  [RR]
export function divideRegister(cpu: Cpu, op: Operands): void {
  dividePair(cpu, op.r1, cpu.gpr[op.r2] | 0);
}

// 5D  D  Divide  [RX]
export function divide(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  dividePair(cpu, op.r1, cpu.readU32(op.addr2) | 0);
}
