// The XEDIT session: the ring of files being edited, the messages for the
// message line, the command line's history (`=` and `?`), the PF keys, and
// the subcommand dispatcher (VM/SP XEDIT Command and Macro Reference,
// SC24-5221; XEDIT User's Guide, SC24-5220). The screen (screen.ts) and
// line mode (session.ts) both drive this object; macros (macro.ts) reach it
// through ADDRESS XEDIT.

import type { CmsSession } from '../nucleus/session.js';
import type { CmsGen } from '../nucleus/task.js';
import type { XeditFile } from './file.js';
import { SUBCOMMANDS, findSubcommand } from './subcommands.js';
import { parseTarget } from './target.js';
import { PrefixState } from './prefix.js';
import { runMacro } from './macro.js';

/** Return codes of subcommands (SC24-5221, "Return Codes"). */
export const Rc = {
  ok: 0,
  /** Top or End of File reached. */
  end: 1,
  /** Target not found. */
  notFound: 2,
  /** A file could not be written (or another error that stops a macro). */
  error: 3,
  /** Invalid or missing operand. */
  invalid: 5,
  /** QUIT refused: the file has been changed. */
  changed: 12,
  /** Not a subcommand (and not a macro, nor CMS when IMPCMSCP is off). */
  unknown: -1,
} as const;

/** XEDIT's initial PF keys (SC24-5221, "SET PF": the defaults as distributed). */
export const DEFAULT_PF: Readonly<Record<number, string>> = {
  1: 'HELP MENU',
  2: 'SOS LINEADD',
  3: 'QUIT',
  4: 'TABKEY',
  5: 'SCHANGE 6',
  6: '?',
  7: 'BACKWARD',
  8: 'FORWARD',
  9: '=',
  10: 'RGTLEFT',
  11: 'SPLTJOIN',
  12: 'CURSOR HOME',
};

export class Xedit {
  readonly ring: XeditFile[] = [];
  private index = 0;
  /** Lines for the message area (full screen) or the terminal (line mode). */
  readonly messages: string[] = [];
  lastCommand = '';
  /** Text to leave on the command line after this Enter (`?`, `&`). */
  commandLine = '';
  readonly pf = new Map<number, string>();
  /** Input mode (INPUT with no text). */
  inputMode = false;
  /** The row of the current line: CURLINE M (the middle), as a screen row (0-based) once known. */
  curline: { kind: 'middle' } | { kind: 'row'; row: number } = { kind: 'middle' };
  /** The cursor as the last Enter left it: a file line and column, or the command line. */
  cursor: { line: number; col: number } | null = null;
  /** SET IMPCMSCP: a line that is not a subcommand goes to CMS. */
  impcmscp = true;
  /** Running in full-screen mode (the status area, cursor-relative subcommands). */
  readonly screen: boolean;
  readonly prefix = new PrefixState();
  /** Set by EXTRACT: the values a macro asked for. */
  extracted: Map<string, string[]> | null = null;
  /** Nesting of macros running now. */
  macroDepth = 0;
  /** The screen's file area width in columns (full screen), for LEFT/RIGHT HALF. */
  width = 72;
  /** The operands of the last CHANGE (SCHANGE repeats it). */
  lastChange: string | undefined;
  /** Lines of the file area on the screen (FORWARD and BACKWARD scroll by this less two). */
  fileRows = 19;

  pageLines(): number {
    return this.screen ? this.fileRows : 20;
  }

  constructor(
    readonly cms: CmsSession,
    screen: boolean,
  ) {
    this.screen = screen;
    for (const [k, v] of Object.entries(DEFAULT_PF)) this.pf.set(Number(k), v);
  }

  get file(): XeditFile {
    return this.ring[this.index];
  }

  get done(): boolean {
    return this.ring.length === 0;
  }

  /** Add a file to the ring (after the current one) and make it current. */
  addFile(file: XeditFile): void {
    if (this.ring.length === 0) {
      this.ring.push(file);
      this.index = 0;
      return;
    }
    this.ring.splice(this.index + 1, 0, file);
    this.index++;
  }

  /** The file with this id in the ring. */
  findInRing(fn: string, ft: string, fm?: string): number {
    return this.ring.findIndex((f) => f.fn === fn && f.ft === ft && (fm === undefined || f.fm[0] === fm[0]));
  }

  select(i: number): void {
    this.index = i;
  }

  /** Leave the current file: the next one in the ring becomes current. */
  dropCurrent(): void {
    this.prefix.forget(this.file);
    this.ring.splice(this.index, 1);
    if (this.index >= this.ring.length) this.index = 0;
  }

  /** The next file in the ring (XEDIT with no operands). */
  nextInRing(): void {
    if (this.ring.length > 0) this.index = (this.index + 1) % this.ring.length;
  }

  say(text: string): void {
    this.messages.push(text);
  }

  /** Run one command line: a subcommand, a target (implicit LOCATE), `=`, `?`, `&`, a macro, or CMS. */
  *command(line: string, fromMacro = false): CmsGen<number> {
    let text = line.trim();
    if (text === '') return Rc.ok;
    if (text === '=') {
      if (this.lastCommand === '') return Rc.ok;
      text = this.lastCommand;
    } else if (text === '?') {
      this.commandLine = this.lastCommand;
      return Rc.ok;
    } else if (text.startsWith('&')) {
      text = text.slice(1).trim();
      this.commandLine = line.trim();
    }
    if (!fromMacro) this.lastCommand = text;
    return yield* this.subcommand(text);
  }

  /** Run a subcommand (no `=`/`?`/`&` handling): what macros send. */
  *subcommand(text: string): CmsGen<number> {
    if (this.done) return Rc.error;
    const trimmed = text.trim();
    // A target alone is LOCATE (SC24-5221, "LOCATE": "the subcommand name may be omitted").
    if (/^([+-]?\d|:|[-~¬]?[/\\!"%&'|;,?@#$]|-?\.[A-Za-z0-9]|-?\*)/.test(trimmed) && parseTarget(trimmed)) {
      return yield* this.subcommand(`LOCATE ${trimmed}`);
    }
    const m = /^([A-Za-z]+|\S)\s?(.*)$/s.exec(trimmed);
    if (!m) return Rc.ok;
    let name = m[1].toUpperCase();
    let operands = m[2];
    // C/old/new/: the delimiter right after the name.
    const glued = /^([A-Za-z]+?)([/\\!"%&'|;,?@#$].*)$/.exec(trimmed);
    if (glued && findSubcommand(glued[1].toUpperCase())) {
      name = glued[1].toUpperCase();
      operands = glued[2];
    }
    const def = findSubcommand(name);
    if (def) return yield* def.run(this, operands.trim(), operands);
    // A macro `name XEDIT`, then CMS (SET IMPCMSCP ON).
    if (name.length <= 8 && this.cms.findFile(name, 'XEDIT')) return yield* runMacro(this, name, operands);
    if (this.impcmscp) return yield* this.toCms(trimmed);
    this.say(`Invalid subcommand ${name}`);
    return Rc.unknown;
  }

  /** A CMS command from XEDIT: what it types takes the screen from XEDIT until the next key (X'8E'). */
  *toCms(line: string): CmsGen<number> {
    return yield* this.cms.execute(line, 'cms');
  }

  /** All subcommand names (for QUERY and the tests). */
  static subcommandNames(): string[] {
    return SUBCOMMANDS.map((s) => s.name);
  }
}
