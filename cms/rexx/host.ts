// What the interpreter needs from the system it runs in. CMS implements this
// over its nucleus (SVC 202 commands, the console, the program stack, EXEC
// files in the search order); `vmcms rexx` implements it over the host.

import type { RexxVariables } from './shared-variables.js';

/** A command still running: the interpreter yields until poll() gives its return code. */
export interface PendingCommand {
  poll(): number | null;
}

/** The external data queue (the CMS program stack). */
export interface ProgramStack {
  /** PUSH: LIFO. */
  push(line: string): void;
  /** QUEUE: FIFO. */
  queue(line: string): void;
  /** Next line, or undefined when the stack is empty. */
  pull(): string | undefined;
  /** QUEUED(). */
  count(): number;
}

/** An external routine found by name (another EXEC). */
export interface ExternalRoutine {
  /** Display name for messages and PARSE SOURCE ("FOO EXEC"). */
  name: string;
  source: string;
  /** fn ft fm for PARSE SOURCE. */
  fileId: string;
}

export interface RexxHost {
  /** SAY: one line to the terminal. */
  say(line: string): void;
  /** TRACE output and error tracebacks (the terminal on CMS; stderr on the host). */
  traceOutput(line: string): void;
  /** A line from the terminal (PULL with an empty stack, PARSE EXTERNAL); null = not typed yet (the interpreter yields and asks again). */
  readTerminal(): string | null;
  /** Lines waiting in the terminal input buffer (EXTERNALS()). */
  externals(): number;
  /**
   * Sends a command to an ADDRESS environment; its return code (RC), or a
   * command still running. `variables` reaches the issuing routine's
   * variables (EXECCOMM, shared-variables.ts) until the command has ended:
   * how EXECIO (STEM, VAR) and XEDIT's EXTRACT read and set them.
   */
  command(environment: string, command: string, variables: RexxVariables): number | PendingCommand;
  /** The external data queue. */
  stack: ProgramStack;
  /** Finds an external routine (another EXEC) by name, or null. */
  findExternal(name: string): ExternalRoutine | null;
  /** USERID(). */
  userid(): string;
  /** LINESIZE(): the terminal width. */
  linesize(): number;
  /** Has a halt been requested (HI)? Checked between clauses; the answer clears the request. */
  haltRequested(): boolean;
  /** The time of day for TIME() and DATE() (replaceable in tests). */
  now(): Date;
  /**
   * The message for an error that ends the program (`Error 16 running FOO
   * EXEC, line 7: Label not found`): CMS types it with its DMSREXnnnE id.
   * Optional: without it the line goes to traceOutput.
   */
  reportError?(code: number, message: string): void;
  /**
   * CP DIAGNOSE for DIAG()/DIAGRC(): the data the function returns and the
   * return code DIAGRC shows; null for a code the host does not offer.
   * Optional (error 40 when absent or null).
   */
  diagnose?(code: number, args: string[]): { rc: number; data: string } | null;
  /** CMSFLAG(flag): '1' or '0' from the system's settings, null for an unknown flag. Optional (the IPL defaults). */
  cmsFlag?(flag: string): string | null;
  /**
   * STORAGE(): with no address, the virtual storage size (e.g. '1024K');
   * else `length` bytes at `address` as characters, replaced by `data` when
   * given (the old contents are returned). Optional (error 40 when absent).
   */
  storage?(address?: number, length?: number, data?: string): string;
}
