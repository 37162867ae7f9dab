// Arithmetic at NUMERIC DIGITS: TRL2 "Numbers and Arithmetic" rules, with
// IBM's exponential-notation rule for small numbers.

import { describe, expect, it } from 'vitest';
import { arithmetic, formatDec, parseDec, powerDec, roundDec } from '../../../cms/rexx/decimal.js';
import { evaluate } from './helpers.js';

const st9 = { digits: 9, fuzz: 0, form: 'SCIENTIFIC' as const };

describe('decimal arithmetic', () => {
  it.each([
    ['1.50 + 1', '2.50'],
    ['1.50 * 2', '3.00'],
    ['3 / 1.5', '2'],
    ['10 / 4', '2.5'],
    ['1/3', '0.333333333'],
    ['2/3', '0.666666667'],
    ['-2 ** 2', '4'],
    ['2 ** -1', '0.5'],
    ['-7 // 2', '-1'],
    ['7 // -2', '1'],
    ['-7 % 2', '-3'],
    ['1e9 + 0', '1E+9'],
    ['123456789 * 10', '1.23456789E+9'],
    ['100 * 1.1', '110.0'],
    ['1.000000001 - 1', '0'],
    ['1.0000000001 + 0', '1.00000000'],
    ['12345678901 + 0', '1.23456789E+10'],
    ['0.0000001 * 1', '0.0000001'],
    ['0.000000001 * 1', '0.000000001'],
    ['1E-19 * 1', '1E-19'],
    ['2 ** 100', '1.26765060E+30'],
    ['2 ** 31', '2.14748365E+9'],
    ['1.01 ** 50', '1.64463182'],
    ['1.0 ** 5', '1'],
    ['10 ** 9', '1.00000000E+9'],
    ['2 ** 3 ** 2', '64'],
    ["' 12 ' + 1", '13'],
    ["' - 5' + 0", '-5'],
    ['0.00 + 0', '0'],
    ['-0 * 5', '0'],
    ['999999999 + 1', '1.00000000E+9'],
    ['7.5 // 2', '1.5'],
    ['1E+3 - 1', '999'],
  ])('%s = %s', (expr, want) => {
    expect(evaluate(expr)).toBe(want);
  });

  it('rounds operands and results to DIGITS, half up', () => {
    expect(evaluate('123456 + 0', 'numeric digits 5')).toBe('1.2346E+5');
    expect(evaluate('1.23456 + 0', 'numeric digits 5')).toBe('1.2346');
    expect(evaluate('7 ** 7', 'numeric digits 5')).toBe('8.2354E+5');
    expect(evaluate('1 / 7 * 7')).toBe('1.00000000');
  });

  it('ENGINEERING form keeps the exponent a multiple of 3', () => {
    expect(evaluate('123456 + 0', 'numeric digits 5; numeric form engineering')).toBe('123.46E+3');
    expect(evaluate('1E+4 * 1', 'numeric form engineering')).toBe('10000');
    expect(evaluate('1E+10 * 1', 'numeric form engineering')).toBe('10E+9');
  });

  it('NUMERIC DIGITS 1000 works', () => {
    const r = evaluate('2 ** 1000', 'numeric digits 1000');
    expect(r.length).toBe(302);
    expect(
      r.startsWith(
        '10715086071862673209484250490600018105614048117055336074437503883703510511249361224931983788156958581275946729175531468251871452856923140435984577574698574803934567774824230985421074605062371141877954182153046474983581941267398767559165543946077062914571196477686542167660429831652624386837205668069376',
      ),
    ).toBe(true);
  });

  it('comparisons use DIGITS minus FUZZ', () => {
    expect(evaluate("'1.000000001' = '1'")).toBe('1');
    expect(evaluate("'1.0001' = '1'", 'numeric fuzz 5')).toBe('1');
    expect(evaluate("'1.01' = '1'", 'numeric fuzz 5')).toBe('0');
  });

  it('the building blocks agree with each other', () => {
    const d = parseDec('  -12.340E+2 ')!;
    expect(d).toEqual({ neg: true, coef: '12340', exp: -1 });
    expect(formatDec(roundDec(parseDec('0.5555555555')!, 9), st9)).toBe('0.555555556');
    expect(formatDec(powerDec(parseDec('3')!, 25, 9), st9)).toBe('8.47288609E+11');
    expect(arithmetic('//', '10', '3', st9)).toBe('1');
    expect(parseDec('1e')).toBeNull();
    expect(parseDec('.')).toBeNull();
  });
});
