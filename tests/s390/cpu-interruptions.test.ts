// Interruptions (PoO "Interruptions"): old and new PSWs at the architected
// locations, interruption codes and ILCs in each PSW format, early
// recognition of PSW-format errors, the wait state and the priorities.

import { describe, expect, it } from 'vitest';
import type { ChannelSubsystem, IoInterruption } from '../../s390/channel-subsystem.js';
import { Cpu } from '../../s390/cpu.js';
import { FixedTodSource } from '../../s390/clock.js';
import { hex8, runProgram, TEST_TOD_START } from './helpers.js';
import { BC, BCR, EX, LA, LPSW, rr, s, SVC, words } from './encode.js';

const DATA = 0x800;

function load(cpu: Cpu, addr: number, bytes: number[]): void {
  cpu.storage.load(addr, bytes);
}

function psw16(cpu: Cpu, addr: number): string {
  return hex8(cpu.storage.readU32(addr)) + hex8(cpu.storage.readU32(addr + 4));
}

describe('program interruptions', () => {
  it.each([
    ['370', '0000000140002002', 1, 1],
    ['390', '0008000080002002', 1, 1],
  ] as const)('%s: operation exception (opcode 00) stores old PSW %s, code 1, ILC 1', (arch, old, code, ilc) => {
    const run = runProgram({ arch, code: [0x00, 0x00] });
    expect(run.programCheck).toBe(true);
    expect(run.programOldPsw).toBe(old);
    expect(run.programInterruptionCode).toBe(code);
    expect(run.programIlc).toBe(ilc);
  });

  it('S/370 BC mode: the code and ILC go into the old PSW and nothing is stored at X8C', () => {
    const run = runProgram({ arch: '370', code: [0x00, 0x00] });
    expect(run.cpu.storage.readU32(0x8c)).toBe(0);
  });

  it('ESA/390: the ILC and code go into the word at X8C', () => {
    const run = runProgram({ arch: '390', code: [0x00, 0x00] });
    expect(hex8(run.cpu.storage.readU32(0x8c))).toBe('00020001');
  });

  it('S/370 EC mode: the code goes to X8C and the old PSW is in EC format', () => {
    const run = runProgram({ arch: '370', psw: [0x00080000, 0x2000], code: [0x00, 0x00] });
    expect(run.programOldPsw).toBe('0008000000002002');
    expect(hex8(run.cpu.storage.readU32(0x8c))).toBe('00020001');
  });

  it.each(['370', '390'] as const)('%s: SSM in problem state is a privileged-operation exception, ILC 2', (arch) => {
    const psw: [number, number] = arch === '370' ? [0x00010000, 0x2000] : [0x00090000, 0x80002000];
    const run = runProgram({ arch, psw, code: s(0x8000, 0, DATA) });
    expect(run.programInterruptionCode).toBe(2);
    expect(run.programIlc).toBe(2);
    expect(run.cpu.storage.readU32(0x28) & 0x00010000).not.toBe(0); // the old PSW is in problem state
  });

  it.each(['370', '390'] as const)(
    '%s: LPSW of an operand off a doubleword boundary is a specification exception',
    (arch) => {
      const run = runProgram({ arch, code: LPSW(DATA + 4) });
      expect(run.programInterruptionCode).toBe(6);
      expect(run.programIlc).toBe(2);
    },
  );

  it.each([
    ['370', 0x80080000, 0x00003000],
    ['370', 0x00084000, 0x00003000],
    ['390', 0x00000000, 0x00003000],
    ['390', 0x00080000, 0x01003000],
  ] as const)(
    '%s: LPSW of an invalid PSW %s %s: specification with ILC 0, the invalid PSW as old PSW',
    (arch, w0, w1) => {
      const run = runProgram({ arch, code: LPSW(DATA), setup: (cpu) => load(cpu, DATA, words(w0, w1)) });
      expect(run.programCheck).toBe(true);
      expect(run.programOldPsw).toBe(hex8(w0) + hex8(w1));
      expect(hex8(run.cpu.storage.readU32(0x8c))).toBe('00000006');
    },
  );

  it('an invalid program-new PSW after a PSW-format error check-stops instead of looping', () => {
    const run = runProgram({
      arch: '390',
      code: LPSW(DATA),
      setup: (cpu) => {
        load(cpu, DATA, words(0, 0x3000));
        load(cpu, 0x68, words(0, 0)); // bit 12 zero: invalid too
      },
    });
    expect(run.stop.kind).toBe('checkstop');
  });

  it.each(['370', '390'] as const)(
    '%s: a branch to an odd address: specification, old PSW holds the odd address',
    (arch) => {
      const run = runProgram({ arch, code: [...LA(1, 0x801), ...BCR(15, 1)] });
      expect(run.programInterruptionCode).toBe(6);
      expect(run.programOldPsw.slice(-6)).toBe('000801');
    },
  );

  it.each(['370', '390'] as const)(
    '%s: an instruction fetch past the end of storage is an addressing exception',
    (arch) => {
      const run = runProgram({
        arch,
        storageBytes: 1 << 20,
        code: [...BCR(15, 1)],
        setup: (cpu) => {
          cpu.gpr[1] = 0x100000;
        },
      });
      expect(run.programInterruptionCode).toBe(5);
    },
  );

  it.each(['370', '390'] as const)(
    '%s: EX of an invalid opcode is an operation exception with the ILC of EX',
    (arch) => {
      const run = runProgram({ arch, origin: 0x400, code: [...EX(0, 0x404), 0x00, 0x00] });
      expect(run.programInterruptionCode).toBe(1);
      expect(run.programIlc).toBe(2);
      expect(run.programOldPsw.slice(-6)).toBe('000404');
    },
  );
});

describe('data-exception code (ESA/390)', () => {
  // AP X'800'(1),X'800'(1) on a byte with no valid sign: a decimal data exception.
  const AP_INVALID = [0xfa, 0x00, 0x08, 0x00, 0x08, 0x00];
  const ESA_WAIT_AT_BAD = words(0x000a0000, 0x00000bad);

  it('a decimal data exception stores DXC 0 at X93 and zeros at X90-X92, over what was there', () => {
    const run = runProgram({
      arch: '390',
      code: AP_INVALID,
      setup: (cpu) => cpu.storage.writeU32(0x90, 0xffffffff),
    });
    expect(run.programInterruptionCode).toBe(7);
    expect(run.cpu.storage.readU32(0x90)).toBe(0);
  });

  it('EX of a decimal instruction: the data exception still stores DXC 0', () => {
    const run = runProgram({
      arch: '390',
      code: EX(0, 0x900),
      setup: (cpu) => {
        load(cpu, 0x900, AP_INVALID);
        cpu.storage.writeU32(0x90, 0xffffffff);
      },
    });
    expect(run.programInterruptionCode).toBe(7);
    expect(run.programIlc).toBe(2);
    expect(run.cpu.storage.readU32(0x90)).toBe(0);
  });

  it('each data exception stores its own DXC: 1 for an AFP register, then 0 for a decimal operand', () => {
    // AER 1,2 (DXC 1) goes to a program-new PSW at X'3000', which saves the
    // word at X'90', makes the next program-new PSW the wait at X'BAD', and
    // runs AP on invalid data (DXC 0).
    const run = runProgram({
      arch: '390',
      code: rr(0x3a, 1, 2),
      setup: (cpu) => {
        load(cpu, 0x68, words(0x00080000, 0x80003000));
        load(cpu, 0xa00, ESA_WAIT_AT_BAD);
        load(cpu, 0x3000, [
          ...[0xd2, 0x03, 0x0a, 0x10, 0x00, 0x90], // MVC X'A10'(4),X'90'
          ...[0xd2, 0x07, 0x00, 0x68, 0x0a, 0x00], // MVC X'68'(8),X'A00'
          ...AP_INVALID,
        ]);
      },
    });
    expect(run.programInterruptionCode).toBe(7);
    expect(run.cpu.storage.readU32(0xa10)).toBe(1);
    expect(run.cpu.storage.readU32(0x90)).toBe(0);
  });

  it('S/370 EC mode stores no DXC', () => {
    const run = runProgram({
      arch: '370',
      code: AP_INVALID,
      psw: [0x00080000, 0x2000],
      setup: (cpu) => cpu.storage.writeU32(0x90, 0x12345678),
    });
    expect(run.programInterruptionCode).toBe(7);
    expect(run.cpu.storage.readU32(0x90)).toBe(0x12345678);
  });
});

describe('execute exception', () => {
  it.each(['370', '390'] as const)('%s: EX whose target is EX: code 3, ILC 2, PSW past the first EX', (arch) => {
    const run = runProgram({ arch, origin: 0x400, code: [...EX(0, 0x404), ...EX(0, 0x404)] });
    expect(run.programInterruptionCode).toBe(3);
    expect(run.programIlc).toBe(2);
    expect(run.programOldPsw.slice(-6)).toBe('000404');
  });

  it.each(['370', '390'] as const)('%s: EX of an odd address is a specification exception', (arch) => {
    const run = runProgram({ arch, origin: 0x400, code: [...EX(0, 0x405)] });
    expect(run.programInterruptionCode).toBe(6);
  });
});

describe('supervisor call', () => {
  const svcStop = (cpu: Cpu): void => load(cpu, 0x60, words(0x000a0000, 0x00000abc));

  it('S/370 BC mode: code in old-PSW bits 16-31, ILC 1, CC and program mask kept', () => {
    const run = runProgram({
      arch: '370',
      psw: [0, 0x2000],
      code: [...rr(0x04, 1, 0), ...SVC(42)],
      setup: (cpu) => {
        svcStop(cpu);
        cpu.gpr[1] = 0x2c000000; // SPM: CC 2, program mask C
      },
    });
    expect(run.cpu.psw.address).toBe(0xabc);
    expect(psw16(run.cpu, 0x20)).toBe('0000002A6C002004');
    expect(run.cpu.storage.readU32(0x88)).toBe(0);
  });

  it('ESA/390: the ILC and code at X88, old PSW at X20', () => {
    const run = runProgram({ arch: '390', code: SVC(255), setup: svcStop });
    expect(hex8(run.cpu.storage.readU32(0x88))).toBe('000200FF');
    expect(psw16(run.cpu, 0x20)).toBe('0008000080002002');
  });

  it.each(['370', '390'] as const)('%s: EX of SVC 0 with R1 = X2A: code X2A, ILC 2', (arch) => {
    const run = runProgram({
      arch,
      psw: arch === '370' ? [0x00080000, 0x400] : [0x00080000, 0x400],
      origin: 0x400,
      code: [...EX(1, 0x404), ...SVC(0)],
      setup: (cpu) => {
        svcStop(cpu);
        cpu.gpr[1] = 0x2a;
      },
    });
    expect(hex8(run.cpu.storage.readU32(0x88))).toBe('0004002A');
    expect(psw16(run.cpu, 0x20).slice(-6)).toBe('000404');
  });
});

describe('restart', () => {
  it('the restart interruption stores the old PSW at X08 and loads the new one from X00', () => {
    const cpu = new Cpu('390', 1 << 20, { clock: new FixedTodSource(TEST_TOD_START) });
    load(cpu, 0, words(0x000a0000, 0x00000123));
    cpu.loadPsw(0x000a0000, 0x00000456);
    expect(cpu.run(100)).toEqual({ kind: 'wait', disabled: true });
    cpu.restart();
    expect(cpu.run(100)).toEqual({ kind: 'wait', disabled: true });
    expect(psw16(cpu, 0x08)).toBe('000A000000000456');
    expect(cpu.psw.address).toBe(0x123);
  });
});

/** A channel subsystem with scripted interruptions. */
class FakeChannel implements ChannelSubsystem {
  queue: IoInterruption[] = [];
  get interruptPending(): boolean {
    return this.queue.length > 0;
  }
  readonly busy = false;
  acceptInterrupt(enabled: (channel: number) => boolean): IoInterruption | null {
    const i = this.queue.findIndex((q) => enabled(q.device >>> 8));
    return i < 0 ? null : this.queue.splice(i, 1)[0];
  }
  whenInterruptPending(): Promise<void> {
    return Promise.resolve();
  }
  startIo(): never {
    throw new Error('not used');
  }
  testIo(): never {
    throw new Error('not used');
  }
  clearIo(): never {
    throw new Error('not used');
  }
  haltIo(): never {
    throw new Error('not used');
  }
  haltDevice(): never {
    throw new Error('not used');
  }
  testChannel(): never {
    throw new Error('not used');
  }
  storeChannelId(): never {
    throw new Error('not used');
  }
}

describe('I/O interruptions', () => {
  function machine(arch: '370' | '390'): { cpu: Cpu; channel: FakeChannel } {
    const cpu = new Cpu(arch, 1 << 20, { clock: new FixedTodSource(TEST_TOD_START) });
    const channel = new FakeChannel();
    cpu.channel = channel;
    load(cpu, 0x78, words(0x000a0000, 0x00000777)); // I/O new PSW: disabled wait
    return { cpu, channel };
  }
  const interruption = { device: 0x00e, csw0: 0x00002010, csw1: 0x0c000000 };

  it('S/370 BC mode: an enabled wait ends with the CSW at X40 and the device address in the old PSW', () => {
    const { cpu, channel } = machine('370');
    channel.queue.push(interruption);
    cpu.loadPsw(0xff020000, 0x00002000); // BC, all channels enabled, wait
    expect(cpu.run(100)).toEqual({ kind: 'wait', disabled: true });
    expect(cpu.psw.address).toBe(0x777);
    expect(psw16(cpu, 0x40)).toBe('000020100C000000');
    expect(psw16(cpu, 0x38).slice(0, 8)).toBe('FF02000E');
  });

  it('ESA/390: the device address at XBA, CR2 masks the channel', () => {
    const { cpu, channel } = machine('390');
    channel.queue.push(interruption);
    cpu.cr[2] = 0x7fffffff; // channel 0 masked off
    cpu.loadPsw(0x020a0000, 0x00002000);
    expect(cpu.run(100)).toEqual({ kind: 'wait', disabled: false });
    expect(channel.queue).toHaveLength(1);
    cpu.cr[2] = 0xffffffff;
    expect(cpu.run(100)).toEqual({ kind: 'wait', disabled: true });
    expect(cpu.storage.readU16(0xba)).toBe(0x00e);
    expect(psw16(cpu, 0x38)).toBe('020A000000002000');
  });

  it('an external interruption is taken before a pending I/O interruption', () => {
    const { cpu, channel } = machine('390');
    channel.queue.push(interruption);
    load(cpu, 0x58, words(0x000a0000, 0x00000555));
    cpu.cr[0] |= 0x00000800; // clock-comparator subclass mask
    cpu.setClockComparator(0n); // TOD is far above 0: pending at once
    cpu.loadPsw(0x030a0000, 0x00002000);
    cpu.run(100);
    expect(cpu.psw.address).toBe(0x555);
    expect(cpu.storage.readU16(0x86)).toBe(0x1004);
    expect(channel.queue).toHaveLength(1);
  });
});

describe('the run loop', () => {
  it('stops with budget when the instruction budget is spent', () => {
    const run = runProgram({ arch: '390', origin: 0x400, code: BC(15, 0x400), maxInstructions: 1000 });
    expect(run.stop).toEqual({ kind: 'budget' });
    expect(run.cpu.instructions).toBe(1000);
  });

  it('a disabled wait stops the run; an enabled wait with nothing to come reports an enabled wait', () => {
    const cpu = new Cpu('390', 1 << 20, { clock: new FixedTodSource(TEST_TOD_START) });
    cpu.loadPsw(0x010a0000, 0x1000); // external mask on, nothing scheduled
    expect(cpu.run(10)).toEqual({ kind: 'wait', disabled: false });
    cpu.loadPsw(0x000a0000, 0x1000);
    expect(cpu.run(10)).toEqual({ kind: 'wait', disabled: true });
  });
});
