// Test helpers: a CMS virtual machine on the stand-in CP, with a formatted
// A-disk (191), and files written straight onto disks.

import { cmsSystem } from '../../cms/index.js';
import { CmsDisk } from '../../cms/fs/disk.js';
import { MemoryBlockDevice, type BlockDevice } from '../../cms/fs/block-device.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { StandInMachine, StandInSystem } from './guest-host.js';

export const FIXED_DATE = new Date(Date.UTC(2026, 10, 26, 10, 15, 30));

export function formattedDisk(
  blocks = 4096,
  volser = 'CMS191',
  blockSize: 512 | 1024 | 2048 | 4096 = 4096,
): MemoryBlockDevice {
  const d = new MemoryBlockDevice(blocks);
  CmsDisk.format(d, volser, blockSize, FIXED_DATE);
  return d;
}

/** Write a text file (lines) onto a disk. */
export function putFile(
  device: BlockDevice,
  fn: string,
  ft: string,
  lines: string[],
  recfm: 'F' | 'V' = 'F',
  lrecl = 80,
  modeNumber = 1,
): void {
  const disk = CmsDisk.access(device);
  const w = disk.openForWrite(fn, ft, {
    recfm,
    lrecl: recfm === 'F' ? lrecl : Math.max(lrecl, ...lines.map((l) => l.length)),
    modeNumber,
    now: FIXED_DATE,
  });
  for (const l of lines) w.write(toEbcdic(recfm === 'F' ? l.padEnd(lrecl).slice(0, lrecl) : l || ' '));
  w.close();
}

export interface CmsUser {
  vm: StandInMachine;
  a: MemoryBlockDevice;
  /** Type a line and get the lines CMS wrote back. */
  enter(line: string, max?: number): string[];
}

/** Log a CMS user on: IPL CMS and press Enter once (the profile, then the ready message). */
export function logon(
  options: {
    userid?: string;
    system?: StandInSystem;
    a?: MemoryBlockDevice;
    s?: BlockDevice;
    extra?: Map<number, { device: BlockDevice; readOnly?: boolean }>;
    arch?: '370' | '390';
  } = {},
): CmsUser {
  const a = options.a ?? formattedDisk();
  const disks = new Map<number, { device: BlockDevice; readOnly?: boolean }>([[0x191, { device: a }]]);
  if (options.s) disks.set(0x190, { device: options.s, readOnly: true });
  for (const [k, v] of options.extra ?? []) disks.set(k, v);
  const vm = new StandInMachine({ userid: options.userid, system: options.system, disks, arch: options.arch });
  vm.ipl(cmsSystem);
  vm.enter('');
  return { vm, a, enter: (line, max) => vm.enter(line, max) };
}

/** The ready line pattern, with or without an rc. */
export const READY = /^Ready(\((-?\d+)\))?; T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/;

/** The rc a ready line shows (0 for `Ready;`). */
export function readyRc(lines: string[]): number | undefined {
  const last = lines[lines.length - 1];
  const m = /^(?:Ready|R)(?:\((-?\d+)\))?;/.exec(last ?? '');
  if (!m) return undefined;
  return m[1] === undefined ? 0 : Number(m[1]);
}

import { buildSystemDisks } from '../../src/system-disks.js';

let systemDisk: MemoryBlockDevice | undefined;

/** MAINT's 190 as src/system-disks.ts builds it (made once per test file, then copied). */
export function systemDiskCopy(): MemoryBlockDevice {
  if (!systemDisk) {
    systemDisk = new MemoryBlockDevice(8192);
    buildSystemDisks({ s190: systemDisk }, FIXED_DATE);
  }
  const copy = new MemoryBlockDevice(systemDisk.blockCount, false);
  copy.bytes.set(systemDisk.bytes);
  return copy;
}
