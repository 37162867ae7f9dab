// One terminal connected to CP: its line-mode console, its address (GRAF
// 0C1...), and what it is doing: showing the logo, at CP READ before logon,
// waiting for a password, or attached to a logged-on user.

import type { TerminalSession } from '../terminal/session.js';
import { LineModeConsole, type ConsoleInput } from './console/line-mode.js';
import type { ControlProgram } from './control-program.js';
import type { LoggedOnUser } from './user.js';
import type { FullScreenConsole } from './console/full-screen.js';

export type TerminalState =
  | { readonly kind: 'logo' }
  | { readonly kind: 'cp' }
  | { readonly kind: 'password'; readonly userid: string; readonly noipl: boolean }
  | { readonly kind: 'user'; readonly user: LoggedOnUser };

export class TerminalConnection implements ConsoleInput {
  readonly console: LineModeConsole;
  state: TerminalState = { kind: 'logo' };

  constructor(
    readonly cp: ControlProgram,
    readonly session: TerminalSession,
    /** The terminal's "real address", as the operator's messages and QUERY NAMES show it. */
    readonly address: string,
  ) {
    this.console = new LineModeConsole(session, cp.clock, this);
  }

  get user(): LoggedOnUser | null {
    return this.state.kind === 'user' ? this.state.user : null;
  }

  fullScreen(): FullScreenConsole | null {
    return this.user?.fullScreen ?? null;
  }

  attention(): void {
    this.state = { kind: 'cp' };
    this.console.setRead('CP READ');
  }

  line(text: string, hidden: boolean): void {
    const state = this.state;
    switch (state.kind) {
      case 'logo':
        this.attention();
        return;
      case 'password':
        this.state = { kind: 'cp' };
        this.console.setRead('CP READ');
        this.cp.completeLogon(this, state.userid, text, state.noipl);
        return;
      case 'cp':
        if (!hidden && text.trim() !== '') this.cp.runPreLogonCommand(this, text);
        if (this.state.kind === 'cp') this.console.setRead('CP READ');
        return;
      case 'user':
        this.userLine(state.user, text);
        return;
    }
  }

  /** A physical line from a logged-on user: `#CP command`, or logical lines split at LINEND. */
  private userLine(user: LoggedOnUser, text: string): void {
    const linend = user.terminalSettings.linend;
    if (linend !== null && text.toUpperCase().startsWith(`${linend}CP`) && /^.CP(\s|$)/i.test(text)) {
      const command = text.slice(3).trim();
      if (command === '') user.enterConsoleFunction();
      else this.cp.runCommand(user, command);
      user.updateStatus();
      return;
    }
    const lines = linend === null || text === '' ? [text] : text.split(linend);
    for (const line of lines) {
      if (this.state.kind !== 'user') return;
      user.inputLine(line);
    }
  }

  pa1(): void {
    const user = this.user;
    if (user) {
      if (!user.cpRead) user.enterConsoleFunction();
      return;
    }
    if (this.state.kind === 'password') this.state = { kind: 'cp' };
    this.console.setRead('CP READ');
  }

  pf(n: number, text: string): void {
    const user = this.user;
    const key = user?.settings.pf.get(n);
    if (user && key) {
      // IMMED runs the text at once; DELAYED puts it in the input area to be edited and entered.
      if (key.immediate) {
        this.console.write(key.text);
        this.line(key.text, false);
      } else this.console.setInput(key.text);
      return;
    }
    // An undefined PF key acts like Enter (R6 CMS treats it as a null line [~]).
    this.line(text, false);
  }
}
