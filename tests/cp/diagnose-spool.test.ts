// DIAGNOSE X'250' (block I/O) and X'14' (reader spool files) as
// docs/diagnose.md defines them: from native routines through the Guest
// interface (as CMS issues them) and from assembled machine code, with the
// bad cases a guest can produce (wild addresses, read-only links, blocks
// outside the minidisk).

import { describe, expect, it } from 'vitest';
import { CpHarness } from '../../cp/harness.js';
import { storeNativeCall, type Guest, type NamedSystem } from '../../s390/guest.js';
import { fromEbcdic, toEbcdicPadded } from '../../s390/ebcdic.js';
import { programDeck } from './guest-programs.js';
import { DISK_DIRECTORY } from './disk-directory.js';
import { BLOCK_IO_PROGRAM } from './spool/spool-programs.js';

function mini(routine: (g: Guest) => void): NamedSystem {
  return {
    name: 'MINI',
    ipl(guest) {
      const code = guest.registerNative((g) => {
        routine(g);
        g.loadPsw(0x00020000, 0x0dd);
      });
      storeNativeCall(guest.storage, 0x1000, code);
      guest.loadPsw(0, 0x1000);
    },
  };
}

async function run(
  userid: string,
  routine: (g: Guest) => void,
  h = new CpHarness({ directorySource: DISK_DIRECTORY, namedSystems: [mini(routine)] }),
) {
  const t = h.connect();
  await t.logon(userid, userid);
  t.enter('IPL MINI');
  await h.settle();
  return { h, t };
}

const IOPL = 0x2000;

/** DIAG X'250' with the IOPL at X'2000': [cc, R15]. */
function diag250(g: Guest, fn: number, vaddr: number, block = 0, count = 0, buffer = 0): [number | undefined, number] {
  g.storage.writeU16(IOPL, vaddr);
  g.storage.writeU32(IOPL + 16, block);
  g.storage.writeU32(IOPL + 20, count);
  g.storage.writeU32(IOPL + 24, buffer);
  g.gpr[2] = IOPL;
  g.gpr[4] = fn;
  const cc = g.diagnose(0x250, 2, 4);
  return [cc, g.gpr[15]];
}

describe("DIAGNOSE X'250' block I/O", () => {
  it('INIT gives the size and R/O flag; WRITE then READ moves whole blocks; each error has its reason code', async () => {
    const out: unknown[] = [];
    const { h } = await run('OWNER', (g) => {
      out.push(diag250(g, 1, 0x191, 0, 1, 0x4000)); // READ before INIT: 6
      out.push(diag250(g, 0, 0x191));
      out.push([g.storage.readU32(IOPL + 8), g.storage.bytes[IOPL + 12]]);
      g.storage.bytes.fill(0xe7, 0x4000, 0x4400);
      out.push(diag250(g, 2, 0x191, 10, 2, 0x4000));
      out.push(diag250(g, 1, 0x191, 10, 2, 0x6000));
      out.push(g.storage.bytes.subarray(0x6000, 0x6400).every((b) => b === 0xe7));
      out.push(diag250(g, 1, 0x191, 199, 2, 0x6000)); // past the end: 4
      out.push(diag250(g, 1, 0x191, 0, 1, 0xfffff0)); // buffer outside storage: 5
      out.push(diag250(g, 9, 0x191)); // invalid function: 7
      out.push(diag250(g, 0, 0x333)); // no such device: 1
      out.push(diag250(g, 0, 0x00c)); // not a minidisk: 2
      out.push(diag250(g, 0, 0x192));
      out.push(g.storage.bytes[IOPL + 12]);
      out.push(diag250(g, 2, 0x192, 0, 1, 0x4000)); // write on R/O: 3
      out.push(diag250(g, 3, 0x191));
      out.push(diag250(g, 3, 0x191)); // RELEASE twice: not initialized
      g.gpr[2] = 0x2002; // IOPL not on a word boundary: specification
      g.gpr[4] = 0;
      out.push(g.diagnose(0x250, 2, 4));
    });
    expect(out).toEqual([
      [1, 6],
      [0, 0],
      [200, 0],
      [0, 0],
      [0, 0],
      true,
      [1, 4],
      [1, 5],
      [1, 7],
      [1, 1],
      [1, 2],
      [0, 0],
      0x80,
      [1, 3],
      [0, 0],
      [1, 6],
      undefined,
    ]);
    // The write reached the minidisk itself.
    const block = new Uint8Array(512);
    h.user('OWNER').vm.devices.get(0x191)!.dasd!.minidisk.read(11, 1, block);
    expect(block.every((b) => b === 0xe7)).toBe(true);
  });

  it("an assembled guest INITs, writes, reads back and RELEASEs with DIAG 2,4,X'250'", async () => {
    const h = new CpHarness({ directorySource: DISK_DIRECTORY });
    const t = h.connect();
    await t.logon('OWNER', 'OWNER');
    h.user('OWNER').vm.loadReader(programDeck(BLOCK_IO_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    expect(t.lines().at(-1)).toContain("DISABLED WAIT PSW '00020000 00000EED'");
    const st = h.user('OWNER').vm.cpu.storage;
    expect([...st.bytes.subarray(0x3000, 0x3004)]).toEqual([0, 0, 0, 0]);
    expect(fromEbcdic(st.bytes.subarray(0x5000, 0x5050))).toBe('A'.repeat(80));
    const block = new Uint8Array(512);
    h.user('OWNER').vm.devices.get(0x191)!.dasd!.minidisk.read(5, 1, block);
    expect(fromEbcdic(block.subarray(0, 80))).toBe('A'.repeat(80));
  });
});

describe("DIAGNOSE X'24' for minidisks", () => {
  it("gives class X'04' type 3370 and status X'80' for a read-only link", async () => {
    const out: number[] = [];
    await run('OWNER', (g) => {
      for (const vaddr of [0x191, 0x192]) {
        g.gpr[2] = vaddr;
        out.push(g.diagnose(0x24, 2, 4)!, g.gpr[4]);
      }
    });
    expect(out).toEqual([0, 0x04010000, 0, 0x04018000]);
  });
});

describe("DIAGNOSE X'20' general I/O", () => {
  it('runs a CCW chain to its end with no interruption; unit exception, unit check and no device have their codes', async () => {
    const out: unknown[] = [];
    const h = new CpHarness({ directorySource: DISK_DIRECTORY, namedSystems: [mini((g) => routine(g))] });
    h.cp.spooler.enterDeck(
      'OWNER',
      [toEbcdicPadded('FIRST CARD', 80), toEbcdicPadded('LAST CARD', 80)],
      'TWO',
      'CARDS',
    );
    const routine = (g: Guest): void => {
      const st = g.storage;
      const io = (vaddr: number, ccw0: number, ccw1: number): [number | undefined, number] => {
        st.writeU32(0x3000, ccw0);
        st.writeU32(0x3004, ccw1);
        g.gpr[2] = vaddr;
        g.gpr[4] = 0x3000;
        return [g.diagnose(0x20, 2, 4), g.gpr[15]];
      };
      out.push(io(0x00c, 0x02004000, 0x00000028)); // 40 of 80 bytes without SLI: wrong length
      out.push(io(0x00c, 0x02004000, 0x20000050)); // the next card
      out.push(fromEbcdic(st.bytes.subarray(0x4000, 0x4009)));
      out.push(io(0x00c, 0x02004000, 0x20000050)); // end of file: unit exception
      out.push(io(0x00c, 0x02004000, 0x20000050)); // empty reader: unit check
      out.push(io(0x333, 0x02004000, 0x20000050)); // no such device
    };
    await run('OWNER', routine, h);
    expect(out).toEqual([[2, 3], [0, 0], 'LAST CARD', [2, 2], [3, 13], [1, 1]]);
  });
});

const PLIST = 0x2000;

describe("DIAGNOSE X'14' reader spool files", () => {
  it('SELECT describes the first file, READ moves records, CLOSE purges it (or keeps it)', async () => {
    const out: unknown[] = [];
    let routine: (g: Guest) => void = () => {};
    const h = new CpHarness({ directorySource: DISK_DIRECTORY, namedSystems: [mini((g) => routine(g))] });
    h.cp.spooler.enterDeck(
      'OWNER',
      [toEbcdicPadded('ONE', 80), toEbcdicPadded('TWO', 80), toEbcdicPadded('THREE', 80)],
      'MY',
      'DECK',
    );
    routine = (g: Guest): void => {
      const st = g.storage;
      g.gpr[2] = PLIST;
      g.gpr[4] = 0x04; // READ with no open file: CC 2
      out.push(g.diagnose(0x14, 2, 4));
      st.writeU32(PLIST, 0);
      g.gpr[4] = 0x00;
      out.push(g.diagnose(0x14, 2, 4));
      out.push([
        st.readU32(PLIST),
        fromEbcdic(st.bytes.subarray(PLIST + 4, PLIST + 16)),
        st.readU32(PLIST + 16),
        fromEbcdic(st.bytes.subarray(PLIST + 20, PLIST + 36)),
      ]);
      // A buffer for one record and a half: one record per READ.
      st.writeU32(PLIST + 48, 0x3000);
      st.writeU32(PLIST + 52, 130);
      st.writeU32(PLIST + 56, 10);
      g.gpr[4] = 0x04;
      out.push(g.diagnose(0x14, 2, 4), st.readU32(PLIST + 60), st.readU8(0x3000), st.readU16(0x3002));
      out.push(fromEbcdic(st.bytes.subarray(0x3004, 0x3007)));
      st.writeU32(PLIST + 52, 400);
      out.push(g.diagnose(0x14, 2, 4), st.readU32(PLIST + 60));
      out.push(g.diagnose(0x14, 2, 4)); // end of file: CC 1
      st.writeU32(PLIST + 52, 0x7fffffff); // a wild length: addressing exception
      out.push(g.diagnose(0x14, 2, 4));
      st.writeU32(PLIST, 0);
      g.gpr[4] = 0x08;
      out.push(g.diagnose(0x14, 2, 4), g.diagnose(0x14, 2, 4));
      g.gpr[4] = 0x00;
      st.writeU32(PLIST, 0);
      out.push(g.diagnose(0x14, 2, 4)); // reader empty: CC 2
      g.gpr[2] = 0xfffffff0; // PLIST outside storage
      out.push(g.diagnose(0x14, 2, 4));
    };
    await run('OWNER', routine, h);
    expect(out).toEqual([
      2, // READ before SELECT: no open file
      0,
      [1, 'SYSTEM  ARDR', 3, 'MY      DECK    '],
      0, // one record fits in 130 bytes: X'01', length 80, 'ONE'
      1,
      0x01,
      80,
      'ONE',
      0, // the other two
      2,
      1, // end of file
      undefined, // a buffer length past the end of storage: addressing exception
      0, // CLOSE purges
      2, // nothing open any more
      2, // the reader is empty
      undefined, // a PLIST outside storage
    ]);
    expect(h.cp.spooler.store.size).toBe(0);
  });
});
