// The data directory: everything a running system keeps (DESIGN.md "Data and
// persistence"). Created on first start from samples/: the user directory
// with its passwords hashed, and the DASD volume images its minidisks need.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDirectory, protectDirectorySource, type Directory } from '../cp/directory.js';
import { writeFileAtomic } from '../cp/atomic-file.js';
import { ensureVolumes } from '../cp/volumes.js';
import { samplesPath } from './package-root.js';

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
  return { layout, directory, created, volumesCreated };
}
