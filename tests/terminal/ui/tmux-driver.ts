// Runs a command in a detached tmux session on a private socket and looks at
// it the way a person would: send keys, capture the visible pane.

import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).error === undefined;

export class Tmux {
  private readonly socket = `vmcms-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly name = 'ui';
  private readonly socketPath: string;

  constructor(command: string, cols: number, rows: number) {
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', this.name, '-x', String(cols), '-y', String(rows), command);
    this.socketPath = this.tmux('display-message', '-p', '-t', this.name, '#{socket_path}').trim();
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  /** Send keys in tmux's key names (`Enter`, `F5`, `S-F1`, `M-o`, ...) or literal text with `literal`. */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  literal(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', this.name, '-x', String(cols), '-y', String(rows));
  }

  /** The visible pane, one string per row. */
  capture(): string[] {
    return this.tmux('capture-pane', '-p', '-t', this.name).split('\n');
  }

  /** Poll the pane until `predicate` holds; fails with the last picture after the timeout. */
  async waitFor(predicate: (lines: string[]) => boolean, timeoutMs = 8000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let lines = this.capture();
    while (!predicate(lines)) {
      if (Date.now() > deadline) throw new Error(`screen never matched; last:\n${lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
      lines = this.capture();
    }
    return lines;
  }

  /** Stop the tmux server and remove its socket file. */
  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    if (this.socketPath) rmSync(this.socketPath, { force: true });
  }
}
