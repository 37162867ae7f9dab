// A minidisk as CMS in a virtual machine sees it: 512-byte blocks read and
// written through DIAGNOSE X'250' (docs/diagnose.md: INIT gives the size and
// whether the link is read-only; READ and WRITE move blocks between the
// minidisk and a buffer in the virtual machine's storage, synchronously).

import type { Storage } from '../../s390/storage.js';
import { FBA_BLOCK, type BlockDevice } from './block-device.js';

/** How the device issues a DIAGNOSE: rx and ry values in, cc and the registers out (R15 with the reason). */
export type DiagnoseCall = (
  code: number,
  rx: number,
  ry: number,
) => { cc: number | undefined; rx: number; ry: number; r15: number };

/** Where in guest storage the IOPL and the transfer buffer live. */
export interface BlockIoAreas {
  readonly iopl: number;
  readonly buffer: number;
  readonly bufferLength: number;
}

/** DIAGNOSE X'250' reason codes (R15 with CC 1). */
export const BlockIoError = {
  NotAttached: 1,
  NotMinidisk: 2,
  ReadOnly: 3,
  OutsideMinidisk: 4,
  BufferOutsideStorage: 5,
  NotInitialized: 6,
  InvalidFunction: 7,
} as const;

export class BlockIoFailure extends Error {
  constructor(readonly reason: number) {
    super(`DIAGNOSE X'250' failed with reason ${reason}`);
    this.name = 'BlockIoFailure';
  }
}

const enum Function250 {
  Init = 0,
  Read = 1,
  Write = 2,
  Release = 3,
}

export class Diag250Device implements BlockDevice {
  private constructor(
    readonly vdev: number,
    readonly blockCount: number,
    readonly writable: boolean,
    private readonly storage: Storage,
    private readonly diagnose: DiagnoseCall,
    private readonly areas: BlockIoAreas,
  ) {}

  /** INIT the minidisk at `vdev`: the device, or the DIAGNOSE X'250' reason code when it is no usable minidisk. */
  static open(vdev: number, storage: Storage, diagnose: DiagnoseCall, areas: BlockIoAreas): Diag250Device | number {
    storage.bytes.fill(0, areas.iopl, areas.iopl + 32);
    storage.writeU16(areas.iopl, vdev);
    const r = diagnose(0x250, areas.iopl, Function250.Init);
    if (r.cc !== 0) return r.r15 || BlockIoError.NotAttached;
    const blocks = storage.readU32(areas.iopl + 8);
    const readOnly = (storage.readU8(areas.iopl + 12) & 0x80) !== 0;
    return new Diag250Device(vdev, blocks, !readOnly, storage, diagnose, areas);
  }

  read(block: number, count: number, into: Uint8Array): void {
    this.transfer(Function250.Read, block, count, into);
  }

  write(block: number, count: number, from: Uint8Array): void {
    this.transfer(Function250.Write, block, count, from);
  }

  /** Forget the INIT (RELEASE). */
  close(): void {
    this.storage.writeU16(this.areas.iopl, this.vdev);
    this.diagnose(0x250, this.areas.iopl, Function250.Release);
  }

  private transfer(fn: Function250, block: number, count: number, data: Uint8Array): void {
    const { iopl, buffer, bufferLength } = this.areas;
    const st = this.storage;
    const most = Math.floor(bufferLength / FBA_BLOCK);
    for (let done = 0; done < count;) {
      const n = Math.min(most, count - done);
      const bytes = n * FBA_BLOCK;
      const at = done * FBA_BLOCK;
      if (fn === Function250.Write) st.bytes.set(data.subarray(at, at + bytes), buffer);
      st.writeU16(iopl, this.vdev);
      st.writeU32(iopl + 16, block + done);
      st.writeU32(iopl + 20, n);
      st.writeU32(iopl + 24, buffer);
      const r = this.diagnose(0x250, iopl, fn);
      if (r.cc !== 0) throw new BlockIoFailure(r.r15 || BlockIoError.NotAttached);
      if (fn === Function250.Read) data.set(st.bytes.subarray(buffer, buffer + bytes), at);
      done += n;
    }
  }
}
