// Full-screen HELP (VM/SP CMS Command Reference, "HELP"): the help file of a
// topic shown on the whole screen, scrolled with PF7/PF8, another topic
// chosen by typing its name on the command line or by putting the cursor on
// a name and pressing Enter (or PF1); PF3 goes back to the topic before,
// and from the first one quits. `HELP` alone shows the menu (MENU HELPCMS,
// or the list of commands when there is none). help.ts calls this when the
// console is a display.

import type { CmsSession } from '../nucleus/session.js';
import type { CmsGen } from '../nucleus/task.js';
import type { DisplayService } from '../display/display.js';
import { AidKey, type PanelField } from '../display/stream.js';
import { recordText } from './common.js';
import { allCommands, findCommand } from './table.js';

/** The lines of a topic's help file (control words left out), or undefined when there is none. */
export function helpLines(cms: CmsSession, topic: string): { name: string; lines: string[] } | undefined {
  let name = topic.toUpperCase();
  if (name === 'CMS' || name === '') name = 'MENU';
  const def = findCommand(name, false) ?? findCommand(name, true);
  if (def) name = def.name;
  const f = cms.findFile(name.slice(0, 8), 'HELPCMS') ?? cms.findFile(name.slice(0, 8), 'HELPCP');
  if (!f) {
    if (name !== 'MENU') return undefined;
    const names = allCommands()
      .map((c) => c.name)
      .sort();
    const lines = ['CMS commands: put the cursor on one and press Enter.', ''];
    for (let i = 0; i < names.length; i += 8) {
      lines.push(
        names
          .slice(i, i + 8)
          .map((n) => n.padEnd(9))
          .join('')
          .trimEnd(),
      );
    }
    return { name, lines };
  }
  const lines = f.acc.disk
    .readRecords(f.fst.filename, f.fst.filetype)
    .map((r) => recordText(r).trimEnd())
    .filter((l) => !/^\.[a-z]{2}\b/i.test(l));
  return { name: `${f.fst.filename} ${f.fst.filetype}`, lines };
}

/** Browse help topics full screen until PF3 from the first topic (or QUIT). */
export function* helpScreen(cms: CmsSession, display: DisplayService, topic: string): CmsGen<number> {
  const first = helpLines(cms, topic);
  if (!first) {
    cms.message('HLP', '002', `${topic} HELPCMS *`);
    return 28;
  }
  const stack: { name: string; lines: string[]; top: number }[] = [{ ...first, top: 0 }];
  let message = '';
  while (stack.length > 0) {
    const { rows, cols } = display.screen;
    const page = rows - 3;
    const cur = stack[stack.length - 1];
    cur.top = Math.max(0, Math.min(cur.top, Math.max(0, cur.lines.length - page)));
    const fields: PanelField[] = [
      {
        row: 0,
        col: 1,
        length: cols - 2,
        text: `HELP ${cur.name}  lines ${cur.top + 1}-${Math.min(cur.lines.length, cur.top + page)} of ${cur.lines.length}`,
        bright: true,
      },
    ];
    for (let i = 0; i < page; i++) {
      fields.push({ row: i + 1, col: 1, length: cols - 2, text: cur.lines[cur.top + i] ?? '' });
    }
    fields.push({ row: rows - 2, col: 0, length: 5, text: '====>', bright: true });
    fields.push({ row: rows - 2, col: 6, length: cols - 7, text: '', input: true });
    const legend = 'PF1= Help on the word at the cursor  PF3= Return  PF7= Backward  PF8= Forward';
    fields.push({ row: rows - 1, col: 1, length: cols - 2, text: message || legend });
    message = '';
    const written = yield* display.write({ rows, cols, fields, cursor: { row: rows - 2, col: 6 } });
    if (written === 'unavailable') return 0;
    if (written === 'redraw') {
      if (!(yield* display.read())) return 0;
      continue;
    }
    const input = yield* display.read();
    if (!input) return 0;
    const typed = (input.fields.get((rows - 2) * cols + 6) ?? '').trim();
    if (input.aid === AidKey.clear || input.aid === AidKey.pa1 || input.aid === AidKey.pa2) continue;
    switch (input.aidName) {
      case 'PF3':
      case 'PF15':
        stack.pop();
        continue;
      case 'PF7':
      case 'PF19':
        cur.top -= page - 1;
        continue;
      case 'PF8':
      case 'PF20':
        cur.top += page - 1;
        continue;
    }
    if (input.aidName !== 'ENTER' && input.aidName !== 'PF1' && input.aidName !== 'PF13') continue;
    const up = typed.toUpperCase();
    if (up === 'QUIT' || up === 'QQUIT') return 0;
    let wanted = up.replace(/^HELP\s+/, '');
    if (wanted === '') {
      // The word under the cursor.
      const row = Math.floor(input.cursor / cols) - 1;
      const col = (input.cursor % cols) - 1;
      const line = cur.lines[cur.top + row] ?? '';
      if (row >= 0 && row < page && col >= 0) {
        let a = col;
        let b = col;
        while (a > 0 && /\S/.test(line[a - 1] ?? '')) a--;
        while (b < line.length && /\S/.test(line[b])) b++;
        wanted = line
          .slice(a, b)
          .replace(/[^A-Za-z0-9$#@]/g, '')
          .toUpperCase();
      }
    }
    if (wanted === '') continue;
    const next = helpLines(cms, wanted.split(/\s+/)[0]);
    if (!next) message = `No help for ${wanted}`;
    else stack.push({ ...next, top: 0 });
  }
  return 0;
}
