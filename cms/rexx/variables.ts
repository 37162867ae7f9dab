// The variable pool of one PROCEDURE level. Each variable lives in a Box so
// that PROCEDURE EXPOSE can share it with the caller by sharing the box
// (TRL2, "PROCEDURE"). A stem keeps its default (from `stem. = value`) and
// the boxes of its compound variables.

/** v: a value; undefined: never set (a compound falls back to its stem default); null: dropped. */
export interface Box {
  v: string | undefined | null;
}

export class Stem {
  dflt: string | undefined = undefined;
  tails = new Map<string, Box>();
}

export class VariablePool {
  readonly vars = new Map<string, Box>();
  readonly stems = new Map<string, Stem>();

  get(name: string): string | undefined {
    const b = this.vars.get(name);
    return b === undefined || b.v === null ? undefined : b.v;
  }

  set(name: string, value: string): void {
    const b = this.vars.get(name);
    if (b !== undefined) b.v = value;
    else this.vars.set(name, { v: value });
  }

  box(name: string): Box {
    let b = this.vars.get(name);
    if (b === undefined) {
      b = { v: undefined };
      this.vars.set(name, b);
    }
    return b;
  }

  drop(name: string): void {
    const b = this.vars.get(name);
    if (b !== undefined) b.v = null;
  }

  stem(name: string): Stem {
    let s = this.stems.get(name);
    if (s === undefined) {
      s = new Stem();
      this.stems.set(name, s);
    }
    return s;
  }

  getCompound(stem: string, tail: string): string | undefined {
    const s = this.stems.get(stem);
    if (s === undefined) return undefined;
    const b = s.tails.get(tail);
    if (b === undefined || b.v === undefined) return s.dflt;
    return b.v === null ? undefined : b.v;
  }

  setCompound(stem: string, tail: string, value: string): void {
    const s = this.stem(stem);
    const b = s.tails.get(tail);
    if (b !== undefined) b.v = value;
    else s.tails.set(tail, { v: value });
  }

  compoundBox(stem: string, tail: string): Box {
    const s = this.stem(stem);
    let b = s.tails.get(tail);
    if (b === undefined) {
      b = { v: undefined };
      s.tails.set(tail, b);
    }
    return b;
  }

  dropCompound(stem: string, tail: string): void {
    const s = this.stems.get(stem);
    if (s === undefined) return;
    const b = s.tails.get(tail);
    if (b !== undefined) b.v = null;
    else if (s.dflt !== undefined) s.tails.set(tail, { v: null });
  }

  /** `stem. = value`: a new default for every tail; old compound values are discarded. */
  setStem(stem: string, value: string): void {
    const s = this.stem(stem);
    s.dflt = value;
    for (const b of s.tails.values()) b.v = undefined;
    s.tails.clear();
  }

  dropStem(stem: string): void {
    const s = this.stems.get(stem);
    if (s === undefined) return;
    s.dflt = undefined;
    for (const b of s.tails.values()) b.v = null;
    s.tails.clear();
  }

  getStemDefault(stem: string): string | undefined {
    return this.stems.get(stem)?.dflt;
  }
}
