// A virtual machine: what one logged-on user believes is a whole computer.
// It is a Cpu of the directory's architecture and storage size, with CP as
// its interceptor (cp/intercept.ts), and a virtual channel carrying the
// virtual devices of the directory (console, reader, punch, printer; the
// minidisks of issue 6 go in the same device table).
//
// The virtual channel. The CCW interpreter of s390/channel.ts knows nothing
// of real hardware: it walks a channel program in the storage it is given
// and hands each command to a Device. CP gives it the virtual machine's own
// storage and CP's virtual devices (cp/vdev/), so "CCW translation" here is
// the channel moving data between guest storage and CP's simulated device,
// and the CSW, unit status and interruption land in the virtual machine
// exactly as the S/370 PoO says. What VM/370 did in DMKCCW (copy the chain,
// translate virtual addresses to real, fix pages) has nothing to do when the
// virtual machine's storage is a host array; what it protected against (wild
// CCWs, loops in the chain) is still guarded: program check for addresses
// outside storage, and channel time in slices for endless chains
// (cp/vdev/channel-slicer.ts).

import { Channel } from '../s390/channel.js';
import { Cpu, type ArchMode } from '../s390/cpu.js';
import type { Device } from '../s390/device.js';
import { CardPunch2540 } from '../s390/devices/card-punch-2540.js';
import { CardReader2540 } from '../s390/devices/card-reader-2540.js';
import { Printer1403 } from '../s390/devices/printer-1403.js';
import { fromEbcdic } from '../s390/ebcdic.js';
import type { NativeRoutine } from '../s390/guest.js';
import type { TodSource } from '../s390/clock.js';
import type { DirectoryEntry } from './directory.js';
import { SlicedDevice } from './vdev/channel-slicer.js';
import { VirtualConsole, type ConsoleOwner } from './vdev/virtual-console.js';

/** The kinds of virtual device, as QUERY VIRTUAL names them. */
export type VirtualDeviceClass = 'CONS' | 'RDR' | 'PUN' | 'PRT' | 'DASD';

export interface VirtualDevice {
  readonly vaddr: number;
  readonly deviceClass: VirtualDeviceClass;
  /** IBM type: 3215, 2540R, 2540P, 1403, 3370. */
  readonly devtype: string;
  /** The device model the virtual channel drives (wrapped for channel time). */
  readonly device: Device;
  /** Spool class (unit record devices). */
  spoolClass: string;
}

/** What CP counts per virtual machine for INDICATE USER and QUERY ASSIST. */
export class VmCounters {
  /** Privileged instructions CP simulated, by mnemonic (each one a trap). */
  readonly simulated = new Map<string, number>();
  /** Privileged instructions the machine ran itself under SET ASSIST ON. */
  assisted = 0;
  /** SIO / SIOF on virtual devices. */
  startIo = 0;
  diagnose = 0;
  /** Virtual CPU time and CP time on the virtual machine's behalf, microseconds. */
  virtualCpuUs = 0;
  cpUs = 0;
  cardsRead = 0;
  cardsPunched = 0;
  linesPrinted = 0;

  get trapCount(): number {
    let n = 0;
    for (const v of this.simulated.values()) n += v;
    return n;
  }

  countSimulated(mnemonic: string): void {
    this.simulated.set(mnemonic, (this.simulated.get(mnemonic) ?? 0) + 1);
  }

  resetCpu(): void {
    this.virtualCpuUs = 0;
    this.cpUs = 0;
  }
}

/** Native routines: DIAGNOSE codes X'0100'-X'01FC', one every 4 (docs/diagnose.md). */
export const NATIVE_FIRST = 0x100;
export const NATIVE_LAST = 0x1fc;

export interface VirtualMachineOptions {
  readonly entry: DirectoryEntry;
  readonly todSource: TodSource;
  readonly console: ConsoleOwner;
}

export class VirtualMachine {
  readonly userid: string;
  readonly arch: ArchMode;
  cpu!: Cpu;
  channel!: Channel;
  readonly devices = new Map<number, VirtualDevice>();
  readonly console: VirtualConsole;
  readonly consoleAddress: number;
  readonly reader: CardReader2540;
  /** Cards punched and lines printed: held here until spooling (issue 6) takes them. */
  readonly punched: Uint8Array[] = [];
  readonly printed: string[] = [];
  readonly counters = new VmCounters();
  /** SET ASSIST: ON lets the machine run the privileged instructions that touch only this machine's state. */
  assist = true;
  /** Has an IPL loaded something runnable? */
  loaded = false;
  /** IPL ... STOP: the IPL PSW at 0 is loaded on BEGIN. */
  pendingIplPsw = false;
  /** Bumped by every system reset and DEFINE STORAGE: the machine a running instruction belonged to is gone. */
  resets = 0;
  readonly natives = new Map<number, NativeRoutine>();
  /**
   * CP posted an interruption the CPU keeps to itself (the interrupt key of
   * EXTERNAL): the machine must be run once even from a wait to take it.
   */
  interruptionPosted = false;
  /** A native routine asked to run again (Guest.again): the slice ends. */
  yieldRequested = false;
  /** Channel endings deferred to the next slice (channel time of long chains). */
  readonly deferred: Array<() => void> = [];
  private printLine = '';

  constructor(private readonly options: VirtualMachineOptions) {
    const entry = options.entry;
    this.userid = entry.userid;
    this.arch = entry.machine;
    this.console = new VirtualConsole(options.console);
    this.consoleAddress = entry.console?.vaddr ?? 0x009;
    this.addDevice(this.consoleAddress, 'CONS', entry.console?.devtype ?? '3215', this.console, 'T');
    this.reader = new CardReader2540([], { eof: true });
    for (const spool of entry.spool) {
      if (spool.kind === 'READER')
        this.addDevice(spool.vaddr, 'RDR', spool.devtype, this.countingReader(), spool.spoolClass);
      else if (spool.kind === 'PUNCH')
        this.addDevice(
          spool.vaddr,
          'PUN',
          spool.devtype,
          new CardPunch2540((card) => this.punch(card)),
          spool.spoolClass,
        );
      else this.addDevice(spool.vaddr, 'PRT', spool.devtype, new Printer1403((t) => this.print(t)), spool.spoolClass);
    }
    this.defineStorage(entry.storage);
  }

  /** Storage size in bytes. */
  get storageSize(): number {
    return this.cpu.storage.size;
  }

  /**
   * A new CPU and channel with `bytes` of storage (logon, DEFINE STORAGE):
   * a system reset with storage cleared. The devices carry over.
   */
  defineStorage(bytes: number): void {
    this.resets++;
    const interceptor = this.cpu?.interceptor ?? null;
    this.cpu = new Cpu(this.arch, bytes, { clock: this.options.todSource });
    this.channel = new Channel(this.cpu.storage);
    this.cpu.channel = this.channel;
    this.cpu.interceptor = interceptor;
    for (const dev of this.devices.values()) this.channel.attach(dev.vaddr, dev.device);
    this.loaded = false;
    this.natives.clear();
  }

  /** SYSTEM RESET (and CLEAR: storage and keys zeroed): the CPU and every device reset, nothing pending. */
  systemReset(clear: boolean): void {
    this.resets++;
    this.cpu.reset();
    this.channel.reset();
    if (clear) {
      this.cpu.storage.bytes.fill(0);
      this.cpu.storage.keys.fill(0);
    }
    this.deferred.length = 0;
    this.natives.clear();
    this.loaded = false;
    this.pendingIplPsw = false;
  }

  /** Put a card deck into the virtual reader (tests, and issue 6's spool). */
  loadReader(deck: Uint8Array[]): void {
    this.reader.load(deck);
  }

  /** The next free native-routine code. */
  registerNative(routine: NativeRoutine): number {
    for (let code = NATIVE_FIRST; code <= NATIVE_LAST; code += 4) {
      if (!this.natives.has(code)) {
        this.natives.set(code, routine);
        return code;
      }
    }
    throw new Error(`${this.userid}: no native routine codes left (X'0100'-X'01FC')`);
  }

  private addDevice(
    vaddr: number,
    deviceClass: VirtualDeviceClass,
    devtype: string,
    device: Device,
    spoolClass: string,
  ): void {
    const sliced = new SlicedDevice(device, (action) => {
      this.deferred.push(action);
      return () => {
        const i = this.deferred.indexOf(action);
        if (i >= 0) this.deferred.splice(i, 1);
      };
    });
    this.devices.set(vaddr, { vaddr, deviceClass, devtype, device: sliced, spoolClass });
  }

  private countingReader(): Device {
    const reader = this.reader;
    return {
      type: reader.type,
      attach: (port) => reader.attach(port),
      reset: () => reader.reset(),
      execute: (command, data) => {
        if ((command & 0x3f) === 0x02 && reader.cardsLeft > 0) this.counters.cardsRead++;
        return reader.execute(command, data);
      },
    };
  }

  private punch(card: Uint8Array): void {
    this.counters.cardsPunched++;
    this.punched.push(card);
  }

  private print(text: string): void {
    for (const ch of text) {
      if (ch === '\n' || ch === '\f') {
        this.printed.push(this.printLine);
        this.counters.linesPrinted++;
        this.printLine = '';
      } else if (ch !== '\r') this.printLine += ch;
    }
  }

  /** Punched cards as text (for tests and DISPLAY-like tools). */
  punchedText(): string[] {
    return this.punched.map((c) => fromEbcdic(c).trimEnd());
  }
}
