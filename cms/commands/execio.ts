// EXECIO (cms.md (f)): records between files, CP and the program stack.
// vmcms implements the stack forms: DISKR queues records (FIFO, or LIFO),
// DISKW writes lines pulled from the stack, CP queues a CP command's
// response. STEM and VAR need the calling EXEC's variables, which the
// interpreter does not expose to its host yet (TODO: an EXECCOMM-style
// variable interface on RexxHost, VM/SP System Product Interpreter
// Reference, "EXECCOMM"); they give rc 24 with a message.

import type { CmsSession } from '../nucleus/session.js';
import { parseMode, splitOptions } from '../nucleus/fileid.js';
import type { CmsGen } from '../nucleus/task.js';
import { recordText, textRecord } from './common.js';
import type { CommandCall } from './table.js';

export function* execio(cms: CmsSession, c: CommandCall): CmsGen<number> {
  const { operands, options } = splitOptions(c.tokens);
  const [countText, op, ...rest] = operands;
  if (countText === undefined || op === undefined) {
    cms.message('EIO', '054');
    return 24;
  }
  const count = countText === '*' ? Infinity : Number(countText);
  if (!(count >= 0)) {
    cms.message('EIO', '070', countText);
    return 24;
  }
  let lifo = false;
  let skip = false;
  for (const o of options) {
    if (o === 'FIFO') lifo = false;
    else if (o === 'LIFO') lifo = true;
    // FINIS: files are not kept open between EXECIO calls here, so there is nothing to close.
    else if (o === 'FINIS') continue;
    else if (o === 'SKIP') skip = true;
    else if (o === 'STEM' || o === 'VAR' || o === 'STRING') {
      cms.message('EIO', '003', o);
      return 24;
    }
  }
  if (op === 'CP') {
    const text = c.raw.replace(/^.*?\bCP\b\s*/i, '').replace(/\s*\(.*$/, '');
    const r = cms.cp(text, true);
    for (const l of r.lines) cms.stack.add(l, lifo);
    return r.rc;
  }
  if (op !== 'DISKR' && op !== 'DISKW' && op !== 'DISKRU') {
    cms.message('EIO', '070', op);
    return 24;
  }
  const [fn, ft, fm = 'A', recText] = rest;
  if (fn === undefined || ft === undefined) {
    cms.message('EIO', '054');
    return 24;
  }
  const mode = parseMode(fm);
  if (mode === undefined) {
    cms.message('EIO', '048', fm);
    return 24;
  }
  if (op === 'DISKR' || op === 'DISKRU') {
    const f = cms.findFile(fn, ft, mode === '*' ? '*' : mode);
    if (!f) {
      cms.message('EIO', '002', `${fn} ${ft} ${fm}`);
      return 28;
    }
    const first = recText === undefined ? 1 : Number(recText);
    const reader = f.acc.disk.openForRead(f.fst.filename, f.fst.filetype);
    let n = 0;
    let moved = 0;
    for (let r = reader.next(); r; r = reader.next()) {
      n++;
      if (n < first) continue;
      if (moved >= count) break;
      if (!skip) cms.stack.add(recordText(r), lifo);
      moved++;
    }
    return count !== Infinity && moved < count ? 2 : 0;
  }
  // DISKW: lines from the stack.
  if (mode === '*') {
    cms.message('EIO', '048', fm);
    return 24;
  }
  const acc = cms.disks.get(mode.letter);
  if (!acc) {
    cms.message('EIO', '069', mode.letter);
    return 36;
  }
  if (acc.readOnly) {
    cms.message('EIO', '037', mode.letter);
    return 36;
  }
  const existing = acc.disk.find(fn, ft);
  const recfm = (rest[4] as 'F' | 'V' | undefined) ?? existing?.recfm ?? 'V';
  const lrecl = Number(rest[5] ?? existing?.lrecl ?? (recfm === 'F' ? 80 : 255));
  const lines: string[] = [];
  while (lines.length < count) {
    const l = cms.stack.pull();
    if (l === undefined) break;
    lines.push(l);
  }
  try {
    const w = acc.disk.openForWrite(fn, ft, {
      recfm,
      lrecl: Math.max(lrecl, ...lines.map((l) => (recfm === 'V' ? l.length : 0))),
      append: existing !== undefined,
      now: cms.now(),
    });
    for (const l of lines)
      w.write(textRecord(l, recfm, recfm === 'F' ? (existing?.lrecl ?? lrecl) : Math.max(1, l.length)));
    w.close();
  } catch (err) {
    return cms.fsFailure('EIO', err, `${fn} ${ft} ${fm}`);
  }
  yield* [];
  return 0;
}
