// The OS simulation vmcms offers (cms.md (e), "OS simulation"): QSAM in
// move mode over CMS files and unit-record devices. OPEN (SVC 19) finds
// each DCB's DDNAME in the FILEDEFs (no FILEDEF: DISK `FILE ddname A1`, as
// CMS assumes), and puts the GET or PUT routine in the DCB; GET and PUT
// are native routines reached by BALR 14,15; CLOSE (SVC 20) commits a disk
// file or prints/punches what was put. DCB layout (vmcms's, fields at a
// few OS offsets): +36 RECFM (X'80' F, X'40' V) +40 DDNAME +48 OFLGS
// (X'10' open) +49 MACRF (X'40' GM, X'20' PM) +52 EODAD +56 GET/PUT
// routine +62 BLKSIZE +82 LRECL. Not simulated: BSAM, BPAM, locate mode,
// blocking, tape, and the rest of OS's data management.

import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import type { RecordReader, RecordWriter } from '../fs/disk.js';
import type { CmsSession } from '../nucleus/session.js';
import { Slot, UR_CCWS, IO_BUFFER } from '../nucleus/layout.js';
import { parseMode } from '../nucleus/fileid.js';
import type { CmsGen } from '../nucleus/task.js';

export interface DcbState {
  readonly ddname: string;
  readonly device: 'DISK' | 'TERMINAL' | 'PRINTER' | 'PUNCH' | 'DUMMY' | 'READER';
  readonly output: boolean;
  reader?: RecordReader;
  writer?: RecordWriter;
  /** Lines for the printer or punch, written at CLOSE. */
  lines: Uint8Array[];
}

const OPEN_FLAG = 0x10;

/** SVC 19: open each DCB in the list at R1. rc 0, or 8 when a DCB could not be opened. */
export function osOpen(cms: CmsSession, regs: Uint32Array): number {
  const st = cms.guest.storage;
  let at = regs[1] & 0x00ffffff;
  let rc = 0;
  for (let n = 0; n < 64; n++, at += 4) {
    const option = st.readU8(at);
    const dcb = st.readU32(at) & 0x00ffffff;
    const output = (option & 0x0f) === 0x0f;
    if (!openOne(cms, dcb, output)) rc = 8;
    if (option & 0x80) break;
  }
  return rc;
}

function openOne(cms: CmsSession, dcb: number, output: boolean): boolean {
  const st = cms.guest.storage;
  const ddname = fromEbcdic(st.bytes, dcb + 40, dcb + 48).trim();
  const def = cms.filedefs.get(ddname) ?? { device: 'DISK', fn: 'FILE', ft: ddname, fm: 'A1', perm: false };
  const device = def.device as DcbState['device'];
  const state: DcbState = { ddname, device, output, lines: [] };
  const recfm = st.readU8(dcb + 36) & 0x40 ? 'V' : 'F';
  const lrecl = st.readU16(dcb + 82) || 80;
  if (device === 'DISK') {
    const mode = parseMode(def.fm || 'A1');
    if (mode === undefined) return false;
    if (output) {
      const acc = mode === '*' ? cms.firstWritable() : cms.disks.get(mode.letter);
      if (!acc || acc.readOnly) return false;
      state.writer = acc.disk.openForWrite(def.fn, def.ft, {
        recfm,
        lrecl: recfm === 'F' ? lrecl : Math.max(lrecl - 4, 1),
        modeNumber: mode !== '*' ? (mode.number ?? 1) : 1,
        now: cms.now(),
      });
    } else {
      const f = cms.findFile(def.fn, def.ft, mode);
      if (!f) return false;
      state.reader = f.acc.disk.openForRead(f.fst.filename, f.fst.filetype);
    }
  }
  cms.loader.dcbs.set(dcb, state);
  st.writeU8(dcb + 48, st.readU8(dcb + 48) | OPEN_FLAG);
  st.writeU32(dcb + 56, output ? Slot.OsPut : Slot.OsGet);
  return true;
}

/** GET or PUT: R1 → DCB, R0 → the area. Returns where the program goes on: R14, or EODAD at the end. */
export function osAccess(cms: CmsSession, kind: 'get' | 'put'): number {
  const g = cms.guest;
  const st = g.storage;
  const dcb = g.gpr[1] & 0x00ffffff;
  const area = g.gpr[0] & 0x00ffffff;
  const back = g.gpr[14] & 0x00ffffff;
  const state = cms.loader.dcbs.get(dcb);
  const recfm = st.readU8(dcb + 36) & 0x40 ? 'V' : 'F';
  const lrecl = st.readU16(dcb + 82) || 80;
  if (!state) return back;
  if (kind === 'get') {
    let record: Uint8Array | undefined;
    if (state.reader) record = state.reader.next();
    if (!record) return st.readU32(dcb + 52) & 0x00ffffff || back;
    if (recfm === 'V') {
      st.writeU16(area, record.length + 4);
      st.writeU16(area + 2, 0);
      st.bytes.set(record, area + 4);
    } else {
      st.bytes.fill(0x40, area, area + lrecl);
      st.bytes.set(record.subarray(0, lrecl), area);
    }
    return back;
  }
  const record =
    recfm === 'V' ? st.bytes.slice(area + 4, area + Math.max(5, st.readU16(area))) : st.bytes.slice(area, area + lrecl);
  switch (state.device) {
    case 'DISK':
      state.writer?.write(record);
      break;
    case 'TERMINAL':
      cms.say(fromEbcdic(record).trimEnd());
      break;
    case 'PRINTER':
    case 'PUNCH':
      state.lines.push(record);
      break;
    default:
      break;
  }
  return back;
}

/** SVC 20: close each DCB in the list at R1. */
export function* osClose(cms: CmsSession, regs: Uint32Array): CmsGen<number> {
  const st = cms.guest.storage;
  let at = regs[1] & 0x00ffffff;
  for (let n = 0; n < 64; n++, at += 4) {
    const flag = st.readU8(at);
    const dcb = st.readU32(at) & 0x00ffffff;
    const state = cms.loader.dcbs.get(dcb);
    if (state) {
      cms.loader.dcbs.delete(dcb);
      st.writeU8(dcb + 48, st.readU8(dcb + 48) & ~OPEN_FLAG);
      state.writer?.close();
      if (state.lines.length > 0) {
        const device = state.device === 'PRINTER' ? 0x00e : 0x00d;
        yield* writeLines(cms, device, state.lines);
        cms.cp(`CLOSE ${device === 0x00e ? '00E' : '00D'}`);
      }
    }
    if (flag & 0x80) break;
  }
  return 0;
}

function* writeLines(cms: CmsSession, device: number, lines: Uint8Array[]): CmsGen<void> {
  const st = cms.guest.storage;
  for (const line of lines) {
    const data = line.length === 0 ? toEbcdic(' ') : line.subarray(0, 255);
    st.bytes.set(data, IO_BUFFER);
    st.writeU32(UR_CCWS, ((device === 0x00e ? 0x09 : 0x01) << 24) | IO_BUFFER);
    st.writeU32(UR_CCWS + 4, (0x20 << 24) | data.length);
    yield { kind: 'io', device, ccwAddress: UR_CCWS };
  }
}
