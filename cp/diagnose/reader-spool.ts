import { toEbcdicPadded } from '../../s390/ebcdic.js';
import { ProgramInterruption } from '../../s390/interruption.js';
import { inStorage, type DiagnoseCall, type DiagnoseResult } from './types.js';

const PLIST_LENGTH = 64;
const Subcode = { Select: 0x00, Read: 0x04, Close: 0x08 } as const;
const KEEP = 0x80000000;
/** Each record in the buffer: XL1 CCW command, XL1 0, XL2 data length, then the data. */
const RECORD_HEADER = 4;

const two = (n: number): string => String(n).padStart(2, '0');

// DIAGNOSE X'14'  reader spool files  (vmcms's own subcodes; docs/diagnose.md
//   is the contract; the R6 subcodes moved 4K spool buffers, these move
//   records). Rx -> 64-byte PLIST (outside storage: addressing), Ry =
//   subcode. X'00' SELECT: +0 F spoolid (0 = first eligible); fills +0 F
//   spoolid, +4 CL8 originator, +12 CL1 class, +13 CL3 origin device, +16 F
//   records, +20 CL8 name, +28 CL8 type, +36 XL2 copies, +38 XL2 0, +40 CL8
//   `mmddhhmm`; CC 0, CC 2 no such file. X'04' READ: +48 F buffer, +52 F
//   length, +56 F most records; records moved count in +60; CC 0 moved, CC 1
//   end of file, CC 2 no open file, CC 3 the next record does not fit.
//   X'08' CLOSE: +0 F flags (X'80000000' keep); CC 0, CC 2 no open file.
//   Any other subcode: specification exception.
export function readerSpool({ cpu, rx, ry, host }: DiagnoseCall): DiagnoseResult {
  const plist = cpu.gpr[rx] & cpu.amodeMask;
  if (!inStorage(cpu, plist, PLIST_LENGTH)) return { programCheck: ProgramInterruption.Addressing };
  const st = cpu.storage;
  const reader = host.vm.reader;
  switch (cpu.gpr[ry]) {
    case Subcode.Select: {
      if (!reader || !reader.openFile(st.readU32(plist))) return 2;
      const f = reader.open!.file;
      const bytes = st.bytes;
      bytes.fill(0, plist, plist + 48);
      st.writeU32(plist, f.spoolid);
      bytes.set(toEbcdicPadded(f.originator, 8), plist + 4);
      bytes.set(toEbcdicPadded(f.spoolClass, 1), plist + 12);
      bytes.set(toEbcdicPadded(f.origin, 3), plist + 13);
      st.writeU32(plist + 16, f.data.length);
      bytes.set(toEbcdicPadded(f.name, 8), plist + 20);
      bytes.set(toEbcdicPadded(f.type, 8), plist + 28);
      st.writeU16(plist + 36, f.copies);
      const d = f.created;
      const stamp = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
      bytes.set(toEbcdicPadded(stamp, 8), plist + 40);
      return 0;
    }
    case Subcode.Read: {
      const open = reader?.open;
      if (!reader || !open) return 2;
      const buffer = st.readU32(plist + 48) & cpu.amodeMask;
      const length = st.readU32(plist + 52);
      const most = st.readU32(plist + 56);
      if (!inStorage(cpu, buffer, length)) return { programCheck: ProgramInterruption.Addressing };
      const records = open.file.data;
      if (open.next >= records.length) {
        st.writeU32(plist + 60, 0);
        return 1;
      }
      let at = buffer;
      const end = buffer + length;
      let moved = 0;
      while (moved < most && open.next < records.length) {
        const r = records[open.next];
        if (at + RECORD_HEADER + r.data.length > end) break;
        st.bytes[at] = r.command;
        st.bytes[at + 1] = 0;
        st.writeU16(at + 2, r.data.length);
        st.bytes.set(r.data, at + RECORD_HEADER);
        at += RECORD_HEADER + r.data.length;
        open.next++;
        moved++;
        reader.onCard();
      }
      st.writeU32(plist + 60, moved);
      return moved > 0 || most === 0 ? 0 : 3;
    }
    case Subcode.Close:
      if (!reader?.open) return 2;
      reader.closeFile((st.readU32(plist) & KEEP) !== 0);
      return 0;
    default:
      return { programCheck: ProgramInterruption.Specification };
  }
}
