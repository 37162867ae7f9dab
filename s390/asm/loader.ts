// The relocating loader: object decks (OS/360 ESD/TXT/RLD/END cards, see
// objdeck.ts) into a machine's storage, as the CMS LOADER and OS loader do
// (VM/370 CMS Command and Macro Reference, LOAD and INCLUDE; OS/VS Loader,
// "Object module input"). Control sections are placed one after another
// from the load address, each on a doubleword; external references (ER, WX
// and V-constants) are resolved against the section names and ENTRY names
// of all the decks; every RLD item adds (or subtracts) the relocation of
// its target to the field it names. An unresolved ER is reported by name
// (a WX may stay unresolved, as a weak reference) and its fields get 0.

import { fromEbcdic } from '../ebcdic.js';
import { CARD } from './objdeck.js';

export interface LoadedSection {
  readonly name: string;
  readonly address: number;
  readonly length: number;
  /** Which deck (index in the list given) it came from. */
  readonly deck: number;
}

export interface LoadResult {
  /** The END card's entry point, or the first section's address. */
  readonly entryPoint: number;
  readonly sections: readonly LoadedSection[];
  /** External references that nothing defined (each name once). */
  readonly unresolved: readonly string[];
  /** Malformed cards, duplicate names and similar problems. */
  readonly errors: readonly string[];
  /** Every ENTRY and section name with its loaded address. */
  readonly symbols: ReadonlyMap<string, number>;
}

interface EsdItem {
  name: string;
  type: number;
  address: number;
  length: number;
  /** LD: owning ESDID. */
  owner: number;
}

interface Deck {
  esd: Map<number, EsdItem>;
  lds: EsdItem[];
  txt: { esdid: number; address: number; data: Uint8Array }[];
  rld: { r: number; p: number; flag: number; address: number }[];
  end?: { esdid: number; address: number };
}

const u = (b: Uint8Array, at: number, n: number) => {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[at + i];
  return v;
};
const blank3 = (b: Uint8Array, at: number) => b[at] === 0x40 && b[at + 1] === 0x40 && b[at + 2] === 0x40;

function readDeck(bytes: Uint8Array, errors: string[], index: number): Deck {
  const deck: Deck = { esd: new Map(), lds: [], txt: [], rld: [] };
  for (let at = 0; at + CARD <= bytes.length; at += CARD) {
    const c = bytes.subarray(at, at + CARD);
    if (c[0] !== 0x02) continue; // not an object record (e.g. a PUNCHed card)
    const type = fromEbcdic(c, 1, 4);
    const count = u(c, 10, 2);
    switch (type) {
      case 'ESD': {
        let id = c[14] === 0x40 ? 0 : u(c, 14, 2);
        for (let k = 0; k < Math.min(3, Math.ceil(count / 16)); k++) {
          const it = 16 + 16 * k;
          const item: EsdItem = {
            name: fromEbcdic(c, it, it + 8).trimEnd(),
            type: c[it + 8],
            address: blank3(c, it + 9) ? 0 : u(c, it + 9, 3),
            length: blank3(c, it + 13) ? 0 : u(c, it + 13, 3),
            owner: u(c, it + 14, 2),
          };
          if (item.type === 0x01) deck.lds.push(item);
          else deck.esd.set(id++, item);
        }
        break;
      }
      case 'TXT':
        deck.txt.push({ esdid: u(c, 14, 2), address: u(c, 5, 3), data: c.slice(16, 16 + Math.min(count, 56)) });
        break;
      case 'RLD': {
        let p = 16;
        const stop = 16 + Math.min(count, 56);
        let same = false;
        let r = 0;
        let pp = 0;
        while (p < stop) {
          if (!same) {
            r = u(c, p, 2);
            pp = u(c, p + 2, 2);
            p += 4;
          }
          const flag = c[p];
          deck.rld.push({ r, p: pp, flag, address: u(c, p + 1, 3) });
          p += 4;
          same = (flag & 1) === 1;
        }
        break;
      }
      case 'END':
        if (!(c[14] === 0x40 && c[15] === 0x40) && u(c, 14, 2) !== 0 && !blank3(c, 5))
          deck.end = { esdid: u(c, 14, 2), address: u(c, 5, 3) };
        return deck;
      case 'SYM':
        break;
      default:
        errors.push(`deck ${index + 1}: unknown record type ${JSON.stringify(type)}`);
    }
  }
  errors.push(`deck ${index + 1}: no END record`);
  return deck;
}

/**
 * Load object decks into storage at `loadAddress`. Storage outside the
 * array is not written (an error is reported instead).
 */
export function loadObjectDecks(storage: Uint8Array, decks: readonly Uint8Array[], loadAddress: number): LoadResult {
  const errors: string[] = [];
  const parsed = decks.map((d, i) => readDeck(d, errors, i));
  const sections: LoadedSection[] = [];
  const symbols = new Map<string, number>();
  // Per deck: ESDID -> relocation (loaded address minus assembled address) for SD/PC/CM.
  const relocation = parsed.map(() => new Map<number, number>());
  let next = loadAddress;
  const commons = new Map<string, { length: number; items: { deck: number; id: number; address: number }[] }>();
  parsed.forEach((deck, di) => {
    for (const [id, item] of deck.esd) {
      if (item.type === 0x00 || item.type === 0x04) {
        next = Math.ceil(next / 8) * 8;
        relocation[di].set(id, next - item.address);
        sections.push({ name: item.name, address: next, length: item.length, deck: di });
        if (item.name) {
          if (symbols.has(item.name)) errors.push(`duplicate section name ${item.name} in deck ${di + 1}`);
          else symbols.set(item.name, next);
        }
        next += item.length;
      } else if (item.type === 0x05) {
        const c = commons.get(item.name) ?? { length: 0, items: [] };
        c.length = Math.max(c.length, item.length);
        c.items.push({ deck: di, id, address: item.address });
        commons.set(item.name, c);
      }
    }
  });
  for (const [name, c] of commons) {
    next = Math.ceil(next / 8) * 8;
    for (const it of c.items) relocation[it.deck].set(it.id, next - it.address);
    sections.push({ name, address: next, length: c.length, deck: c.items[0].deck });
    if (name) symbols.set(name, next);
    next += c.length;
  }
  parsed.forEach((deck, di) => {
    for (const ld of deck.lds) {
      const rel = relocation[di].get(ld.owner);
      if (rel === undefined) {
        errors.push(`deck ${di + 1}: ENTRY ${ld.name} in an unknown section`);
        continue;
      }
      if (symbols.has(ld.name)) errors.push(`duplicate entry name ${ld.name} in deck ${di + 1}`);
      else symbols.set(ld.name, ld.address + rel);
    }
  });
  const inStorage = (addr: number, n: number) => addr >= 0 && addr + n <= storage.length;
  parsed.forEach((deck, di) => {
    for (const t of deck.txt) {
      const rel = relocation[di].get(t.esdid);
      if (rel === undefined) {
        errors.push(`deck ${di + 1}: TXT for ESDID ${t.esdid}, not a section`);
        continue;
      }
      const addr = t.address + rel;
      if (!inStorage(addr, t.data.length)) {
        errors.push(`deck ${di + 1}: text at ${addr.toString(16)} is outside storage`);
        continue;
      }
      storage.set(t.data, addr);
    }
  });
  const unresolved: string[] = [];
  parsed.forEach((deck, di) => {
    for (const r of deck.rld) {
      const prel = relocation[di].get(r.p);
      if (prel === undefined) {
        errors.push(`deck ${di + 1}: RLD for ESDID ${r.p}, not a section`);
        continue;
      }
      const target = deck.esd.get(r.r);
      let amount: number;
      if (!target) {
        errors.push(`deck ${di + 1}: RLD target ESDID ${r.r} not defined`);
        continue;
      }
      if (target.type === 0x02 || target.type === 0x0a) {
        const addr = symbols.get(target.name);
        if (addr === undefined) {
          if (target.type === 0x02 && !unresolved.includes(target.name)) unresolved.push(target.name);
          amount = 0;
        } else amount = addr;
      } else amount = relocation[di].get(r.r) ?? 0;
      const length = ((r.flag >> 2) & 3) + 1;
      const at = r.address + prel;
      if (!inStorage(at, length)) {
        errors.push(`deck ${di + 1}: RLD field at ${at.toString(16)} is outside storage`);
        continue;
      }
      let v = 0;
      for (let i = 0; i < length; i++) v = v * 256 + storage[at + i];
      v = r.flag & 0x02 ? v - amount : v + amount;
      const mod = 2 ** (8 * length);
      v = ((v % mod) + mod) % mod;
      for (let i = length - 1; i >= 0; i--) {
        storage[at + i] = v & 0xff;
        v = Math.floor(v / 256);
      }
    }
  });
  let entryPoint = sections[0]?.address ?? loadAddress;
  for (let di = 0; di < parsed.length; di++) {
    const e = parsed[di].end;
    if (!e) continue;
    const rel = relocation[di].get(e.esdid);
    if (rel !== undefined) {
      entryPoint = e.address + rel;
      break;
    }
  }
  return { entryPoint, sections, unresolved, errors, symbols };
}

/**
 * Object decks loaded at `origin` as a core image: the bytes from the
 * origin to the end of the last section, ready for a raw-image runner
 * (`vmcms cpu run IMAGE --origin ...`).
 */
export function coreImage(
  decks: readonly Uint8Array[],
  origin: number,
): { image: Uint8Array; entryPoint: number; unresolved: readonly string[]; errors: readonly string[] } {
  // Section lengths come from the ESD: a first look at them sizes the image.
  const probe = loadObjectDecks(new Uint8Array(0), decks, origin);
  const end = probe.sections.reduce((e, s) => Math.max(e, s.address + s.length), origin);
  const storage = new Uint8Array(end);
  const r = loadObjectDecks(storage, decks, origin);
  return { image: storage.slice(origin, end), entryPoint: r.entryPoint, unresolved: r.unresolved, errors: r.errors };
}
