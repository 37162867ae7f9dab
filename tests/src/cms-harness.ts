// A CP harness whose directory has the sample's shape (MAINT's system
// disks, a 191 for CMSUSER and USER1) with the disks formatted as the data
// directory's creation formats them (src/data-dir.ts, src/system-disks.ts),
// and CMS as a named system: for CMS-under-CP tests.

import { cmsSystem } from '../../cms/index.js';
import { CpHarness } from '../../cp/harness.js';
import { openMinidisk } from '../../cp/minidisk.js';
import { buildSystemDisks } from '../../src/system-disks.js';

/** The sample directory's shape: MAINT's system disks, a 191 for each CMS user. */
export const CMS_DIRECTORY = `
USER MAINT CPCMS 4M 16M ABCDEFG
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
 MDISK 190 3370 000100 020000 VMSRES MR ALL
 MDISK 19E 3370 020100 002000 VMSRES MR ALL
USER CMSUSER CMSUSER 4M 16M G
 IPL CMS
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
 LINK MAINT 190 190 RR
 LINK MAINT 19E 19E RR
 MDISK 191 3370 002100 004000 VMPK01 MR READ WRITE
USER USER1 USER1 4M 16M G
 IPL CMS
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
 LINK MAINT 190 190 RR
 LINK MAINT 19E 19E RR
 MDISK 191 3370 006100 004000 VMPK01 MR READ WRITE
`;

export function cmsHarness(): CpHarness {
  const h = new CpHarness({ namedSystems: [cmsSystem], directorySource: CMS_DIRECTORY });
  const disk = (userid: string, vaddr: number) =>
    openMinidisk(
      h.cp.volumes,
      userid,
      h.cp.directory.entries.get(userid)!.minidisks.find((d) => d.vaddr === vaddr)!,
    )!;
  buildSystemDisks({
    s190: disk('MAINT', 0x190),
    y19e: disk('MAINT', 0x19e),
    userDisks: new Map([
      ['CMSUSER', disk('CMSUSER', 0x191)],
      ['USER1', disk('USER1', 0x191)],
    ]),
  });
  return h;
}
