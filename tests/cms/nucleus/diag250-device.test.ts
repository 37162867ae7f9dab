// The minidisk over DIAGNOSE X'250' (cms/fs/diag250-device.ts) against the
// stand-in CP: INIT, READ and WRITE through a guest buffer, the reason codes.

import { describe, expect, it } from 'vitest';
import { BlockIoFailure, Diag250Device } from '../../../cms/fs/diag250-device.js';
import { MemoryBlockDevice } from '../../../cms/fs/block-device.js';
import { StandInMachine } from '../guest-host.js';

function machine(readOnly = false): { vm: StandInMachine; disk: MemoryBlockDevice } {
  const disk = new MemoryBlockDevice(300);
  const vm = new StandInMachine({ disks: new Map([[0x191, { device: disk, readOnly }]]) });
  return { vm, disk };
}

const areas = { iopl: 0x800, buffer: 0x8000, bufferLength: 0x1000 };

function open(vm: StandInMachine, vdev: number): Diag250Device | number {
  return Diag250Device.open(
    vdev,
    vm.storage,
    (code, rx, ry) => {
      vm.gpr[2] = rx;
      vm.gpr[4] = ry;
      const cc = vm.diagnose(code, 2, 4);
      return { cc, rx: vm.gpr[2], ry: vm.gpr[4], r15: vm.gpr[15] };
    },
    areas,
  );
}

describe('Diag250Device', () => {
  it('INIT gives the size and the link mode', () => {
    const { vm } = machine();
    const dev = open(vm, 0x191) as Diag250Device;
    expect(dev.blockCount).toBe(300);
    expect(dev.writable).toBe(true);
    expect(open(vm, 0x192)).toBe(1);
  });

  it('writes and reads blocks, more than the buffer holds, in pieces', () => {
    const { vm, disk } = machine();
    const dev = open(vm, 0x191) as Diag250Device;
    const data = new Uint8Array(20 * 512).map((_, i) => i & 255);
    dev.write(10, 20, data);
    expect(disk.bytes.subarray(10 * 512, 30 * 512)).toEqual(data);
    const back = new Uint8Array(20 * 512);
    dev.read(10, 20, back);
    expect(back).toEqual(data);
  });

  it('a read-only link: INIT says so and WRITE fails with reason 3', () => {
    const { vm } = machine(true);
    const dev = open(vm, 0x191) as Diag250Device;
    expect(dev.writable).toBe(false);
    expect(() => dev.write(0, 1, new Uint8Array(512))).toThrow(BlockIoFailure);
    try {
      dev.write(0, 1, new Uint8Array(512));
    } catch (err) {
      expect((err as BlockIoFailure).reason).toBe(3);
    }
  });

  it('a block outside the minidisk is reason 4', () => {
    const { vm } = machine();
    const dev = open(vm, 0x191) as Diag250Device;
    expect(() => dev.read(299, 2, new Uint8Array(1024))).toThrow(/reason 4/);
  });
});
