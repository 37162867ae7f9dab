// A user's line-mode console driven by a program instead of a person:
// type a line, press Enter, read what CP and the virtual machine write in
// the output area until the command is over. `vmcms exec` uses it over a
// LocalSession (an embedded system) or over a TN3270 connection (a running
// one); both keep a Screen3270, so the driver reads the screen as a person
// would: the output area (rows 1-22), the status area (CP READ, VM READ,
// MORE...), and CMS's ready message for the return code (cp.md, "A session").

import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import { Aid } from '../../terminal/codes.js';
import type { Screen3270 } from '../../terminal/screen.js';
import { COLS, INPUT_START, OUTPUT_ROWS, STATUS_LENGTH, STATUS_START } from '../../cp/console/layout.js';

/** What the driver needs of a terminal: its screen, the keyboard, the cursor. */
export interface HeadlessTerminal {
  readonly screen: Screen3270;
  type(bytes: Uint8Array): number;
  pressAid(aid: number): boolean;
  setCursor(address: number): void;
}

/** CMS's ready message (VM/SP and VM/370 forms): `Ready;`, `Ready(00028);`, `R(-0003);`. */
const READY = /^(?:Ready|R)(?:\((-?\d+)\))?;/;
/** A CP error message: its number is CP's return code (DIAGNOSE X'08' gives the same). */
const CP_ERROR = /^DMK[A-Z]{3}(\d{3})[EWS]\b/;

export interface CommandResult {
  readonly lines: string[];
  readonly rc: number;
}

export class ConsoleDriver {
  /** Output-area rows already read since the screen was last cleared. */
  private seen = 0;
  /** Stop passing lines on (after LOGOFF: the logo of the next session is nobody's output). */
  muted = false;

  constructor(
    private readonly terminal: HeadlessTerminal,
    private readonly onLine: (line: string) => void = () => undefined,
    /** How long the console must stay quiet at CP READ / VM READ to count a command as over. */
    private readonly quietMs = 150,
  ) {}

  get status(): string {
    const chars = this.terminal.screen.chars.subarray(STATUS_START, STATUS_START + STATUS_LENGTH);
    return fromEbcdic(chars).replace(/\0/g, ' ').trim();
  }

  private rows(): string[] {
    const chars = this.terminal.screen.chars;
    const rows: string[] = [];
    for (let r = 0; r < OUTPUT_ROWS; r++) {
      rows.push(
        fromEbcdic(chars.subarray(r * COLS, (r + 1) * COLS))
          .replace(/\0/g, ' ')
          .trimEnd(),
      );
    }
    return rows;
  }

  /** New lines in the output area; a full screen (MORE...) is taken and cleared. */
  private collect(): string[] {
    const rows = this.rows();
    let last = rows.length;
    while (last > 0 && rows[last - 1] === '') last--;
    if (last < this.seen) this.seen = 0; // the screen was cleared
    const fresh = rows.slice(this.seen, last);
    this.seen = last;
    if (this.status === 'MORE...' || this.status === 'HOLDING') {
      this.terminal.pressAid(Aid.clear);
      this.seen = 0;
    }
    if (!this.muted) for (const l of fresh) this.onLine(l);
    return fresh;
  }

  /** Type a line into the input area and press Enter (a password goes into the non-display field alike). */
  enter(line: string): void {
    this.terminal.setCursor(INPUT_START);
    if (line !== '') this.terminal.type(toEbcdic(line));
    if (!this.terminal.pressAid(Aid.enter)) throw new Error('the keyboard is locked');
  }

  /**
   * Read output until `done` says so, or until the console has been quiet
   * at CP READ or VM READ for quietMs; throws after timeoutMs.
   */
  async read(done: (line: string) => boolean, timeoutMs = 60_000): Promise<string[]> {
    const lines: string[] = [];
    const began = Date.now();
    let quietSince = Date.now();
    for (;;) {
      const fresh = this.collect();
      lines.push(...fresh);
      if (fresh.some(done)) return lines;
      if (fresh.length > 0) quietSince = Date.now();
      const idle = this.status === 'CP READ' || this.status === 'VM READ';
      if (idle && Date.now() - quietSince >= this.quietMs) return lines;
      if (Date.now() - began > timeoutMs) throw new Error(`no answer within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** CP shows the logo again: nobody is logged on at this terminal (after LOGOFF). */
  async loggedOff(timeoutMs = 5_000): Promise<boolean> {
    const began = Date.now();
    while (Date.now() - began < timeoutMs) {
      if (this.rows()[0].startsWith('VM/370 Online')) return true;
      await new Promise((r) => setTimeout(r, 5));
    }
    return false;
  }

  /** Log on: the logo, LOGON userid, the password; resolves when the machine (or CP) waits for a line. */
  async logon(userid: string, password: string): Promise<CommandResult> {
    if (this.status === '' || this.rows()[0].startsWith('VM/370 Online')) {
      this.enter('');
      await new Promise((r) => setTimeout(r, 20));
      this.seen = 0;
    }
    this.enter(`LOGON ${userid}`);
    const asked = await this.read((l) => /PASSWORD/.test(l) || CP_ERROR.test(l), 10_000);
    const refused = asked.find((l) => CP_ERROR.test(l));
    if (refused) return { lines: asked, rc: Number(CP_ERROR.exec(refused)![1]) };
    this.enter(password);
    const after = await this.read((l) => CP_ERROR.test(l), 30_000);
    const error = after.find((l) => CP_ERROR.test(l));
    return { lines: [...asked, ...after], rc: error ? Number(CP_ERROR.exec(error)![1]) : 0 };
  }

  /** Run one command as if typed: the lines it wrote and its return code (CMS's ready message, or a CP error number). */
  async command(line: string, timeoutMs = 600_000): Promise<CommandResult> {
    this.enter(line);
    const lines = await this.read((l) => READY.test(l), timeoutMs);
    const ready = lines.find((l) => READY.test(l));
    if (ready) return { lines, rc: Number(READY.exec(ready)![1] ?? 0) };
    const error = lines.find((l) => CP_ERROR.test(l));
    return { lines, rc: error ? Number(CP_ERROR.exec(error)![1]) : 0 };
  }
}
