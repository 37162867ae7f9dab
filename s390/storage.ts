// Main storage and its storage keys.
//
// One Uint8Array holds the bytes; a second holds one storage key per block:
// 2K-byte blocks in S/370 mode (SSK/ISK, GA22-7000 chapter "Protection",
// topic "Storage Keys"), 4K-byte blocks in ESA/390 mode (SSKE/ISKE,
// SA22-7201 chapter "Storage", topic "Storage Key"). The key byte is laid out
// as the key appears in bits 24-31 of the register operand of SSK/ISK:
//
//    0       3   4   5   6   7
//   +---------+---+---+---+---+
//   |   ACC   | F | R | C | 0 |
//   +---------+---+---+---+---+
//   ACC access-control bits, F fetch protection, R reference, C change.
//
// Addresses given here are real addresses already wrapped to the addressing
// mode by the caller (the CPU); this class knows nothing of PSWs. It also
// serves as the channel's ChannelStorage (s390/channel-program.ts).

/** Storage-key bits, as in bits 24-31 of the SSK/ISK register operand. */
export const enum KeyBit {
  Fetch = 0x08,
  Reference = 0x04,
  Change = 0x02,
}

export class Storage {
  readonly bytes: Uint8Array;
  /** One key byte per block (see the diagram above). */
  readonly keys: Uint8Array;
  readonly size: number;
  /** log2 of the key-block size: 11 (2K, S/370) or 12 (4K, ESA/390). */
  readonly blockShift: 11 | 12;

  constructor(size: number, blockShift: 11 | 12) {
    if (size <= 0 || size % 4096 !== 0) throw new Error(`storage size ${size} is not a positive multiple of 4K`);
    this.bytes = new Uint8Array(size);
    this.size = size;
    this.blockShift = blockShift;
    this.keys = new Uint8Array(size >>> blockShift);
  }

  get blockSize(): number {
    return 1 << this.blockShift;
  }

  /** The key byte of the block holding `addr` (which must be inside storage). */
  keyOf(addr: number): number {
    return this.keys[addr >>> this.blockShift];
  }

  setKey(addr: number, key: number): void {
    this.keys[addr >>> this.blockShift] = key & 0xfe;
  }

  /**
   * Key-controlled protection (PoO "Protection", topic "Key-Controlled
   * Protection"): a store is allowed when the access key is 0 or equals the
   * storage key; a fetch also when the block is not fetch-protected.
   */
  permits(addr: number, accessKey: number, store: boolean): boolean {
    if (accessKey === 0) return true;
    const key = this.keys[addr >>> this.blockShift];
    if (key >>> 4 === accessKey) return true;
    return !store && (key & KeyBit.Fetch) === 0;
  }

  /** The channel's name for permits() (ChannelStorage in s390/channel-program.ts). */
  keyAllows(addr: number, key: number, store: boolean): boolean {
    return this.permits(addr, key, store);
  }

  /** The channel stored `length` bytes at `addr`: set the reference and change bits. */
  changed(addr: number, length: number): void {
    if (length > 0) this.mark(addr, length, true);
  }

  /** Set the reference bit (and the change bit for a store) of every block in [addr, addr + length). */
  mark(addr: number, length: number, store: boolean): void {
    const bits = store ? KeyBit.Reference | KeyBit.Change : KeyBit.Reference;
    const last = (addr + length - 1) >>> this.blockShift;
    for (let b = addr >>> this.blockShift; b <= last; b++) this.keys[b] |= bits;
  }

  readU8(addr: number): number {
    return this.bytes[addr];
  }
  readU16(addr: number): number {
    const m = this.bytes;
    return (m[addr] << 8) | m[addr + 1];
  }
  readU32(addr: number): number {
    const m = this.bytes;
    return ((m[addr] << 24) | (m[addr + 1] << 16) | (m[addr + 2] << 8) | m[addr + 3]) >>> 0;
  }
  writeU8(addr: number, value: number): void {
    this.bytes[addr] = value;
    this.keys[addr >>> this.blockShift] |= KeyBit.Reference | KeyBit.Change;
  }
  writeU16(addr: number, value: number): void {
    const m = this.bytes;
    m[addr] = value >>> 8;
    m[addr + 1] = value;
    this.mark(addr, 2, true);
  }
  writeU32(addr: number, value: number): void {
    const m = this.bytes;
    m[addr] = value >>> 24;
    m[addr + 1] = value >>> 16;
    m[addr + 2] = value >>> 8;
    m[addr + 3] = value;
    this.mark(addr, 4, true);
  }

  /**
   * Copy host bytes into storage (image loading, --set). Like a loader outside
   * the machine it leaves the reference and change bits alone.
   */
  load(addr: number, data: ArrayLike<number>): void {
    if (addr < 0 || addr + data.length > this.size) throw new RangeError('load outside storage');
    this.bytes.set(data, addr);
  }

  snapshot(): { size: number; blockSize: number } {
    return { size: this.size, blockSize: this.blockSize };
  }
}
