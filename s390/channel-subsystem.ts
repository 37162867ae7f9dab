// What the machine knows of the channel subsystem. The CPU (s390/cpu.ts)
// asks whether an I/O interruption is pending and accepts one: it stores the
// CSW at X'40' and swaps the I/O PSWs (old at X'38', new at X'78'). The I/O
// instruction handlers (s390/instructions/io.ts) call the operations below
// and store what they return. The bare machine's channel (s390/channel.ts)
// implements this interface; CP implements it again for a virtual machine's
// virtual channel. Keeping it about the architecture only lets the CPU run
// with no channel at all, or with either implementation.
//
// Conditions and condition codes follow the S/370 PoO, GA22-7000, chapter
// "Input/Output Operations", figure "Condition-Code Settings for I/O States
// and Functions", with the simplifications documented in s390/channel.ts.

import type { Csw } from './ccw.js';

/** A pending I/O interruption: the device and the CSW to store at X'40'. */
export interface IoInterruption {
  /** Channel and device address, e.g. 0x00E (bits 16-31 of the old PSW in BC mode, X'BA' in EC mode). */
  readonly device: number;
  /** CSW word 0: key (bits 0-3), deferred condition code (bits 6-7), command address (bits 8-31). */
  readonly csw0: number;
  /** CSW word 1: unit status (bits 32-39), channel status (40-47), residual count (48-63). */
  readonly csw1: number;
}

/** Condition code of an I/O instruction. */
export type IoCc = 0 | 1 | 2 | 3;

/** The outcome of an I/O instruction addressed to a device. */
export interface IoResult {
  readonly cc: IoCc;
  /** With cc 1: the CSW to store at X'40'. */
  readonly csw?: Csw;
  /** True when only the status portion (CSW bits 32-47, bytes X'44'-X'45') is stored. */
  readonly statusOnly?: boolean;
}

export interface ChannelSubsystem {
  /** True when at least one interruption is pending; a cheap check the CPU makes often. */
  readonly interruptPending: boolean;
  /**
   * Dequeue the first pending interruption from a channel the CPU accepts
   * (`enabled(channel)` reflects the channel masks: PSW bits 0-5 in BC mode,
   * CR2 with PSW bit 6 in EC and ESA/390 modes), or null if none may be taken.
   */
  acceptInterrupt(enabled: (channel: number) => boolean): IoInterruption | null;
  /**
   * True while some device is carrying out an operation that will finish
   * later on its own (a console read waiting for a line). A machine in an
   * enabled wait with such work outstanding is waiting for I/O, not stopped.
   */
  readonly busy: boolean;
  /** Resolves when an interruption becomes pending (for hosts that run the CPU asynchronously). */
  whenInterruptPending(): Promise<void>;

  /** START I/O (fast = START I/O FAST RELEASE) with the CAW fetched from X'48'. */
  startIo(device: number, caw: number, fast: boolean): IoResult;
  /** TEST I/O. */
  testIo(device: number): IoResult;
  /** CLEAR I/O. */
  clearIo(device: number): IoResult;
  /** HALT I/O. */
  haltIo(device: number): IoResult;
  /** HALT DEVICE. */
  haltDevice(device: number): IoResult;
  /** TEST CHANNEL: 0 available, 1 interruption pending, 2 working, 3 not operational. */
  testChannel(channel: number): IoCc;
  /** STORE CHANNEL ID: cc 0 with the channel ID word for X'A8', or cc 3. */
  storeChannelId(channel: number): { readonly cc: IoCc; readonly channelId?: number };
}
