// Interruption codes and the architected fixed storage locations
// (S/370 PoO GA22-7000 and ESA/390 PoO SA22-7201, chapter "Interruptions",
// figure "Assigned Storage Locations").

/** Program-interruption codes, named as in the PoO. */
export const enum ProgramInterruption {
  Operation = 0x01,
  PrivilegedOperation = 0x02,
  Execute = 0x03,
  Protection = 0x04,
  Addressing = 0x05,
  Specification = 0x06,
  Data = 0x07,
  FixedPointOverflow = 0x08,
  FixedPointDivide = 0x09,
  DecimalOverflow = 0x0a,
  DecimalDivide = 0x0b,
  ExponentOverflow = 0x0c,
  ExponentUnderflow = 0x0d,
  Significance = 0x0e,
  FloatingPointDivide = 0x0f,
  /** SSM with CR0 bit 1 (SSM suppression) on. */
  SpecialOperation = 0x13,
}

/** Assigned storage locations (real addresses). */
export const enum Lowcore {
  /** Restart new PSW (IPL PSW at 0). */
  RestartNewPsw = 0x00,
  /** Restart old PSW (IPL CCW 1 at 8). */
  RestartOldPsw = 0x08,
  ExternalOldPsw = 0x18,
  SvcOldPsw = 0x20,
  ProgramOldPsw = 0x28,
  MachineCheckOldPsw = 0x30,
  IoOldPsw = 0x38,
  /** Channel status word. */
  Csw = 0x40,
  /** Channel address word. */
  Caw = 0x48,
  /** Interval timer (S/370). */
  IntervalTimer = 0x50,
  ExternalNewPsw = 0x58,
  SvcNewPsw = 0x60,
  ProgramNewPsw = 0x68,
  MachineCheckNewPsw = 0x70,
  IoNewPsw = 0x78,
  /** EC mode / ESA/390: external-interruption parameter and CPU address. */
  ExternalCpuAddress = 0x84,
  /** EC mode / ESA/390: external-interruption code (halfword at X'86'). */
  ExternalCode = 0x86,
  /** EC mode / ESA/390: SVC ILC and code (X'88'..X'8B'). */
  SvcInterruptionCode = 0x88,
  /** EC mode / ESA/390: program ILC and code (X'8C'..X'8F'). */
  ProgramInterruptionCode = 0x8c,
  /** EC mode: I/O device address (X'BA', halfword). */
  IoAddress = 0xba,
}

/** External-interruption codes. */
export const enum ExternalInterruption {
  InterruptKey = 0x0040,
  IntervalTimer = 0x0080,
  ClockComparator = 0x1004,
  CpuTimer = 0x1005,
}
