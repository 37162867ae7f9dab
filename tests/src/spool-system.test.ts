// Spooling and minidisks in a whole system on a data directory: files and
// disk blocks survive a restart (same spoolid), the system printer writes
// text files, new users' 191s are formatted at creation, the socket reader
// and `vmcms submit` put decks into readers, and a SIGKILL in the middle of
// heavy spooling and disk writes leaves every spool file whole or absent.

import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalDriver } from '../../cp/harness.js';
import { CmsDisk } from '../../cms/fs/disk.js';
import { LocalSession } from '../../terminal/local-session.js';
import { startSystem, type RunningSystem } from '../../src/system.js';
import { openDataDirectory } from '../../src/data-dir.js';
import { toEbcdicPadded } from '../../s390/ebcdic.js';

const dirs: string[] = [];
const running: RunningSystem[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vmcms-spool-system-'));
  dirs.push(d);
  return join(d, 'data');
}

function start(dataDir: string, readerPort: number | null = null, printerPdf = false): RunningSystem {
  const s = startSystem({ dataDir, readerPort, printerPdf });
  running.push(s);
  return s;
}

async function stop(s: RunningSystem): Promise<void> {
  await s.shutdown();
  running.splice(running.indexOf(s), 1);
}

function terminal(system: RunningSystem): TerminalDriver {
  const session = new LocalSession('L0001');
  system.handleSession(session);
  const connection = [...system.cp.terminals].find((t) => t.session === session)!;
  return new TerminalDriver({ settle: () => system.cp.dispatcher.whenIdle() }, session, connection);
}

function send(port: number, bytes: Uint8Array | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    socket.on('end', () => resolve(answer.trim()));
    socket.on('error', reject);
  });
}

describe('a system on a data directory', () => {
  it('formats MAINT 190 and each user 191 at creation', () => {
    const dataDir = tempDir();
    const opened = openDataDirectory(dataDir);
    expect(opened.volumesCreated.length).toBeGreaterThan(0);
    const s = start(dataDir);
    const maint = s.cp.autolog(s.cp.directory.entries.get('USER2')!, 'TEST');
    const s190 = CmsDisk.access(maint.vm.devices.get(0x190)!.dasd!.minidisk);
    expect(s190.find('HELLO', 'ASSEMBLE')).toBeDefined();
    const a = CmsDisk.access(maint.vm.devices.get(0x191)!.dasd!.minidisk);
    expect(a.files()).toEqual([]);
  });

  it('keeps a reader file (same spoolid) and a written block across SHUTDOWN and restart', async () => {
    const dataDir = tempDir();
    let s = start(dataDir);
    const file = s.cp.spooler.enterDeck('USER1', [toEbcdicPadded('HELLO', 80)], 'KEEP', 'ME');
    if (file === 'full') throw new Error('spool full');
    const u = s.cp.autolog(s.cp.directory.entries.get('USER1')!, 'TEST');
    const block = new Uint8Array(512).fill(0x5b);
    u.vm.devices.get(0x191)!.dasd!.minidisk.write(3000, 1, block);
    await stop(s);
    s = start(dataDir);
    const t = terminal(s);
    await t.logon('USER1', 'USER1', 'NOIPL');
    expect(t.transcript).toContain('FILES: 001 RDR,  NO PRT,  NO PUN');
    t.enter('QUERY RDR * ALL');
    expect(t.lines().at(-1)).toMatch(
      new RegExp(`^SYSTEM   ${String(file.spoolid).padStart(4, '0')} A RDR 00000001 01 NONE .* KEEP     ME`),
    );
    const back = new Uint8Array(512);
    s.cp.users.get('USER1')!.vm.devices.get(0x191)!.dasd!.minidisk.read(3000, 1, back);
    expect(back).toEqual(block);
  });

  it('the system printer writes an unheld printer file as text with its carriage control (and a PDF when asked)', async () => {
    const dataDir = tempDir();
    const s = start(dataDir, null, true);
    const t = terminal(s);
    await t.logon('USER1', 'USER1', 'NOIPL');
    const printer = s.cp.users.get('USER1')!.vm.devices.get(0x00e)!.output!;
    printer.records.push(
      { command: 0x09, data: toEbcdicPadded('LINE ONE', 20) },
      { command: 0x11, data: toEbcdicPadded('LINE TWO', 20) },
      { command: 0x89, data: toEbcdicPadded('LAST ON PAGE', 20) },
    );
    t.enter('CLOSE PRT NAME MY LISTING');
    const files = readdirSync(join(dataDir, 'printer')).filter((f) => f.endsWith('.txt'));
    expect(files).toEqual(['USER1-0001-MY-LISTING.txt']);
    // The green-bar PDF follows in the background.
    const pdf = join(dataDir, 'printer', 'USER1-0001-MY-LISTING.pdf');
    for (let i = 0; i < 100 && !existsSync(pdf); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(dataDir, 'printer', files[0]), 'utf8')).toBe('LINE ONE\nLINE TWO\n\nLAST ON PAGE\n\f');
    t.enter('QUERY PRT');
    expect(t.lines().at(-1)).toBe('NO PRT FILES');
  });

  it('without PDF output the system printer writes text only', async () => {
    const dataDir = tempDir();
    const s = start(dataDir);
    const t = terminal(s);
    await t.logon('USER1', 'USER1', 'NOIPL');
    s.cp.users
      .get('USER1')!
      .vm.devices.get(0x00e)!
      .output!.records.push({ command: 0x09, data: toEbcdicPadded('X', 1) });
    t.enter('CLOSE PRT NAME PLAIN LISTING');
    await new Promise((r) => setTimeout(r, 300));
    expect(readdirSync(join(dataDir, 'printer'))).toEqual(['USER1-0001-PLAIN-LISTING.txt']);
  });
});

describe('the socket reader and vmcms submit', () => {
  it('spools a deck with an ID card to the user named; refuses decks without one, unknown users, garbage', async () => {
    const dataDir = tempDir();
    const s = start(dataDir, 0);
    const address = await s.reader;
    expect(address).not.toBeNull();
    const port = address!.port;
    expect(await send(port, 'ID USER2 NAME MY DECK\nCARD 1\nCARD 2\n')).toBe(
      'RDR FILE 0001 SPOOLED TO USER2    RECS 000002',
    );
    expect(await send(port, 'CARD 1\nCARD 2\n')).toBe('DMKRDR420E NO ID CARD; DECK REJECTED');
    expect(await send(port, 'ID NOSUCH\nCARD\n')).toBe('DMKRDR053E NOSUCH NOT IN CP DIRECTORY; DECK REJECTED');
    expect(
      await send(
        port,
        new Uint8Array(4000).map((_, i) => (i * 37) % 256),
      ),
    ).toBe('DMKRDR420E NO ID CARD; DECK REJECTED');
    // An 80-byte EBCDIC deck.
    const ebcdic = new Uint8Array([...toEbcdicPadded('ID USER2', 80), ...toEbcdicPadded('EBCDIC CARD', 80)]);
    expect(await send(port, ebcdic)).toBe('RDR FILE 0002 SPOOLED TO USER2    RECS 000001');
    const file = s.cp.spooler.store.read(1)!;
    expect([file.owner, file.name, file.type, file.records]).toEqual(['USER2', 'MY', 'DECK', 2]);
    expect(s.cp.spooler.store.size).toBe(2);
  });

  it('vmcms submit finds the running system through the data directory; exit 2 when none runs', async () => {
    const viteNode = fileURLToPath(new URL('../../node_modules/.bin/vite-node', import.meta.url));
    const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
    const dataDir = tempDir();
    const deck = join(dataDir, '..', 'hello.data');
    writeFileSync(deck, 'FIRST CARD\nSECOND CARD\n');
    const none = spawnSync(viteNode, [cli, 'submit', deck, '--to', 'USER1', '--data', dataDir], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no vmcms system is running on');
    const s = start(dataDir, 0);
    await s.reader;
    const child = spawn(viteNode, [cli, 'submit', deck, '--to', 'user1', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(out.trim()).toBe('RDR FILE 0001 SPOOLED TO USER1    RECS 000002');
    const file = s.cp.spooler.store.read(1)!;
    expect([file.name, file.type]).toEqual(['HELLO', 'DATA']);
  }, 30_000);
});

describe('SIGKILL in the middle of heavy spooling and disk writes', () => {
  const child = fileURLToPath(new URL('./fixtures/system-writer.ts', import.meta.url));
  const viteNode = fileURLToPath(new URL('../../node_modules/.bin/vite-node', import.meta.url));

  it('every spool file is whole or absent, the index is consistent, blocks are whole, and the system starts', async () => {
    const dataDir = tempDir();
    openDataDirectory(dataDir);
    for (let round = 0; round < 2; round++) {
      const proc = spawn(viteNode, [child, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 200 + round * 150));
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
      const s = start(dataDir);
      const store = s.cp.spooler.store;
      expect(store.size).toBeGreaterThan(0);
      for (const f of store.list()) {
        const file = store.read(f.spoolid)!;
        expect(file.data.length).toBe(f.records);
        file.data.forEach((r, i) =>
          expect(new TextDecoder().decode(r.data).trimEnd()).toBe(`${f.name} ${i + 1}/${f.records}`),
        );
      }
      const names = readdirSync(join(dataDir, 'spool')).filter((n) => n.endsWith('.spool'));
      expect(names.length).toBe(store.size);
      const u = s.cp.autolog(s.cp.directory.entries.get('USER1')!, 'TEST');
      const disk = u.vm.devices.get(0x191)!.dasd!.minidisk;
      const block = new Uint8Array(512);
      let written = 0;
      for (let b = 1000; b < 1500; b++) {
        disk.read(b, 1, block);
        const text = new TextDecoder().decode(block);
        if (block[0] === 0) continue;
        written++;
        const m = /^BLOCK (\d+) WRITE (\d+) /.exec(text);
        expect(m?.[1]).toBe(String(b));
        const unit = m![0];
        expect(text).toBe(unit.repeat(Math.ceil(512 / unit.length)).slice(0, 512));
      }
      expect(written).toBeGreaterThan(0);
      await stop(s);
    }
  }, 60_000);
});
