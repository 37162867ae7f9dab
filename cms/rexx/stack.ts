// A program stack held in memory: what `vmcms rexx` and the tests use. CMS
// replaces it with its own stack (buffers, MAKEBUF/DROPBUF) shared with the
// terminal and CMS commands.

import type { ProgramStack } from './host.js';

export class MemoryStack implements ProgramStack {
  private lines: string[] = [];
  private head = 0;

  push(line: string): void {
    if (this.head > 0) this.lines[--this.head] = line;
    else this.lines.unshift(line);
  }

  queue(line: string): void {
    this.lines.push(line);
  }

  pull(): string | undefined {
    if (this.head >= this.lines.length) return undefined;
    const line = this.lines[this.head];
    this.lines[this.head++] = '';
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    return line;
  }

  count(): number {
    return this.lines.length - this.head;
  }
}
