import { toEbcdicPadded } from '../../s390/ebcdic.js';
import { inStorage, type DiagnoseCall, type DiagnoseResult } from './types.js';
import { ProgramInterruption } from '../../s390/interruption.js';

/** Version, level and PLC stored at +8 (vmcms 0.1.0). */
const VERSION_BYTES = [0x00, 0x01, 0x00];
/** Version code X'FF': a virtual machine (as STIDP under CP). */
const VIRTUAL_VERSION_CODE = 0xff;
const MAX_LENGTH = 40;

// DIAGNOSE X'00'  store extended identification  (VM/370 SPG; docs/diagnose.md)
//   Rx -> area, Ry = its length (at most 40; fewer bytes are stored if shorter).
//   +0 CL8 'VMCMS', +8 version/level/PLC, +11 version code X'FF', +12 MCEL
//   length 0, +14 processor address 0, +16 CL8 userid, +24 XL8 program
//   products 0, +32 F time-zone offset from UTC in seconds, +36 F reserved.
//   Ry <- bytes stored; CC 0.
export function storeExtendedIdentification({ cpu, rx, ry, host }: DiagnoseCall): DiagnoseResult {
  const area = cpu.gpr[rx] & cpu.amodeMask;
  const length = Math.min(cpu.gpr[ry], MAX_LENGTH);
  if (!inStorage(cpu, area, length)) return { programCheck: ProgramInterruption.Addressing };
  const id = new Uint8Array(MAX_LENGTH);
  id.set(toEbcdicPadded('VMCMS', 8), 0);
  id.set(VERSION_BYTES, 8);
  id[11] = VIRTUAL_VERSION_CODE;
  id.set(toEbcdicPadded(host.vm.userid, 8), 16);
  new DataView(id.buffer).setInt32(32, host.timeZone.offsetMinutes * 60);
  cpu.storage.bytes.set(id.subarray(0, length), area);
  cpu.gpr[ry] = length;
  return 0;
}
