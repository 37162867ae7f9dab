// CP's spooling (cp.md section 5): what happens to a file when a virtual
// punch or printer CLOSEs it, when it arrives in a reader, when a virtual
// reader reads it to the end, and when the system printer prints it. Files
// live in the SpoolStore (persistent, crash-safe); this module decides whose
// queue they go in and tells the users concerned.
//
// Who may touch a file: its owner (whose queue it is in). A class G user
// sees and changes only their own files, so a spoolid of someone else's
// reader is answered exactly as a spoolid that does not exist.

import { SpoolFullError, type SpoolStore } from './spool-store.js';
import type { OriginDevice, SpoolFile, SpoolFileAttributes, SpoolQueue, SpoolRecord } from './spool-file.js';
import { SystemPrinter } from './system-printer.js';
import type { ReaderSpool } from '../vdev/virtual-reader.js';
import type { OutputOptions, VirtualSpoolOutput } from '../vdev/virtual-spool-output.js';
import { toEbcdic } from '../../s390/ebcdic.js';

/** How CP tells users that files moved (the control program implements it). */
export interface SpoolNotices {
  /** A priority line for a logged-on user (the arrival message); nothing when not logged on. */
  tell(userid: string, line: string): void;
  /** A line on the operator's console. */
  operator(line: string): void;
}

export interface CloseRequest {
  readonly owner: string;
  readonly originator: string;
  readonly name?: string;
  readonly type?: string;
  readonly hold?: boolean;
  readonly dist?: string;
}

/** `0007`: spoolids are shown with four digits (cp.md 5.1). */
export const spoolidText = (id: number): string => String(id).padStart(4, '0');
const copiesText = (n: number): string => String(n).padStart(2, '0');

export class Spooler {
  private readonly printer: SystemPrinter | null;

  constructor(
    readonly store: SpoolStore,
    private readonly notices: SpoolNotices,
    /** Where the system printer writes printed files; null: printer files wait in the PRT queue. */
    printerDir: string | null,
    /** CP's clock: the date and time a file is created. */
    private readonly now: () => Date = () => new Date(),
    /** The system printer also writes green-bar PDFs. */
    printerPdf = false,
  ) {
    this.printer = printerDir ? new SystemPrinter(printerDir, printerPdf) : null;
  }

  /**
   * CLOSE of a virtual punch or printer: its open file becomes a spool file
   * (none when nothing was written). Returns the new file, or 'full' when
   * the spool is full: the open file is then kept, nothing is lost, and the
   * caller gives the message.
   */
  closeOutput(device: VirtualSpoolOutput, request: CloseRequest): SpoolFileAttributes | undefined | 'full' {
    if (device.records.length === 0) return undefined;
    const o = device.options;
    const to = o.to;
    const queue: SpoolQueue = to ? 'RDR' : device.kind;
    let file: SpoolFileAttributes;
    try {
      file = this.store.create(
        {
          owner: to ?? request.owner,
          originator: request.originator,
          queue,
          origin: device.kind,
          spoolClass: o.spoolClass,
          copies: o.copies,
          hold: request.hold || o.hold ? 'USER' : 'NONE',
          name: request.name ?? '',
          type: request.type ?? '',
          dist: request.dist ?? '',
          keep: false,
          ...(o.tag ? { tag: o.tag } : {}),
        },
        device.records,
        this.now(),
      );
    } catch (err) {
      if (err instanceof SpoolFullError) return 'full';
      throw err;
    }
    device.take();
    if (queue === 'RDR') this.arrived(file);
    else if (queue === 'PRT') this.printIfReady(file);
    return file;
  }

  /** CLOSE CONSOLE (or SPOOL CONSOLE STOP): the console log becomes a printer file of origin CON. */
  closeConsole(
    userid: string,
    lines: readonly string[],
    o: OutputOptions,
    request: { name?: string; type?: string; hold?: boolean; dist?: string },
  ): SpoolFileAttributes | 'full' {
    const records: SpoolRecord[] = lines.map((l) => ({ command: 0x09, data: toEbcdic(l) }));
    let file: SpoolFileAttributes;
    try {
      file = this.store.create(
        {
          owner: o.to ?? userid,
          originator: userid,
          queue: o.to ? 'RDR' : 'PRT',
          origin: 'CON',
          spoolClass: o.spoolClass,
          copies: o.copies,
          hold: request.hold || o.hold ? 'USER' : 'NONE',
          name: request.name ?? '',
          type: request.type ?? '',
          dist: request.dist ?? '',
          keep: false,
        },
        records,
        this.now(),
      );
    } catch (err) {
      if (err instanceof SpoolFullError) return 'full';
      throw err;
    }
    if (file.queue === 'RDR') this.arrived(file);
    else this.printIfReady(file);
    return file;
  }

  /** A new file in someone's reader: the priority arrival line (cp.md 5.2). */
  arrived(file: SpoolFileAttributes): void {
    this.notices.tell(
      file.owner,
      `${file.origin} FILE ${spoolidText(file.spoolid)} FROM ${file.originator.padEnd(8)} COPY ${copiesText(file.copies)} ${file.hold === 'NONE' ? 'NOHOLD' : 'HOLD'}`,
    );
  }

  /** The line the sender sees when a file goes to a reader. */
  static sentLine(file: SpoolFileAttributes): string {
    return `${file.origin} FILE ${spoolidText(file.spoolid)} TO ${file.owner.padEnd(8)} COPY ${copiesText(file.copies)} ${file.hold === 'NONE' ? 'NOHOLD' : 'HOLD'}`;
  }

  /** The system printer takes printer files that are not held: written out, then purged. */
  printIfReady(file: SpoolFileAttributes): void {
    if (!this.printer || file.queue !== 'PRT' || file.hold !== 'NONE') return;
    const whole = this.store.read(file.spoolid);
    if (!whole) return;
    const path = this.printer.print(whole);
    this.notices.operator(
      `PRT 00E OUTPUT OF ${file.owner.padEnd(8)} FILE ${spoolidText(file.spoolid)} RECDS ${String(file.records).padStart(6, '0')} COPY ${copiesText(file.copies)} ${file.spoolClass} PRT`,
    );
    this.notices.operator(`PRINTED ${path}`);
    this.store.purge(file.spoolid);
  }

  /** Put a deck into a user's reader from outside (the system reader: `vmcms submit`, the socket reader). */
  enterDeck(
    userid: string,
    cards: readonly Uint8Array[],
    name: string,
    type: string,
    originator = 'SYSTEM',
    spoolClass = 'A',
  ): SpoolFileAttributes | 'full' {
    const records: SpoolRecord[] = cards.map((data) => ({ command: 0x01, data }));
    try {
      const file = this.store.create(
        {
          owner: userid,
          originator,
          queue: 'RDR',
          origin: 'RDR' as OriginDevice,
          spoolClass,
          copies: 1,
          hold: 'NONE',
          name,
          type,
          dist: '',
          keep: false,
        },
        records,
        this.now(),
      );
      this.notices.operator(`RDR 00C INPUT FOR ${userid.padEnd(8)} FILE = ${spoolidText(file.spoolid)}`);
      this.arrived(file);
      return file;
    } catch (err) {
      if (err instanceof SpoolFullError) return 'full';
      throw err;
    }
  }

  /** A user's files in one queue, in queue order. */
  files(owner: string, queue: SpoolQueue): SpoolFileAttributes[] {
    return this.store.list({ owner, queue });
  }

  /** The file, if `owner` may see it. */
  owned(owner: string, spoolid: number, queue?: SpoolQueue): SpoolFileAttributes | undefined {
    const f = this.store.get(spoolid);
    return f && f.owner === owner && (!queue || f.queue === queue) ? f : undefined;
  }

  /** TRANSFER: the file moves to another user's reader, with the arrival message. */
  transfer(file: SpoolFileAttributes, to: string): void {
    this.store.update(file.spoolid, { owner: to, queue: 'RDR' });
    this.arrived(file);
  }

  /** The reader side for one user's virtual reader. */
  readerFor(userid: string): ReaderSpool {
    return {
      select: (spoolid, spoolClass) => {
        const eligible = (f: SpoolFileAttributes): boolean =>
          f.hold === 'NONE' && (spoolClass === '*' || f.spoolClass === spoolClass);
        const attrs = spoolid ? this.owned(userid, spoolid, 'RDR') : this.files(userid, 'RDR').find(eligible);
        if (!attrs) return undefined; // a file named by spoolid may be read even when held
        return this.store.read(attrs.spoolid);
      },
      finish: (file: SpoolFile, keep: 'purge' | 'keep' | 'hold') => {
        if (!this.store.get(file.spoolid)) return;
        if (keep === 'hold') this.store.update(file.spoolid, { hold: 'USER' });
        else if (keep === 'purge') this.store.purge(file.spoolid);
      },
    };
  }
}
