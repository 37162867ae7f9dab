// The CP command table: rows of name, minimum abbreviation, privilege
// classes and handler. CP scans the table in order and the first row whose
// name the typed word abbreviates (at least the minimum length) wins, as
// DMKCFC's COMND table does (../shared/reference/cp.md section 2). Families
// of commands (query, spool, link...) contribute rows from their own modules.

import type { PrivilegeClass } from './directory.js';

/** Who may issue a command: any user, or holders of one of the classes. */
export type CommandClasses = 'any' | readonly PrivilegeClass[];

export interface CommandRow<Context> {
  /** Full name, upper case: `QUERY`. */
  readonly name: string;
  /** The shortest accepted abbreviation's length: 1 for `Q`. */
  readonly minLength: number;
  /** Other full names that select the same row (`LOGIN` for LOGON). */
  readonly aliases?: readonly string[];
  readonly classes: CommandClasses;
  /** May be issued at CP READ before LOGON (LOGON, LOGOFF, MSG, DISCONN...). */
  readonly beforeLogon?: boolean;
  readonly handler: (context: Context, operands: readonly string[], raw: string) => void | Promise<void>;
}

export class CommandTable<Context> {
  private readonly rows: CommandRow<Context>[] = [];

  add(...rows: readonly CommandRow<Context>[]): this {
    for (const row of rows) {
      if (this.rows.some((r) => r.name === row.name)) throw new Error(`duplicate CP command ${row.name}`);
      this.rows.push(row);
    }
    return this;
  }

  /** The row a typed command word selects, or undefined. */
  lookup(word: string): CommandRow<Context> | undefined {
    const w = word.toUpperCase();
    if (w.length === 0) return undefined;
    for (const row of this.rows) {
      if (w.length >= row.minLength && row.name.startsWith(w)) return row;
      if (row.aliases?.some((a) => a === w)) return row;
    }
    return undefined;
  }

  /** May a user with `classes` issue the row's command? */
  static permits<C>(row: CommandRow<C>, classes: ReadonlySet<PrivilegeClass>): boolean {
    return row.classes === 'any' || row.classes.some((c) => classes.has(c));
  }

  get all(): readonly CommandRow<Context>[] {
    return this.rows;
  }
}

/** Split a command line into blank-delimited tokens (CP operands are not quoted). */
export function tokenize(line: string): string[] {
  return line
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/** Does `word` abbreviate `keyword` with at least `minLength` characters? (Operand keywords: `Q RDR ALL`.) */
export function abbreviates(word: string, keyword: string, minLength: number): boolean {
  const w = word.toUpperCase();
  return w.length >= minLength && keyword.startsWith(w);
}
