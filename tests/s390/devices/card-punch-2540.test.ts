// 2540P card punch: WRITE punches one 80-column card.

import { describe, expect, it } from 'vitest';
import { UnitStatus } from '../../../s390/ccw.js';
import { CardPunch2540 } from '../../../s390/devices/card-punch-2540.js';
import { fromEbcdic, toEbcdic } from '../../../s390/ebcdic.js';
import { CE_DE, caw, channelWith, cswFields, putCcws, startAndTake } from '../channel-fixture.js';

const CCWS = 0x1000;
const DATA = 0x2000;

describe('2540 punch', () => {
  it('punches a short record as a full card padded with blanks, one card per WRITE', () => {
    const cards: Uint8Array[] = [];
    const { channel, storage } = channelWith(new CardPunch2540((c) => cards.push(c)), 0x00d);
    storage.bytes.set(toEbcdic('FIRST'), DATA);
    storage.bytes.set(toEbcdic('SECOND'), DATA + 0x100);
    putCcws(storage.bytes, CCWS, [
      [0x01, DATA, 0x40, 5],
      [0x41, DATA + 0x100, 0, 6],
    ]);
    const { interruption } = startAndTake(channel, 0x00d, caw(CCWS));
    expect(cswFields(interruption!)).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, count: 0 });
    expect(cards.map((c) => fromEbcdic(c))).toEqual(['FIRST'.padEnd(80), 'SECOND'.padEnd(80)]);
  });

  it('a read command is rejected', () => {
    const { channel, storage } = channelWith(new CardPunch2540(() => {}), 0x00d);
    putCcws(storage.bytes, CCWS, [[0x02, DATA, 0x20, 80]]);
    expect(cswFields(startAndTake(channel, 0x00d, caw(CCWS)).interruption!).unitStatus).toBe(UnitStatus.UnitCheck);
  });
});
