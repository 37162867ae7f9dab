import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DataStream } from '../../terminal/builder.js';
import { Wcc } from '../../terminal/codes.js';
import type { InboundRecord, TerminalSession } from '../../terminal/session.js';
import { Tn3270Client } from '../../terminal/tn3270-client.js';
import { Tn3270Server } from '../../terminal/tn3270-server.js';
import { LocalSession } from '../../terminal/local-session.js';
import { terminalModel } from '../../terminal/model.js';
import type { Screen3270 } from '../../terminal/screen.js';
import { e } from './helpers.js';

/** A host that paints one input field and records what it hears. */
class RecordingHost {
  readonly sessions: TerminalSession[] = [];
  readonly inbound: Array<{ session: string; record: InboundRecord }> = [];
  readonly ends: Array<{ session: string; reason: string }> = [];
  private waiters: Array<() => void> = [];

  readonly onSession = (session: TerminalSession): void => {
    this.sessions.push(session);
    session.onInbound((record) => {
      this.inbound.push({ session: session.name, record });
      if (record.kind === 'aid') this.paint(session);
      this.wake();
    });
    session.onEnd((reason) => {
      this.ends.push({ session: session.name, reason });
      this.wake();
    });
    this.paint(session);
    this.wake();
  };

  paint(session: TerminalSession): void {
    session.write(
      new DataStream('eraseWrite', Wcc.keyboardRestore | Wcc.resetMdt)
        .sba(0)
        .sf(0x20)
        .text(`HELLO ${session.name}`)
        .sba(174)
        .sf(0)
        .ic()
        .sba(200)
        .sf(0x20)
        .bytes(),
    );
  }

  /** Wait until a condition holds (bounded). */
  async until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

let server: Tn3270Server | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function startServer(host: RecordingHost, options: { negotiationTimeoutMs?: number } = {}) {
  server = new Tn3270Server({ port: 0, onSession: host.onSession, ...options });
  return (await server.listen()).port;
}

/** A raw socket that collects everything the server sends. */
async function rawConnect(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  const received: number[] = [];
  socket.on('data', (d) => received.push(...d));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const waitFor = async (n: number, timeoutMs = 3000): Promise<number[]> => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return received.splice(0, n);
  };
  return { socket, received, waitFor, closed };
}

describe('TN3270 negotiation', () => {
  it('drives TERMINAL-TYPE, then EOR and BINARY, exactly in the RFC 1576 order, then the host writes', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const c = await rawConnect(port);
    expect(await c.waitFor(3)).toEqual([0xff, 0xfd, 0x18]); // DO TERMINAL-TYPE
    c.socket.write(Buffer.of(0xff, 0xfb, 0x18));
    expect(await c.waitFor(6)).toEqual([0xff, 0xfa, 0x18, 0x01, 0xff, 0xf0]); // SB TTYPE SEND SE
    c.socket.write(Buffer.from([0xff, 0xfa, 0x18, 0x00, ...Buffer.from('IBM-3278-4'), 0xff, 0xf0]));
    // DO EOR, WILL EOR, DO BINARY, WILL BINARY
    expect(await c.waitFor(12)).toEqual([0xff, 0xfd, 0x19, 0xff, 0xfb, 0x19, 0xff, 0xfd, 0x00, 0xff, 0xfb, 0x00]);
    expect(host.sessions).toHaveLength(0);
    c.socket.write(Buffer.of(0xff, 0xfb, 0x19, 0xff, 0xfd, 0x19, 0xff, 0xfb, 0x00, 0xff, 0xfd, 0x00));
    await host.until(() => host.sessions.length === 1);
    const first = await c.waitFor(2);
    expect(first).toEqual([0xf5, 0xc3]); // the host's Erase/Write arrives right away
    expect(host.sessions[0].model).toMatchObject({ model: 4, alternateRows: 43, color: false, extended: false });
    c.socket.destroy();
  });

  it('refuses TN3270E and any other option, without acknowledging acknowledgements', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const c = await rawConnect(port);
    await c.waitFor(3);
    c.socket.write(Buffer.of(0xff, 0xfb, 0x28, 0xff, 0xfd, 0x01, 0xff, 0xfb, 0x1f)); // WILL TN3270E, DO ECHO, WILL NAWS
    expect(await c.waitFor(9)).toEqual([0xff, 0xfe, 0x28, 0xff, 0xfc, 0x01, 0xff, 0xfe, 0x1f]);
    c.socket.write(Buffer.of(0xff, 0xfc, 0x28)); // WONT TN3270E: nothing more to say
    await new Promise((r) => setTimeout(r, 100));
    expect(c.received).toEqual([]);
    c.socket.destroy();
  });

  it('drops a client that refuses TERMINAL-TYPE, telling it why', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const c = await rawConnect(port);
    await c.waitFor(3);
    c.socket.write(Buffer.of(0xff, 0xfc, 0x18));
    await c.closed;
    expect(Buffer.from(c.received).toString()).toContain('TN3270 server');
    expect(host.sessions).toHaveLength(0);
  });

  it('drops a half negotiation after the timeout', async () => {
    const host = new RecordingHost();
    const port = await startServer(host, { negotiationTimeoutMs: 200 });
    const c = await rawConnect(port);
    await c.closed;
    expect(host.sessions).toHaveLength(0);
  });

  it.each([
    ['IBM-3279-2-E', 2, 24, 80, true],
    ['IBM-3278-3', 3, 32, 80, false],
    ['IBM-3279-5-E', 5, 27, 132, true],
    ['IBM-DYNAMIC', 2, 24, 80, false],
  ])('terminal type %s is a model %i with alternate size %ix%i', async (type, model, rows, cols, color) => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const client = await Tn3270Client.connect({ port, terminalType: type });
    expect(host.sessions[0].model).toMatchObject({
      model,
      alternateRows: rows,
      alternateCols: cols,
      color,
      terminalType: type,
    });
    client.close();
  });
});

describe('TN3270 sessions', () => {
  it('delivers AIDs with the modified fields, and the client and host screens agree', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const client = await Tn3270Client.connect({ port });
    expect(client.screen.cursor).toBe(175);
    client.type(Uint8Array.from(e('MAINT')));
    client.pressAid(0xf5);
    await host.until(() => host.inbound.length === 1);
    const { record } = host.inbound[0];
    expect([record.aidName, record.cursor]).toEqual(['PF5', 180]);
    expect(record.fields.map((f) => [f.address, [...f.data]])).toEqual([[175, e('MAINT')]]);
    await client.nextRecord();
    const session = host.sessions[0];
    expect(Array.from(session.screen.chars.subarray(0, 1920))).toEqual(
      Array.from(client.screen.chars.subarray(0, 1920)),
    );
    client.close();
  });

  it('a local session and a TN3270 client show the same screen for the same data stream', async () => {
    const stream = new DataStream('eraseWriteAlternate', Wcc.keyboardRestore, 3440)
      .at(0, 10)
      .sfe(0x28, [0x42, 0xf2])
      .text('SAME SCREEN')
      .at(42, 0)
      .sf(0)
      .ra(3439, 0x5c)
      .ic()
      .bytes();
    const host = (session: TerminalSession) => session.write(stream);
    server = new Tn3270Server({ port: 0, onSession: host });
    const { port } = await server.listen();
    const client = await Tn3270Client.connect({ port, terminalType: 'IBM-3279-4-E' });
    const local = new LocalSession('L0001', terminalModel(4));
    host(local);
    const text = (s: Screen3270) => s.text((b) => String.fromCharCode(b)).join('\n');
    expect(text(client.screen)).toBe(text(local.screen));
    expect(client.screen.cursor).toBe(local.screen.cursor);
    expect([...client.screen.foreground]).toEqual([...local.screen.foreground]);
    expect(local.screen.rows).toBe(43);
    client.close();
  });

  it('labels the reply to a read command with its kind', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const client = await Tn3270Client.connect({ port });
    host.sessions[0].write(Uint8Array.of(0xf2));
    await host.until(() => host.inbound.length === 1);
    expect(host.inbound[0].record.kind).toBe('readBuffer');
    expect(host.inbound[0].record.buffer?.length).toBe(1920 + 3);
    client.close();
  });

  it('reports a dropped client to the host exactly once', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const client = await Tn3270Client.connect({ port });
    client.close();
    await host.until(() => host.ends.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(host.ends).toEqual([{ session: 'TN0001', reason: 'client disconnected' }]);
    expect(host.sessions[0].ended).toBe(true);
    host.sessions[0].write(Uint8Array.of(0xf1, 0xc2)); // harmless after the end
  });

  it('the host can end a session; the client sees the connection close', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const client = await Tn3270Client.connect({ port });
    host.sessions[0].close('LOGOFF');
    await client.whenClosed();
    expect(host.ends).toEqual([{ session: 'TN0001', reason: 'LOGOFF' }]);
  });

  it('serves many concurrent sessions independently, and close() ends them all', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const clients = await Promise.all(Array.from({ length: 20 }, () => Tn3270Client.connect({ port })));
    expect(new Set(host.sessions.map((s) => s.name)).size).toBe(20);
    clients.forEach((c, i) => {
      c.type(Uint8Array.from(e(`U${i}`)));
      c.pressAid(0x7d);
    });
    await host.until(() => host.inbound.length === 20);
    for (const { session, record } of host.inbound) {
      const i = host.sessions.findIndex((s) => s.name === session);
      expect(record.fields[0].data).toEqual(Uint8Array.from(e(`U${i}`)));
    }
    await server?.close();
    server = null;
    await host.until(() => host.ends.length === 20);
    expect(host.ends.every((x) => x.reason === 'server shutting down')).toBe(true);
  });

  it('a disconnect in the middle of a record ends the session once and delivers nothing', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const client = await Tn3270Client.connect({ port });
    client.sendRaw(Uint8Array.from([0x7d, 0x40, 0x40, 0x11, 0xff, 0xff]));
    client.close();
    await host.until(() => host.ends.length === 1);
    expect(host.inbound).toEqual([]);
  });

  it('a record of 1 MB is dropped without harming the session', async () => {
    const host = new RecordingHost();
    const port = await startServer(host);
    const client = await Tn3270Client.connect({ port });
    client.sendRaw(Buffer.concat([Buffer.alloc(1024 * 1024, 0x40), Buffer.of(0xff, 0xef)]));
    client.type(Uint8Array.from(e('OK')));
    client.pressAid(0x7d);
    await host.until(() => host.inbound.length === 1);
    expect(host.inbound[0].record.fields[0].data).toEqual(Uint8Array.from(e('OK')));
    client.close();
  });
});
