// Bad input: every malformed statement gets a diagnostic on its line, the
// listing is still produced, the return code follows HLASM (0/4/8/12/16),
// and the assembler never throws or loops.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../../s390/asm/index.js';
import { readStatements } from '../../../s390/asm/source.js';
import { card, source } from './support.js';

const diag = (...stmts: string[]) => {
  const r = assemble(source('T|CSECT|', '|USING|T,15', ...stmts, '|END|'));
  return { r, found: r.diagnostics.map((d) => [d.line, d.id]) };
};

describe('diagnostics on the offending line', () => {
  it.each([
    ['undefined symbol', ['|L|1,NOSUCH'], 'ASMA044E', 8],
    ['undefined operation code', ['|FROB|1,2'], 'ASMA057E', 8],
    ['register out of range', ['|LR|16,1'], 'ASMA029E', 8],
    ['missing operand', ['|L|1'], 'ASMA040S', 12],
    ['too many operands', ['|LR|1,2,3'], 'ASMA173S', 12],
    ['displacement out of range', ['|L|1,4096(,2)'], 'ASMA028E', 8],
    ['immediate out of range', ['|MVI|0(1),256'], 'ASMA031E', 8],
    ['SS length over 256', ['|MVC|0(257,1),0(2)'], 'ASMA030E', 8],
    ['unbalanced parentheses', ['|LA|1,(2+3'], 'ASMA129S', 12],
    ['extra right parenthesis', ['|LA|1,0(2))'], 'ASMA174S', 12],
    ['missing closing quote', ["|DC|C'ABC"], 'ASMA035E', 8],
    ['invalid DC type', ["|DC|Q'1'"], 'ASMA058E', 8],
    ['invalid hexadecimal constant', ["|DC|X'0G'"], 'ASMA075E', 8],
    ['fixed-point constant too large', ["|DC|H'40000'"], 'ASMA072E', 8],
    ['relocatable product', ['|DC|A(T*2)'], 'ASMA032E', 8],
    ['EQU without a name', ['|EQU|5'], 'ASMA074E', 8],
    ['MEND outside a macro', ['|MEND|'], 'ASMA054E', 8],
  ])('%s', (_what, stmts, id, rc) => {
    const { r, found } = diag(...stmts);
    expect(found).toEqual([[3, id]]);
    expect(r.returnCode).toBe(rc);
    expect(r.listing).toContain(`** ${id}`);
  });

  it('a duplicate symbol is flagged at its second definition', () => {
    expect(diag("A|DC|F'1'", "A|DC|F'2'").found).toEqual([[4, 'ASMA043E']]);
  });

  it('a missing END is a warning (return code 4) and the deck is still complete', () => {
    const r = assemble(source('T|CSECT|', "|DC|F'1'"));
    expect(r.diagnostics.map((d) => d.id)).toEqual(['ASMA140W']);
    expect(r.returnCode).toBe(4);
    expect(r.objectDeck.length).toBe(3 * 80);
  });

  it('a clean assembly returns 0 and says so in the listing summary', () => {
    const r = assemble(source('T|CSECT|', '|BR|14', '|END|'));
    expect(r.returnCode).toBe(0);
    expect(r.listing).toMatch(/0 Statements Flagged/);
  });

  it('an EQU may refer forward; an undefined one is reported once resolved fails', () => {
    expect(diag('A|EQU|B+1', 'B|EQU|2', '|DC|AL1(A)').found).toEqual([]);
    expect(diag('A|EQU|C+1').found).toEqual([[3, 'ASMA044E']]);
  });
});

describe('never throws, never loops', () => {
  it('survives an open-code AGO loop (ACTR)', () => {
    const r = assemble(source('T|CSECT|', '.L|AGO|.L', '|END|'));
    expect(r.diagnostics.map((d) => d.id)).toContain('ASMA013S');
  });

  it('survives a macro that calls itself for ever', () => {
    const r = assemble(source('|MACRO|', '|REC|', '|REC|', '|MEND|', 'T|CSECT|', '|REC|', '|END|'));
    expect(r.diagnostics.map((d) => d.id)).toContain('ASMA066S');
  });

  it("refuses a location counter past X'FFFFFF' without allocating it", () => {
    const r = assemble(source('T|CSECT|', "|DC|100000000X'00'", '|END|'));
    expect(r.diagnostics.map((d) => d.id)).toContain('ASMA039S');
  });

  it('random garbage gives diagnostics, a listing and a deck', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = "ABCLMRDX0123456789 ,()'=*&+-/.@#$";
    const ops = [
      'L',
      'MVC',
      'DC',
      'DS',
      'EQU',
      'USING',
      'AIF',
      'SETA',
      'MACRO',
      'MEND',
      'ORG',
      'LTORG',
      'CNOP',
      'J',
      'CCW',
      'AGO',
    ];
    for (let round = 0; round < 30; round++) {
      const lines: string[] = ['T        CSECT'];
      for (let i = 0; i < 40; i++) {
        let operand = '';
        for (let k = rand(20); k > 0; k--) operand += alphabet[rand(alphabet.length)];
        lines.push(card(rand(3) ? '' : 'X' + rand(5), ops[rand(ops.length)], operand));
      }
      const r = assemble(lines.join('\n'));
      expect(r.listing.length).toBeGreaterThan(0);
      expect(r.objectDeck.length % 80).toBe(0);
      expect(r.returnCode).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('source format', () => {
  it('joins a continued statement (non-blank column 72, resuming in column 16)', () => {
    const first = card('NAME', 'DC', "C'ABC',").padEnd(71) + 'X';
    const second = ' '.repeat(15) + "C'DEF'";
    const [s] = readStatements([first, second]);
    expect(s).toMatchObject({ name: 'NAME', op: 'DC', operands: "C'ABC',C'DEF'" });
  });

  it('continues a quoted string across the column-72 boundary', () => {
    const text = "C'" + 'A'.repeat(60);
    const first = card('', 'DC', text).slice(0, 71) + 'X';
    const rest = text.slice(71 - 15);
    const second = ' '.repeat(15) + rest + "'";
    const [s] = readStatements([first, second]);
    expect(s.operands).toBe(text + "'");
  });

  it('reads the alternative format: operands ending in a comma continue after remarks', () => {
    const first = card('', 'GEN', 'A=1,').padEnd(30) + 'REMARK'.padEnd(41) + 'X';
    const second = ' '.repeat(15) + 'B=2      MORE REMARKS';
    const [s] = readStatements([first, second]);
    expect(s.operands).toBe('A=1,B=2');
  });

  it("keeps attribute quotes (L'X) from opening a string", () => {
    const [s] = readStatements([card('', 'LA', "0,L'OUT         REMARK WITH A QUOTE'S")]);
    expect(s.operands).toBe("0,L'OUT");
  });

  it('ignores columns 73-80 and treats * and .* lines as comments', () => {
    const lines = [card('', 'BR', '14').padEnd(72) + 'SEQ00010', '* COMMENT', '.* MACRO COMMENT'];
    const stmts = readStatements(lines);
    expect(stmts[0].operands).toBe('14');
    expect(stmts.slice(1).map((s) => s.comment)).toEqual([true, true]);
  });
});
