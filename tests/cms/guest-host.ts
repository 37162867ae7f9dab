// A small stand-in for CP, to run CMS in tests before (and besides) the
// real CP: it implements the Guest interface over a bare s390 Cpu,
// following docs/diagnose.md — DIAGNOSE X'00', X'08' (a few canned CP
// commands), X'0C', X'14' (an in-memory reader), X'24', X'250' (memory
// minidisks), X'5C', X'60', X'64', the native-routine codes — and a virtual
// 3215 console, punch and printer reached by SIO. Tests type lines and read
// what CMS wrote. Several machines can share one StandInSystem (spool, MSG,
// LINK of another user's minidisk).

import { Cpu } from '../../s390/cpu.js';
import { FixedTodSource } from '../../s390/clock.js';
import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import type { Guest, NamedSystem, NativeRoutine } from '../../s390/guest.js';
import { InterceptAction, type Interceptor } from '../../s390/interceptor.js';
import type { ChannelSubsystem, IoInterruption, IoResult } from '../../s390/channel-subsystem.js';
import { Lowcore, ProgramInterruption } from '../../s390/interruption.js';
import { MemoryBlockDevice, type BlockDevice } from '../../cms/fs/block-device.js';
import { Screen3270 } from '../../terminal/screen.js';
import { applyOutbound } from '../../terminal/outbound.js';
import { pressAid, typeChar } from '../../terminal/keyboard.js';
import type { TerminalModel } from '../../terminal/model.js';

const ATTN = 0x80;
const CE = 0x08;
const DE = 0x04;
const UC = 0x02;
const UE = 0x01;

export interface SpoolFile {
  spoolid: number;
  from: string;
  origin: 'PUN' | 'PRT' | 'CON' | 'RDR';
  name: string;
  type: string;
  /** [CCW command code, data]. */
  records: { op: number; data: Uint8Array }[];
  hold: boolean;
}

/** What several stand-in machines share: the spool, the clock, users by name. */
export class StandInSystem {
  readonly machines = new Map<string, StandInMachine>();
  readonly readers = new Map<string, SpoolFile[]>();
  readonly printed = new Map<string, string[][]>();
  private nextSpoolid = 1;
  /** The wall clock the guests see (DIAGNOSE X'0C'). */
  time = { date: '11/26/26', time: '10:15:30' };

  reader(user: string): SpoolFile[] {
    let r = this.readers.get(user);
    if (!r) this.readers.set(user, (r = []));
    return r;
  }

  spool(to: string, file: Omit<SpoolFile, 'spoolid'>): number {
    const spoolid = this.nextSpoolid++;
    this.reader(to).push({ ...file, spoolid });
    return spoolid;
  }
}

export interface MachineOptions {
  userid?: string;
  arch?: '370' | '390';
  storage?: number;
  /** Minidisks by virtual address. */
  disks?: Map<number, { device: BlockDevice; readOnly?: boolean }>;
  system?: StandInSystem;
  /** The console is a 3270 of this model (DIAGNOSE X'58' full-screen I/O); none: a typewriter console. */
  display?: TerminalModel;
}

interface PendingRead {
  address: number;
  count: number;
  ccwAddress: number;
}

/** The virtual channel: console 009, reader 00C, punch 00D, printer 00E. */
class VirtualChannel implements ChannelSubsystem {
  private readonly queue: IoInterruption[] = [];
  pendingRead: PendingRead | null = null;
  readonly typed: string[] = [];
  punchCards: Uint8Array[] = [];
  printLines: string[] = [];
  readerOpen: SpoolFile | null = null;
  readerPos = 0;

  constructor(private readonly m: StandInMachine) {}

  get interruptPending(): boolean {
    return this.queue.length > 0;
  }
  get busy(): boolean {
    return this.pendingRead !== null;
  }
  whenInterruptPending(): Promise<void> {
    return Promise.resolve();
  }
  acceptInterrupt(): IoInterruption | null {
    return this.queue.shift() ?? null;
  }
  post(device: number, status: number, ccwAddress: number, residual: number): void {
    this.queue.push({ device, csw0: ccwAddress & 0xffffff, csw1: ((status << 24) | (residual & 0xffff)) >>> 0 });
  }

  startIo(device: number, caw: number): IoResult {
    const st = this.m.cpu.storage;
    if (![0x009, 0x00c, 0x00d, 0x00e].includes(device)) return { cc: 3 };
    if (device === 0x009 && this.pendingRead) return { cc: 2 };
    let ccw = caw & 0xfffff8;
    for (let n = 0; n < 256; n++, ccw += 8) {
      const op = st.readU8(ccw);
      const address = st.readU32(ccw) & 0xffffff;
      const flags = st.readU8(ccw + 4);
      const count = st.readU16(ccw + 6);
      const data = (): Uint8Array => st.bytes.slice(address, address + count);
      let residual = 0;
      if (device === 0x009) {
        if (op === 0x09 || op === 0x01) this.m.consoleWrite(fromEbcdic(data()));
        else if (op === 0x0a) {
          this.m.consoleReadPosted();
          const read = { address, count, ccwAddress: ccw + 8 };
          const line = this.typed.shift();
          if (line === undefined) {
            this.pendingRead = read;
            return { cc: 0 };
          }
          this.completeRead(read, line);
          return { cc: 0 };
        }
      } else if (device === 0x00d) {
        if ((op & 0x03) === 0x01) this.punchCards.push(data());
      } else if (device === 0x00e) {
        if ((op & 0x03) === 0x01) this.printLines.push(fromEbcdic(data()).trimEnd());
      } else if (device === 0x00c) {
        if (op === 0x02) {
          const file = this.m.system.reader(this.m.userid)[0];
          if (!file || this.readerPos >= file.records.length) {
            this.post(device, CE | DE | UE, ccw + 8, count);
            return { cc: 0 };
          }
          const rec = file.records[this.readerPos++].data;
          st.bytes.set(rec.subarray(0, count), address);
          residual = Math.max(0, count - rec.length);
        }
      }
      if ((flags & 0x40) === 0) {
        this.post(device, CE | DE, ccw + 8, residual);
        return { cc: 0 };
      }
    }
    this.post(device, CE | DE | UC, ccw, 0);
    return { cc: 0 };
  }

  completeRead(read: PendingRead, line: string): void {
    const bytes = toEbcdic(line).subarray(0, read.count);
    this.m.cpu.storage.bytes.set(bytes, read.address);
    this.m.echo(line);
    this.post(0x009, CE | DE, read.ccwAddress, read.count - bytes.length);
  }

  testIo(device: number): IoResult {
    return { cc: [0x009, 0x00c, 0x00d, 0x00e].includes(device) ? 0 : 3 };
  }
  haltIo(device: number): IoResult {
    if (device === 0x009) this.pendingRead = null;
    return { cc: 0 };
  }
  clearIo(device: number): IoResult {
    return this.haltIo(device);
  }
  haltDevice(device: number): IoResult {
    return this.haltIo(device);
  }
  testChannel(): 0 {
    return 0;
  }
  storeChannelId(): { cc: 0; channelId: number } {
    return { cc: 0, channelId: 0 };
  }
}

export class StandInMachine implements Guest, Interceptor {
  readonly cpu: Cpu;
  readonly system: StandInSystem;
  readonly userid: string;
  readonly disks: Map<number, { device: BlockDevice; readOnly?: boolean }>;
  /** Everything the console showed, in order (typed lines echoed). */
  readonly transcript: string[] = [];
  private outputMark = 0;
  private readonly channel: VirtualChannel;
  private readonly natives = new Map<number, NativeRoutine>();
  private againRequested = false;
  private initialized = new Set<number>();
  emsg: 'ON' | 'TEXT' | 'CODE' | 'OFF' = 'ON';
  punchTo: string;
  /** CP commands CMS issued through DIAGNOSE X'08'. */
  readonly cpCommands: string[] = [];
  /** The user's 3270 when the console is a display (DIAGNOSE X'58'). */
  readonly screen: Screen3270 | null;
  /** Full-screen state (docs/diagnose.md X'58'): inbound records not yet read, a read waiting, a line written. */
  private readonly inbound: Uint8Array[] = [];
  private displayReadPending = false;
  private fullScreen = false;
  private fullScreenBroken = false;

  constructor(options: MachineOptions = {}) {
    this.system = options.system ?? new StandInSystem();
    this.userid = options.userid ?? 'CMSUSER';
    this.punchTo = this.userid;
    this.disks = options.disks ?? new Map();
    this.cpu = new Cpu(options.arch ?? '370', options.storage ?? 2 * 1024 * 1024, {
      clock: new FixedTodSource(0n),
    });
    this.screen = options.display ? new Screen3270(options.display) : null;
    this.channel = new VirtualChannel(this);
    this.cpu.channel = this.channel;
    this.cpu.interceptor = this;
    this.system.machines.set(this.userid, this);
  }

  // ---- Guest ----

  get arch(): '370' | '390' {
    return this.cpu.arch;
  }
  get storage() {
    return this.cpu.storage;
  }
  get gpr() {
    return this.cpu.gpr;
  }
  get fpr() {
    return this.cpu.fpr;
  }
  get psw() {
    return this.cpu.psw;
  }
  loadPsw(w0: number, w1: number): void {
    this.cpu.loadPsw(w0, w1);
  }
  loadPswFrom(address: number): void {
    this.cpu.loadPswFrom(address);
  }
  startIo(device: number): number {
    const r = this.channel.startIo(device, this.storage.readU32(Lowcore.Caw));
    if (r.cc === 1 && r.csw) {
      this.storage.writeU32(Lowcore.Csw, r.csw.csw0);
      this.storage.writeU32(Lowcore.Csw + 4, r.csw.csw1);
    }
    return r.cc;
  }
  testIo(device: number): number {
    return this.channel.testIo(device).cc;
  }
  haltIo(device: number): number {
    return this.channel.haltIo(device).cc;
  }
  registerNative(routine: NativeRoutine): number {
    const code = 0x100 + this.natives.size * 4;
    if (code > 0x1fc) throw new Error('no native-routine codes left');
    this.natives.set(code, routine);
    return code;
  }
  again(): void {
    this.againRequested = true;
  }

  // ---- Interceptor ----

  instruction(cpu: Cpu, row: { mnemonic: string }, op: { r1: number; r3: number; addr2: number }): InterceptAction {
    if (row.mnemonic !== 'DIAG') return InterceptAction.Execute;
    const code = op.addr2 & 0xffff;
    const native = this.natives.get(code);
    if (native) {
      native(this);
      if (this.againRequested) {
        // As CP does (cp/guest.ts): the PSW goes back one DIAGNOSE (4 bytes) and the slice ends.
        this.againRequested = false;
        const [w0, w1] = cpu.psw.encode(cpu.arch);
        cpu.loadPsw(w0, (w1 & 0xff000000) | ((cpu.psw.address - 4) & 0xffffff));
        return InterceptAction.Stop;
      }
      return InterceptAction.Done;
    }
    const cc = this.diagnose(code, op.r1, op.r3);
    if (cc === undefined) cpu.programInterrupt(ProgramInterruption.Specification);
    else cpu.psw.cc = cc;
    return InterceptAction.Done;
  }

  diagnose(code: number, rx: number, ry: number): number | undefined {
    const g = this.cpu.gpr;
    const st = this.storage;
    const x = g[rx];
    const y = g[ry];
    switch (code) {
      case 0x00: {
        const area = new Uint8Array(40);
        area.set(toEbcdic('VMCMS   '), 0);
        area.set([0, 1, 0, 0xff], 8);
        area.set(toEbcdic(this.userid.padEnd(8)), 16);
        const n = Math.min(40, y);
        st.bytes.set(area.subarray(0, n), x);
        g[ry] = n;
        return 0;
      }
      case 0x08:
        return this.cpCommand(rx, ry);
      case 0x0c: {
        st.bytes.set(toEbcdic(this.system.time.date), x);
        st.bytes.set(toEbcdic(this.system.time.time), x + 8);
        const us = Math.floor(this.cpu.instructions / 10);
        st.writeU32(x + 16, 0);
        st.writeU32(x + 20, us);
        st.writeU32(x + 24, 0);
        st.writeU32(x + 28, us + Math.floor(us / 10));
        return 0;
      }
      case 0x14:
        return this.readerDiag(x, y);
      case 0x24: {
        const dev = x === 0xffffffff ? 0x009 : x & 0xffff;
        const types: Record<number, number> = { 0x009: 0x8004, 0x00c: 0x2020, 0x00d: 0x1020, 0x00e: 0x1041 };
        if (x === 0xffffffff) g[rx] = 0x009;
        if (types[dev] !== undefined) g[ry] = types[dev] << 16;
        else if (this.disks.has(dev)) g[ry] = (0x0401 << 16) | (this.disks.get(dev)!.readOnly ? 0x8000 : 0);
        else return 3;
        g[(ry + 1) & 15] = g[ry] & 0xffff0000;
        return 0;
      }
      case 0x250:
        return this.blockIo(x, y);
      case 0x58:
        return this.displayDiag(x, ry);
      case 0x5c: {
        if (this.emsg === 'CODE') g[ry] = Math.min(10, y);
        else if (this.emsg === 'TEXT' && fromEbcdic(st.bytes, x, x + 3) === 'DMS') {
          g[rx] = x + 11;
          g[ry] = Math.max(0, y - 11);
        } else if (this.emsg === 'OFF') g[ry] = 0;
        return 0;
      }
      case 0x60:
        g[rx] = st.size;
        return 0;
      case 0x64:
        if (y === 0x0c) return 1;
        if (y === 0x08) return 0;
        g[ry] = 44;
        return 2;
      default:
        return undefined;
    }
  }

  private blockIo(iopl: number, fn: number): number {
    const st = this.storage;
    const g = this.cpu.gpr;
    const vdev = st.readU16(iopl);
    const fail = (reason: number): number => {
      g[15] = reason;
      return 1;
    };
    const disk = this.disks.get(vdev);
    if (!disk) return fail(1);
    g[15] = 0;
    switch (fn) {
      case 0:
        this.initialized.add(vdev);
        st.writeU32(iopl + 8, disk.device.blockCount);
        st.writeU8(iopl + 12, disk.readOnly || !disk.device.writable ? 0x80 : 0);
        return 0;
      case 1:
      case 2: {
        if (!this.initialized.has(vdev)) return fail(6);
        const first = st.readU32(iopl + 16);
        const count = st.readU32(iopl + 20);
        const buffer = st.readU32(iopl + 24);
        if (first + count > disk.device.blockCount) return fail(4);
        if (buffer + count * 512 > st.size) return fail(5);
        if (fn === 2) {
          if (disk.readOnly || !disk.device.writable) return fail(3);
          disk.device.write(first, count, st.bytes.subarray(buffer, buffer + count * 512));
        } else {
          const into = new Uint8Array(count * 512);
          disk.device.read(first, count, into);
          st.bytes.set(into, buffer);
        }
        return 0;
      }
      case 3:
        this.initialized.delete(vdev);
        return 0;
      default:
        return fail(7);
    }
  }

  private readerDiag(plist: number, sub: number): number {
    const st = this.storage;
    const queue = this.system.reader(this.userid);
    const ch = this.channel;
    switch (sub) {
      case 0x00: {
        const id = st.readU32(plist);
        const file = id === 0 ? queue.find((f) => !f.hold) : queue.find((f) => f.spoolid === id);
        if (!file) return 2;
        ch.readerOpen = file;
        ch.readerPos = 0;
        st.writeU32(plist, file.spoolid);
        st.bytes.set(toEbcdic(file.from.padEnd(8)), plist + 4);
        st.bytes.set(toEbcdic('A'), plist + 12);
        st.bytes.set(toEbcdic(file.origin), plist + 13);
        st.writeU32(plist + 16, file.records.length);
        st.bytes.set(toEbcdic(file.name.padEnd(8)), plist + 20);
        st.bytes.set(toEbcdic(file.type.padEnd(8)), plist + 28);
        return 0;
      }
      case 0x04: {
        const file = ch.readerOpen;
        if (!file) return 2;
        let at = st.readU32(plist + 48);
        const end = at + st.readU32(plist + 52);
        const max = st.readU32(plist + 56);
        let moved = 0;
        if (ch.readerPos >= file.records.length) return 1;
        while (moved < max && ch.readerPos < file.records.length) {
          const r = file.records[ch.readerPos];
          if (at + 4 + r.data.length > end) {
            if (moved === 0) return 3;
            break;
          }
          st.writeU8(at, r.op);
          st.writeU8(at + 1, 0);
          st.writeU16(at + 2, r.data.length);
          st.bytes.set(r.data, at + 4);
          at += 4 + r.data.length;
          ch.readerPos++;
          moved++;
        }
        st.writeU32(plist + 60, moved);
        return 0;
      }
      case 0x08: {
        const file = ch.readerOpen;
        if (!file) return 2;
        const keep = (st.readU32(plist) & 0x80000000) !== 0;
        if (!keep) queue.splice(queue.indexOf(file), 1);
        ch.readerOpen = null;
        return 0;
      }
      default:
        return undefined as unknown as number;
    }
  }

  /** DIAGNOSE X'08': a handful of CP commands, enough for CMS's own use and the tests. */
  private cpCommand(rx: number, ry: number): number {
    const g = this.cpu.gpr;
    const st = this.storage;
    const flags = g[ry] >>> 24;
    const length = g[ry] & 0xffffff;
    const text = fromEbcdic(st.bytes, g[rx], g[rx] + length).trim();
    this.cpCommands.push(text);
    const { rc, lines } = this.cp(text);
    if (flags & 0x40) {
      const bytes = toEbcdic(lines.join('\x15'));
      const buf = g[(rx + 1) & 15];
      const room = g[(ry + 1) & 15];
      st.bytes.set(bytes.subarray(0, room), buf);
      g[ry] = rc;
      if (bytes.length > room) {
        g[(ry + 1) & 15] = bytes.length - room;
        return 1;
      }
      g[(ry + 1) & 15] = bytes.length;
      return 0;
    }
    for (const l of lines) this.consoleWrite(l);
    g[ry] = rc;
    return 0;
  }

  /** The canned CP. */
  cp(text: string): { rc: number; lines: string[] } {
    const words = text.split(/\s+/);
    const verb = (words[0] ?? '').toUpperCase();
    const up = words.map((w) => w.toUpperCase());
    if (text === '') return { rc: 0, lines: [] };
    if ((verb === 'Q' || verb === 'QUERY') && up[1] === 'TIME') {
      return { rc: 0, lines: [`TIME IS ${this.system.time.time} UTC THURSDAY ${this.system.time.date}`] };
    }
    if ((verb === 'Q' || verb === 'QUERY') && (up[1] === 'RDR' || up[1] === 'READER')) {
      const files = this.system.reader(this.userid);
      if (files.length === 0) return { rc: 0, lines: ['NO RDR FILES'] };
      return {
        rc: 0,
        lines: [
          'ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME     NAME      TYPE      DIST',
          ...files.map(
            (f) =>
              `${f.from.padEnd(8)} ${String(f.spoolid).padStart(4, '0')} A PUN ${String(f.records.length).padStart(8, '0')} 001 NONE 11/26 10:15:30 ${f.name.padEnd(8)}  ${f.type.padEnd(8)}  ${f.from}`,
          ),
        ],
      };
    }
    if ((verb === 'PURGE' || verb === 'PUR') && (up[1] === 'RDR' || up[1] === 'READER')) {
      const files = this.system.reader(this.userid);
      const i = files.findIndex((f) => f.spoolid === Number(up[2]));
      if (i < 0) return { rc: 42, lines: [`DMKCSP042E SPOOLID ${up[2] ?? ''} DOES NOT EXIST`] };
      files.splice(i, 1);
      return { rc: 0, lines: ['0001 FILE PURGED'] };
    }
    if (verb === 'SET' && up[1] === 'EMSG' && ['ON', 'OFF', 'TEXT', 'CODE'].includes(up[2])) {
      this.emsg = up[2] as 'ON';
      return { rc: 0, lines: [] };
    }
    if (verb === 'MSG' || verb === 'M') {
      const to = this.system.machines.get(up[1] ?? '');
      if (!to) return { rc: 45, lines: [`DMKMSG045E ${up[1] ?? ''} NOT LOGGED ON`] };
      to.consoleWrite(`MSG FROM ${this.userid}: ${words.slice(2).join(' ')}`);
      return { rc: 0, lines: [] };
    }
    if ((verb === 'SPOOL' || verb === 'SP') && (up[1] === '00D' || up[1] === 'PUNCH' || up[1] === 'PUN')) {
      if (up[2] === 'TO') {
        if (!this.system.machines.has(up[3])) return { rc: 53, lines: [`DMKCSP053E ${up[3]} NOT IN CP DIRECTORY`] };
        this.punchTo = up[3];
      } else if (up[2] === '*' || up[2] === 'OFF') this.punchTo = this.userid;
      return { rc: 0, lines: [] };
    }
    if (verb === 'CLOSE' || verb === 'CL') {
      const dev = up[1];
      const nameAt = up.indexOf('NAME');
      const name = nameAt > 0 ? (up[nameAt + 1] ?? '') : '';
      const type = nameAt > 0 ? (up[nameAt + 2] ?? '') : '';
      if (dev === '00D' || dev === 'PUNCH' || dev === 'PUN') {
        const cards = this.channel.punchCards;
        this.channel.punchCards = [];
        if (cards.length === 0) return { rc: 0, lines: [] };
        const id = this.system.spool(this.punchTo, {
          from: this.userid,
          origin: 'PUN',
          name,
          type,
          records: cards.map((c) => ({ op: 0x01, data: c })),
          hold: false,
        });
        return { rc: 0, lines: [`PUN FILE ${String(id).padStart(4, '0')} TO ${this.punchTo} COPY 01 NOHOLD`] };
      }
      if (dev === '00E' || dev === 'PRINTER' || dev === 'PRT') {
        const lines = this.channel.printLines;
        this.channel.printLines = [];
        if (lines.length === 0) return { rc: 0, lines: [] };
        let list = this.system.printed.get(this.userid);
        if (!list) this.system.printed.set(this.userid, (list = []));
        list.push(lines);
        return { rc: 0, lines: [`PRT FILE ${String(list.length).padStart(4, '0')} TO ${this.userid} COPY 01 NOHOLD`] };
      }
      return { rc: 0, lines: [] };
    }
    if (verb === 'DETACH' || verb === 'DET') {
      const vdev = parseInt(up[1] ?? '', 16);
      if (!this.disks.delete(vdev)) return { rc: 40, lines: [`DMKDTA040E DEVICE ${up[1]} DOES NOT EXIST`] };
      return { rc: 0, lines: [`DASD ${up[1]} DETACHED`] };
    }
    if (verb === 'LINK') {
      // LINK user vdev1 vdev2 mode
      const owner = this.system.machines.get(up[1] ?? '');
      const disk = owner?.disks.get(parseInt(up[2] ?? '', 16));
      if (!disk) return { rc: 40, lines: [`DMKLNK040E DEVICE ${up[2] ?? ''} DOES NOT EXIST`] };
      const mode = up[4] ?? 'R';
      this.disks.set(parseInt(up[3] ?? '', 16), {
        device: disk.device,
        readOnly: !mode.startsWith('W') && !mode.startsWith('M'),
      });
      return { rc: 0, lines: [] };
    }
    return { rc: 1, lines: [`DMKCFC001E ?CP: ${text.toUpperCase()}`] };
  }

  // ---- full screen (DIAGNOSE X'58') ----

  /** DIAGNOSE X'58' as docs/diagnose.md gives it: Rx -> CCW (op X'29' write, X'2A' read, X'2B' query). */
  private displayDiag(ccw: number, ry: number): number | undefined {
    const st = this.storage;
    const g = this.cpu.gpr;
    const op = st.readU8(ccw);
    const data = st.readU32(ccw) & 0xffffff;
    const command = st.readU8(ccw + 5);
    const count = st.readU16(ccw + 6);
    const screen = this.screen;
    if (!screen) return 3;
    switch (op) {
      case 0x2b: {
        const m = screen.model;
        st.bytes.set([m.rows, m.cols, m.alternateRows, m.alternateCols].slice(0, count), data);
        return 0;
      }
      case 0x29: {
        if (this.fullScreenBroken) {
          this.fullScreenBroken = false;
          this.fullScreen = false;
          st.writeU32(Lowcore.Csw, ccw + 8);
          st.writeU32(Lowcore.Csw + 4, (0x8e << 24) >>> 0);
          return 1;
        }
        const record = new Uint8Array(count + 1);
        record[0] = command;
        record.set(st.bytes.subarray(data, data + count), 1);
        applyOutbound(screen, record);
        this.fullScreen = true;
        this.displayWrites++;
        return 0;
      }
      case 0x2a: {
        const next = this.inbound.shift();
        if (!next) {
          this.displayReadPending = true;
          return 2;
        }
        const n = Math.min(count, next.length);
        st.bytes.set(next.subarray(0, n), data);
        g[ry] = n;
        return 0;
      }
      default:
        return undefined;
    }
  }

  /** A console READ: the program is back in line mode, no redraw is owed (X'8E'). */
  consoleReadPosted(): void {
    this.fullScreenBroken = false;
    this.fullScreen = false;
  }

  /** Full-screen writes CMS has made. */
  displayWrites = 0;

  /** The screen as text rows. */
  screenText(): string[] {
    return this.screen ? this.screen.text((c) => fromEbcdic(Uint8Array.of(c))) : [];
  }

  /** Put the cursor at a row and column (0-based) and type text there, as the user would. */
  typeAt(row: number, col: number, text: string): void {
    const screen = this.screen!;
    screen.cursor = row * screen.cols + col;
    for (const b of toEbcdic(text)) typeCharOrFail(screen, b);
  }

  /** Send an inbound record as given (a terminal misbehaving), as if an AID key was pressed. */
  sendInbound(record: Uint8Array): void {
    this.inbound.push(record);
    if (this.displayReadPending) {
      this.displayReadPending = false;
      this.channel.post(0x009, ATTN, 0, 0);
    }
    this.run();
  }

  /** Press an AID key (Enter, PFn, PA, Clear) on the 3270 and run CMS until it waits again. */
  press(aid: number, maxInstructions?: number): void {
    const record = pressAid(this.screen!, aid);
    if (!record) throw new Error('keyboard locked');
    this.inbound.push(record);
    if (this.displayReadPending) {
      this.displayReadPending = false;
      this.channel.post(0x009, ATTN, 0, 0);
    }
    this.run(maxInstructions);
  }

  // ---- console ----

  consoleWrite(text: string): void {
    if (this.fullScreen) {
      // CP takes the screen back to show the line (its line-mode write unlocks the keyboard).
      this.fullScreenBroken = true;
      this.fullScreen = false;
      if (this.screen) this.screen.systemLock = false;
    }
    for (const l of text.split('\n')) this.transcript.push(l.trimEnd());
  }

  echo(line: string): void {
    this.transcript.push(line);
  }

  /** Type a line: it ends a pending console read, or waits and presents attention. */
  type(line: string): void {
    const ch = this.channel;
    if (ch.pendingRead) {
      const read = ch.pendingRead;
      ch.pendingRead = null;
      ch.completeRead(read, line);
    } else {
      ch.typed.push(line);
      ch.post(0x009, ATTN, 0, 0);
    }
  }

  get reading(): boolean {
    return this.channel.pendingRead !== null;
  }

  /** The lines written since the last call. */
  take(): string[] {
    const out = this.transcript.slice(this.outputMark);
    this.outputMark = this.transcript.length;
    return out;
  }

  /** Run until CMS waits for console input (or nothing is left to do); returns why it stopped. */
  run(maxInstructions = 50_000_000): 'read' | 'idle' | 'limit' | 'disabled' {
    // A native slice (again()) is counted as 10,000 instructions of the budget:
    // that is about what CP's dispatcher would charge for a CMS slice.
    let spent = 0;
    const start = this.cpu.instructions;
    for (;;) {
      const used = this.cpu.instructions - start + spent;
      if (used >= maxInstructions) return 'limit';
      const r = this.cpu.run(Math.min(1_000_000, maxInstructions - used));
      switch (r.kind) {
        case 'budget':
          continue;
        case 'intercept':
          spent += 10_000;
          continue;
        case 'wait':
          if (this.channel.interruptPending) continue;
          if (r.disabled) return 'disabled';
          return this.reading ? 'read' : 'idle';
        case 'checkstop':
          throw new Error(`check-stop: ${r.message}`);
      }
    }
  }

  /** IPL a named system and run it to its first console read. */
  ipl(system: NamedSystem, parm = ''): string[] {
    system.ipl(this, parm);
    this.run();
    return this.take();
  }

  /** Type a line, run to the next read, and return the lines written (without the echo). */
  enter(line: string, maxInstructions?: number): string[] {
    this.take();
    this.type(line);
    this.run(maxInstructions);
    return this.take().slice(1);
  }

  /** Print buffers closed on the virtual printer. */
  get printed(): string[][] {
    return this.system.printed.get(this.userid) ?? [];
  }

  /** Cards punched and not yet closed. */
  get punched(): Uint8Array[] {
    return this.channel.punchCards;
  }
}

/** A memory minidisk (blocks of 512 bytes). */
export function memoryDisk(blocks = 2048, writable = true): MemoryBlockDevice {
  return new MemoryBlockDevice(blocks, writable);
}

function typeCharOrFail(screen: Screen3270, ch: number): void {
  // keyboard.typeChar refuses protected positions; a test typing there is wrong.
  if (!typeChar(screen, ch)) throw new Error(`cannot type at ${screen.cursor}: ${screen.operatorError ?? 'locked'}`);
}
