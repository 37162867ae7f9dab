// The CMS EXEC language (VM/370 CMS User's Guide, "Using the CMS EXEC
// Facility"; VM/SP CMS Command and Macro Reference, "EXEC Control
// Statements"; cms.md (f)), the common subset: a line is a command, run with
// the SVC 202 search (no implied CP, no implied EXEC), unless it is a
// control statement. Variables are `&name` tokens, substituted before the
// line runs; an unset variable is a null token and disappears.
//
// Control statements: &TYPE, &SPACE, &CONTROL (OFF|ERROR|CMS|ALL,
// MSG|NOMSG, TIME|NOTIME, PACK|NOPACK accepted), &IF, &GOTO (TOP, a line
// number, -label), &SKIP, &LOOP (n lines or to -label; a count, or a
// condition that ends the loop when it holds), &EXIT, &ERROR, &ARGS, &READ
// (n lines as statements, ARGS, VARS), &STACK (FIFO|LIFO, HT, RT),
// &BEGTYPE/&BEGSTACK/&BEGPUNCH/&BEGEMSG ... &END, &PUNCH (a card to the
// virtual punch, left open as PUNCH leaves it for CP CLOSE), &EMSG (a
// message with its 10-character code, edited by CP SET EMSG), &TIME
// (ON|OFF|RESET|TYPE: `T=v/t hh:mm:ss` after each command), assignment with
// + and - (integers), and the functions &CONCAT, &LENGTH, &SUBSTR,
// &DATATYPE, &LITERAL. Special variables: &0, &1-&30, &INDEX, &RETCODE,
// &LINENUM, &EXEC, &READFLAG, &TYPEFLAG, &GLOBAL (the CMS EXEC nesting
// level), &GLOBAL0-&GLOBAL9 (shared by nested CMS EXECs), &DISKx (RW, RO
// or NA for disk x), &DISK* (the first read/write disk, or NONE).
// Comparisons are numeric when both operands are integers, else in EBCDIC
// order. Not implemented: &HEX, &WAIT, &PRESUME, &DOLLAR/&STAR, &DISK?,
// &BEGTYPE ALL's distinction, EXEC 2.

import type { CmsSession } from '../nucleus/session.js';
import { slice, type CmsGen } from '../nucleus/task.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { writeUnitRecord } from '../commands/spool.js';

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
  /** `&LOOP n a op b`: the loop ends when the condition holds (tested before each pass). */
  until?: string[];
}

const PUNCH = 0x00d;

/** EBCDIC order of two strings (CMS EXEC compares non-numeric operands as EBCDIC). */
function compareEbcdic(a: string, b: string): number {
  const x = toEbcdic(a);
  const y = toEbcdic(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

const isNumber = (t: string): boolean => /^[+-]?\d+$/.test(t);

export function* runCmsExec(cms: CmsSession, fn: string, lines: readonly string[], argString: string): CmsGen<number> {
  const shared = cms.cmsExec;
  shared.level++;
  try {
    return yield* interpret(cms, fn, lines, argString);
  } finally {
    // &GLOBALn live while CMS EXECs are nested; the outermost takes them with it.
    if (--shared.level === 0) shared.globals.clear();
  }
}

function* interpret(cms: CmsSession, fn: string, lines: readonly string[], argString: string): CmsGen<number> {
  const vars = new Map<string, string>();
  const globals = cms.cmsExec.globals;
  let timing: { on: boolean; virtualUs: number; totalUs: number } | null = null;
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

  /** A variable's value: the EXEC's own, or a special variable computed now. */
  const lookup = (name: string): string | undefined => {
    const n = name.toUpperCase();
    if (/^&GLOBAL\d$/.test(n)) return globals.get(n);
    if (n === '&GLOBAL') return String(cms.cmsExec.level);
    if (n === '&DISK*') return cms.firstWritable()?.letter ?? 'NONE';
    const disk = /^&DISK([A-Z])$/.exec(n);
    if (disk) {
      const acc = cms.disks.get(disk[1]);
      return acc === undefined ? 'NA' : acc.readOnly ? 'RO' : 'RW';
    }
    return vars.get(n);
  };
  const assign = (name: string, value: string): void => {
    const n = name.toUpperCase();
    if (/^&GLOBAL\d$/.test(n)) globals.set(n, value);
    else vars.set(n, value);
  };

  const substitute = (tokens: string[]): string[] => {
    const out: string[] = [];
    for (const t of tokens) {
      if (!t.startsWith('&') || t === '&' || FUNCTIONS.has(t.toUpperCase())) {
        out.push(t);
        continue;
      }
      const v = lookup(t);
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
    const d = numeric ? Number(a) - Number(b) : compareEbcdic(a, b);
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
      assign(raw[1], raw.slice(3).join(' '));
      return undefined;
    }
    if (raw[0].startsWith('&') && raw[1] === '=' && !['&IF', '&LOOP'].includes(word)) {
      assign(word, value(substitute(raw.slice(2))));
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
        if (raw.length < 5) throw new ExecError('syntax');
        if (condition(raw.slice(1, 4))) return yield* statement(raw.slice(4));
        return undefined;
      }
      case '&LOOP': {
        const what = t[0];
        if (what === undefined) throw new ExecError('syntax');
        const end = isNumber(what) ? pc + Number(what) : target(what) + 1;
        if (raw.length === 5) {
          // `&LOOP n a op b`: until the condition holds.
          const until = raw.slice(2, 5);
          if (condition(until)) pc = end;
          else loops.push({ start: pc, end, left: Infinity, until });
          return undefined;
        }
        const count = Number(t[1] ?? 1);
        if (!Number.isInteger(count)) throw new ExecError('syntax');
        if (count > 0) loops.push({ start: pc, end, left: count });
        else pc = end;
        return undefined;
      }
      case '&PUNCH':
        yield* punch([t.join(' ')]);
        return undefined;
      case '&EMSG':
        if (t.length === 0) throw new ExecError('syntax');
        cms.sayEdited(t.join(' '));
        return undefined;
      case '&TIME': {
        const o = (t[0] ?? '').toUpperCase();
        if (o === 'ON' || o === 'RESET' || (o === 'TYPE' && timing === null)) {
          const c = cms.clock();
          timing = { on: o === 'ON' || (timing?.on ?? false), virtualUs: c.virtualUs, totalUs: c.totalUs };
        }
        if (o === 'OFF' && timing) timing.on = false;
        else if (o === 'TYPE') typeTime();
        else if (o !== 'ON' && o !== 'RESET' && o !== 'OFF') throw new ExecError('syntax');
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
      case '&BEGSTACK':
      case '&BEGPUNCH':
      case '&BEGEMSG': {
        const lifo = t[0]?.toUpperCase() === 'LIFO';
        const block: string[] = [];
        for (; pc < lines.length && lines[pc].trim().toUpperCase() !== '&END'; pc++) block.push(lines[pc]);
        pc++;
        if (word === '&BEGPUNCH') yield* punch(block);
        for (const l of block) {
          if (word === '&BEGTYPE') cms.say(l);
          else if (word === '&BEGSTACK') cms.stack.add(l, lifo);
          else if (word === '&BEGEMSG') cms.sayEdited(l);
        }
        return undefined;
      }
      default:
        // A line may start with a variable (its value is the command); any other &word is no control word.
        if (word.startsWith('&') && lookup(word) === undefined && !/^&\d+$/.test(word)) throw new ExecError('syntax');
    }
    // A command.
    const command = substitute(raw).join(' ');
    if (command === '') return undefined;
    if (settings.control === 'CMS' || settings.control === 'ALL') cms.say(command);
    const rc = yield* cms.execute(command, 'command');
    vars.set('&RETCODE', String(rc));
    if (timing?.on) typeTime();
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

  /** `a op b` with each operand substituted on its own (an unset variable compares as the null string). */
  function condition(tokens: string[]): boolean {
    const operand = (tok: string | undefined): string =>
      tok === undefined ? '' : tok.startsWith('&') ? (lookup(tok) ?? '') : tok;
    return compare(operand(tokens[0]), tokens[1] ?? '', operand(tokens[2]));
  }

  /** &TIME: CPU used since &TIME ON or RESET, and the time of day. */
  function typeTime(): void {
    const c = cms.clock();
    const since = timing ?? { virtualUs: c.virtualUs, totalUs: c.totalUs };
    const secs = (us: number): string => (Math.max(us, 10000) / 1e6).toFixed(2);
    cms.say(`T=${secs(c.virtualUs - since.virtualUs)}/${secs(c.totalUs - since.totalUs)} ${c.time}`);
  }

  /** &PUNCH, &BEGPUNCH: cards to the virtual punch (80 columns each); the file stays open. */
  function* punch(cards: string[]): CmsGen<void> {
    const records = cards.map((c) => toEbcdic(c.slice(0, 80).padEnd(80)));
    if ((yield* writeUnitRecord(cms, PUNCH, records, 0x01)) !== 0) vars.set('&RETCODE', '100');
  }

  function* readLine(): CmsGen<string> {
    vars.set('&READFLAG', cms.stack.count() > 0 ? 'STACK' : 'CONSOLE');
    return yield* cms.readLine();
  }

  try {
    for (;;) {
      // A loop whose body ends the file still repeats.
      const loop = loops[loops.length - 1];
      if (loop && pc >= loop.end) {
        const again = loop.until ? !condition(loop.until) : --loop.left > 0;
        if (again) pc = loop.start;
        else loops.pop();
        continue;
      }
      if (pc >= lines.length) break;
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
