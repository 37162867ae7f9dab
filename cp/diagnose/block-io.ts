import { ProgramInterruption } from '../../s390/interruption.js';
import { FBA_BLOCK_SIZE } from '../volumes.js';
import { inStorage, type DiagnoseCall, type DiagnoseResult } from './types.js';

/** R15 reason codes with CC 1 (docs/diagnose.md, X'250'). */
export const BlockIoReason = {
  NotAttached: 1,
  NotMinidisk: 2,
  ReadOnly: 3,
  OutsideMinidisk: 4,
  BufferOutsideStorage: 5,
  NotInitialized: 6,
  InvalidFunction: 7,
} as const;

const IOPL_LENGTH = 32;
const Function250 = { Init: 0, Read: 1, Write: 2, Release: 3 } as const;

// DIAGNOSE X'250'  block I/O  (after VM/ESA's block I/O, simplified to FBA
//   512-byte blocks and synchronous I/O; docs/diagnose.md is the contract).
//   Rx -> IOPL (32 bytes, word aligned: else specification; outside storage:
//   addressing). Ry = function: 0 INIT (IOPL +0 XL2 vaddr; CP returns +8 F
//   blocks, +12 XL1 X'80' if the link is read-only), 1 READ / 2 WRITE (+0
//   XL2 vaddr, +16 F first block relative to the minidisk, +20 F count, +24
//   F buffer), 3 RELEASE. The transfer is over when DIAGNOSE returns, and a
//   WRITE is in the volume image. CC 0 with R15 = 0; CC 1 with R15 = the
//   reason (BlockIoReason).
export function blockIo({ cpu, rx, ry, host }: DiagnoseCall): DiagnoseResult {
  const iopl = cpu.gpr[rx] & cpu.amodeMask;
  if ((iopl & 3) !== 0) return { programCheck: ProgramInterruption.Specification };
  if (!inStorage(cpu, iopl, IOPL_LENGTH)) return { programCheck: ProgramInterruption.Addressing };
  const st = cpu.storage;
  const fail = (reason: number): DiagnoseResult => {
    cpu.gpr[15] = reason;
    return 1;
  };
  const fn = cpu.gpr[ry];
  if (fn > Function250.Release) return fail(BlockIoReason.InvalidFunction);
  const vm = host.vm;
  const vaddr = st.readU16(iopl);
  const dev = vm.devices.get(vaddr);
  if (!dev) return fail(BlockIoReason.NotAttached);
  const dasd = dev.dasd;
  if (!dasd) return fail(BlockIoReason.NotMinidisk);
  switch (fn) {
    case Function250.Init:
      vm.blockIoInitialized.add(vaddr);
      st.writeU32(iopl + 8, dasd.minidisk.blockCount);
      st.bytes[iopl + 12] = dasd.readOnly ? 0x80 : 0;
      break;
    case Function250.Release:
      if (!vm.blockIoInitialized.delete(vaddr)) return fail(BlockIoReason.NotInitialized);
      break;
    default: {
      if (!vm.blockIoInitialized.has(vaddr)) return fail(BlockIoReason.NotInitialized);
      const first = st.readU32(iopl + 16);
      const count = st.readU32(iopl + 20);
      const buffer = st.readU32(iopl + 24) & cpu.amodeMask;
      const disk = dasd.minidisk;
      if (first + count > disk.blockCount) return fail(BlockIoReason.OutsideMinidisk);
      const bytes = count * FBA_BLOCK_SIZE;
      if (!inStorage(cpu, buffer, bytes)) return fail(BlockIoReason.BufferOutsideStorage);
      if (fn === Function250.Write && dasd.readOnly) return fail(BlockIoReason.ReadOnly);
      const area = st.bytes.subarray(buffer, buffer + bytes);
      if (fn === Function250.Read) disk.read(first, count, area);
      else disk.write(first, count, area);
    }
  }
  cpu.gpr[15] = 0;
  return 0;
}
