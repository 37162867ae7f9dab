// The machine's owner. On bare metal a CPU has none and executes everything
// itself. Under CP, the virtual machine's CPU has CP as its interceptor: the
// privileged, I/O and DIAGNOSE instructions the guest executes in supervisor
// state go to CP first, and CP decides, per instruction, whether the CPU
// runs it natively, CP has simulated it already, or the run must stop so CP
// can deal with it outside the CPU's loop (for example to wait for a device).
//
// Only instructions reach the interceptor; a privileged instruction in
// problem state is a privileged-operation exception before any owner is
// asked, exactly as on a real machine.

import type { Cpu } from './cpu.js';
import type { Operands } from './operands.js';
import type { OpcodeRow } from './opcodes.js';

/** What the owner decided for one intercepted instruction. */
export const enum InterceptAction {
  /** The CPU executes the instruction itself. */
  Execute = 0,
  /**
   * The owner has carried out the instruction (registers, storage, CC and
   * PSW updated, or cpu.programInterrupt called); the CPU goes on.
   */
  Done = 1,
  /**
   * The owner will deal with the instruction later: run() returns
   * { kind: 'intercept' } at once. The PSW already points past the
   * instruction; the owner simulates it and then resumes with run().
   */
  Stop = 2,
}

export interface Interceptor {
  /**
   * A privileged, I/O or DIAGNOSE instruction in supervisor state (rows with
   * Flag.Privileged, Flag.Io or Flag.Intercept). `op` holds its decoded
   * operands; the object is reused, so copy what must outlive the call.
   */
  instruction(cpu: Cpu, row: OpcodeRow, op: Readonly<Operands>): InterceptAction;
}

/** An instruction the owner asked to see outside the run loop (InterceptAction.Stop). */
export interface InterceptedInstruction {
  readonly row: OpcodeRow;
  /** Address of the instruction (of the EXECUTE, when it was the target of one). */
  readonly address: number;
  /** A copy of its operands. */
  readonly operands: Operands;
}
