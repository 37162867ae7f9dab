// TRACE and ADSTOP (../shared/reference/cp.md section 3.7; cp/trace.ts does the tracing).

import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import type { TraceEvent } from '../trace.js';
import { hexValue, keyword } from './parse.js';

const EVENTS = [
  ['SVC', 3],
  ['I/O', 3],
  ['SIO', 3],
  ['PROGRAM', 3],
  ['PRIV', 4],
  ['BRANCH', 2],
  ['INSTRUCT', 4],
  ['ALL', 3],
  ['END', 3],
  ['RUN', 3],
  ['NORUN', 5],
  ['OFF', 3],
  ['TERMINAL', 4],
  ['PRINTER', 3],
  ['BOTH', 4],
] as const;

const ALL_EVENTS: readonly TraceEvent[] = ['INSTRUCT', 'BRANCH', 'SVC', 'PROGRAM', 'I/O', 'PRIV'];

export const traceCommands: CommandRow<CommandContext>[] = [
  {
    name: 'TRACE',
    minLength: 2,
    classes: ['G'],
    handler(ctx, operands) {
      const tracer = ctx.self.tracer;
      if (operands.length === 0) {
        ctx.error('operandMissing');
        return;
      }
      const chosen: TraceEvent[] = [];
      let off = false;
      let run: boolean | undefined;
      for (const operand of operands) {
        const word = keyword(operand, EVENTS);
        switch (word) {
          case undefined:
            ctx.error('invalidOperand', operand.toUpperCase());
            return;
          case 'END':
            tracer.end();
            return;
          case 'SIO':
            // VM/370's TRACE SIO: the start instructions; here all I/O instructions.
            chosen.push('I/O');
            break;
          case 'ALL':
            chosen.push(...ALL_EVENTS);
            break;
          case 'OFF':
            off = true;
            break;
          case 'RUN':
            run = true;
            break;
          case 'NORUN':
            run = false;
            break;
          case 'TERMINAL':
          case 'PRINTER':
          case 'BOTH':
            // Output always goes to the terminal here (no virtual printer output for traces).
            break;
          default:
            chosen.push(word as TraceEvent);
        }
      }
      for (const event of chosen) {
        if (off) tracer.events.delete(event);
        else tracer.events.add(event);
      }
      if (run !== undefined) tracer.runOn = run;
      tracer.update();
    },
  },
  {
    name: 'ADSTOP',
    minLength: 6,
    classes: ['G'],
    handler(ctx, operands) {
      const user = ctx.self;
      const word = operands[0]?.toUpperCase();
      if (word === 'OFF') {
        user.tracer.adstop = null;
        return;
      }
      const address = hexValue(word);
      if (address === undefined || (address & 1) !== 0 || address >= user.vm.storageSize) {
        ctx.error('invalidHexData', word ?? '');
        return;
      }
      user.tracer.adstop = address;
    },
  },
];
