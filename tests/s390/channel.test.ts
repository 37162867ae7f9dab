// The channel subsystem's conditions for each I/O function and its queue of
// I/O interruptions (S/370 PoO, GA22-7000, "Input/Output Operations",
// figure "Condition-Code Settings for I/O States and Functions"), driven
// through the ChannelSubsystem interface.

import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../s390/ccw.js';
import { Channel } from '../../s390/channel.js';
import type { CommandResult, DevicePort } from '../../s390/device.js';
import {
  CE_DE,
  ScriptDevice,
  TestStorage,
  caw,
  channelWith,
  cswFields,
  putCcws,
  recordDevice,
} from './channel-fixture.js';

const CCWS = 0x1000;
const DATA = 0x2000;
const SLI = 0x20;

/** A device whose READ (X'02') waits until the test completes it. */
function slowDevice(): ScriptDevice & { finish(result?: CommandResult): void } {
  let pending: ((r: CommandResult) => void) | null = null;
  const device = new ScriptDevice((command, data, complete) => {
    if (command !== 0x02) return { status: CE_DE };
    pending = (r) => {
      data.store(Uint8Array.of(0xc1));
      complete(r);
    };
    return undefined;
  });
  return Object.assign(device, {
    finish(result: CommandResult = { status: CE_DE }) {
      pending!(result);
    },
  });
}

/** A device that can raise status on its own. */
function signallingDevice(): ScriptDevice & { port: DevicePort | null } {
  const device = Object.assign(new ScriptDevice(() => ({ status: CE_DE })), { port: null as DevicePort | null });
  device.attach = (port: DevicePort) => {
    device.port = port;
  };
  return device;
}

describe('not operational', () => {
  it('every function addressed to an empty device or channel sets cc 3', () => {
    const { channel } = channelWith(recordDevice(), 0x00e);
    expect(channel.startIo(0x0ff, caw(CCWS), false).cc).toBe(3);
    expect(channel.startIo(0x10e, caw(CCWS), true).cc).toBe(3);
    expect(channel.testIo(0x0ff).cc).toBe(3);
    expect(channel.clearIo(0x0ff).cc).toBe(3);
    expect(channel.haltIo(0x0ff).cc).toBe(3);
    expect(channel.haltDevice(0x0ff).cc).toBe(3);
    expect(channel.testChannel(1)).toBe(3);
    expect(channel.storeChannelId(1)).toEqual({ cc: 3 });
  });

  it('a channel with a device attached is operational', () => {
    const { channel } = channelWith(recordDevice(), 0x00e);
    expect(channel.testChannel(0)).toBe(0);
    expect(channel.testIo(0x00e).cc).toBe(0);
  });

  it('STORE CHANNEL ID: channel 0 is a byte multiplexer, others block multiplexers', () => {
    const storage = new TestStorage();
    const channel = new Channel(storage);
    channel.attach(0x00e, recordDevice());
    channel.attach(0x190, recordDevice());
    expect(channel.storeChannelId(0)).toEqual({ cc: 0, channelId: 0x10000000 });
    expect(channel.storeChannelId(1)).toEqual({ cc: 0, channelId: 0x20000000 });
  });

  it('snapshot lists the devices and what is pending', () => {
    const { channel, storage } = channelWith(recordDevice(), 0x00e);
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    channel.startIo(0x00e, caw(CCWS), false);
    expect(channel.snapshot()).toEqual({
      devices: [{ address: 0x00e, type: 'TEST', working: false }],
      pending: [{ device: 0x00e, kind: 'end' }],
    });
  });

  it('a detached device is not operational, its pending interruption is gone, and the address can be reused', () => {
    const { channel, storage } = channelWith(recordDevice(), 0x00e);
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    expect(channel.startIo(0x00e, caw(CCWS), false).cc).toBe(0);
    expect(channel.interruptPending).toBe(true);
    expect(channel.detach(0x00e)?.type).toBe('TEST');
    expect(channel.interruptPending).toBe(false);
    expect(channel.startIo(0x00e, caw(CCWS), false).cc).toBe(3);
    expect(channel.detach(0x00e)).toBeUndefined();
    channel.attach(0x00e, recordDevice());
    expect(channel.testIo(0x00e).cc).toBe(0);
  });

  it('attaching twice at one address is a vmcms error', () => {
    const { channel } = channelWith(recordDevice(), 0x00e);
    expect(() => channel.attach(0x00e, recordDevice())).toThrow(/already in use/);
  });
});

describe('START I/O', () => {
  it('CAW with bits 4-7 not zero: cc 1, CSW with program check', () => {
    const { channel } = channelWith(recordDevice());
    const result = channel.startIo(0x00e, 0x01001000, false);
    expect(result.cc).toBe(1);
    expect(cswFields(result.csw!).channelStatus).toBe(ChannelStatus.ProgramCheck);
    expect(channel.interruptPending).toBe(false);
  });

  it('CAW CCW address off a doubleword: cc 1, CSW with program check', () => {
    const { channel } = channelWith(recordDevice());
    const result = channel.startIo(0x00e, caw(CCWS + 4), false);
    expect(result.cc).toBe(1);
    expect(cswFields(result.csw!).channelStatus).toBe(ChannelStatus.ProgramCheck);
  });

  it('SIOF reports a bad first CCW later, as an interruption with deferred cc 1', () => {
    const { channel, storage } = channelWith(recordDevice());
    putCcws(storage.bytes, CCWS, [[0x00, DATA, 0, 1]]);
    expect(channel.startIo(0x00e, caw(CCWS), true).cc).toBe(0);
    const interruption = channel.acceptInterrupt(() => true)!;
    expect(cswFields(interruption)).toMatchObject({
      deferredCc: 1,
      address: CCWS + 8,
      channelStatus: ChannelStatus.ProgramCheck,
    });
  });

  it('a command the device rejects comes as an interruption with unit check, SIO cc 0', () => {
    const device = new ScriptDevice(() => ({ status: UnitStatus.UnitCheck }));
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [[0x05, DATA, SLI, 10]]);
    expect(channel.startIo(0x00e, caw(CCWS), false).cc).toBe(0);
    const csw = cswFields(channel.acceptInterrupt(() => true)!);
    expect(csw).toMatchObject({ address: CCWS + 8, unitStatus: UnitStatus.UnitCheck, channelStatus: 0, count: 10 });
  });

  it('while the ending interruption is pending in the subchannel: cc 2', () => {
    const { channel, storage } = channelWith(recordDevice());
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    expect(channel.startIo(0x00e, caw(CCWS), false).cc).toBe(0);
    expect(channel.startIo(0x00e, caw(CCWS), false).cc).toBe(2);
  });

  it('status the device raised on its own: cc 1, status portion with busy, condition cleared', () => {
    const device = signallingDevice();
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    device.port!.presentStatus(UnitStatus.Attention);
    const result = channel.startIo(0x00e, caw(CCWS), false);
    expect(result.cc).toBe(1);
    expect(result.statusOnly).toBe(true);
    expect(cswFields(result.csw!).unitStatus).toBe(UnitStatus.Attention | UnitStatus.Busy);
    expect(channel.interruptPending).toBe(false);
    expect(channel.startIo(0x00e, caw(CCWS), false).cc).toBe(0);
  });

  it('while a device works on a command that completes later: busy, SIO and TIO cc 2', async () => {
    const device = slowDevice();
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, SLI, 4]]);
    expect(channel.startIo(0x00e, caw(CCWS), false).cc).toBe(0);
    expect(channel.busy).toBe(true);
    expect(channel.interruptPending).toBe(false);
    expect(channel.startIo(0x00e, caw(CCWS), false).cc).toBe(2);
    expect(channel.testIo(0x00e).cc).toBe(2);
    const pending = channel.whenInterruptPending();
    device.finish();
    await pending;
    expect(channel.busy).toBe(false);
    expect(storage.bytes[DATA]).toBe(0xc1);
    expect(cswFields(channel.acceptInterrupt(() => true)!)).toMatchObject({
      unitStatus: CE_DE,
      channelStatus: 0,
      count: 3,
    });
  });
});

describe('TEST I/O and CLEAR I/O', () => {
  it('TIO with an interruption pending: cc 1, full CSW stored, the interruption cleared', () => {
    const { channel, storage } = channelWith(recordDevice());
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    channel.startIo(0x00e, caw(CCWS), false);
    const result = channel.testIo(0x00e);
    expect(result.cc).toBe(1);
    expect(result.statusOnly).toBeFalsy();
    expect(cswFields(result.csw!)).toMatchObject({ address: CCWS + 8, unitStatus: CE_DE });
    expect(channel.interruptPending).toBe(false);
    expect(channel.testIo(0x00e).cc).toBe(0);
  });

  it('CLRIO with an interruption pending: cc 1 with the CSW; on an idle device cc 0', () => {
    const { channel, storage } = channelWith(recordDevice());
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    channel.startIo(0x00e, caw(CCWS), false);
    const result = channel.clearIo(0x00e);
    expect(result.cc).toBe(1);
    expect(cswFields(result.csw!).unitStatus).toBe(CE_DE);
    expect(channel.clearIo(0x00e).cc).toBe(0);
  });

  it('CLRIO on a working subchannel ends the program: cc 1, CSW, no interruption afterwards', async () => {
    const device = slowDevice();
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, SLI, 4]]);
    channel.startIo(0x00e, caw(CCWS), false);
    const result = channel.clearIo(0x00e);
    expect(result.cc).toBe(1);
    expect(cswFields(result.csw!)).toMatchObject({ address: CCWS + 8, unitStatus: 0, count: 4 });
    expect(device.halted).toBe(1);
    expect(channel.busy).toBe(false);
    expect(channel.interruptPending).toBe(false);
  });
});

describe('HALT I/O and HALT DEVICE', () => {
  it.each([
    ['HIO', (c: Channel) => c.haltIo(0x00e)],
    ['HDV', (c: Channel) => c.haltDevice(0x00e)],
  ])('%s on a working subchannel: cc 1 with zero status, then CE+DE as an interruption', (_name, halt) => {
    const device = slowDevice();
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, SLI, 4]]);
    channel.startIo(0x00e, caw(CCWS), false);
    const result = halt(channel);
    expect(result).toMatchObject({ cc: 1, statusOnly: true });
    expect(cswFields(result.csw!)).toMatchObject({ unitStatus: 0, channelStatus: 0 });
    expect(device.halted).toBe(1);
    expect(cswFields(channel.acceptInterrupt(() => true)!)).toMatchObject({
      unitStatus: CE_DE,
      address: CCWS + 8,
      count: 4,
    });
  });

  it('a completion arriving after HIO is ignored', () => {
    const device = slowDevice();
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, SLI, 4]]);
    channel.startIo(0x00e, caw(CCWS), false);
    channel.haltIo(0x00e);
    channel.acceptInterrupt(() => true);
    device.finish();
    expect(channel.interruptPending).toBe(false);
    expect(storage.bytes[DATA]).toBe(0);
  });

  it('HIO with an interruption pending in the subchannel: cc 0; on an idle device: cc 1, zero status', () => {
    const { channel, storage } = channelWith(recordDevice());
    expect(channel.haltIo(0x00e)).toMatchObject({ cc: 1, statusOnly: true });
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    channel.startIo(0x00e, caw(CCWS), false);
    expect(channel.haltIo(0x00e).cc).toBe(0);
    expect(channel.interruptPending).toBe(true);
  });
});

describe('the interruption queue', () => {
  it('TCH shows cc 1 while an interruption is pending on the channel', () => {
    const { channel, storage } = channelWith(recordDevice());
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    channel.startIo(0x00e, caw(CCWS), false);
    expect(channel.testChannel(0)).toBe(1);
    channel.acceptInterrupt(() => true);
    expect(channel.testChannel(0)).toBe(0);
  });

  it('interruptions are handed over oldest first, from enabled channels only', () => {
    const storage = new TestStorage();
    const channel = new Channel(storage);
    channel.attach(0x00e, recordDevice());
    channel.attach(0x10c, recordDevice());
    channel.attach(0x00d, recordDevice());
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    channel.startIo(0x00e, caw(CCWS), false);
    channel.startIo(0x10c, caw(CCWS), false);
    channel.startIo(0x00d, caw(CCWS), false);
    expect(channel.acceptInterrupt((ch) => ch === 1)!.device).toBe(0x10c);
    expect(channel.acceptInterrupt((ch) => ch === 1)).toBeNull();
    expect(channel.acceptInterrupt(() => true)!.device).toBe(0x00e);
    expect(channel.acceptInterrupt(() => true)!.device).toBe(0x00d);
    expect(channel.interruptPending).toBe(false);
  });

  it('unsolicited attention is queued with only the unit status', () => {
    const device = signallingDevice();
    const { channel } = channelWith(device);
    device.port!.presentStatus(UnitStatus.Attention);
    const interruption = channel.acceptInterrupt(() => true)!;
    expect(interruption).toEqual({ device: 0x00e, csw0: 0, csw1: 0x80000000 });
  });

  it('whenInterruptPending resolves at once when something is pending', async () => {
    const { channel, storage } = channelWith(recordDevice());
    putCcws(storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    channel.startIo(0x00e, caw(CCWS), false);
    await expect(channel.whenInterruptPending()).resolves.toBeUndefined();
  });

  it('system reset drops pending interruptions and ends work in progress', () => {
    const device = slowDevice();
    const { channel, storage } = channelWith(device);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, SLI, 4]]);
    channel.startIo(0x00e, caw(CCWS), false);
    channel.reset();
    expect(channel.busy).toBe(false);
    expect(channel.interruptPending).toBe(false);
    device.finish();
    expect(channel.interruptPending).toBe(false);
    expect(channel.testIo(0x00e).cc).toBe(0);
  });
});
