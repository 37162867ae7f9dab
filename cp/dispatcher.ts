// The dispatcher: every virtual machine runs on the one event loop, one time
// slice at a time, with `setImmediate` between slices so terminals and the
// network are served in between (DESIGN.md "The control program").
//
// After VM/370's scheduler (DMKSCH/DMKDSP, ../shared/reference/cp.md
// sections 6 and 9), much simplified: a virtual machine is in Q1 (inter-
// active) when it has just had terminal input, IPL or BEGIN, and drops to Q2
// (non-interactive) once it has used Q1_ALLOWANCE_MS of processor time since
// then. Q1 machines are always dispatched before Q2 machines; within a queue
// the machine that has waited longest goes first. There is no eligible list
// and no working-set admission: storage is not paged here.
//
// Waiting costs nothing: a machine in a wait state with nothing pending is
// not in the dispatch list at all; an I/O completion (a console line), a
// timer CP set for the machine's clock comparator or CPU timer, BEGIN or IPL
// put it back with wake().

import type { RunResult } from '../s390/cpu.js';
import { TOD_UNITS_PER_TICK } from '../s390/timers.js';
import type { CancelTimer, CpClock } from './clock.js';
import { todToMs } from './clock.js';
import type { VirtualMachine } from './virtual-machine.js';

/** A minor time slice: how long one machine runs before the event loop gets a turn. */
export const MINOR_SLICE_MS = 2;
/** Processor time a machine may use in Q1 before it is non-interactive. */
export const Q1_ALLOWANCE_MS = 50;
/** Instructions run between looks at the slice's clock. */
const CHUNK = 20_000;

/** What the dispatcher needs of the owner of each virtual machine (a logged-on user). */
export interface Dispatchable {
  readonly vm: VirtualMachine;
  /** False while the machine is stopped (CP console function mode), not IPLed, or its owner is going. */
  readonly mayRun: boolean;
  /** Q1 or Q2. */
  queue: 1 | 2;
  /** Processor time used since entering Q1, ms. */
  q1Used: number;
  /** When the machine last got the processor (for round robin), ms of performance.now(). */
  lastDispatched: number;
  /**
   * Run instructions for this slice: normally `vm.cpu.run(budget)`; the
   * owner steps instead while TRACE or ADSTOP is on.
   */
  run(budget: number): RunResult;
  /** The run stopped for a reason CP must act on: a full trap to simulate, disabled wait, check-stop. */
  onStop(result: RunResult): void;
}

export class Dispatcher {
  private readonly machines = new Set<Dispatchable>();
  private scheduled = false;
  private timers = new Map<Dispatchable, CancelTimer>();
  private stoppedForGood = false;
  private idleWaiters: Array<() => void> = [];
  /** Slices run, for INDICATE LOAD and the benchmark. */
  slices = 0;
  /** Smoothed share of time spent running virtual machines (INDICATE LOAD's CPU-nnn%). */
  busyShare = 0;
  private lastTickEnd = performance.now();

  constructor(private readonly clock: CpClock) {}

  add(machine: Dispatchable): void {
    this.machines.add(machine);
    this.wake(machine);
  }

  remove(machine: Dispatchable): void {
    this.machines.delete(machine);
    this.timers.get(machine)?.();
    this.timers.delete(machine);
  }

  /** Something happened that may make the machine runnable (I/O completion, BEGIN, IPL, a line typed). */
  wake(machine: Dispatchable, interactive = false): void {
    if (interactive) {
      machine.queue = 1;
      machine.q1Used = 0;
    }
    this.schedule();
  }

  /** Stop dispatching (SHUTDOWN). */
  stop(): void {
    this.stoppedForGood = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  /** Users in Q1 and Q2 that are dispatchable now (INDICATE LOAD). */
  queueCounts(): { q1: number; q2: number } {
    let q1 = 0;
    let q2 = 0;
    for (const m of this.machines) {
      if (!this.runnable(m)) continue;
      if (m.queue === 1) q1++;
      else q2++;
    }
    return { q1, q2 };
  }

  /** Resolves when no machine is runnable (tests: "let everything settle"). */
  whenIdle(): Promise<void> {
    if (!this.anyRunnable()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Is the machine able to run now? */
  runnable(m: Dispatchable): boolean {
    if (!m.mayRun) return false;
    const vm = m.vm;
    if (vm.deferred.length > 0 || vm.interruptionPosted) return true;
    const cpu = vm.cpu;
    if (!cpu.psw.wait) return true;
    if (cpu.psw.disabledForInterruptions) return false;
    if (vm.channel.interruptPending) return true;
    return this.timerDue(m) === 0;
  }

  private anyRunnable(): boolean {
    for (const m of this.machines) if (this.runnable(m)) return true;
    return false;
  }

  /**
   * For a machine in an enabled wait: 0 when its next timer event is due
   * now (in CP's time), the milliseconds until it is, or Infinity if none.
   */
  private timerDue(m: Dispatchable): number {
    const cpu = m.vm.cpu;
    const next = cpu.events.nextTick;
    if (next === Infinity) return Infinity;
    const todAtEvent = cpu.tod + BigInt(Math.max(0, next - cpu.ticks)) * BigInt(TOD_UNITS_PER_TICK);
    const ms = todToMs(todAtEvent) - this.clock.now();
    return ms <= 0 ? 0 : ms;
  }

  private schedule(): void {
    if (this.scheduled || this.stoppedForGood) return;
    this.scheduled = true;
    setImmediate(() => this.tick());
  }

  private pick(): Dispatchable | null {
    let best: Dispatchable | null = null;
    for (const m of this.machines) {
      if (!this.runnable(m)) {
        this.armTimer(m);
        continue;
      }
      if (best === null || m.queue < best.queue || (m.queue === best.queue && m.lastDispatched < best.lastDispatched)) {
        best = m;
      }
    }
    return best;
  }

  /** A machine waiting for its clock comparator or CPU timer: wake it when CP's clock gets there. */
  private armTimer(m: Dispatchable): void {
    if (this.timers.has(m) || !m.mayRun || !m.vm.cpu.psw.wait || m.vm.cpu.psw.disabledForInterruptions) return;
    const ms = this.timerDue(m);
    if (ms === Infinity || ms === 0) return;
    this.timers.set(
      m,
      this.clock.setTimer(ms, () => {
        this.timers.delete(m);
        m.vm.cpu.advanceToHostTime();
        this.wake(m);
      }),
    );
  }

  private tick(): void {
    this.scheduled = false;
    if (this.stoppedForGood) return;
    const m = this.pick();
    if (m === null) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    const started = performance.now();
    const idleBefore = started - this.lastTickEnd;
    m.lastDispatched = started;
    this.slices++;
    const cpBefore = m.vm.counters.cpUs;
    this.runSlice(m, started);
    const used = performance.now() - started;
    // The slice's time is the machine's, less what CP spent simulating for it (counted as CP time).
    m.vm.counters.virtualCpuUs += Math.max(0, used * 1000 - (m.vm.counters.cpUs - cpBefore));
    if (m.queue === 1) {
      m.q1Used += used;
      if (m.q1Used > Q1_ALLOWANCE_MS) m.queue = 2;
    }
    this.lastTickEnd = performance.now();
    const share = used / Math.max(used + idleBefore, 0.001);
    this.busyShare = (15 * this.busyShare + share) / 16;
    this.schedule();
  }

  private runSlice(m: Dispatchable, started: number): void {
    const vm = m.vm;
    // Channel endings deferred for channel time: those due now (a looping
    // chain defers itself again, to the next slice).
    for (const action of vm.deferred.splice(0)) action();
    for (;;) {
      if (!m.mayRun) return;
      const cpu = vm.cpu;
      const posted = vm.interruptionPosted;
      vm.interruptionPosted = false;
      if (
        cpu.psw.wait &&
        !posted &&
        !cpu.psw.disabledForInterruptions &&
        !vm.channel.interruptPending &&
        this.timerDue(m) > 0
      ) {
        return;
      }
      if (cpu.psw.wait && this.timerDue(m) === 0) cpu.advanceToHostTime();
      const result = m.run(CHUNK);
      switch (result.kind) {
        case 'budget':
          break;
        case 'wait':
          if (result.disabled) m.onStop(result);
          return;
        case 'intercept':
          if (vm.yieldRequested) {
            vm.yieldRequested = false;
            return;
          }
          m.onStop(result);
          break;
        case 'checkstop':
          m.onStop(result);
          return;
      }
      // A disabled wait entered by a simulated instruction is CP's to report now.
      if (m.mayRun && vm.cpu.psw.wait && vm.cpu.psw.disabledForInterruptions) {
        m.onStop({ kind: 'wait', disabled: true });
        return;
      }
      if (performance.now() - started >= MINOR_SLICE_MS) return;
    }
  }
}
