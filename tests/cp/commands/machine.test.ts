import { describe, expect, it } from 'vitest';
import { CONSOLE_PROGRAM, LOOP_PROGRAM, ORIGIN, TIMER_PROGRAM, programDeck } from '../guest-programs.js';
import { session } from './helpers.js';

describe('DISPLAY and STORE', () => {
  it('STORE words into storage; DISPLAY shows them in hex, with T the EBCDIC text', async () => {
    const { run } = await session();
    expect(run('STORE 1000 C8C5D3D3 D6404040 0000FFFF')).toEqual(['STORE COMPLETE']);
    expect(run('DISPLAY 1000.C')).toEqual(['001000  C8C5D3D3 D6404040 0000FFFF         ']);
    expect(run('D T1000.10')).toEqual(['001000  C8C5D3D3 D6404040 0000FFFF 00000000  *HELLO   ........*']);
  });

  it('registers: STORE G and DISPLAY G, X, Y; PSW', async () => {
    const { run } = await session();
    run('STORE G2 12345678 9ABCDEF0');
    expect(run('D G2-3')).toEqual(['GPR  0 =                   12345678 9ABCDEF0']);
    expect(run('D G')).toHaveLength(4);
    expect(run('D X0')).toEqual(['CR   0 = 000000E0']);
    expect(run('D Y0')).toEqual(['FPR 0 = 00000000 00000000']);
    run('STORE PSW 00020000 00001234');
    expect(run('D PSW')).toEqual(['PSW = 00020000 00001234']);
    expect(run('D G16')).toEqual(['DMKCFC006E INVALID REGISTER - G16']);
  });

  it('DISPLAY I disassembles the program', async () => {
    const { h, t, run } = await session();
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C STOP');
    expect(run(`D I${ORIGIN.toString(16)}.8`)).toEqual([
      '002000  05C0          BALR  12,0',
      '002002  D2070078C056  MVC   120(8),86(12)',
    ]);
  });

  it('addresses outside storage and bad operands', async () => {
    const { run } = await session();
    expect(run('D 200000')).toEqual(['DMKCDS160E HEXLOC 200000 EXCEEDS STORAGE']);
    expect(run('D ZZZ')).toEqual(['DMKCFC004E INVALID HEXLOC - ZZZ']);
    expect(run('STORE 1002 00000000')).toEqual(['DMKCFC004E INVALID HEXLOC - 1002']);
    expect(run('STORE FFFFC 1 2')).toEqual(['DMKCDS160E HEXLOC 0FFFFC EXCEEDS STORAGE']);
    expect(run('DISPLAY')).toEqual(['DMKCFC026E OPERAND MISSING OR INVALID']);
  });
});

describe('TRACE and ADSTOP', () => {
  it('TRACE I/O RUN shows each SIO without stopping; TRACE END ends it', async () => {
    const { h, t, run } = await session();
    run('TRACE I/O RUN');
    expect(run('Q TRACE')).toEqual(['TRACE I/O RUN']);
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    expect(t.lines().slice(-3)).toEqual([
      'I/O  002010 SIO   9 DEV 009',
      'HELLO FROM THE GUEST',
      'I/O  002026 SIO   9 DEV 009',
    ]);
    t.enter('#CP TRACE END');
    expect(run('#CP Q TRACE')).toEqual(['NO TRACE ACTIVE']);
  });

  it('TRACE BRANCH (NORUN) stops after each branch; BEGIN goes on to the next', async () => {
    const { h, t, run } = await session();
    run('TRACE BR');
    h.user('USER1').vm.loadReader(programDeck(LOOP_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    expect(t.lines().at(-1)).toBe('BR   002006 BC    15,0(,12) ==> 002002');
    expect(t.status).toBe('CP READ');
    t.enter('BEGIN');
    await h.settle();
    expect(t.lines().at(-1)).toBe('BR   002006 BC    15,0(,12) ==> 002002');
    expect(h.user('USER1').vm.cpu.gpr[1]).toBe(2);
  });

  it('ADSTOP stops the machine when the instruction is reached, once', async () => {
    const { h, t, run } = await session();
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C STOP');
    expect(run('ADSTOP 2010')).toEqual([]);
    t.enter('BEGIN');
    await h.settle();
    expect(t.lines().at(-1)).toBe('ADSTOP AT 002010');
    expect(t.status).toBe('CP READ');
    expect(h.user('USER1').tracer.adstop).toBe(null);
    expect(run('ADSTOP 2013')).toEqual(['DMKCFC004E INVALID HEXLOC - 2013']);
  });

  it('TRACE with a bad operand', async () => {
    const { run } = await session();
    expect(run('TRACE SOMETHING')).toEqual(['DMKCFC002E INVALID OPERAND - SOMETHING']);
  });
});

describe('INDICATE, SYSTEM, BEGIN', () => {
  it('INDICATE LOAD shows the queues', async () => {
    const { run } = await session();
    expect(run('INDICATE')[0]).toMatch(/^CPU-\d{3}% APU-000% Q1-00 Q2-00 STORAGE-\d{3}% RATIO-1\.0$/);
    expect(run('IND USER')[0]).toBe('USERID=USER1    MACH=370 STOR=01024K Q1');
  });

  it('SYSTEM CLEAR zeroes storage; BEGIN with nothing IPLed is refused', async () => {
    const { h, run } = await session();
    run('STORE 1000 FFFFFFFF');
    expect(run('SYSTEM CLEAR')).toEqual(['STORAGE CLEARED - SYSTEM RESET']);
    expect(h.user('USER1').vm.cpu.storage.readU32(0x1000)).toBe(0);
    expect(run('BEGIN')).toEqual(['DMKDSP450W CP ENTERED; VIRTUAL MACHINE NOT IN RUNNABLE STATE']);
    expect(run('SYSTEM')).toEqual(['DMKCFC002E INVALID OPERAND - ']);
  });
});

describe('the command table', () => {
  it('unknown commands, abbreviations too short, and commands above the user’s class are ?CP', async () => {
    const { run } = await session();
    expect(run('FROBNICATE')).toEqual(['DMKCFC001E ?CP: FROBNICATE']);
    expect(run('QUE TIME')).toHaveLength(2);
    expect(run('TER MODE VM')).toEqual(['DMKCFC001E ?CP: TER']);
    expect(run('ACNT ALL')).toEqual(['DMKCFC001E ?CP: ACNT']);
    expect(run('CP QUERY STORAGE')).toEqual(['STORAGE = 01024K']);
  });

  it('ACNT (class A) gives each user the accounting line and resets the counters', async () => {
    const { h, run } = await session('OPERATOR');
    const t2 = h.connect();
    await t2.logon('USER2', 'USER2');
    h.clock.advance(60_000);
    run('ACNT ALL');
    expect(t2.lines().at(-1)).toBe('CONNECT= 00:01:00 VIRTCPU= 000:00.00 TOTCPU= 000:00.00');
    expect(h.accounting.map((r) => r.userid).sort()).toEqual(['OPERATOR', 'USER2']);
    expect(run('ACNT NOBODY')).toEqual(['DMKCQG045E NOBODY NOT LOGGED ON']);
  });
});

describe('EXTERNAL', () => {
  it('EXTERNAL presents the interrupt key: the waiting guest takes external interruption X’0040’ at once', async () => {
    const { h, t } = await session();
    h.user('USER1').vm.loadReader(programDeck(TIMER_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    t.enter('#CP EXTERNAL');
    await h.settle();
    expect(t.lines().at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 00000CCC'");
    // The BC-mode external old PSW at X'18' carries the code X'0040'.
    expect(h.user('USER1').vm.cpu.storage.readU32(0x18) & 0xffff).toBe(0x0040);
  });
});

describe('TRACE I/O without RUN', () => {
  it('stops the machine after each SIO; BEGIN goes on to the next', async () => {
    const { h, t, run } = await session();
    run('TRACE I/O');
    h.user('USER1').vm.loadReader(programDeck(CONSOLE_PROGRAM));
    t.enter('IPL 00C');
    await h.settle();
    // The SIO was carried out (the line is written) and the machine stopped right after it.
    expect(t.lines().slice(-2)).toEqual(['I/O  002010 SIO   9 DEV 009', 'HELLO FROM THE GUEST']);
    expect(t.status).toBe('CP READ');
    expect(h.user('USER1').vm.cpu.psw.address).toBe(0x2014);
    t.enter('BEGIN');
    await h.settle();
    expect(t.lines().at(-1)).toBe('I/O  002026 SIO   9 DEV 009');
  });
});
