// XEDIT in the blessed UI as a person sees it: `vmcms start` (CP with CMS
// on a fresh data directory) runs in tmux; the test logs on, edits a new
// file full screen, files it, and checks it with TYPE.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, Tmux } from '../../terminal/ui/tmux-driver.js';

const CLI = new URL('../../../dist/src/cli.js', import.meta.url).pathname;
const built = existsSync(CLI);
if (!hasTmux) console.warn('SKIPPED: XEDIT in the blessed UI: tmux is not installed (apt-get install tmux)');
else if (!built)
  console.warn(`SKIPPED: XEDIT in the blessed UI: ${CLI} is missing (run npx tsc -p tsconfig.build.json)`);

let tmux: Tmux | null = null;
let data: string | null = null;
afterEach(() => {
  tmux?.kill();
  tmux = null;
  if (data) rmSync(data, { recursive: true, force: true });
  data = null;
});

const has = (re: RegExp) => (lines: string[]) => lines.some((l) => re.test(l));

describe.skipIf(!hasTmux || !built)('XEDIT in the blessed UI under tmux', () => {
  it('edits a new file full screen, FILEs it, and TYPE shows it', async () => {
    data = mkdtempSync(join(tmpdir(), 'vmcms-xedit-'));
    const t = new Tmux(`${process.execPath} ${CLI} start --port 0 --data ${data}; echo "EXITED $?"; sleep 30`, 80, 26);
    tmux = t;
    await t.waitFor(has(/RUNNING/), 20000);
    t.keys('Enter');
    await t.waitFor(has(/CP READ/));
    t.literal('LOGON CMSUSER');
    t.keys('Enter');
    await t.waitFor(has(/ENTER PASSWORD/));
    t.literal('CMSUSER');
    t.keys('Enter');
    await t.waitFor(has(/VM\/SP CMS/), 15000);
    t.keys('Enter');
    await t.waitFor(has(/^Ready; T=/), 15000);
    t.literal('XEDIT TMUX TEST A');
    t.keys('Enter');
    await t.waitFor(has(/TMUX\s+TEST\s+A1\s+F 80\s+Trunc=80 Size=0/), 15000);
    await t.waitFor(has(/X E D I T 1 File/));
    t.literal('INPUT typed in tmux');
    t.keys('Enter');
    await t.waitFor(has(/Size=1 Line=1/));
    t.literal('FILE');
    t.keys('Enter');
    await t.waitFor((l) => !has(/X E D I T/)(l) && has(/^Ready; T=/)(l), 15000);
    t.literal('TYPE TMUX TEST A');
    t.keys('Enter');
    const lines = await t.waitFor(has(/^TYPED IN TMUX\s*$/), 15000);
    expect(lines.some((l) => /^TYPED IN TMUX\s*$/.test(l))).toBe(true);
  }, 90_000);
});
