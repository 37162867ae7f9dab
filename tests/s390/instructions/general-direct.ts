// A tiny harness that calls general-instruction handlers directly: a fresh
// Cpu, an Operands filled by hand (as the dispatcher would fill it) and the
// program interruptions the handler raised, recorded in order.

import { Cpu } from '../../../s390/cpu.js';
import type { Handler } from '../../../s390/handler.js';
import { Operands } from '../../../s390/operands.js';

export interface DirectCpu {
  cpu: Cpu;
  /** Program-interruption codes raised by handlers, in order. */
  interruptions: number[];
}

/** A 64K machine whose next instruction is at `address` (default X'1004'). */
export function directCpu(arch: '370' | '390' = '390', address = 0x1004): DirectCpu {
  const cpu = new Cpu(arch, 64 * 1024);
  const interruptions: number[] = [];
  const original = cpu.programInterrupt.bind(cpu);
  cpu.programInterrupt = (code) => {
    interruptions.push(code);
    original(code);
  };
  cpu.psw.address = address;
  return { cpu, interruptions };
}

/** Operands as the dispatcher fills them (fields not given stay 0). */
export function operands(fields: Partial<Operands>): Operands {
  return Object.assign(new Operands(), fields);
}

/** Run one handler with the given fields; op.length defaults to 4, and instructionLength follows it. */
export function exec(m: DirectCpu, handler: Handler, fields: Partial<Operands>): void {
  const op = operands(fields);
  if (op.length === 0) op.length = 4;
  m.cpu.instructionLength = op.length;
  handler(m.cpu, op);
}

/** Store bytes at addr. */
export function poke(cpu: Cpu, addr: number, bytes: number[]): void {
  for (let i = 0; i < bytes.length; i++) cpu.writeU8(addr + i, bytes[i]);
}

/** Read n bytes at addr. */
export function peek(cpu: Cpu, addr: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(cpu.readU8(addr + i));
  return out;
}

/** Bytes from a hex string ("C1C2 C3"). */
export function hex(s: string): number[] {
  const clean = s.replace(/\s+/g, '');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 2) out.push(parseInt(clean.slice(i, i + 2), 16));
  return out;
}
