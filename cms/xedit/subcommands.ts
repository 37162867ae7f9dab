// XEDIT subcommands: one row each, with the minimum abbreviation of the
// syntax boxes in SC24-5221 (the upper-case part), and the return codes of
// the "Return Codes" section (editor.ts, Rc). The file-changing rows that
// take a target go through target.ts; SET and QUERY are in settings.ts.

import type { CmsGen } from '../nucleus/task.js';
import { slice } from '../nucleus/task.js';
import type { Xedit } from './editor.js';
import { Rc } from './editor.js';
import type { XeditFile } from './file.js';
import { parseTarget, resolveTarget, targetRange, lineMatches, type Target } from './target.js';
import { loadFile, writeFile } from './files.js';
import { setSubcommand, querySubcommand, extractSubcommand } from './settings.js';

export interface Subcommand {
  readonly name: string;
  readonly min: number;
  /** `operands` trimmed; `raw` as typed (CHANGE and INPUT keep blanks). */
  run(x: Xedit, operands: string, raw: string): CmsGen<number>;
}

function row(name: string, minimum: string, run: Subcommand['run']): Subcommand {
  return { name, min: minimum.length, run };
}

/** A subcommand that does not wait for anything. */
function plain(name: string, minimum: string, run: (x: Xedit, operands: string, raw: string) => number): Subcommand {
  // eslint-disable-next-line require-yield
  return row(name, minimum, function* (x, o, r) {
    return run(x, o, r);
  });
}

export function findSubcommand(name: string): Subcommand | undefined {
  const up = name.toUpperCase();
  return SUBCOMMANDS.find((s) => up.length >= s.min && up.length <= s.name.length && s.name.startsWith(up));
}

// ---- helpers ----

const TAB_STOPS = [1, 10, 20, 30, 40, 50, 60, 70];

function invalid(x: Xedit, what: string): number {
  x.say(`Invalid operand: ${what}`);
  return Rc.invalid;
}

function notFound(x: Xedit): number {
  x.say('Target not found');
  return Rc.notFound;
}

/** Move the current line to a target (LOCATE, UP, DOWN ...). */
function move(x: Xedit, target: Target): number {
  const f = x.file;
  const r = resolveTarget(f, target);
  if ('notFound' in r) return notFound(x);
  f.current = r.line;
  if (r.reachedEnd || (target.kind === 'relative' && target.n !== 0 && (r.line === 0 || r.line === f.size + 1))) {
    if (r.reachedEnd) {
      x.say(r.line === 0 ? 'Top of File reached' : 'End of File reached');
      return Rc.end;
    }
  }
  return Rc.ok;
}

function count(operands: string, fallback = 1): number | undefined {
  if (operands === '') return fallback;
  if (operands === '*') return Infinity;
  return /^\d+$/.test(operands) ? Number(operands) : undefined;
}

/** The target at the start of operands (default `1`), or an error rc. */
function targetOf(x: Xedit, operands: string, fallback = '1'): { target: Target; rest: string } | number {
  const t = parseTarget(operands === '' ? fallback : operands);
  if (!t) return invalid(x, operands);
  return t;
}

/** `fn ft fm` operands with `=` for the file's own parts. */
function fileIdOf(x: Xedit, operands: string): { fn: string; ft: string; fm: string } | undefined {
  const f = x.file;
  const w = operands.toUpperCase().split(/\s+/).filter(Boolean);
  const fn = !w[0] || w[0] === '=' ? f.fn : w[0];
  const ft = !w[1] || w[1] === '=' ? f.ft : w[1];
  const fm = !w[2] || w[2] === '=' ? f.fm : w[2].length === 1 ? `${w[2]}1` : w[2];
  if (fn.length > 8 || ft.length > 8 || !/^[A-Z]\d?$/.test(fm)) return undefined;
  return { fn, ft, fm };
}

function texts(f: XeditFile): string[] {
  return f.lines.map((l) => l.text);
}

/**
 * Write the file (FILE, SAVE): rc 0, or a message and rc 3 with the file
 * kept in the ring. Writing under another fileid that exists needs the
 * forced forms, FFILE and SSAVE (SC24-5221, "FFILE", "SSAVE").
 */
function save(x: Xedit, operands: string, forced = false): number {
  const id = fileIdOf(x, operands);
  if (!id) return invalid(x, operands);
  const f = x.file;
  const own = id.fn === f.fn && id.ft === f.ft && id.fm[0] === f.fm[0];
  if (!own && !forced && x.cms.disks.get(id.fm[0])?.disk.find(id.fn, id.ft)) {
    x.say(`File ${id.fn} ${id.ft} ${id.fm} already exists; use FFILE or SSAVE to replace it`);
    return Rc.error;
  }
  if (f.size === 0) {
    x.say(`File ${id.fn} ${id.ft} ${id.fm} is empty: not written`);
    return Rc.error;
  }
  const error = writeFile(x.cms, f, id, texts(f));
  if (error) {
    x.say(error);
    return Rc.error;
  }
  if (own) f.alterations = 0;
  return Rc.ok;
}

// ---- CHANGE ----

/** `/old/new/ [target [occurrences [first]]]`. */
function change(x: Xedit, raw: string): number {
  const f = x.file;
  const s = raw.trimStart();
  x.lastChange = s;
  const delim = s[0];
  if (!delim || /[A-Za-z0-9\s]/.test(delim)) return invalid(x, raw.trim());
  const p1 = s.indexOf(delim, 1);
  if (p1 < 0) return invalid(x, raw.trim());
  const old = s.slice(1, p1);
  const p2 = s.indexOf(delim, p1 + 1);
  const repl = p2 < 0 ? s.slice(p1 + 1) : s.slice(p1 + 1, p2);
  let rest = p2 < 0 ? '' : s.slice(p2 + 1).trim();
  let target: Target = { kind: 'relative', n: 1 };
  if (rest !== '') {
    const t = parseTarget(rest);
    if (!t) return invalid(x, rest);
    target = t.target;
    rest = t.rest.trim();
  }
  const [occText, firstText] = rest.split(/\s+/).filter(Boolean);
  const occurrences = occText === undefined ? 1 : occText === '*' ? Infinity : Number(occText);
  const first = firstText === undefined ? 1 : Number(firstText);
  if (
    !Number.isInteger(first) ||
    first < 1 ||
    !(occurrences === Infinity || Number.isInteger(occurrences)) ||
    occurrences < 1
  ) {
    return invalid(x, rest);
  }
  if (f.current === 0 && target.kind === 'relative' && target.n > 0) f.current = Math.min(1, f.size + 1);
  const range = targetRange(f, target);
  if ('notFound' in range) return notFound(x);
  const [z1, z2] = f.settings.zone;
  const ignore = f.settings.caseTarget === 'I';
  const needle = ignore ? old.toUpperCase() : old;
  const step = Math.max(needle.length, 1);
  const trunc = f.settings.trunc;
  let changes = 0;
  let lines = 0;
  let truncated = false;
  let lastChanged = 0;
  for (let n = range.first; n < range.first + range.count; n++) {
    const line = f.lines[n - 1];
    if (!line.shown) continue;
    const text = line.text;
    // The whole line is the zone in the usual case: no copies then.
    const whole = z1 === 1 && z2 >= text.length;
    const zoneText = whole ? text : text.padEnd(z1 - 1).slice(z1 - 1, z2);
    const hay = ignore ? zoneText.toUpperCase() : zoneText;
    if (needle !== '' && hay.indexOf(needle) < 0) continue;
    let out = '';
    let at = 0;
    let seen = 0;
    let done = 0;
    while (done < occurrences) {
      const i = needle === '' ? (seen === 0 ? 0 : -1) : hay.indexOf(needle, at);
      if (i < 0) break;
      seen++;
      if (seen < first) {
        out += zoneText.slice(at, i + step);
        at = i + step;
        if (needle === '') break;
        continue;
      }
      out += zoneText.slice(at, i) + repl;
      at = i + needle.length;
      done++;
      if (needle === '') break;
    }
    if (done === 0) continue;
    out += zoneText.slice(at);
    let result = whole ? out : text.slice(0, z1 - 1).padEnd(z1 - 1) + out + text.slice(z2);
    if (result.length > trunc && trimBlanks(result).length > trunc) {
      truncated = true;
      result = result.slice(0, trunc);
    }
    f.setText(n, result);
    changes += done;
    lines++;
    lastChanged = n;
  }
  if (lines === 0) {
    x.say(`No change`);
    return Rc.notFound;
  }
  f.current = lastChanged;
  if (truncated) x.say('Truncated');
  if (lines > 1 || changes > 1 || x.macroDepth === 0) {
    x.say(`${changes} occurrence(s) changed on ${lines} line(s)`);
  }
  return truncated ? Rc.error : Rc.ok;
}

// ---- the table ----

export const SUBCOMMANDS: Subcommand[] = [
  plain('ADD', 'A', (x, o) => {
    const n = count(o);
    if (n === undefined || n === Infinity) return invalid(x, o);
    const f = x.file;
    const at = Math.min(f.current, f.size);
    f.insert(
      at,
      Array.from({ length: n }, () => ''),
    );
    f.current = at + n;
    x.cursor = { line: at + 1, col: 1 };
    return Rc.ok;
  }),
  plain('ALL', 'ALL', (x, o) => {
    const f = x.file;
    if (o === '') {
      for (const l of f.lines) l.shown = true;
      return Rc.ok;
    }
    const t = parseTarget(o);
    if (!t || t.target.kind !== 'string') return invalid(x, o);
    const test = t.target.test;
    let hits = 0;
    for (const l of f.lines) {
      l.shown = lineMatches(f, l.text, test);
      if (l.shown) hits++;
    }
    if (hits === 0) {
      for (const l of f.lines) l.shown = true;
      return notFound(x);
    }
    const firstShown = f.lines.findIndex((l) => l.shown);
    f.current = firstShown + 1;
    return Rc.ok;
  }),
  plain('BACKWARD', 'BA', (x, o) => {
    const n = count(o);
    if (n === undefined) return invalid(x, o);
    const f = x.file;
    if (f.current === 0) {
      f.current = f.size + 1;
      return Rc.ok;
    }
    const page = Math.max(1, x.pageLines() - 2);
    return move(x, { kind: 'relative', n: -Math.min(n * page, f.size + 1) });
  }),
  plain('BOTTOM', 'B', (x) => {
    x.file.current = x.file.size;
    return Rc.ok;
  }),
  plain('CAPPEND', 'CA', (x, _o, raw) => {
    const f = x.file;
    if (f.current < 1 || f.current > f.size) return notFound(x);
    const text = f.text(f.current);
    f.setText(f.current, text + raw.replace(/^ /, ''));
    f.column = text.length + 1;
    return Rc.ok;
  }),
  plain('CDELETE', 'CD', (x, o) => {
    const f = x.file;
    if (f.current < 1 || f.current > f.size) return notFound(x);
    const n = count(o);
    if (n === undefined) return invalid(x, o);
    const t = f.text(f.current);
    const c = f.column - 1;
    f.setText(f.current, t.slice(0, c) + (n === Infinity ? '' : t.slice(c + n)));
    return Rc.ok;
  }),
  plain('CHANGE', 'C', (x, _o, raw) => change(x, raw)),
  plain('CINSERT', 'CI', (x, _o, raw) => {
    const f = x.file;
    if (f.current < 1 || f.current > f.size) return notFound(x);
    const t = f.text(f.current);
    const c = f.column - 1;
    f.setText(f.current, t.padEnd(c).slice(0, c) + raw.replace(/^ /, '') + t.slice(c));
    return Rc.ok;
  }),
  plain('CLOCATE', 'CL', (x, o) => {
    const f = x.file;
    const m = /^:(\d+)$/.exec(o) ?? /^([+-]?\d+)$/.exec(o);
    if (m) {
      const n = Number(m[1]);
      f.column = Math.max(1, o.startsWith(':') ? n : f.column + n);
      return Rc.ok;
    }
    const d = o[0];
    if (!d) return invalid(x, o);
    const close = o.indexOf(d, 1);
    const s = close < 0 ? o.slice(1) : o.slice(1, close);
    const i = f.text(f.current).indexOf(s, f.column);
    if (i < 0) return notFound(x);
    f.column = i + 1;
    return Rc.ok;
  }),
  row('CMS', 'CMS', function* (x, o) {
    if (o === '') {
      x.say('CMS subset is not available: type CMS commands after CMS');
      return Rc.invalid;
    }
    return yield* x.toCms(o);
  }),
  plain('COPY', 'COPY', (x, o) => copyOrMove(x, o, false)),
  plain('COUNT', 'COU', (x, o) => {
    const f = x.file;
    const t = parseTarget(o);
    if (!t || t.target.kind !== 'string' || t.target.test.op !== 'has') return invalid(x, o);
    const needle = t.target.test.text;
    let target: Target = { kind: 'relative', n: 1 };
    if (t.rest.trim() !== '') {
      const r = parseTarget(t.rest);
      if (!r) return invalid(x, t.rest);
      target = r.target;
    }
    const range = targetRange(f, target);
    if ('notFound' in range) return notFound(x);
    let n = 0;
    for (let k = range.first; k < range.first + range.count; k++) {
      if (needle === '') continue;
      let text = f.text(k);
      let s = needle;
      if (f.settings.caseTarget === 'I') {
        text = text.toUpperCase();
        s = s.toUpperCase();
      }
      for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) n++;
    }
    x.say(`${n} occurrence(s)`);
    return n === 0 ? Rc.notFound : Rc.ok;
  }),
  row('CP', 'CP', function* (x, o) {
    // The response is typed: CP takes the screen back, and XEDIT draws again after the next key (X'8E').
    const r = x.cms.cp(o);
    yield slice();
    return r.rc;
  }),
  plain('CURSOR', 'CURSOR', (x, o) => {
    // CURSOR HOME (PF12): from the file area to the command line, and from there back to the current line.
    if (o.toUpperCase() !== 'HOME') return invalid(x, o);
    const f = x.file;
    x.cursor =
      x.cursor !== null ? null : { line: Math.max(1, Math.min(f.current, f.size)), col: f.settings.verifyStart };
    return Rc.ok;
  }),
  plain('DELETE', 'DEL', (x, o) => {
    const f = x.file;
    const t = targetOf(x, o);
    if (typeof t === 'number') return t;
    if (f.current === 0 && t.target.kind === 'relative' && t.target.n > 0) f.current = 1;
    const r = targetRange(f, t.target);
    if ('notFound' in r) return notFound(x);
    if (r.count === 0) {
      if (f.current === 0 || f.current === f.size + 1) {
        x.say(f.current === 0 ? 'Top of File reached' : 'End of File reached');
        return Rc.end;
      }
      return Rc.ok;
    }
    f.remove(r.first, r.count);
    f.current = f.clamp(r.first);
    if (r.reachedEnd) {
      x.say('End of File reached');
      return Rc.end;
    }
    return Rc.ok;
  }),
  plain('DOWN', 'D', (x, o) => {
    const n = count(o);
    if (n === undefined) return invalid(x, o);
    return move(x, { kind: 'relative', n: n === Infinity ? x.file.size + 1 : n });
  }),
  plain('DUPLICATE', 'DUP', (x, o) => {
    const f = x.file;
    const [nText, ...rest] = o.split(/\s+/).filter(Boolean);
    const times = count(nText ?? '');
    if (times === undefined || times === Infinity) return invalid(x, o);
    let target: Target = { kind: 'relative', n: 1 };
    if (rest.length > 0) {
      const t = parseTarget(rest.join(' '));
      if (!t) return invalid(x, o);
      target = t.target;
    }
    const r = targetRange(f, target);
    if ('notFound' in r) return notFound(x);
    if (r.count === 0) return notFound(x);
    const block = f.lines.slice(r.first - 1, r.first - 1 + r.count).map((l) => l.text);
    const copies: string[] = [];
    for (let k = 0; k < times; k++) copies.push(...block);
    f.insert(r.first - 1 + r.count, copies);
    f.current = r.first - 1 + r.count + copies.length;
    return Rc.ok;
  }),
  plain('EXTRACT', 'EXT', (x, o) => extractSubcommand(x, o)),
  row('FFILE', 'FFILE', function* (x, o) {
    const rc = save(x, o, true);
    if (rc === Rc.ok) x.dropCurrent();
    yield slice();
    return rc;
  }),
  row('FILE', 'FILE', function* (x, o) {
    const rc = save(x, o);
    if (rc === Rc.ok) x.dropCurrent();
    yield slice();
    return rc;
  }),
  plain('FIND', 'F', (x, _o, raw) => {
    // FIND text: the next line that begins with text, blanks matching anything (SC24-5221, "FIND").
    const f = x.file;
    const text = raw.replace(/^ /, '');
    for (let n = f.current + 1; n <= f.size; n++) {
      const line = f.lines[n - 1];
      if (!line.shown) continue;
      const start = f.settings.zone[0] - 1;
      let ok = true;
      for (let k = 0; k < text.length; k++) {
        const c = text[k];
        const d = line.text[start + k] ?? ' ';
        if (c !== ' ' && (f.settings.caseTarget === 'I' ? c.toUpperCase() !== d.toUpperCase() : c !== d)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        f.current = n;
        return Rc.ok;
      }
    }
    return notFound(x);
  }),
  plain('FORWARD', 'FO', (x, o) => {
    const n = count(o);
    if (n === undefined) return invalid(x, o);
    const f = x.file;
    if (f.current === f.size + 1) {
      f.current = 0;
      return Rc.ok;
    }
    const page = Math.max(1, x.pageLines() - 2);
    return move(x, { kind: 'relative', n: Math.min(n * page, f.size + 1) });
  }),
  row('GET', 'GET', function* (x, o) {
    const w = o.toUpperCase().split(/\s+/).filter(Boolean);
    if (w.length === 0) return invalid(x, o);
    const r = loadFile(x.cms, w[0], w[1] ?? x.file.ft, w[2]);
    if ('error' in r) {
      x.say(r.error);
      return Rc.error;
    }
    if (r.file.isNew) {
      x.say(`File ${w[0]} ${w[1] ?? x.file.ft} not found`);
      return Rc.notFound;
    }
    const first = w[3] ? Number(w[3]) : 1;
    const n = w[4] === undefined || w[4] === '*' ? Infinity : Number(w[4]);
    const lines = r.file.lines.slice(first - 1, n === Infinity ? undefined : first - 1 + n).map((l) => l.text);
    const f = x.file;
    const at = Math.min(f.current, f.size);
    f.insert(at, lines);
    f.current = at + lines.length;
    yield slice();
    return Rc.ok;
  }),
  plain('INPUT', 'I', (x, _o, raw) => {
    const f = x.file;
    const text = raw.replace(/^ /, '');
    if (raw.trim() === '') {
      x.inputMode = true;
      return Rc.ok;
    }
    const at = Math.min(f.current, f.size);
    f.insert(at, [f.settings.caseInput === 'U' ? text.toUpperCase() : text]);
    f.current = at + 1;
    return Rc.ok;
  }),
  plain('JOIN', 'J', (x) => {
    const f = x.file;
    const n = x.cursor?.line ?? f.current;
    if (n < 1 || n >= f.size) return notFound(x);
    const col = x.cursor && x.cursor.line === n ? Math.max(x.cursor.col, f.text(n).length + 1) : f.text(n).length + 1;
    const joined = f.text(n).padEnd(col - 1) + f.text(n + 1).trimStart();
    if (joined.length > f.settings.trunc) {
      x.say('Truncated: lines not joined');
      return Rc.error;
    }
    f.setText(n, joined);
    f.remove(n + 1, 1);
    return Rc.ok;
  }),
  plain('LEFT', 'LE', (x, o) => {
    const n = o.toUpperCase() === 'HALF' ? Math.floor(x.width / 2) : count(o);
    if (n === undefined || n === Infinity) return invalid(x, o);
    const s = x.file.settings;
    s.verifyStart = o === '' ? 1 : Math.max(1, s.verifyStart - n);
    return Rc.ok;
  }),
  plain('LOCATE', 'L', (x, o) => {
    const t = targetOf(x, o);
    if (typeof t === 'number') return t;
    const rc = move(x, t.target);
    if (rc !== Rc.ok && rc !== Rc.end) return rc;
    return rc;
  }),
  plain('MOVE', 'MOVE', (x, o) => copyOrMove(x, o, true)),
  plain('NEXT', 'N', (x, o) => {
    const n = count(o);
    if (n === undefined) return invalid(x, o);
    return move(x, { kind: 'relative', n: n === Infinity ? x.file.size + 1 : n });
  }),
  row('PUT', 'PUT', function* (x, o) {
    const rc = put(x, o, false);
    yield slice();
    return rc;
  }),
  row('PUTD', 'PUTD', function* (x, o) {
    const rc = put(x, o, true);
    yield slice();
    return rc;
  }),
  plain('QQUIT', 'QQ', (x) => {
    x.dropCurrent();
    return Rc.ok;
  }),
  plain('QUERY', 'Q', (x, o) => querySubcommand(x, o)),
  plain('QUIT', 'QUIT', (x) => {
    if (x.file.alterations > 0) {
      x.say('File has been changed.  Type QQUIT to quit anyway, FILE to save your changes');
      return Rc.changed;
    }
    x.dropCurrent();
    return Rc.ok;
  }),
  plain('RESET', 'RES', (x) => {
    x.prefix.reset();
    return Rc.ok;
  }),
  plain('RGTLEFT', 'RGTLEFT', (x) => {
    const s = x.file.settings;
    s.verifyStart = s.verifyStart === 1 ? Math.floor(x.width / 2) + 1 : 1;
    return Rc.ok;
  }),
  plain('RIGHT', 'RI', (x, o) => {
    const n = o.toUpperCase() === 'HALF' ? Math.floor(x.width / 2) : count(o);
    if (n === undefined || n === Infinity) return invalid(x, o);
    const s = x.file.settings;
    s.verifyStart = Math.min(x.file.lrecl, s.verifyStart + n);
    return Rc.ok;
  }),
  row('SAVE', 'SAVE', function* (x, o) {
    const rc = save(x, o);
    yield slice();
    return rc;
  }),
  plain('SCHANGE', 'SCHANGE', (x) => {
    // The PF5 default: the last CHANGE's strings, applied once to the next line that has the old string.
    const last = x.lastChange;
    if (last === undefined) return invalid(x, 'no CHANGE to repeat');
    const f = x.file;
    const d = last.trimStart()[0];
    const old = last.trimStart().slice(1).split(d)[0];
    const hit = resolveTarget(
      f,
      { kind: 'string', backward: false, test: { op: 'has', text: old, not: false } },
      f.current - 1,
    );
    if ('notFound' in hit) return notFound(x);
    f.current = hit.line;
    return change(x, last.trimStart().split(d).slice(0, 3).join(d) + d);
  }),
  plain('SET', 'SET', (x, o) => setSubcommand(x, o)),
  plain('SORT', 'SORT', (x, o) => sort(x, o)),
  plain('SOS', 'SOS', (x, o) => {
    const w = o.toUpperCase();
    if (w === 'LINEADD' || w === 'LINEA') {
      const f = x.file;
      const at = x.cursor ? Math.min(x.cursor.line, f.size) : Math.min(f.current, f.size);
      f.insert(at, ['']);
      x.cursor = { line: at + 1, col: 1 };
      return Rc.ok;
    }
    return invalid(x, o);
  }),
  plain('SPLIT', 'SP', (x) => {
    const f = x.file;
    const n = x.cursor?.line ?? f.current;
    if (n < 1 || n > f.size) return notFound(x);
    const col = x.cursor?.line === n ? x.cursor.col : f.column;
    const t = f.text(n);
    f.setText(n, t.slice(0, col - 1));
    f.insert(n, [t.slice(col - 1)]);
    return Rc.ok;
  }),
  plain('SPLTJOIN', 'SPLTJOIN', (x) => {
    const f = x.file;
    const c = x.cursor;
    if (!c || c.line < 1 || c.line > f.size) return notFound(x);
    const split = findSubcommand(c.col <= f.text(c.line).length ? 'SPLIT' : 'JOIN');
    const gen = split!.run(x, '', '');
    const r = gen.next();
    return typeof r.value === 'number' ? r.value : Rc.ok;
  }),
  plain('SSAVE', 'SSAVE', (x, o) => save(x, o, true)),
  plain('TABKEY', 'TABKEY', (x) => {
    // PF4: the cursor to the next tab column of its line (SET TABS; vmcms keeps XEDIT's default 1 10 20 ... 70).
    const c = x.cursor;
    if (!c) return Rc.ok;
    const next = TAB_STOPS.find((t) => t > c.col);
    x.cursor = next === undefined ? null : { line: c.line, col: next };
    return Rc.ok;
  }),
  plain('TOP', 'TOP', (x) => {
    x.file.current = 0;
    return Rc.ok;
  }),
  plain('UP', 'U', (x, o) => {
    const n = count(o);
    if (n === undefined) return invalid(x, o);
    return move(x, { kind: 'relative', n: -(n === Infinity ? x.file.size + 1 : n) });
  }),
  row('XEDIT', 'X', function* (x, o) {
    if (o === '') {
      x.nextInRing();
      return Rc.ok;
    }
    const w = o.toUpperCase().split(/\s+/);
    if (w.length < 2) return invalid(x, o);
    const i = x.findInRing(w[0], w[1], w[2]);
    if (i >= 0) {
      x.select(i);
      return Rc.ok;
    }
    const r = loadFile(x.cms, w[0], w[1], w[2]);
    if ('error' in r) {
      x.say(r.error);
      return Rc.error;
    }
    x.addFile(r.file);
    if (r.file.isNew) x.say('New file');
    yield slice();
    return Rc.ok;
  }),
];

function copyOrMove(x: Xedit, o: string, isMove: boolean): number {
  const f = x.file;
  const t1 = parseTarget(o);
  if (!t1) return invalid(x, o);
  const t2 = parseTarget(t1.rest);
  if (!t2) return invalid(x, t1.rest.trim() || o);
  if (f.current === 0) f.current = 1;
  const r = targetRange(f, t1.target);
  if ('notFound' in r || r.count === 0) return notFound(x);
  const d = resolveTarget(f, t2.target, f.current);
  if ('notFound' in d) return notFound(x);
  let dest = Math.min(d.line, f.size);
  if (isMove && dest >= r.first && dest < r.first + r.count) return invalid(x, 'destination inside the lines');
  const block = f.lines.slice(r.first - 1, r.first - 1 + r.count).map((l) => l.text);
  if (isMove) {
    f.remove(r.first, r.count);
    if (dest >= r.first + r.count) dest -= r.count;
  }
  f.insert(dest, block);
  f.current = dest + block.length;
  return Rc.ok;
}

function put(x: Xedit, o: string, deleteAfter: boolean): number {
  const f = x.file;
  const t = targetOf(x, o);
  if (typeof t === 'number') return t;
  const id = t.rest.trim() === '' ? { fn: 'XEDTEMP', ft: 'CMSUT1', fm: 'A1' } : fileIdOf(x, t.rest);
  if (!id) return invalid(x, t.rest);
  if (f.current === 0) f.current = 1;
  const r = targetRange(f, t.target);
  if ('notFound' in r || r.count === 0) return notFound(x);
  const lines = f.lines.slice(r.first - 1, r.first - 1 + r.count).map((l) => l.text);
  const error = writeFile(x.cms, f, id, lines);
  if (error) {
    x.say(error);
    return Rc.error;
  }
  if (deleteAfter) {
    f.remove(r.first, r.count);
    f.current = f.clamp(r.first);
  } else f.current = r.first + r.count - 1;
  return Rc.ok;
}

/** SORT target [A|D] c1 c2 [c1 c2 ...]: stable, by the column ranges in order (SC24-5221, "SORT"). */
function sort(x: Xedit, o: string): number {
  const f = x.file;
  const t = parseTarget(o);
  if (!t) return invalid(x, o);
  const w = t.rest.toUpperCase().split(/\s+/).filter(Boolean);
  let descending = false;
  if (w[0] === 'A' || w[0] === 'D') descending = w.shift() === 'D';
  if (w.length % 2 !== 0 || w.some((c) => !/^\d+$/.test(c))) return invalid(x, t.rest.trim());
  const ranges: [number, number][] = [];
  for (let i = 0; i < w.length; i += 2) ranges.push([Number(w[i]), Number(w[i + 1])]);
  if (ranges.length === 0) ranges.push([f.settings.zone[0], f.settings.zone[1]]);
  if (ranges.some(([a, b]) => a < 1 || b < a)) return invalid(x, t.rest.trim());
  if (f.current === 0) f.current = 1;
  const r = targetRange(f, t.target);
  if ('notFound' in r || r.count === 0) return notFound(x);
  const block = f.lines.slice(r.first - 1, r.first - 1 + r.count);
  const key = (s: string): string => ranges.map(([a, b]) => s.padEnd(b).slice(a - 1, b)).join('\u0000');
  const keyed = block.map((line) => ({ line, k: key(line.text) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0) * (descending ? -1 : 1));
  f.lines.splice(r.first - 1, r.count, ...keyed.map((e) => e.line));
  f.alterations++;
  x.say(`${r.count} line(s) sorted`);
  return Rc.ok;
}

/** Blanks off the end (only blanks: a record may hold other characters). */
export function trimBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}
