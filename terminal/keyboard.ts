// The operator's keyboard acting on a Screen3270, as on a real 3270 display
// station. The field rules are those of GA23-0059 ("Field Attributes": what
// protected, numeric and autoskip mean to the keyboard); where the manual is
// silent on a key's details we follow x3270 4.1, which real users know:
//
// - data keys type only into unprotected fields, and numeric fields take only
//   digits, period, minus (numeric lock); anything else is an operator error
//   that inhibits input until Reset;
// - typing sets the field's MDT; in insert mode the rest of the field shifts
//   right, which needs a null at the field's end;
// - after the last position of a field the cursor skips an autoskip field
//   (protected + numeric) to the next input field;
// - an AID key sends its inbound record and locks the keyboard ("X SYSTEM")
//   until the host writes with keyboard restore.

import { Aid, FieldAttribute } from './codes.js';
import { readModified } from './inbound.js';
import type { Screen3270 } from './screen.js';

const DIGITS_AND_SIGNS = new Set([0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0x4b, 0x60]);

/** Type one EBCDIC character at the cursor. False if the keyboard refused it. */
export function typeChar(screen: Screen3270, ch: number): boolean {
  if (screen.inputInhibited) return false;
  const n = screen.size;
  const at = screen.cursor;
  if (screen.isProtected(at)) return operatorError(screen, 'protected');
  const fa = screen.attributeAddressFor(at);
  if (fa >= 0 && (screen.fieldAttributes[fa] & FieldAttribute.numeric) !== 0 && !DIGITS_AND_SIGNS.has(ch)) {
    return operatorError(screen, 'numeric');
  }
  if (screen.insertMode) {
    const end = fieldEnd(screen, at);
    if (screen.chars[end] !== 0) return operatorError(screen, 'overflow');
    for (let a = end; a !== at; a = (a - 1 + n) % n) screen.chars[a] = screen.chars[(a - 1 + n) % n];
  }
  screen.setChar(at, ch);
  screen.setMdt(at);
  advanceAfterTyping(screen);
  screen.touch();
  return true;
}

/** Type a string (already EBCDIC); stops at the first refused character. Returns how many were taken. */
export function typeBytes(screen: Screen3270, bytes: Uint8Array): number {
  for (let k = 0; k < bytes.length; k++) if (!typeChar(screen, bytes[k])) return k;
  return bytes.length;
}

function operatorError(screen: Screen3270, error: 'protected' | 'numeric' | 'overflow'): false {
  screen.operatorError = error;
  screen.touch();
  return false;
}

/** The last data position of the field holding `address` (or of the buffer, unformatted). */
function fieldEnd(screen: Screen3270, address: number): number {
  const field = screen.fieldAt(address);
  if (!field) return screen.size - 1;
  return (field.start + field.length - 1) % screen.size;
}

/** Move past the typed character, skipping over an autoskip field to the next input field. */
function advanceAfterTyping(screen: Screen3270): void {
  const n = screen.size;
  const next = (screen.cursor + 1) % n;
  const attr = screen.fieldAttributes[next];
  const autoskip = FieldAttribute.protected | FieldAttribute.numeric;
  if (attr >= 0 && (attr & autoskip) === autoskip) {
    const target = screen.nextUnprotected(next);
    screen.cursor = target < 0 ? next : target;
  } else {
    screen.cursor = next;
  }
}

/** Tab: to the first position of the next input field (wrapping); to 0 when there is none. */
export function tab(screen: Screen3270): void {
  const target = screen.nextUnprotected((screen.cursor + 1) % screen.size);
  screen.cursor = target < 0 ? 0 : target;
  screen.touch();
}

/** Back Tab: to the start of this input field if the cursor is inside it, else to the start of the previous one. */
export function backTab(screen: Screen3270): void {
  const n = screen.size;
  if (!screen.formatted) {
    screen.cursor = 0;
    return;
  }
  const here = screen.fieldAt(screen.cursor);
  if (here && !screen.isProtected(screen.cursor) && screen.cursor !== here.start) {
    screen.cursor = here.start;
    screen.touch();
    return;
  }
  for (let k = 1; k <= n; k++) {
    const a = (screen.cursor - k + n) % n;
    const field = screen.fieldAt(a);
    if (field && a === field.start && !screen.isProtected(a)) {
      screen.cursor = a;
      screen.touch();
      return;
    }
  }
  screen.cursor = 0;
  screen.touch();
}

/** Home: the first input field, or 0. */
export function home(screen: Screen3270): void {
  const target = screen.nextUnprotected(0);
  screen.cursor = target < 0 ? 0 : target;
  screen.touch();
}

/** New Line: the first input position of a following row (wrapping); column 0 of the next row if unformatted. */
export function newLine(screen: Screen3270): void {
  const { cols, size } = screen;
  const rowStart = (Math.floor(screen.cursor / cols) + 1) * cols;
  if (!screen.formatted) {
    screen.cursor = rowStart % size;
  } else {
    let target = -1;
    for (let k = 0; k < size; k++) {
      const a = (rowStart + k) % size;
      if (!screen.isProtected(a)) {
        target = a;
        break;
      }
    }
    screen.cursor = target < 0 ? 0 : target;
  }
  screen.touch();
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/** The cursor keys: one position (or row), wrapping around the buffer. */
export function moveCursor(screen: Screen3270, direction: Direction): void {
  const delta = { up: -screen.cols, down: screen.cols, left: -1, right: 1 }[direction];
  screen.cursor = screen.wrap(screen.cursor + delta);
  screen.touch();
}

/** Delete: remove the character at the cursor, shifting the rest of the field left. */
export function deleteChar(screen: Screen3270): boolean {
  if (screen.inputInhibited) return false;
  const at = screen.cursor;
  if (screen.isProtected(at)) return operatorError(screen, 'protected');
  const n = screen.size;
  const end = fieldEnd(screen, at);
  for (let a = at; a !== end; a = (a + 1) % n) screen.chars[a] = screen.chars[(a + 1) % n];
  screen.chars[end] = 0;
  screen.setMdt(at);
  screen.touch();
  return true;
}

/** Erase EOF: null from the cursor to the end of its input field and set the MDT. */
export function eraseEof(screen: Screen3270): boolean {
  if (screen.inputInhibited) return false;
  const at = screen.cursor;
  if (screen.isProtected(at)) return operatorError(screen, 'protected');
  const n = screen.size;
  const end = fieldEnd(screen, at);
  for (let a = at; ; a = (a + 1) % n) {
    screen.setChar(a, 0);
    if (a === end) break;
  }
  screen.setMdt(at);
  screen.touch();
  return true;
}

/** Erase Input: null every input field, reset their MDTs, cursor to the first input field. */
export function eraseInput(screen: Screen3270): boolean {
  if (screen.inputInhibited) return false;
  const n = screen.size;
  for (let a = 0; a < n; a++) if (!screen.isProtected(a)) screen.setChar(a, 0);
  screen.resetMdt();
  home(screen);
  return true;
}

/** Insert: toggle insert mode. */
export function toggleInsert(screen: Screen3270): void {
  screen.insertMode = !screen.insertMode;
  screen.touch();
}

/** Reset: clear an operator error and insert mode. It does not lift a system lock ("X SYSTEM"). */
export function reset(screen: Screen3270): void {
  screen.operatorError = null;
  screen.insertMode = false;
  screen.touch();
}

/**
 * An AID key: returns the inbound record to send and locks the keyboard, or
 * null if input is inhibited. Clear also erases the screen to the default
 * size, unformatted, cursor 0, as the display station does.
 */
export function pressAid(screen: Screen3270, aid: number): Uint8Array | null {
  if (screen.inputInhibited) return null;
  if (aid === Aid.clear) screen.erase(false);
  const record = readModified(screen, aid, false);
  screen.aid = aid;
  screen.systemLock = true;
  screen.insertMode = false;
  screen.touch();
  return record;
}
