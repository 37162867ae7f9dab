// `npm run bench`: the standard CPU loop (L, A, ST, LA, AR, CR, BC not
// taken, BCT taken: 8 instructions an iteration; see loop.ts) in S/370 and
// ESA/390 mode, timed on the host, printed as millions of instructions per
// second. When ../shared/bench exists, its ready-made images run as well.
//
// Each measurement is the best of VMCMS_BENCH_REPEAT runs (default 3), by
// host CPU time: on a shared machine other processes only ever make a run
// slower, so the fastest run is the one closest to what the code can do.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cpu, type ArchMode } from '../../s390/cpu.js';
import { loopImage } from './loop.js';

const ORIGIN = 0x2000;
const ITERATIONS = 10_000_000;
const INSTRUCTIONS_PER_ITERATION = 8;

interface Measurement {
  instructions: number;
  /** Wall-clock seconds of the run. */
  seconds: number;
  /** Host CPU seconds (user + system) of the run: steadier than wall time on a busy host. */
  cpuSeconds: number;
  ok: boolean;
}

function runImage(arch: ArchMode, image: Uint8Array, expectedIterations?: number): Measurement {
  const cpu = new Cpu(arch, 16 << 20);
  cpu.storage.load(ORIGIN, image);
  cpu.loadPsw(arch === '390' ? 0x00080000 : 0, arch === '390' ? 0x80000000 | ORIGIN : ORIGIN);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const result = cpu.run(Number.MAX_SAFE_INTEGER);
  const used = process.cpuUsage(cpuStart);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuSeconds = (used.user + used.system) / 1e6;
  const iterations = cpu.storage.readU32(0x3010);
  const ok =
    result.kind === 'wait' &&
    cpu.psw.address === 0 &&
    (expectedIterations === undefined || iterations === expectedIterations % (arch === '370' ? 1 << 24 : 2 ** 32));
  return { instructions: cpu.instructions, seconds, cpuSeconds, ok };
}

function report(label: string, m: Measurement): void {
  const mips = m.instructions / m.seconds / 1e6;
  const cpuMips = m.instructions / m.cpuSeconds / 1e6;
  console.log(
    `${label.padEnd(28)} ${String(m.instructions).padStart(11)} instructions  ${m.seconds.toFixed(3)} s  ` +
      `${mips.toFixed(1).padStart(7)} MIPS  (${cpuMips.toFixed(1)} MIPS of host CPU time)${m.ok ? '' : '  WRONG RESULT'}`,
  );
  if (!m.ok) process.exitCode = 1;
}

/** The best of `repeat` runs, by host CPU time; a wrong result in any run makes it wrong. */
function bestOf(repeat: number, measure: () => Measurement): Measurement {
  let best = measure();
  if (!best.ok) return best;
  for (let i = 1; i < repeat; i++) {
    const m = measure();
    if (!m.ok) return m;
    if (m.cpuSeconds < best.cpuSeconds) best = m;
  }
  return best;
}

const iterations = Number(process.env.VMCMS_BENCH_ITERATIONS ?? ITERATIONS);
const repeat = Math.max(1, Number(process.env.VMCMS_BENCH_REPEAT ?? 3));
console.log(
  `standard loop: ${iterations} iterations x ${INSTRUCTIONS_PER_ITERATION} instructions (L A ST LA AR CR BC BCT), ` +
    `best of ${repeat}`,
);
// Warm-up runs in both modes let the JIT settle before anything is timed.
for (const arch of ['370', '390'] as const) runImage(arch, loopImage(arch, 1_000_000));
for (const arch of ['370', '390'] as const) {
  report(
    `${arch === '370' ? 'S/370 BC mode' : 'ESA/390 31-bit'}`,
    bestOf(repeat, () => runImage(arch, loopImage(arch, iterations), iterations)),
  );
}

const shared = join(process.cwd(), '..', 'shared', 'bench');
if (existsSync(shared)) {
  for (const file of readdirSync(shared).filter((f) => f.endsWith('.bin'))) {
    const arch: ArchMode = file.includes('390') ? '390' : '370';
    const image = readFileSync(join(shared, file));
    report(
      `../shared/bench/${file}`,
      bestOf(repeat, () => runImage(arch, image)),
    );
  }
}
