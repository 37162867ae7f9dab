// Spooling between users through the session harness (cp.md section 5):
// punch to another user's reader, the messages on both sides, QUERY RDR's
// columns, reading the file in a guest, TRANSFER, PURGE, HOLD, ORDER,
// CHANGE, classes, and what a user may not do to another's files.

import { describe, expect, it } from 'vitest';
import { CpHarness, type TerminalDriver } from '../../../cp/harness.js';
import { SpoolStore } from '../../../cp/spool/spool-store.js';
import { toEbcdicPadded } from '../../../s390/ebcdic.js';
import { programDeck } from '../guest-programs.js';
import { PUNCH_PROGRAM, READ_PROGRAM } from './spool-programs.js';

async function users(h: CpHarness, ...ids: string[]): Promise<TerminalDriver[]> {
  const out: TerminalDriver[] = [];
  for (const id of ids) {
    const t = h.connect();
    await t.logon(id, id);
    out.push(t);
  }
  return out;
}

/** USER1's guest punches three cards; CLOSE makes them a file. */
async function punchThree(h: CpHarness, t: TerminalDriver, close = 'CLOSE PUN NAME TEST DATA'): Promise<void> {
  h.user('USER1').vm.loadReader(programDeck(PUNCH_PROGRAM));
  t.enter('IPL 00C');
  await h.settle();
  t.enter(close);
}

describe('punch to another user', () => {
  it('SPOOL PUN TO USER2: the sender sees PUN FILE .. TO, the receiver FROM, and QUERY RDR lists it', async () => {
    const h = new CpHarness();
    const [a, b] = await users(h, 'USER1', 'USER2');
    a.enter('SPOOL PUN TO USER2');
    await punchThree(h, a);
    expect(a.transcript).toContain('PUN FILE 0001 TO USER2    COPY 01 NOHOLD');
    expect(b.transcript).toContain('PUN FILE 0001 FROM USER1    COPY 01 NOHOLD');
    b.enter('QUERY RDR');
    expect(b.lines().slice(-2)).toEqual([
      'ORIGINID FILE CLASS RECDS  CPY HOLD',
      'USER1    0001 A PUN 00000003 01 NONE',
    ]);
    b.enter('QUERY RDR * ALL');
    expect(b.lines().slice(-2)).toEqual([
      'ORIGINID FILE CLASS RECDS  CPY HOLD DATE  TIME     NAME     TYPE     DIST',
      'USER1    0001 A PUN 00000003 01 NONE 05/17 09:30:00 TEST     DATA',
    ]);
    b.enter('QUERY FILES');
    expect(b.lines().at(-1)).toBe('FILES: 001 RDR,  NO PRT,  NO PUN');
    a.enter('QUERY RDR');
    expect(a.lines().at(-1)).toBe('NO RDR FILES');
  });

  it('a guest IPLs from its reader and reads on into the next file with SPOOL RDR CONT; the files are purged', async () => {
    const h = new CpHarness();
    const [a, b] = await users(h, 'USER1', 'USER2');
    a.enter('SPOOL PUN TO USER2');
    await punchThree(h, a);
    // The reading program arrives second; ORDER puts it first.
    const program = h.cp.spooler.enterDeck('USER2', programDeck(READ_PROGRAM), 'READ', 'PROGRAM');
    expect(program).not.toBe('full');
    b.enter('ORDER RDR 0002');
    expect(b.lines().at(-1)).toBe('0002 FILE ORDERED');
    b.enter('SPOOL RDR CONT');
    b.enter('IPL 00C');
    await h.settle();
    const vm = h.user('USER2').vm;
    expect(vm.cpu.gpr[5]).toBe(3);
    expect(vm.cpu.storage.bytes.subarray(0x3000, 0x3000 + 80)).toEqual(toEbcdicPadded('THIRD CARD', 80));
    b.enter('QUERY RDR');
    expect(b.lines().at(-1)).toBe('NO RDR FILES');
  });

  it('a reader with class B does not see a class A file; SPOOL RDR CLASS * does', async () => {
    const h = new CpHarness();
    const [a, b] = await users(h, 'USER1', 'USER2');
    a.enter('SPOOL PUN TO USER2');
    await punchThree(h, a);
    h.cp.spooler.enterDeck('USER2', programDeck(READ_PROGRAM), 'READ', 'PROGRAM', 'SYSTEM', 'B');
    b.enter('SPOOL RDR CLASS B CONT');
    b.enter('IPL 00C');
    await h.settle();
    // The program (class B) ran; the class A file was invisible: the reader was empty after it.
    expect(h.user('USER2').vm.cpu.gpr[5]).toBe(0);
    b.enter('QUERY RDR');
    expect(b.lines().at(-1)).toBe('USER1    0001 A PUN 00000003 01 NONE');
  });
});

describe('TRANSFER, PURGE, HOLD, CHANGE', () => {
  it('USER2 transfers the file to CMSUSER; USER1 takes it back FROM CMSUSER; PURGE removes it', async () => {
    const h = new CpHarness();
    const [a, b, c] = await users(h, 'USER1', 'USER2', 'CMSUSER');
    a.enter('SPOOL PUN TO USER2');
    await punchThree(h, a);
    b.enter('TRANSFER RDR 1 TO CMSUSER');
    expect(b.lines().at(-1)).toBe('0001 FILES TRANSFERRED');
    expect(c.transcript).toContain('PUN FILE 0001 FROM USER1    COPY 01 NOHOLD');
    c.enter('Q RDR');
    expect(c.lines().at(-1)).toBe('USER1    0001 A PUN 00000003 01 NONE');
    a.enter('TRANSFER RDR ALL FROM CMSUSER');
    expect(a.lines().at(-1)).toBe('0001 FILES TRANSFERRED');
    c.enter('Q RDR');
    expect(c.lines().at(-1)).toBe('NO RDR FILES');
    a.enter('PURGE RDR 1');
    expect(a.lines().at(-1)).toBe('0001 FILES PURGED');
    a.enter('Q FILES');
    expect(a.lines().at(-1)).toBe('FILES:  NO RDR,  NO PRT,  NO PUN');
  });

  it('SPOOL PUN HOLD makes held files the reader skips; CHANGE RDR .. NOHOLD releases them', async () => {
    const h = new CpHarness();
    const [a, b] = await users(h, 'USER1', 'USER2');
    a.enter('SPOOL PUN TO USER2 HOLD');
    await punchThree(h, a);
    expect(a.transcript).toContain('PUN FILE 0001 TO USER2    COPY 01 HOLD');
    b.enter('Q RDR');
    expect(b.lines().at(-1)).toBe('USER1    0001 A PUN 00000003 01 USER');
    const reader = h.user('USER2').vm.reader!;
    expect(reader.openFile(0)).toBe(false);
    b.enter('CHANGE RDR 1 NOHOLD CLASS C COPY 3');
    expect(b.lines().at(-1)).toBe('0001 FILES CHANGED');
    b.enter('Q RDR');
    expect(b.lines().at(-1)).toBe('USER1    0001 C PUN 00000003 03 NONE');
    expect(reader.openFile(0)).toBe(true);
  });

  it('CLOSE PURGE discards the open file; an empty CLOSE makes nothing', async () => {
    const h = new CpHarness();
    const [a] = await users(h, 'USER1');
    a.enter('SPOOL PUN TO *');
    await punchThree(h, a, 'CLOSE 00D PURGE');
    a.enter('CLOSE 00D');
    a.enter('Q RDR');
    expect(a.lines().at(-1)).toBe('NO RDR FILES');
  });
});

describe("another user's files", () => {
  it("a class G user can neither see nor change a file in someone else's reader, whatever its spoolid", async () => {
    const h = new CpHarness();
    const [a, b, c] = await users(h, 'USER1', 'USER2', 'CMSUSER');
    a.enter('SPOOL PUN TO USER2');
    await punchThree(h, a);
    for (const cmd of ['PURGE RDR 1', 'ORDER RDR 1', 'CHANGE RDR 1 HOLD', 'TRANSFER RDR 1 TO CMSUSER']) {
      c.enter(cmd);
      expect(c.lines().at(-1)).toBe('DMKCSU042E SPOOLID 0001 DOES NOT EXIST');
    }
    c.enter('QUERY RDR 1');
    expect(c.lines().at(-1)).toBe('NO RDR FILES');
    // CMSUSER did not send it, so TRANSFER ... FROM USER2 finds nothing of theirs.
    c.enter('TRANSFER RDR ALL FROM USER2');
    expect(c.lines().at(-1)).toBe('0000 FILES TRANSFERRED');
    b.enter('Q RDR');
    expect(b.lines().at(-1)).toBe('USER1    0001 A PUN 00000003 01 NONE');
  });

  it('SPOOL TO a user not in the directory is refused and changes nothing', async () => {
    const h = new CpHarness();
    const [a] = await users(h, 'USER1');
    a.enter('SPOOL PUN TO NOSUCH HOLD');
    expect(a.lines().at(-1)).toBe('DMKCSP053E NOSUCH NOT IN CP DIRECTORY');
    a.enter('QUERY VIRTUAL');
    expect(a.lines()).toContain('PUN  00D CL A NOCONT NOHOLD COPY 01');
  });
});

describe('logon, logoff and a full spool', () => {
  it('FILES: at logon counts the files waiting; LOGOFF closes an open punch file', async () => {
    const h = new CpHarness();
    const [a] = await users(h, 'USER1');
    a.enter('SPOOL PUN TO USER2');
    h.user('USER1').vm.loadReader(programDeck(PUNCH_PROGRAM));
    a.enter('IPL 00C');
    await h.settle();
    a.enter('LOGOFF');
    const [b] = await users(h, 'USER2');
    expect(b.transcript).toContain('FILES: 001 RDR,  NO PRT,  NO PUN');
  });

  it('a full spool refuses CLOSE with a message and keeps the open file; nothing spooled is lost', async () => {
    const h = new CpHarness({ spool: SpoolStore.inMemory(1) });
    const [a] = await users(h, 'USER1');
    a.enter('SPOOL PUN TO *');
    await punchThree(h, a);
    expect(a.transcript).toContain('PUN FILE 0001 TO USER1    COPY 01 NOHOLD');
    await punchThree(h, a, 'CLOSE PUN');
    expect(a.lines().at(-1)).toBe('DMKCSO150E SYSTEM SPOOL SPACE FULL; FILE 00D NOT CLOSED');
    expect(h.user('USER1').vm.devices.get(0x00d)!.output!.records).toHaveLength(3);
    a.enter('PURGE RDR ALL');
    a.enter('CLOSE PUN');
    expect(a.lines().at(-1)).toBe('PUN FILE 0002 TO USER1    COPY 01 NOHOLD');
  });
});

describe('SPOOL CONSOLE', () => {
  it('START keeps the console lines; CLOSE CONSOLE makes them a CON file, here in the own reader', async () => {
    const h = new CpHarness();
    const [a] = await users(h, 'USER1');
    a.enter('SPOOL CONSOLE START TO *');
    a.enter('QUERY TIME');
    a.enter('CLOSE CONSOLE');
    expect(a.lines().at(-1)).toBe('CON FILE 0001 TO USER1    COPY 01 NOHOLD');
    const file = h.cp.spooler.store.read(1)!;
    expect(file.origin).toBe('CON');
    expect(file.records).toBeGreaterThanOrEqual(2);
  });
});

describe('TAG', () => {
  it('TAG DEV text goes with each file the device closes; TAG FILE changes it; TAG QUERY shows it', async () => {
    const h = new CpHarness();
    const [a] = await users(h, 'USER1');
    a.enter('SPOOL PUN TO *');
    a.enter('TAG DEV 00D Node1 Kept As Typed');
    a.enter('TAG QUERY DEV 00D');
    expect(a.lines().at(-1)).toBe('Node1 Kept As Typed');
    await punchThree(h, a);
    a.enter('TAG QUERY FILE 1');
    expect(a.lines().at(-1)).toBe('Node1 Kept As Typed');
    a.enter('TAG FILE 1 OTHER');
    a.enter('TAG QUERY FILE 1');
    expect(a.lines().at(-1)).toBe('OTHER');
    a.enter('TAG FILE 9 X');
    expect(a.lines().at(-1)).toBe('DMKCSU042E SPOOLID 0009 DOES NOT EXIST');
  });
});
