// One channel program at one subchannel: fetch CCWs, honour the flags (CD,
// CC, SLI, SKIP, PCI) and TIC, hand each command to the device and move its
// data, count residuals and build the ending CSW. S/370 PoO, GA22-7000,
// chapter "Input/Output Operations", sections "Chaining", "Channel Command
// Word" and "Contents of Channel Status Word".

import {
  ChannelStatus,
  CcwFlag,
  UnitStatus,
  commandType,
  decodeCcw,
  encodeCsw,
  type Ccw,
  type CommandType,
  type Csw,
} from './ccw.js';
import type { CommandResult, DataTransfer, Device } from './device.js';

/**
 * The storage a channel reads and writes: real addresses, no DAT. The
 * machine's Storage class satisfies it; tests may use a plain object.
 */
export interface ChannelStorage {
  /** Real storage; its length is the installed storage size. */
  readonly bytes: Uint8Array;
  /**
   * Whether access key `key` may fetch (store = false) or store at real
   * address `addr`: key 0 always may; otherwise the storage key's
   * access-control bits must match, and for a fetch only when the block is
   * fetch-protected.
   */
  keyAllows(addr: number, key: number, store: boolean): boolean;
  /** Called after the channel stored `length` bytes at `addr` (to set change bits). */
  changed?(addr: number, length: number): void;
}

/** Where a program tells its subchannel about interruption conditions. */
export interface ProgramEvents {
  /** The program ended: queue the I/O interruption with this CSW. */
  onEnd(csw: Csw): void;
  /** A PCI condition arose while the program waits for a device: queue an intermediate interruption. */
  onPci(csw: Csw): void;
}

/** Storage keys are checked once per 2K block (the S/370 key granularity; 4K blocks fall out the same). */
const KEY_BLOCK_SHIFT = 11;

const ADDRESS_MASK = 0x00ffffff;

/** CONTROL NO-OPERATION, X'03': an immediate command whose count is never judged. */
const NO_OPERATION = 0x03;

export class ChannelProgram implements DataTransfer {
  /** Address of the CCW in use (the CSW shows it plus 8). */
  private ccwAddress = 0;
  private ccw: Ccw = { command: 0, dataAddress: 0, flags: 0, count: 0 };
  /** The command being carried out (data chaining keeps it across CCWs). */
  private command = 0;
  private type: CommandType = 'invalid';
  /** Count left in the current CCW, and where the next data byte goes. */
  private remaining = 0;
  private dataAddress = 0;
  private checkedBlock = -1;
  private channelStatus = 0;
  /** The device offered more input than the count took. */
  private more = false;
  /** A program or protection check stopped the data transfer. */
  private transferStopped = false;
  private pciPending = false;
  private first = true;
  /** Bumped on halt so a late completion from the device is ignored. */
  private generation = 0;
  private ended = false;

  chained = false;
  previousCommand = -1;
  /** True while the device is carrying out a command that completes later. */
  waiting = false;

  constructor(
    private readonly storage: ChannelStorage,
    private readonly device: Device,
    private readonly key: number,
    private readonly firstCcwAddress: number,
    private readonly events: ProgramEvents,
  ) {}

  /**
   * Fetch the first CCW and run the program as far as it goes without
   * waiting. Returns the channel status of a program or protection check
   * found in the first CCW, before any command reached the device (START I/O
   * then stores the CSW instead of starting), or 0 when the program started.
   */
  start(): number {
    if (!this.loadCcw(this.firstCcwAddress, false)) return this.channelStatus;
    this.first = false;
    this.run();
    return 0;
  }

  /** The CSW for the first-CCW check that start() reported. */
  rejectionCsw(): Csw {
    return encodeCsw({
      key: this.key,
      ccwAddress: this.ccwAddress + 8,
      unitStatus: 0,
      channelStatus: this.channelStatus,
      count: this.ccw.count,
    });
  }

  /** The CSW as it stands now (CLEAR I/O stores it when it ends the program). */
  currentCsw(unitStatus: number): Csw {
    return encodeCsw({
      key: this.key,
      ccwAddress: this.ccwAddress + 8,
      unitStatus,
      channelStatus: this.channelStatus,
      count: this.remaining,
    });
  }

  /**
   * HALT I/O / HALT DEVICE / CLEAR I/O: stop waiting for the device. With
   * `interrupt`, the program ends with channel end and device end as an
   * I/O interruption (HALT); without, it simply ends (CLEAR).
   */
  halt(interrupt: boolean): void {
    if (this.ended) return;
    this.generation++;
    this.waiting = false;
    this.device.halt?.();
    if (interrupt) this.end(UnitStatus.ChannelEnd | UnitStatus.DeviceEnd);
    else this.ended = true;
  }

  // ---- The chain ----

  private run(): void {
    for (;;) {
      const result = this.executeCommand();
      if (result === undefined) return; // the device completes later
      if (!this.afterCommand(result)) return;
    }
  }

  /** Give the current command to the device; undefined when it completes later. */
  private executeCommand(): CommandResult | undefined {
    this.command = this.ccw.command;
    this.type = commandType(this.command);
    this.more = false;
    this.transferStopped = false;
    const generation = this.generation;
    let inExecute = true;
    let early: CommandResult | undefined;
    const complete = (result: CommandResult): void => {
      if (inExecute) {
        early = result;
        return;
      }
      if (generation !== this.generation || this.ended || !this.waiting) return;
      this.waiting = false;
      if (this.afterCommand(result)) this.run();
    };
    const result = this.device.execute(this.command, this, complete) ?? early;
    inExecute = false;
    if (result === undefined) {
      this.waiting = true;
      if (this.pciPending) {
        this.pciPending = false;
        this.events.onPci(this.currentStatusCsw(ChannelStatus.ProgramControlledInterruption));
      }
    }
    return result;
  }

  /** Judge the device's ending status: returns true to go on with the next command. */
  private afterCommand(result: CommandResult): boolean {
    const status = result.status;
    // Incorrect length: the count and what the device took or offered
    // differ. SLI suppresses it, except in a CCW that also asks for data
    // chaining (the device ended before the chain was used up). As in the
    // reference emulator, it is judged whatever the unit status (a rejected
    // command leaves its whole count), and never for CONTROL NO-OPERATION.
    const short = this.remaining > 0;
    const dataChained = (this.ccw.flags & CcwFlag.ChainData) !== 0;
    const sli = (this.ccw.flags & CcwFlag.SuppressLength) !== 0 && !dataChained;
    const more = this.more || result.incorrectLength === true;
    if ((short || more) && !sli && !this.transferStopped && this.command !== NO_OPERATION) {
      this.channelStatus |= ChannelStatus.IncorrectLength;
    }
    const unusual =
      (status & ~UnitStatus.StatusModifier) !== (UnitStatus.ChannelEnd | UnitStatus.DeviceEnd) ||
      (this.channelStatus &
        (ChannelStatus.IncorrectLength |
          ChannelStatus.ProgramCheck |
          ChannelStatus.ProtectionCheck |
          ChannelStatus.ChainingCheck)) !==
        0;
    // Command chaining takes place on channel end and device end when
    // nothing unusual happened; status modifier makes the channel skip one CCW.
    if (!unusual && (this.ccw.flags & CcwFlag.ChainCommand) !== 0) {
      const next = (this.ccwAddress + ((status & UnitStatus.StatusModifier) !== 0 ? 16 : 8)) & ADDRESS_MASK;
      this.previousCommand = this.command;
      this.chained = true;
      if (this.loadCcw(next, false)) return true;
      this.end(status & (UnitStatus.ChannelEnd | UnitStatus.DeviceEnd));
      return false;
    }
    this.end(status);
    return false;
  }

  private end(unitStatus: number): void {
    if (this.ended) return;
    this.ended = true;
    let channelStatus = this.channelStatus;
    if (this.pciPending) channelStatus |= ChannelStatus.ProgramControlledInterruption;
    this.events.onEnd(
      encodeCsw({ key: this.key, ccwAddress: this.ccwAddress + 8, unitStatus, channelStatus, count: this.remaining }),
    );
  }

  private currentStatusCsw(channelStatus: number): Csw {
    return encodeCsw({
      key: this.key,
      ccwAddress: this.ccwAddress + 8,
      unitStatus: 0,
      channelStatus,
      count: this.remaining,
    });
  }

  /**
   * Fetch the CCW at `addr` (following one TIC), check it and make it
   * current. On a programming error, record program check (or protection
   * check) and return false; the CSW then points past the offending CCW.
   */
  private loadCcw(addr: number, dataChaining: boolean): boolean {
    const bytes = this.storage.bytes;
    let afterTic = false;
    for (;;) {
      this.ccwAddress = addr;
      if (addr + 8 > bytes.length) return this.fail(ChannelStatus.ProgramCheck);
      if (!this.storage.keyAllows(addr, this.key, false)) return this.fail(ChannelStatus.ProtectionCheck);
      const ccw = decodeCcw(bytes, addr);
      if (commandType(ccw.command) === 'tic') {
        // A TIC may not be the first CCW, nor point at another TIC, and its
        // target must be a doubleword (PoO, "Transfer in Channel").
        if (afterTic || this.first || (ccw.dataAddress & 7) !== 0) return this.fail(ChannelStatus.ProgramCheck);
        afterTic = true;
        addr = ccw.dataAddress;
        continue;
      }
      this.ccw = ccw;
      this.remaining = ccw.count;
      // On data chaining the new CCW's command code is ignored.
      if (!dataChaining && commandType(ccw.command) === 'invalid') return this.fail(ChannelStatus.ProgramCheck);
      if ((ccw.flags & CcwFlag.Reserved) !== 0 || ccw.count === 0) return this.fail(ChannelStatus.ProgramCheck);
      this.dataAddress = ccw.dataAddress;
      this.checkedBlock = -1;
      if ((ccw.flags & CcwFlag.Pci) !== 0) this.pciPending = true;
      return true;
    }
  }

  private fail(channelStatus: number): false {
    this.channelStatus |= channelStatus;
    this.remaining = 0;
    return false;
  }

  /** Check that the channel may touch `addr`; records the check and stops the transfer if not. */
  private dataAccess(addr: number, store: boolean): boolean {
    if (addr >= this.storage.bytes.length) {
      this.channelStatus |= ChannelStatus.ProgramCheck;
      this.transferStopped = true;
      return false;
    }
    const block = addr >>> KEY_BLOCK_SHIFT;
    if (block !== this.checkedBlock) {
      if (!this.storage.keyAllows(addr, this.key, store)) {
        this.channelStatus |= ChannelStatus.ProtectionCheck;
        this.transferStopped = true;
        return false;
      }
      this.checkedBlock = block;
    }
    return true;
  }

  /** When the current CCW's count is used up: continue in the next CCW if it data-chains. */
  private chainData(): boolean {
    if ((this.ccw.flags & CcwFlag.ChainData) === 0) return false;
    if (this.loadCcw((this.ccwAddress + 8) & ADDRESS_MASK, true)) return true;
    this.transferStopped = true;
    return false;
  }

  // ---- DataTransfer, as the device sees it ----

  fetch(max: number): Uint8Array {
    const out: number[] = [];
    if (this.ended) return new Uint8Array(0);
    const bytes = this.storage.bytes;
    while (out.length < max && !this.transferStopped) {
      if (this.remaining === 0) {
        if (!this.chainData()) break;
        continue;
      }
      if (!this.dataAccess(this.dataAddress, false)) break;
      out.push(bytes[this.dataAddress]);
      this.dataAddress = (this.dataAddress + 1) & ADDRESS_MASK;
      this.remaining--;
    }
    return Uint8Array.from(out);
  }

  store(data: Uint8Array): number {
    const bytes = this.storage.bytes;
    const backward = this.type === 'readBackward';
    let n = 0;
    // A halted or cleared program takes no more data.
    if (this.ended) return 0;
    while (n < data.length && !this.transferStopped) {
      if (this.remaining === 0) {
        if (this.chainData()) continue;
        if (!this.transferStopped) this.more = true;
        break;
      }
      // SKIP: count the bytes but do not place them in storage.
      if ((this.ccw.flags & CcwFlag.Skip) === 0) {
        if (!this.dataAccess(this.dataAddress, true)) break;
        bytes[this.dataAddress] = data[n];
        this.storage.changed?.(this.dataAddress, 1);
      }
      n++;
      this.dataAddress = (this.dataAddress + (backward ? -1 : 1)) & ADDRESS_MASK;
      this.remaining--;
    }
    return n;
  }
}
