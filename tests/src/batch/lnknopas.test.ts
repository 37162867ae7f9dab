// OPTION LNKNOPAS in the directory: the user links others' minidisks
// without their passwords (what CMSBATCH needs to run a user's job). The
// mode rules still apply; a user without the option is asked as before.

import { describe, expect, it } from 'vitest';
import { CpHarness } from '../../../cp/harness.js';

const DIRECTORY = `
USER OWNER OWNER 1M 4M G
 CONSOLE 009 3215
 MDISK 191 3370 000100 000200 VMPK01 MR RPASS WPASS MPASS
 MDISK 192 3370 000300 000100 VMPK01 RR
USER BATCHER BATCHER 1M 4M G
 OPTION LNKNOPAS
 CONSOLE 009 3215
USER OTHER OTHER 1M 4M G
 CONSOLE 009 3215
`;

describe('OPTION LNKNOPAS', () => {
  it('links R/W with no password, even to a disk with no password for the mode, and keeps the mode rules', async () => {
    const h = new CpHarness({ directorySource: DIRECTORY });
    const batcher = h.connect();
    await batcher.logon('BATCHER', 'BATCHER');
    batcher.enter('LINK OWNER 191 291 M');
    batcher.enter('LINK OWNER 192 292 W');
    batcher.enter('QUERY DASD');
    await h.settle();
    expect(batcher.transcript.some((l) => /ENTER (READ|WRITE|MULT) PASSWORD/.test(l))).toBe(false);
    expect(batcher.shows(/^DASD 291 3370 VMPK01 R\/W/)).toBe(true);
    expect(batcher.shows(/^DASD 292 3370 VMPK01 R\/W/)).toBe(true);

    // Another user without the option is asked for the password; with BATCHER writing, M is refused.
    const other = h.connect();
    await other.logon('OTHER', 'OTHER');
    other.enter('LINK OWNER 191 191 M');
    await h.settle();
    expect(other.shows('ENTER MULT PASSWORD:')).toBe(true);
    other.enter('MPASS');
    await h.settle();
    expect(other.shows(/DMKLNK104E OWNER 191 NOT LINKED; R\/W BY BATCHER/)).toBe(true);
  });
});
