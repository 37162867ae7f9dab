// Entering a user program (cms.md (e), "Programs started by START"): R1 →
// a parameter list of doublewords (the entry name, the arguments, a fence
// of X'FF'), R0 → an extended plist, R15 the entry address, R14 the
// return to CMS, R13 a save area, R12 the entry address. R15 at return is
// the command's return code. Open files are closed when the program ends.

import { toEbcdic, toEbcdicPadded } from '../../s390/ebcdic.js';
import type { CmsSession } from '../nucleus/session.js';
import { SAVE_AREA, START_PLIST } from '../nucleus/layout.js';
import type { CmsGen } from '../nucleus/task.js';

/** Build the tokenized and extended plists at START_PLIST: R1 and R0 for the program. */
export function buildPlists(
  cms: CmsSession,
  name: string,
  tokens: readonly string[],
  raw: string,
): { r1: number; r0: number } {
  const st = cms.guest.storage;
  let at = START_PLIST;
  const words = [name, ...tokens].slice(0, 100);
  for (const w of words) {
    st.bytes.set(toEbcdicPadded(w.slice(0, 8), 8), at);
    at += 8;
  }
  st.bytes.fill(0xff, at, at + 8);
  at += 8;
  // The extended plist: command start, argument start, argument end, 0.
  const text = toEbcdic(`${name} ${raw}`.slice(0, 255));
  const textAt = at + 16;
  st.bytes.set(text, textAt);
  st.writeU32(at, textAt);
  st.writeU32(at + 4, textAt + name.length + 1);
  st.writeU32(at + 8, textAt + text.length);
  st.writeU32(at + 12, 0);
  return { r1: START_PLIST, r0: at };
}

export function* startProgram(
  cms: CmsSession,
  entry: number,
  name: string,
  tokens: readonly string[],
  raw: string,
): CmsGen<number> {
  const { r1, r0 } = buildPlists(cms, name, tokens, raw);
  const gpr = new Array<number>(16).fill(0);
  gpr[0] = r0;
  gpr[1] = r1;
  gpr[12] = entry;
  gpr[13] = SAVE_AREA;
  gpr[15] = entry;
  cms.loader.running = true;
  let rc: number;
  try {
    const r15 = yield { kind: 'run', address: entry, gpr };
    rc = typeof r15 === 'number' ? r15 | 0 : 0;
  } finally {
    cms.loader.running = false;
    cms.loader.closeAll();
  }
  return rc;
}
