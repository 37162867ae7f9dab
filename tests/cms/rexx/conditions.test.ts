// Conditions and traps: SIGNAL ON / CALL ON, CONDITION(), SIGL, RC.

import { describe, expect, it } from 'vitest';
import { run, say, type TestHost } from './helpers.js';

function withRc(rc: number) {
  return (h: TestHost) => {
    h.commandRc = () => rc;
  };
}

describe('conditions', () => {
  it('SIGNAL ON ERROR traps a positive return code', () => {
    const r = run(
      [
        'signal on error',
        "'bad'",
        "say 'no'",
        'error: say "error" rc sigl condition("C") condition("D") condition("I") condition("S")',
      ].join('\n'),
      [],
      withRc(28),
    );
    expect(r.out).toEqual(['error 28 2 ERROR bad SIGNAL OFF']);
  });
  it('SIGNAL ON FAILURE traps a negative return code', () => {
    const r = run(
      ['signal on failure name oops', "'nosuch'", 'exit', 'oops: say "failure" rc'].join('\n'),
      [],
      withRc(-3),
    );
    expect(r.out).toEqual(['failure -3']);
  });
  it('an untrapped FAILURE raises ERROR', () => {
    const r = run(['signal on error', "'nosuch'", 'exit', 'error: say condition("C") rc'].join('\n'), [], withRc(-3));
    expect(r.out).toEqual(['ERROR -3']);
  });
  it('with no trap a failing command just sets RC', () => {
    const r = run("'x'; say rc", [], withRc(1));
    expect(r.out).toEqual(['1']);
  });
  it('a trap fires once: it is off until enabled again', () => {
    const r = run(
      [
        'signal on error',
        'n = 0',
        'again: n = n + 1',
        'if n > 2 then exit',
        "'cmd'",
        "say 'second command not trapped' n",
        'exit',
        'error: say "trap" n; signal again',
      ].join('\n'),
      [],
      withRc(1),
    );
    expect(r.out).toEqual(['trap 1', 'second command not trapped 2']);
  });
  it('CALL ON ERROR calls the handler and carries on', () => {
    const r = run(
      [
        'call on error name handler',
        "'cmd'",
        "say 'after' rc",
        'exit',
        'handler: say "handled" condition("I") condition("S") sigl; return',
      ].join('\n'),
      [],
      withRc(4),
    );
    expect(r.out).toEqual(['handled CALL DELAY 2', 'after 4']);
  });
  it('SIGNAL OFF disables a trap', () => {
    const r = run(
      ['signal on error', 'signal off error', "'cmd'", "say 'not trapped'", 'exit', 'error: say "trapped"'].join('\n'),
      [],
      withRc(1),
    );
    expect(r.out).toEqual(['not trapped']);
  });
  it('NOVALUE gives the variable name, not for stem defaults', () => {
    expect(say('s. = 0', 'signal on novalue', 'say s.7', 'say x.1 + 1', 'novalue: say condition("D") sigl')).toEqual([
      '0',
      'X.1 4',
    ]);
  });
  it('SYNTAX traps errors with RC and SIGL, also from inside a routine', () => {
    expect(
      say(
        'signal on syntax',
        'x = f()',
        'exit',
        'syntax: say rc sigl errortext(rc) condition("D")',
        'exit',
        "f: return 1 + 'a'",
      ),
    ).toEqual(['41 6 Bad arithmetic conversion Bad arithmetic conversion']);
  });
  it('SIGNAL ON SYNTAX catches an error in INTERPRET with the INTERPRET line', () => {
    expect(say('signal on syntax', "interpret 'x = (1'", 'syntax: say rc sigl')).toEqual(['36 2']);
  });
  it('HALT: an untrapped halt stops with error 4; a trapped one signals', () => {
    const untrapped = run('do forever; end', [], (h) => (h.halt = true));
    expect(untrapped.result.state === 'error' && untrapped.result.code).toBe(4);
    const trapped = run(
      'signal on halt\ndo forever; end\nhalt: say "halted" condition("C")',
      [],
      (h) => (h.halt = true),
    );
    expect(trapped.out).toEqual(['halted HALT']);
  });
  it('CALL ON HALT runs the handler and carries on', () => {
    let halts = 1;
    const r = run(
      'call on halt\nn = 0\ndo 3000; n = n + 1; end\nsay "done" n\nexit\nhalt: say "halt handled" condition("I"); return',
      [],
      (h) => {
        h.haltRequested = () => halts-- > 0;
      },
    );
    expect(r.out).toEqual(['halt handled CALL', 'done 3000']);
  });
  it('CONDITION() is empty before any condition', () => {
    expect(say("say '[' || condition('C') || ']'")).toEqual(['[]']);
  });
  it('condition traps are inherited by routines and restored on return', () => {
    expect(
      say('call f', "say 1 + 'a'", 'exit', 'f: signal on syntax; return', 'syntax: say "caller trapped"').length,
    ).toBe(0);
  });
});
