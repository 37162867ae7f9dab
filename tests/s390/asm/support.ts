// Test support: read object decks back independently of the assembler's
// own writer (the card layouts as the OS/360 loaders define them), and
// build fixed-format source from name/operation/operand triples.

import { fromEbcdic } from '../../../s390/ebcdic.js';
import { assemble, type AssembleOptions } from '../../../s390/asm/index.js';
import { OPCODES } from '../../../s390/opcodes.js';
import { ASSEMBLER_ONLY_ROWS, type AsmRow } from '../../../s390/asm/optable.js';

/** One statement as name, operation, operands: columns 1, 10 and 16. */
export function card(name: string, op: string, operands = ''): string {
  return `${name.padEnd(8)} ${op.padEnd(5)} ${operands}`;
}

/** Source from lines written as "NAME OP OPERANDS" with '|' separating the fields: "LOOP|BCT|3,LOOP". */
export function source(...lines: string[]): string {
  return (
    lines.map((l) => (l.includes('|') ? card(...(l.split('|') as [string, string, string])) : l)).join('\n') + '\n'
  );
}

export interface DeckContent {
  sections: { name: string; type: number; address: number; length: number; esdid: number }[];
  entries: { name: string; address: number; owner: number }[];
  /** Section name -> bytes by section offset. */
  text: Map<string, Map<number, number>>;
  rld: { target: string; position: string; offset: number; length: number; negative: boolean; vcon: boolean }[];
  end?: { section: string; offset: number };
  cards: number;
}

const u = (b: Uint8Array, at: number, n: number) => {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[at + i];
  return v;
};

export function readDeck(deck: Uint8Array): DeckContent {
  if (deck.length % 80 !== 0) throw new Error(`deck length ${deck.length} is not a multiple of 80`);
  const out: DeckContent = { sections: [], entries: [], text: new Map(), rld: [], cards: deck.length / 80 };
  const byId = new Map<number, { name: string; address: number }>();
  const txt: { id: number; address: number; data: Uint8Array }[] = [];
  const rld: { r: number; p: number; flag: number; address: number }[] = [];
  let end: { id: number; address: number } | undefined;
  for (let at = 0; at < deck.length; at += 80) {
    const c = deck.subarray(at, at + 80);
    if (c[0] !== 0x02) throw new Error(`card ${at / 80 + 1} does not begin X'02'`);
    const type = fromEbcdic(c, 1, 4);
    const count = u(c, 10, 2);
    if (type === 'ESD') {
      let id = u(c, 14, 2);
      for (let k = 0; k < count / 16; k++) {
        const it = 16 + 16 * k;
        const name = fromEbcdic(c, it, it + 8).trimEnd();
        const t = c[it + 8];
        if (t === 0x01) {
          out.entries.push({ name, address: u(c, it + 9, 3), owner: u(c, it + 14, 2) });
          continue;
        }
        const address = t === 0x02 || t === 0x0a ? 0 : u(c, it + 9, 3);
        const length = t === 0x02 || t === 0x0a ? 0 : u(c, it + 13, 3);
        out.sections.push({ name, type: t, address, length, esdid: id });
        byId.set(id, { name, address });
        id++;
      }
    } else if (type === 'TXT') {
      if (count > 56) throw new Error('TXT card with more than 56 bytes');
      txt.push({ id: u(c, 14, 2), address: u(c, 5, 3), data: c.slice(16, 16 + count) });
    } else if (type === 'RLD') {
      let p = 16;
      let same = false;
      let r = 0;
      let pp = 0;
      while (p < 16 + count) {
        if (!same) {
          r = u(c, p, 2);
          pp = u(c, p + 2, 2);
          p += 4;
        }
        rld.push({ r, p: pp, flag: c[p], address: u(c, p + 1, 3) });
        same = (c[p] & 1) === 1;
        p += 4;
      }
    } else if (type === 'END') {
      if (c[14] !== 0x40) end = { id: u(c, 14, 2), address: u(c, 5, 3) };
    } else throw new Error(`unknown card type ${type}`);
  }
  for (const t of txt) {
    const s = byId.get(t.id)!;
    let img = out.text.get(s.name);
    if (!img) out.text.set(s.name, (img = new Map()));
    t.data.forEach((b, i) => img.set(t.address - s.address + i, b));
  }
  for (const r of rld) {
    const target = byId.get(r.r)!;
    const position = byId.get(r.p)!;
    out.rld.push({
      target: target.name,
      position: position.name,
      offset: r.address - position.address,
      length: ((r.flag >> 2) & 3) + 1,
      negative: (r.flag & 2) !== 0,
      vcon: r.flag >> 4 === 1,
    });
  }
  if (end) {
    const s = byId.get(end.id)!;
    out.end = { section: s.name, offset: end.address - s.address };
  }
  return out;
}

/** The bytes of a section from offset `from` (missing bytes as 0). */
export function sectionBytes(deck: DeckContent, name: string, from = 0, length?: number): number[] {
  const img = deck.text.get(name) ?? new Map<number, number>();
  const sec = deck.sections.find((s) => s.name === name);
  const n = length ?? (sec ? sec.length - from : 0);
  return Array.from({ length: n }, (_, i) => img.get(from + i) ?? 0);
}

/** Hex of a byte list, for readable expectations. */
export function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

/** Assemble and read the deck back; fails the test with the diagnostics if the return code is not `rc`. */
export function assembleOk(src: string, options: AssembleOptions = {}, rc = 0) {
  const result = assemble(src, options);
  if (result.returnCode !== rc) {
    throw new Error(
      `return code ${result.returnCode}, expected ${rc}:\n` +
        result.diagnostics.map((d) => `${d.line}: ${d.id} ${d.message}`).join('\n'),
    );
  }
  return { result, deck: readDeck(result.objectDeck) };
}

/** The object bytes of the single statement assembled in a section named T (USING T,15 first). */
export function code(stmts: string[], options: AssembleOptions = {}): string {
  const { deck } = assembleOk(source('T|CSECT|', '|USING|T,15', ...stmts, '|END|'), options);
  return hex(sectionBytes(deck, 'T'));
}

export const ALL_ROWS: AsmRow[] = [...OPCODES.map((r) => ({ ...r, executable: true })), ...ASSEMBLER_ONLY_ROWS];

/** Operand text for a syntax token, with distinct field values. */
const OPERAND: Record<string, string> = {
  R1: '1',
  M1: '1',
  F1: '1',
  R2: '2',
  F2: '2',
  R3: '3',
  M3: '3',
  I1: '202',
  I3: '5',
  J2: '*+8',
  'D2(X2,B2)': '1110(4,5)',
  'D2(B2)': '1110(5)',
  'D1(B1)': '291(6)',
  'D1(L1,B1)': '291(8,6)',
  'D2(L2,B2)': '1110(3,5)',
  'D1(R1,B1)': '291(1,6)',
};

export function tokens(syntax: string): string[] {
  return syntax ? syntax.match(/[A-Z0-9]+\([^)]*\)|[A-Z0-9]+/g)! : [];
}

export function sampleOperands(row: AsmRow): string {
  return tokens(row.syntax)
    .map((t) => (t === 'I2' ? (row.format === 'RI' ? '-2' : "X'5A'") : OPERAND[t]))
    .join(',');
}
