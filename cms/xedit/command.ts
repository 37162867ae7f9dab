// The CMS command-table row for XEDIT (cms/commands/table.ts adds it).

import { command, type CommandDef } from '../commands/table.js';
import { xeditCommand } from './session.js';

export const XEDIT_COMMANDS: CommandDef[] = [command('XEDIT', 'X', (cms, c) => xeditCommand(cms, c.tokens))];
