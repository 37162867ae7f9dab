// Jobs end to end through runBatchJob (what `vmcms batch` calls): a real
// system on a temporary data directory, CMSBATCH running the job.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { exitStatus, runBatchJob } from '../../../src/batch/run-job.js';

const sample = (name: string): string[] =>
  readFileSync(fileURLToPath(new URL(`../../../samples/jobs/${name}`, import.meta.url)), 'utf8').split('\n');

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'vmcms-batch-test-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('runBatchJob', () => {
  it('assembles and runs a program whose report comes back as a printed file', async () => {
    const out = tempDir();
    const r = await runBatchJob({ script: sample('assemble-report.job'), outputDir: out });
    expect(r.error).toBeUndefined();
    expect(r.rc).toBe(0);
    expect(r.consoleLog).toContain('DMSLIO740I Execution begins...');
    expect(r.consoleLog).toContain('TABLE: report printed');
    expect(r.consoleLog.at(-1)).toBe('BATCH JOB TABLE ENDED; HIGHEST RETURN CODE 0');
    expect(r.printed).toHaveLength(1);
    const text = readFileSync(r.printed[0].textPath, 'utf8');
    // ASA control in column 1: '1' skips to a new page (a form feed) and '0'
    // double-spaces before the line, leaving a blank line under the heading.
    expect(text).toMatch(/^\fSQUARES AND CUBES, 1 TO 10\n\n {5}N {3}SQUARE {5}CUBE\n/);
    expect(text).toContain('     7       49      343\n');
    expect(text).toContain('    10      100     1000\n');
  });

  it('runs a REXX EXEC over an inline data file', async () => {
    const out = tempDir();
    const r = await runBatchJob({ script: sample('rexx-data.job'), outputDir: out });
    expect(r.rc).toBe(0);
    expect(r.consoleLog).toContain('5 scores read, average 82.6');
    const text = readFileSync(r.printed[0].textPath, 'utf8');
    expect(text).toContain('BARBARA     97 *********');
    expect(text).toContain('AVERAGE    82.6');
  });

  it('stops at the failing command with /OPTION STOP and ends with its return code', async () => {
    const r = await runBatchJob({ script: sample('fails.job'), outputDir: tempDir() });
    expect(r.rc).toBe(28);
    expect(exitStatus(r.rc)).toBe(28);
    expect(r.consoleLog).toContain('TYPE NOSUCH FILE A');
    expect(r.consoleLog).toContain('BATCH: RETURN CODE 28; JOB STOPPED (/OPTION STOP 1)');
    // The third command never ran: TYPE NOTE TEXT A appears once only.
    expect(r.consoleLog.filter((l) => l === 'TYPE NOTE TEXT A')).toHaveLength(1);
    expect(r.printed).toHaveLength(0);
  });

  it('cancels a looping program at its CPU limit after a program check, and the job still reports', async () => {
    const script = [
      '/JOB USER1 LOOPER',
      '/DATA BAD ASSEMBLE A',
      'BAD      CSECT',
      "         DC    X'0000'",
      '         END   BAD',
      '/END',
      '/DATA LOOP ASSEMBLE A',
      'LOOP     CSECT',
      '         USING LOOP,12',
      'AGAIN    B     AGAIN',
      '         END   LOOP',
      '/END',
      'ASSEMBLE BAD',
      'LOAD BAD',
      'START',
      'ASSEMBLE LOOP',
      'LOAD LOOP',
      'START',
      'TYPE LOOP ASSEMBLE A',
      '/*',
    ];
    const r = await runBatchJob({ script, outputDir: tempDir(), cpuLimit: 0.05 });
    expect(r.consoleLog).toContain('DMSABN148T System abend 0C1 called from 020002');
    expect(r.consoleLog).toContain('BATCH: CPU LIMIT OF 0.05 SECONDS EXCEEDED; JOB CANCELLED');
    // Cancelled: the TYPE after the loop did not run.
    expect(r.consoleLog).not.toContain('TYPE LOOP ASSEMBLE A');
    expect(r.rc).toBe(999);
    expect(exitStatus(r.rc)).toBe(255);
  });

  it('halts a looping REXX EXEC when the job’s CPU time passes the limit (at least one second)', async () => {
    const script = [
      '/JOB USER1 SPINNER',
      '/DATA SPIN EXEC A',
      '/* for ever */',
      'do forever',
      'end',
      '/END',
      'EXEC SPIN',
      'TYPE SPIN EXEC A',
    ];
    const r = await runBatchJob({ script, outputDir: tempDir(), cpuLimit: 0.05 });
    expect(r.consoleLog).toContain('BATCH: CPU LIMIT OF 0.05 SECONDS EXCEEDED IN AN EXEC; JOB CANCELLED');
    expect(r.consoleLog).not.toContain('TYPE SPIN EXEC A');
    expect(r.rc).toBe(999);
  }, 30_000);

  it('keeps the job files on the submitter’s 191 in a persistent data directory', async () => {
    const data = tempDir();
    const first = await runBatchJob({
      script: ['/JOB USER2 WRITE', '/DATA KEEP ME A', 'still here', '/END'],
      dataDir: data,
      outputDir: tempDir(),
    });
    expect(first.rc).toBe(0);
    const second = await runBatchJob({
      script: ['/JOB USER2 READ', 'TYPE KEEP ME A'],
      dataDir: data,
      outputDir: tempDir(),
    });
    expect(second.rc).toBe(0);
    expect(second.consoleLog).toContain('still here');
    // Another user's disk does not have it.
    const other = await runBatchJob({
      script: ['/JOB USER1 LOOK', 'TYPE KEEP ME A'],
      dataDir: data,
      outputDir: tempDir(),
    });
    expect(other.rc).toBe(28);
  });

  it('refuses a job for a user who is not in the directory, and a script without /JOB', async () => {
    const r = await runBatchJob({ script: ['/JOB NOSUCH', 'LISTFILE'], outputDir: tempDir() });
    expect(r.rc).toBeUndefined();
    expect(r.error).toBe('NOSUCH is not in the CP directory');
    expect(exitStatus(r.rc)).toBe(255);
    const bad = await runBatchJob({ script: ['LISTFILE'] });
    expect(bad.error).toBe('the first card is not /JOB');
  });
});
