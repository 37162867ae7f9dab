// QUERY and SET (CMS), and the CP command (cms.md (c) QUERY, SET, CP).
// A QUERY or SET function CMS does not know goes to CP when IMPCP is on.

import type { CmsSession } from '../nucleus/session.js';
import { splitOptions } from '../nucleus/fileid.js';
import type { CmsGen } from '../nucleus/task.js';
import { command, type CommandDef } from './table.js';

const hex3 = (n: number): string => n.toString(16).toUpperCase().padStart(3, '0');
const onOff = (b: boolean): string => (b ? 'ON' : 'OFF');

function diskLines(cms: CmsSession, which: string | undefined): string[] | undefined {
  const disks = cms.searchOrder().filter((d) => which === undefined || which === '*' || d.letter === which);
  if (which !== undefined && which !== '*' && disks.length === 0) return undefined;
  const lines = ['LABEL  VDEV M  STAT   BLKS TYPE BLKSIZE  FILES  BLKS USED-(%)  BLKS LEFT  BLK TOTAL'];
  for (const d of disks) {
    const total = d.disk.totalBlocks;
    const used = d.disk.usedBlocks;
    const pct = Math.round((used * 100) / total);
    const mode = d.parent ? `${d.letter}/${d.parent}` : d.letter;
    lines.push(
      `${d.disk.volser.padEnd(6)} ${hex3(d.vdev).padEnd(4)} ${mode.padEnd(3)} ${d.readOnly ? 'R/O' : 'R/W'} ` +
        `${String(d.device.blockCount).padStart(6)} 3370 ${String(d.disk.blockSize).padStart(7)} ` +
        `${String(d.disk.files().length).padStart(6)} ${`${used}-${String(pct).padStart(2, '0')}`.padStart(14)} ` +
        `${String(total - used).padStart(10)} ${String(total).padStart(10)}`,
    );
  }
  return lines;
}

// eslint-disable-next-line require-yield
function* query(cms: CmsSession, tokens: readonly string[], raw: string): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  const fn = operands[0];
  if (fn === undefined) {
    cms.message('QRY', '047');
    return 24;
  }
  let stack: 'FIFO' | 'LIFO' | undefined;
  for (const o of options) {
    if (o === 'STACK' || o === 'FIFO') stack = 'FIFO';
    else if (o === 'LIFO') stack = 'LIFO';
    else {
      cms.message('QRY', '003', o);
      return 24;
    }
  }
  const s = cms.settings;
  let lines: string[];
  switch (fn) {
    case 'DISK': {
      const l = diskLines(cms, operands[1]);
      if (!l) {
        cms.message('QRY', '069', operands[1]);
        return 36;
      }
      lines = l;
      break;
    }
    case 'SEARCH':
      lines = cms
        .searchOrder()
        .map(
          (d) =>
            `${d.disk.volser.padEnd(6)} ${hex3(d.vdev).padEnd(4)} ${d.letter.padEnd(2)}${d.readOnly ? 'R/O' : 'R/W'}`,
        );
      break;
    case 'IMPEX':
      lines = [`IMPEX  = ${onOff(s.impex)}`];
      break;
    case 'IMPCP':
      lines = [`IMPCP  = ${onOff(s.impcp)}`];
      break;
    case 'ABBREV':
      lines = [`ABBREV = ${onOff(s.abbrev)}`];
      break;
    case 'RDYMSG':
      lines = [`RDYMSG = ${s.rdymsg}`];
      break;
    case 'BLIP':
      lines = [`BLIP = ${s.blip}`];
      break;
    case 'CMSTYPE':
      lines = [`CMSTYPE = ${s.cmstype}`];
      break;
    case 'PROTECT':
      lines = [`PROTECT = ${onOff(s.protect)}`];
      break;
    case 'SET':
      lines = [
        `ABBREV ${onOff(s.abbrev)}, IMPEX ${onOff(s.impex)}, IMPCP ${onOff(s.impcp)}, PROTECT ${onOff(s.protect)}`,
        `RDYMSG ${s.rdymsg}, BLIP ${s.blip}, CMSTYPE ${s.cmstype}`,
      ];
      break;
    case 'MACLIB':
    case 'TXTLIB': {
      const libs = fn === 'MACLIB' ? cms.globals.maclib : cms.globals.txtlib;
      lines = [libs.length === 0 ? 'NONE' : libs.join(' ')];
      break;
    }
    case 'FILEDEF':
      if (cms.filedefs.size === 0) {
        cms.say("NO USER DEFINED FILEDEF'S IN EFFECT");
        return 28;
      }
      lines = [...cms.filedefs].map(([dd, f]) => `${dd.padEnd(8)} ${f.device} ${f.fn} ${f.ft} ${f.fm}`.trimEnd());
      break;
    case 'SYNONYM':
      lines = cms.synonyms.size === 0 ? ['NO SYNONYMS'] : [...cms.synonyms].map(([a, b]) => `${b} ${a}`);
      break;
    case 'CMSLEVEL':
      lines = ['VM/SP CMS - vmcms'];
      break;
    default:
      if (cms.settings.impcp) {
        const r = cms.cp(`QUERY ${raw.toUpperCase()}`, true);
        if (r.rc === 1) {
          cms.message('QRY', '014', fn);
          return 24;
        }
        lines = r.lines;
        for (const l of lines) cms.say(l);
        return r.rc;
      }
      cms.message('QRY', '014', fn);
      return 24;
  }
  if (stack) for (const l of lines) cms.stack.add(l, stack === 'LIFO');
  else for (const l of lines) cms.say(l);
  return 0;
}

// eslint-disable-next-line require-yield
function* set(cms: CmsSession, tokens: readonly string[], raw: string): CmsGen<number> {
  const [fn, value, ...rest] = tokens;
  if (fn === undefined) {
    cms.message('SET', '047');
    return 24;
  }
  const s = cms.settings;
  const flag = (apply: (on: boolean) => void): number => {
    if (value !== 'ON' && value !== 'OFF') {
      cms.message('SET', '070', value ?? '');
      return 24;
    }
    apply(value === 'ON');
    return 0;
  };
  switch (fn) {
    case 'IMPEX':
      return flag((b) => (s.impex = b));
    case 'IMPCP':
      return flag((b) => (s.impcp = b));
    case 'ABBREV':
      return flag((b) => (s.abbrev = b));
    case 'PROTECT':
      return flag((b) => (s.protect = b));
    case 'RDYMSG':
      if (value !== 'LMSG' && value !== 'SMSG') {
        cms.message('SET', '070', value ?? '');
        return 24;
      }
      s.rdymsg = value;
      return 0;
    case 'RDYFORM':
      // vmcms: the era of the ready message: READY (VM/SP `Ready;`) or R (VM/370 `R;`).
      if (value !== 'READY' && value !== 'R') {
        cms.message('SET', '070', value ?? '');
        return 24;
      }
      s.rdyform = value;
      return 0;
    case 'BLIP':
      if (value === undefined) {
        cms.message('SET', '070', '');
        return 24;
      }
      s.blip = [value, ...rest].join(' ');
      return 0;
    case 'CMSTYPE':
      if (value !== 'HT' && value !== 'RT') {
        cms.message('SET', '070', value ?? '');
        return 24;
      }
      s.cmstype = value;
      return 0;
    default:
      if (cms.settings.impcp) {
        const r = cms.cp(`SET ${raw.toUpperCase()}`, true);
        if (r.rc === 1) {
          cms.message('SET', '014', fn);
          return 24;
        }
        for (const l of r.lines) cms.say(l);
        return r.rc;
      }
      cms.message('SET', '014', fn);
      return 24;
  }
}

/**
 * CP: the rest of the line to CP (a MSG keeps its case). Without operands,
 * DIAGNOSE X'08' with length 0 puts the virtual machine in CP console
 * function mode (CP READ), as `#CP` does.
 */
// eslint-disable-next-line require-yield
function* cp(cms: CmsSession, raw: string): CmsGen<number> {
  const text = raw.trim();
  if (text === '') return cms.diag(0x08, 0, 0).ry | 0;
  const keepCase = /^(MSG|M|MESSAGE|SMSG|WARNING)\s/i.test(text);
  return cms.cp(keepCase ? text : text.toUpperCase()).rc;
}

export const QUERY_COMMANDS: CommandDef[] = [
  command('QUERY', 'Q', (cms, c) => query(cms, c.tokens, c.raw)),
  command('SET', 'SET', (cms, c) => set(cms, c.tokens, c.raw)),
  command('CP', 'CP', (cms, c) => cp(cms, c.raw)),
];
