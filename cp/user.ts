// A logged-on user: the directory entry, the virtual machine, the SET and
// TERMINAL options, and the state of the console between the user and the
// machine (CP READ, VM READ, RUNNING). The terminal is attached while the
// user is connected and null while disconnected; the machine runs either way.

import type { RunResult } from '../s390/cpu.js';
import type { CancelTimer } from './clock.js';
import type { ControlProgram } from './control-program.js';
import type { DirectoryEntry } from './directory.js';
import type { Dispatchable } from './dispatcher.js';
import type { DiagnoseHost } from './diagnose/types.js';
import { VmGuest } from './guest.js';
import { CpInterceptor } from './intercept.js';
import { cpResponse, formatCpMessage, messageNumber, type CpMessageKey, type EmsgSetting } from './messages.js';
import { TerminalSettings, UserSettings } from './settings.js';
import type { TerminalConnection } from './terminal-connection.js';
import { formatConnectTime as formatConnect, formatCpuTime as formatCpu, type TimeZone } from './timestamp.js';
import { Tracer } from './trace.js';
import { VirtualMachine } from './virtual-machine.js';
import type { ConsoleOwner } from './vdev/virtual-console.js';
import { FullScreenConsole } from './console/full-screen.js';
import type { OutputOptions } from './vdev/virtual-spool-output.js';

/** A disconnected machine that reads its console is logged off after this (cp.md 1.3 [doc]). */
export const DISCONNECT_LOGOFF_MS = 15 * 60 * 1000;

export interface ConsoleSpool extends OutputOptions {
  on: boolean;
  readonly lines: string[];
}

export class LoggedOnUser implements Dispatchable, ConsoleOwner, DiagnoseHost {
  readonly userid: string;
  readonly vm: VirtualMachine;
  readonly guest: VmGuest;
  readonly interceptor: CpInterceptor;
  readonly settings = new UserSettings();
  readonly terminalSettings = new TerminalSettings();
  readonly tracer: Tracer;
  terminal: TerminalConnection | null = null;
  /** The console is in CP mode (CP READ). */
  cpRead = true;
  /** The virtual machine is stopped (CP READ without SET RUN ON, or a trace/ADSTOP stop). */
  stopped = true;
  /** Logging off: the dispatcher must not run it any more. */
  leaving = false;
  queue: 1 | 2 = 1;
  q1Used = 0;
  lastDispatched = 0;
  logonAt: number;
  /** The terminal's address while connected (e.g. 0C1), kept for the operator's messages. */
  realAddress = 'DSC';
  /** A line typed while the machine had no read outstanding (type-ahead). */
  typeahead: string | null = null;
  private disconnectTimer: CancelTimer | null = null;
  private sleepTimer: CancelTimer | null = null;
  sleeping = false;
  /** Output captured for DIAGNOSE X'08' with a response buffer. */
  capture: string[] | null = null;
  /** The message number of the last error a command gave (DIAGNOSE X'08' return code). */
  lastRc = 0;
  /** Full-screen mode of the console (DIAGNOSE X'58'). */
  readonly fullScreen: FullScreenConsole = new FullScreenConsole({
    session: () => this.terminal?.session ?? null,
    attention: () => {
      this.vm.console.request();
      this.cp.dispatcher.wake(this, true);
    },
    enterConsoleFunction: () => this.enterConsoleFunction(),
    running: () => !this.cpRead && !this.stopped,
  });
  /** SPOOL CONSOLE: the console's spool options, and the lines of the open console file while START is on. */
  readonly consoleSpool: ConsoleSpool = {
    on: false,
    lines: [],
    spoolClass: 'T',
    cont: false,
    hold: false,
    copies: 1,
    to: null,
  };
  /** LINK asked for a password (ENTER READ PASSWORD:): the next line typed answers it. */
  passwordPrompt: ((password: string) => void) | null = null;

  constructor(
    readonly cp: ControlProgram,
    readonly entry: DirectoryEntry,
  ) {
    this.userid = entry.userid;
    this.logonAt = cp.clock.now();
    this.vm = new VirtualMachine({
      entry,
      todSource: cp.todSource,
      console: this,
    });
    this.guest = new VmGuest(this.vm);
    this.interceptor = new CpInterceptor(this.vm, this, this.guest);
    this.guest.interceptor = this.interceptor;
    this.vm.cpu.interceptor = this.interceptor;
    this.tracer = new Tracer(this);
  }

  get timeZone(): TimeZone {
    return this.cp.timeZone;
  }

  now(): number {
    return this.cp.clock.now();
  }

  emsg(): EmsgSetting {
    return this.settings.emsg;
  }

  get connected(): boolean {
    return this.terminal !== null;
  }

  get mayRun(): boolean {
    return this.vm.loaded && !this.stopped && !this.leaving;
  }

  // ---- Output to the user ----

  /** A line for the user: to the capture buffer of DIAGNOSE X'08', or the terminal, or nowhere (disconnected). */
  say(line: string, alarm = false): void {
    if (this.capture) {
      this.capture.push(line);
      return;
    }
    if (this.consoleSpool.on) this.consoleSpool.lines.push(line);
    this.terminal?.console.write(line, alarm);
  }

  /** An error message per SET EMSG; sets the return code. */
  error(key: CpMessageKey, ...args: string[]): void {
    this.lastRc = messageNumber(key);
    const text = formatCpMessage(key, args, this.settings.emsg);
    if (text !== undefined) this.say(text);
  }

  /** Priority output (MSG, WNG): never captured, rings the alarm. */
  priority(line: string): void {
    this.terminal?.console.write(line, true);
  }

  // ---- The console as the virtual machine's 3215 ----

  consoleWrite(text: string): void {
    if (this.consoleSpool.on) this.consoleSpool.lines.push(text);
    this.terminal?.console.write(text);
  }

  consoleReadPosted(): void {
    this.fullScreen.consoleRead();
    if (this.typeahead !== null) {
      const line = this.typeahead;
      this.typeahead = null;
      this.vm.console.deliver(line);
      return;
    }
    if (!this.connected) this.armDisconnectLogoff();
    this.updateStatus();
  }

  consoleAlarm(): void {
    this.terminal?.console.ring();
  }

  /** SLEEP: the console is dormant until the time is up or the user presses Enter. */
  sleep(ms: number): void {
    this.sleeping = true;
    this.terminal?.console.setRead('RUNNING');
    if (Number.isFinite(ms)) this.sleepTimer = this.cp.clock.setTimer(ms, () => this.wake());
  }

  private wake(): void {
    this.sleepTimer?.();
    this.sleepTimer = null;
    this.sleeping = false;
    this.updateStatus();
  }

  /** Show CP READ / VM READ / RUNNING as the state says. */
  updateStatus(): void {
    const console = this.terminal?.console;
    if (!console) return;
    if (this.sleeping) console.setRead('RUNNING');
    else if (this.cpRead || !this.vm.loaded) console.setRead('CP READ');
    else if (this.vm.console.readPending) console.setRead('VM READ');
    else console.setRead('RUNNING');
  }

  // ---- Console function mode ----

  /** Enter CP READ; the machine stops unless SET RUN ON (PA1, DIAGNOSE X'08' with length 0). */
  enterConsoleFunction(): void {
    this.cpRead = true;
    if (!this.settings.run) this.stopped = true;
    this.updateStatus();
  }

  /** DIAGNOSE X'08': a CP command from the guest, its response captured or written. */
  cpCommand(line: string, capture: boolean): { rc: number; lines: string[] } {
    const saved = this.capture;
    const lines: string[] = [];
    this.capture = capture ? lines : null;
    try {
      const rc = this.cp.runCommand(this, line);
      return { rc, lines };
    } finally {
      this.capture = saved;
    }
  }

  /** BEGIN: leave CP mode and let the machine run. */
  begin(): void {
    if (this.vm.pendingIplPsw) {
      this.vm.pendingIplPsw = false;
      this.vm.cpu.loadPswFrom(0);
    }
    this.cpRead = false;
    this.stopped = false;
    this.updateStatus();
    this.cp.dispatcher.wake(this, true);
  }

  /** Stop the machine in CP READ with a message (disabled wait, check-stop, trace, ADSTOP). */
  stopWith(line: string): void {
    this.say(line);
    this.cpRead = true;
    this.stopped = true;
    this.updateStatus();
    if (!this.connected) this.armDisconnectLogoff();
  }

  // ---- Dispatchable ----

  run(budget: number): RunResult {
    return this.tracer.active ? this.tracer.run(budget) : this.vm.cpu.run(budget);
  }

  onStop(result: RunResult): void {
    switch (result.kind) {
      case 'intercept':
        this.interceptor.simulateIntercepted(result.instruction);
        return;
      case 'wait': {
        const [w0, w1] = this.vm.cpu.psw.encode(this.vm.arch);
        this.stopWith(formatCpMessage('disabledWait', [`${hex8(w0)} ${hex8(w1)}`], this.settings.emsg) ?? '');
        return;
      }
      case 'checkstop':
        this.vm.loaded = false;
        this.stopWith(formatCpMessage('checkStop', [result.message.split('\n')[0]], this.settings.emsg) ?? '');
        return;
      case 'budget':
        return;
    }
  }

  // ---- Input from the terminal ----

  /** A logical line the user entered while logged on (after LINEND splitting). */
  inputLine(line: string): void {
    if (this.sleeping) {
      this.wake();
      return;
    }
    if (this.passwordPrompt) {
      const answer = this.passwordPrompt;
      this.passwordPrompt = null;
      answer(line.trim());
      this.updateStatus();
      return;
    }
    if (this.cpRead || this.terminalSettings.mode === 'CP' || !this.vm.loaded) {
      if (line.trim() !== '') this.cp.runCommand(this, line);
      this.updateStatus();
      return;
    }
    if (this.vm.console.readPending) {
      this.cancelDisconnectLogoff();
      this.vm.console.deliver(line);
      this.cp.dispatcher.wake(this, true);
      this.updateStatus();
      return;
    }
    if (this.typeahead !== null) {
      this.terminal?.console.refuse();
      return;
    }
    // docs/diagnose.md "Console attention and type-ahead": the line is kept,
    // and the console presents attention so that a guest that is not reading
    // (CMS running a program) learns the user typed (HX); its next READ gets
    // the line at once. When the console already has an interruption
    // pending (the end of the read that took the line before this one), the
    // guest is about to hear from its console anyway: no attention then.
    this.typeahead = line;
    const address = this.vm.consoleAddress;
    if (!this.vm.channel.snapshot().pending.some((p) => p.device === address)) {
      this.vm.console.request();
      this.cp.dispatcher.wake(this, true);
    }
  }

  // ---- Disconnected ----

  armDisconnectLogoff(): void {
    if (this.disconnectTimer || this.connected) return;
    this.disconnectTimer = this.cp.clock.setTimer(DISCONNECT_LOGOFF_MS, () => {
      this.disconnectTimer = null;
      const waiting = this.vm.console.readPending || this.stopped || !this.vm.loaded;
      if (!this.connected && waiting && !this.leaving) this.cp.logoff(this, { reason: 'disconnected' });
    });
  }

  cancelDisconnectLogoff(): void {
    this.disconnectTimer?.();
    this.disconnectTimer = null;
  }

  /** CONNECT= VIRTCPU= TOTCPU= for LOGOFF, ACNT and QUERY TIME. */
  accountingLine(): string {
    const c = this.vm.counters;
    return cpResponse(
      'accounting',
      formatConnect(this.cp.clock.now() - this.logonAt),
      formatCpu(c.virtualCpuUs),
      formatCpu(c.virtualCpuUs + c.cpUs),
    );
  }
}

export function hex8(n: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}
