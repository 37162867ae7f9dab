// The assembler's public face: assemble(source, options) gives the object
// deck, the listing, the return code and the diagnostics. CMS ASSEMBLE and
// the host CLI call it, each with its own resolver for COPY members and
// library macros.

import { Assembler, type AssembleOptions } from './assembler.js';
import { writeListing } from './listing.js';
import { writeObjectDeck } from './objdeck.js';
import type { Diagnostic } from './types.js';

export type { AssembleOptions } from './assembler.js';
export { loadObjectDecks, coreImage, type LoadResult, type LoadedSection } from './loader.js';
export { disassemble, disassembleRange, type Disassembly } from './disasm.js';
export { parseMaclib } from './maclib.js';
export type { SourceResolver } from './macro.js';
export type { Diagnostic } from './types.js';

export interface AssembleResult {
  /** 80-byte card images: ESD, TXT, RLD, END. */
  readonly objectDeck: Uint8Array;
  readonly listing: string;
  /** 0 clean, 4 warnings, 8 errors, 12 serious errors, 16 terminal (HLASM's return codes). */
  readonly returnCode: number;
  readonly diagnostics: readonly Diagnostic[];
}

/** Assemble HLASM-style source. Never throws for bad source: errors are diagnostics. */
export function assemble(source: string, options: AssembleOptions = {}): AssembleResult {
  const asm = new Assembler(options).assemble(source);
  let objectDeck: Uint8Array;
  let listing: string;
  const diagnostics = [...asm.diagnostics];
  let returnCode = asm.returnCode;
  try {
    objectDeck = writeObjectDeck(asm);
  } catch (e) {
    objectDeck = new Uint8Array(0);
    diagnostics.push({
      id: 'ASMA999U',
      severity: 16,
      message: `Object deck: ${(e as Error).message}`,
      line: 0,
      statement: 0,
    });
    returnCode = 16;
  }
  try {
    listing = writeListing(asm, returnCode);
  } catch (e) {
    listing = `Listing could not be produced: ${(e as Error).message}\n`;
  }
  return { objectDeck, listing, returnCode, diagnostics };
}
