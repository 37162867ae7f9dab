// MSG, WARNING, SMSG (../shared/reference/cp.md section 3.6). The receiver
// sees `hh:mm:ss MSG FROM sender  : text` with the alarm; a user who is not
// logged on gets DMK...045E, one who is disconnected or has SET MSG OFF
// (WNG OFF, SMSG OFF) gets "NOT RECEIVING" [~]. Before LOGON the sender is
// LOGNxxx, the terminal's address.

import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import { pad8 } from '../control-program.js';
import { cpResponse, type CpResponseKey } from '../messages.js';
import type { LoggedOnUser } from '../user.js';
import { restOfLine } from './parse.js';

type Kind = 'MSG' | 'WNG' | 'SMSG';

const RESPONSE: Readonly<Record<Kind, CpResponseKey>> = { MSG: 'msgFrom', WNG: 'wngFrom', SMSG: 'smsgFrom' };

function receiving(user: LoggedOnUser, kind: Kind): boolean {
  const s = user.settings;
  return kind === 'MSG' ? s.msg : kind === 'WNG' ? s.wng : s.smsg;
}

function send(ctx: CommandContext, kind: Kind, operands: readonly string[], raw: string): void {
  const target = operands[0]?.toUpperCase();
  if (!target) {
    ctx.error('useridMissing');
    return;
  }
  const text = restOfLine(raw, 2);
  const sender = ctx.user ? ctx.user.userid : `LOGN${ctx.terminal?.address ?? ''}`;
  const line = cpResponse(RESPONSE[kind], ctx.cp.time(), pad8(sender), text);
  const all = target === 'ALL';
  if (all) {
    const classes = ctx.user?.entry.classes;
    if (!classes || !(classes.has('A') || classes.has('B'))) {
      ctx.error('useridMissing');
      return;
    }
    for (const user of ctx.cp.users.values()) if (user.connected && receiving(user, kind)) user.priority(line);
    return;
  }
  const userid =
    target === '*' ? (ctx.user?.userid ?? '') : /^OP(ERATOR)?$/.test(target) || target === 'OPER' ? 'OPERATOR' : target;
  const user = ctx.cp.users.get(userid);
  if (!user) {
    ctx.error('notLoggedOn', userid);
    return;
  }
  if (!user.connected) {
    ctx.error('notReceiving', userid, 'DISCONNECTED');
    return;
  }
  if (!receiving(user, kind)) {
    ctx.error('notReceiving', userid, `${kind} OFF`);
    return;
  }
  user.priority(line);
}

export const messageCommands: CommandRow<CommandContext>[] = [
  {
    name: 'MESSAGE',
    minLength: 1,
    aliases: ['MSG'],
    classes: 'any',
    beforeLogon: true,
    handler: (ctx, operands, raw) => send(ctx, 'MSG', operands, raw),
  },
  {
    name: 'WARNING',
    minLength: 1,
    aliases: ['WNG'],
    classes: ['A', 'B'],
    handler: (ctx, operands, raw) => send(ctx, 'WNG', operands, raw),
  },
  {
    name: 'SMSG',
    minLength: 2,
    classes: ['G'],
    handler: (ctx, operands, raw) => send(ctx, 'SMSG', operands, raw),
  },
];
