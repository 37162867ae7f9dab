// `vmcms submit DECK --to USER [--data DIR]`: put a deck into a user's
// reader on the system running on the data directory. The running system's
// lock names its socket card reader; the deck (text or 80-byte EBCDIC card
// images) goes there with an ID card for USER in front (cp/spool/deck.ts),
// and CP's one-line answer is printed. Exit 0 when the deck was spooled, 2
// when no system runs there or CP refused the deck.

import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { idCardText, withIdCard } from '../../cp/spool/deck.js';
import { DEFAULT_DATA_DIR, dataDirectoryLayout } from '../data-dir.js';
import { readLock } from '../lock.js';
import { fail } from './fail.js';

/** Send a deck to a socket reader; resolves with CP's answer line. */
export function sendDeck(host: string, port: number, deck: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => socket.end(deck));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').trim()));
    socket.on('error', reject);
  });
}

/** `hello.assemble` -> HELLO ASSEMBLE, for the file's NAME and TYPE. */
function nameAndType(path: string): [string, string] {
  const [fn, ft] = basename(path).toUpperCase().split('.');
  const clean = (s: string | undefined): string => (s ?? '').replace(/[^A-Z0-9$#@]/g, '').slice(0, 8);
  return [clean(fn), clean(ft)];
}

export function registerSubmit(program: Command): void {
  program
    .command('submit')
    .description("put a deck (text or 80-byte EBCDIC cards) into a user's reader on the running system")
    .argument('<deck>', 'the deck file')
    .requiredOption('--to <userid>', 'whose reader')
    .option('--data <dir>', 'data directory of the running system', DEFAULT_DATA_DIR)
    .action(async (deckPath: string, opts: { to: string; data: string }) => {
      const root = dataDirectoryLayout(opts.data).root;
      const lock = readLock(root);
      if (!lock) fail(`no vmcms system is running on ${root}`);
      if (!lock.reader) fail(`the system on ${root} (process ${lock.pid}) has no socket reader`);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(deckPath));
      } catch (err) {
        fail(`cannot read ${deckPath}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const [name, type] = nameAndType(deckPath);
      const deck = withIdCard(bytes, idCardText(opts.to, name, type || 'DECK'));
      let answer: string;
      try {
        answer = await sendDeck(lock.reader.host, lock.reader.port, deck);
      } catch (err) {
        fail(`cannot reach the reader at ${lock.reader.host}:${lock.reader.port}: ${(err as Error).message}`);
      }
      if (!answer.startsWith('RDR FILE')) fail(answer || 'the reader gave no answer');
      console.log(answer);
    });
}
