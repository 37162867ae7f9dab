// The virtual machine's operator controls: IPL, SYSTEM, EXTERNAL, REQUEST,
// DEFINE STORAGE, DISPLAY, STORE (../shared/reference/cp.md sections 3.4, 3.5). DISPLAY and
// STORE layouts are [~]: four words a line after the address, T adds the
// EBCDIC translation between asterisks, I disassembles.

import { defineTemporaryDisk } from './link.js';
import { disassemble } from '../../s390/asm/disasm.js';
import { ebcdicToChar } from '../../s390/ebcdic.js';
import type { CommandContext } from '../command-context.js';
import type { CommandRow } from '../command-table.js';
import { parseStorageSize } from '../directory.js';
import { cpResponse } from '../messages.js';
import type { LoggedOnUser } from '../user.js';
import { hex, hexValue, keyword, restOfLine } from './parse.js';

/** DISPLAY shows at most this many bytes per request (a full screen is 22 lines of 16). */
const MAX_DISPLAY = 4096;
const DEFAULT_INSTRUCTIONS = 8;

export const machineCommands: CommandRow<CommandContext>[] = [
  {
    name: 'IPL',
    minLength: 1,
    classes: ['G'],
    handler(ctx, operands, raw) {
      const user = ctx.self;
      const target = operands[0];
      if (!target) {
        ctx.error('operandMissing');
        return;
      }
      let clear = false;
      let stop = false;
      let parm = '';
      for (let i = 1; i < operands.length; i++) {
        const word = operands[i].toUpperCase();
        if (word === 'CLEAR') clear = true;
        else if (word === 'STOP') stop = true;
        else if (word === 'PARM') {
          parm = restOfLine(raw, i + 2).slice(0, 64);
          break;
        } else {
          ctx.error('invalidOption', word);
          return;
        }
      }
      if (!ctx.cp.ipl(user, target, { clear, stop, parm })) ctx.rc ||= user.lastRc;
    },
  },
  {
    name: 'SYSTEM',
    minLength: 3,
    classes: ['G'],
    handler(ctx, operands) {
      const user = ctx.self;
      const what = keyword(operands[0], [
        ['CLEAR', 5],
        ['RESET', 5],
        ['RESTART', 7],
      ]);
      switch (what) {
        case 'CLEAR':
        case 'RESET':
          user.vm.systemReset(what === 'CLEAR');
          // A reset machine keeps nothing runnable: CP READ until the next IPL.
          user.cpRead = true;
          user.stopped = true;
          user.updateStatus();
          ctx.info(cpResponse(what === 'CLEAR' ? 'storageCleared' : 'systemReset'));
          return;
        case 'RESTART':
          if (!user.vm.loaded) {
            ctx.error('notRunnable');
            return;
          }
          user.vm.cpu.restart();
          user.begin();
          return;
        default:
          ctx.error('invalidOperand', (operands[0] ?? '').toUpperCase());
      }
    },
  },
  {
    // EXTERNAL: the console interrupt key, external interruption X'0040' (cp.md 3); the machine resumes.
    name: 'EXTERNAL',
    minLength: 3,
    classes: ['G'],
    handler(ctx, operands) {
      const user = ctx.self;
      if (operands.length > 0 && operands[0] !== '40' && operands[0] !== '0040') {
        ctx.error('invalidOperand', operands[0].toUpperCase());
        return;
      }
      if (!user.vm.loaded) {
        ctx.error('notRunnable');
        return;
      }
      user.vm.cpu.pressInterruptKey();
      user.vm.interruptionPosted = true;
      user.begin();
    },
  },
  {
    // REQUEST: the REQUEST key of the virtual console, attention from the 3215; the machine resumes.
    name: 'REQUEST',
    minLength: 3,
    classes: ['G'],
    handler(ctx) {
      const user = ctx.self;
      if (!user.vm.loaded) {
        ctx.error('notRunnable');
        return;
      }
      user.vm.console.request();
      user.begin();
    },
  },
  {
    name: 'DEFINE',
    minLength: 3,
    classes: ['G'],
    handler(ctx, operands) {
      const user = ctx.self;
      if (/^T(3370|3310|9336)$/i.test(operands[0] ?? '')) {
        defineTemporaryDisk(ctx, operands);
        return;
      }
      if (keyword(operands[0], [['STORAGE', 4]]) !== 'STORAGE') {
        ctx.error('invalidOperand', (operands[0] ?? '').toUpperCase());
        return;
      }
      const size = parseStorageSize(operands[1] ?? '');
      if (size === undefined || size < 64 * 1024 || size % 4096 !== 0) {
        ctx.error('invalidOperand', (operands[1] ?? '').toUpperCase());
        return;
      }
      if (size > user.entry.maxStorage) {
        ctx.error('storageExceedsMaximum');
        return;
      }
      user.vm.defineStorage(size);
      user.cpRead = true;
      user.stopped = true;
      user.updateStatus();
      ctx.info(cpResponse('storageDefined', `${String(size / 1024).padStart(5, '0')}K`));
    },
  },
  {
    name: 'DISPLAY',
    minLength: 1,
    classes: ['G'],
    handler(ctx, operands) {
      if (operands.length === 0) {
        ctx.error('operandMissing');
        return;
      }
      for (const operand of operands) if (!display(ctx, ctx.self, operand.toUpperCase())) return;
    },
  },
  {
    name: 'STORE',
    minLength: 2,
    classes: ['G'],
    handler(ctx, operands) {
      store(
        ctx,
        ctx.self,
        operands.map((o) => o.toUpperCase()),
      );
    },
  },
];

function display(ctx: CommandContext, user: LoggedOnUser, operand: string): boolean {
  const cpu = user.vm.cpu;
  if (operand === 'PSW') {
    const [w0, w1] = cpu.psw.encode(cpu.arch);
    ctx.say(`PSW = ${hex(w0, 8)} ${hex(w1, 8)}`);
    return true;
  }
  if (operand === 'CAW') {
    ctx.say(`CAW = ${hex(cpu.storage.readU32(0x48), 8)}`);
    return true;
  }
  if (operand === 'CSW') {
    ctx.say(`CSW = ${hex(cpu.storage.readU32(0x40), 8)} ${hex(cpu.storage.readU32(0x44), 8)}`);
    return true;
  }
  const reg = /^([GXY])(?:([0-9A-F]{1,2})(?:-([0-9A-F]{1,2}))?)?$/.exec(operand);
  if (reg) return displayRegisters(ctx, user, reg[1], reg[2], reg[3]);
  const range = parseRange(operand.replace(/^[LTKI]/, ''), user.vm.storageSize);
  if (!range) {
    ctx.error('invalidHexData', operand);
    return false;
  }
  if (range.start >= user.vm.storageSize) {
    ctx.error('addressExceedsStorage', hex(range.start, 6));
    return false;
  }
  const kind = /^[LTKI]/.test(operand) ? operand[0] : 'L';
  if (kind === 'I') {
    let address = range.start & ~1;
    const end = range.explicitEnd ? range.end : Number.MAX_SAFE_INTEGER;
    for (
      let n = 0;
      n < (range.explicitEnd ? 512 : DEFAULT_INSTRUCTIONS) && address <= end && address + 2 <= cpu.storage.size;
      n++
    ) {
      const bytes = cpu.storage.bytes.subarray(address, Math.min(address + 6, cpu.storage.size));
      const d = disassemble(bytes, address, cpu.arch);
      const hexBytes = [...bytes.subarray(0, d.length)].map((b) => hex(b, 2)).join('');
      ctx.say(`${hex(address, 6)}  ${hexBytes.padEnd(12)}  ${d.text}`);
      address += d.length;
    }
    return true;
  }
  if (kind === 'K') {
    const block = cpu.storage.blockSize;
    for (let a = range.start - (range.start % block); a <= range.end; a += block) {
      ctx.say(`${hex(a, 6)}  KEY = ${hex(cpu.storage.keyOf(a), 2)}`);
    }
    return true;
  }
  const start = range.start & ~3;
  const end = Math.min(range.end, start + MAX_DISPLAY - 1, user.vm.storageSize - 1);
  for (let line = start & ~15; line <= end; line += 16) {
    const words: string[] = [];
    let text = '';
    for (let w = 0; w < 4; w++) {
      const a = line + w * 4;
      if (a < start || a > end) {
        words.push('        ');
        text += '    ';
        continue;
      }
      words.push(hex(cpu.storage.readU32(a), 8));
      for (let b = 0; b < 4; b++) text += printable(cpu.storage.bytes[a + b]);
    }
    ctx.say(`${hex(line, 6)}  ${words.join(' ')}${kind === 'T' ? `  *${text}*` : ''}`);
  }
  return true;
}

function printable(byte: number): string {
  const ch = ebcdicToChar(byte);
  return byte >= 0x40 && ch >= ' ' && ch <= '~' ? ch : '.';
}

function displayRegisters(ctx: CommandContext, user: LoggedOnUser, kind: string, from?: string, to?: string): boolean {
  const cpu = user.vm.cpu;
  const first = from === undefined ? 0 : parseInt(from, 16);
  const last = to === undefined ? (from === undefined ? 15 : first) : parseInt(to, 16);
  if (first > 15 || last > 15 || last < first || (kind === 'Y' && (first > 6 || last > 6))) {
    ctx.error('invalidRegister', `${kind}${from ?? ''}`);
    return false;
  }
  if (kind === 'Y') {
    for (let r = first - (first % 2); r <= last; r += 2) {
      ctx.say(`FPR ${r} = ${hex(cpu.fpr[r], 8)} ${hex(cpu.fpr[r + 1], 8)}`);
    }
    return true;
  }
  const regs = kind === 'G' ? cpu.gpr : cpu.cr;
  const label = kind === 'G' ? 'GPR' : 'CR ';
  for (let r = first - (first % 4); r <= last; r += 4) {
    const words: string[] = [];
    for (let i = r; i < r + 4; i++) words.push(i >= first && i <= last ? hex(regs[i], 8) : '        ');
    ctx.say(`${label} ${String(r).padStart(2)} = ${words.join(' ')}`.trimEnd());
  }
  return true;
}

interface Range {
  readonly start: number;
  readonly end: number;
  readonly explicitEnd: boolean;
}

/** `hexloc`, `hexloc-hexloc2`, `hexloc:hexloc2`, `hexloc.count` (hex), `hexloc-END`. */
function parseRange(text: string, size: number): Range | undefined {
  const m = /^([0-9A-F]{1,8})(?:([-:.])([0-9A-F]{1,8}|END))?$/.exec(text);
  if (!m) return undefined;
  const start = parseInt(m[1], 16);
  if (!m[2]) return { start, end: start + 3, explicitEnd: false };
  if (m[3] === 'END') return { start, end: size - 1, explicitEnd: true };
  const value = parseInt(m[3], 16);
  const end = m[2] === '.' ? start + value - 1 : value;
  if (end < start) return undefined;
  return { start, end, explicitEnd: true };
}

function store(ctx: CommandContext, user: LoggedOnUser, operands: readonly string[]): void {
  const cpu = user.vm.cpu;
  const target = operands[0];
  const values = operands.slice(1);
  if (!target || values.length === 0) {
    ctx.error('operandMissing');
    return;
  }
  const words = values.map((v) => hexValue(v));
  const bad = words.findIndex((w) => w === undefined);
  if (bad >= 0) {
    ctx.error('invalidHexData', values[bad]);
    return;
  }
  const data = words as number[];
  if (target === 'PSW') {
    if (data.length !== 2) {
      ctx.error('operandMissing');
      return;
    }
    cpu.loadPsw(data[0], data[1]);
    ctx.info(cpResponse('storeComplete'));
    return;
  }
  const reg = /^G([0-9A-F]{1,2})$/.exec(target);
  if (reg) {
    const first = parseInt(reg[1], 16);
    if (first > 15 || first + data.length > 16) {
      ctx.error('invalidRegister', target);
      return;
    }
    data.forEach((w, i) => (cpu.gpr[first + i] = w));
    ctx.info(cpResponse('storeComplete'));
    return;
  }
  const address = hexValue(target.replace(/^L/, ''));
  if (address === undefined || (address & 3) !== 0) {
    ctx.error('invalidHexData', target);
    return;
  }
  if (address + data.length * 4 > cpu.storage.size) {
    ctx.error('addressExceedsStorage', hex(address, 6));
    return;
  }
  data.forEach((w, i) => cpu.storage.writeU32(address + i * 4, w));
  ctx.info(cpResponse('storeComplete'));
}
