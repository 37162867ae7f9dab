// LISTFILE, STATE, TYPE, ERASE, RENAME, COMPARE, SORT, and file-system edge
// cases, driven as a user types them.

import { describe, expect, it } from 'vitest';
import { CmsDisk } from '../../../cms/fs/disk.js';
import { MemoryBlockDevice } from '../../../cms/fs/block-device.js';
import { logon, putFile, READY, readyRc } from '../helpers.js';

function userWith(files: [string, string, string[]][]): ReturnType<typeof logon> {
  const u = logon();
  for (const [fn, ft, lines] of files) putFile(u.a, fn, ft, lines);
  u.enter('ACCESS 191 A');
  return u;
}

describe('LISTFILE', () => {
  it('lists fn ft fm, patterns, and DMSLST002E with rc 28 when nothing matches', () => {
    const u = userWith([
      ['ALPHA', 'DATA', ['1']],
      ['BETA', 'DATA', ['2']],
      ['ALPHA', 'SCRIPT', ['3']],
    ]);
    expect(u.enter('LISTFILE')).toEqual([
      'ALPHA    DATA     A1',
      'BETA     DATA     A1',
      'ALPHA    SCRIPT   A1',
      expect.stringMatching(READY),
    ]);
    expect(u.enter('LISTFILE A* *').slice(0, -1)).toEqual(['ALPHA    DATA     A1', 'ALPHA    SCRIPT   A1']);
    expect(u.enter('L * DATA A').slice(0, -1)).toHaveLength(2);
    const none = u.enter('LISTFILE NOSUCH *');
    expect(none[0]).toBe('DMSLST002E File not found.');
    expect(readyRc(none)).toBe(28);
  });

  it('DATE and LABEL options with a header', () => {
    const u = userWith([['ALPHA', 'DATA', ['one', 'two']]]);
    const out = u.enter('LISTFILE ALPHA DATA A (DATE');
    expect(out[0]).toBe('FILENAME FILETYPE FM FORMAT LRECL       RECS     BLOCKS   DATE     TIME');
    expect(out[1]).toBe('ALPHA    DATA     A1 F         80          2          1 11/26/26 10:15:30');
    const label = u.enter('LISTFILE ALPHA DATA A (LABEL NOHEADER');
    expect(label[0]).toBe('ALPHA    DATA     A1 F         80          2          1 11/26/26 10:15:30 CMS191');
  });

  it('EXEC writes CMS EXEC A1 and STACK stacks the lines', () => {
    const u = userWith([['ALPHA', 'DATA', ['1']]]);
    expect(readyRc(u.enter('LISTFILE * DATA (EXEC'))).toBe(0);
    expect(u.enter('TYPE CMS EXEC A')[0]).toBe('&1 &2 ALPHA    DATA     A1');
    // A stacked line is read by the next console read: here, CMS's own, which runs it as a command.
    const out = u.enter('LISTFILE * DATA (STACK');
    expect(out[0]).toMatch(READY);
    expect(out[1]).toBe('Unknown CP/CMS command');
  });

  it('rejects bad options, repeated options and unaccessed modes', () => {
    const u = userWith([['ALPHA', 'DATA', ['1']]]);
    expect(u.enter('LISTFILE * * A (BOGUS')[0]).toBe("DMSLST003E Invalid option 'BOGUS'.");
    expect(u.enter('LISTFILE * * A (DATE DATE')[0]).toBe("DMSLST065E 'DATE' option specified twice.");
    const q = u.enter('LISTFILE * * Q');
    expect(q[0]).toBe("DMSLST069E Disk 'Q' not accessed.");
    expect(readyRc(q)).toBe(36);
    expect(readyRc(u.enter('LISTFILE * * 9'))).toBe(24);
  });

  it('lists 1000 files on one disk', () => {
    const a = new MemoryBlockDevice(8192);
    const disk = CmsDisk.format(a, 'BIG191', 1024);
    for (let i = 0; i < 1000; i++) {
      const w = disk.openForWrite(`F${i}`, 'DATA', { recfm: 'F', lrecl: 10 });
      w.write(new Uint8Array(10).fill(0xf0));
      w.close();
    }
    const u = logon({ a });
    const out = u.enter('LISTFILE * DATA');
    expect(out).toHaveLength(1001);
    expect(out[999]).toBe('F999     DATA     A1');
  });
});

describe('STATE, ESTATE, STATEW', () => {
  it('rc 0 and no output when the file exists, DMSSTT002E and 28 when not', () => {
    const u = userWith([['ALPHA', 'DATA', ['1']]]);
    expect(u.enter('STATE ALPHA DATA')).toEqual([expect.stringMatching(READY)]);
    expect(u.enter('STATE * DATA A')).toEqual([expect.stringMatching(READY)]);
    expect(u.enter('STATE NOSUCH FILE A')).toEqual([
      "DMSSTT002E File 'NOSUCH FILE A' not found.",
      expect.stringMatching(/^Ready\(00028\);/),
    ]);
  });

  it('ESTATE is silent; STATEW needs a read/write disk; bad fileids give 20 and 24', () => {
    const u = userWith([['ALPHA', 'DATA', ['1']]]);
    expect(u.enter('ESTATE NOSUCH FILE')).toEqual([expect.stringMatching(/^Ready\(00028\);/)]);
    u.enter('ACCESS 191 B/A');
    expect(readyRc(u.enter('STATEW ALPHA DATA B'))).toBe(36);
    expect(u.enter('STATE BAD.NAME DATA')[0]).toBe("DMSSTT062E Invalid character '.' in fileid 'BAD.NAME DATA'.");
    expect(readyRc(u.enter('STATE BAD.NAME DATA'))).toBe(20);
    expect(u.enter('STATE ALPHA')[0]).toBe('DMSSTT054E Incomplete fileid specified.');
    expect(u.enter('STATE')[0]).toBe('DMSSTT001E No filename specified.');
  });
});

describe('TYPE', () => {
  it('types a file, record ranges, columns and hex', () => {
    const u = userWith([['T', 'DATA', ['first line', 'second line', 'third line']]]);
    expect(u.enter('TYPE T DATA').slice(0, -1)).toEqual(['first line', 'second line', 'third line']);
    expect(u.enter('TYPE T DATA A 2 2').slice(0, -1)).toEqual(['second line']);
    expect(u.enter('TYPE T DATA A 2').slice(0, -1)).toEqual(['second line', 'third line']);
    expect(u.enter('TYPE T DATA A 1 1 (COL 1-5').slice(0, -1)).toEqual(['first']);
    expect(u.enter('TYPE T DATA A 1 1 (HEX COL 1-5').slice(0, -1)).toEqual(['868999A2 A3']);
  });

  it('not found: DMSTYP002E rc 28; bad range: rc 24', () => {
    const u = userWith([['T', 'DATA', ['x']]]);
    expect(u.enter('TYPE NO DATA')).toEqual([
      "DMSTYP002E File 'NO DATA A' not found.",
      expect.stringMatching(/^Ready\(00028\);/),
    ]);
    expect(readyRc(u.enter('TYPE T DATA A 3 1'))).toBe(24);
  });
});

describe('ERASE and RENAME', () => {
  it('ERASE removes files, with patterns, and reports a missing file', () => {
    const u = userWith([
      ['ONE', 'DATA', ['1']],
      ['TWO', 'DATA', ['2']],
    ]);
    expect(readyRc(u.enter('ERASE ONE DATA'))).toBe(0);
    expect(u.enter('ERASE ONE DATA A')).toEqual([
      "DMSERS002E File 'ONE DATA A' not found.",
      expect.stringMatching(/^Ready\(00028\);/),
    ]);
    expect(readyRc(u.enter('ERASE * DATA'))).toBe(0);
    expect(readyRc(u.enter('LISTFILE'))).toBe(28);
    expect(u.enter('ERASE ONE')[0]).toBe('DMSERS054E Incomplete fileid specified.');
  });

  it('ERASE on a read-only disk is DMSERS037E rc 36', () => {
    const u = userWith([['ONE', 'DATA', ['1']]]);
    u.enter('ACCESS 191 B/A');
    const out = u.enter('ERASE ONE DATA B');
    expect(out[0]).toBe("DMSERS037E Disk 'B' is read/only.");
    expect(readyRc(out)).toBe(36);
  });

  it('RENAME with = fields, and its errors', () => {
    const u = userWith([
      ['ONE', 'DATA', ['1']],
      ['TWO', 'DATA', ['2']],
    ]);
    expect(readyRc(u.enter('RENAME ONE DATA A UNO = ='))).toBe(0);
    expect(u.enter('LISTFILE UNO DATA')[0]).toBe('UNO      DATA     A1');
    expect(u.enter('RENAME UNO DATA A TWO DATA A')[0]).toBe("DMSRNM024E File 'TWO DATA A' already exists.");
    expect(u.enter('RENAME NONE DATA A X DATA A')[0]).toBe("DMSRNM002E File 'NONE DATA A' not found.");
    expect(u.enter('RENAME UNO DATA A UNO DATA A')[0]).toBe('DMSRNM019E Identical fileids.');
    expect(u.enter('RENAME UNO DATA A')[0]).toBe('DMSRNM054E Incomplete fileid specified.');
  });
});

describe('COMPARE and SORT', () => {
  it('COMPARE: rc 0 for equal files, the differing records and rc 4 otherwise', () => {
    const u = userWith([
      ['A', 'DATA', ['same', 'one']],
      ['B', 'DATA', ['same', 'one']],
      ['C', 'DATA', ['same', 'two']],
      ['D', 'DATA', ['same', 'onex']],
    ]);
    expect(u.enter('COMPARE A DATA A B DATA A')).toEqual([expect.stringMatching(READY)]);
    const out = u.enter('COMPARE A DATA A C DATA A');
    expect(out.slice(0, 3)).toEqual(['one', 'two', 'DMSCMP209W Files do not compare.']);
    expect(readyRc(out)).toBe(4);
    expect(readyRc(u.enter('COMPARE A DATA A D DATA A (COL 1-3'))).toBe(0);
    expect(readyRc(u.enter('COMPARE A DATA A D DATA A'))).toBe(4);
  });

  it('SORT asks for the fields and sorts by them', () => {
    const u = userWith([['IN', 'DATA', ['pear   3', 'apple  1', 'fig    2']]]);
    u.vm.take();
    u.vm.type('SORT IN DATA A OUT DATA A');
    u.vm.run();
    expect(u.vm.take()).toContain('DMSSRT604R Enter sort fields:');
    expect(readyRc(u.enter('8 8'))).toBe(0);
    expect(u.enter('TYPE OUT DATA').slice(0, -1)).toEqual(['apple  1', 'fig    2', 'pear   3']);
  });
});

describe('file system edge cases', () => {
  it('65535-byte records round-trip through COPYFILE and TYPE', () => {
    const u = logon();
    const disk = CmsDisk.access(u.a);
    const w = disk.openForWrite('HUGE', 'REC', { recfm: 'V', lrecl: 65535 });
    w.write(new Uint8Array(65535).fill(0xc1));
    w.close();
    u.enter('ACCESS 191 A');
    expect(readyRc(u.enter('COPYFILE HUGE REC A COPY REC A'))).toBe(0);
    expect(u.enter('LISTFILE COPY REC A (FORMAT')[0]).toBe('COPY     REC      A1 V      65535');
    expect(readyRc(u.enter('COMPARE HUGE REC A COPY REC A'))).toBe(0);
    expect(u.enter('TYPE COPY REC A (COL 65531-65535')[0]).toBe('AAAAA');
  });

  it('disk full: DMSCPY105S, rc 100, the disk keeps its old files', () => {
    const a = new MemoryBlockDevice(64);
    CmsDisk.format(a, 'TINY', 512);
    putFile(a, 'KEEP', 'DATA', ['keep me']);
    const big: string[] = [];
    for (let i = 0; i < 600; i++) big.push(`line ${i}`);
    putFile(a, 'BIG', 'DATA', big.slice(0, 100));
    const u = logon({ a });
    // Append the file to itself until the disk is full.
    let rc = 0;
    for (let i = 0; i < 10 && rc === 0; i++)
      rc = readyRc(u.enter('COPYFILE BIG DATA A BIG DATA A KEEP2 DATA A (REPLACE')) ?? -1;
    expect(rc === 0 || rc === 100).toBe(true);
    const out = u.enter('COPYFILE BIG DATA A KEEP2 DATA A BIG DATA A KEEP2 DATA A X DATA A');
    expect(out.some((l) => l.startsWith('DMSCPY105S'))).toBe(true);
    expect(readyRc(out)).toBe(100);
    expect(u.enter('TYPE KEEP DATA')[0]).toBe('keep me');
    expect(readyRc(u.enter('STATE X DATA A'))).toBe(28);
  });

  it('CMS has no empty files: COPYFILE FOR with nothing to copy leaves no file', () => {
    const u = userWith([['ONE', 'DATA', ['1', '2']]]);
    expect(readyRc(u.enter('COPYFILE ONE DATA A TWO DATA A (FROM 5'))).toBe(0);
    expect(readyRc(u.enter('STATE TWO DATA A'))).toBe(28);
  });

  it('malformed fileids: DMS062E rc 20 and 048E rc 24', () => {
    const u = userWith([['ONE', 'DATA', ['1']]]);
    expect(readyRc(u.enter('TYPE TOOLONGNAME DATA'))).toBe(20);
    expect(readyRc(u.enter('TYPE ONE DATA A9'))).toBe(24);
    expect(readyRc(u.enter('TYPE ONE DATA 1'))).toBe(24);
  });
});
