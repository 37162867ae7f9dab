// The session test harness: a whole CP in-process with virtual time, and
// terminals that are LocalSessions a test types at. No network, no sleeps:
// time moves only when the test advances the ManualClock, and settle()
// waits until every virtual machine is waiting (or a slice limit).
//
//   const h = new CpHarness();
//   const t = h.connect();
//   await t.logon('USER1', 'USER1');
//   t.enter('QUERY TIME');
//   expect(t.lines().at(-2)).toMatch(/^TIME IS /);

import type { NamedSystem } from '../s390/guest.js';
import { fromEbcdic, toEbcdic } from '../s390/ebcdic.js';
import { Aid, pfAid } from '../terminal/codes.js';
import { LocalSession } from '../terminal/local-session.js';
import { ManualClock } from './clock.js';
import { INPUT_START, OUTPUT_ROWS, STATUS_START, STATUS_LENGTH } from './console/layout.js';
import { ControlProgram, type AccountingRecord } from './control-program.js';
import { parseDirectory } from './directory.js';
import type { TerminalConnection } from './terminal-connection.js';
import type { LoggedOnUser } from './user.js';
import type { SpoolStore } from './spool/spool-store.js';
import type { VolumeSet } from './minidisk.js';

/** A small directory for tests: the default's users, without minidisks. */
export const TEST_DIRECTORY = `
USER OPERATOR OPERATOR 1M 16M ABCDEFG
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
USER MAINT CPCMS 1M 16M ABCDEFG
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
USER USER1 USER1 1M 4M G
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
USER USER2 USER2 1M 4M G
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
USER CMSUSER CMSUSER 1M 4M G
 IPL CMS
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
USER ESAUSER ESAUSER 1M 4M G
 MACHINE 390
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
USER NOBODY NOLOG
`;

export interface HarnessOptions {
  readonly directorySource?: string;
  readonly namedSystems?: readonly NamedSystem[];
  readonly spool?: SpoolStore;
  /** DASD volumes (default: in memory). */
  readonly volumes?: VolumeSet;
}

export class CpHarness {
  readonly clock = new ManualClock();
  readonly cp: ControlProgram;
  readonly accounting: AccountingRecord[] = [];
  private terminals = 0;

  constructor(options: HarnessOptions = {}) {
    const directory = parseDirectory(options.directorySource ?? TEST_DIRECTORY, 'TEST DIRECT');
    this.cp = new ControlProgram({
      directory,
      clock: this.clock,
      namedSystems: new Map((options.namedSystems ?? []).map((s) => [s.name, s])),
      account: (record) => this.accounting.push(record),
      spool: options.spool,
      volumes: options.volumes,
    });
  }

  /** A new terminal on the logo screen. */
  connect(): TerminalDriver {
    const session = new LocalSession(`L${String(++this.terminals).padStart(4, '0')}`);
    const terminal = this.cp.handleSession(session);
    return new TerminalDriver(this, session, terminal);
  }

  user(userid: string): LoggedOnUser {
    const user = this.cp.users.get(userid);
    if (!user) throw new Error(`${userid} is not logged on`);
    return user;
  }

  /** Let the dispatcher run until every virtual machine waits (or `maxSlices` event-loop turns). */
  async settle(maxTurns = 2000): Promise<void> {
    for (let i = 0; i < maxTurns; i++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const { q1, q2 } = this.cp.dispatcher.queueCounts();
      if (q1 + q2 === 0) return;
    }
  }

  /** Advance virtual time and let what became runnable run. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.settle();
  }
}

/** What a TerminalDriver waits on after a logon: the harness, or a running system's dispatcher. */
export interface Settler {
  settle(): Promise<void>;
}

export class TerminalDriver {
  /** Every line CP wrote to this terminal's output area, even those the screen no longer shows. */
  readonly transcript: string[] = [];

  constructor(
    readonly harness: Settler,
    readonly session: LocalSession,
    readonly terminal: TerminalConnection,
  ) {
    const console = terminal.console;
    const write = console.write.bind(console);
    console.write = (text: string, alarm?: boolean) => {
      this.transcript.push(text);
      write(text, alarm);
    };
  }

  /** Type a line into the input area and press Enter. */
  enter(text = ''): void {
    this.session.key((s) => {
      s.cursor = INPUT_START;
    });
    if (text !== '') this.session.type(toEbcdic(text));
    this.pressAid(Aid.enter);
  }

  pa1(): void {
    this.pressAid(Aid.pa1);
  }
  pa2(): void {
    this.pressAid(Aid.pa2);
  }
  clear(): void {
    this.pressAid(Aid.clear);
  }
  pf(n: number, text = ''): void {
    this.session.key((s) => {
      s.cursor = INPUT_START;
    });
    if (text !== '') this.session.type(toEbcdic(text));
    this.pressAid(pfAid(n));
  }

  /** Press Enter (or another AID by name) without typing: what is in the input area goes. */
  press(name: 'ENTER' | 'CLEAR' | 'PA1' | 'PA2'): void {
    const aids = { ENTER: Aid.enter, CLEAR: Aid.clear, PA1: Aid.pa1, PA2: Aid.pa2 } as const;
    this.pressAid(aids[name]);
  }

  private pressAid(aid: number): void {
    if (!this.session.pressAid(aid)) throw new Error(`keyboard locked: AID ${aid.toString(16)} not sent`);
  }

  /** The screen rows as text (trailing blanks removed). */
  rows(): string[] {
    return this.session.screen.text((b) => (b === 0 ? ' ' : fromEbcdic(Uint8Array.of(b)))).map((r) => r.trimEnd());
  }

  /** The output area's lines in order, up to the last non-empty one. */
  lines(): string[] {
    const rows = this.rows().slice(0, OUTPUT_ROWS);
    while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
    return rows;
  }

  /** The status area: CP READ, VM READ, RUNNING, MORE..., HOLDING, NOT ACCEPTED. */
  get status(): string {
    const chars = this.session.screen.chars.subarray(STATUS_START, STATUS_START + STATUS_LENGTH);
    return fromEbcdic(chars).replace(/\0/g, ' ').trim();
  }

  /** Leave the logo screen and log on; resolves after the IPL (if any) settled. */
  async logon(userid: string, password: string, extra = ''): Promise<void> {
    if (this.terminal.state.kind === 'logo') this.enter();
    this.enter(`LOGON ${userid}${extra ? ' ' + extra : ''}`);
    this.enter(password);
    await this.harness.settle();
  }

  /** Does any output line contain `text`? */
  shows(text: string | RegExp): boolean {
    return this.lines().some((l) => (typeof text === 'string' ? l.includes(text) : text.test(l)));
  }
}
