// Decks entering the system through the system reader (the socket reader,
// `vmcms submit`): a host file of card images, either text (one card per
// line, cut or padded to 80 columns) or 80-byte EBCDIC records. The first
// card is the ID card naming whose reader the deck goes to, as on a real
// VM/370 system reader:
//
//   ID userid [CLASS c] [NAME fn ft]        (USERID is accepted for ID)
//
// The ID card is not part of the file. A deck without one, or naming a user
// who is not in the directory, is rejected whole and nothing is spooled.

import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import { ebcdicDeck, textDeck } from '../../s390/devices/card-reader-2540.js';

export interface IdCard {
  readonly userid: string;
  readonly spoolClass: string;
  readonly name: string;
  readonly type: string;
}

export type ParsedDeck =
  | { readonly ok: true; readonly id: IdCard; readonly cards: Uint8Array[] }
  | { readonly ok: false; readonly why: 'no-id-card' | 'bad-id-card' };

const ID_WORDS = new Set(['ID', 'USERID']);

/** Does this look like an 80-byte EBCDIC deck (not text)? Its first card must then be an EBCDIC ID card. */
function isEbcdicDeck(bytes: Uint8Array): boolean {
  if (bytes.length < 80 || bytes.length % 80 !== 0) return false;
  const first = fromEbcdic(bytes.subarray(0, 80)).trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  return ID_WORDS.has(first);
}

/** The cards of a host file. */
export function deckCards(bytes: Uint8Array): Uint8Array[] {
  if (isEbcdicDeck(bytes)) return ebcdicDeck(bytes);
  return textDeck(Buffer.from(bytes).toString('latin1'));
}

/** Parse an ID card's text; undefined if it is not one. */
export function parseIdCard(text: string): IdCard | 'bad' | undefined {
  const words = text.trim().toUpperCase().split(/\s+/);
  if (!ID_WORDS.has(words[0] ?? '')) return undefined;
  const userid = words[1] ?? '';
  if (!/^[A-Z0-9$#@]{1,8}$/.test(userid)) return 'bad';
  let spoolClass = 'A';
  let name = '';
  let type = '';
  for (let i = 2; i < words.length; i++) {
    if (words[i] === 'CLASS' && /^[A-Z0-9]$/.test(words[i + 1] ?? '')) spoolClass = words[++i];
    else if (words[i] === 'NAME') {
      name = (words[++i] ?? '').slice(0, 8);
      type = (words[++i] ?? '').slice(0, 8);
    } else return 'bad';
  }
  return { userid, spoolClass, name, type };
}

export function parseDeck(bytes: Uint8Array): ParsedDeck {
  const cards = deckCards(bytes);
  if (cards.length === 0) return { ok: false, why: 'no-id-card' };
  const id = parseIdCard(fromEbcdic(cards[0]));
  if (id === undefined) return { ok: false, why: 'no-id-card' };
  if (id === 'bad') return { ok: false, why: 'bad-id-card' };
  return { ok: true, id, cards: cards.slice(1) };
}

/** An ID card (text) for `userid`, for a deck that has none (`vmcms submit --to`). */
export function idCardText(userid: string, name?: string, type?: string): string {
  return `ID ${userid.toUpperCase()}${name ? ` NAME ${name.toUpperCase()} ${(type ?? '').toUpperCase()}` : ''}`;
}

/** Put `idCard` in front of a host deck (replacing one it already has), keeping the deck's encoding. */
export function withIdCard(bytes: Uint8Array, idCard: string): Uint8Array {
  if (isEbcdicDeck(bytes) || (bytes.length % 80 === 0 && bytes.length > 0 && !looksLikeText(bytes))) {
    const card = new Uint8Array(80).fill(0x40);
    card.set(toEbcdic(idCard).subarray(0, 80));
    const rest = isEbcdicDeck(bytes) ? bytes.subarray(80) : bytes;
    const out = new Uint8Array(80 + rest.length);
    out.set(card);
    out.set(rest, 80);
    return out;
  }
  const text = Buffer.from(bytes).toString('latin1');
  const lines = text.split('\n');
  if (parseIdCard(lines[0] ?? '') !== undefined) lines.shift();
  return new Uint8Array(Buffer.from([idCard, ...lines].join('\n'), 'latin1'));
}

/** Text files hold printable ASCII, tabs and line ends only. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 9 && b !== 10 && b !== 13 && (b < 32 || b > 126)) return false;
  return true;
}
