// LOGON/LOGIN, LOGOFF/LOGOUT, DISCONN, BEGIN, SLEEP: the session's own
// commands (../shared/reference/cp.md sections 1.2-1.4, 3).

import type { CommandRow } from '../command-table.js';
import type { CommandContext } from '../command-context.js';
import { cpResponse } from '../messages.js';
import { hexValue } from './parse.js';

const SLEEP_UNITS: Readonly<Record<string, number>> = { SEC: 1000, MIN: 60_000, HR: 3_600_000 };

export const sessionCommands: CommandRow<CommandContext>[] = [
  {
    // Before LOGON in the table: `LOG` is LOGOFF, `L` is LOGON (DMKCFC's order).
    name: 'LOGOFF',
    minLength: 3,
    aliases: ['LOGOUT'],
    classes: 'any',
    beforeLogon: true,
    handler(ctx) {
      if (!ctx.user) {
        ctx.say(cpResponse('logoffAt', ctx.cp.timestamp()));
        return;
      }
      ctx.cp.logoff(ctx.user, { reason: 'user' });
    },
  },
  {
    name: 'LOGON',
    minLength: 1,
    aliases: ['LOGIN'],
    classes: 'any',
    beforeLogon: true,
    handler(ctx, operands) {
      const terminal = ctx.terminal;
      if (ctx.user || !terminal) {
        ctx.error('alreadyLoggedOn');
        return;
      }
      const userid = operands[0]?.toUpperCase();
      if (!userid || userid.length > 8) {
        ctx.error('useridMissing');
        return;
      }
      const rest = operands.slice(1);
      const noipl = rest.some((o) => o.toUpperCase() === 'NOIPL');
      const password = rest.find((o) => !['NOIPL', 'MASK'].includes(o.toUpperCase()));
      ctx.cp.logon(terminal, userid, password, noipl);
    },
  },
  {
    name: 'DISCONN',
    minLength: 4,
    classes: 'any',
    handler(ctx) {
      ctx.cp.disconnect(ctx.self);
    },
  },
  {
    name: 'BEGIN',
    minLength: 1,
    classes: ['G'],
    handler(ctx, operands) {
      const user = ctx.self;
      if (!user.vm.loaded) {
        ctx.error('notRunnable');
        return;
      }
      if (operands.length > 0) {
        const address = hexValue(operands[0]);
        if (address === undefined || address >= user.vm.storageSize) {
          ctx.error('invalidHexData', operands[0].toUpperCase());
          return;
        }
        user.vm.cpu.psw.address = address;
      }
      user.begin();
    },
  },
  {
    name: 'SLEEP',
    minLength: 2,
    classes: 'any',
    handler(ctx, operands) {
      const user = ctx.self;
      let ms = Infinity;
      if (operands.length > 0) {
        const n = Number(operands[0]);
        const unit = (operands[1] ?? 'SEC').toUpperCase();
        const factor = Object.entries(SLEEP_UNITS).find(([u]) => u.startsWith(unit) && unit.length >= 1)?.[1];
        if (!Number.isInteger(n) || n < 0 || factor === undefined) {
          ctx.error('invalidOperand', operands.join(' ').toUpperCase());
          return;
        }
        ms = n * factor;
      }
      user.sleep(ms);
    },
  },
];
