import type { Command } from 'commander';

/** Registers this family of subcommands (not built yet: registers nothing). */
export function registerRexx(_program: Command): void {}
