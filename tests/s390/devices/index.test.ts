// createDevice: the device models by type spec, with their host files.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CardReader2540 } from '../../../s390/devices/card-reader-2540.js';
import { createDevice } from '../../../s390/devices/index.js';
import { fromEbcdic, toEbcdic } from '../../../s390/ebcdic.js';
import { CE_DE, caw, channelWith, cswFields, putCcws, startAndTake } from '../channel-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'vmcms-devices-'));
const CCWS = 0x1000;
const DATA = 0x2000;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createDevice', () => {
  it('1403: printed lines go to the file, which is created empty', () => {
    const file = join(dir, 'prt.txt');
    writeFileSync(file, 'OLD CONTENT');
    const { channel, storage } = channelWith(createDevice('1403', file));
    storage.bytes.set(toEbcdic('HELLO PRINTER'), DATA);
    putCcws(storage.bytes, CCWS, [[0x09, DATA, 0x20, 13]]);
    startAndTake(channel, 0x00e, caw(CCWS));
    expect(readFileSync(file, 'latin1')).toBe('HELLO PRINTER\n');
  });

  it.each(['3505', '2540R'])('%s reads a text deck, one card per line', (type) => {
    const file = join(dir, `deck-${type}.txt`);
    writeFileSync(file, 'FIRST CARD\nSECOND CARD\n');
    const device = createDevice(type, file);
    expect(device).toBeInstanceOf(CardReader2540);
    expect(device.type).toBe(type);
    const { channel, storage } = channelWith(device, 0x00c);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, 0, 80]]);
    expect(cswFields(startAndTake(channel, 0x00c, caw(CCWS)).interruption!).unitStatus).toBe(CE_DE);
    expect(fromEbcdic(storage.bytes, DATA, DATA + 80)).toBe('FIRST CARD'.padEnd(80));
  });

  it('3505 takes a file of whole 80-byte cards without line ends as EBCDIC images', () => {
    const file = join(dir, 'deck.ebc');
    writeFileSync(file, toEbcdic('EBCDIC CARD'.padEnd(80) + 'TWO'.padEnd(80)));
    const reader = createDevice('3505', file) as CardReader2540;
    expect(reader.cardsLeft).toBe(2);
  });

  it('2540P writes one text line per punched card', () => {
    const file = join(dir, 'pun.txt');
    const { channel, storage } = channelWith(createDevice('2540P', file), 0x00d);
    storage.bytes.set(toEbcdic('PUNCHED'), DATA);
    putCcws(storage.bytes, CCWS, [[0x01, DATA, 0, 7]]);
    startAndTake(channel, 0x00d, caw(CCWS));
    expect(readFileSync(file, 'latin1')).toBe('PUNCHED\n');
  });

  it('3370 opens an image of whole 512-byte blocks', () => {
    const file = join(dir, 'disk.img');
    writeFileSync(file, new Uint8Array(512 * 8));
    expect(createDevice('3370', file).type).toBe('3370');
    writeFileSync(join(dir, 'bad.img'), new Uint8Array(700));
    expect(() => createDevice('3370', join(dir, 'bad.img'))).toThrow(/512-byte blocks/);
  });

  it('3215 needs a console line', () => {
    expect(() => createDevice('3215')).toThrow(/console/);
    const device = createDevice('3215', undefined, { console: { write: () => {}, read: () => new Promise(() => {}) } });
    expect(device.type).toBe('3215');
  });

  it('an unknown type or a missing file is a clear error', () => {
    expect(() => createDevice('9999', 'x')).toThrow(/unknown device type '9999'.*1403/);
    expect(() => createDevice('1403')).toThrow(/needs a file/);
  });
});
