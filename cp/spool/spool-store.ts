// The system's spool, kept in the data directory so that a file in a reader
// before SHUTDOWN (or a crash) is there afterwards with the same spoolid.
//
//   spool/NNNN.spool   one file's records (cp/spool/spool-file.ts encoding)
//   spool/INDEX.json   every file's attributes, the queue order, the next spoolid
//
// A new file's data is written (atomically) before the index that names it,
// and a purged file leaves the index before its data is deleted: the index
// is the commit point. On open, index entries without data are dropped and
// data files the index does not name are deleted, so the spool is always
// consistent: every file whole or absent. `SpoolStore.inMemory()` keeps
// the same behaviour without a folder (the test harness).

import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import {
  decodeRecords,
  encodeRecords,
  type SpoolFile,
  type SpoolFileAttributes,
  type SpoolQueue,
  type SpoolRecord,
} from './spool-file.js';

const INDEX = 'INDEX.json';
const MAX_SPOOLID = 9999;

interface IndexEntry extends Omit<SpoolFileAttributes, 'created'> {
  created: string;
}

interface IndexFile {
  nextSpoolid: number;
  /** Attributes in queue order (creation order, changed by ORDER). */
  files: IndexEntry[];
}

export class SpoolFullError extends Error {
  constructor(limit: number) {
    super(`spool full (${limit} files)`);
    this.name = 'SpoolFullError';
  }
}

export type NewSpoolFile = Omit<SpoolFileAttributes, 'spoolid' | 'records' | 'created'>;

export class SpoolStore {
  private readonly files = new Map<number, SpoolFileAttributes>();
  /** Records of each file when the spool lives in memory (dir null: the test harness). */
  private readonly memory = new Map<number, readonly SpoolRecord[]>();
  private nextSpoolid = 1;

  private constructor(
    readonly dir: string | null,
    /** The most files the spool holds (a full spool refuses new ones). */
    readonly limit: number,
  ) {}

  /** Open (and recover) the spool in `dir`. */
  static open(dir: string, limit = 9000): SpoolStore {
    mkdirSync(dir, { recursive: true });
    const store = new SpoolStore(dir, Math.min(limit, MAX_SPOOLID));
    const indexPath = join(dir, INDEX);
    if (existsSync(indexPath)) {
      const index = JSON.parse(readFileSync(indexPath, 'utf8')) as IndexFile;
      store.nextSpoolid = index.nextSpoolid;
      for (const e of index.files) {
        if (!existsSync(store.dataPath(e.spoolid))) continue; // never committed whole
        store.files.set(e.spoolid, { ...e, created: new Date(e.created) });
      }
    }
    for (const name of readdirSync(dir)) {
      const m = /^(\d{4})\.spool$/.exec(name);
      if (m && !store.files.has(Number(m[1]))) unlinkSync(join(dir, name)); // orphaned by a crash
      if (name.endsWith('.tmp')) unlinkSync(join(dir, name));
    }
    return store;
  }

  /** A spool that lives in memory only (tests, the harness). */
  static inMemory(limit = 9000): SpoolStore {
    return new SpoolStore(null, Math.min(limit, MAX_SPOOLID));
  }

  private dataPath(spoolid: number): string {
    return join(this.dir ?? '', `${String(spoolid).padStart(4, '0')}.spool`);
  }

  private writeIndex(): void {
    if (this.dir === null) return;
    const index: IndexFile = {
      nextSpoolid: this.nextSpoolid,
      files: [...this.files.values()].map((f) => ({ ...f, created: f.created.toISOString() })),
    };
    writeFileAtomic(join(this.dir, INDEX), JSON.stringify(index));
  }

  private allocateSpoolid(): number {
    for (let n = 0; n < MAX_SPOOLID; n++) {
      const id = ((this.nextSpoolid - 1 + n) % MAX_SPOOLID) + 1;
      if (!this.files.has(id)) {
        this.nextSpoolid = (id % MAX_SPOOLID) + 1;
        return id;
      }
    }
    throw new SpoolFullError(this.limit);
  }

  /** Make a closed file permanent; returns it with its new spoolid. */
  create(attributes: NewSpoolFile, data: readonly SpoolRecord[], created = new Date()): SpoolFileAttributes {
    if (this.files.size >= this.limit) throw new SpoolFullError(this.limit);
    const spoolid = this.allocateSpoolid();
    const file: SpoolFileAttributes = { ...attributes, spoolid, records: data.length, created };
    if (this.dir === null) this.memory.set(spoolid, [...data]);
    else writeFileAtomic(this.dataPath(spoolid), encodeRecords(data));
    this.files.set(spoolid, file);
    this.writeIndex();
    return file;
  }

  get(spoolid: number): SpoolFileAttributes | undefined {
    return this.files.get(spoolid);
  }

  /** Files in queue order, optionally only one owner's and one queue's. */
  list(filter: { owner?: string; queue?: SpoolQueue } = {}): SpoolFileAttributes[] {
    return [...this.files.values()].filter(
      (f) => (!filter.owner || f.owner === filter.owner) && (!filter.queue || f.queue === filter.queue),
    );
  }

  /** The records of a file. */
  read(spoolid: number): SpoolFile | undefined {
    const file = this.files.get(spoolid);
    if (!file) return undefined;
    const data =
      this.dir === null
        ? this.memory.get(spoolid)
        : decodeRecords(new Uint8Array(readFileSync(this.dataPath(spoolid))));
    if (!data) throw new Error(`spool file ${spoolid} is damaged`);
    return { ...file, data };
  }

  /** Change attributes (CHANGE, TRANSFER, HOLD...). */
  update(spoolid: number, changes: Partial<Omit<SpoolFileAttributes, 'spoolid' | 'records' | 'created'>>): void {
    const file = this.files.get(spoolid);
    if (!file) throw new Error(`no spool file ${spoolid}`);
    Object.assign(file, changes);
    this.writeIndex();
  }

  /** ORDER: move the named files to the front of their queue, in the order given. */
  order(spoolids: readonly number[]): void {
    const moved = spoolids.map((id) => this.files.get(id)).filter((f): f is SpoolFileAttributes => !!f);
    const rest = [...this.files.values()].filter((f) => !moved.includes(f));
    this.files.clear();
    for (const f of [...moved, ...rest]) this.files.set(f.spoolid, f);
    this.writeIndex();
  }

  /** PURGE: the index forgets the file first, then its data goes. */
  purge(spoolid: number): boolean {
    if (!this.files.delete(spoolid)) return false;
    this.writeIndex();
    if (this.dir === null) {
      this.memory.delete(spoolid);
      return true;
    }
    try {
      unlinkSync(this.dataPath(spoolid));
    } catch {
      // already gone; open() would have removed it anyway
    }
    return true;
  }

  get size(): number {
    return this.files.size;
  }
}
