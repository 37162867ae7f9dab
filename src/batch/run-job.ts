// One batch job on an embedded system, with no terminal: what `vmcms batch`
// (src/commands/batch.ts), the tests and the benchmark call. The job goes
// the way any job goes: into CMSBATCH's reader as a deck from the system
// reader, CMSBATCH (IPL CMS PARM BATCH, cms/batch/monitor.ts) runs it with
// the submitter's 191 linked, and the console log and printed output come
// back to the submitter's reader. This module then takes those files out of
// the reader and writes the printer files as text (carriage control
// applied, cp/spool/system-printer.ts) and, on request, green-bar PDFs.

import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmsSystem } from '../../cms/index.js';
import { parseJobScript } from '../../cms/batch/job-script.js';
import { JOB_END, parseBatchParm } from '../../cms/batch/monitor.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { printText } from '../../cp/spool/system-printer.js';
import { writeFileAtomic } from '../../cp/atomic-file.js';
import type { SpoolFileAttributes } from '../../cp/spool/spool-file.js';
import { startSystem, type RunningSystem } from '../system.js';

export const BATCH_USERID = 'CMSBATCH';

export interface BatchRunOptions {
  /** The job script's lines. */
  readonly script: readonly string[];
  /** A persistent data directory (default: a fresh temporary one, removed afterwards). */
  readonly dataDir?: string;
  /** Where printed output goes (default: the current directory). */
  readonly outputDir?: string;
  /** Also write green-bar PDFs of the printer files. */
  readonly pdf?: boolean;
  /** CPU limit in seconds of virtual CPU time (default: CMSBATCH's PARM, else the monitor's default). */
  readonly cpuLimit?: number;
  /** Each line of the job's console log, as it is written. */
  readonly onLine?: (line: string) => void;
  /** Give up after this much wall time (ms); the job then counts as failed. */
  readonly timeoutMs?: number;
}

export interface PrintedOutput {
  readonly spoolid: number;
  readonly name: string;
  readonly type: string;
  readonly textPath: string;
  readonly pdfPath?: string;
}

export interface BatchRunResult {
  /** The job's highest return code (undefined: the job did not end: rejected or timed out). */
  readonly rc: number | undefined;
  readonly jobname: string;
  readonly consoleLog: readonly string[];
  readonly printed: readonly PrintedOutput[];
  /** Why the job did not run, when it did not. */
  readonly error?: string;
  /** Wall time from the call to the end of the job, ms (start-up included). */
  readonly wallMs: number;
}

/** The process exit status for a job's highest rc: 0-255 as is, anything else (negative, larger) 255. */
export function exitStatus(rc: number | undefined): number {
  if (rc === undefined) return 255;
  return rc >= 0 && rc <= 255 ? rc : 255;
}

export async function runBatchJob(options: BatchRunOptions): Promise<BatchRunResult> {
  const began = performance.now();
  const parsed = parseJobScript(options.script);
  if (!parsed.ok) return { rc: undefined, jobname: '', consoleLog: [], printed: [], error: parsed.why, wallMs: 0 };
  const { job } = parsed;
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vmcms-batch-'));
  let system: RunningSystem | undefined;
  try {
    system = startSystem({ dataDir, namedSystems: [cmsSystem], readerPort: null });
    const { cp } = system;
    const batchEntry = cp.directory.entries.get(BATCH_USERID);
    if (!batchEntry) throw new BatchError(`the directory has no ${BATCH_USERID} virtual machine`);
    if (!cp.directory.entries.get(job.userid)) throw new BatchError(`${job.userid} is not in the CP directory`);
    // Its output would come back to the reader CMSBATCH takes jobs from.
    if (job.userid === BATCH_USERID) throw new BatchError(`a job cannot run for ${BATCH_USERID} itself`);
    if (cp.users.has(BATCH_USERID)) throw new BatchError(`${BATCH_USERID} is already logged on`);
    // The deck enters the system reader as `vmcms submit` would send it.
    const cards = options.script.map((l) => toEbcdic(l.padEnd(80).slice(0, 80)));
    const deck = cp.spooler.enterDeck(BATCH_USERID, cards, job.jobname, 'JOB', 'SYSTEM');
    if (deck === 'full') throw new BatchError('the spool is full');
    const sinceSpoolid = deck.spoolid;
    const consoleLog: string[] = [];
    let ended: number | undefined;
    let resolveEnd: () => void = () => undefined;
    const whenEnded = new Promise<void>((resolve) => (resolveEnd = resolve));
    const user = cp.autolog(batchEntry, 'BATCH');
    if (options.cpuLimit !== undefined) {
      const parm = `BATCH CPU ${options.cpuLimit}`;
      if (!parseBatchParm(parm)) throw new BatchError(`invalid CPU limit ${options.cpuLimit}`);
      cp.ipl(user, 'CMS', { clear: false, stop: false, parm });
    }
    // The console log as CMSBATCH writes it: CP shows a disconnected
    // machine's console nowhere, so tap what goes into its console spool.
    let inJob = false;
    const seen = (line: string): void => {
      if (line.startsWith(`BATCH JOB ${job.jobname} FOR `)) inJob = true;
      if (!inJob) return;
      consoleLog.push(line);
      options.onLine?.(line);
      const end = JOB_END.exec(line);
      if (end && end[1] === job.jobname) {
        ended = Number(end[2]);
        inJob = false;
      }
    };
    const consoleWrite = user.consoleWrite.bind(user);
    user.consoleWrite = (text: string) => {
      seen(text);
      consoleWrite(text);
    };
    const say = user.say.bind(user);
    user.say = (line: string, alarm?: boolean) => {
      if (!user.capture) seen(line);
      say(line, alarm);
    };
    // The job is over when its console file is back in the submitter's reader.
    const consoleFile = (): SpoolFileAttributes | undefined =>
      cp.spooler
        .files(job.userid, 'RDR')
        .find((f) => f.spoolid > sinceSpoolid && f.origin === 'CON' && f.originator === BATCH_USERID);
    const poll = setInterval(() => {
      if (consoleFile()) resolveEnd();
    }, 5);
    const timeout = options.timeoutMs ?? 10 * 60_000;
    const timer = setTimeout(resolveEnd, timeout);
    await whenEnded;
    clearInterval(poll);
    clearTimeout(timer);
    const outputDir = options.outputDir ?? '.';
    const printed: PrintedOutput[] = [];
    const files = cp.spooler
      .files(job.userid, 'RDR')
      .filter((f) => f.spoolid > sinceSpoolid && f.originator === BATCH_USERID && f.origin === 'PRT');
    if (files.length > 0) mkdirSync(outputDir, { recursive: true });
    for (const f of files) {
      const whole = cp.spooler.store.read(f.spoolid);
      if (!whole) continue;
      const part = (s: string): string => (s.trim() || 'NONAME').replace(/[^A-Z0-9$#@_-]/gi, '_');
      const base = `${job.jobname}-${String(f.spoolid).padStart(4, '0')}-${part(f.name)}-${part(f.type || 'LISTING')}`;
      const text = printText(whole.data);
      const textPath = join(outputDir, `${base}.txt`);
      writeFileAtomic(textPath, text);
      let pdfPath: string | undefined;
      if (options.pdf) {
        pdfPath = join(outputDir, `${base}.pdf`);
        // Loaded only when asked for: the PDF library is most of vmcms batch's start-up otherwise.
        const { renderGreenbarPdf } = await import('../../cp/print/greenbar-pdf.js');
        const pdf = await renderGreenbarPdf(text, {
          userid: job.userid,
          spoolid: f.spoolid,
          name: f.name,
          type: f.type,
          spoolClass: f.spoolClass,
          records: f.records,
          created: f.created,
        });
        writeFileAtomic(pdfPath, pdf);
      }
      printed.push({ spoolid: f.spoolid, name: f.name, type: f.type, textPath, pdfPath });
    }
    const error = ended === undefined ? `the job did not end within ${timeout / 1000} s` : undefined;
    return { rc: ended, jobname: job.jobname, consoleLog, printed, error, wallMs: performance.now() - began };
  } catch (err) {
    if (!(err instanceof BatchError)) throw err;
    return { rc: undefined, jobname: job.jobname, consoleLog: [], printed: [], error: err.message, wallMs: 0 };
  } finally {
    if (system) await system.shutdown();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  }
}

class BatchError extends Error {}
