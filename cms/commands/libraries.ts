// Libraries and definitions: GLOBAL MACLIB/TXTLIB, MACLIB GEN/ADD/REP/DEL/
// LIST (members in the `*COPY name` form that s390/asm/maclib.ts reads),
// FILEDEF, SYNONYM (cms.md (c)).

import { parseMaclib } from '../../s390/asm/maclib.js';
import type { SourceResolver } from '../../s390/asm/index.js';
import type { CmsSession } from '../nucleus/session.js';
import { abbrev, badCharacter, splitOptions } from '../nucleus/fileid.js';
import type { CmsGen } from '../nucleus/task.js';
import { recordText, textRecord } from './common.js';
import { command, type CommandDef } from './table.js';

function readText(cms: CmsSession, fn: string, ft: string): string[] | undefined {
  const f = cms.findFile(fn, ft);
  if (!f) return undefined;
  return f.acc.disk.readRecords(fn, ft).map((r) => recordText(r).trimEnd());
}

/**
 * Macros and COPY members for ASSEMBLE: the GLOBAL MACLIBs (CMSLIB and
 * OSMACRO when none is set, a vmcms convenience), then `name COPY` files.
 */
export function macroResolver(cms: CmsSession): SourceResolver {
  const libs = cms.globals.maclib.length > 0 ? cms.globals.maclib : ['CMSLIB', 'OSMACRO'];
  let members: Map<string, string>[] | undefined;
  const load = (): Map<string, string>[] =>
    (members ??= libs.map((lib) => parseMaclib((readText(cms, lib, 'MACLIB') ?? []).join('\n'))));
  const find = (name: string): string | undefined => {
    for (const m of load()) {
      const s = m.get(name.toUpperCase());
      if (s !== undefined) return s;
    }
    return undefined;
  };
  return {
    macro: find,
    copy: (name) => find(name) ?? readText(cms, name.toUpperCase(), 'COPY')?.join('\n'),
  };
}

// eslint-disable-next-line require-yield
function* global(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const [kind, ...libs] = splitOptions(tokens).operands;
  if (kind !== 'MACLIB' && kind !== 'TXTLIB' && kind !== 'DOSLIB') {
    cms.message('GLB', kind === undefined ? '047' : '014', kind ?? '');
    return 24;
  }
  if (libs.length > 8) {
    cms.message('GLB', '070', libs[8]);
    return 24;
  }
  const kept: string[] = [];
  let rc = 0;
  for (const lib of libs) {
    if (cms.findFile(lib, kind)) kept.push(lib);
    else {
      cms.message('GLB', '002', `${lib} ${kind} *`);
      rc = 28;
    }
  }
  if (kind === 'MACLIB') cms.globals.maclib = kept;
  else if (kind === 'TXTLIB') cms.globals.txtlib = kept;
  return rc;
}

// eslint-disable-next-line require-yield
function* maclib(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands } = splitOptions(tokens);
  const [fnText, lib, ...names] = operands;
  const fn =
    fnText === undefined
      ? undefined
      : ['GEN', 'ADD', 'REP', 'DEL', 'LIST', 'MAP', 'COMP'].find((f) => abbrev(f, fnText, fnText.length));
  if (fn === undefined) {
    cms.message('LBM', fnText === undefined ? '047' : '014', fnText ?? '');
    return 24;
  }
  if (lib === undefined || badCharacter(lib) !== undefined) {
    cms.message('LBM', '001');
    return 24;
  }
  const existing = readText(cms, lib, 'MACLIB');
  if (fn === 'LIST' || fn === 'MAP') {
    if (!existing) {
      cms.message('LBM', '002', `${lib} MACLIB *`);
      return 28;
    }
    const members = parseMaclib(existing.join('\n'));
    cms.say(`MACRO    INDEX  SIZE`);
    let i = 1;
    for (const [name, body] of members)
      cms.say(`${name.padEnd(8)} ${String(i++).padStart(5)} ${String(body.split('\n').length).padStart(5)}`);
    return 0;
  }
  if (fn === 'COMP') return existing ? 0 : 28;
  const members = fn === 'GEN' || !existing ? new Map<string, string>() : parseMaclib(existing.join('\n'));
  if (fn !== 'GEN' && !existing) {
    cms.message('LBM', '002', `${lib} MACLIB *`);
    return 28;
  }
  if (names.length === 0) {
    cms.message('LBM', '001');
    return 24;
  }
  for (const name of names) {
    if (fn === 'DEL') {
      members.delete(name);
      continue;
    }
    const src = readText(cms, name, 'MACRO') ?? readText(cms, name, 'COPY');
    if (!src) {
      cms.message('LBM', '002', `${name} MACRO *`);
      return 28;
    }
    const parsed = parseMaclib(src.join('\n'));
    if (parsed.size === 0 || !src.some((l) => /^\s+MACRO\b/.test(l))) members.set(name, src.join('\n'));
    else for (const [m, body] of parsed) members.set(m, body);
  }
  const a = cms.firstWritable();
  if (!a) {
    cms.message('LBM', '037', 'A');
    return 36;
  }
  try {
    const w = a.disk.openForWrite(lib, 'MACLIB', { recfm: 'F', lrecl: 80, now: cms.now() });
    for (const [name, body] of members) {
      w.write(textRecord(`*COPY ${name}`, 'F', 80));
      for (const l of body.split('\n')) w.write(textRecord(l, 'F', 80));
    }
    w.close();
  } catch (err) {
    return cms.fsFailure('LBM', err, `${lib} MACLIB A1`);
  }
  return 0;
}

// eslint-disable-next-line require-yield
function* filedef(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  const [dd, device, fn, ft, fm] = operands;
  if (dd === undefined) {
    for (const [name, f] of cms.filedefs) cms.say(`${name.padEnd(8)} ${f.device} ${f.fn} ${f.ft} ${f.fm}`.trimEnd());
    return 0;
  }
  if (device === 'CLEAR' || (dd === '*' && device === 'CLEAR')) {
    if (dd === '*') for (const [k, f] of [...cms.filedefs]) if (!f.perm) cms.filedefs.delete(k);
    cms.filedefs.delete(dd);
    return 0;
  }
  const devices = ['TERMINAL', 'PRINTER', 'PUNCH', 'READER', 'DISK', 'DUMMY'];
  const dev =
    device === undefined ? undefined : devices.find((d) => abbrev(d, device, d === 'DISK' ? 4 : d === 'DUMMY' ? 5 : 2));
  if (dev === undefined) {
    cms.message('FLD', '070', device ?? '');
    return 24;
  }
  const perm = options.includes('PERM');
  cms.filedefs.set(dd, {
    device: dev,
    fn: dev === 'DISK' ? (fn ?? 'FILE') : '',
    ft: dev === 'DISK' ? (ft ?? dd) : '',
    fm: dev === 'DISK' ? (fm ?? 'A1') : '',
    perm,
  });
  return 0;
}

// eslint-disable-next-line require-yield
function* synonym(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const [name, syn] = tokens;
  if (name === undefined) {
    for (const [s, n] of cms.synonyms) cms.say(`${n.padEnd(8)} ${s}`);
    return 0;
  }
  if (syn === undefined) {
    cms.message('SYN', '070', name);
    return 24;
  }
  cms.synonyms.set(syn, name);
  return 0;
}

export const LIBRARY_COMMANDS: CommandDef[] = [
  command('GLOBAL', 'GLOBAL', (cms, c) => global(cms, c.tokens)),
  command('MACLIB', 'MACLIB', (cms, c) => maclib(cms, c.tokens)),
  command('FILEDEF', 'FI', (cms, c) => filedef(cms, c.tokens)),
  command('SYNONYM', 'SYN', (cms, c) => synonym(cms, c.tokens)),
];
