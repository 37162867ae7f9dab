// The system monitor (Alt-S) as a person sees it: `vmcms start` under tmux,
// a user logged on, the monitor open and updating; and the layout function
// on its own.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { monitorLines, type MonitorSnapshot } from '../../../terminal/ui/system-monitor.js';
import { keyHelp } from '../../../terminal/ui/keymap.js';
import { hasTmux, Tmux } from './tmux-driver.js';

const CLI = new URL('../../../dist/src/cli.js', import.meta.url).pathname;
const built = existsSync(CLI);
if (!hasTmux) console.warn('SKIPPED: system monitor under tmux: tmux is not installed (apt-get install tmux)');
else if (!built)
  console.warn(`SKIPPED: system monitor under tmux: ${CLI} is missing (run npx tsc -p tsconfig.build.json)`);

const SNAPSHOT: MonitorSnapshot = {
  time: '10:15:30',
  cpuBusy: 0.874,
  q1: 1,
  q2: 1,
  slicesPerSecond: 480,
  dispatchList: ['USER1(Q1)', 'LOOPER(Q2)'],
  machines: [
    {
      userid: 'LOOPER',
      terminal: 'DSC',
      state: 'RUNNING',
      queue: 2,
      dispatchable: true,
      cpuShare: 0.8123,
      instructions: 1_234_567_890,
      mips: 9.87,
      assist: false,
      simulated: [
        ['SSM', 1000],
        ['LPSW', 1],
      ],
      assisted: 0,
      startIo: 3,
      diagnose: 0,
      cardsRead: 12,
      linesPrinted: 0,
      cardsPunched: 0,
      spool: { rdr: 0, prt: 1, pun: 0 },
    },
    {
      userid: 'OPERATOR',
      terminal: 'DSC',
      state: 'CP READ',
      queue: 1,
      dispatchable: false,
      cpuShare: 0,
      instructions: 0,
      mips: 0,
      assist: true,
      simulated: [],
      assisted: 0,
      startIo: 0,
      diagnose: 0,
      cardsRead: 0,
      linesPrinted: 0,
      cardsPunched: 0,
      spool: { rdr: 0, prt: 0, pun: 0 },
    },
  ],
};

describe('the system monitor layout', () => {
  it('lays out the load, one row per machine, the dispatch list, traps by kind and unit record I/O in 76 columns', () => {
    const lines = monitorLines(SNAPSHOT, 76);
    expect(lines[0]).toBe('10:15:30  CPU  87%  Q1 1  Q2 1  slices/s 480  users 2');
    const header = lines.findIndex((l) => l.startsWith('USERID'));
    expect(lines[header]).toBe('USERID   TERM STATE     Q   CPU%     INSTR   MIPS  TRAPS   SIO  DIAG  R/P/U');
    expect(lines[header + 1]).toBe('LOOPER   DSC  RUNNING   Q2  81.2      1.2G   9.87   1001     3     0  0/1/0');
    expect(lines[header + 2]).toBe('OPERATOR DSC  CP READ   -    0.0         0   0.00      0     0     0  0/0/0');
    expect(lines).toContain('Dispatch list: USER1(Q1) LOOPER(Q2)');
    expect(lines).toContain('  LOOPER   ASSIST OFF assisted 0  SSM 1000, LPSW 1');
    expect(lines).toContain('  LOOPER   RDR 12  PRT 0  PUN 0');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
  });

  it('says so when nothing is dispatchable and nobody has trapped', () => {
    const idle: MonitorSnapshot = { ...SNAPSHOT, dispatchList: [], machines: [SNAPSHOT.machines[1]] };
    const lines = monitorLines(idle, 76);
    expect(lines).toContain('Dispatch list: (empty: every machine waits)');
    expect(lines.filter((l) => l === '  (none yet)')).toHaveLength(2);
  });

  it('is in the key help', () => {
    expect(keyHelp().some((l) => /^Alt-S +system monitor: virtual machines, live$/.test(l))).toBe(true);
  });
});

let tmux: Tmux | null = null;
let dir: string | null = null;
afterEach(() => {
  tmux?.kill();
  tmux = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const has = (text: string | RegExp) => (lines: string[]) =>
  typeof text === 'string' ? lines.join('\n').includes(text) : text.test(lines.join('\n'));

describe.skipIf(!hasTmux || !built)('the system monitor under tmux', () => {
  it('Alt-S shows every virtual machine with its state, updates a few times a second, and any key closes it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vmcms-monitor-'));
    tmux = new Tmux(
      `${process.execPath} ${CLI} start --port 0 --data ${join(dir, 'data')}; echo "EXITED $?"; sleep 30`,
      80,
      30,
    );
    const t = tmux;
    await t.waitFor(has('VM/370 Online'), 20000);
    t.keys('Enter');
    await t.waitFor(has('CP READ'));
    t.literal('LOGON CMSUSER');
    t.keys('Enter');
    await t.waitFor(has('ENTER PASSWORD:'));
    t.literal('CMSUSER');
    t.keys('Enter');
    await t.waitFor(has('VM READ'), 20000);
    t.keys('M-s');
    const first = await t.waitFor(has(/CMSUSER +0C\w +VM READ/), 10000);
    const text = first.join('\n');
    expect(text).toContain('vmcms system monitor');
    expect(text).toMatch(/USERID +TERM +STATE +Q +CPU% +INSTR +MIPS +TRAPS +SIO +DIAG +R\/P\/U/);
    // OPERATOR is logged on disconnected at system start, its machine never IPLed.
    expect(text).toMatch(/OPERATOR DSC +(NOT IPLED|CP READ)/);
    // CMS has done DIAGNOSEs (block I/O, the console) to get to its first read.
    const diag = Number(/CMSUSER .* (\d+) +\d+\/\d+\/\d+/.exec(text)?.[1] ?? NaN);
    expect(diag).toBeGreaterThan(0);
    expect(text).toContain('Dispatch list:');
    // Live: the clock line changes while the monitor stays open.
    const clock = /(\d\d:\d\d:\d\d) +CPU/.exec(text)?.[1];
    await t.waitFor((l) => {
      const now = /(\d\d:\d\d:\d\d) +CPU/.exec(l.join('\n'))?.[1];
      return now !== undefined && now !== clock;
    }, 5000);
    t.keys('Space');
    await t.waitFor((l) => !has('vmcms system monitor')(l) && has('VM READ')(l));
  });

  it('with the demo host, Alt-S says there is no system', async () => {
    tmux = new Tmux(`${process.execPath} ${CLI} start --demo --port 0; echo "EXITED $?"; sleep 30`, 80, 26);
    await tmux.waitFor(has('VMCMS 3270 TERMINAL DEMO'));
    tmux.keys('M-s');
    await tmux.waitFor(has('No system: the demo host has no virtual machines.'));
  });
});
