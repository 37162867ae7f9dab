// The program stack commands (cms.md (c), "Program stack"): MAKEBUF,
// DROPBUF, DESBUF, SENTRIES; rc carries the answer.

import { command, type CommandDef } from './table.js';

export const STACK_COMMANDS: CommandDef[] = [
  // eslint-disable-next-line require-yield
  command('MAKEBUF', 'MAKEBUF', function* (cms) {
    return cms.stack.makeBuffer();
  }),
  // eslint-disable-next-line require-yield
  command('DROPBUF', 'DROPBUF', function* (cms, c) {
    const n = c.tokens[0] === undefined ? undefined : Number(c.tokens[0]);
    if (n !== undefined && !Number.isInteger(n)) {
      cms.message('DBF', '070', c.tokens[0]);
      return 24;
    }
    if (!cms.stack.dropBuffer(n)) {
      cms.message('DBF', '070', c.tokens[0] ?? '');
      return 1;
    }
    return 0;
  }),
  // eslint-disable-next-line require-yield
  command('DESBUF', 'DESBUF', function* (cms) {
    cms.stack.clear();
    cms.nucleus.typeAhead.length = 0;
    return 0;
  }),
  // eslint-disable-next-line require-yield
  command('SENTRIES', 'SENTRIES', function* (cms) {
    return cms.stack.count();
  }),
];
