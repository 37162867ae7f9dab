// Error numbers and messages, the traceback, and bad input: runaway
// recursion, huge numbers and strings.

import { describe, expect, it } from 'vitest';
import { ERROR_TEXT, errorText } from '../../../cms/rexx/errors.js';
import { MAX_CALL_DEPTH } from '../../../cms/rexx/interpreter.js';
import { errorOf, run } from './helpers.js';

describe('errors', () => {
  it('the message names the error, the EXEC and the line, after a +++ traceback', () => {
    const r = run("say 'a'\nx = 1 + 'b'");
    expect(r.out).toEqual(['a']);
    expect(r.trace).toEqual([
      "     2 +++ x = 1 + 'b'",
      'Error 41 running TEST EXEC, line 2: Bad arithmetic conversion',
    ]);
    expect(r.result).toMatchObject({ state: 'error', code: 41, line: 2 });
  });
  it('the traceback lists every active routine, innermost first', () => {
    const r = run('call a\nexit\na: x = b()\nreturn\nb: signal nowhere');
    expect(r.trace).toEqual([
      '     5 +++ signal nowhere',
      '     3 +++ x = b()',
      '     1 +++ call a',
      'Error 16 running TEST EXEC, line 5: Label not found',
    ]);
  });
  it('syntax errors are found before the program runs, with their line', () => {
    const r = run("say 'never'\nsay (1 +\n");
    expect(r.out).toEqual([]);
    expect(r.result).toMatchObject({ state: 'error', code: 35, line: 2 });
  });
  it.each([
    ['say "abc', 6],
    ['/* unterminated', 6],
    ["say 'G1'x", 15],
    ['say 1 +', 35],
    ['say (1', 36],
    ['say 1)', 37],
    ['say a(1', 36],
    ['x = 1 ~ 2', 13],
    ['numeric digits 0', 33],
    ["say 'a' & 1", 34],
    ['do 1; end; end', 10],
    ['select\nend', 7],
    ['call', 19],
    ['signal on bogus', 25],
    ['trace z', 24],
    ['parse bogus', 25],
    ['do i = 1 to 3 by 1 by 2; end', 27],
    ['say 1 / 0', 42],
    ['say 1e999999999 * 10', 42],
    ['say 2 ** 0.5', 26],
    ['say 10 % 0.000000001', 26],
  ])('%j raises error %i', (source, code) => {
    expect(errorOf(source)).toBe(code);
  });
  it("every message text is the interpreter's wording", () => {
    expect(errorText(4)).toBe('Program interrupted');
    expect(errorText(11)).toBe('Control stack full');
    expect(errorText(49)).toBe('Interpretation error');
    expect(Object.keys(ERROR_TEXT).length).toBeGreaterThan(40);
  });
});

describe('bad input', () => {
  it('runaway recursion is error 11, not a host stack overflow', () => {
    const r = run('call r 1\nexit\nr: procedure\n  arg n\n  return r(n + 1)');
    expect(r.result).toMatchObject({ state: 'error', code: 11 });
    expect(r.trace.length).toBe(MAX_CALL_DEPTH + 2);
  });
  it('deep but finite recursion works', () => {
    const r = run(
      'say depth(2000)\nexit\ndepth: procedure\n  arg n\n  if n = 0 then return 0\n  return 1 + depth(n - 1)',
    );
    expect(r.out).toEqual(['2000']);
  });
  it('huge strings work', () => {
    const r = run("s = copies('ab', 500000); say length(s) length(s || s) substr(s, 999999)");
    expect(r.out).toEqual(['1000000 2000000 ab']);
  });
  it('NUMERIC DIGITS 1000 arithmetic', () => {
    const r = run('numeric digits 1000\nx = 1 / 7\nsay length(x) left(x, 12)');
    expect(r.out).toEqual(['1002 0.1428571428']);
  });
});

describe('storage limits', () => {
  it('a string too long for the host is error 5, which SIGNAL ON SYNTAX can trap', () => {
    const r = run("signal on syntax\nx = copies('ab', 2000000000)\nsyntax: say 'trapped' rc");
    expect(r.out).toEqual(['trapped 5']);
  });
});

describe('nesting past the host stack', () => {
  it('an absurdly nested expression is error 11, not a crash', () => {
    const deep = '('.repeat(20000) + '1' + ')'.repeat(20000);
    expect(errorOf(`say ${deep}`)).toBe(11);
  });
});

describe('the host’s error report', () => {
  it('a host with reportError gets the number and the message; the traceback still goes to traceOutput', () => {
    const reports: [number, string][] = [];
    const r = run('x = 1\nsignal nowhere', [], (h) => {
      h.reportError = (code, message) => reports.push([code, message]);
    });
    expect(reports).toEqual([[16, 'Error 16 running TEST EXEC, line 2: Label not found']]);
    expect(r.trace).toEqual(['     2 +++ signal nowhere']);
  });
});
