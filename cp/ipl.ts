// IPL: by device, the hardware sequence CP simulates (S/370 PoO GA22-7000,
// "Initial Program Loading"): a READ of 24 bytes into location 0 with
// command chaining and SLI, as if a CCW X'02', address 0, flags CC+SLI,
// count 24 were at location 0; the two CCWs read into locations 8 and 16
// then continue the chain. When the chain has ended without unit check or
// channel errors, the I/O address is stored (S/370: bytes 2-3) and the PSW
// at 0 is loaded. By name: the NamedSystem registry src/ fills (CMS), which
// lays out storage and loads its own PSW (s390/guest.ts).

import { ChannelStatus, UnitStatus } from '../s390/ccw.js';
import { toEbcdic } from '../s390/ebcdic.js';
import type { NamedSystem } from '../s390/guest.js';
import type { LoggedOnUser } from './user.js';
import { hex8 } from './user.js';

/** The implied IPL CCW: READ X'02' into 0, chain command + SLI, 24 bytes. */
const IPL_CCW = [0x02, 0x00, 0x00, 0x00, 0x60, 0x00, 0x00, 0x18];
/** Where the IPL device's address goes (S/370: the interruption code of the BC-mode PSW at 0). */
const IPL_DEVICE_ADDRESS = 0x02;
/** Limit on channel-time slices an IPL chain may take before CP gives up (a loop). */
const IPL_MAX_DEFERRED = 10_000;

export interface IplOptions {
  readonly clear: boolean;
  readonly stop: boolean;
  readonly parm: string;
}

export type IplOutcome = { readonly ok: true } | { readonly ok: false; readonly csw: string };

/** Device IPL from a virtual device (a card reader deck, later a minidisk). */
export function iplDevice(user: LoggedOnUser, vaddr: number, options: IplOptions): IplOutcome {
  const vm = user.vm;
  vm.systemReset(options.clear);
  const storage = vm.cpu.storage;
  storage.bytes.set(IPL_CCW, 0);
  const start = vm.channel.startIo(vaddr, 0, false);
  let guard = 0;
  while (vm.deferred.length > 0 && guard++ < IPL_MAX_DEFERRED) vm.deferred.shift()!();
  let csw0 = start.csw?.csw0 ?? 0;
  let csw1 = start.csw?.csw1 ?? 0;
  if (start.cc === 0) {
    const interruption = vm.channel.acceptInterrupt(() => true);
    if (interruption === null) return { ok: false, csw: 'CHANNEL PROGRAM DID NOT END' };
    csw0 = interruption.csw0;
    csw1 = interruption.csw1;
  } else if (start.cc !== 1) {
    return { ok: false, csw: `CC ${start.cc}` };
  }
  const unit = csw1 >>> 24;
  const channel = (csw1 >>> 16) & 0xff;
  const bad =
    start.cc === 1 ||
    (unit & (UnitStatus.UnitCheck | UnitStatus.UnitException)) !== 0 ||
    (channel & (ChannelStatus.ProgramCheck | ChannelStatus.ProtectionCheck | ChannelStatus.ChainingCheck)) !== 0;
  if (bad) return { ok: false, csw: `${hex8(csw0)} ${hex8(csw1)}` };
  storage.writeU16(IPL_DEVICE_ADDRESS, vaddr);
  if (vm.arch === '390') storage.writeU16(0xba, vaddr);
  applyParm(user, options.parm);
  vm.loaded = true;
  if (!options.stop) vm.cpu.loadPswFrom(0);
  else vm.pendingIplPsw = true;
  return { ok: true };
}

/** IPL of a named system (IPL CMS): system reset with storage cleared, then the system's own IPL. */
export function iplNamed(user: LoggedOnUser, system: NamedSystem, parm: string): void {
  const vm = user.vm;
  vm.systemReset(true);
  vm.loaded = true;
  system.ipl(user.guest, parm);
}

/** IPL PARM: up to 64 bytes of EBCDIC into R0-R15, 4 per register from the high byte of R0 (cp.md 3.4). */
function applyParm(user: LoggedOnUser, parm: string): void {
  if (parm === '') return;
  const bytes = toEbcdic(parm.slice(0, 64));
  const gpr = user.vm.cpu.gpr;
  for (let i = 0; i < bytes.length; i++) {
    const reg = i >>> 2;
    const shift = 24 - (i & 3) * 8;
    gpr[reg] = ((gpr[reg] & ~(0xff << shift)) | (bytes[i] << shift)) >>> 0;
  }
}
