import { ProgramInterruption } from '../../s390/interruption.js';
import { inStorage, type DiagnoseCall, type DiagnoseResult } from './types.js';

/** `DMSxxxnnnS`: the message id is ten characters. */
const ID_LENGTH = 10;

// DIAGNOSE X'5C'  error message editing  (VM/370 SPG; docs/diagnose.md)
//   Rx -> message `DMSxxxnnnS text`, Ry = its length. Per the user's SET
//   EMSG: ON unchanged; CODE Ry = 10 (the id alone); TEXT Rx advanced past
//   the id and one blank, Ry = text length; OFF Ry = 0. Writes nothing. CC 0.
export function errorMessageEditing({ cpu, rx, ry, host }: DiagnoseCall): DiagnoseResult {
  const address = cpu.gpr[rx] & cpu.amodeMask;
  const length = cpu.gpr[ry];
  if (!inStorage(cpu, address, Math.min(length, 1))) return { programCheck: ProgramInterruption.Addressing };
  switch (host.emsg()) {
    case 'ON':
      break;
    case 'CODE':
      cpu.gpr[ry] = Math.min(length, ID_LENGTH);
      break;
    case 'TEXT': {
      const skip = Math.min(length, ID_LENGTH + 1);
      cpu.gpr[rx] = (cpu.gpr[rx] + skip) >>> 0;
      cpu.gpr[ry] = length - skip;
      break;
    }
    case 'OFF':
      cpu.gpr[ry] = 0;
      break;
  }
  return 0;
}
