// Small guest programs for CP tests: assembled with our own assembler and
// punched into an IPL deck that CP reads through the virtual reader with the
// standard IPL sequence (card 1: PSW and two CCWs; card 2: the CCWs that read
// the program cards; then the program, 80 bytes a card).

import { assemble } from '../../s390/asm/index.js';
import { loadObjectDecks } from '../../s390/asm/loader.js';

export const ORIGIN = 0x2000;

/** Assemble `source` (a CSECT) and return its bytes as loaded at `origin`. */
export function assembleProgram(source: string, origin = ORIGIN): Uint8Array {
  const result = assemble(source);
  if (result.returnCode > 4) {
    throw new Error(`assembly failed:\n${result.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n')}`);
  }
  const storage = new Uint8Array(1 << 20);
  const load = loadObjectDecks(storage, [result.objectDeck], origin);
  if (load.errors.length > 0) throw new Error(load.errors.join('\n'));
  const length = load.sections.reduce((n, s) => Math.max(n, s.address + s.length), origin) - origin;
  return storage.slice(origin, origin + length);
}

function word(card: Uint8Array, at: number, value: number): void {
  card[at] = value >>> 24;
  card[at + 1] = value >>> 16;
  card[at + 2] = value >>> 8;
  card[at + 3] = value;
}

/** An IPL deck that loads `code` at `origin` and starts it with the PSW (pswW0, origin). */
export function iplDeck(code: Uint8Array, origin = ORIGIN, pswW0 = 0): Uint8Array[] {
  const programCards = Math.max(1, Math.ceil(code.length / 80));
  if (programCards > 10) throw new Error('iplDeck: program too long for one card of CCWs');
  const card1 = new Uint8Array(80);
  word(card1, 0, pswW0);
  word(card1, 4, origin);
  // CCW1: READ card 2 into X'100', chain command + SLI; CCW2: TIC to X'100'.
  word(card1, 8, 0x02000100);
  word(card1, 12, 0x60000050);
  word(card1, 16, 0x08000100);
  word(card1, 20, 0x00000001);
  const card2 = new Uint8Array(80);
  for (let i = 0; i < programCards; i++) {
    word(card2, i * 8, (0x02 << 24) | (origin + i * 80));
    word(card2, i * 8 + 4, ((i < programCards - 1 ? 0x60 : 0x20) << 24) | 80);
  }
  const deck = [card1, card2];
  for (let i = 0; i < programCards; i++) {
    const card = new Uint8Array(80);
    card.set(code.subarray(i * 80, Math.min(code.length, (i + 1) * 80)));
    deck.push(card);
  }
  return deck;
}

/** Assemble and punch in one step. */
export function programDeck(source: string, pswW0 = 0): Uint8Array[] {
  return iplDeck(assembleProgram(source), ORIGIN, pswW0);
}

/**
 * Writes HELLO FROM THE GUEST on its console with SIO, waits for the I/O
 * interruption, reads a line (VM READ), writes it back after "YOU SAID ",
 * then loads a disabled wait at X'0EED'.
 */
export const CONSOLE_PROGRAM = `
CONS     CSECT
         BALR  12,0
         USING *,12
         MVC   120(8,0),IONEW1
         LA    1,WRITE1
         ST    1,72(0,0)
         SIO   9(0)
         LPSW  WAITPSW
DONE1    MVC   120(8,0),IONEW2
         LA    1,READ
         ST    1,72(0,0)
         SIO   9(0)
         LPSW  WAITPSW
DONE2    LH    2,70(0,0)            residual count of the READ
         LA    3,89                 9 + 80: prefix and buffer
         SR    3,2
         STH   3,WRITE2+6
         MVC   120(8,0),IONEW3
         LA    1,WRITE2
         ST    1,72(0,0)
         SIO   9(0)
         LPSW  WAITPSW
DONE3    LPSW  ENDPSW
         DS    0D
IONEW1   DC    X'00000000',A(DONE1)
IONEW2   DC    X'00000000',A(DONE2)
IONEW3   DC    X'00000000',A(DONE3)
WAITPSW  DC    X'FE020000',A(0)
ENDPSW   DC    X'00020000',A(X'EED')
WRITE1   DC    X'09',AL3(MSG1),X'20',X'00',AL2(L'MSG1)
READ     DC    X'0A',AL3(BUFFER),X'20',X'00',AL2(80)
WRITE2   DC    X'09',AL3(SAID),X'20',X'00',AL2(0)
MSG1     DC    C'HELLO FROM THE GUEST'
SAID     DC    C'YOU SAID '
BUFFER   DC    CL80' '
         END
`;

/** Loops for ever, counting in R1. */
export const LOOP_PROGRAM = `
LOOP     CSECT
         BALR  12,0
         USING *,12
AGAIN    LA    1,1(1)
         B     AGAIN
         END
`;

/**
 * Goes into problem state and issues SSM: the privileged-operation
 * exception is reflected through its program new PSW, a disabled wait at
 * X'0BAD'.
 */
export const PRIVILEGED_PROGRAM = `
PRIV     CSECT
         BALR  12,0
         USING *,12
         MVC   104(8,0),PGMNEW
         LPSW  PROBPSW
PROB     SSM   0(0)
         DS    0D
PGMNEW   DC    X'00020000',A(X'BAD')
PROBPSW  DC    X'00010000',A(PROB)
         END
`;

/**
 * Sets its clock comparator about ten seconds ahead (10 in the high word: 10.49 s) and waits enabled for the
 * external interruption; then loads a disabled wait at X'0CCC'.
 */
export const TIMER_PROGRAM = `
TIMER    CSECT
         BALR  12,0
         USING *,12
         MVC   88(8,0),EXTNEW
         STCK  CLOCK
         LM    4,5,CLOCK
         AL    4,TENSEC
         STM   4,5,CLOCK
         SCKC  CLOCK
         STCTL 0,0,CR0
         OC    CR0,CKCMASK
         LCTL  0,0,CR0
         LPSW  WAITPSW
         DS    0D
CLOCK    DC    D'0'
EXTNEW   DC    X'00020000',A(X'CCC')
WAITPSW  DC    X'01020000',A(0)
CR0      DC    F'0'
CKCMASK  DC    X'00000800'
TENSEC   DC    F'10'                   about 10.5 seconds in the high word
         END
`;

/**
 * Starts a channel program that never ends (NOP chained to a TIC back to
 * the NOP) on the printer, then waits enabled for I/O.
 */
export const TIC_LOOP_PROGRAM = `
TICLOOP  CSECT
         BALR  12,0
         USING *,12
         LA    1,NOP
         ST    1,72(0,0)
         SIO   X'00E'(0)
         STC   0,CC
         BC    8,WAIT
         LPSW  BADPSW
WAIT     LPSW  WAITPSW
         DS    0D
NOP      DC    X'03',AL3(0),X'40',X'00',AL2(1)
         DC    X'08',AL3(NOP),X'00',X'00',AL2(1)
WAITPSW  DC    X'FE020000',A(0)
BADPSW   DC    X'00020000',A(X'BAD')
CC       DC    X'00'
         END
`;

/**
 * A CCW whose data address lies beyond the machine's storage: the SIO ends
 * with program check in the CSW; the program stores the CSW's status
 * halfword at X'300' and loads a disabled wait at X'0C5'.
 */
export const WILD_CCW_PROGRAM = `
WILD     CSECT
         BALR  12,0
         USING *,12
         MVC   120(8,0),IONEW
         LA    1,WRITE
         ST    1,72(0,0)
         SIO   9(0)
         LPSW  WAITPSW
DONE     MVC   768(2,0),68(0)
         LPSW  ENDPSW
         DS    0D
IONEW    DC    X'00000000',A(DONE)
WAITPSW  DC    X'FE020000',A(0)
ENDPSW   DC    X'00020000',A(X'0C5')
WRITE    DC    X'09',X'FFFFF0',X'00',X'00',AL2(10)
         END
`;

/** Runs N privileged instructions (SSM) in supervisor state, then a disabled wait at X'0AA'. */
export const SSM_PROGRAM = `
SSMLOOP  CSECT
         BALR  12,0
         USING *,12
         LA    2,1000
AGAIN    SSM   MASK
         BCT   2,AGAIN
         LPSW  ENDPSW
         DS    0D
ENDPSW   DC    X'00020000',A(X'0AA')
MASK     DC    X'00'
         END
`;
