// Decimal instructions: S/370 PoO (GA22-7000) and ESA/390 PoO (SA22-7201),
// chapter "Decimal Instructions", in the order of the opcode table's decimal
// section (alphabetical by PoO name); CONVERT TO BINARY and CONVERT TO
// DECIMAL (chapter "General Instructions") live here too because they read
// and write packed decimal. The arithmetic is in s390/packed.ts;
// these handlers check access, fetch the operands, and store the result.
//
// Every storage operand is checked for access (the first for store as well)
// before anything is changed, and every data exception is found before the
// result is stored, so an interruption leaves storage as it was: the PoO's
// "suppressed" (EDIT may also be terminated; here it is suppressed).

import type { Cpu } from '../cpu.js';
import type { Handler } from '../handler.js';
import { ProgramInterruption } from '../interruption.js';
import type { Operands } from '../operands.js';
import {
  addPacked,
  binaryToPacked,
  comparePacked,
  type DecimalResult,
  decodePacked,
  dividePacked,
  editPattern,
  hasRoomForProduct,
  multiplyPacked,
  negate,
  packedToBinary,
  packZoned,
  PackedZero,
  shiftAndRoundPacked,
  unpackToZoned,
} from '../packed.js';

/** PSW program-mask bit 21: decimal overflow (value 4 in the 4-bit mask). */
const DecimalOverflowMask = 4;

/** Largest length code of a multiplier or divisor: 8 bytes, 15 digits and sign. */
const MaxMultiplierLengthCode = 7;

function fetchBytes(cpu: Cpu, addr: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = cpu.readU8(addr + i);
  return bytes;
}

function storeBytes(cpu: Cpu, addr: number, bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i++) cpu.writeU8(addr + i, bytes[i]);
}

/** Access for the two-length (SS-b) form: the first operand fetched and/or stored, the second fetched. */
function accessBoth(cpu: Cpu, op: Operands, firstIsStored: boolean): boolean {
  return cpu.access(op.addr1, op.l1 + 1, firstIsStored) && cpu.access(op.addr2, op.l2 + 1, false);
}

/** Store a result with its condition code; cc 3 is a decimal overflow, taken when the mask allows. */
function completeWithOverflowCheck(cpu: Cpu, addr: number, result: DecimalResult): void {
  storeBytes(cpu, addr, result.bytes);
  cpu.psw.cc = result.cc;
  if (result.cc === 3 && cpu.psw.programMask & DecimalOverflowMask) {
    cpu.programInterrupt(ProgramInterruption.DecimalOverflow);
  }
}

/** AP and SP: the same sentence, SP inverting the second operand's sign first. */
function addOrSubtract(cpu: Cpu, op: Operands, subtract: boolean): void {
  if (!accessBoth(cpu, op, true)) return;
  const first = decodePacked(fetchBytes(cpu, op.addr1, op.l1 + 1));
  const second = decodePacked(fetchBytes(cpu, op.addr2, op.l2 + 1));
  if (!first || !second) return cpu.programInterrupt(ProgramInterruption.Data);
  completeWithOverflowCheck(cpu, op.addr1, addPacked(first, subtract ? negate(second) : second, op.l1 + 1));
}

/** MP and DP: the multiplier or divisor is at most 8 bytes and shorter than the first operand. */
function multiplierLengthValid(op: Operands): boolean {
  return op.l2 <= MaxMultiplierLengthCode && op.l2 < op.l1;
}

// FA  AP  Add Decimal  [SS]
export function addDecimal(cpu: Cpu, op: Operands): void {
  addOrSubtract(cpu, op, false);
}

// F9  CP  Compare Decimal  [SS]
export function compareDecimal(cpu: Cpu, op: Operands): void {
  if (!accessBoth(cpu, op, false)) return;
  const first = decodePacked(fetchBytes(cpu, op.addr1, op.l1 + 1));
  const second = decodePacked(fetchBytes(cpu, op.addr2, op.l2 + 1));
  if (!first || !second) return cpu.programInterrupt(ProgramInterruption.Data);
  cpu.psw.cc = comparePacked(first, second);
}

// FD  DP  Divide Decimal  [SS]
export function divideDecimal(cpu: Cpu, op: Operands): void {
  if (!multiplierLengthValid(op)) return cpu.programInterrupt(ProgramInterruption.Specification);
  if (!accessBoth(cpu, op, true)) return;
  const dividend = decodePacked(fetchBytes(cpu, op.addr1, op.l1 + 1));
  const divisor = decodePacked(fetchBytes(cpu, op.addr2, op.l2 + 1));
  if (!dividend || !divisor) return cpu.programInterrupt(ProgramInterruption.Data);
  const result = dividePacked(dividend, divisor, op.l1 + 1, op.l2 + 1);
  if (!result) return cpu.programInterrupt(ProgramInterruption.DecimalDivide);
  storeBytes(cpu, op.addr1, result);
}

/** ED and EDMK; EDMK also puts the address of the first significant digit in GR1. */
function editOrMark(cpu: Cpu, op: Operands, mark: boolean): void {
  const length = op.l1 + 1;
  if (!cpu.access(op.addr1, length, true)) return;
  const pattern = fetchBytes(cpu, op.addr1, length);
  const outcome = editPattern(pattern, (index) => {
    const addr = (op.addr2 + index) & cpu.amodeMask;
    return cpu.access(addr, 1, false) ? cpu.readU8(addr) : undefined;
  });
  if (outcome.kind === 'access') return;
  if (outcome.kind === 'data') return cpu.programInterrupt(ProgramInterruption.Data);
  storeBytes(cpu, op.addr1, outcome.result);
  cpu.psw.cc = outcome.cc;
  if (mark && outcome.mark >= 0) {
    // EDMK sets bits 8-31 of GR1 in the 24-bit mode (bits 0-7 unchanged) and
    // bits 1-31 in the 31-bit mode (bit 0 zero); GR1 is untouched when no
    // digit turned significance on (SA22-7201, EDIT AND MARK).
    const addr = (op.addr1 + outcome.mark) & cpu.amodeMask;
    cpu.gpr[1] = cpu.psw.amode31 ? addr : ((cpu.gpr[1] & 0xff000000) | addr) >>> 0;
  }
}

// DE  ED  Edit  [SS]
export function edit(cpu: Cpu, op: Operands): void {
  editOrMark(cpu, op, false);
}

// DF  EDMK  Edit and Mark  [SS]
export function editAndMark(cpu: Cpu, op: Operands): void {
  editOrMark(cpu, op, true);
}

// FC  MP  Multiply Decimal  [SS]
export function multiplyDecimal(cpu: Cpu, op: Operands): void {
  if (!multiplierLengthValid(op)) return cpu.programInterrupt(ProgramInterruption.Specification);
  if (!accessBoth(cpu, op, true)) return;
  const multiplicand = decodePacked(fetchBytes(cpu, op.addr1, op.l1 + 1));
  const multiplier = decodePacked(fetchBytes(cpu, op.addr2, op.l2 + 1));
  if (!multiplicand || !multiplier || !hasRoomForProduct(multiplicand, op.l1 + 1, op.l2 + 1)) {
    return cpu.programInterrupt(ProgramInterruption.Data);
  }
  storeBytes(cpu, op.addr1, multiplyPacked(multiplicand, multiplier, op.l1 + 1));
}

// F2  PACK  Pack  [SS]
export function pack(cpu: Cpu, op: Operands): void {
  if (!accessBoth(cpu, op, true)) return;
  packZoned(
    op.l1,
    op.l2,
    (offset) => cpu.readU8(op.addr2 + offset),
    (offset, byte) => cpu.writeU8(op.addr1 + offset, byte),
  );
}

// F0  SRP  Shift and Round Decimal  [SS]
export function shiftAndRoundDecimal(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr1, op.l1 + 1, true)) return;
  const value = decodePacked(fetchBytes(cpu, op.addr1, op.l1 + 1));
  // The rounding digit must be a valid digit even when no rounding is done (GA22-7000, SRP).
  if (!value || op.i3 > 9) return cpu.programInterrupt(ProgramInterruption.Data);
  // The second-operand address is not used for data: bits 26-31 are the shift value.
  completeWithOverflowCheck(cpu, op.addr1, shiftAndRoundPacked(value, op.l1 + 1, op.addr2 & 0x3f, op.i3));
}

// FB  SP  Subtract Decimal  [SS]
export function subtractDecimal(cpu: Cpu, op: Operands): void {
  addOrSubtract(cpu, op, true);
}

// F3  UNPK  Unpack  [SS]
export function unpack(cpu: Cpu, op: Operands): void {
  if (!accessBoth(cpu, op, true)) return;
  unpackToZoned(
    op.l1,
    op.l2,
    (offset) => cpu.readU8(op.addr2 + offset),
    (offset, byte) => cpu.writeU8(op.addr1 + offset, byte),
  );
}

// F8  ZAP  Zero and Add  [SS]
export function zeroAndAdd(cpu: Cpu, op: Operands): void {
  // Only the second operand is fetched and checked; the first is only stored.
  if (!accessBoth(cpu, op, true)) return;
  const second = decodePacked(fetchBytes(cpu, op.addr2, op.l2 + 1));
  if (!second) return cpu.programInterrupt(ProgramInterruption.Data);
  completeWithOverflowCheck(cpu, op.addr1, addPacked(PackedZero, second, op.l1 + 1));
}

// 4F  CVB  Convert to Binary  [RX]
export function convertToBinary(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 8, false)) return;
  const value = decodePacked(fetchBytes(cpu, op.addr2, 8));
  if (!value) return cpu.programInterrupt(ProgramInterruption.Data);
  // Out of range: the rightmost 32 bits are placed in R1, then the exception
  // is recognised (the operation is completed, GA22-7000, CONVERT TO BINARY).
  const { value: binary, fits } = packedToBinary(value);
  cpu.gpr[op.r1] = binary;
  if (!fits) cpu.programInterrupt(ProgramInterruption.FixedPointDivide);
}

// 4E  CVD  Convert to Decimal  [RX]
export function convertToDecimal(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 8, true)) return;
  storeBytes(cpu, op.addr2, binaryToPacked(cpu.gpr[op.r1]));
}

export const decimalHandlers: Record<string, Handler> = {
  AP: addDecimal,
  CP: compareDecimal,
  DP: divideDecimal,
  ED: edit,
  EDMK: editAndMark,
  MP: multiplyDecimal,
  PACK: pack,
  SRP: shiftAndRoundDecimal,
  SP: subtractDecimal,
  UNPK: unpack,
  ZAP: zeroAndAdd,
  CVB: convertToBinary,
  CVD: convertToDecimal,
};
