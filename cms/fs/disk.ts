// A CMS minidisk: FORMAT writes an empty file system, ACCESS reads its label
// and directory into storage, and files are read and written record by
// record. Every change is a transaction that ends in one label write:
//
//   1. new data and pointer blocks go to blocks that the on-disk state does
//      not use (never over a block that the last committed label reaches);
//   2. the directory and the allocation map are rewritten, also to free
//      blocks;
//   3. the label slot not holding the current label is rewritten with the
//      next generation number and a CRC: that single 512-byte write is the
//      commit point.
//
// A crash before step 3 leaves the old label, which reaches only old, intact
// blocks: the old file, never half of the new one. A torn label write fails
// its CRC and the other slot is used. (This is the idea behind CMS's own
// rule that the directory is written last, made explicit.)

import { FBA_BLOCK, type BlockDevice } from './block-device.js';
import {
  ALLOCMAP_FILETYPE,
  BLOCK_SIZES,
  DIRECTORY_FILENAME,
  DIRECTORY_FILETYPE,
  FST_LENGTH,
  LABEL_SLOTS,
  decodeFst,
  decodeLabel,
  encodeFst,
  encodeLabel,
  type BlockSize,
  type FileStatus,
  type Label,
} from './layout.js';

export type CmsFsErrorReason =
  'NOT_FORMATTED' | 'DISK_FULL' | 'READ_ONLY' | 'NOT_FOUND' | 'EXISTS' | 'BAD_RECORD' | 'BAD_FORMAT' | 'TOO_SMALL';

export class CmsFsError extends Error {
  constructor(
    readonly reason: CmsFsErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'CmsFsError';
  }
}

export const MAX_LRECL = 65535;

export interface WriteOptions {
  recfm: 'F' | 'V';
  lrecl: number;
  modeNumber?: number;
  /** Add records to the end of an existing file instead of replacing it. */
  append?: boolean;
  /** The time stamp to give the file (tests pass a fixed one). */
  now?: Date;
}

const key = (fn: string, ft: string): string => `${fn} ${ft}`;

export class CmsDisk {
  private label: Label;
  /** The label slot (FBA block) holding the current label. */
  private labelSlot: number;
  private readonly fbaPerBlock: number;
  /** In-storage directory: user files in directory order. */
  private readonly fileTable = new Map<string, FileStatus>();
  /** Allocation map of the committed (on-disk) state: 1 = in use. */
  private committed: Uint8Array;
  /** Blocks allocated by writers that have not committed yet. */
  private readonly reserved = new Set<number>();
  private allocCursor = 0;
  private dirFst: FileStatus;
  private mapFst: FileStatus;

  private constructor(
    readonly device: BlockDevice,
    label: Label,
    labelSlot: number,
    committed: Uint8Array,
    files: FileStatus[],
    dirFst: FileStatus,
    mapFst: FileStatus,
  ) {
    this.label = label;
    this.labelSlot = labelSlot;
    this.fbaPerBlock = label.blockSize / FBA_BLOCK;
    this.committed = committed;
    for (const f of files) this.fileTable.set(key(f.filename, f.filetype), f);
    this.dirFst = dirFst;
    this.mapFst = mapFst;
  }

  // ---- FORMAT and ACCESS ----

  /** Write an empty CMS file system on the device (CMS FORMAT). */
  static format(device: BlockDevice, volser: string, blockSize: BlockSize = 4096, now = new Date()): CmsDisk {
    if (!device.writable) throw new CmsFsError('READ_ONLY', 'disk is read-only');
    if (!BLOCK_SIZES.includes(blockSize)) throw new CmsFsError('BAD_FORMAT', `invalid block size ${blockSize}`);
    const fbaPerBlock = blockSize / FBA_BLOCK;
    const totalBlocks = Math.floor(device.blockCount / fbaPerBlock);
    const reservedBlocks = Math.ceil((LABEL_SLOTS[1] + 1) / fbaPerBlock);
    if (totalBlocks < reservedBlocks + 4) throw new CmsFsError('TOO_SMALL', 'disk too small to format');
    const committed = new Uint8Array(Math.ceil(totalBlocks / 8));
    for (let b = 0; b < reservedBlocks; b++) committed[b >> 3] |= 0x80 >> (b & 7);
    // Both label slots start invalid; the first commit writes slot 1 (generation 1).
    device.write(0, LABEL_SLOTS[1] + 1, new Uint8Array((LABEL_SLOTS[1] + 1) * FBA_BLOCK));
    const label: Label = {
      volser: volser.toUpperCase().slice(0, 6),
      blockSize,
      totalBlocks,
      usedBlocks: reservedBlocks,
      directoryOrigin: 0,
      directoryLevels: 0,
      directoryItems: 2,
      generation: 0,
      committed: now,
    };
    const empty = (filename: string, filetype: string, lrecl: number): FileStatus => ({
      filename,
      filetype,
      modeNumber: 6,
      recfm: 'F',
      lrecl,
      records: 0,
      dataBlocks: 0,
      origin: 0,
      levels: 0,
      dataBytes: 0,
      written: now,
    });
    const disk = new CmsDisk(
      device,
      label,
      LABEL_SLOTS[1],
      committed,
      [],
      empty(DIRECTORY_FILENAME, DIRECTORY_FILETYPE, FST_LENGTH),
      empty(DIRECTORY_FILENAME, ALLOCMAP_FILETYPE, 1),
    );
    disk.commit(new Set(), [], now);
    return disk;
  }

  /** Read the label and directory of a formatted disk (CMS ACCESS). */
  static access(device: BlockDevice): CmsDisk {
    let best: { label: Label; slot: number } | undefined;
    const buf = new Uint8Array(FBA_BLOCK);
    for (const slot of LABEL_SLOTS) {
      if (slot >= device.blockCount) continue;
      device.read(slot, 1, buf);
      const label = decodeLabel(buf);
      if (label && (!best || label.generation > best.label.generation)) best = { label, slot };
    }
    if (!best) throw new CmsFsError('NOT_FORMATTED', 'disk is not formatted for CMS');
    const { label, slot } = best;
    const probe = new CmsDisk(device, label, slot, new Uint8Array(0), [], emptyFst(), emptyFst());
    const dirBytes = probe.readBytes(
      label.directoryOrigin,
      label.directoryLevels,
      Math.ceil((label.directoryItems * FST_LENGTH) / label.blockSize),
      label.directoryItems * FST_LENGTH,
    );
    const fsts: FileStatus[] = [];
    for (let i = 0; i < label.directoryItems; i++) fsts.push(decodeFst(dirBytes, i * FST_LENGTH));
    const [dirFst, mapFst, ...files] = fsts;
    if (dirFst?.filetype !== DIRECTORY_FILETYPE || mapFst?.filetype !== ALLOCMAP_FILETYPE) {
      throw new CmsFsError('BAD_FORMAT', 'CMS directory is damaged');
    }
    const map = probe.readBytes(mapFst.origin, mapFst.levels, mapFst.dataBlocks, mapFst.dataBytes);
    return new CmsDisk(device, label, slot, map, files, dirFst, mapFst);
  }

  // ---- what ACCESS, LISTFILE and QUERY DISK show ----

  get volser(): string {
    return this.label.volser;
  }
  get blockSize(): BlockSize {
    return this.label.blockSize;
  }
  get totalBlocks(): number {
    return this.label.totalBlocks;
  }
  get usedBlocks(): number {
    return this.label.usedBlocks;
  }
  get writable(): boolean {
    return this.device.writable;
  }
  /** Files in directory order. */
  files(): FileStatus[] {
    return [...this.fileTable.values()];
  }
  find(filename: string, filetype: string): FileStatus | undefined {
    return this.fileTable.get(key(filename, filetype));
  }

  // ---- reading ----

  /** A reader over the records of a file. */
  openForRead(filename: string, filetype: string): RecordReader {
    const fst = this.find(filename, filetype);
    if (!fst) throw new CmsFsError('NOT_FOUND', `file ${filename} ${filetype} not found`);
    return new RecordReader(this, fst);
  }

  /** All records of a file (convenience for small files). */
  readRecords(filename: string, filetype: string): Uint8Array[] {
    const reader = this.openForRead(filename, filetype);
    const out: Uint8Array[] = [];
    for (let r = reader.next(); r; r = reader.next()) out.push(r);
    return out;
  }

  /** The data block numbers of a file, in order, and the pointer blocks of its tree. */
  blocksOf(origin: number, levels: number, dataBlocks: number): { data: number[]; pointers: number[] } {
    const data: number[] = [];
    const pointers: number[] = [];
    if (dataBlocks === 0) return { data, pointers };
    if (levels === 0) return { data: [origin], pointers };
    const perBlock = this.label.blockSize / 4;
    const buf = new Uint8Array(this.label.blockSize);
    const view = new DataView(buf.buffer);
    // Walk level by level: each level's blocks are pointer blocks naming the next level.
    let level = [origin];
    for (let l = levels; l > 0; l--) {
      const next: number[] = [];
      const wanted = Math.ceil(dataBlocks / perBlock ** (l - 1));
      for (const p of level) {
        pointers.push(p);
        this.readBlock(p, buf);
        for (let i = 0; i < perBlock && next.length < wanted; i++) next.push(view.getUint32(i * 4));
      }
      level = next;
    }
    data.push(...level);
    return { data, pointers };
  }

  /** Read CMS block `block` into `into`. */
  readBlock(block: number, into: Uint8Array): void {
    this.device.read(block * this.fbaPerBlock, this.fbaPerBlock, into);
  }

  private readBytes(origin: number, levels: number, dataBlocks: number, length: number): Uint8Array {
    const out = new Uint8Array(dataBlocks * this.label.blockSize);
    const buf = new Uint8Array(this.label.blockSize);
    this.blocksOf(origin, levels, dataBlocks).data.forEach((b, i) => {
      this.readBlock(b, buf);
      out.set(buf, i * this.label.blockSize);
    });
    return out.subarray(0, length);
  }

  // ---- writing ----

  /** Start writing a file; nothing is visible on the disk until the writer's close(). */
  openForWrite(filename: string, filetype: string, options: WriteOptions): RecordWriter {
    this.requireWritable();
    if (options.lrecl < 1 || options.lrecl > MAX_LRECL) {
      throw new CmsFsError('BAD_RECORD', `LRECL ${options.lrecl} outside 1-${MAX_LRECL}`);
    }
    const existing = options.append ? this.find(filename, filetype) : undefined;
    if (existing && existing.recfm !== options.recfm) {
      throw new CmsFsError('BAD_RECORD', `file is RECFM ${existing.recfm}`);
    }
    if (existing && existing.recfm === 'F' && existing.lrecl !== options.lrecl) {
      throw new CmsFsError('BAD_RECORD', `file has LRECL ${existing.lrecl}`);
    }
    return new RecordWriter(this, filename, filetype, options, existing);
  }

  /** Erase a file. */
  erase(filename: string, filetype: string, now = new Date()): void {
    this.requireWritable();
    const fst = this.find(filename, filetype);
    if (!fst) throw new CmsFsError('NOT_FOUND', `file ${filename} ${filetype} not found`);
    const freed = this.blocksOfFile(fst);
    this.fileTable.delete(key(filename, filetype));
    try {
      this.commit(new Set(), freed, now);
    } catch (err) {
      this.fileTable.set(key(filename, filetype), fst);
      throw err;
    }
  }

  /** Rename a file (the new name must not exist). */
  rename(filename: string, filetype: string, newName: string, newType: string, now = new Date()): void {
    this.requireWritable();
    const fst = this.find(filename, filetype);
    if (!fst) throw new CmsFsError('NOT_FOUND', `file ${filename} ${filetype} not found`);
    if (this.find(newName, newType)) throw new CmsFsError('EXISTS', `file ${newName} ${newType} already exists`);
    const renamed = { ...fst, filename: newName, filetype: newType };
    const table = [...this.fileTable.entries()].map(([k, f]): [string, FileStatus] =>
      k === key(filename, filetype) ? [key(newName, newType), renamed] : [k, f],
    );
    this.replaceTable(table);
    try {
      this.commit(new Set(), [], now);
    } catch (err) {
      this.replaceTable(table.map(([k, f]) => (f === renamed ? [key(filename, filetype), fst] : [k, f])));
      throw err;
    }
  }

  /** Change the volume label (FORMAT ... (LABEL): one commit, no file touched. */
  relabel(volser: string, now = new Date()): void {
    this.requireWritable();
    const old = this.label;
    this.label = { ...old, volser: volser.toUpperCase().slice(0, 6) };
    try {
      this.commit(new Set(), [], now);
    } catch (err) {
      this.label = old;
      throw err;
    }
  }

  private replaceTable(entries: [string, FileStatus][]): void {
    this.fileTable.clear();
    for (const [k, f] of entries) this.fileTable.set(k, f);
  }

  private requireWritable(): void {
    if (!this.device.writable) throw new CmsFsError('READ_ONLY', 'disk is read-only');
  }

  blocksOfFile(fst: FileStatus): number[] {
    const { data, pointers } = this.blocksOf(fst.origin, fst.levels, fst.dataBlocks);
    return [...data, ...pointers];
  }

  // ---- allocation ----

  private inUse(map: Uint8Array, b: number): boolean {
    return (map[b >> 3] & (0x80 >> (b & 7))) !== 0;
  }

  /**
   * A free block: unused by the committed state, not reserved by an open
   * writer, and (during a commit) not taken in the state being built.
   */
  allocate(building?: Uint8Array): number {
    const total = this.label.totalBlocks;
    for (let n = 0; n < total; n++) {
      const b = (this.allocCursor + n) % total;
      if (this.inUse(this.committed, b) || this.reserved.has(b)) continue;
      if (building && this.inUse(building, b)) continue;
      this.allocCursor = (b + 1) % total;
      if (building) building[b >> 3] |= 0x80 >> (b & 7);
      else this.reserved.add(b);
      return b;
    }
    throw new CmsFsError('DISK_FULL', `disk ${this.label.volser} is full`);
  }

  release(blocks: Iterable<number>): void {
    for (const b of blocks) this.reserved.delete(b);
  }

  writeBlock(block: number, data: Uint8Array): void {
    this.device.write(block * this.fbaPerBlock, this.fbaPerBlock, data);
  }

  /**
   * Build the pointer tree over `data` blocks: returns the origin and levels,
   * writing pointer blocks to blocks from `alloc`.
   */
  writeTree(data: readonly number[], alloc: () => number): { origin: number; levels: number } {
    if (data.length === 0) return { origin: 0, levels: 0 };
    if (data.length === 1) return { origin: data[0], levels: 0 };
    const perBlock = this.label.blockSize / 4;
    let level = data;
    let levels = 0;
    const buf = new Uint8Array(this.label.blockSize);
    const view = new DataView(buf.buffer);
    while (level.length > 1 || levels === 0) {
      const next: number[] = [];
      for (let i = 0; i < level.length; i += perBlock) {
        buf.fill(0);
        level.slice(i, i + perBlock).forEach((b, j) => view.setUint32(j * 4, b));
        const p = alloc();
        this.writeBlock(p, buf);
        next.push(p);
      }
      level = next;
      levels++;
    }
    return { origin: level[0], levels };
  }

  // ---- the commit ----

  /**
   * Make the in-storage directory the disk's: `added` are blocks a writer
   * wrote (now reserved), `freed` blocks no longer used. Writes the
   * directory, the allocation map and finally the label.
   */
  commit(added: ReadonlySet<number>, freed: readonly number[], now: Date): void {
    const building = this.committed.slice();
    for (const b of freed) building[b >> 3] &= ~(0x80 >> (b & 7));
    for (const b of added) building[b >> 3] |= 0x80 >> (b & 7);
    // The old directory and map stay where they are until the label moves on.
    const oldSystem = [...this.blocksOfFile(this.dirFst), ...this.blocksOfFile(this.mapFst)];
    for (const b of oldSystem) building[b >> 3] &= ~(0x80 >> (b & 7));
    // Blocks used by the committed state are never written: allocate() skips
    // them because they are set in this.committed.
    const bs = this.label.blockSize;
    const alloc = (): number => this.allocate(building);
    const items = this.fileTable.size + 2;
    const dirBlocks = Math.ceil((items * FST_LENGTH) / bs);
    const dirData = Array.from({ length: dirBlocks }, alloc);
    const mapLength = building.length;
    const mapBlocks = Math.ceil(mapLength / bs);
    const mapData = Array.from({ length: mapBlocks }, alloc);
    const dirTree = this.writeTree(dirData, alloc);
    const mapTree = this.writeTree(mapData, alloc);
    // Every allocation is done: `building` is the final map.
    const dirFst: FileStatus = {
      ...this.dirFst,
      records: items,
      dataBlocks: dirBlocks,
      origin: dirTree.origin,
      levels: dirTree.levels,
      dataBytes: items * FST_LENGTH,
      written: now,
    };
    const mapFst: FileStatus = {
      ...this.mapFst,
      records: mapLength,
      dataBlocks: mapBlocks,
      origin: mapTree.origin,
      levels: mapTree.levels,
      dataBytes: mapLength,
      written: now,
    };
    const dirBytes = new Uint8Array(dirBlocks * bs);
    encodeFst(dirFst, dirBytes, 0);
    encodeFst(mapFst, dirBytes, FST_LENGTH);
    let at = 2 * FST_LENGTH;
    for (const f of this.fileTable.values()) {
      encodeFst(f, dirBytes, at);
      at += FST_LENGTH;
    }
    dirData.forEach((b, i) => this.writeBlock(b, dirBytes.subarray(i * bs, (i + 1) * bs)));
    const mapBytes = new Uint8Array(mapBlocks * bs);
    mapBytes.set(building);
    mapData.forEach((b, i) => this.writeBlock(b, mapBytes.subarray(i * bs, (i + 1) * bs)));

    let used = 0;
    for (let b = 0; b < this.label.totalBlocks; b++) if (this.inUse(building, b)) used++;
    const label: Label = {
      ...this.label,
      usedBlocks: used,
      directoryOrigin: dirTree.origin,
      directoryLevels: dirTree.levels,
      directoryItems: items,
      generation: this.label.generation + 1,
      committed: now,
    };
    const slot = this.labelSlot === LABEL_SLOTS[0] ? LABEL_SLOTS[1] : LABEL_SLOTS[0];
    this.device.write(slot, 1, encodeLabel(label)); // the commit point
    this.label = label;
    this.labelSlot = slot;
    this.committed = building;
    this.dirFst = dirFst;
    this.mapFst = mapFst;
    for (const b of added) this.reserved.delete(b);
  }

  /** Install a file's new status after its writer finished (used by RecordWriter). */
  installFile(fst: FileStatus, added: Set<number>, freed: number[], now: Date): void {
    const k = key(fst.filename, fst.filetype);
    const previous = this.fileTable.get(k);
    this.fileTable.set(k, fst);
    try {
      this.commit(added, freed, now);
    } catch (err) {
      if (previous) this.fileTable.set(k, previous);
      else this.fileTable.delete(k);
      throw err;
    }
  }
}

function emptyFst(): FileStatus {
  return {
    filename: '',
    filetype: '',
    modeNumber: 0,
    recfm: 'F',
    lrecl: 0,
    records: 0,
    dataBlocks: 0,
    origin: 0,
    levels: 0,
    dataBytes: 0,
    written: new Date(0),
  };
}

/** Reads a file's records in order. F records are LRECL bytes; V records carry a halfword length. */
export class RecordReader {
  private readonly blocks: number[];
  private readonly buf: Uint8Array;
  private blockIndex = -1;
  private offset = 0;
  private consumed = 0;
  readonly status: FileStatus;

  constructor(
    private readonly disk: CmsDisk,
    fst: FileStatus,
  ) {
    this.status = fst;
    this.blocks = disk.blocksOf(fst.origin, fst.levels, fst.dataBlocks).data;
    this.buf = new Uint8Array(disk.blockSize);
    this.offset = disk.blockSize;
  }

  /** The next record, or undefined at the end of the file. */
  next(): Uint8Array | undefined {
    if (this.consumed >= this.status.dataBytes) return undefined;
    let length = this.status.lrecl;
    if (this.status.recfm === 'V') {
      const len = this.take(2);
      length = (len[0] << 8) | len[1];
    }
    return this.take(length);
  }

  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      if (this.offset >= this.buf.length) {
        this.blockIndex++;
        if (this.blockIndex >= this.blocks.length) throw new CmsFsError('BAD_FORMAT', 'file ends inside a record');
        this.disk.readBlock(this.blocks[this.blockIndex], this.buf);
        this.offset = 0;
      }
      const chunk = Math.min(n - filled, this.buf.length - this.offset);
      out.set(this.buf.subarray(this.offset, this.offset + chunk), filled);
      filled += chunk;
      this.offset += chunk;
    }
    this.consumed += n;
    return out;
  }
}

/** Writes a file's records; close() commits, abandon() leaves the disk as it was. */
export class RecordWriter {
  private readonly buf: Uint8Array;
  private fill = 0;
  private readonly data: number[] = [];
  private readonly added = new Set<number>();
  private records = 0;
  private dataBytes = 0;
  private longest = 0;
  private closed = false;
  /** Blocks of the existing file (append) that the new version no longer uses. */
  private readonly replacedBlocks: number[] = [];

  constructor(
    private readonly disk: CmsDisk,
    readonly filename: string,
    readonly filetype: string,
    private readonly options: WriteOptions,
    existing: FileStatus | undefined,
  ) {
    this.buf = new Uint8Array(disk.blockSize);
    if (existing) {
      // Keep the existing full blocks; the partial last block is copied and rewritten elsewhere.
      const { data, pointers } = disk.blocksOf(existing.origin, existing.levels, existing.dataBlocks);
      this.replacedBlocks.push(...pointers);
      const bs = disk.blockSize;
      const partial = existing.dataBytes % bs;
      const full = Math.floor(existing.dataBytes / bs);
      this.data.push(...data.slice(0, full));
      if (partial > 0) {
        disk.readBlock(data[full], this.buf);
        this.fill = partial;
        this.replacedBlocks.push(data[full]);
      }
      this.records = existing.records;
      this.dataBytes = existing.dataBytes;
      this.longest = existing.lrecl;
    }
  }

  /** Add one record. F records must be exactly LRECL bytes; V records 1 to LRECL bytes. */
  write(record: Uint8Array): void {
    if (this.closed) throw new Error('RecordWriter: write after close');
    const { recfm, lrecl } = this.options;
    if (recfm === 'F' && record.length !== lrecl) {
      throw new CmsFsError('BAD_RECORD', `record length ${record.length} is not LRECL ${lrecl}`);
    }
    if (recfm === 'V' && (record.length < 1 || record.length > lrecl)) {
      throw new CmsFsError('BAD_RECORD', `record length ${record.length} outside 1-${lrecl}`);
    }
    if (recfm === 'V') this.put(Uint8Array.of(record.length >> 8, record.length & 0xff));
    this.put(record);
    this.records++;
    this.longest = Math.max(this.longest, record.length);
  }

  private put(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      const chunk = Math.min(bytes.length - at, this.buf.length - this.fill);
      this.buf.set(bytes.subarray(at, at + chunk), this.fill);
      this.fill += chunk;
      at += chunk;
      this.dataBytes += chunk;
      if (this.fill === this.buf.length) this.flushBlock();
    }
  }

  private flushBlock(): void {
    try {
      const b = this.disk.allocate();
      this.added.add(b);
      this.disk.writeBlock(b, this.buf);
      this.data.push(b);
      this.buf.fill(0);
      this.fill = 0;
    } catch (err) {
      this.abandon();
      throw err;
    }
  }

  /** Commit the file. A file with no records is erased, as CMS has no empty files. */
  close(): FileStatus | undefined {
    if (this.closed) throw new Error('RecordWriter: closed twice');
    const now = this.options.now ?? new Date();
    const existing = this.disk.find(this.filename, this.filetype);
    if (this.records === 0) {
      this.abandon();
      if (existing) this.disk.erase(this.filename, this.filetype, now);
      return undefined;
    }
    if (this.fill > 0) this.flushBlock();
    try {
      const tree = this.disk.writeTree(this.data, () => {
        const b = this.disk.allocate();
        this.added.add(b);
        return b;
      });
      const freed = [...this.replacedBlocks];
      if (existing && !this.options.append) freed.push(...this.disk.blocksOfFile(existing));
      const fst: FileStatus = {
        filename: this.filename,
        filetype: this.filetype,
        modeNumber: this.options.modeNumber ?? existing?.modeNumber ?? 1,
        recfm: this.options.recfm,
        lrecl: this.options.recfm === 'F' ? this.options.lrecl : this.longest,
        records: this.records,
        dataBlocks: this.data.length,
        origin: tree.origin,
        levels: tree.levels,
        dataBytes: this.dataBytes,
        written: now,
      };
      this.disk.installFile(fst, this.added, freed, now);
      this.closed = true;
      return fst;
    } catch (err) {
      this.abandon();
      throw err;
    }
  }

  /** Give up: the blocks written so far go back to the free pool; the disk is unchanged. */
  abandon(): void {
    this.closed = true;
    this.disk.release(this.added);
    this.added.clear();
  }
}
