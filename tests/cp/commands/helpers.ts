import { CpHarness, type TerminalDriver } from '../../../cp/harness.js';

/** A harness with USER1 logged on; `run` enters a command and returns the lines it wrote. */
export async function session(userid = 'USER1'): Promise<{
  h: CpHarness;
  t: TerminalDriver;
  run: (command: string) => string[];
}> {
  const h = new CpHarness();
  const t = h.connect();
  await t.logon(userid, userid === 'OPERATOR' ? 'OPERATOR' : userid === 'MAINT' ? 'CPCMS' : userid);
  const run = (command: string): string[] => {
    const from = t.transcript.length;
    t.enter(command);
    return t.transcript.slice(from + 1);
  };
  return { h, t, run };
}
