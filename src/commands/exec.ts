// `vmcms exec --user USERID [--password PW] [--data DIR] CMD...`: log a user
// on with no terminal, run each command as if typed, print what the console
// shows, log off, and exit with the last command's return code (CMS's ready
// message; a CP error's number at CP READ). The password comes from
// VMCMS_PASSWORD, or is asked for on the terminal with echo off; --password
// exists for scripts that have no other way, and is never required.

import type { Command } from 'commander';
import { DEFAULT_DATA_DIR } from '../data-dir.js';
import { DataDirectoryInUseError } from '../lock.js';
import { exitStatus } from '../batch/run-job.js';
import { execCommands } from '../batch/exec-session.js';
import { fail } from './fail.js';

/** Ask for the password on the controlling terminal without echoing it. */
function promptPassword(userid: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) fail(`no password for ${userid}: set VMCMS_PASSWORD or run at a terminal`);
  return new Promise((resolve) => {
    process.stderr.write(`Password for ${userid}: `);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export function registerExec(program: Command): void {
  program
    .command('exec')
    .description('log a user on headless, run each command as if typed, print the responses')
    .argument('<commands...>', 'the commands, one argument each (quote them)')
    .requiredOption('--user <userid>', 'who logs on')
    .option('--password <password>', 'the password (better: VMCMS_PASSWORD, or the prompt)')
    .option('--data <dir>', 'data directory (a running system on it is used through TN3270)', DEFAULT_DATA_DIR)
    .action(async (commands: string[], opts: { user: string; password?: string; data: string }) => {
      const password = opts.password ?? process.env.VMCMS_PASSWORD ?? (await promptPassword(opts.user.toUpperCase()));
      try {
        const result = await execCommands({
          dataDir: opts.data,
          userid: opts.user,
          password,
          commands,
          onLine: (line) => process.stdout.write(`${line}\n`),
        });
        if (result.logonFailed) process.stderr.write(`vmcms exec: ${opts.user.toUpperCase()} was not logged on\n`);
        process.exitCode = exitStatus(result.rc);
      } catch (err) {
        if (err instanceof DataDirectoryInUseError) fail(err.message);
        fail((err as Error).message);
      }
    });
}
