import { describe, expect, it } from 'vitest';
import { CommandTable, abbreviates, type CommandRow } from '../../cp/command-table.js';
import { formatCpMessage, messageNumber } from '../../cp/messages.js';
import { formatConnectTime, formatCpuTime, formatTimestamp } from '../../cp/timestamp.js';

const row = (name: string, minLength: number, extra: Partial<CommandRow<null>> = {}): CommandRow<null> => ({
  name,
  minLength,
  classes: 'any',
  handler: () => undefined,
  ...extra,
});

describe('the CP command table', () => {
  const table = new CommandTable<null>().add(
    row('LOGON', 1, { aliases: ['LOGIN'] }),
    row('LOGOFF', 3, { aliases: ['LOGOUT'] }),
    row('QUERY', 1, { classes: ['G'] }),
    row('DISCONN', 4),
    row('DISPLAY', 1, { classes: ['G'] }),
  );

  it.each([
    ['L', 'LOGON'],
    ['LOGIN', 'LOGON'],
    ['LOG', 'LOGON'], // table order: LOGON precedes LOGOFF, as in DMKCFC
    ['LOGOFF', 'LOGOFF'],
    ['logout', 'LOGOFF'],
    ['q', 'QUERY'],
    ['DISC', 'DISCONN'],
    ['D', 'DISPLAY'],
    ['DIS', 'DISPLAY'], // DISCONN needs four letters
  ])('%s selects %s', (word, name) => {
    expect(table.lookup(word)?.name).toBe(name);
  });

  it.each([['QUERYX'], ['XYZZY'], ['']])('%s selects nothing', (word) => {
    expect(table.lookup(word)).toBeUndefined();
  });

  it('checks privilege classes', () => {
    const q = table.lookup('Q')!;
    expect(CommandTable.permits(q, new Set(['G']))).toBe(true);
    expect(CommandTable.permits(q, new Set(['A']))).toBe(false);
    expect(CommandTable.permits(table.lookup('L')!, new Set())).toBe(true);
  });

  it('refuses a duplicate command name', () => {
    expect(() => table.add(row('QUERY', 1))).toThrow(/duplicate/);
  });

  it('matches operand keywords by abbreviation', () => {
    expect(abbreviates('RDR', 'RDR', 1)).toBe(true);
    expect(abbreviates('N', 'NAMES', 1)).toBe(true);
    expect(abbreviates('NAMEX', 'NAMES', 1)).toBe(false);
  });
});

describe('CP messages follow SET EMSG', () => {
  it.each([
    ['ON', 'DMKCFC001E ?CP: XYZZY'],
    ['TEXT', '?CP: XYZZY'],
    ['CODE', 'DMKCFC001E'],
    ['OFF', undefined],
  ] as const)('EMSG %s', (setting, expected) => {
    expect(formatCpMessage('unknownCommand', ['XYZZY'], setting)).toBe(expected);
  });

  it('gives the message number for DIAGNOSE X08 return codes', () => {
    expect(messageNumber('notLoggedOn')).toBe(45);
  });
});

describe('CP time stamps', () => {
  it('formats hh:mm:ss ZZZ WEEKDAY mm/dd/yy', () => {
    expect(formatTimestamp(new Date(Date.UTC(2026, 7, 17, 21, 48, 25)))).toBe('21:48:25 GMT MONDAY 08/17/26');
    expect(formatTimestamp(new Date(Date.UTC(2026, 7, 17, 2, 0, 0)), { name: 'EST', offsetMinutes: -300 })).toBe(
      '21:00:00 EST SUNDAY 08/16/26',
    );
  });

  it('formats CONNECT= and VIRTCPU= durations', () => {
    expect(formatConnectTime(2_000)).toBe('00:00:02');
    expect(formatConnectTime(3_723_000)).toBe('01:02:03');
    expect(formatCpuTime(100_000)).toBe('000:00.10');
    expect(formatCpuTime(61_250_000)).toBe('001:01.25');
  });
});
