// TRACE and ADSTOP (../shared/reference/cp.md section 3.7, VM/370 style):
// `TRACE SVC|I/O|PROGRAM|PRIV|BRANCH|INSTRUCT|ALL [RUN|NORUN]`, cumulative,
// and `TRACE END`; `ADSTOP hexloc` stops the machine when the instruction at
// hexloc is reached (once). Output goes to the terminal; without RUN the
// machine stops in CP READ after each trace line (BEGIN goes on).
//
// How: while instruction, branch, SVC or program tracing or an ADSTOP is on,
// the dispatcher's slice steps the machine one instruction at a time
// (cpu.run(1)) and looks at what each did; I/O and privileged instructions
// are seen by CP's interceptor anyway. Tracing therefore costs the traced
// machine its speed, as it did on VM/370 (tracing turned the assists off).
// The trace line layout is vmcms's own [~]: address, instruction text, and
// what happened.

import type { RunResult } from '../s390/cpu.js';
import { disassemble } from '../s390/asm/disasm.js';
import { Lowcore } from '../s390/interruption.js';
import { Flag, type OpcodeRow } from '../s390/opcodes.js';
import type { Operands } from '../s390/operands.js';
import type { Cpu } from '../s390/cpu.js';
import type { LoggedOnUser } from './user.js';
import { cpResponse } from './messages.js';

export type TraceEvent = 'INSTRUCT' | 'BRANCH' | 'SVC' | 'PROGRAM' | 'I/O' | 'PRIV';

export class Tracer {
  readonly events = new Set<TraceEvent>();
  /** RUN: trace without stopping. */
  runOn = false;
  adstop: number | null = null;

  constructor(private readonly user: LoggedOnUser) {}

  /** Stepping is needed (the dispatcher calls run() below). */
  get active(): boolean {
    return (
      this.adstop !== null ||
      this.events.has('INSTRUCT') ||
      this.events.has('BRANCH') ||
      this.events.has('SVC') ||
      this.events.has('PROGRAM')
    );
  }

  /** TRACE changed: watch I/O and privileged instructions through the interceptor. */
  update(): void {
    const watch = this.events.has('I/O') || this.events.has('PRIV');
    this.user.interceptor.observer = watch ? (row, op, cpu) => this.observe(row, op, cpu) : null;
  }

  end(): void {
    this.events.clear();
    this.runOn = false;
    this.update();
  }

  private observe(row: OpcodeRow, op: Readonly<Operands>, cpu: Cpu): boolean {
    const io = (row.flags & Flag.Io) !== 0;
    if (io ? !this.events.has('I/O') : !this.events.has('PRIV')) return false;
    const address = (cpu.psw.address - op.length) & cpu.amodeMask;
    const target = io ? ` DEV ${(op.addr2 & 0xffff).toString(16).toUpperCase().padStart(3, '0')}` : '';
    this.emit(`${io ? 'I/O ' : 'PRIV'} ${hex6(address)} ${this.text(cpu, address)}${target}`);
    return !this.runOn;
  }

  /** Step the machine for up to `budget` instructions, tracing and watching for the ADSTOP. */
  run(budget: number): RunResult {
    const cpu = this.user.vm.cpu;
    for (let i = 0; i < budget; i++) {
      // Take pending interruptions first (a budget of 0 runs no instruction),
      // so the traced address is the instruction that really runs next.
      const taken = cpu.run(0);
      if (taken.kind !== 'budget') return taken;
      const address = cpu.psw.address & cpu.amodeMask;
      if (this.adstop !== null && address === this.adstop && !cpu.psw.wait) {
        this.adstop = null;
        this.user.stopWith(cpResponse('adstopAt', hex6(address)));
        return { kind: 'budget' };
      }
      const before =
        address < cpu.storage.size - 6
          ? disassemble(cpu.storage.bytes.subarray(address, address + 6), address, cpu.arch)
          : null;
      const svcOld = cpu.storage.readU32(Lowcore.SvcOldPsw + 4);
      const pgmOld = cpu.storage.readU32(Lowcore.ProgramOldPsw + 4);
      if (this.events.has('INSTRUCT') && before) this.emit(`INST ${hex6(address)} ${before.text}`);
      const result = cpu.run(1);
      if (before) {
        const sequential = (address + before.length) & cpu.amodeMask;
        const now = cpu.psw.address & cpu.amodeMask;
        if (this.events.has('SVC') && before.mnemonic === 'SVC')
          this.emit(`SVC  ${hex6(address)} ${before.text} ==> ${hex6(now)}`);
        else if (this.events.has('PROGRAM') && cpu.storage.readU32(Lowcore.ProgramOldPsw + 4) !== pgmOld) {
          this.emit(`PROG ${hex6(address)} ${before.text} ==> ${hex6(now)}`);
        } else if (
          this.events.has('BRANCH') &&
          before.row !== undefined &&
          now !== sequential &&
          cpu.storage.readU32(Lowcore.SvcOldPsw + 4) === svcOld
        ) {
          this.emit(`BR   ${hex6(address)} ${before.text} ==> ${hex6(now)}`);
        }
      }
      if (result.kind !== 'budget' || !this.user.mayRun) return result;
    }
    return { kind: 'budget' };
  }

  private text(cpu: Cpu, address: number): string {
    if (address + 6 > cpu.storage.size) return '';
    return disassemble(cpu.storage.bytes.subarray(address, address + 6), address, cpu.arch).text;
  }

  private emit(line: string): void {
    if (this.runOn) this.user.say(line);
    else this.user.stopWith(line);
  }
}

export function hex6(n: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(6, '0');
}
