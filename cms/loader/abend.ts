// A program check in user code: CMS types where it happened and the PSW,
// abandons the program and goes back to the ready message; the nucleus and
// the disks are untouched (user programs run in key X'E', the nucleus is
// key 0). Message numbers as in VM/370 DMSITP/DMSABN; the wording is
// vmcms's (cms/messages.ts, 'guess').

import type { CmsSession } from '../nucleus/session.js';

const EXCEPTIONS: Record<number, string> = {
  0x01: 'Operation',
  0x02: 'Privileged operation',
  0x03: 'Execute',
  0x04: 'Protection',
  0x05: 'Addressing',
  0x06: 'Specification',
  0x07: 'Data',
  0x08: 'Fixed-point overflow',
  0x09: 'Fixed-point divide',
  0x0a: 'Decimal overflow',
  0x0b: 'Decimal divide',
  0x0c: 'Exponent overflow',
  0x0d: 'Exponent underflow',
  0x0e: 'Significance',
  0x0f: 'Floating-point divide',
};

const hex = (n: number, w: number): string => (n >>> 0).toString(16).toUpperCase().padStart(w, '0');

/** The messages for a program check and the return code: the abend code (X'0Cn') as a number. */
export function programCheckLines(
  cms: CmsSession,
  code: number,
  psw: readonly [number, number],
): { lines: string[]; rc: number } {
  const address = psw[1] & 0x00ffffff;
  const program = cms.loader.program;
  // The PSW points past the failing instruction: look up the byte before it.
  const section = program?.sections.find((s) => address - 1 >= s.address && address - 1 < s.address + s.length);
  const routine = section?.name ?? (address < 0x20000 ? 'DMSNUC' : '?');
  const name = EXCEPTIONS[code] ?? `Program interruption ${hex(code, 2)}`;
  cms.message('ITP', '141', name, hex(address, 6), routine);
  cms.say(`PSW = ${hex(psw[0], 8)} ${hex(psw[1], 8)}`);
  const abend = 0xc0 + (code & 0x0f);
  cms.message('ABN', '148', hex(abend, 3), hex(address, 6));
  cms.loader.running = false;
  cms.loader.closeAll();
  return { lines: [], rc: abend };
}
