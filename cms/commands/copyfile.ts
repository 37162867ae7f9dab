// COPYFILE (cms.md (c)): copy, concatenate, reformat. The copy is
// resumable: it yields a slice every few thousand records, and the output
// file is committed only at the end (cms/fs: the old file or the new one,
// never half of it), so HX or a crash mid-copy leaves the disk as it was.

import { toEbcdic, fromEbcdic } from '../../s390/ebcdic.js';
import type { RecordWriter } from '../fs/disk.js';
import type { AccessedDisk, CmsSession, FoundFile } from '../nucleus/session.js';
import { abbrev, badCharacter, parseMode, splitOptions } from '../nucleus/fileid.js';
import { slice, type CmsGen } from '../nucleus/task.js';
import { decimal, fileIdText, fitRecord } from './common.js';
import { command, type CommandDef } from './table.js';
import { packRecords, unpackRecords, isPacked } from './pack.js';

const RECORDS_PER_SLICE = 4096;

interface CopyOptions {
  type: boolean;
  newDate: boolean;
  replace: boolean;
  newFile: boolean;
  append: boolean;
  from?: number;
  for?: number;
  recfm?: 'F' | 'V';
  lrecl?: number;
  trunc?: boolean;
  pack: boolean;
  unpack: boolean;
  fill: number;
  upcase: boolean;
  lowcase: boolean;
}

/** Option words: [name, minimum abbreviation, takes a value]. */
const OPTIONS: [string, string, boolean][] = [
  ['TYPE', 'T', false],
  ['NOTYPE', 'NOT', false],
  ['NEWDATE', 'NEWD', false],
  ['OLDDATE', 'OLDD', false],
  ['NEWFILE', 'NEWF', false],
  ['REPLACE', 'REP', false],
  ['APPEND', 'AP', false],
  ['FROM', 'FR', true],
  ['FOR', 'FOR', true],
  ['RECFM', 'REC', true],
  ['LRECL', 'LR', true],
  ['TRUNC', 'TRU', false],
  ['NOTRUNC', 'NOTRU', false],
  ['PACK', 'PA', false],
  ['UNPACK', 'UNP', false],
  ['FILL', 'FI', true],
  ['UPCASE', 'UP', false],
  ['LOWCASE', 'LO', false],
  ['PROMPT', 'PR', false],
  ['NOPROMPT', 'NOPR', false],
];

/** Pairs that cannot be given together (DMSCPY066E). */
const CONFLICTS: [string, string][] = [
  ['TYPE', 'NOTYPE'],
  ['NEWDATE', 'OLDDATE'],
  ['NEWFILE', 'REPLACE'],
  ['APPEND', 'REPLACE'],
  ['APPEND', 'NEWFILE'],
  ['APPEND', 'RECFM'],
  ['APPEND', 'LRECL'],
  ['APPEND', 'PACK'],
  ['APPEND', 'UNPACK'],
  ['PACK', 'UNPACK'],
  ['PACK', 'RECFM'],
  ['PACK', 'LRECL'],
  ['PACK', 'FROM'],
  ['PACK', 'FOR'],
  ['UNPACK', 'RECFM'],
  ['UNPACK', 'LRECL'],
  ['UPCASE', 'LOWCASE'],
  ['TRUNC', 'NOTRUNC'],
];

function parseOptions(cms: CmsSession, words: readonly string[]): CopyOptions | number {
  const given = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const row = OPTIONS.find(([name, min]) => abbrev(name, words[i], min.length));
    if (!row) {
      cms.message('CPY', '003', words[i]);
      return 24;
    }
    const [name, , takesValue] = row;
    if (given.has(name)) {
      cms.message('CPY', '065', name);
      return 24;
    }
    let value = '';
    if (takesValue) {
      value = words[++i] ?? '';
      if (value === '') {
        cms.message('CPY', '005', name);
        return 24;
      }
    }
    given.set(name, value);
  }
  for (const [a, b] of CONFLICTS) {
    if (given.has(a) && given.has(b)) {
      cms.message('CPY', '066', a, b);
      return 24;
    }
  }
  const o: CopyOptions = {
    type: given.has('TYPE'),
    newDate: !given.has('OLDDATE'),
    replace: given.has('REPLACE'),
    newFile: given.has('NEWFILE'),
    append: given.has('APPEND'),
    pack: given.has('PACK'),
    unpack: given.has('UNPACK'),
    fill: 0x40,
    upcase: given.has('UPCASE'),
    lowcase: given.has('LOWCASE'),
  };
  if (given.has('TRUNC')) o.trunc = true;
  if (given.has('NOTRUNC')) o.trunc = false;
  for (const [name, field] of [
    ['FROM', 'from'],
    ['FOR', 'for'],
    ['LRECL', 'lrecl'],
  ] as const) {
    if (!given.has(name)) continue;
    const n = decimal(given.get(name));
    if (n === undefined || n < 1 || (name === 'LRECL' && n > 65535)) {
      cms.message('CPY', '029', given.get(name)!, name);
      return 24;
    }
    o[field] = n;
  }
  if (given.has('RECFM')) {
    const r = given.get('RECFM');
    if (r !== 'F' && r !== 'V') {
      cms.message('CPY', '029', r!, 'RECFM');
      return 24;
    }
    o.recfm = r;
  }
  if (given.has('FILL')) {
    const f = given.get('FILL')!;
    if (f.length === 1) o.fill = toEbcdic(f)[0];
    else if (/^[0-9A-F]{2}$/.test(f)) o.fill = parseInt(f, 16);
    else {
      cms.message('CPY', '029', f, 'FILL');
      return 24;
    }
  }
  return o;
}

function* copyfile(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options: optionWords } = splitOptions(tokens);
  const o = parseOptions(cms, optionWords);
  if (typeof o === 'number') return o;
  if (operands.length === 0) {
    cms.message('CPY', '001');
    return 24;
  }
  if (operands.length % 3 !== 0) {
    cms.message('CPY', '054');
    return 24;
  }
  const ids: string[][] = [];
  for (let i = 0; i < operands.length; i += 3) ids.push(operands.slice(i, i + 3));
  for (const id of ids) {
    for (const name of id.slice(0, 2)) {
      if (name === '=' || name.includes('*')) continue;
      const bad = badCharacter(name);
      if (bad !== undefined) {
        cms.message('CPY', '062', bad, `${id[0]} ${id[1]}`);
        return 20;
      }
    }
    if (id[2] !== '=' && parseMode(id[2]) === undefined) {
      cms.message('CPY', '048', id[2]);
      return 24;
    }
  }
  const single = ids.length === 1;
  const outId = single ? ['=', '=', '='] : ids[ids.length - 1];
  const inIds = single ? ids : ids.slice(0, -1);
  // Every input file, in order.
  const inputs: FoundFile[] = [];
  for (const id of inIds) {
    const mode = parseMode(id[2])!;
    if (mode !== '*' && !cms.disks.has(mode.letter)) {
      cms.message('CPY', '069', mode.letter);
      return 36;
    }
    const found = cms.listFiles(id[0], id[1], mode);
    if (found.length === 0) {
      cms.message('CPY', '002', id.join(' '));
      return 28;
    }
    inputs.push(...found);
  }
  const perFile = outId.some((t) => t === '=' || t.includes('*')) && inputs.length > 1;
  const replace = o.replace || single || (!o.newFile && outId.every((t) => t === '='));
  let rc = 0;
  if (perFile) {
    for (const input of inputs) {
      rc = yield* copyInto(cms, [input], outId, o, replace);
      if (rc !== 0) return rc;
    }
    return 0;
  }
  return yield* copyInto(cms, inputs, outId, o, replace);
}

function resolveOutput(outId: string[], input: FoundFile): string[] {
  const same = [input.fst.filename, input.fst.filetype, `${input.acc.letter}${input.fst.modeNumber}`];
  return outId.map((t, i) => (t === '=' || t === '*' ? same[i] : t));
}

function* copyInto(
  cms: CmsSession,
  inputs: FoundFile[],
  outPattern: string[],
  o: CopyOptions,
  replace: boolean,
): CmsGen<number> {
  const [fn, ft, fmText] = resolveOutput(outPattern, inputs[0]);
  const mode = parseMode(fmText);
  if (mode === undefined || mode === '*') {
    cms.message('CPY', '048', fmText);
    return 24;
  }
  const target: AccessedDisk | undefined = cms.disks.get(mode.letter);
  if (!target) {
    cms.message('CPY', '069', mode.letter);
    return 36;
  }
  if (target.readOnly) {
    cms.message('CPY', '037', mode.letter);
    return 36;
  }
  const outText = `${fn} ${ft} ${mode.letter}${mode.number ?? 1}`;
  const existing = target.disk.find(fn, ft);
  if (existing && !replace && !o.append) {
    cms.message('CPY', '024', outText);
    return 28;
  }
  const first = inputs[0].fst;
  let recfm: 'F' | 'V' = o.recfm ?? first.recfm;
  let lrecl = o.lrecl ?? Math.max(...inputs.map((f) => f.fst.lrecl));
  if (o.append && existing) {
    recfm = existing.recfm;
    lrecl = existing.recfm === 'F' ? existing.lrecl : Math.max(lrecl, existing.lrecl);
  }
  if (o.pack) {
    recfm = 'F';
    lrecl = 1024;
  }
  const trunc = o.trunc ?? (recfm === 'V' && first.recfm === 'F');
  const inPlace = inputs.some((f) => f.acc === target && f.fst.filename === fn && f.fst.filetype === ft);
  if (o.type) {
    for (const f of inputs) {
      cms.message('CPY', '721', fileIdText(f), outText, o.append ? 'APPEND' : existing ? 'OLD FILE' : 'NEW FILE');
    }
  }
  if (o.unpack) {
    const f = inputs[0];
    const packed = f.acc.disk.readRecords(f.fst.filename, f.fst.filetype);
    if (!isPacked(packed)) {
      cms.message('CPY', '070', 'UNPACK');
      return 32;
    }
    const { recfm: r, lrecl: l, records } = unpackRecords(packed);
    return writeAll(cms, target, fn, ft, mode.number, r, l, records, o, f, outText);
  }
  // The output goes to new blocks and is committed at close; reading an
  // input that is also the output is safe, as its blocks stay until then.
  let writer: RecordWriter | undefined;
  const stamp = o.newDate ? cms.now() : first.written;
  try {
    if (o.pack) {
      const all: Uint8Array[] = [];
      for (const f of inputs) all.push(...f.acc.disk.readRecords(f.fst.filename, f.fst.filetype));
      return writeAll(
        cms,
        target,
        fn,
        ft,
        mode.number,
        'F',
        1024,
        packRecords(first.recfm, first.lrecl, all),
        o,
        inputs[0],
        outText,
      );
    }
    writer = target.disk.openForWrite(fn, ft, {
      recfm,
      lrecl,
      append: o.append,
      modeNumber: mode.number ?? (inPlace || replace ? existing?.modeNumber : undefined) ?? 1,
      now: stamp,
    });
    let n = 0;
    let written = 0;
    for (const f of inputs) {
      const reader = f.acc.disk.openForRead(f.fst.filename, f.fst.filetype);
      let recno = 0;
      for (let r = reader.next(); r; r = reader.next()) {
        recno++;
        if (o.from !== undefined && recno < o.from) continue;
        if (o.for !== undefined && written >= o.for) break;
        writer.write(transform(r, recfm, lrecl, trunc, o));
        written++;
        if (++n % RECORDS_PER_SLICE === 0) yield slice();
      }
    }
    writer.close();
    writer = undefined;
  } catch (err) {
    return cms.fsFailure('CPY', err, outText);
  } finally {
    writer?.abandon();
  }
  return 0;
}

function writeAll(
  cms: CmsSession,
  target: AccessedDisk,
  fn: string,
  ft: string,
  modeNumber: number | undefined,
  recfm: 'F' | 'V',
  lrecl: number,
  records: Uint8Array[],
  o: CopyOptions,
  input: FoundFile,
  outText: string,
): number {
  try {
    const w = target.disk.openForWrite(fn, ft, {
      recfm,
      lrecl,
      modeNumber: modeNumber ?? 1,
      now: o.newDate ? cms.now() : input.fst.written,
    });
    for (const r of records) w.write(r);
    w.close();
  } catch (err) {
    return cms.fsFailure('CPY', err, outText);
  }
  return 0;
}

function transform(r: Uint8Array, recfm: 'F' | 'V', lrecl: number, trunc: boolean, o: CopyOptions): Uint8Array {
  let rec = r;
  if (o.upcase || o.lowcase) {
    const text = fromEbcdic(rec);
    rec = toEbcdic(o.upcase ? text.toUpperCase() : text.toLowerCase());
  }
  if (recfm === 'F') return fitRecord(rec, lrecl, o.fill);
  if (trunc) {
    let end = rec.length;
    while (end > 1 && rec[end - 1] === 0x40) end--;
    rec = rec.subarray(0, end);
  }
  return rec.length > lrecl ? rec.subarray(0, lrecl) : rec;
}

export const COPY_COMMANDS: CommandDef[] = [command('COPYFILE', 'COPY', (cms, c) => copyfile(cms, c.tokens))];
