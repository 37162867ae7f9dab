// IBM 3215 console printer-keyboard, line mode. IBM 3210/3215 Console
// Printer-Keyboard Component Description (GA24-3488): WRITE without (X'01')
// or with (X'09') automatic carriage return, READ INQUIRY (X'0A'), AUDIBLE
// ALARM (X'0B'), SENSE and NO-OP. Pressing REQUEST gives attention.
//
// Hardware only: the console talks to a ConsoleLine its owner provides (the
// bare-metal runner connects it to stdin/stdout, CP to a 3270 session). A
// READ INQUIRY waits for the line's next input without holding up the
// machine: the device completes the command when the line arrives.

import { UnitStatus } from '../ccw.js';
import {
  NORMAL_END,
  Sense0,
  commandReject,
  senseCommand,
  type CommandResult,
  type DataTransfer,
  type Device,
  type DevicePort,
} from '../device.js';
import { fromEbcdic, toEbcdic } from '../ebcdic.js';

/** The operator's side of the console. */
export interface ConsoleLine {
  /** Show text; a line ends with '\n'. */
  write(text: string): void;
  /** The next line the operator types (without its line end). */
  read(): Promise<string>;
  /** Sound the alarm; without it the console writes BEL. */
  alarm?(): void;
}

/** A WRITE takes every byte its count (and data chaining) gives; the line length is not enforced. */
const MAX_TRANSFER = 0xffff;

export class Console3215 implements Device {
  readonly type = '3215';
  private readonly sense = new Uint8Array(1);
  private port: DevicePort | null = null;
  /** Bumped when a waiting read is halted, so its late line is dropped. */
  private readGeneration = 0;

  constructor(private readonly line: ConsoleLine) {}

  attach(port: DevicePort): void {
    this.port = port;
  }

  /** The operator presses REQUEST: attention. */
  request(): void {
    this.port?.presentStatus(UnitStatus.Attention);
  }

  halt(): void {
    this.readGeneration++;
  }

  reset(): void {
    this.readGeneration++;
    this.sense.fill(0);
  }

  execute(command: number, data: DataTransfer, complete: (result: CommandResult) => void): CommandResult | undefined {
    switch (command) {
      case 0x01: // WRITE, no carriage return
        this.line.write(fromEbcdic(data.fetch(MAX_TRANSFER)));
        return NORMAL_END;
      case 0x09: // WRITE, automatic carriage return
        this.line.write(fromEbcdic(data.fetch(MAX_TRANSFER)) + '\n');
        return NORMAL_END;
      case 0x0a:
        return this.readInquiry(data, complete);
      case 0x0b: // AUDIBLE ALARM
        if (this.line.alarm) this.line.alarm();
        else this.line.write('\x07');
        return NORMAL_END;
      case 0x03:
        return NORMAL_END;
      case 0x04:
        return senseCommand(this.sense, data);
      default:
        return commandReject(this.sense);
    }
  }

  // 0A  READ INQUIRY: completes when the operator enters a line.
  private readInquiry(data: DataTransfer, complete: (result: CommandResult) => void): undefined {
    const generation = this.readGeneration;
    this.line.read().then(
      (text) => {
        if (generation !== this.readGeneration) return;
        data.store(toEbcdic(text));
        complete(NORMAL_END);
      },
      () => {
        // The line is gone (end of input): the console is not ready.
        if (generation !== this.readGeneration) return;
        this.sense.fill(0);
        this.sense[0] = Sense0.InterventionRequired;
        complete({ status: NORMAL_END.status | UnitStatus.UnitCheck });
      },
    );
    return undefined;
  }
}
