// What the CMS loader remembers between LOAD, INCLUDE, START and GENMOD,
// and the files programs have open through FSREAD/FSWRITE (closed when the
// program returns to CMS, as CMS does at the end of a command).

import { toEbcdicPadded } from '../../s390/ebcdic.js';
import type { RecordReader, RecordWriter } from '../fs/disk.js';
import { encodeFst } from '../fs/layout.js';
import type { AccessedDisk, CmsSession, FoundFile } from '../nucleus/session.js';
import { FST_COPY } from '../nucleus/layout.js';
import type { DcbState } from '../os/qsam.js';

export interface LoadedProgram {
  /** TEXT decks loaded (INCLUDE relinks them all). */
  decks: Uint8Array[];
  /** Names of the decks, for messages and the load map. */
  names: string[];
  origin: number;
  /** First free byte after the loaded sections. */
  end: number;
  entry: number;
  entryName: string;
  sections: { name: string; address: number; length: number }[];
}

export type OpenFile =
  | { kind: 'read'; acc: AccessedDisk; fn: string; ft: string; reader: RecordReader; recno: number }
  | { kind: 'write'; acc: AccessedDisk; fn: string; ft: string; writer: RecordWriter; recfm: 'F' | 'V'; lrecl: number };

export interface LoaderState {
  program: LoadedProgram | undefined;
  /** True while a user program runs (START, a MODULE). */
  running: boolean;
  readonly openFiles: Map<string, OpenFile>;
  /** OS simulation: open DCBs by address. */
  readonly dcbs: Map<number, DcbState>;
  /** Free storage handed out by DMSFREE/GETMAIN: the next address from the top. */
  freeTop: number;
  storeFst(cms: CmsSession, f: FoundFile): number;
  /** FINIS every open file (commit writes). */
  closeAll(): void;
}

export function newLoaderState(): LoaderState {
  const state: LoaderState = {
    program: undefined,
    running: false,
    openFiles: new Map(),
    dcbs: new Map(),
    freeTop: 0,
    storeFst(cms, f) {
      const st = cms.guest.storage;
      const bytes = new Uint8Array(64);
      encodeFst(f.fst, bytes, 0);
      bytes.set(toEbcdicPadded(`${f.acc.letter}${f.fst.modeNumber}`, 2), 24);
      st.bytes.set(bytes, FST_COPY);
      return FST_COPY;
    },
    closeAll() {
      for (const f of state.openFiles.values()) {
        if (f.kind === 'write') {
          try {
            f.writer.close();
          } catch {
            f.writer.abandon();
          }
        }
      }
      state.openFiles.clear();
      for (const d of state.dcbs.values()) {
        try {
          d.writer?.close();
        } catch {
          d.writer?.abandon();
        }
      }
      state.dcbs.clear();
    },
  };
  return state;
}
