// XEDIT benchmark (issue 9): a 100,000-line file edited full screen on the
// stand-in CP's 3270 (tests/cms/guest-host.ts, DIAGNOSE X'58' as
// docs/diagnose.md gives it). Each figure is one whole screen interaction:
// type on the command line, press a key, CMS runs the subcommand, draws the
// screen and the 3270 takes it. Target: under 100 ms per screen.
//
// Run: `npx vite-node src/bench/xedit.ts`.

import { cmsSystem } from '../../cms/index.js';
import { CmsDisk } from '../../cms/fs/disk.js';
import { MemoryBlockDevice } from '../../cms/fs/block-device.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { terminalModel } from '../../terminal/model.js';
import { Aid, pfAid } from '../../terminal/codes.js';
import { StandInMachine } from '../../tests/cms/guest-host.js';

const LINES = 100_000;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function setup(): StandInMachine {
  const a = new MemoryBlockDevice(65536);
  CmsDisk.format(a, 'BIG191', 4096);
  const disk = CmsDisk.access(a);
  const w = disk.openForWrite('BIG', 'FILE', { recfm: 'F', lrecl: 80 });
  for (let i = 0; i < LINES; i++)
    w.write(toEbcdic(`LINE ${String(i + 1).padStart(6, '0')} THE QUICK BROWN FOX`.padEnd(80)));
  w.close();
  const vm = new StandInMachine({
    storage: 16 * 1024 * 1024, // XEDIT keeps the 8 MB file in virtual storage
    disks: new Map([[0x191, { device: a }]]),
    display: terminalModel(2),
  });
  vm.ipl(cmsSystem);
  vm.enter('');
  return vm;
}

function command(vm: StandInMachine, text: string): number {
  vm.typeAt(22, 6, text);
  const start = process.hrtime.bigint();
  vm.press(Aid.enter, 500_000_000);
  return ms(start);
}

function key(vm: StandInMachine, n: number): number {
  const start = process.hrtime.bigint();
  vm.press(pfAid(n), 500_000_000);
  return ms(start);
}

export function xeditBench(): Record<string, number> {
  const vm = setup();
  let start = process.hrtime.bigint();
  vm.enter('XEDIT BIG FILE', 500_000_000);
  const open = ms(start);
  if (!vm.screenText()[0].includes('Size=100000'))
    throw new Error(`XEDIT did not open the file: ${vm.screenText()[0]}`);
  const forward: number[] = [];
  for (let i = 0; i < 20; i++) forward.push(key(vm, 8));
  const bottom = command(vm, 'BOTTOM');
  const backward: number[] = [];
  for (let i = 0; i < 20; i++) backward.push(key(vm, 7));
  const locate = command(vm, ':50000');
  const search = command(vm, '/LINE 099999/');
  command(vm, 'TOP');
  const change = command(vm, 'CHANGE /QUICK/SLOW/ * *');
  const changed = vm.screenText()[1];
  if (!changed.includes('100000 occurrence(s) changed on 100000 line(s)')) throw new Error(`CHANGE: ${changed}`);
  start = process.hrtime.bigint();
  vm.typeAt(22, 6, 'FILE');
  vm.press(Aid.enter, 500_000_000);
  const file = ms(start);
  const max = (a: number[]): number => Math.max(...a);
  const avg = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;
  return {
    'XEDIT of the file (read 100,000 records, first screen) ms': open,
    'FORWARD (PF8) per screen, average ms': avg(forward),
    'FORWARD (PF8) per screen, worst ms': max(forward),
    'BACKWARD (PF7) per screen, average ms': avg(backward),
    'BOTTOM ms': bottom,
    'LOCATE :50000 ms': locate,
    'LOCATE /string/ (99,999 lines searched) ms': search,
    'CHANGE /QUICK/SLOW/ * * (100,000 lines) ms': change,
    'FILE (write 100,000 records) ms': file,
  };
}

// Run directly (node dist/src/bench/xedit.js, or vite-node, which hides the script from argv).
const script = process.argv[1] ?? '';
if (script.endsWith('xedit.js') || script.endsWith('xedit.ts') || script.endsWith('vite-node')) {
  for (const [k, v] of Object.entries(xeditBench())) console.log(`${k.padEnd(48)} ${v.toFixed(1)}`);
}
