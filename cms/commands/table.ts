// The CMS command table: each row is a command with its minimum
// abbreviation (the upper-case part of the syntax box in the CMS Command
// Reference, cms.md (c)) and its handler. One module per family adds rows.

import type { CmsSession, Origin } from '../nucleus/session.js';
import type { CmsGen } from '../nucleus/task.js';
import { DISK_COMMANDS } from './disks.js';
import { FILE_COMMANDS } from './files.js';
import { COPY_COMMANDS } from './copyfile.js';
import { QUERY_COMMANDS } from './query.js';
import { STACK_COMMANDS } from './stack.js';
import { SPOOL_COMMANDS } from './spool.js';
import { PROGRAM_COMMANDS } from './program.js';
import { EXEC_COMMANDS } from './exec.js';
import { LIBRARY_COMMANDS } from './libraries.js';
import { HELP_COMMANDS } from './help.js';
import { XEDIT_COMMANDS } from '../xedit/command.js';
import { FULL_SCREEN_TAKES, fullScreenCommands } from '../filelist/commands.js';

export interface CommandCall {
  /** The command's full name. */
  readonly name: string;
  /** Operands and options, upper case, `(` and `)` as tokens. */
  readonly tokens: readonly string[];
  /** The operands as typed (case kept): for EXEC arguments, CP and TELL. */
  readonly raw: string;
  readonly origin: Origin;
}

export interface CommandDef {
  readonly name: string;
  /** Shortest accepted abbreviation (the full length: no abbreviation). */
  readonly min: number;
  run(cms: CmsSession, call: CommandCall): CmsGen<number>;
}

let table: Map<string, CommandDef> | undefined;

function build(): Map<string, CommandDef> {
  const rows = [
    ...DISK_COMMANDS,
    ...FILE_COMMANDS,
    ...COPY_COMMANDS,
    ...QUERY_COMMANDS,
    ...STACK_COMMANDS,
    ...SPOOL_COMMANDS.filter((row) => !FULL_SCREEN_TAKES.has(row.name)),
    ...PROGRAM_COMMANDS,
    ...EXEC_COMMANDS,
    ...LIBRARY_COMMANDS,
    ...HELP_COMMANDS,
    ...XEDIT_COMMANDS,
    ...fullScreenCommands(SPOOL_COMMANDS),
  ];
  const map = new Map<string, CommandDef>();
  for (const row of rows) {
    if (map.has(row.name)) throw new Error(`CMS command ${row.name} defined twice`);
    map.set(row.name, row);
  }
  return map;
}

/** The command named exactly, or (abbreviations) the one this is an abbreviation of. */
export function findCommand(name: string, abbreviations: boolean): CommandDef | undefined {
  table ??= build();
  if (!abbreviations) return table.get(name);
  for (const def of table.values()) {
    if (name.length >= def.min && name.length < def.name.length && def.name.startsWith(name)) return def;
  }
  return undefined;
}

/** Every command (HELP CMS lists them). */
export function allCommands(): CommandDef[] {
  table ??= build();
  return [...table.values()];
}

/** A command row. */
export function command(name: string, minimum: string, run: CommandDef['run']): CommandDef {
  return { name, min: minimum.length, run };
}
