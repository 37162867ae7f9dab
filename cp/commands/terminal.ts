// TERMINAL (../shared/reference/cp.md section 3.3): LINEND, LINEDEL,
// CHARDEL, ESCAPE (a character or OFF), LINESIZE, MODE VM|CP, ATTN, APL,
// TEXT, HILIGHT (ON|OFF), and MORE n1 n2 (seconds in MORE... before CP
// clears the screen: the first time, and for each further full screen).

import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import { keyword, onOff } from './parse.js';

const OPERANDS = [
  ['LINEND', 5],
  ['LINEDEL', 5],
  ['CHARDEL', 5],
  ['ESCAPE', 3],
  ['LINESIZE', 5],
  ['MODE', 4],
  ['ATTN', 4],
  ['APL', 3],
  ['TEXT', 4],
  ['HILIGHT', 4],
  ['MORE', 4],
] as const;

export const terminalCommands: CommandRow<CommandContext>[] = [
  {
    name: 'TERMINAL',
    minLength: 4,
    classes: ['G'],
    handler(ctx, operands) {
      const t = ctx.self.terminalSettings;
      if (operands.length === 0) {
        ctx.error('operandMissing');
        return;
      }
      for (let i = 0; i < operands.length; i += 2) {
        const what = keyword(operands[i], OPERANDS);
        const value = operands[i + 1];
        if (what === undefined) {
          ctx.error('invalidOperand', operands[i].toUpperCase());
          return;
        }
        if (value === undefined) {
          ctx.error('operandMissing');
          return;
        }
        const upper = value.toUpperCase();
        const char = upper === 'OFF' ? null : value.length === 1 ? value : undefined;
        switch (what) {
          case 'LINEND':
          case 'LINEDEL':
          case 'CHARDEL':
          case 'ESCAPE':
            if (char === undefined) {
              ctx.error('invalidOperand', upper);
              return;
            }
            if (what === 'LINEND') t.linend = char;
            else if (what === 'LINEDEL') t.linedel = char;
            else if (what === 'CHARDEL') t.chardel = char;
            else t.escape = char;
            break;
          case 'LINESIZE': {
            const n = Number(value);
            if (!Number.isInteger(n) || n < 1 || n > 255) {
              ctx.error('invalidOperand', upper);
              return;
            }
            t.linesize = n;
            break;
          }
          case 'MODE':
            if (upper !== 'VM' && upper !== 'CP') {
              ctx.error('invalidOperand', upper);
              return;
            }
            t.mode = upper;
            break;
          case 'MORE': {
            const first = Number(value);
            const next = Number(operands[i + 2] ?? value);
            if (![first, next].every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) {
              ctx.error('invalidOperand', upper);
              return;
            }
            t.moreFirst = first;
            t.moreNext = next;
            const console = ctx.self.terminal?.console;
            if (console) {
              console.more.first = first;
              console.more.next = next;
            }
            i++;
            break;
          }
          default: {
            const flag = onOff(value);
            if (flag === undefined) {
              ctx.error('invalidOperand', upper);
              return;
            }
            if (what === 'ATTN') t.attn = flag;
            else if (what === 'APL') t.apl = flag;
            else if (what === 'TEXT') t.text = flag;
            else t.hilight = flag;
          }
        }
      }
    },
  },
];
