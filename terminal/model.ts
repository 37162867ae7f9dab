// 3270 display models and what a TN3270 terminal type says about them.
// Every model's default size is 24x80; the model's own size is the
// alternate size, reached only with Erase/Write Alternate (GA23-0059
// "Screen Sizes"; RFC 1576 for the terminal-type strings).

/** The four display models a VM system drives. */
export type ModelNumber = 2 | 3 | 4 | 5;

export interface TerminalModel {
  /** 2, 3, 4 or 5. */
  readonly model: ModelNumber;
  /** The terminal type as the terminal named itself, e.g. `IBM-3279-2-E`. */
  readonly terminalType: string;
  /** Default size: always 24 x 80. */
  readonly rows: number;
  readonly cols: number;
  /** Alternate size: the model's own size. */
  readonly alternateRows: number;
  readonly alternateCols: number;
  /** A 3279 (colour) rather than a 3278 (monochrome). */
  readonly color: boolean;
  /** The terminal takes the extended data stream (SFE, SA, MF): the `-E` types. */
  readonly extended: boolean;
}

const ALTERNATE_SIZE: Readonly<Record<ModelNumber, readonly [number, number]>> = {
  2: [24, 80],
  3: [32, 80],
  4: [43, 80],
  5: [27, 132],
};

/** A model from its number and family. */
export function terminalModel(model: ModelNumber, color = true, extended = true): TerminalModel {
  const [alternateRows, alternateCols] = ALTERNATE_SIZE[model];
  const family = color ? '3279' : '3278';
  return {
    model,
    terminalType: `IBM-${family}-${model}${extended ? '-E' : ''}`,
    rows: 24,
    cols: 80,
    alternateRows,
    alternateCols,
    color,
    extended,
  };
}

/**
 * A model from a TN3270 terminal type such as `IBM-3278-4` or `IBM-3279-2-E`.
 * Anything not understood (IBM-DYNAMIC, a printer, garbage) becomes a 3278
 * model 2, the one every host can drive. A Hercules-style `@devnum` suffix
 * is ignored.
 */
export function modelFromTerminalType(terminalType: string): TerminalModel {
  const name = terminalType.toUpperCase().split('@')[0];
  const m = /^IBM-(3278|3279)-([2-5])(-E)?$/.exec(name);
  if (!m) return { ...terminalModel(2, false, false), terminalType };
  return { ...terminalModel(Number(m[2]) as ModelNumber, m[1] === '3279', m[3] !== undefined), terminalType };
}
