// Reading a file into the ring and writing it back (FILE, SAVE, PUT). A
// write goes through the file system's writer, whose last step is one label
// write (docs/cms-disk-format.md): when the disk fills or the link is
// read-only the writer is abandoned and the old file stays as it was, so
// XEDIT can say so and keep the user's work in the ring.

import type { CmsSession, AccessedDisk } from '../nucleus/session.js';
import { parseMode } from '../nucleus/fileid.js';
import { CmsFsError } from '../fs/disk.js';
import { BlockIoFailure } from '../fs/diag250-device.js';
import { recordText, textRecord } from '../commands/common.js';
import { XeditFile } from './file.js';
import { USER_AREA } from '../nucleus/layout.js';

/** Lines XEDIT will hold for one file: past this it says the file is too large for storage. */
export const MAX_LINES = 2_000_000;
/** What XEDIT's line descriptor costs per line in the editor's storage (pointers, length, flags). */
const LINE_OVERHEAD = 16;

export type LoadResult = { file: XeditFile } | { error: string; rc: number };

/** Read `fn ft fm` (fm may be '*' or a letter with or without a number); a new file when it does not exist. */
export function loadFile(cms: CmsSession, fn: string, ft: string, fm: string | undefined): LoadResult {
  const mode = parseMode(fm ?? '*');
  if (mode === undefined) return { error: `Invalid filemode ${fm ?? ''}`, rc: 24 };
  if (mode !== '*' && !cms.disks.has(mode.letter)) return { error: `Disk '${mode.letter}' not accessed`, rc: 36 };
  const found = cms.findFile(fn, ft, mode);
  if (!found) {
    const letter = mode === '*' ? 'A' : mode.letter;
    const number = mode === '*' || mode.number === undefined ? 1 : mode.number;
    const recfm = 'F';
    return { file: new XeditFile(fn, ft, `${letter}${number}`, recfm, 80, [], true) };
  }
  const { fst, acc } = found;
  // XEDIT keeps the file in the virtual machine's storage (above the nucleus): a file that does not fit is refused.
  if (fst.records > MAX_LINES || fst.dataBytes + fst.records * LINE_OVERHEAD > cms.storageSize() - USER_AREA) {
    return { error: `Not enough virtual storage for ${fn} ${ft} ${acc.letter}${fst.modeNumber}`, rc: 104 };
  }
  const texts: string[] = [];
  const reader = acc.disk.openForRead(fst.filename, fst.filetype);
  for (let r = reader.next(); r !== undefined; r = reader.next()) texts.push(recordText(r).replace(/ +$/, ''));
  const lrecl = fst.recfm === 'V' ? Math.max(fst.lrecl, 80) : fst.lrecl;
  return { file: new XeditFile(fn, ft, `${acc.letter}${fst.modeNumber}`, fst.recfm, lrecl, texts) };
}

/** Write texts as `fn ft fm` in the file's format; returns an error message, or undefined when written. */
export function writeFile(
  cms: CmsSession,
  file: XeditFile,
  fileId: { fn: string; ft: string; fm: string },
  texts: readonly string[],
  append = false,
): string | undefined {
  const letter = fileId.fm[0] ?? 'A';
  const acc: AccessedDisk | undefined = cms.disks.get(letter);
  if (!acc) return `Disk '${letter}' not accessed`;
  if (acc.readOnly) return `Disk '${letter}' is read-only; file not written`;
  const modeNumber = Number(fileId.fm[1] ?? '1');
  let writer;
  try {
    const lrecl = file.recfm === 'V' ? Math.max(1, ...texts.map((t) => t.length)) : file.lrecl;
    writer = acc.disk.openForWrite(fileId.fn, fileId.ft, {
      recfm: file.recfm,
      lrecl: file.recfm === 'V' ? Math.min(lrecl, file.lrecl) : lrecl,
      modeNumber: Number.isInteger(modeNumber) ? modeNumber : 1,
      append,
      now: cms.now(),
    });
    for (const t of texts) writer.write(textRecord(t, file.recfm, file.lrecl));
    writer.close();
  } catch (err) {
    writer?.abandon();
    if (err instanceof CmsFsError && err.reason === 'DISK_FULL') {
      return `Disk '${letter}' is full; file ${fileId.fn} ${fileId.ft} not written, the old file is unchanged`;
    }
    if (err instanceof CmsFsError && err.reason === 'READ_ONLY') return `Disk '${letter}' is read-only`;
    if (err instanceof CmsFsError || err instanceof BlockIoFailure)
      return `Error writing ${fileId.fn} ${fileId.ft}: ${err.message}`;
    throw err;
  }
  return undefined;
}
