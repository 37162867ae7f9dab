// One CMS session in one virtual machine: the state a user's CMS keeps
// (accessed disks, SET options, the program stack, the loader's state) and
// the services commands use (typing lines and DMS messages, reading the
// console, CP commands through DIAGNOSE X'08', finding files in the search
// order, running a command line). The nucleus driver (nucleus.ts) runs
// its generators.

import type { Guest } from '../../s390/guest.js';
import { toEbcdic, fromEbcdic } from '../../s390/ebcdic.js';
import { CmsDisk, CmsFsError } from '../fs/disk.js';
import { BlockIoFailure, Diag250Device } from '../fs/diag250-device.js';
import type { FileStatus } from '../fs/layout.js';
import { dmsMessage, PLAIN, VERSION_LINE } from '../messages.js';
import {
  BLOCK_IOPL,
  CP_COMMAND,
  CP_RESPONSE,
  CP_RESPONSE_LENGTH,
  DIAG_AREA,
  IO_BUFFER,
  IO_BUFFER_LENGTH,
  USER_AREA,
} from './layout.js';
import { CONSOLE, Nucleus, type Supervisor } from './nucleus.js';
import { CmsStack } from './stack.js';
import { matches, tokenize, type FileMode } from './fileid.js';
import type { CmsGen } from './task.js';
import { findCommand, type CommandCall } from '../commands/table.js';
import { supervisorCall } from '../svc202.js';
import { osAccess } from '../os/qsam.js';
import { runExecFile } from '../commands/exec.js';
import { accessAtIpl } from '../commands/disks.js';
import { runModuleFile } from '../loader/module.js';
import { programCheckLines } from '../loader/abend.js';
import type { LoaderState } from '../loader/state.js';
import { newLoaderState } from '../loader/state.js';
import type { RexxVariables } from '../rexx/shared-variables.js';
import type { ExecioOpenFile } from '../commands/execio.js';
import { BatchMonitor, parseBatchParm } from '../batch/monitor.js';

/** A disk accessed at a mode letter. */
export interface AccessedDisk {
  readonly letter: string;
  readonly vdev: number;
  disk: CmsDisk;
  readonly device: Diag250Device;
  /** Read-only: a read-only link, an extension, or `ACCESS cuu A/A`. */
  readonly readOnly: boolean;
  /** The letter of the disk this one extends (`ACCESS 19E Y/S`). */
  readonly parent?: string;
  /** Only files of this mode number are visible (the system disk: S2). */
  readonly modeNumber?: number;
  /** `ACCESS 195 B/A * ASSEMBLE`: only matching files are visible. */
  readonly subset?: { fn: string; ft: string };
}

export interface FoundFile {
  readonly acc: AccessedDisk;
  readonly fst: FileStatus;
}

/** Where a command line came from: the search it gets (cms.md (a), command resolution). */
export type Origin = 'terminal' | 'cms' | 'command' | 'program';

export interface Settings {
  impex: boolean;
  impcp: boolean;
  abbrev: boolean;
  /** LMSG: `Ready; T=...`; SMSG: `Ready;`. */
  rdymsg: 'LMSG' | 'SMSG';
  /** vmcms's era switch: `Ready;` (VM/SP, default) or `R;` (VM/370). */
  rdyform: 'READY' | 'R';
  blip: string;
  /** SET CMSTYPE HT suppresses terminal output (RT resumes it). */
  cmstype: 'RT' | 'HT';
  protect: boolean;
}

/** Return codes with a special meaning (cms.md (a)). */
export const RC_NOT_FOUND = -3;

export class CmsSession implements Supervisor {
  readonly output: string[] = [];
  readonly nucleus: Nucleus;
  readonly stack = new CmsStack();
  readonly disks = new Map<string, AccessedDisk>();
  readonly settings: Settings = {
    impex: true,
    impcp: true,
    abbrev: true,
    rdymsg: 'LMSG',
    rdyform: 'READY',
    blip: 'OFF',
    cmstype: 'RT',
    protect: true,
  };
  readonly globals = { maclib: [] as string[], txtlib: [] as string[] };
  readonly filedefs = new Map<string, { device: string; fn: string; ft: string; fm: string; perm: boolean }>();
  readonly synonyms = new Map<string, string>();
  readonly loader: LoaderState = newLoaderState();
  /** HI was typed: the running REXX EXEC halts at its next clause. */
  haltInterpreter = false;
  userid = '';
  private profilePending = true;
  private readyAfterAbort: number | undefined;
  private abortPending = false;
  /** Nesting of commands running now (0 at the ready prompt). */
  depth = 0;
  /** The EXEC nesting level (for ADDRESS CMS from an EXEC). */
  execDepth = 0;
  /** The variables of the REXX EXEC whose command runs now (EXECCOMM, cms/rexx/shared-variables.ts): EXECIO STEM and VAR. */
  execVariables: RexxVariables | null = null;
  /** Files EXECIO keeps open between calls (cms/commands/execio.ts): until FINIS or the outermost EXEC ends. */
  readonly execioFiles = new Map<string, ExecioOpenFile>();
  /** CMS EXEC nesting (&GLOBAL) and &GLOBAL0-&GLOBAL9, shared by the nested CMS EXECs (cms/exec/cms-exec.ts). */
  readonly cmsExec = { level: 0, globals: new Map<string, string>() };
  /** IPL CMS PARM BATCH: the batch monitor takes the place of the terminal (cms/batch/monitor.ts). */
  batch: BatchMonitor | null = null;

  constructor(
    readonly guest: Guest,
    readonly parm: string,
  ) {
    this.nucleus = new Nucleus(guest);
  }

  /** IPL: lay out storage and start with the boot sequence. */
  ipl(): void {
    this.nucleus.start(this, this.boot());
  }

  // ---- the console ----

  /** Type a line (unless SET CMSTYPE HT). */
  say(line: string): void {
    if (this.settings.cmstype === 'HT') return;
    this.output.push(line);
  }

  /** Type a DMS message, edited by CP's SET EMSG (DIAGNOSE X'5C'). */
  message(module: string, number: string, ...args: (string | number)[]): void {
    this.sayEdited(dmsMessage(module, number, ...args));
  }

  /** Type a line with a DMS id, edited by CP's SET EMSG. */
  sayEdited(line: string): void {
    const bytes = toEbcdic(line);
    const st = this.guest.storage;
    const at = CP_RESPONSE;
    st.bytes.set(bytes.subarray(0, CP_RESPONSE_LENGTH), at);
    const r = this.diag(0x5c, at, bytes.length);
    if (r.cc === undefined) {
      this.say(line);
      return;
    }
    if (r.ry === 0) return;
    this.say(fromEbcdic(st.bytes, r.rx, r.rx + r.ry));
  }

  /** A line from the program stack, else the type-ahead, else the terminal. */
  *readLine(): CmsGen<string> {
    const stacked = this.stack.pull();
    if (stacked !== undefined) return stacked;
    return yield* this.readTerminal();
  }

  /** A line from the terminal only (type-ahead first). */
  *readTerminal(): CmsGen<string> {
    // A batch job has nobody at the terminal: a read gets a null line.
    if (this.batch?.running) return '';
    const line = yield { kind: 'read' };
    return typeof line === 'string' ? line : '';
  }

  // ---- DIAGNOSE ----

  /**
   * Issue DIAGNOSE `code` with Rx = R2 (Rx+1 = R3) and Ry = R4 (Ry+1 = R5),
   * keeping the interrupted program's registers (R2-R5 and R15, which
   * X'250' sets) intact.
   */
  diag(
    code: number,
    rx: number,
    ry: number,
    rx1 = 0,
    ry1 = 0,
  ): { cc: number | undefined; rx: number; ry: number; rx1: number; ry1: number; r15: number } {
    const gpr = this.guest.gpr;
    const saved = [gpr[2], gpr[3], gpr[4], gpr[5], gpr[15]];
    gpr[2] = rx;
    gpr[3] = rx1;
    gpr[4] = ry;
    gpr[5] = ry1;
    const cc = this.guest.diagnose(code, 2, 4);
    const out = { cc, rx: gpr[2], ry: gpr[4], rx1: gpr[3], ry1: gpr[5], r15: gpr[15] };
    [gpr[2], gpr[3], gpr[4], gpr[5], gpr[15]] = saved;
    return out;
  }

  /**
   * A CP command through DIAGNOSE X'08', its response returned in a buffer
   * (flag X'40') so that it takes its place among CMS's own lines. Without
   * `capture` the response lines are typed. Returns CP's rc and the lines.
   */
  cp(command: string, capture = false): { rc: number; lines: string[] } {
    const st = this.guest.storage;
    const text = toEbcdic(command.slice(0, 132));
    st.bytes.set(text, CP_COMMAND);
    const r = this.diag(0x08, CP_COMMAND, (0x40 << 24) | text.length, CP_RESPONSE, CP_RESPONSE_LENGTH);
    const length = r.cc === 0 ? Math.min(r.ry1, CP_RESPONSE_LENGTH) : CP_RESPONSE_LENGTH;
    const response = fromEbcdic(st.bytes, CP_RESPONSE, CP_RESPONSE + length);
    const lines = response.length === 0 ? [] : response.split(/[\x15\u0085]/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (!capture) for (const l of lines) this.say(l);
    return { rc: r.ry | 0, lines };
  }

  /** The date and time as CP gives them (DIAGNOSE X'0C'), and the CPU times in microseconds. */
  clock(): { date: string; time: string; virtualUs: number; totalUs: number } {
    const st = this.guest.storage;
    this.diag(0x0c, DIAG_AREA, 0);
    const u64 = (at: number): number => st.readU32(at) * 4294967296 + st.readU32(at + 4);
    return {
      date: fromEbcdic(st.bytes, DIAG_AREA, DIAG_AREA + 8),
      time: fromEbcdic(st.bytes, DIAG_AREA + 8, DIAG_AREA + 16),
      virtualUs: u64(DIAG_AREA + 16),
      totalUs: u64(DIAG_AREA + 24),
    };
  }

  /** Now, from the virtual machine's clock, as the file system's time stamp (fields read as UTC). */
  now(): Date {
    const { date, time } = this.clock();
    const [mm, dd, yy] = date.split('/').map(Number);
    const [h, m, s] = time.split(':').map(Number);
    if ([mm, dd, yy, h, m, s].some((n) => Number.isNaN(n))) return new Date();
    return new Date(Date.UTC(yy < 70 ? 2000 + yy : 1900 + yy, mm - 1, dd, h, m, s));
  }

  /** The virtual machine's storage size (DIAGNOSE X'60'). */
  storageSize(): number {
    const r = this.diag(0x60, 0, 0);
    return r.cc === 0 ? r.rx : this.guest.storage.size;
  }

  // ---- disks ----

  /** Open a minidisk through DIAGNOSE X'250': the device or a reason code. */
  openDevice(vdev: number): Diag250Device | number {
    return Diag250Device.open(vdev, this.guest.storage, (code, rx, ry) => this.diag(code, rx, ry), {
      iopl: BLOCK_IOPL,
      buffer: IO_BUFFER,
      bufferLength: IO_BUFFER_LENGTH,
    });
  }

  /** Disks in search order: A to Z. */
  searchOrder(): AccessedDisk[] {
    return [...this.disks.values()].sort((a, b) => (a.letter < b.letter ? -1 : a.letter > b.letter ? 1 : 0));
  }

  /** The disks a mode letter names: the disk and its extensions. */
  disksFor(letter: string): AccessedDisk[] {
    return this.searchOrder().filter((d) => d.letter === letter || d.parent === letter);
  }

  /** Is this file visible on this accessed disk (mode number filter, subset, mode 0 on R/O)? */
  visible(acc: AccessedDisk, fst: FileStatus): boolean {
    if (acc.modeNumber !== undefined && fst.modeNumber !== acc.modeNumber) return false;
    if (acc.readOnly && fst.modeNumber === 0) return false;
    if (acc.subset && !(matches(acc.subset.fn, fst.filename) && matches(acc.subset.ft, fst.filetype))) return false;
    return true;
  }

  /** Files matching a pattern on the disks a mode names (`*` = all disks), in search order. */
  listFiles(fn: string, ft: string, mode: FileMode | '*'): FoundFile[] {
    const disks = mode === '*' ? this.searchOrder() : this.disksFor(mode.letter);
    const out: FoundFile[] = [];
    for (const acc of disks) {
      for (const fst of acc.disk.files()) {
        if (!this.visible(acc, fst)) continue;
        if (mode !== '*' && mode.number !== undefined && fst.modeNumber !== mode.number) continue;
        if (matches(fn, fst.filename) && matches(ft, fst.filetype)) out.push({ acc, fst });
      }
    }
    return out;
  }

  /** The first file of that name in the search order (or on the disks of one mode). */
  findFile(fn: string, ft: string, mode: FileMode | '*' = '*'): FoundFile | undefined {
    const disks = mode === '*' ? this.searchOrder() : this.disksFor(mode.letter);
    for (const acc of disks) {
      const fst = acc.disk.find(fn, ft);
      if (!fst || !this.visible(acc, fst)) continue;
      if (mode !== '*' && mode.number !== undefined && fst.modeNumber !== mode.number) continue;
      return { acc, fst };
    }
    return undefined;
  }

  /** The first read/write disk (for commands writing to "A"): undefined when none. */
  firstWritable(): AccessedDisk | undefined {
    return this.searchOrder().find((d) => !d.readOnly);
  }

  /** Map a file-system failure to its DMS message and return code. */
  fsFailure(module: string, err: unknown, fileid: string): number {
    if (err instanceof CmsFsError) {
      switch (err.reason) {
        case 'DISK_FULL':
          this.message(module, '105', 13, fileid);
          return 100;
        case 'READ_ONLY':
          this.message(module, '037', fileid.split(' ')[2]?.[0] ?? '?');
          return 36;
        case 'NOT_FOUND':
          this.message(module, '002', fileid);
          return 28;
        case 'EXISTS':
          this.message(module, '024', fileid);
          return 28;
        default:
          this.message(module, '104', 3, fileid);
          return 100;
      }
    }
    if (err instanceof BlockIoFailure) {
      if (err.reason === 3) {
        this.message(module, '037', fileid.split(' ')[2]?.[0] ?? '?');
        return 36;
      }
      this.message(module, '104', err.reason, fileid);
      return 100;
    }
    throw err;
  }

  // ---- the command cycle ----

  /** IPL: the version line and the disks; the profile runs when the first line is entered. */
  // eslint-disable-next-line require-yield
  private *boot(): CmsGen {
    this.say(VERSION_LINE);
    this.userid = this.queryUserid();
    accessAtIpl(this);
    // IPL CMS PARM AUTOCR: as if the user pressed Enter (cms.md (a)), so the profile runs at once.
    if (/\bAUTOCR\b/i.test(this.parm)) this.nucleus.typeAhead.push('');
    const batch = parseBatchParm(this.parm);
    if (batch) this.batch = new BatchMonitor(this, batch.cpuLimit);
    return 0;
  }

  private queryUserid(): string {
    const st = this.guest.storage;
    st.bytes.fill(0, DIAG_AREA, DIAG_AREA + 40);
    const r = this.diag(0x00, DIAG_AREA, 40);
    if (r.cc !== 0) return '';
    return fromEbcdic(st.bytes, DIAG_AREA + 16, DIAG_AREA + 24).trim();
  }

  *commandCycle(): CmsGen {
    if (this.abortPending) {
      this.abortPending = false;
      if (this.readyAfterAbort !== undefined) this.ready(this.readyAfterAbort, undefined);
    }
    if (this.batch) return yield* this.batch.cycle();
    const fromStack = this.stack.count() > 0;
    let line = yield* this.readLine();
    // Stacked lines run one after another without a console read: let the
    // other virtual machines in between (an EXEC may leave thousands).
    if (fromStack) yield { kind: 'slice' };
    if (this.profilePending) {
      this.profilePending = false;
      const first = tokenize(line.toUpperCase());
      const noprof = /^ACC?E?S?S?$/.test(first[0] ?? '') && first.length >= 2 && first.includes('NOPROF');
      if (!noprof && this.findFile('PROFILE', 'EXEC')) {
        this.depth++;
        try {
          yield* this.execute('EXEC PROFILE', 'command');
        } finally {
          this.depth--;
        }
        if (line.trim() === '') {
          this.ready(0, undefined);
          return 0;
        }
      }
      if (noprof) line = '';
      if (line.trim() === '') {
        this.ready(0, undefined);
        return 0;
      }
    }
    if (line.trim() === '') {
      this.say(PLAIN.cms);
      return 0;
    }
    const start = this.clock();
    this.depth++;
    let rc: number;
    try {
      rc = yield* this.execute(line, 'terminal');
    } finally {
      this.depth--;
    }
    this.ready(rc, start);
    return 0;
  }

  /** The ready message (cms.md (a), "Ready message"). */
  ready(rc: number, start: ReturnType<CmsSession['clock']> | undefined): void {
    // HT (and SET CMSTYPE HT) last until the command ends.
    this.settings.cmstype = 'RT';
    const word = this.settings.rdyform === 'R' ? 'R' : 'Ready';
    const code = rc === 0 ? '' : rc < 0 ? `(-${String(-rc).padStart(4, '0')})` : `(${String(rc).padStart(5, '0')})`;
    let line = `${word}${code};`;
    if (this.settings.rdymsg === 'LMSG') {
      const end = this.clock();
      const v = start ? Math.max(0, end.virtualUs - start.virtualUs) : 0;
      const t = start ? Math.max(0, end.totalUs - start.totalUs) : 0;
      const secs = (us: number): string => (Math.max(us, 10000) / 1e6).toFixed(2);
      line += ` T=${secs(v)}/${secs(t)} ${end.time}`;
    }
    this.say(line);
  }

  /**
   * Run a command line with the search its origin gets (cms.md (a)):
   * terminal and ADDRESS CMS: EXEC (IMPEX), command, MODULE, abbreviation,
   * CP (IMPCP); ADDRESS COMMAND and programs: no EXEC search and no CP.
   */
  *execute(line: string, origin: Origin): CmsGen<number> {
    const typed = line.trim();
    const words = tokenize(typed.toUpperCase());
    if (words.length === 0) return 0;
    let name = words[0];
    const rawRest = typed.slice(typed.toUpperCase().indexOf(name) + name.length).replace(/^ /, '');
    const call: CommandCall = { name, tokens: words.slice(1), raw: rawRest, origin };
    const implied = origin === 'terminal' || origin === 'cms';
    if (implied && this.settings.impex && name.length <= 8 && this.findFile(name, 'EXEC')) {
      return yield* runExecFile(this, name, rawRest);
    }
    const synonym = this.synonyms.get(name);
    if (synonym) name = synonym;
    let def = findCommand(name, false);
    if (def) return yield* def.run(this, { ...call, name: def.name });
    if (name.length <= 8) {
      const module = this.findFile(name, 'MODULE');
      if (module) return yield* runModuleFile(this, module, call);
    }
    if (this.settings.abbrev) {
      def = findCommand(name, true);
      if (def) return yield* def.run(this, { ...call, name: def.name });
    }
    if (implied && this.settings.impcp) {
      const r = this.cp(typed, true);
      if (r.rc === 1) {
        this.say(PLAIN.unknownCommand);
        return RC_NOT_FOUND;
      }
      for (const l of r.lines) this.say(l);
      return r.rc;
    }
    if (origin === 'terminal') this.say(this.settings.impcp ? PLAIN.unknownCommand : PLAIN.unknownCmsCommand);
    return RC_NOT_FOUND;
  }

  // ---- the Supervisor interface ----

  supervisorCall(code: number, regs: Uint32Array, psw: readonly [number, number]): CmsGen {
    return supervisorCall(this, code, regs, psw);
  }

  /**
   * Immediate commands (VM/SP CMS Command Reference, "Immediate Commands"):
   * typed while CMS runs, they act at once. At a console read only HX does
   * (IBM's R6 CMS types CMS for it); the others are then ordinary lines.
   */
  immediate(line: string, atRead: boolean): boolean {
    const word = line.trim().toUpperCase();
    if (word === 'HX') {
      if (atRead && this.depth === 0) {
        this.say(PLAIN.cms);
        this.nucleus.abort([], undefined);
      } else this.nucleus.abort([PLAIN.cms], undefined);
      return true;
    }
    if (atRead) return false;
    switch (word) {
      case 'HT':
        this.settings.cmstype = 'HT';
        this.output.length = 0;
        return true;
      case 'RT':
        this.settings.cmstype = 'RT';
        return true;
      case 'HI':
        this.haltInterpreter = true;
        return true;
      case 'SO':
      case 'TS':
      case 'TE':
      case 'HO':
        return true;
      default:
        return false;
    }
  }

  aborted(lines: string[], rc: number | undefined): void {
    for (const l of lines) this.say(l);
    this.depth = 0;
    this.execDepth = 0;
    this.execVariables = null;
    this.execioFiles.clear();
    this.cmsExec.level = 0;
    this.cmsExec.globals.clear();
    this.abortPending = true;
    this.readyAfterAbort = rc;
    this.loader.running = false;
    this.batch?.aborted(rc);
  }

  external(code: number): { lines: string[]; rc: number } | undefined {
    return this.batch?.external(code);
  }

  programCheck(code: number, psw: readonly [number, number]): { lines: string[]; rc: number } {
    return programCheckLines(this, code, psw);
  }

  osAccess(kind: 'get' | 'put'): number {
    return osAccess(this, kind);
  }

  internalError(err: unknown): string {
    const text = err instanceof Error ? err.message : String(err);
    return `DMSITS999T vmcms internal error: ${text}`;
  }

  /** The user area: where LOAD puts programs and how much storage there is. */
  userArea(): { start: number; end: number } {
    return { start: USER_AREA, end: Math.min(this.guest.storage.size, this.storageSize()) };
  }

  /** The console's device address. */
  get console(): number {
    return CONSOLE;
  }
}
