// The CMS EXEC language (VM/370 CMS User's Guide, "Using the CMS EXEC
// Facility"; cms.md (f)), a working subset: a line is a command, run with
// the SVC 202 search (no implied CP), unless it is a control statement.
// Variables are `&name` tokens, substituted before the line runs; an unset
// variable is a null token and disappears. Implemented: &TYPE, &CONTROL
// (OFF|ERROR|CMS|ALL, MSG|NOMSG), &IF, &GOTO (TOP, a line number, -label),
// &SKIP, &LOOP (n lines or to -label, a count), &EXIT, &ERROR, &ARGS,
// &READ (n lines as commands, ARGS, VARS), &STACK (FIFO|LIFO, HT, RT),
// &BEGTYPE/&BEGSTACK ... &END, &SPACE, assignment with + and -, and the
// functions &CONCAT, &LENGTH, &SUBSTR, &DATATYPE, &LITERAL. Special
// variables: &0, &1-&30, &INDEX, &RETCODE, &LINENUM, &EXEC, &READFLAG,
// &TYPEFLAG. Not implemented: &PUNCH/&BEGPUNCH, &BEGEMSG/&EMSG, &TIME,
// &GLOBAL, &DISKx.

import type { CmsSession } from '../nucleus/session.js';
import { slice, type CmsGen } from '../nucleus/task.js';

const LINES_PER_SLICE = 500;

/** Built-in functions: names that substitution leaves alone. */
const FUNCTIONS = new Set(['&CONCAT', '&LENGTH', '&SUBSTR', '&DATATYPE', '&LITERAL']);

/** EXEC error descriptions (DMSEXT072E) with the rc they end the EXEC with (vmcms's numbering after 801). */
const ERRORS = {
  goto: { text: '&SKIP or &GOTO error', rc: 802 },
  syntax: { text: 'Invalid control statement', rc: 803 },
  args: { text: 'Too many arguments', rc: 804 },
} as const;

class ExecError extends Error {
  constructor(readonly kind: keyof typeof ERRORS) {
    super(kind);
  }
}

interface Loop {
  /** First line of the loop body and the line after it (0-based). */
  start: number;
  end: number;
  left: number;
}

const isNumber = (t: string): boolean => /^[+-]?\d+$/.test(t);

export function* runCmsExec(cms: CmsSession, fn: string, lines: readonly string[], argString: string): CmsGen<number> {
  const vars = new Map<string, string>();
  let args = argString.toUpperCase().split(/\s+/).filter(Boolean);
  const setArgs = (list: string[]): void => {
    if (list.length > 30) throw new ExecError('args');
    for (let i = 1; i <= 30; i++) vars.delete(`&${i}`);
    list.forEach((a, i) => vars.set(`&${i + 1}`, a.slice(0, 8)));
    vars.set('&INDEX', String(list.length));
    args = list;
  };
  vars.set('&0', fn);
  vars.set('&EXEC', fn);
  vars.set('&RETCODE', '0');
  vars.set('&READFLAG', 'CONSOLE');
  vars.set('&TYPEFLAG', 'RT');
  const settings: { control: 'OFF' | 'ERROR' | 'CMS' | 'ALL'; msg: boolean } = { control: 'CMS', msg: true };
  let onError: string[] | undefined;
  const loops: Loop[] = [];
  const labels = new Map<string, number>();
  lines.forEach((l, i) => {
    const first = l.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
    if (first.startsWith('-')) labels.set(first, i);
  });

  const substitute = (tokens: string[]): string[] => {
    const out: string[] = [];
    for (const t of tokens) {
      if (!t.startsWith('&') || t === '&' || FUNCTIONS.has(t.toUpperCase())) {
        out.push(t);
        continue;
      }
      const v = vars.get(t.toUpperCase());
      if (v !== undefined && v !== '') out.push(v);
    }
    return out;
  };

  const target = (t: string | undefined): number => {
    if (t === undefined) throw new ExecError('goto');
    if (t.toUpperCase() === 'TOP') return 0;
    if (isNumber(t)) {
      const n = Number(t) - 1;
      if (n < 0 || n > lines.length) throw new ExecError('goto');
      return n;
    }
    const at = labels.get(t.toUpperCase());
    if (at === undefined) throw new ExecError('goto');
    return at;
  };

  const value = (tokens: string[]): string => {
    const [a, op, b] = tokens;
    const f = (tokens[0] ?? '').toUpperCase();
    if (f === '&CONCAT') return tokens.slice(1).join('');
    if (f === '&LENGTH') return String((tokens[1] ?? '').length);
    if (f === '&DATATYPE') return isNumber(tokens[1] ?? '') ? 'NUM' : 'ALPHA';
    if (f === '&SUBSTR') {
      const s = tokens[1] ?? '';
      const start = Number(tokens[2] ?? 1);
      const len = tokens[3] === undefined ? undefined : Number(tokens[3]);
      return s.substr(start - 1, len);
    }
    if (tokens.length === 3 && (op === '+' || op === '-') && isNumber(a) && isNumber(b)) {
      return String(op === '+' ? Number(a) + Number(b) : Number(a) - Number(b));
    }
    return tokens.join(' ');
  };

  const compare = (a: string, op: string, b: string): boolean => {
    const numeric = isNumber(a) && isNumber(b);
    const d = numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
    switch (op.toUpperCase()) {
      case 'EQ':
      case '=':
        return d === 0;
      case 'NE':
      case '¬=':
      case '<>':
        return d !== 0;
      case 'LT':
      case '<':
        return d < 0;
      case 'LE':
      case '<=':
        return d <= 0;
      case 'GT':
      case '>':
        return d > 0;
      case 'GE':
      case '>=':
        return d >= 0;
      default:
        throw new ExecError('syntax');
    }
  };

  let pc = 0;
  let steps = 0;
  setArgs(args);

  /** Run one statement (already without its label); returns an EXIT rc, or undefined to go on. */
  function* statement(raw: string[]): CmsGen<number | undefined> {
    if (raw.length === 0) return undefined;
    const word = raw[0].toUpperCase();
    if (word === '&LITERAL' && raw[1]?.startsWith('&') && raw[2] === '=') {
      vars.set(raw[1].toUpperCase(), raw.slice(3).join(' '));
      return undefined;
    }
    if (raw[0].startsWith('&') && raw[1] === '=' && !['&IF', '&LOOP'].includes(word)) {
      vars.set(word, value(substitute(raw.slice(2))));
      return undefined;
    }
    const t = substitute(raw.slice(1));
    switch (word) {
      case '&TYPE':
        cms.say(t.join(' '));
        return undefined;
      case '&SPACE':
        for (let i = 0; i < Number(t[0] ?? 1); i++) cms.say('');
        return undefined;
      case '&CONTROL':
        for (const o of t.map((x) => x.toUpperCase())) {
          if (o === 'OFF' || o === 'ERROR' || o === 'CMS' || o === 'ALL') settings.control = o;
          else if (o === 'MSG') settings.msg = true;
          else if (o === 'NOMSG') settings.msg = false;
          else if (o === 'TIME' || o === 'NOTIME' || o === 'PACK' || o === 'NOPACK') continue;
          else throw new ExecError('syntax');
        }
        return undefined;
      case '&EXIT':
        return t[0] === undefined ? 0 : isNumber(t[0]) ? Number(t[0]) : 0;
      case '&GOTO':
        pc = target(t[0]);
        return undefined;
      case '&SKIP': {
        const n = t[0] === undefined ? 1 : Number(t[0]);
        if (!Number.isInteger(n) || pc + n > lines.length || pc + n < 0) throw new ExecError('goto');
        pc += n;
        return undefined;
      }
      case '&ERROR':
        onError = raw.slice(1);
        return undefined;
      case '&ARGS':
        setArgs(t);
        return undefined;
      case '&IF': {
        // Each operand is substituted on its own: an unset variable compares as the null string.
        const operand = (tok: string | undefined): string =>
          tok === undefined ? '' : tok.startsWith('&') ? (vars.get(tok.toUpperCase()) ?? '') : tok;
        if (raw.length < 5) throw new ExecError('syntax');
        if (compare(operand(raw[1]), raw[2], operand(raw[3]))) return yield* statement(raw.slice(4));
        return undefined;
      }
      case '&LOOP': {
        const what = t[0];
        const count = Number(t[1] ?? 1);
        if (what === undefined || !Number.isInteger(count)) throw new ExecError('syntax');
        const end = isNumber(what) ? pc + Number(what) : target(what) + 1;
        if (count > 0) loops.push({ start: pc, end, left: count });
        else pc = end;
        return undefined;
      }
      case '&READ': {
        const kind = (t[0] ?? '1').toUpperCase();
        if (kind === 'ARGS') {
          setArgs((yield* readLine()).toUpperCase().split(/\s+/).filter(Boolean));
          return undefined;
        }
        if (kind === 'VARS') {
          const words = (yield* readLine()).toUpperCase().split(/\s+/).filter(Boolean);
          raw.slice(2).forEach((v, i) => vars.set(v.toUpperCase(), words[i] ?? ''));
          return undefined;
        }
        for (let i = 0; i < Number(kind); i++) {
          const rc = yield* statement((yield* readLine()).split(/\s+/).filter(Boolean));
          if (rc !== undefined) return rc;
        }
        return undefined;
      }
      case '&STACK': {
        let lifo = false;
        let rest = t;
        if (rest[0]?.toUpperCase() === 'LIFO' || rest[0]?.toUpperCase() === 'FIFO') {
          lifo = rest[0].toUpperCase() === 'LIFO';
          rest = rest.slice(1);
        }
        if (rest.length === 1 && (rest[0].toUpperCase() === 'HT' || rest[0].toUpperCase() === 'RT')) {
          cms.settings.cmstype = rest[0].toUpperCase() as 'HT' | 'RT';
          vars.set('&TYPEFLAG', cms.settings.cmstype);
          return undefined;
        }
        cms.stack.add(rest.join(' '), lifo);
        return undefined;
      }
      case '&BEGTYPE':
      case '&BEGSTACK': {
        const lifo = t[0]?.toUpperCase() === 'LIFO';
        for (; pc < lines.length && lines[pc].trim().toUpperCase() !== '&END'; pc++) {
          if (word === '&BEGTYPE') cms.say(lines[pc]);
          else cms.stack.add(lines[pc], lifo);
        }
        pc++;
        return undefined;
      }
      default:
        if (word.startsWith('&')) throw new ExecError('syntax');
    }
    // A command.
    const command = substitute(raw).join(' ');
    if (settings.control === 'CMS' || settings.control === 'ALL') cms.say(command);
    const rc = yield* cms.execute(command, 'command');
    vars.set('&RETCODE', String(rc));
    if (rc !== 0) {
      if (settings.control !== 'OFF' && settings.msg) {
        const code = rc < 0 ? `-${String(-rc).padStart(4, '0')}` : String(rc).padStart(5, '0');
        cms.say(`+++ R(${code}) +++`);
      }
      if (onError) {
        const r = yield* statement(onError);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  }

  function* readLine(): CmsGen<string> {
    vars.set('&READFLAG', cms.stack.count() > 0 ? 'STACK' : 'CONSOLE');
    return yield* cms.readLine();
  }

  try {
    while (pc < lines.length) {
      const loop = loops[loops.length - 1];
      if (loop && pc >= loop.end) {
        if (--loop.left > 0) pc = loop.start;
        else loops.pop();
        continue;
      }
      const line = lines[pc];
      vars.set('&LINENUM', String(pc + 1));
      pc++;
      if (++steps % LINES_PER_SLICE === 0) yield slice();
      let tokens = line.trim().split(/\s+/).filter(Boolean);
      if (tokens.length === 0 || tokens[0].startsWith('*')) continue;
      if (tokens[0].startsWith('-')) tokens = tokens.slice(1);
      if (settings.control === 'ALL' && tokens[0]?.startsWith('&')) cms.say(line.trim());
      const rc = yield* statement(tokens);
      if (rc !== undefined) return rc;
    }
    return 0;
  } catch (err) {
    if (!(err instanceof ExecError)) throw err;
    const e = ERRORS[err.kind];
    cms.message('EXT', '072', fn, vars.get('&LINENUM') ?? '0', e.text);
    return e.rc;
  }
}
