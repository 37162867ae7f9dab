// DIAGNOSE X'58' as docs/diagnose.md gives it, issued by a guest through
// the Guest interface: the query, a write that puts the console in full
// screen, a read before and after a key, and the operations it refuses.

import { describe, expect, it } from 'vitest';
import { storeNativeCall, type Guest, type NamedSystem } from '../../s390/guest.js';
import { CpHarness } from '../../cp/harness.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { Aid } from '../../terminal/codes.js';

/**
 * A named system whose IPL runs `routine` once as a native routine, then
 * waits enabled for I/O (the I/O new PSW at X'78' is the same wait, so the
 * attention a key press brings is taken and the machine waits again) — a
 * disabled wait would make CP write a line, which ends full screen.
 */
function miniSystem(routine: (guest: Guest) => void): NamedSystem {
  return {
    name: 'MINI',
    ipl(guest) {
      guest.storage.writeU32(0x78, 0xff020000);
      guest.storage.writeU32(0x7c, 0x0dd);
      const code = guest.registerNative((g) => {
        routine(g);
        g.loadPsw(0xff020000, 0x0dd);
      });
      storeNativeCall(guest.storage, 0x1000, code);
      guest.loadPsw(0, 0x1000);
    },
  };
}

/** Put a CCW at X'2000': op, data address, byte 5 (the 3270 command), count. */
function ccw(g: Guest, op: number, data: number, command: number, count: number): void {
  g.storage.writeU32(0x2000, ((op << 24) | data) >>> 0);
  g.storage.writeU32(0x2004, ((command << 16) | count) >>> 0);
}

function diag58(g: Guest, console = 0x009): number | undefined {
  g.gpr[2] = 0x2000;
  g.gpr[4] = console;
  return g.diagnose(0x58, 2, 4);
}

async function run(routine: (guest: Guest) => void) {
  const h = new CpHarness({ namedSystems: [miniSystem(routine)] });
  const t = h.connect();
  await t.logon('USER1', 'USER1');
  t.enter('IPL MINI');
  await h.settle();
  return { h, t };
}

describe("DIAGNOSE X'58'", () => {
  it('query stores the default and alternate sizes of the model', async () => {
    let cc: number | undefined;
    let sizes: number[] = [];
    await run((g) => {
      ccw(g, 0x2b, 0x3000, 0, 4);
      cc = diag58(g);
      sizes = [...g.storage.bytes.subarray(0x3000, 0x3004)];
    });
    expect(cc).toBe(0);
    expect(sizes).toEqual([24, 80, 24, 80]);
  });

  it('an Erase/Write puts the data on the screen; a read with no key pressed is CC 2, then CC 0 with the AID record', async () => {
    const results: (number | undefined)[] = [];
    let guest: Guest | null = null;
    const { t, h } = await run((g) => {
      guest = g;
      // WCC (keyboard restore), SBA row 1 col 1, text; an unprotected field at row 3 cols 1-9, ended by a protected one.
      const data = Uint8Array.from([
        0xc3,
        0x11,
        0xc1,
        0xd1,
        ...toEbcdic('FULL SCREEN'),
        0x11,
        0xc3,
        0xf0,
        0x1d,
        0x40,
        0x11,
        0xc3,
        0x7a,
        0x1d,
        0x60,
      ]);
      g.storage.bytes.set(data, 0x3000);
      ccw(g, 0x29, 0x3000, 0xf5, data.length);
      results.push(diag58(g));
      ccw(g, 0x2a, 0x4000, 0, 256);
      results.push(diag58(g));
    });
    expect(results).toEqual([0, 2]);
    expect(t.rows()[1]).toContain('FULL SCREEN');
    expect(h.user('USER1').fullScreen.active).toBe(true);
    t.session.key((s) => {
      s.cursor = 3 * 80 + 1;
    });
    t.session.type(toEbcdic('HI'));
    t.session.pressAid(Aid.enter);
    await h.settle();
    const g = guest as unknown as Guest;
    ccw(g, 0x2a, 0x4000, 0, 256);
    expect(diag58(g)).toBe(0);
    const n = g.gpr[4];
    const record = [...g.storage.bytes.subarray(0x4000, 0x4000 + n)];
    expect(record[0]).toBe(Aid.enter);
    expect(record.slice(3)).toEqual([0x11, 0xc3, 0xf1, ...toEbcdic('HI')]);
  });

  it('a line from CP while full screen ends the next write with unit status X8E (CC 1), once', async () => {
    let guest: Guest | null = null;
    const { h } = await run((g) => {
      guest = g;
      g.storage.bytes.set(Uint8Array.from([0xc3]), 0x3000);
      ccw(g, 0x29, 0x3000, 0xf5, 1);
      diag58(g);
    });
    const user = h.user('USER1');
    user.say('A MESSAGE');
    expect(user.fullScreen.active).toBe(false);
    const g = guest as unknown as Guest;
    ccw(g, 0x29, 0x3000, 0xf5, 1);
    expect(diag58(g)).toBe(1);
    expect(g.storage.readU8(0x44)).toBe(0x8e);
    expect(diag58(g)).toBe(0);
  });

  it('refuses another device (CC 3), an unknown op or 3270 command (specification), a CCW outside storage (addressing)', async () => {
    const outcomes: (number | undefined)[] = [];
    const { h } = await run((g) => {
      ccw(g, 0x2b, 0x3000, 0, 4);
      outcomes.push(diag58(g, 0x00c));
    });
    expect(outcomes).toEqual([3]);
    const user = h.user('USER1');
    const cpu = user.vm.cpu;
    const { display3270 } = await import('../../cp/diagnose/display.js');
    cpu.gpr[2] = 0x2000;
    cpu.gpr[4] = 0x009;
    cpu.storage.writeU32(0x2000, (0x77 << 24) | 0x3000);
    cpu.storage.writeU32(0x2004, 4);
    expect(display3270({ cpu, rx: 2, ry: 4, host: user })).toEqual({ programCheck: 6 });
    cpu.storage.writeU32(0x2000, (0x29 << 24) | 0x3000);
    cpu.storage.writeU32(0x2004, (0x12 << 16) | 4);
    expect(display3270({ cpu, rx: 2, ry: 4, host: user })).toEqual({ programCheck: 6 });
    cpu.gpr[2] = 0x7ffffff8;
    expect(display3270({ cpu, rx: 2, ry: 4, host: user })).toEqual({ programCheck: 5 });
  });
});
