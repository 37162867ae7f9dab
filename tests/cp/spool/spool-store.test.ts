import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SpoolFullError, SpoolStore, type NewSpoolFile } from '../../../cp/spool/spool-store.js';
import { decodeRecords, encodeRecords } from '../../../cp/spool/spool-file.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'vmcms-spool-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const punch = (owner: string, name: string): NewSpoolFile => ({
  owner,
  originator: 'USER2',
  queue: 'RDR',
  origin: 'PUN',
  spoolClass: 'A',
  copies: 1,
  hold: 'NONE',
  name,
  type: 'EXEC',
  dist: '',
  keep: false,
});
const cards = (n: number) => Array.from({ length: n }, (_, i) => ({ command: 0x01, data: new Uint8Array(80).fill(i) }));

describe('spool records', () => {
  it('keep each record’s CCW command and data through encoding', () => {
    const records = [
      { command: 0x09, data: Uint8Array.of(0xc1, 0xc2) },
      { command: 0x8b, data: new Uint8Array(0) },
      { command: 0x01, data: new Uint8Array(70000).fill(7) },
    ];
    expect(decodeRecords(encodeRecords(records))).toEqual(records);
    expect(decodeRecords(encodeRecords(records).subarray(0, 14))).toBeUndefined();
  });
});

describe('the spool store', () => {
  it('gives system-wide spoolids and keeps queue order per owner', () => {
    const store = SpoolStore.open(tempDir());
    const a = store.create(punch('USER1', 'A'), cards(3));
    const b = store.create(punch('USER2', 'B'), cards(1));
    const c = store.create(punch('USER1', 'C'), cards(2));
    expect([a.spoolid, b.spoolid, c.spoolid]).toEqual([1, 2, 3]);
    expect(store.list({ owner: 'USER1', queue: 'RDR' }).map((f) => f.name)).toEqual(['A', 'C']);
    expect(a.records).toBe(3);
    store.order([c.spoolid]);
    expect(store.list({ owner: 'USER1' }).map((f) => f.name)).toEqual(['C', 'A']);
  });

  it('keeps files, attributes and spoolids across a restart', () => {
    const dir = tempDir();
    const store = SpoolStore.open(dir);
    store.create(punch('USER1', 'KEEP'), cards(5));
    const second = store.create(punch('USER1', 'MOVE'), cards(2));
    store.update(second.spoolid, { owner: 'CMSUSER', hold: 'USER', spoolClass: 'B' });
    const again = SpoolStore.open(dir);
    expect(again.list().map((f) => [f.spoolid, f.owner, f.name, f.hold, f.spoolClass])).toEqual([
      [1, 'USER1', 'KEEP', 'NONE', 'A'],
      [2, 'CMSUSER', 'MOVE', 'USER', 'B'],
    ]);
    expect(again.read(1)?.data.length).toBe(5);
    expect(again.create(punch('USER1', 'NEXT'), cards(1)).spoolid).toBe(3);
  });

  it('purges a file and its data', () => {
    const dir = tempDir();
    const store = SpoolStore.open(dir);
    const f = store.create(punch('USER1', 'GONE'), cards(1));
    expect(store.purge(f.spoolid)).toBe(true);
    expect(store.purge(f.spoolid)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.spool'))).toEqual([]);
    expect(SpoolStore.open(dir).size).toBe(0);
  });

  it('refuses new files when full, losing nothing already spooled', () => {
    const store = SpoolStore.open(tempDir(), 2);
    store.create(punch('USER1', 'ONE'), cards(1));
    store.create(punch('USER1', 'TWO'), cards(1));
    expect(() => store.create(punch('USER1', 'THREE'), cards(1))).toThrow(SpoolFullError);
    expect(store.list().map((f) => f.name)).toEqual(['ONE', 'TWO']);
  });

  it('wraps spoolids after 9999, skipping ids still in use', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'INDEX.json'), JSON.stringify({ nextSpoolid: 9999, files: [] }));
    const store = SpoolStore.open(dir);
    store.create(punch('U', 'LAST'), cards(1));
    expect(store.create(punch('U', 'WRAPPED'), cards(1)).spoolid).toBe(1);
  });

  it('recovers from a crash: data without an index entry is removed, an entry without data dropped', () => {
    const dir = tempDir();
    const store = SpoolStore.open(dir);
    store.create(punch('USER1', 'WHOLE'), cards(1));
    store.create(punch('USER1', 'LOST'), cards(1));
    writeFileSync(join(dir, '0042.spool'), encodeRecords(cards(1))); // written, never indexed
    rmSync(join(dir, '0002.spool')); // indexed, data gone
    const again = SpoolStore.open(dir);
    expect(again.list().map((f) => f.name)).toEqual(['WHOLE']);
    expect(existsSync(join(dir, '0042.spool'))).toBe(false);
  });
});

describe('SIGKILL in the middle of heavy spooling', () => {
  const child = fileURLToPath(new URL('./fixtures/spool-writer.ts', import.meta.url));
  const viteNode = fileURLToPath(new URL('../../../node_modules/.bin/vite-node', import.meta.url));

  it('leaves every spool file whole or absent, and the spool opens', async () => {
    const dir = tempDir();
    for (let round = 0; round < 3; round++) {
      const proc = spawn(viteNode, [child, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 150 + round * 100));
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
      const store = SpoolStore.open(dir, 9999);
      expect(store.size).toBeGreaterThan(0);
      for (const f of store.list()) {
        const file = store.read(f.spoolid)!;
        const text = file.data.map((r) => new TextDecoder().decode(r.data).trimEnd());
        expect(file.data.length).toBe(f.records);
        text.forEach((t, i) => expect(t).toBe(`${f.name} ${i + 1}/${f.records}`));
      }
      const onDisk = readdirSync(dir).filter((n) => n.endsWith('.spool')).length;
      expect(onDisk).toBe(store.size);
    }
  }, 60_000);
});
