// The on-disk layout of a CMS minidisk in vmcms: EDF concepts (VM/SP's
// Enhanced Disk Format, ../shared/reference/cms.md (b)) on FBA blocks, with
// a crash-safe commit. docs/cms-disk-format.md describes it for people;
// this file draws each structure once, next to the code that reads it.
//
// A disk is a sequence of CMS blocks of BLKSIZE bytes (512, 1K, 2K or 4K;
// 4K by default), each a run of 512-byte FBA blocks. The first CMS blocks,
// covering FBA blocks 0-2, are reserved: FBA 0 the IPL record, FBA 1 and 2
// two label slots. The directory and the allocation map are files, found
// through the label; every other file is found through the directory.

import { fromEbcdic, toEbcdicPadded } from '../../s390/ebcdic.js';

export const LABEL_SLOTS = [1, 2] as const;
export const BLOCK_SIZES = [512, 1024, 2048, 4096] as const;
export type BlockSize = (typeof BLOCK_SIZES)[number];

/** FST entry length: the 40-byte R6 layout plus the EDF fullword fields. */
export const FST_LENGTH = 64;

export const DIRECTORY_FILENAME = '\u0000\u0000\u0000\u0001\u0000\u0000\u0000\u0000';
export const DIRECTORY_FILETYPE = 'DIRECTOR';
export const ALLOCMAP_FILETYPE = 'ALLOCMAP';

//  Label (one 512-byte FBA block; two slots, the valid one with the higher
//  generation wins, so rewriting one slot is the commit point):
//  +0  CL4  'CMS1'             +4  CL6  volume label      +10 XL2 reserved
//  +12 F    BLKSIZE            +16 F    disk origin (0)   +20 F   total CMS blocks
//  +24 F    CMS blocks in use  +28 F    directory FOP     +32 X   directory levels
//  +33 XL3  reserved           +36 F    directory FSTs    +40 F   generation
//  +44 XL6  packed YYMMDDhhmmss of the commit             +50 XL10 reserved
//  +60 F    CRC-32 of bytes 0-59
export interface Label {
  volser: string;
  blockSize: BlockSize;
  totalBlocks: number;
  usedBlocks: number;
  directoryOrigin: number;
  directoryLevels: number;
  directoryItems: number;
  generation: number;
  committed: Date;
}

const LABEL_ID = 'CMS1';

export function encodeLabel(label: Label): Uint8Array {
  const b = new Uint8Array(512);
  const v = new DataView(b.buffer);
  b.set(toEbcdicPadded(LABEL_ID, 4), 0);
  b.set(toEbcdicPadded(label.volser, 6), 4);
  v.setUint32(12, label.blockSize);
  v.setUint32(20, label.totalBlocks);
  v.setUint32(24, label.usedBlocks);
  v.setUint32(28, label.directoryOrigin);
  b[32] = label.directoryLevels;
  v.setUint32(36, label.directoryItems);
  v.setUint32(40, label.generation);
  b.set(packDateTime(label.committed), 44);
  v.setUint32(60, crc32(b.subarray(0, 60)));
  return b;
}

/** Decode a label slot; undefined when it is not a valid CMS label. */
export function decodeLabel(b: Uint8Array): Label | undefined {
  const v = new DataView(b.buffer, b.byteOffset, 512);
  if (fromEbcdic(b, 0, 4) !== LABEL_ID) return undefined;
  if (v.getUint32(60) !== crc32(b.subarray(0, 60))) return undefined;
  const blockSize = v.getUint32(12) as BlockSize;
  if (!BLOCK_SIZES.includes(blockSize)) return undefined;
  return {
    volser: fromEbcdic(b, 4, 10).trimEnd(),
    blockSize,
    totalBlocks: v.getUint32(20),
    usedBlocks: v.getUint32(24),
    directoryOrigin: v.getUint32(28),
    directoryLevels: b[32],
    directoryItems: v.getUint32(36),
    generation: v.getUint32(40),
    committed: unpackDateTime(b.subarray(44, 50)),
  };
}

//  File status table entry (FST), 64 bytes:
//  +0  CL8 filename        +8  CL8 filetype        +16 XL2 date MMDD (BCD)   +18 XL2 time HHMM (BCD)
//  +20 H   write pointer   +22 H   read pointer    +24 CL2 filemode (letter, number)
//  +26 H   records (16-bit, capped)                +28 H   (R6 chain link; 0)
//  +30 C   record format F/V                       +31 X   flags
//  +32 F   LRECL (V: longest record)               +36 H   data blocks (16-bit, capped)
//  +38 CL2 year (EBCDIC digits)                    +40 F   file origin pointer (FOP)
//  +44 F   data blocks     +48 F   records         +52 X   pointer levels   +53 X pointer size (4)
//  +54 XL6 packed YYMMDDhhmmss                     +60 F   data bytes (vmcms: exact end of V files)
export interface FileStatus {
  filename: string;
  filetype: string;
  /** Mode number 0-6 (the letter is the access mode's, not stored meaningfully). */
  modeNumber: number;
  recfm: 'F' | 'V';
  lrecl: number;
  records: number;
  dataBlocks: number;
  origin: number;
  levels: number;
  dataBytes: number;
  written: Date;
}

export function encodeFst(f: FileStatus, into: Uint8Array, at: number): void {
  const v = new DataView(into.buffer, into.byteOffset);
  into.fill(0, at, at + FST_LENGTH);
  into.set(nameBytes(f.filename), at);
  into.set(nameBytes(f.filetype), at + 8);
  const d = f.written;
  into[at + 16] = bcd(d.getUTCMonth() + 1);
  into[at + 17] = bcd(d.getUTCDate());
  into[at + 18] = bcd(d.getUTCHours());
  into[at + 19] = bcd(d.getUTCMinutes());
  into.set(toEbcdicPadded(`A${f.modeNumber}`, 2), at + 24);
  v.setUint16(at + 26, Math.min(f.records, 0xffff));
  into.set(toEbcdicPadded(f.recfm, 1), at + 30);
  v.setUint32(at + 32, f.lrecl);
  v.setUint16(at + 36, Math.min(f.dataBlocks, 0xffff));
  into.set(toEbcdicPadded(String(d.getUTCFullYear() % 100).padStart(2, '0'), 2), at + 38);
  v.setUint32(at + 40, f.origin);
  v.setUint32(at + 44, f.dataBlocks);
  v.setUint32(at + 48, f.records);
  into[at + 52] = f.levels;
  into[at + 53] = 4;
  into.set(packDateTime(d), at + 54);
  v.setUint32(at + 60, f.dataBytes);
}

export function decodeFst(b: Uint8Array, at: number): FileStatus {
  const v = new DataView(b.buffer, b.byteOffset);
  const mode = fromEbcdic(b, at + 24, at + 26);
  return {
    filename: nameText(b, at),
    filetype: nameText(b, at + 8),
    modeNumber: Number(mode[1]) || 0,
    recfm: fromEbcdic(b, at + 30, at + 31) === 'V' ? 'V' : 'F',
    lrecl: v.getUint32(at + 32),
    records: v.getUint32(at + 48),
    dataBlocks: v.getUint32(at + 44),
    origin: v.getUint32(at + 40),
    levels: b[at + 52],
    dataBytes: v.getUint32(at + 60),
    written: unpackDateTime(b.subarray(at + 54, at + 60)),
  };
}

/** Names are EBCDIC, blank padded; the directory's own name is binary (X'0000000100000000'). */
function nameBytes(name: string): Uint8Array {
  if (name === DIRECTORY_FILENAME) return Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 0]);
  return toEbcdicPadded(name, 8);
}

function nameText(b: Uint8Array, at: number): string {
  if (b[at] === 0 && b[at + 3] === 1) return DIRECTORY_FILENAME;
  return fromEbcdic(b, at, at + 8).trimEnd();
}

const bcd = (n: number): number => ((Math.floor(n / 10) % 10) << 4) | (n % 10);
const unbcd = (b: number): number => (b >> 4) * 10 + (b & 15);

/** Six bytes of packed YYMMDDhhmmss (years 1970-2069). */
export function packDateTime(d: Date): Uint8Array {
  return Uint8Array.from([
    bcd(d.getUTCFullYear() % 100),
    bcd(d.getUTCMonth() + 1),
    bcd(d.getUTCDate()),
    bcd(d.getUTCHours()),
    bcd(d.getUTCMinutes()),
    bcd(d.getUTCSeconds()),
  ]);
}

export function unpackDateTime(b: Uint8Array): Date {
  const yy = unbcd(b[0]);
  const year = yy < 70 ? 2000 + yy : 1900 + yy;
  return new Date(
    Date.UTC(year, Math.max(0, unbcd(b[1]) - 1), unbcd(b[2]) || 1, unbcd(b[3]), unbcd(b[4]), unbcd(b[5])),
  );
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE, reflected X'EDB88320'), guarding the label against a torn write. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
