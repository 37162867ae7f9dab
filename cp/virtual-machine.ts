// A virtual machine: what one logged-on user believes is a whole computer.
// It is a Cpu of the directory's architecture and storage size, with CP as
// its interceptor (cp/intercept.ts), and a virtual channel carrying the
// virtual devices of the directory (console, spooled reader, punch and
// printer, and the minidisks CP links at logon or on LINK).
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
import type { CommandResult, DataTransfer, Device, DevicePort } from '../s390/device.js';
import { UnitStatus } from '../s390/ccw.js';
import type { NativeRoutine } from '../s390/guest.js';
import type { TodSource } from '../s390/clock.js';
import type { DirectoryEntry } from './directory.js';
import type { Minidisk } from './minidisk.js';
import { SlicedDevice } from './vdev/channel-slicer.js';
import { VirtualConsole, type ConsoleOwner } from './vdev/virtual-console.js';
import { VirtualDasd } from './vdev/virtual-dasd.js';
import { VirtualReader } from './vdev/virtual-reader.js';
import { VirtualSpoolOutput } from './vdev/virtual-spool-output.js';

/** The kinds of virtual device, as QUERY VIRTUAL names them. */
export type VirtualDeviceClass = 'CONS' | 'RDR' | 'PUN' | 'PRT' | 'DASD';

/** A minidisk in a virtual machine: whose it is and how it is linked. */
export interface DasdLink {
  readonly minidisk: Minidisk;
  readonly readOnly: boolean;
  /** The owner's directory vaddr (the key of the link in CP's registry); T-disks have none. */
  readonly temporary: boolean;
}

export interface VirtualDevice {
  readonly vaddr: number;
  readonly deviceClass: VirtualDeviceClass;
  /** IBM type: 3215, 2540R, 2540P, 1403, 3370. */
  readonly devtype: string;
  /** The device model the virtual channel drives (wrapped for channel time). */
  readonly device: Device;
  /** Spool class (unit record devices: the SPOOL command changes it on the device's options). */
  readonly spoolClass: string;
  readonly reader?: VirtualReader;
  readonly output?: VirtualSpoolOutput;
  readonly dasd?: DasdLink;
}

/**
 * What the channel sees at one virtual address: the device, which CP may
 * replace in place (a spooled device re-plugged by SPOOL, a minidisk
 * re-linked). DETACH takes the slot off the channel, so an SIO to the
 * address is then not operational (cc 3), as on a real machine. An empty
 * slot (never left on the channel) would answer unit check.
 */
class DeviceSlot implements Device {
  get type(): string {
    return this.inner?.type ?? 'NONE';
  }
  private port: DevicePort | null = null;
  private readonly sense = new Uint8Array(1);
  constructor(public inner: Device | null) {}

  attach(port: DevicePort): void {
    this.port = port;
    this.inner?.attach?.(port);
  }
  plug(device: Device | null): void {
    this.inner = device;
    if (device && this.port) device.attach?.(this.port);
  }
  halt(): void {
    this.inner?.halt?.();
  }
  reset(): void {
    this.inner?.reset?.();
  }
  execute(command: number, data: DataTransfer, complete: (result: CommandResult) => void): CommandResult | undefined {
    if (this.inner) return this.inner.execute(command, data, complete);
    if (command === 0x04) {
      data.store(this.sense);
      return { status: UnitStatus.ChannelEnd | UnitStatus.DeviceEnd };
    }
    this.sense[0] = 0x40; // intervention required
    return { status: UnitStatus.UnitCheck };
  }
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
  private readonly slots = new Map<number, DeviceSlot>();
  readonly console: VirtualConsole;
  readonly consoleAddress: number;
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
  /** Minidisks the guest INITed for DIAGNOSE X'250' block I/O. */
  readonly blockIoInitialized = new Set<number>();

  constructor(private readonly options: VirtualMachineOptions) {
    const entry = options.entry;
    this.userid = entry.userid;
    this.arch = entry.machine;
    this.console = new VirtualConsole(options.console);
    this.consoleAddress = entry.console?.vaddr ?? 0x009;
    this.addDevice(this.consoleAddress, 'CONS', entry.console?.devtype ?? '3215', this.console, 'T');
    for (const spool of entry.spool) {
      if (spool.kind === 'READER') {
        const reader = new VirtualReader(spool.devtype === '2540' ? '2540R' : spool.devtype, spool.spoolClass);
        reader.onCard = () => this.counters.cardsRead++;
        this.addDevice(spool.vaddr, 'RDR', spool.devtype, reader, spool.spoolClass, { reader });
      } else {
        const kind = spool.kind === 'PUNCH' ? 'PUN' : 'PRT';
        const type = kind === 'PUN' && spool.devtype === '2540' ? '2540P' : spool.devtype;
        const output = new VirtualSpoolOutput(type, kind, spool.spoolClass);
        output.onRecord = kind === 'PUN' ? () => this.counters.cardsPunched++ : () => this.counters.linesPrinted++;
        this.addDevice(spool.vaddr, kind, spool.devtype, output, spool.spoolClass, { output });
      }
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
    for (const [vaddr, slot] of this.slots) this.channel.attach(vaddr, slot);
    this.loaded = false;
    this.natives.clear();
    this.blockIoInitialized.clear();
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
    this.blockIoInitialized.clear();
    this.loaded = false;
    this.pendingIplPsw = false;
  }

  /** The first virtual reader (00C), if the machine has one. */
  get reader(): VirtualReader | undefined {
    for (const dev of this.devices.values()) if (dev.reader) return dev.reader;
    return undefined;
  }

  /** Put a card deck straight into the virtual reader's hopper (tests' IPL decks). */
  loadReader(deck: Uint8Array[]): void {
    this.reader?.load(deck);
  }

  /** Attach a minidisk link at `vaddr` (logon, LINK, DEFINE). The caller checked the address is free. */
  attachDasd(vaddr: number, link: DasdLink): void {
    this.addDevice(vaddr, 'DASD', link.minidisk.devtype, new VirtualDasd(link.minidisk, link.readOnly), '', {
      dasd: link,
    });
  }

  /** DETACH: the device leaves the machine (its slot on the channel is emptied). */
  detach(vaddr: number): VirtualDevice | undefined {
    const dev = this.devices.get(vaddr);
    if (!dev) return undefined;
    this.devices.delete(vaddr);
    this.blockIoInitialized.delete(vaddr);
    this.slots.get(vaddr)?.plug(null);
    this.slots.delete(vaddr);
    this.channel?.detach(vaddr);
    return dev;
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
    parts: Pick<VirtualDevice, 'reader' | 'output' | 'dasd'> = {},
  ): void {
    const sliced = new SlicedDevice(device, (action) => {
      this.deferred.push(action);
      return () => {
        const i = this.deferred.indexOf(action);
        if (i >= 0) this.deferred.splice(i, 1);
      };
    });
    const options = parts.reader?.options ?? parts.output?.options;
    this.devices.set(vaddr, {
      vaddr,
      deviceClass,
      devtype,
      device: sliced,
      get spoolClass() {
        return options?.spoolClass ?? spoolClass;
      },
      ...parts,
    });
    const slot = this.slots.get(vaddr);
    if (slot) slot.plug(sliced);
    else {
      const fresh = new DeviceSlot(sliced);
      this.slots.set(vaddr, fresh);
      this.channel?.attach(vaddr, fresh);
    }
  }
}
