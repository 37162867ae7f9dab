// A minidisk on the virtual channel: the 3370 device model over the
// minidisk's blocks (DEFINE EXTENT, LOCATE, READ, WRITE; IBM 3370 Reference
// Manual, GA26-1657). The device model already keeps every LOCATE inside the
// minidisk, because the minidisk is the whole device it sees. For a
// read-only link CP forces the file mask of DEFINE EXTENT to "inhibit all
// writes", as VM/370's CCW translation did for R/O minidisks, so a WRITE is
// refused by the device with command reject.

import type { CommandResult, DataTransfer, Device } from '../../s390/device.js';
import { FbaDisk3370 } from '../../s390/devices/fba-disk-3370.js';
import type { Minidisk } from '../minidisk.js';

const DEFINE_EXTENT = 0x63;
/** File mask bits 0-1 = 01: inhibit all writes. */
const INHIBIT_ALL_WRITES = 0x40;
const CONTROL_BITS = 0xc0;

export class VirtualDasd implements Device {
  readonly type = '3370';
  private readonly disk: FbaDisk3370;

  constructor(
    readonly minidisk: Minidisk,
    readonly readOnly: boolean,
  ) {
    this.disk = new FbaDisk3370(minidisk.blockStore());
  }

  reset(): void {
    this.disk.reset();
  }

  execute(command: number, data: DataTransfer): CommandResult {
    if (command !== DEFINE_EXTENT || !this.readOnly) return this.disk.execute(command, data);
    const guarded: DataTransfer = {
      chained: data.chained,
      previousCommand: data.previousCommand,
      store: (bytes) => data.store(bytes),
      fetch: (max) => {
        const bytes = data.fetch(max).slice();
        if (bytes.length > 0) bytes[0] = (bytes[0] & ~CONTROL_BITS) | INHIBIT_ALL_WRITES;
        return bytes;
      },
    };
    return this.disk.execute(command, guarded);
  }
}
