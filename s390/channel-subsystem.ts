// What the CPU knows of the channel subsystem: whether an I/O interruption is
// pending and how to accept one. The channel (s390/channel.ts) implements it;
// the CPU (s390/cpu.ts) takes the interruption: it stores the CSW at X'40'
// and swaps the I/O PSWs (old at X'38', new at X'78'). Keeping this interface
// small lets the CPU run with no channel at all, or with CP's virtual one.

/** A pending I/O interruption: the device and the CSW to store at X'40'. */
export interface IoInterruption {
  /** Channel and device address, e.g. 0x00E (bits 16-31 of the old PSW in BC mode, X'BA' in EC mode). */
  readonly device: number;
  /** CSW word 0: key (bits 0-3), command address (bits 8-31). */
  readonly csw0: number;
  /** CSW word 1: unit status (bits 32-39), channel status (40-47), residual count (48-63). */
  readonly csw1: number;
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
}
