// The CMS program stack ("console stack"): lines read before the terminal,
// in buffers. MAKEBUF starts a new buffer; lines stacked FIFO (QUEUE) go to
// the end of the newest buffer, LIFO (PUSH) to its front; a read takes the
// first line of the newest buffer that has one (VM/SP CMS Command
// Reference, MAKEBUF, DROPBUF, DESBUF, SENTRIES). Shared by CMS commands,
// programs (ATTN, WAITRD) and REXX (PUSH, QUEUE, PULL, QUEUED()).

import type { ProgramStack } from '../rexx/host.js';

export class CmsStack implements ProgramStack {
  private buffers: string[][] = [[]];

  push(line: string): void {
    this.buffers[this.buffers.length - 1].unshift(line);
  }

  queue(line: string): void {
    this.buffers[this.buffers.length - 1].push(line);
  }

  /** Stack a line LIFO or FIFO. */
  add(line: string, lifo: boolean): void {
    if (lifo) this.push(line);
    else this.queue(line);
  }

  pull(): string | undefined {
    for (let b = this.buffers.length - 1; b >= 0; b--) {
      if (this.buffers[b].length > 0) return this.buffers[b].shift();
    }
    return undefined;
  }

  count(): number {
    let n = 0;
    for (const b of this.buffers) n += b.length;
    return n;
  }

  /** MAKEBUF: a new buffer; its number (1, 2, ...). */
  makeBuffer(): number {
    this.buffers.push([]);
    return this.buffers.length - 1;
  }

  /** DROPBUF [n]: drop buffer n and all newer ones (the newest when omitted). False for a bad number. */
  dropBuffer(n?: number): boolean {
    const level = n ?? this.buffers.length - 1;
    if (level < 0 || level >= this.buffers.length) return false;
    if (level === 0) this.buffers = [[]];
    else this.buffers.length = level;
    return true;
  }

  /** DESBUF: every buffer and every line. */
  clear(): void {
    this.buffers = [[]];
  }

  /** The current buffer number (0 when MAKEBUF was not issued). */
  get level(): number {
    return this.buffers.length - 1;
  }
}
