// 1403 printer: write with spacing, overprint, immediate space and skip,
// data chaining, the carriage tape, SENSE and command reject. The output is
// text with the carriage motion as control characters.

import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../../s390/ccw.js';
import { Printer1403 } from '../../../s390/devices/printer-1403.js';
import { toEbcdic } from '../../../s390/ebcdic.js';
import { CE_DE, caw, channelWith, cswFields, putCcws, startAndTake } from '../channel-fixture.js';

const CCWS = 0x1000;
const DATA = 0x2000;
const CD = 0x80;
const CC = 0x40;
const SLI = 0x20;

/** A printer at 00E whose output is collected; `lines` are placed in storage, 0x100 apart. */
function printer(lines: string[], options = {}) {
  let out = '';
  const device = new Printer1403((t) => (out += t), options);
  const setup = channelWith(device, 0x00e);
  lines.forEach((l, i) => setup.storage.bytes.set(toEbcdic(l), DATA + 0x100 * i));
  return { ...setup, output: () => out };
}

const at = (i: number) => DATA + 0x100 * i;

describe('1403 printing', () => {
  it('write and space 1/2/3 after print: the line, then that many line ends', () => {
    const p = printer(['ONE', 'TWO', 'THREE']);
    putCcws(p.storage.bytes, CCWS, [
      [0x09, at(0), CC | SLI, 3],
      [0x11, at(1), CC | SLI, 3],
      [0x19, at(2), SLI, 5],
    ]);
    const { result, interruption } = startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(result.cc).toBe(0);
    expect(cswFields(interruption!)).toMatchObject({
      address: CCWS + 24,
      unitStatus: CE_DE,
      channelStatus: 0,
      count: 0,
    });
    expect(p.output()).toBe('ONE\nTWO\n\nTHREE\n\n\n');
  });

  it('write without spacing ends with a carriage return, so the next line overprints it', () => {
    const p = printer(['FIRST', 'SECOND']);
    putCcws(p.storage.bytes, CCWS, [
      [0x01, at(0), CC | SLI, 5],
      [0x09, at(1), SLI, 6],
    ]);
    startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(p.output()).toBe('FIRST\rSECOND\n');
  });

  it('a line built from two data-chained CCWs prints once', () => {
    const p = printer(['DATA CHAINED ', 'ACROSS TWO CCWS']);
    putCcws(p.storage.bytes, CCWS, [
      [0x09, at(0), CD | SLI, 13],
      [0x00, at(1), SLI, 15],
    ]);
    startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(p.output()).toBe('DATA CHAINED ACROSS TWO CCWS\n');
  });

  it('trailing blanks are dropped', () => {
    const p = printer(['TEXT      ']);
    putCcws(p.storage.bytes, CCWS, [[0x09, at(0), SLI, 10]]);
    startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(p.output()).toBe('TEXT\n');
  });

  it("immediate space (X'0B', X'1B') moves the carriage without printing", () => {
    const p = printer(['A']);
    putCcws(p.storage.bytes, CCWS, [
      [0x09, at(0), CC | SLI, 1],
      [0x0b, 0, CC | SLI, 1],
      [0x1b, 0, SLI, 1],
    ]);
    startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(p.output()).toBe('A\n\n\n\n\n');
  });

  it('skip to channel 1 goes through the top of the form: a form feed, immediate or after print', () => {
    const p = printer(['PAGE ONE', 'PAGE TWO']);
    putCcws(p.storage.bytes, CCWS, [
      [0x09, at(0), CC | SLI, 8],
      [0x8b, 0, CC | SLI, 1],
      [0x89, at(1), SLI, 8],
    ]);
    startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(p.output()).toBe('PAGE ONE\n\fPAGE TWO\f');
  });

  it('skip to a channel further down the form spaces to its line', () => {
    const p = printer(['TOP', 'AT 10'], { tape: { linesPerPage: 20, channels: { 1: [1], 2: [10] } } });
    putCcws(p.storage.bytes, CCWS, [
      [0x09, at(0), CC | SLI, 3], // line 1 -> 2
      [0x93, 0, CC | SLI, 1], // skip to channel 2: line 10
      [0x09, at(1), SLI, 5],
    ]);
    startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(p.output()).toBe('TOP\n' + '\n'.repeat(8) + 'AT 10\n');
  });

  it('spacing onto a channel 12 punch ends with unit exception (form overflow)', () => {
    const p = printer(['L'], { tape: { linesPerPage: 6, channels: { 1: [1], 12: [4] } } });
    putCcws(p.storage.bytes, CCWS, [
      [0x09, at(0), CC | SLI, 1], // 1 -> 2
      [0x09, at(0), CC | SLI, 1], // 2 -> 3
      [0x09, at(0), CC | SLI, 1], // 3 -> 4: overflow
      [0x09, at(0), SLI, 1],
    ]);
    const { interruption } = startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({
      address: CCWS + 24,
      unitStatus: CE_DE | UnitStatus.UnitException,
    });
    expect(p.output()).toBe('L\nL\nL\n');
  });

  it('a count beyond the 132 print positions without SLI: incorrect length', () => {
    const p = printer(['X'.repeat(140)]);
    putCcws(p.storage.bytes, CCWS, [[0x09, at(0), 0, 140]]);
    const { interruption } = startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ channelStatus: ChannelStatus.IncorrectLength, count: 8 });
    expect(p.output()).toBe('X'.repeat(132) + '\n');
  });

  it('an invalid command: unit check alone, residual the full count; SENSE then shows command reject', () => {
    const p = printer([]);
    putCcws(p.storage.bytes, CCWS, [
      [0x05, at(0), SLI, 10],
      [0x04, at(1), SLI, 1],
    ]);
    const { interruption } = startAndTake(p.channel, 0x00e, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({
      address: CCWS + 8,
      unitStatus: UnitStatus.UnitCheck,
      channelStatus: 0,
      count: 10,
    });
    const sense = startAndTake(p.channel, 0x00e, caw(CCWS + 8)).interruption!;
    expect(cswFields(sense)).toMatchObject({ unitStatus: CE_DE, count: 0 });
    expect(p.storage.bytes[at(1)]).toBe(0x80);
    // Sense is reset once read.
    startAndTake(p.channel, 0x00e, caw(CCWS + 8));
    expect(p.storage.bytes[at(1)]).toBe(0x00);
    expect(p.output()).toBe('');
  });

  it.each([0x8f, 0x0f, 0xf1, 0x49].map((c) => [c.toString(16).toUpperCase(), c]))(
    "command X'%s' is not a 1403 command",
    (_hex, command) => {
      const p = printer(['A']);
      putCcws(p.storage.bytes, CCWS, [[command, at(0), SLI, 1]]);
      expect(cswFields(startAndTake(p.channel, 0x00e, caw(CCWS)).interruption!).unitStatus).toBe(UnitStatus.UnitCheck);
    },
  );
});
