// IBM 1403 printer (on a 2821 control unit). IBM 2821 Component Description
// (GA24-3312), "Printer commands": the command byte says what the carriage
// does, after printing (write) or at once (control):
//
//   bit  0     1 = skip to the channel in bits 1-4, 0 = space
//   bits 1-4   channel 1-12 (skip), or bits 3-4 the number of lines 0-3 (space)
//   bits 5-7   001 write, 011 control (immediate); X'03' is a no-operation
//
//   01 write, no space      09/11/19 write, space 1/2/3 after
//   89..E1 write, skip to channel 1..12 after
//   0B/13/1B space 1/2/3 immediately      8B..E3 skip to channel 1..12 immediately
//
// Output is text with the carriage motion written as control characters:
// a line feed for each line spaced, a form feed for a skip that goes
// through the top of the form, and a carriage return after a line printed
// without spacing, so the next line overprints it (a text viewer shows the
// two lines one under the other). Trailing blanks are dropped.
//
// The carriage tape says on which lines of the form each channel is
// punched. The default tape has 66 lines with channel 1 on line 1 only. A
// skip to a channel punched nowhere runs to the top of the next form. When
// spacing passes a line punched in channel 9 or 12 (form overflow), the
// command ends with unit exception; the default tape punches neither.

import { UnitStatus } from '../ccw.js';
import {
  NORMAL_END,
  commandReject,
  senseCommand,
  type CommandResult,
  type DataTransfer,
  type Device,
} from '../device.js';
import { fromEbcdic } from '../ebcdic.js';

export interface CarriageTape {
  readonly linesPerPage: number;
  /** Channel number (1-12) -> the form lines (1-based) punched in it. */
  readonly channels: Readonly<Record<number, readonly number[]>>;
}

export const DEFAULT_CARRIAGE_TAPE: CarriageTape = { linesPerPage: 66, channels: { 1: [1] } };

export interface PrinterOptions {
  readonly tape?: CarriageTape;
  /** Print positions (132 on a 1403 N1). */
  readonly width?: number;
}

type Motion = { readonly skip: false; readonly lines: number } | { readonly skip: true; readonly channel: number };

export class Printer1403 implements Device {
  readonly type = '1403';
  private readonly sense = new Uint8Array(1);
  private readonly tape: CarriageTape;
  private readonly width: number;
  /** The form line the carriage is at, 1-based. */
  private line = 1;

  constructor(
    private readonly output: (text: string) => void,
    options: PrinterOptions = {},
  ) {
    this.tape = options.tape ?? DEFAULT_CARRIAGE_TAPE;
    this.width = options.width ?? 132;
  }

  reset(): void {
    this.sense.fill(0);
  }

  execute(command: number, data: DataTransfer): CommandResult {
    if (command === 0x04) return senseCommand(this.sense, data);
    if (command === 0x03) return NORMAL_END;
    const motion = decodeMotion(command);
    if (motion === null) return commandReject(this.sense);
    if ((command & 0x07) === 0x01) {
      const text = fromEbcdic(data.fetch(this.width)).replace(/\0/g, ' ').trimEnd();
      this.output(text);
      if (!motion.skip && motion.lines === 0) {
        this.output('\r');
        return NORMAL_END;
      }
    }
    return this.move(motion) ? { status: NORMAL_END.status | UnitStatus.UnitException } : NORMAL_END;
  }

  /** Move the carriage; true when spacing passed a channel 9 or 12 punch (form overflow). */
  private move(motion: Motion): boolean {
    if (!motion.skip) {
      let overflow = false;
      let text = '';
      for (let i = 0; i < motion.lines; i++) {
        this.line = this.line >= this.tape.linesPerPage ? 1 : this.line + 1;
        text += '\n';
        if (this.punched(9, this.line) || this.punched(12, this.line)) overflow = true;
      }
      this.output(text);
      return overflow;
    }
    const stops = this.tape.channels[motion.channel] ?? [];
    const below = stops.filter((l) => l > this.line).sort((a, b) => a - b);
    if (below.length > 0) {
      this.output('\n'.repeat(below[0] - this.line));
      this.line = below[0];
    } else {
      const target = stops.length > 0 ? Math.min(...stops) : 1;
      this.output('\f' + '\n'.repeat(target - 1));
      this.line = target;
    }
    return false;
  }

  private punched(channel: number, line: number): boolean {
    return this.tape.channels[channel]?.includes(line) ?? false;
  }
}

/** The carriage motion a write or control command asks for; null for a command the 1403 does not have. */
function decodeMotion(command: number): Motion | null {
  const kind = command & 0x07;
  if (kind !== 0x01 && kind !== 0x03) return null;
  if (command & 0x80) {
    const channel = (command >>> 3) & 0x0f;
    return channel >= 1 && channel <= 12 ? { skip: true, channel } : null;
  }
  if (command & 0x60) return null;
  return { skip: false, lines: (command >>> 3) & 0x03 };
}
