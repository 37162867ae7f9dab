// Small helpers for the terminal tests: EBCDIC text, hand-made records, screens.

import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import { terminalModel, type ModelNumber } from '../../terminal/model.js';
import { Screen3270 } from '../../terminal/screen.js';

/** EBCDIC bytes of a string, as an array to splice into hand-made records. */
export function e(text: string): number[] {
  return [...toEbcdic(text)];
}

/** A fresh screen of a model (colour, extended), keyboard unlocked as after a first write with restore. */
export function newScreen(model: ModelNumber = 2): Screen3270 {
  const screen = new Screen3270(terminalModel(model));
  screen.erase(false);
  screen.systemLock = false;
  return screen;
}

/** The text of one row, trailing blanks removed. */
export function rowText(screen: Screen3270, row: number): string {
  return screen.text((b) => fromEbcdic(Uint8Array.of(b)))[row].trimEnd();
}

export function hex(bytes: Uint8Array | number[]): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
