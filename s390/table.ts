// The dispatch tables: the rows of s390/opcodes.ts joined to their handlers
// by mnemonic, laid out in typed arrays for the CPU's decode loop.
//
// Index layout: a one-byte opcode indexes 0-255 directly. An opcode with a
// secondary opcode (formats.ts, secondaryOpcodeOf: the second byte or its low
// nibble) indexes a block of 256 or 16 entries of its own, placed after the
// first 256; extBase[firstByte] gives the block's start (-1: no secondary
// opcode) and extNibble[firstByte] says whether the low nibble alone counts.

import { FORMATS, instructionLength, secondaryOpcodeOf, type FormatName } from './formats.js';
import type { Handler } from './handler.js';
import { OPCODES, Flag, inArch, type OpcodeRow } from './opcodes.js';
import { generalHandlers } from './instructions/general.js';
import { controlHandlers } from './instructions/control.js';
import { decimalHandlers } from './instructions/decimal.js';
import { floatHandlers } from './instructions/float.js';
import { ioHandlers } from './instructions/io.js';
import type { ArchMode, Cpu } from './cpu.js';
import { ProgramInterruption } from './interruption.js';

/** Format numbers in the dispatch table; 0 means no instruction (operation exception). */
export const enum Fmt {
  None = 0,
  E,
  I,
  RR,
  RRE,
  RX,
  RS,
  RSI,
  RI,
  SI,
  S,
  SSa,
  SSb,
  SSc,
}

const FORMAT_NUMBER: Readonly<Record<FormatName, Fmt>> = {
  E: Fmt.E,
  I: Fmt.I,
  RR: Fmt.RR,
  RRE: Fmt.RRE,
  RX: Fmt.RX,
  RS: Fmt.RS,
  RSI: Fmt.RSI,
  RI: Fmt.RI,
  SI: Fmt.SI,
  S: Fmt.S,
  'SS-a': Fmt.SSa,
  'SS-b': Fmt.SSb,
  'SS-c': Fmt.SSc,
};

/** The flags the dispatcher acts on before calling a handler. */
export const CHECKED_FLAGS =
  Flag.Privileged |
  Flag.Io |
  Flag.EvenR1 |
  Flag.EvenR2 |
  Flag.EvenR3 |
  Flag.Fpr |
  Flag.FprExtended |
  Flag.FprExtendedR1 |
  Flag.FprExtendedR2 |
  Flag.Intercept;

/** An opcode the mode does not have (PoO "Operation Exception"). */
function operationException(cpu: Cpu): void {
  cpu.programInterrupt(ProgramInterruption.Operation);
}

/** The five handler maps, joined into one; throws if two families name the same mnemonic. */
export function allHandlers(): Map<string, Handler> {
  const families: Record<string, Record<string, Handler>> = {
    general: generalHandlers,
    control: controlHandlers,
    decimal: decimalHandlers,
    float: floatHandlers,
    io: ioHandlers,
  };
  const joined = new Map<string, Handler>();
  const owner = new Map<string, string>();
  for (const [family, handlers] of Object.entries(families)) {
    for (const [mnemonic, handler] of Object.entries(handlers)) {
      if (joined.has(mnemonic)) {
        throw new Error(`handler for ${mnemonic} defined in both ${owner.get(mnemonic)} and ${family}`);
      }
      joined.set(mnemonic, handler);
      owner.set(mnemonic, family);
    }
  }
  return joined;
}

/** The dispatch table of one architecture mode. */
export class DispatchTable {
  readonly arch: ArchMode;
  /** Start of the secondary block for a first opcode byte, or -1. */
  readonly extBase = new Int32Array(256).fill(-1);
  /** 1 when only the low nibble of the second byte is the secondary opcode (A7). */
  readonly extNibble = new Uint8Array(256);
  readonly format: Uint8Array;
  /** Instruction length in bytes per entry. */
  readonly length: Uint8Array;
  /** Row flags masked to CHECKED_FLAGS: nonzero sends the instruction through the dispatcher's checks. */
  readonly checks: Uint16Array;
  readonly handlers: (Handler | null)[];
  readonly rows: (OpcodeRow | null)[];
  /**
   * What the CPU calls for each entry: the handler itself when its row has
   * no checks; else a wrapper that makes the checks first
   * (Cpu.dispatchChecks); an operation exception where the mode has no
   * instruction; a check-stop where a row has no handler yet.
   */
  readonly entries: Handler[];
  /**
   * For every value of an instruction's first halfword, what the CPU's loop
   * needs to know, packed into one word so that it costs one load whatever
   * the secondary opcode:
   *
   *   bits 0-11 entry index, bits 12-15 format (Fmt), bits 16-18 length in bytes
   */
  readonly byHalfword = new Int32Array(65536);

  constructor(arch: ArchMode, handlers: Map<string, Handler>) {
    this.arch = arch;
    let size = 256;
    for (let b = 0; b < 256; b++) {
      const kind = secondaryOpcodeOf(b);
      if (kind === 'none') continue;
      this.extBase[b] = size;
      this.extNibble[b] = kind === 'nibble1' ? 1 : 0;
      size += kind === 'nibble1' ? 16 : 256;
    }
    this.format = new Uint8Array(size);
    this.length = new Uint8Array(size);
    this.checks = new Uint16Array(size);
    this.handlers = new Array<Handler | null>(size).fill(null);
    this.rows = new Array<OpcodeRow | null>(size).fill(null);
    // Every entry has a length, from the first opcode byte, so that even an
    // operation exception advances the PSW by the right ILC.
    for (let b = 0; b < 256; b++) {
      this.length[b] = instructionLength(b);
      const base = this.extBase[b];
      if (base >= 0) this.length.fill(instructionLength(b), base, base + (this.extNibble[b] ? 16 : 256));
    }
    for (const row of OPCODES) {
      if (!inArch(row, arch)) continue;
      const i = this.indexOfOpcode(row.opcode);
      if (this.rows[i]) throw new Error(`duplicate opcode ${row.opcode.toString(16)} (${row.mnemonic})`);
      this.rows[i] = row;
      this.format[i] = FORMAT_NUMBER[row.format];
      this.length[i] = FORMATS[row.format].length;
      this.checks[i] = row.flags & CHECKED_FLAGS;
      this.handlers[i] = handlers.get(row.mnemonic) ?? null;
    }
    this.entries = this.buildEntries();
    if (size > 0xfff) throw new Error(`dispatch table of ${size} entries does not fit byHalfword's 12-bit index`);
    for (let h = 0; h < 65536; h++) {
      const i = this.index(h >>> 8, h & 0xff);
      this.byHalfword[h] = i | (this.format[i] << 12) | (this.length[i] << 16);
    }
  }

  private buildEntries(): Handler[] {
    // Built by push so that V8 keeps a packed array (no hole checks on the hot path).
    const entries: Handler[] = [];
    for (let i = 0; i < this.rows.length; i++) {
      const idx = i;
      const handler = this.handlers[i];
      if (this.rows[i] === null) entries.push(operationException);
      else if (handler === null) entries.push((cpu) => cpu.missingHandler(idx));
      else if (this.checks[i] === 0) entries.push(handler);
      else
        entries.push((cpu, op) => {
          // Only here is op.length filled in (the hot path leaves it): the
          // rows with checks are the ones an Interceptor may look at.
          op.length = cpu.instructionLength;
          if (cpu.dispatchChecks(idx, op)) handler(cpu, op);
        });
    }
    return entries;
  }

  /** The table index of a full opcode as written in opcodes.ts (0x1A, 0xB205, 0xA7A). */
  indexOfOpcode(opcode: number): number {
    if (opcode < 0x100) return opcode;
    if (opcode < 0x1000) return this.extBase[opcode >>> 4] + (opcode & 0x0f);
    return this.extBase[opcode >>> 8] + (opcode & 0xff);
  }

  /** The table index of the instruction whose first two bytes are given. */
  index(byte0: number, byte1: number): number {
    const base = this.extBase[byte0];
    if (base < 0) return byte0;
    return base + (this.extNibble[byte0] ? byte1 & 0x0f : byte1);
  }

  /** The row of the instruction whose first two bytes are given, or null. */
  rowOf(byte0: number, byte1: number): OpcodeRow | null {
    return this.rows[this.index(byte0, byte1)];
  }
}

const tables = new Map<ArchMode, DispatchTable>();

/**
 * The dispatch table of a mode, built on first use. Tables are immutable
 * after construction and shared by every CPU of the mode.
 */
export function dispatchTable(arch: ArchMode): DispatchTable {
  let table = tables.get(arch);
  if (!table) {
    table = new DispatchTable(arch, allHandlers());
    tables.set(arch, table);
  }
  return table;
}

/** Rows of the opcode table that have no handler yet (the table self-check lists them). */
export function rowsWithoutHandler(): OpcodeRow[] {
  const handlers = allHandlers();
  return OPCODES.filter((row) => !handlers.has(row.mnemonic));
}

/** Handler mnemonics that match no row (a misspelt mnemonic in a handler map). */
export function handlersWithoutRow(): string[] {
  const mnemonics = new Set(OPCODES.map((r) => r.mnemonic));
  return [...allHandlers().keys()].filter((m) => !mnemonics.has(m));
}
