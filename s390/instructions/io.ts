// Input/output instructions, S/370 style in both architecture modes (S/370
// PoO, GA22-7000, chapter "Input/Output Operations"; DESIGN.md "The
// machine"). Bits 16-31 of the second-operand address give the I/O address:
// the channel in bits 16-23, the device in bits 24-31. The dispatcher has
// made the privileged-operation check (the rows are flagged IO). Each
// handler asks the machine's channel subsystem, stores the CSW (or its
// status portion) at X'40' when the condition code is 1, and sets the
// condition code. With no channel at all everything is not operational.

import type { Cpu } from '../cpu.js';
import type { Handler } from '../handler.js';
import type { Operands } from '../operands.js';
import type { IoResult } from '../channel-subsystem.js';
import { Lowcore } from '../interruption.js';

/** STORE CHANNEL ID stores the channel ID word at real location X'A8'. */
const CHANNEL_ID = 0xa8;

function ioAddress(op: Operands): number {
  return op.addr2 & 0xffff;
}

function channelNumber(op: Operands): number {
  return (op.addr2 >>> 8) & 0xff;
}

/** Store what the instruction returned and set the condition code. */
function complete(cpu: Cpu, result: IoResult): void {
  if (result.cc === 1 && result.csw) {
    // The status portion is CSW bits 32-47: unit status and channel status.
    if (result.statusOnly) cpu.storage.writeU16(Lowcore.Csw + 4, result.csw.csw1 >>> 16);
    else {
      cpu.storage.writeU32(Lowcore.Csw, result.csw.csw0);
      cpu.storage.writeU32(Lowcore.Csw + 4, result.csw.csw1);
    }
  }
  cpu.psw.cc = result.cc;
}

// 9C00  SIO  Start I/O  [S]
export function startIo(cpu: Cpu, op: Operands): void {
  if (cpu.channel === null) cpu.psw.cc = 3;
  else complete(cpu, cpu.channel.startIo(ioAddress(op), cpu.storage.readU32(Lowcore.Caw), false));
}

// 9C01  SIOF  Start I/O Fast Release  [S]
export function startIoFastRelease(cpu: Cpu, op: Operands): void {
  if (cpu.channel === null) cpu.psw.cc = 3;
  else complete(cpu, cpu.channel.startIo(ioAddress(op), cpu.storage.readU32(Lowcore.Caw), true));
}

// 9D00  TIO  Test I/O  [S]
export function testIo(cpu: Cpu, op: Operands): void {
  if (cpu.channel === null) cpu.psw.cc = 3;
  else complete(cpu, cpu.channel.testIo(ioAddress(op)));
}

// 9D01  CLRIO  Clear I/O  [S]
export function clearIo(cpu: Cpu, op: Operands): void {
  if (cpu.channel === null) cpu.psw.cc = 3;
  else complete(cpu, cpu.channel.clearIo(ioAddress(op)));
}

// 9E00  HIO  Halt I/O  [S]
export function haltIo(cpu: Cpu, op: Operands): void {
  if (cpu.channel === null) cpu.psw.cc = 3;
  else complete(cpu, cpu.channel.haltIo(ioAddress(op)));
}

// 9E01  HDV  Halt Device  [S]
export function haltDevice(cpu: Cpu, op: Operands): void {
  if (cpu.channel === null) cpu.psw.cc = 3;
  else complete(cpu, cpu.channel.haltDevice(ioAddress(op)));
}

// 9F00  TCH  Test Channel  [S]
export function testChannel(cpu: Cpu, op: Operands): void {
  cpu.psw.cc = cpu.channel === null ? 3 : cpu.channel.testChannel(channelNumber(op));
}

// B203  STIDC  Store Channel ID  [S]
export function storeChannelId(cpu: Cpu, op: Operands): void {
  const result = cpu.channel === null ? { cc: 3 as const } : cpu.channel.storeChannelId(channelNumber(op));
  if (result.cc === 0 && result.channelId !== undefined) cpu.storage.writeU32(CHANNEL_ID, result.channelId);
  cpu.psw.cc = result.cc;
}

export const ioHandlers: Record<string, Handler> = {
  SIO: startIo,
  SIOF: startIoFastRelease,
  TIO: testIo,
  CLRIO: clearIo,
  HIO: haltIo,
  HDV: haltDevice,
  TCH: testChannel,
  STIDC: storeChannelId,
};
