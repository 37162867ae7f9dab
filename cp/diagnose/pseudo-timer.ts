import { toEbcdic } from '../../s390/ebcdic.js';
import { ProgramInterruption } from '../../s390/interruption.js';
import { formatDate, formatTime } from '../timestamp.js';
import { inStorage, type DiagnoseCall, type DiagnoseResult } from './types.js';

// DIAGNOSE X'0C'  pseudo timer  (VM/370 SPG; docs/diagnose.md)
//   Rx -> 32 bytes, doubleword aligned (else specification): +0 CL8 date
//   mm/dd/yy, +8 CL8 time hh:mm:ss (the system's zone), +16 XL8 virtual CPU
//   time in microseconds, +24 XL8 total CPU time (virtual + CP). CC 0.
export function pseudoTimer({ cpu, rx, host }: DiagnoseCall): DiagnoseResult {
  const area = cpu.gpr[rx] & cpu.amodeMask;
  if ((area & 7) !== 0) return { programCheck: ProgramInterruption.Specification };
  if (!inStorage(cpu, area, 32)) return { programCheck: ProgramInterruption.Addressing };
  const now = new Date(host.now());
  const bytes = cpu.storage.bytes;
  bytes.set(toEbcdic(formatDate(now, host.timeZone)), area);
  bytes.set(toEbcdic(formatTime(now, host.timeZone)), area + 8);
  const counters = host.vm.counters;
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  view.setBigUint64(area + 16, BigInt(Math.round(counters.virtualCpuUs)));
  view.setBigUint64(area + 24, BigInt(Math.round(counters.virtualCpuUs + counters.cpUs)));
  return 0;
}
