// 3215 console: writes go to the console line at once; READ INQUIRY waits
// for the operator's line and completes the channel program then.

import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../../s390/ccw.js';
import { Console3215, type ConsoleLine } from '../../../s390/devices/console-3215.js';
import { fromEbcdic, toEbcdic } from '../../../s390/ebcdic.js';
import { CE_DE, caw, channelWith, cswFields, putCcws, startAndTake } from '../channel-fixture.js';

const CCWS = 0x1000;
const DATA = 0x2000;
const CC = 0x40;
const SLI = 0x20;

/** A console line the test types into. */
class TestLine implements ConsoleLine {
  written = '';
  alarms = 0;
  private readers: Array<{ resolve: (s: string) => void; reject: (e: Error) => void }> = [];
  write(text: string): void {
    this.written += text;
  }
  read(): Promise<string> {
    return new Promise((resolve, reject) => this.readers.push({ resolve, reject }));
  }
  alarm(): void {
    this.alarms++;
  }
  type(text: string): void {
    this.readers.shift()!.resolve(text);
  }
  close(): void {
    this.readers.shift()!.reject(new Error('end of input'));
  }
}

function console3215() {
  const line = new TestLine();
  const device = new Console3215(line);
  return { line, device, ...channelWith(device, 0x009) };
}

describe('3215 console', () => {
  it('WRITE without and with carriage return', () => {
    const c = console3215();
    c.storage.bytes.set(toEbcdic('READY; '), DATA);
    c.storage.bytes.set(toEbcdic('T=0.01'), DATA + 0x100);
    putCcws(c.storage.bytes, CCWS, [
      [0x01, DATA, CC, 7],
      [0x09, DATA + 0x100, 0, 6],
    ]);
    const { interruption } = startAndTake(c.channel, 0x009, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, count: 0 });
    expect(c.line.written).toBe('READY; T=0.01\n');
  });

  it('READ INQUIRY completes when the operator enters a line', async () => {
    const c = console3215();
    putCcws(c.storage.bytes, CCWS, [[0x0a, DATA, SLI, 130]]);
    expect(c.channel.startIo(0x009, caw(CCWS), false).cc).toBe(0);
    expect(c.channel.busy).toBe(true);
    const pending = c.channel.whenInterruptPending();
    c.line.type('query time');
    await pending;
    const csw = cswFields(c.channel.acceptInterrupt(() => true)!);
    expect(csw).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, count: 120 });
    expect(fromEbcdic(c.storage.bytes, DATA, DATA + 10)).toBe('query time');
  });

  it('a line longer than the count: the count is filled, incorrect length without SLI', async () => {
    const c = console3215();
    putCcws(c.storage.bytes, CCWS, [[0x0a, DATA, 0, 4]]);
    c.channel.startIo(0x009, caw(CCWS), false);
    const pending = c.channel.whenInterruptPending();
    c.line.type('ABCDEFG');
    await pending;
    const csw = cswFields(c.channel.acceptInterrupt(() => true)!);
    expect(csw).toMatchObject({ channelStatus: ChannelStatus.IncorrectLength, count: 0 });
    expect(fromEbcdic(c.storage.bytes, DATA, DATA + 5)).toBe('ABCD\0');
  });

  it('HALT I/O ends a waiting read; a line typed afterwards is not stored', async () => {
    const c = console3215();
    putCcws(c.storage.bytes, CCWS, [[0x0a, DATA, SLI, 10]]);
    c.channel.startIo(0x009, caw(CCWS), false);
    expect(c.channel.haltIo(0x009).cc).toBe(1);
    expect(cswFields(c.channel.acceptInterrupt(() => true)!).unitStatus).toBe(CE_DE);
    c.line.type('LATE');
    await Promise.resolve();
    expect(c.storage.bytes[DATA]).toBe(0);
    expect(c.channel.interruptPending).toBe(false);
  });

  it('end of input: the read ends with unit check, intervention required', async () => {
    const c = console3215();
    putCcws(c.storage.bytes, CCWS, [
      [0x0a, DATA, SLI, 10],
      [0x04, DATA + 0x100, SLI, 1],
    ]);
    c.channel.startIo(0x009, caw(CCWS), false);
    const pending = c.channel.whenInterruptPending();
    c.line.close();
    await pending;
    expect(cswFields(c.channel.acceptInterrupt(() => true)!).unitStatus).toBe(CE_DE | UnitStatus.UnitCheck);
    startAndTake(c.channel, 0x009, caw(CCWS + 8));
    expect(c.storage.bytes[DATA + 0x100]).toBe(0x40);
  });

  it("AUDIBLE ALARM sounds the line's alarm", () => {
    const c = console3215();
    putCcws(c.storage.bytes, CCWS, [[0x0b, 0, SLI, 1]]);
    startAndTake(c.channel, 0x009, caw(CCWS));
    expect(c.line.alarms).toBe(1);
  });

  it('REQUEST gives attention', () => {
    const c = console3215();
    c.device.request();
    expect(cswFields(c.channel.acceptInterrupt(() => true)!).unitStatus).toBe(UnitStatus.Attention);
  });
});
