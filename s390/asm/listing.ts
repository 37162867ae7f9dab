// The assembler listing, in the layout of HLASM (and Assembler H before it;
// HLASM Programmer's Guide SC26-4941, "The assembler listing"): for each
// statement the location counter, up to eight bytes of object code, the
// operand addresses, the statement number and the source; generated
// statements marked '+'; diagnostics under their statement as
// "** ASMAnnnX text"; then the symbol cross-reference and the summary with
// the highest severity.

import type { Assembly } from './assembler.js';
import type { Line } from './types.js';

const hex = (n: number, width: number) => (n >>> 0).toString(16).toUpperCase().padStart(width, '0').slice(-width);
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

function objectCode(line: Line): string {
  const b = line.bytes;
  if (!b || b.length === 0) return '';
  if (line.kind === 'instruction') {
    const parts: string[] = [];
    for (let i = 0; i < b.length; i += 2) parts.push(BYTE_HEX[b[i]] + BYTE_HEX[b[i + 1] ?? 0]);
    return parts.join(' ');
  }
  let s = '';
  for (let i = 0; i < Math.min(8, b.length); i++) s += BYTE_HEX[b[i]];
  return s;
}

function sourceText(line: Line): string {
  const image = line.stmt.image.trimEnd();
  return (line.generated ? '+' : ' ') + image;
}

/** Write the listing text. */
export function writeListing(asm: Assembly, returnCode: number): string {
  const out: string[] = [];
  const title = asm.title ? `  ${asm.title}` : '';
  out.push(`vmcms assembler (HLASM-style)${title}`);
  out.push('');
  writeEsd(asm, out);
  out.push('  Loc  Object Code    Addr1 Addr2  Stmt   Source Statement');
  const sections = new Map(asm.sections.map((s) => [s.id, s]));
  const address = (section: number, offset: number) => {
    const s = sections.get(section);
    return (s && (s.kind === 'SD' || s.kind === 'PC') ? s.origin : 0) + offset;
  };
  for (const line of asm.lines) {
    const hidden = !line.print.on || (line.generated && !line.print.gen);
    if (hidden) {
      // Not listed (PRINT OFF / NOGEN), but its diagnostics still are.
      for (const d of line.diagnostics) out.push(`** ${d.id} ${d.message}  (statement ${line.number})`);
      continue;
    }
    let loc = '      ';
    let code = '';
    let a1 = '     ';
    let a2 = '     ';
    if (!line.listOnly) {
      if (['instruction', 'dc', 'ds', 'ccw', 'literal', 'cnop', 'section'].includes(line.kind))
        loc = hex(address(line.section, line.loc), 6);
      code = objectCode(line);
      if (line.addr1 !== undefined) a1 = hex(line.addr1, 5);
      if (line.addr2 !== undefined) a2 = hex(line.addr2, 5);
      if (line.shown !== undefined) a2 = hex(line.shown, 5).padStart(5);
      if (line.kind === 'using' && line.bases)
        a1 = `R:${line.bases.map((r) => r.toString(16).toUpperCase()).join('')}`.padEnd(5);
    }
    const text = line.kind === 'literal' ? `               ${line.literal!.text}` : sourceText(line);
    // Up to 8 bytes of data take the address columns when there are no addresses.
    const left =
      code.length > 14 && a1.trim() === '' && a2.trim() === ''
        ? `${loc} ${code.padEnd(26)}`
        : `${loc} ${code.padEnd(14).slice(0, 14)} ${a1} ${a2}`;
    out.push(`${left} ${String(line.number).padStart(5)} ${text}`);
    for (const c of line.stmt.continuations) out.push(`${' '.repeat(41)}  ${c.replace(/\s+$/, '')}`);
    // Further object code of long constants, 8 bytes a line.
    if (line.bytes && line.kind !== 'instruction' && line.bytes.length > 8 && !line.listOnly && line.print.data) {
      for (let p = 8; p < line.bytes.length; p += 8) {
        let s = '';
        for (let i = p; i < Math.min(p + 8, line.bytes.length); i++) s += BYTE_HEX[line.bytes[i]];
        out.push(`${hex(address(line.section, line.loc + p), 6)} ${s}`);
      }
    }
    for (const d of line.diagnostics) {
      if (d.id === 'MNOTE') {
        out.push(`  ${d.message}`);
        continue;
      }
      out.push(`** ${d.id} ${d.message}`);
      // As HLASM: where the statement came from (the macro call's record for generated ones).
      if (d.line > 0 && d.severity > 0) out.push(`** ASMA435I Record ${d.line} in source`);
    }
  }
  const orphans = asm.diagnostics.filter((d) => d.statement === 0);
  for (const d of orphans) out.push(`** ${d.id} ${d.message}`);
  out.push('');
  out.push('Ordinary Symbol and Literal Cross Reference');
  out.push('Symbol   Length   Value     Id    R Type  Defn  References');
  const names = [...asm.symbols.keys()].sort();
  for (const n of names) {
    const s = asm.symbols.get(n)!;
    if (!s.defined) continue;
    const sec = sections.get(s.section);
    const value = sec ? address(s.section, s.value) : s.value;
    const relocatable = s.section !== 0 && sec?.kind !== 'ER' && sec?.kind !== 'WX' ? 'R' : 'A';
    const id = sec?.esdid ? hex(sec.esdid, 8) : '        ';
    out.push(
      `${n.padEnd(8)} ${String(s.length).padStart(6)} ${hex(value, 8)}  ${id} ${relocatable} ${s.type.padEnd(4)} ${String(s.defined).padStart(5)}  ${[...new Set(s.references)].filter((r) => r !== s.defined).join(' ')}`,
    );
  }
  writeRld(asm, out);
  out.push('');
  out.push('Diagnostic Cross Reference and Assembler Summary');
  const flagged = new Set(asm.diagnostics.filter((d) => d.severity > 0).map((d) => d.statement));
  out.push(
    `${String(flagged.size).padStart(8)} Statements Flagged in this Assembly  ${String(returnCode).padStart(3)} was Highest Severity Code`,
  );
  out.push(`${String(asm.lines.length).padStart(8)} Statements processed`);
  out.push(`Return code ${returnCode}`);
  return out.map((l) => l.trimEnd()).join('\n') + '\n';
}

/** The External Symbol Dictionary section: each ESD item as the object deck has it. */
function writeEsd(asm: Assembly, out: string[]): void {
  const items = asm.sections.filter((s) => s.esdid > 0);
  if (!items.length && !asm.entries.length) return;
  out.push('External Symbol Dictionary');
  out.push('Symbol   Type   Id     Address  Length   Owner Id Flags');
  for (const s of items) {
    const external = s.kind === 'ER' || s.kind === 'WX';
    out.push(
      `${(s.name || ' ').padEnd(8)} ${s.kind.padEnd(4)} ${hex(s.esdid, 8)} ${external ? '        ' : hex(s.origin, 8)} ${
        external ? '        ' : hex(s.max, 8)
      }          ${external ? '  ' : hex((s.amode === '31' ? 2 : s.amode === 'ANY' ? 3 : 0) | (s.rmode === 'ANY' ? 4 : 0), 2)}`,
    );
  }
  const byId = new Map(asm.sections.map((s) => [s.id, s]));
  for (const e of asm.entries) {
    const sec = byId.get(e.section)!;
    out.push(`${e.name.padEnd(8)} LD            ${hex(sec.origin + e.offset, 8)}          ${hex(sec.esdid, 8)}`);
  }
  out.push('');
}

/** The Relocation Dictionary section: position, relocation target, address, type and length, sign. */
function writeRld(asm: Assembly, out: string[]): void {
  if (!asm.rld.length) return;
  const byId = new Map(asm.sections.map((s) => [s.id, s]));
  out.push('');
  out.push('Relocation Dictionary');
  out.push('   Pos.Id   Rel.Id   Address  Type  Action');
  for (const r of asm.rld) {
    const p = byId.get(r.position)!;
    const t = byId.get(r.target)!;
    out.push(
      `  ${hex(p.esdid, 8)} ${hex(t.esdid, 8)} ${hex(p.origin + r.offset, 8)}  ${r.vcon ? 'V' : 'A'} ${r.length}    ${r.negative ? '-' : '+'}`,
    );
  }
}
