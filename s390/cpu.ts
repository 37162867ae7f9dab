// The CPU: registers, PSW, the dispatch loop, interruptions and timers
// (S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201, chapters "Control",
// "Program Execution" and "Interruptions").
//
// One instruction goes like this. The loop fetches the first byte at the PSW
// instruction address, looks it up in the mode's dispatch table
// (s390/table.ts) and learns the format, length and flags. It decodes the
// operands into one reused Operands object (effective addresses wrapped to
// the addressing mode), advances the PSW past the instruction, makes the
// checks the row's flags ask for (privileged operation, even register pairs,
// floating-point registers, the owner's interception), and calls the handler.
// A handler that meets an exception calls programInterrupt() and returns; the
// loop then takes the program interruption. Anything that may change what is
// enabled (a PSW load, a privileged instruction, SVC) sets `exitRequest`, and
// the loop leaves to the outer run() loop, which takes pending interruptions,
// handles the wait state and runs due timer events before going on.
//
// Time: one instruction is one tick (s390/timers.ts). The TOD clock, CPU
// timer and clock comparator are computed from the tick count, so the
// machine is deterministic once the TOD clock's starting value is fixed.

import type { ChannelSubsystem, IoInterruption } from './channel-subsystem.js';
import { hostTodSource, type TodSource } from './clock.js';
import { InterceptAction, type InterceptedInstruction, type Interceptor } from './interceptor.js';
import { ExternalInterruption, Lowcore, ProgramInterruption } from './interruption.js';
import { Flag } from './opcodes.js';
import { Operands } from './operands.js';
import { Psw } from './psw.js';
import { KeyBit, Storage } from './storage.js';
import { dispatchTable, Fmt, type DispatchTable } from './table.js';
import { EventQueue, TOD_UNITS_PER_TICK } from './timers.js';
import type { Handler } from './handler.js';
import {
  add,
  addRegister,
  compare,
  compareRegister,
  loadAndTest,
  subtractRegister,
} from './instructions/general-arith.js';
import {
  branchAndLinkRegister,
  branchOnCondition,
  branchOnConditionRegister,
  branchOnCount,
} from './instructions/general-branch.js';
import {
  insertCharacter,
  load,
  loadAddress,
  loadHalfword,
  loadRegister,
  store,
  storeCharacter,
} from './instructions/general-load.js';
import { compareLogicalImmediate, testUnderMask } from './instructions/general-logical.js';
import { moveImmediate } from './instructions/general-move.js';

export { Psw } from './psw.js';

export type ArchMode = '370' | '390';

/** Why run() returned. */
export type RunResult =
  | { readonly kind: 'budget' }
  /**
   * A wait state that nothing inside the machine can end: a disabled wait,
   * or an enabled wait with no timer event to come (the owner may wait for
   * outside I/O, see ChannelSubsystem.busy, and call run() again).
   */
  | { readonly kind: 'wait'; readonly disabled: boolean }
  | { readonly kind: 'intercept'; readonly instruction: InterceptedInstruction }
  /** A machine malfunction: in this simulator, a vmcms bug or an interruption loop. */
  | { readonly kind: 'checkstop'; readonly message: string };

export interface CpuOptions {
  /** Where the TOD clock starts; the host's clock unless replaced (tests). */
  readonly clock?: TodSource;
  /** CPU address, 0-15 (part of the CPU ID that STIDP stores). */
  readonly cpuAddress?: number;
  /**
   * Storage made elsewhere (its key-block size must be the mode's: 2K for
   * 370, 4K for 390); by default the CPU makes its own of `storageBytes`.
   */
  readonly storage?: Storage;
}

/** CR0 bits (PoO "Control Registers"). */
const enum Cr0 {
  SsmSuppression = 0x40000000, // bit 1
  LowAddressProtection = 0x10000000, // bit 3
  ExtractionAuthority = 0x08000000, // bit 4
  ClockComparatorMask = 0x00000800, // bit 20
  CpuTimerMask = 0x00000400, // bit 21
  InterruptKeyMask = 0x00000040, // bit 25
}

/** ESA/390: the word at X'90' whose last byte (X'93') is the data-exception code; DXC 1 = AFP register. */
const DATA_EXCEPTION_CODE_WORD = 0x90;
const DXC_AFP_REGISTER = 1;

/** The row flags that ask for the floating-point register check. */
const FPR_FLAGS = Flag.Fpr | Flag.FprExtended | Flag.FprExtendedR1 | Flag.FprExtendedR2;

/** CPU version code, serial and model stored by STIDP (model 4381). */
const CPU_ID_SERIAL = 0x012345;
const CPU_ID_MODEL = 0x4381;

/** Longest chain of interruptions taken back to back before the CPU runs an instruction. */
const MAX_INTERRUPTION_CHAIN = 64;

/**
 * The instructions the dispatch loop calls directly rather than through the
 * dispatch table: the most frequent in the standard benchmark loop and in
 * compiled code (loads, stores, register arithmetic, compares, branches,
 * MVI, TM, CLI).
 * Each must be an unprivileged one-byte opcode of both modes with no
 * dispatcher checks, so that its table entry is the bare handler; the Cpu
 * constructor verifies that, and runInstructions' switch lists the same
 * opcodes.
 */
export const DIRECT_DISPATCH: ReadonlyArray<readonly [opcode: number, handler: Handler]> = [
  [0x05, branchAndLinkRegister],
  [0x07, branchOnConditionRegister],
  [0x12, loadAndTest],
  [0x18, loadRegister],
  [0x19, compareRegister],
  [0x1a, addRegister],
  [0x1b, subtractRegister],
  [0x41, loadAddress],
  [0x42, storeCharacter],
  [0x43, insertCharacter],
  [0x46, branchOnCount],
  [0x47, branchOnCondition],
  [0x48, loadHalfword],
  [0x50, store],
  [0x58, load],
  [0x59, compare],
  [0x5a, add],
  [0x91, testUnderMask],
  [0x92, moveImmediate],
  [0x95, compareLogicalImmediate],
];

const TWO_64 = 1n << 64n;
/** Tick counts above 2**52 are beyond this machine's horizon (over two years of machine time). */
const MAX_TICKS = 1n << 52n;

export class Cpu {
  readonly arch: ArchMode;
  readonly gpr = new Uint32Array(16);
  /** FPR n (n = 0, 2, 4, 6): high word at fpr[n], low word at fpr[n + 1]. */
  readonly fpr = new Uint32Array(8);
  readonly cr = new Uint32Array(16);
  readonly psw = new Psw();
  /** 0x00FFFFFF in 24-bit mode, 0x7FFFFFFF in 31-bit mode. */
  amodeMask = 0x00ffffff;
  readonly storage: Storage;
  /** The storage bytes (the same array as storage.bytes). */
  readonly mem: Uint8Array;
  /** The same bytes as a DataView: big-endian halfwords and words in one operation. */
  private readonly view: DataView;
  channel: ChannelSubsystem | null = null;
  /** The machine's owner (CP); null on bare metal. */
  interceptor: Interceptor | null = null;
  /** The pending program-interruption code, 0 when none. */
  pendingProgramInterruption = 0;
  /**
   * ESA/390: the data-exception code of the pending data exception, stored
   * at X'93' (with zeros at X'90'-X'92') when it is taken; set by
   * programInterrupt(ProgramInterruption.Data, dxc).
   */
  dataExceptionCode = 0;
  /** Length in bytes (2, 4, 6) of the instruction being executed: the ILC for link information (4 under EX). */
  instructionLength = 0;
  /** The ordered queue of timer and device events, in ticks. */
  readonly events = new EventQueue();
  /** Machine time in ticks (s390/timers.ts): instructions executed plus time spent waiting. */
  ticks = 0;
  /** Ticks spent waiting or skipped forward to the host's time. */
  idleTicks = 0;
  readonly cpuAddress: number;

  /**
   * Set when the loop must stop after the current instruction to look at
   * interruptions, the PSW or a stop reason. Control instructions set it
   * through requestExit(); handlers of other families never need to.
   */
  private exitRequest = false;
  /**
   * The tick at which the dispatch loop stops; requestExit() sets it to 0 so
   * that the loop's one test per instruction covers both reasons to stop.
   */
  private loopLimit = 0;
  private pendingSvc = -1;
  /** While EXECUTE runs its target: the target's address; otherwise -1. */
  private executeTarget = -1;
  /** The ILC to store with a program interruption; -1 means instructionLength. */
  private programIlcOverride = -1;
  private stopResult: RunResult | null = null;
  private restartPending = false;
  private interruptKeyPending = false;
  private readonly table: DispatchTable;
  /** The GPRs as signed words (the same buffer): address arithmetic stays in 32-bit integers. */
  private readonly gprSigned = new Int32Array(this.gpr.buffer);
  private readonly op = new Operands();
  private readonly exOp = new Operands();
  private readonly scratch = new Uint8Array(6);
  private readonly clock: TodSource;
  /** The verified instruction-fetch range [fetchLo, fetchHi): no addressing or protection check inside. */
  private fetchLo = 0;
  private fetchHi = 0;
  /**
   * With PSW key 0, min(storage size, 2**amode): operands ending below it
   * neither wrap nor leave storage, and key 0 may access them all. With any
   * other key 0, so that every access takes the checking path.
   */
  private accessLimit = 0;
  /** min(storage size, 2**amode): the readU32 family's one-operation limit (see there). */
  private wordLimit = 0;
  private readonly keys: Uint8Array;
  private readonly keyShift: number;
  private readonly channelEnabled = (channel: number): boolean => this.psw.channelEnabled(channel, this.cr[2]);

  // Time-of-day clock: TOD = todEpoch + ticks * 64 (modulo 2**64).
  private todEpoch: bigint;
  private lastTod = -1n;
  // Clock comparator and the first tick at which TOD > CKC.
  private ckc = 0n;
  private ckcTick = 0;
  private ckcEvent = 0;
  // CPU timer: cptValue at tick cptSetTick, decreasing by 64 units a tick; negative from cptTick on.
  private cptValue = 0n;
  private cptSetTick = 0;
  private cptTick = 0;
  private cptEvent = 0;

  constructor(arch: ArchMode, storageBytes: number, options: CpuOptions = {}) {
    this.arch = arch;
    const blockShift = arch === '370' ? 11 : 12;
    if (options.storage && options.storage.blockShift !== blockShift) {
      throw new Error(`storage with ${options.storage.blockSize}-byte key blocks does not suit ${arch} mode`);
    }
    this.storage = options.storage ?? new Storage(storageBytes, blockShift);
    this.mem = this.storage.bytes;
    this.view = new DataView(this.mem.buffer, this.mem.byteOffset, this.mem.byteLength);
    this.keys = this.storage.keys;
    this.keyShift = this.storage.blockShift;
    this.table = dispatchTable(arch);
    for (const [opcode, handler] of DIRECT_DISPATCH) {
      if (this.table.entries[opcode] !== handler) {
        throw new Error(`opcode ${opcode.toString(16)} cannot be dispatched directly in ${arch} mode`);
      }
    }
    this.clock = options.clock ?? hostTodSource;
    this.cpuAddress = options.cpuAddress ?? 0;
    this.todEpoch = this.clock.now();
    this.reset();
  }

  /**
   * Initial CPU reset (PoO "Resets"): PSW, registers and control registers to
   * their initial values (PoO "Control Registers", figure "Assignment of
   * Control-Register Fields"): CR0 has the interrupt-key and external-signal
   * masks on (and in S/370 the interval-timer mask), CR2 all channel masks,
   * CR14 check-stop, synchronous-MCEL and external-damage controls, and in
   * S/370 CR15 the MCEL address 512.
   */
  reset(): void {
    this.psw.decode(this.arch, this.arch === '390' ? 0x00080000 : 0, 0);
    this.gpr.fill(0);
    this.fpr.fill(0);
    this.cr.fill(0);
    this.cr[0] = this.arch === '370' ? 0x000000e0 : 0x00000060;
    this.cr[2] = 0xffffffff;
    this.cr[14] = 0xc2000000;
    if (this.arch === '370') this.cr[15] = 512;
    this.amodeMask = 0x00ffffff;
    this.updateAccessLimit();
    this.fetchHi = 0;
    this.pendingProgramInterruption = 0;
    this.pendingSvc = -1;
    this.setClockComparator(0n);
    this.setCpuTimer(0n);
  }

  // ---- The PSW ----

  /** Load a new current PSW from its two words (LPSW, interruptions, the runner). */
  loadPsw(w0: number, w1: number): void {
    this.psw.decode(this.arch, w0, w1);
    this.amodeMask = this.psw.amode31 ? 0x7fffffff : 0x00ffffff;
    this.updateAccessLimit();
    this.fetchHi = 0;
    this.requestExit();
  }

  /** Load the PSW stored at a real address. */
  loadPswFrom(addr: number): void {
    this.loadPsw(this.storage.readU32(addr), this.storage.readU32(addr + 4));
  }

  /**
   * BSM / BASSM: set the addressing mode (ESA/390) and with it amodeMask.
   */
  setAmode31(on: boolean): void {
    this.psw.amode31 = on;
    this.amodeMask = on ? 0x7fffffff : 0x00ffffff;
    this.updateAccessLimit();
    this.fetchHi = 0;
    this.requestExit();
  }

  private updateAccessLimit(): void {
    this.wordLimit = Math.min(this.storage.size, this.amodeMask + 1);
    this.accessLimit = this.psw.key === 0 ? this.wordLimit : 0;
  }

  /** Change the PSW key (SPKA). */
  setPswKey(key: number): void {
    this.psw.key = key & 15;
    this.updateAccessLimit();
    this.fetchHi = 0;
    this.requestExit();
  }

  /** Storage keys changed (SSK, SSKE): forget the verified instruction-fetch range. */
  storageKeysChanged(): void {
    this.fetchHi = 0;
    this.requestExit();
  }

  /** Stop the loop after the current instruction so pending interruptions are looked at again. */
  requestExit(): void {
    this.exitRequest = true;
    this.loopLimit = 0;
  }

  // ---- Instruction execution ----

  /**
   * Record a program interruption to be taken when the handler returns; the
   * handler must return at once. With a data exception, `dxc` is the
   * data-exception code that ESA/390 stores with it (0, the default, for a
   * decimal operand; 1 for an AFP register).
   */
  programInterrupt(code: ProgramInterruption, dxc = 0): void {
    if (this.pendingProgramInterruption === 0) {
      this.pendingProgramInterruption = code;
      if (code === ProgramInterruption.Data) this.dataExceptionCode = dxc;
    }
    this.requestExit();
  }

  /** SUPERVISOR CALL: take the SVC interruption with interruption code `code` after this instruction. */
  supervisorCall(code: number): void {
    this.pendingSvc = code & 0xff;
    this.requestExit();
  }

  /**
   * EXECUTE (PoO "General Instructions", EXECUTE): run the instruction at
   * `addr` with bits 8-15 ORed with `orByte` (the low byte of R1, or 0 when
   * R1 is 0). The target runs with its own operands; the PSW and the ILC stay
   * those of the EXECUTE (so a BAL target links to the instruction after the
   * EX, an SVC target stores ILC 2). An EX target is an execute exception; an
   * odd address a specification exception.
   */
  execute(addr: number, orByte: number): void {
    addr &= this.amodeMask;
    if ((addr & 1) !== 0) {
      this.programInterrupt(ProgramInterruption.Specification);
      return;
    }
    if (!this.access(addr, 2, false)) return;
    const b0 = this.readU8(addr);
    const length = b0 < 0x40 ? 2 : b0 < 0xc0 ? 4 : 6;
    if (length > 2 && !this.access(addr, length, false)) return;
    const bytes = this.scratch;
    for (let i = 0; i < length; i++) bytes[i] = this.mem[(addr + i) & this.amodeMask];
    bytes[1] |= orByte;
    if (b0 === 0x44) {
      this.programInterrupt(ProgramInterruption.Execute);
      return;
    }
    const table = this.table;
    const idx = table.index(b0, bytes[1]);
    const op = this.exOp;
    decode(op, table.format[idx], bytes, 0, this.gpr, this.amodeMask);
    op.length = this.instructionLength;
    this.executeTarget = addr;
    table.entries[idx](this, op);
    this.executeTarget = -1;
  }

  /**
   * The address of the instruction being executed, for relative branches:
   * for the target of an EXECUTE it is the target's own address, since a
   * relative branch counts from the instruction that holds it. Call it
   * before the handler changes the PSW address.
   */
  currentInstructionAddress(): number {
    if (this.executeTarget >= 0) return this.executeTarget;
    return (this.psw.address - this.instructionLength) & this.amodeMask;
  }

  /**
   * Run instructions until `budget` instructions have been executed, or the
   * CPU is in a wait state nothing inside the machine can end, or the owner
   * intercepted, or a check-stop. Never throws for anything a guest does.
   */
  run(budget: number): RunResult {
    const endInstructions = this.instructions + budget;
    try {
      this.stopResult = null;
      this.executeTarget = -1;
      for (;;) {
        this.events.runDue(this.ticks);
        if (!this.takeInterruptions()) return this.stopResult!;
        if (this.psw.wait) {
          if (this.psw.disabledForInterruptions && !this.restartPending) return { kind: 'wait', disabled: true };
          const next = this.events.nextTick;
          if (next === Infinity) return { kind: 'wait', disabled: false };
          if (next > this.ticks) {
            this.idleTicks += next - this.ticks;
            this.ticks = next;
          }
          continue;
        }
        const left = endInstructions - this.instructions;
        if (left <= 0) return { kind: 'budget' };
        const untilEvent = this.events.nextTick - this.ticks;
        this.exitRequest = false;
        this.runInstructions(this.ticks + Math.min(left, untilEvent));
        if (this.stopResult !== null) return this.stopResult;
        if (!this.finishInstruction()) return this.stopResult!;
      }
    } catch (err) {
      // A host exception inside the loop is a vmcms bug, never the guest's doing.
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      return { kind: 'checkstop', message: `internal error at PSW ${this.psw.toHex(this.arch)}: ${message}` };
    }
  }

  /** Instructions executed since the CPU was created. */
  get instructions(): number {
    return this.ticks - this.idleTicks;
  }

  /**
   * The dispatch loop: instructions until tick `stopTick` or an exit request.
   *
   * This is the simulator's hot path, so it is written for V8: one packed
   * table load per instruction (DispatchTable.byHalfword: entry, format and
   * length), RR, RX and RI decoded in line, one test of `loopLimit` per
   * instruction for every reason to stop (requestExit sets it to 0), and the
   * most frequent instructions called directly (see DIRECT_DISPATCH) so that
   * V8 can inline them instead of making an indirect call through the
   * table. `op.length` is left alone here: only the entries with checks fill
   * it (s390/table.ts), and handlers use cpu.instructionLength.
   */
  private runInstructions(stopTick: number): void {
    const mem = this.mem;
    const gpr = this.gprSigned;
    const psw = this.psw;
    const op = this.op;
    const table = this.table;
    const entries = table.entries;
    const byHalfword = table.byHalfword;
    const view = this.view;
    // Everything that changes these (a PSW load, the addressing mode, keys)
    // also sets exitRequest, so they stay valid for the whole loop.
    const mask = this.amodeMask;
    const fetchLo = this.fetchLo;
    const fetchHi = this.fetchHi;
    this.loopLimit = stopTick;
    for (;;) {
      const ticks = this.ticks;
      if (ticks >= this.loopLimit) return;
      const a = psw.address & mask;
      if (a < fetchLo || a + 6 > fetchHi || (a & 1) !== 0) {
        this.stepSlow(a);
        return;
      }
      const halfword = view.getUint16(a);
      const b1 = halfword & 0xff;
      // Bits 0-11 entry, 12-15 format, 16-18 length (table.ts, byHalfword).
      const info = byHalfword[halfword];
      const idx = info & 0xfff;
      const length = info >>> 16;
      this.instructionLength = length;
      psw.address = (a + length) & mask;
      this.ticks = ticks + 1;
      const fmt = (info >>> 12) & 15;
      if (fmt === Fmt.RR) {
        op.r1 = b1 >>> 4;
        op.r2 = b1 & 15;
      } else if (fmt === Fmt.RX) {
        const x2 = b1 & 15;
        const bd = view.getUint16(a + 2);
        const b2 = bd >>> 12;
        const d2 = bd & 0xfff;
        op.r1 = b1 >>> 4;
        op.x2 = x2;
        op.b2 = b2;
        op.d2 = d2;
        op.addr2 = (((d2 + (x2 !== 0 ? gpr[x2] : 0)) | 0) + (b2 !== 0 ? gpr[b2] : 0)) & mask;
      } else if (fmt === Fmt.RI) {
        // ESA/390's relative branches and halfword immediates, frequent in compiled code.
        op.r1 = b1 >>> 4;
        op.i2 = (view.getUint16(a + 2) << 16) >> 16;
      } else {
        decode(op, fmt, mem, a, this.gpr, mask);
      }
      // The cases are the rows of DIRECT_DISPATCH, whose entries the
      // constructor has checked to be these very handlers. Any other entry
      // is the handler itself, or wraps it in the row's checks, or raises
      // the operation exception for an opcode the mode lacks.
      switch (idx) {
        case 0x05:
          branchAndLinkRegister(this, op);
          break;
        case 0x07:
          branchOnConditionRegister(this, op);
          break;
        case 0x12:
          loadAndTest(this, op);
          break;
        case 0x18:
          loadRegister(this, op);
          break;
        case 0x19:
          compareRegister(this, op);
          break;
        case 0x1a:
          addRegister(this, op);
          break;
        case 0x1b:
          subtractRegister(this, op);
          break;
        case 0x41:
          loadAddress(this, op);
          break;
        case 0x42:
          storeCharacter(this, op);
          break;
        case 0x43:
          insertCharacter(this, op);
          break;
        case 0x46:
          branchOnCount(this, op);
          break;
        case 0x47:
          branchOnCondition(this, op);
          break;
        case 0x48:
          loadHalfword(this, op);
          break;
        case 0x50:
          store(this, op);
          break;
        case 0x58:
          load(this, op);
          break;
        case 0x59:
          compare(this, op);
          break;
        case 0x5a:
          add(this, op);
          break;
        case 0x91:
          testUnderMask(this, op);
          break;
        case 0x92:
          moveImmediate(this, op);
          break;
        case 0x95:
          compareLogicalImmediate(this, op);
          break;
        default:
          entries[idx](this, op);
      }
    }
  }

  /**
   * One instruction the careful way: outside the verified fetch range, at an
   * odd address, across a key-block boundary or the end of the address space.
   */
  private stepSlow(a: number): void {
    this.ticks++;
    if ((a & 1) !== 0) {
      // PoO "Specification Exception": an odd instruction address. As
      // Hercules does, the old PSW keeps the odd address and ILC 0.
      this.psw.address = a;
      this.instructionLength = 0;
      this.programIlcOverride = 0;
      this.programInterrupt(ProgramInterruption.Specification);
      return;
    }
    if (!this.verifyFetch(a, 2)) return;
    const b0 = this.mem[a];
    const length = b0 < 0x40 ? 2 : b0 < 0xc0 ? 4 : 6;
    if (length > 2 && !this.verifyFetch(a, length)) return;
    const bytes = this.scratch;
    const mask = this.amodeMask;
    for (let i = 0; i < length; i++) bytes[i] = this.mem[(a + i) & mask];
    const table = this.table;
    const idx = table.index(b0, bytes[1]);
    this.instructionLength = length;
    this.psw.address = (a + length) & mask;
    const fmt = table.format[idx];
    const op = this.op;
    decode(op, fmt, bytes, 0, this.gpr, mask);
    op.length = length;
    table.entries[idx](this, op);
  }

  /**
   * Check an instruction fetch of `length` bytes at `a` (addressing, fetch
   * protection) and widen the verified fetch range when the whole key block
   * may be fetched. On an exception the PSW is advanced by `length` (2 when
   * the first halfword itself failed, else the instruction's length) and
   * the ILC says the same: the PoO ("Addressing Exception") leaves the ILC
   * unpredictable among 1, 2 and 3, consistent with the advanced address.
   */
  private verifyFetch(a: number, length: number): boolean {
    const mask = this.amodeMask;
    const storage = this.storage;
    for (let i = 0; i < length; i += 2) {
      const addr = (a + i) & mask;
      if (addr >= storage.size) {
        this.failFetch(a, length, ProgramInterruption.Addressing);
        return false;
      }
      if (!storage.permits(addr, this.psw.key, false)) {
        this.failFetch(a, length, ProgramInterruption.Protection);
        return false;
      }
    }
    const shift = storage.blockShift;
    storage.keys[a >>> shift] |= KeyBit.Reference;
    const limit = Math.min(storage.size, mask + 1);
    if (this.psw.key === 0) {
      this.fetchLo = 0;
      this.fetchHi = limit;
    } else {
      // The verified range is the block holding `a`; extend it over the
      // following blocks the key may also fetch from.
      let hi = ((a >>> shift) + 1) << shift;
      while (hi < limit && storage.permits(hi, this.psw.key, false) && hi - a < 1 << 16) hi += 1 << shift;
      this.fetchLo = (a >>> shift) << shift;
      this.fetchHi = Math.min(hi, limit);
    }
    return true;
  }

  private failFetch(a: number, length: number, code: ProgramInterruption): void {
    this.instructionLength = length;
    this.psw.address = (a + length) & this.amodeMask;
    this.programInterrupt(code);
  }

  /**
   * The checks a row's flags ask for, in the PoO's priority order:
   * privileged operation before specification. Returns false when the
   * instruction is not to be executed here (an exception, or the owner took
   * it). Called by the dispatch table's entries (s390/table.ts) for rows
   * with checks; not for handlers.
   */
  dispatchChecks(idx: number, op: Operands): boolean {
    const checks = this.table.checks[idx];
    const fmt = this.table.format[idx];
    if ((checks & (Flag.Privileged | Flag.Io | Flag.Intercept)) !== 0) {
      if (this.psw.problemState && (checks & (Flag.Privileged | Flag.Io)) !== 0) {
        this.programInterrupt(ProgramInterruption.PrivilegedOperation);
        return false;
      }
      // Masks, the PSW or the channel may change: look at interruptions after it.
      this.requestExit();
      if (this.interceptor !== null && !this.psw.problemState) {
        const row = this.table.rows[idx]!;
        const action = this.interceptor.instruction(this, row, op);
        if (action === InterceptAction.Done) return false;
        if (action === InterceptAction.Stop) {
          const operands = Object.assign(new Operands(), op);
          const address = (this.psw.address - this.instructionLength) & this.amodeMask;
          this.stopResult = { kind: 'intercept', instruction: { row, address, operands } };
          return false;
        }
      }
    }
    const specification =
      ((checks & Flag.EvenR1) !== 0 && (op.r1 & 1) !== 0) ||
      ((checks & Flag.EvenR2) !== 0 && (op.r2 & 1) !== 0) ||
      ((checks & Flag.EvenR3) !== 0 && (op.r3 & 1) !== 0);
    const fprException = (checks & FPR_FLAGS) !== 0 ? this.fprRegisterException(checks, fmt, op) : 0;
    if (specification || fprException === ProgramInterruption.Specification) {
      this.programInterrupt(ProgramInterruption.Specification);
      return false;
    }
    if (fprException !== 0) {
      this.programInterrupt(ProgramInterruption.Data, DXC_AFP_REGISTER);
      return false;
    }
    return true;
  }

  /**
   * The floating-point register check of a row flagged Fpr, FprExtended,
   * FprExtendedR1 or FprExtendedR2: 0, or the exception to raise. A register
   * other than 0, 2, 4, 6 is, in ESA/390 with the basic floating-point
   * extensions, an additional floating-point register, and while the
   * AFP-register control (CR0 bit 13) is off that is a data exception with
   * DXC 1 (SA22-7201, "Data Exception"); this machine has no additional
   * FPRs, so the control is treated as off. In S/370 it is a specification
   * exception (GA22-7000, "Floating-Point Instructions"). An extended
   * operand in 2 or 6 is a specification exception in both modes. The
   * order is Hercules': both pairs of an all-extended row are checked
   * before either register is (its HFPODD2_CHECK); otherwise R1 fully, then
   * R2 (HFPREG_CHECK / HFPODD_CHECK one after the other).
   */
  private fprRegisterException(checks: number, fmt: Fmt, op: Operands): number {
    const afp = this.arch === '370' ? ProgramInterruption.Specification : ProgramInterruption.Data;
    const r1 = op.r1;
    const hasR2 = fmt === Fmt.RR || fmt === Fmt.RRE;
    const r2 = hasR2 ? op.r2 : 0;
    if ((checks & Flag.FprExtended) !== 0) {
      if (((r1 | r2) & 2) !== 0) return ProgramInterruption.Specification;
      return ((r1 | r2) & 9) !== 0 ? afp : 0;
    }
    const register = (r: number, extended: boolean): number =>
      extended && (r & 2) !== 0 ? ProgramInterruption.Specification : (r & 9) !== 0 ? afp : 0;
    return register(r1, (checks & Flag.FprExtendedR1) !== 0) || register(r2, (checks & Flag.FprExtendedR2) !== 0);
  }

  /** A row without a handler was executed: a vmcms bug, so the CPU check-stops. Called by the dispatch table. */
  missingHandler(idx: number): void {
    const row = this.table.rows[idx];
    this.stopResult = {
      kind: 'checkstop',
      message: `no handler for ${row?.mnemonic ?? '?'} (opcode ${row?.opcode.toString(16)}) in ${this.arch} mode`,
    };
    this.requestExit();
  }

  /** After the loop stopped: take the program or SVC interruption the last instruction caused. */
  private finishInstruction(): boolean {
    if (this.pendingProgramInterruption !== 0) {
      const code = this.pendingProgramInterruption;
      this.pendingProgramInterruption = 0;
      this.pendingSvc = -1;
      const ilc = this.programIlcOverride >= 0 ? this.programIlcOverride : this.instructionLength >>> 1;
      this.programIlcOverride = -1;
      return this.takeProgramInterruption(code, ilc);
    }
    if (this.pendingSvc >= 0) {
      const code = this.pendingSvc;
      this.pendingSvc = -1;
      this.takeSvcInterruption(code);
    }
    return true;
  }

  // ---- Interruptions (PoO "Interruptions") ----

  /**
   * Take every interruption that is pending and enabled, highest priority
   * first (PoO "Priority of Interruptions": supervisor call and program are
   * taken with the instruction that caused them, then external, I/O,
   * restart), each against the PSW the previous one loaded. A PSW-format
   * error in the current PSW is a specification exception first of all.
   * Returns false when the CPU check-stopped.
   */
  private takeInterruptions(): boolean {
    for (let chain = 0; chain < MAX_INTERRUPTION_CHAIN; chain++) {
      const psw = this.psw;
      if (psw.formatError) {
        if (!this.takeProgramInterruption(ProgramInterruption.Specification, 0)) return false;
        continue;
      }
      if (psw.externalMask) {
        const code = this.pendingExternal();
        if (code !== 0) {
          this.takeExternalInterruption(code);
          continue;
        }
      }
      const channel = this.channel;
      if (channel !== null && channel.interruptPending && this.ioEnabled()) {
        const interruption = channel.acceptInterrupt(this.channelEnabled);
        if (interruption !== null) {
          this.takeIoInterruption(interruption);
          continue;
        }
      }
      if (this.restartPending) {
        this.restartPending = false;
        this.swapPsw(Lowcore.RestartOldPsw, Lowcore.RestartNewPsw);
        continue;
      }
      return true;
    }
    return true;
  }

  private ioEnabled(): boolean {
    return this.psw.ecMode ? (this.psw.systemMask & 0x02) !== 0 : (this.psw.systemMask & 0xfe) !== 0;
  }

  /** The code of the highest-priority pending external interruption its CR0 subclass mask allows, or 0. */
  private pendingExternal(): number {
    const cr0 = this.cr[0];
    if (this.interruptKeyPending && (cr0 & Cr0.InterruptKeyMask) !== 0) {
      this.interruptKeyPending = false;
      return ExternalInterruption.InterruptKey;
    }
    if ((cr0 & Cr0.ClockComparatorMask) !== 0 && this.ticks >= this.ckcTick)
      return ExternalInterruption.ClockComparator;
    if ((cr0 & Cr0.CpuTimerMask) !== 0 && this.ticks >= this.cptTick) return ExternalInterruption.CpuTimer;
    return 0;
  }

  /** Is the PSW in EC or ESA/390 format (codes stored in low core rather than in the old PSW)? */
  private get codesInLowcore(): boolean {
    return this.arch === '390' || this.psw.ecMode;
  }

  /** Store the current PSW at `oldAddr` and load the one at `newAddr`. */
  private swapPsw(oldAddr: number, newAddr: number): void {
    const [w0, w1] = this.psw.encode(this.arch);
    this.storage.writeU32(oldAddr, w0);
    this.storage.writeU32(oldAddr + 4, w1);
    this.loadPswFrom(newAddr);
  }

  private takeProgramInterruption(code: number, ilc: number): boolean {
    const wasFormatError = this.psw.formatError;
    if (this.codesInLowcore) {
      this.storage.writeU32(Lowcore.ProgramInterruptionCode, ((ilc & 3) << 17) | code);
      // ESA/390 PoO SA22-7201, "Data Exception": every data exception
      // stores its DXC at X'93' and zeros at X'90'-X'92'. S/370 has no DXC.
      if (this.arch === '390' && code === ProgramInterruption.Data) {
        this.storage.writeU32(DATA_EXCEPTION_CODE_WORD, this.dataExceptionCode);
      }
    } else {
      this.psw.interruptionCode = code;
      this.psw.ilc = ilc;
    }
    this.dataExceptionCode = 0;
    this.swapPsw(Lowcore.ProgramOldPsw, Lowcore.ProgramNewPsw);
    if (wasFormatError && this.psw.formatError) {
      // The program-new PSW is itself invalid: a real CPU would take
      // program interruptions for ever; stop instead.
      this.stopResult = { kind: 'checkstop', message: 'program-new PSW has a format error: program-interruption loop' };
      return false;
    }
    return true;
  }

  private takeSvcInterruption(code: number): void {
    const ilc = this.instructionLength >>> 1;
    if (this.codesInLowcore) {
      this.storage.writeU32(Lowcore.SvcInterruptionCode, (ilc << 17) | code);
    } else {
      this.psw.interruptionCode = code;
      this.psw.ilc = ilc;
    }
    this.swapPsw(Lowcore.SvcOldPsw, Lowcore.SvcNewPsw);
  }

  private takeExternalInterruption(code: number): void {
    if (this.codesInLowcore) {
      this.storage.writeU16(Lowcore.ExternalCode, code);
    } else {
      this.psw.interruptionCode = code;
      this.psw.ilc = this.instructionLength >>> 1;
    }
    this.swapPsw(Lowcore.ExternalOldPsw, Lowcore.ExternalNewPsw);
  }

  private takeIoInterruption(interruption: IoInterruption): void {
    this.storage.writeU32(Lowcore.Csw, interruption.csw0);
    this.storage.writeU32(Lowcore.Csw + 4, interruption.csw1);
    if (this.codesInLowcore) {
      this.storage.writeU16(Lowcore.IoAddress, interruption.device);
    } else {
      this.psw.interruptionCode = interruption.device;
      this.psw.ilc = this.instructionLength >>> 1;
    }
    this.swapPsw(Lowcore.IoOldPsw, Lowcore.IoNewPsw);
  }

  /** The operator's RESTART key: a restart interruption (old PSW at X'08', new at X'00'). */
  restart(): void {
    this.restartPending = true;
    this.requestExit();
  }

  /** The operator's INTERRUPT key: external interruption X'0040' when CR0 bit 25 allows it. */
  pressInterruptKey(): void {
    this.interruptKeyPending = true;
    this.requestExit();
  }

  // ---- Storage access for handlers ----

  /**
   * Check an operand of `length` bytes at `addr` (a logical address, wrapped
   * to the addressing mode): addressing, low-address protection for stores
   * into 0-511 when CR0 bit 3 is on, and key-controlled protection with fetch
   * protection. Sets the reference (and change) bits. Raises the exception
   * and returns false when denied: the handler then returns with nothing
   * changed (suppression, PoO "Protection" and "Addressing Exception").
   * A zero-length operand accesses nothing: no exception, no reference bit.
   */
  access(addr: number, length: number, store: boolean): boolean {
    // Folds away where the length is a constant (the handlers inline this).
    if (length <= 0) return true;
    const mask = this.amodeMask;
    addr &= mask;
    const end = addr + length - 1;
    // The common case: key 0, inside storage without wrapping, not low core.
    if (end < this.accessLimit && (addr >= 512 || !store)) {
      const keys = this.keys;
      const shift = this.keyShift;
      const bits = store ? KeyBit.Reference | KeyBit.Change : KeyBit.Reference;
      keys[addr >>> shift] |= bits;
      keys[end >>> shift] |= bits;
      return true;
    }
    return this.checkAccess(addr, length, store);
  }

  private checkAccess(addr: number, length: number, store: boolean): boolean {
    const mask = this.amodeMask;
    const end = addr + length - 1;
    if (end > mask) {
      // The operand wraps around the end of the address space: check both parts.
      return this.checkAccess(addr, mask - addr + 1, store) && this.checkAccess(0, end - mask, store);
    }
    const storage = this.storage;
    if (end >= storage.size) {
      this.programInterrupt(ProgramInterruption.Addressing);
      return false;
    }
    if (store && addr < 512 && (this.cr[0] & Cr0.LowAddressProtection) !== 0) {
      this.programInterrupt(ProgramInterruption.Protection);
      return false;
    }
    const keys = storage.keys;
    const shift = storage.blockShift;
    const last = end >>> shift;
    const key = this.psw.key;
    const bits = store ? KeyBit.Reference | KeyBit.Change : KeyBit.Reference;
    for (let b = addr >>> shift; b <= last; b++) {
      const k = keys[b];
      if (key !== 0 && k >>> 4 !== key && (store || (k & KeyBit.Fetch) !== 0)) {
        this.programInterrupt(ProgramInterruption.Protection);
        return false;
      }
    }
    for (let b = addr >>> shift; b <= last; b++) keys[b] |= bits;
    return true;
  }

  // The accessors below are unchecked (call access() first). An operand
  // that ends below wordLimit neither wraps nor leaves storage, and is read
  // or written through the big-endian DataView in one operation; others go
  // byte by byte with wrap-around (and bytes past the end of storage read
  // as zeros and are not stored, as with a Uint8Array).

  readU8(addr: number): number {
    return this.mem[addr & this.amodeMask];
  }

  readU16(addr: number): number {
    const a = addr & this.amodeMask;
    if (a + 2 <= this.wordLimit) return this.view.getUint16(a);
    const m = this.mem;
    return (m[a] << 8) | m[(a + 1) & this.amodeMask];
  }

  readU32(addr: number): number {
    const a = addr & this.amodeMask;
    if (a + 4 <= this.wordLimit) return this.view.getUint32(a);
    return ((this.readU16(a) << 16) | this.readU16(a + 2)) >>> 0;
  }

  writeU8(addr: number, value: number): void {
    const a = addr & this.amodeMask;
    this.mem[a] = value;
    this.keys[a >>> this.keyShift] |= KeyBit.Change | KeyBit.Reference;
  }

  writeU16(addr: number, value: number): void {
    const a = addr & this.amodeMask;
    if (a + 2 <= this.wordLimit) {
      this.view.setUint16(a, value);
      const keys = this.keys;
      const shift = this.keyShift;
      keys[a >>> shift] |= KeyBit.Change | KeyBit.Reference;
      if ((a & 1) !== 0) keys[(a + 1) >>> shift] |= KeyBit.Change | KeyBit.Reference;
      return;
    }
    this.writeU8(a, value >>> 8);
    this.writeU8(a + 1, value);
  }

  writeU32(addr: number, value: number): void {
    const a = addr & this.amodeMask;
    if (a + 4 <= this.wordLimit) {
      this.view.setUint32(a, value);
      const keys = this.keys;
      const shift = this.keyShift;
      keys[a >>> shift] |= KeyBit.Change | KeyBit.Reference;
      if ((a & 3) !== 0) keys[(a + 3) >>> shift] |= KeyBit.Change | KeyBit.Reference;
      return;
    }
    this.writeU16(a, value >>> 16);
    this.writeU16(a + 2, value);
  }

  // ---- Time (PoO "Timing") ----

  /** The TOD clock now (unsigned 64-bit). */
  get tod(): bigint {
    return (this.todEpoch + BigInt(this.ticks) * BigInt(TOD_UNITS_PER_TICK)) % TWO_64;
  }

  /**
   * STORE CLOCK's value: the TOD clock, made unique by stepping past the
   * previous value when two stores fall in the same tick.
   */
  storeClockValue(): bigint {
    let value = this.tod;
    if (value <= this.lastTod) value = (this.lastTod + 1n) % TWO_64;
    this.lastTod = value;
    return value;
  }

  /** SET CLOCK: the TOD clock takes `value` now. */
  setClock(value: bigint): void {
    this.todEpoch = (value - BigInt(this.ticks) * BigInt(TOD_UNITS_PER_TICK)) % TWO_64;
    this.lastTod = -1n;
    this.setClockComparator(this.ckc);
  }

  get clockComparator(): bigint {
    return this.ckc;
  }

  /** SET CLOCK COMPARATOR: the interruption condition exists while TOD > CKC (unsigned). */
  setClockComparator(value: bigint): void {
    this.ckc = BigInt.asUintN(64, value);
    const now = this.tod;
    if (now > this.ckc) {
      this.ckcTick = -Infinity;
    } else {
      const ticksLeft = (this.ckc - now) / BigInt(TOD_UNITS_PER_TICK);
      this.ckcTick = this.ticks + toTickCount(ticksLeft) + 1;
    }
    this.events.cancel(this.ckcEvent);
    this.ckcEvent =
      this.ckcTick > this.ticks && this.ckcTick !== Infinity ? this.events.schedule(this.ckcTick, noop) : 0;
    this.requestExit();
  }

  /** The CPU timer now (signed 64-bit). */
  get cpuTimer(): bigint {
    return BigInt.asIntN(64, this.cptValue - BigInt(this.ticks - this.cptSetTick) * BigInt(TOD_UNITS_PER_TICK));
  }

  /** SET CPU TIMER: the interruption condition exists while the timer is negative. */
  setCpuTimer(value: bigint): void {
    this.cptValue = BigInt.asIntN(64, value);
    this.cptSetTick = this.ticks;
    this.cptTick =
      this.cptValue < 0n ? -Infinity : this.ticks + toTickCount(this.cptValue / BigInt(TOD_UNITS_PER_TICK)) + 1;
    this.events.cancel(this.cptEvent);
    this.cptEvent =
      this.cptTick > this.ticks && this.cptTick !== Infinity ? this.events.schedule(this.cptTick, noop) : 0;
    this.requestExit();
  }

  /**
   * Move machine time forward to the host's time when it is behind (the
   * owner calls this after the machine has waited in real time, for a
   * console line say). Never moves time backwards.
   */
  advanceToHostTime(): void {
    const behind = this.clock.now() - this.tod;
    if (behind <= 0n) return;
    const ticks = toTickCount(behind / BigInt(TOD_UNITS_PER_TICK));
    if (ticks === Infinity) return;
    this.ticks += ticks;
    this.idleTicks += ticks;
    this.requestExit();
  }

  /** STORE CPU ID: version code, CPU identification number, model, zeros. */
  get cpuId(): bigint {
    return (BigInt(CPU_ID_SERIAL | ((this.cpuAddress & 0xf) << 20)) << 32n) | (BigInt(CPU_ID_MODEL) << 16n);
  }

  // ---- Inspection ----

  /** Named fields, for DISPLAY, QUERY, tests and save/restore. */
  snapshot(): CpuSnapshot {
    return {
      arch: this.arch,
      psw: this.psw.toHex(this.arch),
      gpr: Array.from(this.gpr),
      fpr: Array.from(this.fpr),
      cr: Array.from(this.cr),
      instructions: this.instructions,
      ticks: this.ticks,
      tod: hex16(this.tod),
      cpuTimer: hex16(BigInt.asUintN(64, this.cpuTimer)),
      clockComparator: hex16(this.ckc),
    };
  }
}

function hex16(value: bigint): string {
  return value.toString(16).toUpperCase().padStart(16, '0');
}

export interface CpuSnapshot {
  arch: ArchMode;
  psw: string;
  gpr: number[];
  fpr: number[];
  cr: number[];
  instructions: number;
  ticks: number;
  /** The 64-bit timing facilities as 16 hex digits (JSON-friendly). */
  tod: string;
  cpuTimer: string;
  clockComparator: string;
}

function noop(): void {}

/** A tick count from a BigInt, Infinity when beyond exact doubles (a timer that will not fire in practice). */
function toTickCount(ticks: bigint): number {
  return ticks > MAX_TICKS ? Infinity : Number(ticks);
}

/**
 * Decode the operands of an instruction of format `fmt` whose bytes start at
 * `bytes[p]` into `op`, with effective addresses wrapped by `mask`. Fields
 * as drawn in s390/formats.ts.
 */
function decode(op: Operands, fmt: Fmt, bytes: Uint8Array, p: number, gpr: Uint32Array, mask: number): void {
  const b1 = bytes[p + 1];
  switch (fmt) {
    case Fmt.RR:
      op.r1 = b1 >>> 4;
      op.r2 = b1 & 15;
      return;
    case Fmt.RX: {
      const r1 = b1 >>> 4;
      const x2 = b1 & 15;
      const b2 = bytes[p + 2] >>> 4;
      const d2 = ((bytes[p + 2] & 15) << 8) | bytes[p + 3];
      op.r1 = r1;
      op.x2 = x2;
      op.b2 = b2;
      op.d2 = d2;
      op.addr2 = (d2 + (x2 !== 0 ? gpr[x2] : 0) + (b2 !== 0 ? gpr[b2] : 0)) & mask;
      return;
    }
    case Fmt.RS: {
      const b2 = bytes[p + 2] >>> 4;
      const d2 = ((bytes[p + 2] & 15) << 8) | bytes[p + 3];
      op.r1 = b1 >>> 4;
      op.r3 = b1 & 15;
      op.b2 = b2;
      op.d2 = d2;
      op.addr2 = (d2 + (b2 !== 0 ? gpr[b2] : 0)) & mask;
      return;
    }
    case Fmt.SI: {
      const b = bytes[p + 2] >>> 4;
      const d = ((bytes[p + 2] & 15) << 8) | bytes[p + 3];
      op.i2 = b1;
      op.b1 = b;
      op.d1 = d;
      op.addr1 = (d + (b !== 0 ? gpr[b] : 0)) & mask;
      return;
    }
    case Fmt.RI:
      op.r1 = b1 >>> 4;
      op.i2 = (((bytes[p + 2] << 8) | bytes[p + 3]) << 16) >> 16;
      return;
    case Fmt.RSI:
      op.r1 = b1 >>> 4;
      op.r3 = b1 & 15;
      op.i2 = (((bytes[p + 2] << 8) | bytes[p + 3]) << 16) >> 16;
      return;
    case Fmt.RRE: {
      const b3 = bytes[p + 3];
      op.r1 = b3 >>> 4;
      op.r2 = b3 & 15;
      return;
    }
    case Fmt.S: {
      const b2 = bytes[p + 2] >>> 4;
      const d2 = ((bytes[p + 2] & 15) << 8) | bytes[p + 3];
      op.b2 = b2;
      op.d2 = d2;
      op.addr2 = (d2 + (b2 !== 0 ? gpr[b2] : 0)) & mask;
      return;
    }
    case Fmt.I:
      op.i1 = b1;
      return;
    case Fmt.E:
    case Fmt.None:
      return;
    default: {
      // SS formats: the length byte, then D1(B1) and D2(B2).
      const b1r = bytes[p + 2] >>> 4;
      const d1 = ((bytes[p + 2] & 15) << 8) | bytes[p + 3];
      const b2 = bytes[p + 4] >>> 4;
      const d2 = ((bytes[p + 4] & 15) << 8) | bytes[p + 5];
      if (fmt === Fmt.SSa) {
        op.l1 = b1;
      } else if (fmt === Fmt.SSb) {
        op.l1 = b1 >>> 4;
        op.l2 = b1 & 15;
      } else {
        op.l1 = b1 >>> 4;
        op.i3 = b1 & 15;
      }
      op.b1 = b1r;
      op.d1 = d1;
      op.b2 = b2;
      op.d2 = d2;
      op.addr1 = (d1 + (b1r !== 0 ? gpr[b1r] : 0)) & mask;
      op.addr2 = (d2 + (b2 !== 0 ? gpr[b2] : 0)) & mask;
      return;
    }
  }
}
