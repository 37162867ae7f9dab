// 2540R / 3505 card reader: channel programs that read cards, the end of
// the deck, and SENSE. Card images are EBCDIC, 80 columns.

import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../../s390/ccw.js';
import { CardReader2540, ebcdicDeck, textDeck } from '../../../s390/devices/card-reader-2540.js';
import { fromEbcdic, toEbcdic } from '../../../s390/ebcdic.js';
import { CE_DE, caw, channelWith, cswFields, putCcws, startAndTake } from '../channel-fixture.js';

const CCWS = 0x1000;
const DATA = 0x2000;
const CD = 0x80;
const CC = 0x40;
const SLI = 0x20;

function reader(lines: string[], eof?: boolean) {
  const device = new CardReader2540(textDeck(lines.map((l) => l + '\n').join('')), { type: '3505', eof });
  return { device, ...channelWith(device, 0x00c) };
}

function text(mem: Uint8Array, at: number, length: number): string {
  return fromEbcdic(mem, at, at + length);
}

describe('text decks', () => {
  it('one card per line, translated to EBCDIC and padded with blanks to 80 columns', () => {
    const deck = textDeck('HELLO\r\nWORLD\n');
    expect(deck).toHaveLength(2);
    expect(deck[0]).toHaveLength(80);
    expect(fromEbcdic(deck[0])).toBe('HELLO'.padEnd(80));
    expect(fromEbcdic(deck[1])).toBe('WORLD'.padEnd(80));
  });

  it('an empty line is a blank card; no card after the last line end', () => {
    expect(textDeck('\n').map((c) => fromEbcdic(c))).toEqual([' '.repeat(80)]);
    expect(textDeck('')).toEqual([]);
    expect(textDeck('A\nB')).toHaveLength(2);
  });

  it('a line longer than a card is cut at column 80', () => {
    const [card] = textDeck('X'.repeat(90));
    expect(fromEbcdic(card)).toBe('X'.repeat(80));
  });

  it("an EBCDIC deck is split into 80-byte cards, a short last card padded with X'40'", () => {
    const deck = ebcdicDeck(toEbcdic('A'.repeat(80) + 'B'));
    expect(deck.map((c) => fromEbcdic(c).trimEnd())).toEqual(['A'.repeat(80), 'B']);
  });
});

describe('reading', () => {
  it('two cards by command chaining, each count 80: CE+DE, residual 0', () => {
    const { channel, storage } = reader(['CARD ONE', 'CARD TWO']);
    putCcws(storage.bytes, CCWS, [
      [0x02, DATA, CC, 80],
      [0x02, DATA + 80, 0, 80],
    ]);
    const { result, interruption } = startAndTake(channel, 0x00c, caw(CCWS));
    expect(result.cc).toBe(0);
    expect(cswFields(interruption!)).toMatchObject({
      address: CCWS + 16,
      unitStatus: CE_DE,
      channelStatus: 0,
      count: 0,
    });
    expect(text(storage.bytes, DATA, 80)).toBe('CARD ONE'.padEnd(80));
    expect(text(storage.bytes, DATA + 80, 80)).toBe('CARD TWO'.padEnd(80));
  });

  it('one card by data chaining into two areas of 30 and 50', () => {
    const { channel, storage } = reader(['0123456789'.repeat(8)]);
    putCcws(storage.bytes, CCWS, [
      [0x02, DATA, CD, 30],
      [0x00, DATA + 0x100, 0, 50],
    ]);
    const { interruption } = startAndTake(channel, 0x00c, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ address: CCWS + 16, unitStatus: CE_DE, channelStatus: 0 });
    expect(text(storage.bytes, DATA, 30)).toBe('0123456789'.repeat(3));
    expect(text(storage.bytes, DATA + 0x100, 50)).toBe('0123456789'.repeat(5));
  });

  it('count 100 without SLI: incorrect length, residual 20', () => {
    const { channel, storage } = reader(['SHORT']);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, 0, 100]]);
    const { interruption } = startAndTake(channel, 0x00c, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({
      unitStatus: CE_DE,
      channelStatus: ChannelStatus.IncorrectLength,
      count: 20,
    });
  });

  it('count 60 with SLI: the first 60 columns, no incorrect length', () => {
    const { channel, storage } = reader(['A'.repeat(60) + 'B'.repeat(20)]);
    storage.bytes.fill(0xee, DATA, DATA + 100);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, SLI, 60]]);
    const { interruption } = startAndTake(channel, 0x00c, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, count: 0 });
    expect(text(storage.bytes, DATA, 60)).toBe('A'.repeat(60));
    expect(storage.bytes[DATA + 60]).toBe(0xee);
  });

  it("stacker-select variants of READ (X'42', X'82') read a card as well", () => {
    const { channel, storage } = reader(['ONE', 'TWO']);
    putCcws(storage.bytes, CCWS, [
      [0x42, DATA, CC, 80],
      [0x82, DATA + 80, 0, 80],
    ]);
    startAndTake(channel, 0x00c, caw(CCWS));
    expect(text(storage.bytes, DATA + 80, 3)).toBe('TWO');
  });
});

describe('the end of the deck', () => {
  it('with end of file: unit exception and no data, each time; incorrect length without SLI', () => {
    const { channel, storage } = reader(['ONLY']);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, 0, 80]]);
    startAndTake(channel, 0x00c, caw(CCWS));
    for (let i = 0; i < 2; i++) {
      const { interruption } = startAndTake(channel, 0x00c, caw(CCWS));
      expect(cswFields(interruption!)).toMatchObject({
        unitStatus: CE_DE | UnitStatus.UnitException,
        channelStatus: ChannelStatus.IncorrectLength,
        count: 80,
      });
    }
  });

  it('SENSE on an empty reader: intervention required (byte 0 bit 1)', () => {
    const { channel, storage } = reader([]);
    putCcws(storage.bytes, CCWS, [[0x04, DATA, SLI, 1]]);
    const { interruption } = startAndTake(channel, 0x00c, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, count: 0 });
    expect(storage.bytes[DATA]).toBe(0x40);
  });

  it('without end of file: READ on an empty reader is rejected with unit check, intervention required', () => {
    const { channel, storage } = reader([], false);
    putCcws(storage.bytes, CCWS, [
      [0x02, DATA, 0, 80],
      [0x04, DATA + 0x100, SLI, 1],
    ]);
    const { interruption } = startAndTake(channel, 0x00c, caw(CCWS));
    expect(cswFields(interruption!).unitStatus).toBe(UnitStatus.UnitCheck);
    startAndTake(channel, 0x00c, caw(CCWS + 8));
    expect(storage.bytes[DATA + 0x100]).toBe(0x40);
  });

  it('loading cards into an empty reader signals device end', () => {
    const { device, channel } = reader([]);
    device.load(textDeck('MORE\n'));
    expect(channel.acceptInterrupt(() => true)).toEqual({
      device: 0x00c,
      csw0: 0,
      csw1: (UnitStatus.DeviceEnd << 24) >>> 0,
    });
    expect(device.cardsLeft).toBe(1);
  });

  it('a command a reader does not have: unit check, sense command reject', () => {
    const { channel, storage } = reader(['X']);
    putCcws(storage.bytes, CCWS, [
      [0x01, DATA, SLI, 80],
      [0x04, DATA + 0x100, SLI, 1],
    ]);
    expect(cswFields(startAndTake(channel, 0x00c, caw(CCWS)).interruption!).unitStatus).toBe(UnitStatus.UnitCheck);
    startAndTake(channel, 0x00c, caw(CCWS + 8));
    expect(storage.bytes[DATA + 0x100]).toBe(0x80);
  });
});
