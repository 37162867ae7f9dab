// SET EXPLAIN ON|OFF: a vmcms teaching extension with no VM/370 counterpart.
// While it is on, CP writes a short note on the user's console each time it
// intercepts an instruction on the virtual machine's behalf, so a student
// watches their own program being virtualised:
//
//   EXPLAIN: CP simulated SIO 00E: 2 CCWs (WRITE, WRITE) to the virtual printer; cc 0
//   EXPLAIN: CP simulated SSM (trap, SET ASSIST OFF): system mask X'FF'
//   EXPLAIN: SSM ran in the assist, no trap to CP: system mask X'00'
//   EXPLAIN: CP simulated DIAGNOSE X'08': CP command "QUERY TIME"
//
// The notes are rate-limited (NOTES_PER_SECOND in CP's clock) so a program
// looping on SSM cannot flood the screen; the rest are only counted (QUERY
// ASSIST and INDICATE USER have the counts). Nothing is written while a
// full-screen program (XEDIT) owns the screen, and DIAGNOSE X'58' is never
// explained: a note would take the screen back and make the program redraw,
// and the redraw would be explained again. The guest's own native routines
// (DIAGNOSE X'0100'-X'01FC', docs/diagnose.md) are not CP's work and are
// not explained either.
//
// The texts are vmcms's own. What CP does for each instruction is described
// in docs/cp.md "How virtualisation works here" and ../shared/reference/cp.md
// section 9 (VM/370 DMKPRV, DMKVSI, DMKHVC).

import type { Cpu } from '../s390/cpu.js';
import { Lowcore } from '../s390/interruption.js';
import type { OpcodeRow } from '../s390/opcodes.js';
import type { Operands } from '../s390/operands.js';
import { fromEbcdic } from '../s390/ebcdic.js';
import type { LoggedOnUser } from './user.js';
import { NATIVE_FIRST, NATIVE_LAST, type VirtualMachine, type VirtualDeviceClass } from './virtual-machine.js';

/** At most this many notes per second of CP's clock; the rest are counted. */
export const NOTES_PER_SECOND = 10;
/** A channel program is walked this far for the CCW count (a loop is "more than" this). */
const MAX_CCWS_COUNTED = 64;

/** Where the notes go: the user's terminal, not the guest's console file or a DIAGNOSE X'08' buffer. */
export interface ExplainConsole {
  write(line: string): void;
  /** A full-screen program owns the screen: say nothing. */
  readonly quiet: boolean;
  /** CP's clock, ms. */
  now(): number;
}

const DEVICE_NAMES: Readonly<Record<VirtualDeviceClass, string>> = {
  CONS: 'the virtual console',
  RDR: 'the virtual card reader',
  PUN: 'the virtual punch',
  PRT: 'the virtual printer',
  DASD: 'a minidisk',
};

/** What each DIAGNOSE code asks CP for (docs/cp.md, docs/diagnose.md). */
const DIAGNOSE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'store extended identification'],
  [0x0c, 'pseudo timer (the CPU times of the Ready message)'],
  [0x14, 'read a spool file from the virtual reader'],
  [0x20, 'general I/O: a channel program run synchronously'],
  [0x24, 'device type'],
  [0x5c, 'edit an error message per SET EMSG'],
  [0x60, 'virtual storage size'],
  [0x64, 'named segments'],
  [0x250, 'block I/O on a minidisk'],
]);

const hex = (n: number, width: number): string => (n >>> 0).toString(16).toUpperCase().padStart(width, '0');

export class Explainer {
  private windowStart = -Infinity;
  private notesInWindow = 0;
  /** Notes not written because of the rate limit, since SET EXPLAIN ON. */
  suppressed = 0;

  constructor(
    private readonly out: ExplainConsole,
    private readonly vm: VirtualMachine,
  ) {}

  /**
   * A privileged instruction: `how` says who carried it out: CP after a
   * full trap (SET ASSIST OFF), CP inline (I/O under ASSIST ON), or the
   * assist. Called before the instruction runs; the returned function after.
   */
  privileged(row: OpcodeRow, op: Readonly<Operands>, cpu: Cpu, how: 'trap' | 'inline' | 'assist'): () => void {
    if (!this.mayNote()) return noop;
    const m = row.mnemonic;
    const who = how === 'assist' ? `EXPLAIN: ${m} ran in the assist, no trap to CP` : `EXPLAIN: CP simulated ${m}`;
    const why = how !== 'trap' ? '' : this.vm.assist ? ' (a full trap)' : ' (trap, SET ASSIST OFF)';
    if (m === 'SIO' || m === 'SIOF') {
      const device = op.addr2 & 0xffff;
      const what = this.channelProgram(cpu, device);
      return () => this.note(`${who} ${hex(device, 3)}${why}: ${what}; cc ${cpu.psw.cc}`);
    }
    if (m === 'SSM') {
      // SSM's operand is the byte at the second-operand address: the new system mask.
      const mask = cpu.storage.bytes[op.addr2 & cpu.amodeMask] ?? 0;
      return () => this.note(`${who}${why}: system mask X'${hex(mask, 2)}'`);
    }
    if (m === 'LPSW') {
      const at = op.addr2 & cpu.amodeMask & ~7;
      if (at + 8 > cpu.storage.size) return () => this.note(`${who}${why}`);
      const w0 = cpu.storage.readU32(at);
      const w1 = cpu.storage.readU32(at + 4);
      // Bit 14 is the wait bit in BC, EC and ESA/390 PSWs alike.
      const wait = (w0 & 0x00020000) !== 0 ? ', a wait state' : '';
      return () => this.note(`${who}${why}: new PSW ${hex(w0, 8)} ${hex(w1, 8)}${wait}`);
    }
    if (m === 'TIO' || m === 'HIO' || m === 'TCH' || m === 'CLRIO') {
      const device = op.addr2 & 0xffff;
      return () => this.note(`${who} ${hex(device, 3)}${why}: ${this.deviceName(device)}; cc ${cpu.psw.cc}`);
    }
    return () => this.note(`${who}${why}`);
  }

  /** A DIAGNOSE, from an instruction or from a guest's own TypeScript (CMS). Before; the result after. */
  diagnose(code: number, rx: number, ry: number, cpu: Cpu): () => void {
    if (code === 0x58 || (code >= NATIVE_FIRST && code <= NATIVE_LAST)) return noop;
    if (!this.mayNote()) return noop;
    const name = `EXPLAIN: CP simulated DIAGNOSE X'${hex(code, code > 0xff ? 3 : 2)}'`;
    if (code === 0x08) {
      const length = cpu.gpr[ry] & 0x00ffffff;
      const at = cpu.gpr[rx] & cpu.amodeMask;
      const text =
        length === 0 || at + length > cpu.storage.size
          ? ''
          : fromEbcdic(cpu.storage.bytes.subarray(at, at + Math.min(length, 60)));
      const what = length === 0 ? 'enter CP console function mode' : `CP command "${text.replace(/\x15/g, '; ')}"`;
      return () => this.note(`${name}: ${what}`);
    }
    const what = DIAGNOSE_NAMES.get(code) ?? 'not a CP function: specification exception';
    return () => this.note(`${name}: ${what}`);
  }

  /** SIO from a guest's TypeScript (CMS's console and printer I/O). */
  startIo(device: number, cpu: Cpu): (cc: number) => void {
    if (!this.mayNote()) return noop;
    const what = this.channelProgram(cpu, device);
    return (cc) => this.note(`EXPLAIN: CP simulated SIO ${hex(device, 3)}: ${what}; cc ${cc}`);
  }

  /** "2 CCWs (WRITE, WRITE) to the virtual printer": the chain at the CAW, read without running it. */
  private channelProgram(cpu: Cpu, device: number): string {
    const storage = cpu.storage;
    let address = storage.readU32(Lowcore.Caw) & 0x00fffff8;
    const kinds: string[] = [];
    let more = false;
    // S/370 PoO GA22-7000, "Input/Output Operations": chain data X'80' and
    // chain command X'40' continue the program; a TIC (bits 4-7 B'1000')
    // only transfers to the next CCW.
    for (let steps = 0; steps < MAX_CCWS_COUNTED * 2; steps++) {
      if (address + 8 > storage.size) break;
      const command = storage.bytes[address];
      if ((command & 0x0f) === 0x08) {
        address = storage.readU32(address) & 0x00fffff8;
        continue;
      }
      kinds.push(commandKind(command));
      const flags = storage.bytes[address + 4];
      if ((flags & 0xc0) === 0) break;
      if (kinds.length >= MAX_CCWS_COUNTED) {
        more = true;
        break;
      }
      address += 8;
    }
    const n = kinds.length;
    const ccws = more ? `more than ${n} CCWs` : `${n} CCW${n === 1 ? '' : 's'}`;
    const shown = n <= 4 ? kinds.join(', ') : `${kinds.slice(0, 3).join(', ')}, ...`;
    return `${ccws}${n > 0 ? ` (${shown})` : ''} to ${this.deviceName(device)}`;
  }

  private deviceName(device: number): string {
    const dev = this.vm.devices.get(device);
    return dev ? DEVICE_NAMES[dev.deviceClass] : 'no device (not operational)';
  }

  /** May a note be written now? Counts the ones the rate limit holds back. */
  private mayNote(): boolean {
    if (this.out.quiet) return false;
    const now = this.out.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.notesInWindow = 0;
    }
    if (this.notesInWindow < NOTES_PER_SECOND) {
      this.notesInWindow++;
      return true;
    }
    if (this.notesInWindow === NOTES_PER_SECOND) {
      this.notesInWindow++;
      this.out.write(
        `EXPLAIN: more than ${NOTES_PER_SECOND} intercepts this second; the rest are counted, not shown (QUERY ASSIST)`,
      );
    }
    this.suppressed++;
    return false;
  }

  private note(line: string): void {
    this.out.write(line);
  }
}

function noop(): void {}

/** The kind of a CCW command code (S/370 PoO, "Input/Output Operations", command code assignment). */
function commandKind(command: number): string {
  if ((command & 0x0f) === 0x04) return 'SENSE';
  if ((command & 0x0f) === 0x0c) return 'READ BACKWARD';
  switch (command & 0x03) {
    case 0x01:
      return 'WRITE';
    case 0x02:
      return 'READ';
    case 0x03:
      return command === 0x03 ? 'NOP' : 'CONTROL';
    default:
      return 'INVALID';
  }
}

/** SET EXPLAIN ON for a logged-on user: notes go to their terminal (never to a DIAGNOSE X'08' buffer). */
export function explainerFor(user: LoggedOnUser): Explainer {
  return new Explainer(
    {
      write: (line) => user.terminal?.console.write(line),
      get quiet() {
        return user.fullScreen.active;
      },
      now: () => user.cp.clock.now(),
    },
    user.vm,
  );
}
