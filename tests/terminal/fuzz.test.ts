// Robustness: random and truncated byte sequences at the outbound parser and
// at the TN3270 server. Nothing may throw or crash, and a well-behaved client
// connected alongside keeps being served. The random source is seeded so a
// failure can be replayed.

import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataStream } from '../../terminal/builder.js';
import { parseInbound, readModified } from '../../terminal/inbound.js';
import * as kb from '../../terminal/keyboard.js';
import { terminalModel } from '../../terminal/model.js';
import { applyOutbound } from '../../terminal/outbound.js';
import { Screen3270 } from '../../terminal/screen.js';
import type { TerminalSession } from '../../terminal/session.js';
import { Tn3270Client } from '../../terminal/tn3270-client.js';
import { Tn3270Server } from '../../terminal/tn3270-server.js';
import { e } from './helpers.js';

/** xorshift32: deterministic random bytes. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return {
    int: (n: number) => next() % n,
    bytes: (n: number) => Uint8Array.from({ length: n }, () => next() & 0xff),
  };
}

/** Bytes that look like a data stream: commands, orders and addresses more often than chance. */
function plausibleRecord(r: ReturnType<typeof random>): Uint8Array {
  const pieces = [
    0xf1, 0xf5, 0x7e, 0x6f, 0xf2, 0xf6, 0x6e, 0x01, 0x05, 0x0d, 0x1d, 0x29, 0x11, 0x13, 0x05, 0x3c, 0x12, 0x28, 0x2c,
    0x08, 0xc3, 0x40, 0x7f, 0xff, 0x00,
  ];
  const out: number[] = [];
  const n = r.int(60);
  for (let k = 0; k < n; k++) out.push(r.int(3) === 0 ? r.int(256) : pieces[r.int(pieces.length)]);
  return Uint8Array.from(out);
}

describe('outbound parser fuzz', () => {
  it('5,000 random and truncated records never throw and leave a consistent screen', () => {
    const r = random(0x3270);
    for (const model of [2, 4, 5] as const) {
      const screen = new Screen3270(terminalModel(model));
      for (let k = 0; k < 5000 / 3; k++) {
        const full = r.int(2) ? plausibleRecord(r) : r.bytes(r.int(40));
        const record = full.subarray(0, r.int(full.length + 1));
        applyOutbound(screen, record);
        expect(screen.cursor).toBeLessThan(screen.size);
        expect(screen.rows * screen.cols).toBeLessThanOrEqual(screen.capacity);
        // the inbound side copes with whatever the screen now holds
        const reply = readModified(screen, 0x7d, false);
        expect(parseInbound(reply).cursor).toBe(screen.cursor);
        if (k % 7 === 0) {
          screen.systemLock = false;
          screen.operatorError = null;
          kb.typeChar(screen, r.int(256));
          kb.tab(screen);
          kb.eraseEof(screen);
        }
      }
    }
  });

  it('random inbound records never throw', () => {
    const r = random(7);
    for (let k = 0; k < 3000; k++) parseInbound(r.bytes(r.int(30)), k % 2 ? 'aid' : 'readBuffer');
  });
});

describe('TN3270 server fuzz', () => {
  let server: Tn3270Server;
  let port = 0;
  const sessions: TerminalSession[] = [];

  beforeAll(async () => {
    server = new Tn3270Server({
      port: 0,
      negotiationTimeoutMs: 500,
      onSession: (session) => {
        sessions.push(session);
        const paint = () =>
          session.write(new DataStream('eraseWrite', 0x03).sba(0).sf(0x20).text('FUZZ').sba(80).sf(0).ic().bytes());
        session.onInbound((rec) => {
          if (rec.kind === 'aid') paint();
        });
        paint();
      },
    });
    port = (await server.listen()).port;
  });
  afterAll(async () => {
    await server.close();
  });

  /** A raw connection that sends `chunks` and then closes (or is closed). */
  function attack(chunks: Uint8Array[]): Promise<void> {
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
      socket.on('data', () => undefined);
      socket.on('connect', () => {
        for (const c of chunks) socket.write(c);
        setTimeout(() => socket.destroy(), 20);
      });
    });
  }

  const NEGOTIATE = Uint8Array.from([
    0xff,
    0xfb,
    0x18,
    0xff,
    0xfa,
    0x18,
    0x00,
    ...Buffer.from('IBM-3279-2-E'),
    0xff,
    0xf0,
    0xff,
    0xfb,
    0x19,
    0xff,
    0xfd,
    0x19,
    0xff,
    0xfb,
    0x00,
    0xff,
    0xfd,
    0x00,
  ]);

  it('survives thousands of random, truncated and half-negotiated byte sequences while a good client keeps working', async () => {
    const good = await Tn3270Client.connect({ port });
    const r = random(42);
    let rounds = 0;
    for (let wave = 0; wave < 10; wave++) {
      const attacks: Array<Promise<void>> = [];
      for (let k = 0; k < 30; k++) {
        const chunks: Uint8Array[] = [];
        const mode = r.int(4);
        if (mode >= 1) chunks.push(NEGOTIATE.subarray(0, mode === 1 ? r.int(NEGOTIATE.length) : NEGOTIATE.length));
        for (let j = 0; j < 10; j++) {
          const junk = r.int(2) ? plausibleRecord(r) : r.bytes(r.int(200));
          chunks.push(junk, r.int(2) ? Uint8Array.of(0xff, 0xef) : r.bytes(r.int(3)));
          rounds++;
        }
        attacks.push(attack(chunks));
      }
      await Promise.all(attacks);
      // the well-behaved client is still served: type, Enter, get the repaint
      good.type(Uint8Array.from(e(`W${wave}`)));
      expect(good.pressAid(0x7d)).toBe(true);
      await good.nextRecord();
      expect(good.screen.systemLock).toBe(false);
    }
    expect(rounds).toBeGreaterThanOrEqual(3000);
    const goodSession = sessions[0];
    expect(goodSession.ended).toBe(false);
    good.close();
  });
});
