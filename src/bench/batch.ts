// Batch benchmarks (issue 10, "Performance"): small jobs that assemble a
// program, run it and print its report (samples/jobs/assemble-report.job)
//   1. through `vmcms batch`, one process per job, in sequence: jobs per
//      minute, start-up included;
//   2. through one CMSBATCH virtual machine, all jobs queued in its reader
//      at once: jobs per minute;
//   3. the start-up cost of `vmcms batch`: a trivial job (QUERY DISK A),
//      wall time of the whole process, and of `node -e 0` for comparison.
// Target: the trivial job in under 1 second, start-up included.
//
// Run: `npm run build`, then `node dist/src/bench/batch.js [jobs]` (default 100).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cmsSystem } from '../../cms/index.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { samplesPath } from '../package-root.js';
import { startSystem } from '../system.js';

const JOBS = Number(process.argv[2] ?? 100);
const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
if (!cli.endsWith('.js')) throw new Error('run the built benchmark: node dist/src/bench/batch.js');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeProcess(args: string[]): number {
  const began = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - began;
}

const work = mkdtempSync(join(tmpdir(), 'vmcms-bench-batch-'));
try {
  const report = samplesPath('jobs', 'assemble-report.job');
  const trivial = join(work, 'trivial.job');
  writeFileSync(trivial, '/JOB CMSUSER TRIVIAL\nQUERY DISK A\n/*\n');
  const out = join(work, 'out');

  // 3. start-up
  const node = median([1, 2, 3, 4, 5].map(() => timeProcess(['-e', '0'])));
  const startups = [1, 2, 3, 4, 5].map(() => timeProcess([cli, 'batch', trivial, '--out', out]));

  // 1. vmcms batch in sequence
  let began = performance.now();
  for (let i = 0; i < JOBS; i++) timeProcess([cli, 'batch', report, '--out', out]);
  const sequenceMs = performance.now() - began;

  // 2. CMSBATCH with every job queued
  const dataDir = join(work, 'data');
  const system = startSystem({ dataDir, namedSystems: [cmsSystem], readerPort: null });
  const cards = readFileSync(report, 'utf8')
    .split('\n')
    .map((l) => toEbcdic(l.padEnd(80).slice(0, 80)));
  for (let i = 0; i < JOBS; i++) system.cp.spooler.enterDeck('CMSBATCH', cards, 'TABLE', 'JOB');
  began = performance.now();
  system.cp.autolog(system.cp.directory.entries.get('CMSBATCH')!, 'BENCH');
  const returned = (): number =>
    system.cp.spooler.files('CMSUSER', 'RDR').filter((f) => f.origin === 'CON' && f.originator === 'CMSBATCH').length;
  while (returned() < JOBS) await new Promise((r) => setTimeout(r, 10));
  const cmsbatchMs = performance.now() - began;
  const printed = system.cp.spooler.files('CMSUSER', 'RDR').filter((f) => f.origin === 'PRT').length;
  await system.shutdown();

  const perMinute = (ms: number): string => ((JOBS * 60_000) / ms).toFixed(0);
  console.log(`jobs: ${JOBS} x assemble-report.job (ASSEMBLE, LOAD, START, a printed report)`);
  console.log(
    `vmcms batch, one process per job, in sequence: ${(sequenceMs / 1000).toFixed(1)} s, ${perMinute(sequenceMs)} jobs/min`,
  );
  console.log(
    `CMSBATCH, all queued: ${(cmsbatchMs / 1000).toFixed(1)} s, ${perMinute(cmsbatchMs)} jobs/min (${printed} reports printed)`,
  );
  console.log(
    `vmcms batch start-up, trivial job: median ${median(startups).toFixed(0)} ms, runs ${startups.map((s) => s.toFixed(0)).join(' ')} ms (node -e 0: ${node.toFixed(0)} ms)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
