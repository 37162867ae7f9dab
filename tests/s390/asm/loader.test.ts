// The loader: object decks into storage, relocation by RLD, external
// references resolved across decks by section and ENTRY names, unresolved
// names reported, the entry point from the END card.

import { describe, expect, it } from 'vitest';
import { coreImage, loadObjectDecks } from '../../../s390/asm/loader.js';
import { assembleOk, hex, source } from './support.js';

const MAIN = source(
  'MAIN|CSECT|',
  '|EXTRN|SUBENT',
  'START|DC|V(SUB)',
  '|DC|A(SUBENT)',
  '|DC|A(MAIN+4)',
  '|DC|AL3(LOCAL)',
  '|DC|A(LOCAL-START)',
  "LOCAL|DC|C'M'",
  '|END|START',
);
const SUB = source('SUB|CSECT|', '|ENTRY|SUBENT', "|DC|F'7'", "SUBENT|DC|F'8'", '|END|');

const word = (mem: Uint8Array, at: number) => hex(mem.subarray(at, at + 4));

describe('loadObjectDecks', () => {
  it('relocates two decks and resolves V-constants and EXTRNs against CSECT and ENTRY names', () => {
    const main = assembleOk(MAIN).result.objectDeck;
    const sub = assembleOk(SUB).result.objectDeck;
    const mem = new Uint8Array(0x10000);
    const r = loadObjectDecks(mem, [main, sub], 0x1000);
    expect(r.unresolved).toEqual([]);
    expect(r.errors).toEqual([]);
    // MAIN is X'18' long (5 words, C'M', padded): SUB follows on the next doubleword.
    expect(r.sections.map((s) => [s.name, s.address, s.length])).toEqual([
      ['MAIN', 0x1000, 0x15],
      ['SUB', 0x1018, 8],
    ]);
    expect(word(mem, 0x1000)).toBe('00001018'); // V(SUB)
    expect(word(mem, 0x1004)).toBe('0000101C'); // A(SUBENT)
    expect(word(mem, 0x1008)).toBe('00001004'); // A(MAIN+4)
    expect(hex(mem.subarray(0x100c, 0x100f))).toBe('001014'); // AL3(LOCAL)
    expect(word(mem, 0x1010)).toBe('00000014'); // absolute: not relocated
    expect(word(mem, 0x1018)).toBe('00000007');
    expect(r.entryPoint).toBe(0x1000);
    expect(r.symbols.get('SUBENT')).toBe(0x101c);
  });

  it('loads in any order and at any address', () => {
    const mem = new Uint8Array(0x10000);
    const r = loadObjectDecks(mem, [assembleOk(SUB).result.objectDeck, assembleOk(MAIN).result.objectDeck], 0x2004);
    expect(r.sections.map((s) => [s.name, s.address])).toEqual([
      ['SUB', 0x2008],
      ['MAIN', 0x2010],
    ]);
    expect(word(mem, 0x2010)).toBe('00002008');
    expect(r.entryPoint).toBe(0x2010);
  });

  it('reports unresolved external references by name and leaves their fields as assembled', () => {
    const mem = new Uint8Array(0x10000);
    const r = loadObjectDecks(mem, [assembleOk(MAIN).result.objectDeck], 0x1000);
    expect([...r.unresolved].sort()).toEqual(['SUB', 'SUBENT']);
    expect(word(mem, 0x1000)).toBe('00000000');
  });

  it('a weak external (WXTRN) may stay unresolved', () => {
    const deck = assembleOk(source('W|CSECT|', '|WXTRN|MAYBE', '|DC|A(MAYBE)', '|END|')).result.objectDeck;
    const r = loadObjectDecks(new Uint8Array(0x1000), [deck], 0x100);
    expect(r.unresolved).toEqual([]);
  });

  it('an END entry point in the second deck is used when the first has none', () => {
    const a = assembleOk(source('A|CSECT|', "|DC|F'1'", '|END|')).result.objectDeck;
    const b = assembleOk(source('B|CSECT|', "|DC|F'2'", "GO|DC|F'3'", '|END|GO')).result.objectDeck;
    const r = loadObjectDecks(new Uint8Array(0x1000), [a, b], 0x100);
    expect(r.entryPoint).toBe(0x10c);
  });

  it('text outside storage is an error, not an exception', () => {
    const r = loadObjectDecks(new Uint8Array(0x100), [assembleOk(MAIN).result.objectDeck], 0xf0);
    expect(r.errors.length).toBeGreaterThan(0);
  });
});

describe('coreImage', () => {
  it('gives the decks loaded at the origin, relocated, from the origin to the end', () => {
    const img = coreImage([assembleOk(MAIN).result.objectDeck, assembleOk(SUB).result.objectDeck], 0x400);
    expect(img.image.length).toBe(0x20);
    expect(img.entryPoint).toBe(0x400);
    expect(hex(img.image.subarray(0, 4))).toBe('00000418');
  });
});
