// The XEDIT command: `XEDIT fn ft [fm] [(NOSCREEN NOPROFILE PROFILE name]`
// (SC24-5221, "XEDIT"). It reads the file into the ring (a new file when
// there is none), runs the profile macro (PROFILE XEDIT unless NOPROFILE),
// then edits full screen through the display service, or in line mode when
// the console is no display or NOSCREEN was asked for: each line typed is a
// subcommand, in input mode a line to add (a null line ends input mode), and
// the current line is typed after each subcommand (VERIFY ON).

import type { CmsSession } from '../nucleus/session.js';
import type { CmsGen } from '../nucleus/task.js';
import { DisplayService } from '../display/display.js';
import { AidKey, type DisplayInput } from '../display/stream.js';
import { Rc, Xedit } from './editor.js';
import { loadFile } from './files.js';
import { runMacro } from './macro.js';
import { applyInput, buildScreen, type XeditScreen } from './screen.js';
import { END_OF_FILE, TOP_OF_FILE } from './prefix.js';

export interface XeditOptions {
  screen: boolean;
  profile: string | null;
}

/** Parse the command's operands: fileid and options. */
export function parseXeditCall(
  tokens: readonly string[],
): { fn: string; ft: string; fm: string | undefined; options: XeditOptions } | string {
  const open = tokens.indexOf('(');
  const operands = open < 0 ? [...tokens] : tokens.slice(0, open);
  const opts = open < 0 ? [] : tokens.slice(open + 1).filter((t) => t !== ')');
  const options: XeditOptions = { screen: true, profile: 'PROFILE' };
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i];
    if ('NOSCREEN'.startsWith(o) && o.length >= 4) options.screen = false;
    else if ('NOPROFILE'.startsWith(o) && o.length >= 5) options.profile = null;
    else if ('PROFILE'.startsWith(o) && o.length >= 4) {
      options.profile = opts[++i] ?? null;
      if (options.profile === null) return 'PROFILE needs a macro name';
    } else if ('SCREEN'.startsWith(o) && o.length >= 3) options.screen = true;
    else return `Invalid option ${o}`;
  }
  if (operands.length < 2) return operands.length === 0 ? 'No filename specified' : 'No filetype specified';
  return { fn: operands[0], ft: operands[1], fm: operands[2], options };
}

/** Run XEDIT on one file until the ring is empty; the rc of the last FILE/QUIT. */
export function* xeditCommand(cms: CmsSession, tokens: readonly string[]): CmsGen<number> {
  const call = parseXeditCall(tokens);
  if (typeof call === 'string') {
    cms.say(call);
    return 24;
  }
  const loaded = loadFile(cms, call.fn, call.ft, call.fm);
  if ('error' in loaded) {
    cms.say(loaded.error);
    return loaded.rc;
  }
  const display = new DisplayService(cms);
  const size = call.options.screen ? display.query() : undefined;
  const x = new Xedit(cms, size !== undefined);
  x.addFile(loaded.file);
  if (loaded.file.isNew) x.say('New file');
  if (call.options.profile !== null && cms.findFile(call.options.profile, 'XEDIT')) {
    yield* runMacro(x, call.options.profile, '');
  }
  if (size === undefined) return yield* lineMode(x);
  return yield* fullScreen(x, display);
}

function verifyLine(x: Xedit): string {
  const f = x.file;
  if (f.current === 0) return TOP_OF_FILE.text;
  if (f.current === f.size + 1) return END_OF_FILE.text;
  const s = f.settings;
  return f.text(f.current).slice(s.verifyStart - 1);
}

function* lineMode(x: Xedit): CmsGen<number> {
  const cms = x.cms;
  let rc: number = Rc.ok;
  const flush = (): void => {
    for (const m of x.messages.splice(0)) cms.say(m);
  };
  flush();
  if (!x.done) cms.say(verifyLine(x));
  while (!x.done) {
    if (x.inputMode) {
      const line = yield* cms.readLine();
      if (line === '') {
        x.inputMode = false;
        cms.say('EDIT:');
        continue;
      }
      const f = x.file;
      const at = Math.min(f.current, f.size);
      f.insert(at, [f.settings.caseInput === 'U' ? line.toUpperCase() : line]);
      f.current = at + 1;
      continue;
    }
    const line = yield* cms.readLine();
    const before = x.file;
    rc = yield* x.command(line);
    flush();
    if (x.inputMode) {
      cms.say('INPUT:');
      continue;
    }
    if (!x.done && (x.file !== before || line.trim() !== '')) cms.say(verifyLine(x));
  }
  return rc;
}

/** Edit the ring full screen until it is empty (also PEEK's browse). */
export function* fullScreen(x: Xedit, display: DisplayService): CmsGen<number> {
  let rc: number = Rc.ok;
  while (!x.done) {
    const { rows, cols } = display.screen;
    const screen = buildScreen(x, rows, cols);
    x.messages.length = 0;
    x.commandLine = '';
    const written = yield* display.write(screen.panel);
    if (written === 'unavailable') return yield* lineMode(x);
    if (written === 'redraw') {
      // CP wrote lines over the screen: wait for a key, so they can be read, then draw again.
      const ack = yield* display.read();
      if (!ack) return yield* lineMode(x);
      continue;
    }
    const input = yield* display.read();
    if (!input) return yield* lineMode(x);
    rc = yield* enter(x, screen, input);
  }
  return rc;
}

/** One AID from the user: apply the screen's changes, the prefix commands, then the command line or PF key. */
function* enter(x: Xedit, screen: XeditScreen, input: DisplayInput): CmsGen<number> {
  if (input.aid === AidKey.clear || input.aid === AidKey.pa2 || input.aid === AidKey.pa1 || input.aid === AidKey.pa3) {
    return Rc.ok;
  }
  const file = x.file;
  const typed = applyInput(x, screen, input);
  if (x.inputMode) {
    if (typed.inputLines.length === 0 && typed.command.trim() === '' && typed.prefixes.length === 0) {
      x.inputMode = false;
      return Rc.ok;
    }
    const at = Math.min(file.current, file.size);
    file.insert(at, typed.inputLines);
    file.current = at + typed.inputLines.length;
  }
  if (typed.prefixes.length > 0 || x.prefix.pendingCount > 0) {
    const outcome = x.prefix.process(file, typed.prefixes);
    for (const m of outcome.messages) x.say(m);
    if (outcome.added) x.cursor = { line: file.lines.indexOf(outcome.added) + 1, col: file.settings.verifyStart };
  }
  let rc: number = Rc.ok;
  const pf = /^PF(\d+)$/.exec(input.aidName);
  if (pf) {
    const n = Number(pf[1]);
    const def = x.pf.get(n) ?? x.pf.get(n > 12 ? n - 12 : n);
    if (def === undefined) {
      x.say(`PF${n} undefined`);
      x.commandLine = typed.command;
      return Rc.ok;
    }
    // What was typed on the command line stays there; the key's command runs.
    x.commandLine = typed.command;
    return yield* x.command(def);
  }
  if (typed.command.trim() !== '') rc = yield* x.command(typed.command);
  return rc;
}
