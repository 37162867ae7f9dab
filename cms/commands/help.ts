// HELP: the help file of a command, `name HELPCMS` on the system disk, in
// the CMS HELP format: control-word lines (`.cm`, `.cs`, `.fo`) are skipped, other lines are
// typed as they are (VM/SP CMS Command Reference, HELP). `HELP` alone types
// `MENU HELPCMS`. On a display HELP is full screen (help-screen.ts).

import type { CmsSession } from '../nucleus/session.js';
import { splitOptions } from '../nucleus/fileid.js';
import { slice, type CmsGen } from '../nucleus/task.js';
import { recordText } from './common.js';
import { DisplayService } from '../display/display.js';
import { helpScreen } from './help-screen.js';
import { allCommands, command, findCommand, type CommandDef } from './table.js';

function* help(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands } = splitOptions(tokens);
  const display = new DisplayService(cms);
  if (display.query()) return yield* helpScreen(cms, display, operands[0] ?? 'MENU');
  let topic = operands[0] ?? 'MENU';
  if (topic === 'CMS') topic = 'MENU';
  const def = findCommand(topic, false) ?? findCommand(topic, true);
  if (def) topic = def.name;
  const f = cms.findFile(topic.slice(0, 8), 'HELPCMS') ?? cms.findFile(topic.slice(0, 8), 'HELPCP');
  if (!f) {
    if (topic === 'MENU') {
      cms.say('CMS commands:');
      const names = allCommands()
        .map((c) => c.name)
        .sort();
      for (let i = 0; i < names.length; i += 8)
        cms.say(
          names
            .slice(i, i + 8)
            .map((n) => n.padEnd(9))
            .join('')
            .trimEnd(),
        );
      return 0;
    }
    cms.message('HLP', '002', `${topic} HELPCMS *`);
    return 28;
  }
  let n = 0;
  for (const r of f.acc.disk.readRecords(f.fst.filename, f.fst.filetype)) {
    const line = recordText(r).trimEnd();
    if (/^\.[a-z]{2}\b/i.test(line)) continue; // HELP control words (.cm, .cs, .fo ...)
    cms.say(line);
    if (++n % 256 === 0) yield slice();
  }
  return 0;
}

export const HELP_COMMANDS: CommandDef[] = [command('HELP', 'HELP', (cms, c) => help(cms, c.tokens))];
