// QUERY (../shared/reference/cp.md section 3.1): NAMES, USERS, TIME,
// VIRTUAL, STORAGE, LOGMSG, SET, ASSIST, TERMINAL, CPLEVEL, TRACE, and
// QUERY userid. Response layouts marked [~] in cp.md are reproduced here and
// nowhere else.

import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import { pad8 } from '../control-program.js';
import { formatVaddr } from '../directory.js';
import { cpResponse } from '../messages.js';
import { formatTimestamp } from '../timestamp.js';
import type { LoggedOnUser } from '../user.js';
import { VERSION_LEVEL } from '../version.js';
import { keyword } from './parse.js';
import { dasdLine, queryDasd, queryLinks } from './link.js';
import { queryFiles, queryQueue } from './spool.js';

const OPERANDS = [
  ['NAMES', 1],
  ['USERS', 1],
  ['TIME', 1],
  ['VIRTUAL', 1],
  ['STORAGE', 4],
  ['LOGMSG', 3],
  ['SET', 1],
  ['ASSIST', 6],
  ['TERMINAL', 4],
  ['CPLEVEL', 7],
  ['TRACE', 2],
  ['READER', 1],
  ['RDR', 3],
  ['PUNCH', 2],
  ['PUN', 3],
  ['PRINTER', 2],
  ['PRT', 3],
  ['FILES', 1],
  ['DASD', 2],
  ['LINKS', 4],
] as const;

/** `OPERATOR - DSC , MAINT    - 0C1`: entries of Q NAMES, four to a line [~]. */
export function namesLines(users: Iterable<LoggedOnUser>): string[] {
  const entries = [...users]
    .sort((a, b) => a.userid.localeCompare(b.userid))
    .map((u) => `${pad8(u.userid)} - ${u.realAddress}`);
  const lines: string[] = [];
  for (let i = 0; i < entries.length; i += 4) lines.push(entries.slice(i, i + 4).join(' , '));
  return lines;
}

function storageText(bytes: number): string {
  return `${String(Math.floor(bytes / 1024)).padStart(5, '0')}K`;
}

const onOff = (b: boolean): string => (b ? 'ON ' : 'OFF');

export function setLines(user: LoggedOnUser): string[] {
  const s = user.settings;
  return [
    `MSG ${onOff(s.msg)}, WNG ${onOff(s.wng)}, EMSG ${s.emsg.padEnd(4)}, ACNT ${onOff(s.acnt)}, RUN ${onOff(s.run)}`,
    `IMSG ${onOff(s.imsg)}, SMSG ${onOff(s.smsg)}, LINEDIT ${onOff(s.linedit)}, ASSIST ${onOff(user.vm.assist)}`,
    // SET EXPLAIN is a vmcms teaching extension (cp/explain.ts): shown, and marked, only while on.
    ...(user.interceptor.explainer ? ['EXPLAIN ON  (vmcms teaching extension)'] : []),
  ];
}

/** QUERY ASSIST (vmcms): the assist setting and the trap counts behind it. */
export function assistLines(user: LoggedOnUser): string[] {
  const c = user.vm.counters;
  const top = [...c.simulated.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([m, n]) => `${m} ${n}`)
    .join(', ');
  return [
    `ASSIST ${user.vm.assist ? 'ON' : 'OFF'}: PRIVOPS SIMULATED ${c.trapCount}, ASSISTED ${c.assisted}`,
    ...(top ? [`SIMULATED: ${top}`] : []),
  ];
}

function terminalLines(user: LoggedOnUser): string[] {
  const t = user.terminalSettings;
  const ch = (c: string | null): string => c ?? 'OFF';
  return [
    `LINEND ${ch(t.linend)} , LINEDEL ${ch(t.linedel)} , CHARDEL ${ch(t.chardel)} , ESCAPE ${ch(t.escape)} , TABCHAR ON`,
    `LINESIZE ${String(t.linesize).padStart(3, '0')}, ATTN ${onOff(t.attn).trim()}, APL ${onOff(t.apl).trim()}, TEXT ${onOff(t.text).trim()}, MODE ${t.mode}, HILIGHT ${onOff(t.hilight).trim()}`,
    `MORE ${String(t.moreFirst).padStart(3, '0')} ${String(t.moreNext).padStart(3, '0')}`,
  ];
}

function virtualLines(user: LoggedOnUser): string[] {
  const vm = user.vm;
  const lines = [cpResponse('storageIs', storageText(vm.storageSize))];
  for (const dev of [...vm.devices.values()].sort((a, b) => a.vaddr - b.vaddr)) {
    const addr = formatVaddr(dev.vaddr);
    switch (dev.deviceClass) {
      case 'CONS':
        lines.push(user.connected ? `CONS ${addr} ON GRAF ${user.realAddress}` : `CONS ${addr} ON DSC`);
        break;
      case 'RDR': {
        const o = dev.reader?.options;
        lines.push(
          `RDR  ${addr} CL ${dev.spoolClass} ${o?.cont ? 'CONT' : 'NOCONT'} ${o?.hold ? 'HOLD' : 'NOHOLD'} ${o?.eof === false ? 'NOEOF' : 'EOF'}`,
        );
        break;
      }
      case 'PUN':
      case 'PRT': {
        const o = dev.output?.options;
        lines.push(
          `${dev.deviceClass.padEnd(4)} ${addr} CL ${dev.spoolClass} ${o?.cont ? 'CONT' : 'NOCONT'} ${o?.hold ? 'HOLD' : 'NOHOLD'} COPY ${String(o?.copies ?? 1).padStart(2, '0')}${o?.to ? ` TO ${o.to}` : ''}`,
        );
        break;
      }
      case 'DASD':
        lines.push(dev.dasd ? dasdLine(dev) : `DASD ${addr} ${dev.devtype}`);
        break;
    }
  }
  return lines;
}

function traceLines(user: LoggedOnUser): string[] {
  const t = user.tracer;
  const lines: string[] = [];
  if (t.events.size > 0) lines.push(`TRACE ${[...t.events].join(' ')} ${t.runOn ? 'RUN' : 'NORUN'}`);
  if (t.adstop !== null) lines.push(`ADSTOP ${t.adstop.toString(16).toUpperCase().padStart(6, '0')}`);
  return lines.length > 0 ? lines : [cpResponse('noTrace')];
}

function queryUser(ctx: CommandContext, userid: string): void {
  const user = ctx.cp.users.get(userid);
  if (!user) ctx.error('notLoggedOn', userid);
  else ctx.say(`${pad8(user.userid)} - ${user.realAddress}`);
}

export const queryCommands: CommandRow<CommandContext>[] = [
  {
    name: 'QUERY',
    minLength: 1,
    classes: ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
    handler(ctx, operands) {
      const user = ctx.self;
      const cp = ctx.cp;
      if (operands.length === 0) {
        ctx.error('operandMissing');
        return;
      }
      const what = keyword(operands[0], OPERANDS);
      switch (what) {
        case 'NAMES':
          for (const line of namesLines(cp.users.values())) ctx.say(line);
          return;
        case 'USERS': {
          if (operands[1]) {
            queryUser(ctx, operands[1].toUpperCase());
            return;
          }
          const users = [...cp.users.values()];
          const dsc = users.filter((u) => !u.connected).length;
          ctx.say(cpResponse('usersCount', String(users.length).padStart(3, '0'), String(dsc).padStart(3, '0')));
          return;
        }
        case 'TIME':
          ctx.say(cpResponse('timeIs', cp.timestamp()));
          ctx.say(user.accountingLine());
          return;
        case 'VIRTUAL':
          for (const line of virtualLines(user)) ctx.say(line);
          return;
        case 'STORAGE':
          ctx.say(cpResponse('storageIs', storageText(user.vm.storageSize)));
          return;
        case 'LOGMSG':
          if (cp.logmsg.length === 0) {
            ctx.say(cpResponse('noLogmsg'));
            return;
          }
          ctx.say(cpResponse('logmsgHeader', formatTimestamp(new Date(cp.logmsgSetAt), cp.timeZone)));
          for (const line of cp.logmsg) ctx.say(`* ${line}`);
          return;
        case 'SET':
          for (const line of setLines(user)) ctx.say(line);
          return;
        case 'ASSIST':
          for (const line of assistLines(user)) ctx.say(line);
          return;
        case 'TERMINAL':
          for (const line of terminalLines(user)) ctx.say(line);
          return;
        case 'CPLEVEL':
          ctx.say(cpResponse('cpLevel', VERSION_LEVEL));
          return;
        case 'TRACE':
          for (const line of traceLines(user)) ctx.say(line);
          return;
        case 'READER':
        case 'RDR':
          queryQueue(ctx, 'RDR', operands.slice(1));
          return;
        case 'PUNCH':
        case 'PUN':
          queryQueue(ctx, 'PUN', operands.slice(1));
          return;
        case 'PRINTER':
        case 'PRT':
          queryQueue(ctx, 'PRT', operands.slice(1));
          return;
        case 'FILES':
          queryFiles(ctx);
          return;
        case 'DASD':
          queryDasd(ctx);
          return;
        case 'LINKS':
          queryLinks(ctx, operands.slice(1));
          return;
        default: {
          const userid = operands[0].toUpperCase();
          // QUERY userid: any word that is not an operand and could be a userid.
          if (/^[A-Z0-9$#@]{1,8}$/.test(userid)) queryUser(ctx, userid);
          else ctx.error('invalidOperand', userid);
        }
      }
    },
  },
];
