// A socket card reader: the system reader fed from the network, as a real
// 2540 was fed by the operator. A client connects, sends one deck (see
// deck.ts; the first card names the user) and closes its side; CP spools
// the deck to that user's reader and answers with one line before closing:
//
//   RDR FILE 0007 SPOOLED TO USER1    RECS 000012
//   or an error message (no ID card, user not in the directory, spool full).
//
//   nc -N 127.0.0.1 PORT < deck       (what `vmcms submit` does for you)
//
// Binds 127.0.0.1 by default. A deck larger than MAX_DECK is refused.

import { createServer, type Server, type Socket } from 'node:net';
import type { Directory } from '../directory.js';
import { formatCpMessage } from '../messages.js';
import { parseDeck } from './deck.js';
import { spoolidText, type Spooler } from './spooler.js';

/** 16 MB: 200,000 cards of text. */
export const MAX_DECK = 16 * 1024 * 1024;

/** Spool one deck; the reply line. */
export function readDeck(spooler: Spooler, directory: Directory, bytes: Uint8Array): { ok: boolean; reply: string } {
  const deck = parseDeck(bytes);
  if (!deck.ok) {
    return {
      ok: false,
      reply: formatCpMessage(deck.why === 'no-id-card' ? 'deckNoIdCard' : 'deckBadIdCard', []) ?? '',
    };
  }
  const { id, cards } = deck;
  const entry = directory.entries.get(id.userid);
  if (!entry || entry.password.toUpperCase() === 'NOLOG') {
    return { ok: false, reply: formatCpMessage('deckUserNotInDirectory', [id.userid]) ?? '' };
  }
  const file = spooler.enterDeck(id.userid, cards, id.name, id.type, 'SYSTEM', id.spoolClass);
  if (file === 'full') return { ok: false, reply: formatCpMessage('spoolFull', [id.userid]) ?? '' };
  return {
    ok: true,
    reply: `RDR FILE ${spoolidText(file.spoolid)} SPOOLED TO ${id.userid.padEnd(8)} RECS ${String(file.records).padStart(6, '0')}`,
  };
}

export class SocketReader {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly spooler: Spooler,
    private readonly directory: () => Directory,
  ) {
    this.server = createServer((socket) => this.connection(socket));
  }

  /** Listen; resolves with the port (0 picks a free one). */
  listen(port: number, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const address = this.server.address();
        resolve({ host, port: typeof address === 'object' && address ? address.port : port });
      });
    });
  }

  private connection(socket: Socket): void {
    this.sockets.add(socket);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DECK) {
        if (!refused) socket.end(`${formatCpMessage('deckTooLarge', []) ?? ''}\n`);
        refused = true;
        return;
      }
      chunks.push(chunk);
    });
    socket.on('end', () => {
      if (refused) return;
      const { reply } = readDeck(this.spooler, this.directory(), new Uint8Array(Buffer.concat(chunks)));
      socket.end(`${reply}\n`);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  close(): void {
    for (const s of this.sockets) s.destroy();
    this.server.close();
  }
}
