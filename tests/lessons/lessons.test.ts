// Every lesson in samples/lessons/ replayed against CP with CMS in process
// (tests/lessons/lesson-runner.ts): what a lesson tells the student to type
// is typed, and what it says they will see must appear. A lesson that goes
// stale fails here.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programDeck } from '../cp/guest-programs.js';
import { LessonRunner, lessonSystem, lineMatches, parseLesson } from './lesson-runner.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const LESSONS = join(ROOT, 'samples/lessons');

const lessons = readdirSync(LESSONS)
  .filter((f) => /^\d\d-.*\.md$/.test(f))
  .sort();

describe('the lessons', () => {
  it('there are eight, numbered, each with steps the test replays', () => {
    expect(lessons).toHaveLength(8);
    for (const file of lessons) {
      const blocks = parseLesson(readFileSync(join(LESSONS, file), 'utf8'));
      expect(blocks.filter((b) => b.kind === 'type').length, file).toBeGreaterThan(2);
      expect(blocks.filter((b) => b.kind === 'see').length, file).toBeGreaterThan(2);
    }
  });

  it.each(lessons)('%s: every step gives what the lesson says', async (file) => {
    const h = lessonSystem();
    const runner = new LessonRunner(h, ROOT);
    await runner.run(parseLesson(readFileSync(join(LESSONS, file), 'utf8')));
    // Leave nothing running for the next lesson.
    for (const user of [...h.cp.users.values()]) h.cp.logoff(user, { reason: 'forced' });
  });

  it.each(['hello', 'loop'])(
    'the %s deck (.ipl) is the assembly of its .assemble source, punched as an IPL deck',
    (name) => {
      const source = readFileSync(join(LESSONS, 'decks', `${name}.assemble`), 'utf8');
      const deck = programDeck(source);
      const bytes = new Uint8Array(readFileSync(join(LESSONS, 'decks', `${name}.ipl`)));
      expect(bytes.length).toBe(deck.length * 80);
      deck.forEach((card, i) => expect(bytes.subarray(i * 80, (i + 1) * 80)).toEqual(card));
    },
  );
});

describe('the lesson format', () => {
  it('reads type, see and shell blocks with their terminal and options, and ignores other fences', () => {
    const blocks = parseLesson(
      [
        'Text',
        '```type USER1 settle=50',
        'LOGON USER1',
        '```',
        '```',
        'not a step',
        '```',
        '```see',
        'A ... B',
        '```',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      { kind: 'type', terminal: 'USER1', settle: 50, lines: ['LOGON USER1'], at: 2 },
      { kind: 'see', terminal: undefined, settle: undefined, lines: ['A ... B'], at: 8 },
    ]);
  });

  it('matches a part of a line, with ... for anything', () => {
    expect(lineMatches('Ready; T=0.01/0.01 09:30:01', 'Ready; T=...')).toBe(true);
    expect(lineMatches('LOGON AT 09:30:00 GMT', 'LOGON AT ... GMT')).toBe(true);
    expect(lineMatches('LOGOFF AT 09:30:00 GMT', 'LOGON AT')).toBe(false);
    expect(lineMatches('X(1)', 'X(1)')).toBe(true);
  });

  it('fails a step whose output is not what the lesson says', async () => {
    const h = lessonSystem();
    const runner = new LessonRunner(h, ROOT);
    const blocks = parseLesson('```type T\nLOGON USER1 NOIPL\nUSER1\nQUERY TIME\n```\n```see\nTIME IS NEVER\n```\n');
    await expect(runner.run(blocks)).rejects.toThrow(/expected a line like\n {2}TIME IS NEVER/);
  });
});
