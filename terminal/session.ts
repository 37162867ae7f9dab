// TerminalSession: the one thing the host side (CP) knows of a terminal.
//
// A session is one display station connected to the system, however it got
// there: a TN3270 client over TCP (tn3270-server.ts) or a window of the
// blessed UI (local-session.ts). The host drives it purely with the 3270 data
// stream, as VM/370 drove a locally attached 3270 through channel programs:
//
//   host ──write(record)──────────▶ terminal      outbound: W, EW, EWA, EAU, RB, RM, RMA
//   host ◀──onInbound(record)────── terminal      AID keys, and the replies to reads
//   host ◀──onEnd(reason)────────── terminal      once, when the session is gone
//
// Both implementations keep a Screen3270 showing what the terminal shows, so
// the two front ends present exactly the same screen for the same stream.

import type { InboundRecord } from './inbound.js';
import type { TerminalModel } from './model.js';
import type { Screen3270 } from './screen.js';

export type { InboundRecord, ModifiedField, InboundKind } from './inbound.js';
export type { TerminalModel } from './model.js';

/** Detach a listener. */
export type Unsubscribe = () => void;

export interface TerminalSession {
  /** A short name, unique while the server runs: `TN0001` for TN3270 connections, `L0001` for local windows. */
  readonly name: string;
  /** Where the terminal is: `127.0.0.1:50412` for TN3270, `local` for the blessed UI. */
  readonly peer: string;
  /** The display model: default size (always 24x80) and alternate size (the model's own), colour, extended stream. */
  readonly model: TerminalModel;
  /**
   * The screen as the terminal shows it: updated by every `write` and by the
   * modified fields each inbound record carries. For reading (tests, a system
   * monitor); hosts change it only through `write`.
   */
  readonly screen: Screen3270;
  /** True once the session has ended; `write` then does nothing. */
  readonly ended: boolean;

  /**
   * Send one outbound record: a command byte (SNA code such as X'F5', or the
   * CCW code such as X'05'), then for writes the WCC and the orders. Build it
   * with `DataStream`. The reply to a read command (RB, RM, RMA) arrives as an
   * inbound record of the matching `kind`, never synchronously inside this call.
   */
  write(record: Uint8Array): void;

  /**
   * Hear every inbound record: an AID key (Enter, PF1-24, PA1-3, Clear) with
   * the cursor address and the modified fields (already taken apart), or the
   * reply to a read. After an AID the terminal's keyboard stays locked until
   * a write with WCC keyboard restore.
   */
  onInbound(listener: (record: InboundRecord) => void): Unsubscribe;

  /** Hear that the session ended (client gone, window closed, server stopping). Called once, with a reason. */
  onEnd(listener: (reason: string) => void): Unsubscribe;

  /** End the session from the host side (LOGOFF, DISCONNECT, shutdown). Idempotent. */
  close(reason?: string): void;
}

/** What a front end calls for each new session: the host side's entry point (until CP exists, the demo). */
export type SessionHandler = (session: TerminalSession) => void;

/** The bookkeeping both implementations share: listeners, the ended flag, reporting the end once. */
export class SessionEvents {
  private readonly inboundListeners = new Set<(record: InboundRecord) => void>();
  private readonly endListeners = new Set<(reason: string) => void>();
  ended = false;

  onInbound(listener: (record: InboundRecord) => void): Unsubscribe {
    this.inboundListeners.add(listener);
    return () => this.inboundListeners.delete(listener);
  }

  onEnd(listener: (reason: string) => void): Unsubscribe {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Deliver an inbound record; a listener that throws is a host bug and must not break the terminal side. */
  emitInbound(record: InboundRecord): void {
    if (this.ended) return;
    for (const listener of [...this.inboundListeners]) {
      try {
        listener(record);
      } catch (err) {
        reportListenerError(err);
      }
    }
  }

  /** Mark the session ended and tell the listeners, exactly once. */
  end(reason: string): boolean {
    if (this.ended) return false;
    this.ended = true;
    for (const listener of [...this.endListeners]) {
      try {
        listener(reason);
      } catch (err) {
        reportListenerError(err);
      }
    }
    this.inboundListeners.clear();
    this.endListeners.clear();
    return true;
  }
}

function reportListenerError(err: unknown): void {
  process.emitWarning(
    `terminal session listener failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
}
