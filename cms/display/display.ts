// The CMS display service: full-screen I/O on the user's 3270 through
// DIAGNOSE X'58' (docs/diagnose.md, "X'58'"), for XEDIT, FILELIST, RDRLIST
// and HELP. Every transfer is synchronous inside the DIAGNOSE: a write puts
// the screen up at once; a read either returns the AID the user already
// pressed or says "none yet" (CC 2), and then CMS waits for the attention
// CP presents on the console when a key is pressed, and reads again.
//
//   CCW at DISPLAY_CCW:  op (X'29' write, X'2A' read, X'2B' query)
//                        data address (IO_BUFFER), flags, byte 5 = the 3270
//                        command of a write, count

import { DISPLAY_CCW, IO_BUFFER, IO_BUFFER_LENGTH } from '../nucleus/layout.js';
import { CONSOLE } from '../nucleus/nucleus.js';
import type { CmsSession } from '../nucleus/session.js';
import { slice, type CmsGen } from '../nucleus/task.js';
import { DisplayCommand, decodeInput, encodePanel, type DisplayInput, type Panel } from './stream.js';

const WRITE = 0x29;
const READ = 0x2a;
const QUERY = 0x2b;

/** Unit status X'8E' in the CSW: CP wrote a line meanwhile; the program must redraw. */
const REDRAW_STATUS = 0x8e;
const CSW = 0x40;

export interface DisplaySize {
  readonly rows: number;
  readonly cols: number;
  readonly alternateRows: number;
  readonly alternateCols: number;
}

export type WriteResult = 'done' | 'redraw' | 'unavailable';

export class DisplayService {
  private size: DisplaySize | undefined;

  constructor(private readonly cms: CmsSession) {}

  /** The console's screen sizes, or undefined when it is no display (line mode). */
  query(): DisplaySize | undefined {
    const st = this.cms.guest.storage;
    st.bytes.fill(0, IO_BUFFER, IO_BUFFER + 4);
    const cc = this.issue(QUERY, 0, 4);
    if (cc !== 0) return undefined;
    const b = st.bytes;
    const size = {
      rows: b[IO_BUFFER],
      cols: b[IO_BUFFER + 1],
      alternateRows: b[IO_BUFFER + 2],
      alternateCols: b[IO_BUFFER + 3],
    };
    if (size.rows === 0 || size.cols === 0) return undefined;
    this.size = size;
    return size;
  }

  /** The size a full-screen tool draws at: the alternate (the model's own) size. */
  get screen(): { rows: number; cols: number } {
    const s = this.size ?? this.query();
    if (!s) return { rows: 24, cols: 80 };
    return { rows: s.alternateRows || s.rows, cols: s.alternateCols || s.cols };
  }

  /**
   * Put a panel up with Erase/Write Alternate (the model's full size; Erase/
   * Write when the panel is 24x80 and the model is a 2). 'redraw': CP wrote
   * a line meanwhile and the screen was not written (unit status X'8E').
   */
  *write(panel: Panel): CmsGen<WriteResult> {
    // Lines CMS has typed must reach the console first: CP then knows to end the write with X'8E'.
    if (this.cms.output.length > 0) yield slice();
    const data = encodePanel(panel);
    const s = this.size ?? this.query();
    if (!s) return 'unavailable';
    const alternate = panel.rows !== s.rows || panel.cols !== s.cols;
    const command = alternate ? DisplayCommand.eraseWriteAlternate : DisplayCommand.eraseWrite;
    if (data.length > IO_BUFFER_LENGTH) throw new Error('display: panel too large');
    this.cms.guest.storage.bytes.set(data, IO_BUFFER);
    const cc = this.issue(WRITE, command, data.length);
    if (cc === 0) return 'done';
    if (cc === 1 && this.cms.guest.storage.readU8(CSW + 4) === REDRAW_STATUS) return 'redraw';
    return 'unavailable';
  }

  /** Wait for the user's next AID key and return what came with it (undefined: no display any more). */
  *read(): CmsGen<DisplayInput | undefined> {
    for (let tries = 0; ; tries++) {
      const r = this.readNow();
      if (r === 'unavailable') return undefined;
      if (r !== 'pending') return r;
      if (tries > 1000) return undefined; // a CP that never answers: give up rather than spin
      yield { kind: 'display' };
    }
  }

  private readNow(): DisplayInput | 'pending' | 'unavailable' {
    this.prepare(READ, 0, IO_BUFFER_LENGTH);
    const r = this.cms.diag(0x58, DISPLAY_CCW, CONSOLE);
    if (r.cc === 2) return 'pending';
    if (r.cc !== 0) return 'unavailable';
    const length = Math.min(r.ry, IO_BUFFER_LENGTH);
    return decodeInput(this.cms.guest.storage.bytes.slice(IO_BUFFER, IO_BUFFER + length));
  }

  private prepare(op: number, command: number, count: number): void {
    const st = this.cms.guest.storage;
    st.writeU32(DISPLAY_CCW, ((op << 24) | IO_BUFFER) >>> 0);
    st.writeU32(DISPLAY_CCW + 4, ((command << 16) | count) >>> 0);
  }

  private issue(op: number, command: number, count: number): number | undefined {
    this.prepare(op, command, count);
    return this.cms.diag(0x58, DISPLAY_CCW, CONSOLE).cc;
  }
}
