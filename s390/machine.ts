// A bare-metal machine: one CPU, the S/370 channel subsystem and the devices
// named on the command line, with nobody above it (no CP). This is what
// `vmcms cpu run` drives. Running is async only where the machine has to
// wait for the outside world: a console read that waits for a line on
// standard input. Everything else is the CPU's deterministic run loop.

import { Channel } from './channel.js';
import type { TodSource } from './clock.js';
import { Cpu, type ArchMode } from './cpu.js';
import type { Device } from './device.js';

/** A device named on the command line: `00E=1403,FILE`. */
export interface DeviceSpec {
  readonly address: number;
  /** The IBM type as written: 1403, 3505, 2540R, 2540P, 3215, 3370. */
  readonly type: string;
  /** The file behind the device, when its type needs one. */
  readonly file?: string;
}

/** Builds a device from its spec; throws an Error with a one-line message for an unknown type or a bad file. */
export type DeviceFactory = (spec: DeviceSpec) => Device;

/** Parse `ADDR=TYPE[,FILE]` (ADDR hexadecimal). Throws with a one-line message. */
export function parseDeviceSpec(text: string): DeviceSpec {
  const m = /^([0-9A-Fa-f]{1,4})=([^,]+)(?:,(.+))?$/.exec(text);
  if (!m) throw new Error(`bad device '${text}': expected ADDR=TYPE[,FILE]`);
  return { address: parseInt(m[1], 16), type: m[2].toUpperCase(), file: m[3] };
}

export type MachineStop = 'wait' | 'limit' | 'checkstop';

export interface MachineRunResult {
  readonly stop: MachineStop;
  /** The check-stop message (a vmcms bug or an interruption loop). */
  readonly message?: string;
}

export interface MachineOptions {
  readonly arch: ArchMode;
  readonly storageBytes: number;
  readonly clock?: TodSource;
}

/** Instructions run between looks at the outside world. */
const SLICE = 1 << 22;

export class BareMachine {
  readonly cpu: Cpu;
  readonly channel: Channel;

  constructor(options: MachineOptions) {
    this.cpu = new Cpu(options.arch, options.storageBytes, { clock: options.clock });
    this.channel = new Channel(this.cpu.storage);
    this.cpu.channel = this.channel;
  }

  attach(spec: DeviceSpec, factory: DeviceFactory): void {
    this.channel.attach(spec.address, factory(spec));
  }

  /**
   * Run until a disabled wait, a wait nothing can end, a check-stop or
   * `maxInstructions`. `yieldToHost` is awaited between slices so that host
   * events (standard input) can arrive while the CPU runs.
   */
  async run(maxInstructions: number, yieldToHost?: () => Promise<void>): Promise<MachineRunResult> {
    const cpu = this.cpu;
    const end = cpu.instructions + maxInstructions;
    for (;;) {
      const left = end - cpu.instructions;
      const result = cpu.run(Math.max(0, Math.min(left, SLICE)));
      switch (result.kind) {
        case 'budget':
          if (cpu.instructions >= end) return { stop: 'limit' };
          if (yieldToHost) await yieldToHost();
          break;
        case 'wait':
          if (result.disabled) return { stop: 'wait' };
          // An enabled wait with no timer to come: only outside I/O can end it.
          if (!this.channel.busy) return { stop: 'wait' };
          await this.channel.whenInterruptPending();
          cpu.advanceToHostTime();
          break;
        case 'checkstop':
          return { stop: 'checkstop', message: result.message };
        case 'intercept':
          return {
            stop: 'checkstop',
            message: `intercept on a machine without an owner: ${result.instruction.row.mnemonic}`,
          };
      }
    }
  }
}
