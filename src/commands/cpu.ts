// `vmcms cpu run`: the bare-metal image runner. Other tools (the conformance
// checker, the assembler's tests) depend on its exact arguments and output:
//
//   vmcms cpu run IMAGE --arch 370|390 --origin HEX --psw HEX16
//       [--set ADDR=HEXBYTES]... [--dump ADDR:LEN]... [--device ADDR=TYPE[,FILE]]...
//       [--storage MB] [--max-instructions N] [--json]
//   vmcms cpu run --text DECK [--text DECK]... (the same options)
//
// With --text, object decks (80-byte ESD/TXT/RLD/END cards) are loaded at
// the origin by the loader (s390/asm/loader.ts), relocated and linked, and
// the PSW's instruction address becomes the entry point.
//
// Addresses, lengths and values are hexadecimal without a prefix. Exit 0
// when the machine ran (whatever it stopped on); a bad argument or an
// unreadable image is one line on stderr and exit 2.

import { readFileSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import type { Command } from 'commander';
import { loadObjectDecks } from '../../s390/asm/loader.js';
import { createDevice, type ConsoleLine } from '../../s390/devices/index.js';
import { BareMachine, parseDeviceSpec, type DeviceFactory, type DeviceSpec } from '../../s390/machine.js';

interface RunOptions {
  arch: string;
  origin: string;
  psw: string;
  set: string[];
  dump: string[];
  device: string[];
  storage: string;
  maxInstructions: string;
  json?: boolean;
  text: string[];
}

/**
 * A 3215 console on standard input and output. Standard input is opened only
 * when the program first reads, so a run without console reads never holds
 * the process open.
 */
class StdioConsole implements ConsoleLine {
  private reader: Interface | null = null;
  private readonly lines: string[] = [];
  private readonly waiting: Array<(line: string) => void> = [];
  private ended = false;

  write(text: string): void {
    process.stdout.write(text);
  }

  read(): Promise<string> {
    if (!this.reader) {
      this.reader = createInterface({ input: process.stdin, terminal: false });
      this.reader.on('line', (line) => {
        const waiter = this.waiting.shift();
        if (waiter) waiter(line);
        else this.lines.push(line);
      });
      this.reader.on('close', () => {
        this.ended = true;
        // End of input: a read then gets an empty line rather than waiting for ever.
        for (const waiter of this.waiting.splice(0)) waiter('');
      });
    }
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve('');
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    this.reader?.close();
  }
}

/** A bad command line: reported on one line, exit 2. */
class UsageError extends Error {}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerCpu(program: Command): void {
  const cpu = program.command('cpu').description('the bare S/370 or ESA/390 machine');
  cpu
    .command('run')
    .description('load a raw binary image (or object decks), run it to a disabled wait, print the final state')
    .argument('[image]', 'raw binary image file')
    .option('--text <deck>', 'load an object deck through the loader instead of an image (repeatable)', collect, [])
    .requiredOption('--arch <mode>', 'architecture mode: 370 or 390')
    .requiredOption('--origin <hex>', 'load address of the image')
    .requiredOption('--psw <hex16>', 'initial PSW, 16 hex digits')
    .option('--set <addr=hexbytes>', 'store bytes before the run (repeatable)', collect, [])
    .option('--dump <addr:len>', 'storage to show after the run (repeatable)', collect, [])
    .option(
      '--device <addr=type[,file]>',
      'attach a device: 1403, 3505, 2540R, 2540P, 3215, 3370 (repeatable)',
      collect,
      [],
    )
    .option('--storage <mb>', 'storage size in megabytes', '16')
    .option('--max-instructions <n>', 'stop after this many instructions', '1000000000')
    .option('--json', 'print the result as one JSON object')
    .action(async (image: string | undefined, options: RunOptions) => {
      const console = new StdioConsole();
      try {
        await runImage(image, options, (spec) => createDevice(spec.type, spec.file, { console }));
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`vmcms cpu run: ${err.message}\n`);
        process.exitCode = 2;
      } finally {
        console.close();
      }
    });
}

function parseHex(text: string, what: string, maxDigits = 8): number {
  if (!new RegExp(`^[0-9A-Fa-f]{1,${maxDigits}}$`).test(text))
    throw new UsageError(`bad ${what} '${text}': expected hex`);
  return parseInt(text, 16);
}

function parseHexBytes(text: string, what: string): Uint8Array {
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(text)) {
    throw new UsageError(`bad ${what} '${text}': expected an even number of hex digits`);
  }
  return Uint8Array.from(text.match(/../g)!, (h) => parseInt(h, 16));
}

async function runImage(imagePath: string | undefined, options: RunOptions, factory: DeviceFactory): Promise<void> {
  if (imagePath === undefined && options.text.length === 0) throw new UsageError('an IMAGE or --text DECK is required');
  if (imagePath !== undefined && options.text.length > 0)
    throw new UsageError('give an IMAGE or --text decks, not both');
  if (options.arch !== '370' && options.arch !== '390')
    throw new UsageError(`bad --arch '${options.arch}': 370 or 390`);
  const arch = options.arch;
  const origin = parseHex(options.origin, '--origin');
  if (!/^[0-9A-Fa-f]{16}$/.test(options.psw))
    throw new UsageError(`bad --psw '${options.psw}': expected 16 hex digits`);
  const pswWords = [parseInt(options.psw.slice(0, 8), 16), parseInt(options.psw.slice(8), 16)];
  if (!/^[1-9][0-9]{0,3}$/.test(options.storage) || Number(options.storage) > 2047) {
    throw new UsageError(`bad --storage '${options.storage}': megabytes, 1 to 2047`);
  }
  const storageBytes = Number(options.storage) * 1024 * 1024;
  if (!/^[0-9]{1,16}$/.test(options.maxInstructions)) {
    throw new UsageError(`bad --max-instructions '${options.maxInstructions}': a decimal count`);
  }
  const maxInstructions = Number(options.maxInstructions);
  const inStorage = (addr: number, length: number, what: string): void => {
    if (addr + length > storageBytes) throw new UsageError(`${what} goes past the end of storage`);
  };
  const sets = options.set.map((text) => {
    const [addr, bytes] = text.split('=');
    if (bytes === undefined) throw new UsageError(`bad --set '${text}': expected ADDR=HEXBYTES`);
    const set = { addr: parseHex(addr, '--set address'), bytes: parseHexBytes(bytes, '--set bytes') };
    inStorage(set.addr, set.bytes.length, `--set ${text}`);
    return set;
  });
  const dumps = options.dump.map((text) => {
    const [addr, length] = text.split(':');
    if (length === undefined) throw new UsageError(`bad --dump '${text}': expected ADDR:LEN`);
    const dump = { addr: parseHex(addr, '--dump address'), length: parseHex(length, '--dump length') };
    inStorage(dump.addr, dump.length, `--dump ${text}`);
    return dump;
  });
  let devices: DeviceSpec[];
  try {
    devices = options.device.map(parseDeviceSpec);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }

  const readInput = (path: string, what: string): Uint8Array => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new UsageError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  };
  const image = imagePath === undefined ? undefined : readInput(imagePath, 'image');
  const decks = options.text.map((path) => readInput(path, 'object deck'));
  if (image) inStorage(origin, image.length, `the image at ${origin.toString(16).toUpperCase()}`);

  let machine: BareMachine;
  try {
    machine = new BareMachine({ arch, storageBytes });
  } catch (err) {
    throw new UsageError(`cannot allocate ${options.storage} MB of storage: ${(err as Error).message}`);
  }
  for (const spec of devices) {
    try {
      machine.attach(spec, factory);
    } catch (err) {
      throw new UsageError(
        `device ${spec.address.toString(16).toUpperCase().padStart(3, '0')}: ${(err as Error).message}`,
      );
    }
  }
  // Storage: the raw image or the linked object decks, then each --set in order.
  if (image) machine.cpu.storage.load(origin, image);
  if (decks.length > 0) {
    const loaded = loadObjectDecks(machine.cpu.storage.bytes, decks, origin);
    if (loaded.errors.length > 0) throw new UsageError(`object decks: ${loaded.errors.join('; ')}`);
    if (loaded.unresolved.length > 0)
      throw new UsageError(`unresolved external names: ${loaded.unresolved.join(', ')}`);
    const end = Math.max(origin, ...loaded.sections.map((s) => s.address + s.length));
    machine.cpu.storage.changed(origin, end - origin);
    // The PSW's first word as given; its instruction address is the entry point.
    const mask = arch === '390' ? 0x80000000 : 0xff000000;
    pswWords[1] = ((pswWords[1] & mask) | loaded.entryPoint) >>> 0;
  }
  for (const set of sets) machine.cpu.storage.load(set.addr, set.bytes);
  machine.cpu.loadPsw(pswWords[0], pswWords[1]);

  const result = await machine.run(maxInstructions, () => new Promise((resolve) => setImmediate(resolve)));

  const cpu = machine.cpu;
  const hex = (n: number, digits: number): string => n.toString(16).toUpperCase().padStart(digits, '0');
  const dumpHex = (addr: number, length: number): string =>
    Array.from(cpu.storage.bytes.subarray(addr, addr + length), (b) => hex(b, 2)).join('');
  const report = {
    stop: result.stop,
    psw: cpu.psw.toHex(arch).toUpperCase(),
    gpr: Array.from(cpu.gpr, (r) => hex(r, 8)),
    instructions: cpu.instructions,
    dumps: Object.fromEntries(dumps.map((d) => [hex(d.addr, 1), dumpHex(d.addr, d.length)])),
  };
  if (options.json) {
    process.stdout.write(JSON.stringify(result.message ? { ...report, message: result.message } : report) + '\n');
    return;
  }
  const lines = [
    `stop         ${report.stop}${result.message ? ` (${result.message})` : ''}`,
    `psw          ${report.psw.slice(0, 8)} ${report.psw.slice(8)}`,
    `instructions ${report.instructions}`,
  ];
  for (let r = 0; r < 16; r += 4) {
    lines.push(`gpr ${String(r).padStart(2)}-${String(r + 3).padEnd(2)}    ${report.gpr.slice(r, r + 4).join(' ')}`);
  }
  for (const d of dumps) {
    for (let off = 0; off < d.length; off += 16) {
      const words = dumpHex(d.addr + off, Math.min(16, d.length - off)).match(/.{1,8}/g) ?? [];
      lines.push(`${hex(d.addr + off, 8)}     ${words.join(' ')}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}
