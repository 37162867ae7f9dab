// `vmcms cpu run` through its command definition: the exact argument and
// output contract other tools depend on, and exit 2 for bad input.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerCpu } from '../../../src/commands/cpu.js';
import { assemble } from '../../../s390/asm/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vmcms-cpu-run-'));

/** BALR 12,0; LA 1,5; LA 2,1(1); LPSW 14(12) (X'2010': a disabled wait at X'0ABC'), at X'2000'. */
const IMAGE = [
  0x05, 0xc0, 0x41, 0x10, 0x00, 0x05, 0x41, 0x21, 0x00, 0x01, 0x82, 0x00, 0xc0, 0x0e, 0x07, 0x07, 0x00, 0x0a, 0x00,
  0x00, 0x00, 0x00, 0x0a, 0xbc,
];
const imagePath = join(dir, 'prog.bin');
writeFileSync(imagePath, Uint8Array.from(IMAGE));

interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

async function cpuRun(...args: string[]): Promise<Outcome> {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerCpu(program);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await program.parseAsync(['node', 'vmcms', 'cpu', 'run', ...args]);
    return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
  } catch (e) {
    if (e instanceof CommanderError) return { stdout, stderr, exitCode: 2 };
    throw e;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const BASE = [imagePath, '--arch', '390', '--origin', '2000', '--psw', '0008000080002000'];

beforeEach(() => {
  process.exitCode = undefined;
});
afterEach(() => {
  process.exitCode = undefined;
});

describe('vmcms cpu run', () => {
  it('runs to the disabled wait and prints one JSON object', async () => {
    const { stdout, exitCode } = await cpuRun(...BASE, '--json', '--dump', '2010:8', '--storage', '1');
    expect(exitCode).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.stop).toBe('wait');
    expect(result.psw).toBe('000A000000000ABC');
    expect(result.gpr).toHaveLength(16);
    expect(result.gpr[1]).toBe('00000005');
    expect(result.gpr[2]).toBe('00000006');
    expect(result.instructions).toBe(4);
    expect(result.dumps).toEqual({ '2010': '000A000000000ABC' });
  });

  it('stores each --set before the run and stops at --max-instructions', async () => {
    // Patch LA 1,5 into LA 1,X'123'; allow only two instructions.
    const { stdout } = await cpuRun(...BASE, '--json', '--set', '2004=0123', '--max-instructions', '2');
    const result = JSON.parse(stdout);
    expect(result.stop).toBe('limit');
    expect(result.gpr[1]).toBe('00000123');
    expect(result.instructions).toBe(2);
  });

  it('a program check with a program-new PSW from --set stops in that wait', async () => {
    const { stdout } = await cpuRun(
      imagePath,
      '--arch',
      '370',
      '--origin',
      '2000',
      '--psw',
      '0000000000002001',
      '--set',
      '68=000A000000000BAD',
      '--dump',
      '28:8',
      '--json',
    );
    const result = JSON.parse(stdout);
    expect(result.psw).toBe('000A000000000BAD');
    expect(result.dumps['28']).toBe('0000000600002001');
  });

  it('prints readable text without --json', async () => {
    const { stdout, exitCode } = await cpuRun(...BASE, '--dump', '2010:8');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^stop +wait$/m);
    expect(stdout).toMatch(/^psw +000A0000 00000ABC$/m);
    expect(stdout).toMatch(/^gpr +0-3 +00000000 00000005 00000006 00000000$/m);
    expect(stdout).toMatch(/^00002010 +000A0000 00000ABC$/m);
  });

  it.each([
    [['--arch', '360'], /arch/],
    [['--psw', '0008'], /psw/],
    [['--origin', 'XYZ'], /origin/],
    [['--set', '2000=ABC'], /set/],
    [['--dump', '2000'], /dump/],
    [['--storage', '0'], /storage/],
    [['--device', '00E=9999,x'], /unknown device type/],
    [['--origin', 'FFFFF0', '--storage', '1'], /past the end of storage/],
  ])('bad arguments %j: one line on stderr, exit 2', async (extra, message) => {
    const args = [...BASE];
    for (let i = 0; i < extra.length; i += 2) {
      const at = args.indexOf(extra[i] as string);
      if (at >= 0) args.splice(at, 2);
      args.push(extra[i] as string, extra[i + 1] as string);
    }
    const { stderr, exitCode, stdout } = await cpuRun(...args, '--json');
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message as RegExp);
  });

  it('an unreadable image: exit 2', async () => {
    const { stderr, exitCode } = await cpuRun(join(dir, 'missing.bin'), ...BASE.slice(1));
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/cannot read image/);
  });

  it('a missing required option is a usage error (exit 2 from the CLI)', async () => {
    const { exitCode } = await cpuRun(imagePath, '--arch', '390', '--origin', '2000');
    expect(exitCode).toBe(2);
  });
});

describe('vmcms cpu run --text: object decks through the loader', () => {
  // Two decks: MAIN calls SUB through a V-constant; SUB adds 1 to R1 and returns.
  const main = assemble(
    [
      'MAIN     CSECT',
      '         BALR  12,0',
      '         USING *,12',
      '         LA    1,41',
      '         L     15,=V(SUB)',
      '         BALR  14,15',
      '         LPSW  WAIT',
      '         DS    0D',
      "WAIT     DC    X'000A000000000000'",
      '         END   MAIN',
    ].join('\n'),
  );
  const sub = assemble(['SUB      CSECT', '         LA    1,1(1)', '         BR    14', '         END'].join('\n'));
  const mainPath = join(dir, 'main.text');
  const subPath = join(dir, 'sub.text');
  writeFileSync(mainPath, main.objectDeck);
  writeFileSync(subPath, sub.objectDeck);
  const PSW = ['--arch', '370', '--origin', '20000', '--psw', '0000000000000000', '--json'];

  it('links the decks, starts at the entry point and runs', async () => {
    expect([main.returnCode, sub.returnCode]).toEqual([0, 0]);
    const { stdout, exitCode } = await cpuRun('--text', mainPath, '--text', subPath, ...PSW);
    expect(exitCode).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.stop).toBe('wait');
    expect(result.gpr[1]).toBe('0000002A');
  });

  it('names the unresolved external: exit 2', async () => {
    const { stderr, exitCode } = await cpuRun('--text', mainPath, ...PSW);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/unresolved external names: SUB/);
  });

  it('an IMAGE and --text together, or neither: exit 2', async () => {
    expect((await cpuRun(imagePath, '--text', mainPath, ...PSW)).exitCode).toBe(2);
    expect((await cpuRun(...PSW)).stderr).toMatch(/an IMAGE or --text DECK is required/);
  });
});
