#!/usr/bin/env node
// The `vmcms` command line: commander definitions only. Each subcommand lives
// in src/commands/ and wires layers together; nothing here computes.

import { Command, CommanderError } from 'commander';
import { registerCpu } from './commands/cpu.js';
import { registerAsm } from './commands/asm.js';
import { registerTerminal } from './commands/terminal.js';
import { registerRexx } from './commands/rexx.js';
import { registerInit } from './commands/init.js';
import { registerSubmit } from './commands/submit.js';
import { registerBatch } from './commands/batch.js';
import { registerExec } from './commands/exec.js';
import { VERSION } from './version.js';

const program = new Command();
program
  .name('vmcms')
  .description('vmcms: a simulated IBM VM system (CP, CMS, 3270 terminals) on a System/370-390')
  .version(VERSION)
  .exitOverride();

registerCpu(program);
registerAsm(program);
registerTerminal(program);
registerRexx(program);
registerInit(program);
registerSubmit(program);
registerBatch(program);
registerExec(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // commander already printed its message; bad usage is exit 2 on the host CLI
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  throw err;
}
