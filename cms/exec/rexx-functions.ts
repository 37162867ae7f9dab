// The CMS side of REXX's CMS external functions (VM/SP System Product
// Interpreter Reference, SC24-5239, "External Functions"): DIAG/DIAGRC for
// the common DIAGNOSE codes, STORAGE over the virtual machine's storage, and
// CMSFLAG from the session's settings. Results are character strings of
// the bytes, as the functions return them on CMS.

import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import type { CmsSession } from '../nucleus/session.js';
import { CP_COMMAND, CP_RESPONSE, CP_RESPONSE_LENGTH, DIAG_AREA } from '../nucleus/layout.js';

/** Bytes of guest storage as a REXX string. */
function bytesAt(cms: CmsSession, at: number, length: number): string {
  return fromEbcdic(cms.guest.storage.bytes, at, at + length);
}

/** A fullword as the 4-character string DIAG returns for a register. */
function word(n: number): string {
  return fromEbcdic(Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff));
}

/**
 * DIAG(code, ...): X'00' the extended identification (40 bytes), X'08' a CP
 * command's response (lines ending in X'15'; DIAGRC gives CP's rc), X'0C'
 * date, time and CPU times (32 bytes), X'24' the device type of a virtual
 * device given in hex (Ry and Ry+1, 8 bytes; rc is the cc), X'5C' a message
 * as CP SET EMSG edits it, X'60' the storage size (4 bytes). Others: null.
 */
export function cmsDiagnose(cms: CmsSession, code: number, args: string[]): { rc: number; data: string } | null {
  const st = cms.guest.storage;
  switch (code) {
    case 0x00: {
      st.bytes.fill(0, DIAG_AREA, DIAG_AREA + 40);
      const r = cms.diag(0x00, DIAG_AREA, 40);
      return { rc: r.cc ?? 0, data: bytesAt(cms, DIAG_AREA, Math.min(40, r.ry || 40)) };
    }
    case 0x08: {
      const text = toEbcdic((args[0] ?? '').slice(0, 240));
      st.bytes.set(text, CP_COMMAND);
      const r = cms.diag(0x08, CP_COMMAND, (0x40 << 24) | text.length, CP_RESPONSE, CP_RESPONSE_LENGTH);
      let length = r.cc === 0 ? Math.min(r.ry1, CP_RESPONSE_LENGTH) : 0;
      // Each response line ends in X'15' (the last one too).
      if (length > 0 && st.bytes[CP_RESPONSE + length - 1] !== 0x15 && length < CP_RESPONSE_LENGTH) {
        st.bytes[CP_RESPONSE + length++] = 0x15;
      }
      return { rc: r.ry | 0, data: bytesAt(cms, CP_RESPONSE, length) };
    }
    case 0x0c: {
      cms.diag(0x0c, DIAG_AREA, 0);
      return { rc: 0, data: bytesAt(cms, DIAG_AREA, 32) };
    }
    case 0x24: {
      const vdev = parseInt(args[0] ?? '', 16);
      if (Number.isNaN(vdev)) return null;
      const r = cms.diag(0x24, vdev, 0);
      return { rc: r.cc ?? 3, data: r.cc === 0 ? word(r.ry) + word(r.ry1) : '' };
    }
    case 0x5c: {
      const bytes = toEbcdic((args[0] ?? '').slice(0, CP_RESPONSE_LENGTH));
      st.bytes.set(bytes, CP_RESPONSE);
      const r = cms.diag(0x5c, CP_RESPONSE, bytes.length);
      if (r.cc === undefined) return { rc: 0, data: args[0] ?? '' };
      return { rc: 0, data: bytesAt(cms, r.rx, r.ry) };
    }
    case 0x60:
      return { rc: 0, data: word(cms.storageSize()) };
    default:
      return null;
  }
}

/**
 * STORAGE(): the virtual storage size (`1024K`); STORAGE(address, length
 * [, data]): the bytes there, replaced by `data` when given. Past the end
 * of storage nothing is read or written (the null string).
 */
export function cmsStorage(cms: CmsSession, address?: number, length?: number, data?: string): string {
  const size = cms.storageSize();
  if (address === undefined) return `${Math.floor(size / 1024)}K`;
  const st = cms.guest.storage;
  const end = Math.min(address + (length ?? 1), size, st.bytes.length);
  if (address >= end) return '';
  const old = bytesAt(cms, address, end - address);
  if (data !== undefined) st.bytes.set(toEbcdic(data).subarray(0, end - address), address);
  return old;
}

/** CMSFLAG(flag) from the session: '1' or '0', null for a flag CMS does not know. */
export function cmsFlag(cms: CmsSession, flag: string): string | null {
  const s = cms.settings;
  const bit = (b: boolean): string => (b ? '1' : '0');
  switch (flag) {
    case 'ABBREV':
      return bit(s.abbrev);
    case 'IMPCP':
      return bit(s.impcp);
    case 'IMPEX':
      return bit(s.impex);
    case 'PROTECT':
      return bit(s.protect);
    case 'CMSTYPE':
      return bit(s.cmstype === 'RT');
    case 'AUTOREAD':
    case 'RELPAGE':
      return '1';
    case 'DOS':
    case 'EXECTRAC':
    case 'SUBSET':
      return '0';
    default:
      return null;
  }
}
