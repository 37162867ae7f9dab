// The TN3270 server (RFC 1576): accepts TCP connections, negotiates
// TERMINAL-TYPE, EOR and BINARY, and hands each connection that reaches 3270
// mode to the host as a TerminalSession.
//
// Negotiation, as the server drives it:
//   1  DO TERMINAL-TYPE                    ◀ WILL TERMINAL-TYPE
//   2  SB TERMINAL-TYPE SEND SE            ◀ SB TERMINAL-TYPE IS "IBM-3279-2-E" SE
//   3  DO EOR, WILL EOR                    ◀ WILL EOR, DO EOR
//   4  DO BINARY, WILL BINARY              ◀ WILL BINARY, DO BINARY
//   then the host writes the first screen.
// TN3270E (RFC 2355) is never offered and refused when a client volunteers
// it; x3270-family clients then run plain TN3270. Every other option is
// refused (DO x -> WONT x, WILL x -> DONT x); acknowledgements are never
// acknowledged, so the two sides cannot loop (RFC 1143).

import net from 'node:net';
import { commandOf } from './codes.js';
import { applyInbound, parseInbound, replyKindOf, type InboundKind, type InboundRecord } from './inbound.js';
import { modelFromTerminalType, type TerminalModel } from './model.js';
import { applyOutbound } from './outbound.js';
import { Screen3270 } from './screen.js';
import { SessionEvents, type SessionHandler, type TerminalSession, type Unsubscribe } from './session.js';
import {
  frameRecord,
  negotiationBytes,
  subnegotiationBytes,
  Telnet,
  TelnetOption,
  TelnetParser,
  TerminalTypeCommand,
  type NegotiationVerb,
} from './telnet.js';

export interface Tn3270ServerOptions {
  /** Default 127.0.0.1: only this machine may connect unless the operator says otherwise. */
  readonly host?: string;
  /** Default 3270; 0 picks a free port. */
  readonly port?: number;
  /** Called for each connection that reached 3270 mode. */
  readonly onSession: SessionHandler;
  /** A connection that has not reached 3270 mode by then is dropped (default 15 s). */
  readonly negotiationTimeoutMs?: number;
  /** Outbound bytes a client may leave unread before it is dropped (default 4 MiB). */
  readonly maxUnsentBytes?: number;
  /** Diagnostics (default: none). */
  readonly log?: (message: string) => void;
}

/** An inbound record may not exceed this; a 27x132 Read Buffer reply with every position a field is ~7 KiB. */
const MAX_INBOUND_RECORD = 32 * 1024;

export class Tn3270Server {
  private readonly server: net.Server;
  private readonly connections = new Set<Tn3270Connection>();
  private counter = 0;
  private closing = false;

  constructor(private readonly options: Tn3270ServerOptions) {
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.maxConnections = 1000;
  }

  /** Start listening; rejects with the socket error (code EADDRINUSE when the port is taken). */
  listen(): Promise<{ host: string; port: number }> {
    const host = this.options.host ?? '127.0.0.1';
    const port = this.options.port ?? 3270;
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen({ host, port, exclusive: true }, () => {
        this.server.off('error', onError);
        this.server.on('error', (err) => this.options.log?.(`tn3270 server error: ${err.message}`));
        resolve(this.address);
      });
    });
  }

  get address(): { host: string; port: number } {
    const a = this.server.address();
    if (a === null || typeof a === 'string') throw new Error('TN3270 server is not listening');
    return { host: a.address, port: a.port };
  }

  /** The sessions in 3270 mode now. */
  get sessions(): TerminalSession[] {
    return [...this.connections].flatMap((c) => (c.session ? [c.session] : []));
  }

  /** Stop accepting, end every session (each host hears its end once), and close the listener. */
  async close(reason = 'server shutting down'): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const c of [...this.connections]) c.drop(reason);
    await closed;
  }

  private accept(socket: net.Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const name = `TN${String(++this.counter).padStart(4, '0')}`;
    const connection = new Tn3270Connection(socket, name, this.options, () => this.connections.delete(connection));
    this.connections.add(connection);
  }
}

/** Where an option stands on one side of the connection. */
type OptionState = 'no' | 'asked' | 'yes';

/** One TCP connection: negotiation first, then a session. */
class Tn3270Connection {
  session: Tn3270Session | null = null;
  private readonly parser: TelnetParser;
  private readonly them = new Map<number, OptionState>();
  private readonly us = new Map<number, OptionState>();
  private terminalType: string | null = null;
  private negotiationTimer: NodeJS.Timeout | null;
  private gone = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly name: string,
    private readonly options: Tn3270ServerOptions,
    private readonly forget: () => void,
  ) {
    this.parser = new TelnetParser(
      {
        record: (data) => this.session?.receive(data),
        negotiation: (verb, option) => this.negotiate(verb, option),
        subnegotiation: (option, data) => this.subnegotiate(option, data),
        overflow: (what, length) => this.options.log?.(`${name}: dropped a ${length}-byte ${what}`),
      },
      MAX_INBOUND_RECORD,
    );
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      try {
        this.parser.feed(chunk);
      } catch (err) {
        // a bug in vmcms, not the client's doing: drop only this connection
        this.options.log?.(`${name}: ${err instanceof Error ? err.message : String(err)}`);
        this.drop('internal error');
      }
    });
    socket.on('error', (err) => this.drop(`connection error: ${err.message}`));
    socket.on('close', () => this.drop('client disconnected'));
    this.negotiationTimer = setTimeout(() => this.drop('negotiation timed out'), options.negotiationTimeoutMs ?? 15000);
    this.ask(Telnet.DO, TelnetOption.TERMINAL_TYPE);
  }

  /** Send bytes unless the client has stopped reading; then drop it. */
  send(bytes: Buffer): void {
    if (this.gone) return;
    if (this.socket.writableLength > (this.options.maxUnsentBytes ?? 4 * 1024 * 1024)) {
      this.drop('client is not reading');
      return;
    }
    this.socket.write(bytes);
  }

  /** Close the connection and end the session, once. */
  drop(reason: string): void {
    if (this.gone) return;
    this.gone = true;
    if (this.negotiationTimer) clearTimeout(this.negotiationTimer);
    this.forget();
    this.socket.end();
    // a client that does not close its side is cut off shortly after
    setTimeout(() => this.socket.destroy(), 1000).unref();
    this.session?.connectionEnded(reason);
  }

  private ask(verb: typeof Telnet.DO | typeof Telnet.WILL, option: number): void {
    const side = verb === Telnet.DO ? this.them : this.us;
    if (side.get(option) === 'yes' || side.get(option) === 'asked') return;
    side.set(option, 'asked');
    this.send(negotiationBytes(verb, option));
  }

  private negotiate(verb: NegotiationVerb, option: number): void {
    const supportedByThem =
      option === TelnetOption.TERMINAL_TYPE || option === TelnetOption.EOR || option === TelnetOption.BINARY;
    const supportedByUs = option === TelnetOption.EOR || option === TelnetOption.BINARY;
    switch (verb) {
      case Telnet.WILL:
        if (!supportedByThem) return this.send(negotiationBytes(Telnet.DONT, option));
        if (this.them.get(option) !== 'asked' && this.them.get(option) !== 'yes') {
          this.send(negotiationBytes(Telnet.DO, option));
        }
        this.them.set(option, 'yes');
        if (option === TelnetOption.TERMINAL_TYPE && this.terminalType === null) {
          this.send(subnegotiationBytes(TelnetOption.TERMINAL_TYPE, Uint8Array.of(TerminalTypeCommand.SEND)));
        }
        break;
      case Telnet.DO:
        if (!supportedByUs) return this.send(negotiationBytes(Telnet.WONT, option));
        if (this.us.get(option) !== 'asked' && this.us.get(option) !== 'yes') {
          this.send(negotiationBytes(Telnet.WILL, option));
        }
        this.us.set(option, 'yes');
        break;
      case Telnet.WONT:
      case Telnet.DONT: {
        const side = verb === Telnet.WONT ? this.them : this.us;
        const was = side.get(option);
        side.set(option, 'no');
        if (was === 'yes' && verb === Telnet.WONT) this.send(negotiationBytes(Telnet.DONT, option));
        if (was === 'yes' && verb === Telnet.DONT) this.send(negotiationBytes(Telnet.WONT, option));
        if (supportedByThem || supportedByUs) {
          this.refuseNonTn3270(`the client refused telnet option ${option}: it is not a TN3270 terminal`);
        }
        return;
      }
    }
    this.checkIn3270();
  }

  private subnegotiate(option: number, data: Uint8Array): void {
    if (option !== TelnetOption.TERMINAL_TYPE || data[0] !== TerminalTypeCommand.IS || this.terminalType !== null)
      return;
    // the name is ASCII; keep printable characters only
    this.terminalType = String.fromCharCode(...data.subarray(1, 41)).replace(/[^\x21-\x7e]/g, '');
    this.ask(Telnet.DO, TelnetOption.EOR);
    this.ask(Telnet.WILL, TelnetOption.EOR);
    this.ask(Telnet.DO, TelnetOption.BINARY);
    this.ask(Telnet.WILL, TelnetOption.BINARY);
    this.checkIn3270();
  }

  /** 3270 mode: they do TERMINAL-TYPE, EOR and BINARY and we do EOR and BINARY (RFC 1576). */
  private checkIn3270(): void {
    if (this.session || this.gone || this.terminalType === null) return;
    const yes = (side: Map<number, OptionState>, o: number): boolean => side.get(o) === 'yes';
    if (
      !yes(this.them, TelnetOption.TERMINAL_TYPE) ||
      !yes(this.them, TelnetOption.EOR) ||
      !yes(this.them, TelnetOption.BINARY) ||
      !yes(this.us, TelnetOption.EOR) ||
      !yes(this.us, TelnetOption.BINARY)
    ) {
      return;
    }
    if (this.negotiationTimer) clearTimeout(this.negotiationTimer);
    this.negotiationTimer = null;
    const peer = `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}`;
    this.session = new Tn3270Session(this, this.name, peer, modelFromTerminalType(this.terminalType));
    try {
      this.options.onSession(this.session);
    } catch (err) {
      this.options.log?.(`${this.name}: host failed to take the session: ${err instanceof Error ? err.message : err}`);
      this.drop('host refused the session');
    }
  }

  private refuseNonTn3270(reason: string): void {
    if (this.session) return; // after 3270 mode a late refusal only matters if the client then stops working
    if (this.socket.writable) this.socket.write('\r\nThis is a TN3270 server: connect with a 3270 emulator.\r\n');
    this.drop(reason);
  }
}

/** The TerminalSession of a TN3270 connection. */
class Tn3270Session implements TerminalSession {
  readonly screen: Screen3270;
  private readonly events = new SessionEvents();
  /** Kinds of the read replies the client owes, oldest first. */
  private readonly pendingReads: InboundKind[] = [];

  constructor(
    private readonly connection: Tn3270Connection,
    readonly name: string,
    readonly peer: string,
    readonly model: TerminalModel,
  ) {
    this.screen = new Screen3270(model);
  }

  get ended(): boolean {
    return this.events.ended;
  }

  write(record: Uint8Array): void {
    if (this.ended) return;
    const command = commandOf(record[0] ?? -1);
    const kind = command && replyKindOf(command);
    if (kind) this.pendingReads.push(kind);
    else applyOutbound(this.screen, record);
    this.connection.send(frameRecord(record));
  }

  onInbound(listener: (record: InboundRecord) => void): Unsubscribe {
    return this.events.onInbound(listener);
  }

  onEnd(listener: (reason: string) => void): Unsubscribe {
    return this.events.onEnd(listener);
  }

  close(reason = 'closed by the host'): void {
    this.connection.drop(reason);
  }

  /** An inbound record from the client. */
  receive(data: Uint8Array): void {
    if (this.ended || data.length === 0) return;
    const record = parseInbound(data, this.pendingReads.shift() ?? 'aid');
    applyInbound(this.screen, record);
    this.events.emitInbound(record);
  }

  /** Called by the connection when it is gone. */
  connectionEnded(reason: string): void {
    this.events.end(reason);
  }
}
