// The batch job script, in the tradition of VM/370's CMSBATCH (VM/370 CMS
// User's Guide, "Using the CMS Batch Facility"): a deck whose first card is
// /JOB, then CMS commands and EXEC calls one per card, inline files between
// /DATA and /END, and /* at the end. vmcms's control cards:
//
//   /JOB userid [jobname]      who the job runs for; jobname names its output
//   /OPTION STOP [n]           stop the job at the first command whose rc is
//                              n or more (default 1: any non-zero rc); a
//                              negative rc (unknown command) counts as its size
//   /OPTION NOSTOP             run every command whatever its rc (the default)
//   /DATA fn ft [fm]           the cards up to /END become the file fn ft fm
//   /END                         (default fm A1), written before the next command
//   /*                         end of job: cards after it are ignored
//
// A card starting with * is a comment (typed in the console log, not run).
// A `:READ` header card in front (PUNCH without NOHEADER) is skipped.
// Any other card is a command line, run as if typed at the terminal. Cards
// are trimmed of trailing blanks (a deck from the reader is 80 columns).

export type JobStep =
  | { readonly kind: 'command'; readonly line: string }
  /** A card starting with `*`: typed in the log, not run. */
  | { readonly kind: 'comment'; readonly line: string }
  | {
      readonly kind: 'data';
      readonly fn: string;
      readonly ft: string;
      readonly fm: string;
      readonly lines: readonly string[];
    };

export interface BatchJob {
  readonly userid: string;
  readonly jobname: string;
  /** Stop at the first command whose return code is at least this (undefined: never stop). */
  readonly stopAt: number | undefined;
  readonly steps: readonly JobStep[];
}

export type ParsedJob = { readonly ok: true; readonly job: BatchJob } | { readonly ok: false; readonly why: string };

const NAME = /^[A-Z0-9$#@+\-_:]{1,8}$/;

/** Parse a job deck (card images as text). */
export function parseJobScript(cards: readonly string[]): ParsedJob {
  const lines = cards.map((c) => c.replace(/\s+$/, ''));
  let at = 0;
  while (at < lines.length && lines[at].trim() === '') at++;
  // PUNCH without NOHEADER puts a `:READ fn ft fm` card in front (cms.md, PUNCH).
  if (/^:READ\b/i.test(lines[at] ?? '')) at++;
  const jobCard = (lines[at] ?? '').trim().split(/\s+/);
  if (jobCard[0]?.toUpperCase() !== '/JOB') return { ok: false, why: 'the first card is not /JOB' };
  const userid = (jobCard[1] ?? '').toUpperCase();
  if (!NAME.test(userid)) return { ok: false, why: '/JOB needs a userid' };
  const jobname = (jobCard[2] ?? 'BATCH').toUpperCase().slice(0, 8);
  if (!NAME.test(jobname)) return { ok: false, why: `invalid job name ${jobname}` };
  let stopAt: number | undefined;
  const steps: JobStep[] = [];
  for (at++; at < lines.length; at++) {
    const line = lines[at];
    const words = line.trim().split(/\s+/);
    const control = words[0].toUpperCase();
    if (control === '/*') break;
    if (control === '/OPTION') {
      const opt = (words[1] ?? '').toUpperCase();
      if (opt === 'STOP') {
        const n = words[2] === undefined ? 1 : Number(words[2]);
        if (!Number.isInteger(n) || n < 1) return { ok: false, why: `invalid /OPTION STOP ${words[2]}` };
        stopAt = n;
      } else if (opt === 'NOSTOP') stopAt = undefined;
      else return { ok: false, why: `unknown option ${opt || '(none)'}` };
      continue;
    }
    if (control === '/DATA') {
      const [fn, ft, fm = 'A1'] = words.slice(1).map((w) => w.toUpperCase());
      if (!fn || !ft || !NAME.test(fn) || !NAME.test(ft) || !/^[A-Z][0-6]?$/.test(fm)) {
        return { ok: false, why: `invalid /DATA card: ${line.trim()}` };
      }
      const body: string[] = [];
      for (at++; at < lines.length && lines[at].trim().toUpperCase() !== '/END'; at++) body.push(lines[at]);
      if (at >= lines.length) return { ok: false, why: `/DATA ${fn} ${ft} has no /END` };
      steps.push({ kind: 'data', fn, ft, fm: fm.length === 1 ? `${fm}1` : fm, lines: body });
      continue;
    }
    if (control === '/END') return { ok: false, why: '/END without /DATA' };
    if (control.startsWith('/') && control !== '/' && /^\/[A-Z]+$/.test(control)) {
      return { ok: false, why: `unknown control card ${control}` };
    }
    if (line.trim() === '') continue;
    if (line.trim().startsWith('*')) {
      steps.push({ kind: 'comment', line: line.trim() });
      continue;
    }
    steps.push({ kind: 'command', line: line.trim() });
  }
  return { ok: true, job: { userid, jobname, stopAt, steps } };
}

/** The size of a return code as the job's highest rc counts it (a negative rc is a failure too). */
export const rcWeight = (rc: number): number => Math.abs(rc);
