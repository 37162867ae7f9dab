// Virtual machines with real guest programs IPL'd from a card deck in the
// virtual reader: console I/O with SIO, a machine that loops while others
// answer, a privileged instruction in problem state reflected through the
// guest's program new PSW, an enabled wait for the clock comparator in
// virtual time, channel programs that loop or point outside storage, and the
// privileged-instruction counts of SET ASSIST.

import { describe, expect, it } from 'vitest';
import { CpHarness, type TerminalDriver } from '../../cp/harness.js';
import {
  CONSOLE_PROGRAM,
  LOOP_PROGRAM,
  PRIVILEGED_PROGRAM,
  SSM_PROGRAM,
  TIC_LOOP_PROGRAM,
  TIMER_PROGRAM,
  WILD_CCW_PROGRAM,
  programDeck,
} from './guest-programs.js';

async function iplProgram(h: CpHarness, userid: string, source: string, settleTurns?: number): Promise<TerminalDriver> {
  const t = h.connect();
  await t.logon(userid, userid);
  h.user(userid).vm.loadReader(programDeck(source));
  t.enter('IPL 00C');
  await h.settle(settleTurns);
  return t;
}

describe('device IPL from the virtual reader', () => {
  it('the guest writes its console with SIO, reads a line at VM READ and ends in a disabled wait', async () => {
    const h = new CpHarness();
    const t = await iplProgram(h, 'USER1', CONSOLE_PROGRAM);
    expect(t.lines().slice(-2)).toEqual(['IPL 00C', 'HELLO FROM THE GUEST']);
    expect(t.status).toBe('VM READ');
    t.enter('Hello, machine');
    await h.settle();
    expect(t.lines().slice(-3)).toEqual([
      'Hello, machine',
      'YOU SAID Hello, machine',
      "DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 00000EED'",
    ]);
    expect(t.status).toBe('CP READ');
    // The IPL stored the device address in bytes 2-3.
    expect(h.user('USER1').vm.cpu.storage.readU16(2)).toBe(0x00c);
    expect(h.user('USER1').vm.counters.startIo).toBe(3);
  });

  it('IPL of a device that does not exist, of an empty reader, and of an unknown system', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    t.enter('IPL 0FF');
    expect(t.lines().at(-1)).toBe('DMKCFC040E DEV 0FF DOES NOT EXIST');
    t.enter('IPL 00C');
    expect(t.lines().at(-1)).toMatch(/^DMKCFG050E IPL FAILED; CSW [0-9A-F]{8} [0-9A-F]{8}$/);
    t.enter('IPL NOSUCH');
    expect(t.lines().at(-1)).toBe('DMKCFG044E SYSTEM NOSUCH DOES NOT EXIST');
    expect(t.status).toBe('CP READ');
  });

  it('IPL ... STOP stops before the IPL PSW is loaded; BEGIN starts the program', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C STOP');
    expect(t.status).toBe('CP READ');
    t.enter('BEGIN');
    await h.settle();
    expect(t.shows('HELLO FROM THE GUEST')).toBe(true);
  });

  it('IPL ... PARM puts the text into the registers from the high byte of R0', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C STOP PARM ABCDE');
    const gpr = h.user('USER1').vm.cpu.gpr;
    expect([gpr[0], gpr[1] >>> 24]).toEqual([0xc1c2c3c4, 0xc5]);
  });
});

describe('the guest cannot stall CP or the others', () => {
  it('a machine looping for ever is sliced: another user’s commands answer, and it stays in Q2', async () => {
    const h = new CpHarness();
    const other = h.connect();
    await other.logon('USER2', 'USER2');
    const looper = await iplProgram(h, 'USER1', LOOP_PROGRAM, 20);
    other.enter('QUERY NAMES');
    expect(other.lines().at(-1)).toBe('USER1    - 0C2 , USER2    - 0C1');
    const user = h.user('USER1');
    const before = user.vm.cpu.gpr[1];
    await h.settle(30);
    expect(user.vm.cpu.gpr[1]).not.toBe(before);
    expect(looper.status).toBe('RUNNING');
    expect(user.queue).toBe(2);
    expect(h.cp.dispatcher.queueCounts().q2).toBe(1);
  });

  it('a privileged instruction in problem state is reflected: program check code 2 through the guest’s new PSW', async () => {
    const h = new CpHarness();
    const t = await iplProgram(h, 'USER1', PRIVILEGED_PROGRAM);
    expect(t.lines().at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 00000BAD'");
    const storage = h.user('USER1').vm.cpu.storage;
    // BC-mode program old PSW at X'28': problem state, interruption code 0002, ILC 2.
    expect(storage.readU32(0x28)).toBe(0x00010002);
    expect(storage.readU32(0x2c) >>> 30).toBe(2);
    expect(h.user('USER1').vm.counters.trapCount).toBe(0);
  });

  it('a machine waiting enabled for its clock comparator costs nothing and wakes in CP’s time', async () => {
    const h = new CpHarness();
    const t = await iplProgram(h, 'USER1', TIMER_PROGRAM);
    const user = h.user('USER1');
    expect(user.vm.cpu.psw.wait).toBe(true);
    expect(h.cp.dispatcher.queueCounts()).toEqual({ q1: 0, q2: 0 });
    const slices = h.cp.dispatcher.slices;
    await h.advance(5_000);
    expect(h.cp.dispatcher.slices).toBe(slices);
    expect(t.status).toBe('RUNNING');
    await h.advance(6_000);
    expect(t.lines().at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 00000CCC'");
  });

  it('a channel program that loops (NOP, TIC back) takes channel time in slices; CP answers meanwhile; SYSTEM RESET ends it', async () => {
    const h = new CpHarness();
    const other = h.connect();
    await other.logon('USER2', 'USER2');
    const t = await iplProgram(h, 'USER1', TIC_LOOP_PROGRAM, 20);
    const user = h.user('USER1');
    expect(user.vm.channel.busy).toBe(true);
    expect(user.vm.deferred.length).toBe(1);
    other.enter('QUERY USERS');
    expect(other.lines().at(-1)).toBe('002 USERS, 000 DSC');
    t.pa1();
    t.enter('SYSTEM RESET');
    expect(t.lines().at(-1)).toBe('SYSTEM RESET');
    expect(user.vm.deferred.length).toBe(0);
    await h.settle();
    expect(h.cp.dispatcher.queueCounts()).toEqual({ q1: 0, q2: 0 });
  });

  it('a CCW with a data address outside storage ends with channel program check in the CSW', async () => {
    const h = new CpHarness();
    const t = await iplProgram(h, 'USER1', WILD_CCW_PROGRAM);
    expect(t.lines().at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 000000C5'");
    // Unit status channel end + device end (X'0C'), channel status program check (X'20').
    expect(h.user('USER1').vm.cpu.storage.readU16(0x300)).toBe(0x0c20);
  });
});

describe('SET ASSIST', () => {
  it('with ASSIST OFF every privileged instruction is a trap CP simulates and counts; with ON the machine runs them', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    const user = h.user('USER1');
    t.enter('SET ASSIST OFF');
    user.vm.loadReader(programDeck(SSM_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    expect(t.lines().at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 000000AA'");
    expect(user.vm.counters.simulated.get('SSM')).toBe(1000);
    expect(user.vm.counters.simulated.get('LPSW')).toBe(1);
    t.enter('QUERY ASSIST');
    expect(t.lines().slice(-2)).toEqual([
      'ASSIST OFF: PRIVOPS SIMULATED 1001, ASSISTED 0',
      'SIMULATED: SSM 1000, LPSW 1',
    ]);
    t.enter('SET ASSIST ON');
    user.vm.loadReader(programDeck(SSM_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    expect(user.vm.counters.assisted).toBe(1000);
    expect(user.vm.counters.simulated.get('SSM')).toBe(1000);
    t.enter('INDICATE USER');
    expect(t.transcript.at(-1)).toBe('ASSIST ON  PRIVOPS SIMULATED=001002 ASSISTED=001000');
  });

  it('STIDP in a virtual machine stores version code X’FF’', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    h.user('USER1').vm.loadReader(
      programDeck(`
S        CSECT
         BALR  12,0
         USING *,12
         STIDP 512(0)
         LPSW  ENDPSW
         DS    0D
ENDPSW   DC    X'00020000',A(X'0D0')
         END
`),
    );
    t.enter('IPL 00C');
    await h.settle();
    expect(h.user('USER1').vm.cpu.storage.bytes[512]).toBe(0xff);
  });
});

describe('DEFINE STORAGE and SYSTEM', () => {
  it('DEFINE STORAGE resets the machine with the new size, up to the directory maximum', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    t.enter('DEFINE STORAGE 2M');
    expect(t.lines().at(-1)).toBe('STORAGE = 02048K');
    expect(h.user('USER1').vm.storageSize).toBe(2 * 1024 * 1024);
    t.enter('DEF STOR 8M');
    expect(t.lines().at(-1)).toBe('DMKDEF094E STORAGE EXCEEDS ALLOWED MAXIMUM');
    t.enter('DEFINE STORAGE LOTS');
    expect(t.lines().at(-1)).toBe('DMKCFC002E INVALID OPERAND - LOTS');
    t.enter('QUERY VIRTUAL');
    expect(t.lines().slice(-5)).toEqual([
      'STORAGE = 02048K',
      'CONS 009 ON GRAF 0C1',
      'RDR  00C CL * NOCONT NOHOLD EOF',
      'PUN  00D CL A NOCONT NOHOLD COPY 01',
      'PRT  00E CL A NOCONT NOHOLD COPY 01',
    ]);
  });

  it('an ESA/390 virtual machine (MACHINE 390) runs the same programs', async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('ESAUSER', 'ESAUSER');
    expect(h.user('ESAUSER').vm.arch).toBe('390');
    t.enter('INDICATE USER');
    expect(t.lines().at(-4)).toMatch(/MACH=390/);
  });
});

describe('the virtual console', () => {
  it("X'15' in written data starts a new line, as on a 3215", async () => {
    const h = new CpHarness();
    const t = h.connect();
    await t.logon('USER1', 'USER1');
    h.user('USER1').vm.loadReader(
      programDeck(`
NL       CSECT
         BALR  12,0
         USING *,12
         LA    1,CCW
         ST    1,72(0,0)
         SIO   9(0)
         LPSW  ENDPSW
         DS    0D
ENDPSW   DC    X'00020000',A(X'015')
CCW      DC    X'09',AL3(TEXT),X'20',X'00',AL2(TEXTEND-TEXT)
TEXT     DC    C'FIRST',X'15',C'SECOND'
TEXTEND  EQU   *
         END
`),
    );
    t.enter('IPL 00C');
    await h.settle();
    expect(t.lines().slice(-3, -1)).toEqual(['FIRST', 'SECOND']);
  });
});
