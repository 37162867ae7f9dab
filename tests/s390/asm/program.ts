// Tiny test programs written in assembler, for runProgram (tests/s390/
// helpers.ts): assemble statements, load the deck at the origin, and hand
// back the bytes and the address of every label.
//
//   const p = assembleProgram(['|LA|1,5', '|AR|1,1', "|ST|1,OUT", 'OUT|DS|F']);
//   const run = runProgram({ arch: '390', code: p.code, origin: p.origin });
//   expect(run.cpu.storage.readU32(p.address('OUT'))).toBe(10);
//
// The program starts with BALR 12,0 and USING *,12, so labels are
// addressable through register 12 (the statements begin at origin + 2).
// Statements are "NAME|OP|OPERANDS" (see support.ts `source`) or full
// fixed-format lines.

import { Assembler, type AssembleOptions } from '../../../s390/asm/assembler.js';
import { assemble } from '../../../s390/asm/index.js';
import { coreImage } from '../../../s390/asm/loader.js';
import { source } from './support.js';

export interface AssembledProgram {
  readonly code: Uint8Array;
  readonly origin: number;
  /** The loaded address of a label. */
  address(label: string): number;
}

export function assembleProgram(
  statements: string[],
  options: AssembleOptions & { origin?: number } = {},
): AssembledProgram {
  const origin = options.origin ?? 0x2000;
  const src = source('PROGRAM|CSECT|', '|BALR|12,0', '|USING|*,12', ...statements, '|END|');
  const result = assemble(src, options);
  const errors = result.diagnostics.filter((d) => d.severity >= 8);
  if (errors.length) throw new Error(errors.map((d) => `${d.line}: ${d.id} ${d.message}`).join('\n'));
  const { image } = coreImage([result.objectDeck], origin);
  const symbols = new Assembler(options).assemble(src).symbols;
  return {
    code: image,
    origin,
    address(label: string): number {
      const s = symbols.get(label.toUpperCase());
      if (!s) throw new Error(`no label ${label}`);
      return origin + s.value;
    },
  };
}
