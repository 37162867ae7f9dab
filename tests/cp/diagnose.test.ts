// DIAGNOSE as docs/diagnose.md defines it, issued by a guest: by a native
// routine through the Guest interface (as CMS does), and by machine code.

import { describe, expect, it } from 'vitest';
import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import { storeNativeCall, type Guest, type NamedSystem } from '../../s390/guest.js';
import { CpHarness } from '../../cp/harness.js';
import { programDeck } from './guest-programs.js';

/** A named system whose IPL runs `routine` once as a native routine at X'1000', then a disabled wait at X'0DD'. */
function miniSystem(routine: (guest: Guest) => void): NamedSystem {
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

async function runMini(routine: (guest: Guest) => void, userid = 'USER1') {
  const h = new CpHarness({ namedSystems: [miniSystem(routine)] });
  const t = h.connect();
  await t.logon(userid, userid);
  t.enter('IPL MINI');
  await h.settle();
  return { h, t };
}

const text = (g: Guest, at: number, length: number): string => fromEbcdic(g.storage.bytes.subarray(at, at + length));

describe('DIAGNOSE through the Guest interface', () => {
  it("X'00' stores the extended identification: system name, version code X'FF', userid", async () => {
    let cc: number | undefined;
    let id = '';
    let stored = 0;
    let versionCode = 0;
    await runMini((g) => {
      g.gpr[2] = 0x2000;
      g.gpr[3] = 40;
      cc = g.diagnose(0x00, 2, 3);
      id = `${text(g, 0x2000, 8)}|${text(g, 0x2010, 8)}`;
      versionCode = g.storage.bytes[0x200b];
      stored = g.gpr[3];
    });
    expect([cc, id, versionCode, stored]).toEqual([0, 'VMCMS   |USER1   ', 0xff, 40]);
  });

  it("X'08' runs a CP command and returns the response in a buffer, lines separated by X'15'", async () => {
    const results: number[] = [];
    let response = '';
    await runMini((g) => {
      g.storage.bytes.set(toEbcdic('QUERY STORAGE'), 0x2000);
      g.gpr[2] = 0x2000;
      g.gpr[3] = 0x3000; // Rx+1: buffer
      g.gpr[4] = 0x40000000 | 13; // Ry: flag X'40', length 13
      g.gpr[5] = 100; // Ry+1: buffer length
      results.push(g.diagnose(0x08, 2, 4)!, g.gpr[4], g.gpr[5]);
      response = text(g, 0x3000, g.gpr[5]);
      // A command CP does not know: return code 1 (DMKCFC001E).
      g.storage.bytes.set(toEbcdic('NONSENSE'), 0x2000);
      g.gpr[4] = 0x40000000 | 8;
      g.gpr[5] = 100;
      results.push(g.diagnose(0x08, 2, 4)!, g.gpr[4]);
      // Two commands in one, and a buffer too small: CC 1 with the bytes that did not fit.
      g.storage.bytes.set([...toEbcdic('Q STOR'), 0x15, ...toEbcdic('Q STOR')], 0x2000);
      g.gpr[4] = 0x40000000 | 13;
      g.gpr[5] = 20;
      results.push(g.diagnose(0x08, 2, 4)!, g.gpr[5]);
    });
    expect(response).toBe('STORAGE = 01024K');
    expect(results).toEqual([0, 0, 16, 0, 1, 1, 33 - 20]);
  });

  it("X'08' without a buffer writes the response on the console; length 0 enters CP READ", async () => {
    const { t } = await runMini((g) => {
      g.storage.bytes.set(toEbcdic('QUERY USERS'), 0x2000);
      g.gpr[2] = 0x2000;
      g.gpr[4] = 11;
      g.diagnose(0x08, 2, 4);
    });
    expect(t.lines()).toContain('001 USERS, 000 DSC');
  });

  it("X'0C' gives date, time and CPU times; X'60' the storage size; X'64' no shared segments", async () => {
    const out: (string | number | undefined)[] = [];
    await runMini((g) => {
      g.gpr[2] = 0x2000;
      out.push(g.diagnose(0x0c, 2, 0), text(g, 0x2000, 16));
      g.gpr[2] = 0x2004;
      out.push(g.diagnose(0x0c, 2, 0)); // not doubleword aligned
      out.push(g.diagnose(0x60, 3, 0), g.gpr[3]);
      g.gpr[5] = 0x0c;
      out.push(g.diagnose(0x64, 4, 5));
      g.gpr[5] = 0x00;
      out.push(g.diagnose(0x64, 4, 5), g.gpr[5]);
    });
    expect(out).toEqual([0, '05/17/8209:30:00', undefined, 0, 1024 * 1024, 1, 2, 44]);
  });

  it("X'24' describes the console (-1), the reader, and nothing at an unused address", async () => {
    const out: number[] = [];
    await runMini((g) => {
      g.gpr[2] = 0xffffffff;
      out.push(g.diagnose(0x24, 2, 4)!, g.gpr[2], g.gpr[4] >>> 16);
      g.gpr[2] = 0x00c;
      out.push(g.diagnose(0x24, 2, 4)!, g.gpr[4] >>> 16);
      g.gpr[2] = 0x123;
      out.push(g.diagnose(0x24, 2, 4)!);
    });
    expect(out).toEqual([0, 0x009, 0x8004, 0, 0x2020, 3]);
  });

  it("X'5C' edits an error message per SET EMSG", async () => {
    const out: number[] = [];
    const h = new CpHarness({
      namedSystems: [
        miniSystem((g) => {
          g.storage.bytes.set(toEbcdic('DMSABC123E FILE NOT FOUND'), 0x2000);
          g.gpr[2] = 0x2000;
          g.gpr[3] = 25;
          g.diagnose(0x5c, 2, 3);
          out.push(g.gpr[2], g.gpr[3]);
        }),
      ],
    });
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    for (const setting of ['ON', 'TEXT', 'CODE', 'OFF']) {
      t.enter(`SET EMSG ${setting}`);
      t.enter('IPL MINI');
      await h.settle();
    }
    expect(out).toEqual([0x2000, 25, 0x200b, 14, 0x2000, 10, 0x2000, 0]);
  });

  it("X'08' DEFINE STORAGE from the guest resets the machine under it; CP stays in charge", async () => {
    const { h, t } = await runMini((g) => {
      g.storage.bytes.set(toEbcdic('DEFINE STORAGE 2M'), 0x2000);
      g.gpr[2] = 0x2000;
      g.gpr[4] = 17;
      g.diagnose(0x08, 2, 4);
    });
    expect(t.lines().at(-1)).toBe('STORAGE = 02048K');
    expect(h.user('USER1').vm.storageSize).toBe(2 * 1024 * 1024);
    expect(t.status).toBe('CP READ');
  });

  it('a code CP does not have is a specification exception (undefined through the Guest interface)', async () => {
    let cc: number | undefined = 0;
    await runMini((g) => {
      cc = g.diagnose(0x9c, 0, 0);
    });
    expect(cc).toBeUndefined();
  });

  it('a native routine that calls again() runs again at the next dispatch; others run in between', async () => {
    let calls = 0;
    const h = new CpHarness({
      namedSystems: [
        {
          name: 'SLICED',
          ipl(guest) {
            const code = guest.registerNative((g) => {
              calls++;
              if (calls < 5) g.again();
              else g.loadPsw(0x00020000, 0x0dd);
            });
            storeNativeCall(guest.storage, 0x1000, code);
            guest.loadPsw(0, 0x1000);
          },
        },
      ],
    });
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    t.enter('IPL SLICED');
    const slices = h.cp.dispatcher.slices;
    await h.settle();
    expect(calls).toBe(5);
    expect(h.cp.dispatcher.slices - slices).toBeGreaterThanOrEqual(5);
    expect(t.lines().at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 000000DD'");
  });

  it('startIo through the Guest interface writes the console', async () => {
    const { t } = await runMini((g) => {
      g.storage.bytes.set(toEbcdic('NATIVE HELLO'), 0x2100);
      g.storage.writeU32(0x2000, 0x09002100);
      g.storage.writeU32(0x2004, 0x2000000c);
      g.storage.writeU32(0x48, 0x2000);
      expect(g.startIo(0x009)).toBe(0);
      expect(g.testIo(0x009)).toBe(1);
      expect(g.startIo(0x0ff)).toBe(3);
    });
    expect(t.lines()).toContain('NATIVE HELLO');
  });
});

describe('DIAGNOSE from machine code', () => {
  it.each([['ON'], ['OFF']])(
    "X'08' with SET ASSIST %s: the command's response on the console, counted",
    async (assist) => {
      const h = new CpHarness();
      const t = h.connect();
      await t.logon('USER1', 'USER1');
      t.enter(`SET ASSIST ${assist}`);
      h.user('USER1').vm.loadReader(
        programDeck(`
D8       CSECT
         BALR  12,0
         USING *,12
         LA    2,CMD
         LA    4,L'CMD
         DIAG  2,4,X'008'
         ST    4,RC
         LPSW  ENDPSW
         DS    0D
ENDPSW   DC    X'00020000',A(X'0D8')
RC       DC    F'-1'
CMD      DC    C'QUERY STORAGE'
         END
`),
      );
      t.enter('IPL 00C');
      await h.settle();
      expect(t.lines().slice(-2)).toEqual([
        'STORAGE = 01024K',
        "DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 000000D8'",
      ]);
      expect(h.user('USER1').vm.counters.simulated.get('DIAG')).toBe(1);
    },
  );

  it('DIAGNOSE in problem state is a privileged-operation exception', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    h.user('USER1').vm.loadReader(
      programDeck(`
DP       CSECT
         BALR  12,0
         USING *,12
         MVC   104(8,0),PGMNEW
         LPSW  PROB
GO       DIAG  0,0,X'060'
         DS    0D
PGMNEW   DC    X'00020000',A(X'0E2')
PROB     DC    X'00010000',A(GO)
         END
`),
    );
    t.enter('IPL 00C');
    await h.settle();
    expect(t.lines().at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 000000E2'");
    expect(h.user('USER1').vm.cpu.storage.readU32(0x28) & 0xffff).toBe(2);
  });
});
