import { ProgramInterruption } from '../../s390/interruption.js';
import type { DiagnoseCall, DiagnoseResult } from './types.js';

// DIAGNOSE X'60'  virtual storage size  (VM/370 SPG; docs/diagnose.md)
//   Rx <- the virtual machine's storage size in bytes. CC 0.
export function virtualStorageSize({ cpu, rx }: DiagnoseCall): DiagnoseResult {
  cpu.gpr[rx] = cpu.storage.size;
  return 0;
}

/** DIAGNOSE X'64' subcodes (VM/370 SPG "DIAGNOSE Code X'64'"). */
const Subcode = { LoadsysShared: 0x00, LoadsysNonShared: 0x04, Purgesys: 0x08, Findsys: 0x0c } as const;
/** Ry after LOADSYS of a segment CP does not have. */
const NO_SUCH_SEGMENT = 44;

// DIAGNOSE X'64'  named segments  (VM/370 SPG; docs/diagnose.md)
//   Rx -> 8-byte name, Ry = subcode. vmcms shares no segments: FINDSYS
//   (X'0C') CC 1 not loaded; LOADSYS (X'00', X'04') CC 2 with Ry = 44;
//   PURGESYS (X'08') CC 0. Another subcode is a specification exception.
export function namedSegments({ cpu, ry }: DiagnoseCall): DiagnoseResult {
  switch (cpu.gpr[ry]) {
    case Subcode.Findsys:
      return 1;
    case Subcode.LoadsysShared:
    case Subcode.LoadsysNonShared:
      cpu.gpr[ry] = NO_SUCH_SEGMENT;
      return 2;
    case Subcode.Purgesys:
      return 0;
    default:
      return { programCheck: ProgramInterruption.Specification };
  }
}
