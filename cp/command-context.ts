// What a CP command handler gets: the control program, the issuing user
// (null before LOGON), the terminal it came from (null for DIAGNOSE X'08',
// AUTOLOG and the system itself), and where its response goes.

import type { ControlProgram } from './control-program.js';
import { formatCpMessage, messageNumber, type CpMessageKey } from './messages.js';
import type { TerminalConnection } from './terminal-connection.js';
import type { LoggedOnUser } from './user.js';

export class CommandContext {
  /** The CP return code: the number of the last error message, 0 when none. */
  rc = 0;

  constructor(
    readonly cp: ControlProgram,
    readonly user: LoggedOnUser | null,
    readonly terminal: TerminalConnection | null,
  ) {}

  /** The issuing user, for commands that need one (the table never runs them before logon). */
  get self(): LoggedOnUser {
    if (!this.user) throw new Error('command needs a logged-on user');
    return this.user;
  }

  say(line: string): void {
    if (this.user) this.user.say(line);
    else this.terminal?.console.write(line);
  }

  /** An informational response: suppressed by SET IMSG OFF (cp.md section 3.2). */
  info(line: string): void {
    if (this.user && !this.user.settings.imsg) return;
    this.say(line);
  }

  error(key: CpMessageKey, ...args: string[]): void {
    this.rc = messageNumber(key);
    if (this.user) {
      this.user.error(key, ...args);
      return;
    }
    const text = formatCpMessage(key, args, 'ON');
    if (text !== undefined) this.terminal?.console.write(text);
  }
}

export type CommandHandler = (context: CommandContext, operands: readonly string[], raw: string) => void;
