// Prefix commands: typed over the `=====` of a line (SC24-5221, "Prefix
// Subcommands"). Single-line forms take a count before or after the name
// (`d5`, `5d`); block forms mark the first and last line (`dd` ... `dd`);
// copy and move need a destination (`f` following, `p` preceding). A block
// or a copy with one half missing stays *pending*: it is shown again in the
// prefix area and completed by a later Enter, or cancelled by typing over it
// (or RESET).
//
//   a n  i n   add n lines          d n  dd   delete         " n  ""   duplicate
//   c n  cc    copy  (f / p)        m n  mm   move (f / p)   / current line
//   x n  xx    exclude (shadow)     s n       show excluded  < n  <<   shift left
//   > n  >>    shift right          .name     label the line

import type { Line, XeditFile } from './file.js';

/** The Top and End of File lines as prefix targets. */
export const TOP_OF_FILE: Line = { text: '* * * Top of File * * *', shown: true };
export const END_OF_FILE: Line = { text: '* * * End of File * * *', shown: true };

export interface PrefixInput {
  /** The line the prefix belongs to (TOP_OF_FILE / END_OF_FILE for those lines). */
  readonly line: Line;
  /** What the prefix area holds now, without its filler. */
  readonly text: string;
  /** For a shadow line: the hidden lines it stands for. */
  readonly hidden?: readonly Line[];
}

interface Entry {
  readonly file: XeditFile;
  readonly line: Line;
  /** Upper-case name: A, D, DD, C, CC, F, P, ... */
  readonly name: string;
  readonly n: number | undefined;
  readonly raw: string;
  readonly hidden?: readonly Line[];
}

const SINGLE = new Set(['A', 'I', 'D', 'C', 'M', '"', 'X', 'S', '<', '>', '/', 'F', 'P']);
const BLOCK = new Set(['DD', 'CC', 'MM', '""', 'XX', '<<', '>>']);

/** Parse a prefix command: name and count, or undefined when it is not one. */
export function parsePrefix(text: string): { name: string; n: number | undefined } | undefined {
  const t = text.trim().toUpperCase();
  if (t === '') return undefined;
  if (t.startsWith('.') && /^\.[A-Z0-9]{1,8}$/.test(t)) return { name: t, n: undefined };
  const m = /^(\d*)([A-Z"<>/]{1,2})(\d*)$/.exec(t);
  if (!m || (m[1] !== '' && m[3] !== '')) return undefined;
  const name = m[2];
  if (!SINGLE.has(name) && !BLOCK.has(name)) return undefined;
  const digits = m[1] || m[3];
  if (digits !== '' && BLOCK.has(name)) return undefined;
  return { name, n: digits === '' ? undefined : Number(digits) };
}

export interface PrefixOutcome {
  /** Messages for the message line. */
  readonly messages: string[];
  /** Lines added by a/i: the cursor goes to the first of them. */
  readonly added?: Line;
}

export class PrefixState {
  private pending: Entry[] = [];

  /** What the prefix area shows for a pending command on this line. */
  pendingText(file: XeditFile, line: Line): string | undefined {
    return this.pending.find((e) => e.file === file && e.line === line)?.raw;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  forget(file: XeditFile): void {
    this.pending = this.pending.filter((e) => e.file !== file);
  }

  /** RESET: cancel every pending prefix command. */
  reset(): void {
    this.pending = [];
  }

  /** Carry out the prefix commands typed with one Enter, with those still pending. */
  process(file: XeditFile, typed: readonly PrefixInput[]): PrefixOutcome {
    const messages: string[] = [];
    let added: Line | undefined;
    // Typing over a pending command replaces it; blanking it cancels it.
    for (const t of typed) {
      this.pending = this.pending.filter((e) => !(e.file === file && e.line === t.line));
    }
    const entries: Entry[] = this.pending.filter((e) => e.file === file);
    this.pending = this.pending.filter((e) => e.file !== file);
    for (const t of typed) {
      const p = parsePrefix(t.text);
      if (!p) {
        if (t.text.trim() !== '') messages.push(`Invalid prefix subcommand: ${t.text.trim()}`);
        continue;
      }
      entries.push({ file, line: t.line, name: p.name, n: p.n, raw: t.text.trim(), hidden: t.hidden });
    }
    const position = (line: Line): number => {
      if (line === TOP_OF_FILE) return 0;
      if (line === END_OF_FILE) return file.size + 1;
      const i = file.lines.indexOf(line);
      return i < 0 ? -1 : i + 1;
    };
    const live = entries.filter((e) => position(e.line) >= 0);
    live.sort((a, b) => position(a.line) - position(b.line));

    // Blocks: pair the halves in order; a lone half stays pending.
    const blocks: { name: string; from: Entry; to: Entry }[] = [];
    const open = new Map<string, Entry>();
    const singles: Entry[] = [];
    for (const e of live) {
      if (BLOCK.has(e.name)) {
        const first = open.get(e.name);
        if (first) {
          blocks.push({ name: e.name, from: first, to: e });
          open.delete(e.name);
        } else open.set(e.name, e);
      } else singles.push(e);
    }
    for (const e of open.values()) this.pending.push(e);

    const destinations = singles.filter((e) => e.name === 'F' || e.name === 'P');
    const copies = [
      ...singles.filter((e) => e.name === 'C' || e.name === 'M').map((e) => ({ kind: e.name, from: e, to: e })),
      ...blocks
        .filter((b) => b.name === 'CC' || b.name === 'MM')
        .map((b) => ({ kind: b.name[0], from: b.from, to: b.to })),
    ];
    if (copies.length > 0 && destinations.length === 0) {
      for (const c of copies) {
        this.pending.push(c.from);
        if (c.to !== c.from) this.pending.push(c.to);
      }
    } else if (copies.length === 0 && destinations.length > 0) {
      this.pending.push(...destinations);
    } else if (copies.length > 0) {
      const c = copies[0];
      const dest = destinations[0];
      const first = position(c.from.line);
      const last = c.to === c.from ? first + (c.from.n ?? 1) - 1 : position(c.to.line);
      const a = Math.max(1, Math.min(first, last));
      const b = Math.min(file.size, Math.max(first, last));
      const destLine = dest.line;
      const texts = file.lines.slice(a - 1, b).map((l) => l.text);
      let at = position(destLine);
      if (at >= a && at <= b && c.kind === 'M') {
        messages.push('Invalid destination: inside the lines to move');
      } else if (b >= a) {
        if (dest.name === 'P') at = Math.max(0, at - 1);
        else if (destLine === END_OF_FILE) at = file.size;
        if (c.kind === 'M') {
          const moved = file.lines.slice(a - 1, b);
          file.remove(a, b - a + 1);
          const after =
            destLine === TOP_OF_FILE
              ? 0
              : destLine === END_OF_FILE
                ? file.size
                : position(destLine) - (dest.name === 'P' ? 1 : 0);
          file.lines.splice(after, 0, ...moved);
          file.alterations++;
        } else file.insert(at, texts);
      }
      for (const extra of copies.slice(1)) {
        this.pending.push(extra.from);
        if (extra.to !== extra.from) this.pending.push(extra.to);
      }
      this.pending.push(...destinations.slice(1));
    }

    // Single-line commands and the remaining blocks, last line first so positions stay true.
    type Work = { at: number; run: () => void };
    const work: Work[] = [];
    for (const e of singles) {
      const at = position(e.line);
      const n = e.n ?? 1;
      switch (e.name) {
        case 'A':
        case 'I':
          work.push({
            at,
            run: () => {
              const where = e.line === END_OF_FILE ? file.size : position(e.line);
              file.insert(
                where,
                Array.from({ length: n }, () => ''),
              );
              added = file.lines[where];
            },
          });
          break;
        case 'D':
          if (at >= 1 && at <= file.size)
            work.push({ at, run: () => file.remove(position(e.line), Math.min(n, file.size - position(e.line) + 1)) });
          break;
        case '"':
          if (at >= 1 && at <= file.size)
            work.push({
              at,
              run: () =>
                file.insert(
                  position(e.line),
                  Array.from({ length: n }, () => e.line.text),
                ),
            });
          break;
        case '/':
          work.push({ at, run: () => (file.current = position(e.line)) });
          break;
        case 'X':
          if (at >= 1 && at <= file.size) {
            work.push({
              at,
              run: () => {
                const p = position(e.line);
                for (let k = 0; k < n && p - 1 + k < file.size; k++) file.lines[p - 1 + k].shown = false;
              },
            });
          }
          break;
        case 'S': {
          const hidden = e.hidden ?? [];
          work.push({ at, run: () => hidden.slice(0, e.n ?? hidden.length).forEach((l) => (l.shown = true)) });
          break;
        }
        case '<':
        case '>':
          if (at >= 1 && at <= file.size) work.push({ at, run: () => shift(file, position(e.line), 1, e.name, n) });
          break;
        default:
          if (e.name.startsWith('.')) {
            const label = e.name.slice(1);
            work.push({
              at,
              run: () => {
                for (const l of file.lines) if (l.label === label) delete l.label;
                if (e.line !== TOP_OF_FILE && e.line !== END_OF_FILE) e.line.label = label;
              },
            });
          }
      }
    }
    for (const b of blocks) {
      const from = position(b.from.line);
      const to = position(b.to.line);
      const a = Math.max(1, Math.min(from, to));
      const z = Math.min(file.size, Math.max(from, to));
      if (z < a) continue;
      switch (b.name) {
        case 'DD':
          work.push({ at: a, run: () => file.remove(a, z - a + 1) });
          break;
        case '""':
          work.push({
            at: a,
            run: () =>
              file.insert(
                z,
                file.lines.slice(a - 1, z).map((l) => l.text),
              ),
          });
          break;
        case 'XX':
          work.push({ at: a, run: () => file.lines.slice(a - 1, z).forEach((l) => (l.shown = false)) });
          break;
        case '<<':
        case '>>':
          work.push({ at: a, run: () => shift(file, a, z - a + 1, b.name[0], 1) });
          break;
      }
    }
    work.sort((x, y) => y.at - x.at);
    for (const w of work) w.run();
    if (this.pending.some((e) => e.file === file)) messages.push('Prefix subcommand pending...');
    file.current = file.clamp(file.current);
    return { messages, added };
  }
}

/** Shift `count` lines from `first` left (<) or right (>) by n columns, within the zone's start. */
function shift(file: XeditFile, first: number, count: number, dir: string, n: number): void {
  for (let k = first; k < first + count && k <= file.size; k++) {
    const t = file.text(k);
    if (dir === '<') file.setText(k, t.slice(Math.min(n, t.length - t.trimStart().length)));
    else file.setText(k, ' '.repeat(n) + t);
  }
}
