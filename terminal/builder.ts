// A small builder for outbound records, so a host writes
//   new DataStream('eraseWrite', Wcc.keyboardRestore | Wcc.resetMdt)
//     .sba(0).sf(0x20).text('VM/370 ONLINE').sba(175).sf(0).ic().bytes()
// instead of hand-coding orders. It emits the SNA/telnet command codes
// (what TN3270 carries); Screen3270 accepts them and the channel codes alike.
// Text goes out in EBCDIC code page 037; bytes below X'40' never go out as text.

import { charToEbcdic } from '../s390/ebcdic.js';
import { encodeAddress } from './address.js';
import { type Command, ExtendedAttribute, Order, SIX_BIT, SNA_COMMAND_CODE } from './codes.js';

/** An extended attribute for SFE or SA: type and value bytes. */
export type ExtendedPair = readonly [type: number, value: number];

export class DataStream {
  private out = new Uint8Array(256);
  private length = 0;
  private readonly bufferSize: number;

  /** `wcc` holds the WCC bits (Wcc.*); the builder translates them to the graphic byte. Read commands take none. */
  constructor(command: Command, wcc?: number, bufferSize = 1920) {
    this.bufferSize = bufferSize;
    this.push(SNA_COMMAND_CODE[command]);
    if (wcc !== undefined) this.push(SIX_BIT[wcc & 0x3f]);
  }

  /** SBA: go to an address. */
  sba(address: number): this {
    this.push(Order.setBufferAddress, ...encodeAddress(address, this.bufferSize));
    return this;
  }

  /** SBA to a row and column (0-based) of a screen `cols` wide. */
  at(row: number, col: number, cols = 80): this {
    return this.sba(row * cols + col);
  }

  /** SF: a field attribute (the bits of FieldAttribute; translated through the 6-bit table). */
  sf(attribute: number): this {
    this.push(Order.startField, SIX_BIT[attribute & 0x3f]);
    return this;
  }

  /** SFE: a field attribute with extended attributes (colour, highlighting). */
  sfe(attribute: number, ...pairs: ExtendedPair[]): this {
    this.push(Order.startFieldExtended, pairs.length + 1, ExtendedAttribute.basic, SIX_BIT[attribute & 0x3f]);
    for (const [type, value] of pairs) this.push(type, value);
    return this;
  }

  /** SA: a character attribute for the text that follows. */
  sa(type: number, value: number): this {
    this.push(Order.setAttribute, type, value);
    return this;
  }

  /** MF: modify the field attribute at the current address. */
  mf(...pairs: ExtendedPair[]): this {
    this.push(Order.modifyField, pairs.length);
    for (const [type, value] of pairs) this.push(type, value);
    return this;
  }

  /** IC: the cursor goes here. */
  ic(): this {
    this.push(Order.insertCursor);
    return this;
  }

  /** PT: to the next input field. */
  pt(): this {
    this.push(Order.programTab);
    return this;
  }

  /** RA: repeat an EBCDIC character up to (not including) an address. */
  ra(stop: number, ch: number): this {
    this.push(Order.repeatToAddress, ...encodeAddress(stop, this.bufferSize), ch);
    return this;
  }

  /** EUA: null the unprotected positions up to (not including) an address. */
  eua(stop: number): this {
    this.push(Order.eraseUnprotectedToAddress, ...encodeAddress(stop, this.bufferSize));
    return this;
  }

  /** Text in EBCDIC; characters that would encode below X'40' become blanks so they cannot act as orders. */
  text(s: string): this {
    for (let k = 0; k < s.length; k++) {
      const b = charToEbcdic(s[k]);
      this.push(b < 0x40 ? 0x40 : b);
    }
    return this;
  }

  /** Raw bytes, for what the builder does not cover. */
  raw(...bytes: number[]): this {
    this.push(...bytes);
    return this;
  }

  bytes(): Uint8Array {
    return this.out.slice(0, this.length);
  }

  private push(...bytes: number[]): void {
    if (this.length + bytes.length > this.out.length) {
      const bigger = new Uint8Array(Math.max(this.out.length * 2, this.length + bytes.length));
      bigger.set(this.out.subarray(0, this.length));
      this.out = bigger;
    }
    for (const b of bytes) this.out[this.length++] = b;
  }
}
