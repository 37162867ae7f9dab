// The one table of machine instructions. Every instruction the CPU executes,
// the disassembler prints and the assembler accepts is declared here once:
// opcode, mnemonic, format, operand syntax, architectures and flags. Handlers
// are joined to these rows by mnemonic in s390/table.ts; a row without a
// handler is a build error caught by the table's self-checks.
//
// Rows are grouped by PoO chapter and kept in PoO order within a family.
// Sources: IBM System/370 Principles of Operation (GA22-7000) and ESA/390
// Principles of Operation (SA22-7201), Appendix "Lists of Instructions".

import { fullOpcode, type FormatName } from './formats.js';

/** Which architecture modes have the instruction. */
export type Arch = '370' | '390' | 'both';

/**
 * Operand syntax in HLASM order, as the assembler reads and the disassembler
 * writes it. R = general register, F = floating-point register, M = mask,
 * I = immediate, D(X,B) / D(B) / D(L,B) = storage operands, J = relative
 * (a halfword-counted offset the assembler computes from a label).
 */
export type Syntax =
  | ''
  | 'I1'
  | 'R1'
  | 'R1,R2'
  | 'M1,R2'
  | 'F1,F2'
  | 'R1,D2(X2,B2)'
  | 'M1,D2(X2,B2)'
  | 'F1,D2(X2,B2)'
  | 'R1,R3,D2(B2)'
  | 'R1,M3,D2(B2)'
  | 'R1,D2(B2)'
  | 'R1,R3,J2'
  | 'R1,I2'
  | 'M1,J2'
  | 'R1,J2'
  | 'D1(B1),I2'
  | 'D1(B1)'
  | 'D2(B2)'
  | 'D1(L1,B1),D2(B2)'
  | 'D1(L1,B1),D2(L2,B2)'
  | 'D1(L1,B1),D2(B2),I3';

/** Row flags. Checks common to many instructions are made by the dispatcher. */
export const enum Flag {
  None = 0,
  /** Privileged: a privileged-operation exception in problem state. */
  Privileged = 1 << 0,
  /** An S/370 I/O instruction (also privileged). */
  Io = 1 << 1,
  /** R1 designates an even-odd register pair: specification exception if odd. */
  EvenR1 = 1 << 2,
  /** R2 designates an even-odd register pair. */
  EvenR2 = 1 << 3,
  /** R3 designates an even-odd register pair (CDS). */
  EvenR3 = 1 << 4,
  /** R1 and R2 (where present) are floating-point registers 0, 2, 4 or 6. */
  Fpr = 1 << 5,
  /** R1 and R2 are extended floating-point pairs: 0 or 4 only. */
  FprExtended = 1 << 6,
  /** R1 is an extended pair (0 or 4); R2 is an ordinary FPR (MXDR, MXD). */
  FprExtendedR1 = 1 << 7,
  /** Changes the instruction address when taken (for TRACE BRANCH). */
  Branch = 1 << 8,
  /** Goes to the Interceptor in supervisor state when the machine has an owner (DIAGNOSE). */
  Intercept = 1 << 9,
  /** A semiprivileged instruction: the handler checks its own authority (SPKA, IPK, PR, ...). */
  SemiPrivileged = 1 << 10,
  /** R2 is an extended pair (0 or 4); R1 is an ordinary FPR (LRDR). */
  FprExtendedR2 = 1 << 11,
}

export interface OpcodeRow {
  /** Full opcode: 0x1A, 0xB205 (second byte), 0xA7A (A7 with low nibble A). */
  readonly opcode: number;
  readonly mnemonic: string;
  readonly format: FormatName;
  readonly syntax: Syntax;
  readonly arch: Arch;
  readonly flags: number;
  /** The PoO name, for the disassembler's remarks and the handler banner. */
  readonly name: string;
}

const P = Flag.Privileged;
const IO = Flag.Io | Flag.Privileged;
const E1 = Flag.EvenR1;
const BR = Flag.Branch;
const FP = Flag.Fpr;
const FX = Flag.FprExtended;

function row(
  opcode: number,
  mnemonic: string,
  format: FormatName,
  syntax: Syntax,
  name: string,
  arch: Arch = 'both',
  flags: number = Flag.None,
): OpcodeRow {
  return { opcode, mnemonic, format, syntax, arch, flags, name };
}

export const OPCODES: readonly OpcodeRow[] = [
  // ---- General instructions (PoO chapter 7) ----
  // ADD
  row(0x1a, 'AR', 'RR', 'R1,R2', 'Add'),
  row(0x5a, 'A', 'RX', 'R1,D2(X2,B2)', 'Add'),
  row(0x4a, 'AH', 'RX', 'R1,D2(X2,B2)', 'Add Halfword'),
  row(0xa7a, 'AHI', 'RI', 'R1,I2', 'Add Halfword Immediate', '390'),
  row(0x1e, 'ALR', 'RR', 'R1,R2', 'Add Logical'),
  row(0x5e, 'AL', 'RX', 'R1,D2(X2,B2)', 'Add Logical'),
  // AND
  row(0x14, 'NR', 'RR', 'R1,R2', 'And'),
  row(0x54, 'N', 'RX', 'R1,D2(X2,B2)', 'And'),
  row(0x94, 'NI', 'SI', 'D1(B1),I2', 'And'),
  row(0xd4, 'NC', 'SS-a', 'D1(L1,B1),D2(B2)', 'And'),
  // BRANCH
  row(0x05, 'BALR', 'RR', 'R1,R2', 'Branch and Link', 'both', BR),
  row(0x45, 'BAL', 'RX', 'R1,D2(X2,B2)', 'Branch and Link', 'both', BR),
  row(0x0d, 'BASR', 'RR', 'R1,R2', 'Branch and Save', 'both', BR),
  row(0x4d, 'BAS', 'RX', 'R1,D2(X2,B2)', 'Branch and Save', 'both', BR),
  row(0x0c, 'BASSM', 'RR', 'R1,R2', 'Branch and Save and Set Mode', '390', BR),
  row(0x0b, 'BSM', 'RR', 'R1,R2', 'Branch and Set Mode', '390', BR),
  row(0x07, 'BCR', 'RR', 'M1,R2', 'Branch on Condition', 'both', BR),
  row(0x47, 'BC', 'RX', 'M1,D2(X2,B2)', 'Branch on Condition', 'both', BR),
  row(0x06, 'BCTR', 'RR', 'R1,R2', 'Branch on Count', 'both', BR),
  row(0x46, 'BCT', 'RX', 'R1,D2(X2,B2)', 'Branch on Count', 'both', BR),
  row(0x86, 'BXH', 'RS', 'R1,R3,D2(B2)', 'Branch on Index High', 'both', BR),
  row(0x87, 'BXLE', 'RS', 'R1,R3,D2(B2)', 'Branch on Index Low or Equal', 'both', BR),
  row(0xa75, 'BRAS', 'RI', 'R1,J2', 'Branch Relative and Save', '390', BR),
  row(0xa74, 'BRC', 'RI', 'M1,J2', 'Branch Relative on Condition', '390', BR),
  row(0xa76, 'BRCT', 'RI', 'R1,J2', 'Branch Relative on Count', '390', BR),
  row(0x84, 'BRXH', 'RSI', 'R1,R3,J2', 'Branch Relative on Index High', '390', BR),
  row(0x85, 'BRXLE', 'RSI', 'R1,R3,J2', 'Branch Relative on Index Low or Equal', '390', BR),
  // COMPARE
  row(0x19, 'CR', 'RR', 'R1,R2', 'Compare'),
  row(0x59, 'C', 'RX', 'R1,D2(X2,B2)', 'Compare'),
  row(0xba, 'CS', 'RS', 'R1,R3,D2(B2)', 'Compare and Swap'),
  row(0xbb, 'CDS', 'RS', 'R1,R3,D2(B2)', 'Compare Double and Swap', 'both', E1 | Flag.EvenR3),
  row(0x49, 'CH', 'RX', 'R1,D2(X2,B2)', 'Compare Halfword'),
  row(0xa7e, 'CHI', 'RI', 'R1,I2', 'Compare Halfword Immediate', '390'),
  row(0x15, 'CLR', 'RR', 'R1,R2', 'Compare Logical'),
  row(0x55, 'CL', 'RX', 'R1,D2(X2,B2)', 'Compare Logical'),
  row(0x95, 'CLI', 'SI', 'D1(B1),I2', 'Compare Logical'),
  row(0xd5, 'CLC', 'SS-a', 'D1(L1,B1),D2(B2)', 'Compare Logical'),
  row(0xbd, 'CLM', 'RS', 'R1,M3,D2(B2)', 'Compare Logical Characters under Mask'),
  row(0x0f, 'CLCL', 'RR', 'R1,R2', 'Compare Logical Long', 'both', E1 | Flag.EvenR2),
  // CONVERT
  row(0x4f, 'CVB', 'RX', 'R1,D2(X2,B2)', 'Convert to Binary'),
  row(0x4e, 'CVD', 'RX', 'R1,D2(X2,B2)', 'Convert to Decimal'),
  // DIVIDE
  row(0x1d, 'DR', 'RR', 'R1,R2', 'Divide', 'both', E1),
  row(0x5d, 'D', 'RX', 'R1,D2(X2,B2)', 'Divide', 'both', E1),
  // EXCLUSIVE OR
  row(0x17, 'XR', 'RR', 'R1,R2', 'Exclusive Or'),
  row(0x57, 'X', 'RX', 'R1,D2(X2,B2)', 'Exclusive Or'),
  row(0x97, 'XI', 'SI', 'D1(B1),I2', 'Exclusive Or'),
  row(0xd7, 'XC', 'SS-a', 'D1(L1,B1),D2(B2)', 'Exclusive Or'),
  // EXECUTE
  row(0x44, 'EX', 'RX', 'R1,D2(X2,B2)', 'Execute'),
  // INSERT
  row(0x43, 'IC', 'RX', 'R1,D2(X2,B2)', 'Insert Character'),
  row(0xbf, 'ICM', 'RS', 'R1,M3,D2(B2)', 'Insert Characters under Mask'),
  row(0xb222, 'IPM', 'RRE', 'R1', 'Insert Program Mask'),
  // LOAD
  row(0x18, 'LR', 'RR', 'R1,R2', 'Load'),
  row(0x58, 'L', 'RX', 'R1,D2(X2,B2)', 'Load'),
  row(0x41, 'LA', 'RX', 'R1,D2(X2,B2)', 'Load Address'),
  row(0x12, 'LTR', 'RR', 'R1,R2', 'Load and Test'),
  row(0x13, 'LCR', 'RR', 'R1,R2', 'Load Complement'),
  row(0x48, 'LH', 'RX', 'R1,D2(X2,B2)', 'Load Halfword'),
  row(0xa78, 'LHI', 'RI', 'R1,I2', 'Load Halfword Immediate', '390'),
  row(0x98, 'LM', 'RS', 'R1,R3,D2(B2)', 'Load Multiple'),
  row(0x11, 'LNR', 'RR', 'R1,R2', 'Load Negative'),
  row(0x10, 'LPR', 'RR', 'R1,R2', 'Load Positive'),
  // MOVE
  row(0x92, 'MVI', 'SI', 'D1(B1),I2', 'Move'),
  row(0xd2, 'MVC', 'SS-a', 'D1(L1,B1),D2(B2)', 'Move'),
  row(0xe8, 'MVCIN', 'SS-a', 'D1(L1,B1),D2(B2)', 'Move Inverse'),
  row(0x0e, 'MVCL', 'RR', 'R1,R2', 'Move Long', 'both', E1 | Flag.EvenR2),
  row(0xd1, 'MVN', 'SS-a', 'D1(L1,B1),D2(B2)', 'Move Numerics'),
  row(0xf1, 'MVO', 'SS-b', 'D1(L1,B1),D2(L2,B2)', 'Move with Offset'),
  row(0xd3, 'MVZ', 'SS-a', 'D1(L1,B1),D2(B2)', 'Move Zones'),
  // MULTIPLY
  row(0x1c, 'MR', 'RR', 'R1,R2', 'Multiply', 'both', E1),
  row(0x5c, 'M', 'RX', 'R1,D2(X2,B2)', 'Multiply', 'both', E1),
  row(0x4c, 'MH', 'RX', 'R1,D2(X2,B2)', 'Multiply Halfword'),
  row(0xa7c, 'MHI', 'RI', 'R1,I2', 'Multiply Halfword Immediate', '390'),
  row(0xb252, 'MSR', 'RRE', 'R1,R2', 'Multiply Single', '390'),
  row(0x71, 'MS', 'RX', 'R1,D2(X2,B2)', 'Multiply Single', '390'),
  // OR
  row(0x16, 'OR', 'RR', 'R1,R2', 'Or'),
  row(0x56, 'O', 'RX', 'R1,D2(X2,B2)', 'Or'),
  row(0x96, 'OI', 'SI', 'D1(B1),I2', 'Or'),
  row(0xd6, 'OC', 'SS-a', 'D1(L1,B1),D2(B2)', 'Or'),
  // SET PROGRAM MASK
  row(0x04, 'SPM', 'RR', 'R1', 'Set Program Mask'),
  // SHIFT
  row(0x8f, 'SLDA', 'RS', 'R1,D2(B2)', 'Shift Left Double', 'both', E1),
  row(0x8d, 'SLDL', 'RS', 'R1,D2(B2)', 'Shift Left Double Logical', 'both', E1),
  row(0x8b, 'SLA', 'RS', 'R1,D2(B2)', 'Shift Left Single'),
  row(0x89, 'SLL', 'RS', 'R1,D2(B2)', 'Shift Left Single Logical'),
  row(0x8e, 'SRDA', 'RS', 'R1,D2(B2)', 'Shift Right Double', 'both', E1),
  row(0x8c, 'SRDL', 'RS', 'R1,D2(B2)', 'Shift Right Double Logical', 'both', E1),
  row(0x8a, 'SRA', 'RS', 'R1,D2(B2)', 'Shift Right Single'),
  row(0x88, 'SRL', 'RS', 'R1,D2(B2)', 'Shift Right Single Logical'),
  // STORE
  row(0x50, 'ST', 'RX', 'R1,D2(X2,B2)', 'Store'),
  row(0x42, 'STC', 'RX', 'R1,D2(X2,B2)', 'Store Character'),
  row(0xbe, 'STCM', 'RS', 'R1,M3,D2(B2)', 'Store Characters under Mask'),
  row(0x40, 'STH', 'RX', 'R1,D2(X2,B2)', 'Store Halfword'),
  row(0x90, 'STM', 'RS', 'R1,R3,D2(B2)', 'Store Multiple'),
  // SUBTRACT
  row(0x1b, 'SR', 'RR', 'R1,R2', 'Subtract'),
  row(0x5b, 'S', 'RX', 'R1,D2(X2,B2)', 'Subtract'),
  row(0x4b, 'SH', 'RX', 'R1,D2(X2,B2)', 'Subtract Halfword'),
  row(0x1f, 'SLR', 'RR', 'R1,R2', 'Subtract Logical'),
  row(0x5f, 'SL', 'RX', 'R1,D2(X2,B2)', 'Subtract Logical'),
  // SUPERVISOR CALL
  row(0x0a, 'SVC', 'I', 'I1', 'Supervisor Call'),
  // TEST AND SET, TEST UNDER MASK
  row(0x93, 'TS', 'S', 'D2(B2)', 'Test and Set'),
  row(0x91, 'TM', 'SI', 'D1(B1),I2', 'Test under Mask'),
  row(0xa70, 'TMLH', 'RI', 'R1,I2', 'Test under Mask Low High (TMH)', '390'),
  row(0xa71, 'TMLL', 'RI', 'R1,I2', 'Test under Mask Low Low (TML)', '390'),
  // TRANSLATE
  row(0xdc, 'TR', 'SS-a', 'D1(L1,B1),D2(B2)', 'Translate'),
  row(0xdd, 'TRT', 'SS-a', 'D1(L1,B1),D2(B2)', 'Translate and Test'),

  // ---- Decimal instructions (PoO chapter 8) ----
  row(0xfa, 'AP', 'SS-b', 'D1(L1,B1),D2(L2,B2)', 'Add Decimal'),
  row(0xf9, 'CP', 'SS-b', 'D1(L1,B1),D2(L2,B2)', 'Compare Decimal'),
  row(0xfd, 'DP', 'SS-b', 'D1(L1,B1),D2(L2,B2)', 'Divide Decimal'),
  row(0xde, 'ED', 'SS-a', 'D1(L1,B1),D2(B2)', 'Edit'),
  row(0xdf, 'EDMK', 'SS-a', 'D1(L1,B1),D2(B2)', 'Edit and Mark'),
  row(0xfc, 'MP', 'SS-b', 'D1(L1,B1),D2(L2,B2)', 'Multiply Decimal'),
  row(0xf2, 'PACK', 'SS-b', 'D1(L1,B1),D2(L2,B2)', 'Pack'),
  row(0xf0, 'SRP', 'SS-c', 'D1(L1,B1),D2(B2),I3', 'Shift and Round Decimal'),
  row(0xfb, 'SP', 'SS-b', 'D1(L1,B1),D2(L2,B2)', 'Subtract Decimal'),
  row(0xf3, 'UNPK', 'SS-b', 'D1(L1,B1),D2(L2,B2)', 'Unpack'),
  row(0xf8, 'ZAP', 'SS-b', 'D1(L1,B1),D2(L2,B2)', 'Zero and Add'),

  // ---- Floating-point instructions (PoO chapter 9, hexadecimal) ----
  // ADD NORMALIZED
  row(0x36, 'AXR', 'RR', 'F1,F2', 'Add Normalized (extended)', 'both', FX),
  row(0x2a, 'ADR', 'RR', 'F1,F2', 'Add Normalized (long)', 'both', FP),
  row(0x6a, 'AD', 'RX', 'F1,D2(X2,B2)', 'Add Normalized (long)', 'both', FP),
  row(0x3a, 'AER', 'RR', 'F1,F2', 'Add Normalized (short)', 'both', FP),
  row(0x7a, 'AE', 'RX', 'F1,D2(X2,B2)', 'Add Normalized (short)', 'both', FP),
  // ADD UNNORMALIZED
  row(0x2e, 'AWR', 'RR', 'F1,F2', 'Add Unnormalized (long)', 'both', FP),
  row(0x6e, 'AW', 'RX', 'F1,D2(X2,B2)', 'Add Unnormalized (long)', 'both', FP),
  row(0x3e, 'AUR', 'RR', 'F1,F2', 'Add Unnormalized (short)', 'both', FP),
  row(0x7e, 'AU', 'RX', 'F1,D2(X2,B2)', 'Add Unnormalized (short)', 'both', FP),
  // COMPARE
  row(0x29, 'CDR', 'RR', 'F1,F2', 'Compare (long)', 'both', FP),
  row(0x69, 'CD', 'RX', 'F1,D2(X2,B2)', 'Compare (long)', 'both', FP),
  row(0x39, 'CER', 'RR', 'F1,F2', 'Compare (short)', 'both', FP),
  row(0x79, 'CE', 'RX', 'F1,D2(X2,B2)', 'Compare (short)', 'both', FP),
  // DIVIDE
  row(0x2d, 'DDR', 'RR', 'F1,F2', 'Divide (long)', 'both', FP),
  row(0x6d, 'DD', 'RX', 'F1,D2(X2,B2)', 'Divide (long)', 'both', FP),
  row(0x3d, 'DER', 'RR', 'F1,F2', 'Divide (short)', 'both', FP),
  row(0x7d, 'DE', 'RX', 'F1,D2(X2,B2)', 'Divide (short)', 'both', FP),
  // HALVE
  row(0x24, 'HDR', 'RR', 'F1,F2', 'Halve (long)', 'both', FP),
  row(0x34, 'HER', 'RR', 'F1,F2', 'Halve (short)', 'both', FP),
  // LOAD
  row(0x28, 'LDR', 'RR', 'F1,F2', 'Load (long)', 'both', FP),
  row(0x68, 'LD', 'RX', 'F1,D2(X2,B2)', 'Load (long)', 'both', FP),
  row(0x38, 'LER', 'RR', 'F1,F2', 'Load (short)', 'both', FP),
  row(0x78, 'LE', 'RX', 'F1,D2(X2,B2)', 'Load (short)', 'both', FP),
  row(0x22, 'LTDR', 'RR', 'F1,F2', 'Load and Test (long)', 'both', FP),
  row(0x32, 'LTER', 'RR', 'F1,F2', 'Load and Test (short)', 'both', FP),
  row(0x23, 'LCDR', 'RR', 'F1,F2', 'Load Complement (long)', 'both', FP),
  row(0x33, 'LCER', 'RR', 'F1,F2', 'Load Complement (short)', 'both', FP),
  row(0x21, 'LNDR', 'RR', 'F1,F2', 'Load Negative (long)', 'both', FP),
  row(0x31, 'LNER', 'RR', 'F1,F2', 'Load Negative (short)', 'both', FP),
  row(0x20, 'LPDR', 'RR', 'F1,F2', 'Load Positive (long)', 'both', FP),
  row(0x30, 'LPER', 'RR', 'F1,F2', 'Load Positive (short)', 'both', FP),
  row(0x25, 'LRDR', 'RR', 'F1,F2', 'Load Rounded (extended to long)', 'both', FP | Flag.FprExtendedR2),
  row(0x35, 'LRER', 'RR', 'F1,F2', 'Load Rounded (long to short)', 'both', FP),
  // MULTIPLY
  row(0x26, 'MXR', 'RR', 'F1,F2', 'Multiply (extended)', 'both', FX),
  row(0x27, 'MXDR', 'RR', 'F1,F2', 'Multiply (long to extended)', 'both', Flag.FprExtendedR1 | FP),
  row(0x67, 'MXD', 'RX', 'F1,D2(X2,B2)', 'Multiply (long to extended)', 'both', Flag.FprExtendedR1 | FP),
  row(0x2c, 'MDR', 'RR', 'F1,F2', 'Multiply (long)', 'both', FP),
  row(0x6c, 'MD', 'RX', 'F1,D2(X2,B2)', 'Multiply (long)', 'both', FP),
  row(0x3c, 'MER', 'RR', 'F1,F2', 'Multiply (short to long)', 'both', FP),
  row(0x7c, 'ME', 'RX', 'F1,D2(X2,B2)', 'Multiply (short to long)', 'both', FP),
  // STORE
  row(0x60, 'STD', 'RX', 'F1,D2(X2,B2)', 'Store (long)', 'both', FP),
  row(0x70, 'STE', 'RX', 'F1,D2(X2,B2)', 'Store (short)', 'both', FP),
  // SUBTRACT NORMALIZED
  row(0x37, 'SXR', 'RR', 'F1,F2', 'Subtract Normalized (extended)', 'both', FX),
  row(0x2b, 'SDR', 'RR', 'F1,F2', 'Subtract Normalized (long)', 'both', FP),
  row(0x6b, 'SD', 'RX', 'F1,D2(X2,B2)', 'Subtract Normalized (long)', 'both', FP),
  row(0x3b, 'SER', 'RR', 'F1,F2', 'Subtract Normalized (short)', 'both', FP),
  row(0x7b, 'SE', 'RX', 'F1,D2(X2,B2)', 'Subtract Normalized (short)', 'both', FP),
  // SUBTRACT UNNORMALIZED
  row(0x2f, 'SWR', 'RR', 'F1,F2', 'Subtract Unnormalized (long)', 'both', FP),
  row(0x6f, 'SW', 'RX', 'F1,D2(X2,B2)', 'Subtract Unnormalized (long)', 'both', FP),
  row(0x3f, 'SUR', 'RR', 'F1,F2', 'Subtract Unnormalized (short)', 'both', FP),
  row(0x7f, 'SU', 'RX', 'F1,D2(X2,B2)', 'Subtract Unnormalized (short)', 'both', FP),

  // ---- Control instructions (PoO chapter 10) ----
  row(0x83, 'DIAG', 'RS', 'R1,R3,D2(B2)', 'Diagnose', 'both', P | Flag.Intercept),
  row(0xb20b, 'IPK', 'S', '', 'Insert PSW Key', 'both', Flag.SemiPrivileged),
  row(0x09, 'ISK', 'RR', 'R1,R2', 'Insert Storage Key', '370', P),
  row(0xb229, 'ISKE', 'RRE', 'R1,R2', 'Insert Storage Key Extended', '390', P),
  row(0xb7, 'LCTL', 'RS', 'R1,R3,D2(B2)', 'Load Control', 'both', P),
  row(0x82, 'LPSW', 'S', 'D2(B2)', 'Load PSW', 'both', P | BR),
  row(0xb20d, 'PTLB', 'S', '', 'Purge TLB', 'both', P),
  row(0xb213, 'RRB', 'S', 'D2(B2)', 'Reset Reference Bit', '370', P),
  row(0xb22a, 'RRBE', 'RRE', 'R1,R2', 'Reset Reference Bit Extended', '390', P),
  row(0xb204, 'SCK', 'S', 'D2(B2)', 'Set Clock', 'both', P),
  row(0xb206, 'SCKC', 'S', 'D2(B2)', 'Set Clock Comparator', 'both', P),
  row(0xb208, 'SPT', 'S', 'D2(B2)', 'Set CPU Timer', 'both', P),
  row(0xb20a, 'SPKA', 'S', 'D2(B2)', 'Set PSW Key from Address', 'both', Flag.SemiPrivileged),
  row(0x08, 'SSK', 'RR', 'R1,R2', 'Set Storage Key', '370', P),
  row(0xb22b, 'SSKE', 'RRE', 'R1,R2', 'Set Storage Key Extended', '390', P),
  row(0x80, 'SSM', 'S', 'D2(B2)', 'Set System Mask', 'both', P),
  row(0xb205, 'STCK', 'S', 'D2(B2)', 'Store Clock'),
  row(0xb207, 'STCKC', 'S', 'D2(B2)', 'Store Clock Comparator', 'both', P),
  row(0xb6, 'STCTL', 'RS', 'R1,R3,D2(B2)', 'Store Control', 'both', P),
  row(0xb202, 'STIDP', 'S', 'D2(B2)', 'Store CPU ID', 'both', P),
  row(0xac, 'STNSM', 'SI', 'D1(B1),I2', 'Store Then And System Mask', 'both', P),
  row(0xad, 'STOSM', 'SI', 'D1(B1),I2', 'Store Then Or System Mask', 'both', P),
  row(0xb209, 'STPT', 'S', 'D2(B2)', 'Store CPU Timer', 'both', P),

  // ---- Input/output instructions (S/370 PoO chapter 13; in both modes here) ----
  row(0x9d01, 'CLRIO', 'S', 'D2(B2)', 'Clear I/O', 'both', IO),
  row(0x9e01, 'HDV', 'S', 'D2(B2)', 'Halt Device', 'both', IO),
  row(0x9e00, 'HIO', 'S', 'D2(B2)', 'Halt I/O', 'both', IO),
  row(0x9c00, 'SIO', 'S', 'D2(B2)', 'Start I/O', 'both', IO),
  row(0x9c01, 'SIOF', 'S', 'D2(B2)', 'Start I/O Fast Release', 'both', IO),
  row(0xb203, 'STIDC', 'S', 'D2(B2)', 'Store Channel ID', 'both', IO),
  row(0x9f00, 'TCH', 'S', 'D2(B2)', 'Test Channel', 'both', IO),
  row(0x9d00, 'TIO', 'S', 'D2(B2)', 'Test I/O', 'both', IO),
];

/** Find the row for an opcode in a mode; undefined if the mode has no such instruction. */
export function rowsByOpcode(): Map<number, OpcodeRow> {
  const map = new Map<number, OpcodeRow>();
  for (const r of OPCODES) {
    if (map.has(r.opcode)) throw new Error(`duplicate opcode ${r.opcode.toString(16)} (${r.mnemonic})`);
    map.set(r.opcode, r);
  }
  return map;
}

/** Rows by mnemonic, for the assembler. Throws on a duplicate mnemonic. */
export function rowsByMnemonic(): Map<string, OpcodeRow> {
  const map = new Map<string, OpcodeRow>();
  for (const r of OPCODES) {
    if (map.has(r.mnemonic)) throw new Error(`duplicate mnemonic ${r.mnemonic}`);
    map.set(r.mnemonic, r);
  }
  return map;
}

/** The row an instruction's first two bytes select, or undefined. */
export function lookupInstruction(byte0: number, byte1: number, table = rowsByOpcode()): OpcodeRow | undefined {
  return table.get(fullOpcode(byte0, byte1));
}

/** Is the instruction available in the given architecture mode? */
export function inArch(r: OpcodeRow, arch: '370' | '390'): boolean {
  return r.arch === 'both' || r.arch === arch;
}
