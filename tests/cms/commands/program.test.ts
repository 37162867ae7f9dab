// LOAD, INCLUDE, START, GENMOD, LOADMOD, ASSEMBLE errors, GLOBAL and MACLIB.

import { describe, expect, it } from 'vitest';
import { logon, putFile, READY, readyRc, systemDiskCopy } from '../helpers.js';

describe('the loader', () => {
  it('LOAD of a missing TEXT file lists the name as undefined (DMSLIO201W, rc 4)', () => {
    const u = logon();
    expect(u.enter('LOAD NOSUCH')).toEqual([
      'DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:',
      ' NOSUCH',
      expect.stringMatching(/^Ready\(00004\);/),
    ]);
  });

  it('resolves external names across decks (INCLUDE, and AUTO from TEXT files)', () => {
    const u = logon({ s: systemDiskCopy() });
    putFile(u.a, 'MAIN', 'ASSEMBLE', [
      'MAIN     CSECT',
      '         USING MAIN,12',
      '         ST    14,SAVE',
      '         L     15,=V(SUB)',
      '         BALR  14,15',
      '         L     14,SAVE',
      '         SR    15,15',
      '         BR    14',
      'SAVE     DS    F',
      '         LTORG',
      '         END   MAIN',
    ]);
    putFile(u.a, 'SUB', 'ASSEMBLE', [
      'SUB      CSECT',
      '         LR    11,15',
      '         USING SUB,11',
      '         LR    3,14',
      "         WRTERM 'in SUB'",
      '         BR    3',
      '         END',
    ]);
    u.enter('ACCESS 191 A');
    expect(readyRc(u.enter('ASSEMBLE MAIN'))).toBe(0);
    expect(readyRc(u.enter('ASSEMBLE SUB'))).toBe(0);
    expect(u.enter('LOAD MAIN (NOAUTO')).toEqual([
      'DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:',
      ' SUB',
      expect.stringMatching(/^Ready\(00004\);/),
    ]);
    expect(u.enter('INCLUDE SUB')).toEqual([expect.stringMatching(READY)]);
    expect(u.enter('START MAIN')).toEqual(['DMSLIO740I Execution begins...', 'in SUB', expect.stringMatching(READY)]);
    expect(u.enter('LOAD MAIN (START')).toEqual([
      'DMSLIO740I Execution begins...',
      'in SUB',
      expect.stringMatching(READY),
    ]);
    expect(u.enter('TYPE LOAD MAP A5')[0]).toMatch(/^MAIN\s+SD\s+020000$/);
  });

  it('START with nothing loaded, GENMOD with nothing loaded', () => {
    const u = logon();
    expect(readyRc(u.enter('START'))).toBe(40);
    expect(readyRc(u.enter('GENMOD X'))).toBe(40);
  });

  it('ASSEMBLE reports errors with the assembler’s return code', () => {
    const u = logon({ s: systemDiskCopy() });
    putFile(u.a, 'BAD', 'ASSEMBLE', ['BAD      CSECT', '         BOGUSOP 1,2', '         END']);
    u.enter('ACCESS 191 A');
    const out = u.enter('ASSEMBLE BAD');
    expect(out.length).toBeGreaterThan(1);
    expect(out[0]).toMatch(/^ASMA/);
    expect(readyRc(out)).toBeGreaterThanOrEqual(8);
    expect(u.enter('ASSEMBLE NONE')[0]).toBe("DMSASM002E File 'NONE ASSEMBLE *' not found.");
  });
});

describe('GLOBAL and MACLIB', () => {
  it('builds a macro library and assembles with it', () => {
    const u = logon({ s: systemDiskCopy() });
    putFile(u.a, 'HI', 'MACRO', [
      '         MACRO',
      '&L       HI',
      "&L       WRTERM 'hi from my macro'",
      '         MEND',
    ]);
    putFile(u.a, 'USEHI', 'ASSEMBLE', [
      'USEHI    CSECT',
      '         USING USEHI,12',
      '         ST    14,S',
      '         HI',
      '         L     14,S',
      '         SR    15,15',
      '         BR    14',
      'S        DS    F',
      '         END',
    ]);
    u.enter('ACCESS 191 A');
    expect(readyRc(u.enter('MACLIB GEN MYLIB HI'))).toBe(0);
    expect(u.enter('MACLIB LIST MYLIB').slice(0, 2)).toEqual([
      'MACRO    INDEX  SIZE',
      expect.stringMatching(/^HI\s+1\s+\d+$/),
    ]);
    expect(u.enter('GLOBAL MACLIB MYLIB CMSLIB NOLIB')[0]).toBe("DMSGLB002E File 'NOLIB MACLIB *' not found.");
    expect(u.enter('QUERY MACLIB')[0]).toBe('MYLIB CMSLIB');
    expect(readyRc(u.enter('ASSEMBLE USEHI'))).toBe(0);
    expect(u.enter('LOAD USEHI (START')).toContain('hi from my macro');
  });

  it('MACLIB ADD adds a member, DEL removes one; errors for a missing library or member', () => {
    const u = logon();
    putFile(u.a, 'ONE', 'MACRO', ['         MACRO', '         ONE', '         MEND']);
    putFile(u.a, 'TWO', 'MACRO', ['         MACRO', '         TWO', '         MEND']);
    u.enter('ACCESS 191 A');
    expect(readyRc(u.enter('MACLIB GEN LIB ONE'))).toBe(0);
    expect(readyRc(u.enter('MACLIB ADD LIB TWO'))).toBe(0);
    expect(
      u
        .enter('MACLIB LIST LIB')
        .slice(1, 3)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['ONE', 'TWO']);
    expect(readyRc(u.enter('MACLIB DEL LIB ONE'))).toBe(0);
    expect(
      u
        .enter('MACLIB LIST LIB')
        .slice(1, 2)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['TWO']);
    expect(readyRc(u.enter('MACLIB ADD NOLIB ONE'))).toBe(28);
    expect(readyRc(u.enter('MACLIB ADD LIB NOSUCH'))).toBe(28);
    expect(readyRc(u.enter('MACLIB BOGUS LIB'))).toBe(24);
  });
});

describe('HELP', () => {
  it('types the help file of a command, by its name or an abbreviation', () => {
    const u = logon({ s: systemDiskCopy() });
    const out = u.enter('HELP LISTFILE');
    expect(out[0]).toBe('  LISTFILE');
    expect(out.some((l) => l.includes('Format:  Listfile'))).toBe(true);
    expect(u.enter('HELP L')[0]).toBe('  LISTFILE');
    expect(readyRc(u.enter('HELP NOSUCHCM'))).toBe(28);
    expect(u.enter('HELP')[0]).toMatch(/^ {2}CMS commands with help files/);
  });
});

describe('TXTLIB, FILEDEF, SYNONYM and WTO', () => {
  it('LOAD finds a missing name in a GLOBAL TXTLIB', () => {
    const u = logon({ s: systemDiskCopy() });
    putFile(u.a, 'MAIN', 'ASSEMBLE', [
      'MAIN     CSECT',
      '         USING MAIN,12',
      '         ST    14,SAVE',
      '         L     15,=V(LIBSUB)',
      '         BALR  14,15',
      '         L     14,SAVE',
      '         SR    15,15',
      '         BR    14',
      'SAVE     DS    F',
      '         LTORG',
      '         END   MAIN',
    ]);
    putFile(u.a, 'LIBSUB', 'ASSEMBLE', [
      'LIBSUB   CSECT',
      '         LR    11,15',
      '         USING LIBSUB,11',
      '         LR    3,14',
      "         WRTERM 'from the library'",
      '         BR    3',
      '         END',
    ]);
    u.enter('ACCESS 191 A');
    u.enter('ASSEMBLE MAIN');
    u.enter('ASSEMBLE LIBSUB');
    // A TXTLIB is object decks one after another.
    expect(readyRc(u.enter('COPYFILE LIBSUB TEXT A MYLIB TXTLIB A'))).toBe(0);
    expect(readyRc(u.enter('ERASE LIBSUB TEXT'))).toBe(0);
    expect(readyRc(u.enter('GLOBAL TXTLIB MYLIB'))).toBe(0);
    expect(u.enter('LOAD MAIN (START')).toContain('from the library');
  });

  it('FILEDEF records definitions, QUERY FILEDEF and FILEDEF * CLEAR', () => {
    const u = logon();
    expect(readyRc(u.enter('FILEDEF INPUT DISK MY DATA A'))).toBe(0);
    expect(readyRc(u.enter('FI SYSPRINT PRINTER'))).toBe(0);
    expect(u.enter('QUERY FILEDEF').slice(0, 2)).toEqual(['INPUT    DISK MY DATA A', 'SYSPRINT PRINTER']);
    expect(u.enter('FILEDEF X NOWHERE')[0]).toBe("DMSFLD070E Invalid parameter 'NOWHERE'.");
    u.enter('FILEDEF * CLEAR');
    expect(u.enter('QUERY FILEDEF')[0]).toBe("NO USER DEFINED FILEDEF'S IN EFFECT");
  });

  it('SYNONYM adds a name for a command', () => {
    const u = logon();
    expect(readyRc(u.enter('SYNONYM LISTFILE DIR'))).toBe(0);
    expect(readyRc(u.enter('DIR'))).toBe(28);
  });

  it('WTO (SVC 35) types its text at the terminal', () => {
    const u = logon({ s: systemDiskCopy() });
    putFile(u.a, 'WTO', 'ASSEMBLE', [
      'WTO      CSECT',
      '         USING WTO,12',
      '         LA    1,MSG',
      '         SVC   35',
      '         SR    15,15',
      '         BR    14',
      "MSG      DC    AL2(MSGEND-MSG),AL2(0),C'WTO FROM A PROGRAM'",
      'MSGEND   EQU   *',
      '         END   WTO',
    ]);
    u.enter('ACCESS 191 A');
    u.enter('ASSEMBLE WTO');
    expect(u.enter('LOAD WTO (START')).toEqual([
      'DMSLIO740I Execution begins...',
      'WTO FROM A PROGRAM',
      expect.stringMatching(READY),
    ]);
  });
});
