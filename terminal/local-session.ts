// A session whose terminal is in this process: a window of the blessed UI,
// or a test typing at a screen. The host's writes go straight into the
// Screen3270; the operator's keys act on it through keyboard.ts, and an AID
// key's inbound record is taken apart by the same parser the TN3270 server
// uses, so the host cannot tell the two kinds of terminal apart.

import { parseInbound, replyKindOf, type InboundRecord } from './inbound.js';
import * as keyboard from './keyboard.js';
import { terminalModel, type TerminalModel } from './model.js';
import { applyOutbound } from './outbound.js';
import { Screen3270 } from './screen.js';
import { SessionEvents, type TerminalSession, type Unsubscribe } from './session.js';

export class LocalSession implements TerminalSession {
  readonly peer = 'local';
  readonly screen: Screen3270;
  private readonly events = new SessionEvents();
  private readonly changeListeners = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly model: TerminalModel = terminalModel(2),
  ) {
    this.screen = new Screen3270(model);
  }

  get ended(): boolean {
    return this.events.ended;
  }

  write(record: Uint8Array): void {
    if (this.ended) return;
    const result = applyOutbound(this.screen, record);
    if (result.reply && result.command) {
      const reply = parseInbound(result.reply, replyKindOf(result.command) ?? 'aid');
      queueMicrotask(() => this.events.emitInbound(reply));
    }
    this.changed();
  }

  onInbound(listener: (record: InboundRecord) => void): Unsubscribe {
    return this.events.onInbound(listener);
  }

  onEnd(listener: (reason: string) => void): Unsubscribe {
    return this.events.onEnd(listener);
  }

  close(reason = 'closed'): void {
    if (this.events.end(reason)) this.changed();
  }

  /** Hear that the screen changed (for a view to redraw). */
  onChange(listener: () => void): Unsubscribe {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  // The operator's side.

  /** Press an AID key. The host hears it synchronously. False if the keyboard is locked. */
  pressAid(aid: number): boolean {
    if (this.ended) return false;
    const record = keyboard.pressAid(this.screen, aid);
    this.changed();
    if (!record) return false;
    this.events.emitInbound(parseInbound(record, 'aid'));
    return true;
  }

  /** Type text (converted to EBCDIC by the caller's choice of `encode`). Returns how many characters were taken. */
  type(bytes: Uint8Array): number {
    const taken = keyboard.typeBytes(this.screen, bytes);
    this.changed();
    return taken;
  }

  /** Run one of the keyboard's editing or movement keys. */
  key(action: (screen: Screen3270) => unknown): void {
    action(this.screen);
    this.changed();
  }

  private changed(): void {
    for (const listener of [...this.changeListeners]) listener();
  }
}
