// The operator's commands: FORCE, SHUTDOWN, AUTOLOG, ACNT (class A; AUTOLOG
// also B). ../shared/reference/cp.md sections 1.4 and 3.

import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import { cpResponse } from '../messages.js';
import { passwordMatches } from '../password.js';

export const operatorCommands: CommandRow<CommandContext>[] = [
  {
    name: 'FORCE',
    minLength: 5,
    classes: ['A'],
    handler(ctx, operands) {
      const userid = operands[0]?.toUpperCase();
      if (!userid) {
        ctx.error('useridMissing');
        return;
      }
      const user = ctx.cp.users.get(userid);
      if (!user) {
        ctx.error('notLoggedOn', userid);
        return;
      }
      ctx.cp.logoff(user, { reason: 'forced' });
    },
  },
  {
    name: 'SHUTDOWN',
    minLength: 8,
    classes: ['A'],
    handler(ctx) {
      ctx.cp.shutdown(ctx.self.userid);
    },
  },
  {
    name: 'AUTOLOG',
    minLength: 6,
    classes: ['A', 'B'],
    handler(ctx, operands) {
      const userid = operands[0]?.toUpperCase();
      const entry = userid ? ctx.cp.directory.entries.get(userid) : undefined;
      if (!userid || !entry) {
        ctx.error('notInDirectory', userid ?? '');
        return;
      }
      if (!operands[1] || !passwordMatches(entry.password, operands[1])) {
        ctx.error('passwordIncorrect');
        return;
      }
      if (ctx.cp.users.has(userid)) {
        ctx.error('alreadyLoggedOn');
        return;
      }
      ctx.cp.autolog(entry, ctx.self.userid);
      ctx.info(cpResponse('commandComplete'));
    },
  },
  {
    name: 'ACNT',
    minLength: 4,
    classes: ['A'],
    handler(ctx, operands) {
      const target = operands[0]?.toUpperCase();
      if (!target) {
        ctx.error('useridMissing');
        return;
      }
      const users = target === 'ALL' ? [...ctx.cp.users.values()] : [ctx.cp.users.get(target)];
      for (const [i, user] of users.entries()) {
        if (!user) {
          ctx.error('notLoggedOn', operands[i] ?? target);
          return;
        }
        if (user.settings.acnt) user.say(user.accountingLine());
        ctx.cp.recordAccounting(user);
        user.vm.counters.resetCpu();
        user.logonAt = ctx.cp.clock.now();
      }
    },
  },
];
