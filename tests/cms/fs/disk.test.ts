import { describe, expect, it } from 'vitest';
import { FBA_BLOCK, MemoryBlockDevice, type BlockDevice } from '../../../cms/fs/block-device.js';
import { CmsDisk, CmsFsError } from '../../../cms/fs/disk.js';
import { toEbcdicPadded, fromEbcdic, toEbcdic } from '../../../s390/ebcdic.js';

const NOW = new Date(Date.UTC(2026, 10, 26, 9, 30, 15));
const card = (text: string): Uint8Array => toEbcdicPadded(text, 80);

function writeFile(disk: CmsDisk, fn: string, ft: string, records: Uint8Array[], recfm: 'F' | 'V' = 'F', lrecl = 80) {
  const w = disk.openForWrite(fn, ft, { recfm, lrecl, now: NOW });
  for (const r of records) w.write(r);
  return w.close();
}

/** A device that "crashes" (throws, writing nothing more) after a number of block writes. */
class CrashingDevice implements BlockDevice {
  writesLeft: number;
  constructor(
    readonly inner: MemoryBlockDevice,
    writes: number,
  ) {
    this.writesLeft = writes;
  }
  get blockCount() {
    return this.inner.blockCount;
  }
  get writable() {
    return true;
  }
  read(block: number, count: number, into: Uint8Array) {
    this.inner.read(block, count, into);
  }
  write(block: number, count: number, from: Uint8Array) {
    if (this.writesLeft-- <= 0) throw new Error('power failure');
    this.inner.write(block, count, from);
  }
}

describe('FORMAT and ACCESS', () => {
  it.each([512, 1024, 2048, 4096] as const)('an empty %i-byte-block disk accesses with no files', (bs) => {
    const dev = new MemoryBlockDevice(4000);
    CmsDisk.format(dev, 'CMS191', bs, NOW);
    const disk = CmsDisk.access(dev);
    expect(disk.files()).toEqual([]);
    expect(disk.volser).toBe('CMS191');
    expect(disk.blockSize).toBe(bs);
    expect(disk.totalBlocks).toBe(Math.floor((4000 * FBA_BLOCK) / bs));
    expect(disk.usedBlocks).toBeGreaterThan(0);
  });

  it('refuses an unformatted disk', () => {
    expect(() => CmsDisk.access(new MemoryBlockDevice(100))).toThrow(
      expect.objectContaining({ reason: 'NOT_FORMATTED' }),
    );
  });

  it('refuses to format a read-only disk', () => {
    expect(() => CmsDisk.format(new MemoryBlockDevice(100, false), 'X')).toThrow(CmsFsError);
  });
});

describe('files', () => {
  it('F 80 records written are read back, also after a re-ACCESS', () => {
    const dev = new MemoryBlockDevice(4000);
    const disk = CmsDisk.format(dev, 'USR191');
    const records = Array.from({ length: 500 }, (_, i) => card(`RECORD ${i}`));
    const fst = writeFile(disk, 'PROFILE', 'EXEC', records)!;
    expect([fst.records, fst.recfm, fst.lrecl]).toEqual([500, 'F', 80]);
    expect(fst.dataBlocks).toBe(Math.ceil((500 * 80) / 4096));
    const again = CmsDisk.access(dev);
    const back = again.readRecords('PROFILE', 'EXEC');
    expect(back.length).toBe(500);
    expect(fromEbcdic(back[499]).trimEnd()).toBe('RECORD 499');
    expect(again.find('PROFILE', 'EXEC')?.written.toISOString()).toBe(NOW.toISOString());
  });

  it('V records keep their lengths, including a 65535-byte record', () => {
    const dev = new MemoryBlockDevice(4000);
    const disk = CmsDisk.format(dev, 'V');
    const big = new Uint8Array(65535).map((_, i) => i & 0xff);
    const fst = writeFile(disk, 'BIG', 'DATA', [toEbcdic('A'), big, toEbcdic('END')], 'V', 65535)!;
    expect([fst.records, fst.lrecl]).toEqual([3, 65535]);
    const back = CmsDisk.access(dev).readRecords('BIG', 'DATA');
    expect(back.map((r) => r.length)).toEqual([1, 65535, 3]);
    expect(back[1]).toEqual(big);
  });

  it('a file with no records does not exist (CMS has no empty files)', () => {
    const disk = CmsDisk.format(new MemoryBlockDevice(400), 'E');
    expect(writeFile(disk, 'EMPTY', 'FILE', [])).toBeUndefined();
    expect(disk.find('EMPTY', 'FILE')).toBeUndefined();
  });

  it('rejects records of the wrong length and LRECL past 65535', () => {
    const disk = CmsDisk.format(new MemoryBlockDevice(400), 'E');
    const w = disk.openForWrite('A', 'B', { recfm: 'F', lrecl: 80 });
    expect(() => w.write(new Uint8Array(79))).toThrow(expect.objectContaining({ reason: 'BAD_RECORD' }));
    w.abandon();
    expect(() => disk.openForWrite('A', 'B', { recfm: 'V', lrecl: 65536 })).toThrow(CmsFsError);
  });

  it('appends to an existing file (the partial last block rewritten elsewhere)', () => {
    const dev = new MemoryBlockDevice(4000);
    const disk = CmsDisk.format(dev, 'A', 512);
    writeFile(disk, 'LOG', 'FILE', [card('ONE'), card('TWO')]);
    const w = disk.openForWrite('LOG', 'FILE', { recfm: 'F', lrecl: 80, append: true });
    for (let i = 0; i < 20; i++) w.write(card(`MORE ${i}`));
    w.close();
    const back = CmsDisk.access(dev)
      .readRecords('LOG', 'FILE')
      .map((r) => fromEbcdic(r).trimEnd());
    expect(back.length).toBe(22);
    expect(back.slice(0, 3)).toEqual(['ONE', 'TWO', 'MORE 0']);
  });

  it('replacing a file frees its old blocks', () => {
    const disk = CmsDisk.format(new MemoryBlockDevice(4000), 'A');
    const before = disk.usedBlocks;
    for (let i = 0; i < 10; i++)
      writeFile(
        disk,
        'SAME',
        'FILE',
        Array.from({ length: 200 }, () => card('X')),
      );
    const dataBlocks = Math.ceil((200 * 80) / 4096);
    expect(disk.usedBlocks).toBe(before + dataBlocks + 1); // the data blocks and one pointer block
  });

  it('erases and renames', () => {
    const dev = new MemoryBlockDevice(4000);
    const disk = CmsDisk.format(dev, 'A');
    writeFile(disk, 'OLD', 'NAME', [card('DATA')]);
    writeFile(disk, 'GONE', 'FILE', [card('DATA')]);
    disk.rename('OLD', 'NAME', 'NEW', 'NAME');
    disk.erase('GONE', 'FILE');
    expect(() => disk.erase('GONE', 'FILE')).toThrow(expect.objectContaining({ reason: 'NOT_FOUND' }));
    writeFile(disk, 'OTHER', 'FILE', [card('X')]);
    expect(() => disk.rename('NEW', 'NAME', 'OTHER', 'FILE')).toThrow(expect.objectContaining({ reason: 'EXISTS' }));
    const again = CmsDisk.access(dev);
    expect(again.files().map((f) => `${f.filename} ${f.filetype}`)).toEqual(['NEW NAME', 'OTHER FILE']);
  });

  it('holds 1000 files, whose directory spans many blocks', () => {
    const dev = new MemoryBlockDevice(20000);
    const disk = CmsDisk.format(dev, 'MANY', 1024);
    for (let i = 0; i < 1000; i++) writeFile(disk, `F${i}`, 'DATA', [card(`FILE ${i}`)]);
    const again = CmsDisk.access(dev);
    expect(again.files().length).toBe(1000);
    expect(fromEbcdic(again.readRecords('F999', 'DATA')[0]).trimEnd()).toBe('FILE 999');
  });

  it('a read-only disk can be read but not written', () => {
    const dev = new MemoryBlockDevice(400);
    writeFile(CmsDisk.format(dev, 'A'), 'X', 'Y', [card('Z')]);
    const ro = new MemoryBlockDevice(400, false);
    ro.bytes.set(dev.bytes);
    const disk = CmsDisk.access(ro);
    expect(disk.readRecords('X', 'Y').length).toBe(1);
    expect(() => disk.openForWrite('A', 'B', { recfm: 'F', lrecl: 80 })).toThrow(
      expect.objectContaining({ reason: 'READ_ONLY' }),
    );
    expect(() => disk.erase('X', 'Y')).toThrow(expect.objectContaining({ reason: 'READ_ONLY' }));
  });
});

describe('a full disk and crashes never break the disk', () => {
  it('a write that fills the disk fails and leaves the old file intact', () => {
    const dev = new MemoryBlockDevice(200);
    const disk = CmsDisk.format(dev, 'SMALL', 512);
    writeFile(disk, 'KEEP', 'FILE', [card('PRECIOUS')]);
    const used = disk.usedBlocks;
    expect(() =>
      writeFile(
        disk,
        'KEEP',
        'FILE',
        Array.from({ length: 5000 }, () => card('TOO MUCH')),
      ),
    ).toThrow(expect.objectContaining({ reason: 'DISK_FULL' }));
    expect(disk.usedBlocks).toBe(used);
    expect(fromEbcdic(disk.readRecords('KEEP', 'FILE')[0]).trimEnd()).toBe('PRECIOUS');
    // the space is usable again afterwards
    writeFile(disk, 'SMALL', 'FILE', [card('FITS')]);
    expect(CmsDisk.access(dev).files().length).toBe(2);
  });

  it('a crash at any write of a replace leaves either the old or the new file, whole', () => {
    const base = new MemoryBlockDevice(3000);
    const disk = CmsDisk.format(base, 'CRASH', 512);
    writeFile(
      disk,
      'DATA',
      'FILE',
      Array.from({ length: 30 }, (_, i) => card(`OLD ${i}`)),
    );
    const snapshot = base.bytes.slice();
    for (let crashAfter = 0; crashAfter < 60; crashAfter++) {
      const inner = new MemoryBlockDevice(3000);
      inner.bytes.set(snapshot);
      const d = CmsDisk.access(new CrashingDevice(inner, crashAfter));
      let crashed = false;
      try {
        writeFile(
          d,
          'DATA',
          'FILE',
          Array.from({ length: 90 }, (_, i) => card(`NEW ${i}`)),
        );
      } catch {
        crashed = true;
      }
      const after = CmsDisk.access(inner);
      const records = after.readRecords('DATA', 'FILE').map((r) => fromEbcdic(r).trimEnd());
      if (records.length === 30) expect(records.every((r, i) => r === `OLD ${i}`)).toBe(true);
      else {
        expect(records.length).toBe(90);
        expect(records.every((r, i) => r === `NEW ${i}`)).toBe(true);
      }
      if (!crashed) expect(records.length).toBe(90);
    }
  });

  it('a torn label write falls back to the other label slot', () => {
    const dev = new MemoryBlockDevice(400);
    const disk = CmsDisk.format(dev, 'TORN');
    writeFile(disk, 'FIRST', 'FILE', [card('1')]);
    writeFile(disk, 'SECOND', 'FILE', [card('2')]);
    // The newest label is in one of FBA blocks 1 and 2: tear the newer one.
    const gen = (slot: number) => new DataView(dev.bytes.buffer, slot * 512).getUint32(40);
    const newest = gen(1) > gen(2) ? 1 : 2;
    dev.bytes[newest * 512 + 20] ^= 0xff;
    const again = CmsDisk.access(dev);
    expect(again.files().map((f) => f.filename)).toEqual(['FIRST']);
  });
});
