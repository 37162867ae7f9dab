// Full-screen mode of a user's console (../shared/reference/cp.md 8.4, the
// VM/SP full-screen support behind DIAGNOSE X'58'; docs/diagnose.md): a
// program's Erase/Write through X'58' gives it the whole screen; CP's
// line-mode presentation (line-mode.ts) stands aside until CP must write a
// line. Then CP takes the screen back and shows the line, and the program's
// next full-screen write ends with unit status X'8E' so that it knows to
// draw its screen again (after the user has read CP's lines and pressed a
// key). While the program owns the screen every AID key goes to it: CP keeps
// the inbound record and presents attention on the virtual console when the
// program is waiting for it. PA1 is given to the program once; a second PA1
// before the program has read the first puts the user in CP READ.

import type { InboundRecord } from '../../terminal/session.js';
import { Aid } from '../../terminal/codes.js';

/** What full-screen mode needs of the logged-on user (cp/user.ts). */
export interface FullScreenUser {
  /** The user's terminal session, or null while disconnected. */
  session(): {
    write(record: Uint8Array): void;
    readonly model: { rows: number; cols: number; alternateRows: number; alternateCols: number };
  } | null;
  /** Present attention on the virtual console (the program's read is answered). */
  attention(): void;
  /** PA1 twice: CP READ. */
  enterConsoleFunction(): void;
  /** The machine runs (not in CP READ): keys on CP's screen may go to the program. */
  running(): boolean;
}

/** Outcome of a full-screen write: done, or X'8E' (CP wrote meanwhile), or no display. */
export type FullScreenWrite = 'done' | 'redraw' | 'no-display';

/** Inbound records CP keeps for the program at most (more are dropped: the user is typing ahead far). */
const MAX_QUEUED = 8;

export class FullScreenConsole {
  /** The program drew on the screen (of the terminal `drawnOn`) and CP has not taken it back. */
  private drawn = false;
  private drawnOn: object | null = null;
  /** CP wrote a line since the program's last full-screen write, and the program has not gone back to line mode. */
  private broken = false;
  /** The program asked for input and none was there: attention is owed. */
  private readPending = false;
  private readonly queue: Uint8Array[] = [];

  constructor(private readonly user: FullScreenUser) {}

  /** The program's data is on the screen: not after CP took it back, nor on a terminal the user reconnected from. */
  get active(): boolean {
    return this.drawn && this.drawnOn !== null && this.user.session() === this.drawnOn;
  }

  /** Screen sizes for the program's query: default and alternate rows and columns; null with no display. */
  sizes(): [number, number, number, number] | null {
    const s = this.user.session();
    if (!s) return null;
    const m = s.model;
    return [m.rows, m.cols, m.alternateRows, m.alternateCols];
  }

  /** A write command (SNA code: X'F1', X'F5', X'7E', X'6F') with its WCC and orders. */
  write(command: number, data: Uint8Array): FullScreenWrite {
    const s = this.user.session();
    if (!s) return 'no-display';
    if (this.broken) {
      this.broken = false;
      return 'redraw';
    }
    const record = new Uint8Array(data.length + 1);
    record[0] = command;
    record.set(data, 1);
    this.drawn = true;
    this.drawnOn = s;
    s.write(record);
    return 'done';
  }

  /** The next inbound record (AID, cursor, fields), or 'pending' (attention will follow), or 'no-display'. */
  read(): Uint8Array | 'pending' | 'no-display' {
    const next = this.queue.shift();
    if (next) return next;
    if (!this.user.session()) return 'no-display';
    this.readPending = true;
    return 'pending';
  }

  /**
   * An inbound record from the terminal, offered before line mode sees it:
   * true when full-screen mode took it. While CP's lines are on the screen
   * over a broken full-screen session, Enter and the PF keys go to the
   * program (which then draws again); Clear, PA2 and PA1 stay CP's.
   */
  inbound(record: InboundRecord): boolean {
    if (record.kind !== 'aid') return false;
    if (!this.active) {
      if (!this.readPending || !this.user.running()) return false;
      if (record.aid === Aid.clear || record.aid === Aid.pa1 || record.aid === Aid.pa2) return false;
      this.broken = false;
      this.deliver(record.raw);
      return true;
    }
    if (record.aid === Aid.pa1 && this.queue.some((r) => r[0] === Aid.pa1)) {
      // A second PA1 before the program read the first: CP READ.
      this.queue.length = 0;
      this.leave();
      this.user.enterConsoleFunction();
      return true;
    }
    this.deliver(record.raw);
    return true;
  }

  private deliver(raw: Uint8Array): void {
    if (this.queue.length < MAX_QUEUED) this.queue.push(raw);
    if (this.readPending) {
      this.readPending = false;
      this.user.attention();
    }
  }

  /** CP is writing a line: it takes the screen back, and the program must redraw later. */
  lineWritten(): void {
    if (!this.active) return;
    this.leave();
    this.broken = true;
  }

  /** The program went back to line mode (a console read): nothing is owed to it. */
  consoleRead(): void {
    this.broken = false;
    this.drawn = false;
  }

  private leave(): void {
    this.drawn = false;
  }
}
