// Minidisks: extents of DASD volumes (cp/volumes.ts) that CP gives a
// virtual machine as a whole disk of its own. Block 0 of a minidisk is block
// `start` of its volume; CP never lets an I/O reach outside the extent
// (VM/370 SPG, "Minidisks": CP relocates and checks every seek).
//
// Volume images are opened once per system and written in place: a block
// write reaches the image file (the operating system's cache, so it survives
// a crash of this process) before the DIAGNOSE or SIO that asked for it
// completes; `flush()` fsyncs the images (shutdown). T-disks live in memory
// and are erased at logoff, as CP's temporary disks were.

import { closeSync, existsSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import type { BlockStore } from '../s390/devices/fba-disk-3370.js';
import { FBA_BLOCK_SIZE, FBA_VOLUME_BLOCKS, volumeImagePath } from './volumes.js';
import type { LinkMode, MinidiskDefinition } from './directory.js';

/** Where a volume's blocks are: an image file, or memory (tests, T-disks). */
interface VolumeBackend {
  readonly blocks: number;
  read(offset: number, into: Uint8Array): void;
  write(offset: number, from: Uint8Array): void;
  flush(): void;
  close(): void;
}

class FileVolume implements VolumeBackend {
  constructor(
    private readonly fd: number,
    readonly blocks: number,
  ) {}

  read(offset: number, into: Uint8Array): void {
    let done = 0;
    while (done < into.length) {
      const n = readSync(this.fd, into, done, into.length - done, offset + done);
      if (n === 0) {
        into.fill(0, done); // past the end of a short image: never written, reads as zeros
        return;
      }
      done += n;
    }
  }

  write(offset: number, from: Uint8Array): void {
    let done = 0;
    while (done < from.length) done += writeSync(this.fd, from, done, from.length - done, offset + done);
  }

  flush(): void {
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Sparse memory: only blocks written are kept. */
class MemoryVolume implements VolumeBackend {
  private readonly map = new Map<number, Uint8Array>();
  constructor(readonly blocks: number) {}

  read(offset: number, into: Uint8Array): void {
    for (let at = 0; at < into.length; at += FBA_BLOCK_SIZE) {
      const b = this.map.get((offset + at) / FBA_BLOCK_SIZE);
      if (b) into.set(b.subarray(0, Math.min(FBA_BLOCK_SIZE, into.length - at)), at);
      else into.fill(0, at, Math.min(at + FBA_BLOCK_SIZE, into.length));
    }
  }

  write(offset: number, from: Uint8Array): void {
    for (let at = 0; at < from.length; at += FBA_BLOCK_SIZE) {
      const block = new Uint8Array(FBA_BLOCK_SIZE);
      block.set(from.subarray(at, at + FBA_BLOCK_SIZE));
      this.map.set((offset + at) / FBA_BLOCK_SIZE, block);
    }
  }

  flush(): void {}
  close(): void {}
}

/** The system's DASD volumes, opened on first use. */
export class VolumeSet {
  private readonly open = new Map<string, VolumeBackend>();

  /** `dir` null: volumes in memory (the test harness). */
  constructor(readonly dir: string | null) {}

  /** The volume, or undefined when it is not mounted (no image, or a device type with no FBA geometry). */
  volume(volser: string, devtype: string): VolumeBackend | undefined {
    const key = `${volser}.${devtype}`;
    const known = this.open.get(key);
    if (known) return known;
    const blocks = FBA_VOLUME_BLOCKS[devtype];
    if (blocks === undefined) return undefined;
    let backend: VolumeBackend;
    if (this.dir === null) backend = new MemoryVolume(blocks);
    else {
      const path = volumeImagePath(this.dir, volser, devtype);
      if (!existsSync(path)) return undefined;
      backend = new FileVolume(openSync(path, 'r+'), blocks);
    }
    this.open.set(key, backend);
    return backend;
  }

  /** fsync every open image (SHUTDOWN). */
  flush(): void {
    for (const v of this.open.values()) v.flush();
  }

  close(): void {
    for (const v of this.open.values()) {
      v.flush();
      v.close();
    }
    this.open.clear();
  }
}

/** Thrown for a transfer outside the minidisk: CP's own guard, never a guest's doing (callers check first). */
export class ExtentError extends RangeError {}

/**
 * One minidisk: the owner's directory MDISK (or a T-disk) over its volume.
 * It is a BlockDevice as the CMS file system and src/system-disks.ts see
 * one (blockCount, writable, read, write of whole 512-byte blocks).
 */
export class Minidisk {
  readonly writable = true;

  constructor(
    readonly owner: string,
    readonly definition: MinidiskDefinition,
    private readonly backend: VolumeBackend,
    /** First block on the volume. */
    readonly start: number,
    readonly blockCount: number,
  ) {}

  get vaddr(): number {
    return this.definition.vaddr;
  }
  get devtype(): string {
    return this.definition.devtype;
  }
  get volser(): string {
    return this.definition.temporary ? '(TEMP)' : this.definition.volser;
  }
  get directoryMode(): LinkMode {
    return this.definition.mode;
  }

  read(block: number, count: number, into: Uint8Array): void {
    this.check(block, count);
    this.backend.read((this.start + block) * FBA_BLOCK_SIZE, into.subarray(0, count * FBA_BLOCK_SIZE));
  }

  write(block: number, count: number, from: Uint8Array): void {
    this.check(block, count);
    this.backend.write((this.start + block) * FBA_BLOCK_SIZE, from.subarray(0, count * FBA_BLOCK_SIZE));
  }

  /** The minidisk as the 3370 device model's block store (SIO with DEFINE EXTENT / LOCATE). */
  blockStore(): BlockStore {
    return {
      blockCount: this.blockCount,
      read: (block, into) => this.read(block, 1, into),
      write: (block, from) => this.write(block, 1, from),
    };
  }

  private check(block: number, count: number): void {
    if (
      !Number.isInteger(block) ||
      !Number.isInteger(count) ||
      block < 0 ||
      count < 0 ||
      block + count > this.blockCount
    )
      throw new ExtentError(`block ${block}+${count} outside ${this.owner} ${this.vaddr.toString(16)}`);
  }
}

/**
 * The minidisk a directory MDISK statement describes, or undefined when its
 * volume is not mounted or its device type has no FBA geometry (CKD types
 * are accepted by the directory but CP here does block I/O only).
 */
export function openMinidisk(volumes: VolumeSet, owner: string, def: MinidiskDefinition): Minidisk | undefined {
  if (def.temporary) return temporaryDisk(owner, def);
  const volume = volumes.volume(def.volser, def.devtype);
  if (!volume || def.start + def.count > volume.blocks) return undefined;
  return new Minidisk(owner, def, volume, def.start, def.count);
}

/** A T-disk: blocks in memory, gone at logoff or DETACH. */
export function temporaryDisk(owner: string, def: MinidiskDefinition): Minidisk | undefined {
  if (FBA_VOLUME_BLOCKS[def.devtype] === undefined) return undefined;
  return new Minidisk(owner, def, new MemoryVolume(def.count), 0, def.count);
}
