import { ProgramInterruption } from '../../s390/interruption.js';
import { inStorage, type DiagnoseCall, type DiagnoseResult } from './types.js';

/** CCW operation codes DIAGNOSE X'58' takes (docs/diagnose.md). */
const WRITE = 0x29;
const READ = 0x2a;
const QUERY = 0x2b;
/** The 3270 commands a write may give in the CCW's byte 5 (SNA codes: Write, Erase/Write, EWA, EAU). */
const WRITE_COMMANDS = new Set([0xf1, 0xf5, 0x7e, 0x6f]);
/** CSW at X'40'; unit status X'8E' tells the program to redraw. */
const CSW = 0x40;
const REDRAW_STATUS = 0x8e;

// DIAGNOSE X'58'  3270 display, full-screen form  (VM/SP System Programmer's
//   Guide, "DIAGNOSE Code X'58'"; vmcms's refinement in docs/diagnose.md).
//   Rx -> CCW (doubleword aligned), Ry = the virtual console's address.
//   CCW op X'29' write: byte 5 = the 3270 command (X'F1' W, X'F5' EW,
//     X'7E' EWA, X'6F' EAU), data = WCC + orders, count = length. CC 0; or
//     CC 1 with unit status X'8E' in the CSW at X'40' when CP wrote a line
//     since the program's last full-screen write (the data are not written:
//     the program draws its whole screen again).
//   CCW op X'2A' read (Read Modified): data address and count give the
//     buffer. CC 0 with the user's last AID record (AID, cursor, SBA +
//     field data) stored and Ry <- its length; CC 2 when the user has not
//     pressed a key yet: CP presents attention on the console when one is
//     pressed, and the program issues the read again.
//   CCW op X'2B' (vmcms) query: 4 bytes stored: rows and columns of the
//     default size, rows and columns of the alternate size. CC 0.
//   CC 3 for all: the console is not a display (the user is disconnected).
//   Ry not the console: CC 3. CCW outside storage: addressing exception.
export function display3270({ cpu, rx, ry, host }: DiagnoseCall): DiagnoseResult {
  const ccw = cpu.gpr[rx] & cpu.amodeMask;
  if ((ccw & 7) !== 0) return { programCheck: ProgramInterruption.Specification };
  if (!inStorage(cpu, ccw, 8)) return { programCheck: ProgramInterruption.Addressing };
  const fullScreen = host.fullScreen;
  if (!fullScreen || (cpu.gpr[ry] & 0xffff) !== host.vm.consoleAddress) return 3;
  const st = cpu.storage;
  const op = st.readU8(ccw);
  const data = st.readU32(ccw) & 0x00ffffff;
  const command = st.readU8(ccw + 5);
  const count = st.readU16(ccw + 6);
  if (!inStorage(cpu, data, count)) return { programCheck: ProgramInterruption.Addressing };
  switch (op) {
    case QUERY: {
      const sizes = fullScreen.sizes();
      if (!sizes) return 3;
      st.bytes.set(Uint8Array.from(sizes).subarray(0, count), data);
      return 0;
    }
    case WRITE: {
      if (!WRITE_COMMANDS.has(command)) return { programCheck: ProgramInterruption.Specification };
      const r = fullScreen.write(command, st.bytes.slice(data, data + count));
      if (r === 'no-display') return 3;
      if (r === 'redraw') {
        st.writeU32(CSW, (ccw + 8) & 0x00ffffff);
        st.writeU32(CSW + 4, ((REDRAW_STATUS << 24) | count) >>> 0);
        return 1;
      }
      return 0;
    }
    case READ: {
      const r = fullScreen.read();
      if (r === 'no-display') return 3;
      if (r === 'pending') return 2;
      const n = Math.min(count, r.length);
      st.bytes.set(r.subarray(0, n), data);
      cpu.gpr[ry] = n;
      return 0;
    }
    default:
      return { programCheck: ProgramInterruption.Specification };
  }
}
