// Command-table rows for FILELIST, RDRLIST and PEEK (cms/commands/table.ts
// adds them). RDRLIST and PEEK replace the line-mode rows of
// cms/commands/spool.ts and fall back to them when the console is no display.

import { command, type CommandDef } from '../commands/table.js';
import { filelistCommand } from './filelist.js';
import { peekCommand, rdrlistCommand } from './rdrlist.js';

/** The commands this module takes over from the line-mode rows. */
export const FULL_SCREEN_TAKES = new Set(['RDRLIST', 'PEEK']);

export function fullScreenCommands(lineRows: readonly CommandDef[]): CommandDef[] {
  const line = (name: string): CommandDef => {
    const row = lineRows.find((r) => r.name === name);
    if (!row) throw new Error(`no line-mode ${name} row`);
    return row;
  };
  const rdrlist = line('RDRLIST');
  const peek = line('PEEK');
  return [
    command('FILELIST', 'FILEL', (cms, c) => filelistCommand(cms, c.tokens)),
    { name: 'RDRLIST', min: rdrlist.min, run: (cms, c) => rdrlistCommand(cms, () => rdrlist.run(cms, c)) },
    { name: 'PEEK', min: peek.min, run: (cms, c) => peekCommand(cms, c.tokens, () => peek.run(cms, c)) },
  ];
}
