// Printer output as a person remembers it: 1403 print on continuous green-bar
// forms, 14 7/8 by 11 inches, 132 print positions at 10 characters an inch,
// 6 lines an inch (66 lines a page), half-inch bands of pale green every
// three lines, sprocket holes down both edges, and a separator page in front
// with the owner's userid in block letters, as CP's system printer put one
// before each spool file (VM/370 Operator's Guide, "Output Separator").
//
// Input is the printed text with carriage control already applied (lines
// end in \n, a form feed starts a new page, a carriage return overprints the
// next line on the same one): exactly what the system printer writes to its
// text files. pdfkit writes the PDF; Courier is one of the standard PDF
// fonts, so nothing is embedded.

import PDFDocument from 'pdfkit';

export interface PrintJobInfo {
  readonly userid: string;
  readonly spoolid: number;
  /** File name and type (CLOSE NAME, or what CMS set). */
  readonly name: string;
  readonly type: string;
  readonly spoolClass: string;
  readonly records: number;
  readonly created: Date;
  /** Where the output was printed (the system's name). */
  readonly system?: string;
}

const POINTS_PER_INCH = 72;
const PAGE_WIDTH = 14.875 * POINTS_PER_INCH;
const PAGE_HEIGHT = 11 * POINTS_PER_INCH;
const LINE_HEIGHT = POINTS_PER_INCH / 6;
const LINES_PER_PAGE = 66;
/** Courier's advance is 0.6 em: 12-point Courier sets 10 characters an inch. */
const FONT_SIZE = 12;
const COLUMNS = 132;
/** The tractor strips: half an inch each side, holes every half inch. */
const STRIP = 0.5 * POINTS_PER_INCH;
const LEFT_MARGIN = STRIP + (PAGE_WIDTH - 2 * STRIP - COLUMNS * 0.6 * FONT_SIZE) / 2;
const GREEN = '#d7ecd2';
const HOLE = '#f2f2f2';

/** Split printed text into pages of lines; each line a list of overprinted strings. */
export function paginate(text: string): string[][][] {
  const pages: string[][][] = [];
  for (const pageText of text.split('\f')) {
    const lines = pageText.split('\n');
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const page: string[][] = [];
    for (const line of lines) page.push(line.split('\r'));
    // A form feed at the very start (a skip to channel 1 before the first line) makes no empty page.
    if (page.length > 0 || pages.length > 0) pages.push(page);
  }
  // Long pages continue on the next form, as the carriage would.
  const out: string[][][] = [];
  for (const page of pages) {
    if (page.length === 0) out.push([]);
    for (let i = 0; i < page.length; i += LINES_PER_PAGE) out.push(page.slice(i, i + LINES_PER_PAGE));
  }
  return out.length > 0 ? out : [[]];
}

function drawForm(doc: PDFKit.PDFDocument): void {
  for (let band = 0; band < LINES_PER_PAGE / 3; band += 2) {
    doc.rect(STRIP, band * 3 * LINE_HEIGHT, PAGE_WIDTH - 2 * STRIP, 3 * LINE_HEIGHT).fill(GREEN);
  }
  for (let y = 0.25 * POINTS_PER_INCH; y < PAGE_HEIGHT; y += 0.5 * POINTS_PER_INCH) {
    doc.circle(STRIP / 2, y, 0.08 * POINTS_PER_INCH).fill(HOLE);
    doc.circle(PAGE_WIDTH - STRIP / 2, y, 0.08 * POINTS_PER_INCH).fill(HOLE);
  }
  doc
    .moveTo(STRIP, 0)
    .lineTo(STRIP, PAGE_HEIGHT)
    .moveTo(PAGE_WIDTH - STRIP, 0)
    .lineTo(PAGE_WIDTH - STRIP, PAGE_HEIGHT)
    .dash(2, { space: 3 })
    .strokeColor('#b0b0b0')
    .lineWidth(0.5)
    .stroke()
    .undash();
}

function printLine(doc: PDFKit.PDFDocument, row: number, strikes: readonly string[]): void {
  for (const text of strikes) {
    if (text.trim() === '') continue;
    doc.text(text.slice(0, COLUMNS), LEFT_MARGIN, row * LINE_HEIGHT + 2, { lineBreak: false });
  }
}

/** Block letters 7 rows high, for the separator page (the printer's own characters, as CP's were). */
const BLOCK: Readonly<Record<string, readonly string[]>> = {
  A: ['  A  ', ' A A ', 'A   A', 'AAAAA', 'A   A', 'A   A', 'A   A'],
  B: ['BBBB ', 'B   B', 'B   B', 'BBBB ', 'B   B', 'B   B', 'BBBB '],
  C: [' CCC ', 'C   C', 'C    ', 'C    ', 'C    ', 'C   C', ' CCC '],
  D: ['DDDD ', 'D   D', 'D   D', 'D   D', 'D   D', 'D   D', 'DDDD '],
  E: ['EEEEE', 'E    ', 'E    ', 'EEEE ', 'E    ', 'E    ', 'EEEEE'],
  F: ['FFFFF', 'F    ', 'F    ', 'FFFF ', 'F    ', 'F    ', 'F    '],
  G: [' GGG ', 'G   G', 'G    ', 'G GGG', 'G   G', 'G   G', ' GGG '],
  H: ['H   H', 'H   H', 'H   H', 'HHHHH', 'H   H', 'H   H', 'H   H'],
  I: ['IIIII', '  I  ', '  I  ', '  I  ', '  I  ', '  I  ', 'IIIII'],
  J: ['JJJJJ', '   J ', '   J ', '   J ', '   J ', 'J  J ', ' JJ  '],
  K: ['K   K', 'K  K ', 'K K  ', 'KK   ', 'K K  ', 'K  K ', 'K   K'],
  L: ['L    ', 'L    ', 'L    ', 'L    ', 'L    ', 'L    ', 'LLLLL'],
  M: ['M   M', 'MM MM', 'M M M', 'M   M', 'M   M', 'M   M', 'M   M'],
  N: ['N   N', 'NN  N', 'N N N', 'N  NN', 'N   N', 'N   N', 'N   N'],
  O: [' OOO ', 'O   O', 'O   O', 'O   O', 'O   O', 'O   O', ' OOO '],
  P: ['PPPP ', 'P   P', 'P   P', 'PPPP ', 'P    ', 'P    ', 'P    '],
  Q: [' QQQ ', 'Q   Q', 'Q   Q', 'Q   Q', 'Q Q Q', 'Q  Q ', ' QQ Q'],
  R: ['RRRR ', 'R   R', 'R   R', 'RRRR ', 'R R  ', 'R  R ', 'R   R'],
  S: [' SSS ', 'S   S', 'S    ', ' SSS ', '    S', 'S   S', ' SSS '],
  T: ['TTTTT', '  T  ', '  T  ', '  T  ', '  T  ', '  T  ', '  T  '],
  U: ['U   U', 'U   U', 'U   U', 'U   U', 'U   U', 'U   U', ' UUU '],
  V: ['V   V', 'V   V', 'V   V', 'V   V', 'V   V', ' V V ', '  V  '],
  W: ['W   W', 'W   W', 'W   W', 'W W W', 'W W W', 'WW WW', 'W   W'],
  X: ['X   X', 'X   X', ' X X ', '  X  ', ' X X ', 'X   X', 'X   X'],
  Y: ['Y   Y', 'Y   Y', ' Y Y ', '  Y  ', '  Y  ', '  Y  ', '  Y  '],
  Z: ['ZZZZZ', '    Z', '   Z ', '  Z  ', ' Z   ', 'Z    ', 'ZZZZZ'],
  '0': [' 000 ', '0   0', '0  00', '0 0 0', '00  0', '0   0', ' 000 '],
  '1': ['  1  ', ' 11  ', '  1  ', '  1  ', '  1  ', '  1  ', ' 111 '],
  '2': [' 222 ', '2   2', '    2', '   2 ', '  2  ', ' 2   ', '22222'],
  '3': [' 333 ', '3   3', '    3', '  33 ', '    3', '3   3', ' 333 '],
  '4': ['   4 ', '  44 ', ' 4 4 ', '4  4 ', '44444', '   4 ', '   4 '],
  '5': ['55555', '5    ', '5555 ', '    5', '    5', '5   5', ' 555 '],
  '6': [' 666 ', '6    ', '6    ', '6666 ', '6   6', '6   6', ' 666 '],
  '7': ['77777', '    7', '   7 ', '  7  ', ' 7   ', ' 7   ', ' 7   '],
  '8': [' 888 ', '8   8', '8   8', ' 888 ', '8   8', '8   8', ' 888 '],
  '9': [' 999 ', '9   9', '9   9', ' 9999', '    9', '    9', ' 999 '],
  $: [' $$$ ', '$ $  ', '$ $  ', ' $$$ ', '  $ $', '  $ $', ' $$$ '],
  '#': [' # # ', ' # # ', '#####', ' # # ', '#####', ' # # ', ' # # '],
  '@': [' @@@ ', '@   @', '@ @@@', '@ @ @', '@ @@@', '@    ', ' @@@ '],
};

/** A word in block letters, 7 lines, each letter 5 wide and a blank between. */
export function blockLetters(word: string): string[] {
  const rows = ['', '', '', '', '', '', ''];
  for (const ch of word.toUpperCase()) {
    const glyph = BLOCK[ch] ?? ['     ', '     ', '     ', '     ', '     ', '     ', '     '];
    for (let r = 0; r < 7; r++) rows[r] += glyph[r] + '  ';
  }
  return rows.map((r) => r.trimEnd());
}

const two = (n: number): string => String(n).padStart(2, '0');

/** The separator page's lines, as printed (66 lines at most). */
export function separatorLines(job: PrintJobInfo): string[] {
  const d = job.created;
  const stamp = `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)} ${two(
    d.getUTCHours(),
  )}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const stars = '*'.repeat(COLUMNS);
  const info = [
    `USERID   ${job.userid.padEnd(8)}   SPOOLID  ${String(job.spoolid).padStart(4, '0')}   CLASS ${job.spoolClass}`,
    `FILE     ${job.name.padEnd(8)} ${job.type.padEnd(8)}   RECORDS ${String(job.records).padStart(8, '0')}`,
    `PRINTED  ${stamp}   ON ${job.system ?? 'VMCMS'}`,
  ];
  const indent = (s: string): string => `${' '.repeat(10)}${s}`;
  return [
    stars,
    stars,
    '',
    ...blockLetters(job.userid).map(indent),
    '',
    '',
    ...blockLetters(String(job.spoolid).padStart(4, '0')).map(indent),
    '',
    '',
    ...info.map(indent),
    '',
    stars,
    stars,
  ];
}

/** Render one printer spool file (its text with carriage control applied) as a green-bar PDF. */
export function renderGreenbarPdf(text: string, job: PrintJobInfo): Promise<Buffer> {
  const doc = new PDFDocument({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0, autoFirstPage: false });
  doc.info.Title = `${job.userid} ${job.name} ${job.type} (spool file ${job.spoolid})`;
  doc.info.Creator = 'vmcms system printer (1403)';
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const page = (lines: readonly (readonly string[])[]): void => {
    doc.addPage();
    drawForm(doc);
    doc.font('Courier').fontSize(FONT_SIZE).fillColor('#1a1a1a');
    lines.forEach((strikes, row) => printLine(doc, row, strikes));
  };
  page(separatorLines(job).map((l) => [l]));
  for (const p of paginate(text)) page(p);
  doc.end();
  return done;
}
