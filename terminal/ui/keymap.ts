// The keys of the blessed UI, as a 3270 user expects them. The table is the
// single source for the key handling, the help overlay and the README.
//
// Terminals disagree about function keys and modifiers, so each 3270 key has
// a chord that works everywhere: Esc followed by a key (typed one after the
// other) is the same as Alt with that key.

import { Aid, pfAid } from '../codes.js';

/** What a key press does. */
export type UiAction =
  | { readonly kind: 'aid'; readonly aid: number }
  | { readonly kind: 'char'; readonly ch: string }
  | { readonly kind: 'edit'; readonly op: EditOp }
  | { readonly kind: 'ui'; readonly op: UiOp }
  | { readonly kind: 'escape' }
  | { readonly kind: 'none' };

export type EditOp =
  | 'tab'
  | 'backTab'
  | 'home'
  | 'newLine'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'backspace'
  | 'delete'
  | 'eraseEof'
  | 'eraseInput'
  | 'insert'
  | 'reset';

export type UiOp =
  | 'help'
  | 'monitor'
  | 'systemMonitor'
  | 'dial'
  | 'closeSession'
  | 'nextSession'
  | 'previousSession'
  | 'quit'
  | 'redraw';

/** One row of the key table: the keys, what they do, and the action. */
interface KeyBinding {
  readonly keys: readonly string[];
  readonly label: string;
  readonly action: UiAction;
  /** Bindings with the same group share one line of the help. */
  readonly group?: string;
}

const aid = (a: number): UiAction => ({ kind: 'aid', aid: a });
const edit = (op: EditOp): UiAction => ({ kind: 'edit', op });
const ui = (op: UiOp): UiAction => ({ kind: 'ui', op });

/** Key names are blessed's `key.full` (C- ctrl, M- alt/meta, S- shift). */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: ['enter', 'keypad-enter'], label: 'Enter', action: aid(Aid.enter) },
  ...Array.from({ length: 12 }, (_, k) => ({
    keys: [`f${k + 1}`, `M-f${k + 1}`],
    label: `PF${k + 1}`,
    action: aid(pfAid(k + 1)),
  })),
  ...Array.from({ length: 12 }, (_, k) => ({
    keys: [`S-f${k + 1}`],
    label: `PF${k + 13}`,
    action: aid(pfAid(k + 13)),
  })),
  { keys: ['C-c', 'M-1'], label: 'PA1', group: 'pa', action: aid(Aid.pa1) },
  { keys: ['M-2'], label: 'PA2', group: 'pa', action: aid(Aid.pa2) },
  { keys: ['M-3'], label: 'PA3', group: 'pa', action: aid(Aid.pa3) },
  { keys: ['M-c', 'pause'], label: 'Clear', action: aid(Aid.clear) },
  { keys: ['C-r', 'M-r'], label: 'Reset', action: edit('reset') },
  { keys: ['C-e', 'M-e'], label: 'Erase EOF', group: 'erase', action: edit('eraseEof') },
  { keys: ['C-u', 'M-u'], label: 'Erase Input', group: 'erase', action: edit('eraseInput') },
  { keys: ['insert', 'M-i'], label: 'Insert', action: edit('insert') },
  { keys: ['delete'], label: 'Delete', group: 'del', action: edit('delete') },
  { keys: ['tab'], label: 'Tab', group: 'tab', action: edit('tab') },
  { keys: ['S-tab'], label: 'Back Tab', group: 'tab', action: edit('backTab') },
  { keys: ['home'], label: 'Home', group: 'home', action: edit('home') },
  { keys: ['C-n', 'M-enter'], label: 'New Line', group: 'home', action: edit('newLine') },
  { keys: ['up'], label: 'cursor', group: 'arrows', action: edit('up') },
  { keys: ['down'], label: 'cursor', group: 'arrows', action: edit('down') },
  { keys: ['left'], label: 'cursor', group: 'arrows', action: edit('left') },
  { keys: ['right'], label: 'cursor', group: 'arrows', action: edit('right') },
  { keys: ['backspace'], label: 'Backspace', group: 'del', action: edit('backspace') },
  { keys: ['M-h', 'M-?'], label: 'help', group: 'misc', action: ui('help') },
  { keys: ['M-m'], label: 'session monitor', action: ui('monitor') },
  { keys: ['M-s'], label: 'system monitor: virtual machines, live', action: ui('systemMonitor') },
  { keys: ['M-o'], label: 'open a session', group: 'open', action: ui('dial') },
  { keys: ['M-w'], label: 'close it', group: 'open', action: ui('closeSession') },
  { keys: ['M-n', 'M-right'], label: 'next session', group: 'next', action: ui('nextSession') },
  { keys: ['M-p', 'M-left'], label: 'previous', group: 'next', action: ui('previousSession') },
  { keys: ['C-l'], label: 'redraw', group: 'misc', action: ui('redraw') },
  { keys: ['M-q'], label: 'quit (closes every session)', action: ui('quit') },
];

const BY_KEY = new Map<string, UiAction>();
for (const binding of KEY_BINDINGS) for (const k of binding.keys) BY_KEY.set(k, binding.action);

/** The parts of a blessed key event the map needs. */
export interface KeyEvent {
  readonly full?: string;
  readonly name?: string;
  readonly sequence?: string;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly shift?: boolean;
}

/** VT220/xterm numbers of `ESC [ n ~` function keys. */
const TILDE_KEYS: Readonly<Record<number, number>> = {
  11: 1,
  12: 2,
  13: 3,
  14: 4,
  15: 5,
  17: 6,
  18: 7,
  19: 8,
  20: 9,
  21: 10,
  23: 11,
  24: 12,
  25: 13,
  26: 14,
  28: 15,
  29: 16,
  31: 17,
  32: 18,
  33: 19,
  34: 20,
};
const SS3_KEYS: Readonly<Record<string, number>> = { P: 1, Q: 2, R: 3, S: 4 };

/**
 * Function keys blessed leaves unnamed: xterm's modified F1-F4 (`ESC [ 1 ; m P`),
 * modified `ESC [ n ; m ~`, and VT220's F13-F20. Returns the key name
 * (`f5`, `S-f5`) or undefined.
 */
export function functionKeyName(sequence: string): string | undefined {
  let m = /^\x1b\[1;(\d+)([PQRS])$/.exec(sequence) ?? /^\x1bO(\d+)([PQRS])$/.exec(sequence);
  if (m) return withModifier(SS3_KEYS[m[2]], Number(m[1]));
  m = /^\x1b\[(\d+)(?:;(\d+))?~$/.exec(sequence);
  if (m && TILDE_KEYS[Number(m[1])] !== undefined) {
    const n = TILDE_KEYS[Number(m[1])];
    // VT220 F13-F20 are the shifted F1-F8 of many terminals
    if (n > 12) return `S-f${n - 12}`;
    return withModifier(n, Number(m[2] ?? 1));
  }
  if (sequence === '\x1bOM') return 'keypad-enter';
  return undefined;
}

function withModifier(n: number, modifier: number): string {
  const bits = modifier - 1;
  return `${bits & 2 || bits & 8 ? 'M-' : ''}${bits & 1 ? 'S-' : ''}f${n}`;
}

/**
 * The action of a key. `afterEscape` is true when the previous key was a lone
 * Esc: the key then counts as Alt + key.
 */
export function mapKey(ch: string | undefined, key: KeyEvent, afterEscape = false): UiAction {
  let full = (key.sequence && functionKeyName(key.sequence)) ?? key.full ?? key.name ?? '';
  if (full === 'escape' && !afterEscape) return { kind: 'escape' };
  if (afterEscape && !full.startsWith('M-')) full = `M-${full === '' ? (ch ?? '') : full}`;
  const bound = BY_KEY.get(full);
  if (bound) return bound;
  if (!afterEscape && !key.ctrl && !key.meta && ch !== undefined && ch.length === 1 && ch >= ' ' && ch !== '\x7f') {
    return { kind: 'char', ch };
  }
  return { kind: 'none' };
}

/** The key table as lines of text (help overlay, README): one line per group of bindings. */
export function keyHelp(): string[] {
  const pretty = (k: string): string =>
    k
      .replace(/^M-/, 'Alt-')
      .replace(/^S-/, 'Shift-')
      .replace(/^C-/, 'Ctrl-')
      .replace(/-([a-z?0-9])$/, (_, c: string) => `-${c.toUpperCase()}`)
      .replace(/f(\d+)$/, 'F$1')
      .replace(/enter$/, 'Enter')
      .replace(/^keypad-Enter$/, 'keypad Enter')
      .replace(/^(tab|insert|delete|home|up|down|left|right|backspace|pause)$/, (w) => w[0].toUpperCase() + w.slice(1))
      .replace(/-(tab|right|left)$/, (_, w: string) => `-${w[0].toUpperCase()}${w.slice(1)}`);
  const rows: string[] = [`${'F1-F12 (or Alt-F1-F12)'.padEnd(38)} PF1-PF12`, `${'Shift-F1-F12'.padEnd(38)} PF13-PF24`];
  const seen = new Set<string>();
  for (const b of KEY_BINDINGS) {
    if (/^PF\d+$/.test(b.label)) continue;
    const group = b.group ?? b.label;
    if (seen.has(group)) continue;
    seen.add(group);
    const members = b.group ? KEY_BINDINGS.filter((x) => x.group === b.group) : [b];
    const arrows = group === 'arrows';
    const keys = arrows ? 'arrow keys' : members.map((m) => m.keys.map(pretty).join(' or ')).join(' / ');
    const labels = [...new Set(members.map((m) => m.label))].join(' / ');
    rows.push(`${keys.padEnd(38)} ${labels}`);
  }
  rows.push(`${'Esc, then a key'.padEnd(38)} the same as Alt with that key`);
  return rows;
}
