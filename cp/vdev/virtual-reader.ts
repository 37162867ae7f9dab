// The virtual card reader (00C): CP feeds it the spool files in the user's
// reader queue (VM/370 R6 CP Command Reference, SPOOL READER; cp.md 5.1).
// READ (X'02' and the stacker-select variants) moves the next record of the
// open file, choosing the first eligible file (class matches the reader's
// SPOOL CLASS, not held) when none is open; after its last record the file
// is closed and purged (kept with SPOOL RDR HOLD), and the READ that finds
// the end gets unit exception (EOF on) or, with CONT, the next file's first
// card. An empty reader is not ready: unit check, intervention required.
// DIAGNOSE X'14' (cp/diagnose/reader-spool.ts) works on the same open file.
//
// Tests may still put a deck straight into the hopper (`load`): those cards
// are read first, with the 2540's end-of-file unit exception after them.

import { UnitStatus } from '../../s390/ccw.js';
import {
  NORMAL_END,
  Sense0,
  commandReject,
  senseCommand,
  type CommandResult,
  type DataTransfer,
  type Device,
  type DevicePort,
} from '../../s390/device.js';
import type { SpoolFile } from '../spool/spool-file.js';

/** What the reader asks of CP's spool for its user. */
export interface ReaderSpool {
  /** The file `spoolid` in this user's reader (0: the first eligible one for `spoolClass`), with its records. */
  select(spoolid: number, spoolClass: string): SpoolFile | undefined;
  /** The file was read to its end or closed: purge it, keep it as it is, or keep it in user hold (SPOOL RDR HOLD). */
  finish(file: SpoolFile, keep: 'purge' | 'keep' | 'hold'): void;
}

export interface ReaderOptions {
  spoolClass: string;
  cont: boolean;
  /** SPOOL RDR HOLD: files are kept after reading. */
  hold: boolean;
  eof: boolean;
}

export interface OpenReaderFile {
  readonly file: SpoolFile;
  /** Index of the next record to read. */
  next: number;
}

const END_OF_FILE: CommandResult = { status: UnitStatus.ChannelEnd | UnitStatus.DeviceEnd | UnitStatus.UnitException };

export class VirtualReader implements Device {
  readonly type: string;
  readonly options: ReaderOptions;
  /** The file being read (SIO or DIAGNOSE X'14'), if any. */
  open: OpenReaderFile | null = null;
  spool: ReaderSpool | null = null;
  /** Called for each card read (INDICATE USER counts them). */
  onCard: () => void = () => {};
  private readonly hopper: Uint8Array[] = [];
  private hopperAt = 0;
  private hopperEnd = false;
  private readonly sense = new Uint8Array(1);
  private port: DevicePort | null = null;

  constructor(type: string, spoolClass: string) {
    this.type = type;
    this.options = { spoolClass, cont: false, hold: false, eof: true };
  }

  attach(port: DevicePort): void {
    this.port = port;
  }

  reset(): void {
    this.sense.fill(0);
  }

  /** Cards put straight into the hopper (tests' IPL decks). */
  load(deck: Uint8Array[]): void {
    const wasEmpty = this.hopperAt >= this.hopper.length;
    if (wasEmpty) {
      this.hopper.length = 0;
      this.hopperAt = 0;
    }
    this.hopper.push(...deck);
    if (deck.length > 0) this.hopperEnd = true;
    if (wasEmpty && deck.length > 0) this.port?.presentStatus(UnitStatus.DeviceEnd);
  }

  /** Make `spoolid` (0: the first eligible) the open file; false when there is none. */
  openFile(spoolid: number): boolean {
    const file = this.spool?.select(spoolid, this.options.spoolClass);
    if (!file) return false;
    this.open = { file, next: 0 };
    return true;
  }

  /** CLOSE RDR or DIAGNOSE X'14' CLOSE: the open file is purged (or kept). */
  closeFile(keep: boolean): boolean {
    const open = this.open;
    if (!open) return false;
    this.open = null;
    this.spool?.finish(open.file, keep ? 'keep' : this.options.hold || open.file.keep ? 'hold' : 'purge');
    return true;
  }

  execute(command: number, data: DataTransfer): CommandResult {
    if ((command & 0x03) === 0x02) return this.read(data);
    switch (command) {
      case 0x03:
        return NORMAL_END;
      case 0x04:
        return senseCommand(this.sense, data);
      default:
        return commandReject(this.sense);
    }
  }

  private read(data: DataTransfer): CommandResult {
    if (this.hopperAt < this.hopper.length) {
      data.store(this.hopper[this.hopperAt++]);
      this.onCard();
      return NORMAL_END;
    }
    if (this.hopperEnd) {
      this.hopperEnd = false;
      return END_OF_FILE;
    }
    let continued = false;
    for (;;) {
      if (!this.open && !this.openFile(0)) return continued && this.options.eof ? END_OF_FILE : this.notReady();
      const open = this.open!;
      if (open.next < open.file.data.length) {
        data.store(open.file.data[open.next++].data);
        this.onCard();
        return NORMAL_END;
      }
      this.closeFile(false);
      continued = true;
      if (!this.options.cont) return this.options.eof ? END_OF_FILE : this.notReady();
    }
  }

  /** Nothing to read: the reader is not ready (unit check, intervention required). */
  private notReady(): CommandResult {
    this.sense[0] = Sense0.InterventionRequired;
    return { status: UnitStatus.UnitCheck };
  }
}
