// The object deck: 80-byte EBCDIC cards in the OS/360 format (HLASM
// Programmer's Guide, "Object deck output"): ESD, TXT, RLD, END.

import { describe, expect, it } from 'vitest';
import { fromEbcdic } from '../../../s390/ebcdic.js';
import { assembleOk, source } from './support.js';

const cards = (deck: Uint8Array) =>
  Array.from({ length: deck.length / 80 }, (_, i) => deck.subarray(i * 80, i * 80 + 80));
const u = (b: Uint8Array, at: number, n: number) => b.subarray(at, at + n).reduce((v, x) => v * 256 + x, 0);

describe('object deck cards', () => {
  const { result } = assembleOk(
    source(
      'PROG|CSECT|',
      '|ENTRY|E1',
      '|EXTRN|X1',
      'E1|DC|A(E1,X1)',
      '|DC|V(X2)',
      "|DC|100X'AB'",
      'DATA|CSECT|',
      '|DC|A(PROG)',
      '|END|E1',
    ),
  );
  const all = cards(result.objectDeck);
  const types = all.map((c) => fromEbcdic(c, 1, 4));

  it("every card is 80 bytes with X'02' and its type in columns 1-4, in ESD TXT RLD END order", () => {
    expect(result.objectDeck.length % 80).toBe(0);
    expect(all.every((c) => c[0] === 0x02)).toBe(true);
    const order = types.map((t) => ['ESD', 'TXT', 'RLD', 'END'].indexOf(t));
    expect(order).toEqual([...order].sort());
    expect(types[types.length - 1]).toBe('END');
  });

  it('ESD cards carry up to three 16-byte items with consecutive ESDIDs', () => {
    const esd = all.filter((c) => fromEbcdic(c, 1, 4) === 'ESD');
    const items = esd.flatMap((c) =>
      Array.from({ length: u(c, 10, 2) / 16 }, (_, k) => ({
        name: fromEbcdic(c, 16 + 16 * k, 24 + 16 * k).trim(),
        type: c[24 + 16 * k],
        id: c[14] === 0x40 ? 0 : u(c, 14, 2) + k,
      })),
    );
    expect(items.map((i) => [i.name, i.type])).toEqual([
      ['PROG', 0x00],
      ['X1', 0x02],
      ['X2', 0x02],
      ['DATA', 0x00],
      ['E1', 0x01],
    ]);
    expect(items.slice(0, 4).map((i) => i.id)).toEqual([1, 2, 3, 4]);
    // The LD item names its section's ESDID in its last three bytes.
    const ld = esd.find((c) => c[24] === 0x01)!;
    expect(u(ld, 29, 3)).toBe(1);
    expect(esd.every((c) => u(c, 10, 2) <= 48)).toBe(true);
  });

  it('TXT cards hold at most 56 bytes at the assembled address', () => {
    const txt = all.filter((c) => fromEbcdic(c, 1, 4) === 'TXT');
    expect(txt.every((c) => u(c, 10, 2) <= 56)).toBe(true);
    expect(txt.reduce((n, c) => n + u(c, 10, 2), 0)).toBe(12 + 100 + 4);
    // DATA follows PROG (X'70' long) on the next doubleword: X'70'.
    const dataTxt = txt.find((c) => u(c, 14, 2) === 4)!;
    expect(u(dataTxt, 5, 3)).toBe(0x70);
  });

  it('RLD items name target and position ESDIDs, flag length and type, and pack same pointers', () => {
    const rld = all.filter((c) => fromEbcdic(c, 1, 4) === 'RLD');
    expect(rld).toHaveLength(1);
    const c = rld[0];
    // PROG->PROG at 0; X1 at 4; X2 (V-type) at 8; DATA: PROG at X'70'. Four items, none sharing pointers.
    expect(u(c, 10, 2)).toBe(4 * 8);
    const flags = [c[20], c[28], c[36], c[44]];
    expect(flags.map((f) => (f >> 2) & 3)).toEqual([3, 3, 3, 3]);
    expect(flags.map((f) => f >> 4)).toEqual([0, 0, 1, 0]);
  });

  it('the END card gives the entry point and its ESDID', () => {
    const end = all[all.length - 1];
    expect(u(end, 14, 2)).toBe(1);
    expect(u(end, 5, 3)).toBe(0);
  });

  it('columns 73-80 hold the deck id and a sequence number', () => {
    expect(fromEbcdic(all[0], 72, 80)).toBe('PROG0001');
    expect(fromEbcdic(all[all.length - 1], 72, 80)).toBe(`PROG${String(all.length).padStart(4, '0')}`);
  });
});

describe('RLD packing', () => {
  it('items with the same pointers share them: flag bit 7 says the next item has the same R and P', () => {
    const { result, deck } = assembleOk(source('P|CSECT|', 'A|DC|A(A,A,A)', '|END|'));
    const rld = cards(result.objectDeck).filter((c) => fromEbcdic(c, 1, 4) === 'RLD');
    expect(rld).toHaveLength(1);
    const c = rld[0];
    expect(u(c, 10, 2)).toBe(8 + 4 + 4);
    expect([c[20] & 1, c[24] & 1, c[28] & 1]).toEqual([1, 1, 0]);
    expect(deck.rld.map((r) => r.offset)).toEqual([0, 4, 8]);
  });

  it('AMODE and RMODE go into the SD flag byte', () => {
    const { result } = assembleOk(source('P|CSECT|', 'P|AMODE|31', 'P|RMODE|ANY', '|BR|14', '|END|'));
    const esd = cards(result.objectDeck)[0];
    expect(esd[28]).toBe(0x06);
  });
});
