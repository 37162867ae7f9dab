// The system monitor's data: a snapshot of every virtual machine, taken by
// CP for the blessed UI's monitor (terminal/ui/system-monitor.ts declares the
// plain-data shape; src/ wires this source into `vmcms start`). It is the
// live picture of what INDICATE LOAD and INDICATE USER print once: each
// machine's state, its share of the processor, its instructions, the
// privileged instructions CP simulated by kind (SET ASSIST counts), its I/O
// and spool, and the dispatcher's queues.
//
// Cost: a snapshot reads counters CP keeps anyway and makes one pass over
// the spool index; it never touches a running machine, so the guests run
// no slower while the monitor is open (docs/teaching.md has the figures).

import type {
  MachineState,
  MonitorMachine,
  MonitorSnapshot,
  SystemMonitorSource,
} from '../terminal/ui/system-monitor.js';
import type { ControlProgram } from './control-program.js';
import type { LoggedOnUser } from './user.js';
import type { Cpu } from '../s390/cpu.js';

interface Previous {
  readonly cpu: Cpu;
  readonly instructions: number;
  readonly cpuUs: number;
}

export class CpMonitor implements SystemMonitorSource {
  private previous = new Map<string, Previous>();
  private previousAt = performance.now();
  private previousSlices: number;

  constructor(private readonly cp: ControlProgram) {
    this.previousSlices = cp.dispatcher.slices;
  }

  snapshot(): MonitorSnapshot {
    const cp = this.cp;
    const now = performance.now();
    const elapsedMs = Math.max(now - this.previousAt, 1);
    const spool = this.spoolCounts();
    const seen = new Map<string, Previous>();
    const machines: MonitorMachine[] = [];
    const users = [...cp.users.values()].sort((a, b) => a.userid.localeCompare(b.userid));
    for (const user of users) {
      const vm = user.vm;
      const c = vm.counters;
      const cpuUs = c.virtualCpuUs + c.cpUs;
      const instructions = vm.cpu.instructions;
      const before = this.previous.get(user.userid);
      // A new CPU (IPL CLEAR, DEFINE STORAGE) starts counting again from zero.
      const sameCpu = before !== undefined && before.cpu === vm.cpu;
      const ran = sameCpu ? Math.max(0, instructions - before.instructions) : instructions;
      const used = before ? Math.max(0, cpuUs - before.cpuUs) : 0;
      seen.set(user.userid, { cpu: vm.cpu, instructions, cpuUs });
      machines.push({
        userid: user.userid,
        terminal: user.connected ? user.realAddress : 'DSC',
        state: stateOf(user),
        queue: user.queue,
        dispatchable: cp.dispatcher.runnable(user),
        cpuShare: before ? Math.min(1, used / (elapsedMs * 1000)) : 0,
        instructions,
        mips: before ? ran / (elapsedMs * 1000) : 0,
        assist: vm.assist,
        simulated: [...c.simulated.entries()].sort((a, b) => b[1] - a[1]),
        assisted: c.assisted,
        startIo: c.startIo,
        diagnose: c.diagnose,
        cardsRead: c.cardsRead,
        linesPrinted: c.linesPrinted,
        cardsPunched: c.cardsPunched,
        spool: spool.get(user.userid) ?? { rdr: 0, prt: 0, pun: 0 },
      });
    }
    const slices = cp.dispatcher.slices;
    const slicesPerSecond = ((slices - this.previousSlices) * 1000) / elapsedMs;
    this.previous = seen;
    this.previousAt = now;
    this.previousSlices = slices;
    const { q1, q2 } = cp.dispatcher.queueCounts();
    // The order Dispatcher.pick() takes them in: Q1 before Q2, then the one that waited longest.
    const dispatchList = users
      .filter((u) => cp.dispatcher.runnable(u))
      .sort((a, b) => a.queue - b.queue || a.lastDispatched - b.lastDispatched)
      .map((u) => `${u.userid}(Q${u.queue})`);
    return {
      time: cp.time(),
      cpuBusy: cp.dispatcher.busyShare,
      q1,
      q2,
      slicesPerSecond,
      machines,
      dispatchList,
    };
  }

  private spoolCounts(): Map<string, { rdr: number; prt: number; pun: number }> {
    const counts = new Map<string, { rdr: number; prt: number; pun: number }>();
    for (const f of this.cp.spooler.store.list()) {
      let c = counts.get(f.owner);
      if (!c) counts.set(f.owner, (c = { rdr: 0, prt: 0, pun: 0 }));
      if (f.queue === 'RDR') c.rdr++;
      else if (f.queue === 'PRT') c.prt++;
      else c.pun++;
    }
    return counts;
  }
}

/** What the machine is doing, in the words of the console's status area where they apply. */
export function stateOf(user: LoggedOnUser): MachineState {
  const vm = user.vm;
  if (user.cpRead) return 'CP READ';
  if (!vm.loaded) return 'NOT IPLED';
  if (user.stopped) return 'STOPPED';
  if (vm.console.readPending) return 'VM READ';
  if (vm.cpu.psw.wait) return 'WAITING';
  return 'RUNNING';
}
