// FILELIST [fn [ft [fm]]] (VM/SP CMS Command Reference, "FILELIST"): the
// files of the accessed disks as a full-screen list (list-screen.ts), with
// the PF keys of VM/SP's FILELIST: 1 Help, 2 Refresh, 3 Quit, 4 Sort(type),
// 5 Sort(date), 6 Sort(size), 7 Backward, 8 Forward, 10 Sort(name),
// 11 XEDIT the file at the cursor. Line commands: any CMS command (`/` is
// the fileid), X for XEDIT, D for discard (ERASE). Without a display the
// list is typed as LISTFILE (DATE would type it.

import type { CmsSession, FoundFile } from '../nucleus/session.js';
import type { CmsGen } from '../nucleus/task.js';
import { parseMode, splitOptions } from '../nucleus/fileid.js';
import { stamp } from '../commands/common.js';
import { DisplayService } from '../display/display.js';
import { runList, type ListSpec } from './list-screen.js';

const HEADING = 'Cmd         Filename Filetype Fm Format Lrecl Records Blocks Date     Time';

const byName = (a: FoundFile, b: FoundFile): number =>
  a.fst.filename.localeCompare(b.fst.filename) || a.fst.filetype.localeCompare(b.fst.filetype);

export function filelistSpec(cms: CmsSession, fn: string, ft: string, fm: string): ListSpec<FoundFile> {
  const mode = parseMode(fm) ?? '*';
  return {
    name: 'FILELIST A0',
    heading: HEADING,
    legend: [
      ' 1= Help       2= Refresh    3= Quit       4= Sort(type) 5= Sort(date) 6= Sort(size)',
      ' 7= Backward   8= Forward    9=            10= Sort(name) 11= XEDIT    12=',
    ],
    load: () => cms.listFiles(fn, ft, mode === '*' ? '*' : mode).sort(byName),
    format: (f) => {
      const s = stamp(f.fst.written);
      return (
        `${f.fst.filename.padEnd(8)} ${f.fst.filetype.padEnd(8)} ${f.acc.letter}${f.fst.modeNumber} ` +
        `${f.fst.recfm.padEnd(6)} ${String(f.fst.lrecl).padStart(5)} ${String(f.fst.records).padStart(7)} ` +
        `${String(f.fst.dataBlocks).padStart(6)} ${s.date} ${s.time}`
      );
    },
    idOf: (f) => `${f.fst.filename} ${f.fst.filetype} ${f.acc.letter}${f.fst.modeNumber}`,
    expand: (c) => {
      const up = c.toUpperCase();
      if (up === 'X' || up === 'XEDIT') return 'XEDIT /';
      if (up === 'D' || up === 'DISCARD') return 'ERASE /';
      if (up === 'E') return 'EXEC /';
      return c;
    },
    pf: {
      1: 'HELP FILELIST',
      2: 'REFRESH',
      3: 'QUIT',
      4: 'SORT TYPE',
      5: 'SORT DATE',
      6: 'SORT SIZE',
      7: 'BACKWARD',
      8: 'FORWARD',
      10: 'SORT NAME',
      11: 'XEDIT /',
    },
    sorts: {
      NAME: byName,
      TYPE: (a, b) => a.fst.filetype.localeCompare(b.fst.filetype) || a.fst.filename.localeCompare(b.fst.filename),
      DATE: (a, b) => b.fst.written.getTime() - a.fst.written.getTime(),
      SIZE: (a, b) => b.fst.dataBlocks - a.fst.dataBlocks || b.fst.records - a.fst.records,
    },
  };
}

export function* filelistCommand(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands } = splitOptions(tokens);
  const fn = operands[0] ?? '*';
  const ft = operands[1] ?? '*';
  const fm = operands[2] ?? 'A';
  if (parseMode(fm) === undefined) {
    cms.message('LST', '048', fm);
    return 24;
  }
  const display = new DisplayService(cms);
  if (!display.query()) return yield* cms.execute(`LISTFILE ${fn} ${ft} ${fm} (DATE`, 'command');
  const spec = filelistSpec(cms, fn, ft, fm);
  if (spec.load().length === 0) {
    cms.message('FLS', '002', `${fn} ${ft} ${fm}`);
    return 28;
  }
  return yield* runList(cms, display, spec);
}
