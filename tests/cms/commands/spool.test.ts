// Spooled unit record between users: PUNCH and READCARD, PRINT, DISK
// DUMP/LOAD, SENDFILE and RECEIVE, NOTE, TELL, PEEK, RDRLIST.

import { describe, expect, it } from 'vitest';
import { fromEbcdic } from '../../../s390/ebcdic.js';
import { StandInSystem } from '../guest-host.js';
import { logon, putFile, READY, readyRc } from '../helpers.js';

function twoUsers(): { system: StandInSystem; alice: ReturnType<typeof logon>; bob: ReturnType<typeof logon> } {
  const system = new StandInSystem();
  const alice = logon({ userid: 'ALICE', system });
  const bob = logon({ userid: 'BOB', system });
  putFile(alice.a, 'LETTER', 'TEXT', ['Dear Bob,', 'the cards work.']);
  putFile(alice.a, 'VARS', 'DATA', ['short', 'a longer record here'], 'V');
  alice.enter('ACCESS 191 A');
  return { system, alice, bob };
}

describe('PUNCH and READCARD', () => {
  it('punches a header card and the records; CP CLOSE sends the file; READCARD * restores its name', () => {
    const { system, alice, bob } = twoUsers();
    expect(readyRc(alice.enter('CP SPOOL PUNCH TO BOB'))).toBe(0);
    const out = alice.enter('PUNCH LETTER TEXT A');
    expect(out[0]).toBe('PUN FILE 0001 TO BOB COPY 01 NOHOLD');
    expect(readyRc(out)).toBe(0);
    const file = system.reader('BOB')[0];
    expect(fromEbcdic(file.records[0].data).slice(0, 25)).toBe(':READ  LETTER   TEXT     ');
    expect(file.records).toHaveLength(3);
    const rd = bob.enter('READCARD *');
    expect(rd[0]).toBe("DMSRDC738I Record length is '80' bytes");
    expect(readyRc(rd)).toBe(0);
    expect(bob.enter('TYPE LETTER TEXT A').slice(0, -1)).toEqual(['Dear Bob,', 'the cards work.']);
    expect(system.reader('BOB')).toHaveLength(0);
  });

  it('NOHEADER punches only the records; READCARD names the file as told', () => {
    const { alice, bob } = twoUsers();
    alice.enter('CP SPOOL PUNCH TO BOB');
    alice.enter('PUNCH LETTER TEXT A (NOHEADER');
    expect(readyRc(bob.enter('READCARD MY CARDS A'))).toBe(0);
    expect(bob.enter('TYPE MY CARDS A')[0]).toBe('Dear Bob,');
  });

  it('READCARD with an empty reader says DMSRDC701I', () => {
    const { bob } = twoUsers();
    expect(bob.enter('READCARD *')).toEqual(['DMSRDC701I Null file.', expect.stringMatching(/^Ready\(00008\);/)]);
  });

  it('PUNCH of a missing file is DMSPUN002E rc 28', () => {
    const { alice } = twoUsers();
    expect(readyRc(alice.enter('PUNCH NO SUCH A'))).toBe(28);
  });
});

describe('PRINT', () => {
  it('prints a file on the virtual printer and closes it', () => {
    const { alice } = twoUsers();
    const out = alice.enter('PRINT LETTER TEXT');
    expect(out[0]).toBe('PRT FILE 0001 TO ALICE COPY 01 NOHOLD');
    expect(alice.vm.printed[0]).toEqual(['Dear Bob,', 'the cards work.']);
  });
});

describe('PRINT (CC', () => {
  it('takes column 1 as carriage control', () => {
    const { alice } = twoUsers();
    putFile(alice.a, 'RPT', 'LISTING', ['1TITLE', ' LINE', '0SPACED']);
    alice.enter('ACCESS 191 A');
    expect(readyRc(alice.enter('PRINT RPT LISTING A (CC'))).toBe(0);
    expect(alice.vm.printed[0]).toEqual(['TITLE', 'LINE', 'SPACED']);
    expect(alice.enter('PRINT RPT LISTING A (BOGUS')[0]).toBe("DMSPRT003E Invalid option 'BOGUS'.");
  });
});

describe('DISK DUMP, SENDFILE and RECEIVE', () => {
  it('DISK DUMP and DISK LOAD keep the record format and lengths', () => {
    const { alice, bob } = twoUsers();
    alice.enter('CP SPOOL PUNCH TO BOB');
    expect(readyRc(alice.enter('DISK DUMP VARS DATA A'))).toBe(0);
    expect(readyRc(bob.enter('DISK LOAD'))).toBe(0);
    expect(bob.enter('LISTFILE VARS DATA A (FORMAT')[0]).toBe('VARS     DATA     A1 V         20');
    expect(bob.enter('TYPE VARS DATA').slice(0, -1)).toEqual(['short', 'a longer record here']);
  });

  it('SENDFILE sends to a user who RECEIVEs it; the sender’s punch is reset', () => {
    const { system, alice, bob } = twoUsers();
    const sent = alice.enter('SENDFILE VARS DATA A TO BOB');
    expect(sent[0]).toBe('File VARS DATA A1 sent to BOB on 11/26/26 10:15:30');
    expect(alice.vm.punchTo).toBe('ALICE');
    const id = system.reader('BOB')[0].spoolid;
    const rcv = bob.enter(`RECEIVE ${id}`);
    expect(rcv[0]).toBe('DMSRCV763I File VARS DATA received from ALICE');
    expect(readyRc(rcv)).toBe(0);
    expect(bob.enter('TYPE VARS DATA').slice(0, -1)).toEqual(['short', 'a longer record here']);
    expect(bob.enter('RECEIVE')[0]).toMatch(/^DMSRCV002E/);
  });

  it('SENDFILE to a user CP does not know fails', () => {
    const { alice } = twoUsers();
    const out = alice.enter('SENDFILE VARS DATA A TO NOBODY');
    expect(out).toContain('DMSSND638E Unable to identify user NOBODY.');
    expect(readyRc(out)).toBe(53);
  });

  it('RECEIVE of a punched file keeps it when the name exists, unless REPLACE', () => {
    const { alice, bob } = twoUsers();
    putFile(bob.a, 'LETTER', 'TEXT', ['old']);
    bob.enter('ACCESS 191 A');
    alice.enter('CP SPOOL PUNCH TO BOB');
    alice.enter('PUNCH LETTER TEXT A');
    expect(bob.enter('RECEIVE')[0]).toBe("DMSRCV024E File 'LETTER TEXT A1' already exists.");
    expect(readyRc(bob.enter('RECEIVE (REPLACE'))).toBe(0);
    expect(bob.enter('TYPE LETTER TEXT')[0]).toBe('Dear Bob,');
  });
});

describe('NOTE, TELL, PEEK, RDRLIST', () => {
  it('NOTE sends typed lines; RECEIVE adds them to ALL NOTEBOOK', () => {
    const { system, alice, bob } = twoUsers();
    expect(alice.enter('NOTE BOB')).toEqual(['Enter the note; a null line ends it:']);
    alice.enter('Lunch at noon?');
    expect(alice.enter('')).toEqual(['Note sent to BOB', expect.stringMatching(READY)]);
    expect(system.reader('BOB')[0].type).toBe('NOTE');
    const out = bob.enter('RECEIVE');
    expect(out).toContain('Lunch at noon?');
    expect(bob.enter('TYPE ALL NOTEBOOK A').slice(0, 2)).toEqual(['From ALICE:', 'Lunch at noon?']);
  });

  it('TELL sends a message through CP MSG, keeping its case', () => {
    const { alice, bob } = twoUsers();
    expect(readyRc(alice.enter('TELL BOB Hello there'))).toBe(0);
    expect(bob.vm.take()).toContain('MSG FROM ALICE: Hello there');
    expect(readyRc(alice.enter('TELL NOBODY hi'))).toBe(45);
  });

  it('PEEK shows a reader file and leaves it; RDRLIST lists the reader', () => {
    const { system, alice, bob } = twoUsers();
    alice.enter('CP SPOOL PUNCH TO BOB');
    alice.enter('PUNCH LETTER TEXT A');
    const peek = bob.enter('PEEK');
    expect(peek[0]).toBe('LETTER TEXT (spoolid 1 from ALICE, 3 records)');
    expect(peek).toContain('Dear Bob,');
    expect(system.reader('BOB')).toHaveLength(1);
    expect(bob.enter('RDRLIST')[1]).toMatch(/^ALICE\s+0001/);
  });
});
