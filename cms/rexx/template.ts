// PARSE templates: word parsing, literal and variable patterns, absolute and
// relative positions (TRL2, chapter "Parsing"). Positions are tracked as a
// break start/end pair: a string match starts a break at the match and ends
// it after the match; a positional pattern is a zero-width break. Relative
// positions count from the previous break start.

import type { Target, Template } from './ast.js';
import { fail } from './errors.js';

export interface TemplateHost {
  get(target: Target): string;
  set(target: Target, value: string): void;
  whole(text: string): number;
  /** A placeholder's discarded value (for TRACE's >.> lines). */
  dot?(value: string): void;
}

/** Assigns `section` to the variables of one section by word parsing. */
function assignWords(section: string, targets: (Target | null)[], host: TemplateHost): void {
  let rest = section;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    if (i === targets.length - 1) {
      if (t !== null) host.set(t, rest);
      else host.dot?.(rest);
      return;
    }
    let s = 0;
    while (s < rest.length && rest.charCodeAt(s) === 32) s++;
    let e = s;
    while (e < rest.length && rest.charCodeAt(e) !== 32) e++;
    if (t !== null) host.set(t, rest.slice(s, e));
    else host.dot?.(rest.slice(s, e));
    rest = rest.slice(e + 1);
  }
}

/** Parses `text` with one template. */
export function parseWithTemplate(text: string, template: Template, host: TemplateHost): void {
  const len = text.length;
  let breakStart = 0;
  let breakEnd = 0;
  let pending: (Target | null)[] = [];
  const position = (n: number | Target): number => (typeof n === 'number' ? n : host.whole(host.get(n)));
  for (const item of template) {
    switch (item.t) {
      case 'target':
        pending.push(item.target);
        continue;
      case 'dot':
        pending.push(null);
        continue;
    }
    let sectionStart = breakEnd;
    let sectionEnd: number;
    if (item.t === 'lit' || item.t === 'litvar') {
      const pattern = item.t === 'lit' ? item.v : host.get(item.target);
      const at = pattern === '' ? -1 : text.indexOf(pattern, breakEnd);
      if (at < 0) {
        sectionEnd = len;
        breakStart = breakEnd = len;
      } else {
        sectionEnd = at;
        breakStart = at;
        breakEnd = at + pattern.length;
      }
    } else {
      let p: number;
      if (item.t === 'abs') {
        p = position(item.n) - 1;
      } else {
        const n = position(item.n);
        if (n < 0) fail(26, 'negative relative position');
        p = breakStart + item.sign * n;
      }
      if (p < 0) p = 0;
      if (p > len) p = len;
      sectionEnd = p > breakEnd ? p : len;
      if (p <= breakEnd) sectionStart = breakEnd;
      breakStart = breakEnd = p;
    }
    if (pending.length > 0) assignWords(text.slice(sectionStart, sectionEnd), pending, host);
    pending = [];
  }
  if (pending.length > 0) assignWords(text.slice(breakEnd), pending, host);
}

/** Parses a list of strings (the arguments) with a list of templates; missing strings are ''. */
export function parseTemplates(texts: string[], templates: Template[], host: TemplateHost): void {
  for (let i = 0; i < templates.length; i++) parseWithTemplate(texts[i] ?? '', templates[i], host);
}
