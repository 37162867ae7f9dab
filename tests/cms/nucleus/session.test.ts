// A CMS session on the stand-in CP: IPL, the ready message, command
// resolution, SET options, immediate commands.

import { describe, expect, it } from 'vitest';
import { cmsSystem } from '../../../cms/index.js';
import { VERSION_LINE } from '../../../cms/messages.js';
import { StandInMachine } from '../guest-host.js';
import { formattedDisk, logon, putFile, READY, readyRc, systemDiskCopy } from '../helpers.js';

describe('IPL CMS', () => {
  it('shows the version line and reads the console without a ready message', () => {
    const a = formattedDisk();
    const vm = new StandInMachine({ disks: new Map([[0x191, { device: a }]]) });
    expect(vm.ipl(cmsSystem)).toEqual([VERSION_LINE]);
    expect(vm.reading).toBe(true);
  });

  it('gives the ready message after the first Enter, in the VM/SP form with times', () => {
    const a = formattedDisk();
    const vm = new StandInMachine({ disks: new Map([[0x191, { device: a }]]) });
    vm.ipl(cmsSystem);
    const out = vm.enter('');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(READY);
    expect(out[0]).toMatch(/^Ready; T=\d\.\d\d\/\d\.\d\d 10:15:30$/);
  });

  it('runs PROFILE EXEC at the first Enter, before the ready message', () => {
    const a = formattedDisk();
    putFile(a, 'PROFILE', 'EXEC', ['/* */', "say 'profile ran'"], 'V');
    const vm = new StandInMachine({ disks: new Map([[0x191, { device: a }]]) });
    vm.ipl(cmsSystem);
    const out = vm.enter('');
    expect(out[0]).toBe('profile ran');
    expect(readyRc(out)).toBe(0);
  });

  it('IPL CMS PARM AUTOCR runs the profile without waiting for Enter', () => {
    const a = formattedDisk();
    putFile(a, 'PROFILE', 'EXEC', ['/* */', "say 'profile ran'"], 'V');
    const vm = new StandInMachine({ disks: new Map([[0x191, { device: a }]]) });
    const out = vm.ipl(cmsSystem, 'AUTOCR');
    expect(out[0]).toBe(VERSION_LINE);
    expect(out[1]).toBe('profile ran');
    expect(out[2]).toMatch(READY);
  });

  it('skips the profile when the first command is ACCESS (NOPROF', () => {
    const a = formattedDisk();
    putFile(a, 'PROFILE', 'EXEC', ['/* */', "say 'profile ran'"], 'V');
    const vm = new StandInMachine({ disks: new Map([[0x191, { device: a }]]) });
    vm.ipl(cmsSystem);
    const out = vm.enter('ACCESS (NOPROF');
    expect(out.some((l) => l.includes('profile ran'))).toBe(false);
  });

  it('accesses 191 as A and MAINT 190 as S read-only, showing only S2 files', () => {
    const u = logon({ s: systemDiskCopy() });
    const q = u.enter('QUERY SEARCH');
    expect(q[0]).toMatch(/^CMS191 191\s+A R\/W$/);
    expect(q[1]).toMatch(/^MNT190 190\s+S R\/O$/);
    expect(u.enter('LISTFILE CMSLIB MACLIB S')[0]).toBe('CMSLIB   MACLIB   S2');
  });

  it('works in ESA/390 mode as well', () => {
    const u = logon({ arch: '390' });
    expect(readyRc(u.enter('LISTFILE'))).toBe(28);
    expect(u.enter('Q TIME')[0]).toMatch(/^TIME IS/);
  });
});

describe('command resolution', () => {
  it('passes an unknown command to CP and says Unknown CP/CMS command with rc -3', () => {
    const u = logon();
    const out = u.enter('XYZZY');
    expect(out[0]).toBe('Unknown CP/CMS command');
    expect(out[1]).toMatch(/^Ready\(-0003\); T=/);
    expect(u.vm.cpCommands).toContain('XYZZY');
  });

  it('passes a CP command typed without CP to CP (IMPCP) and shows its response', () => {
    const u = logon();
    const out = u.enter('q time');
    expect(out[0]).toBe('TIME IS 10:15:30 UTC THURSDAY 11/26/26');
    expect(readyRc(out)).toBe(0);
  });

  it('with IMPCP OFF says Unknown CMS command and does not call CP', () => {
    const u = logon();
    u.enter('SET IMPCP OFF');
    const before = u.vm.cpCommands.length;
    const out = u.enter('XYZZY');
    expect(out[0]).toBe('Unknown CMS command');
    expect(readyRc(out)).toBe(-3);
    expect(u.vm.cpCommands.length).toBe(before);
  });

  it('CP passes the line to CP and returns CP’s return code', () => {
    const u = logon();
    const out = u.enter('CP XYZZY');
    expect(out[0]).toBe('DMKCFC001E ?CP: XYZZY');
    expect(readyRc(out)).toBe(1);
  });

  it('accepts minimum abbreviations and rejects shorter ones', () => {
    const u = logon();
    expect(readyRc(u.enter('L'))).toBe(28); // LISTFILE: DMSLST002E
    expect(u.enter('Q SEARCH')[0]).toMatch(/CMS191/);
    expect(u.enter('REN')[0]).toMatch(/^DMSRNM001E/);
    expect(u.enter('RE')[0]).toBe('Unknown CP/CMS command');
  });

  it('SET ABBREV OFF turns abbreviations off', () => {
    const u = logon();
    u.enter('SET ABBREV OFF');
    expect(u.enter('L')[0]).toBe('Unknown CP/CMS command');
    expect(readyRc(u.enter('LISTFILE'))).toBe(28);
  });

  it('runs an EXEC by its name (IMPEX) before a command of the same name, and not with IMPEX OFF', () => {
    const u = logon();
    putFile(u.a, 'LISTFILE', 'EXEC', ['/* */', "say 'the exec'"], 'V');
    u.enter('ACCESS 191 A');
    expect(u.enter('LISTFILE')[0]).toBe('the exec');
    u.enter('SET IMPEX OFF');
    expect(u.enter('LISTFILE * EXEC')[0]).toBe('LISTFILE EXEC     A1');
  });

  it('types CMS for a null line at the ready prompt, without a ready message', () => {
    const u = logon();
    expect(u.enter('')).toEqual(['CMS']);
  });
});

describe('SET and QUERY', () => {
  it('SET RDYMSG SMSG gives the short ready message', () => {
    const u = logon();
    expect(u.enter('SET RDYMSG SMSG')).toEqual(['Ready;']);
    expect(u.enter('STATE NO SUCH')).toEqual(["DMSSTT002E File 'NO SUCH *' not found.", 'Ready(00028);']);
    expect(u.enter('QUERY RDYMSG')).toEqual(['RDYMSG = SMSG', 'Ready;']);
  });

  it('SET RDYFORM R gives the VM/370 ready message', () => {
    const u = logon();
    expect(u.enter('SET RDYFORM R')[0]).toMatch(/^R; T=\d\.\d\d\/\d\.\d\d \d\d:\d\d:\d\d$/);
    expect(u.enter('STATE NO SUCH').pop()).toMatch(/^R\(00028\); T=/);
  });

  it('rejects a bad SET value with DMSSET070E and rc 24', () => {
    const u = logon();
    const out = u.enter('SET IMPEX MAYBE');
    expect(out[0]).toBe("DMSSET070E Invalid parameter 'MAYBE'.");
    expect(readyRc(out)).toBe(24);
  });

  it('QUERY shows IMPEX, IMPCP, ABBREV and the disks', () => {
    const u = logon();
    expect(u.enter('QUERY IMPEX')[0]).toBe('IMPEX  = ON');
    u.enter('SET IMPCP OFF');
    expect(u.enter('Q IMPCP')[0]).toBe('IMPCP  = OFF');
    const disk = u.enter('QUERY DISK');
    expect(disk[0]).toMatch(/^LABEL\s+VDEV M\s+STAT/);
    expect(disk[1]).toMatch(/^CMS191 191\s+A\s+R\/W/);
  });

  it('QUERY with no function is DMSQRY047E', () => {
    const u = logon();
    expect(u.enter('QUERY')).toEqual(['DMSQRY047E No function specified.', expect.stringMatching(/^Ready\(00024\);/)]);
  });

  it('edits DMS messages by CP SET EMSG (DIAGNOSE X’5C’)', () => {
    const u = logon();
    u.enter('CP SET EMSG TEXT');
    expect(u.enter('STATE NO SUCH A')[0]).toBe("File 'NO SUCH A' not found.");
    u.enter('CP SET EMSG CODE');
    expect(u.enter('STATE NO SUCH A')[0]).toBe('DMSSTT002E');
    u.enter('CP SET EMSG OFF');
    expect(u.enter('STATE NO SUCH A')).toHaveLength(1);
  });

  it('SET CMSTYPE HT suppresses output until RT', () => {
    const u = logon();
    putFile(u.a, 'X', 'EXEC', ['/* */', "'SET CMSTYPE HT'", "say 'hidden'", "'SET CMSTYPE RT'", "say 'shown'"], 'V');
    u.enter('ACCESS 191 A');
    const out = u.enter('X');
    expect(out).not.toContain('hidden');
    expect(out[0]).toBe('shown');
  });
});

describe('immediate commands', () => {
  it('HX stops a runaway program and returns to the ready message; the disk is intact', () => {
    const u = logon({ s: systemDiskCopy() });
    putFile(u.a, 'LOOP', 'ASSEMBLE', [
      'LOOP     CSECT',
      '         BALR  12,0',
      '         USING *,12',
      'AGAIN    B     AGAIN',
      '         END   LOOP',
    ]);
    u.enter('ACCESS 191 A');
    expect(readyRc(u.enter('ASSEMBLE LOOP'))).toBe(0);
    u.vm.take();
    u.vm.type('LOAD LOOP (START');
    expect(u.vm.run(2_000_000)).toBe('limit');
    expect(u.vm.take()).toContain('DMSLIO740I Execution begins...');
    u.vm.type('HX');
    expect(u.vm.run()).toBe('read');
    // As at an idle read (transcript 42 of the R6 system): CMS, and no ready message.
    expect(u.vm.take()).toEqual(['HX', 'CMS']);
    expect(u.enter('LISTFILE LOOP *')).toEqual([
      'LOOP     ASSEMBLE A1',
      'LOOP     TEXT     A1',
      'LOOP     LISTING  A1',
      expect.stringMatching(READY),
    ]);
  });

  it('HX stops a DO FOREVER EXEC, which never stalls the machine', () => {
    const u = logon();
    putFile(u.a, 'FOREVER', 'EXEC', ['/* */', 'do forever', '  n = 1', 'end'], 'V');
    u.enter('ACCESS 191 A');
    u.vm.take();
    u.vm.type('FOREVER');
    expect(u.vm.run(3_000_000)).toBe('limit');
    u.vm.type('HX');
    expect(u.vm.run()).toBe('read');
    expect(u.vm.take()).toEqual(['FOREVER', 'HX', 'CMS']);
    expect(readyRc(u.enter('Q IMPEX'))).toBe(0);
  });

  it('HI halts a REXX EXEC', () => {
    const u = logon();
    putFile(u.a, 'FOREVER', 'EXEC', ['/* */', 'do forever', '  n = 1', 'end'], 'V');
    u.enter('ACCESS 191 A');
    u.vm.type('FOREVER');
    u.vm.run(2_000_000);
    u.vm.type('HI');
    expect(u.vm.run()).toBe('read');
    const out = u.vm.take();
    expect(out[out.length - 1]).toMatch(/^Ready\(\d+\);/);
  });

  it('a line typed while a program runs is kept for the next read', () => {
    const u = logon();
    putFile(u.a, 'ASK', 'EXEC', ['/* */', 'do i = 1 to 20000; end', 'pull answer', "say 'got' answer"], 'V');
    u.enter('ACCESS 191 A');
    u.vm.type('ASK');
    u.vm.run(5_000);
    u.vm.type('yes');
    expect(u.vm.run()).toBe('read');
    expect(u.vm.take()).toContain('got YES');
  });
});

describe('HT', () => {
  it('HT typed while an EXEC runs stops its output until the command ends', () => {
    const u = logon();
    putFile(
      u.a,
      'TALK',
      'EXEC',
      ['/* */', 'do i = 1 to 30000; end', "say 'one'", 'do i = 1 to 30000; end', "say 'two'"],
      'V',
    );
    u.enter('ACCESS 191 A');
    u.vm.take();
    u.vm.type('TALK');
    u.vm.run(5_000);
    u.vm.type('HT');
    expect(u.vm.run()).toBe('read');
    const out = u.vm.take();
    expect(out).not.toContain('one');
    expect(out).not.toContain('two');
    expect(out[out.length - 1]).toMatch(READY);
    expect(u.enter('Q CMSTYPE')[0]).toBe('CMSTYPE = RT');
  });
});
