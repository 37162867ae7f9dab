// The blessed UI as a person sees it: `vmcms start` runs in tmux; the test
// presses keys and reads the drawn screen.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tn3270Client } from '../../../terminal/tn3270-client.js';
import { hasTmux, Tmux } from './tmux-driver.js';

const CLI = new URL('../../../dist/src/cli.js', import.meta.url).pathname;
const built = existsSync(CLI);
if (!hasTmux) console.warn('SKIPPED: blessed UI tests: tmux is not installed (apt-get install tmux)');
else if (!built) console.warn(`SKIPPED: blessed UI tests: ${CLI} is missing (run npx tsc -p tsconfig.build.json)`);

let tmux: Tmux | null = null;
afterEach(() => {
  tmux?.kill();
  tmux = null;
});

/** The UI with the terminal layer's echo host (`--demo`): these tests are about the UI itself. */
function start(cols: number, rows: number, extra = ''): Tmux {
  tmux = new Tmux(`${process.execPath} ${CLI} start --demo --port 0 ${extra}; echo "EXITED $?"; sleep 30`, cols, rows);
  return tmux;
}

const has = (text: string) => (lines: string[]) => lines.join('\n').includes(text);

describe.skipIf(!hasTmux || !built)('the blessed UI under tmux', () => {
  it('draws a model 2 screen and its operator information line in an 80x25 terminal', async () => {
    const t = start(80, 25);
    // wait for the whole picture: tmux may be captured while blessed is still drawing
    const lines = await t.waitFor((l) => l[0].includes('VMCMS 3270 TERMINAL DEMO') && l[24].startsWith('4A'));
    expect(lines[0]).toContain('VMCMS 3270 TERMINAL DEMO');
    expect(lines[1]).toContain('Session L0001 from local, IBM-3279-2-E, model 2, 24x80');
    // row 25: the operator information line, with the session list folded in and the cursor position
    expect(lines[24]).toMatch(/^4A\s+1\*L0001 \| TN3270 127\.0\.0\.1:\d+ .*006\/015$/);
  });

  it('typing, Tab and Enter send the fields; F-keys, Shift-F-keys, Alt and Esc chords send PF, PA and Clear', async () => {
    const t = start(80, 26);
    await t.waitFor(has('Attentions: 0'));
    t.literal('hello');
    t.keys('Tab');
    t.literal('42');
    t.keys('Enter');
    let lines = await t.waitFor((l) => has('Attentions: 1')(l) && has('NUMBER (row 7')(l));
    expect(lines.join('\n')).toContain("NAME (row 6 col 15): 'hello'");
    expect(lines.join('\n')).toContain("NUMBER (row 7 col 15): '42'");
    const presses: Array<[string[], string]> = [
      [['F7'], 'PF7'],
      [['S-F2'], 'PF14'],
      [['S-F12'], 'PF24'],
      [['M-1'], 'PA1'],
      [['Escape', '2'], 'PA2'],
      [['M-c'], 'CLEAR'],
    ];
    for (const [keys, aid] of presses) {
      for (const k of keys) t.keys(k);
      lines = await t.waitFor((l) => has(`Key ${aid}: AID ${aid}`)(l) && /^1\*L0001 \| TN3270/.test(l[25]));
    }
    // the last row lists the sessions when the terminal has a row to spare
    expect(lines[25]).toMatch(/^1\*L0001 \| TN3270/);
  });

  it('shows X Protected when typing on a protected position, and Reset (Ctrl-R) clears it', async () => {
    const t = start(80, 25);
    await t.waitFor(has('Attentions: 0'));
    t.keys('Up');
    t.literal('x');
    await t.waitFor((l) => l[24].includes('X Protected'));
    t.keys('C-r');
    const lines = await t.waitFor((l) => l[24].startsWith('4A') && !l[24].includes('X Protected'));
    expect(lines[24]).toContain('005/015');
  });

  it('opens, switches and closes sessions, and shows the help', async () => {
    const t = start(80, 26);
    await t.waitFor(has('Session L0001'));
    t.keys('M-o');
    await t.waitFor((l) => l[1].includes('Session L0002') && l[25].startsWith('1 L0001 2*L0002'));
    t.keys('M-p');
    await t.waitFor((l) => l[1].includes('Session L0001') && l[25].startsWith('1*L0001 2 L0002'));
    t.keys('M-w');
    await t.waitFor((l) => l[1].includes('Session L0002') && l[25].startsWith('1*L0002 |'));
    t.keys('M-h');
    const help = await t.waitFor((l) => has('PF13-PF24')(l) && has('quit (closes every session)')(l));
    expect(help.join('\n')).toContain('Erase EOF');
    t.keys('Space');
    await t.waitFor((l) => !l.join('\n').includes('PF13-PF24'));
  });

  it('lists the TN3270 sessions beside the local ones, and the monitor (Alt-M) shows both', async () => {
    const t = start(80, 26);
    const lines = await t.waitFor((l) => /TN3270 127\.0\.0\.1:\d+ \(0 remote\)/.test(l[25]));
    const port = Number(/TN3270 127\.0\.0\.1:(\d+)/.exec(lines[25])?.[1]);
    const client = await Tn3270Client.connect({ port, terminalType: 'IBM-3278-3' });
    try {
      await t.waitFor(has('(1 remote)'));
      t.keys('M-m');
      const monitor = (await t.waitFor((l) => has('2 session(s)')(l) && has('TN0001')(l))).join('\n');
      expect(monitor).toMatch(/L0001 +local +IBM-3279-2-E +24x80 +ready/);
      expect(monitor).toMatch(/TN0001 +127\.0\.0\.1:\d+ +IBM-3278-3 +32x80 +ready/);
    } finally {
      client.close();
    }
  });

  it('a terminal too small for the screen gets a notice; enlarging it redraws the screen', async () => {
    const t = start(80, 25);
    await t.waitFor(has('VMCMS 3270 TERMINAL DEMO'));
    t.resize(70, 20);
    await t.waitFor(has('This terminal is 70x20: too small'));
    t.resize(80, 25);
    await t.waitFor(has('VMCMS 3270 TERMINAL DEMO'));
  });

  it('a model 4 needs 44 rows and uses them all', async () => {
    const t = start(80, 44, '--model 4');
    const lines = await t.waitFor(
      (l) => has('43x80')(l) && l[42].includes('vmcms demo host') && l[43].startsWith('4A'),
    );
    expect(lines[42]).toContain('vmcms demo host');
    expect(lines[43]).toMatch(/^4A/);
  });

  it('Alt-Q quits, exits 0 and gives the terminal back', async () => {
    const t = start(80, 25);
    await t.waitFor(has('VMCMS 3270 TERMINAL DEMO'));
    t.keys('M-q');
    const lines = await t.waitFor(has('EXITED 0'));
    expect(lines.join('\n')).not.toContain('VMCMS 3270 TERMINAL DEMO');
  });
});

describe.skipIf(!hasTmux || !built)('vmcms start with the system', () => {
  it('brings up CP: the session shows the logo, Enter gives CP READ, and LOGON works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmcms-start-'));
    try {
      tmux = new Tmux(
        `${process.execPath} ${CLI} start --port 0 --data ${join(dir, 'data')}; echo "EXITED $?"; sleep 30`,
        80,
        25,
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
      // CMS types its version line and reads the console; the first Enter runs the profile
      await t.waitFor(has('VM READ'), 20000);
      t.keys('Enter');
      const lines = await t.waitFor(has('Ready;'), 20000);
      expect(lines.join('\n')).toMatch(/LOGON AT \d\d:\d\d:\d\d/);
    } finally {
      tmux?.kill();
      tmux = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
