// Minidisks and LINK (cp.md 4.2, 4.3): the owner's disks at logon, LINK's
// modes and their conflicts, passwords, DETACH, T-disks, QUERY DASD / LINKS,
// and a write that a later link sees.

import { describe, expect, it } from 'vitest';
import { CpHarness, type TerminalDriver } from '../../cp/harness.js';
import { LinkRegistry } from '../../cp/minidisk-links.js';
import type { LinkMode } from '../../cp/directory.js';
import { DISK_DIRECTORY } from './disk-directory.js';

async function logon(h: CpHarness, id: string): Promise<TerminalDriver> {
  const t = h.connect();
  await t.logon(id, id);
  return t;
}

describe('LinkRegistry: the mode rules', () => {
  // Existing links of other users, the mode asked, the outcome.
  it.each<[string, Array<[string, boolean]>, LinkMode, string]>([
    ['R with nobody linked', [], 'R', 'R/O'],
    ['R with a writer', [['A', true]], 'R', 'refused'],
    ['RR with a writer', [['A', true]], 'RR', 'R/O'],
    ['W with nobody linked', [], 'W', 'R/W'],
    ['W with a reader', [['A', false]], 'W', 'refused'],
    ['WR with a reader', [['A', false]], 'WR', 'R/O forced'],
    ['WR with nobody linked', [], 'WR', 'R/W'],
    [
      'M with readers only',
      [
        ['A', false],
        ['B', false],
      ],
      'M',
      'R/W',
    ],
    ['M with a writer', [['A', true]], 'M', 'refused'],
    ['MR with a writer', [['A', true]], 'MR', 'R/O forced'],
    ['MW with a writer', [['A', true]], 'MW', 'R/W'],
  ])('%s', (_name, existing, mode, expected) => {
    const links = new LinkRegistry();
    for (const [user, write] of existing) links.grant('OWNER', 0x191, user, 0x191, write ? 'MW' : 'RR');
    const outcome = links.grant('OWNER', 0x191, 'ME', 0x291, mode);
    const text = !outcome.ok ? 'refused' : `${outcome.write ? 'R/W' : 'R/O'}${outcome.forced ? ' forced' : ''}`;
    expect(text).toBe(expected);
  });

  it('a released link no longer counts', () => {
    const links = new LinkRegistry();
    links.grant('OWNER', 0x191, 'A', 0x191, 'W');
    expect(links.grant('OWNER', 0x191, 'B', 0x191, 'W').ok).toBe(false);
    links.release('OWNER', 0x191, 'A', 0x191);
    expect(links.grant('OWNER', 0x191, 'B', 0x191, 'W').ok).toBe(true);
  });
});

describe('minidisks at logon and LINK', () => {
  it('the owner gets its disks at the directory mode, a T-disk, and directory LINKs', async () => {
    const h = new CpHarness({ directorySource: DISK_DIRECTORY });
    const owner = await logon(h, 'OWNER');
    owner.enter('QUERY DASD');
    expect(owner.lines().slice(-3)).toEqual([
      'DASD 191 3370 VMPK01 R/W    200 BLK',
      'DASD 192 3370 VMPK01 R/O    100 BLK',
      'DASD 195 3370 (TEMP) R/W     50 BLK',
    ]);
    const reader = await logon(h, 'READER');
    reader.enter('QUERY VIRTUAL');
    expect(reader.lines().at(-1)).toBe('DASD 192 3370 VMPK01 R/O    100 BLK');
    owner.enter('QUERY LINKS');
    expect(owner.lines().slice(-2)).toEqual([
      'DASD 191 OWNER    191 R/W',
      'DASD 192 OWNER    192 R/O, READER   192 R/O',
    ]);
  });

  it('passwords: none given prompts, a wrong one is refused, the right one links; ALL needs none', async () => {
    const h = new CpHarness({ directorySource: DISK_DIRECTORY });
    const w = await logon(h, 'WRITER');
    w.enter('LINK OWNER 191 291 RR');
    expect(w.lines().at(-1)).toBe('ENTER READ PASSWORD:');
    w.enter('NOTIT');
    expect(w.lines().at(-1)).toBe('DMKLNK113E OWNER 191 NOT LINKED; PASSWORD INCORRECT');
    w.enter('LINK OWNER 191 291 RR WRONG');
    expect(w.lines().at(-1)).toBe('DMKLNK113E OWNER 191 NOT LINKED; PASSWORD INCORRECT');
    w.enter('LINK TO OWNER 191 AS 291 RR PASS= RPASS');
    w.enter('LINK OWNER 192 292');
    w.enter('QUERY DASD');
    expect(w.lines().slice(-2)).toEqual(['DASD 291 3370 VMPK01 R/O    200 BLK', 'DASD 292 3370 VMPK01 R/O    100 BLK']);
    w.enter('LINK OWNER 192 293 W');
    expect(w.lines().at(-1)).toBe('DMKLNK112E OWNER 192 NOT LINKED; NO WRITE PASSWORD');
  });

  it('conflicts: W while the owner has it R/W is refused; MR falls back to R/O; DETACH frees it', async () => {
    const h = new CpHarness({ directorySource: DISK_DIRECTORY });
    const owner = await logon(h, 'OWNER');
    const w = await logon(h, 'WRITER');
    w.enter('LINK OWNER 191 191 W WPASS');
    expect(w.lines().at(-1)).toBe('DMKLNK104E OWNER 191 NOT LINKED; R/W BY OWNER');
    w.enter('LINK OWNER 191 191 MR MPASS');
    expect(w.lines().at(-1)).toBe('DMKLNK101W DASD 191 FORCED R/O; R/W BY OWNER');
    owner.enter('DETACH 191');
    expect(owner.lines().at(-1)).toBe('DASD 191 DETACHED');
    // the address is gone from the virtual machine's channel: SIO is not operational (cc 3)
    expect(h.user('OWNER').guest.startIo(0x191)).toBe(3);
    w.enter('DETACH 191');
    w.enter('LINK OWNER 191 191 M MPASS');
    w.enter('QUERY DASD');
    expect(w.lines().at(-1)).toBe('DASD 191 3370 VMPK01 R/W    200 BLK');
    const third = await logon(h, 'THIRD');
    third.enter('LINK OWNER 191 191 W WPASS');
    expect(third.lines().at(-1)).toBe('DMKLNK104E OWNER 191 NOT LINKED; R/W BY WRITER');
  });

  it('errors: unknown user, no such disk, address in use, DETACH of nothing', async () => {
    const h = new CpHarness({ directorySource: DISK_DIRECTORY });
    const w = await logon(h, 'WRITER');
    w.enter('LINK NOSUCH 191 191 RR');
    expect(w.lines().at(-1)).toBe('DMKLNK053E NOSUCH NOT IN CP DIRECTORY');
    w.enter('LINK OWNER 999 191 RR');
    expect(w.lines().at(-1)).toBe('DMKLNK107E OWNER 999 NOT LINKED; NOT IN CP DIRECTORY');
    w.enter('LINK OWNER 195 195 RR');
    expect(w.lines().at(-1)).toBe('DMKLNK107E OWNER 195 NOT LINKED; NOT IN CP DIRECTORY');
    w.enter('LINK OWNER 192 009 RR');
    expect(w.lines().at(-1)).toBe('DMKLNK110E OWNER 192 NOT LINKED; DASD 009 ALREADY DEFINED');
    w.enter('DETACH 333');
    expect(w.lines().at(-1)).toBe('DMKDTA040E DEV 333 DOES NOT EXIST');
  });

  it('DEFINE T3370 makes a T-disk that LOGOFF erases', async () => {
    const h = new CpHarness({ directorySource: DISK_DIRECTORY });
    const w = await logon(h, 'WRITER');
    w.enter('DEFINE T3370 AS 1A0 BLK 64');
    expect(w.lines().at(-1)).toBe('DASD 1A0 DEFINED');
    w.enter('DEFINE T3370 1A0 64');
    expect(w.lines().at(-1)).toBe('DMKDEF092E DEV 1A0 ALREADY DEFINED');
    w.enter('QUERY DASD');
    expect(w.lines().at(-1)).toBe('DASD 1A0 3370 (TEMP) R/W     64 BLK');
  });

  it('a write by one user is in the disk another links afterwards', async () => {
    const h = new CpHarness({ directorySource: DISK_DIRECTORY });
    await logon(h, 'OWNER');
    const block = new Uint8Array(512).fill(0xc1);
    h.user('OWNER').vm.devices.get(0x191)!.dasd!.minidisk.write(7, 1, block);
    const r = await logon(h, 'READER');
    r.enter('LINK OWNER 191 291 RR RPASS');
    const into = new Uint8Array(512);
    h.user('READER').vm.devices.get(0x291)!.dasd!.minidisk.read(7, 1, into);
    expect(into).toEqual(block);
  });
});
