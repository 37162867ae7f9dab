// End to end with a real 3270 emulator: Debian's s3270 connects to our
// TN3270 server running the demo host, types, presses keys and reads the
// screen; the test checks what the host received and what the client shows.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEchoHost } from '../../src/demo/echo-host.js';
import type { InboundRecord, TerminalSession } from '../../terminal/session.js';
import { Tn3270Server } from '../../terminal/tn3270-server.js';
import { hasS3270, S3270 } from './s3270-driver.js';

if (!hasS3270) console.warn('SKIPPED: s3270 end-to-end tests: s3270 is not installed (apt-get install s3270)');

describe.skipIf(!hasS3270)('s3270 against the TN3270 server', () => {
  let server: Tn3270Server;
  let port = 0;
  const sessions: TerminalSession[] = [];
  const received: InboundRecord[] = [];
  const ended: string[] = [];

  beforeAll(async () => {
    server = new Tn3270Server({
      port: 0,
      onSession: (session) => {
        sessions.push(session);
        session.onInbound((r) => received.push(r));
        session.onEnd((reason) => ended.push(`${session.name} ${reason}`));
        runEchoHost(session);
      },
    });
    port = (await server.listen()).port;
  });
  afterAll(async () => {
    await server.close();
  });

  it('a 3279-2 connects, sees the demo screen with the cursor in the first input field, types and presses Enter', async () => {
    const s = new S3270('3279-2');
    try {
      const connect = await s.run(`Connect(127.0.0.1:${port})`);
      expect(connect.ok).toBe(true);
      expect((await s.run('Wait(5,InputField)')).ok).toBe(true);
      const screen = await s.screen();
      expect(screen[0]).toContain('VMCMS 3270 TERMINAL DEMO');
      expect(screen[1]).toContain('IBM-3279-2-E, model 2, 24x80');
      // status line fields: ... rows cols cursor-row cursor-col
      const status = (await s.run('Query(Cursor)')).data[0];
      expect(status).toBe('5 14');
      await s.run('String("hello")');
      await s.run('Tab');
      await s.run('String("42")');
      await s.run('Tab');
      await s.run('String("secret")');
      expect((await s.run('Enter')).ok).toBe(true);
      const last = received[received.length - 1];
      expect(last.aidName).toBe('ENTER');
      expect(last.fields.map((f) => f.address)).toEqual([5 * 80 + 14, 6 * 80 + 14, 7 * 80 + 14]);
      const after = await s.screen();
      expect(after[5]).toContain('NAME    ==> hello');
      expect(after[6]).toContain('NUMBER  ==> 42');
      expect(after[7]).not.toContain('secret'); // non-display
      expect(after.join('\n')).toContain("PASSWORD (row 8 col 15): '******'");
    } finally {
      await s.quit();
    }
  });

  it('PF, PA and Clear keys reach the host with the right AIDs; PA and Clear are short reads', async () => {
    const s = new S3270('3279-2');
    try {
      await s.run(`Connect(127.0.0.1:${port})`);
      await s.run('Wait(5,InputField)');
      const keys: Array<[string, string]> = [
        ['PF(13)', 'PF13'],
        ['PF(24)', 'PF24'],
        ['PA(1)', 'PA1'],
        ['PA(2)', 'PA2'],
        ['Clear', 'CLEAR'],
      ];
      for (const [action, name] of keys) {
        const before = received.length;
        expect((await s.run(action)).ok).toBe(true);
        await s.run('Wait(5,Unlock)');
        const r = received[before];
        expect(r.aidName).toBe(name);
        if (name.startsWith('PA') || name === 'CLEAR') expect(r.cursor).toBeNull();
        else expect(r.cursor).not.toBeNull();
        expect((await s.screen()).join('\n')).toContain(`Key ${name}: AID ${name}`);
      }
    } finally {
      await s.quit();
    }
  });

  it.each([
    ['3278-4', 'IBM-3278-4-E, model 4, 43x80', 43, 80],
    ['3279-3', 'IBM-3279-3-E, model 3, 32x80', 32, 80],
    ['3279-5', 'IBM-3279-5-E, model 5, 27x132', 27, 132],
  ])('a %s gets its alternate screen through Erase/Write Alternate', async (model, banner, rows, cols) => {
    const s = new S3270(model);
    try {
      await s.run(`Connect(127.0.0.1:${port})`);
      await s.run('Wait(5,InputField)');
      const screen = (await s.run('Ascii')).data;
      expect([screen.length, screen[0].length]).toEqual([rows, cols]);
      expect(screen[1]).toContain(banner);
      expect(screen[rows - 1]).toContain('vmcms demo host');
    } finally {
      await s.quit();
    }
  });

  it('PF5 makes the host issue Read Buffer; the reply comes back labelled, then the screen is repainted', async () => {
    const s = new S3270('3279-2');
    try {
      await s.run(`Connect(127.0.0.1:${port})`);
      await s.run('Wait(5,InputField)');
      const before = received.length;
      await s.run('PF(5)');
      // the keyboard stays locked after the read; the demo reports the reply on the next Enter
      await s.run('Wait(2,Unlock)');
      expect(received.slice(before).map((r) => r.kind)).toEqual(['aid', 'readBuffer']);
    } finally {
      await s.quit();
    }
  });

  it('PF3 ends the session from the host; the server reports each end once', async () => {
    const s = new S3270('3279-2');
    try {
      await s.run(`Connect(127.0.0.1:${port})`);
      await s.run('Wait(5,InputField)');
      const name = sessions[sessions.length - 1].name;
      await s.run('PF(3)');
      await s.run('Wait(5,Disconnect)');
      await new Promise((r) => setTimeout(r, 100));
      expect(ended.filter((x) => x.startsWith(name))).toEqual([`${name} ended with PF3`]);
    } finally {
      await s.quit();
    }
  });
});
