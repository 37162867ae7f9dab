// runRexxProgram: how CMS runs a REXX program for another part of CMS (an
// editor macro): its initial ADDRESS, an extra command environment that
// reads and sets the macro's variables, and CMS commands (EXECIO) from the
// same program reaching the same variables.

import { describe, expect, it } from 'vitest';
import { CmsSession } from '../../../cms/index.js';
import { runRexxProgram, type CommandEnvironment } from '../../../cms/commands/exec.js';
import type { CmsGen } from '../../../cms/nucleus/task.js';
import { StandInMachine } from '../guest-host.js';
import { formattedDisk, putFile } from '../helpers.js';

function session(): CmsSession {
  const a = formattedDisk();
  putFile(a, 'SOME', 'DATA', ['first line', 'second line'], 'V');
  const vm = new StandInMachine({ disks: new Map([[0x191, { device: a }]]) });
  let cms: CmsSession | undefined;
  vm.ipl({
    name: 'CMS',
    ipl(guest, parm) {
      cms = new CmsSession(guest, parm);
      cms.ipl();
    },
  });
  vm.enter('');
  return cms!;
}

/** Drives a CMS generator that only ever asks for slices. */
function drive(gen: CmsGen<number>): number {
  for (let r = gen.next(); ; r = gen.next()) {
    if (r.done) return r.value;
    if (r.value.kind !== 'slice') throw new Error(`unexpected request ${r.value.kind}`);
  }
}

describe('runRexxProgram', () => {
  it('runs a macro with ADDRESS XEDIT by default; the environment sets its variables; EXECIO fills its stem', () => {
    const cms = session();
    cms.output.length = 0;
    const seen: string[] = [];
    const xedit: CommandEnvironment = function* (command, variables) {
      seen.push(command);
      if (command === 'EXTRACT /CURLINE/') {
        variables.set('CURLINE.0', '3');
        variables.set('CURLINE.3', 'the current line');
      }
      yield* [];
      return command === 'BAD' ? 5 : 0;
    };
    const rc = drive(
      runRexxProgram(cms, {
        name: 'MAC XEDIT',
        fn: 'MAC',
        fileId: 'MAC XEDIT A1',
        args: 'an arg',
        environment: 'XEDIT',
        environments: new Map([['XEDIT', xedit]]),
        source: [
          '/* a macro */',
          'parse source . . . . . . env',
          'say address() env',
          "'EXTRACT /CURLINE/'",
          'say curline.0 curline.3',
          "'BAD'",
          'say rc',
          "address cms 'EXECIO * DISKR SOME DATA A (FINIS STEM REC.'",
          'say rc rec.0 rec.2',
          'exit 4',
        ].join('\n'),
      }),
    );
    expect(rc).toBe(4);
    expect(seen).toEqual(['EXTRACT /CURLINE/', 'BAD']);
    expect(cms.output).toEqual(['XEDIT XEDIT', '3 the current line', '5', '0 2 second line']);
    expect(cms.execVariables).toBeNull();
  });
});
