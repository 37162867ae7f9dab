// REXX benchmark: one program (a loop of 1,000,000 iterations with
// arithmetic, string built-ins and a stem update) timed in our interpreter
// and, when `rexx` (Regina, Debian package regina-rexx) is on PATH, in
// Regina on the same source in the same run.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Interpreter } from '../../cms/rexx/interpreter.js';
import type { RexxHost } from '../../cms/rexx/host.js';
import { MemoryStack } from '../../cms/rexx/stack.js';

export const BENCH_PROGRAM = `/* REXX benchmark */
s. = 0
t = 0
do i = 1 to 1000000
  t = t + i * 2 - i // 7
  w = substr('abcdefghij', i // 10 + 1, 3) || right(i, 4, '0')
  k = i // 100
  s.k = s.k + length(w)
end
say t s.5 w
`;

export interface BenchResult {
  /** Wall-clock and CPU (user + system) milliseconds, medians over the rounds. */
  oursMs: number;
  oursCpuMs: number;
  oursOutput: string;
  reginaMs: number | null;
  reginaCpuMs: number | null;
  reginaOutput: string | null;
}

function quietHost(lines: string[]): RexxHost {
  return {
    say: (l) => lines.push(l),
    traceOutput: (l) => lines.push(l),
    readTerminal: () => '',
    externals: () => 0,
    command: () => -3,
    stack: new MemoryStack(),
    findExternal: () => null,
    userid: () => 'BENCH',
    linesize: () => 80,
    haltRequested: () => false,
    now: () => new Date(),
  };
}

interface Timing {
  ms: number;
  cpuMs: number | null;
  output: string;
}

function timeOurs(program = BENCH_PROGRAM): Timing {
  const lines: string[] = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const interp = new Interpreter(quietHost(lines), 'BENCH EXEC', program);
  interp.start([]);
  // Slice as the CMS dispatcher would: 10,000 clauses at a time.
  for (;;) {
    const r = interp.step(10_000);
    if (r.state === 'done' || r.state === 'error') break;
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, output: lines.join('\n') };
}

/** Regina's wall time, and its CPU time when /usr/bin/time can report it. */
function timeRegina(file: string): Timing {
  const haveTime = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = haveTime
    ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', 'rexx', file], { encoding: 'utf8' })
    : spawnSync('rexx', [file], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  const m = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null, output: r.stdout.trim() };
}

function median(values: number[]): number {
  const v = values.slice().sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}

/**
 * Runs both interpreters `rounds` times, alternating, after an untimed
 * warm-up of ours, and keeps the medians (the machine may be busy).
 */
export function runRexxBench(rounds = 3): BenchResult {
  const which = spawnSync('sh', ['-c', 'command -v rexx'], { encoding: 'utf8' });
  const haveRegina = which.status === 0;
  const dir = mkdtempSync(join(tmpdir(), 'vmcms-bench-'));
  const file = join(dir, 'bench.rexx');
  writeFileSync(file, BENCH_PROGRAM);
  const ours: number[] = [];
  const oursCpu: number[] = [];
  const theirs: number[] = [];
  const theirsCpu: number[] = [];
  let oursOutput = '';
  let reginaOutput: string | null = null;
  try {
    // A short untimed run first lets the JIT settle, as the CPU benchmark does.
    timeOurs(BENCH_PROGRAM.replace('1000000', '100000'));
    for (let i = 0; i < rounds; i++) {
      const o = timeOurs();
      ours.push(o.ms);
      oursCpu.push(o.cpuMs!);
      oursOutput = o.output;
      if (haveRegina) {
        const r = timeRegina(file);
        theirs.push(r.ms);
        if (r.cpuMs !== null) theirsCpu.push(r.cpuMs);
        reginaOutput = r.output;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    oursMs: median(ours),
    oursCpuMs: median(oursCpu),
    oursOutput,
    reginaMs: haveRegina ? median(theirs) : null,
    reginaCpuMs: theirsCpu.length > 0 ? median(theirsCpu) : null,
    reginaOutput,
  };
}

export function printRexxBench(r: BenchResult): void {
  const ms = (v: number): string => `${v.toFixed(0)} ms`;
  console.log(`rexx: vmcms  ${ms(r.oursMs)} wall, ${ms(r.oursCpuMs)} CPU (medians of 3; output: ${r.oursOutput})`);
  if (r.reginaMs === null) {
    console.log('rexx: Regina not on PATH (apt-get install regina-rexx) - no comparison');
    return;
  }
  const cpu = r.reginaCpuMs === null ? '' : `, ${ms(r.reginaCpuMs)} CPU`;
  console.log(`rexx: Regina ${ms(r.reginaMs)} wall${cpu} (medians of 3; output: ${r.reginaOutput})`);
  const cpuRatio = r.reginaCpuMs === null ? '' : `, CPU ${(r.oursCpuMs / r.reginaCpuMs).toFixed(2)}`;
  console.log(
    `rexx: vmcms/Regina ratio: wall ${(r.oursMs / r.reginaMs).toFixed(2)}${cpuRatio} (below 1: faster than Regina)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printRexxBench(runRexxBench());
