import { describe, expect, it } from 'vitest';
import { functionKeyName, KEY_BINDINGS, keyHelp, mapKey } from '../../../terminal/ui/keymap.js';

describe('the UI key map', () => {
  it.each([
    ['enter', { kind: 'aid', aid: 0x7d }],
    ['f1', { kind: 'aid', aid: 0xf1 }],
    ['f12', { kind: 'aid', aid: 0x7c }],
    ['S-f1', { kind: 'aid', aid: 0xc1 }],
    ['S-f12', { kind: 'aid', aid: 0x4c }],
    ['C-c', { kind: 'aid', aid: 0x6c }],
    ['M-2', { kind: 'aid', aid: 0x6e }],
    ['M-c', { kind: 'aid', aid: 0x6d }],
    ['C-e', { kind: 'edit', op: 'eraseEof' }],
    ['S-tab', { kind: 'edit', op: 'backTab' }],
    ['M-q', { kind: 'ui', op: 'quit' }],
  ])('%s maps to %j', (full, action) => {
    expect(mapKey(undefined, { full })).toEqual(action);
  });

  it('Esc then a key is Alt with that key', () => {
    expect(mapKey(undefined, { full: 'escape' })).toEqual({ kind: 'escape' });
    expect(mapKey('1', { full: '1', name: '1' }, true)).toEqual({ kind: 'aid', aid: 0x6c });
    expect(mapKey('o', { full: 'o', name: 'o' }, true)).toEqual({ kind: 'ui', op: 'dial' });
  });

  it('printable characters are typed; control characters are not', () => {
    expect(mapKey('a', { full: 'a', name: 'a' })).toEqual({ kind: 'char', ch: 'a' });
    expect(mapKey('\x01', { full: 'C-a', name: 'a', ctrl: true })).toEqual({ kind: 'none' });
  });

  it.each([
    ['\x1b[1;2P', 'S-f1'],
    ['\x1b[1;2S', 'S-f4'],
    ['\x1b[15;2~', 'S-f5'],
    ['\x1b[24~', 'f12'],
    ['\x1b[25~', 'S-f1'],
    ['\x1bOM', 'keypad-enter'],
  ])('decodes the function key sequence %j as %s', (sequence, name) => {
    expect(functionKeyName(sequence)).toBe(name);
  });

  it('no key is bound twice, and the help mentions every binding', () => {
    const keys = KEY_BINDINGS.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
    const help = keyHelp().join('\n');
    for (const b of KEY_BINDINGS) if (!/^PF\d+$/.test(b.label)) expect(help).toContain(b.label);
  });
});
