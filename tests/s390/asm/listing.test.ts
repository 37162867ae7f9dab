// The listing in the HLASM layout: location, object code, operand
// addresses, statement number, source ('+' for generated statements);
// diagnostics under their statement; ESD, cross-reference, RLD, summary.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../../s390/asm/index.js';
import { source } from './support.js';

describe('listing', () => {
  const src = source(
    '|MACRO|',
    '|TWO|',
    '|LR|1,2',
    '|MEND|',
    'LIST|CSECT|',
    '|USING|LIST,15',
    '|L|1,WORD',
    '|TWO|',
    '|L|2,NOWHERE',
    'WORD|DC|A(WORD)',
    '|END|',
  );
  const lines = assemble(src).listing.split('\n');

  it('shows location, object code, addresses, statement number and source', () => {
    expect(lines).toContain('000000 5810 F00C            0000C     7           L     1,WORD');
  });

  it("marks generated statements with '+'", () => {
    expect(lines).toContain('000004 1812                           9 +         LR    1,2');
  });

  it('puts a diagnostic, and the record it came from, under its statement', () => {
    const at = lines.findIndex((l) => l.includes('L     2,NOWHERE'));
    expect(lines[at + 1]).toBe('** ASMA044E Undefined symbol - NOWHERE');
    expect(lines[at + 2]).toBe('** ASMA435I Record 9 in source');
  });

  it('lists the ESD, the symbols with their references, the RLD and the highest severity', () => {
    const text = lines.join('\n');
    expect(text).toMatch(/External Symbol Dictionary\n.*\nLIST +SD +00000001 00000000 00000010/);
    expect(text).toMatch(/^WORD +4 0000000C +00000001 R A +11 +7$/m);
    expect(text).toMatch(/Relocation Dictionary\n.*\n +00000001 00000001 0000000C +A 4 +\+/);
    expect(text).toMatch(/1 Statements Flagged in this Assembly +8 was Highest Severity Code/);
  });
});
