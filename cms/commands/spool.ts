// Spooled unit record: PRINT, PUNCH, READCARD, DISK DUMP/LOAD, and the
// VM/SP file-transfer family in line mode: SENDFILE, RECEIVE, NOTE, TELL,
// PEEK, RDRLIST. The punch (00D) and printer (00E) are written with SIO
// and closed with CP CLOSE; the reader (00C) is read through DIAGNOSE
// X'14' (docs/diagnose.md).

import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import type { CmsSession, FoundFile } from '../nucleus/session.js';
import { IO_BUFFER, IO_BUFFER_LENGTH, SPOOL_PLIST, UR_CCWS } from '../nucleus/layout.js';
import { abbrev, parseMode, splitOptions } from '../nucleus/fileid.js';
import { slice, type CmsGen } from '../nucleus/task.js';
import { fileIdOperands, recordText, stamp, textRecord } from './common.js';
import { command, type CommandDef } from './table.js';

const PUNCH = 0x00d;
const PRINTER = 0x00e;
const CARDS_PER_SIO = 64;
const UNIT_CHECK = 0x02;
/** Column 1-4 of every DISK DUMP card after the header (vmcms's layout; cms.md: "identifier CMS", unverified). */
const DUMP_ID = [0x02, ...toEbcdic('CMS')];
const DUMP_DATA = 76;

// ---- devices ----

export function deviceExists(cms: CmsSession, vdev: number): boolean {
  return cms.diag(0x24, vdev, 0).cc === 0;
}

/** Write `records` to a unit-record device, `command` CCW each, chained 64 at a time. rc 0 or 100. */
export function* writeUnitRecord(
  cms: CmsSession,
  device: number,
  records: Uint8Array[],
  command: number | ((r: Uint8Array) => number),
): CmsGen<number> {
  const st = cms.guest.storage;
  for (let at = 0; at < records.length; at += CARDS_PER_SIO) {
    const batch = records.slice(at, at + CARDS_PER_SIO);
    let data = IO_BUFFER;
    batch.forEach((r, i) => {
      const bytes = r.length === 0 ? Uint8Array.of(0x40) : r.subarray(0, Math.min(r.length, 256));
      st.bytes.set(bytes, data);
      const op = typeof command === 'number' ? command : command(r);
      st.writeU32(UR_CCWS + i * 8, ((op & 0xff) << 24) | data);
      st.writeU32(UR_CCWS + i * 8 + 4, ((i < batch.length - 1 ? 0x60 : 0x20) << 24) | bytes.length);
      data += bytes.length;
    });
    const status = yield { kind: 'io', device, ccwAddress: UR_CCWS };
    if (typeof status !== 'number' || status < 0 || (status & UNIT_CHECK) !== 0) return 100;
  }
  return 0;
}

/** The header card PUNCH writes (cms.md (c) PRINT/PUNCH): `:READ` and the fileid at fixed columns. */
function readCard(f: FoundFile): Uint8Array {
  const s = stamp(f.fst.written);
  const cols = new Array<string>(80).fill(' ');
  const put = (col: number, text: string): void => [...text].forEach((c, i) => (cols[col - 1 + i] = c));
  put(1, ':READ');
  put(8, f.fst.filename);
  put(17, f.fst.filetype);
  put(26, `${f.acc.letter}${f.fst.modeNumber}`);
  put(29, f.acc.disk.volser);
  put(36, s.date);
  put(46, s.time);
  return toEbcdic(cols.join(''));
}

function cards(records: Uint8Array[]): Uint8Array[] {
  return records.map((r) => {
    const c = new Uint8Array(80).fill(0x40);
    c.set(r.subarray(0, 80));
    return c;
  });
}

function* punchFile(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  let header = true;
  for (const o of options) {
    if (abbrev('HEADER', o, 1)) header = true;
    else if (abbrev('NOHEADER', o, 3)) header = false;
    else {
      cms.message('PUN', '003', o);
      return 24;
    }
  }
  const id = fileIdOperands(cms, 'PUN', operands, 0, { defaultMode: 'A', patterns: false });
  if (typeof id === 'number') return id;
  if (!deviceExists(cms, PUNCH)) {
    cms.message('PUN', '113', 'PUNCH (00D)');
    return 100;
  }
  const f = cms.findFile(id.fn, id.ft, id.mode);
  if (!f) {
    cms.message('PUN', '002', `${id.fn} ${id.ft} ${id.fmText}`);
    return 28;
  }
  const records = f.acc.disk.readRecords(f.fst.filename, f.fst.filetype);
  const deck = header ? [readCard(f), ...cards(records)] : cards(records);
  const rc = yield* writeUnitRecord(cms, PUNCH, deck, 0x01);
  if (rc !== 0) return rc;
  return cms.cp(`CLOSE 00D NAME ${f.fst.filename} ${f.fst.filetype}`).rc;
}

/** ASA carriage control (column 1) to the 1403's write-without-spacing plus an immediate space/skip. */
export function asaCommand(r: Uint8Array): number {
  switch (r[0]) {
    case 0xf0: // '0' double space before
      return 0x11;
    case 0x60: // '-' triple space before
      return 0x19;
    case 0xf1: // '1' skip to channel 1 before
      return 0x89;
    default:
      return 0x09;
  }
}

function* printFile(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  let cc = false;
  for (const o of options) {
    if (o === 'CC') cc = true;
    else if (o === 'NOCC') cc = false;
    else if (o === 'HEX' || o === 'UPCASE') continue;
    else {
      cms.message('PRT', '003', o);
      return 24;
    }
  }
  const id = fileIdOperands(cms, 'PRT', operands, 0, { defaultMode: 'A', patterns: false });
  if (typeof id === 'number') return id;
  if (!deviceExists(cms, PRINTER)) {
    cms.message('PRT', '113', 'PRINTER (00E)');
    return 100;
  }
  const f = cms.findFile(id.fn, id.ft, id.mode);
  if (!f) {
    cms.message('PRT', '002', `${id.fn} ${id.ft} ${id.fmText}`);
    return 28;
  }
  const records = f.acc.disk.readRecords(f.fst.filename, f.fst.filetype);
  const lines = cc ? records.map((r) => r.subarray(1)) : records;
  const commands = cc ? records.map(asaCommand) : undefined;
  let i = 0;
  const rc = yield* writeUnitRecord(cms, PRINTER, lines, commands ? () => commands[i++] : 0x09);
  if (rc !== 0) return rc;
  return cms.cp(`CLOSE 00E NAME ${f.fst.filename} ${f.fst.filetype}`).rc;
}

// ---- the reader (DIAGNOSE X'14') ----

export interface ReaderFile {
  spoolid: number;
  from: string;
  cls: string;
  origin: string;
  records: number;
  name: string;
  type: string;
}

export function selectReader(cms: CmsSession, spoolid: number): ReaderFile | undefined {
  const st = cms.guest.storage;
  st.bytes.fill(0, SPOOL_PLIST, SPOOL_PLIST + 64);
  st.writeU32(SPOOL_PLIST, spoolid);
  if (cms.diag(0x14, SPOOL_PLIST, 0x00).cc !== 0) return undefined;
  const text = (a: number, b: number): string => fromEbcdic(st.bytes, SPOOL_PLIST + a, SPOOL_PLIST + b).trim();
  return {
    spoolid: st.readU32(SPOOL_PLIST),
    from: text(4, 12),
    cls: text(12, 13),
    origin: text(13, 16),
    records: st.readU32(SPOOL_PLIST + 16),
    name: text(20, 28),
    type: text(28, 36),
  };
}

/** All records of the open reader file: [CCW command, data]. */
/** The open reader file's records (DIAGNOSE X'14' READ), with their CCW command codes. */
export function* readAll(cms: CmsSession, limit = Infinity): CmsGen<{ op: number; data: Uint8Array }[]> {
  const st = cms.guest.storage;
  const out: { op: number; data: Uint8Array }[] = [];
  while (out.length < limit) {
    st.writeU32(SPOOL_PLIST + 48, IO_BUFFER);
    st.writeU32(SPOOL_PLIST + 52, IO_BUFFER_LENGTH);
    st.writeU32(SPOOL_PLIST + 56, 400);
    const cc = cms.diag(0x14, SPOOL_PLIST, 0x04).cc;
    if (cc !== 0) break;
    const n = st.readU32(SPOOL_PLIST + 60);
    let at = IO_BUFFER;
    for (let i = 0; i < n; i++) {
      const len = st.readU16(at + 2);
      out.push({ op: st.readU8(at), data: st.bytes.slice(at + 4, at + 4 + len) });
      at += 4 + len;
    }
    yield slice();
  }
  return out;
}

export function closeReader(cms: CmsSession, keep: boolean): void {
  cms.guest.storage.writeU32(SPOOL_PLIST, keep ? 0x80000000 : 0);
  cms.diag(0x14, SPOOL_PLIST, 0x08);
}

/** Write records as a file on a R/W disk. */
function writeFile(
  cms: CmsSession,
  module: string,
  fn: string,
  ft: string,
  fm: string,
  recfm: 'F' | 'V',
  lrecl: number,
  records: Uint8Array[],
  replace: boolean,
  append = false,
): number {
  const mode = parseMode(fm);
  if (mode === undefined || mode === '*') {
    cms.message(module, '048', fm);
    return 24;
  }
  const acc = cms.disks.get(mode.letter);
  if (!acc) {
    cms.message(module, '069', mode.letter);
    return 36;
  }
  if (acc.readOnly) {
    cms.message(module, '037', mode.letter);
    return 36;
  }
  if (!replace && !append && acc.disk.find(fn, ft)) {
    cms.message(module, '024', `${fn} ${ft} ${fm}`);
    return 28;
  }
  try {
    const w = acc.disk.openForWrite(fn, ft, {
      recfm,
      lrecl,
      modeNumber: mode.number ?? 1,
      append: append && !!acc.disk.find(fn, ft),
      now: cms.now(),
    });
    for (const r of records)
      w.write(recfm === 'F' ? textRecordBytes(r, lrecl) : r.length === 0 ? Uint8Array.of(0x40) : r);
    w.close();
  } catch (err) {
    return cms.fsFailure(module, err, `${fn} ${ft} ${fm}`);
  }
  return 0;
}

function textRecordBytes(r: Uint8Array, lrecl: number): Uint8Array {
  if (r.length === lrecl) return r;
  const out = new Uint8Array(lrecl).fill(0x40);
  out.set(r.subarray(0, lrecl));
  return out;
}

/** A `:READ` card: the fileid in it. */
function parseReadCard(card: Uint8Array): { fn: string; ft: string; fm: string } | undefined {
  const text = fromEbcdic(card);
  if (!text.startsWith(':READ')) return undefined;
  const field = (a: number, b: number): string => text.slice(a - 1, b - 1).trim();
  return { fn: field(8, 16), ft: field(17, 25), fm: field(26, 28) || 'A1' };
}

// ---- DISK DUMP format ----

function dumpDeck(f: FoundFile): Uint8Array[] {
  const s = stamp(f.fst.written);
  const header = textRecord(
    `:DISKDUMP ${f.fst.filename} ${f.fst.filetype} ${f.acc.letter}${f.fst.modeNumber} ${f.fst.recfm} ${f.fst.lrecl} ${f.fst.records} ${s.date} ${s.time}`,
    'F',
    80,
  );
  const records = f.acc.disk.readRecords(f.fst.filename, f.fst.filetype);
  const total = records.reduce((n, r) => n + 2 + r.length, 0);
  const stream = new Uint8Array(total);
  let at = 0;
  for (const r of records) {
    stream[at] = r.length >> 8;
    stream[at + 1] = r.length & 255;
    stream.set(r, at + 2);
    at += 2 + r.length;
  }
  const deck = [header];
  for (let p = 0; p < stream.length; p += DUMP_DATA) {
    const card = new Uint8Array(80);
    card.set(DUMP_ID, 0);
    card.set(stream.subarray(p, p + DUMP_DATA), 4);
    deck.push(card);
  }
  return deck;
}

/** A DISK DUMP deck (SENDFILE, DISK DUMP) back into its file, or undefined when the deck is not one. */
export function parseDump(
  cards: Uint8Array[],
): { fn: string; ft: string; fm: string; recfm: 'F' | 'V'; lrecl: number; records: Uint8Array[] } | undefined {
  if (cards.length === 0) return undefined;
  const h = fromEbcdic(cards[0]).trim().split(/\s+/);
  if (h[0] !== ':DISKDUMP' || h.length < 7) return undefined;
  const count = Number(h[6]);
  const stream = new Uint8Array((cards.length - 1) * DUMP_DATA);
  cards.slice(1).forEach((c, i) => stream.set(c.subarray(4, 80), i * DUMP_DATA));
  const records: Uint8Array[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    const len = (stream[at] << 8) | stream[at + 1];
    records.push(stream.slice(at + 2, at + 2 + len));
    at += 2 + len;
  }
  return { fn: h[1], ft: h[2], fm: h[3], recfm: h[4] === 'V' ? 'V' : 'F', lrecl: Number(h[5]), records };
}

// ---- commands ----

function* readcard(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  const replace = !options.includes('NOREPLACE');
  const file = selectReader(cms, 0);
  if (!file) {
    cms.message('RDC', '701');
    return 8;
  }
  const records = (yield* readAll(cms)).map((r) => r.data);
  closeReader(cms, false);
  if (records.length === 0) {
    cms.message('RDC', '701');
    return 0;
  }
  const named = parseReadCard(records[0]);
  let fn = operands[0];
  let ft = operands[1];
  let fm = operands[2] ?? 'A1';
  let body = records;
  if (named) {
    body = records.slice(1);
    if (fn === undefined || fn === '*') ({ fn, ft, fm } = named);
  }
  if (fn === undefined || fn === '*') {
    fn = 'READCARD';
    ft = 'CMSUT1';
    fm = 'A1';
  }
  if (ft === undefined) {
    cms.message('RDC', '054');
    return 24;
  }
  if (fm.length === 1) fm += '1';
  cms.message('RDC', '738', 80);
  return writeFile(cms, 'RDC', fn, ft, fm, 'F', 80, body, replace);
}

function* diskCommand(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands } = splitOptions(tokens);
  const fn = operands[0];
  if (fn === 'DUMP') {
    const id = fileIdOperands(cms, 'DSK', operands, 1, { defaultMode: 'A', patterns: false });
    if (typeof id === 'number') return id;
    const f = cms.findFile(id.fn, id.ft, id.mode);
    if (!f) {
      cms.message('DSK', '002', `${id.fn} ${id.ft} ${id.fmText}`);
      return 28;
    }
    if (!deviceExists(cms, PUNCH)) {
      cms.message('DSK', '113', 'PUNCH (00D)');
      return 100;
    }
    const rc = yield* writeUnitRecord(cms, PUNCH, dumpDeck(f), 0x01);
    if (rc !== 0) return rc;
    return cms.cp(`CLOSE 00D NAME ${f.fst.filename} ${f.fst.filetype}`).rc;
  }
  if (fn === 'LOAD') {
    const file = selectReader(cms, 0);
    if (!file) {
      cms.message('DSK', '701');
      return 8;
    }
    const recs = (yield* readAll(cms)).map((r) => r.data);
    const dump = parseDump(recs);
    if (!dump) {
      closeReader(cms, true);
      cms.message('DSK', '070', 'LOAD');
      return 32;
    }
    closeReader(cms, false);
    return writeFile(cms, 'DSK', dump.fn, dump.ft, `A${dump.fm[1] ?? '1'}`, dump.recfm, dump.lrecl, dump.records, true);
  }
  cms.message('DSK', fn === undefined ? '047' : '014', fn ?? '');
  return 24;
}

function* receive(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  const replace = options.includes('REPLACE') || options.includes('REP');
  let spoolid = 0;
  let rest = operands;
  if (operands[0] !== undefined && /^\d+$/.test(operands[0])) {
    spoolid = Number(operands[0]);
    rest = operands.slice(1);
  }
  const file = selectReader(cms, spoolid);
  if (!file) {
    cms.message('RCV', '002', spoolid ? `spool file ${spoolid}` : 'reader file');
    return 28;
  }
  const recs = (yield* readAll(cms)).map((r) => r.data);
  const dump = parseDump(recs);
  let rc: number;
  let fn: string;
  let ft: string;
  if (dump) {
    fn = rest[0] && rest[0] !== '=' ? rest[0] : dump.fn;
    ft = rest[1] && rest[1] !== '=' ? rest[1] : dump.ft;
    rc = writeFile(cms, 'RCV', fn, ft, rest[2] ?? 'A1', dump.recfm, dump.lrecl, dump.records, replace);
  } else if (file.type === 'NOTE') {
    fn = 'ALL';
    ft = 'NOTEBOOK';
    const lines = [`From ${file.from}:`, ...recs.map((r) => recordText(r).trimEnd())].map((l) =>
      textRecord(l, 'V', 255),
    );
    rc = writeFile(cms, 'RCV', fn, ft, 'A1', 'V', 255, lines, false, true);
    for (const l of lines) cms.say(recordText(l));
  } else {
    const named = parseReadCard(recs[0] ?? new Uint8Array(0));
    const body = named ? recs.slice(1) : recs;
    fn = rest[0] ?? named?.fn ?? (file.name || 'READCARD');
    ft = rest[1] ?? named?.ft ?? (file.type || 'CMSUT1');
    rc = writeFile(cms, 'RCV', fn, ft, rest[2] ?? 'A1', 'F', 80, body, replace);
  }
  if (rc !== 0) {
    closeReader(cms, true);
    return rc;
  }
  closeReader(cms, false);
  cms.message('RCV', '763', fn, ft, file.from);
  return 0;
}

function* sendfile(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands } = splitOptions(tokens);
  const ops = operands.filter((t) => t !== 'TO');
  const id = fileIdOperands(cms, 'SND', ops, 0, { defaultMode: 'A', patterns: false });
  if (typeof id === 'number') return id;
  const user = ops[3] ?? ops[2];
  if (user === undefined || ops.length < 4) {
    cms.message('SND', '005', 'USERID');
    return 24;
  }
  const f = cms.findFile(id.fn, id.ft, id.mode);
  if (!f) {
    cms.message('SND', '002', `${id.fn} ${id.ft} ${id.fmText}`);
    return 28;
  }
  const spool = cms.cp(`SPOOL 00D TO ${user}`, true);
  if (spool.rc !== 0) {
    for (const l of spool.lines) cms.say(l);
    cms.message('SND', '638', user);
    return spool.rc;
  }
  const rc = yield* writeUnitRecord(cms, PUNCH, dumpDeck(f), 0x01);
  cms.cp(`CLOSE 00D NAME ${f.fst.filename} ${f.fst.filetype}`, true);
  cms.cp('SPOOL 00D *', true);
  if (rc !== 0) return rc;
  const now = cms.clock();
  cms.say(
    `File ${f.fst.filename} ${f.fst.filetype} ${f.acc.letter}${f.fst.modeNumber} sent to ${user} on ${now.date} ${now.time}`,
  );
  return 0;
}

function* note(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const user = tokens[0];
  if (user === undefined) {
    cms.message('NOT', '005', 'USERID');
    return 24;
  }
  cms.say('Enter the note; a null line ends it:');
  const lines: string[] = [];
  for (;;) {
    const l = yield* cms.readLine();
    if (l.length === 0) break;
    lines.push(l);
  }
  if (lines.length === 0) return 0;
  const spool = cms.cp(`SPOOL 00D TO ${user}`, true);
  if (spool.rc !== 0) {
    cms.message('NOT', '638', user);
    return spool.rc;
  }
  const rc = yield* writeUnitRecord(
    cms,
    PUNCH,
    lines.map((l) => textRecord(l, 'F', 80)),
    0x01,
  );
  cms.cp(`CLOSE 00D NAME ${cms.userid || 'NOTE'} NOTE`, true);
  cms.cp('SPOOL 00D *', true);
  if (rc !== 0) return rc;
  cms.say(`Note sent to ${user}`);
  return 0;
}

// eslint-disable-next-line require-yield
function* tell(cms: CmsSession, raw: string): CmsGen<number> {
  const m = /^\s*(\S+)\s*(.*)$/.exec(raw);
  if (!m) {
    cms.message('TEL', '005', 'USERID');
    return 24;
  }
  return cms.cp(`MSG ${m[1].toUpperCase()} ${m[2]}`).rc;
}

function* peek(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const spoolid = tokens[0] && /^\d+$/.test(tokens[0]) ? Number(tokens[0]) : 0;
  const file = selectReader(cms, spoolid);
  if (!file) {
    cms.message('PEK', '002', spoolid ? `spool file ${spoolid}` : 'reader file');
    return 28;
  }
  cms.say(`${file.name} ${file.type} (spoolid ${file.spoolid} from ${file.from}, ${file.records} records)`);
  const recs = yield* readAll(cms, 200);
  closeReader(cms, true);
  for (const r of recs.slice(0, 200)) cms.say(recordText(r.data).trimEnd());
  return 0;
}

// eslint-disable-next-line require-yield
function* rdrlist(cms: CmsSession): CmsGen<number> {
  const r = cms.cp('QUERY RDR * ALL', true);
  for (const l of r.lines) cms.say(l);
  return r.rc;
}

export const SPOOL_COMMANDS: CommandDef[] = [
  command('PRINT', 'PR', (cms, c) => printFile(cms, c.tokens)),
  command('PUNCH', 'PU', (cms, c) => punchFile(cms, c.tokens)),
  command('READCARD', 'READ', (cms, c) => readcard(cms, c.tokens)),
  command('DISK', 'DISK', (cms, c) => diskCommand(cms, c.tokens)),
  command('RECEIVE', 'RECEIVE', (cms, c) => receive(cms, c.tokens)),
  command('SENDFILE', 'SENDFILE', (cms, c) => sendfile(cms, c.tokens)),
  command('SF', 'SF', (cms, c) => sendfile(cms, c.tokens)),
  command('NOTE', 'NOTE', (cms, c) => note(cms, c.tokens)),
  command('TELL', 'TELL', (cms, c) => tell(cms, c.raw)),
  command('PEEK', 'PEEK', (cms, c) => peek(cms, c.tokens)),
  command('RDRLIST', 'RDRL', (cms) => rdrlist(cms)),
];
