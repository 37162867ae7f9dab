import { describe, expect, it } from 'vitest';
import { DataStream } from '../../terminal/builder.js';
import { Wcc } from '../../terminal/codes.js';
import { hex } from './helpers.js';

describe('DataStream', () => {
  it('builds a record with the SNA command code, the translated WCC, orders and EBCDIC text', () => {
    const bytes = new DataStream('eraseWrite', Wcc.keyboardRestore | Wcc.resetMdt)
      .sba(175)
      .sf(0x20)
      .text('Hi')
      .ic()
      .bytes();
    expect(hex(bytes)).toBe('F5 C3 11 C2 6F 1D 60 C8 89 13');
  });

  it("never lets text act as an order: characters below X'40' become blanks", () => {
    expect(hex(new DataStream('write', 0).text('a\nb').bytes())).toBe('F1 40 81 40 82');
  });

  it('read commands carry no WCC', () => {
    expect(hex(new DataStream('readModified').bytes())).toBe('F6');
  });

  it('grows past its first buffer', () => {
    expect(new DataStream('write', 0).text('x'.repeat(5000)).bytes().length).toBe(5002);
  });
});
