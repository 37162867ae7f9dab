import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DirectoryError, parseDirectory, parseStorageSize, protectDirectorySource } from '../../cp/directory.js';
import { hashPassword, isHashedPassword, passwordMatches } from '../../cp/password.js';

const samplePath = fileURLToPath(new URL('../../samples/directory/USER.DIRECT', import.meta.url));
const sample = readFileSync(samplePath, 'utf8');

function problemsOf(source: string): string[] {
  try {
    parseDirectory(source, 'TEST DIRECT');
  } catch (err) {
    if (err instanceof DirectoryError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('the default directory shipped in samples/', () => {
  const dir = parseDirectory(sample);

  it('has the users the system is documented to have, with their classes', () => {
    expect([...dir.entries.keys()]).toEqual(['OPERATOR', 'MAINT', 'CMSUSER', 'USER1', 'USER2', 'CMSBATCH']);
    expect([...dir.entries.get('OPERATOR')!.classes].join('')).toBe('ABCDEFG');
    expect([...dir.entries.get('CMSUSER')!.classes].join('')).toBe('G');
  });

  it('gives each CMS user console 009, reader 00C, punch 00D, printer 00E, a 191 and links to 190/19E', () => {
    for (const id of ['CMSUSER', 'USER1', 'USER2']) {
      const e = dir.entries.get(id)!;
      expect(e.console?.vaddr).toBe(0x009);
      expect(e.spool.map((s) => [s.vaddr, s.kind])).toEqual([
        [0x00c, 'READER'],
        [0x00d, 'PUNCH'],
        [0x00e, 'PRINTER'],
      ]);
      const a = e.minidisks.find((d) => d.vaddr === 0x191)!;
      expect([a.mode, a.readPassword, a.writePassword]).toEqual(['MR', 'READ', 'WRITE']);
      expect(e.links.map((l) => [l.userid, l.vaddr, l.mode])).toEqual([
        ['MAINT', 0x190, 'RR'],
        ['MAINT', 0x19e, 'RR'],
      ]);
      expect(e.ipl?.target).toBe('CMS');
      expect(e.storage).toBe(4 * 1024 * 1024);
    }
    expect(dir.entries.get('MAINT')!.minidisks.find((d) => d.vaddr === 0x190)!.readPassword).toBe('ALL');
  });

  it('keeps the IPL PARM text of CMSBATCH', () => {
    expect(dir.entries.get('CMSBATCH')!.ipl).toEqual({ target: 'CMS', parm: 'BATCH' });
  });
});

describe('directory errors name the file, the line and the statement, and nothing is half-read', () => {
  it.each([
    ['an unknown statement', 'USER A A 1M 1M G\n FROB 1', /TEST DIRECT line 2: FROB: unknown directory statement/],
    ['a statement before USER', ' CONSOLE 009 3215', /line 1: CONSOLE: statement before the first USER/],
    ['a bad virtual address', 'USER A A 1M 1M G\n CONSOLE XYZZ 3215', /line 2: CONSOLE: invalid virtual address XYZZ/],
    ['a bad link mode', 'USER A A 1M 1M G\n MDISK 191 3370 0 10 V1 QQ', /line 2: MDISK: invalid mode QQ/],
    ['a duplicate userid', 'USER A A 1M 1M G\nUSER A B 1M 1M G', /USER A: duplicate userid/],
    ['max storage below logon storage', 'USER A A 8M 1M G', /maximum storage is smaller/],
    [
      'a LINK to a user not in the directory',
      'USER A A 1M 1M G\n LINK NOBODY 190 190 RR',
      /LINK to NOBODY, not in directory/,
    ],
    [
      'overlapping minidisks on one volume',
      'USER A A 1M 1M G\n MDISK 191 3370 100 50 VOL1 MR\nUSER B B 1M 1M G\n MDISK 191 3370 149 10 VOL1 MR',
      /line 4: MDISK: B 191 overlaps A 191 on volume VOL1/,
    ],
  ])('%s', (_name, source, pattern) => {
    const problems = problemsOf(source);
    expect(problems.join('\n')).toMatch(pattern);
  });

  it('adjacent extents on one volume are accepted', () => {
    expect(
      problemsOf('USER A A 1M 1M G\n MDISK 191 3370 100 50 V MR\nUSER B B 1M 1M G\n MDISK 191 3370 150 9 V MR'),
    ).toEqual([]);
  });

  it('ignores comments, blank lines and columns 72-80', () => {
    const seq = 'USER A A 1M 1M G'.padEnd(71) + 'X00000010';
    const dir = parseDirectory(`* comment\n\n${seq}\n`);
    expect(dir.entries.get('A')?.classes.has('G')).toBe(true);
  });

  it('parses storage sizes in K and M', () => {
    expect(parseStorageSize('320K')).toBe(320 * 1024);
    expect(parseStorageSize('2M')).toBe(2 * 1024 * 1024);
    expect(parseStorageSize('512')).toBe(512 * 1024);
    expect(parseStorageSize('2G')).toBeUndefined();
  });
});

describe('passwords are never written in clear', () => {
  it('the protected copy holds no clear password and still parses, with the same users', () => {
    const protectedSource = protectDirectorySource(sample);
    expect(protectedSource).not.toMatch(/USER CMSUSER CMSUSER/);
    expect(protectedSource).not.toMatch(/\bREAD WRITE\b/);
    expect(protectedSource).toMatch(/VMSRES MR ALL/); // ALL is a keyword, not a password
    const dir = parseDirectory(protectedSource, 'USER DIRECT', { wholeLines: true });
    const cmsuser = dir.entries.get('CMSUSER')!;
    expect(isHashedPassword(cmsuser.password)).toBe(true);
    expect(passwordMatches(cmsuser.password, 'cmsuser')).toBe(true);
    expect(passwordMatches(cmsuser.password, 'USER1')).toBe(false);
    const disk = cmsuser.minidisks[0];
    expect(passwordMatches(disk.readPassword!, 'READ')).toBe(true);
    expect(passwordMatches(disk.writePassword!, 'READ')).toBe(false);
  });

  it('two hashes of one password differ (salted) and both verify', () => {
    const a = hashPassword('SECRET');
    const b = hashPassword('SECRET');
    expect(a).not.toBe(b);
    expect(passwordMatches(a, 'secret') && passwordMatches(b, 'SECRET')).toBe(true);
  });
});
