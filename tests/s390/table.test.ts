// The instruction table checks itself (STYLE.md, "Tests"): no duplicate
// opcode, every row has a handler, no handler without a row, and the
// dispatch tables place every row where its opcode bytes lead.

import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../s390/formats.js';
import { OPCODES, inArch, rowsByMnemonic, rowsByOpcode } from '../../s390/opcodes.js';
import { allHandlers, dispatchTable, handlersWithoutRow, rowsWithoutHandler } from '../../s390/table.js';

describe('instruction table', () => {
  it('has no duplicate opcode or mnemonic', () => {
    expect(() => rowsByOpcode()).not.toThrow();
    expect(() => rowsByMnemonic()).not.toThrow();
  });

  it('no two handler families define the same mnemonic', () => {
    expect(() => allHandlers()).not.toThrow();
  });

  it('every row has a handler', () => {
    expect(rowsWithoutHandler().map((r) => r.mnemonic)).toEqual([]);
  });

  it('every handler belongs to a row', () => {
    expect(handlersWithoutRow()).toEqual([]);
  });

  it.each(['370', '390'] as const)('%s: each row of the mode is found from its first two bytes', (arch) => {
    const table = dispatchTable(arch);
    for (const row of OPCODES) {
      const bytes = new Uint8Array(6);
      if (row.opcode < 0x100) bytes[0] = row.opcode;
      else if (row.opcode < 0x1000) {
        bytes[0] = row.opcode >> 4;
        bytes[1] = row.opcode & 0xf;
      } else {
        bytes[0] = row.opcode >> 8;
        bytes[1] = row.opcode & 0xff;
      }
      const found = table.rowOf(bytes[0], bytes[1]);
      if (inArch(row, arch)) {
        expect(found?.mnemonic).toBe(row.mnemonic);
        expect(table.length[table.index(bytes[0], bytes[1])]).toBe(FORMATS[row.format].length);
      } else {
        expect(found).toBeNull();
      }
    }
  });

  it('an RI opcode selects its row by the low nibble of the second byte, whatever R1 is', () => {
    const table = dispatchTable('390');
    expect(table.rowOf(0xa7, 0x5a)?.mnemonic).toBe('AHI');
    expect(table.rowOf(0xa7, 0xfa)?.mnemonic).toBe('AHI');
  });

  it('relative and immediate instructions exist only in ESA/390 mode', () => {
    expect(dispatchTable('370').rowOf(0xa7, 0x08)).toBeNull();
    expect(dispatchTable('390').rowOf(0xa7, 0x08)?.mnemonic).toBe('LHI');
  });
});
