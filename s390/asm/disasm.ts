// The disassembler: one instruction at a time, from the same instruction
// table the CPU and the assembler use (s390/opcodes.ts, plus the
// assembler-only rows of optable.ts), printed in HLASM syntax so that the
// text assembles back to the same bytes: 'L     1,0(6)', 'MVC   0(8,1),16(2)',
// 'BRC   8,*+12'. An opcode the architecture does not have prints as a DC.
// CP's TRACE and DISPLAY I use it.

import { FORMATS, fullOpcode, instructionLength, readField, type FieldName } from '../formats.js';
import { operationTable, type AsmRow } from './optable.js';
import { syntaxTokens } from './encode.js';

export interface Disassembly {
  /** Mnemonic padded to six columns, then the operands. */
  readonly text: string;
  /** Instruction length in bytes (2, 4 or 6). */
  readonly length: number;
  readonly mnemonic: string;
  /** The table row, when the opcode is known in this architecture. */
  readonly row?: AsmRow;
  /** The target address of a relative branch (the instruction's address plus twice I2). */
  readonly target?: number;
}

const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');

function storage(d: number, inner: (number | '')[]): string {
  while (inner.length && inner[inner.length - 1] === 0) inner.pop();
  if (inner.length === 0) return String(d);
  return `${d}(${inner.map((x) => (x === 0 ? '' : String(x))).join(',')})`;
}

/** Disassemble the instruction at the start of `bytes`, which sits at `address`. */
export function disassemble(bytes: ArrayLike<number>, address: number, arch: '370' | '390'): Disassembly {
  const length = instructionLength(bytes[0] ?? 0);
  const available = Math.min(length, bytes.length);
  const table = operationTable();
  let row = bytes.length >= 2 || length === 2 ? table.rowForOpcode(fullOpcode(bytes[0], bytes[1] ?? 0)) : undefined;
  // SSE (E5xx): a two-byte opcode the CPU's decoder does not know (assembler-only rows).
  if (!row && bytes.length >= 2 && bytes[0] === 0xe5) row = table.rowForOpcode((bytes[0] << 8) | bytes[1]);
  if (!row || available < length || !(row.arch === 'both' || row.arch === arch)) {
    let h = '';
    for (let i = 0; i < available; i++) h += hex(bytes[i], 2);
    return { text: `${'DC'.padEnd(6)}X'${h}'`, length: available, mnemonic: 'DC' };
  }
  const format = FORMATS[row.format];
  const field = (name: FieldName): number => {
    const f = format.fields.find((x) => x.name === name);
    return f ? readField(bytes, f) : 0;
  };
  let target: number | undefined;
  const ops = syntaxTokens(row.syntax).map((token) => {
    switch (token) {
      case 'R1':
      case 'M1':
      case 'F1':
        return String(field('r1'));
      case 'R2':
      case 'F2':
        return String(field('r2'));
      case 'R3':
      case 'M3':
        return String(row.format === 'SS-b' ? field('l2') : field('r3'));
      case 'I1':
        return String(field('i1'));
      case 'I2':
        return format.name === 'RI' ? String(field('i2')) : `X'${hex(field('i2'), 2)}'`;
      case 'I3':
        return String(field('i3'));
      case 'J2': {
        const offset = field('i2') * 2;
        target = address + offset;
        return offset >= 0 ? `*+${offset}` : `*${offset}`;
      }
      case 'D2(X2,B2)':
        return storage(field('d2'), [field('x2'), field('b2')]);
      case 'D2(B2)':
        return storage(field('d2'), [field('b2')]);
      case 'D1(B1)':
        return storage(field('d1'), [field('b1')]);
      case 'D1(L1,B1)':
        return `${field('d1')}(${field('l1') + 1}${field('b1') ? ',' + field('b1') : ''})`;
      case 'D2(L2,B2)':
        return `${field('d2')}(${field('l2') + 1}${field('b2') ? ',' + field('b2') : ''})`;
      case 'D1(R1,B1)':
        return `${field('d1')}(${field('l1')}${field('b1') ? ',' + field('b1') : ''})`;
      default:
        return '?';
    }
  });
  const mnemonic = row.mnemonic;
  const text = ops.length ? `${mnemonic.padEnd(5)} ${ops.join(',')}` : mnemonic;
  return { text, length, mnemonic, row, target };
}

/**
 * Disassemble consecutive instructions (for CP's DISPLAY I): each with its
 * address and hexadecimal bytes, until `count` instructions or the end.
 */
export function disassembleRange(
  bytes: ArrayLike<number>,
  address: number,
  arch: '370' | '390',
  count = Infinity,
): { address: number; hex: string; text: string }[] {
  const out: { address: number; hex: string; text: string }[] = [];
  let offset = 0;
  while (offset < bytes.length && out.length < count) {
    const slice = Array.from({ length: Math.min(6, bytes.length - offset) }, (_, i) => bytes[offset + i]);
    const d = disassemble(slice, address + offset, arch);
    out.push({
      address: address + offset,
      hex: slice
        .slice(0, d.length)
        .map((b) => hex(b, 2))
        .join(''),
      text: d.text,
    });
    offset += d.length;
  }
  return out;
}
