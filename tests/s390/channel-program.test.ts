// The CCW interpreter: flags, TIC, counts, incorrect length and the checks
// a channel makes on CCWs and data addresses (S/370 PoO, GA22-7000,
// "Input/Output Operations": "Chaining", "Channel Command Word",
// "Contents of Channel Status Word"). Each case puts a channel program in
// storage, issues START I/O and reads the CSW of the interruption.

import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../s390/ccw.js';
import {
  CE_DE,
  ScriptDevice,
  ascii,
  caw,
  channelWith,
  cswFields,
  putCcws,
  recordDevice,
  startAndTake,
} from './channel-fixture.js';

const CCWS = 0x1000;
const DATA = 0x2000;
const CD = 0x80;
const CC = 0x40;
const SLI = 0x20;
const SKIP = 0x10;
const PCI = 0x08;

describe('data transfer and counts', () => {
  it('a read with the exact count ends CE+DE, residual 0, CSW address = CCW + 8', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('ABCDEFGH')));
    putCcws(storage.bytes, CCWS, [[0x02, DATA, 0, 8]]);
    const { result, interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(result.cc).toBe(0);
    expect(interruption!.device).toBe(0x00e);
    expect(cswFields(interruption!)).toEqual({
      key: 0,
      deferredCc: 0,
      address: CCWS + 8,
      unitStatus: CE_DE,
      channelStatus: 0,
      count: 0,
    });
    expect(storage.bytes.subarray(DATA, DATA + 8)).toEqual(ascii('ABCDEFGH'));
    expect(storage.changedBytes).toBe(8);
  });

  it('the CSW carries the CAW key', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('AB')));
    storage.setKey(DATA, 3);
    storage.setKey(CCWS, 3);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, 0, 2]]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS, 3));
    expect(cswFields(interruption!).key).toBe(3);
    expect(cswFields(interruption!).channelStatus).toBe(0);
  });

  it('count longer than the record without SLI: incorrect length and the residual count', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('12345')));
    putCcws(storage.bytes, CCWS, [[0x02, DATA, 0, 12]]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({
      unitStatus: CE_DE,
      channelStatus: ChannelStatus.IncorrectLength,
      count: 7,
    });
  });

  it('count shorter than the record: incorrect length with residual 0; SLI suppresses it', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('123456789')));
    putCcws(storage.bytes, CCWS, [
      [0x02, DATA, 0, 4],
      [0x02, DATA + 0x10, SLI, 4],
    ]);
    const first = startAndTake(channel, 0x00e, caw(CCWS)).interruption!;
    expect(cswFields(first)).toMatchObject({ channelStatus: ChannelStatus.IncorrectLength, count: 0 });
    const second = startAndTake(channel, 0x00e, caw(CCWS + 8)).interruption!;
    expect(cswFields(second)).toMatchObject({ channelStatus: 0, count: 0 });
    expect(storage.bytes[DATA + 0x14]).toBe(0);
    expect(storage.bytes.subarray(DATA + 0x10, DATA + 0x14)).toEqual(ascii('1234'));
  });

  it('data chaining spreads one record over two areas; the second command code is ignored', () => {
    const device = recordDevice(ascii('HELLOWORLD'));
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x02, DATA, CD, 5],
      [0x00, DATA + 0x100, 0, 5],
    ]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(device.commands).toEqual([0x02]);
    expect(cswFields(interruption!)).toMatchObject({
      address: CCWS + 16,
      unitStatus: CE_DE,
      channelStatus: 0,
      count: 0,
    });
    expect(storage.bytes.subarray(DATA, DATA + 5)).toEqual(ascii('HELLO'));
    expect(storage.bytes.subarray(DATA + 0x100, DATA + 0x105)).toEqual(ascii('WORLD'));
  });

  it('data chaining on output gathers one write from several areas', () => {
    const device = recordDevice();
    const { channel, storage } = channelWith(device);
    storage.bytes.set(ascii('DATA '), DATA);
    storage.bytes.set(ascii('CHAINED'), DATA + 0x80);
    putCcws(storage.bytes, CCWS, [
      [0x01, DATA, CD, 5],
      [0x01, DATA + 0x80, SLI, 7],
    ]);
    startAndTake(channel, 0x00e, caw(CCWS));
    expect(Buffer.from(device.written[0]).toString('latin1')).toBe('DATA CHAINED');
  });

  it('a device that stops inside a data-chained CCW gets incorrect length even with SLI', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('ABC')));
    putCcws(storage.bytes, CCWS, [
      [0x02, DATA, CD | SLI, 5],
      [0x02, DATA + 8, SLI, 5],
    ]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({
      address: CCWS + 8,
      channelStatus: ChannelStatus.IncorrectLength,
      count: 2,
    });
  });

  it('SKIP counts the bytes but stores nothing', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('SKIPPED')));
    storage.bytes.fill(0xee, DATA, DATA + 16);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, SKIP, 7]]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, count: 0 });
    expect([...storage.bytes.subarray(DATA, DATA + 7)]).toEqual(Array(7).fill(0xee));
  });

  it('READ BACKWARD stores bytes at descending addresses from the data address', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('ABC')));
    putCcws(storage.bytes, CCWS, [[0x0c, DATA + 2, 0, 3]]);
    startAndTake(channel, 0x00e, caw(CCWS));
    expect(storage.bytes.subarray(DATA, DATA + 3)).toEqual(ascii('CBA'));
  });

  it('an immediate control command with count 1 needs SLI to avoid incorrect length', () => {
    const { channel, storage } = channelWith(recordDevice());
    putCcws(storage.bytes, CCWS, [
      [0x0b, 0, 0, 1],
      [0x0b, 0, SLI, 1],
    ]);
    expect(cswFields(startAndTake(channel, 0x00e, caw(CCWS)).interruption!)).toMatchObject({
      channelStatus: ChannelStatus.IncorrectLength,
      count: 1,
    });
    expect(cswFields(startAndTake(channel, 0x00e, caw(CCWS + 8)).interruption!)).toMatchObject({
      channelStatus: 0,
      count: 1,
    });
  });

  it('CONTROL NO-OPERATION never shows incorrect length', () => {
    const { channel, storage } = channelWith(recordDevice());
    putCcws(storage.bytes, CCWS, [[0x03, 0, 0, 5]]);
    expect(cswFields(startAndTake(channel, 0x00e, caw(CCWS)).interruption!)).toMatchObject({
      channelStatus: 0,
      count: 5,
    });
  });

  it('a rejected command without SLI: unit check with incorrect length, the whole count left', () => {
    const device = new ScriptDevice(() => ({ status: UnitStatus.UnitCheck }));
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [[0x05, DATA, 0, 10]]);
    expect(cswFields(startAndTake(channel, 0x00e, caw(CCWS)).interruption!)).toMatchObject({
      unitStatus: UnitStatus.UnitCheck,
      channelStatus: ChannelStatus.IncorrectLength,
      count: 10,
    });
  });
});

describe('command chaining and TIC', () => {
  it('chains on device end; the CSW names the last CCW used', () => {
    const device = recordDevice(ascii('XY'));
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x02, DATA, CC, 2],
      [0x03, 0, CC | SLI, 1],
      [0x02, DATA + 8, 0, 2],
    ]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(device.commands).toEqual([0x02, 0x03, 0x02]);
    expect(device.chained).toEqual([false, true, true]);
    expect(cswFields(interruption!)).toMatchObject({
      address: CCWS + 24,
      unitStatus: CE_DE,
      channelStatus: 0,
      count: 0,
    });
  });

  it('incorrect length ends the chain', () => {
    const device = recordDevice(ascii('XYZ'));
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x02, DATA, CC, 2],
      [0x02, DATA + 8, 0, 3],
    ]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(device.commands).toEqual([0x02]);
    expect(cswFields(interruption!)).toMatchObject({ address: CCWS + 8, channelStatus: ChannelStatus.IncorrectLength });
  });

  it.each([
    ['unit check', UnitStatus.UnitCheck],
    ['unit exception', UnitStatus.UnitException],
  ])('%s ends the chain and appears in the CSW', (_name, extra) => {
    const device = new ScriptDevice(() => ({ status: CE_DE | extra }));
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x03, 0, CC | SLI, 1],
      [0x03, 0, SLI, 1],
    ]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(device.commands).toHaveLength(1);
    expect(cswFields(interruption!).unitStatus).toBe(CE_DE | extra);
  });

  it('attention along with channel end and device end ends the chain', () => {
    const device = new ScriptDevice(() => ({ status: CE_DE | UnitStatus.Attention }));
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x03, 0, CC | SLI, 1],
      [0x03, 0, SLI, 1],
    ]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(device.commands).toHaveLength(1);
    expect(cswFields(interruption!).unitStatus).toBe(CE_DE | UnitStatus.Attention);
  });

  it('status modifier with device end skips one CCW', () => {
    const device = new ScriptDevice((command) => ({
      status: command === 0x07 ? CE_DE | UnitStatus.StatusModifier : CE_DE,
    }));
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x07, 0, CC | SLI, 1],
      [0x0b, 0, SLI, 1],
      [0x13, 0, SLI, 1],
    ]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(device.commands).toEqual([0x07, 0x13]);
    expect(cswFields(interruption!).address).toBe(CCWS + 24);
  });

  it('TIC continues the chain at its target', () => {
    const device = recordDevice();
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x03, 0, CC | SLI, 1],
      [0x08, CCWS + 0x40, 0, 0],
      [0x0b, 0, SLI, 1],
    ]);
    putCcws(storage.bytes, CCWS + 0x40, [[0x13, 0, SLI, 1]]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(device.commands).toEqual([0x03, 0x13]);
    expect(cswFields(interruption!)).toMatchObject({ address: CCWS + 0x48, channelStatus: 0 });
  });
});

describe('program and protection checks', () => {
  it('TIC to a TIC: program check, CSW at the second TIC + 8, after the first command', () => {
    const device = recordDevice();
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x03, 0, CC | SLI, 1],
      [0x08, CCWS + 0x40, 0, 0],
    ]);
    putCcws(storage.bytes, CCWS + 0x40, [[0x08, CCWS, 0, 0]]);
    const { result, interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(result.cc).toBe(0);
    expect(cswFields(interruption!)).toMatchObject({
      address: CCWS + 0x48,
      unitStatus: CE_DE,
      channelStatus: ChannelStatus.ProgramCheck,
    });
  });

  it.each([
    ['command code 0', [0x00, DATA, 0, 1]],
    ['count 0', [0x02, DATA, 0, 0]],
    ['flag bits 37-39 set (no IDA here)', [0x02, DATA, 0x04, 1]],
    ['TIC as the first CCW', [0x08, CCWS + 0x40, 0, 0]],
    ['TIC to an address off a doubleword', [0x08, CCWS + 0x44, 0, 0]],
  ] as Array<[string, [number, number, number, number]]>)(
    'first CCW with %s: SIO cc 1, CSW stored with program check, nothing started',
    (_name, first) => {
      const device = recordDevice();
      const { channel, storage } = channelWith(device);
      putCcws(storage.bytes, CCWS, [first]);
      putCcws(storage.bytes, CCWS + 0x40, [[0x03, 0, SLI, 1]]);
      const result = channel.startIo(0x00e, caw(CCWS), false);
      expect(result.cc).toBe(1);
      expect(result.statusOnly).toBeFalsy();
      expect(cswFields(result.csw!)).toMatchObject({
        address: CCWS + 8,
        unitStatus: 0,
        channelStatus: ChannelStatus.ProgramCheck,
      });
      expect(device.commands).toEqual([]);
      expect(channel.interruptPending).toBe(false);
    },
  );

  it('an invalid command reached by command chaining: CE+DE of the previous command and program check', () => {
    const device = recordDevice();
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x03, 0, CC | SLI, 1],
      [0xf0, DATA, 0, 1],
    ]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({
      address: CCWS + 16,
      unitStatus: CE_DE,
      channelStatus: ChannelStatus.ProgramCheck,
    });
  });

  it('a data address outside storage: program check, transfer stopped', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('ABCDEFGH')));
    const top = storage.bytes.length;
    putCcws(storage.bytes, CCWS, [[0x02, top - 4, 0, 8]]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ unitStatus: CE_DE, channelStatus: ChannelStatus.ProgramCheck });
    expect(storage.bytes.subarray(top - 4)).toEqual(ascii('ABCD'));
  });

  it('a CCW address outside storage: program check at SIO', () => {
    const { channel } = channelWith(recordDevice());
    const result = channel.startIo(0x00e, caw(0xfffff8), false);
    expect(result.cc).toBe(1);
    expect(cswFields(result.csw!).channelStatus).toBe(ChannelStatus.ProgramCheck);
  });

  it('storing into a block whose key differs from the CAW key: protection check', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('ABCD')));
    storage.setKey(DATA, 5);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, 0, 4]]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS, 6));
    expect(cswFields(interruption!)).toMatchObject({ key: 6, channelStatus: ChannelStatus.ProtectionCheck });
    expect(storage.bytes[DATA]).toBe(0);
  });

  it('key 0 may store anywhere; the matching key too', () => {
    const { channel, storage } = channelWith(recordDevice(ascii('ABCD')));
    storage.setKey(DATA, 5);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, 0, 4]]);
    expect(cswFields(startAndTake(channel, 0x00e, caw(CCWS, 0)).interruption!).channelStatus).toBe(0);
    expect(cswFields(startAndTake(channel, 0x00e, caw(CCWS, 5)).interruption!).channelStatus).toBe(0);
  });

  it('writing from a fetch-protected block with another key: protection check', () => {
    const device = recordDevice();
    const { channel, storage } = channelWith(device);
    storage.setKey(DATA, 5, true);
    putCcws(storage.bytes, CCWS, [[0x01, DATA, 0, 4]]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS, 6));
    expect(cswFields(interruption!).channelStatus).toBe(ChannelStatus.ProtectionCheck);
    expect(device.written[0]).toHaveLength(0);
  });

  it('fetching a CCW from a fetch-protected block with another key: protection check at SIO', () => {
    const { channel, storage } = channelWith(recordDevice());
    storage.setKey(CCWS, 5, true);
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    const result = channel.startIo(0x00e, caw(CCWS, 6), false);
    expect(result.cc).toBe(1);
    expect(cswFields(result.csw!).channelStatus).toBe(ChannelStatus.ProtectionCheck);
  });
});

describe('program-controlled interruption', () => {
  it('a program that runs to its end merges PCI into the ending CSW', () => {
    const { channel, storage } = channelWith(recordDevice());
    putCcws(storage.bytes, CCWS, [
      [0x03, 0, CC | SLI | PCI, 1],
      [0x03, 0, SLI, 1],
    ]);
    const { interruption } = startAndTake(channel, 0x00e, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({
      unitStatus: CE_DE,
      channelStatus: ChannelStatus.ProgramControlledInterruption,
    });
    expect(channel.interruptPending).toBe(false);
  });

  it('a program waiting for its device presents PCI as an interruption of its own first', () => {
    let finish: ((r: { status: number }) => void) | null = null;
    const device = new ScriptDevice((command, _data, complete) => {
      if (command === 0x0a) {
        finish = complete;
        return undefined;
      }
      return { status: CE_DE };
    });
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [
      [0x03, 0, CC | SLI | PCI, 1],
      [0x0a, DATA, SLI, 1],
    ]);
    expect(channel.startIo(0x00e, caw(CCWS), false).cc).toBe(0);
    const pci = channel.acceptInterrupt(() => true)!;
    expect(cswFields(pci)).toMatchObject({
      unitStatus: 0,
      channelStatus: ChannelStatus.ProgramControlledInterruption,
      address: CCWS + 16,
    });
    finish!({ status: CE_DE });
    const end = channel.acceptInterrupt(() => true)!;
    expect(cswFields(end)).toMatchObject({ unitStatus: CE_DE, channelStatus: 0 });
  });
});
