// CP's line-mode presentation of a console on a 3270 (../shared/reference/
// cp.md section 8): output lines fill rows 1-22; when the output area is full
// and more output is pending, the status says MORE... and CP clears the area
// by itself after a while (TERMINAL MORE n1 n2: n1 seconds the first time,
// n2 seconds for each further full screen without the user touching a key);
// Enter with no data holds the screen (HOLDING); Clear or PA2 clears it at
// once. The input area is rows 23-24; the status area row 24 from column 61.
// Lines are written with Write (never Erase/Write) so that what the user is
// typing is not disturbed by a message arriving meanwhile.

import { fromEbcdic } from '../../s390/ebcdic.js';
import { DataStream } from '../../terminal/builder.js';
import { Aid, FieldAttribute, Wcc } from '../../terminal/codes.js';
import type { InboundRecord, TerminalSession } from '../../terminal/session.js';
import type { CancelTimer, CpClock } from '../clock.js';
import {
  COLS,
  INPUT_ATTRIBUTE,
  INPUT_LENGTH,
  INPUT_START,
  LOGO_LINES,
  OUTPUT_ROWS,
  STATUS_ATTRIBUTE,
  STATUS_LENGTH,
  rowExtent,
  type ConsoleStatus,
} from './layout.js';

/** What the console tells its owner (the terminal's connection to CP). */
export interface ConsoleInput {
  /** The first key on the logo screen: the terminal is now CP's (typed text was discarded). */
  attention(): void;
  /** Enter with a line (empty string for Enter with no data); `hidden` for a non-display read. */
  line(text: string, hidden: boolean): void;
  pa1(): void;
  /** PF key n, with whatever was typed in the input area. */
  pf(n: number, text: string): void;
  /** The program's full-screen mode on this terminal, if any (cp/console/full-screen.ts). */
  fullScreen?(): FullScreenHook | null;
}

/** Full-screen mode as line mode sees it: it owns the screen while active and may take AIDs first. */
export interface FullScreenHook {
  readonly active: boolean;
  inbound(record: InboundRecord): boolean;
  lineWritten(): void;
}

/** TERMINAL MORE: seconds in MORE... before CP clears the screen itself. */
export interface MoreTimes {
  first: number;
  next: number;
}

interface PendingLine {
  readonly text: string;
  readonly alarm: boolean;
}

export class LineModeConsole {
  /** The read CP has posted (what the status shows when no MORE.../HOLDING). */
  private readState: 'CP READ' | 'VM READ' | 'RUNNING' = 'RUNNING';
  private hold: 'MORE...' | 'HOLDING' | null = null;
  private notAccepted = false;
  private hiddenInput = false;
  private readonly rows: string[] = [];
  private readonly queue: PendingLine[] = [];
  private logo = false;
  private moreTimer: CancelTimer | null = null;
  private moreInARow = 0;
  /** Rows that changed since the last write. */
  private readonly dirty = new Set<number>();
  private alarmPending = false;
  private eraseInput = false;
  private inputAttributeSent = -1;
  private statusSent = '';
  readonly more: MoreTimes = { first: 50, next: 10 };

  constructor(
    readonly session: TerminalSession,
    private readonly clock: CpClock,
    private readonly input: ConsoleInput,
  ) {
    session.onInbound((record) => this.inbound(record));
  }

  /** What the status area says now. */
  get status(): ConsoleStatus {
    if (this.hold) return this.hold;
    if (this.notAccepted) return 'NOT ACCEPTED';
    return this.readState;
  }

  /** The output area as the user sees it (for tests and the monitor). */
  get outputLines(): readonly string[] {
    return this.rows;
  }

  /** Lines waiting for room (MORE...). */
  get pendingLines(): number {
    return this.queue.length;
  }

  // ---- The host's side ----

  /** The logo screen: the terminal is connected, nobody is logged on. */
  showLogo(): void {
    this.logo = true;
    this.cancelMore();
    this.queue.length = 0;
    this.rows.length = 0;
    this.hold = null;
    this.readState = 'RUNNING';
    const ds = new DataStream('eraseWrite', Wcc.keyboardRestore | Wcc.resetMdt | Wcc.alarm);
    LOGO_LINES.forEach((line, row) => {
      if (line !== '') ds.sba(row * COLS).text(line);
    });
    ds.sba(INPUT_ATTRIBUTE)
      .sf(0)
      .sba(STATUS_ATTRIBUTE)
      .sf(FieldAttribute.protected)
      .text(pad('RUNNING', STATUS_LENGTH));
    ds.sba(INPUT_START).ic();
    this.session.write(ds.bytes());
  }

  /** Write a line to the output area (split at 80 columns); `alarm` rings the bell (MSG, WNG). */
  write(text: string, alarm = false): void {
    // A line ends full-screen mode: CP takes the screen back (cp.md 8.4).
    const fullScreen = this.input.fullScreen?.();
    const resumed = fullScreen?.active === true;
    if (resumed) fullScreen.lineWritten();
    const pieces = splitLine(text);
    pieces.forEach((piece, i) => this.queue.push({ text: piece, alarm: alarm && i === 0 }));
    this.flush();
    this.render(resumed);
  }

  /** Post a read: CP READ or VM READ (hidden: the password's non-display field), or RUNNING. */
  setRead(state: 'CP READ' | 'VM READ' | 'RUNNING', hidden = false): void {
    if (this.readState === state && this.hiddenInput === hidden) return;
    this.readState = state;
    this.hiddenInput = hidden;
    this.render();
  }

  /** Sound the alarm without writing a line (the 3215's AUDIBLE ALARM). */
  ring(): void {
    this.alarmPending = true;
    this.render();
  }

  /** Put text into the input area for the user to edit (SET PFnn DELAYED). */
  setInput(text: string): void {
    if (this.logo || this.session.ended) return;
    const ds = new DataStream('write', Wcc.keyboardRestore);
    // The field's MDT is set so the text goes back with Enter even if the user changes nothing.
    const attribute = (this.hiddenInput ? FieldAttribute.nonDisplay : 0) | FieldAttribute.modified;
    ds.sba(INPUT_ATTRIBUTE).sf(attribute).text(text.slice(0, INPUT_LENGTH)).eua(STATUS_ATTRIBUTE);
    ds.sba(INPUT_START + Math.min(text.length, INPUT_LENGTH - 1)).ic();
    this.inputAttributeSent = -1;
    this.session.write(ds.bytes());
  }

  /** Clear the output area (PA2, Clear, or CP after a line drop). */
  clearOutput(): void {
    this.rows.length = 0;
    this.hold = null;
    this.cancelMore();
    this.flush();
    this.render(true);
  }

  /** The terminal is going away or changing hands. */
  dispose(): void {
    this.cancelMore();
  }

  // ---- The terminal's side ----

  private inbound(record: InboundRecord): void {
    if (record.kind !== 'aid') return;
    // Full screen takes every key while the program owns the screen; after CP took it back,
    // only once CP's own output has all been shown (MORE... and HOLDING stay CP's).
    const fullScreen = this.input.fullScreen?.();
    const settled = this.queue.length === 0 && this.hold === null;
    if (!this.logo && fullScreen && (fullScreen.active || settled) && fullScreen.inbound(record)) return;
    if (this.logo) {
      // cp.md 1.1 [obs]: anything typed on the logo screen is discarded.
      this.logo = false;
      this.rows.length = 0;
      this.inputAttributeSent = -1;
      this.render(true);
      this.input.attention();
      return;
    }
    const text = this.inputText(record);
    switch (record.aid) {
      case Aid.clear:
        this.moreInARow = 0;
        this.inputAttributeSent = -1;
        this.clearOutput();
        return;
      case Aid.pa2:
        this.moreInARow = 0;
        this.clearOutput();
        return;
      case Aid.pa1:
        this.eraseInput = true;
        this.input.pa1();
        this.render();
        return;
      case Aid.enter:
        this.notAccepted = false;
        // n1 again once the user has typed at a screen that was not waiting.
        if (this.hold === null) this.moreInARow = 0;
        this.eraseInput = true;
        if (text === '' && this.hold === 'MORE...') {
          this.cancelMore();
          this.hold = 'HOLDING';
          this.render();
          return;
        }
        if (text === '' && this.hold === 'HOLDING') {
          this.render();
          return;
        }
        // CP echoes the line as typed; a hidden line (a password) as a blank line.
        this.write(this.hiddenInput ? '' : text);
        this.input.line(text, this.hiddenInput);
        this.render();
        return;
      default: {
        const pf = /^PF(\d+)$/.exec(record.aidName);
        this.eraseInput = true;
        this.render();
        if (pf) this.input.pf(Number(pf[1]), text);
      }
    }
  }

  /** Refuse a line the virtual machine cannot take now. */
  refuse(): void {
    this.notAccepted = true;
    this.render();
  }

  private inputText(record: InboundRecord): string {
    const field = record.fields.find((f) => f.address === INPUT_START);
    if (!field) return '';
    return fromEbcdic(field.data).replace(/\0/g, '').trimEnd();
  }

  // ---- Output area ----

  private flush(): void {
    while (this.queue.length > 0 && this.hold === null) {
      if (this.rows.length >= OUTPUT_ROWS) {
        this.startMore();
        return;
      }
      const line = this.queue.shift()!;
      this.dirty.add(this.rows.length);
      this.rows.push(line.text);
      if (line.alarm) this.alarmPending = true;
    }
  }

  private startMore(): void {
    this.hold = 'MORE...';
    const seconds = this.moreInARow === 0 ? this.more.first : this.more.next;
    this.moreInARow++;
    this.moreTimer = this.clock.setTimer(seconds * 1000, () => {
      this.moreTimer = null;
      if (this.hold !== 'MORE...') return;
      this.clearOutput();
    });
  }

  private cancelMore(): void {
    this.moreTimer?.();
    this.moreTimer = null;
  }

  /** Send what changed: output rows, the input field when it must be reset, the status. */
  private render(all = false): void {
    if (this.logo || this.session.ended || this.input.fullScreen?.()?.active) return;
    const wcc = Wcc.keyboardRestore | (this.alarmPending ? Wcc.alarm : 0);
    this.alarmPending = false;
    const ds = new DataStream(all ? 'eraseWrite' : 'write', wcc);
    const rows = all ? Array.from({ length: OUTPUT_ROWS }, (_, i) => i) : [...this.dirty];
    if (all) this.dirty.clear();
    for (const row of rows) {
      const { start, length } = rowExtent(row);
      ds.sba(start).text(pad(this.rows[row] ?? '', length));
    }
    this.dirty.clear();
    const inputAttribute = this.hiddenInput ? FieldAttribute.nonDisplay : 0;
    if (all || this.eraseInput || this.inputAttributeSent !== inputAttribute) {
      ds.sba(INPUT_ATTRIBUTE).sf(inputAttribute).eua(STATUS_ATTRIBUTE);
      this.inputAttributeSent = inputAttribute;
      this.eraseInput = false;
      ds.sba(INPUT_START).ic();
    }
    const status = this.status;
    if (all || status !== this.statusSent) {
      ds.sba(STATUS_ATTRIBUTE).sf(FieldAttribute.protected).text(pad(status, STATUS_LENGTH));
      this.statusSent = status;
    }
    this.session.write(ds.bytes());
  }
}

function pad(text: string, length: number): string {
  return text.length >= length ? text.slice(0, length) : text + ' '.repeat(length - text.length);
}

/** A line as output rows: cut at 80 columns, at least one row. */
function splitLine(text: string): string[] {
  const clean = text.replace(/[\x00-\x1f]/g, ' ');
  if (clean.length <= COLS) return [clean];
  const pieces: string[] = [];
  for (let i = 0; i < clean.length; i += COLS) pieces.push(clean.slice(i, i + COLS));
  return pieces;
}
