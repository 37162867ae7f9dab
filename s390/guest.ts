// The machine as a program inside it sees it. CMS is a guest operating
// system written in TypeScript: user programs are real S/370-390 code in the
// guest's storage, and CMS's own services are native routines that run when
// the guest CPU reaches them. CP implements this interface for each virtual
// machine (cp/), CMS uses it (cms/), and neither imports the other
// (DESIGN.md, "The guest interface").
//
// How native routines are reached. A guest that knows it runs under CP may
// issue DIAGNOSE; codes X'0100'-X'01FC' are reserved for the installation
// (VM/370 System Programmer's Guide, "DIAGNOSE Instruction in a Virtual
// Machine"), and vmcms's CP uses them for native routines: registerNative()
// hands out one code, and a `DIAG 0,0,code` placed in guest storage (for
// instance at the address an interruption's new PSW points to) calls the
// routine when the guest executes it in supervisor state. The routine runs
// against the guest's registers and storage and ends as machine code would:
// by loading a PSW (the interruption's old PSW, to return), by falling
// through to the next instruction, or by loading an enabled wait to wait
// for an interruption. A routine with long work (an EXEC, a large COPYFILE)
// does one slice and calls `again()`, so the dispatcher comes back to it and
// other virtual machines run in between.

import type { Psw } from './psw.js';
import type { Storage } from './storage.js';

/** A native routine of the guest operating system. */
export type NativeRoutine = (guest: Guest) => void;

export interface Guest {
  readonly arch: '370' | '390';
  /** The virtual machine's storage (its real storage: addresses start at 0). */
  readonly storage: Storage;
  readonly gpr: Uint32Array;
  /** FPR n (n = 0, 2, 4, 6): high word at fpr[n], low word at fpr[n + 1]. */
  readonly fpr: Uint32Array;
  /** The current PSW (while a native routine runs: pointing past its DIAGNOSE). */
  readonly psw: Psw;
  /** Load a new current PSW from its two words. */
  loadPsw(w0: number, w1: number): void;
  /** Load the PSW stored at a guest address (LPSW: to return from an interruption). */
  loadPswFrom(address: number): void;
  /**
   * DIAGNOSE as the guest would issue it (`DIAG rx,ry,code`): registers rx,
   * ry (and the pairs some codes use) are read and updated in `gpr`, storage
   * as the code's convention says. Returns the condition code. A code CP does
   * not support is a specification exception, as on the real CP: here that
   * is `undefined`.
   */
  diagnose(code: number, rx: number, ry: number): number | undefined;
  /**
   * START I/O (S/370) on a virtual device, with the CAW the guest stored at
   * X'48': the condition code; CSW at X'40' when stored. Completion comes as
   * an I/O interruption through the guest's I/O new PSW.
   */
  startIo(device: number): number;
  /** TEST I/O on a virtual device: the condition code (CSW at X'40' when stored). */
  testIo(device: number): number;
  /** HALT I/O on a virtual device: the condition code. */
  haltIo(device: number): number;
  /** Register a native routine: returns the DIAGNOSE code that calls it. */
  registerNative(routine: NativeRoutine): number;
  /**
   * Called by a native routine that has done one slice of long work: the PSW
   * is set back to the routine's DIAGNOSE, so the routine runs again at the
   * virtual machine's next dispatch.
   */
  again(): void;
}

/** Encode `DIAG 0,0,code` (X'83', R1=0, R3=0, B2=0, D2=code) into storage at `address`. */
export function storeNativeCall(storage: Storage, address: number, code: number): void {
  storage.bytes[address] = 0x83;
  storage.bytes[address + 1] = 0x00;
  storage.bytes[address + 2] = (code >> 8) & 0x0f;
  storage.bytes[address + 3] = code & 0xff;
}

/**
 * A system that `IPL name` can load (a "named saved system" on VM/370): CP
 * keeps a registry that src/ fills, so CP can IPL CMS without knowing it.
 */
export interface NamedSystem {
  readonly name: string;
  /**
   * Bring the system up in the virtual machine: lay out storage, register
   * native routines, set the new PSWs and load the first PSW. `parm` is the
   * IPL PARM text (e.g. `BATCH`), or empty.
   */
  ipl(guest: Guest, parm: string): void;
}
