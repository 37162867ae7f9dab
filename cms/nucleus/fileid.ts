// File identifiers: `fn ft fm`, with the characters CMS allows, `*`
// patterns and `=` ("same as the input"), and the mode letter and number
// (cms.md (b), "File identifiers").

/** Characters CMS accepts in a filename or filetype (cms.md (b); the exact R6 set is unverified). */
const NAME = /^[A-Z0-9$#@+\-:_]{1,8}$/;

/** The first character that is not allowed in a name, or undefined when the name is valid. */
export function badCharacter(name: string): string | undefined {
  if (NAME.test(name)) return undefined;
  if (name.length > 8) return name[8];
  return [...name].find((c) => !/[A-Z0-9$#@+\-:_]/.test(c)) ?? name;
}

/** A pattern with `*` (any run of characters) or a plain name. */
export function matches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === name;
  const re = new RegExp('^' + pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*') + '$');
  return re.test(name);
}

export interface FileMode {
  letter: string;
  /** The mode number, when given. */
  number?: number;
}

/** `A`, `A1`, `*`: undefined when it is not a valid mode. */
export function parseMode(text: string): FileMode | '*' | undefined {
  if (text === '*') return '*';
  const m = /^([A-Z])([0-6])?$/.exec(text);
  if (!m) return undefined;
  return m[2] === undefined ? { letter: m[1] } : { letter: m[1], number: Number(m[2]) };
}

/** Split tokens at the first `(`: operands before, options after (a closing `)` is dropped). */
export function splitOptions(tokens: readonly string[]): { operands: string[]; options: string[] } {
  const at = tokens.indexOf('(');
  if (at < 0) return { operands: [...tokens], options: [] };
  const options = tokens.slice(at + 1).filter((t) => t !== ')' && t !== '(');
  return { operands: tokens.slice(0, at), options };
}

/**
 * Tokenize a command line as CMS does (cms.md (a), "Command line
 * processing"): blanks separate tokens, `(` and `)` are tokens of their own.
 * Tokens are not truncated here; the SVC 202 plist truncates to 8.
 */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (ch === ' ' || ch === '(' || ch === ')') {
      if (cur) out.push(cur);
      cur = '';
      if (ch !== ' ') out.push(ch);
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Option keyword matching with a minimum abbreviation: `keyword('NOTYPE', 'NOT', 3)`. */
export function abbrev(word: string, token: string, min: number): boolean {
  return token.length >= min && token.length <= word.length && word.startsWith(token);
}
