// REXX EXECs in the CMS environment, on the stand-in CP: the error message
// with its DMSREX id and rc 20000 + n, TRACE on the console, PULL from the
// terminal, slicing of a long EXEC and HI.

import { describe, expect, it } from 'vitest';
import { logon, putFile, READY, readyRc } from '../helpers.js';

function withExec(name: string, lines: string[]): ReturnType<typeof logon> {
  const u = logon();
  putFile(u.a, name, 'EXEC', lines, 'V');
  u.enter('ACCESS 191 A');
  return u;
}

describe('REXX errors under CMS', () => {
  it('an untrapped error types the traceback and DMSREXnnnE Error n running fn EXEC, line l: text; rc 20000 + n', () => {
    const u = withExec('BAD', ['/* */', "say 'before'", "x = substr('abc', -1)", "say 'after'"]);
    const out = u.enter('BAD');
    expect(out).toEqual([
      'before',
      "     3 +++ x = substr('abc', -1)",
      'DMSREX475E Error 40 running BAD EXEC, line 3: Incorrect call to routine',
      expect.stringMatching(/^Ready\(20040\);/),
    ]);
  });

  it('the error message is seen after SET CMSTYPE HT', () => {
    const u = withExec('QUIET', ['/* */', "'SET CMSTYPE HT'", "say 'hidden'", 'signal nowhere']);
    const out = u.enter('QUIET');
    expect(out).not.toContain('hidden');
    expect(out).toContain('DMSREX456E Error 16 running QUIET EXEC, line 4: Label not found');
    expect(readyRc(out)).toBe(20016);
  });

  it('an error in an EXEC called from another gives the caller rc 20000 + n', () => {
    const u = logon();
    putFile(u.a, 'OUTER', 'EXEC', ['/* */', "'EXEC INNER'", "say 'inner rc' rc"], 'V');
    putFile(u.a, 'INNER', 'EXEC', ['/* */', 'x = 1 +'], 'V');
    u.enter('ACCESS 191 A');
    const out = u.enter('OUTER');
    expect(out).toContain('inner rc 20035');
    expect(readyRc(out)).toBe(0);
  });
});

describe('TRACE under CMS', () => {
  it('TRACE R types each clause and its results on the console, before the SAY output', () => {
    const u = withExec('TR', ['/* */', 'trace r', 'x = 2 + 3', 'say x']);
    expect(u.enter('TR').slice(0, -1)).toEqual([
      '     3 *-* x = 2 + 3',
      '       >>>   "5"',
      '     4 *-* say x',
      '       >>>   "5"',
      '5',
    ]);
  });
});

describe('the terminal', () => {
  it('PULL with an empty stack waits for a console read; the line typed is the value', () => {
    const u = withExec('ASK', ['/* */', 'pull a b', "say 'got' b a", "queue 'stacked'", 'pull c', 'say c']);
    u.vm.take();
    u.vm.type('ASK');
    expect(u.vm.run()).toBe('read');
    expect(u.vm.take()).toEqual(['ASK']);
    u.vm.type('one two');
    expect(u.vm.run()).toBe('read');
    const out = u.vm.take();
    expect(out.slice(1)).toEqual(['got TWO ONE', 'STACKED', expect.stringMatching(READY)]);
  });
});

describe('a long EXEC', () => {
  it('is sliced: DO FOREVER gives the machine back, and HI halts it with error 4', () => {
    const u = withExec('LOOP', ['/* */', 'n = 0', 'do forever', '  n = n + 1', 'end']);
    u.vm.take();
    u.vm.type('LOOP');
    // The EXEC does not hold the machine: the run ends at its instruction budget, not inside the loop.
    expect(u.vm.run(200_000)).toBe('limit');
    expect(u.vm.run(200_000)).toBe('limit');
    u.vm.type('HI');
    expect(u.vm.run()).toBe('read');
    const out = u.vm.take();
    // The halt is seen between clauses: the traceback shows whichever clause of the loop was next.
    expect(out.some((l) => /^ {5}[345] \+\+\+ /.test(l))).toBe(true);
    expect(out.some((l) => /^DMSREX444E Error 4 running LOOP EXEC, line [345]: Program interrupted$/.test(l))).toBe(
      true,
    );
    expect(out[out.length - 1]).toMatch(/^Ready\(20004\);/);
  });

  it('HI with SIGNAL ON HALT goes to the HALT label; the EXEC ends normally', () => {
    const u = withExec('LOOPH', [
      '/* */',
      'signal on halt',
      'do forever; nop; end',
      'halt:',
      "say 'halted at' sigl",
      'exit 5',
    ]);
    u.vm.take();
    u.vm.type('LOOPH');
    expect(u.vm.run(100_000)).toBe('limit');
    u.vm.type('HI');
    expect(u.vm.run()).toBe('read');
    const out = u.vm.take();
    expect(out).toContain('halted at 3');
    expect(out[out.length - 1]).toMatch(/^Ready\(00005\);/);
  });
});

describe('CMS external functions', () => {
  it('DIAG(8) gives the CP response with X15 after each line, DIAGRC the rc; DIAG(0C), DIAG(60), DIAG(24)', () => {
    const u = withExec('FUN', [
      '/* */',
      "r = diag(8, 'QUERY TIME')",
      "say c2x(right(r, 1)) strip(r, 'T', '15'x)",
      "say word(diagrc(8, 'NOSUCH'), 1)",
      'd = diag(0c)',
      'say left(d, 8) substr(d, 9, 8) length(d)',
      "say c2d(diag(60)) / 1024 'K'",
      "say c2x(left(diag(24, '00E'), 2)) c2x(left(diag(24, '191'), 1))",
      "say word(diagrc(24, '999'), 1)",
    ]);
    expect(u.enter('FUN').slice(0, -1)).toEqual([
      '15 TIME IS 10:15:30 UTC THURSDAY 11/26/26',
      '1',
      '11/26/26 10:15:30 32',
      `${u.vm.storage.size / 1024} K`,
      '1041 04',
      '3',
    ]);
  });

  it('an unsupported DIAGNOSE code is error 40', () => {
    const u = withExec('FUN2', ['/* */', 'x = diag(48)']);
    expect(readyRc(u.enter('FUN2'))).toBe(20040);
  });

  it('STORAGE() gives the size; STORAGE(addr, len, data) reads and replaces the bytes', () => {
    const u = withExec('STO', [
      '/* */',
      'say storage()',
      "old = storage('30000', 4, 'ABCD')",
      "say storage('30000', 4)",
      "say storage('FFFFFFF', 1) = ''",
    ]);
    expect(u.enter('STO').slice(0, -1)).toEqual([`${u.vm.storage.size / 1024}K`, 'ABCD', '1']);
  });

  it('CMSFLAG follows SET', () => {
    const u = withExec('FLG', [
      '/* */',
      "say cmsflag('IMPCP') cmsflag('ABBREV')",
      "'SET IMPCP OFF'",
      "say cmsflag('IMPCP')",
    ]);
    expect(u.enter('FLG').slice(0, -1)).toEqual(['1 1', '0']);
  });
});
