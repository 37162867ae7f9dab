// The OS simulation: a QSAM program with DCBs, OPEN, GET, PUT, CLOSE and
// EODAD, its DDNAMEs bound by FILEDEF (cms/os/qsam.ts, OSMACRO MACLIB).

import { describe, expect, it } from 'vitest';
import { logon, putFile, READY, readyRc, systemDiskCopy } from './helpers.js';

const PROGRAM = [
  'LIST     CSECT',
  '         SAVE  (14,12)',
  '         LR    12,15',
  '         USING LIST,12',
  '         ST    13,SAVEAREA+4',
  '         LA    13,SAVEAREA',
  '         OPEN  (INDCB,(INPUT),OUTDCB,(OUTPUT),PRTDCB,(OUTPUT))',
  'LOOP     GET   INDCB,REC',
  '         PUT   OUTDCB,REC',
  '         MVI   LINE,C" "',
  '         MVC   LINE+1(80),REC',
  '         PUT   PRTDCB,LINE',
  '         B     LOOP',
  'EOF      CLOSE (INDCB,,OUTDCB,,PRTDCB)',
  "         WTO   'LIST DONE'",
  '         L     13,SAVEAREA+4',
  '         RETURN (14,12),RC=0',
  'SAVEAREA DS    18F',
  'REC      DS    CL80',
  'LINE     DC    CL133" "',
  'INDCB    DCB   DDNAME=INPUT,DSORG=PS,MACRF=GM,EODAD=EOF,LRECL=80',
  'OUTDCB   DCB   DDNAME=OUTPUT,DSORG=PS,MACRF=PM,LRECL=80',
  'PRTDCB   DCB   DDNAME=SYSPRINT,DSORG=PS,MACRF=PM,LRECL=133',
  '         END   LIST',
].map((l) => l.replace(/"/g, "'"));

describe('OS simulation (QSAM)', () => {
  it('copies a file with GET and PUT, shows it on the terminal and prints it, ends at EODAD', () => {
    const u = logon({ s: systemDiskCopy() });
    putFile(u.a, 'LIST', 'ASSEMBLE', PROGRAM);
    putFile(u.a, 'IN', 'DATA', ['first card', 'second card']);
    u.enter('ACCESS 191 A');
    expect(u.enter('ASSEMBLE LIST')).toEqual([expect.stringMatching(READY)]);
    expect(readyRc(u.enter('FILEDEF INPUT DISK IN DATA A'))).toBe(0);
    expect(readyRc(u.enter('FILEDEF OUTPUT TERMINAL'))).toBe(0);
    expect(readyRc(u.enter('FILEDEF SYSPRINT PRINTER'))).toBe(0);
    const out = u.enter('LOAD LIST (START');
    expect(out.slice(1, 4)).toEqual(['first card', 'second card', 'PRT FILE 0001 TO CMSUSER COPY 01 NOHOLD']);
    expect(out).toContain('LIST DONE');
    expect(readyRc(out)).toBe(0);
    // RECFM F: no carriage control, the blank in column 1 is data.
    expect(u.vm.printed[0]).toEqual([' first card', ' second card']);
  });

  it('without a FILEDEF, a DDNAME is the disk file FILE ddname A1', () => {
    const u = logon({ s: systemDiskCopy() });
    putFile(u.a, 'LIST', 'ASSEMBLE', PROGRAM);
    putFile(u.a, 'FILE', 'INPUT', ['only card']);
    u.enter('ACCESS 191 A');
    u.enter('ASSEMBLE LIST');
    u.enter('FILEDEF SYSPRINT DUMMY');
    expect(readyRc(u.enter('LOAD LIST (START'))).toBe(0);
    expect(u.enter('TYPE FILE OUTPUT A')[0]).toBe('only card');
  });
});
