// SET (../shared/reference/cp.md section 3.2): MSG, WNG, EMSG, IMSG, SMSG,
// RUN, ACNT, LINEDIT, ASSIST, PFnn; LOGMSG for class B. CP answers a good
// SET with silence. SET EXPLAIN ON|OFF is a vmcms teaching extension
// (cp/explain.ts), not a VM/370 operand.

import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import type { EmsgSetting } from '../messages.js';
import { explainerFor } from '../explain.js';
import { keyword, onOff, restOfLine } from './parse.js';

const OPERANDS = [
  ['MSG', 3],
  ['WNG', 3],
  ['EMSG', 4],
  ['IMSG', 4],
  ['SMSG', 4],
  ['RUN', 3],
  ['ACNT', 4],
  ['LINEDIT', 5],
  ['ASSIST', 6],
  ['LOGMSG', 6],
  ['LINEND', 5],
  ['EXPLAIN', 7],
] as const;

const MAX_LOGMSG_LINES = 10;

export const setCommands: CommandRow<CommandContext>[] = [
  {
    name: 'SET',
    minLength: 3,
    classes: ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
    handler(ctx, operands, raw) {
      const user = ctx.self;
      const s = user.settings;
      const word = operands[0];
      if (!word) {
        ctx.error('operandMissing');
        return;
      }
      const pf = /^PF(\d{1,2})$/i.exec(word);
      if (pf) {
        setPf(ctx, Number(pf[1]), operands.slice(1), restOfLine(raw, 2));
        return;
      }
      const what = keyword(word, OPERANDS);
      if (what === 'LOGMSG') {
        if (!user.entry.classes.has('B')) {
          ctx.error('unknownCommand', 'SET');
          return;
        }
        setLogmsg(ctx, restOfLine(raw, 2));
        return;
      }
      const value = operands[1]?.toUpperCase();
      if (what === 'LINEND') {
        // SET LINEND c|OFF: the same as TERMINAL LINEND.
        if (value === undefined || (value !== 'OFF' && operands[1].length !== 1)) {
          ctx.error('invalidOperand', value ?? '');
          return;
        }
        user.terminalSettings.linend = value === 'OFF' ? null : operands[1];
        return;
      }
      if (what === 'EMSG') {
        if (value !== 'ON' && value !== 'OFF' && value !== 'CODE' && value !== 'TEXT') {
          ctx.error('invalidOperand', value ?? '');
          return;
        }
        s.emsg = value as EmsgSetting;
        return;
      }
      const flag = onOff(value);
      if (what === undefined) {
        ctx.error('invalidOperand', word.toUpperCase());
        return;
      }
      if (flag === undefined) {
        ctx.error('invalidOperand', value ?? '');
        return;
      }
      switch (what) {
        case 'MSG':
          s.msg = flag;
          break;
        case 'WNG':
          s.wng = flag;
          break;
        case 'IMSG':
          s.imsg = flag;
          break;
        case 'SMSG':
          s.smsg = flag;
          break;
        case 'RUN':
          s.run = flag;
          if (flag && user.cpRead && user.vm.loaded) {
            user.stopped = false;
            ctx.cp.dispatcher.wake(user);
          }
          break;
        case 'ACNT':
          s.acnt = flag;
          break;
        case 'LINEDIT':
          s.linedit = flag;
          break;
        case 'ASSIST':
          user.vm.assist = flag;
          break;
        case 'EXPLAIN':
          user.interceptor.explainer = flag ? (user.interceptor.explainer ?? explainerFor(user)) : null;
          break;
      }
    },
  },
];

/** SET PFnn [IMMED|DELAYED] text; SET PFnn alone clears the key. */
function setPf(ctx: CommandContext, n: number, operands: readonly string[], text: string): void {
  if (n < 1 || n > 24) {
    ctx.error('invalidOperand', `PF${n}`);
    return;
  }
  const pf = ctx.self.settings.pf;
  if (operands.length === 0) {
    pf.delete(n);
    return;
  }
  const mode = operands[0].toUpperCase();
  const immediate = mode !== 'DELAYED';
  const body = mode === 'IMMED' || mode === 'DELAYED' ? restOfLine(text, 1) : text;
  pf.set(n, { immediate, text: body });
}

/** SET LOGMSG [n] text (class B): line n (1-10) or the next line; SET LOGMSG alone clears it. */
function setLogmsg(ctx: CommandContext, text: string): void {
  const cp = ctx.cp;
  cp.logmsgSetAt = cp.clock.now();
  if (text.trim() === '') {
    cp.logmsg = [];
    return;
  }
  const m = /^(\d{1,2})\s+(.*)$/.exec(text);
  if (m) {
    const n = Number(m[1]);
    if (n < 1 || n > MAX_LOGMSG_LINES) {
      ctx.error('invalidOperand', m[1]);
      return;
    }
    while (cp.logmsg.length < n) cp.logmsg.push('');
    cp.logmsg[n - 1] = m[2];
    return;
  }
  if (cp.logmsg.length < MAX_LOGMSG_LINES) cp.logmsg.push(text);
}
