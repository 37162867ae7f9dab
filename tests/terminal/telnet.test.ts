import { describe, expect, it } from 'vitest';
import { frameRecord, TelnetParser, subnegotiationBytes } from '../../terminal/telnet.js';

function collect(maxRecord?: number) {
  const events: string[] = [];
  const parser = new TelnetParser(
    {
      record: (d) => events.push(`record ${Buffer.from(d).toString('hex')}`),
      negotiation: (verb, option) => events.push(`neg ${verb.toString(16)} ${option}`),
      subnegotiation: (option, d) => events.push(`sb ${option} ${Buffer.from(d).toString('hex')}`),
      overflow: (what, length) => events.push(`overflow ${what} ${length}`),
    },
    maxRecord,
  );
  return { events, parser };
}

describe('TelnetParser', () => {
  it('cuts records at IAC EOR and undoubles IAC IAC', () => {
    const { events, parser } = collect();
    parser.feed(Uint8Array.from([0x7d, 0xff, 0xff, 0x40, 0xff, 0xef, 0x6d, 0xff, 0xef]));
    expect(events).toEqual(['record 7dff40', 'record 6d']);
  });

  it('assembles a record and commands split across reads at any byte', () => {
    const bytes = Uint8Array.from([
      0xff, 0xfb, 0x19, 0xc1, 0xff, 0xff, 0xc2, 0xff, 0xef, 0xff, 0xfa, 0x18, 0x00, 0x41, 0xff, 0xf0,
    ]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { events, parser } = collect();
      parser.feed(bytes.subarray(0, cut));
      parser.feed(bytes.subarray(cut));
      expect(events).toEqual(['neg fb 25', 'record c1ffc2', 'sb 24 0041']);
    }
  });

  it('drops a record longer than the limit, reports it, and carries on', () => {
    const { events, parser } = collect(16);
    parser.feed(new Uint8Array(100).fill(0x40));
    parser.feed(Uint8Array.of(0xff, 0xef, 0x7d, 0xff, 0xef));
    expect(events).toEqual(['overflow record 100', 'record 7d']);
  });

  it('ignores NOP and other commands between records', () => {
    const { events, parser } = collect();
    parser.feed(Uint8Array.of(0xff, 0xf1, 0xff, 0xf6, 0xc1, 0xff, 0xef));
    expect(events).toEqual(['record c1']);
  });

  it("frameRecord doubles X'FF' and appends IAC EOR; subnegotiations escape too", () => {
    expect(Buffer.from(frameRecord(Uint8Array.of(0x01, 0xff, 0x02))).toString('hex')).toBe('01ffff02ffef');
    expect(subnegotiationBytes(0x18, Uint8Array.of(0x01)).toString('hex')).toBe('fffa1801fff0');
  });
});
