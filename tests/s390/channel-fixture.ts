// Shared pieces for the channel and device tests: a keyed storage that
// satisfies ChannelStorage, CCW writers, a scripted test device, and a
// readable CSW.

import { UnitStatus } from '../../s390/ccw.js';
import type { ChannelStorage } from '../../s390/channel.js';
import { Channel } from '../../s390/channel.js';
import type { IoInterruption, IoResult } from '../../s390/channel-subsystem.js';
import type { CommandResult, DataTransfer, Device, DevicePort } from '../../s390/device.js';

export const CE_DE = UnitStatus.ChannelEnd | UnitStatus.DeviceEnd;

/** 64K of storage with S/370 storage keys (2K blocks): key in bits 0-3, fetch protection bit 4. */
export class TestStorage implements ChannelStorage {
  readonly bytes: Uint8Array;
  readonly keys: Uint8Array;
  changedBytes = 0;

  constructor(size = 64 * 1024) {
    this.bytes = new Uint8Array(size);
    this.keys = new Uint8Array(size >>> 11);
  }

  setKey(addr: number, key: number, fetchProtected = false): void {
    this.keys[addr >>> 11] = (key << 4) | (fetchProtected ? 0x08 : 0);
  }

  keyAllows(addr: number, key: number, store: boolean): boolean {
    if (key === 0) return true;
    const k = this.keys[addr >>> 11];
    if (k >>> 4 === key) return true;
    return !store && (k & 0x08) === 0;
  }

  changed(_addr: number, length: number): void {
    this.changedBytes += length;
  }
}

/** Write one format-0 CCW at `at`. */
export function putCcw(mem: Uint8Array, at: number, command: number, data: number, flags: number, count: number): void {
  mem.set([command, data >>> 16, (data >>> 8) & 0xff, data & 0xff, flags, 0, count >>> 8, count & 0xff], at);
}

/** Write consecutive CCWs starting at `at`. */
export function putCcws(mem: Uint8Array, at: number, ccws: Array<[number, number, number, number]>): void {
  ccws.forEach(([command, data, flags, count], i) => putCcw(mem, at + 8 * i, command, data, flags, count));
}

/** A CAW: key in bits 0-3, CCW address in bits 8-31. */
export function caw(ccwAddress: number, key = 0): number {
  return ((key << 28) | ccwAddress) >>> 0;
}

export interface CswFields {
  key: number;
  deferredCc: number;
  address: number;
  unitStatus: number;
  channelStatus: number;
  count: number;
}

/** The fields of a CSW, for readable assertions. */
export function cswFields(csw: { csw0: number; csw1: number }): CswFields {
  return {
    key: csw.csw0 >>> 28,
    deferredCc: (csw.csw0 >>> 24) & 3,
    address: csw.csw0 & 0xffffff,
    unitStatus: csw.csw1 >>> 24,
    channelStatus: (csw.csw1 >>> 16) & 0xff,
    count: csw.csw1 & 0xffff,
  };
}

export type Behaviour = (
  command: number,
  data: DataTransfer,
  complete: (result: CommandResult) => void,
) => CommandResult | undefined;

/** A device whose behaviour the test writes; it records the commands it got. */
export class ScriptDevice implements Device {
  readonly type = 'TEST';
  readonly commands: number[] = [];
  readonly chained: boolean[] = [];
  halted = 0;
  /** Set by a test that wants the port for unsolicited status. */
  attach?: (port: DevicePort) => void;

  constructor(private readonly behaviour: Behaviour) {}

  execute(command: number, data: DataTransfer, complete: (result: CommandResult) => void): CommandResult | undefined {
    this.commands.push(command);
    this.chained.push(data.chained);
    return this.behaviour(command, data, complete);
  }

  halt(): void {
    this.halted++;
  }
}

/**
 * A plain record device: reads offer `record`, writes take up to `writeMax`
 * bytes into `written`, control is immediate, everything ends CE+DE.
 */
export function recordDevice(
  record: Uint8Array = new Uint8Array(0),
  writeMax = 256,
): ScriptDevice & { written: Uint8Array[] } {
  const written: Uint8Array[] = [];
  const device = new ScriptDevice((command, data) => {
    const kind = command & 0x03;
    if (command === 0x04 || kind === 0x02 || (command & 0x0f) === 0x0c) data.store(record);
    else if (kind === 0x01) written.push(data.fetch(writeMax));
    return { status: CE_DE };
  });
  return Object.assign(device, { written });
}

/** A channel over fresh test storage with `device` at `address`. */
export function channelWith(device: Device, address = 0x00e): { channel: Channel; storage: TestStorage } {
  const storage = new TestStorage();
  const channel = new Channel(storage);
  channel.attach(address, device);
  return { channel, storage };
}

/** START I/O, then take the interruption it caused (from any channel). */
export function startAndTake(
  channel: Channel,
  address: number,
  cawWord: number,
  fast = false,
): { result: IoResult; interruption: IoInterruption | null } {
  const result = channel.startIo(address, cawWord, fast);
  return { result, interruption: channel.acceptInterrupt(() => true) };
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
