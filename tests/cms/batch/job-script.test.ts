import { describe, expect, it } from 'vitest';
import { parseJobScript, rcWeight } from '../../../cms/batch/job-script.js';

const parse = (text: string) => parseJobScript(text.split('\n'));

describe('the batch job script', () => {
  it('reads /JOB, commands, an inline file and the end card; cards after /* are ignored', () => {
    const r = parse(
      [
        '/JOB user1 myjob',
        'LISTFILE',
        '/DATA IN DATA',
        'line 1',
        '  line 2  ',
        '/END',
        'TYPE IN DATA',
        '/*',
        'NOT RUN',
      ].join('\n'),
    );
    expect(r).toEqual({
      ok: true,
      job: {
        userid: 'USER1',
        jobname: 'MYJOB',
        stopAt: undefined,
        steps: [
          { kind: 'command', line: 'LISTFILE' },
          { kind: 'data', fn: 'IN', ft: 'DATA', fm: 'A1', lines: ['line 1', '  line 2'] },
          { kind: 'command', line: 'TYPE IN DATA' },
        ],
      },
    });
  });

  it('names a job BATCH when the /JOB card gives no name, and keeps a given file mode', () => {
    const r = parse('/JOB CMSUSER\n/DATA X Y B2\n/END');
    expect(r.ok && r.job.jobname).toBe('BATCH');
    expect(r.ok && r.job.steps[0]).toMatchObject({ kind: 'data', fm: 'B2', lines: [] });
  });

  it.each([
    ['/OPTION STOP', 1],
    ['/OPTION STOP 8', 8],
    ['/OPTION STOP 4\n/OPTION NOSTOP', undefined],
  ])('%j sets the stop threshold to %j', (option, stopAt) => {
    const r = parse(`/JOB U\n${option}\nLISTFILE`);
    expect(r.ok && r.job.stopAt).toBe(stopAt);
  });

  it('skips the :READ card PUNCH puts in front, and keeps * cards as comments', () => {
    const r = parse(':READ  JOB1     JOB      A1\n/JOB USER2 J\n* a comment\nQUERY DISK');
    expect(r.ok && r.job.steps).toEqual([
      { kind: 'comment', line: '* a comment' },
      { kind: 'command', line: 'QUERY DISK' },
    ]);
  });

  it.each([
    ['LISTFILE', 'the first card is not /JOB'],
    ['/JOB', '/JOB needs a userid'],
    ['/JOB U\n/DATA X Y\nno end', '/DATA X Y has no /END'],
    ['/JOB U\n/DATA X\n/END', 'invalid /DATA card: /DATA X'],
    ['/JOB U\n/END', '/END without /DATA'],
    ['/JOB U\n/OPTION STOP 0', 'invalid /OPTION STOP 0'],
    ['/JOB U\n/OPTION FAST', 'unknown option FAST'],
    ['/JOB U\n/FOO', 'unknown control card /FOO'],
  ])('refuses %j: %s', (text, why) => {
    expect(parse(text)).toEqual({ ok: false, why });
  });

  it('weighs a negative return code (unknown command) by its size', () => {
    expect(rcWeight(-3)).toBe(3);
    expect(rcWeight(28)).toBe(28);
  });
});
