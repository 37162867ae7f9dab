// Literal pools (HLASM Language Reference, "Literal pool": placed at LTORG
// or at the end of the first section, on a doubleword, grouped by length
// multiple of 8, 4, 2, then odd, each literal once) and base-register
// resolution ("USING instruction").

import { describe, expect, it } from 'vitest';
import { assemble } from '../../../s390/asm/index.js';
import { assembleOk, hex, sectionBytes, source } from './support.js';

describe('literal pools', () => {
  it('places the pool at LTORG on a doubleword, grouped by length, each literal once', () => {
    const { deck } = assembleOk(
      source(
        'T|CSECT|',
        '|USING|T,15',
        "|L|1,=F'1'",
        "|MVC|0(3,1),=C'ABC'",
        "|LM|0,1,=2F'2'",
        "|LH|2,=H'3'",
        "|L|3,=F'1'",
        '|LTORG|',
        '|END|',
      ),
    );
    // Instructions end at X'16'; the pool at X'18': 2F'2' (8), F'1' (4), H'3' (2), C'ABC' (3).
    const img = sectionBytes(deck, 'T');
    expect(hex(img.slice(0, 4))).toBe('5810F020');
    expect(hex(img.slice(4, 10))).toBe('D2021000F026');
    expect(hex(img.slice(10, 14))).toBe('9801F018');
    expect(hex(img.slice(14, 18))).toBe('4820F024');
    expect(hex(img.slice(18, 22))).toBe('5830F020');
    expect(hex(img.slice(0x18, 0x29))).toBe('0000000200000002000000010003C1C2C3');
    expect(deck.sections[0].length).toBe(0x29);
  });

  it('literals after the last LTORG go to the end of the first section at END', () => {
    const { deck } = assembleOk(source('T|CSECT|', '|USING|T,15', "|L|1,=F'5'", 'U|CSECT|', "|DC|C'X'", '|END|'));
    const t = deck.sections.find((s) => s.name === 'T')!;
    expect(t.length).toBe(12);
    expect(hex(sectionBytes(deck, 'T'))).toBe('5810F008' + '00000000' + '00000005');
  });

  it('a literal with an A-constant is relocated', () => {
    const { deck } = assembleOk(source('T|CSECT|', '|USING|T,15', '|L|1,=A(T+2)', '|END|'));
    expect(hex(sectionBytes(deck, 'T', 8, 4))).toBe('00000002');
    expect(deck.rld).toEqual([expect.objectContaining({ offset: 8, length: 4, target: 'T' })]);
  });

  it('the implicit length of a literal operand is its length attribute', () => {
    const { deck } = assembleOk(source('T|CSECT|', '|USING|T,15', "|CLC|=CL5'YES',0(1)", '|END|'));
    expect(hex(sectionBytes(deck, 'T', 0, 6))).toBe('D504F0081000');
  });
});

describe('USING resolution', () => {
  const program = (...stmts: string[]) => source('T|CSECT|', ...stmts);

  it('uses several base registers for a program longer than 4K', () => {
    const { deck } = assembleOk(
      program('|USING|T,12,11', '|L|1,NEAR', '|L|2,FAR', "NEAR|DC|F'1'", '|DS|XL5000', "FAR|DC|F'2'", '|END|'),
    );
    // NEAR at 8 (base 12, disp 8); FAR at 8+4+5000 = X'1394' -> base 11 (4096), disp X'394'.
    expect(hex(sectionBytes(deck, 'T', 0, 8))).toBe('5810C008' + '5820B394');
  });

  it('chooses the base giving the smallest displacement, the higher register on a tie', () => {
    // Overlapping USINGs are legal but HLASM warns (ASMA303W, and ASMA301W for the same base).
    const { result, deck } = assembleOk(
      program('|USING|T,12', '|USING|T+8,10', '|USING|T+8,11', '|L|1,X', '|L|2,T+4', "X|DC|F'1'", '|END|'),
      {},
      4,
    );
    expect(result.diagnostics.map((d) => [d.line, d.id])).toEqual([
      [3, 'ASMA303W'],
      [4, 'ASMA303W'],
      [4, 'ASMA301W'],
    ]);
    expect(hex(sectionBytes(deck, 'T', 0, 8))).toBe('5810B000' + '5820C004');
  });

  it('addresses a DSECT through its own USING and honours DROP', () => {
    const r = assemble(
      program(
        '|USING|T,12',
        '|USING|AREA,9',
        '|L|1,FLD2',
        '|DROP|9',
        '|L|1,FLD2',
        '|BR|14',
        'AREA|DSECT|',
        'FLD1|DS|F',
        'FLD2|DS|F',
        '|END|',
      ),
    );
    expect(r.diagnostics.map((d) => [d.line, d.id])).toEqual([[6, 'ASMA307E']]);
    expect(r.returnCode).toBe(8);
  });

  it('reports an address beyond the USING range (ASMA034E) and an unaddressable one (ASMA307E)', () => {
    const r = assemble(
      program('|USING|T,12', '|L|1,FAR', '|DS|XL5000', "FAR|DC|F'1'", 'U|CSECT|', '|L|1,UX', "UX|DC|F'0'", '|END|'),
    );
    expect(r.diagnostics.map((d) => [d.line, d.id])).toEqual([
      [3, 'ASMA034E'],
      [7, 'ASMA307E'],
    ]);
    expect(r.diagnostics[0].message).toMatch(/by 909 bytes/);
  });

  it('explicit base and displacement need no USING; absolute addresses below 4096 use base 0', () => {
    const { deck } = assembleOk(program('|L|1,4(,13)', '|LA|2,100', "|ST|1,X'48'", '|END|'));
    expect(hex(sectionBytes(deck, 'T', 0, 12))).toBe('5810D004' + '41200064' + '50100048');
  });
});

describe('PUSH and POP USING', () => {
  it('restores the USINGs saved by PUSH USING', () => {
    const { deck } = assembleOk(
      source(
        'T|CSECT|',
        '|USING|T,12',
        '|PUSH|USING',
        '|DROP|12',
        '|USING|T,11',
        '|L|1,X',
        '|POP|USING',
        '|L|2,X',
        "X|DC|F'1'",
        '|END|',
      ),
    );
    expect(hex(sectionBytes(deck, 'T', 0, 8))).toBe('5810B008' + '5820C008');
  });
});
