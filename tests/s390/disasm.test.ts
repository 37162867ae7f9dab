// The disassembler reads the same table as the assembler: every row
// disassembles to its own mnemonic and to operands that assemble back to the
// same bytes.

import { describe, expect, it } from 'vitest';
import { disassemble, disassembleRange } from '../../s390/asm/disasm.js';
import { ALL_ROWS, code, sampleOperands } from './asm/support.js';

const bytesOf = (hexText: string) => Uint8Array.from(hexText.match(/../g)!.map((h) => parseInt(h, 16)));

describe('every row disassembles to itself and assembles back', () => {
  it.each(ALL_ROWS.map((r) => [r.mnemonic, r] as const))('%s', (_m, row) => {
    const arch = row.arch === '370' ? '370' : '390';
    const original = code([`|${row.mnemonic}|${sampleOperands(row)}`]);
    const d = disassemble(bytesOf(original), 0x2000, arch);
    expect(d.mnemonic).toBe(row.mnemonic);
    expect(d.length).toBe(original.length / 2);
    const [op, operands = ''] = d.text.split(/\s+/);
    expect(code([`|${op}|${operands}`])).toBe(original);
  });
});

describe('disassembly text', () => {
  it.each([
    ['58160000', 'L     1,0(6)'],
    ['58106000', 'L     1,0(,6)'],
    ['5812F00C', 'L     1,12(2,15)'],
    ['41100FFF', 'LA    1,4095'],
    ['D20710002010', 'MVC   0(8,1),16(2)'],
    ['07FE', 'BCR   15,14'],
    ['A7F4FFFE', 'BRC   15,*-4'],
    ['A7840006', 'BRC   8,*+12'],
    ['0ACA', 'SVC   202'],
    ['9240100A', "MVI   10(1),X'40'"],
    ['B2220010', 'IPM   1'],
    ['0101', 'PR'],
    ['F27F10002000', 'PACK  0(8,1),0(16,2)'],
  ])('%s is %s', (bytes, text) => {
    expect(disassemble(bytesOf(bytes), 0, '390').text).toBe(text);
  });

  it('an opcode the architecture does not have is shown as a constant of its length', () => {
    expect(disassemble(bytesOf('0000'), 0, '390')).toMatchObject({ text: "DC    X'0000'", length: 2 });
    expect(disassemble(bytesOf('E3001000'), 0, '390')).toMatchObject({ length: 4, mnemonic: 'DC' });
  });

  it('S/370-only and ESA/390-only instructions follow the mode', () => {
    expect(disassemble(bytesOf('0812'), 0, '370').text).toBe('SSK   1,2');
    expect(disassemble(bytesOf('0812'), 0, '390').mnemonic).toBe('DC');
    expect(disassemble(bytesOf('A718FFFF'), 0, '390').text).toBe('LHI   1,-1');
    expect(disassemble(bytesOf('A718FFFF'), 0, '370').mnemonic).toBe('DC');
  });

  it('a relative branch gives its target address', () => {
    expect(disassemble(bytesOf('A7F4FFFE'), 0x2010, '390').target).toBe(0x200c);
    expect(disassemble(bytesOf('8524000A'), 0x2010, '390').target).toBe(0x2024);
  });

  it('a truncated instruction shows the bytes there are', () => {
    expect(disassemble(bytesOf('D207'), 0, '390')).toMatchObject({ text: "DC    X'D207'", length: 2 });
  });
});

describe('disassembleRange', () => {
  it('walks consecutive instructions with their addresses and bytes', () => {
    expect(disassembleRange(bytesOf('05C058100004D20710002010'), 0x1000, '390')).toEqual([
      { address: 0x1000, hex: '05C0', text: 'BALR  12,0' },
      { address: 0x1002, hex: '58100004', text: 'L     1,4' },
      { address: 0x1006, hex: 'D20710002010', text: 'MVC   0(8,1),16(2)' },
    ]);
  });
});
