// The general-instruction map against the one opcode table: every row of the
// "General instructions" section has a handler here (CVB and CVD excepted:
// they are decimal arithmetic and come from decimal.ts), and every handler
// here names a row of the table.

import { describe, expect, it } from 'vitest';
import { OPCODES } from '../../../s390/opcodes.js';
import { generalHandlers } from '../../../s390/instructions/general.js';

const first = OPCODES.findIndex((r) => r.mnemonic === 'AR');
const last = OPCODES.findIndex((r) => r.mnemonic === 'TRT');
const generalRows = OPCODES.slice(first, last + 1).filter((r) => r.mnemonic !== 'CVB' && r.mnemonic !== 'CVD');

describe('generalHandlers', () => {
  it('covers the whole general section of the table', () => {
    expect(generalRows.length).toBeGreaterThan(100);
    const missing = generalRows.filter((r) => typeof generalHandlers[r.mnemonic] !== 'function').map((r) => r.mnemonic);
    expect(missing).toEqual([]);
  });

  it('names only mnemonics of the general section', () => {
    const known = new Set(generalRows.map((r) => r.mnemonic));
    expect(Object.keys(generalHandlers).filter((m) => !known.has(m))).toEqual([]);
  });

  it('gives each instruction its own handler', () => {
    const handlers = Object.values(generalHandlers);
    expect(new Set(handlers).size).toBe(handlers.length);
  });
});
