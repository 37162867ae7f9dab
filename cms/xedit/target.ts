// XEDIT targets (SC24-5221, "Targets"): where a subcommand goes or how far
// it reaches. Forms:
//   n  +n  -n      relative, in lines of the scope (shown lines)
//   :n             absolute line number
//   *  -*          End / Top of File
//   /s/  -/s/      next (previous) line containing s; ~/s/ (or ¬/s/): not containing
//   .label         a line given a name with SET POINT or the .label prefix command
//   t1 & t2, t1 | t2   string targets combined (both / either), on the same line
// A string target searches from the line after the current one (before it
// for -), within the zone, respecting SET CASE's target half.

import type { XeditFile } from './file.js';

export type Target =
  | { readonly kind: 'relative'; readonly n: number }
  | { readonly kind: 'absolute'; readonly n: number }
  | { readonly kind: 'label'; readonly name: string; readonly backward: boolean }
  | { readonly kind: 'string'; readonly backward: boolean; readonly test: StringTest };

/** A string target's test on one line. */
export type StringTest =
  | { readonly op: 'has'; readonly text: string; readonly not: boolean }
  | { readonly op: 'and' | 'or'; readonly left: StringTest; readonly right: StringTest };

export interface ParsedTarget {
  readonly target: Target;
  /** What follows the target in the operands. */
  readonly rest: string;
}

/** Delimiters a string target may use: any non-alphanumeric, non-blank character except those with a meaning here. */
function isDelimiter(ch: string): boolean {
  return /[^A-Za-z0-9\s+\-:*.&|~¬]/.test(ch);
}

/** Parse a target at the start of `text`; undefined when there is none (the caller says "Invalid operand"). */
export function parseTarget(text: string): ParsedTarget | undefined {
  const s = text.trimStart();
  let m = /^([+-]?)\*(?=\s|$)/.exec(s);
  if (m) return { target: { kind: 'absolute', n: m[1] === '-' ? 0 : Infinity }, rest: s.slice(m[0].length) };
  m = /^:(\d+)/.exec(s);
  if (m) return { target: { kind: 'absolute', n: Number(m[1]) }, rest: s.slice(m[0].length) };
  m = /^([+-]?)(\d+)/.exec(s);
  if (m) {
    const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
    return { target: { kind: 'relative', n }, rest: s.slice(m[0].length) };
  }
  m = /^(-?)\.([A-Za-z0-9]{1,8})/.exec(s);
  if (m) {
    return {
      target: { kind: 'label', name: m[2].toUpperCase(), backward: m[1] === '-' },
      rest: s.slice(m[0].length),
    };
  }
  let backward = false;
  let at = 0;
  if (s[0] === '-') {
    backward = true;
    at = 1;
  }
  const first = parseStringTest(s, at);
  if (!first) return undefined;
  let test = first.test;
  at = first.end;
  for (;;) {
    const op = /^\s*([&|])\s*/.exec(s.slice(at));
    if (!op) break;
    const next = parseStringTest(s, at + op[0].length);
    if (!next) return undefined;
    test = { op: op[1] === '&' ? 'and' : 'or', left: test, right: next.test };
    at = next.end;
  }
  return { target: { kind: 'string', backward, test }, rest: s.slice(at) };
}

function parseStringTest(s: string, at: number): { test: StringTest; end: number } | undefined {
  let not = false;
  if (s[at] === '~' || s[at] === '¬') {
    not = true;
    at++;
  }
  const delim = s[at];
  if (delim === undefined || !isDelimiter(delim)) return undefined;
  const close = s.indexOf(delim, at + 1);
  const text = close < 0 ? s.slice(at + 1) : s.slice(at + 1, close);
  const end = close < 0 ? s.length : close + 1;
  return { test: { op: 'has', text, not }, end };
}

/** Does line text `line` pass `test` (within the zone, with the file's case)? */
export function lineMatches(file: XeditFile, line: string, test: StringTest): boolean {
  if (test.op !== 'has') {
    const left = lineMatches(file, line, test.left);
    return test.op === 'and'
      ? left && lineMatches(file, line, test.right)
      : left || lineMatches(file, line, test.right);
  }
  const [z1, z2] = file.settings.zone;
  let zone = line.slice(z1 - 1, z2);
  let text = test.text;
  if (file.settings.caseTarget === 'I') {
    zone = zone.toUpperCase();
    text = text.toUpperCase();
  }
  const found = text === '' ? true : zone.includes(text);
  return found !== test.not;
}

/** Where a target lands, from line `from`. `reachedEnd`: a count went past Top or End of File (rc 1). */
export type Resolution = { line: number; reachedEnd: boolean } | { notFound: true };

export function resolveTarget(file: XeditFile, target: Target, from = file.current): Resolution {
  switch (target.kind) {
    case 'absolute': {
      const n = target.n === Infinity ? file.size + 1 : target.n;
      if (n > file.size + 1) return { line: file.size + 1, reachedEnd: true };
      return { line: n, reachedEnd: false };
    }
    case 'relative': {
      let line = from;
      let left = Math.abs(target.n);
      const step = target.n < 0 ? -1 : 1;
      while (left > 0) {
        const next = line + step;
        if (next < 0 || next > file.size + 1) return { line, reachedEnd: true };
        line = next;
        if (file.inScope(line)) left--;
      }
      return { line, reachedEnd: false };
    }
    case 'label': {
      const n = file.labelLine(target.name);
      return n === undefined ? { notFound: true } : { line: n, reachedEnd: false };
    }
    case 'string': {
      const step = target.backward ? -1 : 1;
      const search = (start: number, stop: number): number | undefined => {
        for (let n = start; n !== stop; n += step) {
          if (n < 1 || n > file.size) continue;
          const line = file.lines[n - 1];
          if (line.shown && lineMatches(file, line.text, target.test)) return n;
        }
        return undefined;
      };
      const stop = target.backward ? 0 : file.size + 1;
      let hit = search(from + step, stop);
      if (hit === undefined && file.settings.wrap) {
        hit = search(target.backward ? file.size : 1, from);
      }
      return hit === undefined ? { notFound: true } : { line: hit, reachedEnd: false };
    }
  }
}

/**
 * The lines a target covers starting at the current line (DELETE, CHANGE,
 * COPY ...): `first` and `count`. A relative count of n covers n lines from
 * the current one; a line target covers up to and not including it (SC24-5221,
 * "Targets": "the target line is not included" for a line target).
 */
export function targetRange(
  file: XeditFile,
  target: Target,
): { first: number; count: number; reachedEnd: boolean } | { notFound: true } {
  const from = file.current;
  if (target.kind === 'relative') {
    // n lines of the scope, the current line first (upwards for -n).
    const step = target.n < 0 ? -1 : 1;
    let left = Math.abs(target.n);
    let line = from;
    let a = from;
    let b = from;
    let reachedEnd = false;
    while (left > 0) {
      if (line < 1 || line > file.size) {
        if (line !== from || left !== Math.abs(target.n)) {
          reachedEnd = true;
          break;
        }
        line += step;
        continue;
      }
      if (file.inScope(line)) left--;
      a = Math.min(a, line);
      b = Math.max(b, line);
      line += step;
    }
    a = Math.max(1, a);
    b = Math.min(file.size, b);
    return { first: a, count: Math.max(0, b - a + 1), reachedEnd };
  }
  const r = resolveTarget(file, target, from);
  if ('notFound' in r) return r;
  if (r.line >= from) {
    const first = Math.max(1, from);
    return { first, count: Math.max(0, Math.min(file.size, r.line - 1) - first + 1), reachedEnd: r.reachedEnd };
  }
  const first = Math.max(1, r.line + 1);
  return { first, count: Math.max(0, Math.min(file.size, from) - first + 1), reachedEnd: r.reachedEnd };
}
