// CP as the virtual machine's interceptor: what happens when the guest, in
// virtual supervisor state, executes a privileged, I/O or DIAGNOSE
// instruction (../shared/reference/cp.md section 9; VM/370 DMKPRV, DMKVSI,
// DMKHVC). A privileged instruction in virtual *problem* state never gets
// here: the CPU raises the privileged-operation exception itself and it is
// reflected through the guest's own program new PSW, as on VM/370.
//
// SET ASSIST is the teaching lever:
//   OFF  every privileged instruction is a full trap: the CPU stops, CP
//        simulates the instruction against the virtual machine outside the
//        run loop (simulateIntercepted), counts it, and resumes the guest.
//        That is what VM/370 did without microcode assists, and it is slow.
//   ON   the instructions that touch only the virtual machine's own state
//        (PSW, control registers, storage keys, clock, timers) are run by the
//        machine inline, as the VM assist microcode did, and counted as
//        assisted. I/O and DIAGNOSE are still CP's: simulated inline,
//        without leaving the run loop, and counted.
// The simulation of an instruction is the architecture's own definition (the
// s390 handler) applied to the virtual machine's state, except where a
// virtual machine differs from the bare one: STIDP stores version code X'FF',
// I/O goes to the virtual channel, DIAGNOSE to CP's table.

import type { Cpu } from '../s390/cpu.js';
import type { Handler } from '../s390/handler.js';
import { InterceptAction, type InterceptedInstruction, type Interceptor } from '../s390/interceptor.js';
import { ProgramInterruption } from '../s390/interruption.js';
import { Flag, type OpcodeRow } from '../s390/opcodes.js';
import type { Operands } from '../s390/operands.js';
import { allHandlers } from '../s390/table.js';
import { DIAGNOSE_TABLE } from './diagnose/table.js';
import type { DiagnoseHost, DiagnoseResult } from './diagnose/types.js';
import { NATIVE_FIRST, NATIVE_LAST, type VirtualMachine } from './virtual-machine.js';
import type { Guest } from '../s390/guest.js';
import type { Explainer } from './explain.js';

const HANDLERS: ReadonlyMap<string, Handler> = allHandlers();

/** Privileged instructions that act only on the virtual machine's own state: SET ASSIST ON runs them inline. */
const ASSISTED = new Set([
  'LPSW',
  'SSM',
  'STNSM',
  'STOSM',
  'SPKA',
  'IPK',
  'ISK',
  'SSK',
  'ISKE',
  'SSKE',
  'RRB',
  'RRBE',
  'PTLB',
  'STCK',
  'SCK',
  'SCKC',
  'STCKC',
  'SPT',
  'STPT',
  'LCTL',
  'STCTL',
]);

/** The PSW wait bit (bit 14) in the first word. */
const PSW_WAIT = 0x00020000;

/** Watches privileged and I/O instructions for TRACE PRIV / TRACE I/O; true when the machine must stop after it. */
export type InstructionObserver = (row: OpcodeRow, op: Readonly<Operands>, cpu: Cpu) => boolean;

export class CpInterceptor implements Interceptor {
  observer: InstructionObserver | null = null;
  /** SET EXPLAIN ON (a vmcms teaching extension, cp/explain.ts): notes on the console for each intercept. */
  explainer: Explainer | null = null;

  constructor(
    private readonly vm: VirtualMachine,
    private readonly host: DiagnoseHost,
    private readonly guest: Guest,
  ) {}

  instruction(cpu: Cpu, row: OpcodeRow, op: Readonly<Operands>): InterceptAction {
    const vm = this.vm;
    if (this.observer?.(row, op, cpu)) {
      // TRACE without RUN: carry the instruction out, then end the run so the machine stops after it.
      this.simulate(cpu, row, op, 'inline');
      vm.yieldRequested = true;
      return InterceptAction.Stop;
    }
    if (!vm.assist) return InterceptAction.Stop;
    if (ASSISTED.has(row.mnemonic)) {
      // A wait entered through LPSW is CP's business: the dispatcher waits
      // in CP's time for the virtual machine's timers, never by jumping.
      if (row.mnemonic === 'LPSW' && (cpu.storage.readU32(op.addr2 & cpu.amodeMask & ~7) & PSW_WAIT) !== 0) {
        return InterceptAction.Stop;
      }
      vm.counters.assisted++;
      if (this.explainer) this.explainer.privileged(row, op, cpu, 'assist')();
      return InterceptAction.Execute;
    }
    return this.simulate(cpu, row, op, 'inline') ? InterceptAction.Stop : InterceptAction.Done;
  }

  /** The full trap: the CPU stopped on the instruction and CP simulates it now. */
  simulateIntercepted(instruction: InterceptedInstruction): void {
    const cpu = this.vm.cpu;
    this.simulate(cpu, instruction.row, instruction.operands, 'trap');
  }

  /** Simulate one instruction; true when the slice must end (a native routine asked to run again). */
  private simulate(cpu: Cpu, row: OpcodeRow, op: Readonly<Operands>, how: 'trap' | 'inline'): boolean {
    const vm = this.vm;
    const started = performance.now();
    // DIAGNOSE is explained in diagnose(), which CMS also calls directly.
    const explained = this.explainer && row.mnemonic !== 'DIAG' ? this.explainer.privileged(row, op, cpu, how) : null;
    vm.counters.countSimulated(row.mnemonic);
    try {
      if (row.mnemonic === 'DIAG') {
        vm.counters.diagnose++;
        const resets = vm.resets;
        const result = this.diagnose(op.addr2 & 0xffff, op.r1, op.r3);
        if (vm.resets !== resets || vm.cpu !== cpu) {
          // The command reset or replaced the machine (IPL, SYSTEM RESET, DEFINE STORAGE from
          // DIAGNOSE X'08'): nothing of the DIAGNOSE is left to complete; end this run.
          vm.yieldRequested = true;
          return true;
        }
        if (typeof result === 'number') cpu.psw.cc = result;
        else if (result !== null) cpu.programInterrupt(result.programCheck);
        return vm.yieldRequested;
      }
      if ((row.flags & Flag.Io) !== 0 && (row.mnemonic === 'SIO' || row.mnemonic === 'SIOF')) vm.counters.startIo++;
      const handler = HANDLERS.get(row.mnemonic);
      if (!handler) {
        cpu.programInterrupt(ProgramInterruption.Operation);
        return false;
      }
      handler(cpu, op as Operands);
      if (row.mnemonic === 'STIDP' && cpu.pendingProgramInterruption === 0) {
        // A virtual machine's CPU ID carries version code X'FF' (VM/370 SPG).
        cpu.storage.bytes[op.addr2 & cpu.amodeMask] = 0xff;
      }
      return false;
    } finally {
      vm.counters.cpUs += (performance.now() - started) * 1000;
      explained?.();
    }
  }

  /** DIAGNOSE `code` with registers rx, ry: CP's table, or the guest's native routine (null: it set the PSW itself). */
  diagnose(code: number, rx: number, ry: number): DiagnoseResult | null {
    if (this.explainer) {
      const explained = this.explainer.diagnose(code, rx, ry, this.vm.cpu);
      try {
        return this.diagnoseFor(code, rx, ry);
      } finally {
        explained();
      }
    }
    return this.diagnoseFor(code, rx, ry);
  }

  private diagnoseFor(code: number, rx: number, ry: number): DiagnoseResult | null {
    if (code >= NATIVE_FIRST && code <= NATIVE_LAST) {
      const routine = this.vm.natives.get(code);
      if (!routine) return { programCheck: ProgramInterruption.Specification };
      // The routine ends as machine code would (docs: s390/guest.ts): the PSW and CC are its own.
      routine(this.guest);
      return null;
    }
    const handler = DIAGNOSE_TABLE.get(code);
    if (!handler) return { programCheck: ProgramInterruption.Specification };
    return handler({ cpu: this.vm.cpu, rx, ry, host: this.host });
  }
}
