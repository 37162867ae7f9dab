// Every instruction of the table assembles to its architected encoding. The
// expected bytes are built here from the PoO instruction-format diagrams
// (ESA/390 PoO SA22-7201, "Instruction Formats"), independently of
// s390/formats.ts, so a wrong field offset there or in the assembler fails.

import { describe, expect, it } from 'vitest';
import type { AsmRow } from '../../../s390/asm/optable.js';
import { assemble } from '../../../s390/asm/index.js';
import { ALL_ROWS, code, hex, sampleOperands, source, tokens } from './support.js';

/** The architected bytes for the sample operands, from the PoO diagrams. */
function expectedBytes(row: AsmRow): number[] {
  const t = tokens(row.syntax);
  const has = (x: string) => t.includes(x);
  const op = row.opcode;
  const r1 = has('R1') || has('M1') || has('F1') ? 1 : 0;
  const r2 = has('R2') || has('F2') ? 2 : 0;
  const r3 = has('R3') || has('M3') ? 3 : 0;
  const d2 = [(0x5 << 4) | 0x4, 0x56]; // B2=5, D2=X'456'
  const d1 = [(0x6 << 4) | 0x1, 0x23]; // B1=6, D1=X'123'
  switch (row.format) {
    case 'E':
      return [op >> 8, op & 0xff];
    case 'I':
      return [op, 202];
    case 'RR':
      return [op, (r1 << 4) | r2];
    case 'RRE':
      return [op >> 8, op & 0xff, 0, (r1 << 4) | r2];
    case 'RX':
      return [op, (r1 << 4) | 4, ...d2];
    case 'RS':
      return [op, (r1 << 4) | r3, ...(has('D2(B2)') ? d2 : [0, 0])];
    case 'RSI':
      return [op, (r1 << 4) | r3, 0x00, 0x04];
    case 'RI':
      return [op >> 4, (r1 << 4) | (op & 0xf), ...(has('J2') ? [0x00, 0x04] : [0xff, 0xfe])];
    case 'SI':
      return [op, has('I2') ? 0x5a : 0, ...d1];
    case 'S': // one-byte opcodes (TS, LPSW, SSM) leave bits 8-15 unused
      return [...(op > 0xff ? [op >> 8, op & 0xff] : [op, 0]), ...(has('D2(B2)') ? d2 : [0, 0])];
    case 'SS-a': // SSE (E5xx): a two-byte opcode where SS has the length
      return op > 0xff ? [op >> 8, op & 0xff, ...d1, ...d2] : [op, 7, ...d1, ...d2];
    case 'SS-b':
      return [op, has('R3') ? 0x13 : 0x72, ...d1, ...d2];
    case 'SS-c':
      return [op, 0x75, ...d1, ...d2];
  }
}

describe('every table instruction assembles to its architected encoding', () => {
  it.each(ALL_ROWS.map((r) => [r.mnemonic, r] as const))('%s', (_m, row) => {
    expect(code([`|${row.mnemonic}|${sampleOperands(row)}`])).toBe(hex(expectedBytes(row)));
  });
});

describe('worked encodings', () => {
  it.each([
    ['BALR  12,0', '05C0'],
    ['STM   14,12,12(13)', '90ECD00C'],
    ['BR    14', '07FE'],
    ['NOPR  0', '0700'],
    ['SVC   202', '0ACA'],
    ['MVC   0(8,1),16(2)', 'D20710002010'],
    ['L     1,0(6)', '58160000'],
    ['L     1,0(,6)', '58106000'],
    ['LA    1,4095', '41100FFF'],
    ['SLL   1,4', '89100004'],
    ['LHI   1,-1', 'A718FFFF'],
    ["TMH   6,X'8000'", 'A7608000'],
    ['J     *', 'A7F40000'],
    ['JNE   *+6', 'A7740003'],
    ['BRXLE 2,4,*-4', '8524FFFE'],
    ['PACK  0(8,1),0(16,2)', 'F27F10002000'],
    ['SRP   0(5,1),64-1,5', 'F04510000 03F'.replace(' ', '')],
    ["SIO   X'00C'", '9C00000C'],
    ['IPM   1', 'B2220010'],
    ['PR', '0101'],
  ])('%s -> %s', (text, bytes) => {
    const [op, operands = ''] = text.split(/\s+/);
    expect(code([`|${op}|${operands}`])).toBe(bytes);
  });

  it.each([
    ['B', 'BC', 15],
    ['BH', 'BC', 2],
    ['BL', 'BC', 4],
    ['BE', 'BC', 8],
    ['BNE', 'BC', 7],
    ['BO', 'BC', 1],
    ['BNO', 'BC', 14],
    ['BNH', 'BC', 13],
    ['BNL', 'BC', 11],
    ['BZ', 'BC', 8],
    ['BNZ', 'BC', 7],
    ['BM', 'BC', 4],
    ['BP', 'BC', 2],
    ['NOP', 'BC', 0],
  ])('extended mnemonic %s is %s with mask %i', (ext, _base, mask) => {
    expect(code([`|${ext}|12(,15)`])).toBe(hex([0x47, mask << 4, 0xf0, 0x0c]));
    expect(code([`|${ext}R|3`]).slice(0, 4)).toBe(
      ext === 'B' ? '07F3' : ext === 'NOP' ? '0703' : hex([0x07, (mask << 4) | 3]),
    );
  });

  it.each([
    ['J', 15],
    ['JNOP', 0],
    ['JE', 8],
    ['JNE', 7],
    ['JH', 2],
    ['JL', 4],
    ['JO', 1],
    ['JNO', 14],
    ['BRU', 15],
    ['BRE', 8],
    ['BRNZ', 7],
  ])('relative extended mnemonic %s has mask %i', (ext, mask) => {
    expect(code([`|${ext}|*+4`])).toBe(hex([0xa7, (mask << 4) | 4, 0, 2]));
  });
});

describe('architecture selection', () => {
  const src = (op: string) => source('T|CSECT|', `|${op}|`, '|END|');
  it('an ESA/390 instruction is an undefined operation in a 370 assembly', () => {
    const r = assemble(src('LHI 1,1').replace('LHI  ', 'LHI   1,1'), { arch: '370' });
    expect(r.diagnostics.map((d) => d.id)).toContain('ASMA057E');
    expect(assemble(source('T|CSECT|', '|LHI|1,1', '|END|'), { arch: '390' }).returnCode).toBe(0);
  });
  it('an S/370-only instruction is an undefined operation in a 390 assembly', () => {
    expect(assemble(source('T|CSECT|', '|SSK|1,2', '|END|'), { arch: '390' }).returnCode).toBe(8);
    expect(assemble(source('T|CSECT|', '|SSK|1,2', '|END|'), { arch: '370' }).returnCode).toBe(0);
  });
});

describe('*PROCESS OPTABLE', () => {
  it('OPTABLE(370) restricts the instructions to System/370; the arch option overrides it', () => {
    const src = '*PROCESS OPTABLE(370)\n' + source('T|CSECT|', '|LHI|1,1', '|END|');
    expect(assemble(src).diagnostics.map((d) => d.id)).toEqual(['ASMA057E']);
    expect(assemble(src, { arch: '390' }).returnCode).toBe(0);
    expect(assemble(src.replace('OPTABLE(370)', 'OPTABLE(ESA)')).returnCode).toBe(0);
  });
});
