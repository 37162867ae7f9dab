// Time inside the machine and the one ordered event queue.
//
// The machine's time is counted in ticks. One instruction takes one tick and
// one tick is 1/64 microsecond (64 TOD-clock units): a nominal 64-MIPS CPU,
// whatever the host's speed. While the CPU waits, time jumps to the next
// event on the queue, so an enabled wait for a timer ends at once and always
// after the same number of ticks. Nothing here reads host time or sleeps.

/** TOD-clock units per tick: bit 51 of the TOD clock is 1 us = 4096 units, and a tick is 1/64 us. */
export const TOD_UNITS_PER_TICK = 64;
export const TICKS_PER_MICROSECOND = 4096 / TOD_UNITS_PER_TICK;

interface ScheduledEvent {
  readonly id: number;
  readonly at: number;
  readonly action: () => void;
}

/**
 * Events ordered by tick (and by scheduling order within a tick). Timers and
 * device completions put their work here; the CPU runs instructions up to the
 * next event's tick, then runs the due events.
 */
export class EventQueue {
  private events: ScheduledEvent[] = [];
  private lastId = 0;

  /** The tick of the earliest event, or Infinity when the queue is empty. */
  get nextTick(): number {
    return this.events.length === 0 ? Infinity : this.events[0].at;
  }

  get size(): number {
    return this.events.length;
  }

  /** Schedule `action` at absolute tick `at`; returns an id for cancel(). */
  schedule(at: number, action: () => void): number {
    const event = { id: ++this.lastId, at, action };
    let i = this.events.length;
    while (i > 0 && this.events[i - 1].at > at) i--;
    this.events.splice(i, 0, event);
    return event.id;
  }

  cancel(id: number): void {
    const i = this.events.findIndex((e) => e.id === id);
    if (i >= 0) this.events.splice(i, 1);
  }

  /** Run every event due at or before `now`, in order. */
  runDue(now: number): void {
    while (this.events.length > 0 && this.events[0].at <= now) {
      const event = this.events.shift()!;
      event.action();
    }
  }
}
