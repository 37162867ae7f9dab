// The CMS batch monitor: what CMS does instead of reading the terminal
// when it is IPLed with PARM BATCH (the CMSBATCH virtual machine; VM/370
// CMS User's Guide, "Using the CMS Batch Facility"). It takes jobs from
// its own reader one at a time (decks from `vmcms submit`, the socket
// reader, or a user's PUNCH ... (TO CMSBATCH / SENDFILE), and for each:
//
//   1. finds who the job is for: the user who spooled the deck, or, for a
//      deck from the system reader (originator SYSTEM), the /JOB card;
//   2. spools its console, printer and punch to that user's reader
//      (CP SPOOL CONSOLE START TO, SPOOL PRT/PUN TO);
//   3. links the user's 191 as 291 and accesses it as A (CMSBATCH's
//      directory entry has OPTION LNKNOPAS, so CP asks for no password);
//   4. runs the job's steps (cms/batch/job-script.ts) as if typed, with a
//      CPU limit on the CPU timer: when the timer goes negative the
//      external interruption (X'1005') cancels whatever runs;
//   5. types the summary line, closes the printer, punch and console files
//      (they arrive in the user's reader), sends the user a message, puts
//      its own A-disk back and goes on to the next job.
//
// An empty reader is polled: the clock comparator wakes CMS from an enabled
// wait a quarter of a second later (CP raises no interruption when a file
// arrives in an empty reader, docs/spool-and-minidisks.md).
//
// State lives in this object, not in the generators: a program check or the
// CPU limit abandons every CMS frame (Nucleus.abort), and the next command
// cycle picks the job up at its next step.

import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import { Lowcore } from '../../s390/interruption.js';
import type { CmsSession } from '../nucleus/session.js';
import type { CmsGen } from '../nucleus/task.js';
import { parseMode } from '../nucleus/fileid.js';
import { closeReader, parseDump, readAll, selectReader } from '../commands/spool.js';
import { parseJobScript, rcWeight, type BatchJob } from './job-script.js';
import { TIMER_STUB, TimerStub, loadTimerStub } from './timer-stub.js';

/** The CPU limit per job when PARM gives none, in seconds of virtual CPU time. */
export const DEFAULT_CPU_LIMIT = 2;
/** How often an empty reader is looked at, in milliseconds. */
export const POLL_MS = 250;
/** The line that ends every job's console log (`vmcms batch` reads the rc from it). */
export const JOB_END = /^BATCH JOB (\S+) ENDED; HIGHEST RETURN CODE (-?\d+)$/;
/** The return code of a job step cancelled for its CPU limit. */
export const RC_CPU_LIMIT = 999;

/** External-interruption codes (PoO, "External Interruption"). */
const CLOCK_COMPARATOR = 0x1004;
const CPU_TIMER = 0x1005;
/** The virtual disk address the submitter's 191 is linked at. */
const JOB_DISK = '291';

/** `IPL CMS PARM BATCH [CPU seconds]`: the monitor's options, or undefined when PARM is not BATCH. */
export function parseBatchParm(parm: string): { cpuLimit: number } | undefined {
  const words = parm.trim().toUpperCase().split(/\s+/);
  if (words[0] !== 'BATCH') return undefined;
  const at = words.indexOf('CPU');
  const n = at >= 0 ? Number(words[at + 1]) : NaN;
  return { cpuLimit: Number.isFinite(n) && n > 0 ? n : DEFAULT_CPU_LIMIT };
}

interface RunningJob {
  readonly job: BatchJob;
  readonly submitter: string;
  next: number;
  highest: number;
  /** The step that runs now (for an abandoned step's rc). */
  stepRunning: boolean;
  stop: boolean;
  cancelled: boolean;
  linked: boolean;
}

export class BatchMonitor {
  private current: RunningJob | null = null;
  private announced = false;
  /** The CPU limit is armed: a CPU-timer interruption cancels the job. */
  private armed = false;
  /** Jobs run since IPL (tests and the operator read it through the console). */
  jobsRun = 0;
  /** CP's CPU time (DIAGNOSE X'0C', virtual + CP) when the job started, in microseconds. */
  private jobStartUs = 0;
  private interpreterPolls = 0;

  constructor(
    private readonly cms: CmsSession,
    readonly cpuLimit: number,
  ) {}

  /** A job is running (console reads get null lines: nobody is there to type). */
  get running(): boolean {
    return this.current !== null;
  }

  /** One turn of the monitor: take a job, run one step, or end a job. */
  *cycle(): CmsGen {
    const cms = this.cms;
    if (!this.announced) {
      this.announced = true;
      cms.say(`CMSBATCH READY: CPU LIMIT ${this.cpuLimit} SECONDS PER JOB`);
    }
    const cur = this.current;
    if (cur === null) {
      const started = yield* this.takeJob();
      if (!started) yield* this.waitForWork();
      return 0;
    }
    if (cur.stop || cur.cancelled || cur.next >= cur.job.steps.length) {
      yield* this.endJob(cur);
      return 0;
    }
    const step = cur.job.steps[cur.next++];
    if (step.kind === 'comment') {
      cms.say(step.line);
      return 0;
    }
    if (step.kind === 'data') {
      this.writeData(cur, step.fn, step.ft, step.fm, step.lines);
      return 0;
    }
    cms.say(step.line);
    const start = cms.clock();
    cur.stepRunning = true;
    cms.depth++;
    let rc: number;
    try {
      rc = yield* cms.execute(step.line, 'terminal');
    } finally {
      cms.depth--;
    }
    cur.stepRunning = false;
    this.stepEnded(cur, rc);
    cms.ready(rc, start);
    return 0;
  }

  /** Every CMS frame was abandoned (a program check, HX, the CPU limit): the step ended with `rc`. */
  aborted(rc: number | undefined): void {
    const cur = this.current;
    if (cur === null || !cur.stepRunning) return;
    cur.stepRunning = false;
    this.stepEnded(cur, rc ?? 1);
  }

  /**
   * An external interruption: the CPU timer going negative while a job
   * runs cancels it (the nucleus abandons the work with these lines).
   * Otherwise (the poll's clock comparator, or a timer left over) the
   * interrupted PSW is made disabled for external interruptions and not
   * waiting, so the timer stub goes on and resets the condition.
   */
  external(code: number): { lines: string[]; rc: number } | undefined {
    if (code === CPU_TIMER && this.armed && this.current) {
      this.armed = false;
      this.current.cancelled = true;
      return { lines: [`BATCH: CPU LIMIT OF ${this.cpuLimit} SECONDS EXCEEDED; JOB CANCELLED`], rc: RC_CPU_LIMIT };
    }
    if (code === CPU_TIMER || code === CLOCK_COMPARATOR) {
      const st = this.cms.guest.storage;
      // Byte 0 bit 7: the external mask; bit 14 (X'00020000'): the wait state.
      st.writeU32(Lowcore.ExternalOldPsw, (st.readU32(Lowcore.ExternalOldPsw) & ~0x01020000) >>> 0);
    }
    return undefined;
  }

  /**
   * Asked by the REXX interpreter with its HI check: a looping EXEC runs as
   * CMS's native code, which the CPU timer (guest instructions) does not
   * see, so the job's CPU time as CP charges it (DIAGNOSE X'0C') is the
   * measure here, against the limit but at least one second of it. True:
   * halt the EXEC, the job is cancelled.
   */
  interpreterOverLimit(): boolean {
    const cur = this.current;
    if (!this.armed || cur === null || ++this.interpreterPolls % 1000 !== 0) return false;
    const usedUs = this.cms.clock().totalUs - this.jobStartUs;
    if (usedUs <= Math.max(this.cpuLimit, 1) * 1e6) return false;
    this.armed = false;
    cur.cancelled = true;
    this.cms.say(`BATCH: CPU LIMIT OF ${this.cpuLimit} SECONDS EXCEEDED IN AN EXEC; JOB CANCELLED`);
    return true;
  }

  private stepEnded(cur: RunningJob, rc: number): void {
    // A step cancelled at the CPU limit ends with RC_CPU_LIMIT, whatever the EXEC returned when halted.
    if (cur.cancelled) rc = RC_CPU_LIMIT;
    if (rcWeight(rc) > rcWeight(cur.highest)) cur.highest = rc;
    if (cur.job.stopAt !== undefined && rcWeight(rc) >= cur.job.stopAt) {
      cur.stop = true;
      this.cms.say(`BATCH: RETURN CODE ${rc}; JOB STOPPED (/OPTION STOP ${cur.job.stopAt})`);
    }
  }

  // ---- taking a job ----

  private *takeJob(): CmsGen<boolean> {
    const cms = this.cms;
    const file = selectReader(cms, 0);
    if (!file) return false;
    const cards = yield* this.readCards();
    closeReader(cms, false);
    const parsed = parseJobScript(cards);
    const from = file.from.toUpperCase();
    const fromUser = from !== '' && from !== 'SYSTEM' && from !== cms.userid;
    if (!parsed.ok) {
      cms.say(`BATCH: FILE ${file.spoolid} FROM ${from || '?'} REJECTED: ${parsed.why}`);
      if (fromUser) cms.cp(`MSG ${from} BATCH: YOUR JOB (FILE ${file.spoolid}) WAS REJECTED: ${parsed.why}`, true);
      return true;
    }
    const { job } = parsed;
    // A user's own deck runs for that user: a /JOB card cannot borrow someone else's disks.
    if (fromUser && job.userid !== from) {
      cms.say(`BATCH: FILE ${file.spoolid} FROM ${from} REJECTED: /JOB ${job.userid} IS NOT THE SENDER`);
      cms.cp(`MSG ${from} BATCH: JOB ${job.jobname} REJECTED: /JOB MUST NAME YOU`, true);
      return true;
    }
    const submitter = job.userid;
    const cur: RunningJob = {
      job,
      submitter,
      next: 0,
      highest: 0,
      stepRunning: false,
      stop: false,
      cancelled: false,
      linked: false,
    };
    // Output first, so that even a job whose disk cannot be linked reports back.
    const spool = cms.cp(`SPOOL CONSOLE START TO ${submitter}`, true);
    if (spool.rc !== 0) {
      cms.say(`BATCH: JOB ${job.jobname} REJECTED: ${spool.lines.join(' ')}`);
      cms.cp('SPOOL CONSOLE STOP', true);
      return true;
    }
    this.current = cur;
    cms.cp(`SPOOL PRT TO ${submitter}`, true);
    cms.cp(`SPOOL PUN TO ${submitter}`, true);
    const c = cms.clock();
    cms.say(`BATCH JOB ${job.jobname} FOR ${submitter} STARTED ${c.date} ${c.time} (READER FILE ${file.spoolid})`);
    if (submitter !== cms.userid) {
      let link = cms.cp(`LINK ${submitter} 191 ${JOB_DISK} M`);
      if (link.rc !== 0) link = cms.cp(`LINK ${submitter} 191 ${JOB_DISK} RR`);
      if (link.rc !== 0) {
        cms.say(`BATCH: ${submitter} 191 CANNOT BE LINKED; JOB NOT RUN`);
        cur.stop = true;
        cur.highest = 100;
        return true;
      }
      cur.linked = true;
      yield* cms.execute('RELEASE A', 'command');
      const rc = yield* cms.execute(`ACCESS ${JOB_DISK} A`, 'command');
      if (rc !== 0) {
        cur.stop = true;
        cur.highest = rc;
        return true;
      }
    }
    yield* this.setCpuTimer(this.cpuLimit);
    this.armed = true;
    this.jobStartUs = cms.clock().totalUs;
    return true;
  }

  /**
   * The open reader file's records as text cards (DIAGNOSE X'14' READ). A
   * file sent with SENDFILE (or DISK DUMP) arrives in DISK DUMP format: its
   * records are the job's cards.
   */
  private *readCards(): CmsGen<string[]> {
    const raw = (yield* readAll(this.cms)).map((r) => r.data);
    const cards = raw.map((r) => fromEbcdic(r));
    const dumped = cards[0]?.startsWith(':DISKDUMP') ? parseDump(raw) : undefined;
    return dumped ? dumped.records.map((r) => fromEbcdic(r).trimEnd()) : cards;
  }

  /** /DATA fn ft fm: the lines become a file (V, as long as the longest line), replacing one of that name. */
  private writeData(cur: RunningJob, fn: string, ft: string, fm: string, lines: readonly string[]): void {
    const cms = this.cms;
    const mode = parseMode(fm);
    const acc = mode && mode !== '*' ? cms.disks.get(mode.letter) : undefined;
    const fileid = `${fn} ${ft} ${fm}`;
    if (!acc || acc.readOnly || mode === undefined || mode === '*') {
      cms.say(`BATCH: /DATA ${fileid}: NO READ/WRITE DISK ${fm[0]}`);
      this.stepEnded(cur, 36);
      return;
    }
    try {
      if (acc.disk.find(fn, ft)) acc.disk.erase(fn, ft, cms.now());
      const w = acc.disk.openForWrite(fn, ft, {
        recfm: 'V',
        lrecl: Math.max(1, ...lines.map((l) => l.length)),
        modeNumber: mode.number ?? 1,
        now: cms.now(),
      });
      for (const l of lines) w.write(toEbcdic(l));
      w.close();
      cms.say(`BATCH: /DATA ${fileid} WRITTEN, ${lines.length} RECORDS`);
    } catch (err) {
      this.stepEnded(cur, cms.fsFailure('BTC', err, fileid));
    }
  }

  // ---- ending a job ----

  private *endJob(cur: RunningJob): CmsGen {
    const cms = this.cms;
    this.armed = false;
    yield* this.setCpuTimer(undefined);
    const { job, submitter } = cur;
    cms.say(`BATCH JOB ${job.jobname} ENDED; HIGHEST RETURN CODE ${cur.highest}`);
    // The console line above must be written before the console file closes.
    yield { kind: 'slice' };
    cms.cp(`CLOSE PRT NAME ${job.jobname} LISTING`, true);
    cms.cp(`CLOSE PUN NAME ${job.jobname} PUNCH`, true);
    cms.cp(`SPOOL PRT TO ${cms.userid}`, true);
    cms.cp(`SPOOL PUN TO ${cms.userid}`, true);
    yield { kind: 'slice' };
    // CLOSE first: SPOOL CONSOLE STOP alone would close the file without its name.
    cms.cp(`CLOSE CONSOLE NAME ${job.jobname} CONSOLE`, true);
    cms.cp('SPOOL CONSOLE STOP', true);
    cms.cp(`MSG ${submitter} BATCH JOB ${job.jobname} ENDED, HIGHEST RC ${cur.highest}`, true);
    if (cur.linked) {
      yield* cms.execute('RELEASE A', 'command');
      cms.cp(`DETACH ${JOB_DISK}`, true);
      yield* cms.execute('ACCESS 191 A', 'command');
    }
    this.current = null;
    this.jobsRun++;
    this.announced = true;
    return 0;
  }

  // ---- the timers ----

  /** Set the CPU timer to `seconds` of virtual CPU time (undefined: as far off as it goes). */
  private *setCpuTimer(seconds: number | undefined): CmsGen {
    const st = this.cms.guest.storage;
    loadTimerStub(st, this.cms.guest.arch, POLL_MS);
    const units = seconds === undefined ? 0x7fffffffffffffffn : BigInt(Math.round(seconds * 1e6)) * 4096n;
    st.writeU32(TIMER_STUB + TimerStub.CpuTimer, Number(units >> 32n));
    st.writeU32(TIMER_STUB + TimerStub.CpuTimer + 4, Number(units & 0xffffffffn));
    return yield* this.runStub(TimerStub.SetTimers);
  }

  /** Nothing in the reader: an enabled wait until the clock comparator, POLL_MS from now. */
  private *waitForWork(): CmsGen {
    loadTimerStub(this.cms.guest.storage, this.cms.guest.arch, POLL_MS);
    return yield* this.runStub(TimerStub.Wait);
  }

  private *runStub(entry: number): CmsGen {
    const gpr = new Array<number>(16).fill(0);
    gpr[15] = TIMER_STUB;
    const rc = yield { kind: 'run', address: TIMER_STUB + entry, gpr };
    return typeof rc === 'number' ? rc : 0;
  }
}
