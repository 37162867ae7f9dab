// Running programs: ASSEMBLE (the assembler of s390/asm reading `fn
// ASSEMBLE`, writing `fn TEXT` and `fn LISTING`), LOAD and INCLUDE (the
// relocating loader at X'20000'), START, GENMOD and LOADMOD (cms.md (c),
// "LOAD / INCLUDE / START / GENMOD / LOADMOD", and ASSEMBLE).

import { assemble } from '../../s390/asm/index.js';
import { loadObjectDecks } from '../../s390/asm/loader.js';
import { fromEbcdic } from '../../s390/ebcdic.js';
import type { CmsSession } from '../nucleus/session.js';
import { badCharacter, splitOptions } from '../nucleus/fileid.js';
import type { CmsGen } from '../nucleus/task.js';
import { moduleRecords, loadModule, RC_LOADMOD_FAILED } from '../loader/module.js';
import { startProgram } from '../loader/run.js';
import { recordText, textRecord } from './common.js';
import { command, type CommandDef } from './table.js';
import { macroResolver } from './libraries.js';

const hex6 = (n: number): string => n.toString(16).toUpperCase().padStart(6, '0');

function* assembleCommand(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  const fn = operands[0];
  if (fn === undefined) {
    cms.message('ASM', '001');
    return 24;
  }
  if (badCharacter(fn) !== undefined) {
    cms.message('ASM', '062', badCharacter(fn)!, fn);
    return 20;
  }
  let object = true;
  let listing = true;
  let sysparm: string | undefined;
  const known = ['LIST', 'XREF', 'DECK', 'OBJECT', 'TERM', 'RENT', 'ALIGN', 'DISK', 'PRINT', 'ESD', 'RLD', 'TEST'];
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (o === 'NOOBJECT' || o === 'NOOBJ' || o === 'NODECK') object = false;
    else if (o === 'NOLIST' || o === 'NOPRINT') listing = false;
    else if (o === 'SYSPARM') sysparm = options[++i];
    else if (known.includes(o) || (o.startsWith('NO') && known.includes(o.slice(2)))) continue;
    else {
      cms.message('ASM', '003', o);
      return 24;
    }
  }
  const src = cms.findFile(fn, 'ASSEMBLE');
  if (!src) {
    cms.message('ASM', '002', `${fn} ASSEMBLE *`);
    return 28;
  }
  const source = src.acc.disk
    .readRecords(fn, 'ASSEMBLE')
    .map((r) => recordText(r).padEnd(80).slice(0, 80))
    .join('\n');
  yield { kind: 'slice' };
  const result = assemble(source, { sysparm, macroLibraries: macroResolver(cms), arch: cms.guest.arch });
  for (const d of result.diagnostics) {
    if (d.severity >= 4) cms.say(`${d.id} ${d.line > 0 ? `(line ${d.line}) ` : ''}${d.message}`);
  }
  const target = src.acc.readOnly ? cms.firstWritable() : src.acc;
  if (!target) {
    cms.message('ASM', '037', 'A');
    return 36;
  }
  try {
    const now = cms.now();
    if (object && result.objectDeck.length > 0) {
      const w = target.disk.openForWrite(fn, 'TEXT', { recfm: 'F', lrecl: 80, now });
      for (let at = 0; at < result.objectDeck.length; at += 80) w.write(result.objectDeck.subarray(at, at + 80));
      w.close();
    }
    if (listing) {
      const lines = result.listing.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const w = target.disk.openForWrite(fn, 'LISTING', { recfm: 'V', lrecl: 133, now });
      for (const l of lines) w.write(textRecord(l.slice(0, 133), 'V', 133));
      w.close();
    }
  } catch (err) {
    return cms.fsFailure('ASM', err, `${fn} TEXT ${target.letter}1`);
  }
  return result.returnCode;
}

/** Split a TXTLIB (concatenated object decks) into its decks, each ending with an END card. */
function splitDecks(bytes: Uint8Array): Uint8Array[] {
  const decks: Uint8Array[] = [];
  let start = 0;
  for (let at = 0; at + 80 <= bytes.length; at += 80) {
    if (fromEbcdic(bytes, at + 1, at + 4) === 'END') {
      decks.push(bytes.slice(start, at + 80));
      start = at + 80;
    }
  }
  return decks;
}

/** The external names a deck defines (SD and LD items of its ESD cards). */
function deckNames(deck: Uint8Array): string[] {
  const names: string[] = [];
  for (let at = 0; at + 80 <= deck.length; at += 80) {
    if (fromEbcdic(deck, at + 1, at + 4) !== 'ESD') continue;
    const count = (deck[at + 10] << 8) | deck[at + 11];
    for (let i = 0; i < count / 16; i++) {
      const item = at + 16 + i * 16;
      const type = deck[item + 8];
      if (type === 0x00 || type === 0x01 || type === 0x04) names.push(fromEbcdic(deck, item, item + 8).trim());
    }
  }
  return names;
}

function readFileBytes(cms: CmsSession, fn: string, ft: string): Uint8Array | undefined {
  const f = cms.findFile(fn, ft);
  if (!f) return undefined;
  const records = f.acc.disk.readRecords(fn, ft);
  const out = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of records) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

function* load(cms: CmsSession, tokens: readonly string[], include: boolean): CmsGen<number> {
  const { operands, options } = splitOptions(tokens);
  if (operands.length === 0) {
    cms.message('LIO', '001');
    return 24;
  }
  let start = false;
  let map = true;
  let auto = true;
  let origin: number | undefined;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (o === 'START') start = true;
    else if (o === 'NOMAP') map = false;
    else if (o === 'MAP') map = true;
    else if (o === 'NOAUTO') auto = false;
    else if (o === 'AUTO') auto = true;
    else if (o === 'ORIGIN') {
      const v = options[++i];
      if (v === undefined || !/^[0-9A-F]{1,6}$/.test(v)) {
        cms.message('LIO', '029', v ?? '', 'ORIGIN');
        return 24;
      }
      origin = parseInt(v, 16);
    } else if (
      [
        'CLEAR',
        'NOCLEAR',
        'TYPE',
        'NOTYPE',
        'INV',
        'NOINV',
        'REP',
        'NOREP',
        'LIBE',
        'NOLIBE',
        'DUP',
        'NODUP',
        'SAME',
        'RESET',
      ].includes(o)
    ) {
      if (o === 'RESET') i++;
      continue;
    } else {
      cms.message('LIO', '003', o);
      return 24;
    }
  }
  const previous = include ? cms.loader.program : undefined;
  const decks = previous ? [...previous.decks] : [];
  const names = previous ? [...previous.names] : [];
  const missing: string[] = [];
  for (const fn of operands) {
    const bytes = readFileBytes(cms, fn, 'TEXT');
    if (!bytes) missing.push(fn);
    else {
      decks.push(bytes);
      names.push(fn);
    }
  }
  const area = cms.userArea();
  const at = origin ?? previous?.origin ?? area.start;
  if (at < area.start || at >= area.end) {
    cms.message('LIO', '029', hex6(at), 'ORIGIN');
    return 24;
  }
  // Resolve external references from GLOBAL TXTLIBs and (AUTO) from TEXT files of the same name.
  const scratch = new Uint8Array(cms.guest.storage.size);
  let result = loadObjectDecks(scratch, decks, at);
  const tried = new Set<string>();
  for (let round = 0; round < 8 && result.unresolved.some((n) => !tried.has(n)); round++) {
    for (const name of result.unresolved) {
      if (tried.has(name)) continue;
      tried.add(name);
      const lib = findInTxtlibs(cms, name);
      if (lib) decks.push(lib);
      else if (auto && name.length <= 8 && badCharacter(name) === undefined) {
        const bytes = readFileBytes(cms, name, 'TEXT');
        if (bytes) decks.push(bytes);
      }
    }
    result = loadObjectDecks(scratch, decks, at);
  }
  const end = result.sections.reduce((e, s) => Math.max(e, s.address + s.length), at);
  if (end > area.end) {
    cms.message('LIO', '109');
    return 104;
  }
  cms.guest.storage.bytes.set(scratch.subarray(at, end), at);
  const entryName =
    result.sections.find((s) => s.address === result.entryPoint)?.name ?? result.sections[0]?.name ?? '';
  cms.loader.program = {
    decks,
    names,
    origin: at,
    end,
    entry: result.entryPoint,
    entryName,
    sections: result.sections.map((s) => ({ name: s.name, address: s.address, length: s.length })),
  };
  const undefinedNames = [...missing, ...result.unresolved];
  for (const e of result.errors) cms.say(e);
  if (map) writeLoadMap(cms);
  let rc = 0;
  if (undefinedNames.length > 0) {
    cms.message('LIO', '201');
    for (let i = 0; i < undefinedNames.length; i += 8) {
      cms.say(
        ' ' +
          undefinedNames
            .slice(i, i + 8)
            .map((n) => n.padEnd(8))
            .join(' ')
            .trimEnd(),
      );
    }
    rc = 4;
  }
  if (start && rc === 0) return yield* run(cms, cms.loader.program.entry, cms.loader.program.entryName, [], '');
  return rc;
}

function findInTxtlibs(cms: CmsSession, name: string): Uint8Array | undefined {
  for (const lib of cms.globals.txtlib) {
    const bytes = readFileBytes(cms, lib, 'TXTLIB');
    if (!bytes) continue;
    const deck = splitDecks(bytes).find((d) => deckNames(d).includes(name));
    if (deck) return deck;
  }
  return undefined;
}

function writeLoadMap(cms: CmsSession): void {
  const a = cms.disks.get('A');
  const p = cms.loader.program;
  if (!a || a.readOnly || !p) return;
  try {
    const w = a.disk.openForWrite('LOAD', 'MAP', { recfm: 'F', lrecl: 80, modeNumber: 5, now: cms.now() });
    for (const s of p.sections) w.write(textRecord(`${s.name.padEnd(8)}   SD  ${hex6(s.address)}`, 'F', 80));
    w.close();
  } catch {
    // The load map is a convenience; a full disk does not stop the load.
  }
}

function* run(cms: CmsSession, entry: number, name: string, tokens: readonly string[], raw: string): CmsGen<number> {
  cms.message('LIO', '740');
  return yield* startProgram(cms, entry, name, tokens, raw);
}

function* startCommand(cms: CmsSession, tokens: readonly string[], raw: string): CmsGen<number> {
  const p = cms.loader.program;
  if (!p) {
    cms.message('LIO', '055');
    return 40;
  }
  const { operands } = splitOptions(tokens);
  let entry = p.entry;
  let name = p.entryName;
  if (operands[0] !== undefined && operands[0] !== '*') {
    const s = p.sections.find((x) => x.name === operands[0]);
    if (!s) {
      cms.message('LIO', '002', `${operands[0]} TEXT *`);
      return 28;
    }
    entry = s.address;
    name = s.name;
  }
  const args = operands.slice(1);
  const rawArgs = raw.trim().split(/\s+/).slice(1).join(' ');
  return yield* run(cms, entry, name, args, rawArgs);
}

// eslint-disable-next-line require-yield
function* genmod(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands } = splitOptions(tokens);
  const p = cms.loader.program;
  if (!p) {
    cms.message('GMD', '211', 'GENMOD');
    return 40;
  }
  const fn = operands[0] ?? p.entryName;
  const fm = operands[2] ?? 'A1';
  const acc = cms.disks.get(fm[0]);
  if (!acc) {
    cms.message('GMD', '069', fm[0]);
    return 36;
  }
  if (acc.readOnly) {
    cms.message('GMD', '037', fm[0]);
    return 36;
  }
  const image = cms.guest.storage.bytes.slice(p.origin, p.end);
  try {
    const w = acc.disk.openForWrite(fn, 'MODULE', {
      recfm: 'V',
      lrecl: 4096,
      modeNumber: fm.length > 1 ? Number(fm[1]) : 1,
      now: cms.now(),
    });
    for (const r of moduleRecords(p.origin, p.entry, p.entryName, image)) w.write(r);
    w.close();
  } catch (err) {
    return cms.fsFailure('GMD', err, `${fn} MODULE ${fm}`);
  }
  return 0;
}

// eslint-disable-next-line require-yield
function* loadmod(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const { operands } = splitOptions(tokens);
  const fn = operands[0];
  if (fn === undefined) {
    cms.message('MOD', '001');
    return 24;
  }
  const f = cms.findFile(fn, 'MODULE');
  if (!f) {
    cms.message('MOD', '002', `${fn} MODULE *`);
    return 28;
  }
  if (!loadModule(cms, f)) {
    cms.message('MOD', '104', 3, `${fn} MODULE`);
    return RC_LOADMOD_FAILED;
  }
  return 0;
}

export const PROGRAM_COMMANDS: CommandDef[] = [
  command('ASSEMBLE', 'ASSEMBLE', (cms, c) => assembleCommand(cms, c.tokens)),
  command('LOAD', 'LOAD', (cms, c) => load(cms, c.tokens, false)),
  command('INCLUDE', 'IN', (cms, c) => load(cms, c.tokens, true)),
  command('START', 'START', (cms, c) => startCommand(cms, c.tokens, c.raw)),
  command('GENMOD', 'GEN', (cms, c) => genmod(cms, c.tokens)),
  command('LOADMOD', 'LOADM', (cms, c) => loadmod(cms, c.tokens)),
];
