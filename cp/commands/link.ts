// LINK, DETACH, DEFINE T-disks, and the QUERY DASD / LINKS responses
// (VM/370 R6 CP Command Reference for General Users, GC20-1820; cp.md 4.2
// and 4.3). The checks and messages of LINK are cp/dasd.ts's, shared with
// logon.

import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import { LINK_MODES, formatVaddr, parseVaddr, type LinkMode } from '../directory.js';
import { defineTemporary, linkMinidisk, releaseDasd, type LinkRequest } from '../dasd.js';
import { cpResponse } from '../messages.js';
import type { LoggedOnUser } from '../user.js';
import type { VirtualDevice } from '../virtual-machine.js';

const G: CommandRow<CommandContext>['classes'] = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

/** Without ECMODE a virtual address is at most X'5FF' (cp.md 4.3). */
function vaddrLimit(user: LoggedOnUser): number {
  return user.entry.options.has('ECMODE') || user.vm.arch === '390' ? 0xfff : 0x5ff;
}

// LINK [TO] userid vaddr1 [AS] vaddr2 [mode] [[PASS=] password]
function link(ctx: CommandContext, operands: readonly string[]): void {
  const user = ctx.self;
  let ops = operands.map((o) => o.toUpperCase());
  if (ops[0] === 'TO') ops = ops.slice(1);
  const owner = ops[0] === '*' ? user.userid : ops[0];
  if (!owner) {
    ctx.error('useridMissing');
    return;
  }
  ops = ops.slice(1);
  const diskVaddr = parseVaddr(ops[0] ?? '');
  if (ops[1] === 'AS') ops.splice(1, 1);
  const asVaddr = parseVaddr(ops[1] ?? '');
  if (diskVaddr === undefined || asVaddr === undefined || asVaddr > vaddrLimit(user)) {
    ctx.error('vaddrMissing');
    return;
  }
  let rest = ops.slice(2);
  let mode: LinkMode | undefined;
  if (rest[0] && (LINK_MODES as readonly string[]).includes(rest[0].replace(/V$/, ''))) {
    mode = rest[0].replace(/V$/, '') as LinkMode;
    rest = rest.slice(1);
  }
  if (rest[0] === 'PASS=') rest = rest.slice(1);
  else if (rest[0]?.startsWith('PASS=')) rest[0] = rest[0].slice(5);
  if (rest.length > 1) {
    ctx.error('invalidOperand', rest[1]);
    return;
  }
  const password = rest[0];
  const own = owner === user.userid;
  const ownDef = ctx.cp.directory.entries.get(owner)?.minidisks.find((d) => d.vaddr === diskVaddr);
  const request: LinkRequest = {
    owner,
    diskVaddr,
    asVaddr,
    // Your own disk defaults to its directory mode, another user's to R.
    mode: mode ?? (own && ownDef ? ownDef.mode : 'R'),
    password,
    fromDirectory: false,
  };
  runLink(ctx, user, request);
}

function runLink(ctx: CommandContext, user: LoggedOnUser, request: LinkRequest): void {
  const result = linkMinidisk(ctx.cp, user.userid, user.vm, request, (key, ...args) => ctx.error(key, ...args));
  if (result.kind !== 'password') return;
  // No password on the line: CP asks for it in a non-display field, if a person is there to answer.
  const console = user.terminal?.console;
  if (!console || user.capture) {
    ctx.error('notLinkedPasswordIncorrect', request.owner, formatVaddr(request.diskVaddr));
    return;
  }
  user.say(cpResponse('enterLinkPassword', result.which));
  user.passwordPrompt = (password) => {
    const retry = linkMinidisk(ctx.cp, user.userid, user.vm, { ...request, password }, (key, ...args) =>
      user.error(key, ...args),
    );
    if (retry.kind === 'password')
      user.error('notLinkedPasswordIncorrect', request.owner, formatVaddr(request.diskVaddr));
  };
  console.setRead('CP READ', true);
}

// DETACH vaddr [vaddr...]
function detach(ctx: CommandContext, operands: readonly string[]): void {
  const user = ctx.self;
  if (operands.length === 0) {
    ctx.error('vaddrMissing');
    return;
  }
  for (const op of operands) {
    const vaddr = parseVaddr(op);
    if (vaddr === undefined) {
      ctx.error('vaddrMissing');
      return;
    }
    const dev = user.vm.devices.get(vaddr);
    if (!dev || vaddr === user.vm.consoleAddress) {
      ctx.error('dasdNotDetached', formatVaddr(vaddr));
      continue;
    }
    if (dev.dasd) {
      releaseDasd(ctx.cp, user.userid, user.vm, vaddr);
      ctx.info(cpResponse('dasdDetached', formatVaddr(vaddr)));
      continue;
    }
    if (dev.output) ctx.cp.spooler.closeOutput(dev.output, { owner: user.userid, originator: user.userid });
    if (dev.reader?.open) dev.reader.closeFile(true);
    user.vm.detach(vaddr);
    ctx.info(cpResponse('deviceDetached', dev.deviceClass, formatVaddr(vaddr)));
  }
}

/** DEFINE T3370|T3310|T9336 [AS] vaddr [BLK] blocks: a temporary disk (called from DEFINE in machine.ts). */
export function defineTemporaryDisk(ctx: CommandContext, operands: readonly string[]): void {
  const user = ctx.self;
  const devtype = operands[0].toUpperCase().slice(1);
  let ops = operands.slice(1).map((o) => o.toUpperCase());
  if (ops[0] === 'AS') ops = ops.slice(1);
  const vaddr = parseVaddr(ops[0] ?? '');
  if (vaddr === undefined || vaddr > vaddrLimit(user)) {
    ctx.error('vaddrMissing');
    return;
  }
  ops = ops.slice(1);
  if (ops[0] === 'BLK' || ops[0] === 'BLKS' || ops[0] === 'CYL') ops = ops.slice(1);
  const blocks = Number(ops[0]);
  // A T-disk lives in memory: at most 64 MB of blocks.
  if (!Number.isInteger(blocks) || blocks < 1 || blocks > 131_072) {
    ctx.error('invalidOperand', ops[0] ?? '');
    return;
  }
  if (user.vm.devices.has(vaddr)) {
    ctx.error('deviceAlreadyDefined', formatVaddr(vaddr));
    return;
  }
  const def = {
    vaddr,
    devtype,
    start: -1,
    count: blocks,
    volser: '',
    mode: 'W' as const,
    temporary: true,
    line: 0,
  };
  if (defineTemporary(user.vm, user.userid, def, vaddr, (key, ...args) => ctx.error(key, ...args)))
    ctx.info(cpResponse('dasdDefined', formatVaddr(vaddr)));
}

/** `DASD 191 3370 VMPK01 R/W   4000 BLK` for QUERY DASD and QUERY VIRTUAL. */
export function dasdLine(dev: VirtualDevice): string {
  const d = dev.dasd!;
  return `DASD ${formatVaddr(dev.vaddr)} ${d.minidisk.devtype} ${d.minidisk.volser.padEnd(6)} ${d.readOnly ? 'R/O' : 'R/W'} ${String(d.minidisk.blockCount).padStart(6)} BLK`;
}

/** QUERY DASD: the virtual machine's minidisks. */
export function queryDasd(ctx: CommandContext): void {
  const disks = [...ctx.self.vm.devices.values()].filter((d) => d.dasd).sort((a, b) => a.vaddr - b.vaddr);
  if (disks.length === 0) ctx.say('NO DASD');
  for (const d of disks) ctx.say(dasdLine(d));
}

/** QUERY LINKS [vaddr]: who is linked to your own minidisks, and how. */
export function queryLinks(ctx: CommandContext, operands: readonly string[]): void {
  const user = ctx.self;
  const entry = ctx.cp.directory.entries.get(user.userid);
  const only = operands[0] === undefined ? undefined : parseVaddr(operands[0]);
  if (operands[0] !== undefined && only === undefined) {
    ctx.error('vaddrMissing');
    return;
  }
  const disks = (entry?.minidisks ?? []).filter((d) => !d.temporary && (only === undefined || d.vaddr === only));
  if (only !== undefined && disks.length === 0) {
    ctx.error('dasdNotDetached', formatVaddr(only));
    return;
  }
  for (const def of disks) {
    const links = ctx.cp.links.linksTo(user.userid, def.vaddr);
    const text = links.length
      ? links.map((l) => `${l.userid.padEnd(8)} ${formatVaddr(l.vaddr)} ${l.write ? 'R/W' : 'R/O'}`).join(', ')
      : 'NO LINKS';
    ctx.say(`DASD ${formatVaddr(def.vaddr)} ${text}`);
  }
}

export const linkCommands: CommandRow<CommandContext>[] = [
  { name: 'LINK', minLength: 4, classes: G, handler: link },
  { name: 'DETACH', minLength: 3, classes: G, handler: detach },
];
