// Test helpers for the full-screen tools: a CMS user on the stand-in CP
// whose console is a 3270 (DIAGNOSE X'58'), files put straight on the A-disk,
// and the screen read back as text.

import { cmsSystem } from '../../../cms/index.js';
import { CmsDisk } from '../../../cms/fs/disk.js';
import { fromEbcdic } from '../../../s390/ebcdic.js';
import { terminalModel, type ModelNumber } from '../../../terminal/model.js';
import { Aid, pfAid } from '../../../terminal/codes.js';
import { StandInMachine } from '../guest-host.js';
import { formattedDisk } from '../helpers.js';
import type { MemoryBlockDevice } from '../../../cms/fs/block-device.js';

export { putFile, formattedDisk } from '../helpers.js';

export interface ScreenUser {
  vm: StandInMachine;
  a: MemoryBlockDevice;
  /** Type a CMS command line (console, not full screen) and run. */
  enter(line: string): string[];
  /** The screen as text. */
  rows(): string[];
  /** Type at row/col (0-based). */
  type(row: number, col: number, text: string): void;
  /** Type a subcommand on the XEDIT command line (row rows-2, col 6) and press Enter. */
  command(text: string): void;
  pressEnter(): void;
  pf(n: number): void;
  /** The lines of a file on the A-disk. */
  file(fn: string, ft: string): string[] | undefined;
}

export function screenUser(
  options: { model?: ModelNumber; a?: MemoryBlockDevice; display?: boolean } = {},
): ScreenUser {
  const a = options.a ?? formattedDisk();
  const vm = new StandInMachine({
    disks: new Map([[0x191, { device: a }]]),
    display: options.display === false ? undefined : terminalModel(options.model ?? 2),
  });
  vm.ipl(cmsSystem);
  vm.enter('');
  const rows = (): string[] => vm.screenText();
  return {
    vm,
    a,
    enter: (line) => vm.enter(line),
    rows,
    type: (row, col, text) => vm.typeAt(row, col, text),
    command(text) {
      const s = vm.screen!;
      vm.typeAt(s.rows - 2, 6, text);
      vm.press(Aid.enter);
    },
    pressEnter: () => vm.press(Aid.enter),
    pf: (n) => vm.press(pfAid(n)),
    file(fn, ft) {
      const disk = CmsDisk.access(a);
      if (!disk.find(fn, ft)) return undefined;
      return disk.readRecords(fn, ft).map((r) => fromEbcdic(r).trimEnd());
    },
  };
}

/** The row holding a text, or -1. */
export function rowOf(rows: string[], text: string): number {
  return rows.findIndex((r) => r.includes(text));
}
