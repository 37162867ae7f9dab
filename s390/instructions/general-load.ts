// General instructions: loads, stores and inserts between registers and
// storage (LOAD, LOAD ADDRESS, LOAD HALFWORD, LOAD MULTIPLY, STORE ...,
// INSERT CHARACTER(S), STORE CHARACTER(S)) and the two that move the
// condition code and program mask (INSERT PROGRAM MASK, SET PROGRAM MASK).
// S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201, chapter "General
// Instructions". None of these require operand alignment.

import { signExtend16 } from '../arith.js';
import type { Cpu } from '../cpu.js';
import type { Operands } from '../operands.js';

/** Number of one bits in a 4-bit mask: the bytes ICM, STCM and CLM touch. */
export function maskByteCount(mask: number): number {
  return (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1);
}

/**
 * Access check for an operand that may be empty (mask zero, length zero):
 * an empty operand is never accessed, so it raises nothing.
 */
export function accessOperand(cpu: Cpu, addr: number, length: number, store: boolean): boolean {
  return length === 0 || cpu.access(addr, length, store);
}

/** Registers R1 through R3 of LM and STM, wrapping from 15 to 0. */
function registerCount(r1: number, r3: number): number {
  return ((r3 - r1) & 15) + 1;
}

// ---- LOAD ----

// 18  LR  Load  [RR]
export function loadRegister(cpu: Cpu, op: Operands): void {
  cpu.gpr[op.r1] = cpu.gpr[op.r2];
}

// 58  L  Load  [RX]
export function load(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  cpu.gpr[op.r1] = cpu.readU32(op.addr2);
}

// 41  LA  Load Address  [RX]
export function loadAddress(cpu: Cpu, op: Operands): void {
  // The dispatcher has wrapped the address to the addressing mode, which
  // leaves bits 0-7 (24-bit) or bit 0 (31-bit) zero, as LA requires.
  cpu.gpr[op.r1] = op.addr2;
}

// 48  LH  Load Halfword  [RX]
export function loadHalfword(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 2, false)) return;
  cpu.gpr[op.r1] = signExtend16(cpu.readU16(op.addr2));
}

// A78  LHI  Load Halfword Immediate  [RI]
export function loadHalfwordImmediate(cpu: Cpu, op: Operands): void {
  cpu.gpr[op.r1] = op.i2;
}

// 98  LM  Load Multiple  [RS]
export function loadMultiple(cpu: Cpu, op: Operands): void {
  const count = registerCount(op.r1, op.r3);
  if (!cpu.access(op.addr2, count * 4, false)) return;
  for (let i = 0; i < count; i++) cpu.gpr[(op.r1 + i) & 15] = cpu.readU32(op.addr2 + i * 4);
}

// ---- STORE ----

// 50  ST  Store  [RX]
export function store(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, true)) return;
  cpu.writeU32(op.addr2, cpu.gpr[op.r1]);
}

// 42  STC  Store Character  [RX]
export function storeCharacter(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 1, true)) return;
  cpu.writeU8(op.addr2, cpu.gpr[op.r1] & 0xff);
}

// 40  STH  Store Halfword  [RX]
export function storeHalfword(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 2, true)) return;
  cpu.writeU16(op.addr2, cpu.gpr[op.r1] & 0xffff);
}

// 90  STM  Store Multiple  [RS]
export function storeMultiple(cpu: Cpu, op: Operands): void {
  const count = registerCount(op.r1, op.r3);
  if (!cpu.access(op.addr2, count * 4, true)) return;
  for (let i = 0; i < count; i++) cpu.writeU32(op.addr2 + i * 4, cpu.gpr[(op.r1 + i) & 15]);
}

// BE  STCM  Store Characters under Mask  [RS]
export function storeCharactersUnderMask(cpu: Cpu, op: Operands): void {
  // The bytes of R1 selected by M3 (in op.r3) are stored in contiguous bytes.
  const mask = op.r3;
  if (!accessOperand(cpu, op.addr2, maskByteCount(mask), true)) return;
  const value = cpu.gpr[op.r1];
  let addr = op.addr2;
  for (let bit = 3; bit >= 0; bit--) {
    if (mask & (1 << bit)) cpu.writeU8(addr++, (value >>> (bit * 8)) & 0xff);
  }
}

// ---- INSERT ----

// 43  IC  Insert Character  [RX]
export function insertCharacter(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 1, false)) return;
  cpu.gpr[op.r1] = (cpu.gpr[op.r1] & 0xffffff00) | cpu.readU8(op.addr2);
}

// BF  ICM  Insert Characters under Mask  [RS]
export function insertCharactersUnderMask(cpu: Cpu, op: Operands): void {
  const mask = op.r3;
  if (!accessOperand(cpu, op.addr2, maskByteCount(mask), false)) return;
  let value = cpu.gpr[op.r1];
  let addr = op.addr2;
  let inserted = 0;
  let first = -1;
  for (let bit = 3; bit >= 0; bit--) {
    if (!(mask & (1 << bit))) continue;
    const byte = cpu.readU8(addr++);
    if (first < 0) first = byte;
    inserted |= byte;
    value = (value & ~(0xff << (bit * 8))) | (byte << (bit * 8));
  }
  cpu.gpr[op.r1] = value;
  // cc 0: all inserted bits zero (or mask zero); 1: first inserted bit one; 2: otherwise.
  cpu.psw.cc = inserted === 0 ? 0 : first & 0x80 ? 1 : 2;
}

// ---- PROGRAM MASK ----

// B222  IPM  Insert Program Mask  [RRE]
export function insertProgramMask(cpu: Cpu, op: Operands): void {
  // Bits 0-1 zero, 2-3 the condition code, 4-7 the program mask; 8-31 unchanged.
  cpu.gpr[op.r1] = (cpu.gpr[op.r1] & 0x00ffffff) | (cpu.psw.cc << 28) | (cpu.psw.programMask << 24);
}

// 04  SPM  Set Program Mask  [RR]
export function setProgramMask(cpu: Cpu, op: Operands): void {
  // Bits 2-3 of R1 become the condition code, bits 4-7 the program mask.
  const value = cpu.gpr[op.r1];
  cpu.psw.cc = (value >>> 28) & 3;
  cpu.psw.programMask = (value >>> 24) & 15;
}
