// Assemble, load and run on the CPU: small programs whose results the
// architecture defines, so the assembler, the loader and the CPU check
// one another.

import { describe, expect, it } from 'vitest';
import { loadObjectDecks } from '../../../s390/asm/loader.js';
import { runProgram } from '../helpers.js';
import { assembleOk, source } from './support.js';
import { assembleProgram } from './program.js';

const ORIGIN = 0x2000;

/** Assemble each source, load the decks at X'2000', run to the end (the program's LPSW X'1F0'). */
function run(arch: '370' | '390', ...sources: string[]) {
  const decks = sources.map((s) => assembleOk(s).result.objectDeck);
  let unresolved: readonly string[] = [];
  const r = runProgram({
    arch,
    code: [],
    origin: ORIGIN,
    appendStop: false,
    setup: (cpu) => {
      const loaded = loadObjectDecks(cpu.storage.bytes, decks, ORIGIN);
      unresolved = loaded.unresolved;
      cpu.storage.changed(ORIGIN, 0x1000);
    },
  });
  return { ...r, unresolved, word: (a: number) => r.cpu.storage.readU32(a) };
}

describe('assemble, load, run', () => {
  it('sums 1..10 with BCT, the program using a base register and a literal', () => {
    const r = run(
      '390',
      source(
        'SUM|CSECT|',
        '|BASR|12,0',
        '|USING|*,12',
        '|SR|2,2',
        '|LA|3,10',
        'LOOP|AR|2,3',
        '|BCT|3,LOOP',
        '|ST|2,RESULT',
        "|A|2,=F'100'",
        "|LPSW|X'1F0'",
        'RESULT|DS|F',
        '|LTORG|',
        '|END|SUM',
      ),
    );
    expect(r.endedNormally).toBe(true);
    expect(r.cpu.gpr[2]).toBe(155);
    expect(r.word(ORIGIN + 0x1c)).toBe(55); // RESULT: 26 bytes of code, then a fullword
  });

  it('relative branches and immediates (ESA/390): count down with BRCT, JNZ', () => {
    const r = run(
      '390',
      source(
        'REL|CSECT|',
        '|LHI|1,0',
        '|LHI|2,5',
        'TOP|AHI|1,3',
        '|BRCT|2,TOP',
        '|CHI|1,15',
        '|JNE|BAD',
        '|LHI|4,1',
        "|LPSW|X'1F0'",
        "BAD|LPSW|X'1F0'",
        '|END|',
      ),
    );
    expect(r.endedNormally).toBe(true);
    expect(r.cpu.gpr[1]).toBe(15);
    expect(r.cpu.gpr[4]).toBe(1);
  });

  it('calls a routine in a second deck through a V-constant', () => {
    const main = source(
      'MAIN|CSECT|',
      '|BALR|12,0',
      '|USING|*,12',
      '|L|15,=V(TWICE)',
      '|LA|1,21',
      '|BALR|14,15',
      "|LPSW|X'1F0'",
      '|LTORG|',
      '|END|MAIN',
    );
    const sub = source('TWICE|CSECT|', '|AR|1,1', '|BR|14', '|END|');
    const r = run('390', main, sub);
    expect(r.unresolved).toEqual([]);
    expect(r.endedNormally).toBe(true);
    expect(r.cpu.gpr[1]).toBe(42);
  });

  it('macro-generated code runs: a loop built with SETA and AIF', () => {
    const r = run(
      '370',
      source(
        '|MACRO|',
        '&L|ADDN|&REG,&N',
        '|LCLA|&I',
        '&I|SETA|1',
        '.L|AIF|(&I GT &N).E',
        '|LA|&REG,&I.(,&REG)',
        '&I|SETA|&I+1',
        '|AGO|.L',
        '.E|MEND|',
        'M|CSECT|',
        '|SR|5,5',
        '|ADDN|5,4',
        "|LPSW|X'1F0'",
        '|END|',
      ),
    );
    expect(r.endedNormally).toBe(true);
    expect(r.cpu.gpr[5]).toBe(1 + 2 + 3 + 4);
  });

  it('packed decimal: PACK, AP and UNPK of assembled constants', () => {
    const r = run(
      '370',
      source(
        'DEC|CSECT|',
        '|BALR|12,0',
        '|USING|*,12',
        '|PACK|P1,Z1',
        '|AP|P1,P2',
        '|UNPK|OUT,P1',
        "|OI|OUT+4,X'F0'",
        "|LPSW|X'1F0'",
        "Z1|DC|Z'12345'",
        'P1|DS|PL3',
        "P2|DC|P'-45'",
        'OUT|DS|ZL5',
        '|END|',
      ),
    );
    expect(r.endedNormally).toBe(true);
    const out = Array.from(r.cpu.storage.bytes.subarray(ORIGIN + 0x26, ORIGIN + 0x2b));
    expect(String.fromCharCode(...out.map((b) => b - 0xc0))).toBe('12300');
  });
});

describe('assembleProgram (for instruction tests)', () => {
  it('assembles statements into code for runProgram and gives label addresses', () => {
    const p = assembleProgram(['|LA|1,5', '|AR|1,1', '|ST|1,OUT', "|LPSW|X'1F0'", 'OUT|DS|F']);
    const r = runProgram({ arch: '390', code: p.code, origin: p.origin, appendStop: false });
    expect(r.endedNormally).toBe(true);
    expect(r.cpu.storage.readU32(p.address('OUT'))).toBe(10);
  });
});
