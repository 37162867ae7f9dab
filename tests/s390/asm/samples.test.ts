// The samples of samples/asm assemble cleanly and run on the bare machine
// to their disabled wait, writing what they should to the console and the
// printer.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../s390/asm/index.js';
import { loadObjectDecks } from '../../../s390/asm/loader.js';
import { BareMachine } from '../../../s390/machine.js';
import { Console3215, Printer1403 } from '../../../s390/devices/index.js';

async function runSample(name: string, sysparm?: string) {
  const result = assemble(readFileSync(new URL(`../../../samples/asm/${name}`, import.meta.url), 'latin1'), {
    sysparm,
  });
  const machine = new BareMachine({ arch: '370', storageBytes: 1 << 20 });
  let console = '';
  let printer = '';
  machine.channel.attach(0x009, new Console3215({ write: (t) => void (console += t), read: async () => '' }));
  machine.channel.attach(0x00e, new Printer1403((t) => void (printer += t)));
  const loaded = loadObjectDecks(machine.cpu.storage.bytes, [result.objectDeck], 0x2000);
  machine.cpu.loadPsw(0, loaded.entryPoint);
  const stop = await machine.run(1_000_000);
  return { result, stop, psw: machine.cpu.psw.toHex('370'), console, printer };
}

describe('samples/asm', () => {
  it('HELLO writes its line on the console and stops in the normal wait', async () => {
    const r = await runSample('hello.assemble');
    expect(r.result.returnCode).toBe(0);
    expect(r.stop.stop).toBe('wait');
    expect(r.psw).toBe('0002000000000000');
    expect(r.console).toBe('HELLO FROM THE VMCMS ASSEMBLER\n');
  });

  it('REPORT prints the extended prices and their total', async () => {
    const r = await runSample('report.assemble');
    expect(r.result.returnCode).toBe(0);
    expect(r.psw).toBe('0002000000000000');
    const lines = r.printer.split('\n').map((l) => l.replace(/\f/g, '').trimEnd());
    expect(lines).toContain('SPROCKETS                  7    19.99                 139.93');
    expect(lines).toContain('TOTAL                                               5,409.93');
  });

  it('MACROS writes its greeting, the squares and DONE; --sysparm QUIET drops the greeting', async () => {
    const r = await runSample('macros.assemble');
    expect(r.result.returnCode).toBe(0);
    expect(r.console.split('\n').map((l) => l.trim())).toEqual([
      'HELLO, WORLD, FROM A MACRO',
      'HELLO, VM/370, FROM A MACRO',
      'SQUARES OF 1 TO 6:',
      '1',
      '4',
      '9',
      '16',
      '25',
      '36',
      'DONE',
      '',
    ]);
    const quiet = await runSample('macros.assemble', 'QUIET');
    expect(quiet.console.startsWith('SQUARES')).toBe(true);
  });
});
