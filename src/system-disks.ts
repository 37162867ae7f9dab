// The CMS system disks and the users' A-disks, written when the data
// directory is created: MAINT's 190 (the S-disk: CMSLIB MACLIB, a HELP
// file per command, the sample programs, all as mode 2 files, which is
// what CMS makes visible of the system disk; OSMACRO MACLIB for the OS
// simulation), MAINT's 19E (Y, empty), and
// an empty CMS file system on each user's 191. The lead calls this with a
// BlockDevice per minidisk.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CmsDisk } from '../cms/fs/disk.js';
import type { BlockDevice } from '../cms/fs/block-device.js';
import { toEbcdic } from '../s390/ebcdic.js';
import { samplesPath } from './package-root.js';

export interface SystemDiskSet {
  /** MAINT 190: the system disk. */
  readonly s190: BlockDevice;
  /** MAINT 19E: the Y-disk, when defined. */
  readonly y19e?: BlockDevice;
  /** Each user's 191, by userid. */
  readonly userDisks?: ReadonlyMap<string, BlockDevice>;
}

export interface SystemFile {
  readonly fn: string;
  readonly ft: string;
  readonly recfm: 'F' | 'V';
  readonly lrecl: number;
  readonly lines: readonly string[];
}

function lines(text: string): string[] {
  const l = text.replace(/\r\n/g, '\n').split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** The files that go on the S-disk, read from samples/cms-system and samples/cms. */
export function systemFiles(root = samplesPath()): SystemFile[] {
  const files: SystemFile[] = [];
  // Each folder of .macro files is one MACLIB of that name (CMSLIB, OSMACRO).
  for (const lib of ['CMSLIB', 'OSMACRO']) {
    const macroDir = join(root, 'cms-system', lib);
    if (!existsSync(macroDir)) continue;
    const maclib: string[] = [];
    for (const name of readdirSync(macroDir)
      .filter((n) => n.endsWith('.macro'))
      .sort()) {
      maclib.push(`*COPY ${name.replace(/\.macro$/, '')}`, ...lines(readFileSync(join(macroDir, name), 'latin1')));
    }
    files.push({ fn: lib, ft: 'MACLIB', recfm: 'F', lrecl: 80, lines: maclib });
  }
  const helpDir = join(root, 'cms-system', 'HELP');
  if (existsSync(helpDir)) {
    for (const name of readdirSync(helpDir).sort()) {
      const [fn, ft] = name.split('.');
      if (!fn || !ft) continue;
      files.push({ fn, ft, recfm: 'V', lrecl: 80, lines: lines(readFileSync(join(helpDir, name), 'latin1')) });
    }
  }
  for (const dir of [join(root, 'cms-system'), join(root, 'cms')]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const m = /^([A-Z0-9$#@]{1,8})\.([A-Z0-9$#@]{1,8})$/.exec(name);
      if (!m) continue;
      const text = lines(readFileSync(join(dir, name), 'latin1'));
      const fixed = m[2] === 'ASSEMBLE' || m[2] === 'MACRO' || m[2] === 'COPY';
      files.push({ fn: m[1], ft: m[2], recfm: fixed ? 'F' : 'V', lrecl: fixed ? 80 : 255, lines: text });
    }
  }
  return files;
}

function writeFile(disk: CmsDisk, f: SystemFile, modeNumber: number, now: Date): void {
  const longest = Math.max(1, ...f.lines.map((l) => l.length));
  const lrecl = f.recfm === 'F' ? f.lrecl : Math.min(65535, Math.max(f.lrecl, longest));
  const w = disk.openForWrite(f.fn, f.ft, { recfm: f.recfm, lrecl, modeNumber, now });
  for (const l of f.lines) {
    const text = f.recfm === 'F' ? l.padEnd(lrecl).slice(0, lrecl) : l.length === 0 ? ' ' : l;
    w.write(toEbcdic(text));
  }
  w.close();
}

/** FORMAT the system disks and the users' 191s and write the system files on 190. */
export function buildSystemDisks(set: SystemDiskSet, now = new Date(), files = systemFiles()): void {
  const s = CmsDisk.format(set.s190, 'MNT190', 4096, now);
  for (const f of files) writeFile(s, f, 2, now);
  if (set.y19e) CmsDisk.format(set.y19e, 'MNT19E', 4096, now);
  for (const [, device] of set.userDisks ?? new Map<string, BlockDevice>()) {
    CmsDisk.format(device, 'CMS191', 4096, now);
  }
}
