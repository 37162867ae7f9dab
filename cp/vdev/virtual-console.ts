// The virtual machine's console: a 3215 at the directory's CONSOLE address
// (009), simulated by CP and presented on the user's 3270 (cp/console/).
// docs/diagnose.md "Console I/O": WRITE (X'01', X'09') shows the line in
// the output area; READ INQUIRY (X'0A') posts VM READ and ends with channel
// end and device end when the user enters a line; X'03' no-op; X'04' sense;
// X'0B' audible alarm. Commands per the 3210/3215 Component Description
// (GA24-3488). Unlike s390/devices/console-3215.ts, the read completes
// synchronously when CP hands over the line, so CP knows at once that the
// virtual machine has an interruption to take.

import { UnitStatus } from '../../s390/ccw.js';
import {
  NORMAL_END,
  commandReject,
  senseCommand,
  type CommandResult,
  type DataTransfer,
  type Device,
  type DevicePort,
} from '../../s390/device.js';
import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';

/** What CP does with the console's traffic. */
export interface ConsoleOwner {
  /** The guest wrote a line (or part of one when `newline` is false). */
  consoleWrite(text: string, newline: boolean): void;
  /** The guest issued a READ: the user may now answer (VM READ). */
  consoleReadPosted(): void;
  /** The guest sounded the alarm. */
  consoleAlarm(): void;
}

/** A WRITE takes every byte its count gives: CP splits long lines on the screen. */
const MAX_TRANSFER = 0xffff;

/** EBCDIC NL: a new line within written data. */
const NEW_LINE = 0x15;

export class VirtualConsole implements Device {
  readonly type = '3215';
  private readonly sense = new Uint8Array(1);
  private port: DevicePort | null = null;
  private pendingRead: { data: DataTransfer; complete: (result: CommandResult) => void } | null = null;
  /** Lines written without carriage return, waiting for the rest of the line. */
  private partial = '';

  constructor(private readonly owner: ConsoleOwner) {}

  /** True while a READ waits for the user's line. */
  get readPending(): boolean {
    return this.pendingRead !== null;
  }

  attach(port: DevicePort): void {
    this.port = port;
  }

  /** The REQUEST key (CP REQUEST command, or Enter with no read outstanding): attention. */
  request(): void {
    this.port?.presentStatus(UnitStatus.Attention);
  }

  /** Complete the outstanding READ with the user's line; false when there is none. */
  deliver(line: string): boolean {
    const read = this.pendingRead;
    if (!read) return false;
    this.pendingRead = null;
    read.data.store(toEbcdic(line));
    read.complete(NORMAL_END);
    return true;
  }

  halt(): void {
    this.pendingRead = null;
  }

  reset(): void {
    this.pendingRead = null;
    this.partial = '';
    this.sense.fill(0);
  }

  /** Written bytes: X'15' (NL) starts a new line, as on the 3215's printer. */
  private write(bytes: Uint8Array, carriageReturn: boolean): void {
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== NEW_LINE) continue;
      this.owner.consoleWrite(this.partial + fromEbcdic(bytes, start, i), true);
      this.partial = '';
      start = i + 1;
    }
    this.partial += fromEbcdic(bytes, start, bytes.length);
    if (carriageReturn) {
      this.owner.consoleWrite(this.partial, true);
      this.partial = '';
    }
  }

  execute(command: number, data: DataTransfer, complete: (result: CommandResult) => void): CommandResult | undefined {
    switch (command) {
      case 0x01: // WRITE, no carriage return
        this.write(data.fetch(MAX_TRANSFER), false);
        return NORMAL_END;
      case 0x09: // WRITE, automatic carriage return
        this.write(data.fetch(MAX_TRANSFER), true);
        return NORMAL_END;
      case 0x0a: // READ INQUIRY
        if (this.partial !== '') {
          this.owner.consoleWrite(this.partial, true);
          this.partial = '';
        }
        this.pendingRead = { data, complete };
        this.owner.consoleReadPosted();
        return undefined;
      case 0x0b: // AUDIBLE ALARM
        this.owner.consoleAlarm();
        return NORMAL_END;
      case 0x03:
        return NORMAL_END;
      case 0x04:
        return senseCommand(this.sense, data);
      default:
        return commandReject(this.sense);
    }
  }
}
