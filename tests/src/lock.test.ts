import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirectoryInUseError, lockDataDirectory, readLock } from '../../src/lock.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'vmcms-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the data directory lock', () => {
  it('is held by one system, published for others, and released', () => {
    const dir = tempDir();
    const lock = lockDataDirectory(dir);
    lock.update({ tn3270: { host: '127.0.0.1', port: 3270 } });
    expect(readLock(dir)).toMatchObject({ pid: process.pid, tn3270: { port: 3270 } });
    lock.release();
    expect(readLock(dir)).toBeUndefined();
    expect(existsSync(join(dir, 'vmcms.lock'))).toBe(false);
  });

  it('refuses a second system while the first process lives', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      writeFileSync(join(dir, 'vmcms.lock'), JSON.stringify({ pid: other.pid, started: 'earlier' }));
      expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryInUseError);
      expect(() => lockDataDirectory(dir)).toThrow(/in use by vmcms process/);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    // the holder died: its lock is stale and is taken over
    const lock = lockDataDirectory(dir);
    expect(readLock(dir)?.pid).toBe(process.pid);
    lock.release();
  });
});
