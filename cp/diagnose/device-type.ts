import type { VirtualDevice } from '../virtual-machine.js';
import type { DiagnoseCall, DiagnoseResult } from './types.js';

/** Virtual device class and type bytes (docs/diagnose.md, X'24'). */
const CLASS = { CONS: 0x80, GRAF: 0x40, RDR: 0x20, PUN: 0x10, PRT: 0x10, DASD: 0x04, TAPE: 0x08 } as const;
const TYPE: Readonly<Record<string, number>> = {
  '3215': 0x04,
  '3270': 0x01,
  '2540R': 0x20,
  '3505': 0x20,
  '2540P': 0x20,
  '3525': 0x20,
  '2540': 0x20,
  '1403': 0x41,
  '3211': 0x41,
  '3370': 0x01,
};

// DIAGNOSE X'24'  device type  (VM/370 SPG, simplified; docs/diagnose.md)
//   Rx = virtual device address, or -1 for the virtual console (then Rx <-
//   the console's address). Ry <- class, type, status (X'80': read-only
//   minidisk), flags of the virtual device; Ry+1 <- the "real" device's class, type, model, 0 (the same class
//   and type here). CC 0; CC 3 no such virtual device.
export function deviceType({ cpu, rx, ry, host }: DiagnoseCall): DiagnoseResult {
  const vm = host.vm;
  let vaddr = cpu.gpr[rx];
  if (vaddr === 0xffffffff) {
    vaddr = vm.consoleAddress;
    cpu.gpr[rx] = vaddr;
  }
  const dev = vm.devices.get(vaddr & 0xffff);
  if (!dev || vaddr > 0xffff) return 3;
  const [cls, type] = classAndType(dev);
  // Byte 2, the virtual device's status: X'80' for a minidisk linked read-only.
  const status = dev.dasd?.readOnly ? 0x80 : 0;
  cpu.gpr[ry] = ((cls << 24) | (type << 16) | (status << 8)) >>> 0;
  cpu.gpr[(ry + 1) & 15] = ((cls << 24) | (type << 16) | (modelOf(dev) << 8)) >>> 0;
  return 0;
}

function classAndType(dev: VirtualDevice): [number, number] {
  return [CLASS[dev.deviceClass], TYPE[dev.devtype] ?? 0];
}

function modelOf(dev: VirtualDevice): number {
  return dev.devtype === '1403' ? 2 : 1;
}
