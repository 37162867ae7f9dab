import { ChannelStatus, UnitStatus } from '../../s390/ccw.js';
import type { DiagnoseCall, DiagnoseResult } from './types.js';

/** R15 reason codes (VM/370 SPG, DIAGNOSE X'20'; cp.md section 7). */
const Reason = { NotAttached: 1, UnitException: 2, WrongLength: 3, Busy: 5, PermanentError: 13 } as const;
/** Channel time CP gives a chain before it calls it a permanent error (a loop). */
const MAX_SLICES = 1024;

// DIAGNOSE X'20'  general I/O  (VM/370 SPG; cp.md section 7, simplified)
//   Rx = virtual device address; Ry -> the CCW chain (bits 8-31; the high
//   byte, the storage key, is ignored: the virtual machine's storage is
//   CP's to move). The chain runs to its end before DIAGNOSE returns and no
//   interruption is reflected. CC 0 done; CC 1 R15 = 1 no such device, 5
//   busy or an interruption pending; CC 2 R15 = 2 unit exception, 3 wrong
//   length; CC 3 R15 = 13 unit check, channel error, or a chain that does
//   not end by itself (a console read, a loop: CP halts it).
export function generalIo({ cpu, rx, ry, host }: DiagnoseCall): DiagnoseResult {
  const vm = host.vm;
  const vaddr = cpu.gpr[rx];
  const fail = (cc: number, reason: number): DiagnoseResult => {
    cpu.gpr[15] = reason;
    return cc;
  };
  if (vaddr > 0xffff || !vm.devices.has(vaddr)) return fail(1, Reason.NotAttached);
  if (vm.channel.snapshot().pending.some((p) => p.device === vaddr)) return fail(1, Reason.Busy);
  const start = vm.channel.startIo(vaddr, cpu.gpr[ry] & 0x00ffffff, false);
  if (start.cc === 3) return fail(1, Reason.NotAttached);
  if (start.cc !== 0) return fail(1, Reason.Busy);
  // Run the chain's deferred endings (channel time) now: this I/O is synchronous.
  for (let i = 0; i < MAX_SLICES && !vm.channel.snapshot().pending.some((p) => p.device === vaddr); i++) {
    const next = vm.deferred.shift();
    if (!next) break;
    next();
  }
  const end = vm.channel.testIo(vaddr);
  if (end.cc !== 1 || !end.csw) {
    vm.channel.haltIo(vaddr);
    vm.channel.testIo(vaddr);
    return fail(3, Reason.PermanentError);
  }
  const unit = end.csw.csw1 >>> 24;
  const channel = (end.csw.csw1 >>> 16) & 0xff;
  if (
    unit & UnitStatus.UnitCheck ||
    channel & ~(ChannelStatus.IncorrectLength | ChannelStatus.ProgramControlledInterruption)
  )
    return fail(3, Reason.PermanentError);
  if (unit & UnitStatus.UnitException) return fail(2, Reason.UnitException);
  if (channel & ChannelStatus.IncorrectLength) return fail(2, Reason.WrongLength);
  cpu.gpr[15] = 0;
  return 0;
}
