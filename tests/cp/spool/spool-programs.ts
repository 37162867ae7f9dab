// Guests for the spooling and minidisk tests, assembled with our own
// assembler and IPL'd from a deck (tests/cp/guest-programs.ts).

/** Punch three cards on 00D with one chained SIO, then stop in a disabled wait (X'EED'). */
export const PUNCH_PROGRAM = `
PUN      CSECT
         BALR  12,0
         USING *,12
         MVC   120(8,0),IONEW
         LA    1,CCWS
         ST    1,72(0,0)
         SIO   13(0)
         LPSW  WAITPSW
DONE     LPSW  ENDPSW
         DS    0D
IONEW    DC    X'00000000',A(DONE)
WAITPSW  DC    X'FE020000',A(0)
ENDPSW   DC    X'00020000',A(X'EED')
CCWS     DC    X'01',AL3(CARD1),X'60',X'00',AL2(80)
         DC    X'01',AL3(CARD2),X'60',X'00',AL2(80)
         DC    X'01',AL3(CARD3),X'20',X'00',AL2(80)
CARD1    DC    CL80'FIRST CARD'
CARD2    DC    CL80'SECOND CARD'
CARD3    DC    CL80'THIRD CARD'
         END
`;

/**
 * Read the reader (00C) card by card until unit exception, counting cards
 * in R5 and keeping the last card at X'3000'; then a disabled wait
 * (X'EED'). Unit check (empty reader) ends with R5 = -1.
 */
export const READ_PROGRAM = `
RDR      CSECT
         BALR  12,0
         USING *,12
         SR    5,5
         MVC   120(8,0),IONEW
NEXT     LA    1,CCW
         ST    1,72(0,0)
         SIO   12(0)
         LPSW  WAITPSW
DONE     TM    68(0),X'01'          unit exception: end of file
         BO    EOF
         TM    68(0),X'02'          unit check: nothing to read
         BO    EMPTY
         LA    5,1(5)
         B     NEXT
EMPTY    LA    5,0
         BCTR  5,0
EOF      LPSW  ENDPSW
         DS    0D
IONEW    DC    X'00000000',A(DONE)
WAITPSW  DC    X'FE020000',A(0)
ENDPSW   DC    X'00020000',A(X'EED')
CCW      DC    X'02',AL3(X'3000'),X'20',X'00',AL2(80)
         END
`;

/**
 * DIAGNOSE X'250' from machine code: INIT 191, WRITE block 5 from X'4000'
 * (80 bytes of 'A' then zeros), READ it back to X'5000', RELEASE. CCs go to
 * X'3000'.. (one byte each), R15 of each to X'3010'.. (a word each).
 */
export const BLOCK_IO_PROGRAM = `
BIO      CSECT
         BALR  12,0
         USING *,12
         L     6,=A(X'4000')
         MVI   0(6),C'A'
         MVC   1(79,6),0(6)
         L     11,=A(X'3000')
         LA    2,IOPL
         MVC   0(2,2),=X'0191'
         LA    4,0                  INIT
         DIAG  2,4,X'250'
         BAL   14,SAVE
         LA    8,5
         ST    8,16(2)              block 5
         LA    8,1
         ST    8,20(2)              one block
         ST    6,24(2)              from X'4000'
         LA    4,2                  WRITE
         DIAG  2,4,X'250'
         BAL   14,SAVE
         L     8,=A(X'5000')
         ST    8,24(2)
         LA    4,1                  READ
         DIAG  2,4,X'250'
         BAL   14,SAVE
         LA    4,3                  RELEASE
         DIAG  2,4,X'250'
         BAL   14,SAVE
         LPSW  ENDPSW
SAVE     IPM   9
         SRL   9,28
         L     10,NSAVE
         STC   9,0(10,11)
         SLL   10,2
         ST    15,16(10,11)
         SRL   10,2
         LA    10,1(10)
         ST    10,NSAVE
         BR    14
         DS    0F
NSAVE    DC    F'0'
         DS    0D
ENDPSW   DC    X'00020000',A(X'EED')
IOPL     DC    8F'0'
         LTORG
         END
`;
