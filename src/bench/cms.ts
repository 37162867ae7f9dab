// CMS benchmarks (issue 7, "Performance"): IPL to the first ready message
// per user, the host memory an idle CMS user costs beyond its guest
// storage (100 users), COPYFILE of a 10 MB file and LISTFILE of a disk
// with 5,000 files. Until CP runs virtual machines these use the stand-in
// CP of tests/cms/guest-host.ts, which follows docs/diagnose.md as CP
// will; the numbers then measure CMS, not CP's dispatcher.
//
// Run: `npx vite-node src/bench/cms.ts` (add NODE_OPTIONS=--expose-gc for
// the memory figure).

import { cmsSystem } from '../../cms/index.js';
import { CmsDisk } from '../../cms/fs/disk.js';
import { MemoryBlockDevice } from '../../cms/fs/block-device.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { StandInMachine, StandInSystem } from '../../tests/cms/guest-host.js';

const STORAGE = 2 * 1024 * 1024;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function user(system: StandInSystem, userid: string, a: MemoryBlockDevice): StandInMachine {
  const vm = new StandInMachine({ userid, system, storage: STORAGE, disks: new Map([[0x191, { device: a }]]) });
  vm.ipl(cmsSystem);
  vm.enter('');
  return vm;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function logonToReady(users = 100): { perUserMs: number; heapPerUserBytes: number | null } {
  const system = new StandInSystem();
  const disks = Array.from({ length: users }, () => {
    const d = new MemoryBlockDevice(2048);
    CmsDisk.format(d, 'CMS191', 4096);
    return d;
  });
  user(new StandInSystem(), 'WARMUP', disks[0]);
  gc();
  const before = process.memoryUsage();
  const heapBefore = before.heapUsed;
  const start = process.hrtime.bigint();
  const vms: StandInMachine[] = [];
  for (let i = 0; i < users; i++) vms.push(user(system, `USER${i}`, disks[i]));
  const perUserMs = ms(start) / users;
  gc();
  const after = process.memoryUsage();
  const heapAfter = after.heapUsed;
  const measured = (globalThis as { gc?: unknown }).gc !== undefined;
  if (vms.some((vm) => !vm.reading)) throw new Error('a user did not reach the ready prompt');
  // Typed arrays live outside the JS heap: count them too, less the guest storage itself.
  const buffers = (after.arrayBuffers - before.arrayBuffers) / users - STORAGE;
  return { perUserMs, heapPerUserBytes: measured ? (heapAfter - heapBefore) / users + Math.max(0, buffers) : null };
}

export function copyfile10MB(): { ms: number; mbPerSecond: number } {
  const a = new MemoryBlockDevice(65536);
  const disk = CmsDisk.format(a, 'BIG191', 4096);
  const records = (10 * 1024 * 1024) / 80;
  const w = disk.openForWrite('BIG', 'DATA', { recfm: 'F', lrecl: 80 });
  const rec = toEbcdic('X'.repeat(80));
  for (let i = 0; i < records; i++) w.write(rec);
  w.close();
  const vm = user(new StandInSystem(), 'COPIER', a);
  vm.take();
  const start = process.hrtime.bigint();
  vm.type('COPYFILE BIG DATA A COPY DATA A');
  vm.run(Number.MAX_SAFE_INTEGER);
  const elapsed = ms(start);
  const out = vm.take();
  if (!/^Ready;/.test(out[out.length - 1] ?? '')) throw new Error(`COPYFILE failed: ${out.join(' | ')}`);
  return { ms: elapsed, mbPerSecond: 10 / (elapsed / 1000) };
}

export function listfile5000(): { ms: number; lines: number } {
  const a = new MemoryBlockDevice(32768);
  const disk = CmsDisk.format(a, 'MANY', 1024);
  for (let i = 0; i < 5000; i++) {
    const w = disk.openForWrite(`F${i}`, 'DATA', { recfm: 'F', lrecl: 8 });
    w.write(toEbcdic('CONTENTS'));
    w.close();
  }
  const vm = user(new StandInSystem(), 'LISTER', a);
  vm.take();
  const start = process.hrtime.bigint();
  vm.type('LISTFILE * * A (DATE');
  vm.run(Number.MAX_SAFE_INTEGER);
  const elapsed = ms(start);
  return { ms: elapsed, lines: vm.take().length - 2 };
}

// Run directly (node dist/src/bench/cms.js, or vite-node, which hides the script from argv).
const script = process.argv[1] ?? '';
const isMain = script.endsWith('cms.js') || script.endsWith('cms.ts') || script.endsWith('vite-node');
if (isMain) {
  const l = logonToReady();
  console.log(`IPL CMS to the ready message: ${l.perUserMs.toFixed(2)} ms per user (100 users, stand-in CP)`);
  console.log(
    l.heapPerUserBytes === null
      ? 'host memory per idle user: run with NODE_OPTIONS=--expose-gc to measure'
      : `host heap per idle CMS user beyond its guest storage: ${(l.heapPerUserBytes / 1024).toFixed(0)} KB`,
  );
  const c = copyfile10MB();
  console.log(`COPYFILE of a 10 MB file: ${c.ms.toFixed(0)} ms (${c.mbPerSecond.toFixed(1)} MB/s)`);
  const f = listfile5000();
  console.log(`LISTFILE (DATE of 5,000 files: ${f.ms.toFixed(0)} ms (${f.lines} lines)`);
}
