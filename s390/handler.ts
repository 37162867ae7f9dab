import type { Cpu } from './cpu.js';
import type { Operands } from './operands.js';

/**
 * An instruction handler: one small function per instruction, joined to its
 * row of the opcode table (s390/opcodes.ts) by mnemonic in s390/table.ts.
 * It runs after the dispatcher has decoded the operands, computed the
 * effective addresses and made the common checks (privilege, architecture,
 * register pairs). It never throws for anything a guest can do: it calls
 * cpu.programInterrupt(code) and returns.
 */
export type Handler = (cpu: Cpu, op: Operands) => void;
