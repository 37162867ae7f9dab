import { fromEbcdic, toEbcdic } from '../../s390/ebcdic.js';
import { ProgramInterruption } from '../../s390/interruption.js';
import { inStorage, type DiagnoseCall, type DiagnoseResult } from './types.js';

/** Flag X'40' in Ry bits 0-7: the response goes to a buffer. */
const RESPONSE_TO_BUFFER = 0x40;
const MAX_COMMAND = 132;
const MAX_BUFFER = 8192;
/** X'15' (EBCDIC new line) separates commands in the text and lines in the response. */
const NEW_LINE = 0x15;

// DIAGNOSE X'08'  virtual console function: a CP command from the guest
//   (VM/370 SPG; docs/diagnose.md). Rx -> command text (EBCDIC; several
//   commands separated by X'15'); Ry = flags (bits 0-7) and length (8-31,
//   0-132; 0 = enter CP console function mode). Flag X'40': the response
//   goes to a buffer at Rx+1 of length Ry+1 (<= 8192), lines separated by
//   X'15'; on return Ry+1 = response length and CC 0, or CC 1 when it did not
//   fit (Ry+1 = bytes that did not fit). Without X'40' the response goes to
//   the console. Ry <- the CP return code (message number, 0 = ok). Rx and
//   Ry must not be consecutive registers (specification exception).
export function consoleFunction({ cpu, rx, ry, host }: DiagnoseCall): DiagnoseResult {
  const flags = cpu.gpr[ry] >>> 24;
  const length = cpu.gpr[ry] & 0x00ffffff;
  const toBuffer = (flags & RESPONSE_TO_BUFFER) !== 0;
  if (length > MAX_COMMAND || rx === ry || (toBuffer && (ry === ((rx + 1) & 15) || rx === ((ry + 1) & 15)))) {
    return { programCheck: ProgramInterruption.Specification };
  }
  if (length === 0) {
    host.enterConsoleFunction();
    cpu.gpr[ry] = 0;
    return 0;
  }
  const text = cpu.gpr[rx] & cpu.amodeMask;
  if (!inStorage(cpu, text, length)) return { programCheck: ProgramInterruption.Addressing };
  const commands = splitAt(cpu.storage.bytes.subarray(text, text + length), NEW_LINE)
    .map((bytes) => fromEbcdic(bytes))
    .filter((c) => c.trim() !== '');
  let rc = 0;
  const lines: string[] = [];
  for (const command of commands) {
    const result = host.cpCommand(command, toBuffer);
    lines.push(...result.lines);
    if (result.rc !== 0) rc = result.rc;
  }
  cpu.gpr[ry] = rc;
  if (!toBuffer) return 0;
  const bufferReg = (rx + 1) & 15;
  const lengthReg = (ry + 1) & 15;
  const buffer = cpu.gpr[bufferReg] & cpu.amodeMask;
  const size = Math.min(cpu.gpr[lengthReg], MAX_BUFFER);
  if (!inStorage(cpu, buffer, size)) return { programCheck: ProgramInterruption.Addressing };
  const response = joinLines(lines);
  const n = Math.min(size, response.length);
  cpu.storage.bytes.set(response.subarray(0, n), buffer);
  if (response.length > size) {
    cpu.gpr[lengthReg] = response.length - size;
    return 1;
  }
  cpu.gpr[lengthReg] = response.length;
  return 0;
}

function splitAt(bytes: Uint8Array, separator: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === separator) {
      parts.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}

function joinLines(lines: readonly string[]): Uint8Array {
  const parts = lines.map((line) => toEbcdic(line));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0) + Math.max(0, parts.length - 1));
  let at = 0;
  parts.forEach((p, i) => {
    if (i > 0) out[at++] = NEW_LINE;
    out.set(p, at);
    at += p.length;
  });
  return out;
}
