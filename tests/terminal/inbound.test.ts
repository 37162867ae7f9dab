import { describe, expect, it } from 'vitest';
import { applyInbound, parseInbound, readBuffer, readModified } from '../../terminal/inbound.js';
import { applyOutbound } from '../../terminal/outbound.js';
import { e, hex, newScreen } from './helpers.js';

/** A screen with a protected label, a USERID field at 175 and a PASSWORD field at 255 (non-display). */
function logonScreen() {
  const s = newScreen();
  // SBA 174 (C2 6E) SF input, SBA 254 (C3 7E) SF non-display, SBA 270 (C4 4E) SF protected
  applyOutbound(
    s,
    Uint8Array.from([
      0xf5,
      0xc3,
      0x1d,
      0x60,
      ...e('LOGON'),
      0x11,
      0xc2,
      0x6e,
      0x1d,
      0x40,
      0x11,
      0xc3,
      0x7e,
      0x1d,
      0x4c,
      0x11,
      0xc4,
      0x4e,
      0x1d,
      0x60,
    ]),
  );
  return s;
}

describe('Read Modified (what an AID key sends)', () => {
  it('sends AID, cursor, then SBA + data for each modified field, nulls dropped', () => {
    const s = logonScreen();
    s.chars.set(e('MAINT1'), 175);
    s.setMdt(175);
    s.chars.set(e('pw'), 255);
    s.chars[258] = 0xc1; // a character after a null gap: the null is dropped, not the character
    s.setMdt(255);
    s.cursor = 261;
    expect(hex(readModified(s, 0x7d, false))).toBe('7D C4 C5 11 C2 6F D4 C1 C9 D5 E3 F1 11 C3 7F 97 A6 C1');
  });

  it('leaves out unmodified fields, even when they hold text', () => {
    const s = logonScreen();
    s.chars.set(e('OLD'), 175);
    s.cursor = 175;
    expect(hex(readModified(s, 0x7d, false))).toBe('7D C2 6F');
  });

  it('PA1, PA2, PA3 and Clear are short reads: the AID alone', () => {
    const s = logonScreen();
    s.setMdt(175);
    for (const aid of [0x6c, 0x6e, 0x6b, 0x6d]) expect(Array.from(readModified(s, aid, false))).toEqual([aid]);
  });

  it('Read Modified All sends the fields even for a PA key', () => {
    const s = logonScreen();
    s.chars.set(e('X'), 175);
    s.setMdt(175);
    expect(hex(readModified(s, 0x6c, true))).toBe('6C 40 40 11 C2 6F E7');
  });

  it('an unformatted screen sends every non-null character without SBA', () => {
    const s = newScreen();
    s.chars.set(e('AB'), 0);
    s.chars.set(e('C'), 1000);
    s.cursor = 1001;
    expect(hex(readModified(s, 0x7d, false))).toBe('7D 4F E9 C1 C2 C3');
  });
});

describe('Read Buffer', () => {
  it('sends every position: attributes as SF + attribute byte, nulls included', () => {
    const s = newScreen();
    applyOutbound(s, Uint8Array.from([0xf5, 0xc3, 0x1d, 0xe8, ...e('HI'), 0x1d, 0x40]));
    const reply = readBuffer(s);
    expect(reply.length).toBe(3 + 1920 + 2);
    expect(hex(reply.subarray(0, 10))).toBe('60 40 40 1D E8 C8 C9 1D 40 00');
  });
});

describe('parseInbound', () => {
  it('takes an AID record apart into cursor and fields', () => {
    const r = parseInbound(
      Uint8Array.from([0x7d, 0xc4, 0xc5, 0x11, 0xc2, 0x6f, ...e('MAINT1'), 0x11, 0xc3, 0x7f, ...e('s3cret')]),
    );
    expect(r.aidName).toBe('ENTER');
    expect(r.cursor).toBe(261);
    expect(r.fields.map((f) => [f.address, [...f.data]])).toEqual([
      [175, e('MAINT1')],
      [255, e('s3cret')],
    ]);
  });

  it('a short read has no cursor and no fields', () => {
    const r = parseInbound(Uint8Array.of(0x6e));
    expect([r.aidName, r.cursor, r.fields.length]).toEqual(['PA2', null, 0]);
  });

  it('unformatted data comes back as one field with no address', () => {
    const r = parseInbound(Uint8Array.from([0x7d, 0x40, 0x42, ...e('HELLO')]));
    expect(r.fields).toEqual([{ address: null, data: Uint8Array.from(e('HELLO')) }]);
  });

  it('a Read Buffer reply keeps the buffer image', () => {
    const r = parseInbound(Uint8Array.from([0x60, 0x40, 0x40, 0x1d, 0x60, 0xc1]), 'readBuffer');
    expect([r.kind, r.aidName, [...(r.buffer ?? [])]]).toEqual(['readBuffer', 'NONE', [0x1d, 0x60, 0xc1]]);
  });

  it("survives garbage: empty, truncated SBA, bytes below X'40'", () => {
    expect(parseInbound(new Uint8Array(0)).cursor).toBe(null);
    expect(parseInbound(Uint8Array.of(0x7d, 0x40, 0x40, 0x11, 0x40)).fields.length).toBe(1);
  });
});

describe('applyInbound (the host-side copy of the screen)', () => {
  it('places the fields, sets their MDTs, the cursor and the keyboard lock', () => {
    const s = logonScreen();
    applyInbound(s, parseInbound(Uint8Array.from([0x7d, 0xc2, 0x72, 0x11, 0xc2, 0x6f, ...e('OP')])));
    expect([s.chars[175], s.chars[176], s.chars[177]]).toEqual([0xd6, 0xd7, 0]);
    expect(s.fieldAt(175)?.attribute).toBe(0x01);
    expect([s.cursor, s.systemLock, s.aid]).toEqual([178, true, 0x7d]);
  });

  it('Clear erases the copy', () => {
    const s = logonScreen();
    applyInbound(s, parseInbound(Uint8Array.of(0x6d)));
    expect(s.formatted).toBe(false);
  });

  it('ignores a field address that is not the start of a field', () => {
    const s = logonScreen();
    applyInbound(s, parseInbound(Uint8Array.from([0x7d, 0x40, 0x40, 0x11, 0x40, 0x42, ...e('NO')])));
    expect([s.chars[2], s.chars[3]]).toEqual(e('OG'));
  });
});
