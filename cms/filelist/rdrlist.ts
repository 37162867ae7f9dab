// RDRLIST and full-screen PEEK (VM/SP CMS Command Reference, "RDRLIST",
// "PEEK"): the reader's files as a full-screen list (list-screen.ts) with
// RDRLIST's PF keys: 1 Help, 2 Refresh, 3 Quit, 4 Sort(type), 5 Sort(date),
// 6 Sort(user), 7 Backward, 8 Forward, 9 Receive, 11 Peek. Line commands:
// RECEIVE, PEEK, PURGE, DISCARD (purge), or any CMS command (`/` is the
// spoolid). PEEK shows the file in XEDIT without receiving it. The list
// comes from CP's QUERY RDR * ALL (DIAGNOSE X'08') and each file's details
// from the reader itself (DIAGNOSE X'14' SELECT, then CLOSE with keep).

import type { CmsSession } from '../nucleus/session.js';
import type { CmsGen } from '../nucleus/task.js';
import { DisplayService } from '../display/display.js';
import { closeReader, readAll, selectReader, type ReaderFile } from '../commands/spool.js';
import { recordText } from '../commands/common.js';
import { runList, type ListSpec } from './list-screen.js';
import { Xedit } from '../xedit/editor.js';
import { XeditFile } from '../xedit/file.js';
import { fullScreen } from '../xedit/session.js';

const HEADING = 'Cmd         Filename Filetype Class User     Records Spoolid';

/** Spoolids in the reader, from CP's QUERY RDR * ALL (the file number is the second word of each file's line). */
export function readerFiles(cms: CmsSession): ReaderFile[] {
  const r = cms.cp('QUERY RDR * ALL', true);
  const ids = new Set<number>();
  for (const line of r.lines) {
    const w = line.trim().split(/\s+/);
    if (w.length >= 3 && /^\d{1,4}$/.test(w[1])) ids.add(Number(w[1]));
  }
  const files: ReaderFile[] = [];
  for (const id of ids) {
    const f = selectReader(cms, id);
    if (!f) continue;
    closeReader(cms, true);
    files.push(f);
  }
  return files;
}

export function rdrlistSpec(cms: CmsSession): ListSpec<ReaderFile> {
  return {
    name: 'RDRLIST A0',
    heading: HEADING,
    legend: [
      ' 1= Help       2= Refresh    3= Quit       4= Sort(type) 5= Sort(date) 6= Sort(user)',
      ' 7= Backward   8= Forward    9= Receive    10=           11= Peek      12=',
    ],
    load: () => readerFiles(cms),
    format: (f) =>
      `${(f.name || '').padEnd(8)} ${(f.type || '').padEnd(8)} ${f.cls} ${f.origin.padEnd(3)} ` +
      `${f.from.padEnd(8)} ${String(f.records).padStart(7)} ${String(f.spoolid).padStart(4, '0')}`,
    idOf: (f) => String(f.spoolid),
    expand: (c) => {
      const up = c.toUpperCase();
      if (up === 'DISCARD' || up === 'PURGE' || up === 'PUR') return 'CP PURGE RDR /';
      if (up === 'RECEIVE' || up === 'REC') return 'RECEIVE /';
      if (up === 'PEEK' || up === 'P') return 'PEEK /';
      return c;
    },
    pf: {
      1: 'HELP RDRLIST',
      2: 'REFRESH',
      3: 'QUIT',
      4: 'SORT TYPE',
      5: 'SORT DATE',
      6: 'SORT USER',
      7: 'BACKWARD',
      8: 'FORWARD',
      9: 'RECEIVE /',
      11: 'PEEK /',
    },
    sorts: {
      TYPE: (a, b) => a.type.localeCompare(b.type),
      DATE: (a, b) => a.spoolid - b.spoolid,
      USER: (a, b) => a.from.localeCompare(b.from),
      NAME: (a, b) => a.name.localeCompare(b.name),
    },
  };
}

/** RDRLIST: full screen on a display, else (or with an empty reader) the line form (the command row it replaces). */
export function* rdrlistCommand(cms: CmsSession, lineForm: () => CmsGen<number>): CmsGen<number> {
  const display = new DisplayService(cms);
  const spec = rdrlistSpec(cms);
  // An empty reader: the line form says so (CP's NO RDR FILES) instead of an empty screen.
  if (!display.query() || spec.load().length === 0) return yield* lineForm();
  return yield* runList(cms, display, spec);
}

/** PEEK [spoolid]: the file in XEDIT on a display (it stays in the reader), else the line form. */
export function* peekCommand(
  cms: CmsSession,
  tokens: readonly string[],
  lineForm: () => CmsGen<number>,
): CmsGen<number> {
  const display = new DisplayService(cms);
  if (!display.query()) return yield* lineForm();
  const spoolid = tokens[0] && /^\d+$/.test(tokens[0]) ? Number(tokens[0]) : 0;
  const file = selectReader(cms, spoolid);
  if (!file) {
    cms.message('PEK', '002', spoolid ? `spool file ${spoolid}` : 'reader file');
    return 28;
  }
  const lines = (yield* readAll(cms)).map((r) => recordText(r.data).replace(/ +$/, ''));
  closeReader(cms, true);
  const x = new Xedit(cms, true);
  const name = /^[A-Z0-9$#@]{1,8}$/.test(file.name) ? file.name : String(file.spoolid).padStart(4, '0');
  x.addFile(new XeditFile(name, file.type || 'PEEK', 'A1', 'F', 80, lines));
  x.say(`Spool file ${file.spoolid} from ${file.from}: ${file.records} records, not received`);
  return yield* fullScreen(x, display);
}
