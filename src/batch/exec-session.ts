// `vmcms exec`'s work: log a user on with no person at the terminal, run
// each command as if typed, log off. On a running system (its lock names a
// TN3270 address) the user comes in through TN3270 like any terminal;
// otherwise an embedded system is started on the data directory for the
// run and shut down afterwards.

import { cmsSystem } from '../../cms/index.js';
import { LocalSession } from '../../terminal/local-session.js';
import { Tn3270Client } from '../../terminal/tn3270-client.js';
import { dataDirectoryLayout } from '../data-dir.js';
import { readLock } from '../lock.js';
import { startSystem } from '../system.js';
import { ConsoleDriver, type HeadlessTerminal } from './console-driver.js';

export interface ExecOptions {
  readonly dataDir: string;
  readonly userid: string;
  readonly password: string;
  readonly commands: readonly string[];
  /** Every line the console shows, as it appears. */
  readonly onLine?: (line: string) => void;
}

export interface ExecResult {
  /** Where the commands ran: a running system (TN3270 host:port) or an embedded one. */
  readonly via: string;
  /** The last command's return code (the logon's CP error number when the logon failed). */
  readonly rc: number;
  readonly logonFailed: boolean;
}

async function drive(terminal: HeadlessTerminal, options: ExecOptions): Promise<{ rc: number; logonFailed: boolean }> {
  const console = new ConsoleDriver(terminal, options.onLine);
  const logon = await console.logon(options.userid.toUpperCase(), options.password);
  if (logon.rc !== 0) return { rc: logon.rc, logonFailed: true };
  let rc = 0;
  for (const command of options.commands) rc = (await console.command(command)).rc;
  // Leave as a user would, from CMS or from CP READ alike: LOGOFF, or
  // DISCONN when the logon reconnected a machine that was running
  // disconnected (OPERATOR, a service machine), so it goes on running.
  const reconnected = logon.lines.some((l) => l.startsWith('RECONNECTED AT'));
  console.enter(reconnected ? '#CP DISCONN' : '#CP LOGOFF');
  console.muted = true;
  await console.loggedOff();
  return { rc, logonFailed: false };
}

export async function execCommands(options: ExecOptions): Promise<ExecResult> {
  const root = dataDirectoryLayout(options.dataDir).root;
  const lock = readLock(root);
  if (lock) {
    if (!lock.tn3270) throw new Error(`the system on ${root} (process ${lock.pid}) has no TN3270 port`);
    const { host, port } = lock.tn3270;
    const client = await Tn3270Client.connect({ host, port });
    try {
      const terminal: HeadlessTerminal = {
        screen: client.screen,
        type: (b) => client.type(b),
        pressAid: (aid) => client.pressAid(aid),
        setCursor: (a) => {
          client.screen.cursor = a;
        },
      };
      // The client applies records as they arrive; keep its queue from growing.
      const drain = setInterval(() => void client.nextRecord(60_000).catch(() => undefined), 50);
      try {
        return { via: `${host}:${port}`, ...(await drive(terminal, options)) };
      } finally {
        clearInterval(drain);
      }
    } finally {
      client.close();
    }
  }
  const system = startSystem({ dataDir: options.dataDir, namedSystems: [cmsSystem], readerPort: null });
  try {
    const session = new LocalSession('EXEC');
    system.handleSession(session);
    const terminal: HeadlessTerminal = {
      screen: session.screen,
      type: (b) => session.type(b),
      pressAid: (aid) => session.pressAid(aid),
      setCursor: (a) => session.key((s) => (s.cursor = a)),
    };
    return { via: 'embedded', ...(await drive(terminal, options)) };
  } finally {
    await system.shutdown();
  }
}
