// The S/370 channel control words: CAW, format-0 CCW and CSW, drawn once
// here next to the code that decodes and builds them (S/370 PoO, GA22-7000,
// chapter "Input/Output Operations"). vmcms uses these S/370 layouts in both
// architecture modes: a documented simplification (DESIGN.md, "The machine").

// ---- Channel address word (CAW), real location X'48' ----
//
//   +------+------+--------------------------------------+
//   | Key  | 0000 |            CCW address               |
//   +------+------+--------------------------------------+
//   0      4      8                                     31
//
// Bits 4-7 must be zero and the CCW address must designate a doubleword
// (bits 29-31 zero); otherwise START I/O finds a program check.

export interface Caw {
  /** Subchannel (access) key for the whole channel program, 0..15. */
  readonly key: number;
  /** Real address of the first CCW, 24 bits. */
  readonly ccwAddress: number;
  /** True when bits 4-7 are zero and the CCW address is doubleword aligned. */
  readonly valid: boolean;
}

export function decodeCaw(word: number): Caw {
  const ccwAddress = word & 0x00ffffff;
  return {
    key: (word >>> 28) & 0xf,
    ccwAddress,
    valid: (word & 0x0f000000) === 0 && (ccwAddress & 7) === 0,
  };
}

// ---- Channel command word (CCW), format 0 ----
//
//   +----------+-------------------------------------------+
//   | Command  |            Data address                   |
//   +----------+-------------------------------------------+
//   0          8                                          31
//   +----------+----------+--------------------------------+
//   |  Flags   | ////////  |             Count              |
//   +----------+----------+--------------------------------+
//   32         40         48                              63
//
//   Flags: bit 32 CD chain data, 33 CC chain command, 34 SLI suppress
//   length indication, 35 SKIP, 36 PCI program-controlled interruption,
//   37-39 must be zero (37 is IDA on channels with indirect data
//   addressing, which vmcms does not provide). Byte 5 is ignored.
//
// The command type is in the low-order bits of the command code:
//   xxxx 0000 invalid         xxxx xx01 write       xxxx xx10 read
//   xxxx xx11 control         xxxx 0100 sense       xxxx 1100 read backward
//   xxxx 1000 transfer in channel (TIC; bits 0-3 ignored)

export const CcwFlag = {
  ChainData: 0x80,
  ChainCommand: 0x40,
  SuppressLength: 0x20,
  Skip: 0x10,
  Pci: 0x08,
  /** Bits 37-39: indirect data addressing and two reserved bits; must be zero here. */
  Reserved: 0x07,
} as const;

export interface Ccw {
  readonly command: number;
  readonly dataAddress: number;
  readonly flags: number;
  readonly count: number;
}

/** Decode the CCW whose eight bytes start at `addr` in `bytes` (the caller has checked the address). */
export function decodeCcw(bytes: Uint8Array, addr: number): Ccw {
  return {
    command: bytes[addr],
    dataAddress: (bytes[addr + 1] << 16) | (bytes[addr + 2] << 8) | bytes[addr + 3],
    flags: bytes[addr + 4],
    count: (bytes[addr + 6] << 8) | bytes[addr + 7],
  };
}

export type CommandType = 'invalid' | 'write' | 'read' | 'control' | 'sense' | 'readBackward' | 'tic';

/** The kind of operation a command code designates, from its low-order bits. */
export function commandType(command: number): CommandType {
  const low4 = command & 0x0f;
  if (low4 === 0x00) return 'invalid';
  if (low4 === 0x08) return 'tic';
  if (low4 === 0x04) return 'sense';
  if (low4 === 0x0c) return 'readBackward';
  switch (command & 0x03) {
    case 0x01:
      return 'write';
    case 0x02:
      return 'read';
    case 0x03:
      return 'control';
    default:
      // xxxx x100 other than 0100 and 1100 cannot occur: bit 5 set with
      // bits 6-7 zero leaves only 0100 and 1100, handled above.
      return 'invalid';
  }
}

/** True for commands that take data from storage (write, control). */
export function isOutput(type: CommandType): boolean {
  return type === 'write' || type === 'control';
}

// ---- Channel status word (CSW), real location X'40' ----
//
//   +------+-+-+---+--------------------------------------+
//   | Key  |S|L|CC |            CCW address               |
//   +------+-+-+---+--------------------------------------+
//   0      4 5 6   8                                     31
//   +-----------+-----------+-----------------------------+
//   |Unit status|Chan status|            Count            |
//   +-----------+-----------+-----------------------------+
//   32          40          48                           63
//
// S (suspended) and L (logout pending) are never set by vmcms. CC is the
// deferred condition code of START I/O FAST RELEASE. The CCW address is
// that of the last CCW used plus 8; the count is the residual count of the
// last CCW used. The "status portion" is bits 32-47.

export const UnitStatus = {
  Attention: 0x80,
  StatusModifier: 0x40,
  ControlUnitEnd: 0x20,
  Busy: 0x10,
  ChannelEnd: 0x08,
  DeviceEnd: 0x04,
  UnitCheck: 0x02,
  UnitException: 0x01,
} as const;

export const ChannelStatus = {
  ProgramControlledInterruption: 0x80,
  IncorrectLength: 0x40,
  ProgramCheck: 0x20,
  ProtectionCheck: 0x10,
  ChannelDataCheck: 0x08,
  ChannelControlCheck: 0x04,
  InterfaceControlCheck: 0x02,
  ChainingCheck: 0x01,
} as const;

/** The two words of a CSW as stored at X'40' and X'44'. */
export interface Csw {
  readonly csw0: number;
  readonly csw1: number;
}

export function encodeCsw(fields: {
  key: number;
  deferredCc?: number;
  ccwAddress: number;
  unitStatus: number;
  channelStatus: number;
  count: number;
}): Csw {
  return {
    csw0:
      (((fields.key & 0xf) << 28) | (((fields.deferredCc ?? 0) & 3) << 24) | (fields.ccwAddress & 0x00ffffff)) >>> 0,
    csw1: (((fields.unitStatus & 0xff) << 24) | ((fields.channelStatus & 0xff) << 16) | (fields.count & 0xffff)) >>> 0,
  };
}

/** Unit status (bits 32-39) of a CSW's second word. */
export function cswUnitStatus(csw1: number): number {
  return csw1 >>> 24;
}

/** Channel status (bits 40-47) of a CSW's second word. */
export function cswChannelStatus(csw1: number): number {
  return (csw1 >>> 16) & 0xff;
}
