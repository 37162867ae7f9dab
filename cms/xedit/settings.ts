// SET, QUERY and EXTRACT (SC24-5221, "SET", "QUERY", "EXTRACT"): the
// settings a user changes from the command line or PROFILE XEDIT, what
// QUERY shows in the message area, and what EXTRACT hands a macro as REXX
// variables (`name.0` the count, `name.1` ... the values).

import type { Xedit } from './editor.js';
import { Rc } from './editor.js';

function invalid(x: Xedit, what: string): number {
  x.say(`Invalid operand: ${what}`);
  return Rc.invalid;
}

const onOff = (v: string | undefined): boolean | undefined => (v === 'ON' ? true : v === 'OFF' ? false : undefined);

/** SET option value ... */
export function setSubcommand(x: Xedit, operands: string): number {
  const w = operands.split(/\s+/).filter(Boolean);
  const option = (w[0] ?? '').toUpperCase();
  const v = w.slice(1).map((s) => s.toUpperCase());
  const f = x.file;
  const s = f.settings;
  const pf = /^PF(\d{1,2})$/.exec(option);
  if (pf) {
    const n = Number(pf[1]);
    if (n < 1 || n > 24) return invalid(x, option);
    const text = operands.trim().slice(option.length).trim();
    if (text === '') x.pf.delete(n);
    else x.pf.set(n, text);
    return Rc.ok;
  }
  switch (option) {
    case 'NUMBER':
    case 'NUM':
    case 'NUMB': {
      const b = onOff(v[0]);
      if (b === undefined) return invalid(x, operands);
      s.number = b;
      return Rc.ok;
    }
    case 'PREFIX':
    case 'PRE':
    case 'PREF': {
      if (v[0] !== 'ON' && v[0] !== 'OFF' && v[0] !== 'NULLS') return invalid(x, operands);
      // The prefix area is always at the left in vmcms (SET PREFIX ON RIGHT is not drawn).
      if (v[1] !== undefined && v[1] !== 'LEFT') return invalid(x, operands);
      s.prefix = v[0];
      return Rc.ok;
    }
    case 'SCALE':
    case 'SCA': {
      const b = onOff(v[0]);
      if (b === undefined) return invalid(x, operands);
      s.scale = b;
      return Rc.ok;
    }
    case 'SHADOW':
    case 'SHA': {
      const b = onOff(v[0]);
      if (b === undefined) return invalid(x, operands);
      s.shadow = b;
      return Rc.ok;
    }
    case 'WRAP':
    case 'WR': {
      const b = onOff(v[0]);
      if (b === undefined) return invalid(x, operands);
      s.wrap = b;
      return Rc.ok;
    }
    case 'IMPCMSCP':
    case 'IMP': {
      const b = onOff(v[0]);
      if (b === undefined) return invalid(x, operands);
      x.impcmscp = b;
      return Rc.ok;
    }
    case 'CURLINE':
    case 'CURL': {
      if (v[0] !== 'ON') return invalid(x, operands);
      const m = /^M([+-]\d+)?$/.exec(v[1] ?? '');
      if (m) {
        x.curline = m[1] ? { kind: 'row', row: -1000 + Number(m[1]) } : { kind: 'middle' };
        return Rc.ok;
      }
      if (/^\d+$/.test(v[1] ?? '') && Number(v[1]) >= 2) {
        x.curline = { kind: 'row', row: Number(v[1]) - 1 };
        return Rc.ok;
      }
      return invalid(x, operands);
    }
    case 'CASE': {
      if (v[0] !== 'M' && v[0] !== 'U' && v[0] !== 'MIXED' && v[0] !== 'UPPER') return invalid(x, operands);
      if (v[1] !== undefined && !['R', 'I', 'RESPECT', 'IGNORE'].includes(v[1])) return invalid(x, operands);
      s.caseInput = v[0][0] as 'M' | 'U';
      if (v[1]) s.caseTarget = v[1][0] as 'R' | 'I';
      return Rc.ok;
    }
    case 'TRUNC':
    case 'TRU': {
      const n = v[0] === '*' ? f.lrecl : Number(v[0]);
      if (!Number.isInteger(n) || n < 1 || n > f.lrecl || n < s.zone[0]) return invalid(x, operands);
      s.trunc = n;
      if (s.zone[1] > n) s.zone[1] = n;
      return Rc.ok;
    }
    case 'ZONE':
    case 'ZON': {
      const a = Number(v[0]);
      const b = v[1] === '*' ? s.trunc : Number(v[1]);
      if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < a || b > s.trunc) return invalid(x, operands);
      s.zone = [a, b];
      return Rc.ok;
    }
    case 'VERIFY':
    case 'V': {
      const cols = v[0] === 'ON' ? v.slice(1) : v;
      const a = Number(cols[0] ?? 1);
      if (!Number.isInteger(a) || a < 1 || a > f.lrecl) return invalid(x, operands);
      s.verifyStart = a;
      return Rc.ok;
    }
    case 'POINT':
    case 'P': {
      const m = /^\.([A-Z0-9]{1,8})$/.exec(v[0] ?? '');
      if (!m || f.current < 1 || f.current > f.size) return invalid(x, operands);
      for (const l of f.lines) if (l.label === m[1]) delete l.label;
      f.lines[f.current - 1].label = m[1];
      return Rc.ok;
    }
    case 'LRECL':
    case 'LR': {
      const n = Number(v[0]);
      if (!Number.isInteger(n) || n < 1 || n > 65535) return invalid(x, operands);
      f.lrecl = n;
      s.trunc = n;
      s.zone = [Math.min(s.zone[0], n), n];
      return Rc.ok;
    }
    case 'RECFM':
    case 'RECF': {
      if (v[0] !== 'F' && v[0] !== 'V') return invalid(x, operands);
      f.recfm = v[0];
      return Rc.ok;
    }
    case 'FNAME':
    case 'FN':
      if (!/^[A-Z0-9$#@+\-:_]{1,8}$/.test(v[0] ?? '')) return invalid(x, operands);
      f.fn = v[0];
      return Rc.ok;
    case 'FTYPE':
    case 'FT':
      if (!/^[A-Z0-9$#@+\-:_]{1,8}$/.test(v[0] ?? '')) return invalid(x, operands);
      f.ft = v[0];
      return Rc.ok;
    case 'FMODE':
    case 'FM':
      if (!/^[A-Z]\d?$/.test(v[0] ?? '')) return invalid(x, operands);
      f.fm = v[0].length === 1 ? `${v[0]}1` : v[0];
      return Rc.ok;
    case 'ALT':
      f.alterations = Number(v[0] ?? 0) || 0;
      return Rc.ok;
    default:
      return invalid(x, operands || 'SET');
  }
}

/** Values of the items QUERY and EXTRACT know. */
export function itemValues(x: Xedit, item: string): string[] | undefined {
  const f = x.file;
  const s = f.settings;
  switch (item) {
    case 'SIZE':
      return [String(f.size)];
    case 'LINE':
      return [String(f.current)];
    case 'CURLINE':
      return [
        'ON',
        x.curline.kind === 'middle' ? 'M' : String(x.curline.row + 1),
        String(f.current),
        f.text(f.current),
      ];
    case 'FNAME':
      return [f.fn];
    case 'FTYPE':
      return [f.ft];
    case 'FMODE':
      return [f.fm];
    case 'LRECL':
      return [String(f.lrecl)];
    case 'RECFM':
      return [f.recfm];
    case 'TRUNC':
      return [String(s.trunc)];
    case 'ZONE':
      return [String(s.zone[0]), String(s.zone[1])];
    case 'VERIFY':
      return ['ON', String(s.verifyStart), String(Math.min(f.lrecl, s.verifyStart + x.width - 1))];
    case 'CASE':
      return [s.caseInput === 'M' ? 'MIXED' : 'UPPER', s.caseTarget === 'R' ? 'RESPECT' : 'IGNORE'];
    case 'NUMBER':
      return [s.number ? 'ON' : 'OFF'];
    case 'PREFIX':
      return [s.prefix, 'LEFT'];
    case 'SCALE':
      return [s.scale ? 'ON' : 'OFF', 'M+1'];
    case 'WRAP':
      return [s.wrap ? 'ON' : 'OFF'];
    case 'ALT':
      return [String(f.alterations), String(f.alterations)];
    case 'COLUMN':
      return [String(f.column)];
    case 'RING':
      return [String(x.ring.length), ...x.ring.map((r) => `${r.fileId} SIZE=${r.size} LINE=${r.current}`)];
    case 'TOF':
      return [f.current === 0 ? 'ON' : 'OFF'];
    case 'EOF':
      return [f.current === f.size + 1 ? 'ON' : 'OFF'];
    case 'LASTMSG':
      return [x.messages[x.messages.length - 1] ?? ''];
    case 'IMPCMSCP':
      return [x.impcmscp ? 'ON' : 'OFF'];
  }
  const pf = /^PF(\d{1,2})$/.exec(item);
  if (pf) return [x.pf.get(Number(pf[1])) ?? ''];
  return undefined;
}

/** QUERY item: the value in the message area. */
export function querySubcommand(x: Xedit, operands: string): number {
  const item = operands.trim().toUpperCase().split(/\s+/)[0] ?? '';
  const values = itemValues(x, item === 'NUM' ? 'NUMBER' : item);
  if (!values) return invalid(x, operands || 'QUERY');
  if (item === 'RING') {
    x.say(`${values[0]} file(s) in storage`);
    for (const l of values.slice(1)) x.say(l);
  } else x.say(`${item} ${values.join(' ')}`);
  return Rc.ok;
}

/** EXTRACT /item/item/...: values for a macro (kept for the macro host to set as variables). */
export function extractSubcommand(x: Xedit, operands: string): number {
  const d = operands.trim()[0];
  if (!d) return invalid(x, 'EXTRACT');
  const items = operands
    .trim()
    .slice(1)
    .split(d)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const out = new Map<string, string[]>();
  for (const item of items) {
    const values = itemValues(x, item);
    if (!values) return invalid(x, item);
    out.set(item, values);
  }
  x.extracted = out;
  return Rc.ok;
}
