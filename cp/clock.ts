// CP's sense of time. Everything in CP that depends on time (CONNECT=,
// time stamps, the MORE... and HOLDING timeouts, the 15-minute logoff of a
// disconnected machine that reads its console, SLEEP, a virtual machine
// waiting for its clock comparator) asks one CpClock. The system uses the
// host's clock; tests use a ManualClock whose time moves only when the test
// advances it, so no test sleeps on the wall clock.

import { TOD_UNITS_PER_MICROSECOND, type TodSource } from '../s390/clock.js';

/** Cancel a timer set with CpClock.setTimer. */
export type CancelTimer = () => void;

export interface CpClock {
  /** Milliseconds since 1970-01-01 UTC. */
  now(): number;
  /** Run `action` once, `ms` milliseconds from now. */
  setTimer(ms: number, action: () => void): CancelTimer;
}

export const hostClock: CpClock = {
  now: () => Date.now(),
  setTimer(ms, action) {
    const timer = setTimeout(action, Math.max(0, ms));
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

interface ManualTimer {
  readonly at: number;
  readonly seq: number;
  readonly action: () => void;
}

/** Virtual time for tests: time stands still until advance(). */
export class ManualClock implements CpClock {
  private timers: ManualTimer[] = [];
  private seq = 0;

  constructor(private time = Date.UTC(1982, 4, 17, 9, 30, 0)) {}

  now(): number {
    return this.time;
  }

  setTimer(ms: number, action: () => void): CancelTimer {
    const timer = { at: this.time + Math.max(0, ms), seq: ++this.seq, action };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Move time forward by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.action();
    }
    this.time = end;
  }

  /** Timers still to run. */
  get pending(): number {
    return this.timers.length;
  }
}

/** Seconds from 1900-01-01 (the TOD epoch) to 1970-01-01. */
const UNIX_EPOCH_SECONDS = 2208988800n;

/** A virtual machine's TOD clock source, following CP's clock. */
export function todSourceOf(clock: CpClock): TodSource {
  return {
    now: () => (BigInt(clock.now()) * 1000n + UNIX_EPOCH_SECONDS * 1_000_000n) * TOD_UNITS_PER_MICROSECOND,
  };
}

/** Milliseconds (CP clock) at which the TOD clock reads `tod`. */
export function todToMs(tod: bigint): number {
  return Number(tod / TOD_UNITS_PER_MICROSECOND / 1000n - UNIX_EPOCH_SECONDS * 1000n);
}
