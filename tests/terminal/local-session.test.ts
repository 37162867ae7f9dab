import { describe, expect, it } from 'vitest';
import { toEbcdic } from '../../s390/ebcdic.js';
import { runEchoHost } from '../../src/demo/echo-host.js';
import { LocalSession } from '../../terminal/local-session.js';
import { terminalModel } from '../../terminal/model.js';
import type { InboundRecord } from '../../terminal/session.js';
import { rowText } from './helpers.js';

describe('LocalSession (a terminal inside this process)', () => {
  it('the host writes, the operator types and presses Enter, the host hears the fields synchronously', () => {
    const session = new LocalSession('L0001');
    const heard: InboundRecord[] = [];
    session.onInbound((r) => heard.push(r));
    runEchoHost(session);
    expect(rowText(session.screen, 0)).toBe('  VMCMS 3270 TERMINAL DEMO');
    expect(session.type(toEbcdic('ada'))).toBe(3);
    expect(session.pressAid(0x7d)).toBe(true);
    expect(heard.map((r) => [r.aidName, r.fields.length])).toEqual([['ENTER', 1]]);
    expect(rowText(session.screen, 12)).toBe("  NAME (row 6 col 15): 'ada'");
    expect(session.screen.systemLock).toBe(false);
  });

  it('a read command is answered asynchronously with the matching kind', async () => {
    const session = new LocalSession('L0002');
    const heard: InboundRecord[] = [];
    session.onInbound((r) => heard.push(r));
    session.write(Uint8Array.of(0xf6));
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard.map((r) => r.kind)).toEqual(['readModified']);
  });

  it('a model 5 session gets the 27x132 alternate screen from the demo', () => {
    const session = new LocalSession('L0003', terminalModel(5));
    runEchoHost(session);
    expect([session.screen.rows, session.screen.cols]).toEqual([27, 132]);
  });

  it('ends once, whoever closes it; writes after the end do nothing', () => {
    const session = new LocalSession('L0004');
    const ends: string[] = [];
    session.onEnd((reason) => ends.push(reason));
    runEchoHost(session);
    session.pressAid(0xf3); // the demo ends the session on PF3
    session.close('again');
    session.write(Uint8Array.of(0xf5, 0xc3, 0xc1));
    expect(ends).toEqual(['ended with PF3']);
    expect(rowText(session.screen, 0)).toBe('  Session ended.');
  });
});
