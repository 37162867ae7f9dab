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
//
// It also starts the socket card reader (cp/spool/socket-reader.ts) and
// writes its port into the lock, where `vmcms submit` finds it.

import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NamedSystem } from '../s390/guest.js';
import type { SessionHandler } from '../terminal/session.js';
import { hostClock, type CpClock } from '../cp/clock.js';
import { ControlProgram, type AccountingRecord } from '../cp/control-program.js';
import { SpoolStore } from '../cp/spool/spool-store.js';
import { SocketReader } from '../cp/spool/socket-reader.js';
import { VolumeSet } from '../cp/minidisk.js';
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
  /** The socket card reader's port on 127.0.0.1 (0: any free port; null: no socket reader). */
  readonly readerPort?: number | null;
  /** The most spool files the system keeps (a full spool refuses new ones). */
  readonly spoolLimit?: number;
  /** The system printer writes green-bar PDFs beside its text files. */
  readonly printerPdf?: boolean;
  /**
   * Service machines to log on, disconnected, after OPERATOR (as AUTOLOG1's
   * profile did on VM/370): `vmcms serve` and `start` name CMSBATCH, so
   * batch jobs sent to its reader run. Userids not in the directory are skipped.
   */
  readonly autolog?: readonly string[];
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
  /** Where the socket card reader listens (also in the lock, for `vmcms submit`), or null. */
  readonly reader: Promise<{ host: string; port: number } | null>;
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
    spool: SpoolStore.open(layout.spoolDir, options.spoolLimit),
    volumes: new VolumeSet(layout.volumesDir),
    printerDir: layout.printerDir,
    printerPdf: options.printerPdf,
  });
  // VM/370 logs the operator on at system start (cp.md section 11: AUTO LOGON *** OPERATOR ... BY SYSTEM).
  const operator = opened.directory.entries.get('OPERATOR');
  if (operator) cp.autolog(operator, 'SYSTEM');
  for (const userid of options.autolog ?? []) {
    const entry = opened.directory.entries.get(userid.toUpperCase());
    if (entry && !cp.users.has(entry.userid)) cp.autolog(entry, 'SYSTEM');
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    lock.release();
  };
  const whenShutdown = cp.whenShutdown.then(() => {
    cp.volumes.close();
    release();
  });
  // The system reader: decks sent to this port go to the reader named on their ID card.
  const reader: Promise<{ host: string; port: number } | null> =
    options.readerPort === null
      ? Promise.resolve(null)
      : (() => {
          const socketReader = new SocketReader(cp.spooler, () => cp.directory);
          cp.socketReader = socketReader;
          return socketReader.listen(options.readerPort ?? 0).then(
            (address) => {
              lock.update({ reader: address });
              return address;
            },
            (err: unknown) => {
              cp.operator(`SOCKET READER NOT STARTED: ${(err as Error).message}`);
              return null;
            },
          );
        })();
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
    reader,
  };
}
