// COPYFILE PACK/UNPACK. IBM's packed format is not documented in our
// sources (cms.md: "compressed records, F 1024 [unverified]"); vmcms packs
// into F 1024 records of its own layout, which only UNPACK reads back:
//
//   +0 CL4 'PACK' (EBCDIC)   +4 C recfm   +5 XL3 0   +8 F LRECL   +12 F records
//   then, for each record, H length and the bytes, run-length coded:
//   a byte X'FF' n b stands for n+1 copies of b; X'FF' itself is X'FF' 0 X'FF'.
//   The stream is cut into 1024-byte records, the last one padded with X'00'.

import { toEbcdic } from '../../s390/ebcdic.js';

const MAGIC = toEbcdic('PACK');
const ESCAPE = 0xff;
const RECORD = 1024;

export function isPacked(records: Uint8Array[]): boolean {
  const r = records[0];
  return r !== undefined && r.length >= 16 && MAGIC.every((b, i) => r[i] === b);
}

export function packRecords(recfm: 'F' | 'V', lrecl: number, records: Uint8Array[]): Uint8Array[] {
  const out: number[] = [...MAGIC, recfm === 'F' ? 0xc6 : 0xe5, 0, 0, 0];
  const word = (n: number): void => void out.push((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
  word(lrecl);
  word(records.length);
  for (const r of records) {
    out.push((r.length >>> 8) & 255, r.length & 255);
    for (let i = 0; i < r.length;) {
      let run = 1;
      while (i + run < r.length && r[i + run] === r[i] && run < 256) run++;
      if (run >= 4 || r[i] === ESCAPE) {
        out.push(ESCAPE, run - 1, r[i]);
        i += run;
      } else {
        out.push(r[i]);
        i++;
      }
    }
  }
  const result: Uint8Array[] = [];
  for (let at = 0; at < out.length; at += RECORD) {
    const rec = new Uint8Array(RECORD);
    rec.set(out.slice(at, at + RECORD));
    result.push(rec);
  }
  return result;
}

export function unpackRecords(records: Uint8Array[]): { recfm: 'F' | 'V'; lrecl: number; records: Uint8Array[] } {
  const total = records.reduce((n, r) => n + r.length, 0);
  const s = new Uint8Array(total);
  let at = 0;
  for (const r of records) {
    s.set(r, at);
    at += r.length;
  }
  const v = new DataView(s.buffer);
  const recfm = s[4] === 0xe5 ? 'V' : 'F';
  const lrecl = v.getUint32(8);
  const count = v.getUint32(12);
  const out: Uint8Array[] = [];
  let p = 16;
  for (let n = 0; n < count; n++) {
    const len = (s[p] << 8) | s[p + 1];
    p += 2;
    const rec = new Uint8Array(len);
    let i = 0;
    while (i < len) {
      if (s[p] === ESCAPE) {
        rec.fill(s[p + 2], i, i + s[p + 1] + 1);
        i += s[p + 1] + 1;
        p += 3;
      } else rec[i++] = s[p++];
    }
    out.push(rec);
  }
  return { recfm, lrecl, records: out };
}
