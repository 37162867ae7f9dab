// INDICATE (../shared/reference/cp.md section 6). LOAD: `CPU-nnn% APU-nnn%
// Q1-nn Q2-nn STORAGE-nnn% RATIO-nn.n` [doc contents; figures are vmcms's:
// CPU is the smoothed share of time the dispatcher spent running virtual
// machines, STORAGE the logged-on machines' storage against the host's
// free memory, RATIO 1.0 as nobody waits on an eligible list]. USER: the
// issuer's resource use, with the privileged-instruction counts that SET
// ASSIST changes [layout ~].

import * as os from 'node:os';
import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import { formatCpuTime } from '../timestamp.js';
import { keyword } from './parse.js';

const n6 = (n: number): string => String(Math.min(n, 999999)).padStart(6, '0');

export const indicateCommands: CommandRow<CommandContext>[] = [
  {
    name: 'INDICATE',
    minLength: 3,
    classes: ['E', 'G'],
    handler(ctx, operands) {
      const what =
        operands.length === 0
          ? 'LOAD'
          : keyword(operands[0], [
              ['LOAD', 1],
              ['USER', 1],
            ]);
      const cp = ctx.cp;
      if (what === 'LOAD') {
        const { q1, q2 } = cp.dispatcher.queueCounts();
        const cpu = Math.round(cp.dispatcher.busyShare * 100);
        let storage = 0;
        for (const u of cp.users.values()) storage += u.vm.storageSize;
        const storagePct = Math.min(100, Math.round((storage / Math.max(os.totalmem(), 1)) * 100));
        const p3 = (n: number): string => String(n).padStart(3, '0');
        const p2 = (n: number): string => String(n).padStart(2, '0');
        ctx.say(`CPU-${p3(cpu)}% APU-000% Q1-${p2(q1)} Q2-${p2(q2)} STORAGE-${p3(storagePct)}% RATIO-1.0`);
        return;
      }
      if (what === 'USER') {
        const user = ctx.self;
        const c = user.vm.counters;
        ctx.say(
          `USERID=${user.userid.padEnd(8)} MACH=${user.vm.arch} STOR=${String(user.vm.storageSize / 1024).padStart(5, '0')}K Q${user.queue}`,
        );
        ctx.say(
          `VTIME=${formatCpuTime(c.virtualCpuUs)} TTIME=${formatCpuTime(c.virtualCpuUs + c.cpUs)} SIO=${n6(c.startIo)} DIAG=${n6(c.diagnose)}`,
        );
        ctx.say(`RDR=${n6(c.cardsRead)} PRT=${n6(c.linesPrinted)} PCH=${n6(c.cardsPunched)}`);
        ctx.say(
          `ASSIST ${user.vm.assist ? 'ON ' : 'OFF'} PRIVOPS SIMULATED=${n6(c.trapCount)} ASSISTED=${n6(c.assisted)}`,
        );
        return;
      }
      ctx.error('invalidOperand', (operands[0] ?? '').toUpperCase());
    },
  },
];
