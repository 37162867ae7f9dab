// The XEDIT screen (cms.md (d); SC24-5220, "The XEDIT Screen"), drawn at
// the display's size (models 2-5):
//
//   row 0        file id line: fn ft fm  RECFM LRECL  Trunc= Size= Line= Col= Alt=
//   rows 1-2     message lines (SET MSGLINE ON 2)
//   rows 3..R-3  file area: prefix area (5 columns) and data; the current
//                line at CURLINE (the middle), the scale line below it
//   row R-2      ====> command line
//   row R-1      status area: X E D I T  n File(s)
//
// A field's attribute takes the position before it, so a row's prefix
// attribute is the last column of the row above; each file row is
// prefix (cols 0-4), attribute (col 5), data (cols 6 .. C-2).

import type { Panel, PanelField, DisplayInput } from '../display/stream.js';
import type { Xedit } from './editor.js';
import type { Line } from './file.js';
import { END_OF_FILE, TOP_OF_FILE, type PrefixInput } from './prefix.js';

type RowContent =
  | { kind: 'line'; n: number; line: Line }
  | { kind: 'tof' }
  | { kind: 'eof' }
  | { kind: 'shadow'; hidden: Line[] }
  | { kind: 'scale' }
  | { kind: 'input' }
  | { kind: 'empty' };

/** A drawn screen: the panel, and what each row of the file area holds (to map input back). */
export interface XeditScreen {
  readonly panel: Panel;
  readonly rows: ReadonlyMap<number, RowContent>;
  readonly dataCol: number;
  readonly width: number;
  readonly commandRow: number;
}

const PREFIX_WIDTH = 5;

/** The screen row of the current line. */
export function currentRow(x: Xedit, rows: number): number {
  if (x.curline.kind === 'middle') return Math.floor(rows / 2) - 1;
  const r = x.curline.row;
  if (r <= -500) return Math.max(3, Math.min(rows - 3, Math.floor(rows / 2) - 1 + (r + 1000)));
  return Math.max(3, Math.min(rows - 3, r));
}

function shadowText(n: number, width: number): string {
  const mid = ` ${n} line(s) not displayed `;
  const side = Math.max(0, Math.floor((width - mid.length) / 2));
  return '-'.repeat(side) + mid + '-'.repeat(Math.max(0, width - side - mid.length));
}

function scaleText(from: number, width: number, column: number): string {
  let s = '';
  for (let c = from; c < from + width; c++) {
    if (c === column) s += '|';
    else if (c % 10 === 0) s += String((c / 10) % 10);
    else if (c % 5 === 0) s += '+';
    else s += '.';
  }
  return s;
}

/** Walk the file from line `from` in direction `step`, giving rows' contents (shadow lines for hidden runs). */
function walk(x: Xedit, from: number, step: 1 | -1, count: number): RowContent[] {
  const f = x.file;
  const out: RowContent[] = [];
  let n = from;
  while (out.length < count) {
    if (n < 0 || n > f.size + 1) break;
    if (n === 0) {
      out.push({ kind: 'tof' });
      n += step;
      continue;
    }
    if (n === f.size + 1) {
      out.push({ kind: 'eof' });
      n += step;
      continue;
    }
    const line = f.lines[n - 1];
    if (line.shown) {
      out.push({ kind: 'line', n, line });
      n += step;
      continue;
    }
    const hidden: Line[] = [];
    while (n >= 1 && n <= f.size && !f.lines[n - 1].shown) {
      hidden.push(f.lines[n - 1]);
      n += step;
    }
    if (step < 0) hidden.reverse();
    if (f.settings.shadow) out.push({ kind: 'shadow', hidden });
  }
  return out;
}

/** Draw the screen for the current file. */
export function buildScreen(x: Xedit, rows: number, cols: number): XeditScreen {
  const f = x.file;
  const s = f.settings;
  const fields: PanelField[] = [];
  const prefixOn = s.prefix !== 'OFF';
  const dataCol = prefixOn ? PREFIX_WIDTH + 1 : 1;
  const width = cols - dataCol - 1;
  x.width = width;
  const firstFileRow = 3;
  const commandRow = rows - 2;
  const lastFileRow = rows - 3;
  x.fileRows = lastFileRow - firstFileRow + 1;
  const cur = currentRow(x, rows);

  // File id line (row 0).
  const id =
    `${f.fn.padEnd(8)} ${f.ft.padEnd(8)} ${f.fm.padEnd(2)}  ${f.recfm} ${f.lrecl}  Trunc=${s.trunc} ` +
    `Size=${f.size} Line=${f.current} Col=${f.column} Alt=${f.alterations}`;
  fields.push({ row: 0, col: 1, length: cols - 2, text: id, bright: true });
  // Messages: the last two.
  const msgs = x.messages.slice(-2);
  for (let i = 0; i < 2; i++) fields.push({ row: 1 + i, col: 1, length: cols - 3, text: msgs[i] ?? '', bright: true });

  // The file area, around the current line.
  const contents = new Map<number, RowContent>();
  const scaleRow = s.scale ? cur + 1 : -1;
  const above = walk(x, f.current - 1, -1, cur - firstFileRow);
  above.forEach((c, i) => contents.set(cur - 1 - i, c));
  if (x.inputMode) {
    contents.set(cur, walk(x, f.current, 1, 1)[0] ?? { kind: 'tof' });
    for (let r = cur + 1; r <= lastFileRow; r++)
      contents.set(r, r === scaleRow ? { kind: 'scale' } : { kind: 'input' });
  } else {
    const belowRows = lastFileRow - cur + 1 - (s.scale ? 1 : 0);
    const below = walk(x, f.current, 1, belowRows);
    let r = cur;
    for (const c of below) {
      if (r === scaleRow) r++;
      contents.set(r, c);
      r++;
    }
    if (s.scale) contents.set(scaleRow, { kind: 'scale' });
  }
  const vs = s.verifyStart;
  for (let r = firstFileRow; r <= lastFileRow; r++) {
    const c = contents.get(r) ?? { kind: 'empty' };
    contents.set(r, c);
    const isCurrent = r === cur;
    let prefixText = '';
    let data = '';
    let dataInput = false;
    let prefixInput = false;
    switch (c.kind) {
      case 'tof':
        prefixText = '=====';
        prefixInput = true;
        data = TOP_OF_FILE.text;
        break;
      case 'eof':
        prefixText = '=====';
        prefixInput = true;
        data = END_OF_FILE.text;
        break;
      case 'line':
        prefixText = x.prefix.pendingText(f, c.line) ?? (s.number ? String(c.n).padStart(5, '0').slice(-5) : '=====');
        if (s.prefix === 'NULLS' && x.prefix.pendingText(f, c.line) === undefined) prefixText = '';
        prefixInput = true;
        data = c.line.text.slice(vs - 1, vs - 1 + width);
        dataInput = true;
        break;
      case 'shadow':
        prefixText = '=====';
        prefixInput = true;
        data = shadowText(c.hidden.length, width);
        break;
      case 'scale':
        data = scaleText(vs, width, f.column);
        break;
      case 'input':
        dataInput = true;
        break;
      case 'empty':
        break;
    }
    if (prefixOn) {
      fields.push({
        row: r,
        col: 0,
        length: PREFIX_WIDTH,
        text: prefixInput ? prefixText : '',
        input: prefixInput,
        id: `p:${r}`,
      });
    }
    fields.push({
      row: r,
      col: dataCol,
      length: width,
      text: data,
      input: dataInput,
      bright: isCurrent || c.kind === 'scale',
      id: `d:${r}`,
    });
  }

  // Command line and status area.
  fields.push({ row: commandRow, col: 0, length: 5, text: '====>', bright: true });
  fields.push({ row: commandRow, col: 6, length: cols - 7, text: x.commandLine, input: true, id: 'cmd' });
  const status = `${x.inputMode ? 'Input-mode' : 'X E D I T'} ${x.ring.length} File${x.ring.length === 1 ? '' : 's'}`;
  fields.push({ row: rows - 1, col: 1, length: cols - 2, text: status.padStart(cols - 3), bright: false });

  let cursor = { row: commandRow, col: 6 + x.commandLine.length };
  if (x.cursor) {
    for (const [r, c] of contents) {
      if (c.kind === 'line' && c.n === x.cursor.line)
        cursor = { row: r, col: dataCol + Math.max(0, x.cursor.col - vs) };
    }
  }
  if (x.inputMode) {
    const first = [...contents].find(([, c]) => c.kind === 'input');
    if (first) cursor = { row: first[0], col: dataCol };
  }
  return { panel: { rows, cols, fields, cursor }, rows: contents, dataCol, width, commandRow };
}

/** What one Enter (or PF key) brought: changed lines applied, prefix commands and the command line to run. */
export interface EnterInput {
  readonly prefixes: PrefixInput[];
  readonly command: string;
  /** Lines typed in input mode, in order. */
  readonly inputLines: string[];
}

/** Apply the typed-over data fields to the file and gather the rest of the input. */
export function applyInput(x: Xedit, screen: XeditScreen, input: DisplayInput): EnterInput {
  const f = x.file;
  const { rows, cols } = screen.panel;
  const vs = f.settings.verifyStart;
  const prefixes: PrefixInput[] = [];
  const inputRows = new Map<number, string>();
  let command = '';
  const fieldAt = new Map<number, { id: string; original: string }>();
  for (const fld of screen.panel.fields) {
    if (fld.id) fieldAt.set(fld.row * cols + fld.col, { id: fld.id, original: fld.text });
  }
  for (const [address, text] of input.fields) {
    const fld = fieldAt.get(address);
    if (!fld) continue; // a field the program did not draw: ignored
    if (fld.id === 'cmd') {
      command = text;
      continue;
    }
    const row = Number(fld.id.slice(2));
    const content = screen.rows.get(row);
    if (!content) continue;
    if (fld.id.startsWith('p:')) {
      const typed = prefixTyped(text, fld.original);
      const line =
        content.kind === 'line'
          ? content.line
          : content.kind === 'tof'
            ? TOP_OF_FILE
            : content.kind === 'eof'
              ? END_OF_FILE
              : content.kind === 'shadow'
                ? content.hidden[0]
                : undefined;
      if (line) prefixes.push({ line, text: typed, hidden: content.kind === 'shadow' ? content.hidden : undefined });
      continue;
    }
    if (content.kind === 'line') {
      const n = f.lines.indexOf(content.line) + 1;
      if (n < 1) continue;
      const old = content.line.text;
      let typed = f.settings.caseInput === 'U' ? text.toUpperCase() : text;
      if (old.length > vs - 1 + screen.width) typed = typed.padEnd(screen.width);
      f.setText(n, old.slice(0, vs - 1).padEnd(vs - 1) + typed + old.slice(vs - 1 + screen.width));
    } else if (content.kind === 'input') {
      inputRows.set(row, f.settings.caseInput === 'U' ? text.toUpperCase() : text);
    }
  }
  // Input mode: the typed rows in order, blank rows between them kept as blank lines.
  const inputLines: string[] = [];
  const typedRows = [...inputRows.keys()].sort((a, b) => a - b);
  if (typedRows.length > 0) {
    for (let r = typedRows[0]; r <= typedRows[typedRows.length - 1]; r++) {
      if (screen.rows.get(r)?.kind !== 'input') continue;
      inputLines.push(inputRows.get(r) ?? '');
    }
  }
  // The cursor: a file line and column, or nothing.
  const crow = Math.floor(input.cursor / cols);
  const ccol = input.cursor % cols;
  const at = crow < rows ? screen.rows.get(crow) : undefined;
  x.cursor = at?.kind === 'line' && ccol >= screen.dataCol ? { line: at.n, col: vs + ccol - screen.dataCol } : null;
  return { prefixes, command, inputLines };
}

/** The prefix command in a typed-over prefix area: the characters that differ from what was drawn. */
function prefixTyped(text: string, original: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === original[i] && (ch === '=' || /\d/.test(ch))) continue;
    if (ch === '=' || ch === ' ') continue;
    out += ch;
  }
  return out;
}
