// DC and DS: every constant type, duplication, length modifiers, several
// values and operands, implicit alignment (HLASM Language Reference,
// "DC instruction" and "DS instruction").

import { describe, expect, it } from 'vitest';
import { assemble } from '../../../s390/asm/index.js';
import { assembleOk, code, hex, readDeck, sectionBytes, source } from './support.js';

describe('constant types', () => {
  it.each([
    ["C'AB'", 'C1C2'],
    ["CL4'AB'", 'C1C24040'],
    ["CL1'AB'", 'C1'],
    ["C'IT''S'", 'C9E37DE2'],
    ["C'A&&B'", 'C150C2'],
    ["3C'*'", '5C5C5C'],
    ["X'0123'", '0123'],
    ["X'F'", '0F'],
    ["XL3'FF'", '0000FF'],
    ["XL1'123'", '23'],
    ["X'01,02'", '0102'],
    ["B'101'", '05'],
    ["B'111100001'", '01E1'],
    ["BL2'1'", '0001'],
    ["F'1'", '00000001'],
    ["F'-1'", 'FFFFFFFF'],
    ["F'2147483647'", '7FFFFFFF'],
    ["F'-2147483648'", '80000000'],
    ["F'1,2'", '0000000100000002'],
    ["FL3'-2'", 'FFFFFE'],
    ["F'1E3'", '000003E8'],
    ["H'-25E-1'", 'FFFE'],
    ["H'-2'", 'FFFE'],
    ["H'32767'", '7FFF'],
    ["HL1'5'", '05'],
    ["P'123'", '123C'],
    ["P'-1'", '1D'],
    ["P'+45'", '045C'],
    ["PL3'-1'", '00001D'],
    ["P'1.5'", '015C'],
    ["Z'123'", 'F1F2C3'],
    ["Z'-5'", 'D5'],
    ["ZL3'7'", 'F0F0C7'],
    ["E'1'", '41100000'],
    ["E'-1.5'", 'C1180000'],
    ["E'100'", '42640000'],
    ["E'0'", '00000000'],
    ["D'0.1'", '401999999999999A'],
    ["D'1E2'", '4264000000000000'],
    ["L'1'", '41100000000000003300000000000000'],
    ['A(4095)', '00000FFF'],
    ['A(-1)', 'FFFFFFFF'],
    ['AL1(10)', '0A'],
    ["A(X'10'+C'A')", '000000D1'],
    ['Y(100)', '0064'],
    ['Y(-2)', 'FFFE'],
    ['S(8(4))', '4008'],
    ['S(0)', '0000'],
  ])('DC %s', (operand, bytes) => {
    expect(code([`|DC|${operand}`])).toBe(bytes);
  });
});

describe('alignment and lengths', () => {
  it('aligns F, H, D, A, Y, E implicitly and not with a length modifier', () => {
    const { result, deck } = assembleOk(
      source(
        'T|CSECT|',
        "C1|DC|C'A'",
        "F1|DC|F'1'",
        "C2|DC|C'B'",
        "H1|DC|H'2'",
        "C3|DC|C'C'",
        "D1|DC|D'1'",
        "C4|DC|C'D'",
        "L1|DC|FL2'3'",
        "C5|DC|C'E'",
        'Y1|DC|Y(4)',
        '|DC|A(C1,F1,C2,H1,C3,D1,C4,L1,C5,Y1)',
        '|END|',
      ),
    );
    expect(result.returnCode).toBe(0);
    const img = sectionBytes(deck, 'T');
    // C1 0, F1 4, C2 8, H1 10, C3 12, D1 16, C4 24, L1 25 (unaligned), C5 27, Y1 28
    expect(hex(img.slice(0x20, 0x48))).toBe(
      ['00', '04', '08', '0A', '0C', '10', '18', '19', '1B', '1C'].map((o) => `000000${o}`).join(''),
    );
    expect(img[0]).toBe(0xc1);
    expect(hex(img.slice(4, 8))).toBe('00000001');
    expect(hex(img.slice(0x19, 0x1b))).toBe('0003');
  });

  it('DS reserves without text, DS 0F aligns, DS 0CL8 gives the length attribute 8', () => {
    const { deck } = assembleOk(
      source(
        'T|CSECT|',
        "|DC|C'A'",
        '|DS|0F',
        'W|DS|F',
        'X|DS|3XL5',
        'Y|DS|0CL8',
        'Z|DS|CL4',
        "|DC|AL1(L'W,L'X,L'Y,L'Z)",
        '|DC|A(W,X,Y,Z)',
        '|END|',
      ),
    );
    // W at 4, X at 8 (15 bytes), Y and Z at X'17'; the AL1s at X'1B', the A-cons aligned to X'20'.
    expect(hex(sectionBytes(deck, 'T', 0x1b, 4))).toBe('04050804');
    expect(hex(sectionBytes(deck, 'T', 0x20, 16))).toBe('00000004000000080000001700000017');
    expect(deck.text.get('T')!.has(4)).toBe(false);
  });

  it('a duplication factor repeats every value of the operand', () => {
    expect(code(["|DC|2XL2'1,2'"])).toBe('0001000200010002');
    expect(code(["|DC|(1+1)F'7'"])).toBe('0000000700000007');
    expect(code(["|DC|0F'1'", "|DC|C'A'"])).toBe('C1');
  });

  it('the section length counts DS space at the end', () => {
    const { deck } = assembleOk(source('T|CSECT|', "|DC|C'A'", '|DS|CL99', '|END|'));
    expect(deck.sections[0].length).toBe(100);
  });
});

describe('address constants and relocation', () => {
  it('A-constants to the section get RLD items of their length', () => {
    // A 2-byte relocatable constant is allowed with a warning (HLASM ASMA066W).
    const { result, deck } = assembleOk(
      source('T|CSECT|', 'A1|DC|A(A1+8)', '|DC|AL3(A2)', 'A2|DC|Y(A1)', '|DC|A(A2-A1)', '|END|'),
      {},
      4,
    );
    expect(result.diagnostics.map((d) => d.id)).toEqual(['ASMA066W']);
    expect(hex(sectionBytes(deck, 'T'))).toBe('00000008' + '000008' + '00' + '0000' + '0000' + '00000008');
    expect(deck.rld.map((r) => [r.offset, r.length, r.target])).toEqual([
      [0, 4, 'T'],
      [4, 3, 'T'],
      [8, 2, 'T'],
    ]);
  });

  it('V-constants and EXTRN make ER items; their fields hold the addend', () => {
    const { deck } = assembleOk(source('T|CSECT|', '|EXTRN|EXTA', '|DC|V(EXTB)', '|DC|A(EXTA+4)', '|END|'));
    expect(
      deck.sections
        .filter((s) => s.type === 0x02)
        .map((s) => s.name)
        .sort(),
    ).toEqual(['EXTA', 'EXTB']);
    expect(hex(sectionBytes(deck, 'T'))).toBe('0000000000000004');
    expect(deck.rld.map((r) => [r.offset, r.target, r.vcon]).sort()).toEqual([
      [0, 'EXTB', true],
      [4, 'EXTA', false],
    ]);
  });

  it('a complexly relocatable A-constant gets one RLD item per net term', () => {
    const { deck } = assembleOk(source('T|CSECT|', '|DS|XL4', 'B|DC|A(B+B)', '|END|'));
    expect(hex(sectionBytes(deck, 'T', 4, 4))).toBe('00000008');
    expect(deck.rld.filter((r) => r.offset === 4)).toHaveLength(2);
  });
});

describe('CCW', () => {
  it('CCW (format 0): command, 24-bit relocatable address, flags, count; aligned on a doubleword', () => {
    const { deck } = assembleOk(
      source('T|CSECT|', "|DC|C'A'", "C|CCW|X'09',DATA,X'20',5", "DATA|DC|C'HELLO'", '|END|'),
    );
    expect(hex(sectionBytes(deck, 'T', 8, 8))).toBe('0900001020000005');
    expect(deck.rld).toEqual([expect.objectContaining({ offset: 9, length: 3, target: 'T' })]);
  });

  it('CCW1 (format 1): command, flags, count, 31-bit address', () => {
    const { deck } = assembleOk(source('T|CSECT|', "|CCW1|X'02',DATA,X'40',80", 'DATA|DS|CL80', '|END|'));
    expect(hex(sectionBytes(deck, 'T', 0, 8))).toBe('0240005000000008');
    expect(deck.rld).toEqual([expect.objectContaining({ offset: 4, length: 4, target: 'T' })]);
  });
});

describe('relocatable constants of each length', () => {
  it('a 1-byte relocatable constant is an error; DSECT offsets need no relocation', () => {
    const r = assemble(source('T|CSECT|', '|DC|AL1(T)', '|DC|Y(F2)', 'D|DSECT|', 'F1|DS|F', 'F2|DS|F', '|END|'));
    expect(r.diagnostics.map((d) => [d.line, d.id])).toEqual([[2, 'ASMA064E']]);
    const deck = readDeck(r.objectDeck);
    expect(deck.rld).toEqual([]);
    expect(hex(sectionBytes(deck, 'T', 2, 2))).toBe('0004');
  });
});
