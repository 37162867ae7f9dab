// PROVISIONAL: the CPU contract that instruction handlers are written against.
// The CPU helper replaces the body of this file with the real CPU (storage,
// PSW formats, dispatch loop, interruptions, timers), keeping every member
// declared here with the same meaning.

import type { ChannelSubsystem } from './channel-subsystem.js';
import type { ProgramInterruption } from './interruption.js';

export type ArchMode = '370' | '390';

export class Psw {
  /** Condition code, 0..3. */
  cc = 0;
  /** Program mask: 8 fixed-point overflow, 4 decimal overflow, 2 exponent underflow, 1 significance. */
  programMask = 0;
  /** PSW key, 0..15. */
  key = 0;
  /** Problem state (PSW bit 15). */
  problemState = false;
  /**
   * Instruction address. While a handler runs it already points past the
   * current instruction (the updated instruction address), so a branch
   * handler simply assigns the target.
   */
  address = 0;
  /** ESA/390 addressing mode: true for 31-bit, false for 24-bit (always false in 370 mode). */
  amode31 = false;
}

export class Cpu {
  readonly arch: ArchMode;
  readonly gpr = new Uint32Array(16);
  /** FPR n (n = 0, 2, 4, 6): high word at fpr[n], low word at fpr[n + 1]. */
  readonly fpr = new Uint32Array(8);
  readonly cr = new Uint32Array(16);
  readonly psw = new Psw();
  /** 0x00FFFFFF in 24-bit mode, 0x7FFFFFFF in 31-bit mode. */
  amodeMask = 0x00ffffff;
  readonly mem: Uint8Array;
  channel: ChannelSubsystem | null = null;
  /** The pending program-interruption code, 0 when none. */
  pendingProgramInterruption = 0;

  constructor(arch: ArchMode, storageBytes: number) {
    this.arch = arch;
    this.mem = new Uint8Array(storageBytes);
  }

  /**
   * BSM / BASSM: set the addressing mode (ESA/390) and with it amodeMask.
   */
  setAmode31(on: boolean): void {
    this.psw.amode31 = on;
    this.amodeMask = on ? 0x7fffffff : 0x00ffffff;
  }

  /**
   * EXECUTE: run the instruction at `addr` with bits 8-15 ORed with
   * `orByte` (the low byte of R1, or 0 when R1 is 0). Raises the execute
   * exception for a target that is itself EX, and specification for an odd
   * address. Implemented by the CPU core.
   */
  execute(_addr: number, _orByte: number): void {
    throw new Error('Cpu.execute: provisional contract, not implemented yet');
  }

  /** SUPERVISOR CALL: take the SVC interruption with interruption code `code` after this instruction. */
  supervisorCall(_code: number): void {
    throw new Error('Cpu.supervisorCall: provisional contract, not implemented yet');
  }

  /** Length in bytes (2, 4, 6) of the instruction being executed: the ILC for link information. */
  instructionLength = 0;

  /** Record a program interruption to be taken when the handler returns; the handler must return at once. */
  programInterrupt(code: ProgramInterruption): void {
    this.pendingProgramInterruption = code;
  }

  /** Check addressing (and protection) for an operand; raises the interruption and returns false if denied. */
  access(addr: number, length: number, _store: boolean): boolean {
    for (let i = 0; i < length; i++) {
      if (((addr + i) & this.amodeMask) >= this.mem.length) {
        this.programInterrupt(0x05 as ProgramInterruption);
        return false;
      }
    }
    return true;
  }

  readU8(addr: number): number {
    return this.mem[addr & this.amodeMask];
  }
  readU16(addr: number): number {
    return (this.readU8(addr) << 8) | this.readU8(addr + 1);
  }
  readU32(addr: number): number {
    return ((this.readU16(addr) << 16) | this.readU16(addr + 2)) >>> 0;
  }
  writeU8(addr: number, value: number): void {
    this.mem[addr & this.amodeMask] = value;
  }
  writeU16(addr: number, value: number): void {
    this.writeU8(addr, value >>> 8);
    this.writeU8(addr + 1, value);
  }
  writeU32(addr: number, value: number): void {
    this.writeU16(addr, value >>> 16);
    this.writeU16(addr + 2, value);
  }
}
