import { describe, expect, it } from 'vitest';
import * as kb from '../../terminal/keyboard.js';
import { applyOutbound } from '../../terminal/outbound.js';
import { parseInbound } from '../../terminal/inbound.js';
import { e, newScreen, rowText } from './helpers.js';

/**
 * Row 0: protected label at 0, input field 10 (data 11-15), autoskip at 16,
 * numeric input at 20 (data 21-25), protected at 26, input at 80 (row 1,
 * data 81-159), protected at 160 to the end.
 */
function form() {
  const s = newScreen();
  applyOutbound(
    s,
    Uint8Array.from([
      0xf5,
      0xc3,
      0x1d,
      0x60,
      ...e('NAME'),
      0x11,
      0x40,
      0x4a,
      0x1d,
      0x40,
      0x13,
      0x11,
      0x40,
      0x50,
      0x1d,
      0xf0,
      0x11,
      0x40,
      0xd4,
      0x1d,
      0x50,
      0x11,
      0x40,
      0xda,
      0x1d,
      0x60,
      0x11,
      0xc1,
      0x50,
      0x1d,
      0x40,
      0x11,
      0xc2,
      0x60,
      0x1d,
      0x60,
    ]),
  );
  return s;
}

describe('typing', () => {
  it('types into an unprotected field, sets its MDT and moves the cursor', () => {
    const s = form();
    expect(s.cursor).toBe(11);
    expect(kb.typeBytes(s, Uint8Array.from(e('AB')))).toBe(2);
    expect(rowText(s, 0)).toBe(' NAME      AB');
    expect(s.fieldAt(11)?.attribute).toBe(0x01);
    expect(s.cursor).toBe(13);
  });

  it('refuses a protected position and inhibits input until Reset', () => {
    const s = form();
    s.cursor = 2;
    expect(kb.typeChar(s, 0xc1)).toBe(false);
    expect(s.operatorError).toBe('protected');
    s.cursor = 11;
    expect(kb.typeChar(s, 0xc1)).toBe(false);
    kb.reset(s);
    expect(kb.typeChar(s, 0xc1)).toBe(true);
  });

  it('numeric lock: a numeric field takes digits, period and minus only', () => {
    const s = form();
    s.cursor = 21;
    expect(kb.typeBytes(s, Uint8Array.from(e('12.-')))).toBe(4);
    expect(kb.typeChar(s, e('A')[0])).toBe(false);
    expect(s.operatorError).toBe('numeric');
  });

  it('after the last position of a field the cursor skips an autoskip field to the next input field', () => {
    const s = form();
    kb.typeBytes(s, Uint8Array.from(e('ABCDE')));
    expect(s.cursor).toBe(21);
  });

  it('insert mode shifts the rest of the field right and refuses when the field is full', () => {
    const s = form();
    kb.typeBytes(s, Uint8Array.from(e('AC')));
    s.cursor = 12;
    kb.toggleInsert(s);
    expect(kb.typeChar(s, e('B')[0])).toBe(true);
    expect(rowText(s, 0).slice(11, 16)).toBe('ABC');
    kb.typeBytes(s, Uint8Array.from(e('XY')));
    expect(rowText(s, 0).slice(11, 16)).toBe('ABXYC');
    s.cursor = 11;
    expect(kb.typeChar(s, e('Z')[0])).toBe(false);
    expect(s.operatorError).toBe('overflow');
    kb.reset(s);
    expect(s.insertMode).toBe(false);
  });

  it('nothing can be typed while the system holds the keyboard (X SYSTEM)', () => {
    const s = form();
    s.systemLock = true;
    expect(kb.typeChar(s, 0xc1)).toBe(false);
    kb.reset(s);
    expect(s.systemLock).toBe(true);
  });

  it('an unformatted screen takes input anywhere', () => {
    const s = newScreen();
    s.cursor = 500;
    expect(kb.typeBytes(s, Uint8Array.from(e('HI')))).toBe(2);
    expect(s.chars[501]).toBe(e('I')[0]);
  });
});

describe('cursor keys', () => {
  it('Tab goes to the next input field, wrapping; Back Tab to the start of this or the previous one', () => {
    const s = form();
    kb.tab(s);
    expect(s.cursor).toBe(21);
    kb.tab(s);
    expect(s.cursor).toBe(81);
    kb.tab(s);
    expect(s.cursor).toBe(11);
    s.cursor = 84;
    kb.backTab(s);
    expect(s.cursor).toBe(81);
    kb.backTab(s);
    expect(s.cursor).toBe(21);
    kb.backTab(s);
    expect(s.cursor).toBe(11);
    kb.backTab(s);
    expect(s.cursor).toBe(81);
  });

  it('Home goes to the first input field; New Line to the first input position of a following row', () => {
    const s = form();
    s.cursor = 300;
    kb.home(s);
    expect(s.cursor).toBe(11);
    kb.newLine(s);
    expect(s.cursor).toBe(80 + 1);
    kb.newLine(s);
    expect(s.cursor).toBe(11);
  });

  it('arrows move one position or row and wrap around the buffer', () => {
    const s = form();
    s.cursor = 0;
    kb.moveCursor(s, 'left');
    expect(s.cursor).toBe(1919);
    kb.moveCursor(s, 'down');
    expect(s.cursor).toBe(79);
    kb.moveCursor(s, 'up');
    expect(s.cursor).toBe(1919);
  });
});

describe('erasing', () => {
  it('Erase EOF nulls from the cursor to the end of the field and sets the MDT', () => {
    const s = form();
    kb.typeBytes(s, Uint8Array.from(e('ABCD')));
    s.cursor = 12;
    s.resetMdt();
    kb.eraseEof(s);
    expect(rowText(s, 0).slice(11, 16)).toBe('A');
    expect(s.fieldAt(11)?.attribute).toBe(0x01);
  });

  it('Delete shifts the rest of the field left', () => {
    const s = form();
    kb.typeBytes(s, Uint8Array.from(e('ABCD')));
    s.cursor = 12;
    kb.deleteChar(s);
    expect(rowText(s, 0).slice(11, 16)).toBe('ACD');
  });

  it('Erase Input nulls every input field, resets the MDTs and homes the cursor', () => {
    const s = form();
    kb.typeBytes(s, Uint8Array.from(e('AB')));
    s.cursor = 81;
    kb.typeBytes(s, Uint8Array.from(e('XYZ')));
    kb.eraseInput(s);
    expect(rowText(s, 0)).toBe(' NAME');
    expect(rowText(s, 1)).toBe('');
    expect(s.fields().some((f) => f.attribute & 1)).toBe(false);
    expect(s.cursor).toBe(11);
  });
});

describe('AID keys', () => {
  it('Enter sends the modified fields and locks the keyboard until a write with keyboard restore', () => {
    const s = form();
    kb.typeBytes(s, Uint8Array.from(e('JO')));
    const record = kb.pressAid(s, 0x7d);
    expect(record).not.toBeNull();
    const parsed = parseInbound(record ?? new Uint8Array());
    expect(parsed.fields.map((f) => [f.address, [...f.data]])).toEqual([[11, e('JO')]]);
    expect(s.systemLock).toBe(true);
    expect(kb.pressAid(s, 0x7d)).toBeNull();
    applyOutbound(s, Uint8Array.of(0xf1, 0xc2));
    expect(s.systemLock).toBe(false);
  });

  it('Clear erases the screen to the default size, unformatted, and sends a short read', () => {
    const s = form();
    expect(Array.from(kb.pressAid(s, 0x6d) ?? [])).toEqual([0x6d]);
    expect([s.formatted, s.cursor, s.rows]).toEqual([false, 0, 24]);
  });

  it('an operator error blocks AID keys until Reset', () => {
    const s = form();
    s.cursor = 1;
    kb.typeChar(s, 0xc1);
    expect(kb.pressAid(s, 0x7d)).toBeNull();
    kb.reset(s);
    expect(kb.pressAid(s, 0xf3)?.[0]).toBe(0xf3);
  });
});
