// SET EXPLAIN ON|OFF (cp/explain.ts, a vmcms teaching extension): CP's
// notes on the console for SIO, SSM, LPSW and DIAGNOSE, with SET ASSIST
// OFF (a trap) and ON (the assist), the rate limit, and QUERY SET.

import { describe, expect, it } from 'vitest';
import { CpHarness, type TerminalDriver } from '../../cp/harness.js';
import { NOTES_PER_SECOND } from '../../cp/explain.js';
import { programDeck } from './guest-programs.js';

/**
 * Prints one line of two records (2 CCWs, chained by command) on the
 * virtual printer 00E, issues SSM X'00' and a DIAGNOSE X'08' with the CP
 * command QUERY TIME, then loads a disabled wait PSW.
 */
const TEACHING_PROGRAM = `
TEACH    CSECT
         BALR  12,0
         USING *,12
         LA    1,CCWS
         ST    1,72(0,0)
         SIO   X'00E'(0)
         SSM   ZERO
         LA    4,CMD
         LA    5,CMDLEN
         DIAG  4,5,X'0008'
         LPSW  WAITPSW
         DS    0D
WAITPSW  DC    X'00020000',X'000000AA'
CCWS     DC    X'09',AL3(LINE1),X'60',X'00',H'8'
         DC    X'09',AL3(LINE2),X'20',X'00',H'8'
LINE1    DC    CL8'TEACHING'
LINE2    DC    CL8'MACHINE '
CMD      DC    C'QUERY TIME'
CMDLEN   EQU   *-CMD
ZERO     DC    X'00'
`;

/** A program that issues SSM in a loop of 200, to show the rate limit. */
const SSM_LOOP = `
LOOP     CSECT
         BALR  12,0
         USING *,12
         LA    3,200
AGAIN    SSM   ZERO
         BCT   3,AGAIN
         LPSW  WAITPSW
         DS    0D
WAITPSW  DC    X'00020000',X'000000BB'
ZERO     DC    X'00'
`;

async function ipl(h: CpHarness, t: TerminalDriver, source: string): Promise<string[]> {
  h.user('USER1').vm.loadReader(programDeck(source));
  const before = t.transcript.length;
  t.enter('IPL 00C');
  await h.settle();
  return t.transcript.slice(before).filter((l) => l.startsWith('EXPLAIN:'));
}

async function loggedOn(): Promise<{ h: CpHarness; t: TerminalDriver }> {
  const h = new CpHarness();
  const t = h.connect();
  await t.logon('USER1', 'USER1');
  return { h, t };
}

describe('SET EXPLAIN', () => {
  it('with ASSIST OFF explains each trap: SIO to the printer with its CCW count, SSM, DIAGNOSE X’08’ and LPSW', async () => {
    const { h, t } = await loggedOn();
    t.enter('SET ASSIST OFF');
    t.enter('SET EXPLAIN ON');
    const notes = await ipl(h, t, TEACHING_PROGRAM);
    expect(notes).toEqual([
      // SIO is an I/O instruction: a trap whether ASSIST is on or off. The IPL's own read is CP's, not the guest's.
      'EXPLAIN: CP simulated SIO 00E (trap, SET ASSIST OFF): 2 CCWs (WRITE, WRITE) to the virtual printer; cc 0',
      "EXPLAIN: CP simulated SSM (trap, SET ASSIST OFF): system mask X'00'",
      'EXPLAIN: CP simulated DIAGNOSE X\'08\': CP command "QUERY TIME"',
      'EXPLAIN: CP simulated LPSW (trap, SET ASSIST OFF): new PSW 00020000 000000AA, a wait state',
    ]);
    // The DIAGNOSE's own output (the CP command's response) came before its note.
    const time = t.transcript.findIndex((l) => l.startsWith('TIME IS '));
    const diag = t.transcript.findIndex((l) => l.includes("DIAGNOSE X'08'"));
    expect(time).toBeGreaterThan(0);
    expect(diag).toBeGreaterThan(time);
  });

  it('with ASSIST ON, SSM runs in the assist and the note says there was no trap; SIO is still simulated by CP', async () => {
    const { h, t } = await loggedOn();
    t.enter('SET EXPLAIN ON');
    const notes = await ipl(h, t, TEACHING_PROGRAM);
    expect(notes[0]).toBe('EXPLAIN: CP simulated SIO 00E: 2 CCWs (WRITE, WRITE) to the virtual printer; cc 0');
    expect(notes[1]).toBe("EXPLAIN: SSM ran in the assist, no trap to CP: system mask X'00'");
    expect(notes[2]).toBe('EXPLAIN: CP simulated DIAGNOSE X\'08\': CP command "QUERY TIME"');
    // A wait entered through LPSW is CP's business even under the assist (cp/intercept.ts).
    expect(notes[3]).toBe('EXPLAIN: CP simulated LPSW (a full trap): new PSW 00020000 000000AA, a wait state');
    expect(notes).toHaveLength(4);
  });

  it('is rate-limited: a loop of 200 SSMs gives a few notes and one line saying the rest are counted', async () => {
    const { h, t } = await loggedOn();
    t.enter('SET ASSIST OFF');
    t.enter('SET EXPLAIN ON');
    const notes = await ipl(h, t, SSM_LOOP);
    const ssm = notes.filter((l) => l.includes('SSM'));
    expect(ssm).toHaveLength(NOTES_PER_SECOND);
    expect(notes).toContain(
      `EXPLAIN: more than ${NOTES_PER_SECOND} intercepts this second; the rest are counted, not shown (QUERY ASSIST)`,
    );
    expect(h.user('USER1').vm.counters.simulated.get('SSM')).toBe(200);
    // A second later the notes start again.
    h.clock.advance(1000);
    const again = await ipl(h, t, SSM_LOOP);
    expect(again.filter((l) => l.includes('SSM'))).toHaveLength(NOTES_PER_SECOND);
  });

  it('SET EXPLAIN OFF stops the notes; QUERY SET shows EXPLAIN, marked as vmcms’s, only while it is on', async () => {
    const { h, t } = await loggedOn();
    t.enter('SET EXPLAIN ON');
    t.enter('QUERY SET');
    expect(t.lines().at(-1)).toBe('EXPLAIN ON  (vmcms teaching extension)');
    t.enter('SET EXPLAIN OFF');
    t.enter('QUERY SET');
    expect(t.lines().at(-1)).toMatch(/^IMSG ON , SMSG OFF, LINEDIT ON , ASSIST ON$/);
    expect(await ipl(h, t, TEACHING_PROGRAM)).toEqual([]);
    t.enter('SET EXPLAIN MAYBE');
    expect(t.lines().at(-1)).toBe('DMKCFC002E INVALID OPERAND - MAYBE');
  });
});
