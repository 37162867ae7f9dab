// Every keyword instruction, through small programs.

import { describe, expect, it } from 'vitest';
import { errorOf, run, say } from './helpers.js';

describe('clauses and symbols', () => {
  it('continues a clause after a trailing comma, and nests comments', () => {
    expect(say("say 'a',", "  'b' /* x /* nested */ y */ 'c'")).toEqual(['a b c']);
  });
  it('splits clauses at semicolons and labels', () => {
    expect(say('x = 1; y = 2; say x y', "lbl: say 'after label'")).toEqual(['1 2', 'after label']);
  });
  it('an unset simple symbol is its own name in upper case', () => {
    expect(say('say hello', "say 'x'hello")).toEqual(['HELLO', 'xHELLO']);
  });
  it('hex and binary strings are EBCDIC characters', () => {
    expect(say("say 'C1C2'x '81'X '1100 0001'b ''x")).toEqual(['AB a A ']);
  });
  it('blank concatenation collapses blanks; abuttal joins', () => {
    expect(say("a = 'x'; say a    'y' a'y' a||'y'")).toEqual(['x y xy xy']);
  });
  it('constant symbols are upper-cased and numbers stay as written', () => {
    expect(say('say 1e3 12.50 .5 3abc')).toEqual(['1E3 12.50 .5 3ABC']);
  });
  it('compound variables substitute simple symbols in the tail', () => {
    expect(say("a. = 'def'; i = 3; a.i = 'three'; j = 'I'; say a.3 a.4 a.j", 'drop i; say a.i')).toEqual([
      'three def def',
      'def',
    ]);
    expect(say("x = 'a b'; s.x = 1; say s.x s.A")).toEqual(['1 S.A']);
  });
  it('a stem assignment discards old values', () => {
    expect(say("a.1 = 'x'; a. = 'new'; say a.1 a.2 a.")).toEqual(['new new new']);
  });
  it('keywords are assignable variables', () => {
    expect(say('say = 3; if = 4; say say if')).toEqual(['3 4']);
  });
});

describe('instructions', () => {
  it('ADDRESS sets, swaps and sends one command', () => {
    const r = run(
      [
        'address COMMAND',
        "'one'",
        'address',
        'say address()',
        "address XEDIT 'two'",
        'say address()',
        "address value 'CP'",
        "'three'",
      ].join('\n'),
    );
    expect(r.out).toEqual(['CMS', 'CMS']);
    expect(r.host.commands).toEqual([
      { env: 'COMMAND', command: 'one' },
      { env: 'XEDIT', command: 'two' },
      { env: 'CP', command: 'three' },
    ]);
  });
  it('ADDRESS rejects environment names over 8 characters (error 29)', () => {
    expect(errorOf('address ABCDEFGHI')).toBe(29);
  });
  it('commands set RC', () => {
    const r = run("'a'; say rc; 'b'; say rc", [], (h) => (h.commandRc = (_e, c) => (c === 'a' ? 4 : -3)));
    expect(r.out).toEqual(['4', '-3']);
  });
  it('ARG upper-cases and splits words', () => {
    expect(run('arg a b; say a "|" b', ['one two three']).out).toEqual(['ONE | TWO THREE']);
  });
  it('CALL internal sets RESULT, or drops it when nothing is returned', () => {
    expect(say('call f 2; say result; call g; say result; exit', 'f: return arg(1) * 2', 'g: return')).toEqual([
      '4',
      'RESULT',
    ]);
  });
  it('CALL of a built-in sets RESULT', () => {
    expect(say("call left 'abcdef', 2; say result")).toEqual(['ab']);
  });
  it('CALL of an external EXEC', () => {
    const r = run("call other 'x'; say result; say other('y')", [], (h) =>
      h.externalsByName.set('OTHER', 'parse source . how .; parse arg a; return how a'),
    );
    expect(r.out).toEqual(['SUBROUTINE x', 'FUNCTION y']);
  });
  it('an unknown routine is error 43', () => {
    expect(errorOf('call nosuch')).toBe(43);
    expect(errorOf('x = nosuch(1)')).toBe(43);
  });
  it('RETURN without data from a function is error 45; an external that returns none is 44', () => {
    expect(errorOf('x = f()', 'exit', 'f: return')).toBe(45);
    const r = run('x = ext()', [], (h) => h.externalsByName.set('EXT', 'exit'));
    expect(r.result.state === 'error' && r.result.code).toBe(44);
  });
  it('DO: counted, FOREVER, WHILE, UNTIL, TO/BY/FOR and the control variable afterwards', () => {
    expect(say('do i = 1 to 10 by 4; say i; end; say "after" i')).toEqual(['1', '5', '9', 'after 13']);
    expect(say('do i = 10 to 1 by -4 for 2; say i; end')).toEqual(['10', '6']);
    expect(say('do 2; say "x"; end')).toEqual(['x', 'x']);
    expect(say('n = 0; do forever; n = n + 1; if n = 3 then leave; end; say n')).toEqual(['3']);
    expect(say('k = 5; do while k < 3; k = k + 1; end; say k')).toEqual(['5']);
    expect(say('k = 5; do until k > 3; k = k + 1; end; say k')).toEqual(['6']);
    expect(say('do i = 1 for 3 until i = 2; say i; end')).toEqual(['1', '2']);
    expect(say('do i = 1 to 0; say i; end; say i')).toEqual(['1']);
  });
  it('DO evaluates TO, BY and FOR once, in the order written', () => {
    expect(say('n = 3; do i = 1 to n; n = 10; end; say i')).toEqual(['4']);
  });
  it('the loop sees changes to its control variable', () => {
    expect(say('do i = 1 to 10; i = i + 4; say i; end')).toEqual(['5', '10']);
  });
  it('LEAVE and ITERATE with and without a name', () => {
    expect(
      say(
        'do i = 1 to 3',
        ' do j = 1 to 3',
        '  if j = 2 then iterate i',
        '  if i = 3 then leave i',
        '  say i j',
        ' end j',
        'end i',
        'say i j',
      ),
    ).toEqual(['1 1', '2 1', '3 1']);
    expect(errorOf('leave')).toBe(28);
    expect(errorOf('do i = 1 to 2; iterate k; end')).toBe(28);
  });
  it('END must name the control variable (error 10)', () => {
    expect(errorOf('do i = 1 to 2', 'end j')).toBe(10);
    expect(errorOf('end')).toBe(10);
  });
  it('an incomplete DO is error 14', () => {
    expect(errorOf('do i = 1 to 2', 'say i')).toBe(14);
  });
  it('DO counts must be whole numbers (error 26)', () => {
    expect(errorOf('do 2.5; end')).toBe(26);
    expect(errorOf("do i = 1 to 'a'; end")).toBe(41);
  });
  it('DROP makes variables unset, including stems and indirect lists', () => {
    expect(say("a = 1; s.1 = 2; list = 'b'; b = 3; drop a s. (list); say a s.1 b list")).toEqual(['A S.1 B b']);
  });
  it('EXIT from a subroutine ends the program with its value', () => {
    const r = run('call f; say "not here"; exit 1\nf: exit 7');
    expect(r.result).toEqual({ state: 'done', result: '7' });
  });
  it('IF/THEN/ELSE including THEN and ELSE on their own lines', () => {
    expect(say('if 1 then say "a"; else say "b"', 'if 0', 'then say "c"', 'else', 'say "d"')).toEqual(['a', 'd']);
    expect(say('if 1 = 1 then if 0 then say "x"; else say "inner else"')).toEqual(['inner else']);
  });
  it('IF needs 0 or 1 (error 34), a THEN (error 18), no stray ELSE (error 8)', () => {
    expect(errorOf("if 'a' then nop")).toBe(34);
    expect(errorOf('if 1 say 2', 'say 3')).toBe(18);
    expect(errorOf("say '['b']'")).toBe(15);
    expect(errorOf('else say 1')).toBe(8);
    expect(errorOf('when 1 then nop')).toBe(9);
  });
  it('INTERPRET runs clauses in the current context', () => {
    expect(say("interpret 'q = 2 + 3; say q'", "do i = 1 to 2; interpret 'v'i '= i * 10'; end", 'say v1 v2')).toEqual([
      '5',
      '10 20',
    ]);
    expect(say("interpret 'do j = 1 to 2; say j; end'")).toEqual(['1', '2']);
  });
  it('LEAVE inside INTERPRET leaves the enclosing loop', () => {
    expect(say("do i = 1 to 5; interpret 'if i = 2 then leave'; end; say i")).toEqual(['2']);
  });
  it('NOP does nothing', () => {
    expect(say('if 1 then nop; else say "x"; say "y"')).toEqual(['y']);
  });
  it('NUMERIC DIGITS, FUZZ and FORM, and their limits (error 33)', () => {
    expect(
      say(
        'numeric digits 4; numeric fuzz 1; numeric form engineering; say digits() fuzz() form()',
        'numeric digits; say digits()',
      ),
    ).toEqual(['4 1 ENGINEERING', '9']);
    expect(errorOf('numeric digits 0')).toBe(33);
    expect(errorOf('numeric fuzz 9')).toBe(33);
    expect(errorOf('numeric digits 2.5')).toBe(26);
  });
  it('NUMERIC settings are local to a routine', () => {
    expect(say('call f; say digits(); exit', 'f: numeric digits 20; say digits(); return')).toEqual(['20', '9']);
  });
  it('PROCEDURE hides variables; EXPOSE shares names, stems, compounds and (lists)', () => {
    expect(say('k = 0; m = 0; call sub; say k m', 'exit', 'sub: procedure expose m; k = 1; m = 2; return')).toEqual([
      '0 2',
    ]);
    expect(
      say("a.1 = 'x'; i = 1; call s2; say a.1 a.2; exit", 's2: procedure expose i a.i; a.1 = "y"; a.2 = "z"; return'),
    ).toEqual(['y A.2']);
    expect(say("v = 'p q'; p = 1; call s3; say p q; exit", 's3: procedure expose (v); p = 5; q = 6; return')).toEqual([
      '5 6',
    ]);
  });
  it('PROCEDURE must come first in an internal routine (error 17)', () => {
    expect(errorOf('call f', 'exit', 'f: say 1', 'procedure')).toBe(17);
    expect(errorOf('procedure')).toBe(17);
  });
  it('PULL and PARSE PULL read the stack, then the terminal', () => {
    const r = run("queue 'fifo one'; push 'lifo'; pull a; parse pull b; pull c; say a '|' b '|' c", [], (h) =>
      h.input.push('typed line'),
    );
    expect(r.out).toEqual(['LIFO | fifo one | TYPED LINE']);
  });
  it('a PULL with nothing typed waits for the terminal', () => {
    const r = run('pull x; say x');
    expect(r.result).toEqual({ state: 'waiting', for: 'terminal' });
  });
  it('PUSH and QUEUE with no expression stack a null line', () => {
    expect(say("push; queue; say queued(); pull a; pull b; say '[' || a || '][' || b || ']'")).toEqual(['2', '[][]']);
  });
  it('RETURN from the main program ends it', () => {
    expect(run('return 5').result).toEqual({ state: 'done', result: '5' });
  });
  it('SAY with no expression says a null line', () => {
    expect(say('say')).toEqual(['']);
  });
  it('SELECT takes the first true WHEN, else OTHERWISE; neither is error 7', () => {
    expect(say('select; when 0 then say 1; when 1 then say 2; when 1 then say 3; otherwise say 4; end')).toEqual(['2']);
    expect(say('select; when 0 then nop; otherwise say "o1"; say "o2"; end')).toEqual(['o1', 'o2']);
    expect(errorOf('select; when 0 then nop; end')).toBe(7);
    expect(errorOf('select; say 1; end')).toBe(7);
  });
  it('SIGNAL to a label ends loops; SIGNAL VALUE; SIGL', () => {
    expect(
      say(
        'do i = 1 to 5; if i = 2 then signal out; end',
        'out: say i sigl',
        "signal value 'X'",
        'say "no"',
        'x: say "at x"',
      ),
    ).toEqual(['2 1', 'at x']);
    expect(errorOf('signal nowhere')).toBe(16);
  });
  it('UPPER upper-cases variables', () => {
    expect(say("a = 'mixed Case'; s.1 = 'x'; upper a s.1; say a s.1")).toEqual(['MIXED CASE X']);
  });
  it('TRACE sets and TRACE() reads the setting', () => {
    expect(say('say trace(); trace r; x = trace("o"); say x trace()')).toEqual(['N', 'R O']);
    expect(errorOf('trace x')).toBe(24);
  });
});

describe('EXPOSE details', () => {
  it('an exposed element keeps the caller stem default and writes back', () => {
    expect(say('a. = 0; call s; say a.1 a.2; exit', 's: procedure expose a.1; say a.1; a.1 = 5; return')).toEqual([
      '0',
      '5 0',
    ]);
  });
  it('dropping an exposed variable drops the caller variable', () => {
    expect(say('x = 1; call s; say x; exit', 's: procedure expose x; drop x; return')).toEqual(['X']);
  });
});
