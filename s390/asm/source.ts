// Reading fixed-format assembler source into statements (HLASM Language
// Reference SC26-4940, "Coding conventions"): the statement field is
// columns 1-71; a non-blank in column 72 continues the statement, which
// resumes in column 16 of the next line; columns 73-80 are the sequence
// field. '*' in column 1 is a comment, '.*' a macro comment (never listed
// in expansions). The name field begins in column 1; operation, operands
// and remarks follow, each ended by a blank. Blanks inside quoted strings
// (and, in conditional-assembly statements, inside parentheses) do not end
// the operands. The "alternative format" for macro operands is honoured: an
// operand list that ends in a comma followed by a blank continues on the
// next line.

/** One logical source statement (after joining continuation lines). */
export interface Statement {
  /** Name field as written ('' if column 1 was blank). */
  readonly name: string;
  /** Operation field, upper case. */
  readonly op: string;
  /** Operand field as written (case kept: quoted strings are case sensitive). */
  readonly operands: string;
  readonly remarks: string;
  /** The first card image, for the listing. */
  readonly image: string;
  /** Source line number (1-based) of the first card. */
  readonly line: number;
  /** '*' or '.*' comment (or an empty line). */
  readonly comment: boolean;
  readonly macroComment: boolean;
  /** Continuation lines after the first (for the listing). */
  readonly continuations: readonly string[];
}

/** Operations whose operands are conditional-assembly expressions (blanks allowed in parentheses). */
const CONDITIONAL_OPS = new Set(['AIF', 'AGO', 'SETA', 'SETB', 'SETC', 'ACTR', 'AREAD', 'SETAF', 'SETCF']);

/** Is the quote at text[i] an attribute reference such as L'SYM (not the start of a string)? */
export function isAttributeQuote(text: string, i: number): boolean {
  if (i === 0) return false;
  const a = text[i - 1].toUpperCase();
  if (!'LTKNDISO'.includes(a)) return false;
  if (i >= 2 && /[A-Za-z0-9@#$_&.]/.test(text[i - 2])) return false;
  const next = text[i + 1];
  return next !== undefined && /[A-Za-z@#$_&*=]/.test(next);
}

/** Split source text into card images (tabs are not expanded; CR LF is accepted). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Is this card continued (non-blank column 72)? */
function continued(card: string): boolean {
  return card.length >= 72 && card[71] !== ' ';
}

/**
 * Read statements from card images. `firstLine` numbers the first card.
 * Never throws: a continuation with no following line simply ends.
 */
export function readStatements(cards: readonly string[], firstLine = 1): Statement[] {
  const out: Statement[] = [];
  let i = 0;
  while (i < cards.length) {
    const start = i;
    const card = cards[i];
    const segments: string[] = [];
    const isComment = card.startsWith('*') || card.startsWith('.*');
    if (continued(card) && !isComment) {
      segments.push(card.slice(0, 71));
      i++;
      while (i < cards.length) {
        const c = cards[i];
        segments.push(c.slice(15, 71));
        i++;
        if (!continued(c)) break;
      }
    } else {
      segments.push(isComment ? card : card.slice(0, 71));
      i++;
      // A comment card may still be continued; swallow its continuations.
      if (isComment && continued(card)) {
        while (i < cards.length && continued(cards[i])) i++;
        if (i < cards.length) i++;
      }
    }
    out.push(parseSegments(segments, cards[start], start + firstLine, cards.slice(start + 1, i)));
  }
  return out;
}

/** Parse one statement given its text segments (first card columns 1-71, then continuation columns 16-71). */
export function parseSegments(
  segments: string[],
  image: string,
  line: number,
  continuations: string[] = [],
): Statement {
  const first = segments[0];
  if (first.trim() === '' || first.startsWith('*') || first.startsWith('.*')) {
    return {
      name: '',
      op: '',
      operands: '',
      remarks: first,
      image,
      line,
      comment: true,
      macroComment: first.startsWith('.*'),
      continuations,
    };
  }
  let p = 0;
  let name = '';
  if (first[0] !== ' ') {
    while (p < first.length && first[p] !== ' ') p++;
    name = first.slice(0, p);
  }
  while (p < first.length && first[p] === ' ') p++;
  const opStart = p;
  while (p < first.length && first[p] !== ' ') p++;
  const op = first.slice(opStart, p).toUpperCase();
  while (p < first.length && first[p] === ' ') p++;
  // Operands: scan across segments, collecting slices.
  const conditional = CONDITIONAL_OPS.has(op);
  let seg = 0;
  let text = first;
  let operands = '';
  let from = p;
  let inQuote = false;
  let depth = 0;
  let remarks = '';
  for (;;) {
    if (p >= text.length) {
      operands += text.slice(from, p);
      if (seg + 1 < segments.length) {
        seg++;
        text = segments[seg];
        p = 0;
        from = 0;
        continue;
      }
      break;
    }
    const ch = text.charCodeAt(p);
    if (ch === 0x27) {
      if (!inQuote && isAttributeQuote(text, p) && p > from) {
        p++;
        continue;
      }
      inQuote = !inQuote;
    } else if (!inQuote) {
      if (ch === 0x28) depth++;
      else if (ch === 0x29) depth = Math.max(0, depth - 1);
      else if (ch === 0x20 && !(conditional && depth > 0)) {
        operands += text.slice(from, p);
        // Alternative format: "A,  remarks" continued on the next line.
        if (operands.endsWith(',') && seg + 1 < segments.length) {
          seg++;
          text = segments[seg];
          p = 0;
          while (p < text.length && text[p] === ' ') p++;
          from = p;
          continue;
        }
        remarks = text.slice(p).trim();
        break;
      }
    }
    p++;
  }
  return { name, op, operands, remarks, image, line, comment: false, macroComment: false, continuations };
}

/** Build a statement from already separated fields (a generated model statement). */
export function makeStatement(name: string, op: string, operands: string, line: number, remarks = ''): Statement {
  const image = `${name.padEnd(8)} ${op.padEnd(5)} ${operands}${remarks ? ' ' + remarks : ''}`.trimEnd();
  return {
    name,
    op: op.toUpperCase(),
    operands,
    remarks,
    image,
    line,
    comment: false,
    macroComment: false,
    continuations: [],
  };
}
