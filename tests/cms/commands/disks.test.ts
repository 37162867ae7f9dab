// ACCESS, RELEASE, FORMAT and QUERY DISK; two users sharing a minidisk.

import { describe, expect, it } from 'vitest';
import { MemoryBlockDevice } from '../../../cms/fs/block-device.js';
import { StandInSystem } from '../guest-host.js';
import { formattedDisk, logon, putFile, READY, readyRc } from '../helpers.js';

describe('ACCESS and RELEASE', () => {
  it('accesses another disk at B, lists it, and releases it', () => {
    const b = formattedDisk(2048, 'DATA92');
    putFile(b, 'ON', 'B', ['x']);
    const u = logon({ extra: new Map([[0x192, { device: b }]]) });
    expect(u.enter('ACCESS 192 B')).toEqual([expect.stringMatching(READY)]);
    expect(u.enter('LISTFILE * * B')[0]).toBe('ON       B        B1');
    expect(u.enter('QUERY SEARCH')[1]).toMatch(/^DATA92 192\s+B R\/W$/);
    expect(readyRc(u.enter('RELEASE B'))).toBe(0);
    expect(u.enter('LISTFILE * * B')[0]).toBe("DMSLST069E Disk 'B' not accessed.");
  });

  it('a read-only link is accessed R/O (DMSACC723I) and cannot be written', () => {
    const b = formattedDisk(2048, 'RO0192');
    putFile(b, 'ON', 'B', ['x']);
    const u = logon({ extra: new Map([[0x192, { device: b, readOnly: true }]]) });
    expect(u.enter('ACCESS 192 B')[0]).toBe('DMSACC723I B (192) R/O');
    expect(u.enter('ERASE ON B B')[0]).toBe("DMSERS037E Disk 'B' is read/only.");
    expect(readyRc(u.enter('COPYFILE ON B B = = B (REPLACE'))).toBe(36);
  });

  it('replacing a mode letter says DMSACC724I; a R/W disk at a second letter releases the first (726I)', () => {
    const b = formattedDisk(2048, 'DATA92');
    const u = logon({ extra: new Map([[0x192, { device: b }]]) });
    expect(u.enter('ACCESS 192 A')[0]).toBe('DMSACC724I 192 replaces A (191)');
    expect(u.enter('ACCESS 192 C')[0]).toBe('DMSACC726I 192 A released');
  });

  it('extensions and subsets are read-only views', () => {
    const u = logon();
    putFile(u.a, 'KEEP', 'EXEC', ['/* */'], 'V');
    putFile(u.a, 'OTHER', 'DATA', ['x']);
    u.enter('ACCESS 191 A');
    expect(u.enter('ACCESS 191 B/A * EXEC')[0]).toBe('DMSACC723I B (191) R/O');
    expect(u.enter('LISTFILE * * B').slice(0, -1)).toEqual(['KEEP     EXEC     B1']);
  });

  it('errors: bad device address, bad mode, not attached, unformatted, unknown option', () => {
    const raw = new MemoryBlockDevice(100);
    const u = logon({ extra: new Map([[0x193, { device: raw }]]) });
    expect(u.enter('ACCESS 19Z A')).toEqual([
      "DMSACC017E Invalid device address '19Z'.",
      expect.stringMatching(/^Ready\(00024\);/),
    ]);
    expect(u.enter('ACCESS 191 AB')[0]).toBe("DMSACC048E Invalid mode 'AB'.");
    expect(u.enter('ACCESS 199 B')).toEqual([
      'DMSACC113S B(199) not attached.',
      expect.stringMatching(/^Ready\(00100\);/),
    ]);
    expect(u.enter('ACCESS 193 B')[0]).toBe("DMSACC112S Disk 'B(193)' device error.");
    expect(u.enter('ACCESS 191 A (BOGUS')[0]).toBe("DMSACC003E Invalid option 'BOGUS'.");
    expect(u.enter('RELEASE')[0]).toBe('DMSARE028E No device specified.');
    expect(u.enter('RELEASE Q')).toEqual([
      "DMSARE069E Disk 'Q' not accessed.",
      expect.stringMatching(/^Ready\(00036\);/),
    ]);
  });

  it('ACCESS (ERASE empties a R/W disk', () => {
    const u = logon();
    putFile(u.a, 'GONE', 'DATA', ['x']);
    expect(readyRc(u.enter('ACCESS 191 A (ERASE'))).toBe(0);
    expect(readyRc(u.enter('LISTFILE'))).toBe(28);
  });
});

describe('FORMAT', () => {
  it('asks, formats and accesses the disk', () => {
    const raw = new MemoryBlockDevice(1000);
    const u = logon({ extra: new Map([[0x192, { device: raw }]]) });
    u.vm.take();
    u.vm.type('FORMAT 192 B');
    u.vm.run();
    expect(u.vm.take()[1]).toBe(
      "DMSFOR603R FORMAT will erase all files on disk 'B(192)'. Do you wish to continue? (YES|NO):",
    );
    expect(u.enter('YES')).toEqual(['DMSFOR605R Enter disk label:']);
    const out = u.enter('MYDISK');
    expect(out[0]).toBe("DMSFOR733I Formatting disk 'B(192)'");
    expect(out[1]).toBe("DMSFOR732I '125' blocks formatted on disk 'B(192)'");
    expect(readyRc(out)).toBe(0);
    expect(u.enter('QUERY SEARCH')[1]).toMatch(/^MYDISK 192\s+B R\/W$/);
  });

  it('(LABEL changes the label and keeps the files', () => {
    const u = logon();
    putFile(u.a, 'KEEP', 'DATA', ['x']);
    expect(u.enter('FORMAT 191 A (LABEL')).toEqual(['DMSFOR605R Enter disk label:']);
    expect(readyRc(u.enter('NEWLBL'))).toBe(0);
    expect(u.enter('QUERY SEARCH')[0]).toMatch(/^NEWLBL 191\s+A R\/W$/);
    expect(u.enter('LISTFILE')[0]).toBe('KEEP     DATA     A1');
  });

  it('NO leaves the disk unchanged', () => {
    const raw = new MemoryBlockDevice(1000);
    const u = logon({ extra: new Map([[0x192, { device: raw }]]) });
    u.enter('FORMAT 192 B');
    expect(u.enter('NO')[0]).toBe('DMSFOR705I Disk remains unchanged.');
    expect(raw.writes).toBe(0);
  });

  it('a read-only disk cannot be formatted', () => {
    const u = logon({ extra: new Map([[0x192, { device: new MemoryBlockDevice(1000), readOnly: true }]]) });
    expect(u.enter('FORMAT 192 B')).toEqual([
      "DMSFOR037E Disk 'B' is read/only.",
      expect.stringMatching(/^Ready\(00036\);/),
    ]);
  });
});

describe('two users sharing a disk through LINK', () => {
  it('the reader sees the writer’s files after re-ACCESS; a read-only link cannot write', () => {
    const system = new StandInSystem();
    const owner = logon({ userid: 'OWNER', system });
    const reader = logon({ userid: 'READER', system });
    expect(readyRc(reader.enter('CP LINK OWNER 191 291 RR'))).toBe(0);
    expect(readyRc(reader.enter('ACCESS 291 B'))).toBe(28 - 28);
    expect(readyRc(reader.enter('LISTFILE * * B'))).toBe(28);
    putFile(owner.a, 'SHARED', 'DATA', ['from the owner']);
    owner.enter('ACCESS 191 A');
    expect(readyRc(owner.enter('COPYFILE SHARED DATA A SECOND DATA A'))).toBe(0);
    // Not visible until the reader accesses the disk again (its directory is in storage).
    expect(readyRc(reader.enter('LISTFILE * * B'))).toBe(28);
    reader.enter('ACCESS 291 B');
    expect(reader.enter('LISTFILE * * B').slice(0, -1)).toEqual(['SHARED   DATA     B1', 'SECOND   DATA     B1']);
    expect(reader.enter('TYPE SECOND DATA B')[0]).toBe('from the owner');
    expect(reader.enter('ERASE SHARED DATA B')[0]).toBe("DMSERS037E Disk 'B' is read/only.");
  });
});
