// Control instructions (S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201,
// chapter "Control Instructions"). The dispatcher has made the
// privileged-operation check for the rows flagged Privileged; the
// semiprivileged IPK and SPKA check their own authority here.
//
// DIAGNOSE on bare metal: its function is model-dependent and this machine
// implements none, so with no owner (interceptor) to take it, DIAGNOSE is a
// specification exception: a program learns it is not running under CP
// instead of seeing a DIAGNOSE silently do nothing.

import type { Cpu } from '../cpu.js';
import type { Handler } from '../handler.js';
import type { Operands } from '../operands.js';
import { ProgramInterruption } from '../interruption.js';
import { KeyBit } from '../storage.js';

/** CR0 bit 1: SSM suppression; bit 4: extraction authority. */
const CR0_SSM_SUPPRESSION = 0x40000000;
const CR0_EXTRACTION_AUTHORITY = 0x08000000;

function readU64(cpu: Cpu, addr: number): bigint {
  return (BigInt(cpu.readU32(addr)) << 32n) | BigInt(cpu.readU32(addr + 4));
}

function writeU64(cpu: Cpu, addr: number, value: bigint): void {
  cpu.writeU32(addr, Number((value >> 32n) & 0xffffffffn));
  cpu.writeU32(addr + 4, Number(value & 0xffffffffn));
}

/** A doubleword operand: specification unless on a doubleword boundary, then access. */
function doublewordOperand(cpu: Cpu, addr: number, store: boolean): boolean {
  if ((addr & 7) !== 0) {
    cpu.programInterrupt(ProgramInterruption.Specification);
    return false;
  }
  return cpu.access(addr, 8, store);
}

/** Replace the PSW's system mask (bits 0-7) through the one PSW encode/decode path. */
function setSystemMask(cpu: Cpu, mask: number): void {
  const [w0, w1] = cpu.psw.encode(cpu.arch);
  cpu.loadPsw(((mask & 0xff) << 24) | (w0 & 0x00ffffff), w1);
}

/**
 * The real address of the storage-key block an R2 operand designates, or -1
 * after raising the exception. S/370 (2K blocks): bits 8-20; bits 28-31 must
 * be zero. ESA/390 (4K blocks): bits 1-19 in the 31-bit mode, 8-19 in the
 * 24-bit mode; bits 20-31 are ignored.
 */
function keyBlock(cpu: Cpu, r2: number): number {
  const value = cpu.gpr[r2];
  let addr: number;
  if (cpu.arch === '370') {
    if ((value & 0x0f) !== 0) {
      cpu.programInterrupt(ProgramInterruption.Specification);
      return -1;
    }
    addr = value & 0x00fff800;
  } else {
    addr = value & (cpu.psw.amode31 ? 0x7ffff000 : 0x00fff000);
  }
  if (addr >= cpu.storage.size) {
    cpu.programInterrupt(ProgramInterruption.Addressing);
    return -1;
  }
  return addr;
}

/** RESET REFERENCE BIT: CC from the reference and change bits, then R off. */
function resetReferenceBit(cpu: Cpu, addr: number): void {
  const key = cpu.storage.keyOf(addr);
  cpu.psw.cc = (key & KeyBit.Reference ? 2 : 0) | (key & KeyBit.Change ? 1 : 0);
  cpu.storage.setKey(addr, key & ~KeyBit.Reference);
}

// 83  DIAG  Diagnose  [RS]
export function diagnose(cpu: Cpu): void {
  cpu.programInterrupt(ProgramInterruption.Specification);
}

// B20B  IPK  Insert PSW Key  [S]
export function insertPswKey(cpu: Cpu): void {
  if (cpu.psw.problemState && (cpu.cr[0] & CR0_EXTRACTION_AUTHORITY) === 0) {
    cpu.programInterrupt(ProgramInterruption.PrivilegedOperation);
    return;
  }
  cpu.gpr[2] = ((cpu.gpr[2] & 0xffffff00) | (cpu.psw.key << 4)) >>> 0;
}

// 09  ISK  Insert Storage Key  [RR]
export function insertStorageKey(cpu: Cpu, { r1, r2 }: Operands): void {
  const addr = keyBlock(cpu, r2);
  if (addr < 0) return;
  // BC mode inserts the access-control and fetch-protection bits only.
  const key = cpu.storage.keyOf(addr) & (cpu.psw.ecMode ? 0xfe : 0xf8);
  cpu.gpr[r1] = ((cpu.gpr[r1] & 0xffffff00) | key) >>> 0;
}

// B229  ISKE  Insert Storage Key Extended  [RRE]
export function insertStorageKeyExtended(cpu: Cpu, { r1, r2 }: Operands): void {
  const addr = keyBlock(cpu, r2);
  if (addr < 0) return;
  cpu.gpr[r1] = ((cpu.gpr[r1] & 0xffffff00) | (cpu.storage.keyOf(addr) & 0xfe)) >>> 0;
}

// B7  LCTL  Load Control  [RS]
export function loadControl(cpu: Cpu, { r1, r3, addr2 }: Operands): void {
  if ((addr2 & 3) !== 0) {
    cpu.programInterrupt(ProgramInterruption.Specification);
    return;
  }
  const count = ((r3 - r1) & 15) + 1;
  if (!cpu.access(addr2, count * 4, false)) return;
  for (let i = 0; i < count; i++) cpu.cr[(r1 + i) & 15] = cpu.readU32(addr2 + i * 4);
  cpu.requestExit();
}

// 82  LPSW  Load PSW  [S]
export function loadPsw(cpu: Cpu, { addr2 }: Operands): void {
  if (!doublewordOperand(cpu, addr2, false)) return;
  cpu.loadPsw(cpu.readU32(addr2), cpu.readU32(addr2 + 4));
}

// B20D  PTLB  Purge TLB  [S]
export function purgeTlb(): void {
  // No dynamic address translation, so no TLB to purge.
}

// B213  RRB  Reset Reference Bit  [S]
export function resetReferenceBitS370(cpu: Cpu, { addr2 }: Operands): void {
  const addr = addr2 & 0x00fff800;
  if (addr >= cpu.storage.size) {
    cpu.programInterrupt(ProgramInterruption.Addressing);
    return;
  }
  resetReferenceBit(cpu, addr);
}

// B22A  RRBE  Reset Reference Bit Extended  [RRE]
export function resetReferenceBitExtended(cpu: Cpu, { r2 }: Operands): void {
  const addr = keyBlock(cpu, r2);
  if (addr >= 0) resetReferenceBit(cpu, addr);
}

// B204  SCK  Set Clock  [S]
export function setClock(cpu: Cpu, { addr2 }: Operands): void {
  if (!doublewordOperand(cpu, addr2, false)) return;
  cpu.setClock(readU64(cpu, addr2));
  cpu.psw.cc = 0;
}

// B206  SCKC  Set Clock Comparator  [S]
export function setClockComparator(cpu: Cpu, { addr2 }: Operands): void {
  if (!doublewordOperand(cpu, addr2, false)) return;
  cpu.setClockComparator(readU64(cpu, addr2));
}

// B208  SPT  Set CPU Timer  [S]
export function setCpuTimer(cpu: Cpu, { addr2 }: Operands): void {
  if (!doublewordOperand(cpu, addr2, false)) return;
  cpu.setCpuTimer(readU64(cpu, addr2));
}

// B20A  SPKA  Set PSW Key from Address  [S]
export function setPswKeyFromAddress(cpu: Cpu, { addr2 }: Operands): void {
  const key = (addr2 >>> 4) & 15;
  // In problem state the key must be allowed by the PSW-key mask, CR3 bits 0-15.
  if (cpu.psw.problemState && ((cpu.cr[3] >>> (31 - key)) & 1) === 0) {
    cpu.programInterrupt(ProgramInterruption.PrivilegedOperation);
    return;
  }
  cpu.setPswKey(key);
}

// 08  SSK  Set Storage Key  [RR]
export function setStorageKey(cpu: Cpu, { r1, r2 }: Operands): void {
  const addr = keyBlock(cpu, r2);
  if (addr < 0) return;
  cpu.storage.setKey(addr, cpu.gpr[r1] & 0xfe);
  cpu.storageKeysChanged();
}

// B22B  SSKE  Set Storage Key Extended  [RRE]
export function setStorageKeyExtended(cpu: Cpu, { r1, r2 }: Operands): void {
  const addr = keyBlock(cpu, r2);
  if (addr < 0) return;
  cpu.storage.setKey(addr, cpu.gpr[r1] & 0xfe);
  cpu.storageKeysChanged();
}

// 80  SSM  Set System Mask  [S]
export function setSystemMaskInstruction(cpu: Cpu, { addr2 }: Operands): void {
  if ((cpu.cr[0] & CR0_SSM_SUPPRESSION) !== 0) {
    cpu.programInterrupt(ProgramInterruption.SpecialOperation);
    return;
  }
  if (!cpu.access(addr2, 1, false)) return;
  setSystemMask(cpu, cpu.readU8(addr2));
}

// B205  STCK  Store Clock  [S]
export function storeClock(cpu: Cpu, { addr2 }: Operands): void {
  if (!cpu.access(addr2, 8, true)) return;
  writeU64(cpu, addr2, cpu.storeClockValue());
  cpu.psw.cc = 0;
}

// B207  STCKC  Store Clock Comparator  [S]
export function storeClockComparator(cpu: Cpu, { addr2 }: Operands): void {
  if (!doublewordOperand(cpu, addr2, true)) return;
  writeU64(cpu, addr2, cpu.clockComparator);
}

// B6  STCTL  Store Control  [RS]
export function storeControl(cpu: Cpu, { r1, r3, addr2 }: Operands): void {
  if ((addr2 & 3) !== 0) {
    cpu.programInterrupt(ProgramInterruption.Specification);
    return;
  }
  const count = ((r3 - r1) & 15) + 1;
  if (!cpu.access(addr2, count * 4, true)) return;
  for (let i = 0; i < count; i++) cpu.writeU32(addr2 + i * 4, cpu.cr[(r1 + i) & 15]);
}

// B202  STIDP  Store CPU ID  [S]
export function storeCpuId(cpu: Cpu, { addr2 }: Operands): void {
  if (!doublewordOperand(cpu, addr2, true)) return;
  writeU64(cpu, addr2, cpu.cpuId);
}

// AC  STNSM  Store Then And System Mask  [SI]
export function storeThenAndSystemMask(cpu: Cpu, { addr1, i2 }: Operands): void {
  if (!cpu.access(addr1, 1, true)) return;
  const mask = cpu.psw.systemMask;
  cpu.writeU8(addr1, mask);
  setSystemMask(cpu, mask & i2);
}

// AD  STOSM  Store Then Or System Mask  [SI]
export function storeThenOrSystemMask(cpu: Cpu, { addr1, i2 }: Operands): void {
  if (!cpu.access(addr1, 1, true)) return;
  const mask = cpu.psw.systemMask;
  cpu.writeU8(addr1, mask);
  setSystemMask(cpu, mask | i2);
}

// B209  STPT  Store CPU Timer  [S]
export function storeCpuTimer(cpu: Cpu, { addr2 }: Operands): void {
  if (!doublewordOperand(cpu, addr2, true)) return;
  writeU64(cpu, addr2, BigInt.asUintN(64, cpu.cpuTimer));
}

export const controlHandlers: Record<string, Handler> = {
  DIAG: diagnose,
  IPK: insertPswKey,
  ISK: insertStorageKey,
  ISKE: insertStorageKeyExtended,
  LCTL: loadControl,
  LPSW: loadPsw,
  PTLB: purgeTlb,
  RRB: resetReferenceBitS370,
  RRBE: resetReferenceBitExtended,
  SCK: setClock,
  SCKC: setClockComparator,
  SPT: setCpuTimer,
  SPKA: setPswKeyFromAddress,
  SSK: setStorageKey,
  SSKE: setStorageKeyExtended,
  SSM: setSystemMaskInstruction,
  STCK: storeClock,
  STCKC: storeClockComparator,
  STCTL: storeControl,
  STIDP: storeCpuId,
  STNSM: storeThenAndSystemMask,
  STOSM: storeThenOrSystemMask,
  STPT: storeCpuTimer,
};
