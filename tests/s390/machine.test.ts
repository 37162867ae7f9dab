// The bare machine (s390/machine.ts): device specs, and a run that waits
// for outside input (a console read) and then goes on.

import { describe, expect, it } from 'vitest';
import { FixedTodSource } from '../../s390/clock.js';
import { Console3215 } from '../../s390/devices/index.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { BareMachine, parseDeviceSpec } from '../../s390/machine.js';
import { TEST_TOD_START } from './helpers.js';
import { LPSW, s, words } from './encode.js';

describe('device specs', () => {
  it.each([
    ['00E=1403,out.txt', { address: 0x00e, type: '1403', file: 'out.txt' }],
    ['009=3215', { address: 0x009, type: '3215', file: undefined }],
    ['c=2540r,deck,with,commas', { address: 0x00c, type: '2540R', file: 'deck,with,commas' }],
  ])('%s', (text, spec) => {
    expect(parseDeviceSpec(text)).toEqual(spec);
  });

  it.each(['', '00E', 'XYZ=1403', '12345=1403'])('rejects %j', (text) => {
    expect(() => parseDeviceSpec(text)).toThrow(/bad device/);
  });
});

describe('BareMachine', () => {
  it('an enabled wait for a console read ends when the line arrives', async () => {
    let deliver: (line: string) => void = () => {};
    const console3215 = new Console3215({
      write: () => {},
      read: () => new Promise((resolve) => (deliver = resolve)),
    });
    const machine = new BareMachine({ arch: '370', storageBytes: 1 << 20, clock: new FixedTodSource(TEST_TOD_START) });
    machine.attach({ address: 0x009, type: '3215' }, () => console3215);
    const cpu = machine.cpu;
    // SIO 009 with CAW -> CCW X'500': READ INQUIRY into X'600', SLI, 80 bytes;
    // then an enabled wait (BC mode, channel 0) until the I/O interruption,
    // whose new PSW is a disabled wait at X'777'.
    cpu.storage.load(0x400, [...s(0x9c00, 0, 0x009), ...LPSW(0x410), 0x07, 0x07, 0x07, 0x07]);
    cpu.storage.load(0x410, words(0x80020000, 0x999));
    cpu.storage.load(0x48, words(0x500));
    cpu.storage.load(0x500, words(0x0a000600, 0x20000050));
    cpu.storage.load(0x78, words(0x000a0000, 0x777));
    cpu.loadPsw(0, 0x400);
    const done = machine.run(1_000_000);
    await Promise.resolve();
    expect(cpu.psw.address).toBe(0x999); // waiting, not stopped
    deliver('HELLO');
    expect(await done).toEqual({ stop: 'wait' });
    expect(cpu.psw.address).toBe(0x777);
    expect(Array.from(cpu.storage.bytes.subarray(0x600, 0x605))).toEqual(Array.from(toEbcdic('HELLO')));
    expect(cpu.storage.readU16(0x38 + 2)).toBe(0x009); // BC mode: device address in the old PSW
  });

  it('stops at the instruction limit', async () => {
    const machine = new BareMachine({ arch: '390', storageBytes: 1 << 20 });
    machine.cpu.storage.load(0x400, [0x47, 0xf0, 0x04, 0x00]); // BC 15,X'400'
    machine.cpu.loadPsw(0x00080000, 0x400);
    expect(await machine.run(12345)).toEqual({ stop: 'limit' });
    expect(machine.cpu.instructions).toBe(12345);
  });
});
