import { describe, expect, it } from 'vitest';
import { decodeAddress, encodeAddress } from '../../terminal/address.js';
import { pfAid, aidName } from '../../terminal/codes.js';

describe('buffer addresses', () => {
  // 12-bit values computed by hand from the 6-bit table (GA23-0059 "Buffer Addressing")
  it.each([
    [0, [0x40, 0x40]],
    [1, [0x40, 0xc1]],
    [80, [0xc1, 0x50]],
    [175, [0xc2, 0x6f]],
    [1759, [0x5b, 0x5f]],
    [1760, [0x5b, 0x60]],
    [1919, [0x5d, 0x7f]],
    [3439, [0xf5, 0x6f]],
    [3563, [0xf7, 0x6b]],
  ])('12-bit: address %i encodes as %j and decodes back', (address, bytes) => {
    expect(encodeAddress(address)).toEqual(bytes);
    expect(decodeAddress(bytes[0], bytes[1])).toBe(address);
  });

  it("14-bit form: top bits 00 select it, and the second byte may be X'FF'", () => {
    expect(decodeAddress(0x00, 0xff)).toBe(255);
    expect(decodeAddress(0x13, 0x88)).toBe(5000);
    expect(encodeAddress(5000, 8000)).toEqual([0x13, 0x88]);
  });

  it("every 12-bit address round-trips and never produces X'FF' or a byte below X'40'", () => {
    for (let a = 0; a < 4096; a++) {
      const [b1, b2] = encodeAddress(a);
      expect(b1 >= 0x40 && b2 >= 0x40 && b1 !== 0xff && b2 !== 0xff).toBe(true);
      expect(decodeAddress(b1, b2)).toBe(a);
    }
  });
});

describe('AIDs', () => {
  it.each([
    [1, 0xf1],
    [9, 0xf9],
    [10, 0x7a],
    [12, 0x7c],
    [13, 0xc1],
    [21, 0xc9],
    [22, 0x4a],
    [24, 0x4c],
  ])("PF%i is X'%s'", (n, aid) => {
    expect(pfAid(n)).toBe(aid);
    expect(aidName(aid)).toBe(`PF${n}`);
  });

  it('names the other keys', () => {
    expect([0x7d, 0x6d, 0x6c, 0x6e, 0x6b, 0x60].map(aidName)).toEqual(['ENTER', 'CLEAR', 'PA1', 'PA2', 'PA3', 'NONE']);
  });
});
