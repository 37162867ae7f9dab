// XEDIT subcommands typed on the command line of a 3270 (the stand-in CP's
// DIAGNOSE X'58'): each case edits, SAVEs, and reads the file back from the
// disk, or reads the screen. Expected values follow the XEDIT Command and
// Macro Reference (SC24-5221) for each subcommand.

import { describe, expect, it } from 'vitest';
import { formattedDisk, putFile, screenUser, type ScreenUser } from './helpers.js';
import { StandInMachine } from '../guest-host.js';
import { cmsSystem } from '../../../cms/index.js';
import { CmsDisk } from '../../../cms/fs/disk.js';
import { fromEbcdic } from '../../../s390/ebcdic.js';
import { terminalModel } from '../../../terminal/model.js';
import { Aid } from '../../../terminal/codes.js';

const CURRENT = 11; // CURLINE M on a 24-row screen
const LINES = ['ALPHA ONE', 'BETA TWO', 'GAMMA THREE', 'DELTA FOUR', 'EPSILON FIVE'];

function edit(lines: string[] = LINES, ft = 'DATA', recfm: 'F' | 'V' = 'F', lrecl = 80): ScreenUser {
  const a = formattedDisk();
  putFile(a, 'TEST', ft, lines, recfm, lrecl);
  const u = screenUser({ a });
  u.enter(`XEDIT TEST ${ft}`);
  return u;
}

/** SAVE and read the file back from the disk. */
function saved(u: ScreenUser, ft = 'DATA'): string[] {
  u.command('SAVE');
  return u.file('TEST', ft)!;
}

const idLine = (u: ScreenUser): string => u.rows()[0];
const message = (u: ScreenUser): string => u.rows()[1].trim();
const current = (u: ScreenUser): string => u.rows()[CURRENT].slice(6).trimEnd();

describe('XEDIT: the screen', () => {
  it('shows the file id line, Top of File at the current line, the scale, the lines and the command line', () => {
    const u = edit();
    const rows = u.rows();
    expect(rows[0]).toMatch(/^ TEST\s+DATA\s+A1\s+F 80\s+Trunc=80 Size=5 Line=0 Col=1 Alt=0/);
    expect(rows[CURRENT]).toMatch(/^===== \* \* \* Top of File \* \* \*/);
    expect(rows[CURRENT + 1]).toMatch(/^ {6}\|\.\.\.\+\.\.\.\.1/);
    expect(rows[CURRENT + 2]).toMatch(/^===== ALPHA ONE/);
    expect(rows[CURRENT + 7]).toMatch(/^===== \* \* \* End of File \* \* \*/);
    expect(rows[22]).toMatch(/^====>/);
    expect(rows[23]).toMatch(/X E D I T 1 File\s*$/);
  });

  it.each([3, 4, 5] as const)('model %i: drawn at the alternate size with Erase/Write Alternate', (model) => {
    const a = formattedDisk();
    putFile(a, 'TEST', 'DATA', LINES);
    const u = screenUser({ a, model });
    u.enter('XEDIT TEST DATA');
    const s = u.vm.screen!;
    expect(s.alternate).toBe(true);
    const rows = u.rows();
    expect(rows.length).toBe(s.model.alternateRows);
    expect(rows[0].length).toBe(s.model.alternateCols);
    expect(rows[rows.length - 2]).toMatch(/^====>/);
    const cur = Math.floor(rows.length / 2) - 1;
    expect(rows[cur]).toMatch(/Top of File/);
  });

  it('a new file says so and is created by FILE', () => {
    const u = screenUser();
    u.enter('XEDIT BRAND NEW A');
    expect(message(u)).toBe('New file');
    u.command('INPUT hello');
    u.command('FILE');
    expect(u.file('BRAND', 'NEW')).toEqual(['HELLO']);
    expect(u.vm.take().some((l) => l.startsWith('Ready;'))).toBe(true);
  });

  it('typing over a line changes it (Read Modified of the data field)', () => {
    const u = edit();
    u.type(CURRENT + 3, 6, 'BETA 2');
    u.pressEnter();
    expect(idLine(u)).toMatch(/Alt=1/);
    expect(saved(u)[1]).toBe('BETA 2WO');
  });
});

describe('XEDIT: moving the current line', () => {
  it.each([
    ['DOWN 2', 2, 0],
    ['NEXT 3', 3, 0],
    ['D', 1, 0],
    [':4', 4, 0],
    ['LOCATE :2', 2, 0],
    ['L /GAMMA/', 3, 0],
    ['/delta/', 4, 0],
    ['BOTTOM', 5, 0],
    ['DOWN 99', 6, 1],
  ])('%s makes line %i current (rc %i)', (cmd, line) => {
    const u = edit();
    u.command(cmd);
    expect(idLine(u)).toMatch(new RegExp(`Line=${line} `));
  });

  it('DOWN past the end stops at End of File and says so', () => {
    const u = edit();
    u.command('DOWN 99');
    expect(message(u)).toBe('End of File reached');
    expect(current(u)).toBe('* * * End of File * * *');
  });

  it('UP past the top stops at Top of File', () => {
    const u = edit();
    u.command(':3');
    u.command('UP 7');
    expect(message(u)).toBe('Top of File reached');
    expect(idLine(u)).toMatch(/Line=0 /);
  });

  it('TOP and a backward string target -/x/', () => {
    const u = edit();
    u.command('BOTTOM');
    u.command('-/BETA/');
    expect(current(u)).toBe('BETA TWO');
    u.command('TOP');
    expect(idLine(u)).toMatch(/Line=0 /);
  });

  it('a target that matches nothing: Target not found, the line stays', () => {
    const u = edit();
    u.command(':2');
    u.command('/NOWHERE/');
    expect(message(u)).toBe('Target not found');
    expect(idLine(u)).toMatch(/Line=2 /);
  });

  it('~/x/ finds the next line without x; & and | combine string targets', () => {
    const u = edit();
    u.command('~/A/');
    expect(idLine(u)).toMatch(/Line=5 /); // EPSILON FIVE is the first line without an A
    u.command('TOP');
    u.command('/GAMMA/ & /THREE/');
    expect(idLine(u)).toMatch(/Line=3 /);
    u.command('TOP');
    u.command('/ZETA/ | /FOUR/');
    expect(idLine(u)).toMatch(/Line=4 /);
  });

  it('.label targets (SET POINT)', () => {
    const u = edit();
    u.command(':3');
    u.command('SET POINT .MARK');
    u.command('TOP');
    u.command('L .MARK');
    expect(idLine(u)).toMatch(/Line=3 /);
  });

  it('FORWARD and BACKWARD scroll by a screen; PF8 and PF7 do the same', () => {
    const many = Array.from({ length: 100 }, (_, i) => `LINE ${i + 1}`);
    const u = edit(many);
    u.command('FORWARD');
    expect(idLine(u)).toMatch(/Line=17 /);
    u.pf(8);
    expect(idLine(u)).toMatch(/Line=34 /);
    u.pf(7);
    expect(idLine(u)).toMatch(/Line=17 /);
    u.command('BACKWARD 2');
    expect(idLine(u)).toMatch(/Line=0 /);
  });

  it('FIND matches the start of a line, blanks matching anything', () => {
    const u = edit();
    u.command('FIND DE');
    expect(idLine(u)).toMatch(/Line=4 /);
    u.command('TOP');
    u.command('FIND G     T');
    expect(idLine(u)).toMatch(/Line=3 /);
  });
});

describe('XEDIT: changing the file', () => {
  it('CHANGE /old/new/ changes the first occurrence on the current line', () => {
    const u = edit();
    u.command(':1');
    u.command('C/ONE/1/');
    expect(saved(u)[0]).toBe('ALPHA 1');
  });

  it('CHANGE with target * and occurrences * changes every occurrence, and says how many', () => {
    const u = edit(['AAA', 'BAB', 'CCC']);
    u.command(':1');
    u.command('CHANGE /A/x/ * *');
    expect(message(u)).toBe('4 occurrence(s) changed on 2 line(s)');
    expect(saved(u)).toEqual(['xxx', 'BxB', 'CCC']);
  });

  it('CHANGE with a first occurrence changes from that one on', () => {
    const u = edit(['A A A A']);
    u.command(':1');
    u.command('C/A/B/ 1 2 2');
    expect(saved(u)).toEqual(['A B B A']);
  });

  it('CHANGE stays inside the zone', () => {
    const u = edit(['AAAAAA']);
    u.command('SET ZONE 3 4');
    u.command(':1');
    u.command('C/A/B/ 1 *');
    expect(saved(u)).toEqual(['AABBAA']);
  });

  it('CHANGE that would pass TRUNC is cut there and says Truncated', () => {
    const u = edit(['ABCDEFGH'], 'DATA', 'F', 10);
    u.command(':1');
    u.command('C/A/XXXXX/');
    expect(u.rows()[1]).toContain('Truncated');
    expect(saved(u)).toEqual(['XXXXXBCDEF']);
  });

  it('CHANGE that finds nothing: No change, rc 2', () => {
    const u = edit();
    u.command(':1');
    u.command('C/ZZZ/Y/ *');
    expect(message(u)).toBe('No change');
  });

  it('INPUT text adds a line after the current one; ADD adds empty lines', () => {
    const u = edit();
    u.command(':2');
    u.command('INPUT new line');
    u.command('ADD 2');
    expect(saved(u).slice(1, 6)).toEqual(['BETA TWO', 'NEW LINE', '', '', 'GAMMA THREE']);
  });

  it('INPUT alone is input mode: typed rows become lines, an empty Enter leaves it', () => {
    const u = edit();
    u.command(':1');
    u.command('INPUT');
    expect(u.rows()[23]).toMatch(/Input-mode/);
    u.type(CURRENT + 2, 6, 'typed one');
    u.type(CURRENT + 3, 6, 'typed two');
    u.pressEnter();
    u.pressEnter();
    expect(u.rows()[23]).toMatch(/X E D I T/);
    expect(saved(u).slice(0, 3)).toEqual(['ALPHA ONE', 'TYPED ONE', 'TYPED TWO']);
  });

  it('DELETE n and DELETE target (up to, not including, the target line)', () => {
    const u = edit();
    u.command(':2');
    u.command('DELETE 2');
    expect(saved(u)).toEqual(['ALPHA ONE', 'DELTA FOUR', 'EPSILON FIVE']);
    u.command(':1');
    u.command('DEL /EPSILON/');
    expect(saved(u)).toEqual(['EPSILON FIVE']);
  });

  it('DELETE * deletes to the end of the file', () => {
    const u = edit();
    u.command(':3');
    u.command('DELETE *');
    expect(saved(u)).toEqual(['ALPHA ONE', 'BETA TWO']);
  });

  it('DUPLICATE n copies the current line n times', () => {
    const u = edit(['X', 'Y']);
    u.command(':1');
    u.command('DUP 2');
    expect(saved(u)).toEqual(['X', 'X', 'X', 'Y']);
  });

  it('COPY and MOVE a target to after another', () => {
    const u = edit(['1', '2', '3', '4']);
    u.command(':1');
    u.command('COPY 2 :4');
    expect(saved(u)).toEqual(['1', '2', '3', '4', '1', '2']);
    u.command(':1');
    u.command('MOVE 1 :3');
    expect(saved(u)).toEqual(['2', '3', '1', '4', '1', '2']);
  });

  it('SPLIT and JOIN at the column pointer / the cursor', () => {
    const u = edit(['HELLOWORLD', 'NEXT']);
    u.command(':1');
    u.command('CLOCATE :6');
    u.command('SPLIT');
    expect(saved(u)).toEqual(['HELLO', 'WORLD', 'NEXT']);
    u.command(':1');
    u.command('JOIN');
    expect(saved(u)).toEqual(['HELLOWORLD', 'NEXT']);
  });

  it('CAPPEND, CINSERT and CDELETE work at the column pointer', () => {
    const u = edit(['ABCDEF']);
    u.command(':1');
    u.command('CAPPEND GH');
    u.command('CLOCATE :2');
    u.command('CINSERT xy');
    u.command('CDELETE 1');
    expect(saved(u)).toEqual(['AyBCDEFGH']);
  });

  it('COUNT counts occurrences in the target', () => {
    const u = edit(['ABAB', 'AB', 'C']);
    u.command(':1');
    u.command('COUNT /AB/ *');
    expect(message(u)).toBe('3 occurrence(s)');
  });

  it('SORT is stable and sorts by the columns given, ascending or descending', () => {
    const u = edit(['B 2', 'A 9', 'B 1', 'A 3']);
    u.command(':1');
    u.command('SORT * A 1 1');
    expect(saved(u)).toEqual(['A 9', 'A 3', 'B 2', 'B 1']);
    u.command(':1');
    u.command('SORT * D 3 3');
    expect(saved(u)).toEqual(['A 9', 'A 3', 'B 2', 'B 1']);
  });

  it('ALL /x/ shows only matching lines, the others as shadow lines; ALL alone shows all again', () => {
    const u = edit();
    u.command('ALL /T/');
    const rows = u.rows().join('\n');
    expect(rows).toContain('BETA TWO');
    expect(rows).toContain('GAMMA THREE');
    expect(rows).not.toContain('ALPHA ONE');
    expect(rows).toMatch(/1 line\(s\) not displayed/);
    u.command('ALL');
    expect(u.rows().join('\n')).toContain('ALPHA ONE');
  });

  it('LEFT and RIGHT shift the view', () => {
    const u = edit(['0123456789ABCDEF']);
    u.command('RIGHT 10');
    expect(u.rows()[CURRENT + 2].slice(6).trimEnd()).toBe('ABCDEF');
    u.command('LEFT 5');
    expect(u.rows()[CURRENT + 2].slice(6).trimEnd()).toBe('56789ABCDEF');
  });

  it('GET inserts another file; PUT and PUTD write lines to one', () => {
    const a = formattedDisk();
    putFile(a, 'TEST', 'DATA', ['1', '2', '3']);
    putFile(a, 'OTHER', 'DATA', ['X', 'Y']);
    const u = screenUser({ a });
    u.enter('XEDIT TEST DATA');
    u.command(':1');
    u.command('GET OTHER DATA A');
    expect(saved(u)).toEqual(['1', 'X', 'Y', '2', '3']);
    u.command(':1');
    u.command('PUTD 2 PART DATA A');
    expect(u.file('PART', 'DATA')).toEqual(['1', 'X']);
    expect(saved(u)).toEqual(['Y', '2', '3']);
  });
});

describe('XEDIT: files and the ring', () => {
  it('QUIT is refused when the file changed; QQUIT leaves anyway', () => {
    const u = edit();
    u.command('INPUT X');
    u.command('QUIT');
    expect(message(u)).toMatch(/File has been changed/);
    u.command('QQUIT');
    expect(u.vm.take().some((l) => l.startsWith('Ready;'))).toBe(true);
    expect(u.file('TEST', 'DATA')).toEqual(LINES);
  });

  it('PF3 is QUIT', () => {
    const u = edit();
    u.pf(3);
    expect(u.vm.take().some((l) => l.startsWith('Ready;'))).toBe(true);
  });

  it('FILE with a new fileid writes that file and keeps the old one', () => {
    const u = edit();
    u.command('FILE COPY DATA A');
    expect(u.file('COPY', 'DATA')).toEqual(LINES);
    expect(u.file('TEST', 'DATA')).toEqual(LINES);
  });

  it('SAVE over another existing file is refused; SSAVE (and FFILE) replace it', () => {
    const a = formattedDisk();
    putFile(a, 'TEST', 'DATA', ['MINE']);
    putFile(a, 'OTHER', 'DATA', ['THEIRS']);
    const u = screenUser({ a });
    u.enter('XEDIT TEST DATA');
    u.command('SAVE OTHER DATA A');
    expect(message(u)).toMatch(/already exists; use FFILE or SSAVE/);
    expect(u.file('OTHER', 'DATA')).toEqual(['THEIRS']);
    u.command('SSAVE OTHER DATA A');
    expect(u.file('OTHER', 'DATA')).toEqual(['MINE']);
    u.command('FFILE OTHER DATA A');
    expect(u.vm.take().some((l) => l.startsWith('Ready;'))).toBe(true);
  });

  it('XEDIT fn ft inside XEDIT adds a file to the ring; QUIT goes back to the first', () => {
    const u = edit();
    u.command('XEDIT SECOND FILE');
    expect(u.rows()[0]).toMatch(/SECOND\s+FILE/);
    expect(u.rows()[23]).toMatch(/2 Files/);
    u.command('QUIT');
    expect(u.rows()[0]).toMatch(/TEST\s+DATA/);
  });

  it('= repeats the last subcommand, ? brings it back, & runs and keeps it', () => {
    const u = edit();
    u.command('DOWN 1');
    u.command('=');
    expect(idLine(u)).toMatch(/Line=2 /);
    u.pf(9);
    expect(idLine(u)).toMatch(/Line=3 /);
    u.command('?');
    expect(u.rows()[22]).toMatch(/^====> DOWN 1/);
    u.command('&DOWN 1');
    expect(idLine(u)).toMatch(/Line=4 /);
    expect(u.rows()[22]).toMatch(/^====> &DOWN 1/);
  });

  it('SET PFn changes a PF key', () => {
    const u = edit();
    u.command('SET PF4 BOTTOM');
    u.pf(4);
    expect(idLine(u)).toMatch(/Line=5 /);
  });

  it('SET NUMBER ON shows line numbers in the prefix area; SET PREFIX OFF removes it', () => {
    const u = edit();
    u.command('SET NUMBER ON');
    expect(u.rows()[CURRENT + 2]).toMatch(/^00001 ALPHA ONE/);
    u.command('SET PREFIX OFF');
    expect(u.rows()[CURRENT + 2]).toMatch(/^ ALPHA ONE/);
  });

  it('SET SCALE OFF, SET CURLINE ON 5, SET CASE M, SET TRUNC and QUERY', () => {
    const u = edit();
    u.command('SET SCALE OFF');
    expect(u.rows().some((r) => r.includes('|...+'))).toBe(false);
    u.command('SET CURLINE ON 5');
    expect(u.rows()[4]).toMatch(/Top of File/);
    u.command('SET CASE M');
    u.command('INPUT Mixed');
    u.command('SET TRUNC 3');
    u.command('INPUT abcdef');
    expect(saved(u).slice(0, 2)).toEqual(['Mixed', 'abc']);
    u.command('QUERY TRUNC');
    expect(message(u)).toBe('TRUNC 3');
  });

  it('SET VERIFY shows the file from a column; SET CASE M R makes targets respect case; SET ZONE limits them', () => {
    const u = edit();
    u.command('SET VERIFY 3');
    expect(u.rows()[CURRENT + 2].slice(6).trimEnd()).toBe('PHA ONE');
    u.command('SET CASE M R');
    u.command('/delta/');
    expect(message(u)).toBe('Target not found');
    u.command('SET CASE M I');
    u.command('SET ZONE 1 3');
    u.command('/FOUR/');
    expect(message(u)).toBe('Target not found');
    u.command('/DEL/');
    expect(idLine(u)).toMatch(/Line=4 /);
  });

  it('CMS and CP subcommands: output shown, then XEDIT draws again after a key', () => {
    const u = edit();
    u.command('CMS LISTFILE * * A');
    expect(u.vm.take()).toContain('TEST     DATA     A1');
    u.pressEnter();
    expect(u.rows()[0]).toMatch(/TEST\s+DATA/);
  });

  it('an unknown subcommand goes to CMS (IMPCMSCP ON); with IMPCMSCP OFF it is refused', () => {
    const u = edit();
    u.command('SET IMPCMSCP OFF');
    u.command('FROBNICATE');
    expect(message(u)).toBe('Invalid subcommand FROBNICATE');
  });
});

describe('XEDIT: a file of 100,000 lines', () => {
  it('opens, goes to the bottom, changes every line and files it (the timing is src/bench/xedit.ts)', () => {
    const a = formattedDisk(65536);
    putFile(
      a,
      'BIG',
      'FILE',
      Array.from({ length: 100_000 }, (_, i) => `LINE ${i + 1} QUICK`),
    );
    const vm = new StandInMachine({
      storage: 16 * 1024 * 1024,
      disks: new Map([[0x191, { device: a }]]),
      display: terminalModel(2),
    });
    vm.ipl(cmsSystem);
    vm.enter('');
    vm.enter('XEDIT BIG FILE', 500_000_000);
    expect(vm.screenText()[0]).toMatch(/Size=100000 Line=0/);
    vm.typeAt(22, 6, 'BOTTOM');
    vm.press(Aid.enter);
    expect(vm.screenText()[CURRENT]).toMatch(/^===== LINE 100000 QUICK/);
    vm.typeAt(22, 6, 'TOP');
    vm.press(Aid.enter);
    vm.typeAt(22, 6, 'C/QUICK/SLOW/ * *');
    vm.press(Aid.enter, 500_000_000);
    expect(vm.screenText()[1]).toMatch(/100000 occurrence\(s\) changed on 100000 line\(s\)/);
    vm.typeAt(22, 6, 'FILE');
    vm.press(Aid.enter, 500_000_000);
    const lines = CmsDisk.access(a).readRecords('BIG', 'FILE');
    expect(lines.length).toBe(100_000);
    expect(fromEbcdic(lines[99_999]).trimEnd()).toBe('LINE 100000 SLOW');
  });
});

describe('XEDIT: the cursor keys', () => {
  it('PF12 (CURSOR HOME) moves the cursor from the file area to the command line and back; PF4 tabs', () => {
    const u = edit();
    u.command(':2');
    const s = u.vm.screen!;
    s.cursor = (CURRENT + 2) * 80 + 8; // on line 3, below the scale
    u.pf(12);
    expect(Math.floor(s.cursor / 80)).toBe(22);
    u.pf(12);
    expect(s.cursor).toBe(CURRENT * 80 + 6); // the current line, column 1
    u.pf(4);
    expect(s.cursor).toBe(CURRENT * 80 + 6 + 9); // column 10
  });
});

describe('XEDIT: bad input', () => {
  it('a file larger than the virtual storage allows is refused, with a message', () => {
    const a = formattedDisk(8192);
    putFile(
      a,
      'HUGE',
      'DATA',
      Array.from({ length: 30_000 }, (_, i) => `RECORD ${i}`),
    );
    const u = screenUser({ a });
    const out = u.enter('XEDIT HUGE DATA');
    expect(out[0]).toBe('Not enough virtual storage for HUGE DATA A1');
    expect(out[1]).toMatch(/^Ready\(00104\);/);
  });

  it('an invalid operand is reported in the message line and changes nothing', () => {
    const u = edit();
    u.command('DOWN xyz');
    expect(message(u)).toBe('Invalid operand: xyz');
    expect(idLine(u)).toMatch(/Line=0 /);
  });

  it('FILE to a full disk says so, keeps the file in the ring and leaves the old file intact', () => {
    const a = formattedDisk(64, 'SMALL', 512);
    putFile(a, 'TEST', 'DATA', ['OLD']);
    const u = screenUser({ a });
    u.enter('XEDIT TEST DATA');
    u.command('DUP 1');
    u.command(':1');
    u.command('C/OLD/NEW/');
    u.command(':1');
    u.command('DUP 3000');
    u.command('FILE');
    expect(u.rows()[1] + u.rows()[2]).toMatch(/full/);
    expect(u.rows()[0]).toMatch(/TEST\s+DATA/); // still in the ring
    expect(u.file('TEST', 'DATA')).toEqual(['OLD']);
    u.command(':2');
    u.command('DELETE *');
    u.command('FILE');
    expect(u.file('TEST', 'DATA')).toEqual(['NEW']);
  });

  it('Enter with the cursor anywhere and nothing typed changes nothing', () => {
    const u = edit();
    u.vm.screen!.cursor = 5 * 80 + 40;
    u.pressEnter();
    expect(idLine(u)).toMatch(/Alt=0/);
    expect(saved(u)).toEqual(LINES);
  });

  it('a 3270 record with fields the screen never had, and garbage, is ignored', () => {
    const u = edit();
    // AID Enter, cursor, SBA to row 0 col 40 (a protected area) with data, then stray bytes and a cut-off SBA.
    const sba = (row: number, col: number): number[] => {
      const a = row * 80 + col;
      const six = [
        0x40, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0xd1,
        0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60, 0x61, 0xe2, 0xe3,
        0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5,
        0xf6, 0xf7, 0xf8, 0xf9, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
      ];
      return [0x11, six[a >> 6], six[a & 63]];
    };
    u.vm.sendInbound(Uint8Array.from([0x7d, ...sba(0, 0).slice(1), ...sba(0, 40), 0xc1, 0xc2, 0x13, 0x11]));
    expect(idLine(u)).toMatch(/Size=5 Line=0 Col=1 Alt=0/);
    u.vm.sendInbound(Uint8Array.from([0x7d]));
    expect(saved(u)).toEqual(LINES);
  });

  it('Clear and PA2 redraw the screen', () => {
    const u = edit();
    u.vm.press(0x6d);
    expect(u.rows()[0]).toMatch(/TEST\s+DATA/);
  });

  it('line mode with (NOSCREEN: subcommands typed, lines verified', () => {
    const a = formattedDisk();
    putFile(a, 'TEST', 'DATA', LINES);
    const u = screenUser({ a });
    const first = u.enter('XEDIT TEST DATA (NOSCREEN');
    expect(first).toEqual(['* * * Top of File * * *']);
    expect(u.enter('DOWN 2')).toEqual(['BETA TWO']);
    expect(u.enter('C/TWO/2/')).toEqual(['1 occurrence(s) changed on 1 line(s)', 'BETA 2']);
    expect(u.enter('INPUT')).toEqual(['INPUT:']);
    u.enter('added');
    expect(u.enter('')).toEqual(['EDIT:']);
    u.enter('FILE');
    expect(u.file('TEST', 'DATA')).toEqual([
      'ALPHA ONE',
      'BETA 2',
      'ADDED',
      'GAMMA THREE',
      'DELTA FOUR',
      'EPSILON FIVE',
    ]);
  });

  it('line mode when the console is not a display', () => {
    const a = formattedDisk();
    putFile(a, 'TEST', 'DATA', LINES);
    const u = screenUser({ a, display: false });
    expect(u.enter('XEDIT TEST DATA')).toEqual(['* * * Top of File * * *']);
    expect(u.enter('L /DELTA/')).toEqual(['DELTA FOUR']);
    expect(u.enter('QUIT')[0]).toMatch(/^Ready;/);
  });
});
