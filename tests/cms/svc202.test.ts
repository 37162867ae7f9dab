// Programs under CMS: the samples assembled, loaded and started; SVC 202
// from assembled code with its error-return word; program checks giving
// the abend message and a ready prompt with the disks intact.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StandInSystem } from './guest-host.js';
import { logon, putFile, READY, readyRc, systemDiskCopy } from './helpers.js';

function sample(name: string): string[] {
  return readFileSync(new URL(`../../samples/cms/${name}.ASSEMBLE`, import.meta.url), 'latin1')
    .split('\n')
    .filter((l, i, a) => i < a.length - 1 || l !== '');
}

function cmsUser(): ReturnType<typeof logon> {
  return logon({ s: systemDiskCopy() });
}

function program(u: ReturnType<typeof logon>, name: string, lines: string[]): string[] {
  putFile(u.a, name, 'ASSEMBLE', lines);
  u.enter('ACCESS 191 A');
  const asm = u.enter(`ASSEMBLE ${name}`);
  expect(asm).toEqual([expect.stringMatching(READY)]);
  return u.enter(`LOAD ${name} (START`);
}

describe('the samples', () => {
  it('HELLO: ASSEMBLE, LOAD, START, then GENMOD and run the MODULE by name', () => {
    const u = cmsUser();
    putFile(u.a, 'HELLO', 'ASSEMBLE', sample('HELLO'));
    u.enter('ACCESS 191 A');
    expect(u.enter('ASSEMBLE HELLO')).toEqual([expect.stringMatching(READY)]);
    expect(u.enter('LISTFILE HELLO *').slice(0, -1)).toEqual([
      'HELLO    ASSEMBLE A1',
      'HELLO    TEXT     A1',
      'HELLO    LISTING  A1',
    ]);
    expect(u.enter('LOAD HELLO')).toEqual([expect.stringMatching(READY)]);
    expect(u.enter('START')).toEqual([
      'DMSLIO740I Execution begins...',
      'Hello from a program running under CMS',
      expect.stringMatching(READY),
    ]);
    expect(readyRc(u.enter('GENMOD HELLO'))).toBe(0);
    expect(u.enter('HELLO')).toEqual(['Hello from a program running under CMS', expect.stringMatching(READY)]);
    expect(readyRc(u.enter('LOADMOD HELLO'))).toBe(0);
  });

  it('HELLO and a program check in an ESA/390 virtual machine', () => {
    const u = logon({ s: systemDiskCopy(), arch: '390' });
    expect(program(u, 'HELLO', sample('HELLO'))).toContain('Hello from a program running under CMS');
    const out = program(u, 'BOOM', ['BOOM     CSECT', "         DC    H'0'", '         END   BOOM']);
    expect(out[1]).toBe('DMSITP141T Operation exception occurred at 020002 in routine BOOM');
    expect(readyRc(out)).toBe(0xc1);
  });

  it('COPYFIL: FSREAD and FSWRITE copy a file record by record', () => {
    const u = cmsUser();
    putFile(u.a, 'INPUT', 'DATA', ['card one', 'card two', 'card three']);
    const out = program(u, 'COPYFIL', sample('COPYFIL'));
    expect(out).toContain('00003 records copied');
    expect(readyRc(out)).toBe(0);
    expect(readyRc(u.enter('COMPARE INPUT DATA A OUTPUT DATA A'))).toBe(0);
  });

  it('COPYFIL without its input gets FSREAD rc 1 through the error exit', () => {
    const u = cmsUser();
    const out = program(u, 'COPYFIL', sample('COPYFIL'));
    expect(readyRc(out)).toBe(1);
  });

  it('REPORT: a decimal report on the virtual printer', () => {
    const u = cmsUser();
    const out = program(u, 'REPORT', sample('REPORT'));
    expect(out).toContain('Report written to the printer');
    expect(readyRc(out)).toBe(0);
    u.enter('CP CLOSE 00E');
    const printed = u.vm.printed[0];
    expect(printed).toEqual([
      'QUARTERLY SALES',
      'WIDGETS              12.50',
      'GADGETS             349.99',
      'SPROCKETS              .75',
      'FLANGES             100.00',
      'TOTAL               463.24',
    ]);
  });
});

describe('SVC 202 from assembled programs', () => {
  it('calls a CMS command through a tokenized plist; the error-return word takes rc ≠ 0', () => {
    const u = cmsUser();
    const out = program(u, 'CALLER', [
      'CALLER   CSECT',
      '         USING CALLER,12',
      '         ST    14,SAVE',
      '         LA    1,PLIST',
      '         SVC   202',
      '         DC    AL4(ERROR)',
      "         WRTERM 'no error'",
      '         B     OUT',
      'ERROR    ST    15,RC',
      "         WRTERM 'error exit taken'",
      'OUT      L     14,SAVE',
      '         L     15,RC',
      '         BR    14',
      'SAVE     DS    F',
      "RC       DC    F'0'",
      "PLIST    DC    CL8'STATE',CL8'NOSUCH',CL8'FILE',CL8'A',8X'FF'",
      '         END   CALLER',
    ]);
    expect(out).toContain('error exit taken');
    expect(out).toContain("DMSSTT002E File 'NOSUCH FILE A' not found.");
    expect(readyRc(out)).toBe(28);
  });

  it('an unknown command gives rc -3 and no message (no EXEC search, no CP)', () => {
    const u = cmsUser();
    const out = program(u, 'UNK', [
      'UNK      CSECT',
      '         USING UNK,12',
      '         LA    1,PLIST',
      '         SVC   202',
      '         DC    AL4(1)',
      '         BR    14',
      "PLIST    DC    CL8'XYZZY',8X'FF'",
      '         END   UNK',
    ]);
    expect(out).toEqual(['DMSLIO740I Execution begins...', expect.stringMatching(/^Ready\(-0003\);/)]);
  });

  it('the extended plist (R1 high byte X’01’) passes the untokenized line', () => {
    const u = cmsUser();
    putFile(u.a, 'ECHO', 'EXEC', ['/* */', 'parse arg a', "say '['a']'"], 'V');
    const out = program(u, 'EPL', [
      'EPL      CSECT',
      '         USING EPL,12',
      '         ST    14,SAVE',
      '         LA    1,PLIST',
      "         ICM   1,8,=X'01'",
      '         LA    0,EPLIST',
      '         SVC   202',
      '         DC    AL4(1)',
      '         L     14,SAVE',
      '         BR    14',
      'SAVE     DS    F',
      "PLIST    DC    CL8'EXEC',CL8'ECHO',8X'FF'",
      'EPLIST   DC    A(CMD,ARGS,END,0)',
      "CMD      DC    C'EXEC ECHO '",
      "ARGS     DC    C'Mixed Case  words'",
      'END      EQU   *',
      '         LTORG',
      '         END   EPL',
    ]);
    expect(out).toContain('[Mixed Case  words]');
  });

  it('RDTERM reads a line (R0 = its length) and WRTERM types it back', () => {
    const u = cmsUser();
    putFile(u.a, 'ECHOT', 'ASSEMBLE', [
      'ECHOT    CSECT',
      '         USING ECHOT,12',
      '         ST    14,SAVE',
      '         RDTERM BUF',
      '         LR    3,0',
      '         WRTERM BUF,(3)',
      '         L     14,SAVE',
      '         SR    15,15',
      '         BR    14',
      'SAVE     DS    F',
      'BUF      DS    CL130',
      '         END   ECHOT',
    ]);
    u.enter('ACCESS 191 A');
    expect(u.enter('ASSEMBLE ECHOT')).toEqual([expect.stringMatching(READY)]);
    expect(u.enter('LOAD ECHOT (START')).toEqual(['DMSLIO740I Execution begins...']);
    expect(u.enter('shout this')).toEqual(['SHOUT THIS', expect.stringMatching(READY)]);
  });

  it('FSSTATE returns R1 → the FST; FSERASE erases', () => {
    const u = cmsUser();
    putFile(u.a, 'VICTIM', 'DATA', ['x']);
    const out = program(u, 'FST', [
      'FST      CSECT',
      '         USING FST,12',
      '         ST    14,SAVE',
      "         FSSTATE 'VICTIM DATA A1',ERROR=BAD",
      '         WRTERM (1),8',
      "         FSERASE 'VICTIM DATA A1',ERROR=BAD",
      "         FSSTATE 'VICTIM DATA A1',ERROR=GONE",
      'BAD      L     14,SAVE',
      '         LA    15,99',
      '         BR    14',
      'GONE     L     14,SAVE',
      '         BR    14',
      'SAVE     DS    F',
      '         END   FST',
    ]);
    expect(out).toContain('VICTIM');
    expect(readyRc(out)).toBe(28);
  });

  it('FSREAD and FSWRITE return codes: truncated record 8, read-only disk 12, not found 1', () => {
    const u = cmsUser();
    putFile(u.a, 'LONG', 'DATA', ['0123456789ABCDEF']);
    const rc = (lines: string[]): number | undefined => readyRc(program(u, 'RCS', lines));
    const prog = (stmt: string): string[] => [
      'RCS      CSECT',
      '         USING RCS,12',
      '         ST    14,SAVE',
      stmt,
      '         L     14,SAVE',
      '         BR    14',
      'SAVE     DS    F',
      'BUF      DS    CL80',
      '         END   RCS',
    ];
    expect(rc(prog("         FSREAD 'LONG DATA A1',BUFFER=BUF,BSIZE=8"))).toBe(8);
    expect(rc(prog("         FSREAD 'NONE DATA A1',BUFFER=BUF,BSIZE=80"))).toBe(1);
    u.enter('ACCESS 191 B/A');
    expect(rc(prog("         FSWRITE 'NEW DATA B1',BUFFER=BUF,BSIZE=80"))).toBe(12);
  });

  it('RDCARD reads the reader with SIO until rc 12; PUNCHC punches', () => {
    const system = new StandInSystem();
    const s = systemDiskCopy();
    const sender = logon({ userid: 'SENDER', system, s });
    const u = logon({ userid: 'CARDS', system, s });
    putFile(sender.a, 'DECK', 'DATA', ['CARD ONE', 'CARD TWO']);
    sender.enter('ACCESS 191 A');
    sender.enter('CP SPOOL PUNCH TO CARDS');
    sender.enter('PUNCH DECK DATA A (NOHEADER');
    const out = program(u, 'RDR', [
      'RDR      CSECT',
      '         USING RDR,12',
      '         ST    14,SAVE',
      'LOOP     RDCARD CARD,ERROR=EOF',
      '         WRTERM CARD,8',
      '         PUNCHC CARD',
      '         B     LOOP',
      'EOF      L     14,SAVE',
      '         BR    14',
      'SAVE     DS    F',
      'CARD     DS    CL80',
      '         END   RDR',
    ]);
    expect(out.slice(1, 3)).toEqual(['CARD ONE', 'CARD TWO']);
    expect(readyRc(out)).toBe(12);
    expect(u.vm.punched).toHaveLength(2);
  });

  it('DMSFREE gives storage in the user area', () => {
    const u = cmsUser();
    const out = program(u, 'FREE', [
      'FREE     CSECT',
      '         USING FREE,12',
      '         DMSFREE DWORDS=16,ERR=BAD',
      "         MVC   0(5,1),=C'FREED'",
      '         WRTERM (1),5',
      '         SR    15,15',
      '         BR    14',
      'BAD      LA    15,8',
      '         BR    14',
      '         LTORG',
      '         END   FREE',
    ]);
    expect(out).toContain('FREED');
    expect(readyRc(out)).toBe(0);
  });
});

describe('program checks', () => {
  it('an operation exception: the abend message with the PSW, then the ready prompt; the disks are intact', () => {
    const u = cmsUser();
    putFile(u.a, 'KEEP', 'DATA', ['safe']);
    const out = program(u, 'BOOM', ['BOOM     CSECT', "         DC    H'0'", '         END   BOOM']);
    expect(out[1]).toBe('DMSITP141T Operation exception occurred at 020002 in routine BOOM');
    expect(out[2]).toMatch(/^PSW = [0-9A-F]{8} [0-9A-F]{8}$/);
    expect(out[3]).toBe('DMSABN148T System abend 0C1 called from 020002');
    expect(out[4]).toMatch(/^Ready\(00193\);/);
    expect(u.enter('TYPE KEEP DATA')[0]).toBe('safe');
  });

  it('a program that stores into CMS’s low storage gets a protection exception, and CMS goes on', () => {
    const u = cmsUser();
    const out = program(u, 'STOMP', [
      'STOMP    CSECT',
      '         USING STOMP,12',
      '         XC    0(256,0),0(0)',
      '         BR    14',
      '         END   STOMP',
    ]);
    expect(out[1]).toMatch(/^DMSITP141T Protection exception occurred at 0200/);
    expect(readyRc(out)).toBe(0xc4);
    expect(u.enter('Q TIME')[0]).toMatch(/^TIME IS/);
    expect(readyRc(u.enter('LISTFILE STOMP *'))).toBe(0);
  });

  it('a branch to zero ends in the abend message, not a dead machine', () => {
    const u = cmsUser();
    const out = program(u, 'ZERO', ['ZERO     CSECT', '         SR    1,1', '         BR    1', '         END   ZERO']);
    expect(out.some((l) => l.startsWith('DMSITP141T'))).toBe(true);
    expect(out[out.length - 1]).toMatch(/^Ready\(\d+\);/);
    expect(readyRc(u.enter('LISTFILE ZERO *'))).toBe(0);
  });
});
