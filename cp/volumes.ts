// DASD volumes: one image file per volume serial in the data directory's
// volumes/ folder, holding the volume's 512-byte FBA blocks. Minidisks are
// extents of these volumes (cp/directory.ts). Images are created sparse, so
// a 285 MB 3370 costs only the blocks written.

import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Directory } from './directory.js';

/** Blocks on one FBA volume by device type (IBM 3370 Model A1: 558,000 blocks of 512 bytes). */
export const FBA_VOLUME_BLOCKS: Readonly<Record<string, number>> = {
  '3370': 558_000,
  '3310': 126_016,
  '9336': 920_115,
};

export const FBA_BLOCK_SIZE = 512;

export function volumeImagePath(volumesDir: string, volser: string, devtype: string): string {
  return join(volumesDir, `${volser}.${devtype}`);
}

/**
 * Make sure every volume the directory's minidisks name has an image file.
 * Returns the volumes created now. Existing images are never touched.
 */
export function ensureVolumes(volumesDir: string, directory: Directory): string[] {
  mkdirSync(volumesDir, { recursive: true });
  const seen = new Map<string, string>();
  for (const entry of directory.entries.values()) {
    for (const disk of entry.minidisks) {
      if (!disk.temporary && FBA_VOLUME_BLOCKS[disk.devtype]) seen.set(disk.volser, disk.devtype);
    }
  }
  const created: string[] = [];
  for (const [volser, devtype] of seen) {
    const path = volumeImagePath(volumesDir, volser, devtype);
    if (existsSync(path)) continue;
    const fd = openSync(path, 'wx', 0o600);
    try {
      ftruncateSync(fd, FBA_VOLUME_BLOCKS[devtype] * FBA_BLOCK_SIZE);
    } finally {
      closeSync(fd);
    }
    created.push(volser);
  }
  return created;
}
