// Replays a lesson of samples/lessons/ against a whole CP with CMS, in
// process (cp/harness.ts), so that a lesson can never go stale: what the
// lesson tells the student to type is typed, and what it says they will
// see must be there.
//
// A lesson is Markdown. The test reads only its fenced blocks:
//
//   ```type USER1          lines the student types at USER1's terminal, each
//   LOGON USER1            ended with Enter (a terminal is opened the first
//   USER1                  time a name is used; without a name, the last one).
//   ```                    [ENTER], [PA1], [PA2] and [CLEAR] are those keys.
//
//   ```see                 lines that must appear, in this order, among the
//   LOGON AT ...           lines the terminal of the previous block showed
//   ```                    since its block before (so messages from other
//                          users count); each a part of a line, "..." for
//                          anything
//
//   ```shell               a command at the host's shell: only
//   vmcms submit DECK --to USERID      is understood (the deck goes through
//   ```                    the same system reader as on a running system)
//
// Options after the info word are for the test only and are not shown by a
// Markdown viewer: `settle=N` limits the event-loop turns waited after each
// line (for steps where a machine loops for ever).

import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { cmsSystem } from '../../cms/index.js';
import { CpHarness, type TerminalDriver } from '../../cp/harness.js';
import { openMinidisk } from '../../cp/minidisk.js';
import { buildSystemDisks } from '../../src/system-disks.js';
import { idCardText, withIdCard } from '../../cp/spool/deck.js';
import { readDeck } from '../../cp/spool/socket-reader.js';

/** The sample directory's users (samples/directory/USER.DIRECT), each password the userid, with CMS disks. */
const LESSON_DIRECTORY = `
USER OPERATOR OPERATOR 4M 16M ABCDEFG
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
USER MAINT CPCMS 4M 16M ABCDEFG
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
 MDISK 190 3370 000100 020000 VMSRES MR ALL
 MDISK 19E 3370 020100 002000 VMSRES MR ALL
${['CMSUSER', 'USER1', 'USER2']
  .map(
    (u, i) => `USER ${u} ${u} 4M 16M G
 IPL CMS
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00D 2540 PUNCH A
 SPOOL 00E 1403 A
 LINK MAINT 190 190 RR
 LINK MAINT 19E 19E RR
 MDISK 191 3370 ${String(22100 + i * 4000).padStart(6, '0')} 004000 VMPK01 MR READ WRITE`,
  )
  .join('\n')}
`;

export function lessonSystem(): CpHarness {
  const h = new CpHarness({ namedSystems: [cmsSystem], directorySource: LESSON_DIRECTORY });
  const disk = (userid: string, vaddr: number) =>
    openMinidisk(
      h.cp.volumes,
      userid,
      h.cp.directory.entries.get(userid)!.minidisks.find((d) => d.vaddr === vaddr)!,
    )!;
  buildSystemDisks({
    s190: disk('MAINT', 0x190),
    y19e: disk('MAINT', 0x19e),
    userDisks: new Map(['CMSUSER', 'USER1', 'USER2'].map((u) => [u, disk(u, 0x191)])),
  });
  // As src/system.ts does at system start.
  h.cp.autolog(h.cp.directory.entries.get('OPERATOR')!, 'SYSTEM');
  return h;
}

export interface LessonBlock {
  readonly kind: 'type' | 'see' | 'shell';
  readonly terminal?: string;
  readonly settle?: number;
  readonly lines: readonly string[];
  /** 1-based line of the opening fence, for messages. */
  readonly at: number;
}

/** The fenced blocks of a lesson that the test acts on; other fences (plain examples) are ignored. */
export function parseLesson(markdown: string): LessonBlock[] {
  const blocks: LessonBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) body.push(lines[j++]);
    const kind = open[1];
    if (kind === 'type' || kind === 'see' || kind === 'shell') {
      const words = open[2].split(/\s+/).filter(Boolean);
      const settle = words.find((w) => w.startsWith('settle='));
      const terminal = words.find((w) => !w.includes('='));
      blocks.push({
        kind,
        terminal,
        settle: settle ? Number(settle.slice(7)) : undefined,
        lines: body,
        at: i + 1,
      });
    }
    i = j;
  }
  return blocks;
}

/** Does `line` contain `pattern`, where "..." in the pattern stands for anything? */
export function lineMatches(line: string, pattern: string): boolean {
  const parts = pattern
    .trim()
    .split('...')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.*')).test(line);
}

export class LessonRunner {
  private readonly terminals = new Map<string, TerminalDriver>();
  private current: string | null = null;
  private readonly marks = new Map<TerminalDriver, number>();
  /** What the last `type` or `shell` block produced. */
  private output: string[] = [];

  constructor(
    private readonly h: CpHarness,
    private readonly root: string,
  ) {}

  async run(blocks: readonly LessonBlock[]): Promise<void> {
    for (const block of blocks) {
      if (block.kind === 'type') await this.type(block);
      else if (block.kind === 'shell') this.shell(block);
      else this.see(block);
    }
  }

  private terminal(name: string | undefined, at: number): TerminalDriver {
    const key = name ?? this.current;
    if (key === null) throw new Error(`line ${at}: the first type block must name a terminal`);
    let t = this.terminals.get(key);
    if (!t) {
      t = this.h.connect();
      t.enter(); // leave the logo: CP READ
      this.terminals.set(key, t);
    }
    this.current = key;
    return t;
  }

  private async type(block: LessonBlock): Promise<void> {
    const t = this.terminal(block.terminal, block.at);
    // Everything this terminal showed since its last block: messages from other users included.
    const before = this.marks.get(t) ?? 0;
    for (const line of block.lines) {
      // A second of CP's time between lines, as a person types: timers
      // (SET EXPLAIN's rate limit, MORE...) see time pass.
      this.h.clock.advance(1000);
      const key = line.trim();
      if (key === '[PA1]') t.pa1();
      else if (key === '[PA2]') t.pa2();
      else if (key === '[CLEAR]') t.clear();
      else if (key === '[ENTER]') t.enter('');
      else t.enter(line);
      await this.h.settle(block.settle);
      // The student clears a full screen (MORE...) to read on.
      for (let n = 0; n < 50 && (t.status === 'MORE...' || t.status === 'HOLDING'); n++) {
        t.clear();
        await this.h.settle(block.settle);
      }
    }
    this.output = t.transcript.slice(before);
    this.marks.set(t, t.transcript.length);
  }

  private shell(block: LessonBlock): void {
    this.output = [];
    for (const line of block.lines) {
      const m = /^\s*vmcms submit (\S+) --to (\S+)\s*$/.exec(line);
      if (!m) throw new Error(`line ${block.at}: the lesson test understands only "vmcms submit DECK --to USERID"`);
      const path = resolve(this.root, m[1]);
      const [name, type] = basename(path).toUpperCase().split('.');
      const deck = withIdCard(new Uint8Array(readFileSync(path)), idCardText(m[2].toUpperCase(), name, type));
      this.output.push(readDeck(this.h.cp.spooler, this.h.cp.directory, deck).reply);
    }
  }

  private see(block: LessonBlock): void {
    let from = 0;
    for (const pattern of block.lines) {
      if (pattern.trim() === '') continue;
      const found = this.output.findIndex((l, i) => i >= from && lineMatches(l, pattern));
      if (found < 0) {
        throw new Error(
          `line ${block.at}: expected a line like\n  ${pattern.trim()}\nafter line ${from} of the output:\n${this.output
            .map((l, i) => `${String(i).padStart(3)} ${l}`)
            .join('\n')}`,
        );
      }
      from = found + 1;
    }
  }
}
