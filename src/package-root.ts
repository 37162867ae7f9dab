// Where the installed package lives (for samples/), whether we run from the
// TypeScript sources (tests) or from dist/ (the installed `vmcms`).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'vmcms') return dir;
      } catch {
        // not ours; keep looking upward
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('vmcms: cannot find the package root (package.json)');
    dir = parent;
  }
}

export function samplesPath(...parts: string[]): string {
  return join(packageRoot(), 'samples', ...parts);
}
