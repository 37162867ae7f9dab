// Base-register resolution (HLASM Language Reference SC26-4940, "USING
// instruction" and "How the assembler resolves implicit addresses"): an
// ordinary USING makes register r1 the base for base..base+4095, r2 for
// base+4096..base+8191, and so on. An implicit address is resolved with
// the USING of its section that gives the smallest displacement; on a tie
// the highest-numbered register wins. An absolute address below 4096 needs
// no USING: base register 0.

import { AsmError } from './expr.js';

export interface UsingEntry {
  readonly register: number;
  /** Statement number of the USING (for messages). */
  readonly statement: number;
  /** Section id of the base (0: absolute). */
  readonly section: number;
  /** Base offset in the section. */
  readonly base: number;
}

export class UsingTable {
  private entries: UsingEntry[] = [];

  /**
   * Make `registers` the bases of an ordinary USING. Returns the warnings
   * HLASM gives for overlapping ranges (ASMA301W, ASMA303W).
   */
  using(section: number, base: number, registers: number[], statement = 0): { id: string; message: string }[] {
    const warnings: { id: string; message: string }[] = [];
    for (const r of registers) this.entries = this.entries.filter((e) => e.register !== r);
    const prior = [...this.entries];
    registers.forEach((r, i) => {
      const b = base + 4096 * i;
      for (const e of prior) {
        if (e.section !== section) continue;
        if (e.base === b && r > e.register)
          warnings.push({
            id: 'ASMA301W',
            message: `Prior active USING on statement number ${e.statement} overridden by this USING`,
          });
        else if (b >= e.base && b <= e.base + 4095)
          warnings.push({
            id: 'ASMA303W',
            message: `Multiple address resolutions may result from this USING and the USING on statement number ${e.statement}`,
          });
      }
      if (r !== 0 || section === 0) this.entries.push({ register: r, section, base: b, statement });
    });
    return warnings;
  }

  drop(registers?: number[]): void {
    if (!registers) this.entries = [];
    else this.entries = this.entries.filter((e) => !registers.includes(e.register));
  }

  active(): readonly UsingEntry[] {
    return this.entries;
  }

  /** The USINGs in force (for PUSH USING). */
  save(): readonly UsingEntry[] {
    return [...this.entries];
  }

  /** Put back what `save` gave (POP USING). */
  restore(saved: readonly UsingEntry[]): void {
    this.entries = [...saved];
  }

  /**
   * Resolve an address (section 0 = absolute) to base and displacement.
   * `operand` names it in the messages (HLASM ASMA034E, ASMA307E).
   */
  resolve(section: number, offset: number, operand = ''): { base: number; displacement: number } {
    if (section === 0 && offset >= 0 && offset <= 4095) return { base: 0, displacement: offset };
    let best: UsingEntry | undefined;
    let bestDisp = Infinity;
    let nearest = Infinity;
    let signed = 0;
    for (const e of this.entries) {
      if (e.section !== section) continue;
      const d = offset - e.base;
      if (d >= 0 && d <= 4095) {
        if (d < bestDisp || (d === bestDisp && best && e.register > best.register)) {
          best = e;
          bestDisp = d;
        }
      } else {
        // Below the base: a negative distance (as HLASM reports it).
        const excess = d < 0 ? d : d - 4095;
        if (Math.abs(excess) < nearest) {
          nearest = Math.abs(excess);
          signed = excess;
        }
      }
    }
    if (best) return { base: best.register, displacement: bestDisp };
    const name = operand ? ` ${operand}` : '';
    if (nearest === Infinity) throw new AsmError('ASMA307E', `No active USING for operand${name}`);
    throw new AsmError('ASMA034E', `Operand${name} beyond active USING range by ${signed} bytes`);
  }
}
