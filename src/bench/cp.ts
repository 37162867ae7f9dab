// Benchmark: the dispatcher under load. Twenty virtual machines loop CPU-
// bound (LA 1,1(1); B *-4 for ever) while another user, logged on through
// the TN3270 server over TCP, issues QUERY TIME again and again. Reports the
// latency from sending Enter to receiving the line with CP's answer, p50,
// p99 and max, and how many instructions the loopers ran meanwhile. CP, the
// server and the client share one process and one event loop, as the
// terminals and the machines do in `vmcms serve`.
//
//   node dist/src/bench/cp.js [loopers=20] [samples=300]

import { fileURLToPath } from 'node:url';
import { encodeAddress } from '../../terminal/address.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { Aid, Order } from '../../terminal/codes.js';
import { Tn3270Client } from '../../terminal/tn3270-client.js';
import { Tn3270Server } from '../../terminal/tn3270-server.js';
import { hostClock } from '../../cp/clock.js';
import { ControlProgram } from '../../cp/control-program.js';
import { parseDirectory } from '../../cp/directory.js';

export interface CpBenchResult {
  readonly loopers: number;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Millions of guest instructions per second, all loopers together, during the measurement. */
  readonly guestMips: number;
}

// BALR 2,0 (R2 = X'2002'); then LA 1,1(1); B 0(,2): a two-instruction loop at X'2002'.
const LOOP = [0x05, 0x20, 0x41, 0x11, 0x00, 0x01, 0x47, 0xf0, 0x20, 0x00];

function enterRecord(text: string): Uint8Array {
  return Uint8Array.of(
    Aid.enter,
    ...encodeAddress(1760 + text.length),
    Order.setBufferAddress,
    ...encodeAddress(1760),
    ...toEbcdic(text),
  );
}

const contains = (record: Uint8Array, needle: Uint8Array): boolean => Buffer.from(record).includes(Buffer.from(needle));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchCp(loopers = 20, samples = 300): Promise<CpBenchResult> {
  let source = 'USER ASKER ASKER 1M 1M G\n CONSOLE 009 3215\n';
  for (let i = 0; i < loopers; i++) source += `USER LOOP${String(i).padStart(2, '0')} X 1M 1M G\n CONSOLE 009 3215\n`;
  const cp = new ControlProgram({ directory: parseDirectory(source), clock: hostClock });
  const machines = [];
  for (const entry of cp.directory.entries.values()) {
    if (entry.userid === 'ASKER') continue;
    const user = cp.autolog(entry, 'BENCH');
    user.vm.cpu.storage.load(0x2000, LOOP);
    user.vm.cpu.loadPsw(0, 0x2000);
    user.vm.loaded = true;
    user.begin();
    machines.push(user);
  }
  const server = new Tn3270Server({ port: 0, onSession: (s) => void cp.handleSession(s) });
  const { port } = await server.listen();
  const client = await Tn3270Client.connect({ port, applyRecords: false });
  const untilRecord = async (needle: string): Promise<void> => {
    const bytes = toEbcdic(needle);
    for (;;) if (contains(await client.nextRecord(10_000), bytes)) return;
  };
  client.sendRecord(Uint8Array.of(Aid.enter, ...encodeAddress(1760)));
  await client.nextRecord();
  client.sendRecord(enterRecord('LOGON ASKER ASKER'));
  await untilRecord('LOGON AT');
  const latencies: number[] = [];
  const instructionsBefore = machines.reduce((n, u) => n + u.vm.cpu.instructions, 0);
  const started = performance.now();
  for (let i = 0; i < samples; i++) {
    // Arrive at a random point of the dispatcher's slices.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
    const t0 = performance.now();
    client.sendRecord(enterRecord('QUERY TIME'));
    await untilRecord('TIME IS');
    latencies.push(performance.now() - t0);
    // Clear now and then so the output area never waits in MORE...
    if (i % 5 === 4) {
      client.sendRecord(Uint8Array.of(Aid.clear));
      await client.nextRecord();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const instructions = machines.reduce((n, u) => n + u.vm.cpu.instructions, 0) - instructionsBefore;
  client.close();
  cp.shutdown('BENCH');
  await server.close();
  latencies.sort((a, b) => a - b);
  return {
    loopers,
    samples,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1],
    guestMips: instructions / seconds / 1e6,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const loopers = Number(process.argv[2] ?? 20);
  const samples = Number(process.argv[3] ?? 300);
  const r = await benchCp(loopers, samples);
  console.log(
    `cp dispatcher: ${r.loopers} looping guests, ${r.samples} x QUERY TIME over TN3270: ` +
      `p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms; ` +
      `guests ran ${r.guestMips.toFixed(1)} MIPS together`,
  );
  process.exit(0);
}
