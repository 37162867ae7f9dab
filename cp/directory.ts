// The user directory: CP's list of who may log on and what virtual machine
// each user gets. The source is a `USER DIRECT` file in the real directory
// syntax (VM/370 R6 "Planning and System Generation Guide", GC20-1801,
// chapter "Creating Your VM/370 Directory"; statement formats in
// ../shared/reference/cp.md section 4): columns 1-71, blank-delimited
// positional operands, `*` comments, one USER statement starting each entry.
//
// Reading is all or nothing: every error is collected with its file, line
// and statement, and a directory with any error is refused, so the system
// never starts with a half-read directory.
//
// Minidisks here are extents of FBA volumes (3370/3310: start block and
// block count, as VM/SP's FBA MDISK statement gives them); the CKD device
// types are accepted with cylinders as the unit.

import { PASSWORD_KEYWORDS, protectPassword } from './password.js';

export type PrivilegeClass = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H';

/** The link modes of cp.md 4.2. */
export type LinkMode = 'R' | 'RR' | 'W' | 'WR' | 'M' | 'MR' | 'MW';
export const LINK_MODES: readonly LinkMode[] = ['R', 'RR', 'W', 'WR', 'M', 'MR', 'MW'];

export type SpoolKind = 'READER' | 'PUNCH' | 'PRINTER';

export interface SpoolDevice {
  readonly vaddr: number;
  readonly devtype: string;
  readonly kind: SpoolKind;
  /** Spool class: A-Z, 0-9, or * (reader: any class). */
  readonly spoolClass: string;
}

export interface MinidiskDefinition {
  readonly vaddr: number;
  readonly devtype: string;
  /** First block (FBA) or cylinder (CKD) on the volume; -1 for a T-disk. */
  readonly start: number;
  /** Size in blocks (FBA) or cylinders (CKD). */
  readonly count: number;
  /** Volume serial; empty for a T-disk. */
  readonly volser: string;
  readonly mode: LinkMode;
  /** Stored form (hash or keyword ALL), or undefined when the mode cannot be obtained by others. */
  readonly readPassword?: string;
  readonly writePassword?: string;
  readonly multiPassword?: string;
  readonly temporary: boolean;
  readonly line: number;
}

export interface DirectoryLink {
  readonly userid: string;
  readonly vaddr: number;
  readonly asVaddr: number;
  readonly mode: LinkMode;
}

export interface DirectoryEntry {
  readonly userid: string;
  /** Stored form: a hash, clear text straight from the operator's source, or NOLOG. */
  readonly password: string;
  /** Logon storage size in bytes. */
  readonly storage: number;
  /** DEFINE STORAGE limit in bytes. */
  readonly maxStorage: number;
  readonly classes: ReadonlySet<PrivilegeClass>;
  readonly account?: { readonly number: string; readonly distribution?: string };
  readonly ipl?: { readonly target: string; readonly parm?: string };
  readonly options: ReadonlySet<string>;
  /** Architecture of the virtual machine (MACHINE statement; default 370). */
  readonly machine: '370' | '390';
  readonly console?: { readonly vaddr: number; readonly devtype: string; readonly spoolClass: string };
  readonly spool: readonly SpoolDevice[];
  readonly minidisks: readonly MinidiskDefinition[];
  readonly links: readonly DirectoryLink[];
  readonly line: number;
}

export interface Directory {
  readonly entries: ReadonlyMap<string, DirectoryEntry>;
}

export class DirectoryError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'DirectoryError';
  }
}

const FBA_TYPES = new Set(['3370', '3310', '9336']);
const CKD_TYPES = new Set(['2305', '2311', '2314', '2319', '3330', '3340', '3350', '3375', '3380']);
const CLASS_LETTERS = /^[A-H]+$/;

interface MutableEntry {
  userid: string;
  password: string;
  storage: number;
  maxStorage: number;
  classes: Set<PrivilegeClass>;
  account?: { number: string; distribution?: string };
  ipl?: { target: string; parm?: string };
  options: Set<string>;
  machine: '370' | '390';
  console?: { vaddr: number; devtype: string; spoolClass: string };
  spool: SpoolDevice[];
  minidisks: MinidiskDefinition[];
  links: DirectoryLink[];
  line: number;
}

/** Parse a storage size: `320K`, `2M`, or a plain number of K (as the directory allows). */
export function parseStorageSize(text: string): number | undefined {
  const m = /^(\d+)([KM]?)$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2].toUpperCase() === 'M' ? n * 1024 * 1024 : n * 1024;
}

/** A virtual device address: 1 to 4 hex digits, at most X'FFF'. */
export function parseVaddr(text: string): number | undefined {
  if (!/^[0-9A-F]{1,4}$/i.test(text)) return undefined;
  const v = parseInt(text, 16);
  return v <= 0xfff ? v : undefined;
}

export function formatVaddr(vaddr: number): string {
  return vaddr.toString(16).toUpperCase().padStart(3, '0');
}

/** Parse a USER DIRECT source. Throws DirectoryError listing every problem found. */
export function parseDirectory(
  source: string,
  fileName = 'USER DIRECT',
  options: { readonly wholeLines?: boolean } = {},
): Directory {
  const problems: string[] = [];
  const entries = new Map<string, DirectoryEntry>();
  let current: MutableEntry | undefined;

  const finish = (): void => {
    if (!current) return;
    if (entries.has(current.userid)) {
      problems.push(`${fileName} line ${current.line}: USER ${current.userid}: duplicate userid`);
    } else {
      entries.set(current.userid, current);
    }
    current = undefined;
  };

  const lines = source.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    // Columns 72-80 are continuation/sequence columns in the operator's source;
    // CP's protected copy (hashed passwords) is read as whole lines.
    const text = (options.wholeLines ? rawLine : rawLine.slice(0, 71)).replace(/\t/g, ' ');
    const tokens = text
      .trim()
      .split(/\s+/)
      .filter((t) => t.length > 0);
    if (tokens.length === 0 || tokens[0].startsWith('*')) return;
    const statement = tokens[0].toUpperCase();
    const ops = tokens.slice(1);
    const fail = (why: string): void => {
      problems.push(`${fileName} line ${lineNo}: ${statement}: ${why}`);
    };

    if (statement === 'DIRECTORY') return; // where the object directory goes: nothing to do here
    if (statement === 'USER') {
      finish();
      current = parseUser(ops, lineNo, fail);
      return;
    }
    if (!current) {
      fail('statement before the first USER statement');
      return;
    }
    const entry = current;
    switch (statement) {
      case 'ACCOUNT':
        if (ops.length < 1) fail('account number missing');
        else entry.account = { number: ops[0], distribution: ops[1] };
        break;
      case 'IPL': {
        if (ops.length < 1) {
          fail('device or system name missing');
          break;
        }
        const parmAt = ops.findIndex((t) => t.toUpperCase() === 'PARM');
        const parm = parmAt >= 0 ? text.trim().replace(/^\S+\s+\S+\s+PARM\s?/i, '') : undefined;
        entry.ipl = { target: ops[0].toUpperCase(), parm };
        break;
      }
      case 'OPTION':
        for (const opt of ops) entry.options.add(opt.toUpperCase());
        break;
      case 'MACHINE': {
        const m = (ops[0] ?? '').toUpperCase();
        if (m === '370') entry.machine = '370';
        else if (m === 'XA' || m === 'ESA' || m === '390') entry.machine = '390';
        else fail(`unknown machine mode ${ops[0] ?? '(missing)'}; use 370 or ESA`);
        break;
      }
      case 'CONSOLE': {
        const vaddr = parseVaddr(ops[0] ?? '');
        if (vaddr === undefined) fail(`invalid virtual address ${ops[0] ?? '(missing)'}`);
        else entry.console = { vaddr, devtype: ops[1] ?? '3215', spoolClass: (ops[2] ?? 'T').toUpperCase() };
        break;
      }
      case 'SPOOL': {
        const dev = parseSpool(ops, fail);
        if (dev) entry.spool.push(dev);
        break;
      }
      case 'MDISK': {
        const disk = parseMdisk(ops, lineNo, fail);
        if (disk) {
          if (entry.minidisks.some((d) => d.vaddr === disk.vaddr)) fail(`duplicate virtual address ${ops[0]}`);
          else entry.minidisks.push(disk);
        }
        break;
      }
      case 'LINK': {
        const [userid, v1, v2, mode] = ops;
        const vaddr = parseVaddr(v1 ?? '');
        const asVaddr = parseVaddr(v2 ?? '');
        const linkMode = (mode ?? 'R').toUpperCase() as LinkMode;
        if (!userid || vaddr === undefined || asVaddr === undefined) fail('expected LINK userid vaddr1 vaddr2 mode');
        else if (!LINK_MODES.includes(linkMode)) fail(`invalid link mode ${mode}`);
        else entry.links.push({ userid: userid.toUpperCase(), vaddr, asVaddr, mode: linkMode });
        break;
      }
      case 'INCLUDE':
      case 'PROFILE':
        fail('not supported by this CP (write the statements into each USER entry)');
        break;
      case 'DEDICATE':
      case 'SPECIAL':
        fail('not supported by this CP: no real devices to dedicate');
        break;
      default:
        fail('unknown directory statement');
    }
  });
  finish();

  checkLinksAndExtents(entries, fileName, problems);
  if (problems.length > 0) throw new DirectoryError(problems);
  return { entries };
}

function parseUser(ops: string[], line: number, fail: (why: string) => void): MutableEntry | undefined {
  const [userid, password, stor, maxstor, classes] = ops;
  if (!userid || !/^[A-Z0-9@#$]{1,8}$/i.test(userid)) {
    fail(`userid missing or invalid: ${userid ?? '(missing)'}`);
    return undefined;
  }
  if (!password) {
    fail(`USER ${userid}: password missing`);
    return undefined;
  }
  const storage = parseStorageSize(stor ?? '1M');
  const maxStorage = parseStorageSize(maxstor ?? stor ?? '1M');
  if (storage === undefined || maxStorage === undefined) {
    fail(`USER ${userid}: invalid storage size`);
    return undefined;
  }
  if (maxStorage < storage) fail(`USER ${userid}: maximum storage is smaller than the logon storage`);
  const classText = (classes ?? 'G').toUpperCase();
  if (!CLASS_LETTERS.test(classText)) fail(`USER ${userid}: invalid privilege classes ${classes}`);
  return {
    userid: userid.toUpperCase(),
    password,
    storage,
    maxStorage,
    classes: new Set([...classText].filter((c) => CLASS_LETTERS.test(c)) as PrivilegeClass[]),
    options: new Set(),
    machine: '370',
    spool: [],
    minidisks: [],
    links: [],
    line,
  };
}

function parseSpool(ops: string[], fail: (why: string) => void): SpoolDevice | undefined {
  const vaddr = parseVaddr(ops[0] ?? '');
  const devtype = (ops[1] ?? '').toUpperCase();
  if (vaddr === undefined) {
    fail(`invalid virtual address ${ops[0] ?? '(missing)'}`);
    return undefined;
  }
  let rest = ops.slice(2).map((t) => t.toUpperCase());
  let kind: SpoolKind | undefined;
  if (rest[0] === 'READER' || rest[0] === 'PUNCH' || rest[0] === 'PRINTER') {
    kind = rest[0];
    rest = rest.slice(1);
  } else if (devtype === '1403' || devtype === '3211' || devtype === '3203' || devtype === '1443') kind = 'PRINTER';
  else if (devtype === '3505') kind = 'READER';
  else if (devtype === '3525') kind = 'PUNCH';
  if (!kind) {
    fail(`device type ${devtype || '(missing)'} needs READER or PUNCH`);
    return undefined;
  }
  const spoolClass = rest[0] ?? (kind === 'READER' ? '*' : 'A');
  if (!/^[A-Z0-9*]$/.test(spoolClass)) {
    fail(`invalid spool class ${spoolClass}`);
    return undefined;
  }
  return { vaddr, devtype, kind, spoolClass };
}

function parseMdisk(ops: string[], line: number, fail: (why: string) => void): MinidiskDefinition | undefined {
  const vaddr = parseVaddr(ops[0] ?? '');
  const devtype = (ops[1] ?? '').toUpperCase();
  if (vaddr === undefined) {
    fail(`invalid virtual address ${ops[0] ?? '(missing)'}`);
    return undefined;
  }
  if (!FBA_TYPES.has(devtype) && !CKD_TYPES.has(devtype)) {
    fail(`unsupported device type ${devtype || '(missing)'}`);
    return undefined;
  }
  if ((ops[2] ?? '').toUpperCase() === 'T-DISK') {
    const count = Number(ops[3]);
    if (!Number.isInteger(count) || count <= 0) {
      fail('T-DISK size missing or invalid');
      return undefined;
    }
    return { vaddr, devtype, start: -1, count, volser: '', mode: 'W', temporary: true, line };
  }
  const start = Number(ops[2]);
  const count = Number(ops[3]);
  const volser = (ops[4] ?? '').toUpperCase();
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count <= 0) {
    fail('start and size must be whole numbers (size at least 1)');
    return undefined;
  }
  if (!/^[A-Z0-9$#@]{1,6}$/.test(volser)) {
    fail(`volume serial missing or invalid: ${ops[4] ?? '(missing)'}`);
    return undefined;
  }
  const mode = (ops[5] ?? 'W').toUpperCase() as LinkMode;
  if (!LINK_MODES.includes(mode)) {
    fail(`invalid mode ${ops[5]}`);
    return undefined;
  }
  return {
    vaddr,
    devtype,
    start,
    count,
    volser,
    mode,
    readPassword: ops[6],
    writePassword: ops[7],
    multiPassword: ops[8],
    temporary: false,
    line,
  };
}

/** LINK statements must name existing minidisks; extents on one volume must not overlap. */
function checkLinksAndExtents(entries: Map<string, DirectoryEntry>, fileName: string, problems: string[]): void {
  const byVolume = new Map<string, { owner: string; disk: MinidiskDefinition }[]>();
  for (const entry of entries.values()) {
    for (const link of entry.links) {
      const target = entries.get(link.userid);
      if (!target) {
        problems.push(`${fileName} line ${entry.line}: USER ${entry.userid}: LINK to ${link.userid}, not in directory`);
      } else if (!target.minidisks.some((d) => d.vaddr === link.vaddr)) {
        problems.push(
          `${fileName} line ${entry.line}: USER ${entry.userid}: LINK to ${link.userid} ${formatVaddr(link.vaddr)}, no such minidisk`,
        );
      }
    }
    for (const disk of entry.minidisks) {
      if (disk.temporary) continue;
      const list = byVolume.get(disk.volser) ?? [];
      for (const other of list) {
        const a = disk;
        const b = other.disk;
        if (a.start < b.start + b.count && b.start < a.start + a.count) {
          problems.push(
            `${fileName} line ${a.line}: MDISK: ${entry.userid} ${formatVaddr(a.vaddr)} overlaps ` +
              `${other.owner} ${formatVaddr(b.vaddr)} on volume ${a.volser}`,
          );
        }
      }
      list.push({ owner: entry.userid, disk });
      byVolume.set(disk.volser, list);
    }
  }
}

/**
 * The directory source with every password replaced by its hash, layout kept:
 * what CP writes into the data directory. USER passwords are operand 2 of
 * USER; minidisk passwords are operands 7-9 of MDISK.
 */
export function protectDirectorySource(source: string): string {
  return source
    .split(/(\r?\n)/)
    .map((line) => {
      if (/^\s*\*/.test(line) || line.trim() === '' || /^\r?\n$/.test(line)) return line;
      const head = line.slice(0, 71);
      const tokens = head.trim().split(/\s+/);
      const statement = tokens[0].toUpperCase();
      let positions: number[] = [];
      if (statement === 'USER') positions = [2];
      else if (statement === 'MDISK' && (tokens[3] ?? '').toUpperCase() !== 'T-DISK') positions = [7, 8, 9];
      if (positions.length === 0) return line;
      const indent = /^\s*/.exec(head)?.[0] ?? '';
      const out = tokens.map((t, i) =>
        positions.includes(i) && !PASSWORD_KEYWORDS.has(t.toUpperCase()) ? protectPassword(t) : t,
      );
      // Hashed lines run past column 71 and columns 72-80 are dropped: the
      // protected copy is read with { wholeLines: true }.
      return indent + out.join(' ');
    })
    .join('');
}
