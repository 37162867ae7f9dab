// The Guest a virtual machine presents to a guest operating system written
// in TypeScript (s390/guest.ts): CMS gets this object at IPL and sees
// through it only what a real guest has, its storage, registers and PSW,
// DIAGNOSE and virtual device I/O. It is a thin view of the VirtualMachine;
// the CPU behind it changes on DEFINE STORAGE, so every member looks it up.

import type { IoResult } from '../s390/channel-subsystem.js';
import type { Guest, NativeRoutine } from '../s390/guest.js';
import { Lowcore } from '../s390/interruption.js';
import type { Psw } from '../s390/psw.js';
import type { Storage } from '../s390/storage.js';
import type { CpInterceptor } from './intercept.js';
import type { VirtualMachine } from './virtual-machine.js';

/** Length of the DIAGNOSE instruction a native routine is called through. */
const DIAGNOSE_LENGTH = 4;

export class VmGuest implements Guest {
  interceptor!: CpInterceptor;

  constructor(private readonly vm: VirtualMachine) {}

  get arch(): '370' | '390' {
    return this.vm.arch;
  }
  get storage(): Storage {
    return this.vm.cpu.storage;
  }
  get gpr(): Uint32Array {
    return this.vm.cpu.gpr;
  }
  get fpr(): Uint32Array {
    return this.vm.cpu.fpr;
  }
  get psw(): Psw {
    return this.vm.cpu.psw;
  }

  loadPsw(w0: number, w1: number): void {
    this.vm.cpu.loadPsw(w0, w1);
  }

  loadPswFrom(address: number): void {
    this.vm.cpu.loadPswFrom(address);
  }

  diagnose(code: number, rx: number, ry: number): number | undefined {
    const result = this.interceptor.diagnose(code & 0xffff, rx & 15, ry & 15);
    return typeof result === 'number' ? result : undefined;
  }

  startIo(device: number): number {
    this.vm.counters.startIo++;
    const explained = this.interceptor.explainer?.startIo(device & 0xffff, this.vm.cpu);
    const cc = this.complete(this.vm.channel.startIo(device & 0xffff, this.storage.readU32(Lowcore.Caw), false));
    explained?.(cc);
    return cc;
  }

  testIo(device: number): number {
    return this.complete(this.vm.channel.testIo(device & 0xffff));
  }

  haltIo(device: number): number {
    return this.complete(this.vm.channel.haltIo(device & 0xffff));
  }

  registerNative(routine: NativeRoutine): number {
    return this.vm.registerNative(routine);
  }

  again(): void {
    const cpu = this.vm.cpu;
    cpu.psw.address = (cpu.psw.address - DIAGNOSE_LENGTH) & cpu.amodeMask;
    this.vm.yieldRequested = true;
  }

  /** Store the CSW as the I/O instructions do (S/370 PoO "Input/Output Operations") and give the CC. */
  private complete(result: IoResult): number {
    if (result.cc === 1 && result.csw) {
      if (result.statusOnly) this.storage.writeU16(Lowcore.Csw + 4, result.csw.csw1 >>> 16);
      else {
        this.storage.writeU32(Lowcore.Csw, result.csw.csw0);
        this.storage.writeU32(Lowcore.Csw + 4, result.csw.csw1);
      }
    }
    return result.cc;
  }
}
