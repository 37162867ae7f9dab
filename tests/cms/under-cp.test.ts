// CMS under the real CP (cp/harness.ts): IPL from the directory, the
// ready message on the 3270, a command, an unknown command.

import { describe, expect, it } from 'vitest';
import { CpHarness } from '../../cp/harness.js';
import { cmsSystem, VERSION_LINE } from '../../cms/index.js';

describe('CMS under CP', () => {
  it('logs on CMSUSER (IPL CMS in the directory) and answers commands', async () => {
    const h = new CpHarness({ namedSystems: [cmsSystem] });
    const t = h.connect();
    await t.logon('CMSUSER', 'CMSUSER');
    await h.settle();
    expect(t.lines()).toContain(VERSION_LINE);
    t.enter('');
    await h.settle();
    expect(t.lines().some((l) => /^Ready; T=\d\.\d\d\/\d\.\d\d \d\d:\d\d:\d\d$/.test(l))).toBe(true);
    t.enter('XYZZY');
    await h.settle();
    const lines = t.lines();
    expect(lines).toContain('Unknown CP/CMS command');
    expect(lines.some((l) => l.startsWith('Ready(-0003);'))).toBe(true);
  });
});
