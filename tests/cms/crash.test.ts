// SIGKILL during COPYFILE: the disk holds the old file or the new one,
// never a broken file or a broken directory (cms/fs commits with one
// label write; DESIGN.md "Data and persistence").

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CmsDisk } from '../../cms/fs/disk.js';
import { MemoryBlockDevice } from '../../cms/fs/block-device.js';
import { fromEbcdic } from '../../s390/ebcdic.js';
import { FIXED_DATE, putFile } from './helpers.js';

const BLOCKS = 16384;
const RECORDS = 6000;

function prepare(dir: string): string {
  const disk = new MemoryBlockDevice(BLOCKS);
  CmsDisk.format(disk, 'CRASH', 4096, FIXED_DATE);
  const big: string[] = [];
  for (let i = 0; i < RECORDS; i++) big.push(`new record ${i}`);
  putFile(disk, 'BIG', 'DATA', big);
  putFile(disk, 'COPY', 'DATA', ['old record 0', 'old record 1']);
  const image = join(dir, 'a.3370');
  writeFileSync(image, disk.bytes);
  return image;
}

function killAfter(image: string, writes: number): Promise<string[]> {
  const viteNode = fileURLToPath(new URL('../../node_modules/.bin/vite-node', import.meta.url));
  const child = fileURLToPath(new URL('./fixtures/copyfile-child.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const proc = spawn(viteNode, [child, image, String(BLOCKS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const seen: string[] = [];
    let afterCopy = 0;
    let buffer = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const l of lines) {
        seen.push(l);
        if (seen.includes('copying') && l === 'w' && ++afterCopy === writes) proc.kill('SIGKILL');
      }
    });
    proc.on('error', reject);
    proc.on('close', () => resolve(seen));
  });
}

function contents(image: string, ft: string): string[] {
  const bytes = readFileSync(image);
  const dev = new MemoryBlockDevice(BLOCKS);
  dev.bytes.set(bytes);
  const disk = CmsDisk.access(dev);
  return disk.readRecords('COPY', ft).map((r) => fromEbcdic(r).trimEnd());
}

describe('SIGKILL during COPYFILE', () => {
  it.each([5, 60])(
    'killed after %i block writes: COPY DATA is the old file or the whole new one',
    async (writes) => {
      const dir = mkdtempSync(join(tmpdir(), 'vmcms-cms-crash-'));
      try {
        const image = prepare(dir);
        const seen = await killAfter(image, writes);
        expect(seen).toContain('copying');
        const copy = contents(image, 'DATA');
        // The child writes slowly (3 ms a block, over 100 blocks): the kill lands mid-copy.
        expect(seen).not.toContain('done');
        const old = copy.length === 2 && copy[0] === 'old record 0';
        const whole = copy.length === RECORDS && copy[RECORDS - 1] === `new record ${RECORDS - 1}`;
        expect(old || whole).toBe(true);
        // The other file is untouched either way.
        const dev = new MemoryBlockDevice(BLOCKS);
        dev.bytes.set(readFileSync(image));
        expect(CmsDisk.access(dev).readRecords('BIG', 'DATA')).toHaveLength(RECORDS);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
