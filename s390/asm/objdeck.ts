// Object decks in the OS/360 card format (OS/VS and VM/370 loaders; HLASM
// Programmer's Guide SC26-4941, appendix "Object deck output"). Each record
// is an 80-byte EBCDIC card with X'02' in column 1 and its type in 2-4:
//
//  ESD  cols 11-12 byte count (16 per item), 15-16 ESDID of the first item
//       that has one (blank if the card holds only LD items), 17-64 up to
//       three items: name (8), type (X'00' SD, X'01' LD, X'02' ER, X'04' PC,
//       X'05' CM, X'0A' WX), address (3), flags (1: AMODE/RMODE for SD/PC),
//       length (3) or, for LD, the owning section's ESDID (3).
//  TXT  cols 6-8 address, 11-12 byte count, 15-16 ESDID, 17-72 data (56).
//  RLD  cols 11-12 byte count, 17-72 items: R pointer (2, ESDID of the
//       target), P pointer (2, ESDID of the section holding the field), flag
//       (bits 0-3 type: 0 A, 1 V; bits 4-5 length-1; bit 6 negative; bit 7
//       next item has the same pointers, which are then left out), address (3).
//  END  cols 6-8 entry address, 15-16 its ESDID (both blank if none),
//       33 '1' and 34-52 the translator identification.
//  Columns 73-80: deck identification and sequence number.

import { toEbcdicPadded, EBCDIC_BLANK } from '../ebcdic.js';
import type { Assembly } from './assembler.js';
import type { Section } from './types.js';

export const CARD = 80;

const ESD_TYPE: Record<string, number> = { SD: 0x00, LD: 0x01, ER: 0x02, PC: 0x04, CM: 0x05, WX: 0x0a };

class CardWriter {
  readonly cards: Uint8Array[] = [];
  constructor(private readonly deckId: string) {}

  card(type: string): Uint8Array {
    const c = new Uint8Array(CARD).fill(EBCDIC_BLANK);
    c[0] = 0x02;
    c.set(toEbcdicPadded(type, 3), 1);
    return c;
  }

  add(c: Uint8Array): void {
    const seq = String(this.cards.length + 1).padStart(8 - this.deckId.length, '0');
    c.set(toEbcdicPadded((this.deckId + seq).slice(0, 8), 8), 72);
    this.cards.push(c);
  }
}

function put(c: Uint8Array, at: number, value: number, bytes: number): void {
  for (let i = bytes - 1; i >= 0; i--) {
    c[at + i] = value & 0xff;
    value = Math.floor(value / 256);
  }
}

function flagsOf(s: Section): number {
  let f = 0;
  if (s.amode === '31') f |= 0x02;
  else if (s.amode === 'ANY') f |= 0x03;
  if (s.rmode === 'ANY') f |= 0x04;
  return f;
}

/** Write the object deck of an assembly. */
export function writeObjectDeck(asm: Assembly): Uint8Array {
  const first = asm.sections.find((s) => s.kind === 'SD' || s.kind === 'PC');
  const deckId = (first?.name || asm.title || 'VMCMS').replace(/[^A-Z0-9@#$]/g, '').slice(0, 4);
  const w = new CardWriter(deckId);
  for (const p of asm.punches) {
    const c = toEbcdicPadded(p, CARD);
    w.cards.push(c);
  }
  // ESD: items with ESDIDs in order, three to a card; then LD items.
  const withId = asm.sections.filter((s) => s.esdid > 0).sort((a, b) => a.esdid - b.esdid);
  for (let i = 0; i < withId.length; i += 3) {
    const c = w.card('ESD');
    const items = withId.slice(i, i + 3);
    put(c, 10, items.length * 16, 2);
    put(c, 14, items[0].esdid, 2);
    items.forEach((s, k) => {
      const at = 16 + 16 * k;
      c.set(toEbcdicPadded(s.name, 8), at);
      c[at + 8] = ESD_TYPE[s.kind];
      if (s.kind === 'ER' || s.kind === 'WX') return; // address, flags, length blank
      put(c, at + 9, s.origin, 3);
      c[at + 12] = flagsOf(s);
      put(c, at + 13, s.kind === 'CM' || s.kind === 'SD' || s.kind === 'PC' ? s.max : 0, 3);
    });
    w.add(c);
  }
  const sectionById = new Map(asm.sections.map((s) => [s.id, s]));
  for (let i = 0; i < asm.entries.length; i += 3) {
    const c = w.card('ESD');
    const items = asm.entries.slice(i, i + 3);
    put(c, 10, items.length * 16, 2);
    items.forEach((e, k) => {
      const at = 16 + 16 * k;
      const sec = sectionById.get(e.section)!;
      c.set(toEbcdicPadded(e.name, 8), at);
      c[at + 8] = ESD_TYPE.LD;
      put(c, at + 9, sec.origin + e.offset, 3);
      c[at + 12] = EBCDIC_BLANK;
      put(c, at + 13, sec.esdid, 3);
    });
    w.add(c);
  }
  // TXT: contiguous runs of each section, 56 bytes a card.
  for (const s of asm.sections) {
    const chunks = asm.text.get(s.id);
    if (!chunks?.length) continue;
    const order = new Map(chunks.map((c, i) => [c, i]));
    const sorted = [...chunks].sort((a, b) => a.offset - b.offset);
    // Merge into runs (later bytes overwrite earlier ones at the same offset, as ORG allows).
    const spans: { offset: number; end: number; parts: { offset: number; bytes: Uint8Array }[] }[] = [];
    for (const ch of sorted) {
      const last = spans[spans.length - 1];
      if (last && ch.offset <= last.end) {
        last.end = Math.max(last.end, ch.offset + ch.bytes.length);
        last.parts.push(ch);
      } else spans.push({ offset: ch.offset, end: ch.offset + ch.bytes.length, parts: [ch] });
    }
    const runs = spans.map((sp) => {
      const bytes = new Uint8Array(sp.end - sp.offset);
      const inOrder = sp.parts.length > 1 ? [...sp.parts].sort((a, b) => order.get(a)! - order.get(b)!) : sp.parts;
      for (const part of inOrder) bytes.set(part.bytes, part.offset - sp.offset);
      return { offset: sp.offset, bytes };
    });
    for (const run of runs) {
      for (let p = 0; p < run.bytes.length; p += 56) {
        const data = run.bytes.subarray(p, p + 56);
        const c = w.card('TXT');
        put(c, 5, s.origin + run.offset + p, 3);
        put(c, 10, data.length, 2);
        put(c, 14, s.esdid, 2);
        c.set(data, 16);
        w.add(c);
      }
    }
  }
  // RLD: items sorted by position and target, packed with the "same pointers" bit.
  const items = asm.rld
    .map((r) => ({ r, p: sectionById.get(r.position)!, t: sectionById.get(r.target)! }))
    .filter((x) => x.p && x.t && x.p.esdid > 0 && x.t.esdid > 0)
    .sort((a, b) => a.p.esdid - b.p.esdid || a.t.esdid - b.t.esdid || a.r.offset - b.r.offset);
  let c: Uint8Array | undefined;
  let used = 0;
  let prevFlagAt = -1;
  let prevKey = '';
  const flush = () => {
    if (c) {
      put(c, 10, used, 2);
      w.add(c);
    }
    c = undefined;
    used = 0;
    prevFlagAt = -1;
    prevKey = '';
  };
  for (const { r, p, t } of items) {
    const key = `${t.esdid}:${p.esdid}`;
    const same = key === prevKey && prevFlagAt >= 0;
    const need = same ? 4 : 8;
    if (!c || used + need > 56) {
      flush();
      c = w.card('RLD');
    }
    const card = c!;
    const sameNow = key === prevKey && prevFlagAt >= 0;
    if (sameNow) card[prevFlagAt] |= 0x01;
    else {
      put(card, 16 + used, t.esdid, 2);
      put(card, 18 + used, p.esdid, 2);
      used += 4;
    }
    const flag = ((r.vcon ? 1 : 0) << 4) | ((r.length - 1) << 2) | (r.negative ? 0x02 : 0);
    card[16 + used] = flag;
    put(card, 17 + used, p.origin + r.offset, 3);
    prevFlagAt = 16 + used;
    used += 4;
    prevKey = key;
  }
  flush();
  // END
  const end = w.card('END');
  if (asm.end) {
    const s = sectionById.get(asm.end.section)!;
    put(end, 5, s.origin + asm.end.offset, 3);
    put(end, 14, s.esdid, 2);
  }
  end.set(toEbcdicPadded('1VMCMS ASM 0101', 19), 32);
  w.add(end);
  const out = new Uint8Array(w.cards.length * CARD);
  w.cards.forEach((card, i) => out.set(card, i * CARD));
  return out;
}
