// The bare machine's channel subsystem: S/370 channels with one subchannel
// per attached device, the I/O instructions' conditions, and the queue of
// pending I/O interruptions the CPU accepts. The CCW interpreter itself is
// in s390/channel-program.ts.
//
// S/370 PoO, GA22-7000, chapter "Input/Output Operations". Where the
// conformance programs (recorded on Hercules) show a result, vmcms gives
// that result; elsewhere it follows the PoO. The simplifications:
//
// - Every channel behaves as a multiplexer with one subchannel per device;
//   channel 0 reports itself as a byte multiplexer, the others as block
//   multiplexers (STORE CHANNEL ID). A channel exists when a device is
//   attached to it; anything else is not operational (cc 3).
// - A channel program runs to completion inside START I/O unless a device
//   must wait for outside input; it then completes later and its
//   interruption becomes pending at that time.
// - The device accepts every command at initial selection and reports its
//   status at the end, so START I/O sets cc 0 and the status comes as an
//   I/O interruption, even for a command the device rejects (the
//   conformance programs expect unit check alone in an interruption) and
//   for an unchained immediate command (where the PoO would set cc 1 with
//   channel end in the CSW). START I/O sets cc 1 and stores the CSW for
//   the programming errors the channel finds in the CAW or the first CCW,
//   and for a device holding unsolicited status (busy bit in the CSW).
//   START I/O FAST RELEASE reports those errors later instead, as an
//   interruption whose CSW carries deferred condition code 1.

// The storage the channel uses is a ChannelStorage (s390/channel-program.ts):
//   { bytes: Uint8Array; keyAllows(addr, key, store): boolean; changed?(addr, length) }
// with real addresses; the machine's Storage satisfies it.

import { ChannelStatus, UnitStatus, cswUnitStatus, decodeCaw, encodeCsw, type Csw } from './ccw.js';
import { ChannelProgram, type ChannelStorage } from './channel-program.js';
import type { ChannelSubsystem, IoCc, IoInterruption, IoResult } from './channel-subsystem.js';
import type { Device } from './device.js';

export type { ChannelStorage } from './channel-program.js';

/** Channel ID word (STORE CHANNEL ID, X'A8'): bits 0-3 the channel type. */
const ChannelType = {
  ByteMultiplexer: 0x1,
  BlockMultiplexer: 0x2,
} as const;

/** What caused a pending interruption: the end of a program, a PCI, or the device on its own. */
type PendingKind = 'end' | 'pci' | 'unsolicited';

interface Pending {
  readonly interruption: IoInterruption;
  readonly kind: PendingKind;
}

interface Subchannel {
  readonly address: number;
  readonly device: Device;
  /** The program in progress, while a device is still to complete a command. */
  program: ChannelProgram | null;
}

export class Channel implements ChannelSubsystem {
  private readonly subchannels = new Map<number, Subchannel>();
  /** Pending interruptions in the order they arose. */
  private readonly pending: Pending[] = [];
  private waiters: Array<() => void> = [];

  constructor(private readonly storage: ChannelStorage) {}

  /** Attach a device at an I/O address (channel in bits 0-7, device in bits 8-15 of the halfword). */
  attach(address: number, device: Device): void {
    if (!Number.isInteger(address) || address < 0 || address > 0xffff) {
      throw new Error(`I/O address ${address} is not a halfword`);
    }
    if (this.subchannels.has(address)) throw new Error(`I/O address ${hex3(address)} is already in use`);
    this.subchannels.set(address, { address, device, program: null });
    device.attach?.({ presentStatus: (status) => this.presentUnsolicited(address, status) });
  }

  /**
   * Detach the device at `address` (a DETACH under CP): its program ends
   * without status, its pending interruptions go, and the address is not
   * operational again (cc 3) until something is attached there.
   */
  detach(address: number): Device | undefined {
    const sub = this.subchannels.get(address);
    if (!sub) return undefined;
    sub.program?.halt(false);
    this.subchannels.delete(address);
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i].interruption.device === address) this.pending.splice(i, 1);
    }
    return sub.device;
  }

  /** The device attached at `address`, if any. */
  deviceAt(address: number): Device | undefined {
    return this.subchannels.get(address)?.device;
  }

  /** System reset: end every program without status, drop pending interruptions, reset devices. */
  reset(): void {
    for (const sub of this.subchannels.values()) {
      sub.program?.halt(false);
      sub.program = null;
      sub.device.reset?.();
    }
    this.pending.length = 0;
  }

  /** The attached devices, what each is doing, and the interruptions pending (for DISPLAY-style tools and tests). */
  snapshot(): {
    devices: Array<{ address: number; type: string; working: boolean }>;
    pending: Array<{ device: number; kind: PendingKind }>;
  } {
    return {
      devices: [...this.subchannels.values()].map((s) => ({
        address: s.address,
        type: s.device.type,
        working: s.program !== null,
      })),
      pending: this.pending.map((p) => ({ device: p.interruption.device, kind: p.kind })),
    };
  }

  // ---- What the CPU uses ----

  get interruptPending(): boolean {
    return this.pending.length > 0;
  }

  get busy(): boolean {
    for (const sub of this.subchannels.values()) if (sub.program?.waiting) return true;
    return false;
  }

  acceptInterrupt(enabled: (channel: number) => boolean): IoInterruption | null {
    const i = this.pending.findIndex((p) => enabled(p.interruption.device >>> 8));
    if (i < 0) return null;
    return this.pending.splice(i, 1)[0].interruption;
  }

  whenInterruptPending(): Promise<void> {
    if (this.pending.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  // ---- The I/O instructions ----

  startIo(address: number, caw: number, fast: boolean): IoResult {
    const sub = this.subchannels.get(address);
    if (!sub) return { cc: 3 };
    if (sub.program) return { cc: 2 };
    const held = this.pendingFor(address);
    if (held >= 0) {
      const p = this.pending[held];
      // Interruption pending in the subchannel for this device: cc 2. Status
      // the device holds on its own is presented with busy and cleared.
      if (p.kind !== 'unsolicited') return { cc: 2 };
      this.pending.splice(held, 1);
      const status = cswUnitStatus(p.interruption.csw1) | UnitStatus.Busy;
      return { cc: 1, csw: { csw0: 0, csw1: (status << 24) >>> 0 }, statusOnly: true };
    }
    const { key, ccwAddress, valid } = decodeCaw(caw);
    let rejected: Csw | null = null;
    if (!valid) {
      rejected = encodeCsw({ key, ccwAddress, unitStatus: 0, channelStatus: ChannelStatus.ProgramCheck, count: 0 });
    } else {
      const program = new ChannelProgram(this.storage, sub.device, key, ccwAddress, {
        onEnd: (csw) => this.programEnded(sub, program, csw),
        onPci: (csw) => this.queue(address, csw, 'pci'),
      });
      sub.program = program;
      if (program.start() !== 0) {
        sub.program = null;
        rejected = program.rejectionCsw();
      }
    }
    if (rejected === null) return { cc: 0 };
    if (!fast) return { cc: 1, csw: rejected };
    // START I/O FAST RELEASE: cc 0 now, the condition later as deferred cc 1.
    this.queue(address, { csw0: (rejected.csw0 | 0x01000000) >>> 0, csw1: rejected.csw1 }, 'end');
    return { cc: 0 };
  }

  testIo(address: number): IoResult {
    const sub = this.subchannels.get(address);
    if (!sub) return { cc: 3 };
    if (sub.program) return { cc: 2 };
    const held = this.pendingFor(address);
    if (held < 0) return { cc: 0 };
    const { csw0, csw1 } = this.pending.splice(held, 1)[0].interruption;
    return { cc: 1, csw: { csw0, csw1 } };
  }

  clearIo(address: number): IoResult {
    const sub = this.subchannels.get(address);
    if (!sub) return { cc: 3 };
    if (sub.program) {
      const program = sub.program;
      const csw = program.currentCsw(0);
      program.halt(false);
      sub.program = null;
      this.dropPending(address);
      return { cc: 1, csw };
    }
    const held = this.pendingFor(address);
    if (held < 0) return { cc: 0 };
    const { csw0, csw1 } = this.pending.splice(held, 1)[0].interruption;
    return { cc: 1, csw: { csw0, csw1 } };
  }

  haltIo(address: number): IoResult {
    const sub = this.subchannels.get(address);
    if (!sub) return { cc: 3 };
    if (sub.program) {
      // Data transfer is ended now; channel end and device end of the
      // halted operation follow as an interruption.
      sub.program.halt(true);
      return { cc: 1, csw: { csw0: 0, csw1: 0 }, statusOnly: true };
    }
    // Interruption pending in the subchannel: the halt signal is not sent.
    if (this.pendingFor(address) >= 0) return { cc: 0 };
    // Device selected and signalled to halt; nothing was in progress.
    sub.device.halt?.();
    return { cc: 1, csw: { csw0: 0, csw1: 0 }, statusOnly: true };
  }

  /** With one subchannel per device, HALT DEVICE acts as HALT I/O does. */
  haltDevice(address: number): IoResult {
    return this.haltIo(address);
  }

  testChannel(channel: number): IoCc {
    if (!this.channelExists(channel)) return 3;
    return this.pending.some((p) => p.interruption.device >>> 8 === channel) ? 1 : 0;
  }

  storeChannelId(channel: number): { readonly cc: IoCc; readonly channelId?: number } {
    if (!this.channelExists(channel)) return { cc: 3 };
    const type = channel === 0 ? ChannelType.ByteMultiplexer : ChannelType.BlockMultiplexer;
    return { cc: 0, channelId: (type << 28) >>> 0 };
  }

  // ---- Inside ----

  private channelExists(channel: number): boolean {
    for (const address of this.subchannels.keys()) if (address >>> 8 === channel) return true;
    return false;
  }

  private pendingFor(address: number): number {
    return this.pending.findIndex((p) => p.interruption.device === address);
  }

  private dropPending(address: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i].interruption.device === address) this.pending.splice(i, 1);
    }
  }

  private programEnded(sub: Subchannel, program: ChannelProgram, csw: Csw): void {
    if (sub.program === program) sub.program = null;
    // A PCI interruption not yet taken merges into the ending CSW (PoO,
    // "Program-Controlled Interruption").
    let csw1 = csw.csw1;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const p = this.pending[i];
      if (p.kind === 'pci' && p.interruption.device === sub.address) {
        this.pending.splice(i, 1);
        csw1 = (csw1 | (ChannelStatus.ProgramControlledInterruption << 16)) >>> 0;
      }
    }
    this.queue(sub.address, { csw0: csw.csw0, csw1 }, 'end');
  }

  private presentUnsolicited(address: number, unitStatus: number): void {
    this.queue(address, { csw0: 0, csw1: ((unitStatus & 0xff) << 24) >>> 0 }, 'unsolicited');
  }

  private queue(device: number, csw: Csw, kind: PendingKind): void {
    this.pending.push({ interruption: { device, csw0: csw.csw0, csw1: csw.csw1 }, kind });
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

function hex3(n: number): string {
  return n.toString(16).toUpperCase().padStart(3, '0');
}
