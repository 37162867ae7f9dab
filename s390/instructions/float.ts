// Floating-point instructions: hexadecimal floating point (HFP), short, long
// and extended. S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201, chapter
// "Floating-Point Instructions". The arithmetic lives in s390/hfp.ts; these
// handlers move operands between the FPRs, storage and the PSW.
//
// Registers: FPR n (0, 2, 4, 6) is cpu.fpr[n] (high word) and cpu.fpr[n + 1]
// (low word). A short operand is the high word alone, and a short result
// leaves the low word unchanged. An extended operand is the pair n, n + 2
// (0/2 or 4/6). The dispatcher has already rejected invalid register numbers
// as the row flags say (Fpr, FprExtended, FprExtendedR1, FprExtendedR2).
//
// Storage operands need no alignment in either mode: in S/370 the
// byte-oriented-operand facility is standard (GA22-7000, chapter "Storage",
// "Byte-Oriented-Operand Facility"), and ESA/390 has no alignment rule for
// these operands. cpu.access() is asked first, so an addressing or protection
// exception leaves everything unchanged.

import type { Cpu } from '../cpu.js';
import type { Handler } from '../handler.js';
import {
  addHfp,
  addLongHfp,
  addShortHfp,
  compareLongHfp,
  compareShortHfp,
  divideHfp,
  divideShortHfp,
  halveHfp,
  halveShortHfp,
  HfpFormat,
  type HfpLongSumResult,
  type HfpLongWordsResult,
  type HfpResult,
  type HfpShortResult,
  loadRoundedHfp,
  loadRoundedLongToShortHfp,
  multiplyHfp,
  multiplyShortHfp,
  SignOp,
  signedLoad,
} from '../hfp.js';
import { ProgramInterruption } from '../interruption.js';
import type { Operands } from '../operands.js';

// ---- Operand access ----
// Short operands travel as 32-bit numbers, and so do long operands of add,
// subtract and compare, as their two words (hfp.ts has number paths for
// them); the other long and extended operands travel as BigInts.

function longReg(cpu: Cpu, r: number): bigint {
  return (BigInt(cpu.fpr[r]) << 32n) | BigInt(cpu.fpr[r + 1]);
}

function extendedReg(cpu: Cpu, r: number): bigint {
  return (longReg(cpu, r) << 64n) | longReg(cpu, r + 2);
}

function setLongReg(cpu: Cpu, r: number, bits: bigint): void {
  cpu.fpr[r] = Number(bits >> 32n);
  cpu.fpr[r + 1] = Number(bits & 0xffffffffn);
}

function setExtendedReg(cpu: Cpu, r: number, bits: bigint): void {
  setLongReg(cpu, r, bits >> 64n);
  setLongReg(cpu, r + 2, bits & 0xffffffffffffffffn);
}

/** The short storage operand at the second-operand address, or undefined after an access exception. */
function shortStorage(cpu: Cpu, op: Operands): number | undefined {
  if (!cpu.access(op.addr2, 4, false)) return undefined;
  return cpu.readU32(op.addr2);
}

/** The long storage operand at the second-operand address, or undefined after an access exception. */
function longStorage(cpu: Cpu, op: Operands): bigint | undefined {
  if (!cpu.access(op.addr2, 8, false)) return undefined;
  return (BigInt(cpu.readU32(op.addr2)) << 32n) | BigInt(cpu.readU32(op.addr2 + 4));
}

// ---- Completing an operation ----
// The result is stored before an exponent-overflow, exponent-underflow or
// significance interruption is taken; a floating-point-divide exception
// suppresses the operation, so nothing is stored.

function raise(cpu: Cpu, result: HfpResult | HfpShortResult | HfpLongWordsResult | HfpLongSumResult): void {
  if (result.interruption) cpu.programInterrupt(result.interruption);
}

/** Add and subtract: store, set the condition code, raise any exception. */
function completeShortSum(cpu: Cpu, r1: number, result: HfpShortResult): void {
  cpu.fpr[r1] = result.bits;
  cpu.psw.cc = result.cc;
  raise(cpu, result);
}

function completeLongSum(cpu: Cpu, r1: number, result: HfpLongSumResult): void {
  cpu.fpr[r1] = result.high;
  cpu.fpr[r1 + 1] = result.low;
  cpu.psw.cc = result.cc;
  raise(cpu, result);
}

function completeExtendedSum(cpu: Cpu, r1: number, result: HfpResult): void {
  setExtendedReg(cpu, r1, result.bits);
  cpu.psw.cc = result.cc;
  raise(cpu, result);
}

/** Multiply, divide, halve, load rounded: store unless suppressed; the condition code is unchanged. */
function completeShort(cpu: Cpu, r1: number, result: HfpShortResult): void {
  if (result.interruption !== ProgramInterruption.FloatingPointDivide) cpu.fpr[r1] = result.bits;
  raise(cpu, result);
}

/** MER, ME: the long product of short operands replaces both words. */
function completeShortProduct(cpu: Cpu, r1: number, result: HfpLongWordsResult): void {
  cpu.fpr[r1] = result.high;
  cpu.fpr[r1 + 1] = result.low;
  raise(cpu, result);
}

function completeLong(cpu: Cpu, r1: number, result: HfpResult): void {
  if (result.interruption !== ProgramInterruption.FloatingPointDivide) setLongReg(cpu, r1, result.bits);
  raise(cpu, result);
}

function completeExtended(cpu: Cpu, r1: number, result: HfpResult): void {
  setExtendedReg(cpu, r1, result.bits);
  raise(cpu, result);
}

// ---- ADD NORMALIZED, ADD UNNORMALIZED, SUBTRACT NORMALIZED, SUBTRACT UNNORMALIZED ----

function addShort(cpu: Cpu, r1: number, b: number, normalize: boolean, subtract: boolean): void {
  completeShortSum(cpu, r1, addShortHfp(cpu.fpr[r1], b, normalize, subtract, cpu.psw.programMask));
}

function addLong(cpu: Cpu, r1: number, bHigh: number, bLow: number, normalize: boolean, subtract: boolean): void {
  const result = addLongHfp(cpu.fpr[r1], cpu.fpr[r1 + 1], bHigh, bLow, normalize, subtract, cpu.psw.programMask);
  completeLongSum(cpu, r1, result);
}

function addLongStorage(cpu: Cpu, op: Operands, normalize: boolean, subtract: boolean): void {
  if (!cpu.access(op.addr2, 8, false)) return;
  addLong(cpu, op.r1, cpu.readU32(op.addr2), cpu.readU32(op.addr2 + 4), normalize, subtract);
}

function addExtended(cpu: Cpu, r1: number, r2: number, subtract: boolean): void {
  const a = extendedReg(cpu, r1);
  const result = addHfp(HfpFormat.Extended, a, extendedReg(cpu, r2), true, subtract, cpu.psw.programMask);
  completeExtendedSum(cpu, r1, result);
}

// 36  AXR  Add Normalized (extended)  [RR]
function addNormalizedExtended(cpu: Cpu, { r1, r2 }: Operands): void {
  addExtended(cpu, r1, r2, false);
}

// 2A  ADR  Add Normalized (long)  [RR]
function addNormalizedLongRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  addLong(cpu, r1, cpu.fpr[r2], cpu.fpr[r2 + 1], true, false);
}

// 6A  AD  Add Normalized (long)  [RX]
function addNormalizedLong(cpu: Cpu, op: Operands): void {
  addLongStorage(cpu, op, true, false);
}

// 3A  AER  Add Normalized (short)  [RR]
function addNormalizedShortRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  addShort(cpu, r1, cpu.fpr[r2], true, false);
}

// 7A  AE  Add Normalized (short)  [RX]
function addNormalizedShort(cpu: Cpu, op: Operands): void {
  const b = shortStorage(cpu, op);
  if (b !== undefined) addShort(cpu, op.r1, b, true, false);
}

// 2E  AWR  Add Unnormalized (long)  [RR]
function addUnnormalizedLongRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  addLong(cpu, r1, cpu.fpr[r2], cpu.fpr[r2 + 1], false, false);
}

// 6E  AW  Add Unnormalized (long)  [RX]
function addUnnormalizedLong(cpu: Cpu, op: Operands): void {
  addLongStorage(cpu, op, false, false);
}

// 3E  AUR  Add Unnormalized (short)  [RR]
function addUnnormalizedShortRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  addShort(cpu, r1, cpu.fpr[r2], false, false);
}

// 7E  AU  Add Unnormalized (short)  [RX]
function addUnnormalizedShort(cpu: Cpu, op: Operands): void {
  const b = shortStorage(cpu, op);
  if (b !== undefined) addShort(cpu, op.r1, b, false, false);
}

// 37  SXR  Subtract Normalized (extended)  [RR]
function subtractNormalizedExtended(cpu: Cpu, { r1, r2 }: Operands): void {
  addExtended(cpu, r1, r2, true);
}

// 2B  SDR  Subtract Normalized (long)  [RR]
function subtractNormalizedLongRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  addLong(cpu, r1, cpu.fpr[r2], cpu.fpr[r2 + 1], true, true);
}

// 6B  SD  Subtract Normalized (long)  [RX]
function subtractNormalizedLong(cpu: Cpu, op: Operands): void {
  addLongStorage(cpu, op, true, true);
}

// 3B  SER  Subtract Normalized (short)  [RR]
function subtractNormalizedShortRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  addShort(cpu, r1, cpu.fpr[r2], true, true);
}

// 7B  SE  Subtract Normalized (short)  [RX]
function subtractNormalizedShort(cpu: Cpu, op: Operands): void {
  const b = shortStorage(cpu, op);
  if (b !== undefined) addShort(cpu, op.r1, b, true, true);
}

// 2F  SWR  Subtract Unnormalized (long)  [RR]
function subtractUnnormalizedLongRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  addLong(cpu, r1, cpu.fpr[r2], cpu.fpr[r2 + 1], false, true);
}

// 6F  SW  Subtract Unnormalized (long)  [RX]
function subtractUnnormalizedLong(cpu: Cpu, op: Operands): void {
  addLongStorage(cpu, op, false, true);
}

// 3F  SUR  Subtract Unnormalized (short)  [RR]
function subtractUnnormalizedShortRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  addShort(cpu, r1, cpu.fpr[r2], false, true);
}

// 7F  SU  Subtract Unnormalized (short)  [RX]
function subtractUnnormalizedShort(cpu: Cpu, op: Operands): void {
  const b = shortStorage(cpu, op);
  if (b !== undefined) addShort(cpu, op.r1, b, false, true);
}

// ---- COMPARE ----

// 29  CDR  Compare (long)  [RR]
function compareLongRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  cpu.psw.cc = compareLongHfp(cpu.fpr[r1], cpu.fpr[r1 + 1], cpu.fpr[r2], cpu.fpr[r2 + 1]);
}

// 69  CD  Compare (long)  [RX]
function compareLong(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 8, false)) return;
  const bHigh = cpu.readU32(op.addr2);
  const bLow = cpu.readU32(op.addr2 + 4);
  cpu.psw.cc = compareLongHfp(cpu.fpr[op.r1], cpu.fpr[op.r1 + 1], bHigh, bLow);
}

// 39  CER  Compare (short)  [RR]
function compareShortRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  cpu.psw.cc = compareShortHfp(cpu.fpr[r1], cpu.fpr[r2]);
}

// 79  CE  Compare (short)  [RX]
function compareShort(cpu: Cpu, op: Operands): void {
  const b = shortStorage(cpu, op);
  if (b !== undefined) cpu.psw.cc = compareShortHfp(cpu.fpr[op.r1], b);
}

// ---- DIVIDE ----

// 2D  DDR  Divide (long)  [RR]
function divideLongRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  completeLong(cpu, r1, divideHfp(HfpFormat.Long, longReg(cpu, r1), longReg(cpu, r2), cpu.psw.programMask));
}

// 6D  DD  Divide (long)  [RX]
function divideLong(cpu: Cpu, op: Operands): void {
  const b = longStorage(cpu, op);
  if (b === undefined) return;
  completeLong(cpu, op.r1, divideHfp(HfpFormat.Long, longReg(cpu, op.r1), b, cpu.psw.programMask));
}

// 3D  DER  Divide (short)  [RR]
function divideShortRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  completeShort(cpu, r1, divideShortHfp(cpu.fpr[r1], cpu.fpr[r2], cpu.psw.programMask));
}

// 7D  DE  Divide (short)  [RX]
function divideShort(cpu: Cpu, op: Operands): void {
  const b = shortStorage(cpu, op);
  if (b === undefined) return;
  completeShort(cpu, op.r1, divideShortHfp(cpu.fpr[op.r1], b, cpu.psw.programMask));
}

// ---- HALVE ----

// 24  HDR  Halve (long)  [RR]
function halveLong(cpu: Cpu, { r1, r2 }: Operands): void {
  completeLong(cpu, r1, halveHfp(HfpFormat.Long, longReg(cpu, r2), cpu.psw.programMask));
}

// 34  HER  Halve (short)  [RR]
function halveShort(cpu: Cpu, { r1, r2 }: Operands): void {
  completeShort(cpu, r1, halveShortHfp(cpu.fpr[r2], cpu.psw.programMask));
}

// ---- LOAD ----
// Plain loads copy the bits: no normalization, no condition code. LER and
// LE replace only the high word of the first operand.

// 28  LDR  Load (long)  [RR]
function loadLongRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  cpu.fpr[r1] = cpu.fpr[r2];
  cpu.fpr[r1 + 1] = cpu.fpr[r2 + 1];
}

// 68  LD  Load (long)  [RX]
function loadLong(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 8, false)) return;
  cpu.fpr[op.r1] = cpu.readU32(op.addr2);
  cpu.fpr[op.r1 + 1] = cpu.readU32(op.addr2 + 4);
}

// 38  LER  Load (short)  [RR]
function loadShortRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  cpu.fpr[r1] = cpu.fpr[r2];
}

// 78  LE  Load (short)  [RX]
function loadShort(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, false)) return;
  cpu.fpr[op.r1] = cpu.readU32(op.addr2);
}

// ---- LOAD AND TEST, LOAD COMPLEMENT, LOAD NEGATIVE, LOAD POSITIVE ----

function signedLoadLong(cpu: Cpu, r1: number, r2: number, sign: SignOp): void {
  const low = cpu.fpr[r2 + 1];
  const { high, cc } = signedLoad(cpu.fpr[r2], (cpu.fpr[r2] & 0x00ffffff) !== 0 || low !== 0, sign);
  cpu.fpr[r1] = high;
  cpu.fpr[r1 + 1] = low;
  cpu.psw.cc = cc;
}

function signedLoadShort(cpu: Cpu, r1: number, r2: number, sign: SignOp): void {
  const { high, cc } = signedLoad(cpu.fpr[r2], (cpu.fpr[r2] & 0x00ffffff) !== 0, sign);
  cpu.fpr[r1] = high;
  cpu.psw.cc = cc;
}

// 22  LTDR  Load and Test (long)  [RR]
function loadAndTestLong(cpu: Cpu, { r1, r2 }: Operands): void {
  signedLoadLong(cpu, r1, r2, SignOp.Keep);
}

// 32  LTER  Load and Test (short)  [RR]
function loadAndTestShort(cpu: Cpu, { r1, r2 }: Operands): void {
  signedLoadShort(cpu, r1, r2, SignOp.Keep);
}

// 23  LCDR  Load Complement (long)  [RR]
function loadComplementLong(cpu: Cpu, { r1, r2 }: Operands): void {
  signedLoadLong(cpu, r1, r2, SignOp.Invert);
}

// 33  LCER  Load Complement (short)  [RR]
function loadComplementShort(cpu: Cpu, { r1, r2 }: Operands): void {
  signedLoadShort(cpu, r1, r2, SignOp.Invert);
}

// 21  LNDR  Load Negative (long)  [RR]
function loadNegativeLong(cpu: Cpu, { r1, r2 }: Operands): void {
  signedLoadLong(cpu, r1, r2, SignOp.SetMinus);
}

// 31  LNER  Load Negative (short)  [RR]
function loadNegativeShort(cpu: Cpu, { r1, r2 }: Operands): void {
  signedLoadShort(cpu, r1, r2, SignOp.SetMinus);
}

// 20  LPDR  Load Positive (long)  [RR]
function loadPositiveLong(cpu: Cpu, { r1, r2 }: Operands): void {
  signedLoadLong(cpu, r1, r2, SignOp.SetPlus);
}

// 30  LPER  Load Positive (short)  [RR]
function loadPositiveShort(cpu: Cpu, { r1, r2 }: Operands): void {
  signedLoadShort(cpu, r1, r2, SignOp.SetPlus);
}

// ---- LOAD ROUNDED ----

// 25  LRDR  Load Rounded (extended to long)  [RR]
function loadRoundedExtendedToLong(cpu: Cpu, { r1, r2 }: Operands): void {
  completeLong(cpu, r1, loadRoundedHfp(HfpFormat.Extended, extendedReg(cpu, r2)));
}

// 35  LRER  Load Rounded (long to short)  [RR]
function loadRoundedLongToShort(cpu: Cpu, { r1, r2 }: Operands): void {
  completeShort(cpu, r1, loadRoundedLongToShortHfp(cpu.fpr[r2], cpu.fpr[r2 + 1]));
}

// ---- MULTIPLY ----

// 26  MXR  Multiply (extended)  [RR]
function multiplyExtended(cpu: Cpu, { r1, r2 }: Operands): void {
  const a = extendedReg(cpu, r1);
  const b = extendedReg(cpu, r2);
  completeExtended(cpu, r1, multiplyHfp(HfpFormat.Extended, HfpFormat.Extended, a, b, cpu.psw.programMask));
}

// 27  MXDR  Multiply (long to extended)  [RR]
function multiplyLongToExtendedRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  const a = longReg(cpu, r1);
  const b = longReg(cpu, r2);
  completeExtended(cpu, r1, multiplyHfp(HfpFormat.Long, HfpFormat.Extended, a, b, cpu.psw.programMask));
}

// 67  MXD  Multiply (long to extended)  [RX]
function multiplyLongToExtended(cpu: Cpu, op: Operands): void {
  const b = longStorage(cpu, op);
  if (b === undefined) return;
  const a = longReg(cpu, op.r1);
  completeExtended(cpu, op.r1, multiplyHfp(HfpFormat.Long, HfpFormat.Extended, a, b, cpu.psw.programMask));
}

// 2C  MDR  Multiply (long)  [RR]
function multiplyLongRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  const a = longReg(cpu, r1);
  completeLong(cpu, r1, multiplyHfp(HfpFormat.Long, HfpFormat.Long, a, longReg(cpu, r2), cpu.psw.programMask));
}

// 6C  MD  Multiply (long)  [RX]
function multiplyLong(cpu: Cpu, op: Operands): void {
  const b = longStorage(cpu, op);
  if (b === undefined) return;
  const a = longReg(cpu, op.r1);
  completeLong(cpu, op.r1, multiplyHfp(HfpFormat.Long, HfpFormat.Long, a, b, cpu.psw.programMask));
}

// 3C  MER  Multiply (short to long)  [RR]
function multiplyShortToLongRegister(cpu: Cpu, { r1, r2 }: Operands): void {
  completeShortProduct(cpu, r1, multiplyShortHfp(cpu.fpr[r1], cpu.fpr[r2], cpu.psw.programMask));
}

// 7C  ME  Multiply (short to long)  [RX]
function multiplyShortToLong(cpu: Cpu, op: Operands): void {
  const b = shortStorage(cpu, op);
  if (b === undefined) return;
  completeShortProduct(cpu, op.r1, multiplyShortHfp(cpu.fpr[op.r1], b, cpu.psw.programMask));
}

// ---- STORE ----

// 60  STD  Store (long)  [RX]
function storeLong(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 8, true)) return;
  cpu.writeU32(op.addr2, cpu.fpr[op.r1]);
  cpu.writeU32(op.addr2 + 4, cpu.fpr[op.r1 + 1]);
}

// 70  STE  Store (short)  [RX]
function storeShort(cpu: Cpu, op: Operands): void {
  if (!cpu.access(op.addr2, 4, true)) return;
  cpu.writeU32(op.addr2, cpu.fpr[op.r1]);
}

export const floatHandlers: Record<string, Handler> = {
  AXR: addNormalizedExtended,
  ADR: addNormalizedLongRegister,
  AD: addNormalizedLong,
  AER: addNormalizedShortRegister,
  AE: addNormalizedShort,
  AWR: addUnnormalizedLongRegister,
  AW: addUnnormalizedLong,
  AUR: addUnnormalizedShortRegister,
  AU: addUnnormalizedShort,
  CDR: compareLongRegister,
  CD: compareLong,
  CER: compareShortRegister,
  CE: compareShort,
  DDR: divideLongRegister,
  DD: divideLong,
  DER: divideShortRegister,
  DE: divideShort,
  HDR: halveLong,
  HER: halveShort,
  LDR: loadLongRegister,
  LD: loadLong,
  LER: loadShortRegister,
  LE: loadShort,
  LTDR: loadAndTestLong,
  LTER: loadAndTestShort,
  LCDR: loadComplementLong,
  LCER: loadComplementShort,
  LNDR: loadNegativeLong,
  LNER: loadNegativeShort,
  LPDR: loadPositiveLong,
  LPER: loadPositiveShort,
  LRDR: loadRoundedExtendedToLong,
  LRER: loadRoundedLongToShort,
  MXR: multiplyExtended,
  MXDR: multiplyLongToExtendedRegister,
  MXD: multiplyLongToExtended,
  MDR: multiplyLongRegister,
  MD: multiplyLong,
  MER: multiplyShortToLongRegister,
  ME: multiplyShortToLong,
  STD: storeLong,
  STE: storeShort,
  SXR: subtractNormalizedExtended,
  SDR: subtractNormalizedLongRegister,
  SD: subtractNormalizedLong,
  SER: subtractNormalizedShortRegister,
  SE: subtractNormalizedShort,
  SWR: subtractUnnormalizedLongRegister,
  SW: subtractUnnormalizedLong,
  SUR: subtractUnnormalizedShortRegister,
  SU: subtractUnnormalizedShort,
};
