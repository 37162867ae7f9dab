// `vmcms batch JOB [--data DIR] [--out DIR] [--pdf] [--cpu-limit SECONDS]`:
// run one job script (docs/batch.md) on an embedded system with no
// terminal. The console log streams to stdout; printed output is written
// to files whose names are printed on stderr; the exit status is the job's
// highest return code (255 for a negative or larger one, or a job that
// did not run). Without --data the system lives in a fresh temporary data
// directory that is removed afterwards.

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { exitStatus, runBatchJob } from '../batch/run-job.js';
import { DataDirectoryInUseError } from '../lock.js';
import { fail } from './fail.js';

interface BatchCliOptions {
  data?: string;
  out: string;
  pdf?: boolean;
  cpuLimit?: string;
  timeout?: string;
}

export function registerBatch(program: Command): void {
  program
    .command('batch')
    .description('run a batch job script on an embedded system; exit with its highest return code')
    .argument('<job>', 'the job script (/JOB userid [jobname], commands, /DATA ... /END, /*)')
    .option('--data <dir>', 'a persistent data directory (default: a temporary one)')
    .option('--out <dir>', 'where printed output is written', '.')
    .option('--pdf', 'also write green-bar PDFs of the printed output')
    .option('--cpu-limit <seconds>', 'CPU limit of the job, in seconds of virtual CPU time')
    .option('--timeout <seconds>', 'give up after this much wall time', '600')
    .action(async (jobPath: string, opts: BatchCliOptions) => {
      let script: string[];
      try {
        script = readFileSync(jobPath, 'utf8').split(/\r?\n/);
      } catch (err) {
        fail(`cannot read ${jobPath}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const cpuLimit = opts.cpuLimit === undefined ? undefined : Number(opts.cpuLimit);
      if (cpuLimit !== undefined && !(cpuLimit > 0)) fail(`invalid --cpu-limit ${opts.cpuLimit}`);
      let result: Awaited<ReturnType<typeof runBatchJob>>;
      try {
        result = await runBatchJob({
          script,
          dataDir: opts.data,
          outputDir: opts.out,
          pdf: opts.pdf,
          cpuLimit,
          timeoutMs: Number(opts.timeout) * 1000,
          onLine: (line) => process.stdout.write(`${line}\n`),
        });
      } catch (err) {
        // A data directory in use by a running system (use `vmcms submit --to CMSBATCH` there), or not readable.
        if (err instanceof DataDirectoryInUseError) fail(err.message);
        throw err;
      }
      for (const p of result.printed) {
        process.stderr.write(`vmcms batch: printed ${p.textPath}${p.pdfPath ? ` and ${p.pdfPath}` : ''}\n`);
      }
      if (result.error) process.stderr.write(`vmcms batch: ${result.error}\n`);
      process.exitCode = exitStatus(result.rc);
    });
}
