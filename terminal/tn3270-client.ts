// A minimal TN3270 client: it negotiates as an x3270-family terminal does,
// keeps its own Screen3270 up to date from the records it receives, and sends
// AID keys from that screen. The benchmark and the tests use it to play many
// terminals at once without a real emulator.

import net from 'node:net';
import { applyOutbound } from './outbound.js';
import * as keyboard from './keyboard.js';
import { modelFromTerminalType } from './model.js';
import { Screen3270 } from './screen.js';
import {
  frameRecord,
  negotiationBytes,
  subnegotiationBytes,
  Telnet,
  TelnetOption,
  TelnetParser,
  TerminalTypeCommand,
} from './telnet.js';

export interface Tn3270ClientOptions {
  readonly host?: string;
  readonly port: number;
  /** The terminal type to announce (default IBM-3279-2-E). */
  readonly terminalType?: string;
  /** Keep `screen` up to date from the host's records (default true; a load generator turns it off). */
  readonly applyRecords?: boolean;
}

export class Tn3270Client {
  readonly screen: Screen3270;
  private readonly socket: net.Socket;
  private readonly parser: TelnetParser;
  private readonly waiting: Array<(record: Uint8Array) => void> = [];
  private readonly queued: Uint8Array[] = [];
  private closedReason: string | null = null;
  private readonly closeWaiters: Array<() => void> = [];

  private constructor(
    socket: net.Socket,
    terminalType: string,
    private readonly applyRecords: boolean,
  ) {
    this.socket = socket;
    this.screen = new Screen3270(modelFromTerminalType(terminalType));
    this.parser = new TelnetParser({
      record: (data) => this.received(data),
      negotiation: (verb, option) => {
        const supported =
          option === TelnetOption.BINARY || option === TelnetOption.EOR || option === TelnetOption.TERMINAL_TYPE;
        if (verb === Telnet.DO) socket.write(negotiationBytes(supported ? Telnet.WILL : Telnet.WONT, option));
        if (verb === Telnet.WILL) socket.write(negotiationBytes(supported ? Telnet.DO : Telnet.DONT, option));
      },
      subnegotiation: (option, data) => {
        if (option === TelnetOption.TERMINAL_TYPE && data[0] === TerminalTypeCommand.SEND) {
          const name = Buffer.from(terminalType, 'ascii');
          socket.write(subnegotiationBytes(option, Uint8Array.of(TerminalTypeCommand.IS, ...name)));
        }
      },
      overflow: () => undefined,
    });
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.parser.feed(chunk));
    socket.on('error', (err) => this.closed(err.message));
    socket.on('close', () => this.closed('closed'));
  }

  /** Connect and wait for the first record (the host's first screen), as s3270's Connect() does. */
  static async connect(options: Tn3270ClientOptions): Promise<Tn3270Client> {
    const socket = net.connect({ host: options.host ?? '127.0.0.1', port: options.port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    const client = new Tn3270Client(socket, options.terminalType ?? 'IBM-3279-2-E', options.applyRecords ?? true);
    await client.nextRecord();
    return client;
  }

  /** The next outbound record the host sends (already applied to `screen`). */
  nextRecord(timeoutMs = 5000): Promise<Uint8Array> {
    const ready = this.queued.shift();
    if (ready) return Promise.resolve(ready);
    if (this.closedReason !== null) return Promise.reject(new Error(`connection ${this.closedReason}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no record from the host in time')), timeoutMs);
      this.waiting.push((record) => {
        clearTimeout(timer);
        if (record.length === 0 && this.closedReason !== null) reject(new Error(`connection ${this.closedReason}`));
        else resolve(record);
      });
    });
  }

  /** Type EBCDIC bytes at the cursor. */
  type(bytes: Uint8Array): number {
    return keyboard.typeBytes(this.screen, bytes);
  }

  /** Press an AID key: the inbound record goes to the host. False if the keyboard is locked. */
  pressAid(aid: number): boolean {
    const record = keyboard.pressAid(this.screen, aid);
    if (!record) return false;
    this.socket.write(frameRecord(record));
    return true;
  }

  /** Send a ready-made inbound record (framed here), bypassing the screen and keyboard. */
  sendRecord(record: Uint8Array): void {
    this.socket.write(frameRecord(record));
  }

  /** Send raw bytes (for robustness tests). */
  sendRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** Resolves when the host has closed the connection. */
  whenClosed(): Promise<string> {
    if (this.closedReason !== null) return Promise.resolve(this.closedReason);
    return new Promise((resolve) => this.closeWaiters.push(() => resolve(this.closedReason ?? 'closed')));
  }

  close(): void {
    this.socket.destroy();
  }

  private received(record: Uint8Array): void {
    if (this.applyRecords) {
      const result = applyOutbound(this.screen, record);
      if (result.reply) this.socket.write(frameRecord(result.reply));
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(record);
    else this.queued.push(record);
  }

  private closed(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    for (const w of this.waiting.splice(0)) w(new Uint8Array(0));
    for (const w of this.closeWaiters.splice(0)) w();
  }
}
