// Operand helpers shared by the command families.

import { abbreviates } from '../command-table.js';

/** Match an operand against keywords with minimum lengths: [['NAMES', 1], ['NOIPL', 3]] -> the keyword or undefined. */
export function keyword(word: string | undefined, table: ReadonlyArray<readonly [string, number]>): string | undefined {
  if (word === undefined) return undefined;
  for (const [name, min] of table) if (abbreviates(word, name, min)) return name;
  return undefined;
}

/** ON or OFF. */
export function onOff(word: string | undefined): boolean | undefined {
  const w = word?.toUpperCase();
  return w === 'ON' ? true : w === 'OFF' ? false : undefined;
}

/** A hexadecimal location of 1-8 digits. */
export function hexValue(word: string | undefined): number | undefined {
  if (word === undefined || !/^[0-9A-F]{1,8}$/i.test(word)) return undefined;
  return parseInt(word, 16) >>> 0;
}

/** The text after the first `n` blank-delimited words of a raw command line. */
export function restOfLine(raw: string, n: number): string {
  let rest = raw.trimStart();
  for (let i = 0; i < n; i++) rest = rest.replace(/^\S+\s*/, '');
  return rest;
}

export function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(width, '0');
}
