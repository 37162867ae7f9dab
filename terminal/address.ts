// Buffer addresses in the data stream. An address is row * cols + col.
//
//   12-bit form  (buffers up to 4096 positions: every model 2-5)
//     byte 1: SIX_BIT[a >> 6]      byte 2: SIX_BIT[a & X'3F']
//   14-bit form  (larger buffers)
//     byte 1: 00hh hhhh            byte 2: llll llll      a = h << 8 | l
//
// A decoder tells them apart by the top two bits of byte 1: 00 means 14-bit
// (GA23-0059 "Buffer Addressing").

import { SIX_BIT } from './codes.js';

/** Encode an address in the 12-bit form when it fits the buffer size, else in the 14-bit form. */
export function encodeAddress(address: number, bufferSize = 4096): [number, number] {
  if (bufferSize <= 4096) return [SIX_BIT[(address >> 6) & 0x3f], SIX_BIT[address & 0x3f]];
  return [(address >> 8) & 0x3f, address & 0xff];
}

/** Decode a two-byte address in either form. */
export function decodeAddress(b1: number, b2: number): number {
  if ((b1 & 0xc0) === 0) return ((b1 & 0x3f) << 8) | b2;
  return ((b1 & 0x3f) << 6) | (b2 & 0x3f);
}
