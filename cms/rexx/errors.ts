// REXX error numbers and message texts, as the System Product Interpreter
// issues them (VM/SP System Product Interpreter Reference, SC24-5239,
// appendix "Error Numbers and Messages"; the numbering is TRL2's).

/** Error number -> message text. */
export const ERROR_TEXT: Readonly<Record<number, string>> = {
  3: 'Program is unreadable',
  4: 'Program interrupted',
  5: 'Machine storage exhausted',
  6: 'Unmatched "/*" or quote',
  7: 'WHEN or OTHERWISE expected',
  8: 'Unexpected THEN or ELSE',
  9: 'Unexpected WHEN or OTHERWISE',
  10: 'Unexpected or unmatched END',
  11: 'Control stack full',
  12: 'Clause too long',
  13: 'Invalid character in program',
  14: 'Incomplete DO/SELECT/IF',
  15: 'Invalid hexadecimal or binary string',
  16: 'Label not found',
  17: 'Unexpected PROCEDURE',
  18: 'THEN expected',
  19: 'String or symbol expected',
  20: 'Symbol expected',
  21: 'Invalid data on end of clause',
  22: 'Invalid character string',
  24: 'Invalid TRACE request',
  25: 'Invalid sub-keyword found',
  26: 'Invalid whole number',
  27: 'Invalid DO syntax',
  28: 'Invalid LEAVE or ITERATE',
  29: 'Environment name too long',
  30: 'Name or string too long',
  31: 'Name starts with number or "."',
  33: 'Invalid expression result',
  34: 'Logical value not 0 or 1',
  35: 'Invalid expression',
  36: 'Unmatched "(" in expression',
  37: 'Unexpected "," or ")"',
  38: 'Invalid template or pattern',
  39: 'Evaluation stack overflow',
  40: 'Incorrect call to routine',
  41: 'Bad arithmetic conversion',
  42: 'Arithmetic overflow/underflow',
  43: 'Routine not found',
  44: 'Function did not return data',
  45: 'No data specified on function RETURN',
  46: 'Invalid variable reference',
  48: 'Failure in system service',
  49: 'Interpretation error',
};

/** The text ERRORTEXT(n) returns: '' for numbers without a message. */
export function errorText(n: number): string {
  return ERROR_TEXT[n] ?? '';
}

/**
 * A REXX syntax error (raises the SYNTAX condition). `line` is filled in by
 * the interpreter when the error leaves the clause that caused it.
 */
export class RexxError extends Error {
  line = 0;
  constructor(
    readonly code: number,
    readonly detail = '',
  ) {
    super(`Error ${code}: ${errorText(code)}${detail ? ` (${detail})` : ''}`);
  }
}

/** Throws error `code`; a helper so call sites read as one statement. */
export function fail(code: number, detail = ''): never {
  throw new RexxError(code, detail);
}
