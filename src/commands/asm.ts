// `vmcms asm SOURCE [-o OBJECT.text] [--list LISTING] [--maclib PATH]...
// [--sysparm S]`: assemble on the host. Writes the object deck (80-byte
// cards) and the listing (default names: the source's base name with
// .text and .listing, in the current directory), prints the diagnostics summary and exits with the
// assembler's return code; a file that cannot be read is a one-line error
// and exit 16 (HLASM's terminal-error code).

import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { basename, extname, join, dirname } from 'node:path';
import type { Command } from 'commander';
import { assemble, type SourceResolver } from '../../s390/asm/index.js';
import { parseMaclib } from '../../s390/asm/maclib.js';
import { coreImage } from '../../s390/asm/loader.js';

/**
 * A resolver over host directories of NAME.macro / NAME.copy files (also
 * NAME.MACRO, NAME.COPY) and MACLIB files (CMS library format, see
 * s390/asm/maclib.ts).
 */
export function hostResolver(paths: readonly string[]): SourceResolver {
  const libraries: Map<string, string>[] = [];
  const dirs: string[] = [];
  for (const p of paths) {
    if (existsSync(p) && statSync(p).isDirectory()) dirs.push(p);
    else libraries.push(parseMaclib(readFileSync(p)));
  }
  const find = (name: string, exts: string[]): string | undefined => {
    for (const d of dirs) {
      for (const e of exts) {
        for (const n of [name, name.toLowerCase()]) {
          const f = join(d, `${n}.${e}`);
          if (existsSync(f)) return readFileSync(f, 'latin1');
        }
      }
    }
    for (const lib of libraries) {
      const m = lib.get(name);
      if (m !== undefined) return m;
    }
    return undefined;
  };
  return {
    macro: (name) => find(name, ['macro', 'MACRO', 'mac']),
    copy: (name) => find(name, ['copy', 'COPY', 'macro', 'MACRO']),
  };
}

interface AsmOptions {
  output?: string;
  list?: string;
  maclib: string[];
  sysparm?: string;
  /** Which instructions are accepted (default: both architectures'). */
  arch?: string;
  /** Also write a core image: the deck loaded (relocated) at `origin`, for `vmcms cpu run IMAGE`. */
  image?: string;
  origin?: string;
}

export function runAsm(source: string, opts: AsmOptions): number {
  let text: string;
  try {
    text = readFileSync(source, 'latin1');
  } catch (e) {
    process.stderr.write(
      `vmcms asm: cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return 16;
  }
  let resolver: SourceResolver;
  try {
    resolver = hostResolver([dirname(source), ...opts.maclib]);
  } catch (e) {
    process.stderr.write(`vmcms asm: cannot read macro library: ${(e as Error).message}\n`);
    return 16;
  }
  const arch = opts.arch === '370' || opts.arch === '390' ? opts.arch : undefined;
  const result = assemble(text, { sysparm: opts.sysparm, macroLibraries: resolver, arch });
  const object = opts.output ?? basename(source, extname(source)) + '.text';
  let imageNote = '';
  try {
    writeFileSync(object, result.objectDeck);
    writeFileSync(opts.list ?? basename(source, extname(source)) + '.listing', result.listing, 'latin1');
    if (opts.image) {
      const origin = parseInt(opts.origin ?? '2000', 16);
      const core = coreImage([result.objectDeck], origin);
      writeFileSync(opts.image, core.image);
      imageNote = `; image ${opts.image} at ${origin.toString(16).toUpperCase()}, entry ${core.entryPoint.toString(16).toUpperCase()}`;
      if (core.unresolved.length) imageNote += ` (unresolved: ${core.unresolved.join(' ')})`;
    }
  } catch (e) {
    process.stderr.write(`vmcms asm: cannot write output: ${(e as Error).message}\n`);
    return 16;
  }
  for (const d of result.diagnostics) {
    if (d.severity > 0 || d.id === 'ASMA254I')
      process.stdout.write(`${basename(source)}(${d.line}): ${d.id} ${d.message}\n`);
  }
  const flagged = result.diagnostics.filter((d) => d.severity > 0).length;
  process.stdout.write(
    `Assembly of ${basename(source)}: ${flagged} diagnostic${flagged === 1 ? '' : 's'}, return code ${result.returnCode}; object deck ${object} (${result.objectDeck.length / 80} cards)${imageNote}\n`,
  );
  return result.returnCode;
}

export function registerAsm(program: Command): void {
  program
    .command('asm')
    .description('assemble HLASM-style source into an object deck (80-byte ESD/TXT/RLD/END cards) and a listing')
    .argument('<source>', 'assembler source file (fixed format)')
    .option('-o, --output <object>', 'object deck file (default: SOURCE base name + .text)')
    .option('--list <listing>', 'listing file (default: SOURCE base name + .listing)')
    .option(
      '--maclib <path>',
      'macro library: a directory of NAME.macro/NAME.copy files or a MACLIB file (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--sysparm <string>', 'value of &SYSPARM')
    .option('--arch <mode>', 'accept only the instructions of 370 or 390 (default: both)')
    .option('--image <file>', 'also write a core image: the deck loaded at --origin (for vmcms cpu run IMAGE)')
    .option('--origin <hex>', 'load address for --image (default 2000)')
    .action((source: string, opts: AsmOptions) => {
      if (opts.arch !== undefined && opts.arch !== '370' && opts.arch !== '390') {
        process.stderr.write(`vmcms asm: bad --arch '${opts.arch}': 370 or 390\n`);
        process.exitCode = 2;
        return;
      }
      if (opts.origin !== undefined && !/^[0-9A-Fa-f]{1,6}$/.test(opts.origin)) {
        process.stderr.write(`vmcms asm: bad --origin '${opts.origin}': expected hex\n`);
        process.exitCode = 2;
        return;
      }
      process.exitCode = runAsm(source, opts);
    });
}
