// The built-in functions, with edge cases: negative and zero lengths, pad
// characters, EBCDIC results, DIGITS changing the result.

import { describe, expect, it } from 'vitest';
import { errorOf, evaluate, run, say } from './helpers.js';

describe('string functions', () => {
  it.each([
    ["abbrev('PRINT', 'PRI')", '1'],
    ["abbrev('PRINT', 'PRX')", '0'],
    ["abbrev('PRINT', 'P', 2)", '0'],
    ["abbrev('PRINT', '')", '1'],
    ["abbrev('PRINT', '', 1)", '0'],
    ["center('ab', 6, '*')", '**ab**'],
    ["center('ab', 5, '*')", '*ab**'],
    ["centre('abcdef', 3)", 'bcd'],
    ["center('abc', 0)", ''],
    ["compare('abc', 'abc')", '0'],
    ["compare('abc', 'abd')", '3'],
    ["compare('ab ', 'ab')", '0'],
    ["compare('ab-', 'ab', '-')", '0'],
    ["copies('ab', 3)", 'ababab'],
    ["copies('ab', 0)", ''],
    ["delstr('abcdef', 3)", 'ab'],
    ["delstr('abcdef', 3, 2)", 'abef'],
    ["delstr('abc', 5)", 'abc'],
    ["delword('Now is the time', 2, 2)", 'Now time'],
    ["delword('Now is the time ', 3)", 'Now is '],
    ["delword('Now is', 5)", 'Now is'],
    ["insert('123', 'abc', 5, 6, '+')", 'abc++123+++'],
    ["insert('X', 'abc')", 'Xabc'],
    ["insert('X', 'abc', 1)", 'aXbc'],
    ["lastpos('b', 'abcb')", '4'],
    ["lastpos('b', 'abcb', 3)", '2'],
    ["lastpos('', 'abc')", '0'],
    ["left('abc', 5)", 'abc  '],
    ["left('abc', 5, '.')", 'abc..'],
    ["left('abc', 0)", ''],
    ["length('')", '0'],
    ["overlay('XY', 'abcdef', 3)", 'abXYef'],
    ["overlay('XY', 'ab', 5, 3, '.')", 'ab..XY.'],
    ["pos('b', 'abcb')", '2'],
    ["pos('b', 'abcb', 3)", '4'],
    ["pos('z', 'abc')", '0'],
    ["reverse('abc')", 'cba'],
    ["right('abc', 5, '0')", '00abc'],
    ["right('abc', 2)", 'bc'],
    ["space(' a  b   c ')", 'a b c'],
    ["space('a b', 3, '-')", 'a---b'],
    ["space('a b', 0)", 'ab'],
    ["strip('  a b  ')", 'a b'],
    ["strip('  a  ', 'L')", 'a  '],
    ["strip('  a  ', 't')", '  a'],
    ["strip('xxaxx', , 'x')", 'a'],
    ["substr('abc', 2)", 'bc'],
    ["substr('abc', 2, 4, '.')", 'bc..'],
    ["substr('abc', 5, 2)", '  '],
    ["substr('abc', 1, 0)", ''],
    ["subword('Now is the time', 2, 2)", 'is the'],
    ["subword('Now is the  time ', 3)", 'the  time'],
    ["subword('a b', 5)", ''],
    ["translate('abc')", 'ABC'],
    ["translate('abcb', 'xy', 'ab')", 'xycy'],
    ["translate('abc', 'x', 'ab', '*')", 'x*c'],
    ["verify('123', '0123456789')", '0'],
    ["verify('12a3', '0123456789')", '3'],
    ["verify('abc', 'b', 'M')", '2'],
    ["verify('abcb', 'b', 'M', 3)", '4'],
    ["word('a b c', 2)", 'b'],
    ["word('a b c', 4)", ''],
    ["wordindex('  a bb c', 2)", '5'],
    ["wordindex('a', 3)", '0'],
    ["wordlength('a bbb c', 2)", '3'],
    ["wordpos('the time', 'now is the time')", '3'],
    ["wordpos('x', 'a b')", '0'],
    ["words('  a b  c ')", '3'],
    ["words('')", '0'],
    ["justify('The blue sky', 14)", 'The  blue  sky'],
    ["justify('The blue sky', 9, '+')", 'The++blue'],
    ["find('now is the time', 'is the')", '2'],
    ["index('abcb', 'b', 3)", '4'],
  ])('%s -> %j', (expr, want) => {
    expect(evaluate(expr)).toBe(want);
  });

  it('negative lengths and positions are error 40', () => {
    expect(errorOf("say left('abc', -1)")).toBe(40);
    expect(errorOf("say substr('abc', 0)")).toBe(40);
    expect(errorOf("say substr('abc', 1, -1)")).toBe(40);
    expect(errorOf("say copies('a', -2)")).toBe(40);
    expect(errorOf("say left('abc', 2, 'xx')")).toBe(40);
    expect(errorOf("say strip('a', 'Q')")).toBe(40);
    expect(errorOf('say length()')).toBe(40);
    expect(errorOf("say length('a', 'b')")).toBe(40);
  });
});

describe('conversion and bit functions (EBCDIC)', () => {
  it.each([
    ["c2x('A')", 'C1'],
    ["c2x('a1 ')", '81F140'],
    ["c2d('A')", '193'],
    ["c2d('FF'x, 1)", '-1'],
    ["c2d('FF'x)", '255'],
    ["c2d('0080'x, 1)", '-128'],
    ['d2c(193)', 'A'],
    ['c2x(d2c(-1, 2))', 'FFFF'],
    ['d2x(255)', 'FF'],
    ['d2x(-1, 4)', 'FFFF'],
    ['d2x(129, 4)', '0081'],
    ["x2d('FF')", '255'],
    ["x2d('81', 2)", '-127'],
    ["x2d('F081', 3)", '129'],
    ["x2c('C1 C2')", 'AB'],
    ["x2c('f1f2f3')", '123'],
    ["b2x('11000001')", 'C1'],
    ["x2b('C1')", '11000001'],
    ["c2x(bitand('F0F0'x, '1F'x))", '10F0'],
    ["c2x(bitand('F0F0'x, '1F'x, 'FF'x))", '10F0'],
    ["c2x(bitor('10'x, '01'x))", '11'],
    ["c2x(bitxor('FF'x, '0F0F'x, '00'x))", 'F00F'],
    ["xrange('a', 'e')", 'abcde'],
    ['length(xrange())', '256'],
    ["c2x(xrange('FE'x, '01'x))", 'FEFF0001'],
    ["length(xrange('a', 'z'))", '41'],
  ])('%s -> %j', (expr, want) => {
    expect(evaluate(expr)).toBe(want);
  });

  it('results longer than DIGITS and bad hex are error 40', () => {
    expect(errorOf("say c2d('FFFFFFFFFF'x)")).toBe(40);
    expect(errorOf("say x2c('G1')")).toBe(40);
    expect(errorOf('say d2x(-1)')).toBe(40);
  });

  it('EBCDIC collation: lower case < upper case < digits', () => {
    expect(say("say ('a' << 'A') ('Z' << '0') ('a' < 'B') ('abc' >> 'ab')")).toEqual(['1 1 1 1']);
  });
});

describe('number functions', () => {
  it.each([
    ['abs(-2.50)', '2.50'],
    ['abs(-123456789012)', '1.23456789E+11'],
    ['sign(-3) sign(0) sign(0.1)', '-1 0 1'],
    ['max(1, 3, 2) min(5, 2.0, 3)', '3 2.0'],
    ['max(1e2, 5)', '100'],
    ['trunc(3.789, 2)', '3.78'],
    ['trunc(3, 2)', '3.00'],
    ['trunc(-0.5)', '0'],
    ['trunc(123456789.9)', '123456790'],
    ['trunc(1e3)', '1000'],
    ["format('3', 4)", '   3'],
    ["format('1.73', 4, 0)", '   2'],
    ["format('-.76', 4, 1)", '  -0.8'],
    ["format(' - 12.73', , 4)", '-12.7300'],
    ["format('12345.73', , , 2, 2)", '1.234573E+04'],
    ["format('12345.73', , 3, , 0)", '1.235E+4'],
    ["format('1234567e5', , 3, 0)", '123456700000.000'],
    ['format(0.0001234, , , , 2)', '1.234E-4'],
    ['format(9.996, , 2)', '10.00'],
    ['format(1.5, , , 2, 0)', '1.5    '],
    ['digits() fuzz() form()', '9 0 SCIENTIFIC'],
  ])('%s -> %j', (expr, want) => {
    expect(evaluate(expr)).toBe(want);
  });

  it('DIGITS changes alter results mid-program and inside a function', () => {
    expect(say('x = 2/3; numeric digits 4; y = 2/3; say x y abs(-123456)')).toEqual(['0.666666667 0.6667 1.235E+5']);
    expect(say('say f() + 1/3; exit', 'f: numeric digits 3; return 1/3')).toEqual(['0.666333333']);
  });

  it('FORMAT errors when the integer part does not fit', () => {
    expect(errorOf('say format(12345, 2)')).toBe(40);
  });

  it('DATATYPE', () => {
    expect(evaluate("datatype(' 12 ') datatype('1e') datatype('') datatype('-5', 'N')")).toBe('NUM CHAR CHAR 1');
    expect(evaluate("datatype('12.0', 'W') datatype('12.5', 'W') datatype('ab1', 'A') datatype('aBc', 'M')")).toBe(
      '1 0 1 1',
    );
    expect(
      evaluate(
        "datatype('abc', 'L') datatype('ABC', 'U') datatype('1F', 'X') datatype('a.b', 'S') datatype('1 0', 'B')",
      ),
    ).toBe('1 1 1 1 0');
    expect(evaluate("datatype('0101 1100', 'B') datatype('', 'X') datatype('a b', 'S')")).toBe('1 1 0');
  });

  it('RANDOM is repeatable with a seed and stays in range', () => {
    const a = say('say random(1, 100, 42) random(1, 100) random(1, 100)')[0];
    const b = say('say random(1, 100, 42) random(1, 100) random(1, 100)')[0];
    expect(a).toBe(b);
    for (const v of a.split(' ')) expect(Number(v)).toBeGreaterThanOrEqual(1);
    for (const v of a.split(' ')) expect(Number(v)).toBeLessThanOrEqual(100);
    expect(errorOf('say random(5, 1)')).toBe(40);
  });
});

describe('environment functions', () => {
  it('ARG()', () => {
    expect(
      say(
        "call f 'a', , 'c'; exit",
        "f: say arg() arg(1) '[' || arg(2) || ']' arg(2, 'E') arg(2, 'O') arg(3, 'e'); return",
      ),
    ).toEqual(['3 a [] 0 1 1']);
  });
  it('ADDRESS(), QUEUED(), USERID(), LINESIZE(), EXTERNALS()', () => {
    const r = run("queue 'x'; say address() queued() userid() linesize() externals(); pull .", [], (h) =>
      h.input.push('typed'),
    );
    expect(r.out).toEqual(['CMS 1 MAINT 80 1']);
  });
  it('DATE() and TIME() in every format (the host clock is 26 May 2024 13:05:09.25)', () => {
    expect(
      evaluate("date() date('B') date('D') date('E') date('J') date('M') date('O') date('S') date('U') date('W')"),
    ).toBe('26 May 2024 739031 147 26/05/24 24147 May 24/05/26 20240526 05/26/24 Sunday');
    expect(evaluate("time() time('C') time('H') time('M') time('S') time('L')")).toBe(
      '13:05:09 1:05pm 13 785 47109 13:05:09.250000',
    );
    expect(evaluate("time('E') time('R') time('E')")).toBe('0 0.000000 0.000000');
  });
  it('ERRORTEXT, SOURCELINE, SYMBOL, VALUE', () => {
    expect(evaluate("errortext(16) || '|' || errortext(1) || '|'")).toBe('Label not found||');
    expect(say('say sourceline() sourceline(1)')).toEqual(['1 say sourceline() sourceline(1)']);
    expect(evaluate("symbol('a') symbol('x') symbol('1x') symbol('a+b') symbol('s.1')", 'a = 1; s.1 = 2')).toBe(
      'VAR LIT LIT BAD VAR',
    );
    expect(
      say("a = 'hi'; i = 2; s.2 = 'two'; say value('a') value('s.i')", "old = value('a', 'new'); say old a"),
    ).toEqual(['hi two', 'hi new']);
  });
  it('CMSFLAG gives the IPL defaults', () => {
    expect(evaluate("cmsflag('ABBREV') cmsflag('EXECTRAC')")).toBe('1 0');
  });
  it('DIAG without a CP is an incorrect call', () => {
    expect(errorOf("say diag(8, 'Q TIME')")).toBe(40);
  });
  it('a label takes precedence over a built-in unless the name is quoted', () => {
    expect(say("say length('abc') 'LENGTH'('abc'); exit", "length: return 'mine'")).toEqual(['mine 3']);
  });
});

describe('STORAGE', () => {
  it('reads and replaces virtual storage through the host, error 40 without one', () => {
    expect(errorOf('say storage()')).toBe(40);
    const mem = new Map<number, string>();
    const r = run("say storage(); say c2x(storage('100', 2, 'AB')); say storage('100', 2)", [], (h) => {
      h.storage = (address?: number, length?: number, data?: string) => {
        if (address === undefined) return '1024K';
        let old = '';
        for (let i = 0; i < length!; i++) old += mem.get(address + i) ?? '\u0000';
        if (data !== undefined) for (let i = 0; i < data.length; i++) mem.set(address + i, data[i]);
        return old;
      };
    });
    expect(r.out).toEqual(['1024K', '0000', 'AB']);
  });
});
