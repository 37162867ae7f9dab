import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryError } from '../../cp/directory.js';
import { openDataDirectory } from '../../src/data-dir.js';

const made: string[] = [];
function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vmcms-data-'));
  made.push(dir);
  return join(dir, 'data');
}
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the data directory', () => {
  it('is created on first open from the sample directory, with hashed passwords and volume images', () => {
    const root = tempRoot();
    const opened = openDataDirectory(root);
    expect(opened.created).toBe(true);
    expect(opened.directory.entries.has('CMSUSER')).toBe(true);
    const written = readFileSync(opened.layout.directoryFile, 'utf8');
    expect(written).not.toMatch(/USER CMSUSER CMSUSER/);
    expect(written).toMatch(/USER CMSUSER \$S1\$/);
    expect([...opened.volumesCreated].sort()).toEqual(['VMPK01', 'VMSRES']);
    expect(statSync(join(opened.layout.volumesDir, 'VMSRES.3370')).size).toBe(558_000 * 512);
  });

  it('is left as it is when it exists (restart)', () => {
    const root = tempRoot();
    const first = openDataDirectory(root);
    const before = readFileSync(first.layout.directoryFile, 'utf8');
    const second = openDataDirectory(root);
    expect(second.created).toBe(false);
    expect(second.volumesCreated).toEqual([]);
    expect(readFileSync(second.layout.directoryFile, 'utf8')).toBe(before);
  });

  it('is not created at all from a directory with errors', () => {
    const root = tempRoot();
    expect(() => openDataDirectory(root, 'USER A A 1M 1M G\n BOGUS')).toThrow(DirectoryError);
    expect(existsSync(root)).toBe(false);
  });

  it('takes the operator’s own directory source', () => {
    const root = tempRoot();
    const src = join(root, '..', 'mine.direct');
    writeFileSync(src, 'USER ALICE SECRET 1M 2M G\n MDISK 191 3370 10 100 ALPK01 MR\n');
    const opened = openDataDirectory(root, readFileSync(src, 'utf8'));
    expect([...opened.directory.entries.keys()]).toEqual(['ALICE']);
    expect(opened.volumesCreated).toEqual(['ALPK01']);
  });
});
