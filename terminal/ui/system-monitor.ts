// The system monitor's view: what the UI shows of the virtual machines
// (Alt-S). The terminal layer never imports CP (DESIGN.md "Layers"), so the
// data comes through this small provider interface as plain values: CP
// produces the snapshot (cp/monitor.ts), and `vmcms start` (src/commands/
// terminal.ts) hands CP's source to the UI. The UI only lays it out.

/** What a virtual machine is doing, as the monitor names it. */
export type MachineState = 'RUNNING' | 'WAITING' | 'CP READ' | 'VM READ' | 'STOPPED' | 'NOT IPLED';

export interface MonitorMachine {
  readonly userid: string;
  /** The terminal's address (0C1), or DSC when disconnected. */
  readonly terminal: string;
  readonly state: MachineState;
  /** The dispatcher's queue: 1 (interactive) or 2. */
  readonly queue: 1 | 2;
  /** Runnable now, so on the dispatch list. */
  readonly dispatchable: boolean;
  /** Share of the processor over the last interval, 0-1. */
  readonly cpuShare: number;
  /** Instructions executed since the last IPL or DEFINE STORAGE. */
  readonly instructions: number;
  /** Millions of instructions per second over the last interval. */
  readonly mips: number;
  readonly assist: boolean;
  /** Privileged instructions CP simulated, by mnemonic, most first. */
  readonly simulated: ReadonlyArray<readonly [string, number]>;
  readonly assisted: number;
  readonly startIo: number;
  readonly diagnose: number;
  readonly cardsRead: number;
  readonly linesPrinted: number;
  readonly cardsPunched: number;
  /** Spool files the user owns, by queue. */
  readonly spool: { readonly rdr: number; readonly prt: number; readonly pun: number };
}

export interface MonitorSnapshot {
  /** CP's time of day, hh:mm:ss. */
  readonly time: string;
  /** Smoothed share of time the dispatcher ran virtual machines, 0-1. */
  readonly cpuBusy: number;
  readonly q1: number;
  readonly q2: number;
  /** Minor time slices dispatched per second over the last interval. */
  readonly slicesPerSecond: number;
  readonly machines: readonly MonitorMachine[];
  /** Userids in the order the dispatcher would run them: Q1 first, then longest waiting. */
  readonly dispatchList: readonly string[];
}

/** The provider the UI asks a few times a second while the monitor is open. */
export interface SystemMonitorSource {
  snapshot(): MonitorSnapshot;
}

/** How often the open monitor asks for a snapshot. */
export const MONITOR_INTERVAL_MS = 250;

const fit = (text: string, width: number): string => (text.length > width ? text.slice(0, width) : text.padEnd(width));
const right = (text: string, width: number): string =>
  text.length > width ? text.slice(-width) : text.padStart(width);

/** 1234567 as 1234567, 12345678 as 12.3M, so columns stay narrow. */
function count(n: number, width: number): string {
  const s = String(n);
  if (s.length <= width) return right(s, width);
  if (n < 1e9) return right(`${(n / 1e6).toFixed(1)}M`, width);
  return right(`${(n / 1e9).toFixed(1)}G`, width);
}

/** The monitor as lines of at most `width` characters. */
export function monitorLines(s: MonitorSnapshot, width: number): string[] {
  const lines: string[] = [];
  lines.push(
    `${s.time}  CPU ${right(String(Math.round(s.cpuBusy * 100)), 3)}%  Q1 ${s.q1}  Q2 ${s.q2}  ` +
      `slices/s ${Math.round(s.slicesPerSecond)}  users ${s.machines.length}`,
  );
  lines.push('');
  // One row per machine, 76 columns: the help overlay's width on an 80-column terminal.
  lines.push(
    [
      fit('USERID', 8),
      fit('TERM', 4),
      fit('STATE', 9),
      fit('Q', 2),
      right('CPU%', 5),
      right('INSTR', 9),
      right('MIPS', 6),
      right('TRAPS', 6),
      right('SIO', 5),
      right('DIAG', 5),
      right('R/P/U', 6),
    ].join(' '),
  );
  for (const m of s.machines) {
    const traps = m.simulated.reduce((n, [, v]) => n + v, 0);
    lines.push(
      [
        fit(m.userid, 8),
        fit(m.terminal, 4),
        fit(m.state, 9),
        fit(m.dispatchable ? `Q${m.queue}` : '-', 2),
        right((m.cpuShare * 100).toFixed(1), 5),
        count(m.instructions, 9),
        right(m.mips.toFixed(2), 6),
        count(traps, 6),
        count(m.startIo, 5),
        count(m.diagnose, 5),
        right(`${m.spool.rdr}/${m.spool.prt}/${m.spool.pun}`, 6),
      ].join(' '),
    );
  }
  lines.push('');
  lines.push(
    `Dispatch list: ${s.dispatchList.length === 0 ? '(empty: every machine waits)' : s.dispatchList.join(' ')}`,
  );
  lines.push('Privileged instructions: traps CP simulated, by kind; runs in the assist:');
  let any = false;
  for (const m of s.machines) {
    if (m.simulated.length === 0) continue;
    any = true;
    const kinds = m.simulated
      .slice(0, 6)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(`  ${fit(m.userid, 8)} ASSIST ${m.assist ? 'ON ' : 'OFF'} assisted ${m.assisted}  ${kinds}`);
  }
  if (!any) lines.push('  (none yet)');
  lines.push('Unit record I/O (cards read / lines printed / cards punched):');
  const io = s.machines.filter((m) => m.cardsRead + m.linesPrinted + m.cardsPunched > 0);
  for (const m of io)
    lines.push(`  ${fit(m.userid, 8)} RDR ${m.cardsRead}  PRT ${m.linesPrinted}  PUN ${m.cardsPunched}`);
  if (io.length === 0) lines.push('  (none yet)');
  return lines.map((l) => (l.length > width ? l.slice(0, width) : l));
}
