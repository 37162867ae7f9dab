// General instructions: the eight shifts. SHIFT LEFT/RIGHT SINGLE (SLA,
// SRA), SINGLE LOGICAL (SLL, SRL), DOUBLE (SLDA, SRDA) and DOUBLE LOGICAL
// (SLDL, SRDL). S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201, chapter
// "General Instructions".
//
// The second-operand address is not used to address storage: its rightmost
// six bits are the shift count (0-63). The arithmetic shifts move the 31-
// or 63-bit numeric part and keep the sign bit; a left shift that loses a
// bit unlike the sign is a fixed-point overflow (cc 3, the result stored,
// then the interruption when the program mask allows). The logical shifts
// leave the condition code alone. The double forms use the even-odd pair
// R1, R1+1 (R1 even: checked by the dispatcher).

import { ccSigned, shiftLeft64High, shiftLeft64Low, shiftRight64High, shiftRight64Low } from '../arith.js';
import type { Cpu } from '../cpu.js';
import { ProgramInterruption } from '../interruption.js';
import type { Operands } from '../operands.js';

function shiftCount(op: Operands): number {
  return op.addr2 & 63;
}

/** cc 3, and the interruption when program-mask bit 20 (fixed-point overflow) is on. */
function shiftOverflow(cpu: Cpu): void {
  cpu.psw.cc = 3;
  if (cpu.psw.programMask & 8) cpu.programInterrupt(ProgramInterruption.FixedPointOverflow);
}

/** cc of a 64-bit signed pair: 0 zero, 1 negative, 2 positive. */
function ccPair(high: number, low: number): number {
  return (high | low) === 0 ? 0 : (high | 0) < 0 ? 1 : 2;
}

// ---- single ----

// 8B  SLA  Shift Left Single  [RS]
export function shiftLeftSingle(cpu: Cpu, op: Operands): void {
  const value = cpu.gpr[op.r1] | 0;
  const n = shiftCount(op);
  const sign = value & 0x80000000;
  let result: number;
  let overflow: boolean;
  if (n < 32) {
    const shifted = value << n;
    result = sign | (shifted & 0x7fffffff);
    // Bits shifted out of bit 1 all equal the sign exactly when shifting
    // back restores the value.
    overflow = shifted >> n !== value;
  } else {
    // Every numeric bit and then zeros leave: only zero survives unscathed.
    result = sign;
    overflow = value !== 0;
  }
  cpu.gpr[op.r1] = result;
  if (overflow) shiftOverflow(cpu);
  else cpu.psw.cc = ccSigned(result | 0);
}

// 8A  SRA  Shift Right Single  [RS]
export function shiftRightSingle(cpu: Cpu, op: Operands): void {
  const result = (cpu.gpr[op.r1] | 0) >> Math.min(shiftCount(op), 31);
  cpu.gpr[op.r1] = result;
  cpu.psw.cc = ccSigned(result);
}

// 89  SLL  Shift Left Single Logical  [RS]
export function shiftLeftSingleLogical(cpu: Cpu, op: Operands): void {
  const n = shiftCount(op);
  cpu.gpr[op.r1] = n < 32 ? cpu.gpr[op.r1] << n : 0;
}

// 88  SRL  Shift Right Single Logical  [RS]
export function shiftRightSingleLogical(cpu: Cpu, op: Operands): void {
  const n = shiftCount(op);
  cpu.gpr[op.r1] = n < 32 ? cpu.gpr[op.r1] >>> n : 0;
}

// ---- double ----

// 8F  SLDA  Shift Left Double  [RS]
export function shiftLeftDouble(cpu: Cpu, op: Operands): void {
  const { r1 } = op;
  const n = shiftCount(op);
  const high = cpu.gpr[r1] | 0;
  const low = cpu.gpr[r1 + 1] | 0;
  const shiftedHigh = shiftLeft64High(high, low, n) | 0;
  const shiftedLow = shiftLeft64Low(low, n) | 0;
  // As for SLA: overflow when an arithmetic shift back does not restore the pair.
  const overflow =
    (shiftRight64High(shiftedHigh, n, true) | 0) !== high ||
    (shiftRight64Low(shiftedHigh, shiftedLow, n, true) | 0) !== low;
  const resultHigh = (high & 0x80000000) | (shiftedHigh & 0x7fffffff);
  cpu.gpr[r1] = resultHigh;
  cpu.gpr[r1 + 1] = shiftedLow;
  if (overflow) shiftOverflow(cpu);
  else cpu.psw.cc = ccPair(resultHigh, shiftedLow);
}

// 8E  SRDA  Shift Right Double  [RS]
export function shiftRightDouble(cpu: Cpu, op: Operands): void {
  const { r1 } = op;
  const n = shiftCount(op);
  const high = cpu.gpr[r1] | 0;
  const low = cpu.gpr[r1 + 1];
  const resultHigh = shiftRight64High(high, n, true);
  const resultLow = shiftRight64Low(high, low, n, true);
  cpu.gpr[r1] = resultHigh;
  cpu.gpr[r1 + 1] = resultLow;
  cpu.psw.cc = ccPair(resultHigh, resultLow);
}

// 8D  SLDL  Shift Left Double Logical  [RS]
export function shiftLeftDoubleLogical(cpu: Cpu, op: Operands): void {
  const { r1 } = op;
  const n = shiftCount(op);
  const high = cpu.gpr[r1];
  const low = cpu.gpr[r1 + 1];
  cpu.gpr[r1] = shiftLeft64High(high, low, n);
  cpu.gpr[r1 + 1] = shiftLeft64Low(low, n);
}

// 8C  SRDL  Shift Right Double Logical  [RS]
export function shiftRightDoubleLogical(cpu: Cpu, op: Operands): void {
  const { r1 } = op;
  const n = shiftCount(op);
  const high = cpu.gpr[r1];
  const low = cpu.gpr[r1 + 1];
  cpu.gpr[r1] = shiftRight64High(high, n, false);
  cpu.gpr[r1 + 1] = shiftRight64Low(high, low, n, false);
}
