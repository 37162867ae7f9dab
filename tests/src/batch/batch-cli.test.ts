// `vmcms batch` as a shell script or CI pipeline calls it: the console log
// on stdout, printed files named on stderr, the exit status the job's
// highest return code; with --pdf a green-bar PDF read back as text.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const viteNode = fileURLToPath(new URL('../../../node_modules/.bin/vite-node', import.meta.url));
const cli = fileURLToPath(new URL('../../../src/cli.ts', import.meta.url));
const job = (name: string): string => fileURLToPath(new URL(`../../../samples/jobs/${name}`, import.meta.url));
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('vmcms batch', () => {
  it('streams the log, writes the printed report as text and PDF, and exits 0', () => {
    const out = mkdtempSync(join(tmpdir(), 'vmcms-batch-cli-'));
    dirs.push(out);
    const r = spawnSync(viteNode, [cli, 'batch', job('assemble-report.job'), '--out', out, '--pdf'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('BATCH JOB TABLE FOR CMSUSER STARTED');
    expect(r.stdout).toContain('TABLE: report printed');
    const named = /vmcms batch: printed (\S+\.txt) and (\S+\.pdf)/.exec(r.stderr);
    expect(named).not.toBeNull();
    expect(readFileSync(named![1], 'utf8')).toContain('     9       81      729');
    expect(existsSync(named![2])).toBe(true);
    if (!hasPdftotext) {
      console.log('skipped reading the PDF back: pdftotext (poppler-utils) is not installed');
      return;
    }
    const text = spawnSync('pdftotext', ['-layout', named![2], '-'], { encoding: 'utf8' }).stdout;
    expect(text).toMatch(/USERID\s+CMSUSER/); // the separator page
    expect(text).toContain('SQUARES AND CUBES, 1 TO 10');
    expect(text).toMatch(/10\s+100\s+1000/);
  }, 60_000);

  it('exits with the failing job’s return code', () => {
    const out = mkdtempSync(join(tmpdir(), 'vmcms-batch-cli-'));
    dirs.push(out);
    const r = spawnSync(viteNode, [cli, 'batch', job('fails.job'), '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(28);
    expect(r.stdout).toContain('BATCH JOB FAILS ENDED; HIGHEST RETURN CODE 28');
  }, 60_000);
});
