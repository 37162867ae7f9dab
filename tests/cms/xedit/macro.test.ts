// XEDIT macros in REXX: `fn XEDIT` files run as subcommands, ADDRESS XEDIT
// by default, EXTRACT into variables, PROFILE XEDIT at start.

import { describe, expect, it } from 'vitest';
import { formattedDisk, putFile, screenUser } from './helpers.js';

describe('XEDIT macros', () => {
  it('PROFILE XEDIT runs when XEDIT starts', () => {
    const a = formattedDisk();
    putFile(a, 'TEST', 'DATA', ['A', 'B']);
    putFile(a, 'PROFILE', 'XEDIT', ['/* profile */', "'SET NUMBER ON'", "'SET PF12 BOTTOM'"], 'V');
    const u = screenUser({ a });
    u.enter('XEDIT TEST DATA');
    expect(u.rows()[13]).toMatch(/^00001 A/);
    u.pf(12);
    expect(u.rows()[0]).toMatch(/Line=2 /);
  });

  it('(NOPROFILE skips it', () => {
    const a = formattedDisk();
    putFile(a, 'TEST', 'DATA', ['A']);
    putFile(a, 'PROFILE', 'XEDIT', ['/* profile */', "'SET NUMBER ON'"], 'V');
    const u = screenUser({ a });
    u.enter('XEDIT TEST DATA (NOPROFILE');
    expect(u.rows()[13]).toMatch(/^===== A/);
  });

  it('a macro gets operands, sends subcommands, EXTRACTs into variables and sees return codes', () => {
    const a = formattedDisk();
    putFile(a, 'TEST', 'DATA', ['ONE', 'TWO', 'THREE']);
    putFile(
      a,
      'INFO',
      'XEDIT',
      [
        '/* report the size and the current line, then go to a target */',
        'arg target',
        "'EXTRACT /SIZE/CURLINE/FNAME/'",
        "'LOCATE' target",
        'located = rc',
        "'LOCATE /NOWHERE/'",
        "'INPUT' fname.1 size.1 curline.3 located rc",
      ],
      'V',
    );
    const u = screenUser({ a });
    u.enter('XEDIT TEST DATA');
    u.command(':2');
    u.command('INFO /THREE/');
    u.command('SAVE');
    expect(u.file('TEST', 'DATA')).toEqual(['ONE', 'TWO', 'THREE', 'TEST 3 2 0 2']);
  });

  it('ADDRESS CMS from a macro runs a CMS command', () => {
    const a = formattedDisk();
    putFile(a, 'TEST', 'DATA', ['X']);
    putFile(a, 'MAC', 'XEDIT', ['/* */', "address cms 'STATE TEST DATA A'", "address xedit 'INPUT' rc"], 'V');
    const u = screenUser({ a });
    u.enter('XEDIT TEST DATA');
    u.command('MAC');
    u.command('SAVE');
    expect(u.file('TEST', 'DATA')).toEqual(['0', 'X']);
  });
});
