// IBM 3370 direct access storage, fixed-block architecture (FBA): 512-byte
// blocks numbered from 0. IBM 3370 Direct Access Storage Description and
// User's Guide (GA26-1657), "Commands": a channel program first gives
// DEFINE EXTENT (the blocks it may touch and what it may do there), then
// LOCATE (operation, block count, first block) and READ or WRITE.
//
//   DEFINE EXTENT X'63', 16 bytes:
//     byte 0      file mask: bits 0-1 00 inhibit format writes,
//                 01 inhibit all writes, 11 allow all writes (10 invalid);
//                 bits 2-3, 4 (CE area) and 6-7 must be zero
//     bytes 1-3   zero
//     bytes 4-7   block number of the extent's first block on the device
//     bytes 8-11  first block of the extent, numbered within the data set
//     bytes 12-15 last block of the extent, numbered within the data set
//   LOCATE X'43', 8 bytes:
//     byte 0      operation: X'01' write, X'05' write and check,
//                 X'06' read, X'02' read replicated data (bits 0-3 zero)
//     byte 1      replication count
//     bytes 2-3   number of blocks
//     bytes 4-7   first block, numbered within the data set
//
// A LOCATE whose blocks fall outside the extent, or that asks to write
// where the mask forbids it, is rejected: unit check with command reject
// in sense byte 0, as the reference emulator reports it.
// TODO: the 3370 manual's finer sense (byte 1, file protected) for these.
// FORMAT DEFECTIVE BLOCK (LOCATE operation X'04') is not provided.
//
// READ IPL (X'02'), the command the IPL sequence starts with, takes the
// whole device as the extent and reads block 0; each further READ IPL
// chained to it reads the next block, and LOCATE may follow it as it may
// follow DEFINE EXTENT.

import {
  NORMAL_END,
  commandReject,
  senseCommand,
  senseIdCommand,
  type CommandResult,
  type DataTransfer,
  type Device,
} from '../device.js';

export const FBA_BLOCK_SIZE = 512;

/** Where the blocks live: an image file or memory. */
export interface BlockStore {
  readonly blockCount: number;
  read(block: number, into: Uint8Array): void;
  write(block: number, from: Uint8Array): void;
}

/** Blocks held in memory (tests, scratch disks). */
export function memoryBlockStore(blockCount: number): BlockStore & { readonly bytes: Uint8Array } {
  const bytes = new Uint8Array(blockCount * FBA_BLOCK_SIZE);
  return {
    bytes,
    blockCount,
    read: (block, into) => into.set(bytes.subarray(block * FBA_BLOCK_SIZE, (block + 1) * FBA_BLOCK_SIZE)),
    write: (block, from) => bytes.set(from.subarray(0, FBA_BLOCK_SIZE), block * FBA_BLOCK_SIZE),
  };
}

const Mask = {
  Control: 0xc0,
  InhibitFormatWrites: 0x00,
  InhibitAllWrites: 0x40,
  ReservedControl: 0x80,
  /** Bits 2-3, 4 (CE area) and 6-7; bit 5 (diagnostic) is accepted and ignored. */
  MustBeZero: 0x3b,
} as const;

const Operation = {
  Write: 0x01,
  ReadReplicated: 0x02,
  WriteAndCheck: 0x05,
  Read: 0x06,
} as const;

/** Blocks per cyclical group and per access position of a 3370 (Read Device Characteristics). */
const BLOCKS_PER_CYCLICAL_GROUP = 62;
const BLOCKS_PER_ACCESS_POSITION = 744;

export class FbaDisk3370 implements Device {
  readonly type = '3370';
  private readonly sense = new Uint8Array(24);
  private extentDefined = false;
  private mask = 0;
  private extentOrigin = 0;
  private extentFirst = 0;
  private extentLast = 0;
  private operation = 0;
  private blocksLeft = 0;
  /** Next block on the device, after LOCATE. */
  private position = 0;

  constructor(private readonly blocks: BlockStore) {}

  reset(): void {
    this.sense.fill(0);
    this.extentDefined = false;
  }

  execute(command: number, data: DataTransfer): CommandResult {
    // DEFINE EXTENT holds for one channel program.
    if (!data.chained) this.extentDefined = false;
    switch (command) {
      case 0x02:
        return this.readIpl(data);
      case 0x63:
        return this.defineExtent(data);
      case 0x43:
        return this.locate(data);
      case 0x42:
        return this.read(data);
      case 0x41:
        return this.write(data);
      case 0x64:
        data.store(this.deviceCharacteristics());
        return NORMAL_END;
      case 0xe4: // SENSE ID: 3880 storage control model 1, 3370 model 1
        return senseIdCommand(0x3880, 0x01, 0x3370, 0x01, data);
      case 0x04:
        return senseCommand(this.sense, data);
      case 0x03:
        return NORMAL_END;
      default:
        return commandReject(this.sense);
    }
  }

  // 63  DEFINE EXTENT
  private defineExtent(data: DataTransfer): CommandResult {
    const p = data.fetch(16);
    if (p.length < 16 || this.extentDefined) return commandReject(this.sense);
    const mask = p[0];
    if ((mask & Mask.MustBeZero) !== 0 || (mask & Mask.Control) === Mask.ReservedControl)
      return commandReject(this.sense);
    if (p[1] !== 0 || p[2] !== 0 || p[3] !== 0) return commandReject(this.sense);
    const origin = word(p, 4);
    const first = word(p, 8);
    const last = word(p, 12);
    if (last < first || origin >= this.blocks.blockCount || last - first >= this.blocks.blockCount - origin) {
      return commandReject(this.sense);
    }
    this.mask = mask;
    this.extentOrigin = origin;
    this.extentFirst = first;
    this.extentLast = last;
    this.extentDefined = true;
    return NORMAL_END;
  }

  // 43  LOCATE
  private locate(data: DataTransfer): CommandResult {
    const p = data.fetch(8);
    if (p.length < 8 || !this.extentDefined || (p[0] & 0xf0) !== 0) return commandReject(this.sense);
    const operation = p[0];
    const writes = operation === Operation.Write || operation === Operation.WriteAndCheck;
    const reads = operation === Operation.Read || operation === Operation.ReadReplicated;
    if (!writes && !reads) return commandReject(this.sense);
    if (writes && (this.mask & Mask.Control) === Mask.InhibitAllWrites) return commandReject(this.sense);
    const count = (p[2] << 8) | p[3];
    const first = word(p, 4);
    if (count === 0 || first < this.extentFirst || first + count - 1 > this.extentLast)
      return commandReject(this.sense);
    this.operation = operation;
    this.blocksLeft = count;
    this.position = first - this.extentFirst + this.extentOrigin;
    return NORMAL_END;
  }

  // 02  READ IPL: whole device, from block 0 (only first in a chain, or after READ IPL).
  private readIpl(data: DataTransfer): CommandResult {
    if (data.chained && data.previousCommand !== 0x02) return commandReject(this.sense);
    if (!data.chained) {
      this.mask = 0;
      this.extentOrigin = 0;
      this.extentFirst = 0;
      this.extentLast = this.blocks.blockCount - 1;
      this.extentDefined = true;
      this.position = 0;
    }
    this.operation = Operation.Read;
    this.blocksLeft = this.position < this.blocks.blockCount ? 1 : 0;
    return this.transferBlocks(data);
  }

  // 42  READ: the located blocks, as many as the count takes.
  private read(data: DataTransfer): CommandResult {
    const afterLocate = data.previousCommand === 0x43 || data.previousCommand === 0x02;
    if (!afterLocate || (this.operation !== Operation.Read && this.operation !== Operation.ReadReplicated)) {
      return commandReject(this.sense);
    }
    return this.transferBlocks(data);
  }

  /** Move the located blocks into the channel program until its count stops taking them. */
  private transferBlocks(data: DataTransfer): CommandResult {
    const block = new Uint8Array(FBA_BLOCK_SIZE);
    while (this.blocksLeft > 0) {
      this.blocks.read(this.position, block);
      const taken = data.store(block);
      this.position++;
      this.blocksLeft--;
      if (taken < FBA_BLOCK_SIZE) break;
    }
    return NORMAL_END;
  }

  // 41  WRITE: the located blocks; a short last block is filled with zeros.
  private write(data: DataTransfer): CommandResult {
    if (
      data.previousCommand !== 0x43 ||
      (this.operation !== Operation.Write && this.operation !== Operation.WriteAndCheck)
    ) {
      return commandReject(this.sense);
    }
    let short = false;
    while (this.blocksLeft > 0 && !short) {
      const bytes = data.fetch(FBA_BLOCK_SIZE);
      short = bytes.length < FBA_BLOCK_SIZE;
      if (bytes.length === 0) break;
      const block = new Uint8Array(FBA_BLOCK_SIZE);
      block.set(bytes);
      this.blocks.write(this.position, block);
      this.position++;
      this.blocksLeft--;
    }
    // The device wanted more data than the count gave.
    return short ? { ...NORMAL_END, incorrectLength: true } : NORMAL_END;
  }

  // 64  READ DEVICE CHARACTERISTICS: 32 bytes.
  private deviceCharacteristics(): Uint8Array {
    const c = new Uint8Array(32);
    c[0] = 0x30; // operation modes
    c[1] = 0x08; // features
    c[2] = 0x21; // device class: direct access, FBA
    c[3] = 0x02; // unit type: 3370
    c[4] = FBA_BLOCK_SIZE >>> 8; // physical record size, halfword
    c[5] = FBA_BLOCK_SIZE & 0xff;
    putWord(c, 6, BLOCKS_PER_CYCLICAL_GROUP);
    putWord(c, 10, BLOCKS_PER_ACCESS_POSITION);
    putWord(c, 14, this.blocks.blockCount); // blocks under movable heads
    return c;
  }
}

function word(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

function putWord(b: Uint8Array, at: number, value: number): void {
  b[at] = value >>> 24;
  b[at + 1] = value >>> 16;
  b[at + 2] = value >>> 8;
  b[at + 3] = value;
}
