// File commands: LISTFILE, STATE/STATEW/ESTATE/ESTATEW, TYPE, ERASE,
// RENAME, COMPARE, SORT (cms.md (c); messages in cms/messages.ts).

import { fromEbcdic } from '../../s390/ebcdic.js';
import type { CmsSession, FoundFile } from '../nucleus/session.js';
import { abbrev, splitOptions } from '../nucleus/fileid.js';
import { slice, type CmsGen } from '../nucleus/task.js';
import { decimal, fileIdOperands, fileIdText, recordText, stamp, textRecord } from './common.js';
import { command, type CommandDef } from './table.js';

/** Lines typed between slices, so long output never holds the virtual machine. */
const LINES_PER_SLICE = 256;

type Detail = 0 | 1 | 2 | 3 | 4 | 5;
const DETAIL = { FNAME: 0, FTYPE: 0, FMODE: 0, FORMAT: 1, ALLOC: 2, DATE: 3, LABEL: 4 } as const;

/** LISTFILE options: name, minimum abbreviation length, the detail it asks for. */
const LISTFILE_OPTIONS: [string, number, Detail][] = [
  ['HEADER', 1, 0],
  ['NOHEADER', 3, 0],
  ['EXEC', 1, 0],
  ['APPEND', 2, 0],
  ['FNAME', 2, 0],
  ['FTYPE', 2, 0],
  ['FMODE', 2, 0],
  ['FORMAT', 2, DETAIL.FORMAT],
  ['ALLOC', 2, DETAIL.ALLOC],
  ['DATE', 1, DETAIL.DATE],
  ['LABEL', 1, DETAIL.LABEL],
];

function* listfile(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  let detail: Detail = 0;
  let header: boolean | undefined;
  let exec = false;
  let append = false;
  let stack: 'FIFO' | 'LIFO' | undefined;
  const seen = new Set<string>();
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    let key: string;
    if (o === 'STACK' || o === 'FIFO' || o === 'LIFO') {
      stack = o === 'LIFO' ? 'LIFO' : 'FIFO';
      key = 'STACK';
      if (o === 'STACK' && (options[i + 1] === 'FIFO' || options[i + 1] === 'LIFO')) {
        stack = options[++i] as 'FIFO' | 'LIFO';
      }
    } else {
      const row = LISTFILE_OPTIONS.find(([name, min]) => abbrev(name, o, min));
      if (!row) {
        cms.message('LST', '003', o);
        return 24;
      }
      key = row[0];
      if (key === 'HEADER') header = true;
      else if (key === 'NOHEADER') header = false;
      else if (key === 'EXEC') exec = true;
      else if (key === 'APPEND') append = true;
      detail = Math.max(detail, row[2]) as Detail;
    }
    if (seen.has(key)) {
      cms.message('LST', '065', key);
      return 24;
    }
    seen.add(key);
  }
  if ((exec || append) && stack) {
    cms.message('LST', '066', exec ? 'EXEC' : 'APPEND', 'STACK');
    return 24;
  }
  if (exec && append) {
    cms.message('LST', '066', 'EXEC', 'APPEND');
    return 24;
  }
  const ops = [operands[0] ?? '*', operands[1] ?? '*', ...operands.slice(2)];
  if (operands.length > 3) {
    cms.message('LST', '070', operands[3]);
    return 24;
  }
  const id = fileIdOperands(cms, 'LST', ops, 0, { defaultMode: 'A', patterns: true });
  if (typeof id === 'number') return id;
  const found = cms.listFiles(id.fn, id.ft, id.mode);
  if (found.length === 0) {
    cms.message('LST', '002L');
    return 28;
  }
  const lines: string[] = [];
  if (!(exec || append || stack) && (header ?? detail >= DETAIL.DATE)) {
    let h = 'FILENAME FILETYPE FM';
    if (detail >= DETAIL.FORMAT) h += ' FORMAT LRECL';
    if (detail >= DETAIL.ALLOC) h += '       RECS     BLOCKS';
    if (detail >= DETAIL.DATE) h += '   DATE     TIME';
    if (detail >= DETAIL.LABEL) h += '     LABEL';
    lines.push(h);
  }
  const execLines: string[] = [];
  for (const f of found) {
    const fm = `${f.acc.letter}${f.fst.modeNumber}`;
    let line = `${f.fst.filename.padEnd(8)} ${f.fst.filetype.padEnd(8)} ${fm}`;
    if (detail >= DETAIL.FORMAT) line += ` ${f.fst.recfm} ${String(f.fst.lrecl).padStart(10)}`;
    if (detail >= DETAIL.ALLOC)
      line += ` ${String(f.fst.records).padStart(10)} ${String(f.fst.dataBlocks).padStart(10)}`;
    if (detail >= DETAIL.DATE) {
      const s = stamp(f.fst.written);
      line += ` ${s.date} ${s.time}`;
    }
    if (detail >= DETAIL.LABEL) line += ` ${f.acc.disk.volser}`;
    if (exec || append) execLines.push(`&1 &2 ${line.slice(0, 20)}${line.slice(20)}`);
    else lines.push(line);
  }
  if (stack) {
    for (const l of lines)
      if (stack === 'LIFO') cms.stack.push(l);
      else cms.stack.queue(l);
    return 0;
  }
  if (exec || append) {
    const target = cms.disks.get('A');
    if (!target || target.readOnly) {
      cms.message('LST', '037', 'A');
      return 36;
    }
    try {
      const w = target.disk.openForWrite('CMS', 'EXEC', { recfm: 'F', lrecl: 80, append, now: cms.now() });
      for (const l of execLines) w.write(textRecord(l, 'F', 80));
      w.close();
    } catch (err) {
      return cms.fsFailure('LST', err, 'CMS EXEC A1');
    }
    return 0;
  }
  for (let i = 0; i < lines.length; i++) {
    cms.say(lines[i]);
    if (i % LINES_PER_SLICE === LINES_PER_SLICE - 1) yield slice();
  }
  return 0;
}

/** STATE and its relatives: rc 0 when the file exists. */
// eslint-disable-next-line require-yield
function* state(cms: CmsSession, tokens: readonly string[], writable: boolean, quiet: boolean): CmsGen<number> {
  const { operands } = splitOptions(tokens);
  const msg = (n: string, ...a: string[]): void => {
    if (!quiet) cms.message('STT', n, ...a);
  };
  const id = fileIdOperands(cms, 'STT', operands, 0, { defaultMode: '*', patterns: true, quiet });
  if (typeof id === 'number') return id;
  const found = cms.listFiles(id.fn, id.ft, id.mode);
  const typed = `${id.fn} ${id.ft} ${operands[2] ?? '*'}`;
  if (found.length === 0) {
    msg('002', typed);
    return 28;
  }
  if (writable && !found.some((f) => !f.acc.readOnly)) {
    msg('037', found[0].acc.letter);
    return 36;
  }
  storeFst(cms, found[0]);
  return 0;
}

/** Leave the FST of the file found where FSSTATE/STATE callers look (R1 → FST_COPY). */
export function storeFst(cms: CmsSession, f: FoundFile): number {
  return cms.loader.storeFst(cms, f);
}

function* type(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  const id = fileIdOperands(cms, 'TYP', operands, 0, { defaultMode: 'A', patterns: false });
  if (typeof id === 'number') return id;
  let hex = false;
  let col: [number, number] | undefined;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (o === 'HEX') hex = true;
    else if (o === 'COL') {
      const m = /^(\d+)(?:-(\d+))?$/.exec(options[++i] ?? '');
      if (!m || Number(m[1]) < 1 || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
        cms.message('TYP', '029', options[i] ?? '', 'COL');
        return 24;
      }
      col = [Number(m[1]), m[2] === undefined ? Infinity : Number(m[2])];
    } else {
      cms.message('TYP', '003', o);
      return 24;
    }
  }
  let first = 1;
  let last = Infinity;
  if (operands.length > 3) {
    const a = operands[3] === '*' ? 1 : decimal(operands[3]);
    if (a === undefined || a < 1) {
      cms.message('TYP', '070', operands[3]);
      return 24;
    }
    first = a;
    if (operands.length > 4) {
      const b = operands[4] === '*' ? Infinity : decimal(operands[4]);
      if (b === undefined || b < first) {
        cms.message('TYP', '070', operands[4]);
        return 24;
      }
      last = b;
    }
  }
  const f = cms.findFile(id.fn, id.ft, id.mode);
  if (!f) {
    cms.message('TYP', '002', `${id.fn} ${id.ft} ${id.fmText}`);
    return 28;
  }
  const reader = f.acc.disk.openForRead(f.fst.filename, f.fst.filetype);
  let n = 0;
  let typed = 0;
  for (let r = reader.next(); r; r = reader.next()) {
    n++;
    if (n < first) continue;
    if (n > last) break;
    let rec = r;
    if (col) rec = rec.subarray(col[0] - 1, Math.min(rec.length, col[1]));
    if (hex) {
      const h = [...rec].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
      cms.say(h.replace(/(.{8})/g, '$1 ').trimEnd());
    } else cms.say(recordText(rec).trimEnd());
    if (++typed % LINES_PER_SLICE === 0) yield slice();
  }
  return 0;
}

function* erase(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  let list = false;
  for (const o of options) {
    if (abbrev('TYPE', o, 1)) list = true;
    else if (abbrev('NOTYPE', o, 3)) list = false;
    else {
      cms.message('ERS', '003', o);
      return 24;
    }
  }
  const id = fileIdOperands(cms, 'ERS', operands, 0, { defaultMode: 'A', patterns: true });
  if (typeof id === 'number') return id;
  if (id.mode !== '*') {
    const acc = cms.disks.get(id.mode.letter)!;
    if (acc.readOnly) {
      cms.message('ERS', '037', acc.letter);
      return 36;
    }
  }
  const found = cms.listFiles(id.fn, id.ft, id.mode).filter((f) => !f.acc.readOnly && !f.acc.parent);
  if (found.length === 0) {
    cms.message('ERS', '002', `${id.fn} ${id.ft} ${id.fmText}`);
    return 28;
  }
  const now = cms.now();
  let n = 0;
  for (const f of found) {
    try {
      f.acc.disk.erase(f.fst.filename, f.fst.filetype, now);
    } catch (err) {
      return cms.fsFailure('ERS', err, fileIdText(f));
    }
    if (list) cms.say(`${f.fst.filename} ${f.fst.filetype} ${f.acc.letter}${f.fst.modeNumber}`);
    if (++n % 64 === 0) yield slice();
  }
  return 0;
}

// eslint-disable-next-line require-yield
function* rename(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  for (const o of options) {
    if (!['TYPE', 'NOTYPE', 'UPDIRT', 'NOUPDIRT', 'T', 'NOT', 'UP', 'NOUP'].includes(o)) {
      cms.message('RNM', '003', o);
      return 24;
    }
  }
  if (operands.length < 6) {
    cms.message('RNM', operands.length === 0 ? '001' : '054');
    return 24;
  }
  const from = fileIdOperands(cms, 'RNM', operands, 0, { defaultMode: 'A', patterns: false, needMode: true });
  if (typeof from === 'number') return from;
  if (from.mode === '*') {
    cms.message('RNM', '048', '*');
    return 24;
  }
  const to = operands.slice(3, 6).map((t, i) => (t === '=' ? [from.fn, from.ft, operands[2]][i] : t));
  const toId = fileIdOperands(cms, 'RNM', to, 0, { defaultMode: 'A', patterns: false, needMode: true });
  if (typeof toId === 'number') return toId;
  if (toId.mode === '*' || toId.mode.letter !== from.mode.letter) {
    cms.message('RNM', '048', to[2]);
    return 24;
  }
  const f = cms.findFile(from.fn, from.ft, from.mode);
  if (!f) {
    cms.message('RNM', '002', `${from.fn} ${from.ft} ${from.fmText}`);
    return 28;
  }
  if (f.acc.readOnly) {
    cms.message('RNM', '037', f.acc.letter);
    return 36;
  }
  if (from.fn === toId.fn && from.ft === toId.ft && toId.mode.number === undefined) {
    cms.message('RNM', '019');
    return 24;
  }
  if ((from.fn !== toId.fn || from.ft !== toId.ft) && f.acc.disk.find(toId.fn, toId.ft)) {
    cms.message('RNM', '024', `${toId.fn} ${toId.ft} ${to[2]}`);
    return 28;
  }
  try {
    if (from.fn !== toId.fn || from.ft !== toId.ft) f.acc.disk.rename(from.fn, from.ft, toId.fn, toId.ft, cms.now());
    if (toId.mode.number !== undefined && toId.mode.number !== f.fst.modeNumber) {
      setModeNumber(f, toId.fn, toId.ft, toId.mode.number);
    }
  } catch (err) {
    return cms.fsFailure('RNM', err, fileIdText(f));
  }
  return 0;
}

/** Change a file's mode number by rewriting it (the file system keeps the number in the FST). */
function setModeNumber(f: FoundFile, fn: string, ft: string, modeNumber: number): void {
  const disk = f.acc.disk;
  const records = disk.readRecords(fn, ft);
  const fst = disk.find(fn, ft)!;
  const w = disk.openForWrite(fn, ft, { recfm: fst.recfm, lrecl: fst.lrecl, modeNumber, now: fst.written });
  for (const r of records) w.write(r);
  w.close();
}

function* compare(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  let col: [number, number] | undefined;
  for (let i = 0; i < options.length; i++) {
    if (options[i] === 'COL') {
      const m = /^(\d+)(?:-(\d+))?$/.exec(options[++i] ?? '');
      if (!m) {
        cms.message('CMP', '029', options[i] ?? '', 'COL');
        return 24;
      }
      col = [Number(m[1]), m[2] === undefined ? Infinity : Number(m[2])];
    } else {
      cms.message('CMP', '003', options[i]);
      return 24;
    }
  }
  if (operands.length < 6) {
    cms.message('CMP', operands.length === 0 ? '001' : '054');
    return 24;
  }
  const a = fileIdOperands(cms, 'CMP', operands, 0, { defaultMode: 'A', patterns: false });
  if (typeof a === 'number') return a;
  const b = fileIdOperands(
    cms,
    'CMP',
    operands.slice(3, 6).map((t, i) => (t === '=' ? operands[i] : t)),
    0,
    { defaultMode: 'A', patterns: false },
  );
  if (typeof b === 'number') return b;
  const fa = cms.findFile(a.fn, a.ft, a.mode);
  const fb = cms.findFile(b.fn, b.ft, b.mode);
  if (!fa || !fb) {
    const miss = !fa ? a : b;
    cms.message('CMP', '002', `${miss.fn} ${miss.ft} ${miss.fmText}`);
    return 28;
  }
  const ra = fa.acc.disk.openForRead(fa.fst.filename, fa.fst.filetype);
  const rb = fb.acc.disk.openForRead(fb.fst.filename, fb.fst.filetype);
  let differ = false;
  let n = 0;
  for (;;) {
    const x = ra.next();
    const y = rb.next();
    if (!x && !y) break;
    const cut = (r: Uint8Array | undefined): string =>
      r ? fromEbcdic(col ? r.subarray(col[0] - 1, Math.min(r.length, col[1])) : r) : '';
    const tx = cut(x);
    const ty = cut(y);
    if (tx.trimEnd() !== ty.trimEnd() || !x || !y) {
      differ = true;
      cms.say(tx.trimEnd());
      cms.say(ty.trimEnd());
    }
    if (++n % 1024 === 0) yield slice();
  }
  if (differ) {
    cms.message('CMP', '209');
    return 4;
  }
  return 0;
}

function* sort(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  if (options.length > 0) {
    cms.message('SRT', '003', options[0]);
    return 24;
  }
  if (operands.length < 6) {
    cms.message('SRT', operands.length === 0 ? '001' : '054');
    return 24;
  }
  const a = fileIdOperands(cms, 'SRT', operands, 0, { defaultMode: 'A', patterns: false });
  if (typeof a === 'number') return a;
  const outOps = operands.slice(3, 6).map((t, i) => (t === '=' ? operands[i] : t));
  const b = fileIdOperands(cms, 'SRT', outOps, 0, { defaultMode: 'A', patterns: false });
  if (typeof b === 'number') return b;
  const fa = cms.findFile(a.fn, a.ft, a.mode);
  if (!fa) {
    cms.message('SRT', '002', `${a.fn} ${a.ft} ${a.fmText}`);
    return 28;
  }
  if (b.mode === '*' || cms.disks.get(b.mode.letter)!.readOnly) {
    cms.message('SRT', '037', b.mode === '*' ? '*' : b.mode.letter);
    return 36;
  }
  const target = cms.disks.get(b.mode.letter)!;
  if (target.disk.find(b.fn, b.ft)) {
    cms.message('SRT', '024', `${b.fn} ${b.ft} ${b.fmText}`);
    return 28;
  }
  cms.message('SRT', '604');
  const spec = (yield* cms.readLine()).trim().split(/\s+/).map(Number);
  if (spec.length < 2 || spec.length % 2 !== 0 || spec.some((n) => !Number.isInteger(n) || n < 1)) {
    cms.message('SRT', '070', spec.join(' '));
    return 24;
  }
  const records = fa.acc.disk.readRecords(fa.fst.filename, fa.fst.filetype);
  // EBCDIC collating order: compare the bytes, not the host characters.
  const keyBytes = (r: Uint8Array): number[] => {
    const out: number[] = [];
    for (let i = 0; i < spec.length; i += 2) out.push(...r.subarray(spec[i] - 1, spec[i + 1]));
    return out;
  };
  const sorted = records
    .map((r, i) => ({ r, k: keyBytes(r), i }))
    .sort((x, y) => {
      for (let i = 0; i < Math.max(x.k.length, y.k.length); i++) {
        const d = (x.k[i] ?? 0x40) - (y.k[i] ?? 0x40);
        if (d !== 0) return d;
      }
      return x.i - y.i;
    });
  try {
    const w = target.disk.openForWrite(b.fn, b.ft, { recfm: fa.fst.recfm, lrecl: fa.fst.lrecl, now: cms.now() });
    for (const s of sorted) w.write(s.r);
    w.close();
  } catch (err) {
    return cms.fsFailure('SRT', err, `${b.fn} ${b.ft} ${b.fmText}`);
  }
  return 0;
}

export const FILE_COMMANDS: CommandDef[] = [
  command('LISTFILE', 'L', (cms, c) => listfile(cms, c.tokens)),
  command('STATE', 'STATE', (cms, c) => state(cms, c.tokens, false, false)),
  command('STATEW', 'STATEW', (cms, c) => state(cms, c.tokens, true, false)),
  command('ESTATE', 'ESTATE', (cms, c) => state(cms, c.tokens, false, true)),
  command('ESTATEW', 'ESTATEW', (cms, c) => state(cms, c.tokens, true, true)),
  command('TYPE', 'T', (cms, c) => type(cms, c.tokens)),
  command('ERASE', 'ERASE', (cms, c) => erase(cms, c.tokens)),
  command('RENAME', 'REN', (cms, c) => rename(cms, c.tokens)),
  command('COMPARE', 'COMP', (cms, c) => compare(cms, c.tokens)),
  command('SORT', 'SORT', (cms, c) => sort(cms, c.tokens)),
];
