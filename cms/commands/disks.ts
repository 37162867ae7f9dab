// ACCESS, RELEASE and FORMAT: minidisks at mode letters (cms.md (b),
// "Minidisks and modes", and (c) ACCESS, RELEASE, FORMAT).

import { CmsDisk, CmsFsError } from '../fs/disk.js';
import type { Diag250Device } from '../fs/diag250-device.js';
import type { BlockSize } from '../fs/layout.js';
import type { AccessedDisk, CmsSession } from '../nucleus/session.js';
import { abbrev, splitOptions } from '../nucleus/fileid.js';
import type { CmsGen } from '../nucleus/task.js';
import { command, type CommandDef } from './table.js';

const hex3 = (n: number): string => n.toString(16).toUpperCase().padStart(3, '0');

export function parseCuu(text: string): number | undefined {
  return /^[0-9A-F]{1,4}$/.test(text) ? parseInt(text, 16) : undefined;
}

/** At IPL: 191 as A, MAINT's 190 as S (only S2 files), 19E as Y/S, when the virtual machine has them. */
export function accessAtIpl(cms: CmsSession): void {
  const plan: { vdev: number; letter: string; parent?: string; modeNumber?: number; readOnly?: boolean }[] = [
    { vdev: 0x191, letter: 'A' },
    { vdev: 0x190, letter: 'S', modeNumber: 2, readOnly: true },
    { vdev: 0x19e, letter: 'Y', parent: 'S', readOnly: true },
  ];
  for (const p of plan) {
    const device = cms.openDevice(p.vdev);
    if (typeof device === 'number') continue;
    try {
      const disk = CmsDisk.access(device);
      cms.disks.set(p.letter, {
        letter: p.letter,
        vdev: p.vdev,
        disk,
        device,
        readOnly: p.readOnly === true || !device.writable,
        parent: p.parent,
        modeNumber: p.modeNumber,
      });
    } catch (err) {
      if (!(err instanceof CmsFsError)) throw err;
      device.close();
    }
  }
}

/** Put an accessed disk at its letter, releasing what it replaces. */
function install(cms: CmsSession, acc: AccessedDisk, quiet: boolean): void {
  const old = cms.disks.get(acc.letter);
  if (old && old.device !== acc.device) {
    if (!quiet) cms.message('ACC', '724', hex3(acc.vdev), old.letter, hex3(old.vdev));
    if (![...cms.disks.values()].some((d) => d !== old && d.vdev === old.vdev)) old.device.close();
  }
  // A read/write disk cannot be at two letters.
  for (const d of [...cms.disks.values()]) {
    if (d.letter !== acc.letter && d.vdev === acc.vdev && !acc.readOnly && !d.readOnly) {
      cms.disks.delete(d.letter);
      if (!quiet) cms.message('ACC', '726', hex3(d.vdev), d.letter);
    }
  }
  cms.disks.set(acc.letter, acc);
}

// eslint-disable-next-line require-yield
function* access(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  let erase = false;
  for (const o of options) {
    if (o === 'ERASE') erase = true;
    else if (o === 'NODISK' || o === 'NOPROF' || o === 'SAVEONLY' || o === 'NOSAVE') continue;
    else {
      cms.message('ACC', '003', o);
      return 24;
    }
  }
  const cuuText = operands[0] ?? '191';
  const vdev = parseCuu(cuuText);
  if (vdev === undefined) {
    cms.message('ACC', '017', cuuText);
    return 24;
  }
  const modeText = operands[1] ?? 'A';
  const m = /^([A-Z])(?:\/([A-Z]))?$/.exec(modeText);
  if (!m) {
    cms.message('ACC', '048', modeText);
    return 24;
  }
  const letter = m[1];
  const ext = m[2];
  if (operands.length > 5) {
    cms.message('ACC', '070', operands[5]);
    return 24;
  }
  const subset = operands.length >= 3 ? { fn: operands[2], ft: operands[3] ?? '*' } : undefined;
  if (erase && (ext || subset)) {
    cms.message('ACC', '066', 'ERASE', ext ? 'EXTENSION' : 'FILEID');
    return 24;
  }
  if (ext && ext !== letter && !cms.disks.has(ext)) {
    cms.message('ACC', '069', ext);
    return 36;
  }
  // The same device already accessed: reuse its channel (one INIT per device).
  const same = [...cms.disks.values()].find((d) => d.vdev === vdev);
  let device: Diag250Device;
  if (same) device = same.device;
  else {
    const opened = cms.openDevice(vdev);
    if (typeof opened === 'number') {
      cms.message('ACC', '113', `${letter}(${hex3(vdev)})`);
      return 100;
    }
    device = opened;
  }
  let disk: CmsDisk;
  try {
    disk = CmsDisk.access(device);
  } catch (err) {
    if (!same) device.close();
    if (err instanceof CmsFsError) {
      cms.message('ACC', '112', `${letter}(${hex3(vdev)})`);
      return 100;
    }
    return cms.fsFailure('ACC', err, `${letter}(${hex3(vdev)})`);
  }
  const readOnly = !device.writable || ext !== undefined || subset !== undefined;
  if (erase) {
    if (readOnly) {
      cms.message('ACC', '037', letter);
      return 36;
    }
    const now = cms.now();
    for (const f of disk.files()) disk.erase(f.filename, f.filetype, now);
  }
  const acc: AccessedDisk = {
    letter,
    vdev,
    disk,
    device,
    readOnly,
    parent: ext && ext !== letter ? ext : undefined,
    subset,
  };
  install(cms, acc, false);
  if (readOnly) {
    cms.message('ACC', '723', letter, hex3(vdev));
  }
  return 0;
}

// eslint-disable-next-line require-yield
function* release(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  let detach = false;
  for (const o of options) {
    if (abbrev('DET', o, 3)) detach = true;
    else {
      cms.message('ARE', '003', o);
      return 24;
    }
  }
  if (operands.length === 0) {
    cms.message('ARE', '028');
    return 24;
  }
  if (operands.length > 1) {
    cms.message('ARE', '070', operands[1]);
    return 24;
  }
  const what = operands[0];
  let targets: AccessedDisk[];
  if (/^[A-Z]$/.test(what)) {
    const acc = cms.disks.get(what);
    if (!acc) {
      cms.message('ARE', '069', what);
      return 36;
    }
    targets = [acc];
  } else {
    const vdev = parseCuu(what);
    if (vdev === undefined) {
      cms.message('ARE', '017', what);
      return 24;
    }
    targets = [...cms.disks.values()].filter((d) => d.vdev === vdev);
    if (targets.length === 0) {
      if (detach) {
        const r = cms.cp(`DETACH ${hex3(vdev)}`);
        return r.rc;
      }
      cms.message('ARE', '069', hex3(vdev));
      return 36;
    }
  }
  for (const acc of targets) {
    cms.disks.delete(acc.letter);
    if (![...cms.disks.values()].some((d) => d.vdev === acc.vdev)) acc.device.close();
  }
  if (detach) return cms.cp(`DETACH ${hex3(targets[0].vdev)}`).rc;
  return 0;
}

function* format(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  if (operands.length === 0) {
    cms.message('FOR', '028');
    return 24;
  }
  const vdev = parseCuu(operands[0]);
  if (vdev === undefined) {
    cms.message('FOR', '017', operands[0]);
    return 24;
  }
  if (operands.length < 2) {
    cms.message('FOR', '048', '');
    return 24;
  }
  const letter = operands[1];
  if (!/^[A-Z]$/.test(letter) || letter === 'S') {
    cms.message('FOR', '048', letter);
    return 24;
  }
  let blockSize: BlockSize = 4096;
  let labelOnly = false;
  let noPrompt = false;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (abbrev('BLKSIZE', o, 3)) {
      const n = { '512': 512, '1K': 1024, '1024': 1024, '2K': 2048, '2048': 2048, '4K': 4096, '4096': 4096 }[
        options[++i] ?? ''
      ];
      if (!n) {
        cms.message('FOR', '070', options[i] ?? '');
        return 24;
      }
      blockSize = n as BlockSize;
    } else if (abbrev('LABEL', o, 1)) labelOnly = true;
    else if (o === 'NOPROMPT' || o === 'NOPR') noPrompt = true;
    else {
      cms.message('FOR', '003', o);
      return 24;
    }
  }
  const opened = cms.openDevice(vdev);
  if (typeof opened === 'number') {
    cms.message('FOR', '113', `${letter}(${hex3(vdev)})`);
    return 100;
  }
  if (!opened.writable) {
    opened.close();
    cms.message('FOR', '037', letter);
    return 36;
  }
  const where = `${letter}(${hex3(vdev)})`;
  if (labelOnly) {
    // FORMAT cuu mode (LABEL: a new label, the files stay.
    let disk: CmsDisk;
    try {
      disk = CmsDisk.access(opened);
    } catch {
      cms.message('FOR', '112', where);
      opened.close();
      return 100;
    }
    cms.message('FOR', '605');
    const label = (yield* cms.readLine()).trim().toUpperCase().slice(0, 6) || disk.volser;
    try {
      disk.relabel(label, cms.now());
    } catch (err) {
      opened.close();
      return cms.fsFailure('FOR', err, where);
    }
    for (const d of [...cms.disks.values()]) if (d.vdev === vdev) cms.disks.delete(d.letter);
    install(cms, { letter, vdev, disk, device: opened, readOnly: false }, true);
    return 0;
  }
  if (!noPrompt) {
    cms.message('FOR', '603', where);
    const answer = (yield* cms.readLine()).trim().toUpperCase();
    if (answer !== 'YES') {
      cms.message('FOR', '705');
      opened.close();
      return 0;
    }
  }
  cms.message('FOR', '605');
  const label = (yield* cms.readLine()).trim().toUpperCase().slice(0, 6) || 'CMS';
  cms.message('FOR', '733', where);
  let disk: CmsDisk;
  try {
    disk = CmsDisk.format(opened, label, blockSize, cms.now());
  } catch (err) {
    opened.close();
    return cms.fsFailure('FOR', err, where);
  }
  cms.message('FOR', '732', disk.totalBlocks, where);
  for (const d of [...cms.disks.values()]) if (d.vdev === vdev) cms.disks.delete(d.letter);
  install(cms, { letter, vdev, disk, device: opened, readOnly: false }, true);
  return 0;
}

export const DISK_COMMANDS: CommandDef[] = [
  command('ACCESS', 'AC', (cms, c) => access(cms, c.tokens)),
  command('RELEASE', 'REL', (cms, c) => release(cms, c.tokens)),
  command('FORMAT', 'FORMAT', (cms, c) => format(cms, c.tokens)),
];
