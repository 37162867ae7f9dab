// EXECIO (VM/SP CMS Command Reference, SC19-6209, "EXECIO"; cms.md (f)):
// records between CMS files, the virtual reader, punch and printer, CP
// command responses, and the program stack or the calling EXEC's variables.
//
//   EXECIO lines|* DISKR|DISKRU fn ft [fm [linenum]] [(options]
//   EXECIO lines|* DISKW fn ft fm [linenum [recfm [lrecl]]] [(options]
//   EXECIO lines|* CARD|PUNCH|PRINT|CP [(options]
//
// Reading (DISKR, DISKRU, CARD, CP) puts each record on the stack (FIFO,
// the default, or LIFO), in `stem1`...`stemn` with `stem0` = n (STEM), in
// one variable (VAR, lines = 1), or nowhere (SKIP); MARGINS n1 n2 keeps
// those columns, STRIP drops trailing blanks. FIND, LOCATE and AVOID
// /string/ read until a record that starts with the string (in the ZONE,
// blanks matching anything, as XEDIT's FIND), contains it, or does not
// contain it, and return that record only, preceded by its record number
// and a blank (the form vmcms gives it; the manual's exact layout is not at
// hand). Writing (DISKW, PUNCH, PRINT) takes lines from the stack (the
// terminal when it is empty; with `*`, up to a null line), from STEM
// variables (with `*`, up to one that is null or unset), from VAR or from
// STRING text.
//
// A file stays open between calls until FINIS (or the end of the outermost
// EXEC, when CMS closes what its commands left open): DISKR carries on from
// the record after the last one read, DISKW after the last one written
// (appending when no record number was given), and DISKW after DISKRU
// replaces the record read last. The reader file CARD reads stays open
// likewise; at its end it is closed (and purged, as CP does for a file read
// to its end). PUNCH and PRINT leave the spool file open, as on VM; FINIS
// closes it (CP CLOSE).
//
// Return codes: 0; 1 a record was truncated (DISKW to F files, PUNCH past
// 80 columns, PRINT past 132) or a CP response did not fit BUFFER; 2 end of
// file before `lines` records (DISKR, CARD; FIND/LOCATE/AVOID found
// nothing); 3 `lines` records searched without a match; 24 bad parameter
// list; 28 file not found; 36 disk not accessed or read-only; 100 + the
// file system's rc on a disk error; the CP command's own rc for CP.

import { toEbcdic } from '../../s390/ebcdic.js';
import type { CmsSession } from '../nucleus/session.js';
import { IO_BUFFER, IO_BUFFER_LENGTH, SPOOL_PLIST } from '../nucleus/layout.js';
import { abbrev, parseMode, tokenize } from '../nucleus/fileid.js';
import { slice, type CmsGen } from '../nucleus/task.js';
import type { RecordReader, CmsDisk } from '../fs/disk.js';
import type { FileStatus } from '../fs/layout.js';
import { SHV_BADN, SHV_NEWV, type RexxVariables } from '../rexx/shared-variables.js';
import { recordText, textRecord } from './common.js';
import { asaCommand, closeReader, deviceExists, selectReader, writeUnitRecord } from './spool.js';
import type { CommandCall } from './table.js';

const PUNCH = 0x00d;
const PRINTER = 0x00e;
const CARD_COLUMNS = 80;
const PRINT_COLUMNS = 132;
/** Records between slices when a read or write runs long. */
const RECORDS_PER_SLICE = 4096;

const RC_TRUNCATED = 1;
const RC_END_OF_FILE = 2;
const RC_NOT_FOUND_IN_COUNT = 3;
const RC_PLIST = 24;
const RC_FILE_NOT_FOUND = 28;
const RC_DISK = 36;

/** What EXECIO keeps between calls (CmsSession.execioFiles), by `fn ft m`, `CARD`. */
export type ExecioOpenFile =
  | {
      kind: 'disk';
      disk: CmsDisk;
      fn: string;
      ft: string;
      /** The reader and the record number its next() gives. */
      reader?: RecordReader;
      readerAt: number;
      /** The record the next DISKR gives (1-based). */
      nextRead: number;
      /** The record the next DISKW replaces; undefined: DISKW appends. */
      nextWrite?: number;
    }
  | { kind: 'reader' };

/** CMS closes the files EXECIO left open when the outermost EXEC ends (or the command is stopped). */
export function closeExecioFiles(cms: CmsSession): void {
  for (const f of cms.execioFiles.values()) {
    // A partly read reader file is kept in the reader, not purged.
    if (f.kind === 'reader') closeReader(cms, true);
  }
  cms.execioFiles.clear();
}

type Search = { kind: 'FIND' | 'LOCATE' | 'AVOID'; text: string };

interface Options {
  lifo: boolean;
  skip: boolean;
  finis: boolean;
  strip: boolean;
  stem?: string;
  var?: string;
  string?: string;
  margins?: [number, number];
  zone?: [number, number];
  search?: Search;
  buffer?: number;
  cc: boolean;
  upcase: boolean;
}

/** Parses the options part (after `(`) from the raw text: STRING and the search strings keep their case. */
function parseOptions(text: string): Options | { bad: string } {
  const o: Options = { lifo: false, skip: false, finis: false, strip: false, cc: false, upcase: false };
  let pos = 0;
  const blanks = (): void => {
    while (pos < text.length && text[pos] === ' ') pos++;
  };
  const word = (): string => {
    blanks();
    const start = pos;
    while (pos < text.length && text[pos] !== ' ') pos++;
    return text.slice(start, pos);
  };
  const number = (): number | null => {
    const w = word();
    return /^\d+$/.test(w) ? Number(w) : null;
  };
  for (;;) {
    const raw = word();
    if (raw === '' || raw === ')') break;
    const w = raw.toUpperCase();
    if (w === 'FIFO') o.lifo = false;
    else if (w === 'LIFO') o.lifo = true;
    else if (w === 'SKIP') o.skip = true;
    else if (w === 'FINIS') o.finis = true;
    else if (w === 'STRIP') o.strip = true;
    else if (w === 'CC') o.cc = true;
    else if (w === 'STEM' || w === 'VAR') {
      const name = word().toUpperCase();
      if (name === '') return { bad: w };
      if (w === 'STEM') o.stem = name;
      else o.var = name;
    } else if (abbrev('MARGINS', w, 3) || abbrev('ZONE', w, 1)) {
      const a = number();
      const b = number();
      if (a === null || b === null || a < 1 || b < a) return { bad: w };
      if (w.startsWith('M')) o.margins = [a, b];
      else o.zone = [a, b];
    } else if (abbrev('FIND', w, 1) || abbrev('LOCATE', w, 3) || w === 'AVOID') {
      blanks();
      const delimiter = text[pos];
      if (delimiter === undefined) return { bad: w };
      const end = text.indexOf(delimiter, pos + 1);
      const found = text.slice(pos + 1, end < 0 ? text.length : end);
      pos = end < 0 ? text.length : end + 1;
      o.search = { kind: w === 'AVOID' ? 'AVOID' : w.startsWith('F') ? 'FIND' : 'LOCATE', text: found };
    } else if (abbrev('STRING', w, 3)) {
      // The rest of the line, as typed (one blank after the keyword).
      o.string = text.slice(pos + 1);
      break;
    } else if (abbrev('BUFFER', w, 3)) {
      const n = number();
      if (n === null) return { bad: w };
      o.buffer = n;
    } else if (w === 'CASE') {
      const c = word().toUpperCase();
      if (c !== 'U' && c !== 'M') return { bad: w };
      o.upcase = c === 'U';
    } else return { bad: raw };
  }
  return o;
}

/** The calling EXEC's variables, or null with the message given (STEM and VAR outside a REXX EXEC). */
function variables(cms: CmsSession, option: string): RexxVariables | null {
  if (cms.execVariables === null) cms.message('EIO', '003', option);
  return cms.execVariables;
}

export function* execio(cms: CmsSession, c: CommandCall): CmsGen<number> {
  const paren = c.raw.indexOf('(');
  const operands = tokenize((paren < 0 ? c.raw : c.raw.slice(0, paren)).toUpperCase());
  const parsed = parseOptions(paren < 0 ? '' : c.raw.slice(paren + 1));
  if ('bad' in parsed) {
    cms.message('EIO', '003', parsed.bad);
    return RC_PLIST;
  }
  const o = parsed;
  const [countText, op, ...rest] = operands;
  if (countText === undefined || op === undefined) {
    cms.message('EIO', '054');
    return RC_PLIST;
  }
  const count = countText === '*' ? Infinity : /^\d+$/.test(countText) ? Number(countText) : -1;
  if (count < 0) {
    cms.message('EIO', '070', countText);
    return RC_PLIST;
  }
  // Where records come from or go: one of STEM, VAR and (for writing) STRING; VAR holds one record.
  const writing = op === 'DISKW' || op === 'PUNCH' || op === 'PRINT';
  const sources = [o.stem && 'STEM', o.var && 'VAR', writing && o.string !== undefined && 'STRING'].filter(
    (x): x is string => typeof x === 'string',
  );
  if (sources.length > 1) {
    cms.message('EIO', '066', sources[0], sources[1]);
    return RC_PLIST;
  }
  if (o.var !== undefined && count !== 1 && !(o.search && !writing)) {
    cms.message('EIO', '070', `${countText} (VAR)`);
    return RC_PLIST;
  }
  if ((o.stem !== undefined || o.var !== undefined) && variables(cms, o.stem !== undefined ? 'STEM' : 'VAR') === null) {
    return RC_PLIST;
  }
  switch (op) {
    case 'DISKR':
    case 'DISKRU':
      return yield* diskRead(cms, count, rest, o, op === 'DISKRU');
    case 'DISKW':
      return yield* diskWrite(cms, count, rest, o);
    case 'CARD':
      return yield* cardRead(cms, count, o);
    case 'PUNCH':
      return yield* unitRecordWrite(cms, count, o, PUNCH);
    case 'PRINT':
      return yield* unitRecordWrite(cms, count, o, PRINTER);
    case 'CP':
      return cpCommand(cms, count, rest, c.raw, o);
    default:
      cms.message('EIO', '070', op);
      return RC_PLIST;
  }
}

// ---- delivering records read ----

/** MARGINS and STRIP applied to a record read. */
function edit(text: string, o: Options): string {
  let t = o.margins ? text.slice(o.margins[0] - 1, o.margins[1]) : text;
  if (o.strip) t = t.replace(/ +$/, '');
  return t;
}

/** Puts the lines read where the options say: stack, STEM (with stem0), VAR, or nowhere (SKIP). rc 0 or 24. */
function deliver(cms: CmsSession, lines: string[], o: Options): number {
  if (o.skip) return 0;
  const vars = cms.execVariables;
  if (o.stem !== undefined && vars !== null) {
    for (let i = 0; i < lines.length; i++) {
      if (vars.set(`${o.stem}${i + 1}`, lines[i]) === SHV_BADN) return badName(cms, o.stem);
    }
    if (vars.set(`${o.stem}0`, String(lines.length)) === SHV_BADN) return badName(cms, o.stem);
    return 0;
  }
  if (o.var !== undefined && vars !== null) {
    if (lines.length > 0 && vars.set(o.var, lines[0]) === SHV_BADN) return badName(cms, o.var);
    return 0;
  }
  for (const l of lines) cms.stack.add(l, o.lifo);
  return 0;
}

function badName(cms: CmsSession, name: string): number {
  cms.message('EIO', '070', name);
  return RC_PLIST;
}

/** Does a record satisfy FIND, LOCATE or AVOID (within the ZONE)? */
function satisfies(text: string, search: Search, zone: [number, number] | undefined): boolean {
  const field = zone ? text.slice(zone[0] - 1, zone[1]) : text;
  if (search.kind === 'LOCATE') return field.includes(search.text);
  if (search.kind === 'AVOID') return !field.includes(search.text);
  // FIND: the string at the start of the zone; a blank in it matches any character (as XEDIT's FIND).
  if (field.length < search.text.length) return false;
  for (let i = 0; i < search.text.length; i++) {
    if (search.text[i] !== ' ' && search.text[i] !== field[i]) return false;
  }
  return true;
}

// ---- disk files ----

function diskKey(fn: string, ft: string, letter: string): string {
  return `${fn} ${ft} ${letter}`;
}

function* diskRead(cms: CmsSession, count: number, rest: string[], o: Options, update: boolean): CmsGen<number> {
  const [fn, ft, fm = '*', recText] = rest;
  if (fn === undefined || ft === undefined) {
    cms.message('EIO', '054');
    return RC_PLIST;
  }
  const mode = parseMode(fm);
  if (mode === undefined) {
    cms.message('EIO', '048', fm);
    return RC_PLIST;
  }
  const first = recText === undefined ? 0 : /^\d+$/.test(recText) ? Number(recText) : -1;
  if (first < 0) {
    cms.message('EIO', '070', recText!);
    return RC_PLIST;
  }
  const f = cms.findFile(fn, ft, mode);
  if (!f) {
    cms.message('EIO', '002', `${fn} ${ft} ${fm}`);
    return RC_FILE_NOT_FOUND;
  }
  const key = diskKey(f.fst.filename, f.fst.filetype, f.acc.letter);
  let state = cms.execioFiles.get(key);
  if (state === undefined || state.kind !== 'disk') {
    state = { kind: 'disk', disk: f.acc.disk, fn: f.fst.filename, ft: f.fst.filetype, readerAt: 1, nextRead: 1 };
    cms.execioFiles.set(key, state);
  }
  if (first > 0) state.nextRead = first;
  const lines: string[] = [];
  let read = 0;
  let endOfFile = false;
  let found: string | undefined;
  try {
    const reader = positionReader(state, f.fst, state.nextRead);
    while (read < count) {
      const r = reader.next();
      if (r === undefined) {
        endOfFile = true;
        break;
      }
      const recno = state.readerAt++;
      read++;
      const text = recordText(r);
      if (o.search) {
        if (satisfies(text, o.search, o.zone)) {
          found = `${recno} ${edit(text, o)}`;
          break;
        }
      } else lines.push(edit(text, o));
      if (read % RECORDS_PER_SLICE === 0) yield slice();
    }
  } catch (err) {
    cms.execioFiles.delete(key);
    return cms.fsFailure('EIO', err, `${fn} ${ft} ${fm}`);
  }
  state.nextRead = state.readerAt;
  if (update && read > 0) state.nextWrite = state.readerAt - 1;
  if (o.finis) cms.execioFiles.delete(key);
  if (o.search) {
    if (found === undefined) return endOfFile ? RC_END_OF_FILE : RC_NOT_FOUND_IN_COUNT;
    return deliver(cms, [found], o);
  }
  const rc = deliver(cms, lines, o);
  if (rc !== 0) return rc;
  return endOfFile && count !== Infinity ? RC_END_OF_FILE : 0;
}

/** The open file's reader, reopened when the file changed since (or when reading goes back), at record `at`. */
function positionReader(state: ExecioOpenFile & { kind: 'disk' }, fst: FileStatus, at: number): RecordReader {
  if (state.reader === undefined || state.reader.status !== fst || state.readerAt > at) {
    state.reader = state.disk.openForRead(state.fn, state.ft);
    state.readerAt = 1;
  }
  while (state.readerAt < at && state.reader.next() !== undefined) state.readerAt++;
  return state.reader;
}

/** The lines to write: from STRING, VAR, STEM, or the stack (the terminal when it is empty). */
function* linesToWrite(cms: CmsSession, count: number, o: Options): CmsGen<string[]> {
  if (o.string !== undefined) return count === 0 ? [] : [o.string];
  const vars = cms.execVariables;
  if (o.var !== undefined && vars !== null) return [vars.fetch(o.var).value];
  const out: string[] = [];
  if (o.stem !== undefined && vars !== null) {
    for (let i = 1; i <= count; i++) {
      const v = vars.fetch(`${o.stem}${i}`);
      // With `*`, writing stops at the first null or unset element.
      if (count === Infinity && (v.rc === SHV_NEWV || v.value === '')) break;
      out.push(v.value);
    }
    return out;
  }
  while (out.length < count) {
    const line = yield* cms.readLine();
    if (count === Infinity && line === '') break;
    out.push(line);
  }
  return out;
}

function* diskWrite(cms: CmsSession, count: number, rest: string[], o: Options): CmsGen<number> {
  const [fn, ft, fm, recText, recfmText, lreclText] = rest;
  if (fn === undefined || ft === undefined || fm === undefined) {
    cms.message('EIO', '054');
    return RC_PLIST;
  }
  const mode = parseMode(fm);
  if (mode === undefined || mode === '*') {
    cms.message('EIO', '048', fm);
    return RC_PLIST;
  }
  const acc = cms.disks.get(mode.letter);
  if (!acc) {
    cms.message('EIO', '069', mode.letter);
    return RC_DISK;
  }
  if (acc.readOnly) {
    cms.message('EIO', '037', mode.letter);
    return RC_DISK;
  }
  const at = recText === undefined ? 0 : /^\d+$/.test(recText) ? Number(recText) : -1;
  if (at < 0 || (recfmText !== undefined && recfmText !== 'F' && recfmText !== 'V')) {
    cms.message('EIO', '070', at < 0 ? recText! : recfmText!);
    return RC_PLIST;
  }
  const lreclGiven = lreclText === undefined ? undefined : Number(lreclText);
  if (lreclGiven !== undefined && !(Number.isInteger(lreclGiven) && lreclGiven > 0 && lreclGiven <= 65535)) {
    cms.message('EIO', '070', lreclText!);
    return RC_PLIST;
  }
  const key = diskKey(fn, ft, acc.letter);
  const open = cms.execioFiles.get(key);
  const state = open?.kind === 'disk' ? open : undefined;
  let lines = yield* linesToWrite(cms, count, o);
  if (o.upcase) lines = lines.map((l) => l.toUpperCase());
  const existing = acc.disk.find(fn, ft);
  const recfm = existing?.recfm ?? (recfmText as 'F' | 'V' | undefined) ?? 'V';
  let lrecl = existing?.lrecl ?? lreclGiven ?? (recfm === 'F' ? 80 : 1);
  if (recfm === 'V') lrecl = Math.max(lrecl, lreclGiven ?? 0, ...lines.map((l) => l.length));
  const truncated = recfm === 'F' && lines.some((l) => l.length > lrecl);
  // Where the records go: the record number given, else where the open file's writing stands, else the end.
  const position = at > 0 ? at : state?.nextWrite;
  let next: number | undefined;
  try {
    // CMS has no empty files: writing nothing creates nothing.
    if (lines.length > 0) {
      const records = lines.map((l) => textRecord(l, recfm, recfm === 'F' ? lrecl : Math.max(1, l.length)));
      if (existing !== undefined && position !== undefined && position <= existing.records) {
        const all = acc.disk.readRecords(fn, ft);
        records.forEach((r, i) => (all[position - 1 + i] = r));
        writeRecords(acc.disk, fn, ft, recfm, lrecl, existing.modeNumber, all, false, cms.now());
        next = position + records.length;
      } else {
        const modeNumber = existing?.modeNumber ?? mode.number ?? 1;
        writeRecords(acc.disk, fn, ft, recfm, lrecl, modeNumber, records, existing !== undefined, cms.now());
      }
    }
  } catch (err) {
    return cms.fsFailure('EIO', err, `${fn} ${ft} ${fm}`);
  }
  if (o.finis) cms.execioFiles.delete(key);
  else if (state) state.nextWrite = next;
  else if (next !== undefined) {
    cms.execioFiles.set(key, { kind: 'disk', disk: acc.disk, fn, ft, readerAt: 1, nextRead: 1, nextWrite: next });
  }
  return truncated ? RC_TRUNCATED : 0;
}

function writeRecords(
  disk: CmsDisk,
  fn: string,
  ft: string,
  recfm: 'F' | 'V',
  lrecl: number,
  modeNumber: number,
  records: Uint8Array[],
  append: boolean,
  now: Date,
): void {
  const w = disk.openForWrite(fn, ft, { recfm, lrecl, modeNumber, append, now });
  try {
    for (const r of records) w.write(r);
  } catch (err) {
    w.abandon();
    throw err;
  }
  w.close();
}

// ---- the reader, punch and printer ----

function* cardRead(cms: CmsSession, count: number, o: Options): CmsGen<number> {
  const st = cms.guest.storage;
  let open = cms.execioFiles.get('CARD');
  if (open === undefined) {
    if (count === 0) return 0;
    if (selectReader(cms, 0) === undefined) return RC_END_OF_FILE;
    open = { kind: 'reader' };
    cms.execioFiles.set('CARD', open);
  }
  const lines: string[] = [];
  let endOfFile = false;
  while (lines.length < count) {
    st.writeU32(SPOOL_PLIST + 48, IO_BUFFER);
    st.writeU32(SPOOL_PLIST + 52, IO_BUFFER_LENGTH);
    st.writeU32(SPOOL_PLIST + 56, Math.min(count - lines.length, 400));
    const cc = cms.diag(0x14, SPOOL_PLIST, 0x04).cc;
    if (cc !== 0) {
      endOfFile = true;
      break;
    }
    const n = st.readU32(SPOOL_PLIST + 60);
    let p = IO_BUFFER;
    for (let i = 0; i < n; i++) {
      const len = st.readU16(p + 2);
      lines.push(edit(recordText(st.bytes.subarray(p + 4, p + 4 + len)), o));
      p += 4 + len;
    }
    yield slice();
  }
  if (endOfFile || o.finis) {
    closeReader(cms, !endOfFile);
    cms.execioFiles.delete('CARD');
  }
  const rc = deliver(cms, lines, o);
  if (rc !== 0) return rc;
  return endOfFile && count !== Infinity ? RC_END_OF_FILE : 0;
}

function* unitRecordWrite(cms: CmsSession, count: number, o: Options, device: number): CmsGen<number> {
  const name = device === PUNCH ? 'PUNCH (00D)' : 'PRINTER (00E)';
  if (!deviceExists(cms, device)) {
    cms.message('EIO', '113', name);
    return 100;
  }
  let lines = yield* linesToWrite(cms, count, o);
  if (o.upcase) lines = lines.map((l) => l.toUpperCase());
  const width = device === PUNCH ? CARD_COLUMNS : PRINT_COLUMNS + (o.cc ? 1 : 0);
  const truncated = lines.some((l) => l.length > width);
  const records = lines.map((l) => {
    const text = l.slice(0, width);
    return toEbcdic(device === PUNCH ? text.padEnd(CARD_COLUMNS) : text);
  });
  let rc: number;
  if (device === PUNCH) rc = yield* writeUnitRecord(cms, PUNCH, records, 0x01);
  else if (o.cc) {
    // ASA carriage control in column 1 becomes the CCW (as PRINT (CC does).
    const commands = records.map(asaCommand);
    let i = 0;
    rc = yield* writeUnitRecord(
      cms,
      PRINTER,
      records.map((r) => r.subarray(1)),
      () => commands[i++],
    );
  } else rc = yield* writeUnitRecord(cms, PRINTER, records, 0x09);
  if (rc !== 0) return rc;
  if (o.finis) {
    const close = cms.cp(`CLOSE ${device === PUNCH ? '00D' : '00E'}`, true).rc;
    if (close !== 0) return close;
  }
  return truncated ? RC_TRUNCATED : 0;
}

// ---- CP ----

function cpCommand(cms: CmsSession, count: number, rest: string[], raw: string, o: Options): number {
  // STRING gives the command as typed. vmcms also takes it from the operands after CP (upper-cased).
  const text = o.string ?? (rest.length > 0 ? raw.replace(/^.*?\bCP\b\s*/i, '').replace(/\s*\(.*$/s, '') : '');
  if (text.trim() === '') {
    cms.message('EIO', '005', 'CP command');
    return RC_PLIST;
  }
  const r = cms.cp(text, true);
  let lines = r.lines.slice(0, count === Infinity ? undefined : count);
  let truncated = false;
  if (o.buffer !== undefined) {
    // BUFFER n: the response area; what does not fit is lost.
    let room = o.buffer;
    const kept: string[] = [];
    for (const l of lines) {
      if (l.length + 1 > room) {
        truncated = true;
        break;
      }
      kept.push(l);
      room -= l.length + 1;
    }
    lines = kept;
  }
  const rc = deliver(
    cms,
    lines.map((l) => edit(l, o)),
    o,
  );
  if (rc !== 0) return rc;
  if (r.rc !== 0) return r.rc;
  return truncated ? RC_TRUNCATED : 0;
}
