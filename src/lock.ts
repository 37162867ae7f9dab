// One system per data directory. A running system holds `vmcms.lock` in the
// data directory: its process id and the addresses where it listens, so that
// `vmcms submit` and `vmcms exec` can find it. A lock whose process is gone
// (a crash) is stale and is taken over.

import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockInfo {
  readonly pid: number;
  readonly started: string;
  /** Where the TN3270 server listens, when there is one. */
  readonly tn3270?: { readonly host: string; readonly port: number };
  /** Where the socket card reader listens, when there is one. */
  readonly reader?: { readonly host: string; readonly port: number };
}

export class DataDirectoryInUseError extends Error {
  constructor(
    readonly root: string,
    readonly holder: LockInfo,
  ) {
    super(`data directory ${root} is in use by vmcms process ${holder.pid} (started ${holder.started})`);
    this.name = 'DataDirectoryInUseError';
  }
}

const lockPath = (root: string): string => join(root, 'vmcms.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running system's lock, or undefined when no live system holds the directory. */
export function readLock(root: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(root), 'utf8')) as LockInfo;
    return alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirectoryLock {
  /** Rewrite the lock with the addresses now known (after the servers are listening). */
  update(info: Partial<Omit<LockInfo, 'pid' | 'started'>>): void;
  release(): void;
}

/** Take the data directory for this process; throws DataDirectoryInUseError if a live system has it. */
export function lockDataDirectory(root: string): DataDirectoryLock {
  let info: LockInfo = { pid: process.pid, started: new Date().toISOString() };
  const write = (flag: 'wx' | 'w'): void => {
    const fd = openSync(lockPath(root), flag, 0o600);
    try {
      writeSync(fd, JSON.stringify(info));
    } finally {
      closeSync(fd);
    }
  };
  try {
    write('wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const holder = readLock(root);
    if (holder && holder.pid !== process.pid) throw new DataDirectoryInUseError(root, holder);
    write('w'); // stale: its process is gone
  }
  let held = true;
  return {
    update(more) {
      if (!held) return;
      info = { ...info, ...more };
      write('w');
    },
    release() {
      if (!held) return;
      held = false;
      const current = readLock(root);
      if (!current || current.pid === process.pid) rmSync(lockPath(root), { force: true });
    },
  };
}
