// System assembly: open the data directory (creating it on first start) and
// take its lock, build CP over the user directory, log OPERATOR on, and hand
// back what a front end needs: a SessionHandler for new terminals and a
// clean shutdown. The NamedSystem registry is the caller's (src/ registers
// CMS; CP never imports it).
//
//   const system = startSystem({ dataDir: './vmcms-data', namedSystems: [cms] });
//   new Tn3270Server({ onSession: system.handleSession, port: 3270 });
//   ...
//   await system.shutdown();    // or the operator's SHUTDOWN: system.whenShutdown

import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NamedSystem } from '../s390/guest.js';
import type { SessionHandler } from '../terminal/session.js';
import { hostClock, type CpClock } from '../cp/clock.js';
import { ControlProgram, type AccountingRecord } from '../cp/control-program.js';
import { SpoolStore } from '../cp/spool/spool-store.js';
import type { TimeZone } from '../cp/timestamp.js';
import { openDataDirectory, type DataDirectory } from './data-dir.js';
import { lockDataDirectory, type DataDirectoryLock } from './lock.js';

export interface SystemOptions {
  readonly dataDir: string;
  /** Systems `IPL name` can load (CMS). */
  readonly namedSystems?: readonly NamedSystem[];
  /** The operator's own USER DIRECT source for a data directory created now. */
  readonly directorySource?: string;
  readonly clock?: CpClock;
  readonly timeZone?: TimeZone;
  /** Also show each operator-console line here (the serve command prints them). */
  readonly log?: (line: string) => void;
}

export interface RunningSystem {
  readonly cp: ControlProgram;
  readonly layout: DataDirectory;
  /** Give this to the TN3270 server and the UI. */
  readonly handleSession: SessionHandler;
  /** Record where the TN3270 server listens (in the lock, for `vmcms submit`). */
  listening(host: string, port: number): void;
  /** Log everyone off, stop CP, release the data directory. Idempotent. */
  shutdown(): Promise<void>;
  /** Resolves once the system has shut down (the operator's SHUTDOWN, or shutdown()). */
  readonly whenShutdown: Promise<void>;
}

export function startSystem(options: SystemOptions): RunningSystem {
  const opened = openDataDirectory(options.dataDir, options.directorySource);
  const layout = opened.layout;
  const lock: DataDirectoryLock = lockDataDirectory(layout.root);
  const accountingFile = join(layout.root, 'accounting.log');
  const cp = new ControlProgram({
    directory: opened.directory,
    clock: options.clock ?? hostClock,
    timeZone: options.timeZone,
    namedSystems: new Map((options.namedSystems ?? []).map((s) => [s.name.toUpperCase(), s])),
    log: (line) => {
      appendFileSync(layout.logFile, `${line}\n`);
      options.log?.(line);
    },
    account: (record: AccountingRecord) => appendFileSync(accountingFile, `${JSON.stringify(record)}\n`),
    spool: SpoolStore.open(layout.spoolDir),
  });
  // VM/370 logs the operator on at system start (cp.md section 11: AUTO LOGON *** OPERATOR ... BY SYSTEM).
  const operator = opened.directory.entries.get('OPERATOR');
  if (operator) cp.autolog(operator, 'SYSTEM');
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    lock.release();
  };
  const whenShutdown = cp.whenShutdown.then(release);
  return {
    cp,
    layout,
    handleSession: (session) => {
      cp.handleSession(session);
    },
    listening: (host, port) => lock.update({ tn3270: { host, port } }),
    shutdown: async () => {
      cp.shutdown('SYSTEM');
      await whenShutdown;
    },
    whenShutdown,
  };
}
