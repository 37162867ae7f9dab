// General instructions that move or update storage: MOVE (MVI, MVC), MOVE
// INVERSE, MOVE LONG, MOVE NUMERICS, MOVE WITH OFFSET, MOVE ZONES,
// TRANSLATE, TRANSLATE AND TEST, and the interlocked updates COMPARE AND
// SWAP, COMPARE DOUBLE AND SWAP, TEST AND SET.
// S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201, chapter "General
// Instructions".
//
// The SS moves are byte-by-byte, left to right, each result byte stored
// before the next operand byte is fetched: that is what makes MVC with the
// destination one byte past the source propagate the first byte ("Move",
// programming note: overlapping operands). Operand accesses are checked
// before anything is stored, so an access exception suppresses the
// instruction.

import type { Cpu } from '../cpu.js';
import { ProgramInterruption } from '../interruption.js';
import type { Operands } from '../operands.js';
import { LONG_UNIT } from './general-logical.js';

// ---- MOVE ----

// 92  MVI  Move  [SI]
export function moveImmediate(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr1, 1, true)) return;
  cpu.writeU8(op.addr1, op.i2);
}

// D2  MVC  Move  [SS]
export function moveCharacters(cpu: Cpu, op: Operands): void {
  const length = op.l1 + 1;
  if (!cpu.access(op.addr1, length, true) || !cpu.access(op.addr2, length, false)) return;
  for (let i = 0; i < length; i++) cpu.writeU8(op.addr1 + i, cpu.readU8(op.addr2 + i));
}

// E8  MVCIN  Move Inverse  [SS]
export function moveInverse(cpu: Cpu, op: Operands): void {
  // The second-operand address designates the RIGHTMOST byte of the second
  // operand: its bytes are placed in the first operand in reverse order.
  const length = op.l1 + 1;
  const start2 = (op.addr2 - op.l1) & cpu.amodeMask;
  if (!cpu.access(op.addr1, length, true) || !cpu.access(start2, length, false)) return;
  for (let i = 0; i < length; i++) cpu.writeU8(op.addr1 + i, cpu.readU8(op.addr2 - i));
}

// D1  MVN  Move Numerics  [SS]
export function moveNumerics(cpu: Cpu, op: Operands): void {
  const length = op.l1 + 1;
  if (!cpu.access(op.addr1, length, true) || !cpu.access(op.addr2, length, false)) return;
  for (let i = 0; i < length; i++) {
    const numeric = cpu.readU8(op.addr2 + i) & 0x0f;
    cpu.writeU8(op.addr1 + i, (cpu.readU8(op.addr1 + i) & 0xf0) | numeric);
  }
}

// D3  MVZ  Move Zones  [SS]
export function moveZones(cpu: Cpu, op: Operands): void {
  const length = op.l1 + 1;
  if (!cpu.access(op.addr1, length, true) || !cpu.access(op.addr2, length, false)) return;
  for (let i = 0; i < length; i++) {
    const zone = cpu.readU8(op.addr2 + i) & 0xf0;
    cpu.writeU8(op.addr1 + i, (cpu.readU8(op.addr1 + i) & 0x0f) | zone);
  }
}

// F1  MVO  Move with Offset  [SS]
export function moveWithOffset(cpu: Cpu, op: Operands): void {
  // The second operand goes to the left of the rightmost four bits of the
  // first, right to left, padded with zeros on the left or truncated when
  // the first operand is too short. Each byte is stored as soon as its
  // digits are known, so overlapping fields behave as the PoO describes.
  const length1 = op.l1 + 1;
  const length2 = op.l2 + 1;
  if (!cpu.access(op.addr1, length1, true) || !cpu.access(op.addr2, length2, false)) return;
  let addr1 = op.addr1 + op.l1;
  let addr2 = op.addr2 + op.l2;
  let remaining2 = length2 - 1;
  let source = cpu.readU8(addr2--);
  cpu.writeU8(addr1, ((source & 0x0f) << 4) | (cpu.readU8(addr1) & 0x0f));
  for (let i = 1; i < length1; i++) {
    addr1--;
    const next = remaining2-- > 0 ? cpu.readU8(addr2--) : 0;
    cpu.writeU8(addr1, ((next & 0x0f) << 4) | (source >>> 4));
    source = next;
  }
}

// 0E  MVCL  Move Long  [RR]
export function moveLong(cpu: Cpu, op: Operands): void {
  // R1/R2: operand addresses; bits 8-31 of R1+1 and R2+1: the lengths; bits
  // 0-7 of R2+1: the padding byte that fills the first operand when the
  // second is shorter. cc compares the lengths before the move.
  const { r1, r2 } = op;
  const mask = cpu.amodeMask;
  let addr1 = cpu.gpr[r1] & mask;
  let addr2 = cpu.gpr[r2] & mask;
  let length1 = cpu.gpr[r1 + 1] & 0x00ffffff;
  let length2 = cpu.gpr[r2 + 1] & 0x00ffffff;
  const pad = cpu.gpr[r2 + 1] >>> 24;
  const moved = length1 < length2 ? length1 : length2;
  // Destructive overlap: the first operand starts inside the part of the
  // second operand that is moved, so a byte would be used as a source after
  // it had been stored into. cc 3 and nothing moves (PoO, MOVE LONG).
  const offset = (addr1 - addr2) & mask;
  if (offset !== 0 && offset < moved) {
    cpu.gpr[r1] = addr1;
    cpu.gpr[r2] = addr2;
    cpu.psw.cc = 3;
    return;
  }
  cpu.psw.cc = length1 === length2 ? 0 : length1 < length2 ? 1 : 2;
  // MOVE LONG is interruptible: it proceeds in units that end at a 2K
  // boundary of either operand, and the registers always describe what is
  // left, so an access exception in a later unit leaves the earlier units
  // done and the registers pointing at the failing unit.
  while (length1 > 0) {
    let unit = Math.min(length1, LONG_UNIT - (addr1 & (LONG_UNIT - 1)));
    if (length2 > 0) unit = Math.min(unit, length2, LONG_UNIT - (addr2 & (LONG_UNIT - 1)));
    if (!cpu.access(addr1, unit, true) || (length2 > 0 && !cpu.access(addr2, unit, false))) break;
    for (let i = 0; i < unit; i++) cpu.writeU8(addr1 + i, length2 > 0 ? cpu.readU8(addr2 + i) : pad);
    addr1 = (addr1 + unit) & mask;
    length1 -= unit;
    if (length2 > 0) {
      addr2 = (addr2 + unit) & mask;
      length2 -= unit;
    }
  }
  // The addresses are wrapped to the addressing mode (bits 0-7 of R1 and R2
  // zero in 24-bit mode, bit 0 in 31-bit mode); bits 0-7 of R1+1 and R2+1
  // are kept, so the padding byte survives.
  cpu.gpr[r1] = addr1;
  cpu.gpr[r2] = addr2;
  cpu.gpr[r1 + 1] = (cpu.gpr[r1 + 1] & 0xff000000) | length1;
  cpu.gpr[r2 + 1] = (cpu.gpr[r2 + 1] & 0xff000000) | length2;
}

// ---- TRANSLATE ----

/**
 * Check the table bytes a TR or TRT of `length` bytes at addr1 can reach:
 * from table + the smallest argument byte to table + the largest, so a
 * table near the end of storage is only refused if a byte really points
 * past it (PoO: access exceptions for the table only for bytes used).
 */
function accessTable(cpu: Cpu, addr1: number, length: number, table: number): boolean {
  let low = 0xff;
  let high = 0;
  for (let i = 0; i < length; i++) {
    const byte = cpu.readU8(addr1 + i);
    if (byte < low) low = byte;
    if (byte > high) high = byte;
  }
  return cpu.access((table + low) & cpu.amodeMask, high - low + 1, false);
}

// DC  TR  Translate  [SS]
export function translate(cpu: Cpu, op: Operands): void {
  // Each first-operand byte is replaced by the table byte it indexes, left
  // to right; a table overlapping the first operand sees earlier results.
  const length = op.l1 + 1;
  if (!cpu.access(op.addr1, length, true) || !accessTable(cpu, op.addr1, length, op.addr2)) return;
  for (let i = 0; i < length; i++) {
    const addr = op.addr1 + i;
    cpu.writeU8(addr, cpu.readU8(op.addr2 + cpu.readU8(addr)));
  }
}

// DD  TRT  Translate and Test  [SS]
export function translateAndTest(cpu: Cpu, op: Operands): void {
  // Scan the first operand until a byte's table entry (the function byte) is
  // non-zero. Then general register 1 gets the argument byte's address (in
  // 24-bit mode in bits 8-31, bits 0-7 unchanged; in 31-bit mode in bits
  // 1-31, bit 0 set to zero), bits 24-31 of general register 2 get the
  // function byte, and the cc is 1 (more bytes follow) or 2 (it was the
  // last). All function bytes zero: cc 0, registers unchanged.
  const length = op.l1 + 1;
  if (!cpu.access(op.addr1, length, false) || !accessTable(cpu, op.addr1, length, op.addr2)) return;
  for (let i = 0; i < length; i++) {
    const addr = (op.addr1 + i) & cpu.amodeMask;
    const functionByte = cpu.readU8(op.addr2 + cpu.readU8(addr));
    if (functionByte === 0) continue;
    cpu.gpr[1] = cpu.psw.amode31 ? addr : (cpu.gpr[1] & 0xff000000) | addr;
    cpu.gpr[2] = (cpu.gpr[2] & 0xffffff00) | functionByte;
    cpu.psw.cc = i === length - 1 ? 2 : 1;
    return;
  }
  cpu.psw.cc = 0;
}

// ---- COMPARE AND SWAP, TEST AND SET ----

// BA  CS  Compare and Swap  [RS]
export function compareAndSwap(cpu: Cpu, op: Operands): void {
  // The operand must be on a word boundary. Equal: R3 is stored, cc 0.
  // Unequal: the storage word is loaded into R1, cc 1. The store access is
  // checked either way (PoO: the operand is treated as a store operand).
  if (op.addr2 & 3) {
    cpu.programInterrupt(ProgramInterruption.Specification);
    return;
  }
  if (!cpu.access(op.addr2, 4, true)) return;
  const current = cpu.readU32(op.addr2);
  if (current === cpu.gpr[op.r1]) {
    cpu.writeU32(op.addr2, cpu.gpr[op.r3]);
    cpu.psw.cc = 0;
  } else {
    cpu.gpr[op.r1] = current;
    cpu.psw.cc = 1;
  }
}

// BB  CDS  Compare Double and Swap  [RS]
export function compareDoubleAndSwap(cpu: Cpu, op: Operands): void {
  // R1,R1+1 against the doubleword; R3,R3+1 stored when equal. The even
  // registers are checked by the dispatcher, the doubleword boundary here.
  if (op.addr2 & 7) {
    cpu.programInterrupt(ProgramInterruption.Specification);
    return;
  }
  if (!cpu.access(op.addr2, 8, true)) return;
  const high = cpu.readU32(op.addr2);
  const low = cpu.readU32(op.addr2 + 4);
  if (high === cpu.gpr[op.r1] && low === cpu.gpr[op.r1 + 1]) {
    cpu.writeU32(op.addr2, cpu.gpr[op.r3]);
    cpu.writeU32(op.addr2 + 4, cpu.gpr[op.r3 + 1]);
    cpu.psw.cc = 0;
  } else {
    cpu.gpr[op.r1] = high;
    cpu.gpr[op.r1 + 1] = low;
    cpu.psw.cc = 1;
  }
}

// 93  TS  Test and Set  [S]
export function testAndSet(cpu: Cpu, op: Operands): void {
  // cc is the leftmost bit of the byte; the byte becomes all ones.
  if (!cpu.access(op.addr2, 1, true)) return;
  cpu.psw.cc = cpu.readU8(op.addr2) >>> 7;
  cpu.writeU8(op.addr2, 0xff);
}
