import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DirectoryError } from '../../cp/directory.js';
import { DEFAULT_DATA_DIR, openDataDirectory } from '../data-dir.js';
import { fail } from './fail.js';

/** `vmcms init [--data DIR] [--directory FILE]`: create the data directory. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create the data directory (user directory with hashed passwords, DASD volumes)')
    .option('--data <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('--directory <file>', 'your own USER DIRECT source instead of the sample directory')
    .action((opts: { data: string; directory?: string }) => {
      let source: string | undefined;
      if (opts.directory) {
        try {
          source = readFileSync(opts.directory, 'utf8');
        } catch (err) {
          fail(`cannot read ${opts.directory}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
        }
      }
      try {
        const opened = openDataDirectory(opts.data, source);
        const users = opened.directory.entries.size;
        console.log(
          opened.created
            ? `vmcms: created ${opened.layout.root} with ${users} users`
            : `vmcms: ${opened.layout.root} already exists (${users} users); nothing changed`,
        );
        for (const volser of opened.volumesCreated) console.log(`vmcms: created volume ${volser}`);
      } catch (err) {
        if (err instanceof DirectoryError) fail(err.problems.join('\n'));
        throw err;
      }
    });
}
