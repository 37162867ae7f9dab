// runProgram: load a tiny program, run it to a disabled wait, and report.
//
// Storage is zeroed; the code goes at `origin` (X'2000' unless given) and,
// unless `appendStop` is false, is followed by LPSW X'1F0', which loads the
// disabled-wait PSW the helper puts at X'1F0' (instruction address 0): the
// program "ends normally" by running off its end. The program-new PSW at
// X'68' is a disabled wait at X'BAD', so a program check stops the run; the
// code and ILC the interruption stored (X'8C' in EC and ESA/390 mode, the old
// PSW in S/370 BC mode) are returned. The TOD clock starts at a fixed value.

import { Cpu, type ArchMode, type RunResult } from '../../s390/cpu.js';
import { FixedTodSource } from '../../s390/clock.js';

export const NORMAL_END_PSW_ADDRESS = 0x1f0;
export const PROGRAM_CHECK_WAIT_ADDRESS = 0xbad;
/** TOD clock at the start of every runProgram machine: 2000-01-01 00:00 UTC. */
export const TEST_TOD_START = 3155673600n * 1_000_000n * 4096n;

export interface RunProgramOptions {
  arch: ArchMode;
  code: Uint8Array | number[];
  /** Load address of the code; default X'2000'. */
  origin?: number;
  /**
   * Initial PSW (two words). Default: S/370 BC mode, or ESA/390 31-bit mode,
   * supervisor state, key 0, disabled, at the origin.
   */
  psw?: [number, number];
  /** Called after loading and before running: set registers, storage, CRs. */
  setup?: (cpu: Cpu) => void;
  /** Default 1,000,000. */
  maxInstructions?: number;
  /** Storage size in bytes; default 1 MB. */
  storageBytes?: number;
  /** Append LPSW X'1F0' after the code (default true). */
  appendStop?: boolean;
}

export interface ProgramRun {
  cpu: Cpu;
  stop: RunResult;
  /** True when the program ran off its end into the helper's LPSW (wait PSW at address 0). */
  endedNormally: boolean;
  /** True when the CPU stopped in the program-check wait at X'BAD'. */
  programCheck: boolean;
  /** The last program-interruption code stored (0 when none). */
  programInterruptionCode: number;
  /** The ILC stored with it (0-3). */
  programIlc: number;
  /** The program old PSW at X'28' as 16 hex digits. */
  programOldPsw: string;
}

export function runProgram(options: RunProgramOptions): ProgramRun {
  const { arch } = options;
  const origin = options.origin ?? 0x2000;
  const cpu = new Cpu(arch, options.storageBytes ?? 1 << 20, { clock: new FixedTodSource(TEST_TOD_START) });
  const code = Array.from(options.code);
  if (options.appendStop ?? true) code.push(0x82, 0x00, NORMAL_END_PSW_ADDRESS >>> 8, NORMAL_END_PSW_ADDRESS & 0xff);
  cpu.storage.load(origin, code);
  const ec = 0x00080000;
  // Normal end: a disabled wait at address 0; program check: at X'BAD'.
  putWords(cpu, NORMAL_END_PSW_ADDRESS, arch === '390' ? ec | 0x00020000 : 0x00020000, 0);
  putWords(cpu, 0x68, ec | 0x00020000, PROGRAM_CHECK_WAIT_ADDRESS);
  const [w0, w1] = options.psw ?? (arch === '390' ? [ec, 0x80000000 | origin] : [0, origin]);
  cpu.loadPsw(w0, w1);
  options.setup?.(cpu);
  const stop = cpu.run(options.maxInstructions ?? 1_000_000);
  const oldW0 = cpu.storage.readU32(0x28);
  const oldW1 = cpu.storage.readU32(0x2c);
  const bcOld = arch === '370' && (oldW0 & ec) === 0;
  let programInterruptionCode = 0;
  let programIlc = 0;
  if (bcOld) {
    programInterruptionCode = oldW0 & 0xffff;
    programIlc = oldW1 >>> 30;
  } else {
    const word = cpu.storage.readU32(0x8c);
    programInterruptionCode = word & 0xffff;
    programIlc = (word >>> 17) & 3;
  }
  const waiting = stop.kind === 'wait' && cpu.psw.wait;
  return {
    cpu,
    stop,
    endedNormally: waiting && cpu.psw.address === 0,
    programCheck: waiting && cpu.psw.address === PROGRAM_CHECK_WAIT_ADDRESS,
    programInterruptionCode,
    programIlc,
    programOldPsw: hex8(oldW0) + hex8(oldW1),
  };
}

function putWords(cpu: Cpu, addr: number, w0: number, w1: number): void {
  cpu.storage.writeU32(addr, w0 >>> 0);
  cpu.storage.writeU32(addr + 4, w1 >>> 0);
}

export function hex8(n: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}
