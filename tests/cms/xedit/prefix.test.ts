// Prefix commands typed over the `=====` of lines (SC24-5221, "Prefix
// Subcommands"), with pending blocks, destinations and bad input.

import { describe, expect, it } from 'vitest';
import { formattedDisk, putFile, screenUser, type ScreenUser } from './helpers.js';

const CURRENT = 11;
/** Screen row of file line n when the current line is Top of File (line n is at CURRENT + 1 + n, after the scale). */
const rowOf = (n: number): number => (n === 0 ? CURRENT : CURRENT + 1 + n);

function edit(lines: string[]): ScreenUser {
  const a = formattedDisk();
  putFile(a, 'TEST', 'DATA', lines);
  const u = screenUser({ a });
  u.enter('XEDIT TEST DATA');
  return u;
}

function saved(u: ScreenUser): string[] {
  u.command('SAVE');
  return u.file('TEST', 'DATA')!;
}

/** Type prefix commands over lines (by file line number) and press Enter. */
function prefix(u: ScreenUser, ...commands: [number, string][]): void {
  for (const [n, text] of commands) u.type(rowOf(n), 0, text);
  u.pressEnter();
}

const ABCDE = ['A', 'B', 'C', 'D', 'E'];

describe('XEDIT prefix commands', () => {
  it.each([
    ['a', 2, ['A', 'B', '', 'C', 'D', 'E']],
    ['a2', 2, ['A', 'B', '', '', 'C', 'D', 'E']],
    ['3i', 1, ['A', '', '', '', 'B', 'C', 'D', 'E']],
    ['d', 3, ['A', 'B', 'D', 'E']],
    ['d2', 4, ['A', 'B', 'C']],
    ['d9', 4, ['A', 'B', 'C']],
    ['"', 1, ['A', 'A', 'B', 'C', 'D', 'E']],
    ['"2', 5, ['A', 'B', 'C', 'D', 'E', 'E', 'E']],
    ['>2', 1, ['  A', 'B', 'C', 'D', 'E']],
  ])('%s on line %i', (cmd, line, expected) => {
    const u = edit(ABCDE);
    prefix(u, [line, cmd]);
    expect(saved(u)).toEqual(expected);
  });

  it('< shifts left, never past the first non-blank', () => {
    const u = edit(['   X', 'Y']);
    prefix(u, [1, '<2'], [2, '<']);
    expect(saved(u)).toEqual([' X', 'Y']);
  });

  it('a on Top of File adds before the first line', () => {
    const u = edit(ABCDE);
    prefix(u, [0, 'a']);
    expect(saved(u)).toEqual(['', ...ABCDE]);
  });

  it('dd ... dd deletes a block', () => {
    const u = edit(ABCDE);
    prefix(u, [2, 'dd'], [4, 'dd']);
    expect(saved(u)).toEqual(['A', 'E']);
  });

  it('a block half stays pending across Enters, shown in the prefix area, and completes later', () => {
    const u = edit(ABCDE);
    prefix(u, [2, 'dd']);
    expect(u.rows()[rowOf(2)]).toMatch(/^dd/);
    expect(u.rows()[1]).toMatch(/pending/);
    prefix(u, [3, 'dd']);
    expect(saved(u)).toEqual(['A', 'D', 'E']);
  });

  it('a pending block is cancelled by typing blanks over it, or by RESET', () => {
    const u = edit(ABCDE);
    prefix(u, [2, 'dd']);
    prefix(u, [2, '     ']);
    prefix(u, [4, 'dd']);
    u.command('RESET');
    prefix(u, [5, 'dd']);
    u.command('RESET');
    expect(saved(u)).toEqual(ABCDE);
  });

  it('c with f copies after the destination; m with p moves before it', () => {
    const u = edit(ABCDE);
    prefix(u, [1, 'c'], [3, 'f']);
    expect(saved(u)).toEqual(['A', 'B', 'C', 'A', 'D', 'E']);
    const v = edit(ABCDE);
    prefix(v, [5, 'm'], [2, 'p']);
    expect(saved(v)).toEqual(['A', 'E', 'B', 'C', 'D']);
  });

  it('cc ... cc and mm ... mm blocks with a destination', () => {
    const u = edit(ABCDE);
    prefix(u, [1, 'cc'], [2, 'cc'], [5, 'f']);
    expect(saved(u)).toEqual(['A', 'B', 'C', 'D', 'E', 'A', 'B']);
    const v = edit(ABCDE);
    prefix(v, [4, 'mm'], [5, 'mm'], [1, 'p']);
    expect(saved(v)).toEqual(['D', 'E', 'A', 'B', 'C']);
  });

  it('c without a destination waits (pending) until an f is typed', () => {
    const u = edit(ABCDE);
    prefix(u, [1, 'c']);
    expect(u.rows()[1]).toMatch(/pending/);
    prefix(u, [5, 'f']);
    expect(saved(u)).toEqual([...ABCDE, 'A']);
  });

  it('"" ... "" duplicates a block', () => {
    const u = edit(ABCDE);
    prefix(u, [1, '""'], [2, '""']);
    expect(saved(u)).toEqual(['A', 'B', 'A', 'B', 'C', 'D', 'E']);
  });

  it('/ makes a line the current line', () => {
    const u = edit(ABCDE);
    prefix(u, [3, '/']);
    expect(u.rows()[0]).toMatch(/Line=3 /);
    expect(u.rows()[CURRENT].slice(6).trim()).toBe('C');
  });

  it('x and xx exclude lines (shadow line); s on the shadow line shows them again', () => {
    const u = edit(ABCDE);
    prefix(u, [2, 'xx'], [3, 'xx']);
    const rows = u.rows();
    expect(rows.join('\n')).toMatch(/2 line\(s\) not displayed/);
    const shadow = rows.findIndex((r) => r.includes('not displayed'));
    u.type(shadow, 0, 's');
    u.pressEnter();
    expect(u.rows().join('\n')).not.toMatch(/not displayed/);
    expect(saved(u)).toEqual(ABCDE);
  });

  it('.label names a line for LOCATE', () => {
    const u = edit(ABCDE);
    prefix(u, [4, '.here']);
    u.command('L .HERE');
    expect(u.rows()[0]).toMatch(/Line=4 /);
  });

  it('prefix commands run with the command line in one Enter (prefix first)', () => {
    const u = edit(ABCDE);
    u.type(rowOf(1), 0, 'd');
    u.type(22, 6, 'BOTTOM');
    u.pressEnter();
    expect(u.rows()[0]).toMatch(/Size=4 Line=4 /);
  });

  it('a prefix area full of nonsense says so and changes nothing', () => {
    const u = edit(ABCDE);
    prefix(u, [1, 'zq'], [2, '%%'], [3, 'd1d']);
    expect(u.rows()[1] + u.rows()[2]).toMatch(/Invalid prefix subcommand/);
    expect(saved(u)).toEqual(ABCDE);
  });

  it('with SET NUMBER ON a command typed over the number is found', () => {
    const u = edit(ABCDE);
    u.command('SET NUMBER ON');
    prefix(u, [2, 'd']);
    expect(saved(u)).toEqual(['A', 'C', 'D', 'E']);
  });
});
