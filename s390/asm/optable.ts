// The assembler's view of the operation codes: the rows of the one machine
// instruction table (s390/opcodes.ts), the extended mnemonics HLASM defines
// on top of them, and the instructions HLASM accepts for S/370 and ESA/390
// that this CPU does not execute (so they are not rows of the CPU's table,
// which must have a handler for every row).
//
// Extended mnemonics: HLASM Language Reference (SC26-4940), "Branching with
// extended mnemonic codes" and "Relative branch instructions"; the masks are
// the condition-code masks of BC/BCR/BRC (PoO SA22-7201, "Branch on
// Condition"). The additional rows: ESA/390 PoO SA22-7201, Appendix B
// "Lists of Instructions".

import { OPCODES, type OpcodeRow, type Syntax, Flag } from '../opcodes.js';
import type { FormatName } from '../formats.js';

/**
 * Operand syntaxes the assembler reads. Besides the table's, the
 * MVCK/MVCP/MVCS form, whose first operand carries a register where the
 * SS format has the length (PoO "Move with Key").
 */
export type AsmSyntax = Syntax | 'D1(R1,B1),D2(B2),R3' | 'D1(B1),D2(B2)';

/** An instruction row as the assembler and disassembler use it. */
export interface AsmRow {
  readonly opcode: number;
  readonly mnemonic: string;
  readonly format: FormatName;
  readonly syntax: AsmSyntax;
  readonly arch: OpcodeRow['arch'];
  readonly flags: number;
  readonly name: string;
  /** True for rows the CPU executes (from s390/opcodes.ts). */
  readonly executable: boolean;
}

const x = (
  opcode: number,
  mnemonic: string,
  format: FormatName,
  syntax: AsmSyntax,
  name: string,
  arch: OpcodeRow['arch'] = '390',
  flags = Flag.Privileged,
): AsmRow => ({ opcode, mnemonic, format, syntax, arch, flags, name, executable: false });

/**
 * Instructions of S/370 and ESA/390 that HLASM assembles but the simulated
 * CPU does not implement (an operation exception if executed). Kept in PoO
 * order by family. When the CPU gains one, its row moves to s390/opcodes.ts.
 */
export const ASSEMBLER_ONLY_ROWS: readonly AsmRow[] = [
  // General instructions
  x(0x9a, 'LAM', 'RS', 'R1,R3,D2(B2)', 'Load Access Multiple', '390', Flag.None),
  x(0x9b, 'STAM', 'RS', 'R1,R3,D2(B2)', 'Store Access Multiple', '390', Flag.None),
  x(0x51, 'LAE', 'RX', 'R1,D2(X2,B2)', 'Load Address Extended', '390', Flag.None),
  x(0xb24f, 'EAR', 'RRE', 'R1,R2', 'Extract Access', '390', Flag.None),
  x(0xb24e, 'SAR', 'RRE', 'R1,R2', 'Set Access', '390', Flag.None),
  x(0xb24d, 'CPYA', 'RRE', 'R1,R2', 'Copy Access', '390', Flag.None),
  x(0xa8, 'MVCLE', 'RS', 'R1,R3,D2(B2)', 'Move Long Extended', '390', Flag.EvenR1 | Flag.EvenR3),
  x(0xa9, 'CLCLE', 'RS', 'R1,R3,D2(B2)', 'Compare Logical Long Extended', '390', Flag.EvenR1 | Flag.EvenR3),
  x(0xb255, 'MVST', 'RRE', 'R1,R2', 'Move String', '390', Flag.None),
  x(0xb25d, 'CLST', 'RRE', 'R1,R2', 'Compare Logical String', '390', Flag.None),
  x(0xb25e, 'SRST', 'RRE', 'R1,R2', 'Search String', '390', Flag.None),
  x(0xb257, 'CUSE', 'RRE', 'R1,R2', 'Compare until Substring Equal', '390', Flag.EvenR1 | Flag.EvenR2),
  x(0xb241, 'CKSM', 'RRE', 'R1,R2', 'Checksum', '390', Flag.EvenR2),
  x(0x0102, 'UPT', 'E', '', 'Update Tree', '390', Flag.None),
  x(0xb254, 'MVPG', 'RRE', 'R1,R2', 'Move Page', '390', Flag.None),
  x(0x010c, 'SAM24', 'E', '', 'Set Addressing Mode (24)', '390', Flag.None),
  x(0x010d, 'SAM31', 'E', '', 'Set Addressing Mode (31)', '390', Flag.None),
  x(0x01ff, 'TRAP2', 'E', '', 'Trap', '390', Flag.None),
  x(0xb2ff, 'TRAP4', 'S', 'D2(B2)', 'Trap', '390', Flag.None),
  // Floating point (ESA/390 additions)
  x(0xb244, 'SQDR', 'RRE', 'F1,F2', 'Square Root (long)', '390', Flag.Fpr),
  x(0xb245, 'SQER', 'RRE', 'F1,F2', 'Square Root (short)', '390', Flag.Fpr),
  // Control instructions
  x(0xb240, 'BAKR', 'RRE', 'R1,R2', 'Branch and Stack', '390', Flag.Branch),
  x(0xb25a, 'BSA', 'RRE', 'R1,R2', 'Branch and Set Authority', '390', Flag.Branch),
  x(0xb258, 'BSG', 'RRE', 'R1,R2', 'Branch in Subspace Group', '390', Flag.Branch),
  x(0xb263, 'CMPSC', 'RRE', 'R1,R2', 'Compression Call', '390', Flag.None),
  x(0xb250, 'CSP', 'RRE', 'R1,R2', 'Compare and Swap and Purge'),
  x(0xb226, 'EPAR', 'RRE', 'R1', 'Extract Primary ASN'),
  x(0xb249, 'EREG', 'RRE', 'R1,R2', 'Extract Stacked Registers', '390', Flag.None),
  x(0xb227, 'ESAR', 'RRE', 'R1', 'Extract Secondary ASN'),
  x(0xb24a, 'ESTA', 'RRE', 'R1,R2', 'Extract Stacked State', '390', Flag.None),
  x(0xb224, 'IAC', 'RRE', 'R1', 'Insert Address Space Control', '390', Flag.SemiPrivileged),
  x(0xb221, 'IPTE', 'RRE', 'R1,R2', 'Invalidate Page Table Entry'),
  x(0xb223, 'IVSK', 'RRE', 'R1,R2', 'Insert Virtual Storage Key', '390', Flag.SemiPrivileged),
  x(0xb1, 'LRA', 'RX', 'R1,D2(X2,B2)', 'Load Real Address', 'both'),
  x(0xb24b, 'LURA', 'RRE', 'R1,R2', 'Load Using Real Address'),
  x(0xaf, 'MC', 'SI', 'D1(B1),I2', 'Monitor Call', 'both', Flag.None),
  x(0xb247, 'MSTA', 'RRE', 'R1', 'Modify Stacked State', '390', Flag.None),
  x(0xd9, 'MVCK', 'SS-b', 'D1(R1,B1),D2(B2),R3', 'Move with Key', '390', Flag.SemiPrivileged),
  x(0xda, 'MVCP', 'SS-b', 'D1(R1,B1),D2(B2),R3', 'Move to Primary', '390', Flag.SemiPrivileged),
  x(0xdb, 'MVCS', 'SS-b', 'D1(R1,B1),D2(B2),R3', 'Move to Secondary', '390', Flag.SemiPrivileged),
  x(0xb248, 'PALB', 'RRE', '', 'Purge ALB'),
  x(0xb22e, 'PGIN', 'RRE', 'R1,R2', 'Page In'),
  x(0xb22f, 'PGOUT', 'RRE', 'R1,R2', 'Page Out'),
  x(0xb218, 'PC', 'S', 'D2(B2)', 'Program Call', '390', Flag.SemiPrivileged),
  x(0x0101, 'PR', 'E', '', 'Program Return', '390', Flag.SemiPrivileged),
  x(0xb228, 'PT', 'RRE', 'R1,R2', 'Program Transfer', '390', Flag.SemiPrivileged),
  x(0xb219, 'SAC', 'S', 'D2(B2)', 'Set Address Space Control', '390', Flag.SemiPrivileged),
  x(0xb279, 'SACF', 'S', 'D2(B2)', 'Set Address Space Control Fast', '390', Flag.SemiPrivileged),
  x(0xae, 'SIGP', 'RS', 'R1,R3,D2(B2)', 'Signal Processor', 'both'),
  x(0xb210, 'SPX', 'S', 'D2(B2)', 'Set Prefix', 'both'),
  x(0xb225, 'SSAR', 'RRE', 'R1', 'Set Secondary ASN', '390', Flag.SemiPrivileged),
  x(0xb212, 'STAP', 'S', 'D2(B2)', 'Store CPU Address', 'both'),
  x(0xb211, 'STPX', 'S', 'D2(B2)', 'Store Prefix', 'both'),
  x(0xb246, 'STURA', 'RRE', 'R1,R2', 'Store Using Real Address'),
  x(0xb22c, 'TB', 'RRE', 'R1,R2', 'Test Block'),
  x(0xb24c, 'TAR', 'RRE', 'R1,R2', 'Test Access', '390', Flag.None),
  x(0x99, 'TRACE', 'RS', 'R1,R3,D2(B2)', 'Trace'),
  x(0xb214, 'SIE', 'S', 'D2(B2)', 'Start Interpretive Execution'),
  x(0xb27d, 'STSI', 'S', 'D2(B2)', 'Store System Information'),
  x(0xb2b1, 'STFL', 'S', 'D2(B2)', 'Store Facility List'),
  x(0xb277, 'RP', 'S', 'D2(B2)', 'Resume Program', '390', Flag.SemiPrivileged),
  x(0xb278, 'STCKE', 'S', 'D2(B2)', 'Store Clock Extended', '390', Flag.None),
  x(0xb2a5, 'TRE', 'RRE', 'R1,R2', 'Translate Extended', '390', Flag.EvenR1),
  x(0xb2a6, 'CUUTF', 'RRE', 'R1,R2', 'Convert Unicode to UTF-8', '390', Flag.EvenR1 | Flag.EvenR2),
  x(0xb2a7, 'CUTFU', 'RRE', 'R1,R2', 'Convert UTF-8 to Unicode', '390', Flag.EvenR1 | Flag.EvenR2),
  // SSE format: a two-byte opcode, then B1 D1 B2 D2 where SS has them.
  x(0xe500, 'LASP', 'SS-a', 'D1(B1),D2(B2)', 'Load Address Space Parameters'),
  x(0xe501, 'TPROT', 'SS-a', 'D1(B1),D2(B2)', 'Test Protection'),
  x(0xe50e, 'MVCSK', 'SS-a', 'D1(B1),D2(B2)', 'Move with Source Key', '390', Flag.SemiPrivileged),
  x(0xe50f, 'MVCDK', 'SS-a', 'D1(B1),D2(B2)', 'Move with Destination Key', '390', Flag.SemiPrivileged),
  // Channel-subsystem I/O (ESA/390 PoO chapter 14)
  x(0xb230, 'CSCH', 'S', '', 'Clear Subchannel', '390', Flag.Io | Flag.Privileged),
  x(0xb231, 'HSCH', 'S', '', 'Halt Subchannel', '390', Flag.Io | Flag.Privileged),
  x(0xb232, 'MSCH', 'S', 'D2(B2)', 'Modify Subchannel', '390', Flag.Io | Flag.Privileged),
  x(0xb23b, 'RCHP', 'S', '', 'Reset Channel Path', '390', Flag.Io | Flag.Privileged),
  x(0xb238, 'RSCH', 'S', '', 'Resume Subchannel', '390', Flag.Io | Flag.Privileged),
  x(0xb237, 'SAL', 'S', '', 'Set Address Limit', '390', Flag.Io | Flag.Privileged),
  x(0xb23c, 'SCHM', 'S', '', 'Set Channel Monitor', '390', Flag.Io | Flag.Privileged),
  x(0xb233, 'SSCH', 'S', 'D2(B2)', 'Start Subchannel', '390', Flag.Io | Flag.Privileged),
  x(0xb23a, 'STCPS', 'S', 'D2(B2)', 'Store Channel Path Status', '390', Flag.Io | Flag.Privileged),
  x(0xb239, 'STCRW', 'S', 'D2(B2)', 'Store Channel Report Word', '390', Flag.Io | Flag.Privileged),
  x(0xb234, 'STSCH', 'S', 'D2(B2)', 'Store Subchannel', '390', Flag.Io | Flag.Privileged),
  x(0xb236, 'TPI', 'S', 'D2(B2)', 'Test Pending Interruption', '390', Flag.Io | Flag.Privileged),
  x(0xb235, 'TSCH', 'S', 'D2(B2)', 'Test Subchannel', '390', Flag.Io | Flag.Privileged),
  x(0xb276, 'XSCH', 'S', '', 'Cancel Subchannel', '390', Flag.Io | Flag.Privileged),
  // S/370 I/O not in the CPU's table
  x(0x9f01, 'CLRCH', 'S', 'D2(B2)', 'Clear Channel', '370', Flag.Io | Flag.Privileged),
  x(0x9c02, 'RIO', 'S', 'D2(B2)', 'Resume I/O', '370', Flag.Io | Flag.Privileged),
];

/**
 * HLASM's extended mnemonics: another name for a table row, with the mask
 * (M1) supplied, so that the operands written are the row's operands
 * without the first.
 */
export interface ExtendedMnemonic {
  readonly mnemonic: string;
  readonly base: string;
  /** The condition-code mask placed in M1; undefined for plain synonyms. */
  readonly mask?: number;
}

/** Mask suffixes: after compare (H L E NE NH NL), arithmetic (P M Z O NP NM NZ NO). */
const CONDITIONS: readonly [string, number][] = [
  ['O', 1],
  ['H', 2],
  ['P', 2],
  ['L', 4],
  ['M', 4],
  ['NE', 7],
  ['NZ', 7],
  ['E', 8],
  ['Z', 8],
  ['NL', 11],
  ['NM', 11],
  ['NH', 13],
  ['NP', 13],
  ['NO', 14],
];

function extendedMnemonics(): ExtendedMnemonic[] {
  const list: ExtendedMnemonic[] = [
    { mnemonic: 'B', base: 'BC', mask: 15 },
    { mnemonic: 'BR', base: 'BCR', mask: 15 },
    { mnemonic: 'NOP', base: 'BC', mask: 0 },
    { mnemonic: 'NOPR', base: 'BCR', mask: 0 },
    { mnemonic: 'J', base: 'BRC', mask: 15 },
    { mnemonic: 'BRU', base: 'BRC', mask: 15 },
    { mnemonic: 'JNOP', base: 'BRC', mask: 0 },
    { mnemonic: 'JC', base: 'BRC' },
    { mnemonic: 'JAS', base: 'BRAS' },
    { mnemonic: 'JCT', base: 'BRCT' },
    { mnemonic: 'JXH', base: 'BRXH' },
    { mnemonic: 'JXLE', base: 'BRXLE' },
    { mnemonic: 'TMH', base: 'TMLH' },
    { mnemonic: 'TML', base: 'TMLL' },
  ];
  for (const [suffix, mask] of CONDITIONS) {
    list.push({ mnemonic: `B${suffix}`, base: 'BC', mask });
    list.push({ mnemonic: `B${suffix}R`, base: 'BCR', mask });
    list.push({ mnemonic: `J${suffix}`, base: 'BRC', mask });
    list.push({ mnemonic: `BR${suffix}`, base: 'BRC', mask });
  }
  return list;
}

/** An operation as the assembler resolves it: the row, and the mask an extended mnemonic supplies. */
export interface MachineOp {
  readonly row: AsmRow;
  readonly mask?: number;
}

/** All machine operations by mnemonic, for one architecture (or all of them). */
export class OperationTable {
  private readonly byMnemonic = new Map<string, MachineOp>();
  private readonly byOpcode = new Map<number, AsmRow>();

  constructor(arch?: '370' | '390') {
    const accepts = (r: AsmRow): boolean => arch === undefined || r.arch === 'both' || r.arch === arch;
    const rows: AsmRow[] = [...OPCODES.map((r) => ({ ...r, executable: true })), ...ASSEMBLER_ONLY_ROWS];
    for (const r of rows) {
      if (this.byOpcode.has(r.opcode)) throw new Error(`duplicate opcode ${r.opcode.toString(16)} (${r.mnemonic})`);
      this.byOpcode.set(r.opcode, r);
      if (accepts(r)) this.byMnemonic.set(r.mnemonic, { row: r });
    }
    for (const e of extendedMnemonics()) {
      const base = this.byMnemonic.get(e.base);
      if (base && !this.byMnemonic.has(e.mnemonic)) this.byMnemonic.set(e.mnemonic, { row: base.row, mask: e.mask });
    }
  }

  lookup(mnemonic: string): MachineOp | undefined {
    return this.byMnemonic.get(mnemonic);
  }

  /** The row for a full opcode (see formats.fullOpcode), whatever the architecture. */
  rowForOpcode(opcode: number): AsmRow | undefined {
    return this.byOpcode.get(opcode);
  }

  /** Every mnemonic accepted, extended ones included. */
  mnemonics(): string[] {
    return [...this.byMnemonic.keys()];
  }
}

const tables = new Map<string, OperationTable>();

/** The shared (immutable) table for an architecture; built once. */
export function operationTable(arch?: '370' | '390'): OperationTable {
  const key = arch ?? 'all';
  let t = tables.get(key);
  if (!t) {
    t = new OperationTable(arch);
    tables.set(key, t);
  }
  return t;
}
