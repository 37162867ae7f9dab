// XEDIT macros: `fn XEDIT` files in REXX, run by the interpreter of
// cms/rexx with XEDIT as the initial ADDRESS (SC24-5221, "Writing XEDIT
// Macros"): a command the macro sends goes to the editor as a subcommand,
// ADDRESS CMS / COMMAND / CP reach CMS and CP as from an EXEC, and EXTRACT
// sets REXX variables through the EXECCOMM-style interface
// (cms/rexx/shared-variables.ts): for /SIZE/ `SIZE.0` = 1 and `SIZE.1` =
// the number of lines. PROFILE XEDIT runs when XEDIT starts.

import { runRexxProgram, type CommandEnvironment } from '../commands/exec.js';
import { recordText } from '../commands/common.js';
import type { RexxVariables } from '../rexx/shared-variables.js';
import type { CmsGen } from '../nucleus/task.js';
import type { Xedit } from './editor.js';
import { Rc } from './editor.js';

/** Run macro `name XEDIT` with `args`; its EXIT value is the rc (an error in it: 20000 + number). */
export function* runMacro(x: Xedit, name: string, args: string): CmsGen<number> {
  const found = x.cms.findFile(name.toUpperCase(), 'XEDIT');
  if (!found) {
    x.say(`Macro ${name} XEDIT not found`);
    return Rc.unknown;
  }
  const source = found.acc.disk
    .readRecords(found.fst.filename, found.fst.filetype)
    .map((r) => recordText(r).trimEnd())
    .join('\n');
  const environment: CommandEnvironment = (command, variables) => macroCommand(x, command, variables);
  x.macroDepth++;
  try {
    return yield* runRexxProgram(x.cms, {
      name: `${found.fst.filename} XEDIT`,
      fn: found.fst.filename,
      fileId: `${found.fst.filename} ${found.fst.filetype} ${found.acc.letter}${found.fst.modeNumber}`,
      source,
      args,
      environment: 'XEDIT',
      environments: new Map([['XEDIT', environment]]),
    });
  } finally {
    x.macroDepth--;
  }
}

/** One command from a macro: a subcommand, and for EXTRACT the variables it sets. */
function* macroCommand(x: Xedit, command: string, variables: RexxVariables): CmsGen<number> {
  if (x.done) return Rc.error;
  x.extracted = null;
  const rc = yield* x.command(command, true);
  const extracted = x.extracted as Map<string, string[]> | null;
  if (extracted !== null) {
    for (const [item, values] of extracted) {
      variables.set(`${item}.0`, String(values.length), 'direct');
      values.forEach((v, i) => variables.set(`${item}.${i + 1}`, v, 'direct'));
    }
    x.extracted = null;
  }
  return rc;
}
