// src/system-disks.ts: the S-disk holds CMSLIB MACLIB, a help file per
// command and the samples, as mode-2 files; each user's 191 is formatted.

import { describe, expect, it } from 'vitest';
import { CmsDisk } from '../../cms/fs/disk.js';
import { MemoryBlockDevice } from '../../cms/fs/block-device.js';
import { parseMaclib } from '../../s390/asm/maclib.js';
import { fromEbcdic } from '../../s390/ebcdic.js';
import { buildSystemDisks } from '../../src/system-disks.js';

describe('buildSystemDisks', () => {
  it('formats MAINT 190 and 19E and each 191, and writes the system files on 190', () => {
    const s190 = new MemoryBlockDevice(8192);
    const y19e = new MemoryBlockDevice(1024);
    const user = new MemoryBlockDevice(1024);
    buildSystemDisks({ s190, y19e, userDisks: new Map([['CMSUSER', user]]) });
    const s = CmsDisk.access(s190);
    expect(s.volser).toBe('MNT190');
    expect(s.files().every((f) => f.modeNumber === 2)).toBe(true);
    const maclib = s
      .readRecords('CMSLIB', 'MACLIB')
      .map((r) => fromEbcdic(r))
      .join('\n');
    const members = parseMaclib(maclib);
    for (const m of [
      'WRTERM',
      'RDTERM',
      'FSREAD',
      'FSWRITE',
      'FSCLOSE',
      'FSSTATE',
      'FSERASE',
      'FSCB',
      'PRINTL',
      'PUNCHC',
      'RDCARD',
      'REGEQU',
      'DMSFREE',
      'DMSFRET',
      'LINEDIT',
      'CMSRET',
    ]) {
      expect(members.has(m)).toBe(true);
    }
    expect(s.find('LISTFILE', 'HELPCMS')).toBeDefined();
    expect(s.find('HELLO', 'ASSEMBLE')).toBeDefined();
    expect(CmsDisk.access(y19e).files()).toEqual([]);
    expect(CmsDisk.access(user).volser).toBe('CMS191');
  });
});
