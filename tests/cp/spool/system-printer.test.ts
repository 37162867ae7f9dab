// The system printer's text: the 1403's carriage control applied (1403
// Component Description, GA24-3073: write-and-space X'09'/X'11'/X'19',
// write without spacing X'01', skip to channel 1 X'89', immediate X'0B'/X'8B').

import { describe, expect, it } from 'vitest';
import { printText } from '../../../cp/spool/system-printer.js';
import { toEbcdic } from '../../../s390/ebcdic.js';

const rec = (command: number, text = ''): { command: number; data: Uint8Array } => ({ command, data: toEbcdic(text) });

describe('printText', () => {
  it.each([
    ['write and space 1, 2, 3', [rec(0x09, 'A'), rec(0x11, 'B'), rec(0x19, 'C')], 'A\nB\n\nC\n\n\n'],
    ['write without spacing overprints the next line', [rec(0x01, 'BOLD'), rec(0x09, '____')], 'BOLD\r____\n'],
    ['skip to channel 1 after printing is a form feed', [rec(0x89, 'END'), rec(0x09, 'NEXT')], 'END\n\fNEXT\n'],
    ['immediate space and skip move the paper without printing', [rec(0x0b), rec(0x8b), rec(0x09, 'X')], '\n\fX\n'],
    ['trailing blanks are dropped; a last line without spacing still ends', [rec(0x01, 'TAIL   ')], 'TAIL\n'],
  ])('%s', (_name, records, expected) => {
    expect(printText(records)).toBe(expected);
  });
});
