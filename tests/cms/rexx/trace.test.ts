// TRACE output: clause lines (*-*), results (>>>), intermediates
// (>V> >L> >O> >F> >P> >C>) and command return codes (+++ RC(n) +++).

import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

function traceOf(source: string, rc = 0, input: string[] = []): string[] {
  return run(source, [], (h) => {
    h.commandRc = () => rc;
    h.input.push(...input);
  }).trace;
}

describe('TRACE', () => {
  it('A traces every clause before it runs', () => {
    expect(traceOf('trace a\nx = 1\nsay x')).toEqual(['     2 *-* x = 1', '     3 *-* say x']);
  });
  it('R adds the results', () => {
    expect(traceOf("trace r\nx = 1 + 2\nsay x 'y'")).toEqual([
      '     2 *-* x = 1 + 2',
      '       >>>   "3"',
      "     3 *-* say x 'y'",
      '       >>>   "3 y"',
    ]);
  });
  it('I adds every intermediate result', () => {
    expect(traceOf('x.1 = 5; trace i\ny = -x.1')).toEqual([
      '     2 *-* y = -x.1',
      '       >C>   "X.1"',
      '       >V>   "5"',
      '       >P>   "-5"',
      '       >>>   "-5"',
    ]);
  });
  it('I traces literals, variables, functions and operations', () => {
    expect(traceOf("trace i\nx = 2\ny = x * 3 + length('ab')")).toEqual([
      '     2 *-* x = 2',
      '       >L>   "2"',
      '       >>>   "2"',
      "     3 *-* y = x * 3 + length('ab')",
      '       >V>   "2"',
      '       >L>   "3"',
      '       >O>   "6"',
      '       >L>   "ab"',
      '       >F>   "2"',
      '       >O>   "8"',
      '       >>>   "8"',
    ]);
  });
  it('C traces commands before they run; E traces failing commands after', () => {
    expect(traceOf("trace c\n'cmd'\nx = 1", 0)).toEqual(["     2 *-* 'cmd'"]);
    expect(traceOf("trace e\n'ok'", 0)).toEqual([]);
    expect(traceOf("trace e\n'bad'", 4)).toEqual(["     2 *-* 'bad'", '       +++ RC(4) +++']);
  });
  it('N and F trace only failures (negative RC)', () => {
    expect(traceOf("'bad'", 4)).toEqual([]);
    expect(traceOf("'nosuch'", -3)).toEqual(["     1 *-* 'nosuch'", '       +++ RC(-3) +++']);
    expect(traceOf("trace f\n'nosuch'", -3)).toEqual(["     2 *-* 'nosuch'", '       +++ RC(-3) +++']);
  });
  it('L traces labels', () => {
    expect(traceOf('trace l\ncall sub\nexit\nsub: return')).toEqual(['     4 *-*  sub: return']);
  });
  it('O turns tracing off', () => {
    expect(traceOf('trace a\ntrace o\nx = 1')).toEqual(['     2 *-* trace o']);
  });
  it('? pauses after each traced clause for input: null goes on, = re-executes, anything else runs', () => {
    const r = run("trace ?a\nx = 1\nsay 'x is' x", [], (h) => h.input.push('say "typed"', '', '=', ''));
    expect(r.out).toEqual(['typed', 'x is 1', 'x is 1']);
  });
  it('interactive tracing announces itself; the program’s TRACE instructions are then ignored, one typed is not', () => {
    const r = run('trace ?r\ntrace o\nx = 1\ny = 2\nz = 3', [], (h) => h.input.push('', 'trace off'));
    expect(r.trace).toEqual([
      '       +++ Interactive trace.  TRACE OFF to end debug, ENTER to continue. +++',
      '     2 *-* trace o',
      '     3 *-* x = 1',
      '       >>>   "1"',
      '     4 *-* y = 2',
      '       >>>   "2"',
    ]);
  });
  it('a clause that shares a line with the traced one has no line number', () => {
    expect(traceOf('trace a; x = 1; y = 2')).toEqual(['     1 *-* x = 1; y = 2', '       *-* y = 2']);
  });
});

describe('TRACE prefixes and scan', () => {
  it('S lists the remaining clauses without running them', () => {
    const r = run("trace s\nsay 'not run'\nx = 1");
    expect(r.out).toEqual([]);
    expect(r.trace).toEqual(["     2 *-* say 'not run'", '     3 *-* x = 1']);
  });
  it('! inhibits commands: they are not sent and RC is 0', () => {
    const r = run("trace !c\n'erase all'\nsay rc");
    expect(r.host.commands).toEqual([]);
    expect(r.out).toEqual(['0']);
  });
});

describe('TRACE of PARSE', () => {
  it('R shows each assigned value (>>>) and each placeholder (>.>)', () => {
    expect(traceOf("trace r\nparse value 'a b c' with x . z")).toEqual([
      "     2 *-* parse value 'a b c' with x . z",
      '       >>>   "a b c"',
      '       >>>   "a"',
      '       >.>   "b"',
      '       >>>   "c"',
    ]);
  });
});

describe('TRACE O', () => {
  it('hides even failing commands, and TRACE() says O', () => {
    const r = run("trace o\n'nosuch'\nsay trace()", [], (h) => (h.commandRc = () => -3));
    expect(r.trace).toEqual([]);
    expect(r.out).toEqual(['O']);
  });
});
