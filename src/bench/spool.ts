// Spooling and minidisk benchmarks (issue 6, "Performance"):
//   1. a 100,000-card deck spooled to a reader (in a spool on disk) and read
//      back by a guest: an assembled program IPL'd from the reader that
//      reads on with chains of 50 READ CCWs until unit exception. Target:
//      at least 100,000 cards per second.
//   2. 10,000 random 4K writes, then 10,000 random 4K reads, on a minidisk
//      of a volume image file, through DIAGNOSE X'250' from the guest.
//
// Run: `npx vite-node src/bench/spool.ts` (or node dist/src/bench/spool.js).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CpHarness } from '../../cp/harness.js';
import { parseDirectory } from '../../cp/directory.js';
import { VolumeSet } from '../../cp/minidisk.js';
import { SpoolStore } from '../../cp/spool/spool-store.js';
import { ensureVolumes } from '../../cp/volumes.js';
import { assemble } from '../../s390/asm/index.js';
import { loadObjectDecks } from '../../s390/asm/loader.js';
import { toEbcdicPadded } from '../../s390/ebcdic.js';
import { storeNativeCall, type Guest, type NamedSystem } from '../../s390/guest.js';

const CARDS = 100_000;
const WRITES = 10_000;
const ORIGIN = 0x2000;

const DIRECTORY = `
USER BENCH BENCH 4M 4M G
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 MDISK 191 3370 000000 200000 BENCH1 W
`;

const CHAIN = 50;
const READER_SOURCE = `
RB       CSECT
         BALR  12,0
         USING *,12
         MVC   120(8,0),IONEW
NEXT     LA    1,CCWS
         ST    1,72(0,0)
         SIO   12(0)
         LPSW  WAITPSW
DONE     TM    68(0),X'01'          unit exception: the end
         BO    EOF
         TM    68(0),X'02'          unit check: nothing to read
         BO    EOF
         B     NEXT
EOF      LPSW  ENDPSW
         DS    0D
IONEW    DC    X'00000000',A(DONE)
WAITPSW  DC    X'FE020000',A(0)
ENDPSW   DC    X'00020000',A(X'EED')
CCWS     DS    0D
${"         DC    X'02',AL3(BUF),X'60',X'00',AL2(80)\n".repeat(CHAIN - 1)}         DC    X'02',AL3(BUF),X'20',X'00',AL2(80)
BUF      DS    CL80
         END
`;

/** The reading program as an IPL deck (card 1: PSW and CCWs; card 2: CCWs reading the program). */
function iplDeck(source: string): Uint8Array[] {
  const result = assemble(source);
  if (result.returnCode > 4) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const storage = new Uint8Array(1 << 20);
  const load = loadObjectDecks(storage, [result.objectDeck], ORIGIN);
  const length = load.sections.reduce((n, s) => Math.max(n, s.address + s.length), ORIGIN) - ORIGIN;
  const code = storage.slice(ORIGIN, ORIGIN + length);
  const cards = Math.ceil(code.length / 80);
  if (cards > 10) throw new Error('program too long for one card of CCWs');
  const card1 = new Uint8Array(80);
  const view = new DataView(card1.buffer);
  view.setUint32(0, 0);
  view.setUint32(4, ORIGIN);
  view.setUint32(8, 0x02000100);
  view.setUint32(12, 0x60000050);
  view.setUint32(16, 0x08000100);
  const card2 = new Uint8Array(80);
  const v2 = new DataView(card2.buffer);
  for (let i = 0; i < cards; i++) {
    v2.setUint32(i * 8, (0x02 << 24) | (ORIGIN + i * 80));
    v2.setUint32(i * 8 + 4, ((i < cards - 1 ? 0x60 : 0x20) << 24) | 80);
  }
  const deck = [card1, card2];
  for (let i = 0; i < cards; i++) {
    const card = new Uint8Array(80);
    card.set(code.subarray(i * 80, Math.min(code.length, (i + 1) * 80)));
    deck.push(card);
  }
  return deck;
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function readerBenchmark(
  dir: string,
): Promise<{ spoolSeconds: number; readSeconds: number; cards: number; expected: number }> {
  const h = new CpHarness({ directorySource: DIRECTORY, spool: SpoolStore.open(join(dir, 'spool')) });
  const t = h.connect();
  await t.logon('BENCH', 'BENCH');
  const cards = Array.from({ length: CARDS }, (_, i) => toEbcdicPadded(`CARD ${i + 1}`, 80));
  let start = process.hrtime.bigint();
  const deck = [...iplDeck(READER_SOURCE), ...cards];
  const file = h.cp.spooler.enterDeck('BENCH', deck, 'BENCH', 'DECK');
  if (file === 'full') throw new Error('spool full');
  const spoolSeconds = seconds(start);
  const vm = h.user('BENCH').vm;
  start = process.hrtime.bigint();
  t.enter('IPL 00C');
  await h.settle(10_000_000);
  const readSeconds = seconds(start);
  return { spoolSeconds, readSeconds, cards: vm.counters.cardsRead, expected: deck.length };
}

export async function diskBenchmark(dir: string): Promise<{ writeSeconds: number; readSeconds: number; ok: boolean }> {
  const volumesDir = join(dir, 'volumes');
  ensureVolumes(volumesDir, parseDirectory(DIRECTORY));
  const result = { writeSeconds: 0, readSeconds: 0, ok: true };
  const system: NamedSystem = {
    name: 'DISKB',
    ipl(guest: Guest) {
      const code = guest.registerNative((g) => {
        const st = g.storage;
        const iopl = 0x1100;
        const buffer = 0x10000;
        const diag = (fn: number, block: number, count: number): void => {
          st.writeU16(iopl, 0x191);
          st.writeU32(iopl + 16, block);
          st.writeU32(iopl + 20, count);
          st.writeU32(iopl + 24, buffer);
          g.gpr[2] = iopl;
          g.gpr[4] = fn;
          if (g.diagnose(0x250, 2, 4) !== 0) result.ok = false;
        };
        diag(0, 0, 0);
        let seed = 12345;
        const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % (200_000 / 8);
        const blocks = Array.from({ length: WRITES }, () => random() * 8);
        let start = process.hrtime.bigint();
        for (const b of blocks) {
          st.writeU32(buffer, b);
          diag(2, b, 8);
        }
        result.writeSeconds = seconds(start);
        start = process.hrtime.bigint();
        for (const b of blocks) diag(1, b, 8);
        result.readSeconds = seconds(start);
        g.loadPsw(0x00020000, 0x0dd);
      });
      storeNativeCall(guest.storage, 0x1000, code);
      guest.loadPsw(0, 0x1000);
    },
  };
  const volumes = new VolumeSet(volumesDir);
  const h = new CpHarness({ directorySource: DIRECTORY, namedSystems: [system], volumes });
  const t = h.connect();
  await t.logon('BENCH', 'BENCH');
  t.enter('IPL DISKB');
  await h.settle();
  volumes.close();
  return result;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vmcms-bench-spool-'));
  try {
    const r = await readerBenchmark(dir);
    console.log(
      `reader: ${CARDS} cards spooled in ${r.spoolSeconds.toFixed(3)} s (${Math.round(CARDS / r.spoolSeconds)} cards/s); ` +
        `read by the guest in ${r.readSeconds.toFixed(3)} s: ${Math.round(r.cards / r.readSeconds)} cards/s` +
        (r.cards === r.expected ? '' : `  WRONG COUNT ${r.cards}`),
    );
    const d = await diskBenchmark(dir);
    console.log(
      `minidisk: ${WRITES} random 4K writes in ${d.writeSeconds.toFixed(3)} s (${Math.round(WRITES / d.writeSeconds)} blocks/s), ` +
        `${WRITES} reads in ${d.readSeconds.toFixed(3)} s (${Math.round(WRITES / d.readSeconds)} blocks/s)${d.ok ? '' : '  ERRORS'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
