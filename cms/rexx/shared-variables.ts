// The variables of a running EXEC as a command sees them: the "shared
// variable" interface that VM/SP's System Product Interpreter offers through
// the EXECCOMM subcommand entry point (VM/SP System Product Interpreter
// Reference, SC24-5239, "The Interface to Variables (EXECCOMM)"). A request
// block (SHVBLOCK) there names a function: fetch, set or drop a variable,
// each either *symbolic* (the name is a REXX symbol: folded to upper case,
// tails of a compound name substituted) or *direct* (the name taken as it
// is: the stem part in upper case, the tail literal), fetch-next to walk
// all the variables, and fetch-private (PARM, SOURCE, VERSION). Each call
// answers with the SHVRET flags. Here a request is a method call and the
// flags come back as a number built from SHV_* below.
//
// The accessor is bound to the routine level that issued the command
// (after PROCEDURE, that routine's own variables, as on VM/SP), and is valid
// until the command returns to the EXEC.

import { symbolTarget } from './parser.js';
import { upperRexx } from './values.js';
import { isSymbolChar } from './lexer.js';
import type { TailPart } from './ast.js';
import type { VariablePool } from './variables.js';

/** SHVRET: the request was carried out. */
export const SHV_CLEAN = 0;
/** SHVNEWV: the variable did not exist (fetch: its value is its name; set: it was created; drop: nothing to drop). */
export const SHV_NEWV = 1;
/** SHVLVAR: fetch-next has returned the last variable (the name is then ''). */
export const SHV_LVAR = 2;
/** SHVBADN: the name is not a valid variable name (a constant symbol, too long, bad characters). */
export const SHV_BADN = 8;
/** SHVBADF: unknown function (fetch-private of a name other than PARM, SOURCE, VERSION). */
export const SHV_BADF = 128;

/** The longest variable name EXECCOMM accepts (SHVNAML is a fullword; VM/SP limits symbols to 250). */
const MAX_NAME = 250;

/** How a name is read: `symbolic` (EXECCOMM s/f/d, the default) or `direct` (S/F/D). */
export type NameForm = 'symbolic' | 'direct';

export interface VariableFetch {
  /** SHV_CLEAN, SHV_NEWV (not set: `value` is the variable's name, as REXX would give) or SHV_BADN. */
  rc: number;
  value: string;
  /** The name as resolved: upper case, tails substituted (`A.I` with I=3 is `A.3`). */
  name: string;
}

export interface VariableNext {
  /** SHV_CLEAN with a variable, or SHV_LVAR at the end of the list (name and value ''). */
  rc: number;
  name: string;
  value: string;
}

/**
 * The calling EXEC's variables. Hosts get one as the third argument of
 * `RexxHost.command` (valid while that command runs), or from
 * `Interpreter.variables()`. Names follow REXX: `X`, `STEM.` (the whole
 * stem: set gives every element a default, drop drops them all, fetch gives
 * the default), `STEM.I.J` (with the symbolic form, I and J are replaced by
 * their values when they are set variables; a tail starting with a digit is
 * a constant).
 */
export interface RexxVariables {
  /** EXECCOMM fetch (SHVFETCH). */
  fetch(name: string, form?: NameForm): VariableFetch;
  /** EXECCOMM set (SHVSTORE): SHV_CLEAN, SHV_NEWV (created) or SHV_BADN. */
  set(name: string, value: string, form?: NameForm): number;
  /** EXECCOMM drop (SHVDROPV): SHV_CLEAN, SHV_NEWV (was not set) or SHV_BADN. */
  drop(name: string, form?: NameForm): number;
  /**
   * EXECCOMM fetch-next (SHVNEXTV): each call gives one variable of the
   * routine level, simple variables first, then per stem its default (as
   * `STEM.`) and its elements, in the order they were created; after the
   * last, SHV_LVAR once, and the walk starts again. A set or drop through
   * this interface also starts it again, as on VM/SP.
   */
  next(): VariableNext;
  /** EXECCOMM fetch-private (SHVPRIV): PARM (the argument string), SOURCE (PARSE SOURCE), VERSION; null for others (SHV_BADF). */
  fetchPrivate(name: string): string | null;
}

/** What the accessor needs of the routine level it is bound to. */
export interface VariableScope {
  pool(): VariablePool;
  /** PARSE ARG's first string, PARSE SOURCE, PARSE VERSION. */
  parm(): string;
  source(): string;
  version(): string;
}

/** A resolved name: a simple variable, a whole stem, or a stem element. */
type Resolved = { t: 'var'; name: string } | { t: 'stem'; stem: string } | { t: 'cmp'; stem: string; tail: string };

function validSymbolStart(name: string): boolean {
  const c = name.charCodeAt(0);
  // A symbol that starts with a digit or a period is a constant, not a variable.
  return !(c >= 48 && c <= 57) && c !== 46;
}

function resolve(pool: VariablePool, name: string, form: NameForm): Resolved | null {
  if (name.length === 0 || name.length > MAX_NAME) return null;
  const dot = name.indexOf('.');
  const stemPart = dot < 0 ? name : name.slice(0, dot + 1);
  const symbol = form === 'symbolic' ? upperRexx(stemPart) : stemPart;
  if (!validSymbolStart(symbol)) return null;
  for (let i = 0; i < symbol.length; i++) {
    const c = symbol.charCodeAt(i);
    if (!isSymbolChar(c)) return null;
    // Direct names must already be in upper case (SC24-5239, "EXECCOMM": SHVNAMA).
    if (form === 'direct' && c >= 97 && c <= 122) return null;
  }
  if (dot < 0) return { t: 'var', name: symbol };
  if (dot === name.length - 1) return { t: 'stem', stem: symbol };
  if (form === 'direct') return { t: 'cmp', stem: symbol, tail: name.slice(dot + 1) };
  const whole = upperRexx(name);
  for (let i = dot + 1; i < whole.length; i++) if (!isSymbolChar(whole.charCodeAt(i))) return null;
  const target = symbolTarget(whole);
  if (target.t !== 'cmp') return null;
  return { t: 'cmp', stem: target.stem, tail: substituteTail(pool, target.tail) };
}

function substituteTail(pool: VariablePool, parts: TailPart[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      const v = pool.get(p.v);
      return v === undefined ? p.v : v;
    })
    .join('.');
}

function nameOf(r: Resolved): string {
  return r.t === 'var' ? r.name : r.t === 'stem' ? r.stem : r.stem + r.tail;
}

function currentValue(pool: VariablePool, r: Resolved): string | undefined {
  if (r.t === 'var') return pool.get(r.name);
  if (r.t === 'stem') return pool.getStemDefault(r.stem);
  return pool.getCompound(r.stem, r.tail);
}

/** The accessor for one routine level (made by the interpreter for each command it sends). */
export class SharedVariables implements RexxVariables {
  private walk: VariableNext[] | null = null;
  private walkAt = 0;

  constructor(private readonly scope: VariableScope) {}

  fetch(name: string, form: NameForm = 'symbolic'): VariableFetch {
    const pool = this.scope.pool();
    const r = resolve(pool, name, form);
    if (r === null) return { rc: SHV_BADN, value: '', name };
    const full = nameOf(r);
    const v = currentValue(pool, r);
    return v === undefined ? { rc: SHV_NEWV, value: full, name: full } : { rc: SHV_CLEAN, value: v, name: full };
  }

  set(name: string, value: string, form: NameForm = 'symbolic'): number {
    const pool = this.scope.pool();
    const r = resolve(pool, name, form);
    if (r === null) return SHV_BADN;
    this.walk = null;
    const existed = currentValue(pool, r) !== undefined;
    if (r.t === 'var') pool.set(r.name, value);
    else if (r.t === 'stem') pool.setStem(r.stem, value);
    else pool.setCompound(r.stem, r.tail, value);
    return existed ? SHV_CLEAN : SHV_NEWV;
  }

  drop(name: string, form: NameForm = 'symbolic'): number {
    const pool = this.scope.pool();
    const r = resolve(pool, name, form);
    if (r === null) return SHV_BADN;
    this.walk = null;
    const existed = r.t === 'stem' ? pool.stems.has(r.stem) : currentValue(pool, r) !== undefined;
    if (r.t === 'var') pool.drop(r.name);
    else if (r.t === 'stem') pool.dropStem(r.stem);
    else pool.dropCompound(r.stem, r.tail);
    return existed ? SHV_CLEAN : SHV_NEWV;
  }

  next(): VariableNext {
    if (this.walk === null) {
      this.walk = this.snapshot();
      this.walkAt = 0;
    }
    if (this.walkAt >= this.walk.length) {
      this.walk = null;
      return { rc: SHV_LVAR, name: '', value: '' };
    }
    return this.walk[this.walkAt++];
  }

  fetchPrivate(name: string): string | null {
    switch (name.toUpperCase()) {
      case 'PARM':
        return this.scope.parm();
      case 'SOURCE':
        return this.scope.source();
      case 'VERSION':
        return this.scope.version();
      default:
        return null;
    }
  }

  /** The variables that have values now (dropped and never-set boxes are skipped). */
  private snapshot(): VariableNext[] {
    const pool = this.scope.pool();
    const out: VariableNext[] = [];
    for (const [name, box] of pool.vars) {
      if (typeof box.v === 'string') out.push({ rc: SHV_CLEAN, name, value: box.v });
    }
    for (const [stem, s] of pool.stems) {
      if (s.dflt !== undefined) out.push({ rc: SHV_CLEAN, name: stem, value: s.dflt });
      for (const [tail, box] of s.tails) {
        if (typeof box.v === 'string') out.push({ rc: SHV_CLEAN, name: stem + tail, value: box.v });
      }
    }
    return out;
  }
}
