// The control program: the user directory, the logged-on users and their
// virtual machines, the terminals, the dispatcher, the command table and the
// operator's console. One instance per running system (src/system.ts builds
// it); tests build their own with a ManualClock.

import type { NamedSystem } from '../s390/guest.js';
import type { TerminalSession } from '../terminal/session.js';
import { todSourceOf, type CpClock } from './clock.js';
import { CommandContext } from './command-context.js';
import { CommandTable, tokenize } from './command-table.js';
import { allCommands } from './commands/index.js';
import type { Directory, DirectoryEntry } from './directory.js';
import { parseVaddr } from './directory.js';
import { Dispatcher } from './dispatcher.js';
import { iplDevice, iplNamed, type IplOptions } from './ipl.js';
import { cpResponse, formatCpMessage } from './messages.js';
import { passwordMatches } from './password.js';
import { TerminalConnection } from './terminal-connection.js';
import { formatTime, formatTimestamp, UTC, type TimeZone } from './timestamp.js';
import { LoggedOnUser } from './user.js';
import type { TodSource } from '../s390/clock.js';
import { SpoolStore } from './spool/spool-store.js';
import { Spooler } from './spool/spooler.js';
import { VolumeSet } from './minidisk.js';
import { LinkRegistry } from './minidisk-links.js';
import { attachDirectoryDisks, releaseDasd, type DasdServices } from './dasd.js';
import { SocketReader } from './spool/socket-reader.js';

/**
 * VM/370 told a user whose userid was not in the directory so at once
 * (DMKLOG053E). With this on, an unknown userid is asked for a password like
 * any other and gets the same answer as a wrong password, so a caller cannot
 * tell which was wrong.
 */
export const LOGON_HIDES_UNKNOWN_USERID = true;

export interface ControlProgramOptions {
  readonly directory: Directory;
  readonly clock: CpClock;
  readonly timeZone?: TimeZone;
  /** The systems IPL name can load (src/ registers CMS). */
  readonly namedSystems?: ReadonlyMap<string, NamedSystem>;
  /** Each operator-console line, also kept in `operatorLog` (src/ appends them to the system log). */
  readonly log?: (line: string) => void;
  /** Each accounting record (LOGOFF, ACNT). */
  readonly account?: (record: AccountingRecord) => void;
  /** The spool (default: one in memory, as the test harness wants). */
  readonly spool?: SpoolStore;
  /** The DASD volumes (default: volumes in memory). */
  readonly volumes?: VolumeSet;
  /** Where the system printer writes printer files; without it they wait in the PRT queue. */
  readonly printerDir?: string;
  /** The system printer also writes each printed file as a green-bar PDF. */
  readonly printerPdf?: boolean;
}

export interface AccountingRecord {
  readonly userid: string;
  readonly account: string;
  readonly connectMs: number;
  readonly virtualCpuUs: number;
  readonly totalCpuUs: number;
  readonly at: string;
}

export type LogoffReason = 'user' | 'forced' | 'disconnected' | 'shutdown';

export class ControlProgram implements DasdServices {
  readonly clock: CpClock;
  readonly timeZone: TimeZone;
  readonly todSource: TodSource;
  readonly dispatcher: Dispatcher;
  readonly commands = new CommandTable<CommandContext>();
  readonly users = new Map<string, LoggedOnUser>();
  readonly terminals = new Set<TerminalConnection>();
  readonly namedSystems: Map<string, NamedSystem>;
  readonly operatorLog: string[] = [];
  /** SET LOGMSG text (class B), one entry per line. */
  logmsg: string[] = [];
  logmsgSetAt = 0;
  directory: Directory;
  readonly spooler: Spooler;
  readonly volumes: VolumeSet;
  /** Every user's link to every directory minidisk (LINK's mode rules). */
  readonly links = new LinkRegistry();
  /** The socket card reader, when src/ started one. */
  socketReader: SocketReader | null = null;
  shuttingDown = false;
  readonly startedAt: number;
  private nextTerminal = 0x0c0;
  private shutdownResolve!: () => void;
  /** Resolves when SHUTDOWN has logged everyone off. */
  readonly whenShutdown: Promise<void>;

  constructor(private readonly options: ControlProgramOptions) {
    this.clock = options.clock;
    this.timeZone = options.timeZone ?? UTC;
    this.todSource = todSourceOf(this.clock);
    this.directory = options.directory;
    this.namedSystems = new Map(options.namedSystems ?? []);
    this.dispatcher = new Dispatcher(this.clock);
    this.commands.add(...allCommands());
    this.volumes = options.volumes ?? new VolumeSet(null);
    this.spooler = new Spooler(
      options.spool ?? SpoolStore.inMemory(),
      {
        tell: (userid, line) => {
          const user = this.users.get(userid);
          if (user && !user.leaving) user.priority(line);
        },
        operator: (line) => this.operator(line),
      },
      options.printerDir ?? null,
      () => new Date(this.clock.now()),
      options.printerPdf ?? false,
    );
    this.startedAt = this.clock.now();
    this.whenShutdown = new Promise((resolve) => (this.shutdownResolve = resolve));
  }

  /** A time stamp `hh:mm:ss ZZZ WEEKDAY mm/dd/yy` for now. */
  timestamp(): string {
    return formatTimestamp(new Date(this.clock.now()), this.timeZone);
  }

  /** `hh:mm:ss` for now. */
  time(): string {
    return formatTime(new Date(this.clock.now()), this.timeZone);
  }

  // ---- Terminals ----

  /** A new terminal session: the logo, then CP's. */
  handleSession(session: TerminalSession): TerminalConnection {
    this.nextTerminal = this.nextTerminal >= 0x0ff ? 0x0c1 : this.nextTerminal + 1;
    const address = this.nextTerminal.toString(16).toUpperCase().padStart(3, '0');
    const terminal = new TerminalConnection(this, session, address);
    this.terminals.add(terminal);
    session.onEnd(() => this.lineDropped(terminal));
    if (this.shuttingDown) {
      session.close('system shutting down');
      return terminal;
    }
    terminal.console.showLogo();
    return terminal;
  }

  /** The session ended under CP (client gone): a logged-on user is disconnected, the machine keeps its state. */
  private lineDropped(terminal: TerminalConnection): void {
    this.terminals.delete(terminal);
    terminal.console.dispose();
    const user = terminal.user;
    if (user && user.terminal === terminal) {
      const address = user.realAddress;
      this.detach(user, false);
      this.operator(cpResponse('opDisconnect', address, pad8(user.userid), this.userCount()));
    }
  }

  // ---- Commands ----

  /** A command line at CP READ before LOGON. */
  runPreLogonCommand(terminal: TerminalConnection, line: string): void {
    const context = new CommandContext(this, null, terminal);
    const tokens = tokenize(line);
    let word = tokens[0];
    let operands = tokens.slice(1);
    if (word.toUpperCase() === 'CP' && operands.length > 0) {
      word = operands[0];
      operands = operands.slice(1);
    }
    if (word.startsWith('*')) return;
    const row = this.commands.lookup(word);
    if (!row || !row.beforeLogon) {
      context.error('notValidBeforeLogon', word.toUpperCase());
      return;
    }
    row.handler(context, operands, line);
  }

  /** A command line from a logged-on user (terminal, #CP, DIAGNOSE X'08'). Returns the CP return code. */
  runCommand(user: LoggedOnUser, line: string): number {
    const context = new CommandContext(this, user, user.terminal);
    const tokens = tokenize(line);
    if (tokens.length === 0) return 0;
    let word = tokens[0];
    let operands = tokens.slice(1);
    if (word.toUpperCase() === 'CP') {
      if (operands.length === 0) return 0;
      word = operands[0];
      operands = operands.slice(1);
    }
    if (word.startsWith('*')) return 0;
    const row = this.commands.lookup(word);
    if (!row || !CommandTable.permits(row, user.entry.classes)) {
      context.error('unknownCommand', word.toUpperCase());
      return context.rc;
    }
    row.handler(context, operands, line);
    return context.rc;
  }

  // ---- Logon ----

  /** LOGON userid [password] [NOIPL] from a terminal. */
  logon(terminal: TerminalConnection, userid: string, password: string | undefined, noipl: boolean): void {
    const entry = this.directory.entries.get(userid);
    const known = entry !== undefined && entry.password.toUpperCase() !== 'NOLOG';
    if (!known && !LOGON_HIDES_UNKNOWN_USERID) {
      terminal.console.write(formatCpMessage('notInDirectory', [userid]) ?? '');
      return;
    }
    if (password === undefined) {
      terminal.console.write(cpResponse('enterPassword'));
      terminal.state = { kind: 'password', userid, noipl };
      terminal.console.setRead('CP READ', true);
      return;
    }
    this.completeLogon(terminal, userid, password, noipl);
  }

  /** The password is known: check it and log on (or reconnect). */
  completeLogon(terminal: TerminalConnection, userid: string, password: string, noipl: boolean): void {
    const entry = this.directory.entries.get(userid);
    if (!entry || entry.password.toUpperCase() === 'NOLOG' || !passwordMatches(entry.password, password)) {
      // The same answer for an unknown userid and a wrong password (LOGON_HIDES_UNKNOWN_USERID).
      terminal.console.write(
        formatCpMessage(entry || LOGON_HIDES_UNKNOWN_USERID ? 'passwordIncorrect' : 'notInDirectory', [userid]) ?? '',
      );
      terminal.console.setRead('CP READ');
      return;
    }
    const existing = this.users.get(userid);
    if (existing) {
      if (existing.connected) {
        terminal.console.write(formatCpMessage('alreadyLoggedOn', []) ?? '');
        terminal.console.setRead('CP READ');
        return;
      }
      this.reconnect(existing, terminal);
      return;
    }
    const user = this.createUser(entry);
    this.attach(user, terminal);
    this.equip(user);
    this.logonLines(user);
    this.operator(cpResponse('opLogon', terminal.address, pad8(userid), this.userCount()));
    this.startUser(user, noipl);
  }

  /** AUTOLOG: log a user on disconnected (class A/B), as CP does for OPERATOR at system start. */
  autolog(entry: DirectoryEntry, by: string): LoggedOnUser {
    const user = this.createUser(entry);
    this.equip(user);
    this.operator(cpResponse('opAutoLogon', pad8(entry.userid), this.userCount(), by));
    // Logged on disconnected: it runs its directory IPL, if any; the
    // 15-minute rule applies once it reads its console (cp.md 1.3).
    this.startUser(user, false);
    return user;
  }

  private createUser(entry: DirectoryEntry): LoggedOnUser {
    const user = new LoggedOnUser(this, entry);
    this.users.set(entry.userid, user);
    this.dispatcher.add(user);
    return user;
  }

  /** The machine's spooled readers get the user's reader queue; its minidisks are linked (cp/dasd.ts). */
  private equip(user: LoggedOnUser): void {
    for (const dev of user.vm.devices.values()) if (dev.reader) dev.reader.spool = this.spooler.readerFor(user.userid);
    attachDirectoryDisks(this, user.userid, user.vm, (key, ...args) => user.error(key, ...args));
  }

  /** LOGOFF closes every spooled output device and releases every link (cp.md 5.1). */
  private unequip(user: LoggedOnUser): void {
    for (const dev of [...user.vm.devices.values()]) {
      if (dev.output) {
        const file = this.spooler.closeOutput(dev.output, { owner: user.userid, originator: user.userid });
        if (file === 'full') this.operator(formatCpMessage('spoolFull', [user.userid]) ?? '');
      } else if (dev.reader?.open) {
        dev.reader.closeFile(true);
      } else if (dev.dasd) releaseDasd(this, user.userid, user.vm, dev.vaddr);
    }
  }

  private startUser(user: LoggedOnUser, noipl: boolean): void {
    const ipl = user.entry.ipl;
    if (ipl && !noipl) this.ipl(user, ipl.target, { clear: false, stop: false, parm: ipl.parm ?? '' });
    user.updateStatus();
  }

  private logonLines(user: LoggedOnUser): void {
    if (this.logmsg.length > 0) {
      user.say(cpResponse('logmsgHeader', formatTimestamp(new Date(this.logmsgSetAt), this.timeZone)));
      for (const line of this.logmsg) user.say(`* ${line}`);
    }
    const files = this.filesLine(user.userid);
    if (files) user.say(files);
    user.say(cpResponse('logonAt', this.timestamp()));
  }

  /** `FILES: 002 RDR,  NO PRT,  NO PUN` (cp.md 1.2 [obs]), or undefined when the user owns no spool files. */
  filesLine(userid: string): string | undefined {
    const files = this.spooler.store.list({ owner: userid });
    if (files.length === 0) return undefined;
    const count = (queue: string): string => {
      const n = files.filter((f) => f.queue === queue).length;
      return n === 0 ? ' NO' : String(n).padStart(3, '0');
    };
    return cpResponse('files', count('RDR'), count('PRT'), count('PUN'));
  }

  private attach(user: LoggedOnUser, terminal: TerminalConnection): void {
    user.terminal = terminal;
    user.realAddress = terminal.address;
    user.cancelDisconnectLogoff();
    terminal.state = { kind: 'user', user };
    terminal.console.more.first = user.terminalSettings.moreFirst;
    terminal.console.more.next = user.terminalSettings.moreNext;
  }

  private reconnect(user: LoggedOnUser, terminal: TerminalConnection): void {
    this.attach(user, terminal);
    user.say(cpResponse('reconnectedAt', this.timestamp()));
    this.operator(cpResponse('opReconnect', terminal.address, pad8(user.userid), this.userCount()));
    // cp.md 1.2 [doc]: a reconnected machine is left in CP console function mode; BEGIN resumes it.
    user.cpRead = true;
    user.updateStatus();
  }

  /** The terminal leaves the user (DISCONN, line drop); the machine keeps running. */
  detach(user: LoggedOnUser, showLogo: boolean): void {
    const terminal = user.terminal;
    user.terminal = null;
    user.realAddress = 'DSC';
    if (terminal) {
      terminal.state = { kind: 'logo' };
      if (showLogo) terminal.console.showLogo();
    }
    user.cpRead = false;
    if (user.vm.loaded) {
      user.stopped = false;
      this.dispatcher.wake(user);
    }
    if (user.vm.console.readPending || !user.vm.loaded) user.armDisconnectLogoff();
  }

  /** DISCONN. */
  disconnect(user: LoggedOnUser): void {
    const address = user.realAddress;
    user.say(cpResponse('disconnectAt', this.timestamp()));
    this.detach(user, true);
    this.operator(cpResponse('opDisconnect', address, pad8(user.userid), this.userCount()));
  }

  /** LOGOFF, FORCE, the 15-minute logoff of a disconnected machine, SHUTDOWN. */
  logoff(user: LoggedOnUser, { reason }: { reason: LogoffReason }): void {
    if (user.leaving) return;
    user.leaving = true;
    user.capture = null;
    const address = user.realAddress;
    const connected = user.connected;
    user.say(user.accountingLine());
    user.say(cpResponse(reason === 'user' ? 'logoffAt' : 'logoffAtBySystem', this.timestamp()));
    this.recordAccounting(user);
    this.unequip(user);
    this.dispatcher.remove(user);
    user.cancelDisconnectLogoff();
    this.users.delete(user.userid);
    const terminal = user.terminal;
    user.terminal = null;
    if (terminal) {
      terminal.state = { kind: 'logo' };
      if (!this.shuttingDown) terminal.console.showLogo();
    }
    const count = this.userCount();
    if (reason === 'forced') this.operator(cpResponse('opForced', address, pad8(user.userid), count));
    else if (!connected) this.operator(cpResponse('opDscLogoff', pad8(user.userid), count));
    else this.operator(cpResponse('opLogoff', address, pad8(user.userid), count));
  }

  recordAccounting(user: LoggedOnUser): void {
    const c = user.vm.counters;
    this.options.account?.({
      userid: user.userid,
      account: user.entry.account?.number ?? '',
      connectMs: this.clock.now() - user.logonAt,
      virtualCpuUs: Math.round(c.virtualCpuUs),
      totalCpuUs: Math.round(c.virtualCpuUs + c.cpUs),
      at: new Date(this.clock.now()).toISOString(),
    });
  }

  // ---- IPL ----

  /** IPL vaddr|name [CLEAR] [STOP] [PARM text] for a user; false when it failed (the message is given). */
  ipl(user: LoggedOnUser, target: string, options: IplOptions): boolean {
    const name = target.toUpperCase();
    user.typeahead = null;
    const system = this.namedSystems.get(name);
    const vaddr = system ? undefined : parseVaddr(name);
    if (system) {
      iplNamed(user, system, options.parm);
    } else if (vaddr !== undefined && user.vm.devices.has(vaddr)) {
      const outcome = iplDevice(user, vaddr, options);
      if (!outcome.ok) {
        user.error('iplFailed', outcome.csw);
        user.cpRead = true;
        user.stopped = true;
        user.updateStatus();
        return false;
      }
      if (options.stop) {
        user.cpRead = true;
        user.stopped = true;
        user.updateStatus();
        return true;
      }
    } else if (vaddr !== undefined && /^[0-9A-F]{1,3}$/.test(name)) {
      user.error('deviceDoesNotExist', name.padStart(3, '0'));
      return false;
    } else {
      user.error('noSuchSystem', name);
      return false;
    }
    user.cpRead = false;
    user.stopped = false;
    user.updateStatus();
    this.dispatcher.wake(user, true);
    return true;
  }

  // ---- The operator ----

  /** A line on the operator's console, time-stamped (cp.md section 11). */
  operator(text: string): void {
    const line = `${this.time()} ${text}`;
    this.operatorLog.push(line);
    if (this.operatorLog.length > 1000) this.operatorLog.shift();
    this.options.log?.(line);
    const operator = this.users.get('OPERATOR');
    if (operator && !operator.leaving) operator.priority(line);
  }

  userCount(): string {
    return String(this.users.size).padStart(3, '0');
  }

  /** SHUTDOWN: warn every user, log everyone off, stop the dispatcher, close the terminals. */
  shutdown(by: string): void {
    if (this.shuttingDown) return;
    this.operator(cpResponse('opShutdown', by));
    this.shuttingDown = true;
    for (const user of this.users.values()) user.priority(cpResponse('shutdownWarning'));
    for (const user of [...this.users.values()]) this.logoff(user, { reason: 'shutdown' });
    this.dispatcher.stop();
    this.socketReader?.close();
    this.volumes.flush();
    const done = formatCpMessage('shutdownComplete', []) ?? '';
    this.operator(done);
    for (const terminal of [...this.terminals]) {
      terminal.console.write(done);
      terminal.session.close('system shutdown');
    }
    this.shutdownResolve();
  }
}

/** A userid padded to 8, as CP's fixed-column lines show it. */
export function pad8(userid: string): string {
  return userid.padEnd(8, ' ');
}
