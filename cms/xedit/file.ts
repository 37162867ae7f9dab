// One file in the XEDIT ring: its records as text, the current line, the
// column pointer and the settings that belong to a file (VM/SP XEDIT
// Command and Macro Reference, SC24-5221, "SET" subcommands: the settings
// marked "file" there — TRUNC, ZONE, VERIFY, CASE, NUMBER ... — are kept per
// file). Line numbers are XEDIT's: 0 is the Top of File line, size + 1 the
// End of File line, the file's records are 1 to size.

/** One record being edited. `selected` is the ALL subcommand's selection level (0: excluded). */
export interface Line {
  text: string;
  label?: string;
  /** Shown (ALL selects, x/xx exclude); hidden lines are drawn as shadow lines. */
  shown: boolean;
}

export interface FileSettings {
  /** SET CASE: M(ixed) or U(pper) for typed data, R(espect) or I(gnore) for targets. */
  caseInput: 'M' | 'U';
  caseTarget: 'R' | 'I';
  /** SET TRUNC: the last column data may occupy (defaults to LRECL). */
  trunc: number;
  /** SET ZONE: targets and CHANGE look only between these columns (1-based, inclusive). */
  zone: [number, number];
  /** SET VERIFY: the first column shown in the file area (LEFT/RIGHT shift it). */
  verifyStart: number;
  /** SET NUMBER ON: the prefix area shows line numbers. */
  number: boolean;
  /** SET PREFIX ON|OFF|NULLS. */
  prefix: 'ON' | 'OFF' | 'NULLS';
  /** SET SCALE ON|OFF. */
  scale: boolean;
  /** SET SHADOW ON|OFF: show `n line(s) not displayed` for hidden lines. */
  shadow: boolean;
  /** SET WRAP ON|OFF: LOCATE wraps past the end of the file. */
  wrap: boolean;
}

export class XeditFile {
  lines: Line[];
  /** 0 = Top of File, size + 1 = End of File. */
  current = 0;
  /** The column pointer (1-based), CLOCATE and the C subcommands move it. */
  column = 1;
  /** Changes since the file was last written (the `Alt=` of the file id line). */
  alterations = 0;
  readonly settings: FileSettings;
  /** The file did not exist when XEDIT was called. */
  readonly isNew: boolean;

  constructor(
    public fn: string,
    public ft: string,
    public fm: string,
    public recfm: 'F' | 'V',
    public lrecl: number,
    texts: readonly string[],
    isNew = false,
  ) {
    this.lines = texts.map((text) => ({ text, shown: true }));
    this.isNew = isNew;
    this.settings = {
      caseInput: 'U',
      caseTarget: 'I',
      trunc: lrecl,
      zone: [1, lrecl],
      verifyStart: 1,
      number: false,
      prefix: 'ON',
      scale: true,
      shadow: true,
      wrap: false,
    };
    // XEDIT's defaults by filetype (SC24-5221, "SET CASE"): mixed case for prose and REXX.
    if (['SCRIPT', 'MEMO', 'NOTE', 'EXEC', 'XEDIT', 'HELPCMS', 'HELPCP', 'NETLOG'].includes(ft)) {
      this.settings.caseInput = 'M';
    }
    if (['SCRIPT', 'MEMO', 'NOTE', 'EXEC', 'XEDIT'].includes(ft)) this.settings.caseTarget = 'R';
  }

  get size(): number {
    return this.lines.length;
  }

  get fileId(): string {
    return `${this.fn} ${this.ft} ${this.fm}`;
  }

  /** The text of line n (1 to size); '' for the Top and End of File lines. */
  text(n: number): string {
    return this.lines[n - 1]?.text ?? '';
  }

  /** Set line n's text, honouring TRUNC (characters past it are dropped) and LRECL. */
  setText(n: number, text: string): void {
    const line = this.lines[n - 1];
    if (!line) return;
    const fitted = this.fit(text);
    if (fitted === line.text) return;
    line.text = fitted;
    this.alterations++;
  }

  /** A text fitted to the file: blanks at the end of V records are kept off, nothing past TRUNC. */
  fit(text: string): string {
    const cut = text.length > this.settings.trunc ? text.slice(0, this.settings.trunc) : text;
    let end = cut.length;
    while (end > 0 && cut.charCodeAt(end - 1) === 32) end--;
    return end === cut.length ? cut : cut.slice(0, end);
  }

  /** Insert texts after line `after` (0: before the first line). */
  insert(after: number, texts: readonly string[]): void {
    const lines = texts.map((t) => ({ text: this.fit(t), shown: true }));
    this.lines.splice(after, 0, ...lines);
    if (lines.length > 0) this.alterations++;
  }

  /** Delete `count` lines starting at line `first`. */
  remove(first: number, count: number): Line[] {
    const removed = this.lines.splice(first - 1, count);
    if (removed.length > 0) this.alterations++;
    return removed;
  }

  /** Line number of a label, or undefined. */
  labelLine(label: string): number | undefined {
    const i = this.lines.findIndex((l) => l.label === label);
    return i < 0 ? undefined : i + 1;
  }

  /** Clamp a line number to 0..size+1. */
  clamp(n: number): number {
    return Math.max(0, Math.min(this.size + 1, n));
  }

  /** Is line n in the scope (shown)? The Top and End of File lines always are. */
  inScope(n: number): boolean {
    if (n <= 0 || n > this.size) return true;
    return this.lines[n - 1].shown;
  }
}
