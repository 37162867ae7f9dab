// SVC 202 and SVC 203: how programs call CMS (cms.md (e)). R1 → a
// tokenized plist: 8-byte upper-case tokens ending with a fence of
// X'FF's; the high byte of R1 says how the call was made (X'01': with an
// extended plist at R0: command start, argument start, argument end). The
// first token names a nucleus function (TYPLIN, WAITRD, RDBUF, ...) or a
// command, which is found as SVC 202 finds it: no EXEC search and no CP
// (rc −3 when nothing matches). R15 returns the rc; the nucleus driver
// honours an error-return word after the SVC.
//
// Plists of the nucleus functions (the CMSLIB macros of
// samples/cms-system expand to these):
//   TYPLIN  CL8'TYPLIN',X'01',AL3(text),C'B',X'flags',AL2(length)    flags X'80' = EDIT=NO
//   WAITRD  CL8'WAITRD',X'01',AL3(buffer),C'U'|C'T',X'00',AL2(length read)   (R0 = length)
//   RDBUF, WRBUF, FINIS, STATE, ERASE: the FSCB itself (FSCBCOMM is the function):
//     +0 CL8 function +8 CL8 fn +16 CL8 ft +24 CL2 fm +26 H record number (0 = next)
//     +28 A buffer +32 F buffer size +36 C F|V +37 X flags +38 H records +40 F bytes read
//   CARDRD/CARDPH/PRINTR  CL8'name',AL4(buffer),AL2(length)  (CARDRD stores the length read)
//   ATTN    CL8'ATTN',CL4'FIFO'|'LIFO',AL1(length),AL3(line)
//   SVC 203: the halfword after the SVC is the function: 1 DMSFREE (R0 doublewords → R1), 2 DMSFRET.

import { fromEbcdic, toEbcdic } from '../s390/ebcdic.js';
import { CmsFsError } from './fs/disk.js';
import type { CmsSession } from './nucleus/session.js';
import { RC_NOT_FOUND } from './nucleus/session.js';
import type { CmsGen } from './nucleus/task.js';
import type { OpenFile } from './loader/state.js';
import { osClose, osOpen } from './os/qsam.js';

const FENCE = 0xff;

/** Read the tokens of a tokenized plist (at most 64, 8 bytes each). */
export function plistTokens(cms: CmsSession, at: number): string[] {
  const st = cms.guest.storage;
  const out: string[] = [];
  for (let i = 0; i < 64 && at + 8 <= st.size; i++, at += 8) {
    if (st.bytes[at] === FENCE) break;
    out.push(fromEbcdic(st.bytes, at, at + 8).trimEnd());
  }
  return out;
}

export function* supervisorCall(
  cms: CmsSession,
  code: number,
  regs: Uint32Array,
  psw: readonly [number, number],
): CmsGen<number> {
  if (code === 202) return yield* svc202(cms, regs);
  if (code === 203) return svc203(cms, regs, psw);
  if (code === 19) return osOpen(cms, regs);
  if (code === 20) return yield* osClose(cms, regs);
  return osSvc(cms, code, regs);
}

function* svc202(cms: CmsSession, regs: Uint32Array): CmsGen<number> {
  const st = cms.guest.storage;
  const plist = regs[1] & 0x00ffffff;
  const callType = regs[1] >>> 24;
  if (plist + 8 > st.size) return RC_NOT_FOUND;
  const name = fromEbcdic(st.bytes, plist, plist + 8).trimEnd();
  switch (name) {
    case 'TYPLIN':
      return typlin(cms, plist);
    case 'WAITRD':
      return yield* waitrd(cms, plist, regs);
    case 'RDBUF':
    case 'WRBUF':
    case 'FINIS':
    case 'STATE':
    case 'ERASE':
    case 'POINT':
      if (callType === 0 || name === 'RDBUF' || name === 'WRBUF' || name === 'FINIS' || name === 'POINT') {
        // A program call with an FSCB-shaped plist (the FS macros), unless it is the STATE/ERASE command with tokens.
        if (looksLikeFscb(cms, plist)) return fileFunction(cms, name, plist, regs);
      }
      break;
    case 'ATTN': {
      const order = fromEbcdic(st.bytes, plist + 8, plist + 12);
      const len = st.readU8(plist + 12);
      const addr = st.readU32(plist + 12) & 0x00ffffff;
      const line = fromEbcdic(st.bytes, addr, addr + len);
      if (order === 'LIFO') cms.stack.push(line);
      else cms.stack.queue(line);
      return 0;
    }
    case 'CARDPH':
    case 'PRINTR':
      return yield* unitRecord(cms, name, plist);
    case 'CARDRD':
      return yield* cardRead(cms, plist, regs);
  }
  // A command.
  let line: string;
  if (callType === 0x01 && (regs[0] & 0x00ffffff) !== 0) {
    const e = regs[0] & 0x00ffffff;
    const begin = st.readU32(e) & 0x00ffffff;
    const end = st.readU32(e + 8) & 0x00ffffff;
    line = end > begin && end - begin < 4096 ? fromEbcdic(st.bytes, begin, end) : plistTokens(cms, plist).join(' ');
  } else line = plistTokens(cms, plist).join(' ');
  const rc = yield* cms.execute(line, 'program');
  return rc;
}

function typlin(cms: CmsSession, plist: number): number {
  const st = cms.guest.storage;
  const addr = st.readU32(plist + 8) & 0x00ffffff;
  const flags = st.readU8(plist + 13);
  const len = st.readU16(plist + 14);
  if (addr + len > st.size) return 24;
  let text = fromEbcdic(st.bytes, addr, addr + len);
  if ((flags & 0x80) === 0) text = text.trimEnd();
  cms.say(text);
  return 0;
}

function* waitrd(cms: CmsSession, plist: number, regs: Uint32Array): CmsGen<number> {
  const st = cms.guest.storage;
  const addr = st.readU32(plist + 8) & 0x00ffffff;
  const code = fromEbcdic(st.bytes, plist + 12, plist + 13);
  let line = yield* cms.readLine();
  if (code === 'U') line = line.toUpperCase();
  const bytes = toEbcdic(line.slice(0, 130));
  if (addr + bytes.length > st.size) return 24;
  st.bytes.set(bytes, addr);
  st.writeU16(plist + 14, bytes.length);
  regs[0] = bytes.length;
  return 0;
}

function looksLikeFscb(cms: CmsSession, plist: number): boolean {
  const st = cms.guest.storage;
  if (plist + 44 > st.size) return false;
  const fv = st.readU8(plist + 36);
  return fv === 0xc6 || fv === 0xe5 || fv === 0x00 || fv === 0x40;
}

const key = (fn: string, ft: string, fm: string): string => `${fn} ${ft} ${fm}`;

/** RDBUF, WRBUF, FINIS, STATE, ERASE on an FSCB (cms.md (e), rc values there). */
function fileFunction(cms: CmsSession, name: string, fscb: number, regs: Uint32Array): number {
  const st = cms.guest.storage;
  const fn = fromEbcdic(st.bytes, fscb + 8, fscb + 16).trim();
  const ft = fromEbcdic(st.bytes, fscb + 16, fscb + 24).trim();
  let fm = fromEbcdic(st.bytes, fscb + 24, fscb + 26).trim() || 'A1';
  if (st.bytes[fscb + 24] === 0) fm = 'A1';
  const letter = fm[0];
  const item = st.readU16(fscb + 26);
  const buffer = st.readU32(fscb + 28) & 0x00ffffff;
  const size = st.readU32(fscb + 32);
  const recfm = st.readU8(fscb + 36) === 0xe5 ? 'V' : 'F';
  const count = st.readU16(fscb + 38) || 1;
  const files = cms.loader.openFiles;
  const k = key(fn, ft, letter);
  const lookup = (): ReturnType<CmsSession['findFile']> =>
    fm === '*' ? cms.findFile(fn, ft) : cms.disks.has(letter) ? cms.findFile(fn, ft, { letter }) : undefined;
  switch (name) {
    case 'STATE': {
      const f = lookup();
      if (!f) return cms.disks.has(letter) || fm === '*' ? 28 : 36;
      regs[1] = cms.loader.storeFst(cms, f);
      return 0;
    }
    case 'ERASE': {
      const f = lookup();
      if (!f) return 28;
      if (f.acc.readOnly) return 36;
      try {
        f.acc.disk.erase(f.fst.filename, f.fst.filetype, cms.now());
      } catch {
        return 100;
      }
      return 0;
    }
    case 'FINIS': {
      const close = (o: OpenFile): number => {
        if (o.kind === 'write') {
          try {
            o.writer.close();
          } catch (err) {
            o.writer.abandon();
            if (err instanceof CmsFsError && err.reason === 'DISK_FULL') return 13;
            return 100;
          }
        }
        return 0;
      };
      let rc = 0;
      if (fn === '*') {
        for (const o of files.values()) rc ||= close(o);
        files.clear();
        return rc;
      }
      for (const [kk, o] of files) {
        if (o.fn === fn && o.ft === ft) {
          rc ||= close(o);
          files.delete(kk);
        }
      }
      return rc;
    }
    case 'POINT':
      return 0;
    case 'RDBUF': {
      if (buffer === 0 || buffer + size > st.size) return 2;
      let open = files.get(k);
      if (open && open.kind === 'write') return 9;
      if (!open || (item !== 0 && item !== open.recno + 1)) {
        const f = lookup();
        if (!f) return 1;
        open = {
          kind: 'read',
          acc: f.acc,
          fn: f.fst.filename,
          ft: f.fst.filetype,
          reader: f.acc.disk.openForRead(f.fst.filename, f.fst.filetype),
          recno: 0,
        };
        files.set(k, open);
        for (let i = 1; i < item; i++) if (!open.reader.next()) return 12;
        open.recno = Math.max(0, item - 1);
      }
      const status = open.reader.status;
      if (status.recfm === 'V' && count > 1) return 11;
      let at = buffer;
      let moved = 0;
      let rc = 0;
      for (let n = 0; n < count; n++) {
        const r = open.reader.next();
        if (!r) {
          rc = moved === 0 ? 12 : 0;
          break;
        }
        open.recno++;
        const room = buffer + size - at;
        const take = Math.min(room, r.length);
        st.bytes.set(r.subarray(0, take), at);
        at += take;
        moved += take;
        if (r.length > room) {
          rc = 8;
          break;
        }
      }
      st.writeU32(fscb + 40, moved);
      regs[0] = moved;
      return rc;
    }
    case 'WRBUF': {
      if (buffer === 0 || buffer + size > st.size) return 2;
      let open = files.get(k);
      if (open && open.kind === 'read') return 9;
      if (!open) {
        if (!/^[A-Z]$/.test(letter)) return 20;
        const acc = cms.disks.get(letter);
        if (!acc) return 36;
        if (acc.readOnly) return 12;
        const lrecl = recfm === 'F' ? Math.floor(size / count) : Math.max(size, 1);
        const existing = acc.disk.find(fn, ft);
        if (existing && existing.recfm !== recfm) return 14;
        try {
          const writer = acc.disk.openForWrite(fn, ft, {
            recfm,
            lrecl: recfm === 'F' && existing ? existing.lrecl : recfm === 'V' ? 65535 : lrecl,
            modeNumber: Number(fm[1]) || 1,
            append: existing !== undefined,
            now: cms.now(),
          });
          open = {
            kind: 'write',
            acc,
            fn,
            ft,
            writer,
            recfm,
            lrecl: recfm === 'F' && existing ? existing.lrecl : lrecl,
          };
          files.set(k, open);
        } catch {
          return 100;
        }
      }
      if (recfm === 'F' && size !== open.lrecl * count) return 15;
      try {
        if (recfm === 'V') open.writer.write(st.bytes.slice(buffer, buffer + size));
        else
          for (let n = 0; n < count; n++)
            open.writer.write(st.bytes.slice(buffer + n * open.lrecl, buffer + (n + 1) * open.lrecl));
      } catch (err) {
        if (err instanceof CmsFsError && err.reason === 'DISK_FULL') return 13;
        return 100;
      }
      return 0;
    }
  }
  return RC_NOT_FOUND;
}

function* unitRecord(cms: CmsSession, name: string, plist: number): CmsGen<number> {
  const st = cms.guest.storage;
  const addr = st.readU32(plist + 8) & 0x00ffffff;
  const len = st.readU16(plist + 12) || (name === 'CARDPH' ? 80 : 133);
  if (addr + len > st.size) return 24;
  const device = name === 'CARDPH' ? 0x00d : 0x00e;
  const ccw = 0xb00;
  if (name === 'CARDPH') {
    // One CCW from the caller's buffer: punch X'01'.
    st.writeU32(ccw, (0x01 << 24) | addr);
    st.writeU32(ccw + 4, (0x20 << 24) | len);
  } else {
    // Column 1 is ASA carriage control, which moves the paper *before* the
    // line prints: an immediate space or skip command chained to a write
    // without spacing (1403 Component Description, GA24-3073, "Command
    // Codes"). '+' moves nothing, so the line overprints the one before.
    const immediate = asaImmediate(st.bytes[addr]);
    let at = ccw;
    if (immediate !== 0) {
      st.writeU32(at, (immediate << 24) | addr);
      st.writeU32(at + 4, ((0x40 | 0x20) << 24) | 1); // command chain, SLI
      at += 8;
    }
    st.writeU32(at, (0x01 << 24) | (addr + 1));
    st.writeU32(at + 4, (0x20 << 24) | Math.max(1, len - 1));
  }
  const status = yield { kind: 'io', device, ccwAddress: ccw };
  if (typeof status !== 'number' || status < 0) return 100;
  return (status & 0x02) !== 0 ? 100 : 0;
}

/** The 1403 immediate command for an ASA control character (0: none, for '+'). */
function asaImmediate(asa: number): number {
  switch (asa) {
    case 0x4e: // '+' no space: overprint
      return 0;
    case 0xf0: // '0' space 2
      return 0x13;
    case 0x60: // '-' space 3
      return 0x1b;
    case 0xf1: // '1' skip to channel 1
      return 0x8b;
    default: // ' ' and anything else: space 1
      return 0x0b;
  }
}

function* cardRead(cms: CmsSession, plist: number, regs: Uint32Array): CmsGen<number> {
  const st = cms.guest.storage;
  const addr = st.readU32(plist + 8) & 0x00ffffff;
  const ccw = 0xb00;
  st.writeU32(ccw, (0x02 << 24) | addr);
  st.writeU32(ccw + 4, (0x20 << 24) | 80);
  const status = yield { kind: 'io', device: 0x00c, ccwAddress: ccw };
  if (typeof status !== 'number' || status < 0) return 100;
  if (status & 0x01) return 12; // unit exception: end of the reader file
  const residual = st.readU16(0x46);
  st.writeU16(plist + 12, 80 - residual);
  regs[0] = 80 - residual;
  return (status & 0x02) !== 0 ? 100 : 0;
}

/** SVC 203: DMSFREE (1) and DMSFRET (2), from the top of the user area down. */
function svc203(cms: CmsSession, regs: Uint32Array, psw: readonly [number, number]): number {
  const st = cms.guest.storage;
  const at = psw[1] & 0x00ffffff;
  const fn = at + 2 <= st.size ? st.readU16(at) : 0;
  // The halfword follows the SVC: the caller resumes after it.
  (psw as [number, number])[1] = (psw[1] & 0xff000000) | (at + 2);
  return storageFunction(cms, fn === 2 ? 'free' : 'get', regs, 8);
}

function storageFunction(cms: CmsSession, what: 'get' | 'free', regs: Uint32Array, unit: number): number {
  if (what === 'free') return 0;
  const bytes = (regs[0] & 0x00ffffff) * unit;
  const loader = cms.loader;
  const area = cms.userArea();
  if (loader.freeTop === 0) loader.freeTop = area.end;
  const low = loader.program?.end ?? area.start;
  const next = (loader.freeTop - bytes) & ~7;
  if (bytes <= 0 || next < low) return 1;
  loader.freeTop = next;
  regs[1] = next;
  return 0;
}

/**
 * The rest of the OS simulation (cms.md (e); OPEN and CLOSE, SVC 19 and
 * 20, are in cms/os/qsam.ts): WTO (SVC 35) to the terminal, GETMAIN and
 * FREEMAIN (SVC 10, 4, 5). Any other SVC is reported (DMSITS134S) and
 * returns with rc 0.
 */
function osSvc(cms: CmsSession, code: number, regs: Uint32Array): number {
  const st = cms.guest.storage;
  switch (code) {
    case 35: {
      const at = regs[1] & 0x00ffffff;
      const len = st.readU16(at);
      cms.say(fromEbcdic(st.bytes, at + 4, at + Math.max(4, len)).trimEnd());
      return 0;
    }
    case 10: {
      // R0 bytes (high byte subpool); R1 negative = FREEMAIN.
      if ((regs[1] & 0x80000000) !== 0) return 0;
      return storageFunction(cms, 'get', regs, 1);
    }
    case 4:
    case 5:
      return 0;
    default:
      cms.say(`DMSITS134S Unsupported SVC ${code} (hex ${code.toString(16).toUpperCase().padStart(2, '0')})`);
      return 0;
  }
}
