// Benchmark: 200 concurrent TN3270 sessions, each doing Enter -> full-screen
// reply round trips against `vmcms serve` (the demo host repaints the whole
// screen with Erase/Write on every Enter). Reports round trips per second and
// the latency percentiles. The server runs in its own process, as it would
// for real clients. The clients share this one and play light terminals: each
// sends a ready-made Enter record (cursor + one modified field) and waits for
// the reply without drawing it, so the figure measures the server, not them.
// Five unmeasured round trips per session come first (JIT warm-up); then 100 each.
//
//   node dist/src/bench/tn3270.js [sessions=200] [roundTripsPerSession=100]

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeAddress } from '../../terminal/address.js';
import { toEbcdic } from '../../s390/ebcdic.js';
import { Aid, Order } from '../../terminal/codes.js';
import { Tn3270Client } from '../../terminal/tn3270-client.js';

export interface Tn3270BenchResult {
  readonly sessions: number;
  readonly roundTrips: number;
  readonly seconds: number;
  readonly roundTripsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Start `vmcms serve` on a free port and resolve with the port and a stop function. */
async function startServer(): Promise<{ port: number; stop: () => Promise<void> }> {
  const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
  const child = spawn(process.execPath, [cli, 'serve', '--demo', '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on [^:]+:(\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`vmcms serve exited with ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { port, stop };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchTn3270(sessions = 200, roundTripsPerSession = 100): Promise<Tn3270BenchResult> {
  const server = await startServer();
  try {
    const clients: Tn3270Client[] = [];
    for (let k = 0; k < sessions; k += 50) {
      const batch = Math.min(50, sessions - k);
      clients.push(
        ...(await Promise.all(
          Array.from({ length: batch }, () => Tn3270Client.connect({ port: server.port, applyRecords: false })),
        )),
      );
    }
    // Enter with the cursor and the demo's NAME field (row 5, column 14) modified
    const name = 5 * 80 + 14;
    const enter = clients.map((_, i) =>
      Uint8Array.from([
        Aid.enter,
        ...encodeAddress(name + 6),
        Order.setBufferAddress,
        ...encodeAddress(name),
        ...toEbcdic(`USER${i}`),
      ]),
    );
    const latencies: number[] = [];
    const roundTrips = (count: number, record: boolean) =>
      Promise.all(
        clients.map(async (client, i) => {
          for (let n = 0; n < count; n++) {
            const t0 = performance.now();
            client.sendRecord(enter[i]);
            const reply = await client.nextRecord(10000);
            if (reply[0] !== 0xf5 && reply[0] !== 0x7e) throw new Error('the reply was not a full-screen Erase/Write');
            if (record) latencies.push(performance.now() - t0);
          }
        }),
      );
    // a few unmeasured rounds first, so the figures are of compiled code, not of the JIT warming up
    await roundTrips(5, false);
    const started = performance.now();
    await roundTrips(roundTripsPerSession, true);
    const seconds = (performance.now() - started) / 1000;
    for (const c of clients) c.close();
    latencies.sort((a, b) => a - b);
    return {
      sessions,
      roundTrips: latencies.length,
      seconds,
      roundTripsPerSecond: latencies.length / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1],
    };
  } finally {
    await server.stop();
  }
}

/** One line for the benchmark report. */
export function formatTn3270Bench(r: Tn3270BenchResult): string {
  return (
    `tn3270: ${r.sessions} sessions, ${r.roundTrips} Enter -> full-screen round trips in ${r.seconds.toFixed(2)} s: ` +
    `${Math.round(r.roundTripsPerSecond)} round trips/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms`
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [sessions, rounds] = process.argv.slice(2).map(Number);
  const result = await benchTn3270(sessions || 200, rounds || 100);
  console.log(formatTn3270Bench(result));
}
