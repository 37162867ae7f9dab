// The demo host: until CP exists, each terminal that connects gets this
// screen, which echoes back what the operator typed and which key was
// pressed. It uses only the TerminalSession API, as CP will.
//
//   PF3    end the session          Clear  repaint
//   PF5    Read Buffer              PF6    Read Modified
//   any other AID: echo the AID, the cursor and the modified fields

import { fromEbcdic } from '../../s390/ebcdic.js';
import { DataStream } from '../../terminal/builder.js';
import { Color, ExtendedAttribute, FieldAttribute, Wcc } from '../../terminal/codes.js';
import type { InboundRecord, TerminalSession } from '../../terminal/session.js';

/** An input field of the demo screen. */
interface InputField {
  readonly label: string;
  readonly row: number;
  readonly length: number;
  readonly attribute: number;
}

const INPUT_FIELDS: readonly InputField[] = [
  { label: 'NAME', row: 5, length: 20, attribute: 0 },
  { label: 'NUMBER', row: 6, length: 8, attribute: FieldAttribute.numeric },
  { label: 'PASSWORD', row: 7, length: 8, attribute: FieldAttribute.nonDisplay },
  { label: 'TEXT', row: 8, length: 60, attribute: 0 },
];
/** Column of the first data position of each input field (the attribute sits just before). */
const INPUT_COL = 14;

export interface EchoHostOptions {
  /** Told about each session and each AID, for logs. */
  readonly log?: (message: string) => void;
}

/** Serve one session with the echo screen until it ends. */
export function runEchoHost(session: TerminalSession, options: EchoHostOptions = {}): void {
  const { model } = session;
  const alternate = model.alternateRows * model.alternateCols !== model.rows * model.cols;
  const rows = alternate ? model.alternateRows : model.rows;
  const cols = alternate ? model.alternateCols : model.cols;
  const values = new Map<string, string>(INPUT_FIELDS.map((f) => [f.label, '']));
  let report: string[] = ['Type in the fields, then press Enter, a PF or PA key, or Clear.'];
  let attentions = 0;

  const fieldAddress = (f: InputField): number => f.row * cols + INPUT_COL;

  const paint = (wcc: number): void => {
    const ds = new DataStream(alternate ? 'eraseWriteAlternate' : 'eraseWrite', wcc, rows * cols);
    const colour = (c: number): Array<readonly [number, number]> =>
      model.extended ? [[ExtendedAttribute.foreground, c]] : [];
    const title = (attribute: number, c: number): DataStream =>
      model.extended ? ds.sfe(attribute, ...colour(c)) : ds.sf(attribute);
    ds.at(0, 0, cols);
    title(FieldAttribute.protected | FieldAttribute.intensified, Color.white).text(' VMCMS 3270 TERMINAL DEMO');
    ds.at(1, 0, cols);
    title(FieldAttribute.protected, Color.turquoise).text(
      ` Session ${session.name} from ${session.peer}, ${model.terminalType}, model ${model.model}, ${rows}x${cols}`,
    );
    ds.at(3, 0, cols).sf(FieldAttribute.protected).text(' PF3 ends the session, PF5 Read Buffer, PF6 Read Modified.');
    for (const f of INPUT_FIELDS) {
      ds.at(f.row, 0, cols)
        .sf(FieldAttribute.protected)
        .text(` ${f.label.padEnd(8)}==>`);
      ds.at(f.row, INPUT_COL - 1, cols);
      title(f.attribute, f.attribute & FieldAttribute.numeric ? Color.yellow : Color.green);
      const value = values.get(f.label) ?? '';
      if (value) ds.text(value);
      // end the input field with a protected attribute
      ds.at(f.row, INPUT_COL + f.length, cols).sf(FieldAttribute.protected | FieldAttribute.numeric);
    }
    ds.at(10, 0, cols);
    title(FieldAttribute.protected | FieldAttribute.intensified, Color.yellow).text(` Attentions: ${attentions}`);
    report.slice(0, rows - 13).forEach((line, k) => {
      ds.at(11 + k, 0, cols)
        .sf(FieldAttribute.protected)
        .text(` ${line}`.slice(0, cols - 1));
    });
    ds.at(rows - 1, 0, cols)
      .sf(FieldAttribute.protected)
      .text(' vmcms demo host: CP will take its place');
    ds.sba(fieldAddress(INPUT_FIELDS[0])).ic();
    session.write(ds.bytes());
  };

  const describeField = (address: number | null): string => {
    if (address === null) return 'unformatted data';
    const f = INPUT_FIELDS.find((x) => fieldAddress(x) === address);
    const where = `row ${Math.floor(address / cols) + 1} col ${(address % cols) + 1}`;
    return f ? `${f.label} (${where})` : where;
  };

  const attention = (record: InboundRecord): void => {
    attentions++;
    const cursor =
      record.cursor === null
        ? 'no cursor (short read)'
        : `cursor row ${Math.floor(record.cursor / cols) + 1} col ${(record.cursor % cols) + 1}`;
    const lines = [
      `${record.kind === 'aid' ? 'Key' : 'Reply to'} ${record.kind === 'aid' ? record.aidName : record.kind}: AID ${record.aidName}, ${cursor}`,
    ];
    if (record.buffer) lines.push(`Read Buffer image: ${record.buffer.length} bytes`);
    for (const field of record.fields) {
      const f = INPUT_FIELDS.find((x) => fieldAddress(x) === field.address);
      const text = fromEbcdic(field.data);
      if (f) values.set(f.label, text.slice(0, f.length));
      const shown = f?.attribute === FieldAttribute.nonDisplay ? '*'.repeat(text.length) : text;
      lines.push(`${describeField(field.address)}: '${shown}'`);
    }
    if (record.fields.length === 0 && record.kind === 'aid') lines.push('no modified fields');
    report = lines;
    options.log?.(`${session.name}: ${lines.join('; ')}`);
  };

  session.onInbound((record) => {
    if (record.kind === 'aid' && record.aidName === 'PF3') {
      session.write(
        new DataStream(alternate ? 'eraseWriteAlternate' : 'eraseWrite', Wcc.resetMdt, rows * cols)
          .at(0, 0, cols)
          .sf(FieldAttribute.protected)
          .text(' Session ended.')
          .bytes(),
      );
      session.close('ended with PF3');
      return;
    }
    attention(record);
    if (record.kind === 'aid' && record.aidName === 'PF5') {
      session.write(Uint8Array.of(0xf2));
      return;
    }
    if (record.kind === 'aid' && record.aidName === 'PF6') {
      session.write(Uint8Array.of(0xf6));
      return;
    }
    paint(Wcc.keyboardRestore | Wcc.resetMdt);
  });
  session.onEnd((reason) => options.log?.(`${session.name}: session ended (${reason})`));
  options.log?.(`${session.name}: ${model.terminalType} from ${session.peer}`);
  paint(Wcc.keyboardRestore | Wcc.resetMdt);
}
