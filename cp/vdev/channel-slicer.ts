// Channel time for virtual devices. The CCW interpreter (s390/channel-
// program.ts) runs a chain to its end inside START I/O unless a device makes
// it wait. A guest's channel program that loops (NOP chained to a TIC back
// to the NOP) would then hold CP for ever. CP wraps each virtual device so
// that after CHAIN_LIMIT commands in one chain the device "takes its time":
// the command is carried out, but its ending is handed to the dispatcher,
// which completes it at the virtual machine's next slice. The loop then
// costs the guest channel time in slices, as on a real machine, and the
// guest can stop it with HALT I/O; CP and the other users carry on.

import type { CommandResult, DataTransfer, Device, DevicePort } from '../../s390/device.js';

/** Commands one chain may run before CP defers its next ending to the dispatcher. */
export const CHAIN_LIMIT = 256;

/** Where deferred endings go: run `action` at the owner's next slice; returns a cancel. */
export type Deferrer = (action: () => void) => () => void;

export class SlicedDevice implements Device {
  readonly type: string;
  private commandsInChain = 0;
  private cancel: (() => void) | null = null;

  constructor(
    readonly inner: Device,
    private readonly defer: Deferrer,
  ) {
    this.type = inner.type;
  }

  attach(port: DevicePort): void {
    this.inner.attach?.(port);
  }

  halt(): void {
    this.cancel?.();
    this.cancel = null;
    this.inner.halt?.();
  }

  reset(): void {
    this.cancel?.();
    this.cancel = null;
    this.commandsInChain = 0;
    this.inner.reset?.();
  }

  execute(command: number, data: DataTransfer, complete: (result: CommandResult) => void): CommandResult | undefined {
    this.commandsInChain = data.chained ? this.commandsInChain + 1 : 0;
    const result = this.inner.execute(command, data, complete);
    if (result === undefined || this.commandsInChain < CHAIN_LIMIT) return result;
    this.commandsInChain = 0;
    this.cancel = this.defer(() => {
      this.cancel = null;
      complete(result);
    });
    return undefined;
  }
}
