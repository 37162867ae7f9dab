import { describe, expect, it } from 'vitest';
import { applyOutbound } from '../../terminal/outbound.js';
import { Screen3270 } from '../../terminal/screen.js';
import { terminalModel } from '../../terminal/model.js';
import { e, newScreen, rowText } from './helpers.js';

// Hand-made records. Addresses in 12-bit form: 0 = 40 40, 80 = C1 50, 85 = C1 D5,
// 160 = C2 60, 1919 = 5D 7F, 1918 = 5D 7E, 10 = 40 4A.
const SBA = (b1: number, b2: number): number[] => [0x11, b1, b2];
const rec = (...parts: Array<number | number[]>): Uint8Array => Uint8Array.from(parts.flat());

describe('commands and WCC', () => {
  it('Erase/Write clears to nulls, selects 24x80 and puts the cursor at 0', () => {
    const s = new Screen3270(terminalModel(4));
    s.erase(true);
    s.chars[5] = 0xc1;
    s.cursor = 100;
    applyOutbound(s, rec(0xf5, 0x40));
    expect([s.rows, s.cols, s.cursor, s.chars[5]]).toEqual([24, 80, 0, 0]);
  });

  it.each([
    [2, 24, 80],
    [3, 32, 80],
    [4, 43, 80],
    [5, 27, 132],
  ])('Erase/Write Alternate on a model %i selects %ix%i', (model, rows, cols) => {
    const s = new Screen3270(terminalModel(model as 2 | 3 | 4 | 5));
    applyOutbound(s, rec(0x7e, 0xc3));
    expect([s.rows, s.cols, s.alternate]).toEqual([rows, cols, true]);
  });

  it('accepts the channel (CCW) command codes as well as the SNA ones', () => {
    const s = new Screen3270(terminalModel(4));
    expect(applyOutbound(s, rec(0x0d, 0xc3, e('A'))).command).toBe('eraseWriteAlternate');
    expect(s.rows).toBe(43);
    expect(applyOutbound(s, rec(0x05, 0xc3, e('B'))).command).toBe('eraseWrite');
    expect(applyOutbound(s, rec(0x01, 0xc3, e('C'))).command).toBe('write');
    expect(rowText(s, 0)).toBe('C');
  });

  it('Write starts at the cursor address and leaves the rest of the buffer alone', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, e('HELLO'), SBA(0xc1, 0x50), 0x13));
    applyOutbound(s, rec(0xf1, 0x40, e('WORLD')));
    expect(rowText(s, 0)).toBe('HELLO');
    expect(rowText(s, 1)).toBe('WORLD');
  });

  it('WCC keyboard restore unlocks and clears the AID; without it the keyboard stays locked', () => {
    const s = newScreen();
    s.systemLock = true;
    s.aid = 0x7d;
    applyOutbound(s, rec(0xf1, 0x40));
    expect(s.systemLock).toBe(true);
    applyOutbound(s, rec(0xf1, 0xc2));
    expect([s.systemLock, s.aid]).toEqual([false, 0x60]);
  });

  it('WCC reset MDT clears the tags before the orders, so an SF with MDT in the same write keeps its tag', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x1d, 0xc1, SBA(0xc1, 0x50), 0x1d, 0xc1));
    expect(s.fields().map((f) => f.attribute & 1)).toEqual([1, 1]);
    applyOutbound(s, rec(0xf1, 0xc3, SBA(0xc1, 0x50), 0x1d, 0xc1));
    expect(s.fields().map((f) => f.attribute & 1)).toEqual([0, 1]);
  });

  it('WCC alarm counts a bell', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf1, 0xc7));
    expect(s.alarmCount).toBe(1);
  });

  it('Erase All Unprotected nulls input fields only, resets MDTs, restores the keyboard, cursor to the first input field', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x1d, 0x60, e('PROT'), 0x1d, 0xc1, e('INPUT'), 0x1d, 0x60, e('X')));
    s.systemLock = true;
    applyOutbound(s, rec(0x6f));
    expect(rowText(s, 0)).toBe(' PROT       X');
    expect(s.fields()[1].attribute & 1).toBe(0);
    expect([s.systemLock, s.cursor]).toEqual([false, 6]);
  });

  it('Read Buffer, Read Modified and Read Modified All reply at once', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x1d, 0xc1, e('AB')));
    expect(applyOutbound(s, rec(0xf2)).reply?.length).toBe(3 + 1920 + 1);
    expect(Array.from(applyOutbound(s, rec(0xf6)).reply ?? [])).toEqual([
      0x60, 0x40, 0x40, 0x11, 0x40, 0xc1, 0xc1, 0xc2,
    ]);
    s.aid = 0x6c; // PA1 pending: RM gives a short read, RMA the fields
    expect(Array.from(applyOutbound(s, rec(0xf6)).reply ?? [])).toEqual([0x6c]);
    expect(applyOutbound(s, rec(0x6e)).reply?.length).toBe(8);
  });

  it('an empty record or an unknown command changes nothing and says why', () => {
    const s = newScreen();
    expect(applyOutbound(s, new Uint8Array(0)).error).toBe('empty record');
    expect(applyOutbound(s, rec(0x99, 0xc1)).error).toMatch(/unknown command/);
    expect(rowText(s, 0)).toBe('');
  });
});

describe('orders', () => {
  it('SF stores an attribute that shows as a blank; the field runs to the next attribute', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x1d, 0xe8, e('TITLE'), SBA(0xc1, 0x50), 0x1d, 0x40, e('in')));
    expect(rowText(s, 0)).toBe(' TITLE');
    const [title, input] = s.fields();
    expect(title).toEqual({ attributeAddress: 0, attribute: 0x28, start: 1, length: 79 });
    expect(input).toEqual({ attributeAddress: 80, attribute: 0, start: 81, length: 1920 - 81 });
    expect(s.isProtected(5)).toBe(true);
    expect(s.isProtected(100)).toBe(false);
  });

  it('a field wraps from the last position to 0', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, SBA(0x5d, 0x7e), 0x1d, 0x40, e('ABC'), SBA(0x40, 0x4a), 0x1d, 0x60));
    expect(s.chars[1919]).toBe(0xc1);
    expect(s.chars[0]).toBe(0xc2);
    expect(s.chars[1]).toBe(0xc3);
    expect(s.fieldAt(1)).toEqual({ attributeAddress: 1918, attribute: 0, start: 1919, length: 11 });
  });

  it('text past the last position wraps to 0', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, SBA(0x5d, 0x7e), e('XYZ')));
    expect([s.chars[1918], s.chars[1919], s.chars[0]]).toEqual([0xe7, 0xe8, 0xe9]);
  });

  it('a character written over an attribute replaces it', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, SBA(0x40, 0x4a), 0x1d, 0x60));
    applyOutbound(s, rec(0xf1, 0x40, SBA(0x40, 0x4a), e('Q')));
    expect(s.formatted).toBe(false);
    expect(s.chars[10]).toBe(0xd8);
  });

  it('IC puts the cursor at the current address; the last IC wins', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0xc3, SBA(0x40, 0x4a), 0x13, SBA(0xc1, 0xd5), 0x13, e('X')));
    expect(s.cursor).toBe(85);
  });

  it('SBA takes a 14-bit address too (first byte 00xx xxxx)', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x11, 0x00, 0xff, e('F')));
    expect(s.chars[255]).toBe(0xc6);
  });

  it('SBA outside the buffer aborts the rest of the write', () => {
    const s = newScreen();
    const result = applyOutbound(s, rec(0xf5, 0x40, e('A'), 0x11, 0x7f, 0x7f, e('B')));
    expect(result.error).toMatch(/outside/);
    expect(rowText(s, 0)).toBe('A');
  });

  it('RA repeats a character up to, not including, the stop address', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, SBA(0x40, 0x4a), 0x3c, 0xc1, 0x50, e('-')));
    expect(rowText(s, 0)).toBe(' '.repeat(10) + '-'.repeat(70));
    expect(s.chars[80]).toBe(0);
  });

  it('RA with the stop address equal to the current one fills the whole buffer', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, SBA(0xc1, 0x50), 0x3c, 0xc1, 0x50, e('*')));
    expect(s.chars.subarray(0, 1920).every((b) => b === 0x5c)).toBe(true);
  });

  it('RA wraps around the end of the buffer', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, SBA(0x5d, 0x7e), 0x3c, 0x40, 0xc2, e('=')));
    expect([s.chars[1917], s.chars[1918], s.chars[1919], s.chars[0], s.chars[1], s.chars[2]]).toEqual([
      0, 0x7e, 0x7e, 0x7e, 0x7e, 0,
    ]);
  });

  it('RA with GE repeats a character of the alternate set', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x3c, 0x40, 0xc3, 0x08, 0xad));
    expect([s.chars[0], s.chars[2], s.charset[0], s.chars[3]]).toEqual([0xad, 0xad, 0xf1, 0]);
  });

  it('EUA nulls unprotected positions up to the stop address and leaves protected ones', () => {
    const s = newScreen();
    applyOutbound(
      s,
      rec(0xf5, 0x40, 0x1d, 0x60, e('AAAA'), 0x1d, 0x40, e('BBBB'), 0x1d, 0x60, e('CCCC'), 0x1d, 0x40, e('DDDD')),
    );
    // fields: prot 0 (1-4), input 5 (6-9), prot 10 (11-14), input 15 (16-19); EUA from 0 up to 18 (D2)
    applyOutbound(s, rec(0xf1, 0x40, SBA(0x40, 0x40), 0x12, 0x40, 0xd2));
    expect(rowText(s, 0)).toBe(' AAAA      CCCC   DD');
  });

  it('PT goes to the first position of the next unprotected field; after text it nulls the rest of the field', () => {
    const s = newScreen();
    applyOutbound(
      s,
      rec(0xf5, 0x40, 0x1d, 0x40, e('OLDTEXT'), SBA(0x40, 0x4a), 0x1d, 0x60, SBA(0x40, 0xd4), 0x1d, 0x40),
    );
    // input field 1-9, protected 11-19, input 21..
    applyOutbound(s, rec(0xf1, 0x40, SBA(0x40, 0xc1), e('NEW'), 0x05, e('X')));
    expect(rowText(s, 0)).toBe(' NEW                 X');
    expect(s.chars[4]).toBe(0);
  });

  it('PT with no unprotected field after the current address goes to 0', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x1d, 0x40, SBA(0xc1, 0x50), 0x1d, 0x60, 0x05, e('Z')));
    expect(s.chars[0]).toBe(0xe9);
  });

  it('SFE sets the basic attribute and the extended colour and highlighting of the field', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x29, 0x03, 0xc0, 0xe8, 0x42, 0xf2, 0x41, 0xf4, e('RED')));
    expect([s.fieldAttributes[0], s.foreground[0], s.highlight[0]]).toEqual([0x28, 0xf2, 0xf4]);
    expect(s.isProtected(1)).toBe(true);
  });

  it('SFE without a basic attribute pair makes an unprotected field', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x29, 0x01, 0x42, 0xf6));
    expect([s.fieldAttributes[0], s.isProtected(1), s.foreground[0]]).toEqual([0, false, 0xf6]);
  });

  it('SA sets the colour of the characters that follow; SA type 00 resets it', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x28, 0x42, 0xf5, e('AB'), 0x28, 0x00, 0x00, e('C')));
    expect([s.foreground[0], s.foreground[1], s.foreground[2]]).toEqual([0xf5, 0xf5, 0]);
  });

  it('MF changes the attribute at the current address and moves past it', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, SBA(0x40, 0x4a), 0x1d, 0x40));
    applyOutbound(s, rec(0xf1, 0x40, SBA(0x40, 0x4a), 0x2c, 0x02, 0xc0, 0x60, 0x42, 0xf7, e('P')));
    expect([s.fieldAttributes[10], s.foreground[10], s.chars[11]]).toEqual([0x20, 0xf7, 0xd7]);
  });

  it('GE stores one character of the alternate set', () => {
    const s = newScreen();
    applyOutbound(s, rec(0xf5, 0x40, 0x08, 0xbb, e('A')));
    expect([s.chars[0], s.charset[0], s.chars[1], s.charset[1]]).toEqual([0xbb, 0xf1, 0xc1, 0]);
  });

  it.each([
    ['SF', [0x1d]],
    ['SFE', [0x29, 0x02, 0xc0]],
    ['SBA', [0x11, 0x40]],
    ['RA', [0x3c, 0x40, 0x40]],
    ['EUA', [0x12]],
    ['SA', [0x28, 0x42]],
    ['MF', [0x2c, 0x01]],
    ['GE', [0x08]],
  ])('a truncated %s ends the write without harm', (name, tail) => {
    const s = newScreen();
    const result = applyOutbound(s, rec(0xf5, 0xc3, e('OK'), tail));
    expect(result.error).toContain(`${name} truncated`);
    expect(rowText(s, 0)).toBe('OK');
    expect(s.systemLock).toBe(false);
  });
});
