// Shared shapes of one assembly: sections, symbols, statement records,
// diagnostics, relocation items. The passes, the object-deck writer and the
// listing writer all read these.

import type { Statement } from './source.js';
import type { DcOperand } from './dc.js';
import type { MachineOp } from './optable.js';

/** A diagnostic, HLASM style: message id (ASMAnnnX), severity (the return code it implies), text. */
export interface Diagnostic {
  readonly id: string;
  readonly severity: number;
  readonly message: string;
  /** Source line number (of the open-code statement or macro call). */
  readonly line: number;
  /** Statement number in the listing (0 if none). */
  readonly statement: number;
}

export type SectionKind = 'SD' | 'PC' | 'CM' | 'DSECT' | 'ER' | 'WX';

export interface Section {
  /** Internal id (1-based); also the key of relocation counts. */
  readonly id: number;
  readonly name: string;
  readonly kind: SectionKind;
  /** Current location counter (offset in the section). */
  loc: number;
  /** High-water mark: the section length. */
  max: number;
  /** Assembled origin (threaded; 0 for dummy sections and externals). */
  origin: number;
  /** External symbol dictionary id (0 for dummy sections). */
  esdid: number;
  amode?: '24' | '31' | 'ANY';
  rmode?: '24' | 'ANY';
}

export interface AsmSymbol {
  readonly name: string;
  section: number;
  value: number;
  length: number;
  type: string;
  /** Statement number of the definition. */
  defined: number;
  readonly references: number[];
}

export interface Literal {
  readonly text: string;
  readonly operand: DcOperand;
  readonly size: number;
  readonly alignment: number;
  section: number;
  offset: number;
  assigned: boolean;
  /** Where '*' in the literal points: the first instruction that used it. */
  readonly refSection: number;
  readonly refLoc: number;
}

export type LineKind =
  | 'none'
  | 'instruction'
  | 'dc'
  | 'ds'
  | 'ccw'
  | 'using'
  | 'drop'
  | 'end'
  | 'entry'
  | 'literal'
  | 'cnop'
  | 'equ'
  | 'org'
  | 'section'
  | 'push-using'
  | 'pop-using';

/** The PRINT options in force for a statement. */
export interface PrintState {
  readonly on: boolean;
  readonly gen: boolean;
  readonly data: boolean;
}

/** One statement of the assembly as both passes see it. */
export interface Line {
  readonly number: number;
  readonly stmt: Statement;
  readonly generated: boolean;
  /** The open-code source line it came from (the macro call's line for generated statements). */
  readonly sourceLine: number;
  /** Listed but not assembled (comment, macro call, conditional assembly). */
  readonly listOnly: boolean;
  readonly print: PrintState;
  kind: LineKind;
  section: number;
  /** Location (offset in the section) after alignment. */
  loc: number;
  length: number;
  op?: MachineOp;
  dc?: { operands: DcOperand[]; offsets: number[] };
  literal?: Literal;
  /** Literals used by this statement, by their text. */
  literals?: Map<string, Literal>;
  bytes?: Uint8Array;
  addr1?: number;
  addr2?: number;
  /** Base registers of a USING (for the listing's R: column). */
  bases?: number[];
  /** Value shown in the address column for EQU, USING and ORG. */
  shown?: number;
  diagnostics: Diagnostic[];
}

export interface RldItem {
  /** Section id of the relocation target (SD, PC, ER, WX). */
  readonly target: number;
  /** Section id of the section holding the field. */
  readonly position: number;
  readonly offset: number;
  readonly length: number;
  readonly negative: boolean;
  readonly vcon: boolean;
}
