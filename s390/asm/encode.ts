// Machine instructions from their operands, driven by the instruction's row
// (format and operand syntax) and the format diagrams of s390/formats.ts:
// each operand of the syntax is evaluated and written into its field with
// writeField, so no encoding is spelled out per instruction. Storage
// operands are D(X,B), D(B), D(L,B) written explicitly or as an implicit
// address resolved through the USING table; relative operands (J) are the
// halfword distance from the instruction to a label (ESA/390 PoO SA22-7201,
// "Relative branching").

import { FORMATS, writeField, secondaryOpcodeOf, type FieldName, type Format } from '../formats.js';
import {
  AsmError,
  isAbsolute,
  parseExpression,
  relocation,
  splitOperands,
  type ExprContext,
  type Parsed,
} from './expr.js';
import type { MachineOp, AsmRow } from './optable.js';

/** What encoding needs from the assembler. */
export interface EncodeContext extends ExprContext {
  /** Resolve an implicit address to base and displacement (`operand` for messages). */
  resolve(section: number, offset: number, operand?: string): { base: number; displacement: number };
  /** The instruction's own section and offset. */
  readonly section: number;
  readonly loc: number;
  /** The assembled address of an offset in a section (for the listing). */
  address(section: number, offset: number): number;
}

export interface Encoded {
  readonly bytes: Uint8Array;
  readonly addr1?: number;
  readonly addr2?: number;
}

/**
 * The opcode bytes of a row: one byte, two bytes, or a byte and a nibble
 * (see formats.secondaryOpcodeOf). The SSE instructions (E5xx) of the
 * assembler-only rows, which the CPU does not decode, have two bytes too.
 */
export function placeOpcode(bytes: Uint8Array, opcode: number): void {
  if (opcode <= 0xff) {
    bytes[0] = opcode;
  } else if (secondaryOpcodeOf(opcode >> 8) === 'byte1' || opcode > 0xfff) {
    bytes[0] = opcode >> 8;
    bytes[1] = opcode & 0xff;
  } else {
    bytes[0] = opcode >> 4;
    bytes[1] = (bytes[1] & 0xf0) | (opcode & 0x0f);
  }
}

/** Split an operand syntax ('R1,D2(X2,B2)') into its operand tokens. */
export function syntaxTokens(syntax: string): string[] {
  if (!syntax) return [];
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of syntax) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const tokenCache = new Map<string, string[]>();
function tokensOf(row: AsmRow): string[] {
  let t = tokenCache.get(row.syntax);
  if (!t) {
    t = syntaxTokens(row.syntax);
    tokenCache.set(row.syntax, t);
  }
  return t;
}

/** The number of operands written for an operation (extended mnemonics supply the mask). */
export function operandCount(op: MachineOp): number {
  return tokensOf(op.row).length - (op.mask !== undefined ? 1 : 0);
}

function fieldOf(format: Format, name: FieldName) {
  const f = format.fields.find((x) => x.name === name);
  if (!f) throw new Error(`format ${format.name} has no field ${name}`);
  return f;
}

function absoluteIn(p: Parsed, lo: number, hi: number, id: string, what: string): number {
  if (!isAbsolute(p.value))
    throw new AsmError('ASMA032E', `Relocatable value found when absolute value required for ${what}`);
  const v = p.value.abs;
  if (v < lo || v > hi) throw new AsmError(id, `${what} ${v} out of range ${lo}..${hi}`);
  return v;
}

/** Parse a whole operand as one expression. */
function whole(text: string, ctx: ExprContext): Parsed {
  const t = text.trim();
  if (!t) throw new AsmError('ASMA040S', 'Missing operand');
  const r = parseExpression(t, 0, ctx);
  if (r.end !== t.length) {
    if (t[r.end] === '(' || t[r.end] === ')')
      throw new AsmError('ASMA173S', `Delimiter error, expected blank - ${t.slice(r.end, r.end + 10)}`);
    throw new AsmError('ASMA035E', `Invalid delimiter - ${t.slice(r.end, r.end + 10)}`);
  }
  return r;
}

/** A storage operand: displacement expression and the parenthesised parts. */
interface StorageOperand {
  readonly text: string;
  readonly disp: Parsed;
  /** Parenthesised expressions: [] none; [a] one; [a, b] two ('' = omitted). */
  readonly parts: (Parsed | undefined)[];
}

function storageOperand(text: string, ctx: ExprContext): StorageOperand {
  const t = text.trim();
  if (!t) throw new AsmError('ASMA040S', 'Missing operand');
  const disp = parseExpression(t, 0, ctx);
  let p = disp.end;
  const parts: (Parsed | undefined)[] = [];
  if (p < t.length) {
    if (t[p] !== '(') throw new AsmError('ASMA035E', `Invalid delimiter - ${t.slice(p, p + 10)}`);
    if (!t.endsWith(')')) throw new AsmError('ASMA173S', `Delimiter error, expected blank - ${t.slice(p, p + 10)}`);
    const inner = t.slice(p + 1, t.length - 1);
    for (const piece of splitOperands(inner)) {
      parts.push(piece.trim() === '' ? undefined : whole(piece, ctx));
    }
    if (parts.length > 2) throw new AsmError('ASMA035E', `Too many parenthesised values - ${t}`);
    p = t.length;
  }
  return { text: t.slice(0, disp.end), disp, parts };
}

/** Base and displacement for a storage operand's address part. */
function baseDisplacement(
  op: StorageOperand,
  explicitBase: Parsed | undefined,
  ctx: EncodeContext,
): { base: number; displacement: number; address: number } {
  if (explicitBase) {
    const base = absoluteIn(explicitBase, 0, 15, 'ASMA029E', 'Base register');
    const d = absoluteIn(op.disp, 0, 4095, 'ASMA028E', 'Displacement');
    return { base, displacement: d, address: d };
  }
  const section = relocation(op.disp.value);
  if (section < 0) throw new AsmError('ASMA078E', 'Operand expression complexly relocatable');
  const r = ctx.resolve(section, op.disp.value.abs, op.text);
  return { ...r, address: ctx.address(section, op.disp.value.abs) };
}

/** Encode one machine instruction. */
export function encodeInstruction(op: MachineOp, operandText: string, ctx: EncodeContext): Encoded {
  const row = op.row;
  const format = FORMATS[row.format];
  const bytes = new Uint8Array(format.length);
  placeOpcode(bytes, row.opcode);
  const tokens = tokensOf(row);
  const written = operandText.trim() === '' ? [] : splitOperands(operandText);
  const expected = tokens.length - (op.mask !== undefined ? 1 : 0);
  if (written.length < expected) throw new AsmError('ASMA040S', `Missing operand: ${row.mnemonic} has ${expected}`);
  if (written.length > expected)
    throw new AsmError(
      'ASMA173S',
      `Delimiter error, expected blank - ,${written.slice(expected).join(',').slice(0, 10)}`,
    );
  let addr1: number | undefined;
  let addr2: number | undefined;
  let w = 0;
  const put = (name: FieldName, value: number) => writeField(bytes, fieldOf(format, name), value);
  tokens.forEach((token, i) => {
    if (i === 0 && op.mask !== undefined) {
      put('r1', op.mask);
      return;
    }
    const text = written[w++];
    switch (token) {
      case 'R1':
      case 'M1':
      case 'F1':
        put('r1', absoluteIn(whole(text, ctx), 0, 15, token === 'M1' ? 'ASMA031E' : 'ASMA029E', 'Register or mask'));
        return;
      case 'R2':
      case 'F2':
        put('r2', absoluteIn(whole(text, ctx), 0, 15, 'ASMA029E', 'Register'));
        return;
      case 'R3':
      case 'M3':
        put(row.format === 'SS-b' ? 'l2' : 'r3', absoluteIn(whole(text, ctx), 0, 15, 'ASMA029E', 'Register or mask'));
        return;
      case 'I1':
        put('i1', absoluteIn(whole(text, ctx), 0, 255, 'ASMA031E', 'Immediate'));
        return;
      case 'I2': {
        const range = format.name === 'RI' ? [-32768, 65535] : [-128, 255];
        const v = absoluteIn(whole(text, ctx), range[0], range[1], 'ASMA031E', 'Immediate');
        const width = format.name === 'RI' ? 16 : 8;
        put('i2', v < 0 ? v + 2 ** width : v);
        return;
      }
      case 'I3':
        put('i3', absoluteIn(whole(text, ctx), 0, 15, 'ASMA031E', 'Immediate'));
        return;
      case 'J2': {
        const target = whole(text, ctx);
        const section = relocation(target.value);
        let distance: number;
        if (section === ctx.section && section !== 0) distance = target.value.abs - ctx.loc;
        else if (section === 0 && ctx.section === 0) distance = target.value.abs - ctx.loc;
        else throw new AsmError('ASMA032E', 'Relative branch target must be in the same section');
        if (distance % 2 !== 0) throw new AsmError('ASMA212W', 'Branch address alignment: target is at an odd address');
        const half = distance / 2;
        if (half < -32768 || half > 32767) throw new AsmError('ASMA320E', 'Relative branch target out of range');
        put('i2', half < 0 ? half + 65536 : half);
        addr2 = ctx.address(section, target.value.abs);
        return;
      }
      case 'D2(X2,B2)': {
        const s = storageOperand(text, ctx);
        const [x, b] = s.parts;
        const bd = baseDisplacement(s, s.parts.length === 2 ? b : undefined, ctx);
        put('x2', x ? absoluteIn(x, 0, 15, 'ASMA029E', 'Index register') : 0);
        put('b2', bd.base);
        put('d2', bd.displacement);
        addr2 = bd.address;
        return;
      }
      case 'D2(B2)':
      case 'D1(B1)': {
        const s = storageOperand(text, ctx);
        if (s.parts.length === 2) throw new AsmError('ASMA035E', `Index register not allowed - ${text}`);
        const bd = baseDisplacement(s, s.parts[0], ctx);
        const n = token === 'D2(B2)' ? '2' : '1';
        put(`b${n}` as FieldName, bd.base);
        put(`d${n}` as FieldName, bd.displacement);
        if (n === '1') addr1 = bd.address;
        else addr2 = bd.address;
        return;
      }
      case 'D1(L1,B1)':
      case 'D2(L2,B2)':
      case 'D1(R1,B1)': {
        const s = storageOperand(text, ctx);
        const n = token[1];
        const lengthField = (token === 'D1(R1,B1)' ? 'l1' : `l${n}`) as FieldName;
        const max = row.format === 'SS-a' ? 256 : 16;
        const [l, b] = s.parts;
        let value: number;
        if (token === 'D1(R1,B1)') {
          if (!l) throw new AsmError('ASMA029E', 'Register expected in the length position');
          value = absoluteIn(l, 0, 15, 'ASMA029E', 'Register');
        } else if (l) {
          const len = absoluteIn(l, 0, max, 'ASMA030E', 'Length');
          value = len === 0 ? 0 : len - 1;
        } else {
          const len = s.disp.length;
          if (len > max) throw new AsmError('ASMA030E', `Implicit length ${len} exceeds ${max}`);
          value = len === 0 ? 0 : len - 1;
        }
        put(lengthField, value);
        const bd = baseDisplacement(s, s.parts.length === 2 ? b : undefined, ctx);
        put(`b${n}` as FieldName, bd.base);
        put(`d${n}` as FieldName, bd.displacement);
        if (n === '1') addr1 = bd.address;
        else addr2 = bd.address;
        return;
      }
      default:
        throw new Error(`unknown operand syntax ${token} in ${row.mnemonic}`);
    }
  });
  return { bytes, addr1, addr2 };
}
