// System assembly: a data directory created on first start, the lock, OPERATOR
// logged on at start, terminals through the SessionHandler, and a clean
// shutdown by the operator's SHUTDOWN that releases the data directory.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalDriver } from '../../cp/harness.js';
import { LocalSession } from '../../terminal/local-session.js';
import { startSystem, type RunningSystem } from '../../src/system.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vmcms-system-'));
  dirs.push(d);
  return join(d, 'data');
}

/** A terminal on a running system, driven like the harness's. */
function terminal(system: RunningSystem, name: string): TerminalDriver {
  const session = new LocalSession(name);
  system.handleSession(session);
  const connection = [...system.cp.terminals].find((t) => t.session === session)!;
  return new TerminalDriver({ settle: () => system.cp.dispatcher.whenIdle() }, session, connection);
}

describe('startSystem', () => {
  it('logs the named service machines on, disconnected, after OPERATOR (CMSBATCH for vmcms serve)', async () => {
    const dataDir = tempDir();
    const system = startSystem({ dataDir, autolog: ['CMSBATCH', 'NOSUCH'] });
    try {
      expect([...system.cp.users.keys()]).toEqual(['OPERATOR', 'CMSBATCH']);
      const log = readFileSync(join(dataDir, 'system.log'), 'utf8');
      expect(log).toMatch(/AUTO LOGON {3}\*\*\* {3}CMSBATCH USERS = 002 {2}BY {2}SYSTEM/);
    } finally {
      await system.shutdown();
    }
  });

  it('creates the data directory, logs OPERATOR on, serves terminals, and SHUTDOWN releases everything', async () => {
    const dataDir = tempDir();
    const system = startSystem({ dataDir });
    expect(existsSync(join(dataDir, 'vmcms.lock'))).toBe(true);
    expect(system.cp.users.has('OPERATOR')).toBe(true);

    const user = terminal(system, 'L0001');
    await user.logon('USER1', 'USER1');
    expect(user.shows(/^LOGON AT /)).toBe(true);
    user.enter('QUERY NAMES');
    expect(user.lines().at(-1)).toBe('OPERATOR - DSC , USER1    - 0C1');

    const op = terminal(system, 'L0002');
    await op.logon('OPERATOR', 'OPERATOR');
    expect(op.shows(/^RECONNECTED AT /)).toBe(true);
    op.enter('SHUTDOWN');
    await system.whenShutdown;
    expect(existsSync(join(dataDir, 'vmcms.lock'))).toBe(false);
    expect(user.session.ended).toBe(true);
    const log = readFileSync(join(dataDir, 'system.log'), 'utf8');
    expect(log).toMatch(/AUTO LOGON {3}\*\*\* {3}OPERATOR USERS = 001 {2}BY {2}SYSTEM/);
    expect(log).toMatch(/DMKCKP961W SYSTEM SHUTDOWN COMPLETE/);
    const accounting = readFileSync(join(dataDir, 'accounting.log'), 'utf8').trim().split('\n');
    expect(accounting.map((l) => (JSON.parse(l) as { userid: string }).userid).sort()).toEqual(['OPERATOR', 'USER1']);
    // The directory CP wrote holds no clear passwords.
    expect(readFileSync(join(dataDir, 'USER.DIRECT'), 'utf8')).not.toMatch(/USER USER1 USER1 /);
  });

  it('shutdown() from the host stops the system and the directory can be opened again', async () => {
    const dataDir = tempDir();
    const first = startSystem({ dataDir });
    await first.shutdown();
    await first.shutdown();
    const second = startSystem({ dataDir });
    expect(second.cp.users.has('OPERATOR')).toBe(true);
    await second.shutdown();
  });
});
