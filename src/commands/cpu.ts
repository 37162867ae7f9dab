import type { Command } from 'commander';

/** Registers this family of subcommands (not built yet: registers nothing). */
export function registerCpu(_program: Command): void {}
