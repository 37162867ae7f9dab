// The CMS nucleus driver: the native routines behind the new PSWs (SVC,
// program check, I/O, external), the console driver over SIO to the
// virtual 3215, and the loop that runs CMS work (generators, see task.ts)
// between waits. Everything CMS does happens in these routines, entered
// through `DIAG 0,0,code` slots in low storage (s390/guest.ts); CMS keeps
// no host state outside this object, so many virtual machines run CMS side
// by side in one process.
//
// The state of CMS work is a stack of frames. The bottom frame is one
// command cycle (read a line, run it, type the ready message); an SVC 202
// from a user program pushes a frame for the function it calls, and when
// that frame ends the program resumes after its SVC (and error word). The
// CPU is in one of three places: running user code (key X'E'), in an
// enabled wait while CMS waits for an I/O interruption, or at the Resume
// slot, where CMS continues its own work after a slice.

import { storeNativeCall, type Guest } from '../../s390/guest.js';
import { Lowcore } from '../../s390/interruption.js';
import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import {
  CONSOLE_CCWS,
  CONSOLE_DATA,
  CONSOLE_DATA_LENGTH,
  CONSOLE_MAX_CCWS,
  CONSOLE_READ,
  CONSOLE_READ_LENGTH,
  PROGRAM_AREA,
  Slot,
  USER_AREA,
  USER_KEY,
} from './layout.js';
import type { CmsGen, Request } from './task.js';

const ATTENTION = 0x80;
const CHANNEL_END = 0x08;
const DEVICE_END = 0x04;
const UNIT_CHECK = 0x02;
const UNIT_EXCEPTION = 0x01;
/** CCW flags: chain command, suppress length indication. */
const CC = 0x40;
const SLI = 0x20;

/** The virtual console's address (the directory's CONSOLE, 009 by convention). */
export const CONSOLE = 0x009;

/** What the nucleus needs of the CMS session above it (cms/nucleus/session.ts). */
export interface Supervisor {
  /** One command cycle: read a line, run it, type the ready message. */
  commandCycle(): CmsGen;
  /** The function an SVC 202 (or 203) asks for; `regs` are the caller's registers, updated in place. */
  supervisorCall(code: number, regs: Uint32Array, psw: readonly [number, number]): CmsGen;
  /** Lines waiting to be written to the console (taken by the driver). */
  readonly output: string[];
  /** An immediate command typed (HX, HT, RT, HI, ...): true when it was one. */
  immediate(line: string, atRead: boolean): boolean;
  /** Work was abandoned (HX or an abend): `lines` to type, `rc` for the ready message (undefined: none). */
  aborted(lines: string[], rc: number | undefined): void;
  /** A program check in user code: the lines to type and the return code. */
  programCheck(code: number, psw: readonly [number, number]): { lines: string[]; rc: number };
  /** QSAM GET or PUT from a user program (R1 → DCB, R0 → area): the address to go on at. */
  osAccess(kind: 'get' | 'put'): number;
  /** An unexpected host error in CMS code: a line for the console (a vmcms bug). */
  internalError(err: unknown): string;
  /** An external interruption (code X'1004', X'1005'...): lines and rc when it cancels the work (the batch CPU limit). */
  external?(code: number): { lines: string[]; rc: number } | undefined;
}

interface Frame {
  readonly gen: CmsGen;
  /** For SVC frames: called with the return code to resume the caller. */
  readonly done?: (rc: number) => void;
}

type Held = { readonly request: Request } | { readonly frame: Frame; readonly rc: number } | null;

export class Nucleus {
  private supervisor!: Supervisor;
  private frames: Frame[] = [];
  /** Work held back until the console output before it is written. */
  private held: Held = null;
  /** What the CMS work is waiting for, when it waits. */
  private waitingFor: 'console' | 'io' | 'display' | null = null;
  private waitingDevice = -1;
  private consoleOp: 'write' | 'read' | 'attention' | null = null;
  private attentionPending = false;
  /** Lines typed ahead (read after an attention) for the next console read. */
  readonly typeAhead: string[] = [];
  private pswLoaded = false;
  private readonly enabledMask: number;

  constructor(readonly guest: Guest) {
    // BC mode (S/370): channel masks 0-5, channels 6 and up, external (bits 0-7).
    // ESA/390: I/O (bit 6) and external (bit 7).
    this.enabledMask = guest.arch === '370' ? 0xff : 0x03;
  }

  /** Lay out low storage, bind the native routines and start CMS at the Resume slot. */
  start(supervisor: Supervisor, first: CmsGen): void {
    this.supervisor = supervisor;
    const { guest } = this;
    const st = guest.storage;
    st.bytes.fill(0, 0, Math.min(USER_AREA, st.size));
    // The nucleus is key 0; the program area (plists, save areas, FST copies
    // handed to programs) and the user area are the user's key.
    for (let a = 0; a < st.size; a += st.blockSize) st.setKey(a, a < PROGRAM_AREA ? 0 : USER_KEY << 4);
    const bind = (slot: Slot, routine: () => void): void =>
      storeNativeCall(
        st,
        slot,
        guest.registerNative(() => routine()),
      );
    bind(Slot.Svc, () => this.onSvc());
    bind(Slot.Program, () => this.onProgramCheck());
    bind(Slot.Io, () => this.onIo());
    bind(Slot.External, () => this.onExternal());
    bind(Slot.Resume, () => this.onResume());
    bind(Slot.ProgramReturn, () => this.onProgramReturn());
    bind(Slot.OsGet, () => this.onOsAccess('get'));
    bind(Slot.OsPut, () => this.onOsAccess('put'));
    this.storePsw(Lowcore.SvcNewPsw, 0, 0, false, Slot.Svc);
    this.storePsw(Lowcore.ProgramNewPsw, 0, 0, false, Slot.Program);
    this.storePsw(Lowcore.IoNewPsw, 0, 0, false, Slot.Io);
    this.storePsw(Lowcore.ExternalNewPsw, 0, 0, false, Slot.External);
    this.storePsw(Lowcore.MachineCheckNewPsw, 0, 0, true, Slot.MachineCheck);
    this.frames = [{ gen: first }];
    this.loadResume();
  }

  // ---- PSWs ----

  private pswWords(mask: number, key: number, wait: boolean, address: number): [number, number] {
    let w0 = ((mask << 24) | (key << 20) | (wait ? 0x00020000 : 0)) >>> 0;
    if (this.guest.arch === '390') w0 = (w0 | 0x00080000) >>> 0;
    return [w0, address & 0x00ffffff];
  }

  private storePsw(at: number, mask: number, key: number, wait: boolean, address: number): void {
    const [w0, w1] = this.pswWords(mask, key, wait, address);
    this.guest.storage.writeU32(at, w0);
    this.guest.storage.writeU32(at + 4, w1);
  }

  private load(w0: number, w1: number): void {
    this.guest.loadPsw(w0, w1);
    this.pswLoaded = true;
  }

  private loadResume(): void {
    const [w0, w1] = this.pswWords(this.enabledMask, 0, false, Slot.Resume);
    this.load(w0, w1);
  }

  private loadWait(): void {
    const [w0, w1] = this.pswWords(this.enabledMask, 0, true, Slot.Resume);
    this.load(w0, w1);
  }

  private oldPsw(at: number): [number, number] {
    return [this.guest.storage.readU32(at), this.guest.storage.readU32(at + 4)];
  }

  /** The interruption code of an old PSW: in the PSW (BC mode) or in low storage (EC, ESA/390). */
  private interruptionCode(oldPswAt: number, lowcoreCodeAt: number): number {
    const w0 = this.guest.storage.readU32(oldPswAt);
    if (this.guest.arch === '370' && (w0 & 0x00080000) === 0) return w0 & 0xffff;
    return this.guest.storage.readU16(lowcoreCodeAt);
  }

  // ---- native routines ----

  private onResume(): void {
    this.pswLoaded = false;
    this.advance(undefined);
  }

  private onProgramReturn(): void {
    this.pswLoaded = false;
    this.advance(this.guest.gpr[15] | 0);
  }

  /** QSAM GET/PUT, called with BALR from user code: back to R14 (or to EODAD), in the caller's PSW. */
  private onOsAccess(kind: 'get' | 'put'): void {
    const g = this.guest;
    const target = this.supervisor.osAccess(kind);
    const [w0, w1] = g.psw.encode(g.arch);
    g.loadPsw(w0, (w1 & 0xff000000) | (target & 0x00ffffff));
  }

  private onExternal(): void {
    // Timer and interrupt-key interruptions: only the batch monitor's CPU limit acts on them.
    const code = this.interruptionCode(Lowcore.ExternalOldPsw, Lowcore.ExternalCode);
    const cancel = this.supervisor.external?.(code);
    if (cancel) {
      this.pswLoaded = false;
      this.abort(cancel.lines, cancel.rc);
      return;
    }
    this.guest.loadPswFrom(Lowcore.ExternalOldPsw);
  }

  private onSvc(): void {
    this.pswLoaded = false;
    const code = this.interruptionCode(Lowcore.SvcOldPsw, Lowcore.SvcInterruptionCode + 2) & 0xff;
    const psw = this.oldPsw(Lowcore.SvcOldPsw);
    const regs = Uint32Array.from(this.guest.gpr);
    const frame: Frame = {
      gen: this.supervisor.supervisorCall(code, regs, psw),
      done: (rc) => this.returnFromSvc(psw, regs, rc),
    };
    this.frames.push(frame);
    this.advance(undefined);
  }

  /**
   * Back to the caller of SVC 202: registers as the function left them, R15
   * the return code. A zero byte after the SVC means an error-return word
   * follows (cms.md (e)): with rc ≠ 0 control goes to its address (unless
   * it is 1), otherwise past it.
   */
  private returnFromSvc(psw: readonly [number, number], regs: Uint32Array, rc: number): void {
    const g = this.guest;
    g.gpr.set(regs);
    g.gpr[15] = rc >>> 0;
    let address = psw[1] & 0x00ffffff;
    if (address + 4 <= g.storage.size && g.storage.readU8(address) === 0) {
      const target = g.storage.readU32(address) & 0x00ffffff;
      address = rc !== 0 && target > 1 ? target : address + 4;
    }
    this.load(psw[0], (psw[1] & 0xff000000) | address);
  }

  private onProgramCheck(): void {
    this.pswLoaded = false;
    const code = this.interruptionCode(Lowcore.ProgramOldPsw, Lowcore.ProgramInterruptionCode + 2) & 0xff;
    const psw = this.oldPsw(Lowcore.ProgramOldPsw);
    const { lines, rc } = this.supervisor.programCheck(code, psw);
    this.abort(lines, rc);
  }

  private onIo(): void {
    this.pswLoaded = false;
    const g = this.guest;
    const device = this.interruptionCode(Lowcore.IoOldPsw, Lowcore.IoAddress);
    const csw1 = g.storage.readU32(Lowcore.Csw + 4);
    const status = csw1 >>> 24;
    const ended = (status & (CHANNEL_END | DEVICE_END | UNIT_CHECK | UNIT_EXCEPTION)) !== 0;
    if (device === CONSOLE) {
      if (status & ATTENTION && this.waitingFor === 'display') {
        // A full-screen read is waiting (DIAGNOSE X'58'): the attention means an AID key.
        this.waitingFor = null;
        this.advance(status);
      } else if (status & ATTENTION) this.attentionPending = true;
      if (ended && this.consoleOp !== null) this.consoleEnded(csw1);
    } else if (ended && this.waitingFor === 'io' && this.waitingDevice === device) {
      this.waitingFor = null;
      this.advance(status);
    }
    if (!this.pswLoaded && this.attentionPending && this.consoleOp === null) this.startAttentionRead();
    if (!this.pswLoaded) {
      if (this.waitingFor !== null) this.loadWait();
      else g.loadPswFrom(Lowcore.IoOldPsw);
    }
  }

  // ---- the console ----

  private startConsole(ccws: number): number {
    const g = this.guest;
    g.storage.writeU32(Lowcore.Caw, ccws);
    return g.startIo(CONSOLE);
  }

  /** Write waiting output lines as one chain of CCW X'09'. True when a write was started. */
  private startWrite(): boolean {
    const out = this.supervisor.output;
    if (out.length === 0) return false;
    const st = this.guest.storage;
    let data = CONSOLE_DATA;
    let n = 0;
    while (out.length > 0 && n < CONSOLE_MAX_CCWS) {
      const bytes = toEbcdic(out[0].length === 0 ? ' ' : out[0].slice(0, 1024));
      if (data + bytes.length > CONSOLE_DATA + CONSOLE_DATA_LENGTH) break;
      out.shift();
      st.bytes.set(bytes, data);
      const ccw = CONSOLE_CCWS + n * 8;
      st.writeU32(ccw, (0x09 << 24) | data);
      st.writeU32(ccw + 4, ((CC | SLI) << 24) | bytes.length);
      data += bytes.length;
      n++;
    }
    st.bytes[CONSOLE_CCWS + (n - 1) * 8 + 4] &= ~CC; // the last CCW ends the chain
    const cc = this.startConsole(CONSOLE_CCWS);
    if (cc !== 0) return false; // a console that cannot be written: the lines are lost, as on a dead terminal
    this.consoleOp = 'write';
    return true;
  }

  private startRead(op: 'read' | 'attention'): boolean {
    const st = this.guest.storage;
    st.writeU32(CONSOLE_CCWS, (0x0a << 24) | CONSOLE_READ);
    st.writeU32(CONSOLE_CCWS + 4, (SLI << 24) | CONSOLE_READ_LENGTH);
    if (this.startConsole(CONSOLE_CCWS) !== 0) return false;
    this.consoleOp = op;
    return true;
  }

  private startAttentionRead(): void {
    this.attentionPending = false;
    this.startRead('attention');
  }

  private consoleEnded(csw1: number): void {
    const op = this.consoleOp;
    this.consoleOp = null;
    if (op === 'write') {
      if (this.startWrite()) return;
      if (this.waitingFor === 'console') {
        this.waitingFor = null;
        this.advance(undefined);
      }
      return;
    }
    const length = CONSOLE_READ_LENGTH - (csw1 & 0xffff);
    const line = fromEbcdic(this.guest.storage.bytes, CONSOLE_READ, CONSOLE_READ + Math.max(0, length));
    if (op === 'attention') {
      if (!this.supervisor.immediate(line, false)) this.typeAhead.push(line);
      if (!this.pswLoaded && this.waitingFor === 'console') {
        this.waitingFor = null;
        this.advance(undefined);
      }
      return;
    }
    // A read the CMS work asked for.
    this.waitingFor = null;
    if (this.supervisor.immediate(line, true)) {
      if (this.pswLoaded) return; // HX: the work was abandoned
      const again = this.carryOut({ kind: 'read' });
      if (!again.stop) this.advance(again.value);
      return;
    }
    this.advance(line);
  }

  // ---- running CMS work ----

  /**
   * Resume the top frame with `value` and carry out what it asks, until CMS
   * waits, hands the CPU to user code, or slices. Always leaves a PSW loaded.
   */
  private advance(value: unknown): void {
    let send = value;
    for (let guard = 0; ; guard++) {
      if (guard > 100000) throw new Error('CMS nucleus: no progress');
      const held = this.held;
      if (held !== null) {
        if (this.consoleOp !== null || this.supervisor.output.length > 0) {
          if (this.flushOrWait()) return;
        }
        this.held = null;
        if ('request' in held) {
          const r = this.carryOut(held.request);
          if (r.stop) return;
          send = r.value;
        } else {
          held.frame.done!(held.rc);
          return;
        }
      }
      if (this.frames.length === 0) this.frames.push({ gen: this.supervisor.commandCycle() });
      const frame = this.frames[this.frames.length - 1];
      let step: IteratorResult<Request, number>;
      try {
        step = frame.gen.next(send);
      } catch (err) {
        this.supervisor.output.push(this.supervisor.internalError(err));
        step = { done: true, value: -9 };
      }
      send = undefined;
      if (step.done) {
        this.frames.pop();
        if (frame.done) {
          this.held = { frame, rc: step.value };
        }
        continue;
      }
      this.held = { request: step.value };
    }
  }

  /** Start writing pending output (or wait for the console to be free). True: CMS now waits. */
  private flushOrWait(): boolean {
    if (this.consoleOp === null && !this.startWrite()) return false;
    this.waitingFor = 'console';
    this.loadWait();
    return true;
  }

  private carryOut(request: Request): { stop: boolean; value?: unknown } {
    const g = this.guest;
    switch (request.kind) {
      case 'read': {
        if (this.typeAhead.length > 0) return { stop: false, value: this.typeAhead.shift() };
        this.attentionPending = false;
        if (!this.startRead('read')) return { stop: false, value: '' };
        this.waitingFor = 'console';
        this.loadWait();
        return { stop: true };
      }
      case 'slice': {
        // Past the Resume slot's DIAGNOSE, then again(): the PSW goes back
        // to that DIAGNOSE and the dispatcher ends the slice, whichever
        // routine (Resume, I/O, SVC) is running now.
        const [w0, w1] = this.pswWords(this.enabledMask, 0, false, Slot.Resume + 4);
        this.load(w0, w1);
        g.again();
        return { stop: true };
      }
      case 'run': {
        request.gpr.forEach((v, i) => (g.gpr[i] = v >>> 0));
        g.gpr[14] = Slot.ProgramReturn;
        const [w0, w1] = this.pswWords(this.enabledMask, USER_KEY, false, request.address);
        this.load(w0, w1);
        return { stop: true };
      }
      case 'display':
        this.waitingFor = 'display';
        this.loadWait();
        return { stop: true };
      case 'io': {
        g.storage.writeU32(Lowcore.Caw, request.ccwAddress);
        const cc = g.startIo(request.device);
        if (cc === 3) return { stop: false, value: -1 };
        if (cc === 1) return { stop: false, value: g.storage.readU8(Lowcore.Csw + 4) };
        if (cc === 2) return { stop: false, value: -2 };
        this.waitingFor = 'io';
        this.waitingDevice = request.device;
        this.loadWait();
        return { stop: true };
      }
    }
  }

  /** Abandon all CMS work (HX, abend) and go back to the command cycle. */
  abort(lines: string[], rc: number | undefined): void {
    const frames = this.frames;
    this.frames = [];
    this.held = null;
    if (this.waitingFor === 'io' || this.waitingFor === 'display') this.waitingFor = null;
    for (let i = frames.length - 1; i >= 0; i--) {
      try {
        frames[i].gen.return(0);
      } catch {
        // a generator that fails while being closed is dropped all the same
      }
    }
    this.supervisor.aborted(lines, rc);
    if (this.waitingFor === 'console' && this.consoleOp === 'read') {
      // The cycle was reading the console: the next cycle reuses the read in progress.
      this.waitingFor = null;
      this.guest.haltIo(CONSOLE);
      this.consoleOp = null;
    }
    this.waitingFor = null;
    this.advance(undefined);
  }
}
