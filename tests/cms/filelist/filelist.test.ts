// FILELIST and RDRLIST (and PEEK) full screen on the stand-in CP's 3270:
// the list, line commands with `/`, PF keys, sorting, refresh, XEDIT from
// the list, RECEIVE / PEEK / PURGE / DISCARD on reader files.

import { describe, expect, it } from 'vitest';
import { toEbcdic } from '../../../s390/ebcdic.js';
import { StandInSystem, StandInMachine } from '../guest-host.js';
import { cmsSystem } from '../../../cms/index.js';
import { terminalModel } from '../../../terminal/model.js';
import { Aid, pfAid } from '../../../terminal/codes.js';
import { formattedDisk, putFile, screenUser } from '../xedit/helpers.js';

function listUser() {
  const a = formattedDisk();
  putFile(a, 'ZETA', 'EXEC', ['/* */', 'say "zeta"'], 'V');
  putFile(a, 'ALPHA', 'DATA', ['1', '2', '3']);
  putFile(
    a,
    'MID',
    'ASSEMBLE',
    Array.from({ length: 200 }, (_, i) => `* ${i}`),
  );
  const u = screenUser({ a });
  return u;
}

const entryRows = (rows: string[]): string[] => rows.slice(2, 19).filter((r) => r.trim() !== '');

describe('FILELIST', () => {
  it('lists the files with format, lrecl, records, blocks, date and time, sorted by name', () => {
    const u = listUser();
    u.enter('FILELIST');
    const rows = u.rows();
    expect(rows[0]).toMatch(/CMSUSER\s+FILELIST A0\s+Size=3/);
    expect(rows[1]).toMatch(/Filename Filetype Fm Format Lrecl Records Blocks Date/);
    const entries = entryRows(rows);
    expect(entries[0]).toMatch(/ALPHA\s+DATA\s+A1 F\s+80\s+3\s+1 11\/26\/26 10:15:30/);
    expect(entries[1]).toMatch(/MID\s+ASSEMBLE A1 F\s+80\s+200/);
    expect(entries[2]).toMatch(/ZETA\s+EXEC\s+A1 V/);
    expect(rows[20]).toMatch(/1= Help/);
    expect(rows[22]).toMatch(/^====>/);
  });

  it('PF4 sorts by type, PF6 by size, PF10 by name again', () => {
    const u = listUser();
    u.enter('FILELIST');
    u.pf(4);
    expect(entryRows(u.rows()).map((r) => r.slice(13, 22).trim())).toEqual(['MID', 'ALPHA', 'ZETA']);
    u.pf(6);
    expect(entryRows(u.rows())[0]).toMatch(/MID/);
    u.pf(10);
    expect(entryRows(u.rows())[0]).toMatch(/ALPHA/);
  });

  it('a CMS command on a line with / as the fileid runs against that file; the list is refreshed', () => {
    const u = listUser();
    u.enter('FILELIST');
    u.type(2, 0, 'COPY / X = A');
    u.pressEnter();
    // COPYFILE typed nothing, so the list came back at once with the new file and a * mark.
    const rows = entryRows(u.rows());
    expect(rows.some((r) => /X\s+DATA/.test(r))).toBe(true);
    expect(u.file('X', 'DATA')).toEqual(['1', '2', '3']);
    expect(rows.find((r) => /ALPHA\s+DATA/.test(r))).toMatch(/^\*/);
  });

  it('/n, /t and /m stand for the filename, filetype and filemode', () => {
    const u = listUser();
    u.enter('FILELIST');
    u.type(2, 0, 'TYPE /n /t');
    u.pressEnter();
    expect(u.vm.take()).toEqual(['1', '2', '3']);
    u.pressEnter(); // TYPE's lines were on CP's screen: a key, and the list is back
    u.type(2, 0, 'ESTATE /n /t');
    u.pressEnter();
    expect(entryRows(u.rows())[0]).toMatch(/^\* +ALPHA/);
    u.type(2, 0, 'ESTATE /t /n');
    u.pressEnter();
    expect(entryRows(u.rows())[0]).toMatch(/^28 +ALPHA/); // DATA ALPHA does not exist: the rc shows
  });

  it('= on a line repeats the last line command; PF2 refreshes the list', () => {
    const u = listUser();
    u.enter('FILELIST');
    u.type(2, 0, 'COPY / X = A');
    u.pressEnter();
    // The list is sorted by name again after the refresh: ALPHA, MID, X, ZETA.
    u.type(5, 0, '=');
    u.pressEnter();
    expect(u.file('X', 'EXEC')).toEqual(['/* */', 'say "zeta"']);
    expect(entryRows(u.rows()).length).toBe(5);
    u.pf(4); // by type: MID ASSEMBLE first
    expect(entryRows(u.rows())[0]).toMatch(/MID/);
    u.pf(2); // refresh: the files read again, in name order
    expect(entryRows(u.rows()).map((r) => r.slice(13, 22).trim())).toEqual(['ALPHA', 'MID', 'X', 'X', 'ZETA']);
  });

  it('a command without / gets the fileid at the end; D discards a file', () => {
    const u = listUser();
    u.enter('FILELIST');
    u.type(4, 0, 'D');
    u.pressEnter();
    expect(u.file('ZETA', 'EXEC')).toBeUndefined();
    expect(entryRows(u.rows()).length).toBe(2);
  });

  it('X (and PF11 at the cursor) edits the file; QUIT comes back to the list', () => {
    const u = listUser();
    u.enter('FILELIST');
    u.type(2, 0, 'x');
    u.pressEnter();
    expect(u.rows()[0]).toMatch(/ALPHA\s+DATA\s+A1/);
    u.command('QUIT');
    expect(u.rows()[0]).toMatch(/FILELIST A0/);
    u.vm.screen!.cursor = 3 * 80 + 20;
    u.pf(11);
    expect(u.rows()[0]).toMatch(/MID\s+ASSEMBLE/);
    u.pf(3);
    expect(u.rows()[0]).toMatch(/FILELIST A0/);
    u.pf(3);
    expect(u.vm.take().some((l) => l.startsWith('Ready;'))).toBe(true);
  });

  it('a pattern limits the list; a CMS command on the command line runs; nothing matching: not found', () => {
    const u = listUser();
    u.enter('FILELIST * EXEC');
    expect(entryRows(u.rows()).length).toBe(1);
    u.command('QUIT');
    expect(u.enter('FILELIST NOPE NOPE')).toContain("DMSFLS002E File 'NOPE NOPE A' not found.");
  });

  it('line mode without a display: LISTFILE (DATE', () => {
    const a = formattedDisk();
    putFile(a, 'ALPHA', 'DATA', ['1']);
    const u = screenUser({ a, display: false });
    const out = u.enter('FILELIST');
    expect(out.some((l) => /ALPHA\s+DATA\s+A1/.test(l))).toBe(true);
  });
});

describe('RDRLIST and PEEK', () => {
  function withReader() {
    const system = new StandInSystem();
    const card = (t: string) => ({ op: 0x41, data: toEbcdic(t.padEnd(80)) });
    system.spool('CMSUSER', {
      from: 'FRIEND',
      origin: 'PUN',
      name: 'LETTER',
      type: 'TEXT',
      hold: false,
      records: [card('DEAR USER'), card('HELLO')],
    });
    system.spool('CMSUSER', {
      from: 'OTHER',
      origin: 'PUN',
      name: 'JUNK',
      type: 'DATA',
      hold: false,
      records: [card('X')],
    });
    const a = formattedDisk();
    const vm = new StandInMachine({ system, disks: new Map([[0x191, { device: a }]]), display: terminalModel(2) });
    vm.ipl(cmsSystem);
    vm.enter('');
    return { vm, system, a };
  }
  const rows = (vm: StandInMachine) => vm.screenText();

  it('lists the reader files', () => {
    const { vm } = withReader();
    vm.enter('RDRLIST');
    const r = rows(vm);
    expect(r[0]).toMatch(/RDRLIST A0\s+Size=2/);
    expect(r[2]).toMatch(/LETTER\s+TEXT\s+A PUN FRIEND\s+2 0001/);
    expect(r[3]).toMatch(/JUNK\s+DATA\s+A PUN OTHER\s+1 0002/);
  });

  it('DISCARD on a line purges the file; RECEIVE receives one onto the A-disk', () => {
    const { vm, system } = withReader();
    vm.enter('RDRLIST');
    vm.typeAt(3, 0, 'DISCARD');
    vm.press(Aid.enter);
    expect(system.reader('CMSUSER').map((f) => f.name)).toEqual(['LETTER']);
    vm.press(Aid.enter); // the CP response was shown: a key to go back to the list
    vm.typeAt(2, 0, 'RECEIVE');
    vm.press(Aid.enter);
    expect(system.reader('CMSUSER')).toEqual([]);
    expect(vm.take().some((l) => l.includes('LETTER TEXT received'))).toBe(true);
  });

  it('PEEK (PF11) shows the file in XEDIT without receiving it', () => {
    const { vm, system } = withReader();
    vm.enter('RDRLIST');
    vm.screen!.cursor = 2 * 80 + 20;
    vm.press(pfAid(11));
    const r = rows(vm);
    expect(r[0]).toMatch(/LETTER\s+TEXT/);
    expect(r.some((l) => l.includes('DEAR USER'))).toBe(true);
    vm.typeAt(22, 6, 'QUIT');
    vm.press(Aid.enter);
    expect(rows(vm)[0]).toMatch(/RDRLIST A0/);
    expect(system.reader('CMSUSER').length).toBe(2);
  });
});
