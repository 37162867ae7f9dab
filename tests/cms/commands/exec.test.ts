// EXECs: REXX through cms/rexx with ADDRESS CMS/COMMAND/CP, the program
// stack shared with CMS commands, EXECIO, reading the terminal; and the
// errors for a missing EXEC or a language vmcms lacks.

import { describe, expect, it } from 'vitest';
import { logon, putFile, READY, readyRc } from '../helpers.js';

function withExec(name: string, lines: string[]): ReturnType<typeof logon> {
  const u = logon();
  putFile(u.a, name, 'EXEC', lines, 'V');
  u.enter('ACCESS 191 A');
  return u;
}

describe('EXEC', () => {
  it('runs a REXX EXEC with its argument string; the EXEC’s result is the rc', () => {
    const u = withExec('GREET', ['/* REXX */', 'parse arg who', "say 'Hello,' who", 'exit 7']);
    const out = u.enter('GREET World and all');
    expect(out[0]).toBe('Hello, World and all');
    expect(readyRc(out)).toBe(7);
    expect(u.enter('EXEC GREET you')[0]).toBe('Hello, you');
    expect(u.enter('EX GREET me')[0]).toBe('Hello, me');
  });

  it('a missing EXEC is DMSEXT072E with rc 801', () => {
    const u = logon();
    const out = u.enter('EXEC NOSUCH');
    expect(out[0]).toBe('DMSEXT072E Error in EXEC file NOSUCH, line 0 - File not found');
    expect(readyRc(out)).toBe(801);
  });

  it('an EXEC 2 file (&TRACE first) is reported as not available, rc 805', () => {
    const u = withExec('OLD', ['&TRACE', '&TYPE HELLO']);
    const out = u.enter('OLD');
    expect(out[0]).toBe('DMSEXT072E Error in EXEC file OLD, line 1 - EXEC 2 is not available');
    expect(readyRc(out)).toBe(805);
  });

  it('ADDRESS CMS commands set RC; unknown commands give -3; CP commands pass through', () => {
    const u = withExec('CMDS', [
      '/* */',
      "'STATE NOSUCH FILE A'",
      "say 'rc' rc",
      "'LISTFILE * EXEC'",
      "say 'rc' rc",
      "'XYZZY'",
      "say 'rc' rc",
      "address command 'XYZZY'",
      "say 'rc' rc",
      "'CP Q TIME'",
      "address cp 'Q TIME'",
    ]);
    const out = u.enter('CMDS');
    expect(out.slice(0, 14)).toEqual([
      "DMSSTT002E File 'NOSUCH FILE A' not found.",
      'rc 28',
      'CMDS     EXEC     A1',
      'rc 0',
      'Unknown CP/CMS command',
      // TRACE NORMAL shows a command that failed (negative rc).
      "     6 *-* 'XYZZY'",
      '       +++ RC(-3) +++',
      'rc -3',
      "     8 *-* address command 'XYZZY'",
      '       +++ RC(-3) +++',
      'rc -3',
      'TIME IS 10:15:30 UTC THURSDAY 11/26/26',
      'TIME IS 10:15:30 UTC THURSDAY 11/26/26',
      expect.stringMatching(READY),
    ]);
  });

  it('an EXEC calls another EXEC as a command and as a function', () => {
    const u = logon();
    putFile(u.a, 'OUTER', 'EXEC', ['/* */', "'EXEC INNER 5'", "say 'inner rc' rc", "say 'double' double(21)"], 'V');
    putFile(u.a, 'INNER', 'EXEC', ['/* */', 'arg n', 'exit n * 2'], 'V');
    putFile(u.a, 'DOUBLE', 'EXEC', ['/* */', 'arg n', 'return n * 2'], 'V');
    u.enter('ACCESS 191 A');
    expect(u.enter('OUTER').slice(0, 2)).toEqual(['inner rc 10', 'double 42']);
  });

  it('the program stack is shared with CMS: MAKEBUF, SENTRIES, DROPBUF, and PULL', () => {
    const u = withExec('STACK', [
      '/* */',
      "queue 'first'",
      "push 'zeroth'",
      "'SENTRIES'",
      "say 'entries' rc",
      "'MAKEBUF'",
      "say 'buffer' rc",
      "queue 'in buffer'",
      "'SENTRIES'",
      "say 'entries' rc",
      "'DROPBUF'",
      "'SENTRIES'",
      "say 'entries' rc",
      'pull a; pull b',
      'say a "/" b',
    ]);
    expect(u.enter('STACK').slice(0, 5)).toEqual(['entries 2', 'buffer 1', 'entries 3', 'entries 2', 'ZEROTH / FIRST']);
  });

  it('PULL reads the terminal when the stack is empty', () => {
    const u = withExec('ASK', ['/* */', "say 'Your name?'", 'parse pull name', "say 'Hi' name"]);
    expect(u.enter('ASK')).toEqual(['Your name?']);
    expect(u.enter('Ada')[0]).toBe('Hi Ada');
  });

  it('lines left on the stack are run as commands after the EXEC', () => {
    const u = withExec('LEAVE', ['/* */', "queue 'Q IMPEX'"]);
    const out = u.enter('LEAVE');
    expect(out).toEqual([expect.stringMatching(READY), 'IMPEX  = ON', expect.stringMatching(READY)]);
  });

  it('EXECIO DISKR to the stack and DISKW from it; EXECIO * CP', () => {
    const u = logon();
    putFile(u.a, 'IN', 'DATA', ['one', 'two', 'three'], 'V');
    putFile(
      u.a,
      'EIO',
      'EXEC',
      [
        '/* */',
        "'EXECIO * DISKR IN DATA A'",
        "say 'rc' rc queued()",
        'do queued(); pull l; queue l; end',
        "'EXECIO 3 DISKW OUT DATA A'",
        "say 'rc' rc",
        "'EXECIO 9 DISKR IN DATA A'",
        "say 'short rc' rc",
        "'DESBUF'",
        "'EXECIO * CP (STRING Q TIME'",
        "say 'stem rc' rc",
        "'EXECIO * CP Q TIME'",
        'parse pull t',
        'say t',
      ],
      'V',
    );
    u.enter('ACCESS 191 A');
    const out = u.enter('EIO');
    expect(out.slice(0, 3)).toEqual(['rc 0 3', 'rc 0', 'short rc 2']);
    expect(out).toContain('TIME IS 10:15:30 UTC THURSDAY 11/26/26');
    expect(u.enter('TYPE OUT DATA').slice(0, -1)).toEqual(['ONE', 'TWO', 'THREE']);
  });

  it('a REXX syntax error ends the EXEC with rc 20000 + the error number', () => {
    const u = withExec('BAD', ['/* */', 'say (1']);
    const out = u.enter('BAD');
    expect(out.some((l) => /Error 36/.test(l))).toBe(true);
    expect(readyRc(out)).toBe(20036);
  });
});

describe('many stacked lines', () => {
  it('runs 3,000 lines left on the stack as commands, slicing between them', () => {
    const u = withExec('MANY', ['/* */', "do 3000; queue 'SENTRIES'; end"]);
    u.vm.take();
    u.vm.type('MANY');
    expect(u.vm.run(100_000)).toBe('limit');
    expect(u.vm.run()).toBe('read');
    const out = u.vm.take();
    // SENTRIES sets rc to the lines still stacked: 2999, 2998, ... 0.
    expect(out[out.length - 1]).toMatch(READY);
    expect(out[out.length - 2]).toMatch(/^Ready\(00001\);/);
  });
});

describe('CMS EXEC', () => {
  it('&TYPE with arguments, commands shown under &CONTROL CMS with +++ R(nnnnn) +++', () => {
    const u = withExec('OLD', [
      '* a CMS EXEC',
      '&TYPE HELLO &1 &2',
      'STATE NOSUCH FILE A',
      '&TYPE RC WAS &RETCODE',
      '&EXIT 3',
    ]);
    const out = u.enter('OLD there you');
    expect(out).toEqual([
      'HELLO THERE YOU',
      'STATE NOSUCH FILE A',
      "DMSSTT002E File 'NOSUCH FILE A' not found.",
      '+++ R(00028) +++',
      'RC WAS 28',
      expect.stringMatching(/^Ready\(00003\);/),
    ]);
  });

  it('&CONTROL OFF, variables, &IF, &GOTO, &LOOP and labels', () => {
    const u = withExec('COUNT', [
      '&CONTROL OFF',
      '&N = 0',
      '-AGAIN &N = &N + 1',
      '&IF &N LT 3 &GOTO -AGAIN',
      '&TYPE N IS &N',
      '&LOOP 1 2',
      '&TYPE LOOPED',
      '&IF &INDEX EQ 0 &TYPE NO ARGS',
      '&X = &CONCAT AB CD',
      '&TYPE &X',
      'STATE NOSUCH FILE A',
      '&TYPE SILENT RC &RETCODE',
    ]);
    expect(u.enter('COUNT').slice(0, -1)).toEqual([
      'N IS 3',
      'LOOPED',
      'LOOPED',
      'NO ARGS',
      'ABCD',
      "DMSSTT002E File 'NOSUCH FILE A' not found.",
      'SILENT RC 28',
    ]);
  });

  it('&STACK and &READ VARS share the program stack; &BEGTYPE types lines as they are', () => {
    const u = withExec('STK', [
      '&CONTROL OFF',
      '&STACK ALPHA BETA',
      '&READ VARS &A &B',
      '&TYPE &B &A',
      '&BEGTYPE',
      'Line one',
      '&END',
      '&TYPE DONE',
    ]);
    expect(u.enter('STK').slice(0, -1)).toEqual(['BETA ALPHA', 'Line one', 'DONE']);
  });

  it('a &GOTO to a missing label is DMSEXT072E with its line', () => {
    const u = withExec('BADGO', ['&GOTO -NOWHERE']);
    const out = u.enter('BADGO');
    expect(out[0]).toBe('DMSEXT072E Error in EXEC file BADGO, line 1 - &SKIP or &GOTO error');
    expect(readyRc(out)).toBe(802);
  });

  it('a CMS EXEC PROFILE runs at the first Enter', () => {
    const u = logon();
    putFile(u.a, 'PROFILE', 'EXEC', ['&CONTROL OFF', '&TYPE WELCOME'], 'V');
    const vm = u.vm;
    vm.take();
    u.enter('ACCESS 191 A');
    expect(u.enter('PROFILE')[0]).toBe('WELCOME');
  });
});
