// Helpers shared by the command families: fileid operands, records as text.

import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import type { CmsSession, FoundFile } from '../nucleus/session.js';
import { badCharacter, parseMode, type FileMode } from '../nucleus/fileid.js';

export interface FileIdOperands {
  fn: string;
  ft: string;
  mode: FileMode | '*';
  /** The filemode as typed (for messages), or the default. */
  fmText: string;
}

/**
 * `fn ft [fm]` from the operands at `at`: checks characters (062E, rc 20),
 * completeness (001E / 054E, rc 24) and the mode (048E, rc 24), and that a
 * named mode is accessed (069E, rc 36). Returns the fileid or the rc.
 */
export function fileIdOperands(
  cms: CmsSession,
  module: string,
  operands: readonly string[],
  at: number,
  options: { defaultMode: string; patterns: boolean; needMode?: boolean; quiet?: boolean },
): FileIdOperands | number {
  const message = (n: string, ...a: string[]): void => {
    if (!options.quiet) cms.message(module, n, ...a);
  };
  const fn = operands[at];
  const ft = operands[at + 1];
  if (fn === undefined) {
    message('001');
    return 24;
  }
  if (ft === undefined) {
    message('054');
    return 24;
  }
  for (const name of [fn, ft]) {
    if (options.patterns && name.includes('*')) {
      const bad = badCharacter(name.replace(/\*/g, 'A'));
      if (bad !== undefined) {
        message('062', bad, `${fn} ${ft}`);
        return 20;
      }
      continue;
    }
    const bad = badCharacter(name);
    if (bad !== undefined) {
      message('062', bad, `${fn} ${ft}`);
      return 20;
    }
  }
  const fmText = operands[at + 2] ?? options.defaultMode;
  const mode = parseMode(fmText);
  if (mode === undefined || (mode === '*' && !options.patterns && options.needMode)) {
    message('048', fmText);
    return 24;
  }
  if (mode !== '*' && !cms.disks.has(mode.letter)) {
    message('069', mode.letter);
    return 36;
  }
  return { fn, ft, mode, fmText };
}

/** The fileid as messages show it: `fn ft fm` with the mode letter (and number) of the disk. */
export function fileIdText(found: FoundFile): string {
  return `${found.fst.filename} ${found.fst.filetype} ${found.acc.letter}${found.fst.modeNumber}`;
}

/** A record as a line of text (EBCDIC to host characters). */
export function recordText(record: Uint8Array): string {
  return fromEbcdic(record);
}

/** A line as a record: F records padded with blanks (or cut) to LRECL; V records as they are (at least one byte). */
export function textRecord(text: string, recfm: 'F' | 'V', lrecl: number): Uint8Array {
  if (recfm === 'V') {
    const body = text.length === 0 ? ' ' : text.slice(0, lrecl);
    return toEbcdic(body);
  }
  return toEbcdic(text.slice(0, lrecl).padEnd(lrecl, ' '));
}

/** Pad a record to LRECL with a fill byte, or truncate it. */
export function fitRecord(record: Uint8Array, lrecl: number, fill = 0x40): Uint8Array {
  if (record.length === lrecl) return record;
  const out = new Uint8Array(lrecl).fill(fill);
  out.set(record.subarray(0, lrecl));
  return out;
}

/** mm/dd/yy and hh:mm:ss of a file's time stamp (stored as UTC fields). */
export function stamp(d: Date): { date: string; time: string } {
  const p = (n: number): string => String(n).padStart(2, '0');
  return {
    date: `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${p(d.getUTCFullYear() % 100)}`,
    time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`,
  };
}

/** Parse a decimal operand (record numbers, counts): undefined when it is not one. */
export function decimal(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}
