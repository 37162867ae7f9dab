// Full-screen HELP on a 3270 (cms/commands/help-screen.ts): the menu, a
// command's help by name or by the cursor, scrolling, going back and
// quitting; line mode without a display.

import { describe, expect, it } from 'vitest';
import { cmsSystem } from '../../../cms/index.js';
import { Aid, pfAid } from '../../../terminal/codes.js';
import { terminalModel } from '../../../terminal/model.js';
import { StandInMachine } from '../guest-host.js';
import { formattedDisk, systemDiskCopy } from '../helpers.js';

function helpUser(display = true): StandInMachine {
  const vm = new StandInMachine({
    disks: new Map([
      [0x191, { device: formattedDisk() }],
      [0x190, { device: systemDiskCopy(), readOnly: true }],
    ]),
    display: display ? terminalModel(2) : undefined,
  });
  vm.ipl(cmsSystem);
  vm.enter('');
  return vm;
}

const text = (vm: StandInMachine): string => vm.screenText().join('\n');

describe('full-screen HELP', () => {
  it('HELP alone shows the menu; a name on the command line shows that help; PF3 goes back, then quits', () => {
    const vm = helpUser();
    vm.enter('HELP');
    expect(vm.screenText()[0]).toMatch(/HELP MENU HELPCMS/);
    vm.typeAt(22, 6, 'XEDIT');
    vm.press(Aid.enter);
    expect(vm.screenText()[0]).toMatch(/HELP XEDIT HELPCMS/);
    expect(text(vm)).toContain('Edits a file full screen');
    vm.press(pfAid(3));
    expect(vm.screenText()[0]).toMatch(/HELP MENU HELPCMS/);
    vm.press(pfAid(3));
    expect(vm.take().some((l) => l.startsWith('Ready;'))).toBe(true);
  });

  it('PF8 and PF7 scroll a long help file', () => {
    const vm = helpUser();
    vm.enter('HELP XEDIT');
    const firstPage = vm.screenText()[1];
    vm.press(pfAid(8));
    const header = /lines (\d+)-(\d+) of (\d+)/.exec(vm.screenText()[0])!;
    expect(Number(header[1])).toBeGreaterThan(1);
    expect(header[2]).toBe(header[3]); // the file is shorter than two screens: the last line shows
    expect(vm.screenText()[1]).not.toBe(firstPage);
    vm.press(pfAid(7));
    expect(vm.screenText()[1]).toBe(firstPage);
  });

  it('Enter with the cursor on a command name shows its help; an unknown word says so', () => {
    const vm = helpUser();
    vm.enter('HELP');
    const rows = vm.screenText();
    const r = rows.findIndex((l, i) => i > 0 && /\bFILELIST\b/.test(l));
    expect(r).toBeGreaterThan(0);
    vm.screen!.cursor = r * 80 + rows[r].indexOf('FILELIST') + 2;
    vm.press(Aid.enter);
    expect(vm.screenText()[0]).toMatch(/HELP FILELIST HELPCMS/);
    vm.typeAt(22, 6, 'NOSUCH');
    vm.press(Aid.enter);
    expect(vm.screenText()[23]).toMatch(/No help for NOSUCH/);
  });

  it('PF1 in XEDIT (HELP MENU) browses help full screen; PF3 returns to the file', () => {
    const vm = helpUser();
    vm.enter('XEDIT SOME FILE');
    expect(vm.screenText()[0]).toMatch(/SOME\s+FILE/);
    vm.press(pfAid(1));
    expect(vm.screenText()[0]).toMatch(/HELP MENU HELPCMS/);
    vm.press(pfAid(3));
    expect(vm.screenText()[0]).toMatch(/SOME\s+FILE/);
  });

  it('HELP of a topic without a help file: DMSHLP002E, no screen', () => {
    const vm = helpUser();
    expect(vm.enter('HELP NOSUCH')[0]).toMatch(/^DMSHLP002E/);
  });

  it('line mode without a display types the help file', () => {
    const vm = helpUser(false);
    const out = vm.enter('HELP FILELIST');
    expect(out).toContain('  FILELIST');
  });
});
