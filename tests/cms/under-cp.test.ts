// CMS under the real CP (cp/harness.ts): IPL from the directory, the
// ready message on the 3270, a command, an unknown command; with minidisks
// and the spool: LISTFILE, ASSEMBLE, LOAD, START, a multi-line CP response,
// PUNCH to another user who RECEIVEs it; HX through console attention.

import { describe, expect, it } from 'vitest';
import { CpHarness } from '../../cp/harness.js';
import { cmsSystem, VERSION_LINE } from '../../cms/index.js';
import { cmsHarness } from '../src/cms-harness.js';
import { CmsDisk } from '../../cms/fs/disk.js';
import { toEbcdic } from '../../s390/ebcdic.js';

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

describe('CMS under CP with minidisks and the spool', () => {
  it('CMSUSER lists, assembles, loads and starts HELLO, and punches a file that USER1 receives', async () => {
    // The disks formatted as the data directory's creation formats them.
    const h = cmsHarness();
    const t = h.connect();
    await t.logon('CMSUSER', 'CMSUSER');
    t.enter('');
    await h.settle();
    const run = async (line: string): Promise<string[]> => {
      const before = t.transcript.length;
      t.enter(line);
      await h.settle();
      if (t.status === 'MORE...') {
        t.clear();
        await h.settle();
      }
      return t.transcript.slice(before);
    };
    const ready = (out: string[]): boolean => out.some((l) => /^Ready; T=/.test(l));
    expect(ready(await run('COPYFILE HELLO ASSEMBLE S HELLO ASSEMBLE A'))).toBe(true);
    const list = await run('LISTFILE * * A');
    expect(list).toContain('HELLO    ASSEMBLE A1');
    expect(ready(await run('ASSEMBLE HELLO'))).toBe(true);
    expect(ready(await run('LOAD HELLO'))).toBe(true);
    const started = await run('START');
    expect(started).toContain('Hello from a program running under CMS');
    // A multi-line CP response through DIAGNOSE X'08' comes back as separate lines.
    const time = await run('CP QUERY TIME');
    expect(time.some((l) => /^TIME IS \d\d:\d\d:\d\d GMT /.test(l))).toBe(true);
    expect(time.some((l) => l.startsWith('CONNECT= '))).toBe(true);
    expect(ready(await run('CP SPOOL PUNCH TO USER1'))).toBe(true);
    const punched = await run('PUNCH HELLO ASSEMBLE A');
    expect(punched).toContain('PUN FILE 0001 TO USER1    COPY 01 NOHOLD');

    const u = h.connect();
    await u.logon('USER1', 'USER1');
    u.enter('');
    await h.settle();
    expect(u.transcript).toContain('FILES: 001 RDR,  NO PRT,  NO PUN');
    u.enter('RECEIVE');
    await h.settle();
    u.enter('LISTFILE HELLO ASSEMBLE A');
    await h.settle();
    expect(u.transcript).toContain('HELLO    ASSEMBLE A1');
  });
});

describe('HX under the real CP', () => {
  it('a line typed while an EXEC loops raises attention on the console, and HX stops the EXEC', async () => {
    const h = cmsHarness();
    const t = h.connect();
    await t.logon('CMSUSER', 'CMSUSER');
    t.enter('');
    await h.settle();
    const disk = CmsDisk.access(h.user('CMSUSER').vm.devices.get(0x191)!.dasd!.minidisk);
    const w = disk.openForWrite('LOOP', 'EXEC', { recfm: 'V', lrecl: 80, modeNumber: 1, now: new Date() });
    for (const l of ['/* loop for ever */', 'do forever', 'end']) w.write(toEbcdic(l));
    w.close();
    t.enter('ACCESS 191 A');
    await h.settle();
    t.enter('LOOP');
    await h.settle(50);
    expect(t.status).toBe('RUNNING');
    t.enter('HX');
    await h.settle(200);
    expect(t.status).toBe('VM READ');
    expect(t.transcript.slice(t.transcript.indexOf('HX'))).toContain('CMS');
  });
});
