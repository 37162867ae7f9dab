// Every CP command row, in table order: CP scans it from the top and the
// first row the typed word abbreviates wins (DMKCFC's COMND table), so the
// order decides `LOG` (LOGOFF) against `L` (LOGON), `D` (DISPLAY) against
// `DISC` (DISCONN).

import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import { indicateCommands } from './indicate.js';
import { linkCommands } from './link.js';
import { machineCommands } from './machine.js';
import { messageCommands } from './message.js';
import { operatorCommands } from './operator.js';
import { queryCommands } from './query.js';
import { sessionCommands } from './session.js';
import { setCommands } from './set.js';
import { spoolCommands } from './spool.js';
import { terminalCommands } from './terminal.js';
import { traceCommands } from './trace.js';

export function allCommands(): CommandRow<CommandContext>[] {
  return [
    ...sessionCommands,
    ...messageCommands,
    ...queryCommands,
    ...setCommands,
    ...terminalCommands,
    ...machineCommands,
    ...traceCommands,
    ...indicateCommands,
    ...operatorCommands,
    ...spoolCommands,
    ...linkCommands,
  ];
}
