import { describe, expect, it } from 'vitest';
import { applyOutbound } from '../../../terminal/outbound.js';
import { Screen3270 } from '../../../terminal/screen.js';
import { terminalModel } from '../../../terminal/model.js';
import { lockIndicator, screenCells } from '../../../terminal/ui/cells.js';
import { e } from '../helpers.js';

function paint(color: boolean) {
  const s = new Screen3270(terminalModel(2, color));
  // protected normal, protected intensified, input normal, input intensified, non-display input, SFE pink reverse
  applyOutbound(
    s,
    Uint8Array.from([
      0xf5,
      0xc3,
      0x1d,
      0x60,
      ...e('P'),
      0x1d,
      0xe8,
      ...e('H'),
      0x1d,
      0x40,
      ...e('I'),
      0x1d,
      0xc8,
      ...e('J'),
      0x1d,
      0x4c,
      ...e('S'),
      0x29,
      0x02,
      0x42,
      0xf3,
      0x41,
      0xf2,
      ...e('K'),
      0x28,
      0x42,
      0xf6,
      ...e('Y'),
    ]),
  );
  return { s, row: screenCells(s)[0] };
}

describe('how positions look', () => {
  it('a 3279 uses the base colours of the field attribute, then extended colours on the field and the character', () => {
    const { row } = paint(true);
    expect([1, 3, 5, 7].map((x) => [row[x].ch, row[x].color])).toEqual([
      ['P', 'blue'],
      ['H', 'white'],
      ['I', 'green'],
      ['J', 'red'],
    ]);
    expect(row[9].ch).toBe(' '); // non-display
    expect([row[11].ch, row[11].color, row[11].reverse]).toEqual(['K', 'pink', true]);
    expect([row[12].ch, row[12].color]).toEqual(['Y', 'yellow']);
    expect(row[0].ch).toBe(' '); // the attribute position itself
  });

  it('a 3278 shows no colours, only intensity', () => {
    const { row } = paint(false);
    expect([row[1].color, row[3].intensified, row[1].intensified]).toEqual(['default', true, false]);
  });

  it('the lock indicator follows the keyboard state', () => {
    const { s } = paint(true);
    expect(lockIndicator(s)).toBe('');
    s.systemLock = true;
    expect(lockIndicator(s)).toBe('X SYSTEM');
    s.operatorError = 'numeric';
    expect(lockIndicator(s)).toBe('X Numeric');
  });
});
