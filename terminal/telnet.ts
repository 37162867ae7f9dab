// The telnet layer of TN3270 (RFC 854 telnet, 856 BINARY, 885 END-OF-RECORD,
// 1091 TERMINAL-TYPE, and RFC 1576 for how TN3270 uses them).
//
// TCP delivers a byte stream: one read may hold half a record, or several
// records and commands. TelnetParser is a state machine over that stream:
//
//   data ──IAC──▶ iac ──IAC──▶ data (one X'FF' data byte)
//                     ──EOR──▶ data (the record so far is complete)
//                     ──WILL/WONT/DO/DONT──▶ option ──opt──▶ data
//                     ──SB──▶ sb ──IAC──▶ sbIac ──SE──▶ data
//
// Records and subnegotiations are bounded; a longer one is discarded up to
// its end and reported, so no client can make the server hold unbounded memory.

export const Telnet = {
  IAC: 0xff,
  DONT: 0xfe,
  DO: 0xfd,
  WONT: 0xfc,
  WILL: 0xfb,
  SB: 0xfa,
  SE: 0xf0,
  NOP: 0xf1,
  EOR: 0xef,
} as const;

export const TelnetOption = {
  BINARY: 0x00,
  TERMINAL_TYPE: 0x18,
  EOR: 0x19,
  TN3270E: 0x28,
} as const;

/** TERMINAL-TYPE subnegotiation commands (RFC 1091). */
export const TerminalTypeCommand = { IS: 0x00, SEND: 0x01 } as const;

export type NegotiationVerb = typeof Telnet.WILL | typeof Telnet.WONT | typeof Telnet.DO | typeof Telnet.DONT;

export interface TelnetHandlers {
  /** A complete record (IAC EOR seen), IAC doubling undone. */
  record(data: Uint8Array): void;
  /** WILL/WONT/DO/DONT option. */
  negotiation(verb: NegotiationVerb, option: number): void;
  /** SB option ... SE, contents unescaped (the option byte is `option`, not part of `data`). */
  subnegotiation(option: number, data: Uint8Array): void;
  /** A record or subnegotiation longer than allowed was dropped. */
  overflow(what: 'record' | 'subnegotiation', length: number): void;
}

/** A one-byte X'FF', for an undoubled IAC IAC. */
const IAC_BYTE = Uint8Array.of(0xff);

const enum State {
  Data,
  Iac,
  Option,
  Sb,
  SbIac,
}

export class TelnetParser {
  private state = State.Data;
  private verb: NegotiationVerb = Telnet.WILL;
  private record: Uint8Array;
  private recordLength = 0;
  private recordOverflow = 0;
  private readonly sb = new Uint8Array(256);
  private sbLength = 0;
  private sbOverflow = 0;

  constructor(
    private readonly handlers: TelnetHandlers,
    private readonly maxRecord = 64 * 1024,
  ) {
    this.record = new Uint8Array(Math.min(4096, maxRecord));
  }

  /** Feed the next bytes from the connection. */
  feed(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === State.Data) {
        // copy the run of data up to the next IAC in one step: records are mostly plain data
        const next = chunk.indexOf(Telnet.IAC, i);
        const end = next < 0 ? chunk.length : next;
        this.addData(chunk, i, end);
        if (next < 0) return;
        this.state = State.Iac;
        i = next + 1;
        continue;
      }
      const b = chunk[i++];
      switch (this.state) {
        case State.Iac:
          this.afterIac(b);
          break;
        case State.Option:
          this.state = State.Data;
          this.handlers.negotiation(this.verb, b);
          break;
        case State.Sb:
          if (b === Telnet.IAC) this.state = State.SbIac;
          else this.addSb(b);
          break;
        case State.SbIac:
          if (b === Telnet.SE) {
            this.state = State.Data;
            this.endSb();
          } else {
            // IAC IAC inside SB is a data X'FF'; anything else is a malformed SB we keep reading
            this.state = State.Sb;
            if (b === Telnet.IAC) this.addSb(b);
          }
          break;
      }
    }
  }

  private afterIac(b: number): void {
    this.state = State.Data;
    switch (b) {
      case Telnet.IAC:
        this.addData(IAC_BYTE, 0, 1);
        break;
      case Telnet.EOR:
        this.endRecord();
        break;
      case Telnet.WILL:
      case Telnet.WONT:
      case Telnet.DO:
      case Telnet.DONT:
        this.verb = b;
        this.state = State.Option;
        break;
      case Telnet.SB:
        this.sbLength = 0;
        this.sbOverflow = 0;
        this.state = State.Sb;
        break;
      // NOP, and commands meaningless in a 3270 session (AYT, IP, BRK, GA ...), are ignored
    }
  }

  /** Append bytes [start, end) of `from` to the record, up to the limit; the excess is only counted. */
  private addData(from: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    const room = this.maxRecord - this.recordLength;
    const take = Math.min(n, room);
    this.recordOverflow += n - take;
    if (take === 0) return;
    if (this.recordLength + take > this.record.length) {
      const bigger = new Uint8Array(
        Math.min(Math.max(this.record.length * 2, this.recordLength + take), this.maxRecord),
      );
      bigger.set(this.record.subarray(0, this.recordLength));
      this.record = bigger;
    }
    this.record.set(from.subarray(start, start + take), this.recordLength);
    this.recordLength += take;
  }

  private endRecord(): void {
    const length = this.recordLength + this.recordOverflow;
    const overflow = this.recordOverflow > 0;
    const data = this.record.slice(0, this.recordLength);
    this.recordLength = 0;
    this.recordOverflow = 0;
    if (this.record.length > 4096) this.record = new Uint8Array(4096);
    if (overflow) this.handlers.overflow('record', length);
    else this.handlers.record(data);
  }

  private addSb(b: number): void {
    if (this.sbLength < this.sb.length) this.sb[this.sbLength++] = b;
    else this.sbOverflow++;
  }

  private endSb(): void {
    if (this.sbOverflow > 0) {
      this.handlers.overflow('subnegotiation', this.sbLength + this.sbOverflow);
      return;
    }
    if (this.sbLength === 0) return;
    this.handlers.subnegotiation(this.sb[0], this.sb.slice(1, this.sbLength));
  }
}

/** A record ready for the wire: every X'FF' doubled, then IAC EOR. */
export function frameRecord(record: Uint8Array): Buffer {
  let extra = 2;
  for (let i = record.indexOf(Telnet.IAC); i >= 0; i = record.indexOf(Telnet.IAC, i + 1)) extra++;
  const out = Buffer.allocUnsafe(record.length + extra);
  if (extra === 2) {
    out.set(record);
  } else {
    let j = 0;
    for (const b of record) {
      out[j++] = b;
      if (b === Telnet.IAC) out[j++] = Telnet.IAC;
    }
  }
  out[out.length - 2] = Telnet.IAC;
  out[out.length - 1] = Telnet.EOR;
  return out;
}

/** IAC verb option. */
export function negotiationBytes(verb: NegotiationVerb, option: number): Buffer {
  return Buffer.of(Telnet.IAC, verb, option);
}

/** IAC SB option data... IAC SE, with X'FF' in the data doubled. */
export function subnegotiationBytes(option: number, data: Uint8Array): Buffer {
  const out: number[] = [Telnet.IAC, Telnet.SB, option];
  for (const b of data) {
    out.push(b);
    if (b === Telnet.IAC) out.push(Telnet.IAC);
  }
  out.push(Telnet.IAC, Telnet.SE);
  return Buffer.from(out);
}
