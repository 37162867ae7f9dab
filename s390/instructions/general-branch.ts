// General instructions: branching, EXECUTE and SUPERVISOR CALL.
// S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201, chapter "General
// Instructions" (BRANCH AND LINK ... BRANCH RELATIVE ON INDEX LOW OR EQUAL,
// EXECUTE, SUPERVISOR CALL) and chapter "Program Execution", topic
// "Branching".
//
// While a handler runs, cpu.psw.address already holds the updated
// instruction address (the next sequential instruction), so "branch" means
// assign the target, and link information is built from psw.address. A
// branch address taken from a register is read before the instruction
// changes any register, because R1 and R2 may be the same register.

import type { Cpu } from '../cpu.js';
import type { Operands } from '../operands.js';

/**
 * Link information of BAL and BALR (PoO, BRANCH AND LINK). In the 24-bit
 * addressing mode the leftmost byte holds the ILC (bits 0-1), the condition
 * code (bits 2-3) and the program mask (bits 4-7) ahead of the 24-bit updated
 * address; in the 31-bit mode bit 0 is one and bits 1-31 hold the address.
 */
function linkInformation(cpu: Cpu): number {
  const psw = cpu.psw;
  if (psw.amode31) return (psw.address | 0x80000000) >>> 0;
  const ilc = cpu.instructionLength >>> 1;
  return ((ilc << 30) | (psw.cc << 28) | (psw.programMask << 24) | (psw.address & 0x00ffffff)) >>> 0;
}

/**
 * Link information of BAS, BASR, BASSM and BRAS (PoO, BRANCH AND SAVE): the
 * updated address with the addressing mode in bit 0; in the 24-bit mode
 * bits 0-7 are zeros.
 */
function saveInformation(cpu: Cpu): number {
  const psw = cpu.psw;
  return psw.amode31 ? (psw.address | 0x80000000) >>> 0 : psw.address & 0x00ffffff;
}

/** Does the 4-bit mask select the current condition code? (mask bit 8 = cc 0 ... bit 1 = cc 3) */
function conditionSelected(cpu: Cpu, mask: number): boolean {
  return ((mask << cpu.psw.cc) & 8) !== 0;
}

/**
 * The branch address of a relative-branch instruction: the address of the
 * instruction itself plus I2 halfwords (ESA/390 PoO, BRANCH RELATIVE ON
 * CONDITION), wrapped to the addressing mode. As the target of EXECUTE it
 * counts from the target instruction's own address, not the EXECUTE's,
 * although the PSW keeps the EXECUTE's (Hercules does the same);
 * cpu.currentInstructionAddress() gives the right one in both cases. Call it
 * before the handler changes the PSW address.
 */
function relativeTarget(cpu: Cpu, op: Operands): number {
  return (cpu.currentInstructionAddress() + 2 * op.i2) & cpu.amodeMask;
}

/**
 * BXH and BXLE arithmetic: R1 + R3 replaces R1; the comparand is R3 when R3
 * is odd and R3+1 when it is even, read before R1 changes (R1 may be R3+1).
 * Returns the sum compared with the comparand, as -1, 0 or 1.
 */
function addIncrement(cpu: Cpu, r1: number, r3: number): number {
  const increment = cpu.gpr[r3] | 0;
  const comparand = cpu.gpr[r3 | 1] | 0;
  const sum = ((cpu.gpr[r1] | 0) + increment) | 0;
  cpu.gpr[r1] = sum;
  return sum > comparand ? 1 : sum === comparand ? 0 : -1;
}

// ---- BRANCH AND LINK, BRANCH AND SAVE ----

// 05  BALR  Branch and Link  [RR]
export function branchAndLinkRegister(cpu: Cpu, op: Operands): void {
  const target = cpu.gpr[op.r2] & cpu.amodeMask;
  cpu.gpr[op.r1] = linkInformation(cpu);
  if (op.r2 !== 0) cpu.psw.address = target;
}

// 45  BAL  Branch and Link  [RX]
export function branchAndLink(cpu: Cpu, op: Operands): void {
  cpu.gpr[op.r1] = linkInformation(cpu);
  cpu.psw.address = op.addr2;
}

// 0D  BASR  Branch and Save  [RR]
export function branchAndSaveRegister(cpu: Cpu, op: Operands): void {
  const target = cpu.gpr[op.r2] & cpu.amodeMask;
  cpu.gpr[op.r1] = saveInformation(cpu);
  if (op.r2 !== 0) cpu.psw.address = target;
}

// 4D  BAS  Branch and Save  [RX]
export function branchAndSave(cpu: Cpu, op: Operands): void {
  cpu.gpr[op.r1] = saveInformation(cpu);
  cpu.psw.address = op.addr2;
}

// 0C  BASSM  Branch and Save and Set Mode  [RR]
export function branchAndSaveAndSetMode(cpu: Cpu, op: Operands): void {
  const target = cpu.gpr[op.r2];
  cpu.gpr[op.r1] = saveInformation(cpu);
  if (op.r2 === 0) return;
  // Bit 0 of R2 selects the new addressing mode; the branch address is
  // bits 1-31 or 8-31 of R2 under that new mode (ESA/390 PoO, BASSM).
  cpu.setAmode31(target >>> 31 === 1);
  cpu.psw.address = target & cpu.amodeMask;
}

// 0B  BSM  Branch and Set Mode  [RR]
export function branchAndSetMode(cpu: Cpu, op: Operands): void {
  const target = cpu.gpr[op.r2];
  // Only bit 0 of R1 changes: it records the current addressing mode.
  if (op.r1 !== 0) {
    cpu.gpr[op.r1] = cpu.psw.amode31 ? cpu.gpr[op.r1] | 0x80000000 : cpu.gpr[op.r1] & 0x7fffffff;
  }
  if (op.r2 === 0) return;
  cpu.setAmode31(target >>> 31 === 1);
  cpu.psw.address = target & cpu.amodeMask;
}

// ---- BRANCH ON CONDITION ----

// 07  BCR  Branch on Condition  [RR]
export function branchOnConditionRegister(cpu: Cpu, op: Operands): void {
  // R2 = 0 never branches (BCR 15,0 is the serialisation idiom: a no-op here).
  if (op.r2 !== 0 && conditionSelected(cpu, op.r1)) cpu.psw.address = cpu.gpr[op.r2] & cpu.amodeMask;
}

// 47  BC  Branch on Condition  [RX]
export function branchOnCondition(cpu: Cpu, op: Operands): void {
  if (conditionSelected(cpu, op.r1)) cpu.psw.address = op.addr2;
}

// ---- BRANCH ON COUNT ----

// 06  BCTR  Branch on Count  [RR]
export function branchOnCountRegister(cpu: Cpu, op: Operands): void {
  const target = cpu.gpr[op.r2] & cpu.amodeMask;
  const count = (cpu.gpr[op.r1] - 1) >>> 0;
  cpu.gpr[op.r1] = count;
  if (count !== 0 && op.r2 !== 0) cpu.psw.address = target;
}

// 46  BCT  Branch on Count  [RX]
export function branchOnCount(cpu: Cpu, op: Operands): void {
  const count = (cpu.gpr[op.r1] - 1) >>> 0;
  cpu.gpr[op.r1] = count;
  if (count !== 0) cpu.psw.address = op.addr2;
}

// ---- BRANCH ON INDEX ----

// 86  BXH  Branch on Index High  [RS]
export function branchOnIndexHigh(cpu: Cpu, op: Operands): void {
  if (addIncrement(cpu, op.r1, op.r3) > 0) cpu.psw.address = op.addr2;
}

// 87  BXLE  Branch on Index Low or Equal  [RS]
export function branchOnIndexLowOrEqual(cpu: Cpu, op: Operands): void {
  if (addIncrement(cpu, op.r1, op.r3) <= 0) cpu.psw.address = op.addr2;
}

// ---- relative branches (ESA/390) ----

// A75  BRAS  Branch Relative and Save  [RI]
export function branchRelativeAndSave(cpu: Cpu, op: Operands): void {
  const target = relativeTarget(cpu, op);
  cpu.gpr[op.r1] = saveInformation(cpu);
  cpu.psw.address = target;
}

// A74  BRC  Branch Relative on Condition  [RI]
export function branchRelativeOnCondition(cpu: Cpu, op: Operands): void {
  if (conditionSelected(cpu, op.r1)) cpu.psw.address = relativeTarget(cpu, op);
}

// A76  BRCT  Branch Relative on Count  [RI]
export function branchRelativeOnCount(cpu: Cpu, op: Operands): void {
  const count = (cpu.gpr[op.r1] - 1) >>> 0;
  cpu.gpr[op.r1] = count;
  if (count !== 0) cpu.psw.address = relativeTarget(cpu, op);
}

// 84  BRXH  Branch Relative on Index High  [RSI]
export function branchRelativeOnIndexHigh(cpu: Cpu, op: Operands): void {
  if (addIncrement(cpu, op.r1, op.r3) > 0) cpu.psw.address = relativeTarget(cpu, op);
}

// 85  BRXLE  Branch Relative on Index Low or Equal  [RSI]
export function branchRelativeOnIndexLowOrEqual(cpu: Cpu, op: Operands): void {
  if (addIncrement(cpu, op.r1, op.r3) <= 0) cpu.psw.address = relativeTarget(cpu, op);
}

// ---- EXECUTE, SUPERVISOR CALL ----

// 44  EX  Execute  [RX]
export function execute(cpu: Cpu, op: Operands): void {
  // Bits 24-31 of R1 are ORed into bits 8-15 of the target; R1 = 0: no OR.
  cpu.execute(op.addr2, op.r1 === 0 ? 0 : cpu.gpr[op.r1] & 0xff);
}

// 0A  SVC  Supervisor Call  [I]
export function supervisorCall(cpu: Cpu, op: Operands): void {
  cpu.supervisorCall(op.i1);
}
