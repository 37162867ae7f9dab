// The blessed text UI: several local 3270 sessions in one terminal window.
//
//   rows 0 .. n-1   the active session's 3270 screen (n = 24, 32, 43 or 27)
//   row n           the operator information line: lock (X SYSTEM ...),
//                   insert mode, session name, cursor row/column
//   last row        the session list and the TN3270 address, when the
//                   terminal has a row to spare; otherwise the list shares
//                   the operator information line (80x25 for a model 2)
//
// Each session is a LocalSession: the same Screen3270 and data stream as a
// TN3270 client sees, painted cell by cell into blessed's screen buffer.

import blessed from 'blessed';
import { toEbcdic } from '../../s390/ebcdic.js';
import * as keyboard from '../keyboard.js';
import { LocalSession } from '../local-session.js';
import { terminalModel, type ModelNumber } from '../model.js';
import type { SessionHandler, TerminalSession } from '../session.js';
import { lockIndicator, screenCells, type ColorName } from './cells.js';
import { keyHelp, mapKey, type EditOp, type UiAction, type UiOp } from './keymap.js';
import { monitorLines, MONITOR_INTERVAL_MS, type SystemMonitorSource } from './system-monitor.js';

export interface TerminalUiOptions {
  /** The host side: called with each new local session. */
  readonly onSession: SessionHandler;
  /** The model of new local sessions (default 2). */
  readonly model?: ModelNumber;
  /** The TN3270 server's address, for the status line. */
  readonly listening?: string;
  /** The TN3270 sessions now connected, for the status line and the monitor. */
  readonly remoteSessions?: () => readonly TerminalSession[];
  /** The system's virtual machines for the system monitor (Alt-S); none with the demo host. */
  readonly systemMonitor?: SystemMonitorSource;
}

/** xterm 16-colour numbers for the 3279 colours (bright variants read best on dark terminals). */
const XTERM_COLOR: Readonly<Record<ColorName, number>> = {
  default: 0x1ff,
  blue: 12,
  red: 9,
  pink: 13,
  green: 10,
  turquoise: 14,
  yellow: 11,
  white: 15,
};

/** blessed's cell attribute: flags << 18 | fg << 9 | bg; flags bold 1, underline 2, blink 4, inverse 8. */
function cellAttribute(fg: number, bg: number, flags: number): number {
  return (flags << 18) | (fg << 9) | bg;
}
const DEFAULT_ATTRIBUTE = cellAttribute(0x1ff, 0x1ff, 0);
const STATUS_ATTRIBUTE = cellAttribute(0x1ff, 0x1ff, 8);

/** blessed's screen buffer (not in its typings): one [attribute, character] per cell, rows marked dirty to redraw. */
type CellLine = Array<[number, string]> & { dirty?: boolean };
function bufferOf(screen: blessed.Widgets.Screen): CellLine[] {
  return (screen as unknown as { lines: CellLine[] }).lines;
}

export class TerminalUi {
  readonly whenQuit: Promise<void>;
  private readonly screen: blessed.Widgets.Screen;
  private readonly help: blessed.Widgets.BoxElement;
  private readonly monitor: blessed.Widgets.BoxElement;
  private readonly systemMonitor: blessed.Widgets.BoxElement;
  private systemMonitorTimer: NodeJS.Timeout | null = null;
  private readonly sessions: LocalSession[] = [];
  private active = -1;
  private counter = 0;
  private afterEscape = false;
  private renderPending = false;
  private lastAlarm = new Map<LocalSession, number>();
  private resolveQuit!: () => void;
  private quitting = false;

  constructor(private readonly options: TerminalUiOptions) {
    this.whenQuit = new Promise((resolve) => (this.resolveQuit = resolve));
    this.screen = blessed.screen({ smartCSR: true, title: 'vmcms', warnings: false, fullUnicode: false });
    this.help = blessed.box({
      parent: this.screen,
      top: 'center',
      left: 'center',
      width: 76,
      height: Math.min(keyHelp().length + 4, 40),
      border: { type: 'line' },
      label: ' vmcms keys (any key closes) ',
      content: keyHelp().join('\n'),
      padding: { left: 1, right: 1 },
      hidden: true,
      tags: false,
      scrollable: true,
    });
    this.monitor = blessed.box({
      parent: this.screen,
      top: 'center',
      left: 'center',
      width: 78,
      height: 12,
      border: { type: 'line' },
      label: ' vmcms sessions (any key closes) ',
      padding: { left: 1, right: 1 },
      hidden: true,
      tags: false,
    });
    this.systemMonitor = blessed.box({
      parent: this.screen,
      top: 0,
      left: 'center',
      width: 80,
      height: '100%',
      border: { type: 'line' },
      label: ' vmcms system monitor (any key closes) ',
      padding: { left: 1, right: 1 },
      hidden: true,
      tags: false,
    });
    this.screen.on('prerender', () => this.paint());
    this.screen.on('render', () => this.placeCursor());
    this.screen.on('resize', () => this.requestRender());
    this.screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) =>
      this.keypress(ch, key),
    );
    // blessed emits no key event for xterm's modified F1-F4 (ESC [ 1 ; m P..S), i.e.
    // Shift-F1..F4 = PF13..PF16, nor for keypad Enter in application mode: catch them raw.
    this.screen.program.input.on('data', (data: Buffer) => {
      for (const m of data.toString('latin1').matchAll(/\x1b(?:\[1;\d+[PQRS]|O\d+[PQRS]|OM)/g)) {
        this.keypress(undefined, { sequence: m[0], name: '', full: '' } as blessed.Widgets.Events.IKeyEventArg);
      }
    });
    this.dial();
  }

  /** Open a new session: a fresh "dial" to the system. */
  dial(): void {
    const name = `L${String(++this.counter).padStart(4, '0')}`;
    const session = new LocalSession(name, terminalModel(this.options.model ?? 2));
    this.sessions.push(session);
    this.active = this.sessions.length - 1;
    session.onChange(() => {
      const alarms = session.screen.alarmCount;
      if (alarms !== (this.lastAlarm.get(session) ?? 0)) {
        this.lastAlarm.set(session, alarms);
        if (session === this.current) this.screen.program.bell();
      }
      this.requestRender();
    });
    session.onEnd(() => this.forget(session));
    this.options.onSession(session);
    this.requestRender();
  }

  /** Redraw soon: for changes the UI cannot see, such as TN3270 sessions coming and going. */
  refresh(): void {
    this.requestRender();
  }

  /** Close every session and give the terminal back as it was. */
  quit(): void {
    if (this.quitting) return;
    this.quitting = true;
    this.hideSystemMonitor();
    for (const s of [...this.sessions]) s.close('vmcms UI closed');
    this.screen.destroy();
    this.resolveQuit();
  }

  private get current(): LocalSession | undefined {
    return this.sessions[this.active];
  }

  private forget(session: LocalSession): void {
    const i = this.sessions.indexOf(session);
    if (i < 0) return;
    this.sessions.splice(i, 1);
    this.lastAlarm.delete(session);
    if (this.active >= this.sessions.length) this.active = this.sessions.length - 1;
    this.requestRender();
  }

  private requestRender(): void {
    if (this.renderPending || this.quitting) return;
    this.renderPending = true;
    setImmediate(() => {
      this.renderPending = false;
      if (!this.quitting) this.screen.render();
    });
  }

  private keypress(ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    if (this.quitting) return;
    if (!this.help.hidden || !this.monitor.hidden || !this.systemMonitor.hidden) {
      this.help.hide();
      this.monitor.hide();
      this.hideSystemMonitor();
      this.requestRender();
      return;
    }
    const action: UiAction = mapKey(ch, key, this.afterEscape);
    this.afterEscape = action.kind === 'escape';
    const session = this.current;
    switch (action.kind) {
      case 'ui':
        this.uiAction(action.op);
        break;
      case 'aid':
        session?.pressAid(action.aid);
        break;
      case 'char':
        session?.type(toEbcdic(action.ch));
        break;
      case 'edit':
        if (session) session.key((s) => editAction(s, action.op));
        break;
    }
    this.requestRender();
  }

  private uiAction(op: UiOp): void {
    const n = this.sessions.length;
    switch (op) {
      case 'help':
        this.help.show();
        this.help.setFront();
        break;
      case 'monitor':
        this.showMonitor();
        break;
      case 'systemMonitor':
        this.showSystemMonitor();
        break;
      case 'dial':
        this.dial();
        break;
      case 'closeSession':
        this.current?.close('closed by the operator');
        break;
      case 'nextSession':
        if (n > 0) this.active = (this.active + 1) % n;
        break;
      case 'previousSession':
        if (n > 0) this.active = (this.active - 1 + n) % n;
        break;
      case 'redraw':
        this.screen.realloc();
        break;
      case 'quit':
        this.quit();
        break;
    }
  }

  /** The monitor: every session, local and TN3270, with its terminal and keyboard state. */
  private showMonitor(): void {
    const all: TerminalSession[] = [...this.sessions, ...(this.options.remoteSessions?.() ?? [])];
    const lines = all.map((s) => {
      const screen = s.screen;
      const state = lockIndicator(screen) || 'ready';
      const size = `${screen.rows}x${screen.cols}`;
      return `${s.name.padEnd(7)}${s.peer.padEnd(22)}${s.model.terminalType.padEnd(14)}${size.padEnd(7)}${state}`;
    });
    const header = `${'name'.padEnd(7)}${'peer'.padEnd(22)}${'terminal'.padEnd(14)}${'size'.padEnd(7)}keyboard`;
    this.monitor.height = Math.min(lines.length + 5, Math.max(6, bufferOf(this.screen).length - 2));
    this.monitor.setContent([header, ...lines, '', `${all.length} session(s)`].join('\n'));
    this.monitor.show();
    this.monitor.setFront();
  }

  /**
   * The system monitor: the virtual machines, redrawn every
   * MONITOR_INTERVAL_MS while it is open. The timer runs only while it is
   * shown, and each tick is one snapshot and one render, so the guests do
   * not notice it (docs/teaching.md has the measurement).
   */
  private showSystemMonitor(): void {
    this.updateSystemMonitor();
    this.systemMonitor.show();
    this.systemMonitor.setFront();
    if (this.systemMonitorTimer === null && this.options.systemMonitor) {
      this.systemMonitorTimer = setInterval(() => {
        this.updateSystemMonitor();
        this.requestRender();
      }, MONITOR_INTERVAL_MS);
    }
  }

  private updateSystemMonitor(): void {
    const source = this.options.systemMonitor;
    const inner = Math.max(20, (typeof this.systemMonitor.width === 'number' ? this.systemMonitor.width : 80) - 4);
    const lines = source
      ? monitorLines(source.snapshot(), inner)
      : ['No system: the demo host has no virtual machines.', '', 'Start vmcms without --demo to see CP here.'];
    this.systemMonitor.setContent(lines.join('\n'));
  }

  private hideSystemMonitor(): void {
    this.systemMonitor.hide();
    if (this.systemMonitorTimer !== null) clearInterval(this.systemMonitorTimer);
    this.systemMonitorTimer = null;
  }

  /** Paint the whole terminal into blessed's buffer; the help box, if shown, renders over it. */
  private paint(): void {
    const lines = bufferOf(this.screen);
    const rows = lines.length;
    const cols = rows > 0 ? lines[0].length : 0;
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) lines[y][x] = [DEFAULT_ATTRIBUTE, ' '];
      lines[y].dirty = true;
    }
    const put = (y: number, x: number, text: string, attribute = DEFAULT_ATTRIBUTE): void => {
      if (y < 0 || y >= rows) return;
      for (let k = 0; k < text.length && x + k < cols; k++) if (x + k >= 0) lines[y][x + k] = [attribute, text[k]];
    };

    const session = this.current;
    const sessionList = this.sessionList();
    if (!session) {
      put(0, 0, 'vmcms: no sessions open.');
      put(2, 0, 'Alt-O (or Esc then o) opens a session; Alt-Q quits; Alt-H lists the keys.');
      put(rows - 1, 0, sessionList.padEnd(cols), STATUS_ATTRIBUTE);
      return;
    }
    const s = session.screen;
    if (rows < s.rows + 1 || cols < s.cols) {
      const notice = [
        `This terminal is ${cols}x${rows}: too small for ${session.name}'s 3270 screen,`,
        `which needs ${s.cols}x${s.rows + 1} (${s.rows} rows of ${s.cols}, plus the status line).`,
        'Enlarge the window; the screen redraws when it fits.',
        'Alt-Q quits, Alt-N/Alt-P switch sessions.',
      ];
      notice.forEach((line, k) => put(k, 0, line));
      return;
    }
    const left = Math.floor((cols - s.cols) / 2);
    screenCells(s).forEach((row, y) =>
      row.forEach((cell, x) => {
        const flags =
          (cell.intensified ? 1 : 0) | (cell.underscore ? 2 : 0) | (cell.blink ? 4 : 0) | (cell.reverse ? 8 : 0);
        lines[y][left + x] = [cellAttribute(XTERM_COLOR[cell.color], XTERM_COLOR[cell.background], flags), cell.ch];
      }),
    );
    const oiaRow = s.rows;
    const spare = rows - 1 > oiaRow;
    const cursorText = `${String(Math.floor(s.cursor / s.cols) + 1).padStart(3, '0')}/${String((s.cursor % s.cols) + 1).padStart(3, '0')}`;
    const oia = ' '.repeat(s.cols).split('');
    const place = (x: number, text: string): void => {
      for (let k = 0; k < text.length && x + k < oia.length; k++) oia[x + k] = text[k];
    };
    place(0, '4A');
    place(8, lockIndicator(s));
    if (s.insertMode) place(22, 'INS');
    place(28, spare ? session.name : sessionList.slice(0, s.cols - 28 - 9));
    place(s.cols - cursorText.length, cursorText);
    put(oiaRow, left, oia.join(''), STATUS_ATTRIBUTE);
    if (spare) put(rows - 1, 0, sessionList.padEnd(cols), STATUS_ATTRIBUTE);
  }

  /** `1*L0001 2 L0002 | TN3270 127.0.0.1:3270 (1 remote) | Alt-H keys` */
  private sessionList(): string {
    const list = this.sessions.map((s, i) => `${i + 1}${i === this.active ? '*' : ' '}${s.name}`).join(' ');
    const remote = this.options.remoteSessions?.().length ?? 0;
    const server = this.options.listening ? ` | TN3270 ${this.options.listening} (${remote} remote)` : '';
    return `${list || 'no sessions'}${server} | Alt-H keys`;
  }

  /** Put the terminal's cursor on the 3270 cursor. */
  private placeCursor(): void {
    const session = this.current;
    const program = this.screen.program;
    const lines = bufferOf(this.screen);
    const rows = lines.length;
    const cols = rows > 0 ? lines[0].length : 0;
    if (
      !session ||
      !this.help.hidden ||
      !this.monitor.hidden ||
      !this.systemMonitor.hidden ||
      rows < session.screen.rows + 1 ||
      cols < session.screen.cols
    ) {
      program.hideCursor();
      return;
    }
    const s = session.screen;
    const left = Math.floor((cols - s.cols) / 2);
    program.cup(Math.floor(s.cursor / s.cols), left + (s.cursor % s.cols));
    program.showCursor();
  }
}

/** Carry out an editing or movement key on a screen. */
function editAction(screen: import('../screen.js').Screen3270, op: EditOp): void {
  switch (op) {
    case 'tab':
      return keyboard.tab(screen);
    case 'backTab':
      return keyboard.backTab(screen);
    case 'home':
      return keyboard.home(screen);
    case 'newLine':
      return keyboard.newLine(screen);
    case 'up':
    case 'down':
    case 'left':
    case 'right':
      return keyboard.moveCursor(screen, op);
    case 'backspace':
      // x3270's BackSpace moves left; here it also deletes, as people at a PC keyboard expect
      keyboard.moveCursor(screen, 'left');
      if (!screen.isProtected(screen.cursor)) keyboard.deleteChar(screen);
      return;
    case 'delete':
      keyboard.deleteChar(screen);
      return;
    case 'eraseEof':
      keyboard.eraseEof(screen);
      return;
    case 'eraseInput':
      keyboard.eraseInput(screen);
      return;
    case 'insert':
      return keyboard.toggleInsert(screen);
    case 'reset':
      return keyboard.reset(screen);
  }
}

/** Run the UI until the operator quits (or SIGTERM). */
export function runTerminalUi(options: TerminalUiOptions): TerminalUi {
  const ui = new TerminalUi(options);
  process.once('SIGTERM', () => ui.quit());
  return ui;
}
