// MODULE files: a core image saved by GENMOD and brought back by LOADMOD
// or by typing its name. vmcms's layout (IBM's MODULE header is not in
// our sources): V records; record 1 is the header
//   +0 CL8 'VMCMSMOD'  +8 F origin  +12 F entry  +16 F length  +20 CL8 entry name
// and the following records hold the image, 4096 bytes each.

import { fromEbcdic, toEbcdic, toEbcdicPadded } from '../../s390/ebcdic.js';
import type { CmsSession, FoundFile } from '../nucleus/session.js';
import type { CmsGen } from '../nucleus/task.js';
import type { CommandCall } from '../commands/table.js';
import { startProgram } from './run.js';

const MAGIC = 'VMCMSMOD';
const CHUNK = 4096;
/** rc of a MODULE that could not be loaded (cms.md (a): −4 LOADMOD failed). */
export const RC_LOADMOD_FAILED = -4;

export function moduleRecords(origin: number, entry: number, entryName: string, image: Uint8Array): Uint8Array[] {
  const header = new Uint8Array(28);
  header.set(toEbcdic(MAGIC), 0);
  const v = new DataView(header.buffer);
  v.setUint32(8, origin);
  v.setUint32(12, entry);
  v.setUint32(16, image.length);
  header.set(toEbcdicPadded(entryName, 8), 20);
  const out = [header];
  for (let at = 0; at < image.length; at += CHUNK) out.push(image.slice(at, at + CHUNK));
  return out;
}

/** Load a MODULE into storage: its entry, or undefined when the file is no module or does not fit. */
export function loadModule(
  cms: CmsSession,
  f: FoundFile,
): { entry: number; origin: number; end: number; name: string } | undefined {
  const records = f.acc.disk.readRecords(f.fst.filename, f.fst.filetype);
  const header = records[0];
  if (!header || header.length < 28 || fromEbcdic(header, 0, 8) !== MAGIC) return undefined;
  const v = new DataView(header.buffer, header.byteOffset);
  const origin = v.getUint32(8);
  const entry = v.getUint32(12);
  const length = v.getUint32(16);
  const name = fromEbcdic(header, 20, 28).trim();
  const { start, end } = cms.userArea();
  if (origin < start || origin + length > end) return undefined;
  let at = origin;
  for (const r of records.slice(1)) {
    cms.guest.storage.bytes.set(r, at);
    at += r.length;
  }
  cms.loader.program = {
    decks: [],
    names: [f.fst.filename],
    origin,
    end: origin + length,
    entry,
    entryName: name,
    sections: [{ name: name || f.fst.filename, address: origin, length }],
  };
  return { entry, origin, end: origin + length, name };
}

/** Run `name MODULE` with the command's operands as its parameter list. */
export function* runModuleFile(cms: CmsSession, f: FoundFile, call: CommandCall): CmsGen<number> {
  const loaded = loadModule(cms, f);
  if (!loaded) {
    cms.message('MOD', '104', 3, `${f.fst.filename} MODULE`);
    return RC_LOADMOD_FAILED;
  }
  return yield* startProgram(cms, loaded.entry, f.fst.filename, call.tokens, call.raw);
}
