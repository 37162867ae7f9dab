// What each position of a Screen3270 looks like: the character shown and its
// 3279 colour and highlighting, independent of how a front end paints it.
//
// Colour rules (3279 base colour mode; GA23-0059, "Extended Field and
// Character Attributes", colour): with no extended colour, the field attribute
// decides: unprotected normal green, unprotected intensified red, protected
// normal blue, protected intensified white. An extended colour on the field
// (SFE/MF) or on the character (SA) overrides it. A 3278 shows no colours,
// only normal and intensified.

import { ebcdicToChar } from '../../s390/ebcdic.js';
import { Color, FieldAttribute, Highlight } from '../codes.js';
import type { Screen3270 } from '../screen.js';

export type ColorName = 'default' | 'blue' | 'red' | 'pink' | 'green' | 'turquoise' | 'yellow' | 'white';

export interface Cell {
  readonly ch: string;
  readonly color: ColorName;
  readonly background: ColorName;
  readonly intensified: boolean;
  readonly reverse: boolean;
  readonly underscore: boolean;
  readonly blink: boolean;
}

const COLOR_NAMES: Readonly<Record<number, ColorName>> = {
  [Color.blue]: 'blue',
  [Color.red]: 'red',
  [Color.pink]: 'pink',
  [Color.green]: 'green',
  [Color.turquoise]: 'turquoise',
  [Color.yellow]: 'yellow',
  [Color.white]: 'white',
};

/** One row of cells per screen row. */
export function screenCells(screen: Screen3270): Cell[][] {
  const { cols, size } = screen;
  const rows: Cell[][] = [];
  let fa = screen.attributeAddressFor(0);
  let row: Cell[] = [];
  for (let a = 0; a < size; a++) {
    if (screen.fieldAttributes[a] >= 0) fa = a;
    const attr = fa >= 0 ? screen.fieldAttributes[fa] : 0;
    const isAttribute = fa === a;
    const hidden = (attr & FieldAttribute.displayMask) === FieldAttribute.nonDisplay;
    const intensified = (attr & FieldAttribute.displayMask) === FieldAttribute.intensified;
    const prot = (attr & FieldAttribute.protected) !== 0;
    const code = screen.chars[a];
    const ch = isAttribute || hidden || code <= 0x41 || code === 0xff ? ' ' : ebcdicToChar(code);
    let color: ColorName = 'default';
    let background: ColorName = 'default';
    let highlight = 0;
    if (screen.model.color) {
      const fieldColor = fa >= 0 ? screen.foreground[fa] : 0;
      const charColor = isAttribute ? 0 : screen.foreground[a];
      color =
        COLOR_NAMES[charColor] ??
        COLOR_NAMES[fieldColor] ??
        (prot ? (intensified ? 'white' : 'blue') : intensified ? 'red' : 'green');
      background =
        COLOR_NAMES[(isAttribute ? 0 : screen.background[a]) || (fa >= 0 ? screen.background[fa] : 0)] ?? 'default';
    }
    highlight = (isAttribute ? 0 : screen.highlight[a]) || (fa >= 0 ? screen.highlight[fa] : 0);
    row.push({
      ch,
      color,
      background,
      intensified,
      reverse: !isAttribute && highlight === Highlight.reverse,
      underscore: !isAttribute && highlight === Highlight.underscore,
      blink: !isAttribute && highlight === Highlight.blink,
    });
    if ((a + 1) % cols === 0) {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** The operator information area's lock indicator, as x3270 words it. */
export function lockIndicator(screen: Screen3270): string {
  switch (screen.operatorError) {
    case 'protected':
      return 'X Protected';
    case 'numeric':
      return 'X Numeric';
    case 'overflow':
      return 'X Overflow';
  }
  return screen.systemLock ? 'X SYSTEM' : '';
}
