// The full-screen list both FILELIST and RDRLIST show (VM/SP CMS Command
// Reference, "FILELIST" and "RDRLIST"; in VM/SP both are XEDIT macros on a
// list file, here one small full-screen loop). Each entry has a command area
// at its left: a CMS command typed there runs against the entry, `/` in it
// standing for the entry's id (without `/` the id is appended); the area
// then shows `*` (done) or the return code. The command line takes CMS
// commands and the list's own subcommands; PF keys as the real lists have.
//
//   row 0        id line:  USERID   FILELIST A0  ...  Size=n Line=n
//   row 1        column headings
//   rows 2..R-5  entries: command area (12 columns) and the entry
//   rows PF key legend
//   row R-2      ====> command line
//   row R-1      messages / status

import type { CmsSession } from '../nucleus/session.js';
import type { CmsGen } from '../nucleus/task.js';
import { DisplayService } from '../display/display.js';
import { AidKey, type DisplayInput, type Panel, type PanelField } from '../display/stream.js';

const COMMAND_WIDTH = 12;

export interface ListSpec<T> {
  /** The id line's name: `FILELIST A0`, `RDRLIST A0`. */
  readonly name: string;
  readonly heading: string;
  readonly legend: readonly [string, string];
  /** Read the entries (again, for refresh). */
  load(): T[];
  /** One entry as its line (after the command area). */
  format(entry: T): string;
  /** What `/` stands for. */
  idOf(entry: T): string;
  /** A line command before substitution: abbreviations of the list (X, D ...) expanded. */
  expand(command: string): string;
  /** PF key n: a subcommand of the list, or a CMS command with `/` for the entry at the cursor. */
  readonly pf: Readonly<Record<number, string>>;
  /** Sort orders by name (SORT NAME ...). */
  readonly sorts: Readonly<Record<string, (a: T, b: T) => number>>;
}

interface Mark {
  text: string;
}

/** Run a list until QUIT. Line mode (no display) is the caller's business. */
export function* runList<T>(cms: CmsSession, display: DisplayService, spec: ListSpec<T>): CmsGen<number> {
  let entries = spec.load();
  let top = 0;
  const marks = new Map<T, Mark>();
  let messages: string[] = [];
  let lastLineCommand = '';
  for (;;) {
    const { rows, cols } = display.screen;
    const perPage = Math.max(1, rows - 6);
    top = Math.max(0, Math.min(top, Math.max(0, entries.length - perPage)));
    const shown = entries.slice(top, top + perPage);
    const panel = drawList(cms, spec, shown, marks, messages, rows, cols, entries.length, top);
    messages = [];
    const written = yield* display.write(panel);
    if (written === 'unavailable') return 0;
    if (written === 'redraw') {
      const ack = yield* display.read();
      if (!ack) return 0;
      continue;
    }
    marks.clear();
    const input = yield* display.read();
    if (!input) return 0;
    if (input.aid === AidKey.clear || input.aid === AidKey.pa1 || input.aid === AidKey.pa2) continue;
    const typed = lineCommands(input, shown, cols);
    for (const { entry, text } of typed) {
      let command = text.trim();
      if (command === '') continue;
      if (command === '=') command = lastLineCommand;
      else lastLineCommand = command;
      const full = substitute(spec.expand(command), spec.idOf(entry));
      const rc = yield* cms.execute(full, 'cms');
      marks.set(entry, { text: rc === 0 ? '*' : String(rc) });
    }
    if (typed.length > 0) {
      entries = spec.load();
      const kept = new Map<T, Mark>();
      for (const [e, m] of marks) {
        const same = entries.find((n) => spec.idOf(n) === spec.idOf(e));
        if (same) kept.set(same, m);
      }
      marks.clear();
      for (const [e, m] of kept) marks.set(e, m);
    }
    const commandLine = commandText(input, rows, cols);
    let action = commandLine.trim();
    const pf = /^PF(\d+)$/.exec(input.aidName);
    if (pf) {
      const n = Number(pf[1]);
      action = spec.pf[n > 12 ? n - 12 : n] ?? '';
      if (action.includes('/')) {
        const at = entryAtCursor(input.cursor, shown, cols);
        if (!at) {
          messages.push('Cursor is not on a file line');
          continue;
        }
        const rc = yield* cms.execute(substitute(action, spec.idOf(at)), 'cms');
        marks.set(at, { text: rc === 0 ? '*' : String(rc) });
        entries = spec.load();
        continue;
      }
    }
    if (action === '') continue;
    const word = action.split(/\s+/)[0].toUpperCase();
    if (word === 'QUIT' || word === 'QQUIT' || word === 'FILE') return 0;
    if (word === 'REFRESH') {
      entries = spec.load();
      continue;
    }
    if (word === 'FORWARD' || word === 'FO') {
      top += perPage;
      continue;
    }
    if (word === 'BACKWARD' || word === 'BA') {
      top = Math.max(0, top - perPage);
      continue;
    }
    if (word === 'TOP') {
      top = 0;
      continue;
    }
    if (word === 'BOTTOM' || word === 'BOT') {
      top = entries.length;
      continue;
    }
    if (word === 'SORT') {
      const key = (action.split(/\s+/)[1] ?? '').toUpperCase();
      const order = spec.sorts[key];
      if (!order) messages.push(`Invalid sort: ${key}`);
      else entries = [...entries].sort(order);
      continue;
    }
    const rc = yield* cms.execute(action, 'cms');
    if (rc !== 0) messages.push(`RC=${rc}`);
    entries = spec.load();
  }
}

/**
 * The entry in a line command: `/` is the whole id; for a fileid `/n`, `/t`
 * and `/m` are its filename, filetype and filemode (FILELIST's symbols);
 * without any, the id goes at the end.
 */
function substitute(command: string, id: string): string {
  if (!command.includes('/')) return `${command} ${id}`;
  const [n, t, m] = id.split(' ');
  return command.replace(/\/([ntmNTM](?![A-Za-z0-9]))?/g, (_all, part: string | undefined) => {
    if (part === undefined || t === undefined) return part === undefined ? id : `${id}${part}`;
    const p = part.toUpperCase();
    return p === 'N' ? n : p === 'T' ? t : (m ?? '');
  });
}

function drawList<T>(
  cms: CmsSession,
  spec: ListSpec<T>,
  shown: T[],
  marks: Map<T, Mark>,
  messages: string[],
  rows: number,
  cols: number,
  size: number,
  top: number,
): Panel {
  const fields: PanelField[] = [];
  const width = cols - 2;
  const head = `${cms.userid.padEnd(8)} ${spec.name}  Size=${size} Line=${size === 0 ? 0 : top + 1}`;
  fields.push({ row: 0, col: 1, length: width, text: head, bright: true });
  fields.push({ row: 1, col: 1, length: width, text: spec.heading, bright: true });
  const last = rows - 5;
  for (let i = 0; i + 2 <= last; i++) {
    const r = i + 2;
    const entry = shown[i];
    if (entry === undefined) {
      fields.push({ row: r, col: 1, length: width, text: '' });
      continue;
    }
    fields.push({
      row: r,
      col: 0,
      length: COMMAND_WIDTH,
      text: marks.get(entry)?.text ?? '',
      input: true,
      id: `c:${i}`,
    });
    fields.push({ row: r, col: COMMAND_WIDTH + 1, length: cols - COMMAND_WIDTH - 2, text: spec.format(entry) });
  }
  fields.push({ row: rows - 4, col: 1, length: width, text: spec.legend[0] });
  fields.push({ row: rows - 3, col: 1, length: cols - 3, text: spec.legend[1] });
  fields.push({ row: rows - 2, col: 0, length: 5, text: '====>', bright: true });
  fields.push({ row: rows - 2, col: 6, length: cols - 7, text: '', input: true, id: 'cmd' });
  const status = `X E D I T  1 File`;
  const message = messages.join('; ').slice(0, cols - status.length - 4);
  fields.push({ row: rows - 1, col: 1, length: width, text: message.padEnd(width - status.length) + status });
  const cursor = shown.length > 0 ? { row: 2, col: 0 } : { row: rows - 2, col: 6 };
  return { rows, cols, fields, cursor };
}

function lineCommands<T>(input: DisplayInput, shown: T[], cols: number): { entry: T; text: string }[] {
  const out: { entry: T; text: string }[] = [];
  shown.forEach((entry, i) => {
    const text = input.fields.get((i + 2) * cols);
    if (text !== undefined && text.trim() !== '' && text.trim() !== '*' && !/^\d+$/.test(text.trim())) {
      out.push({ entry, text });
    }
  });
  return out;
}

function commandText(input: DisplayInput, rows: number, cols: number): string {
  return input.fields.get((rows - 2) * cols + 6) ?? '';
}

function entryAtCursor<T>(cursor: number, shown: T[], cols: number): T | undefined {
  const row = Math.floor(cursor / cols);
  return shown[row - 2];
}
