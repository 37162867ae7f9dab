// EXECIO (VM/SP CMS Command Reference, "EXECIO"): disk files, the reader,
// punch and printer, CP responses; the stack or the EXEC's variables (STEM,
// VAR, through EXECCOMM); files kept open between calls until FINIS.

import { describe, expect, it } from 'vitest';
import { toEbcdic } from '../../../s390/ebcdic.js';
import { logon, putFile, readyRc } from '../helpers.js';
import { StandInSystem } from '../guest-host.js';

/** A user with DATA FILE A (V) holding `lines`, and an EXEC T made of `exec`; returns T's output without the ready line. */
function runExec(
  exec: string[],
  lines = ['alpha', 'beta   ', 'gamma', 'delta'],
): {
  out: string[];
  rc: number | undefined;
  u: ReturnType<typeof logon>;
} {
  const u = logon();
  putFile(u.a, 'DATA', 'FILE', lines, 'V');
  putFile(u.a, 'T', 'EXEC', ['/* */', ...exec], 'V');
  u.enter('ACCESS 191 A');
  const all = u.enter('T');
  return { out: all.slice(0, -1), rc: readyRc(all), u };
}

describe('EXECIO DISKR', () => {
  it('STEM sets stem1..stemn and stem0; a stem name without a period is concatenated', () => {
    const { out } = runExec([
      "'EXECIO * DISKR DATA FILE A (FINIS STEM IN.'",
      "say rc in.0 in.1 in.4 '<'in.2'>'",
      "'EXECIO 2 DISKR DATA FILE A (FINIS STEM LINE'",
      'say rc line0 line1 line2',
    ]);
    expect(out).toEqual(['0 4 alpha delta <beta   >', '0 2 alpha beta']);
  });

  it('without FINIS the file stays open: each call reads on from the last record read', () => {
    const { out } = runExec([
      'do 5',
      "  'EXECIO 1 DISKR DATA FILE A (VAR L'",
      '  say rc l',
      'end',
      "'EXECIO 0 DISKR DATA FILE A (FINIS'",
      "'EXECIO 1 DISKR DATA FILE A (VAR L'",
      'say rc l',
      "'EXECIO 1 DISKR DATA FILE A 3 (VAR L FINIS'",
      'say rc l',
    ]);
    expect(out).toEqual(['0 alpha', '0 beta', '0 gamma', '0 delta', '2 delta', '0 alpha', '0 gamma']);
  });

  it('end of file before the count is rc 2; `*` reads to the end with rc 0', () => {
    const { out } = runExec([
      "'EXECIO 9 DISKR DATA FILE A (FINIS'",
      'say rc queued()',
      "'DESBUF'",
      "'EXECIO * DISKR DATA FILE A (FINIS'",
      'say rc queued()',
      "'DESBUF'",
    ]);
    expect(out).toEqual(['2 4', '0 4']);
  });

  it('FIFO, LIFO, SKIP, STRIP and MARGINS', () => {
    const { out } = runExec([
      "'EXECIO 2 DISKR DATA FILE A (LIFO'",
      'parse pull a; parse pull b; say a b',
      "'EXECIO 1 DISKR DATA FILE A (SKIP'",
      'say rc queued()',
      "'EXECIO 1 DISKR DATA FILE A (FINIS STRIP STEM S.'",
      "say '<'s.1'>'",
      "'EXECIO 4 DISKR DATA FILE A (FINIS MARGINS 2 3 STEM M.'",
      'say m.1 m.2 m.4',
    ]);
    // LIFO: the second record comes out first; SKIP passed gamma; STRIP cut beta's blanks? No: the fourth record is read.
    expect(out).toEqual(['beta    alpha', '0 0', '<delta>', 'lp et el']);
  });

  it('LOCATE, FIND and AVOID return the matching record with its number; rc 2 at the end, 3 when the count runs out', () => {
    const { out } = runExec([
      "'EXECIO * DISKR DATA FILE A (FINIS LOCATE /mm/ VAR X'",
      'say rc x',
      "'EXECIO * DISKR DATA FILE A (FINIS FIND /de/ STEM F.'",
      'say rc f.0 f.1',
      "'EXECIO * DISKR DATA FILE A (FINIS AVOID /a/ VAR X'",
      'say rc',
      "'EXECIO 2 DISKR DATA FILE A (FINIS LOCATE /lt/'",
      'say rc queued()',
      "'EXECIO * DISKR DATA FILE A (FINIS ZONE 2 3 FIND /lp/ VAR X'",
      'say rc x',
    ]);
    expect(out).toEqual(['0 3 gamma', '0 1 4 delta', '2', '3 0', '0 1 alpha']);
  });

  it('a missing file is rc 28 with DMSEIO002E; a bad count is rc 24', () => {
    const { out } = runExec(["'EXECIO 1 DISKR NOSUCH FILE A'", 'say rc', "'EXECIO X DISKR DATA FILE A'", 'say rc']);
    expect(out).toEqual([
      "DMSEIO002E File 'NOSUCH FILE A' not found.",
      '28',
      "DMSEIO070E Invalid parameter 'X'.",
      '24',
    ]);
  });

  it('files left open are closed when the EXEC ends: the next EXEC starts again at record 1', () => {
    const { out, u } = runExec(["'EXECIO 1 DISKR DATA FILE A (VAR L'", 'say l']);
    expect(out).toEqual(['alpha']);
    expect(u.enter('T')[0]).toBe('alpha');
  });

  it('STEM and VAR need a REXX EXEC: typed at the terminal they give rc 24', () => {
    const u = logon();
    putFile(u.a, 'DATA', 'FILE', ['x'], 'V');
    u.enter('ACCESS 191 A');
    const out = u.enter('EXECIO 1 DISKR DATA FILE A (STEM X.');
    expect(out[0]).toBe("DMSEIO003E Invalid option 'STEM'.");
    expect(readyRc(out)).toBe(24);
  });
});

describe('EXECIO DISKW', () => {
  it('from STEM with `*` up to the first null element; VAR and STRING; DISKW appends to an existing file', () => {
    const { out, u } = runExec([
      "s.1 = 'one'; s.2 = 'two'; s.3 = ''; s.4 = 'never'",
      "'EXECIO * DISKW NEW FILE A (FINIS STEM S.'",
      'say rc',
      "v = 'three'",
      "'EXECIO 1 DISKW NEW FILE A (FINIS VAR V'",
      "'EXECIO 1 DISKW NEW FILE A (FINIS STRING four (with parens)'",
      'say rc',
    ]);
    expect(out).toEqual(['0', '0']);
    expect(u.enter('TYPE NEW FILE A').slice(0, -1)).toEqual(['one', 'two', 'three', 'four (with parens)']);
  });

  it('from the stack: `*` stops at a null line', () => {
    const { u } = runExec([
      "queue 'x1'; queue 'x2'; queue ''; queue 'left'",
      "'EXECIO * DISKW OUT FILE A (FINIS'",
      'pull l; say l',
    ]);
    expect(u.enter('TYPE OUT FILE A').slice(0, -1)).toEqual(['x1', 'x2']);
  });

  it('a new F file with recfm and lrecl; a longer line is truncated with rc 1', () => {
    const { out, u } = runExec([
      "'EXECIO 1 DISKW FIX FILE A1 0 F 5 (FINIS STRING abcdefgh'",
      'say rc',
      "'LISTFILE FIX FILE A (FORMAT'",
    ]);
    expect(out[0]).toBe('1');
    expect(out[1]).toMatch(/^FIX\s+FILE\s+A1\s+F\s+5$/);
    expect(u.enter('TYPE FIX FILE A').slice(0, -1)).toEqual(['abcde']);
  });

  it('a record number replaces records from there; the open file goes on after the last record written', () => {
    const { u } = runExec([
      "'EXECIO 1 DISKW DATA FILE A 2 (STRING BETA'",
      "'EXECIO 1 DISKW DATA FILE A (STRING GAMMA'",
      "'EXECIO 1 DISKW DATA FILE A 0 (FINIS STRING DELTA'",
    ]);
    expect(u.enter('TYPE DATA FILE A').slice(0, -1)).toEqual(['alpha', 'BETA', 'GAMMA', 'DELTA']);
  });

  it('DISKRU then DISKW replaces the record read last', () => {
    const { out, u } = runExec([
      "'EXECIO 2 DISKRU DATA FILE A (STEM R.'",
      "'EXECIO 1 DISKW DATA FILE A (FINIS STRING' translate(r.2)",
      'say rc',
    ]);
    expect(out).toEqual(['0']);
    expect(u.enter('TYPE DATA FILE A').slice(0, -1)).toEqual(['alpha', 'BETA', 'gamma', 'delta']);
  });

  it('a read-only or missing disk is rc 36', () => {
    const { out } = runExec(["'EXECIO 1 DISKW X Y Q (STRING z'", 'say rc']);
    expect(out).toEqual(["DMSEIO069E Disk 'Q' not accessed.", '36']);
  });
});

describe('EXECIO CARD, PUNCH, PRINT', () => {
  it('CARD reads the reader file card by card; at its end rc 2 and the file is gone', () => {
    const system = new StandInSystem();
    const u = logon({ system });
    const cards = ['CARD ONE', 'CARD TWO', 'CARD THREE'].map((t) => ({
      op: 0x01,
      data: toEbcdic(t.padEnd(80)),
    }));
    system.spool(u.vm.userid, {
      from: 'FRIEND',
      origin: 'PUN',
      name: 'DECK',
      type: 'DATA',
      records: cards,
      hold: false,
    });
    putFile(
      u.a,
      'T',
      'EXEC',
      ['/* */', "'EXECIO 2 CARD (STEM C. STRIP'", 'say rc c.0 c.1 "/" c.2', "'EXECIO 5 CARD (VAR X'", 'say rc'],
      'V',
    );
    u.enter('ACCESS 191 A');
    // VAR with a count other than 1 is a bad plist (rc 24); then read the rest to the stack.
    const out = u.enter('T');
    expect(out.slice(0, 2)).toEqual(['0 2 CARD ONE / CARD TWO', "DMSEIO070E Invalid parameter '5 (VAR)'."]);
    expect(out[2]).toBe('24');
    putFile(u.a, 'U', 'EXEC', ['/* */', "'EXECIO * CARD (STRIP'", 'say rc queued()', 'pull l; say l'], 'V');
    u.enter('ACCESS 191 A');
    // The first EXEC's open reader file was kept when it ended; this one reads it from its start.
    expect(u.enter('U').slice(0, 2)).toEqual(['0 3', 'CARD ONE']);
    expect(system.reader(u.vm.userid)).toEqual([]);
    putFile(u.a, 'V', 'EXEC', ['/* */', "'EXECIO 1 CARD'", 'say rc'], 'V');
    u.enter('ACCESS 191 A');
    expect(u.enter('V')[0]).toBe('2');
  });

  it('PUNCH writes 80-column cards and FINIS closes the spool file; a longer line is rc 1', () => {
    const system = new StandInSystem();
    const u = logon({ system });
    putFile(
      u.a,
      'T',
      'EXEC',
      [
        '/* */',
        "queue 'first card'; queue 'second card'",
        "'EXECIO 2 PUNCH'",
        'say rc',
        "'EXECIO 1 PUNCH (FINIS STRING' copies('x', 81)",
        'say rc',
      ],
      'V',
    );
    u.enter('ACCESS 191 A');
    const out = u.enter('T');
    expect(out.slice(0, 2)).toEqual(['0', '1']);
    const files = system.reader(u.vm.userid);
    expect(files).toHaveLength(1);
    expect(files[0].records.map((r) => r.data.length)).toEqual([80, 80, 80]);
  });

  it('PRINT writes lines to the printer; CC takes column 1 as ASA carriage control', () => {
    const system = new StandInSystem();
    const u = logon({ system });
    putFile(
      u.a,
      'T',
      'EXEC',
      ['/* */', "'EXECIO 1 PRINT (STRING Heading'", "'EXECIO 1 PRINT (CC FINIS STRING 0Body line'", 'say rc'],
      'V',
    );
    u.enter('ACCESS 191 A');
    expect(u.enter('T')[0]).toBe('0');
    expect(system.printed.get(u.vm.userid)).toEqual([['Heading', 'Body line']]);
  });
});

describe('EXECIO CP', () => {
  it('captures the response in a stem, or the first n lines on the stack; the CP rc is the rc', () => {
    const { out } = runExec([
      "'EXECIO * CP (STEM R. STRING QUERY TIME'",
      'say rc r.0 r.1',
      "'EXECIO * CP (STRING NOSUCH'",
      'say rc queued()',
      'pull l; say l',
    ]);
    expect(out).toEqual(['0 1 TIME IS 10:15:30 UTC THURSDAY 11/26/26', '1 1', 'DMKCFC001E ?CP: NOSUCH']);
  });
});
