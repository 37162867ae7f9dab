// The 3270 data stream as CMS's full-screen tools write and read it through
// DIAGNOSE X'58' (docs/diagnose.md). CMS is a guest and imports nothing from
// terminal/ (DESIGN.md): this is the guest's own small encoder, as XEDIT
// built its screens itself. Facts from the IBM 3270 Data Stream
// Programmer's Reference, GA23-0059:
//
//   outbound:  WCC  { SBA a1 a2 | SF attr | IC | text } ...
//   inbound:   AID  cursor(2)  { SBA a1 a2  data ... } ...     (Read Modified)
//              AID alone for PA1-PA3 and Clear ("short read")
//
// Addresses use the 12-bit form (every model 2-5 has at most 3,564
// positions): each 6-bit half goes through the translation table below.
// Attribute bytes go through the same table.

import { charToEbcdic, fromEbcdic } from '../../s390/ebcdic.js';

/** The 6-bit translation table (GA23-0059, "Buffer Addressing"). */
const SIX_BIT = [
  0x40, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0xd1, 0xd2,
  0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60, 0x61, 0xe2, 0xe3, 0xe4, 0xe5,
  0xe6, 0xe7, 0xe8, 0xe9, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
  0xf9, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
];

/** Orders (GA23-0059, "Orders"). */
const SBA = 0x11;
const SF = 0x1d;
const IC = 0x13;

/** The 3270 commands, as the CCW's byte 5 names them for DIAGNOSE X'58' (SNA codes). */
export const DisplayCommand = {
  write: 0xf1,
  eraseWrite: 0xf5,
  eraseWriteAlternate: 0x7e,
  eraseAllUnprotected: 0x6f,
} as const;

/** WCC bits before translation (GA23-0059, "Write Control Character"). */
const WCC_ALARM = 0x04;
const WCC_RESTORE = 0x02;
const WCC_RESET_MDT = 0x01;

/** Field attribute bits before translation. */
const PROTECTED = 0x20;
const INTENSIFIED = 0x08;
const NON_DISPLAY = 0x0c;
const MODIFIED = 0x01;

/** AIDs (GA23-0059, "Attention Identification"). */
export const AidKey = { enter: 0x7d, clear: 0x6d, pa1: 0x6c, pa2: 0x6e, pa3: 0x6b } as const;

/** The name of an AID: ENTER, PF1-PF24, PA1-PA3, CLEAR. */
export function aidName(aid: number): string {
  switch (aid) {
    case AidKey.enter:
      return 'ENTER';
    case AidKey.clear:
      return 'CLEAR';
    case AidKey.pa1:
      return 'PA1';
    case AidKey.pa2:
      return 'PA2';
    case AidKey.pa3:
      return 'PA3';
  }
  const i = SIX_BIT.indexOf(aid);
  if (i >= 49 && i <= 60) return `PF${i - 48}`;
  if (i >= 1 && i <= 12) return `PF${i + 12}`;
  return 'UNKNOWN';
}

/** One field of a panel: the attribute sits in the position just before (row, col). */
export interface PanelField {
  readonly row: number;
  readonly col: number;
  readonly length: number;
  readonly text: string;
  /** Unprotected: the user may type here. */
  readonly input?: boolean;
  readonly bright?: boolean;
  readonly hidden?: boolean;
  /** Set the MDT, so the field comes back with the next Read Modified even if untouched. */
  readonly modified?: boolean;
  /** What the owner calls the field (to map input back). */
  readonly id?: string;
}

/** A whole screen as a full-screen tool draws it. */
export interface Panel {
  readonly rows: number;
  readonly cols: number;
  readonly fields: readonly PanelField[];
  readonly cursor: { readonly row: number; readonly col: number };
  readonly alarm?: boolean;
}

/** Encode a panel as the data of an Erase/Write: WCC then orders. */
export function encodePanel(panel: Panel): Uint8Array {
  const out: number[] = [];
  const size = panel.rows * panel.cols;
  const address = (row: number, col: number): number => (((row * panel.cols + col) % size) + size) % size;
  const sba = (a: number): void => {
    out.push(SBA, SIX_BIT[(a >> 6) & 0x3f], SIX_BIT[a & 0x3f]);
  };
  out.push(SIX_BIT[WCC_RESTORE | WCC_RESET_MDT | (panel.alarm ? WCC_ALARM : 0)]);
  const starts = new Set(panel.fields.map((f) => address(f.row, f.col) - 1));
  for (const f of panel.fields) {
    const at = address(f.row, f.col);
    let attr = f.input ? 0 : PROTECTED;
    if (f.hidden) attr |= NON_DISPLAY;
    else if (f.bright) attr |= INTENSIFIED;
    if (f.modified) attr |= MODIFIED;
    sba((at - 1 + size) % size);
    out.push(SF, SIX_BIT[attr]);
    const text = f.input ? f.text.replace(/ +$/, '') : f.text;
    for (const ch of text.slice(0, f.length)) {
      const b = charToEbcdic(ch);
      out.push(b < 0x40 ? 0x40 : b);
    }
    // An input field must end where it says: a protected attribute after it, unless another field starts there.
    const end = (at + f.length) % size;
    if (f.input && !starts.has(end)) {
      sba(end);
      out.push(SF, SIX_BIT[PROTECTED]);
      starts.add(end);
    }
  }
  sba(address(panel.cursor.row, panel.cursor.col));
  out.push(IC);
  return Uint8Array.from(out);
}

/** What came back from the terminal: the AID, the cursor and the modified fields' text by start address. */
export interface DisplayInput {
  readonly aid: number;
  readonly aidName: string;
  readonly cursor: number;
  readonly fields: ReadonlyMap<number, string>;
}

function decodeAddress(b1: number, b2: number): number {
  if ((b1 & 0xc0) === 0) return ((b1 & 0x3f) << 8) | b2;
  return ((b1 & 0x3f) << 6) | (b2 & 0x3f);
}

/**
 * Take a Read Modified reply apart. Anything unexpected (no SBA before data,
 * a truncated address) is tolerated: the data before the first SBA is
 * dropped, as it cannot belong to a field the program knows.
 */
export function decodeInput(bytes: Uint8Array): DisplayInput {
  const aid = bytes[0] ?? AidKey.enter;
  const fields = new Map<number, string>();
  if (bytes.length < 3) return { aid, aidName: aidName(aid), cursor: 0, fields };
  const cursor = decodeAddress(bytes[1], bytes[2]);
  let i = 3;
  while (i < bytes.length) {
    if (bytes[i] !== SBA || i + 2 >= bytes.length) {
      i++;
      continue;
    }
    const start = decodeAddress(bytes[i + 1], bytes[i + 2]);
    let j = i + 3;
    while (j < bytes.length && bytes[j] !== SBA) j++;
    fields.set(start, fromEbcdic(bytes, i + 3, j).replace(/\0/g, ''));
    i = j;
  }
  return { aid, aidName: aidName(aid), cursor, fields };
}
