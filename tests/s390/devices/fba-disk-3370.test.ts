// 3370 FBA disk: DEFINE EXTENT, LOCATE, READ and WRITE of 512-byte blocks,
// bounds against the extent, SENSE ID and READ DEVICE CHARACTERISTICS.

import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../../s390/ccw.js';
import { FbaDisk3370, memoryBlockStore } from '../../../s390/devices/fba-disk-3370.js';
import { CE_DE, caw, channelWith, cswFields, putCcws, startAndTake } from '../channel-fixture.js';

const CCWS = 0x1000;
const EXTENT = 0x1800;
const LOCATE = 0x1900;
const DATA = 0x4000;
const SENSE = 0x1a00;
const CC = 0x40;
const SLI = 0x20;

function disk(blocks = 100) {
  const store = memoryBlockStore(blocks);
  const device = new FbaDisk3370(store);
  return { store, ...channelWith(device, 0x190) };
}

function word(mem: Uint8Array, at: number, value: number): void {
  mem.set([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff], at);
}

/** DEFINE EXTENT data: mask, origin on the device, first and last block. */
function extent(mem: Uint8Array, mask: number, origin: number, first: number, last: number): void {
  mem.fill(0, EXTENT, EXTENT + 16);
  mem[EXTENT] = mask;
  word(mem, EXTENT + 4, origin);
  word(mem, EXTENT + 8, first);
  word(mem, EXTENT + 12, last);
}

/** LOCATE data: operation, block count, first block. */
function locate(mem: Uint8Array, operation: number, count: number, block: number): void {
  mem.fill(0, LOCATE, LOCATE + 8);
  mem[LOCATE] = operation;
  mem[LOCATE + 2] = count >>> 8;
  mem[LOCATE + 3] = count & 0xff;
  word(mem, LOCATE + 4, block);
}

function program(mem: Uint8Array, command: number, count: number, flags = 0): void {
  putCcws(mem, CCWS, [
    [0x63, EXTENT, CC, 16],
    [0x43, LOCATE, CC, 8],
    [command, DATA, flags, count],
    [0x04, SENSE, SLI, 24],
  ]);
}

describe('3370 blocks', () => {
  it('writes two blocks at an extent with an origin, then reads them back', () => {
    const d = disk();
    for (let i = 0; i < 1024; i++) d.storage.bytes[DATA + i] = i & 0xff;
    extent(d.storage.bytes, 0xc0, 10, 0, 19);
    locate(d.storage.bytes, 0x01, 2, 3);
    program(d.storage.bytes, 0x41, 1024);
    const w = startAndTake(d.channel, 0x190, caw(CCWS));
    expect(cswFields(w.interruption!)).toMatchObject({
      address: CCWS + 24,
      unitStatus: CE_DE,
      channelStatus: 0,
      count: 0,
    });
    // Data-set block 3 of an extent starting at device block 10 is device block 13.
    expect(d.store.bytes[13 * 512 + 1]).toBe(1);
    expect(d.store.bytes[14 * 512 + 511]).toBe(0xff);
    d.storage.bytes.fill(0, DATA, DATA + 1024);
    locate(d.storage.bytes, 0x06, 2, 3);
    program(d.storage.bytes, 0x42, 1024);
    const r = startAndTake(d.channel, 0x190, caw(CCWS));
    expect(cswFields(r.interruption!)).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, count: 0 });
    expect(d.storage.bytes[DATA + 513]).toBe(1);
  });

  it('a LOCATE beyond the extent is rejected: unit check, sense command reject, nothing read', () => {
    const d = disk();
    extent(d.storage.bytes, 0xc0, 0, 0, 9);
    locate(d.storage.bytes, 0x06, 2, 9);
    program(d.storage.bytes, 0x42, 1024);
    const { interruption } = startAndTake(d.channel, 0x190, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ address: CCWS + 16, unitStatus: UnitStatus.UnitCheck });
    putCcws(d.storage.bytes, CCWS + 0x40, [[0x04, SENSE, SLI, 24]]);
    startAndTake(d.channel, 0x190, caw(CCWS + 0x40));
    expect(d.storage.bytes[SENSE]).toBe(0x80);
  });

  it('an extent larger than the device is rejected', () => {
    const d = disk(20);
    extent(d.storage.bytes, 0xc0, 10, 0, 10);
    locate(d.storage.bytes, 0x06, 1, 0);
    program(d.storage.bytes, 0x42, 512);
    const { interruption } = startAndTake(d.channel, 0x190, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ address: CCWS + 8, unitStatus: UnitStatus.UnitCheck });
  });

  it('a write when the mask inhibits all writes is rejected at LOCATE', () => {
    const d = disk();
    extent(d.storage.bytes, 0x40, 0, 0, 9);
    locate(d.storage.bytes, 0x01, 1, 0);
    program(d.storage.bytes, 0x41, 512);
    const { interruption } = startAndTake(d.channel, 0x190, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ address: CCWS + 16, unitStatus: UnitStatus.UnitCheck });
    expect(d.store.bytes.every((b) => b === 0)).toBe(true);
  });

  it('READ without LOCATE, and LOCATE without DEFINE EXTENT, are rejected', () => {
    const d = disk();
    putCcws(d.storage.bytes, CCWS, [[0x42, DATA, 0, 512]]);
    expect(cswFields(startAndTake(d.channel, 0x190, caw(CCWS)).interruption!).unitStatus).toBe(UnitStatus.UnitCheck);
    locate(d.storage.bytes, 0x06, 1, 0);
    putCcws(d.storage.bytes, CCWS, [[0x43, LOCATE, 0, 8]]);
    expect(cswFields(startAndTake(d.channel, 0x190, caw(CCWS)).interruption!).unitStatus).toBe(UnitStatus.UnitCheck);
  });

  it('DEFINE EXTENT holds for one channel program only', () => {
    const d = disk();
    extent(d.storage.bytes, 0xc0, 0, 0, 9);
    putCcws(d.storage.bytes, CCWS, [[0x63, EXTENT, 0, 16]]);
    startAndTake(d.channel, 0x190, caw(CCWS));
    locate(d.storage.bytes, 0x06, 1, 0);
    putCcws(d.storage.bytes, CCWS + 8, [[0x43, LOCATE, 0, 8]]);
    expect(cswFields(startAndTake(d.channel, 0x190, caw(CCWS + 8)).interruption!).unitStatus).toBe(
      UnitStatus.UnitCheck,
    );
  });

  it('a WRITE count short of the located blocks: incorrect length, a partial block filled with zeros', () => {
    const d = disk();
    d.store.bytes.fill(0x55);
    d.storage.bytes.fill(0xaa, DATA, DATA + 600);
    extent(d.storage.bytes, 0xc0, 0, 0, 9);
    locate(d.storage.bytes, 0x01, 2, 0);
    program(d.storage.bytes, 0x41, 600);
    const { interruption } = startAndTake(d.channel, 0x190, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ channelStatus: ChannelStatus.IncorrectLength, count: 0 });
    expect(d.store.bytes[599]).toBe(0xaa);
    expect(d.store.bytes[600]).toBe(0);
  });

  it('READ IPL reads block 0 of the whole device; a LOCATE chained to it needs no DEFINE EXTENT', () => {
    const d = disk();
    d.store.bytes.set([0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00], 0);
    d.store.bytes[7 * 512] = 0x77;
    locate(d.storage.bytes, 0x06, 1, 7);
    putCcws(d.storage.bytes, CCWS, [
      [0x02, DATA, CC | SLI, 24],
      [0x43, LOCATE, CC, 8],
      [0x42, DATA + 0x100, 0, 512],
    ]);
    const { interruption } = startAndTake(d.channel, 0x190, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ address: CCWS + 24, unitStatus: CE_DE, channelStatus: 0 });
    expect([...d.storage.bytes.subarray(DATA, DATA + 8)]).toEqual([0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00]);
    expect(d.storage.bytes[DATA + 24]).toBe(0);
    expect(d.storage.bytes[DATA + 0x100]).toBe(0x77);
  });

  it('READ IPL chained to another command is rejected', () => {
    const d = disk();
    putCcws(d.storage.bytes, CCWS, [
      [0x03, 0, CC | SLI, 1],
      [0x02, DATA, SLI, 24],
    ]);
    expect(cswFields(startAndTake(d.channel, 0x190, caw(CCWS)).interruption!).unitStatus).toBe(UnitStatus.UnitCheck);
  });

  it("SENSE ID: X'FF', 3880 model 1, 3370 model 1", () => {
    const d = disk();
    putCcws(d.storage.bytes, CCWS, [[0xe4, DATA, SLI, 7]]);
    startAndTake(d.channel, 0x190, caw(CCWS));
    expect([...d.storage.bytes.subarray(DATA, DATA + 7)]).toEqual([0xff, 0x38, 0x80, 0x01, 0x33, 0x70, 0x01]);
  });

  it('READ DEVICE CHARACTERISTICS: FBA class, 512-byte blocks, the number of blocks', () => {
    const d = disk(1234);
    putCcws(d.storage.bytes, CCWS, [[0x64, DATA, 0, 32]]);
    const { interruption } = startAndTake(d.channel, 0x190, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ channelStatus: 0, count: 0 });
    const c = d.storage.bytes.subarray(DATA, DATA + 32);
    expect(c[2]).toBe(0x21);
    expect((c[4] << 8) | c[5]).toBe(512);
    expect((c[14] << 24) | (c[15] << 16) | (c[16] << 8) | c[17]).toBe(1234);
  });
});
