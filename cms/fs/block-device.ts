// What the CMS file system needs of a minidisk: 512-byte FBA blocks, read
// and written whole. In a virtual machine this is DIAGNOSE block I/O through
// the Guest interface; in tests it is storage in memory. The file system
// never learns which.

export const FBA_BLOCK = 512;

export interface BlockDevice {
  /** Number of 512-byte blocks on the minidisk. */
  readonly blockCount: number;
  /** Can the virtual machine write this minidisk (its CP link mode)? */
  readonly writable: boolean;
  /** Read `count` blocks starting at `block` into `into` (count * 512 bytes at offset 0). */
  read(block: number, count: number, into: Uint8Array): void;
  /** Write `count` blocks starting at `block`; the data is on the disk when this returns. */
  write(block: number, count: number, from: Uint8Array): void;
}

/** A minidisk held in memory, for tests and for scratch disks. */
export class MemoryBlockDevice implements BlockDevice {
  readonly bytes: Uint8Array;
  writes = 0;

  constructor(
    readonly blockCount: number,
    readonly writable = true,
  ) {
    this.bytes = new Uint8Array(blockCount * FBA_BLOCK);
  }

  read(block: number, count: number, into: Uint8Array): void {
    this.check(block, count);
    into.set(this.bytes.subarray(block * FBA_BLOCK, (block + count) * FBA_BLOCK));
  }

  write(block: number, count: number, from: Uint8Array): void {
    this.check(block, count);
    if (!this.writable) throw new Error('MemoryBlockDevice: write to a read-only device');
    this.bytes.set(from.subarray(0, count * FBA_BLOCK), block * FBA_BLOCK);
    this.writes++;
  }

  private check(block: number, count: number): void {
    if (block < 0 || count < 0 || block + count > this.blockCount) {
      throw new RangeError(`block ${block}+${count} outside a ${this.blockCount}-block disk`);
    }
  }
}
