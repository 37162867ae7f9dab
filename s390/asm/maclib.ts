// Macro libraries. A CMS MACLIB holds members, each a macro definition
// (MACRO ... MEND) or a COPY member, found by name. This module reads the
// host form of one: a text file of 80-column records in which each member
// begins with a record "*COPY name" (the form CMS MACLIB GEN writes into a
// library's members and the form used by `vmcms asm --maclib FILE`), or,
// with no such records, a sequence of MACRO ... MEND definitions, each
// member named by its prototype's operation.

import { readStatements, splitLines } from './source.js';

/** Members of a library by name. */
export function parseMaclib(data: Uint8Array | string): Map<string, string> {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
  const lines = splitLines(text);
  const members = new Map<string, string>();
  const copyStart = /^\*COPY\s+([A-Za-z@#$_][A-Za-z0-9@#$_]*)/;
  if (lines.some((l) => copyStart.test(l))) {
    let name: string | undefined;
    let body: string[] = [];
    for (const l of lines) {
      const m = copyStart.exec(l);
      if (m) {
        if (name) members.set(name, body.join('\n'));
        name = m[1].toUpperCase();
        body = [];
      } else if (name) body.push(l);
    }
    if (name) members.set(name, body.join('\n'));
    return members;
  }
  // Bare definitions: split at each MACRO whose nesting is zero.
  const stmts = readStatements(lines);
  let depth = 0;
  let start = -1;
  let protoName = '';
  let lineStart = 0;
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i];
    if (s.comment) continue;
    if (s.op === 'MACRO') {
      if (depth === 0) {
        start = i;
        lineStart = s.line - 1;
        protoName = '';
      }
      depth++;
    } else if (depth === 1 && start >= 0 && !protoName) protoName = s.op;
    else if (s.op === 'MEND') {
      depth--;
      if (depth === 0 && protoName) {
        const endLine = s.line - 1 + s.continuations.length;
        members.set(protoName, lines.slice(lineStart, endLine + 1).join('\n'));
      }
    }
  }
  return members;
}
