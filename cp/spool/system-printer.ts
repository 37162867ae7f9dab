// The system printer: printer spool files that are not held are "printed"
// into the data directory as text, one file per spool file, named so that
// a person finds theirs: printer/USERID-SPOOLID-NAME-TYPE.txt, and, when
// the system was started with PDF output (`vmcms serve --pdf`), a green-bar
// PDF of it beside it (.pdf). Carriage
// control is applied as the 1403 would (1403 Component Description,
// GA24-3073): a write command's bits 0-4 give the movement after printing
// (X'01' none, X'09' space 1, X'11' space 2, X'19' space 3, X'89'..X'E1'
// skip to a channel, shown as a form feed), and immediate commands
// (X'0B', X'13', X'1B', X'8B'...) move the paper without printing.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromEbcdic } from '../../s390/ebcdic.js';
import { writeFileAtomic } from '../atomic-file.js';
import type { SpoolFile, SpoolRecord } from './spool-file.js';

/**
 * Text of a printer file with its carriage control applied: lines end in
 * \n, a skip to a channel is a form feed, and a line printed without
 * spacing is followed by \r and the line that overprints it (the form
 * cp/print/greenbar-pdf.ts draws).
 */
export function printText(records: readonly SpoolRecord[]): string {
  let out = '';
  let open = false; // a printed line waits for its carriage movement
  for (const r of records) {
    const write = (r.command & 0x03) === 0x01;
    if (write) {
      if (open) out += '\r'; // the previous write did not space: overprint
      out += fromEbcdic(r.data).trimEnd();
      open = true;
    }
    const m = r.command >> 3;
    if (m === 0) continue; // write without spacing (X'01'); the next line overprints
    if (m >= 0x10) out += open ? '\n\f' : '\f';
    else out += '\n'.repeat(Math.max(1, Math.min(3, m & 0x03)));
    open = false;
  }
  if (open) out += '\n';
  return out;
}

export class SystemPrinter {
  constructor(
    private readonly dir: string,
    /** Also write each file as a green-bar PDF. */
    private readonly pdf = false,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /**
   * Write the file (every copy) as text, and then, when PDFs were asked for,
   * in the background as a green-bar PDF beside it
   * (cp/print/greenbar-pdf.ts); returns the text's path.
   */
  print(file: SpoolFile): string {
    const part = (s: string): string => (s.trim() || 'NONAME').replace(/[^A-Z0-9$#@_-]/gi, '_');
    const name = `${part(file.owner)}-${String(file.spoolid).padStart(4, '0')}-${part(file.name)}-${part(file.type || 'LISTING')}.txt`;
    const path = join(this.dir, name);
    const text = printText(file.data);
    const copies = text.repeat(Math.max(1, file.copies));
    writeFileAtomic(path, copies);
    if (!this.pdf) return path;
    const job = {
      userid: file.owner,
      spoolid: file.spoolid,
      name: file.name,
      type: file.type,
      spoolClass: file.spoolClass,
      records: file.records,
      created: file.created,
    };
    // The PDF library loads on first use: most runs (vmcms batch, exec) never print to the system printer.
    import('../print/greenbar-pdf.js')
      .then(({ renderGreenbarPdf }) => renderGreenbarPdf(copies, job))
      .then(
        (pdf) => writeFileAtomic(path.replace(/\.txt$/, '.pdf'), pdf),
        () => undefined, // the text file is the printout; the PDF is a courtesy
      );
    return path;
  }
}
