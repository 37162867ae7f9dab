// `vmcms asm`: writes the deck and listing, prints a summary, exits with the
// assembler's return code; an unreadable source is one line and exit 16.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAsm } from '../../../src/commands/asm.js';
import { source } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'vmcms-asm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(fn: () => number): { rc: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    return { rc: fn(), out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

describe('vmcms asm', () => {
  it('assembles a clean program: exit 0, deck and listing written', () => {
    const src = join(dir, 'good.assemble');
    writeFileSync(src, source('GOOD|CSECT|', '|BR|14', '|END|'));
    const obj = join(dir, 'good.text');
    const lst = join(dir, 'good.listing');
    const r = capture(() => runAsm(src, { output: obj, list: lst, maclib: [] }));
    expect(r.rc).toBe(0);
    expect(readFileSync(obj).length % 80).toBe(0);
    expect(readFileSync(lst, 'latin1')).toContain('GOOD     CSECT');
    expect(r.out).toMatch(/return code 0/);
  });

  it('exits with the highest severity and prints each diagnostic with its line', () => {
    const src = join(dir, 'bad.assemble');
    writeFileSync(src, source('BAD|CSECT|', '|L|1,NOWHERE', '|END|'));
    const r = capture(() => runAsm(src, { output: join(dir, 'bad.text'), list: join(dir, 'bad.listing'), maclib: [] }));
    expect(r.rc).toBe(8);
    expect(r.out).toContain('bad.assemble(2): ASMA044E Undefined symbol - NOWHERE');
  });

  it('an unreadable source is one line on stderr and exit 16', () => {
    const r = capture(() => runAsm(join(dir, 'missing.assemble'), { maclib: [] }));
    expect(r.rc).toBe(16);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('reads macros from --maclib directories (NAME.macro) and MACLIB files', () => {
    const lib = join(dir, 'lib');
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(lib, 'HELLO.macro'), source('|MACRO|', '|HELLO|', "|DC|C'HI'", '|MEND|'));
    const maclib = join(dir, 'my.maclib');
    writeFileSync(maclib, ['*COPY BYE', source('|MACRO|', '|BYE|', "|DC|C'BYE'", '|MEND|')].join('\n'));
    const src = join(dir, 'mac.assemble');
    writeFileSync(src, source('MAC|CSECT|', '|HELLO|', '|BYE|', '|END|'));
    const obj = join(dir, 'mac.text');
    const r = capture(() =>
      runAsm(src, { output: obj, list: join(dir, 'mac.listing'), maclib: [lib, maclib], sysparm: 'X' }),
    );
    expect(r.rc).toBe(0);
    expect(existsSync(obj)).toBe(true);
  });

  it('the default object and listing names are the source base name + .text and .listing', () => {
    const src = join(dir, 'named.assemble');
    writeFileSync(src, source('N|CSECT|', '|END|'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(capture(() => runAsm(src, { maclib: [] })).rc).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(join(dir, 'named.text'))).toBe(true);
    expect(existsSync(join(dir, 'named.listing'))).toBe(true);
  });
});
