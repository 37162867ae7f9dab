// A few instructions the batch monitor runs in the virtual machine to use
// the CPU timer and the clock comparator: CMS's own code is native and
// cannot issue SPT or SCKC itself, so it places this stub in the program
// area (key X'E') and runs it as it runs a user program (the `run`
// request: R15 = the stub's base, R14 back to CMS). In virtual supervisor
// state these privileged instructions go to CP, which (SET ASSIST ON)
// runs them on the virtual machine's own timers.
//
//   +0   SetTimers: SPT timer; SCKC never; CR0 bits 20-21 on (clock
//        comparator and CPU timer subclass masks, PoO "Control Registers");
//        SR 15,15; BR 14
//   +24  Wait: STCK now; now + interval -> SCKC; CR0 bits on; LPSW an
//        enabled wait (external only); at +68 after the interruption:
//        SCKC never; SR 15,15; BR 14
//   +128 data: CPU timer value, TOD scratch, CR0 scratch, the wait PSW,
//        all ones (the comparator that never fires), the interval

import type { Storage } from '../../s390/storage.js';

/** Where the stub sits: the top of the program area, below the user area at X'20000'. */
export const TIMER_STUB = 0x1f000;

export const enum TimerStub {
  SetTimers = 0,
  Wait = 24,
  CpuTimer = 128,
}

const CODE = [
  // SetTimers
  0xb208f080, // SPT   128(15)
  0xb206f0a0, // SCKC  160(15)
  0xb600f090, // STCTL 0,0,144(15)
  0x960cf092, // OI    146(15),X'0C'
  0xb700f090, // LCTL  0,0,144(15)
  0x1bff07fe, // SR 15,15; BR 14
  // Wait
  0xb205f088, // STCK  136(15)
  0x9801f088, // LM    0,1,136(15)
  0x5e10f0a8, // AL    1,168(15)
  0x47c0f02c, // BC    12,44(15)    no carry
  0x5a00f0ac, // A     0,172(15)
  0x9001f088, // STM   0,1,136(15)
  0xb206f088, // SCKC  136(15)
  0xb600f090, // STCTL 0,0,144(15)
  0x960cf092, // OI    146(15),X'0C'
  0xb700f090, // LCTL  0,0,144(15)
  0x8200f098, // LPSW  152(15)
  0xb206f0a0, // SCKC  160(15)      (+68: after the wait)
  0x1bff07fe, // SR 15,15; BR 14
];

/** Store the stub with a wait PSW for this architecture and the poll interval. */
export function loadTimerStub(st: Storage, arch: '370' | '390', intervalMs: number): void {
  CODE.forEach((word, i) => st.writeU32(TIMER_STUB + i * 4, word >>> 0));
  // Enabled wait, external mask only (bit 7), key 0; ESA/390 sets bit 12.
  const w0 = (0x01000000 | 0x00020000 | (arch === '390' ? 0x00080000 : 0)) >>> 0;
  st.writeU32(TIMER_STUB + 152, w0);
  st.writeU32(TIMER_STUB + 156, TIMER_STUB + 68);
  st.writeU32(TIMER_STUB + 160, 0xffffffff);
  st.writeU32(TIMER_STUB + 164, 0xffffffff);
  // TOD units: bit 51 is one microsecond (4096 units); fits a word below about 1 s.
  st.writeU32(TIMER_STUB + 168, Math.min(0xffffffff, intervalMs * 1000 * 4096));
  st.writeU32(TIMER_STUB + 172, 1);
}
