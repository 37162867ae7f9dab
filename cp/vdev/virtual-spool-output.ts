// The virtual punch (00D) and printer (00E): every record written goes into
// the device's open spool file, with the CCW command code it was written
// with (so a printer file keeps its carriage control); CLOSE makes the file
// a spool file (cp/spool/spooler.ts). Commands: IBM 2540 Component
// Description (GA21-9033) for the punch, 1403 Component Description
// (GA24-3073) for the printer: write with or without spacing, immediate
// space and skip (no data), no-op, sense.

import {
  NORMAL_END,
  commandReject,
  senseCommand,
  type CommandResult,
  type DataTransfer,
  type Device,
} from '../../s390/device.js';
import type { SpoolRecord } from '../spool/spool-file.js';

/** The SPOOL command's settings for an output device (cp.md 5.1 defaults: NOHOLD NOCONT CLASS A OFF COPY 01). */
export interface OutputOptions {
  spoolClass: string;
  cont: boolean;
  hold: boolean;
  copies: number;
  /** TO userid: closed files go to that user's reader; null (OFF): to the system's printer or punch. */
  to: string | null;
  /** TAG DEV text: given to each file the device closes. */
  tag?: string;
}

const CARD = 80;
/** The longest print line CP keeps (a 3211 has 150 print positions; room to spare). */
const LINE = 255;

export class VirtualSpoolOutput implements Device {
  readonly records: SpoolRecord[] = [];
  readonly options: OutputOptions;
  private readonly sense = new Uint8Array(1);
  /** Called for each record written (INDICATE USER counts cards punched and lines printed). */
  onRecord: () => void = () => {};

  constructor(
    readonly type: string,
    readonly kind: 'PUN' | 'PRT',
    spoolClass: string,
  ) {
    this.options = { spoolClass, cont: false, hold: false, copies: 1, to: null };
  }

  reset(): void {
    this.sense.fill(0);
  }

  /** Take the open file's records (CLOSE). */
  take(): SpoolRecord[] {
    return this.records.splice(0, this.records.length);
  }

  execute(command: number, data: DataTransfer): CommandResult {
    if (command === 0x03) return NORMAL_END;
    if (command === 0x04) return senseCommand(this.sense, data);
    if ((command & 0x03) === 0x01) {
      // WRITE (punch: X'01' and stacker selects; printer: X'01' no space, X'09'/'11'/'19' space after, X'89'... skip after)
      const bytes = data.fetch(this.kind === 'PUN' ? CARD : LINE);
      this.records.push({ command, data: bytes.slice() });
      this.onRecord();
      return NORMAL_END;
    }
    if (this.kind === 'PRT' && (command & 0x03) === 0x03) {
      // Immediate space / skip (X'0B', X'13', X'1B', X'8B'...): a carriage movement with no data.
      this.records.push({ command, data: new Uint8Array(0) });
      return NORMAL_END;
    }
    return commandReject(this.sense);
  }
}
