// The EXECCOMM-style variable interface: a command reads and sets the
// variables of the routine that issued it (SC24-5239, "The Interface to
// Variables (EXECCOMM)").

import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';
import { SHV_BADN, SHV_CLEAN, SHV_LVAR, SHV_NEWV, type RexxVariables } from '../../../cms/rexx/shared-variables.js';
import { Interpreter } from '../../../cms/rexx/interpreter.js';
import { testHost } from './helpers.js';

/** Runs `lines`; each command `HOST x` calls `onCommand(x, variables)`, whose result is the RC. */
function withCommands(lines: string[], onCommand: (text: string, v: RexxVariables) => number): string[] {
  return run(lines.join('\n'), [], (h) => {
    h.command = (_env, text, variables) => onCommand(text, variables);
  }).out;
}

describe('shared variables (EXECCOMM)', () => {
  it('fetch: a set variable, an unset one (its name, SHVNEWV), a bad name (SHVBADN)', () => {
    const seen: unknown[] = [];
    withCommands(["name = 'Ada'", "'X'"], (_t, v) => {
      seen.push(v.fetch('name'), v.fetch('NOSUCH'), v.fetch('1abc'), v.fetch('a b'));
      return 0;
    });
    expect(seen).toEqual([
      { rc: SHV_CLEAN, value: 'Ada', name: 'NAME' },
      { rc: SHV_NEWV, value: 'NOSUCH', name: 'NOSUCH' },
      { rc: SHV_BADN, value: '', name: '1abc' },
      { rc: SHV_BADN, value: '', name: 'a b' },
    ]);
  });

  it('set: the EXEC sees the value; SHVNEWV when the variable is new', () => {
    const rcs: number[] = [];
    const out = withCommands(['x = 1', "'SET'", 'say x y'], (_t, v) => {
      rcs.push(v.set('x', 'one'), v.set('Y', 'two'));
      return 0;
    });
    expect(rcs).toEqual([SHV_CLEAN, SHV_NEWV]);
    expect(out).toEqual(['one two']);
  });

  it('symbolic compound names substitute their tails; direct names take the tail as it is', () => {
    const out = withCommands(
      ['i = 3; j = "B"', "'SET'", 'say a.3.b a.i.j', "t = 'i.j'; say a.t", 'say a.0'],
      (_t, v) => {
        v.set('a.i.j', 'sym');
        v.set('A.i.j', 'direct', 'direct');
        v.set('A.0', '2', 'direct');
        return 0;
      },
    );
    expect(out).toEqual(['sym sym', 'direct', '2']);
  });

  it('a direct name must be in upper case', () => {
    let rc = -1;
    withCommands(["'X'"], (_t, v) => {
      rc = v.set('abc', '1', 'direct');
      return 0;
    });
    expect(rc).toBe(SHV_BADN);
  });

  it('a stem: set gives every element a default, fetch gives the default, drop drops the elements', () => {
    const seen: string[] = [];
    const out = withCommands(['s.7 = "seven"', "'STEM'", 'say s.1 s.7', "'DROP'", 'say s.1 s.7'], (t, v) => {
      if (t === 'STEM') {
        v.set('s.', 'dflt');
        seen.push(v.fetch('S.').value, v.fetch('s.99').value);
      } else seen.push(String(v.drop('S.')), String(v.drop('never')));
      return 0;
    });
    expect(out).toEqual(['dflt dflt', 'S.1 S.7']);
    expect(seen).toEqual(['dflt', 'dflt', String(SHV_CLEAN), String(SHV_NEWV)]);
  });

  it('drop of a variable makes it unset for the EXEC', () => {
    const out = withCommands(['v = 5', "'DROP'", 'say v symbol("V")'], (_t, v) => {
      v.drop('V');
      return 0;
    });
    expect(out).toEqual(['V LIT']);
  });

  it('fetch-next walks all variables once, then SHVLVAR, then starts again', () => {
    const walks: string[][] = [[], []];
    withCommands(['a = 1; b = 2; s. = 0; s.x = 9; drop b', "'WALK'"], (_t, v) => {
      for (const walk of walks) {
        for (;;) {
          const n = v.next();
          if (n.rc === SHV_LVAR) break;
          walk.push(`${n.name}=${n.value}`);
        }
      }
      return 0;
    });
    expect(walks[0]).toEqual(['A=1', 'S.=0', 'S.X=9']);
    expect(walks[1]).toEqual(walks[0]);
  });

  it('a command from a PROCEDURE sees that routine’s variables, exposed ones shared with the caller', () => {
    const out = withCommands(
      [
        'x = "outer"; y = "outer y"',
        'call sub',
        'say x y',
        'exit',
        'sub: procedure expose y',
        "'SET'",
        'say x',
        'return',
      ],
      (_t, v) => {
        v.set('x', 'inner');
        v.set('y', 'via expose');
        return 0;
      },
    );
    expect(out).toEqual(['inner', 'outer via expose']);
  });

  it('fetch-private: PARM, SOURCE, VERSION', () => {
    let got: (string | null)[] = [];
    run("'X'", ['the args'], (h) => {
      h.command = (_e, _t, v) => {
        got = [v.fetchPrivate('PARM'), v.fetchPrivate('source'), v.fetchPrivate('VERSION'), v.fetchPrivate('NOPE')];
        return 0;
      };
    });
    expect(got[0]).toBe('the args');
    expect(got[1]).toBe('CMS COMMAND TEST EXEC TEST EXEC CMS');
    expect(got[2]).toMatch(/^REXX370 /);
    expect(got[3]).toBeNull();
  });

  it('Interpreter.variables() reaches the level of the last command; the initial environment shows in PARSE SOURCE', () => {
    const host = testHost();
    const interp = new Interpreter(host, 'MAC XEDIT', "parse source s; say s; 'CMD'; k = 1");
    interp.start([''], 'COMMAND', 'MAC', 'MAC XEDIT A1', 'XEDIT');
    interp.runToEnd();
    expect(host.out).toEqual(['CMS COMMAND MAC XEDIT A1 MAC XEDIT']);
    expect(host.commands).toEqual([{ env: 'XEDIT', command: 'CMD' }]);
    expect(interp.variables().fetch('K').value).toBe('1');
  });
});
