// The interpreter is resumable: it runs in slices of a clause budget, waits
// for terminal input and running commands without blocking, and a DO
// FOREVER loop gives control back after every slice.

import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../../cms/rexx/interpreter.js';
import { testHost } from './helpers.js';

describe('slicing', () => {
  it('a DO FOREVER loop yields after each budget and can be halted', () => {
    const host = testHost();
    const interp = new Interpreter(host, 'LOOP EXEC', 'n = 0\ndo forever\n  n = n + 1\nend');
    interp.start([]);
    for (let i = 0; i < 5; i++) expect(interp.step(100)).toEqual({ state: 'running' });
    host.halt = true;
    expect(interp.step(100)).toMatchObject({ state: 'error', code: 4 });
  });
  it('a routine called from an expression is sliced too', () => {
    const host = testHost();
    const interp = new Interpreter(host, 'LOOP EXEC', 'say f()\nexit\nf: do i = 1 to 1000; end; return i');
    interp.start([]);
    let slices = 0;
    for (;;) {
      const r = interp.step(50);
      if (r.state === 'done') break;
      expect(r.state).toBe('running');
      slices++;
    }
    expect(slices).toBeGreaterThan(10);
    expect(host.out).toEqual(['1001']);
  });
  it('a terminal read waits until a line is typed', () => {
    const host = testHost();
    const interp = new Interpreter(host, 'ASK EXEC', "say 'name?'\npull name\nsay 'hello' name");
    interp.start([]);
    expect(interp.step(100)).toEqual({ state: 'waiting', for: 'terminal' });
    expect(interp.step(100)).toEqual({ state: 'waiting', for: 'terminal' });
    host.input.push('ann');
    expect(interp.step(100)).toEqual({ state: 'done', result: undefined });
    expect(host.out).toEqual(['name?', 'hello ANN']);
  });
  it('a command that is still running makes the EXEC wait for its return code', () => {
    const host = testHost();
    let rc: number | null = null;
    host.commandRc = () => ({ poll: () => rc });
    const interp = new Interpreter(host, 'CMD EXEC', "'LISTFILE * * A'\nsay rc");
    interp.start([]);
    expect(interp.step(100)).toEqual({ state: 'waiting', for: 'command' });
    rc = 28;
    expect(interp.step(100)).toEqual({ state: 'done', result: undefined });
    expect(host.out).toEqual(['28']);
  });
  it('EXIT gives the value to the caller of step()', () => {
    const host = testHost();
    const interp = new Interpreter(host, 'X EXEC', 'exit 12');
    interp.start([]);
    expect(interp.step(10)).toEqual({ state: 'done', result: '12' });
  });
});
