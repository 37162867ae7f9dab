// The data directory: everything a running system keeps (DESIGN.md "Data and
// persistence"). Created on first start from samples/: the user directory
// with its passwords hashed, and the DASD volume images its minidisks need.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDirectory, protectDirectorySource, type Directory } from '../cp/directory.js';
import { writeFileAtomic } from '../cp/atomic-file.js';
import { ensureVolumes } from '../cp/volumes.js';
import { VolumeSet, openMinidisk, type Minidisk } from '../cp/minidisk.js';
import { samplesPath } from './package-root.js';
import { buildSystemDisks } from './system-disks.js';

export const DEFAULT_DATA_DIR = './vmcms-data';

export interface DataDirectory {
  readonly root: string;
  /** The user directory, passwords hashed. */
  readonly directoryFile: string;
  readonly volumesDir: string;
  readonly spoolDir: string;
  /** Printer output spooled to the system printer, as text files. */
  readonly printerDir: string;
  readonly logFile: string;
}

export function dataDirectoryLayout(root: string): DataDirectory {
  const abs = resolve(root);
  return {
    root: abs,
    directoryFile: join(abs, 'USER.DIRECT'),
    volumesDir: join(abs, 'volumes'),
    spoolDir: join(abs, 'spool'),
    printerDir: join(abs, 'printer'),
    logFile: join(abs, 'system.log'),
  };
}

export interface OpenedDataDirectory {
  readonly layout: DataDirectory;
  readonly directory: Directory;
  /** True when this call created the data directory. */
  readonly created: boolean;
  /** Volume serials whose images were created now. */
  readonly volumesCreated: readonly string[];
}

/**
 * Open the data directory at `root`, creating it from samples/ (or from
 * `directorySource`, the operator's own USER DIRECT text) if it does not exist.
 * A directory with errors throws DirectoryError and nothing is written.
 */
export function openDataDirectory(root: string, directorySource?: string): OpenedDataDirectory {
  const layout = dataDirectoryLayout(root);
  let created = false;
  if (!existsSync(layout.directoryFile)) {
    const source = directorySource ?? readFileSync(samplesPath('directory', 'USER.DIRECT'), 'utf8');
    parseDirectory(source, 'USER DIRECT'); // validate the operator's source before writing anything
    mkdirSync(layout.root, { recursive: true });
    for (const dir of [layout.spoolDir, layout.printerDir]) mkdirSync(dir, { recursive: true });
    writeFileAtomic(layout.directoryFile, protectDirectorySource(source));
    created = true;
  }
  const directory = parseDirectory(readFileSync(layout.directoryFile, 'utf8'), layout.directoryFile, {
    wholeLines: true,
  });
  const volumesCreated = ensureVolumes(layout.volumesDir, directory);
  if (volumesCreated.length > 0) formatSystemDisks(layout.volumesDir, directory, new Set(volumesCreated));
  return { layout, directory, created, volumesCreated };
}

/**
 * On volumes created now: MAINT's 190 (the S-disk with the system files)
 * and 19E, and every user's 191 as an empty CMS disk, so that a new user's
 * A-disk is ready to ACCESS at first logon (src/system-disks.ts). Disks on
 * volumes that already existed are never touched.
 */
function formatSystemDisks(volumesDir: string, directory: Directory, fresh: ReadonlySet<string>): void {
  const volumes = new VolumeSet(volumesDir);
  try {
    const disk = (userid: string, vaddr: number): Minidisk | undefined => {
      const def = directory.entries.get(userid)?.minidisks.find((d) => d.vaddr === vaddr);
      if (!def || def.temporary || !fresh.has(def.volser)) return undefined;
      return openMinidisk(volumes, userid, def);
    };
    const userDisks = new Map<string, Minidisk>();
    for (const userid of directory.entries.keys()) {
      if (userid === 'MAINT') continue;
      const d = disk(userid, 0x191);
      if (d) userDisks.set(userid, d);
    }
    const s190 = disk('MAINT', 0x190);
    const maint191 = disk('MAINT', 0x191);
    if (maint191) userDisks.set('MAINT', maint191);
    if (s190) buildSystemDisks({ s190, y19e: disk('MAINT', 0x19e), userDisks });
    else if (userDisks.size > 0) buildSystemDisks({ s190: scratch(), userDisks });
  } finally {
    volumes.close();
  }
}

/** Somewhere to format a throw-away S-disk when the directory has no MAINT 190. */
function scratch(): Minidisk {
  const volumes = new VolumeSet(null);
  return openMinidisk(volumes, '$SCRATCH', {
    vaddr: 0x190,
    devtype: '3370',
    start: 0,
    count: 8192,
    volser: 'SCRTCH',
    mode: 'W',
    temporary: false,
    line: 0,
  })!;
}
