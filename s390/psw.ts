// The program-status word: named fields, and the one place that encodes and
// decodes the three formats (S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201,
// chapter "Control", topic "Program-Status Word").
//
// S/370 BC mode (bit 12 = 0):
//   0      6 7 8   11 12 13 14 15 16                    31
//  +--------+-+------+--+--+--+--+------------------------+
//  | chan   |E| key  |0 |M |W |P |  interruption code     |
//  | masks  | |      |  |  |  |  |                        |
//  +--------+-+------+--+--+--+--+------------------------+
//   32 33 34 35 36   39 40                               63
//  +-----+-----+-------+-----------------------------------+
//  | ILC | CC  | prog  |     instruction address           |
//  |     |     | mask  |                                   |
//  +-----+-----+-------+-----------------------------------+
//   bits 0-5 mask channels 0-5, bit 6 channels 6 and up, bit 7 external.
//
// S/370 EC mode (bit 12 = 1):
//   0 1 2  4 5 6 7 8   11 12 13 14 15 16 17 18 19 20  23 24     31
//  +-+-+----+-+-+-+------+--+--+--+--+--+--+-----+------+--------+
//  |0|R|000 |T|I|E| key  |1 |M |W |P |S |0 | CC  | prog | 0000000|
//  +-+-+----+-+-+-+------+--+--+--+--+--+--+-----+------+--------+
//   32       39 40                                             63
//  +----------+-------------------------------------------------+
//  | 00000000 |            instruction address                  |
//  +----------+-------------------------------------------------+
//
// ESA/390 (bit 12 must be 1):
//   0 1 2  4 5 6 7 8   11 12 13 14 15 16 17 18 19 20  23 24     31
//  +-+-+----+-+-+-+------+--+--+--+--+-----+-----+------+--------+
//  |0|R|000 |T|I|E| key  |1 |M |W |P | AS  | CC  | prog | 0000000|
//  +-+-+----+-+-+-+------+--+--+--+--+-----+-----+------+--------+
//   32 33                                                       63
//  +--+----------------------------------------------------------+
//  |A |                 instruction address                      |
//  +--+----------------------------------------------------------+
//   R PER mask, T DAT mode, I I/O mask, E external mask, M machine-check
//   mask, W wait, P problem state, S secondary space (S/370 DAS), AS
//   address-space control, A addressing mode (1 = 31-bit).
//
// A PSW-format error (a one in an unassigned bit, bit 12 zero in ESA/390,
// bits 33-39 nonzero in the 24-bit mode) is kept in `formatError` so that
// the CPU can recognise the specification exception as soon as the PSW is
// active (PoO "Program Interruption", topic "Exceptions Associated with the
// PSW", "Early Exception Recognition") and store the PSW unchanged as the
// program old PSW. This machine has no DAT and no dual-address-space
// facility: the T bit is kept and ignored, and in S/370 EC mode bit 16 is a
// PSW-format error as on a CPU without DAS.

import type { ArchMode } from './cpu.js';

export type PswFormat = 'BC' | 'EC' | 'ESA';

export class Psw {
  /** Condition code, 0..3. */
  cc = 0;
  /** Program mask: 8 fixed-point overflow, 4 decimal overflow, 2 exponent underflow, 1 significance. */
  programMask = 0;
  /** PSW key, 0..15. */
  key = 0;
  /** Problem state (PSW bit 15). */
  problemState = false;
  /**
   * Instruction address. While a handler runs it already points past the
   * current instruction (the updated instruction address), so a branch
   * handler simply assigns the target.
   */
  address = 0;
  /** ESA/390 addressing mode: true for 31-bit, false for 24-bit (always false in 370 mode). */
  amode31 = false;
  /** Bits 0-7, the system mask (channel/I/O, external and PER masks). */
  systemMask = 0;
  /** PSW bit 12: EC mode in S/370; in ESA/390 it must be one (zero is a PSW-format error). */
  ecMode = false;
  machineCheckMask = false;
  wait = false;
  /** ESA/390 bits 16-17: address-space control (no effect without DAT). */
  addressSpaceControl = 0;
  /** BC mode bits 16-31: the interruption code an interruption stored. */
  interruptionCode = 0;
  /** BC mode bits 32-33: the instruction-length code an interruption stored. */
  ilc = 0;
  /**
   * The unassigned bits found set when the PSW was decoded (word 0 in the
   * high half, word 1 in the low), re-encoded unchanged; nonzero means a
   * PSW-format error, as does `formatError`.
   */
  badBits0 = 0;
  badBits1 = 0;
  formatError = false;

  /** The external-interruption mask (bit 7). */
  get externalMask(): boolean {
    return (this.systemMask & 0x01) !== 0;
  }

  /**
   * Whether an I/O interruption from `channel` may be taken: BC mode bits 0-5
   * mask channels 0-5 and bit 6 the rest; EC and ESA/390 have one I/O mask
   * (bit 6) refined by the channel masks in control register 2.
   */
  channelEnabled(channel: number, cr2: number): boolean {
    if (!this.ecMode) {
      const bit = channel < 6 ? 0x80 >>> channel : 0x02;
      return (this.systemMask & bit) !== 0;
    }
    if ((this.systemMask & 0x02) === 0) return false;
    return channel >= 32 || ((cr2 >>> (31 - channel)) & 1) !== 0;
  }

  /** True when no I/O, external or machine-check interruption could be taken. */
  get disabledForInterruptions(): boolean {
    const ioAndExternal = this.ecMode ? this.systemMask & 0x03 : this.systemMask & 0xff;
    return ioAndExternal === 0 && !this.machineCheckMask;
  }

  /** The format this PSW is in for an architecture mode. */
  format(arch: ArchMode): PswFormat {
    if (arch === '390') return 'ESA';
    return this.ecMode ? 'EC' : 'BC';
  }

  /** Load from the two words of a PSW as stored in storage. */
  decode(arch: ArchMode, w0: number, w1: number): void {
    w0 >>>= 0;
    w1 >>>= 0;
    this.systemMask = w0 >>> 24;
    this.key = (w0 >>> 20) & 15;
    const bit12 = (w0 & 0x00080000) !== 0;
    this.machineCheckMask = (w0 & 0x00040000) !== 0;
    this.wait = (w0 & 0x00020000) !== 0;
    this.problemState = (w0 & 0x00010000) !== 0;
    this.badBits0 = 0;
    this.badBits1 = 0;
    this.interruptionCode = 0;
    this.ilc = 0;
    this.addressSpaceControl = 0;
    if (arch === '370' && !bit12) {
      this.ecMode = false;
      this.amode31 = false;
      this.interruptionCode = w0 & 0xffff;
      this.ilc = w1 >>> 30;
      this.cc = (w1 >>> 28) & 3;
      this.programMask = (w1 >>> 24) & 15;
      this.address = w1 & 0x00ffffff;
      this.formatError = false;
      return;
    }
    this.ecMode = bit12;
    this.cc = (w0 >>> 12) & 3;
    this.programMask = (w0 >>> 8) & 15;
    if (arch === '370') {
      // EC mode: bits 0, 2-4, 16, 17 and 24-39 are unassigned.
      this.badBits0 = w0 & 0xb800c0ff;
      this.badBits1 = w1 & 0xff000000;
      this.amode31 = false;
      this.address = w1 & 0x00ffffff;
      this.formatError = this.badBits0 !== 0 || this.badBits1 !== 0;
      return;
    }
    // ESA/390: bits 0, 2-4 and 24-31 unassigned, bit 12 must be one, and in
    // the 24-bit mode bits 33-39 must be zero.
    this.addressSpaceControl = (w0 >>> 14) & 3;
    this.badBits0 = w0 & 0xb80000ff;
    this.amode31 = (w1 & 0x80000000) !== 0;
    if (this.amode31) {
      this.address = w1 & 0x7fffffff;
    } else {
      this.badBits1 = w1 & 0x7f000000;
      this.address = w1 & 0x00ffffff;
    }
    this.formatError = this.badBits0 !== 0 || this.badBits1 !== 0 || !bit12;
  }

  /** The two words of this PSW in the format of the architecture mode. */
  encode(arch: ArchMode): [number, number] {
    let w0 =
      (this.systemMask << 24) |
      (this.key << 20) |
      (this.machineCheckMask ? 0x00040000 : 0) |
      (this.wait ? 0x00020000 : 0) |
      (this.problemState ? 0x00010000 : 0);
    let w1: number;
    if (arch === '370' && !this.ecMode) {
      w0 |= this.interruptionCode & 0xffff;
      w1 = ((this.ilc & 3) << 30) | (this.cc << 28) | (this.programMask << 24) | (this.address & 0x00ffffff);
      return [w0 >>> 0, w1 >>> 0];
    }
    // An ESA/390 PSW loaded with bit 12 zero keeps it zero: the old PSW of
    // the resulting specification exception shows the PSW as it was loaded.
    w0 |= (this.ecMode ? 0x00080000 : 0) | (this.cc << 12) | (this.programMask << 8) | this.badBits0;
    if (arch === '390') w0 |= this.addressSpaceControl << 14;
    if (arch === '390' && this.amode31) w1 = 0x80000000 | (this.address & 0x7fffffff);
    else w1 = (this.address & 0x00ffffff) | this.badBits1;
    return [w0 >>> 0, w1 >>> 0];
  }

  /** The PSW as 16 hex digits in the format of the mode. */
  toHex(arch: ArchMode): string {
    const [w0, w1] = this.encode(arch);
    return w0.toString(16).padStart(8, '0') + w1.toString(16).padStart(8, '0');
  }

  /** Named fields, for DISPLAY, tests and save/restore. */
  snapshot(): PswSnapshot {
    return {
      systemMask: this.systemMask,
      key: this.key,
      ecMode: this.ecMode,
      machineCheckMask: this.machineCheckMask,
      wait: this.wait,
      problemState: this.problemState,
      addressSpaceControl: this.addressSpaceControl,
      interruptionCode: this.interruptionCode,
      ilc: this.ilc,
      cc: this.cc,
      programMask: this.programMask,
      amode31: this.amode31,
      address: this.address,
      formatError: this.formatError,
    };
  }
}

export interface PswSnapshot {
  systemMask: number;
  key: number;
  ecMode: boolean;
  machineCheckMask: boolean;
  wait: boolean;
  problemState: boolean;
  addressSpaceControl: number;
  interruptionCode: number;
  ilc: number;
  cc: number;
  programMask: number;
  amode31: boolean;
  address: number;
  formatError: boolean;
}
