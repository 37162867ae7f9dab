// The I/O instructions: the handlers read the I/O address from bits 16-31
// of the second-operand address, ask the channel subsystem, store the CSW
// at X'40' (or its status portion at X'44') when cc is 1, and set the cc.
// With no channel everything is not operational. The last cases run tiny
// programs that take the I/O interruption in an enabled wait.

import { describe, expect, it } from 'vitest';
import { ChannelStatus } from '../../../s390/ccw.js';
import { Channel } from '../../../s390/channel.js';
import * as io from '../../../s390/instructions/io.js';
import { CE_DE, putCcws, recordDevice } from '../channel-fixture.js';
import { runProgram } from '../helpers.js';
import { directCpu, exec, type DirectCpu } from './general-direct.js';

const CCWS = 0x1000;
const DATA = 0x2000;
const SLI = 0x20;

/** A 370 CPU with a channel holding a record device at 00E. */
function machine(): DirectCpu & { channel: Channel; device: ReturnType<typeof recordDevice> } {
  const m = directCpu('370');
  const channel = new Channel(m.cpu.storage);
  const device = recordDevice(Uint8Array.of(1, 2, 3, 4));
  channel.attach(0x00e, device);
  m.cpu.channel = channel;
  return { ...m, channel, device };
}

const word = (m: DirectCpu, addr: number) => m.cpu.storage.readU32(addr);

describe('I/O instruction handlers', () => {
  it.each(Object.entries(io.ioHandlers))('%s with no channel sets cc 3', (_name, handler) => {
    const m = directCpu('370');
    m.cpu.psw.cc = 0;
    exec(m, handler, { addr2: 0x00e });
    expect(m.cpu.psw.cc).toBe(3);
    expect(m.interruptions).toEqual([]);
  });

  it('the table has exactly the eight S/370 I/O instructions', () => {
    expect(Object.keys(io.ioHandlers).sort()).toEqual(['CLRIO', 'HDV', 'HIO', 'SIO', 'SIOF', 'STIDC', 'TCH', 'TIO']);
  });

  it("SIO fetches the CAW at X'48', starts the program (cc 0) and leaves X'40' alone", () => {
    const m = machine();
    putCcws(m.cpu.storage.bytes, CCWS, [[0x02, DATA, 0, 4]]);
    m.cpu.storage.writeU32(0x48, CCWS);
    m.cpu.storage.writeU32(0x40, 0xdddddddd);
    exec(m, io.startIo, { addr2: 0x00e });
    expect(m.cpu.psw.cc).toBe(0);
    expect(word(m, 0x40)).toBe(0xdddddddd);
    expect([...m.cpu.storage.bytes.subarray(DATA, DATA + 4)]).toEqual([1, 2, 3, 4]);
    expect(m.channel.interruptPending).toBe(true);
  });

  it('the I/O address is bits 16-31 of the operand address: 0FF and 10E are not operational', () => {
    const m = machine();
    m.cpu.storage.writeU32(0x48, CCWS);
    exec(m, io.startIo, { addr2: 0x0ff });
    expect(m.cpu.psw.cc).toBe(3);
    exec(m, io.testIo, { addr2: 0x10e });
    expect(m.cpu.psw.cc).toBe(3);
    exec(m, io.testChannel, { addr2: 0x100 });
    expect(m.cpu.psw.cc).toBe(3);
    exec(m, io.testIo, { addr2: 0xff000e });
    expect(m.cpu.psw.cc).toBe(0);
  });

  it("SIO with a bad CAW: cc 1 and the full CSW stored at X'40'", () => {
    const m = machine();
    m.cpu.storage.writeU32(0x48, 0x0f001000);
    exec(m, io.startIo, { addr2: 0x00e });
    expect(m.cpu.psw.cc).toBe(1);
    expect(word(m, 0x44) >>> 16).toBe(ChannelStatus.ProgramCheck);
  });

  it('SIOF with a bad first CCW: cc 0, deferred cc 1 in the interruption', () => {
    const m = machine();
    putCcws(m.cpu.storage.bytes, CCWS, [[0x02, DATA, 0, 0]]);
    m.cpu.storage.writeU32(0x48, CCWS);
    exec(m, io.startIoFastRelease, { addr2: 0x00e });
    expect(m.cpu.psw.cc).toBe(0);
    expect((m.channel.acceptInterrupt(() => true)!.csw0 >>> 24) & 3).toBe(1);
  });

  it("TIO with an interruption pending: cc 1, CSW at X'40'-X'47'; then cc 0", () => {
    const m = machine();
    putCcws(m.cpu.storage.bytes, CCWS, [[0x02, DATA, 0, 4]]);
    m.cpu.storage.writeU32(0x48, CCWS);
    exec(m, io.startIo, { addr2: 0x00e });
    exec(m, io.testIo, { addr2: 0x00e });
    expect(m.cpu.psw.cc).toBe(1);
    expect(word(m, 0x40)).toBe(CCWS + 8);
    expect(word(m, 0x44)).toBe((CE_DE << 24) >>> 0);
    exec(m, io.testIo, { addr2: 0x00e });
    expect(m.cpu.psw.cc).toBe(0);
  });

  it('CLRIO with an interruption pending: cc 1 and the CSW', () => {
    const m = machine();
    putCcws(m.cpu.storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    m.cpu.storage.writeU32(0x48, CCWS);
    exec(m, io.startIo, { addr2: 0x00e });
    exec(m, io.clearIo, { addr2: 0x00e });
    expect(m.cpu.psw.cc).toBe(1);
    expect(word(m, 0x40)).toBe(CCWS + 8);
  });

  it("HIO and HDV on an idle device: cc 1 storing only the status portion (X'44'-X'45')", () => {
    for (const handler of [io.haltIo, io.haltDevice]) {
      const m = machine();
      m.cpu.storage.writeU32(0x40, 0x11111111);
      m.cpu.storage.writeU32(0x44, 0x22222222);
      exec(m, handler, { addr2: 0x00e });
      expect(m.cpu.psw.cc).toBe(1);
      expect(word(m, 0x40)).toBe(0x11111111);
      expect(word(m, 0x44)).toBe(0x00002222);
    }
  });

  it('TCH: cc 0 on an available channel, cc 1 with an interruption pending', () => {
    const m = machine();
    exec(m, io.testChannel, { addr2: 0x000 });
    expect(m.cpu.psw.cc).toBe(0);
    putCcws(m.cpu.storage.bytes, CCWS, [[0x03, 0, SLI, 1]]);
    m.cpu.storage.writeU32(0x48, CCWS);
    exec(m, io.startIo, { addr2: 0x00e });
    exec(m, io.testChannel, { addr2: 0x0ff });
    expect(m.cpu.psw.cc).toBe(1);
  });

  it("STIDC stores the channel ID at X'A8': channel 0 a byte multiplexer", () => {
    const m = machine();
    exec(m, io.storeChannelId, { addr2: 0x000 });
    expect(m.cpu.psw.cc).toBe(0);
    expect(word(m, 0xa8)).toBe(0x10000000);
    m.cpu.storage.writeU32(0xa8, 0x12345678);
    exec(m, io.storeChannelId, { addr2: 0x100 });
    expect(m.cpu.psw.cc).toBe(3);
    expect(word(m, 0xa8)).toBe(0x12345678);
  });
});

describe('I/O in a running program', () => {
  // 0400 SIO X'00E'; 0404 BC 7,X'500'; 0408 LPSW X'300' (enabled wait).
  // The I/O new PSW at X'78' is a disabled wait at X'777'.
  const code = [0x9c, 0x00, 0x00, 0x0e, 0x47, 0x70, 0x05, 0x00, 0x82, 0x00, 0x03, 0x00];

  it("SIO, then an enabled wait ended by the I/O interruption: CSW at X'40', device in the old PSW", () => {
    const device = recordDevice(Uint8Array.of(0xc1, 0xc2));
    const run = runProgram({
      arch: '370',
      origin: 0x400,
      code,
      setup: (cpu) => {
        const channel = new Channel(cpu.storage);
        channel.attach(0x00e, device);
        cpu.channel = channel;
        putCcws(cpu.storage.bytes, CCWS, [[0x02, DATA, SLI, 2]]);
        cpu.storage.writeU32(0x48, CCWS);
        cpu.storage.writeU32(0x300, 0x80020000);
        cpu.storage.writeU32(0x304, 0);
        cpu.storage.writeU32(0x78, 0x00020000);
        cpu.storage.writeU32(0x7c, 0x777);
        cpu.storage.writeU32(0x500, 0x820001f0);
      },
    });
    expect(run.stop.kind).toBe('wait');
    expect(run.cpu.psw.address).toBe(0x777);
    expect(run.cpu.storage.readU32(0x38)).toBe(0x8002000e);
    expect(run.cpu.storage.readU32(0x40)).toBe(CCWS + 8);
    expect(run.cpu.storage.readU32(0x44)).toBe((CE_DE << 24) >>> 0);
    expect([...run.cpu.storage.bytes.subarray(DATA, DATA + 2)]).toEqual([0xc1, 0xc2]);
  });

  it('a bad first CCW: SIO sets cc 1 (the BC 7 branches) and stores the CSW with program check', () => {
    const run = runProgram({
      arch: '370',
      origin: 0x400,
      code,
      setup: (cpu) => {
        const channel = new Channel(cpu.storage);
        channel.attach(0x00e, recordDevice());
        cpu.channel = channel;
        putCcws(cpu.storage.bytes, CCWS, [[0x00, DATA, SLI, 2]]);
        cpu.storage.writeU32(0x48, CCWS);
        cpu.storage.writeU32(0x500, 0x820001f0);
      },
    });
    expect(run.endedNormally).toBe(true);
    expect(run.cpu.storage.readU32(0x44) >>> 16).toBe(ChannelStatus.ProgramCheck);
  });
});
