// The macro language and conditional assembly (HLASM Language Reference
// SC26-4940, "Macro language" and "Conditional assembly"): each feature and
// the statements it generates.

import { describe, expect, it } from 'vitest';
import { Assembler, type AssembleOptions } from '../../../s390/asm/assembler.js';
import { assemble } from '../../../s390/asm/index.js';
import { source } from './support.js';

/** The generated statements of a program, as "NAME OP OPERANDS" with single blanks. */
function expand(src: string, options: AssembleOptions = {}): string[] {
  const asm = new Assembler(options).assemble(src);
  const bad = asm.diagnostics.filter((d) => d.severity > 0 && d.id !== 'ASMA254I');
  if (bad.length) throw new Error(bad.map((d) => `${d.line}: ${d.id} ${d.message}`).join('\n'));
  return asm.lines
    .filter((l) => l.generated && !l.listOnly)
    .map((l) => `${l.stmt.name} ${l.stmt.op} ${l.stmt.operands}`.trim().replace(/ +/g, ' '));
}

const program = (...lines: string[]) => source(...lines, 'T|CSECT|');
const withCalls = (defs: string[], calls: string[]) => source(...defs, 'T|CSECT|', ...calls, '|END|');

describe('prototypes and parameters', () => {
  const GEN = ['|MACRO|', '&LBL|GEN|&A,&B,&C=5,&D=', "&LBL|DC|F'&A'", "|DC|C'&B',AL1(&C)", "|DC|C'&D.X'", '|MEND|'];

  it('substitutes positional, keyword (with default) and name-field parameters', () => {
    expect(expand(withCalls(GEN, ['L1|GEN|1,Q,D=Z']))).toEqual(["L1 DC F'1'", "DC C'Q',AL1(5)", "DC C'ZX'"]);
  });

  it('takes keywords in any order, among positionals; omitted positionals are null', () => {
    expect(expand(withCalls(GEN, ['|GEN|D=W,2,C=9']))).toEqual(["DC F'2'", "DC C'',AL1(9)", "DC C'WX'"]);
  });

  it("joins a parameter to following text with '.'", () => {
    const defs = ['|MACRO|', '|OPR|&OP,&R', '|&OP.R|&R,&R', '|&OP|&R,WORD&R', '|MEND|'];
    expect(expand(withCalls(defs, ['|USING|T,15', '|OPR|A,3', "WORD3|DC|F'0'"]))).toEqual(['AR 3,3', 'A 3,WORD3']);
  });
});

describe('sublists and system variables', () => {
  it("selects sublist elements, counts them with N', and reaches &SYSLIST", () => {
    const defs = [
      '|MACRO|',
      '&N|SUB|&L',
      '|LCLA|&K,&M',
      "&K|SETA|N'&L",
      "&M|SETA|N'&SYSLIST",
      "|DC|C'&L(2)',C'&L(2,1)',AL1(&K,&M)",
      "|DC|C'&SYSLIST(0)&SYSLIST(2)'",
      '|MEND|',
    ];
    expect(expand(withCalls(defs, ['X|SUB|(A,(B,C),D),Z']))).toEqual(["DC C'(B,C)',C'B',AL1(3,2)", "DC C'XZ'"]);
  });

  it('numbers macro calls with &SYSNDX and names the section in &SYSECT', () => {
    const defs = ['|MACRO|', '|NDX|', "L&SYSNDX|DC|C'&SYSECT'", '|MEND|'];
    expect(expand(withCalls(defs, ['|NDX|', '|NDX|']))).toEqual(["L0001 DC C'T'", "L0002 DC C'T'"]);
  });

  it('gives &SYSPARM the option value', () => {
    const defs = ['|MACRO|', '|P|', "|DC|C'&SYSPARM'", '|MEND|'];
    expect(expand(withCalls(defs, ['|P|']), { sysparm: 'TEST' })).toEqual(["DC C'TEST'"]);
  });
});

describe('SET symbols', () => {
  it('evaluates SETA with precedence, SETB relations and SETC strings', () => {
    const defs = [
      '|MACRO|',
      '|CALC|&X',
      '|LCLA|&A,&K',
      '|LCLB|&B',
      '|LCLC|&C,&D,&E',
      '&A|SETA|2+3*&X-(4/3)',
      "&B|SETB|(&A GT 10 AND NOT ('&X' EQ '9'))",
      "&C|SETC|'&X'.'-'.'ABCDEF'(2,3)",
      "&D|SETC|(2)'AB'",
      "&E|SETC|'IT''''S'",
      "&K|SETA|K'&C",
      "|DC|AL1(&A,&B,&K),C'&C&D&E'",
      '|MEND|',
    ];
    expect(expand(withCalls(defs, ['|CALC|4']))).toEqual(["DC AL1(13,1,5),C'4-BCDABABIT''S'"]);
  });

  it('keeps global SET symbols across macros and open code, and arrays by subscript', () => {
    const src = source(
      '|MACRO|',
      '|BUMP|&V',
      '|GBLA|&COUNT',
      '|GBLC|&NAMES(10)',
      '&COUNT|SETA|&COUNT+1',
      "&NAMES(&COUNT)|SETC|'&V'",
      '|MEND|',
      '|GBLA|&COUNT',
      '|GBLC|&NAMES(10)',
      'T|CSECT|',
      '|BUMP|A',
      '|BUMP|B',
      "|DC|AL1(&COUNT),C'&NAMES(1)&NAMES(2)'",
      '|END|',
    );
    const asm = new Assembler().assemble(src);
    expect(asm.returnCode).toBe(0);
    const dc = asm.lines.find((l) => l.stmt.op === 'DC')!;
    expect(dc.stmt.operands).toBe("AL1(2),C'AB'");
  });

  it('keeps local SET symbols local to each expansion', () => {
    const defs = ['|MACRO|', '|LOC|', '|LCLA|&N', '&N|SETA|&N+1', '|DC|AL1(&N)', '|MEND|'];
    expect(expand(withCalls(defs, ['|LOC|', '|LOC|']))).toEqual(['DC AL1(1)', 'DC AL1(1)']);
  });
});

describe('conditional assembly', () => {
  it('branches with AIF and AGO to sequence symbols, ANOP as a target; computed AGO', () => {
    const defs = [
      '|MACRO|',
      '|LOOP|&N',
      '|LCLA|&I',
      '.TOP|AIF|(&I GE &N).DONE',
      '&I|SETA|&I+1',
      '|DC|AL1(&I)',
      '|AGO|.TOP',
      '.DONE|ANOP|',
      '|AGO|(2).A,.B',
      ".A|DC|C'A'",
      ".B|DC|C'B'",
      '|MEND|',
    ];
    expect(expand(withCalls(defs, ['|LOOP|3']))).toEqual(['DC AL1(1)', 'DC AL1(2)', 'DC AL1(3)', "DC C'B'"]);
  });

  it("tests attributes T' L' K' N' of operands in AIF", () => {
    const defs = [
      '|MACRO|',
      '|KIND|&P',
      '|LCLC|&T',
      '|LCLA|&L,&K',
      "&T|SETC|T'&P",
      "|AIF|(T'&P EQ 'O').OMIT",
      "|AIF|(T'&P EQ 'N').NUM",
      "&L|SETA|L'&P",
      "&K|SETA|K'&P",
      "|DC|C'&T',AL1(&L,&K)",
      '|MEXIT|',
      ".NUM|DC|C'N'",
      '|MEXIT|',
      ".OMIT|DC|C'O'",
      '|MEND|',
    ];
    const calls = [
      "FW|DC|F'1'",
      "CH|DC|CL3'A'",
      'INS|LR|1,2',
      '|KIND|FW',
      '|KIND|CH',
      '|KIND|INS',
      '|KIND|12',
      '|KIND|',
    ];
    expect(expand(withCalls(defs, calls))).toEqual([
      "DC C'F',AL1(4,2)",
      "DC C'C',AL1(3,2)",
      "DC C'I',AL1(2,3)",
      "DC C'N'",
      "DC C'O'",
    ]);
  });

  it('works in open code too', () => {
    const src = source(
      '|LCLA|&N',
      '&N|SETA|3',
      'T|CSECT|',
      '|AIF|(&N NE 3).SKIP',
      '|DC|AL1(&N)',
      '.SKIP|ANOP|',
      '|END|',
    );
    expect(expand(src)).toEqual([]);
    const asm = new Assembler().assemble(src);
    expect(asm.lines.find((l) => l.stmt.op === 'DC')!.stmt.operands).toBe('AL1(3)');
  });

  it('stops a loop at the ACTR limit with a diagnostic', () => {
    const defs = ['|MACRO|', '|SPIN|', '|ACTR|10', '.A|ANOP|', '|AGO|.A', '|MEND|'];
    const r = assemble(withCalls(defs, ['|SPIN|']));
    expect(r.diagnostics.map((d) => d.id)).toContain('ASMA013S');
    expect(r.returnCode).toBe(12);
  });
});

describe('MNOTE, MEXIT, nesting and libraries', () => {
  it('MNOTE sets the return code to its severity; * is a comment', () => {
    const defs = ['|MACRO|', '|WARN|&S', "|MNOTE|&S,'SEVERITY &S'", "|MNOTE|*,'JUST A NOTE'", '|MEND|'];
    expect(assemble(withCalls(defs, ['|WARN|4'])).returnCode).toBe(4);
    const r = assemble(withCalls(defs, ['|WARN|8']));
    expect(r.returnCode).toBe(8);
    expect(r.diagnostics.map((d) => d.message)).toContain('*** MNOTE *** 8,SEVERITY 8');
  });

  it('nested macro calls expand inside-out; an inner MACRO is defined when the outer one runs', () => {
    const defs = [
      '|MACRO|',
      '|OUTER|&X',
      '|MACRO|',
      '|INNER|&Y',
      "|DC|C'&Y'",
      '|MEND|',
      '|INNER|&X.1',
      '|INNER|&X.2',
      '|MEND|',
    ];
    expect(expand(withCalls(defs, ['|OUTER|Q', '|INNER|Z']))).toEqual(["DC C'Q1'", "DC C'Q2'", "DC C'Z'"]);
  });

  it('finds macros and COPY members through the resolver', () => {
    const lib: Record<string, string> = {
      LIBMAC: source('|MACRO|', '|LIBMAC|&V', "|DC|C'&V'", '|MEND|'),
      DATA: source("|DC|C'COPIED'"),
    };
    const options = { macroLibraries: { macro: (n: string) => lib[n], copy: (n: string) => lib[n] } };
    expect(expand(withCalls([], ['|LIBMAC|HI', '|COPY|DATA']), options)).toEqual(["DC C'HI'"]);
    const asm = new Assembler(options).assemble(withCalls([], ['|COPY|DATA']));
    expect(asm.returnCode).toBe(0);
    expect(asm.lines.some((l) => l.stmt.operands === "C'COPIED'")).toBe(true);
  });

  it('an unknown operation that no library has is ASMA057E', () => {
    const r = assemble(withCalls([], ['|NOSUCHM|1']), { macroLibraries: { macro: () => undefined } });
    expect(r.diagnostics.map((d) => d.id)).toEqual(['ASMA057E']);
  });
});

void program;

describe('attribute lookahead and the opcode attribute', () => {
  it("T' and L' of a symbol defined later in the open code come from looking ahead", () => {
    const defs2 = [
      '|MACRO|',
      '|LOOK|&S',
      '|LCLC|&T',
      '|LCLA|&L',
      "&T|SETC|T'&S",
      "&L|SETA|L'&S",
      "|DC|C'&T',AL1(&L)",
      '|MEND|',
    ];
    expect(expand(withCalls(defs2, ['|LOOK|LATER', "LATER|DC|PL5'0'", '|LOOK|NEVER']))).toEqual([
      "DC C'P',AL1(5)",
      "DC C'U',AL1(0)",
    ]);
  });

  it("O' tells machine, extended, assembler and macro operations apart", () => {
    const defs3 = [
      '|MACRO|',
      '|OPS|&A,&B,&C,&D,&E',
      '|LCLC|&T1,&T2,&T3,&T4,&T5',
      "&T1|SETC|O'&A",
      "&T2|SETC|O'&B",
      "&T3|SETC|O'&C",
      "&T4|SETC|O'&D",
      "&T5|SETC|O'&E",
      "|DC|C'&T1&T2&T3&T4&T5'",
      '|MEND|',
    ];
    expect(expand(withCalls(defs3, ['|OPS|MVC,BNE,DC,OPS,NOSUCH']))).toEqual(["DC C'OEAMU'"]);
  });
});

describe('PRINT', () => {
  it('PRINT NOGEN leaves generated statements out of the listing, PRINT OFF everything', () => {
    const defs = ['|MACRO|', '|G|&X', "|DC|C'GEN&X'", '|MEND|'];
    const gen = assemble(withCalls(defs, ['|G|X'])).listing;
    const nogen = assemble(withCalls(defs, ['|PRINT|NOGEN', '|G|X'])).listing;
    const off = assemble(withCalls(defs, ['|PRINT|OFF', "|DC|C'HIDDEN'"])).listing;
    expect(gen).toContain("C'GENX'");
    expect(nogen).not.toContain("C'GENX'");
    expect(nogen).toMatch(/ G +X$/m);
    expect(off).not.toContain("C'HIDDEN'");
  });
});

describe('arithmetic bit operations and built-in functions', () => {
  it('SETA: AND OR XOR NOT on bits, shifts; SETB: the same words are logical', () => {
    const defs = [
      '|MACRO|',
      '|BITS|',
      '|LCLA|&A,&B,&C,&D,&E',
      '|LCLB|&F',
      '&A|SETA|(12 AND 10)',
      '&B|SETA|(12 OR 3)',
      '&C|SETA|(12 XOR 10)',
      '&D|SETA|(1 SLL 4)+(256 SRL 4)',
      '&E|SETA|(NOT 0)+2',
      '&F|SETB|(NOT (1 EQ 2) AND 3 GT 2)',
      '|DC|AL1(&A,&B,&C,&D,&E,&F)',
      '|MEND|',
    ];
    expect(expand(withCalls(defs, ['|BITS|']))).toEqual(['DC AL1(8,15,6,32,1,1)']);
  });

  it('UPPER, DOUBLE, D2X, X2D, C2X, INDEX and FIND', () => {
    const defs = [
      '|MACRO|',
      '|FN|&S',
      '|LCLC|&U,&Q,&X,&Y',
      '|LCLA|&I,&F,&D',
      "&U|SETC|(UPPER '&S')",
      "&Q|SETC|(DOUBLE 'A''B')",
      '&X|SETC|(D2X 255)',
      "&Y|SETC|(C2X 'A')",
      "&D|SETA|(X2D 'FF')",
      "&I|SETA|('&U' INDEX 'LL')",
      "&F|SETA|('&U' FIND 'XYO')",
      "|DC|C'&U',C'&Q',C'&X&Y',AL1(&D,&I,&F)",
      '|MEND|',
    ];
    expect(expand(withCalls(defs, ['|FN|hello']))).toEqual(["DC C'HELLO',C'A''B',C'FFC1',AL1(255,3,5)"]);
  });
});

describe('OPSYN', () => {
  it('gives an operation another name, and deletes one', () => {
    const src = withCalls([], ['MOVE|OPSYN|MVC', '|USING|T,15', 'A|DS|CL4', '|MOVE|A,A', 'MVC|OPSYN|', '|MVC|A,A']);
    const asm = new Assembler().assemble(src);
    expect(asm.diagnostics.map((d) => d.id)).toEqual(['ASMA057E']);
    expect(asm.lines.find((l) => l.kind === 'instruction')!.bytes).toEqual(
      Uint8Array.from([0xd2, 3, 0xf0, 0, 0xf0, 0]),
    );
  });
});

describe('arithmetic values as characters', () => {
  it('a negative SETA value is substituted without its sign; SIGNED keeps it', () => {
    const defs = [
      '|MACRO|',
      '|NEG|',
      '|LCLA|&A',
      '|LCLC|&S',
      '&A|SETA|-5',
      '&S|SETC|(SIGNED &A)',
      "|DC|F'&A',C'&S'",
      '|MEND|',
    ];
    expect(expand(withCalls(defs, ['|NEG|']))).toEqual(["DC F'5',C'-5'"]);
  });
});

describe('built-in functions in function-invocation format', () => {
  it('UPPER(...), A2D(...), A2X(...), X2A(...)', () => {
    const defs = [
      '|MACRO|',
      '|FF|&S',
      '|LCLC|&U,&D,&X',
      '|LCLA|&N',
      "&U|SETC|UPPER('&S')",
      '&D|SETC|A2D(-7)',
      '&X|SETC|A2X(255)',
      "&N|SETA|X2A('1F')+1",
      "|DC|C'&U&D&X',AL1(&N)",
      '|MEND|',
    ];
    expect(expand(withCalls(defs, ['|FF|abc']))).toEqual(["DC C'ABC-7000000FF',AL1(32)"]);
  });
});
