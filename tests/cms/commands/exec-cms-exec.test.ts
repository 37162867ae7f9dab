// The CMS EXEC language (VM/SP CMS Command and Macro Reference, "EXEC
// Control Statements"): the statements beyond the basics in exec.test.ts.

import { describe, expect, it } from 'vitest';
import { logon, putFile, readyRc } from '../helpers.js';
import { StandInSystem } from '../guest-host.js';

function runExec(lines: string[], args = '', options: Parameters<typeof logon>[0] = {}): string[] {
  const u = logon(options);
  putFile(u.a, 'X', 'EXEC', lines, 'V');
  u.enter('ACCESS 191 A');
  return u.enter(`X ${args}`.trim());
}

describe('CMS EXEC', () => {
  it('&LOOP with a condition runs the body until the condition holds', () => {
    const out = runExec(['&CONTROL OFF', '&I = 0', '&LOOP 2 &I EQ 3', '&I = &I + 1', '&TYPE PASS &I', '&TYPE END']);
    expect(out.slice(0, -1)).toEqual(['PASS 1', 'PASS 2', 'PASS 3', 'END']);
  });

  it('&LOOP to a label with a count', () => {
    const out = runExec(['&CONTROL OFF', '&LOOP -DONE 2', '&TYPE A', '&TYPE B', '-DONE &TYPE C']);
    expect(out.slice(0, -1)).toEqual(['A', 'B', 'C', 'A', 'B', 'C']);
  });

  it('&IF compares numbers as numbers and other strings in EBCDIC order (digits after letters)', () => {
    const out = runExec([
      '&CONTROL OFF',
      '&IF 10 GT 9 &TYPE NUMERIC',
      '&IF 1A GT ZZ &TYPE EBCDIC',
      '&IF &NOSUCH EQ &TYPE NULL',
      '&IF ABC NE ABD &TYPE DIFFERENT',
    ]);
    expect(out.slice(0, -1)).toEqual(['NUMERIC', 'EBCDIC', 'DIFFERENT']);
  });

  it('&DISKx and &DISK* describe the accessed disks', () => {
    const out = runExec(['&TYPE &DISKA &DISKZ &DISK*']);
    expect(out[0]).toBe('RW NA A');
  });

  it('&GLOBAL is the nesting level and &GLOBALn are shared with a nested CMS EXEC, then dropped', () => {
    const u = logon();
    putFile(
      u.a,
      'OUTER',
      'EXEC',
      ['&CONTROL OFF', '&GLOBAL1 = FROMOUT', 'EXEC INNER', '&TYPE BACK &GLOBAL &GLOBAL1 &GLOBAL2'],
      'V',
    );
    putFile(u.a, 'INNER', 'EXEC', ['&CONTROL OFF', '&TYPE IN &GLOBAL &GLOBAL1', '&GLOBAL2 = FROMIN'], 'V');
    putFile(u.a, 'AFTER', 'EXEC', ['&TYPE AFTER &GLOBAL1.'], 'V');
    u.enter('ACCESS 191 A');
    expect(u.enter('OUTER').slice(0, -1)).toEqual(['IN 2 FROMOUT', 'BACK 1 FROMOUT FROMIN']);
    expect(u.enter('AFTER')[0]).toBe('AFTER');
  });

  it('&EMSG and &BEGEMSG type messages with their codes (CP SET EMSG edits them)', () => {
    const out = runExec(['&EMSG DMSXYZ001E SOMETHING FAILED', '&BEGEMSG', 'DMSXYZ002W Second warning', '&END']);
    expect(out.slice(0, -1)).toEqual(['DMSXYZ001E SOMETHING FAILED', 'DMSXYZ002W Second warning']);
  });

  it('&PUNCH and &BEGPUNCH punch cards; CP CLOSE makes the reader file', () => {
    const system = new StandInSystem();
    const out = runExec(
      ['&CONTROL OFF', '&PUNCH CARD ONE &1', '&BEGPUNCH', 'line two', '&END', 'CP CLOSE 00D'],
      'arg',
      { system },
    );
    expect(readyRc(out)).toBe(0);
    const files = [...system.readers.values()].flat();
    expect(files).toHaveLength(1);
    expect(files[0].records).toHaveLength(2);
  });

  it('&TIME TYPE types T=virtual/total and the time of day', () => {
    const out = runExec(['&CONTROL OFF', '&TIME TYPE']);
    expect(out[0]).toMatch(/^T=\d+\.\d\d\/\d+\.\d\d 10:15:30$/);
  });

  it('&TIME ON types the times after each command', () => {
    const out = runExec(['&CONTROL OFF', '&TIME ON', 'STATE X EXEC A', '&TIME OFF', 'STATE X EXEC A']);
    expect(out.slice(0, -1)).toEqual([expect.stringMatching(/^T=\d+\.\d\d\/\d+\.\d\d 10:15:30$/)]);
  });

  it('a line may start with a variable: its value is the command', () => {
    const out = runExec([
      '&CONTROL OFF',
      '&C = STATE',
      '&C X EXEC A',
      '&TYPE RC &RETCODE',
      '&C NOSUCH FILE A',
      '&TYPE RC &RETCODE',
    ]);
    expect(out.slice(0, -1)).toEqual(['RC 0', "DMSSTT002E File 'NOSUCH FILE A' not found.", 'RC 28']);
  });

  it('an unknown control word is an EXEC error', () => {
    const out = runExec(['&NOSUCHWORD X']);
    expect(out[0]).toBe('DMSEXT072E Error in EXEC file X, line 1 - Invalid control statement');
    expect(readyRc(out)).toBe(803);
  });
});
