// Screen3270: the buffer of one 3270 display station and the state its
// operator sees. It holds, per buffer position, the character or field
// attribute and the extended attributes, plus the cursor, the pending AID and
// the keyboard lock. The data stream (outbound.ts), the inbound replies
// (inbound.ts) and the keyboard (keyboard.ts) all act on this one object; the
// TN3270 server and the blessed UI are only views of it.
//
// Buffer layout (GA23-0059 "Buffer" and "Fields"): position 0 is row 0 col 0,
// address = row * cols + col. A field attribute occupies one position (shown
// as a blank) and governs the positions after it up to the next attribute,
// wrapping from the last position to 0. A buffer with no attribute at all is
// unformatted: one unprotected area.

import { FieldAttribute, Aid } from './codes.js';
import type { TerminalModel } from './model.js';

/** Why the operator cannot type, as the operator information area says it. */
export type OperatorError = 'protected' | 'numeric' | 'overflow';

/** A field: its attribute position and its data positions [start, start + length) modulo the buffer size. */
export interface Field {
  readonly attributeAddress: number;
  readonly attribute: number;
  readonly start: number;
  readonly length: number;
}

export class Screen3270 {
  readonly model: TerminalModel;
  /** Positions of the largest (alternate) size; only the first rows * cols are in use. */
  readonly capacity: number;
  /** EBCDIC character per position (X'00' null). */
  readonly chars: Uint8Array;
  /** Field attribute per position (low 6 bits), or -1 where the position holds a character. */
  readonly fieldAttributes: Int16Array;
  /** Extended attributes per position: of the field at an attribute position, of the character elsewhere (0 = default). */
  readonly foreground: Uint8Array;
  readonly background: Uint8Array;
  readonly highlight: Uint8Array;
  readonly charset: Uint8Array;

  rows: number;
  cols: number;
  /** True after Erase/Write Alternate: the model's own size is in use. */
  alternate = false;
  cursor = 0;
  /** The AID of the last attention the operator sent and the host has not yet answered with a keyboard restore. */
  aid: number = Aid.none;
  /** Input inhibited by the system ("X SYSTEM"): from an AID (or power-on) until a keyboard restore. */
  systemLock = true;
  /** Input inhibited by an operator error until Reset. */
  operatorError: OperatorError | null = null;
  insertMode = false;
  /** Times the host sounded the alarm (WCC bit 5). */
  alarmCount = 0;
  /** Bumped on every change, so a view knows when to redraw. */
  version = 0;

  private attributeList: number[] | null = [];

  constructor(model: TerminalModel) {
    this.model = model;
    this.capacity = Math.max(model.rows * model.cols, model.alternateRows * model.alternateCols);
    this.chars = new Uint8Array(this.capacity);
    this.fieldAttributes = new Int16Array(this.capacity).fill(-1);
    this.foreground = new Uint8Array(this.capacity);
    this.background = new Uint8Array(this.capacity);
    this.highlight = new Uint8Array(this.capacity);
    this.charset = new Uint8Array(this.capacity);
    this.rows = model.rows;
    this.cols = model.cols;
  }

  /** Positions in use at the current size. */
  get size(): number {
    return this.rows * this.cols;
  }

  /** True while the keyboard takes no input: system lock or an operator error. */
  get inputInhibited(): boolean {
    return this.systemLock || this.operatorError !== null;
  }

  /** Clear the buffer to nulls and select the default or alternate size; the cursor goes to 0 (Erase/Write, Clear). */
  erase(alternate: boolean): void {
    this.alternate = alternate && this.model.alternateRows * this.model.alternateCols > 0;
    this.rows = this.alternate ? this.model.alternateRows : this.model.rows;
    this.cols = this.alternate ? this.model.alternateCols : this.model.cols;
    this.chars.fill(0);
    this.fieldAttributes.fill(-1);
    this.foreground.fill(0);
    this.background.fill(0);
    this.highlight.fill(0);
    this.charset.fill(0);
    this.cursor = 0;
    this.attributeList = [];
    this.touch();
  }

  /** Record that something changed. */
  touch(): void {
    this.version++;
  }

  /** Wrap an address into the buffer. */
  wrap(address: number): number {
    const n = this.size;
    return ((address % n) + n) % n;
  }

  isFieldAttribute(address: number): boolean {
    return this.fieldAttributes[address] >= 0;
  }

  /** Store a field attribute at a position; its extended attributes go back to default. */
  setFieldAttribute(address: number, attribute: number): void {
    if (this.fieldAttributes[address] < 0) this.attributeList = null;
    this.fieldAttributes[address] = attribute & 0x3f;
    this.chars[address] = 0;
    this.foreground[address] = 0;
    this.background[address] = 0;
    this.highlight[address] = 0;
    this.charset[address] = 0;
  }

  /** Store a character; a field attribute at that position is replaced by it (GA23-0059 "Field Attributes"). */
  setChar(address: number, ch: number, foreground = 0, background = 0, highlight = 0, charset = 0): void {
    if (this.fieldAttributes[address] >= 0) {
      this.fieldAttributes[address] = -1;
      this.attributeList = null;
    }
    this.chars[address] = ch;
    this.foreground[address] = foreground;
    this.background[address] = background;
    this.highlight[address] = highlight;
    this.charset[address] = charset;
  }

  /** The attribute positions in buffer order. */
  attributeAddresses(): readonly number[] {
    if (this.attributeList === null) {
      const list: number[] = [];
      const n = this.size;
      for (let a = 0; a < n; a++) if (this.fieldAttributes[a] >= 0) list.push(a);
      this.attributeList = list;
    }
    return this.attributeList;
  }

  get formatted(): boolean {
    return this.attributeAddresses().length > 0;
  }

  /** The address of the attribute governing a position (itself if it is one), or -1 on an unformatted screen. */
  attributeAddressFor(address: number): number {
    const list = this.attributeAddresses();
    if (list.length === 0) return -1;
    let lo = 0;
    let hi = list.length - 1;
    if (address < list[0]) return list[hi];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid] <= address) lo = mid;
      else hi = mid - 1;
    }
    return list[lo];
  }

  /** The field a position belongs to (the field whose attribute it is, for an attribute position), or null if unformatted. */
  fieldAt(address: number): Field | null {
    const fa = this.attributeAddressFor(address);
    return fa < 0 ? null : this.fieldFromAttribute(fa);
  }

  fieldFromAttribute(fa: number): Field {
    const list = this.attributeAddresses();
    const n = this.size;
    const i = list.indexOf(fa);
    const next = list[(i + 1) % list.length];
    const length = next > fa ? next - fa - 1 : n - fa - 1 + next;
    return { attributeAddress: fa, attribute: this.fieldAttributes[fa], start: (fa + 1) % n, length };
  }

  /** Every field in buffer order. */
  fields(): Field[] {
    return this.attributeAddresses().map((fa) => this.fieldFromAttribute(fa));
  }

  /** True where the operator may not type: attribute positions and protected fields. */
  isProtected(address: number): boolean {
    if (this.fieldAttributes[address] >= 0) return true;
    const fa = this.attributeAddressFor(address);
    return fa >= 0 && (this.fieldAttributes[fa] & FieldAttribute.protected) !== 0;
  }

  /** Turn off every modified data tag. */
  resetMdt(): void {
    for (const fa of this.attributeAddresses()) this.fieldAttributes[fa] &= ~FieldAttribute.modified;
  }

  /** Set the modified data tag of the field holding a position. */
  setMdt(address: number): void {
    const fa = this.attributeAddressFor(address);
    if (fa >= 0) this.fieldAttributes[fa] |= FieldAttribute.modified;
  }

  /** The first data position of the first unprotected field at or after `from` (wrapping), or -1 if there is none. */
  nextUnprotected(from: number, wrap = true): number {
    const list = this.attributeAddresses();
    if (list.length === 0) return -1;
    const n = this.size;
    const ordered = list.filter((fa) => fa >= from).concat(wrap ? list.filter((fa) => fa < from) : []);
    for (const fa of ordered) {
      if ((this.fieldAttributes[fa] & FieldAttribute.protected) === 0) {
        const start = (fa + 1) % n;
        // a field with no data positions (two attributes side by side) cannot take input
        if (this.fieldAttributes[start] < 0) return start;
      }
    }
    return -1;
  }

  /** The screen as text, one string per row; attributes and nulls show as blanks, non-display fields as blanks. */
  text(decode: (ch: number) => string): string[] {
    const lines: string[] = [];
    const n = this.size;
    const fa = this.attributeAddressFor(0);
    let hidden = fa >= 0 && (this.fieldAttributes[fa] & FieldAttribute.displayMask) === FieldAttribute.nonDisplay;
    let line = '';
    for (let a = 0; a < n; a++) {
      const attr = this.fieldAttributes[a];
      if (attr >= 0) {
        hidden = (attr & FieldAttribute.displayMask) === FieldAttribute.nonDisplay;
        line += ' ';
      } else {
        const ch = this.chars[a];
        line += hidden || ch < 0x40 ? ' ' : decode(ch);
      }
      if ((a + 1) % this.cols === 0) {
        lines.push(line);
        line = '';
      }
    }
    return lines;
  }
}
