// COPYFILE: options, = in the output fileid, concatenation, reformatting,
// PACK/UNPACK, and its DMS messages.

import { describe, expect, it } from 'vitest';
import { formattedDisk, logon, putFile, READY, readyRc } from '../helpers.js';

function user(): ReturnType<typeof logon> {
  const u = logon();
  putFile(u.a, 'ONE', 'DATA', ['alpha', 'beta', 'gamma']);
  putFile(u.a, 'TWO', 'DATA', ['delta']);
  putFile(u.a, 'VAR', 'TEXT', ['short', 'a longer line'], 'V');
  u.enter('ACCESS 191 A');
  return u;
}

describe('COPYFILE', () => {
  it('copies a file; a second copy without REPLACE is DMSCPY024E', () => {
    const u = user();
    expect(u.enter('COPYFILE ONE DATA A COPY DATA A')).toEqual([expect.stringMatching(READY)]);
    expect(u.enter('TYPE COPY DATA').slice(0, -1)).toEqual(['alpha', 'beta', 'gamma']);
    const again = u.enter('COPYFILE ONE DATA A COPY DATA A');
    expect(again[0]).toBe("DMSCPY024E File 'COPY DATA A1' already exists.");
    expect(readyRc(again)).toBe(28);
    expect(readyRc(u.enter('COPY TWO DATA A COPY DATA A (REPLACE'))).toBe(0);
    expect(u.enter('TYPE COPY DATA').slice(0, -1)).toEqual(['delta']);
  });

  it('= in the output takes the input field; * copies every matching file', () => {
    const u = user();
    expect(readyRc(u.enter('COPYFILE * DATA A = BACKUP A'))).toBe(0);
    expect(u.enter('LISTFILE * BACKUP').slice(0, -1)).toEqual(['ONE      BACKUP   A1', 'TWO      BACKUP   A1']);
  });

  it('concatenates several inputs into one output', () => {
    const u = user();
    expect(readyRc(u.enter('COPYFILE ONE DATA A TWO DATA A ALL DATA A'))).toBe(0);
    expect(u.enter('TYPE ALL DATA').slice(0, -1)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
  });

  it('APPEND adds to an existing file', () => {
    const u = user();
    expect(readyRc(u.enter('COPYFILE TWO DATA A ONE DATA A (APPEND'))).toBe(0);
    expect(u.enter('TYPE ONE DATA').slice(0, -1)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
  });

  it('FROM and FOR select records', () => {
    const u = user();
    expect(readyRc(u.enter('COPYFILE ONE DATA A PART DATA A (FROM 2 FOR 1'))).toBe(0);
    expect(u.enter('TYPE PART DATA').slice(0, -1)).toEqual(['beta']);
  });

  it('RECFM and LRECL reformat; F to V drops trailing blanks', () => {
    const u = user();
    expect(readyRc(u.enter('COPYFILE ONE DATA A VONE DATA A (RECFM V'))).toBe(0);
    expect(u.enter('LISTFILE VONE DATA A (FORMAT')[0]).toBe('VONE     DATA     A1 V          5');
    expect(readyRc(u.enter('COPYFILE VAR TEXT A FVAR TEXT A (RECFM F LRECL 20'))).toBe(0);
    expect(u.enter('LISTFILE FVAR TEXT A (FORMAT')[0]).toBe('FVAR     TEXT     A1 F         20');
    expect(readyRc(u.enter('COPYFILE ONE DATA A NARROW DATA A (LRECL 3'))).toBe(0);
    expect(u.enter('TYPE NARROW DATA').slice(0, -1)).toEqual(['alp', 'bet', 'gam']);
  });

  it('UPCASE and FILL', () => {
    const u = user();
    expect(readyRc(u.enter('COPYFILE TWO DATA A UP DATA A (UPCASE'))).toBe(0);
    expect(u.enter('TYPE UP DATA')[0]).toBe('DELTA');
    expect(readyRc(u.enter('COPYFILE VAR TEXT A FILL TEXT A (RECFM F LRECL 8 FILL *'))).toBe(0);
    expect(u.enter('TYPE FILL TEXT')[0]).toBe('short***');
  });

  it('PACK and UNPACK restore the file exactly', () => {
    const u = user();
    expect(readyRc(u.enter('COPYFILE VAR TEXT A PACKED TEXT A (PACK'))).toBe(0);
    expect(u.enter('LISTFILE PACKED TEXT A (FORMAT')[0]).toBe('PACKED   TEXT     A1 F       1024');
    expect(readyRc(u.enter('COPYFILE PACKED TEXT A BACK TEXT A (UNPACK'))).toBe(0);
    expect(readyRc(u.enter('COMPARE VAR TEXT A BACK TEXT A'))).toBe(0);
    expect(u.enter('LISTFILE BACK TEXT A (FORMAT')[0]).toBe('BACK     TEXT     A1 V         13');
  });

  it('TYPE reports each copy', () => {
    const u = user();
    expect(u.enter('COPYFILE ONE DATA A NEW DATA A (TYPE')[0]).toBe(
      "DMSCPY721I Copy 'ONE DATA A1' to 'NEW DATA A1' (NEW FILE)",
    );
  });

  it('errors: missing input, conflicting and repeated options, read-only output, unaccessed mode', () => {
    const u = user();
    const nf = u.enter('COPYFILE NONE DATA A X DATA A');
    expect(nf[0]).toBe("DMSCPY002E File 'NONE DATA A' not found.");
    expect(readyRc(nf)).toBe(28);
    expect(u.enter('COPYFILE ONE DATA A X DATA A (APPEND REPLACE')[0]).toBe(
      "DMSCPY066E 'APPEND' and 'REPLACE' are conflicting options.",
    );
    expect(u.enter('COPYFILE ONE DATA A X DATA A (PACK UNPACK')[0]).toBe(
      "DMSCPY066E 'PACK' and 'UNPACK' are conflicting options.",
    );
    expect(u.enter('COPYFILE ONE DATA A X DATA A (TYPE TYPE')[0]).toBe("DMSCPY065E 'TYPE' option specified twice.");
    expect(u.enter('COPYFILE ONE DATA A X DATA A (LRECL 70000')[0]).toMatch(/^DMSCPY029E/);
    u.enter('ACCESS 191 B/A');
    const ro = u.enter('COPYFILE ONE DATA A X DATA B');
    expect(ro[0]).toBe("DMSCPY037E Disk 'B' is read/only.");
    expect(readyRc(ro)).toBe(36);
    expect(readyRc(u.enter('COPYFILE ONE DATA A X DATA Q'))).toBe(36);
    expect(readyRc(u.enter('COPYFILE ONE DATA'))).toBe(24);
  });

  it('a large copy is sliced (the virtual machine is let go between slices)', () => {
    const u = logon({ a: formattedDisk(16384) });
    const lines: string[] = [];
    for (let i = 0; i < 20000; i++) lines.push(`record ${i}`);
    putFile(u.a, 'BIG', 'DATA', lines);
    u.enter('ACCESS 191 A');
    u.vm.take();
    u.vm.type('COPYFILE BIG DATA A COPY DATA A');
    // 20,000 records at 4,096 a slice: several dispatches, each counted as 10,000 instructions here.
    expect(u.vm.run(25_000)).toBe('limit');
    expect(u.vm.run()).toBe('read');
    expect(readyRc(u.vm.take())).toBe(0);
    expect(readyRc(u.enter('COMPARE BIG DATA A COPY DATA A'))).toBe(0);
  });
});
