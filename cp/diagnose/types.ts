// The DIAGNOSE table's types. A handler gets the virtual machine's CPU, the
// register numbers of `DIAG rx,ry,code` and CP's services for this user, and
// returns the condition code, or the program interruption the guest takes
// (docs/diagnose.md "Common rules": addressing exception for an area outside
// the virtual machine's storage, specification for a code CP does not have).

import type { Cpu } from '../../s390/cpu.js';
import type { ProgramInterruption } from '../../s390/interruption.js';
import type { EmsgSetting } from '../messages.js';
import type { TimeZone } from '../timestamp.js';
import type { VirtualMachine } from '../virtual-machine.js';
import type { FullScreenConsole } from '../console/full-screen.js';

/** What a DIAGNOSE handler may ask of CP for the issuing user. */
export interface DiagnoseHost {
  readonly vm: VirtualMachine;
  readonly timeZone: TimeZone;
  /** CP's clock, milliseconds. */
  now(): number;
  /** The user's SET EMSG. */
  emsg(): EmsgSetting;
  /**
   * Run a CP command line for the user. With `capture`, the response lines
   * are returned instead of being written to the console. Returns the CP
   * return code (the message number of the error, 0 when none).
   */
  cpCommand(line: string, capture: boolean): { readonly rc: number; readonly lines: readonly string[] };
  /** Enter CP console function mode (CP READ; the virtual machine stops). */
  enterConsoleFunction(): void;
  /** The console's full-screen mode (DIAGNOSE X'58', cp/console/full-screen.ts). */
  readonly fullScreen?: FullScreenConsole;
}

export interface DiagnoseCall {
  readonly cpu: Cpu;
  /** Register numbers from the R1 and R3 fields. */
  readonly rx: number;
  readonly ry: number;
  readonly host: DiagnoseHost;
}

export type DiagnoseResult = number | { readonly programCheck: ProgramInterruption };

export type DiagnoseHandler = (call: DiagnoseCall) => DiagnoseResult;

/** Is [addr, addr+length) inside the virtual machine's storage? */
export function inStorage(cpu: Cpu, addr: number, length: number): boolean {
  return addr >= 0 && length >= 0 && addr + length <= cpu.storage.size;
}
