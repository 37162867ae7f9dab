// The spooling commands (VM/370 R6 CP Command Reference for General Users,
// GC20-1820; ../shared/reference/cp.md section 5): SPOOL, CLOSE, PURGE,
// TRANSFER, ORDER, CHANGE, TAG, and the QUERY RDR/PRT/PUN/FILES responses. A
// class G user works only on the files in their own queues (and, with
// TRANSFER ... FROM, on files they sent that still sit in another user's
// reader); a spoolid of anyone else's file is answered as one that does not
// exist.

import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import { formatVaddr, parseVaddr } from '../directory.js';
import { cpResponse } from '../messages.js';
import type { SpoolFileAttributes, SpoolQueue } from '../spool/spool-file.js';
import { Spooler, spoolidText } from '../spool/spooler.js';
import type { LoggedOnUser } from '../user.js';
import type { VirtualDevice } from '../virtual-machine.js';
import { keyword, restOfLine } from './parse.js';

const G: CommandRow<CommandContext>['classes'] = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

const DEVICE_WORDS = [
  ['READER', 1],
  ['RDR', 3],
  ['PUNCH', 2],
  ['PUN', 3],
  ['PRINTER', 2],
  ['PRT', 3],
  ['CONSOLE', 4],
] as const;

type DeviceWord = 'RDR' | 'PUN' | 'PRT' | 'CONSOLE';

function deviceWord(word: string | undefined): DeviceWord | undefined {
  const k = keyword(word, DEVICE_WORDS);
  if (k === 'READER' || k === 'RDR') return 'RDR';
  if (k === 'PUNCH' || k === 'PUN') return 'PUN';
  if (k === 'PRINTER' || k === 'PRT') return 'PRT';
  if (k === 'CONSOLE') return 'CONSOLE';
  return undefined;
}

/** The devices an operand names: a vaddr, or every device of a class (RDR, PUN, PRT). */
function devicesNamed(user: LoggedOnUser, word: string): VirtualDevice[] | 'CONSOLE' | undefined {
  const w = deviceWord(word);
  if (w === 'CONSOLE') return 'CONSOLE';
  if (w) return [...user.vm.devices.values()].filter((d) => d.deviceClass === w);
  const vaddr = parseVaddr(word);
  if (vaddr === undefined) return undefined;
  if (vaddr === user.vm.consoleAddress) return 'CONSOLE';
  const dev = user.vm.devices.get(vaddr);
  return dev && (dev.reader || dev.output) ? [dev] : [];
}

const validClass = (c: string | undefined): c is string => c !== undefined && /^[A-Z0-9]$/i.test(c);

// ---- SPOOL ----

/** What one SPOOL command changes on the devices it names. */
interface SpoolSettings {
  spoolClass?: string;
  cont?: boolean;
  hold?: boolean;
  copies?: number;
  eof?: boolean;
  to?: string | null;
  /** SPOOL CONSOLE START / STOP. */
  on?: boolean;
}

function spool(ctx: CommandContext, operands: readonly string[]): void {
  const user = ctx.self;
  if (operands.length === 0) {
    ctx.error('operandMissing');
    return;
  }
  const named = devicesNamed(user, operands[0]);
  if (named === undefined || (Array.isArray(named) && named.length === 0)) {
    if (named === undefined) ctx.error('invalidOperand', operands[0].toUpperCase());
    else ctx.error('notSpoolDevice', operands[0].toUpperCase());
    return;
  }
  const isConsole = named === 'CONSOLE';
  const devices = isConsole ? [] : named;
  const reader = !isConsole && devices.every((d) => d.reader);
  // Collect the changes first: an invalid operand changes nothing.
  const changes: SpoolSettings = {};
  const ops = operands.slice(1).map((o) => o.toUpperCase());
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const k = keyword(op, [
      ['CLASS', 2],
      ['CONT', 4],
      ['NOCONT', 3],
      ['HOLD', 4],
      ['NOHOLD', 3],
      ['COPY', 3],
      ['EOF', 3],
      ['NOEOF', 3],
      ['TO', 2],
      ['FOR', 3],
      ['OFF', 3],
      ['START', 5],
      ['STOP', 4],
      ['TERM', 4],
      ['NOTERM', 6],
    ]);
    switch (k) {
      case 'CLASS': {
        const c = ops[++i];
        if (!validClass(c) && !(reader && c === '*')) {
          ctx.error('invalidSpoolClass');
          return;
        }
        changes.spoolClass = c;
        break;
      }
      case 'CONT':
      case 'NOCONT':
        changes.cont = k === 'CONT';
        break;
      case 'HOLD':
      case 'NOHOLD':
        changes.hold = k === 'HOLD';
        break;
      case 'EOF':
      case 'NOEOF':
        if (!reader) {
          ctx.error('invalidOption', op);
          return;
        }
        changes.eof = k === 'EOF';
        break;
      case 'COPY': {
        const n = Number(ops[++i]);
        if (!Number.isInteger(n) || n < 1 || n > 99) {
          ctx.error('invalidOperand', ops[i] ?? 'COPY');
          return;
        }
        changes.copies = n;
        break;
      }
      case 'TO':
      case 'FOR': {
        const target = ops[++i];
        if (reader) {
          ctx.error('invalidOption', op);
          return;
        }
        if (target === undefined) {
          ctx.error('useridMissing');
          return;
        }
        const to = target === '*' ? user.userid : target;
        if (!ctx.cp.directory.entries.has(to)) {
          ctx.error('spoolUserNotInDirectory', to);
          return;
        }
        // FOR userid: output for a real device under that user's name; here the system queue, owned by them.
        changes.to = k === 'TO' ? to : null;
        break;
      }
      case 'OFF':
        changes.to = null;
        break;
      case 'START':
      case 'STOP':
        if (!isConsole) {
          ctx.error('invalidOption', op);
          return;
        }
        changes.on = k === 'START';
        break;
      case 'TERM':
      case 'NOTERM':
        break; // console spooling always also shows the terminal here
      default:
        if (op === '*' && !reader)
          changes.to = user.userid; // SPOOL PUN *: TO *
        else if (validClass(op) || (reader && op === '*')) changes.spoolClass = op;
        else {
          ctx.error('invalidOption', op);
          return;
        }
    }
  }
  if (isConsole) Object.assign(user.consoleSpool, changes);
  for (const d of devices) {
    if (d.reader) {
      const { to: _to, copies: _copies, on: _on, ...forReader } = changes;
      Object.assign(d.reader.options, forReader);
    } else if (d.output) {
      const { eof: _eof, on: _on, ...forOutput } = changes;
      Object.assign(d.output.options, forOutput);
    }
  }
  if (isConsole && !user.consoleSpool.on) closeConsole(ctx, {});
}

// ---- CLOSE ----

interface CloseOptions {
  name?: string;
  type?: string;
  hold?: boolean;
  purge?: boolean;
  dist?: string;
}

function closeConsole(ctx: CommandContext, options: CloseOptions): void {
  const user = ctx.self;
  const lines = user.consoleSpool.lines.splice(0);
  if (lines.length === 0 || options.purge) return;
  const result = ctx.cp.spooler.closeConsole(user.userid, lines, user.consoleSpool, options);
  if (result === 'full') ctx.error('spoolFull', formatVaddr(user.vm.consoleAddress));
  else if (result.queue === 'RDR') ctx.info(Spooler.sentLine(result));
}

function close(ctx: CommandContext, operands: readonly string[]): void {
  const user = ctx.self;
  if (operands.length === 0) {
    ctx.error('vaddrMissing');
    return;
  }
  const named = devicesNamed(user, operands[0]);
  if (named === undefined) {
    ctx.error('invalidOperand', operands[0].toUpperCase());
    return;
  }
  if (Array.isArray(named) && named.length === 0) {
    ctx.error('notSpoolDevice', operands[0].toUpperCase());
    return;
  }
  const options: CloseOptions = {};
  const ops = operands.slice(1).map((o) => o.toUpperCase());
  for (let i = 0; i < ops.length; i++) {
    const k = keyword(ops[i], [
      ['NAME', 4],
      ['HOLD', 4],
      ['NOHOLD', 3],
      ['PURGE', 3],
      ['DIST', 4],
      ['SAVE', 4],
    ]);
    if (k === 'NAME') {
      options.name = (ops[++i] ?? '').slice(0, 8);
      if (
        i + 1 < ops.length &&
        !keyword(ops[i + 1], [
          ['HOLD', 4],
          ['NOHOLD', 3],
          ['PURGE', 3],
          ['DIST', 4],
        ])
      )
        options.type = (ops[++i] ?? '').slice(0, 8);
    } else if (k === 'HOLD' || k === 'SAVE') options.hold = true;
    else if (k === 'NOHOLD') options.hold = false;
    else if (k === 'PURGE') options.purge = true;
    else if (k === 'DIST') options.dist = (ops[++i] ?? '').slice(0, 8);
    else {
      ctx.error('invalidOption', ops[i]);
      return;
    }
  }
  if (named === 'CONSOLE') {
    closeConsole(ctx, options);
    return;
  }
  for (const dev of named) {
    if (dev.reader) {
      dev.reader.closeFile(options.hold === true);
      continue;
    }
    const output = dev.output!;
    if (options.purge) {
      output.take();
      continue;
    }
    const file = ctx.cp.spooler.closeOutput(output, {
      owner: user.userid,
      originator: user.userid,
      name: options.name,
      type: options.type,
      hold: options.hold,
      dist: options.dist ?? user.entry.account?.distribution ?? '',
    });
    if (file === 'full') ctx.error('spoolFull', formatVaddr(dev.vaddr));
    else if (file && file.queue === 'RDR') ctx.info(Spooler.sentLine(file));
  }
}

// ---- Selecting files: spoolid ... | CLASS c | ALL ----

type Selection = { files: SpoolFileAttributes[]; rest: string[] } | { error: true };

function queueOperand(word: string | undefined): SpoolQueue | undefined {
  const w = deviceWord(word);
  return w === 'RDR' || w === 'PUN' || w === 'PRT' ? w : undefined;
}

function selectFiles(
  ctx: CommandContext,
  pool: SpoolFileAttributes[],
  ops: string[],
  stop: (w: string) => boolean,
): Selection {
  const files: SpoolFileAttributes[] = [];
  let i = 0;
  if (ops.length === 0 || stop(ops[0])) return { files: pool, rest: ops };
  for (; i < ops.length && !stop(ops[i]); i++) {
    const op = ops[i];
    if (op === 'ALL') files.push(...pool);
    else if (keyword(op, [['CLASS', 2]]) === 'CLASS') {
      const c = ops[++i];
      if (!validClass(c)) {
        ctx.error('invalidSpoolClass');
        return { error: true };
      }
      files.push(...pool.filter((f) => f.spoolClass === c));
    } else if (/^\d{1,4}$/.test(op)) {
      const f = pool.find((x) => x.spoolid === Number(op));
      if (!f) {
        ctx.error('noSuchFile', spoolidText(Number(op)));
        return { error: true };
      }
      files.push(f);
    } else {
      ctx.error('spoolidMissing');
      return { error: true };
    }
  }
  return { files: [...new Set(files)], rest: ops.slice(i) };
}

const count4 = (n: number): string => String(n).padStart(4, '0');

/** `RDR|PUN|PRT spoolid...|CLASS c|ALL` among the user's own files (PURGE, ORDER); undefined after an error. */
function selectOwnFiles(ctx: CommandContext, ops: readonly string[]): { files: SpoolFileAttributes[] } | undefined {
  const queue = queueOperand(ops[0]);
  if (!queue) {
    ctx.error('invalidOperand', ops[0] ?? '');
    return undefined;
  }
  const sel = selectFiles(ctx, ctx.cp.spooler.files(ctx.self.userid, queue), ops.slice(1), () => false);
  return 'error' in sel ? undefined : sel;
}

function purge(ctx: CommandContext, operands: readonly string[]): void {
  const user = ctx.self;
  const ops = operands.map((o) => o.toUpperCase());
  const sel = selectOwnFiles(ctx, ops);
  if (!sel) return;
  for (const f of sel.files) {
    // The file being read stays until its reader closes it.
    if ([...user.vm.devices.values()].some((d) => d.reader?.open?.file.spoolid === f.spoolid)) continue;
    ctx.cp.spooler.store.purge(f.spoolid);
  }
  ctx.info(cpResponse('filesPurged', count4(sel.files.length)));
}

function transfer(ctx: CommandContext, operands: readonly string[]): void {
  const user = ctx.self;
  const cp = ctx.cp;
  let ops = operands.map((o) => o.toUpperCase());
  const queue = queueOperand(ops[0]) ?? 'RDR';
  if (queueOperand(ops[0])) ops = ops.slice(1);
  const toAt = ops.findIndex((o) => o === 'TO' || o === 'FROM');
  const direction = toAt >= 0 ? ops[toAt] : 'TO';
  const target = toAt >= 0 ? ops[toAt + 1] : ops[ops.length - 1];
  const selectOps = toAt >= 0 ? ops.slice(0, toAt) : ops.slice(0, -1);
  if (target === undefined) {
    ctx.error('useridMissing');
    return;
  }
  const other = target === '*' ? user.userid : target;
  if (!cp.directory.entries.has(other)) {
    ctx.error('spoolUserNotInDirectory', other);
    return;
  }
  // TO: my files go to `other`'s reader. FROM: files I sent that sit in `other`'s reader come back to mine.
  const pool =
    direction === 'TO'
      ? cp.spooler.files(user.userid, queue)
      : cp.spooler.files(other, 'RDR').filter((f) => f.originator === user.userid);
  const sel = selectFiles(ctx, pool, selectOps, () => false);
  if ('error' in sel) return;
  const to = direction === 'TO' ? other : user.userid;
  for (const f of sel.files) cp.spooler.transfer(f, to);
  ctx.info(cpResponse('filesTransferred', count4(sel.files.length)));
}

function order(ctx: CommandContext, operands: readonly string[]): void {
  const ops = operands.map((o) => o.toUpperCase());
  const sel = selectOwnFiles(ctx, ops);
  if (!sel) return;
  if (ops.length < 2) {
    ctx.error('spoolidMissing');
    return;
  }
  ctx.cp.spooler.store.order(sel.files.map((f) => f.spoolid));
  for (const f of sel.files) ctx.info(cpResponse('fileOrdered', spoolidText(f.spoolid)));
}

function change(ctx: CommandContext, operands: readonly string[]): void {
  const user = ctx.self;
  const ops = operands.map((o) => o.toUpperCase());
  const queue = queueOperand(ops[0]);
  if (!queue) {
    ctx.error('invalidOperand', ops[0] ?? '');
    return;
  }
  const isAttribute = (w: string): boolean =>
    !!keyword(w, [
      ['COPY', 3],
      ['HOLD', 4],
      ['NOHOLD', 3],
      ['NAME', 4],
      ['DIST', 4],
    ]);
  // CHANGE RDR CLASS c CLASS d: the first CLASS selects, a later one changes.
  const pool = ctx.cp.spooler.files(user.userid, queue);
  let selOps = ops.slice(1);
  let attrOps: string[] = [];
  const split = selOps.findIndex((w, i) => isAttribute(w) || (w === 'CLASS' && i > 0 && selOps[i - 2] !== 'CLASS'));
  if (split >= 0) {
    attrOps = selOps.slice(split);
    selOps = selOps.slice(0, split);
  }
  if (selOps.length === 0) {
    ctx.error('spoolidMissing');
    return;
  }
  const sel = selectFiles(ctx, pool, selOps, () => false);
  if ('error' in sel) return;
  const changes: Partial<Pick<SpoolFileAttributes, 'spoolClass' | 'copies' | 'hold' | 'name' | 'type' | 'dist'>> = {};
  for (let i = 0; i < attrOps.length; i++) {
    const k = keyword(attrOps[i], [
      ['CLASS', 2],
      ['COPY', 3],
      ['HOLD', 4],
      ['NOHOLD', 3],
      ['NAME', 4],
      ['DIST', 4],
    ]);
    if (k === 'CLASS') {
      const c = attrOps[++i];
      if (!validClass(c)) {
        ctx.error('invalidSpoolClass');
        return;
      }
      changes.spoolClass = c;
    } else if (k === 'COPY') {
      const n = Number(attrOps[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 99) {
        ctx.error('invalidOperand', attrOps[i] ?? 'COPY');
        return;
      }
      changes.copies = n;
    } else if (k === 'HOLD') changes.hold = 'USER';
    else if (k === 'NOHOLD') changes.hold = 'NONE';
    else if (k === 'NAME') {
      changes.name = (attrOps[++i] ?? '').slice(0, 8);
      changes.type = (attrOps[++i] ?? '').slice(0, 8);
    } else if (k === 'DIST') changes.dist = (attrOps[++i] ?? '').slice(0, 8);
    else {
      ctx.error('invalidOption', attrOps[i]);
      return;
    }
  }
  for (const f of sel.files) {
    ctx.cp.spooler.store.update(f.spoolid, changes);
    if (f.queue === 'PRT') ctx.cp.spooler.printIfReady(f);
  }
  ctx.info(cpResponse('filesChanged', count4(sel.files.length)));
}

// TAG DEV vaddr [text] | TAG FILE spoolid [text] | TAG QUERY DEV vaddr | TAG QUERY FILE spoolid
function tag(ctx: CommandContext, operands: readonly string[], raw: string): void {
  const user = ctx.self;
  const ops = operands.map((o) => o.toUpperCase());
  const query = keyword(ops[0], [['QUERY', 1]]) === 'QUERY';
  const at = query ? 1 : 0;
  const what = keyword(ops[at], [
    ['DEV', 3],
    ['FILE', 4],
  ]);
  const text = restOfLine(raw, at + 3).slice(0, 136);
  if (what === 'DEV') {
    const vaddr = parseVaddr(ops[at + 1] ?? '');
    const dev = vaddr === undefined ? undefined : user.vm.devices.get(vaddr);
    if (!dev?.output) {
      ctx.error('notSpoolDevice', ops[at + 1] ?? '');
      return;
    }
    if (query) ctx.say(dev.output.options.tag ?? '');
    else dev.output.options.tag = text || undefined;
    return;
  }
  if (what === 'FILE') {
    const id = Number(ops[at + 1]);
    const file = Number.isInteger(id) ? ctx.cp.spooler.owned(user.userid, id) : undefined;
    if (!file) {
      ctx.error('noSuchFile', spoolidText(id || 0));
      return;
    }
    if (query) ctx.say(file.tag ?? '');
    else ctx.cp.spooler.store.update(file.spoolid, { tag: text || undefined });
    return;
  }
  ctx.error('invalidOperand', ops[at] ?? '');
}

// ---- QUERY RDR / PRT / PUN / FILES (called from query.ts) ----

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * QUERY RDR|PRT|PUN [ALL|spoolid|userid|*] (cp.md 5.3): the basic columns,
 * with ALL or a spoolid the date, time, name, type and distribution too.
 */
export function queryQueue(ctx: CommandContext, queue: SpoolQueue, operands: readonly string[]): void {
  const user = ctx.self;
  let files = ctx.cp.spooler.files(user.userid, queue);
  let long = false;
  for (const raw of operands) {
    const op = raw.toUpperCase();
    if (op === 'ALL') long = true;
    else if (op === '*') continue;
    else if (/^\d{1,4}$/.test(op)) {
      files = files.filter((f) => f.spoolid === Number(op));
      long = true;
    } else if (/^[A-Z0-9$#@]{1,8}$/.test(op)) files = files.filter((f) => f.originator === op || f.owner === op);
    else {
      ctx.error('invalidOperand', op);
      return;
    }
  }
  if (files.length === 0) {
    ctx.say(cpResponse('noSpoolFiles', queue));
    return;
  }
  const who = queue === 'RDR' ? 'ORIGINID' : 'OWNERID ';
  ctx.say(`${who} FILE CLASS RECDS  CPY HOLD${long ? ' DATE  TIME     NAME     TYPE     DIST' : ''}`);
  const tz = ctx.cp.timeZone;
  for (const f of files) {
    const id = queue === 'RDR' ? f.originator : f.owner;
    let line = `${id.padEnd(8)} ${spoolidText(f.spoolid)} ${f.spoolClass} ${f.origin} ${String(f.records).padStart(8, '0')} ${twoDigits(f.copies)} ${f.hold.padEnd(4)}`;
    if (long) {
      const d = new Date(f.created.getTime() + tz.offsetMinutes * 60_000);
      const date = `${twoDigits(d.getUTCMonth() + 1)}/${twoDigits(d.getUTCDate())}`;
      const time = `${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}:${twoDigits(d.getUTCSeconds())}`;
      line += ` ${date} ${time} ${f.name.padEnd(8)} ${f.type.padEnd(8)} ${f.dist}`;
    }
    ctx.say(line.trimEnd());
  }
}

/** QUERY FILES: the counts of the user's files in each queue (the logon FILES: line, zeros too). */
export function queryFiles(ctx: CommandContext): void {
  const user = ctx.self;
  const n = (q: SpoolQueue): string => {
    const c = ctx.cp.spooler.files(user.userid, q).length;
    return c === 0 ? ' NO' : String(c).padStart(3, '0');
  };
  ctx.say(cpResponse('filesSummary', n('RDR'), n('PRT'), n('PUN')));
}

export const spoolCommands: CommandRow<CommandContext>[] = [
  { name: 'SPOOL', minLength: 2, classes: G, handler: spool },
  { name: 'CLOSE', minLength: 1, classes: G, handler: close },
  { name: 'PURGE', minLength: 2, classes: G, handler: purge },
  { name: 'TRANSFER', minLength: 4, classes: G, handler: transfer },
  { name: 'ORDER', minLength: 3, classes: G, handler: order },
  { name: 'CHANGE', minLength: 2, classes: G, handler: change },
  { name: 'TAG', minLength: 3, classes: G, handler: tag },
];
