// Drives Debian's s3270 through its script protocol: one action per line on
// standard input; the answer is `data:` lines, a status line, then `ok` or
// `error`. Every action runs under a timeout so a test cannot hang.

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

export const hasS3270 = spawnSync('s3270', ['-v'], { stdio: 'ignore' }).error === undefined;

export interface S3270Answer {
  readonly data: string[];
  readonly status: string;
  readonly ok: boolean;
}

export class S3270 {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private pending: ((line: string) => void) | null = null;
  private readonly lines: string[] = [];

  constructor(model: string) {
    this.child = spawn('s3270', ['-model', model, '-codepage', 'cp037'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        if (this.pending) {
          const p = this.pending;
          this.pending = null;
          p(line);
        } else {
          this.lines.push(line);
        }
      }
    });
  }

  private nextLine(timeoutMs: number): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('s3270 did not answer in time')), timeoutMs);
      this.pending = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
    });
  }

  /** Run one action and collect its answer. */
  async run(action: string, timeoutMs = 8000): Promise<S3270Answer> {
    this.child.stdin.write(`${action}\n`);
    const data: string[] = [];
    let status = '';
    for (;;) {
      const line = await this.nextLine(timeoutMs);
      if (line === 'ok' || line === 'error') return { data, status, ok: line === 'ok' };
      if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line === 'data:') data.push('');
      else status = line;
    }
  }

  /** The screen as s3270 shows it (Ascii), one string per row, trailing blanks removed. */
  async screen(): Promise<string[]> {
    return (await this.run('Ascii')).data.map((l) => l.trimEnd());
  }

  /** Poll the screen until a row matches (the host answers asynchronously); the screen then. */
  async waitForRow(match: RegExp, tries = 200): Promise<string[]> {
    let screen: string[] = [];
    for (let i = 0; i < tries; i++) {
      screen = await this.screen();
      if (screen.some((row) => match.test(row))) return screen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no row matching ${match} on the screen:\n${screen.join('\n')}`);
  }

  /** Poll the screen until no row matches. */
  async waitForNoRow(match: RegExp, tries = 200): Promise<void> {
    for (let i = 0; i < tries; i++) {
      if (!(await this.screen()).some((row) => match.test(row))) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`a row matching ${match} stays on the screen`);
  }

  /** Type `text` (if any) at the cursor and press Enter; throws if s3270 refuses either. */
  async enter(text: string): Promise<void> {
    if (text !== '' && !(await this.run(`String("${text}")`)).ok) throw new Error(`s3270 would not type ${text}`);
    if (!(await this.run('Enter')).ok) throw new Error('s3270 would not press Enter');
  }

  async quit(): Promise<void> {
    this.child.stdin.write('Quit\n');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 3000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
