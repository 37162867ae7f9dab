// A spool file: what a virtual punch, printer or console produced and CLOSE
// made permanent, sitting in some user's reader, printer or punch queue
// (../shared/reference/cp.md section 5). Records keep the CCW command code
// they were written with, so a printer file keeps its carriage control and a
// punched deck its card images.

/** Which queue a file is in: the owner's reader, or output waiting for a real device. */
export type SpoolQueue = 'RDR' | 'PRT' | 'PUN';
/** The device type that produced the file (shown as `typ` in QUERY RDR). */
export type OriginDevice = 'PRT' | 'PUN' | 'CON' | 'RDR';
/** NONE, USER (SPOOL ... HOLD or CHANGE ... HOLD) or SYS (the operator's). */
export type HoldStatus = 'NONE' | 'USER' | 'SYS';

export interface SpoolRecord {
  /** The CCW command code the record was written with (X'09' print and space 1, X'01' punch...). */
  readonly command: number;
  /** The data, EBCDIC. */
  readonly data: Uint8Array;
}

export interface SpoolFileAttributes {
  readonly spoolid: number;
  /** Whose queue it is in. */
  owner: string;
  /** Who created it. */
  readonly originator: string;
  queue: SpoolQueue;
  readonly origin: OriginDevice;
  spoolClass: string;
  copies: number;
  hold: HoldStatus;
  /** NAME and TYPE (CLOSE NAME fn ft, or set by CMS). */
  name: string;
  type: string;
  dist: string;
  readonly records: number;
  readonly created: Date;
  /** Keep after reading (reader HOLD). */
  keep: boolean;
  /** TAG text (for RSCS and other service machines to read). */
  tag?: string;
}

export interface SpoolFile extends SpoolFileAttributes {
  readonly data: readonly SpoolRecord[];
}

/** Serialise records: per record, the command byte, a 3-byte length, the data. */
export function encodeRecords(records: readonly SpoolRecord[]): Uint8Array {
  let size = 0;
  for (const r of records) size += 4 + r.data.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const r of records) {
    const n = r.data.length;
    out[at] = r.command;
    out[at + 1] = (n >> 16) & 0xff;
    out[at + 2] = (n >> 8) & 0xff;
    out[at + 3] = n & 0xff;
    out.set(r.data, at + 4);
    at += 4 + n;
  }
  return out;
}

/** The inverse of encodeRecords; undefined if the bytes are not a whole record sequence. */
export function decodeRecords(bytes: Uint8Array): SpoolRecord[] | undefined {
  const out: SpoolRecord[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) return undefined;
    const n = (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    if (at + 4 + n > bytes.length) return undefined;
    out.push({ command: bytes[at], data: bytes.slice(at + 4, at + 4 + n) });
    at += 4 + n;
  }
  return out;
}
