// PARSE templates: every template form (TRL2, chapter "Parsing").

import { describe, expect, it } from 'vitest';
import { errorOf, run, say } from './helpers.js';

function parse(value: string, template: string, vars: string): string {
  const out = say(
    `parse value '${value}' with ${template}`,
    `say ${vars
      .split(' ')
      .map((v) => `'[' || ${v} || ']'`)
      .join(' ')}`,
  );
  return out[0];
}

describe('PARSE templates', () => {
  it.each([
    // word parsing: the last variable keeps its blanks
    ['  Now   is  the time  ', 'a b c', 'a b c', '[Now] [is] [ the time  ]'],
    ['one', 'a b c', 'a b c', '[one] [] []'],
    ['a b c d', 'x . y', 'x y', '[a] [c d]'],
    // literal patterns
    ['To be, or not', "w1 ',' w2", 'w1 w2', '[To be] [ or not]'],
    ['abc', "x 'z' y", 'x y', '[abc] []'],
    ['a-b-c', "x '-' y '-' z", 'x y z', '[a] [b] [c]'],
    // absolute positions
    ['abcdefghij', '3 a +2 b 8 c 1 d', 'a b c d', '[cd] [efg] [hij] [abcdefghij]'],
    ['abcdefghij', 'x 4 y =8 z', 'x y z', '[abc] [defg] [hij]'],
    ['abc', 'x 1 y', 'x y', '[abc] [abc]'],
    // relative positions, negative too
    ['abcdefghij', 'x +3 y -2 z', 'x y z', '[abc] [defghij] [bcdefghij]'],
    ['abcdef', "'c' +2 x", 'x', '[ef]'],
    ['12345', 'a +1 b +1 c', 'a b c', '[1] [2] [345]'],
  ])('%j with %s', (value, template, vars, want) => {
    expect(parse(value, template, vars)).toBe(want);
  });

  it('variable patterns: (v) literal and =(v) +(v) positions', () => {
    expect(say("sep = '/'; parse value 'a/b' with x (sep) y; say x y")).toEqual(['a b']);
    expect(say("p = 3; parse value 'abcdefg' with =(p) q +(p) r; say q r")).toEqual(['cde fg']);
    expect(say("n = 2; parse value 'abcdef' with x +(n) y -(n) z; say x y z")).toEqual(['ab cdef abcdef']);
  });
  it('a variable set earlier in the template is used by a later pattern', () => {
    expect(say("parse value '3 abcdef' with n +1 =(n) rest; say n rest")).toEqual(['3 abcdef']);
  });
  it('UPPER upper-cases the string first', () => {
    expect(say("parse upper value 'Mixed Case' with a b; say a b")).toEqual(['MIXED CASE']);
  });
  it('PARSE VAR, and VALUE without an expression', () => {
    expect(say("s = 'x y'; parse var s a b; say b a", "parse value with q; say '[' || q || ']'")).toEqual([
      'y x',
      '[]',
    ]);
  });
  it('PARSE ARG splits argument strings at commas', () => {
    expect(say("call f 'a b', , 'c'; exit", 'f: parse arg x y, z, w; say x y z w arg()')).toEqual(['a b  c 3']);
  });
  it('PARSE SOURCE, VERSION and NUMERIC', () => {
    const r = run('parse source s; say s; parse version v; say v; parse numeric n; say n');
    expect(r.out).toEqual(['CMS COMMAND TEST EXEC TEST EXEC CMS', 'REXX370 3.48 23 Dec 1999', '9 0 SCIENTIFIC']);
  });
  it('PARSE EXTERNAL reads the terminal even with lines stacked', () => {
    const r = run("queue 'stacked'; parse external t; say t queued(); pull x", [], (h) => h.input.push('typed'));
    expect(r.out).toEqual(['typed 1']);
  });
  it('a bad template is error 38; a non-whole position error 26', () => {
    expect(errorOf('parse value "a" with x +y')).toBe(38);
    expect(errorOf("p = 'x'; parse value 'abc' with =(p) r")).toBe(26);
  });
});
