// The parsed form of a REXX program: expressions as trees, instructions as a
// flat array of clauses with jump targets, so that the interpreter is a
// clause stepper (pc into the array) that SIGNAL, loops and the dispatcher's
// time slices can all stop and restart.

export type TailPart = string | { v: string };

export type Expr =
  | { t: 'lit'; v: string; gen?: false }
  | { t: 'var'; name: string; gen?: false }
  | { t: 'stem'; name: string; gen?: false }
  | { t: 'cmp'; stem: string; tail: TailPart[]; gen?: false }
  | { t: 'call'; name: string; quoted: boolean; args: (Expr | null)[]; gen: boolean }
  | { t: 'pre'; op: string; e: Expr; gen: boolean }
  | { t: 'bin'; op: string; l: Expr; r: Expr; gen: boolean };

/** A variable that can be assigned: simple, stem (default) or compound. */
export type Target =
  { t: 'var'; name: string } | { t: 'stem'; name: string } | { t: 'cmp'; stem: string; tail: TailPart[] };

export type TemplateItem =
  | { t: 'target'; target: Target }
  | { t: 'dot' }
  | { t: 'lit'; v: string }
  | { t: 'litvar'; target: Target }
  | { t: 'abs'; n: number | Target }
  | { t: 'rel'; n: number | Target; sign: 1 | -1 };

export type Template = TemplateItem[];

export type ParseSource =
  | { t: 'ARG' }
  | { t: 'PULL' }
  | { t: 'EXTERNAL' }
  | { t: 'SOURCE' }
  | { t: 'VERSION' }
  | { t: 'NUMERIC' }
  | { t: 'LINEIN' }
  | { t: 'VAR'; target: Target }
  | { t: 'VALUE'; e: Expr | null };

export interface DoSpec {
  repetitive: boolean;
  forever: boolean;
  control?: Target;
  controlName?: string;
  init?: Expr;
  to?: Expr;
  by?: Expr;
  for?: Expr;
  count?: Expr;
  /** Order in which TO, BY and FOR are evaluated (as written). */
  order: ('to' | 'by' | 'for')[];
  while?: Expr;
  until?: Expr;
}

export type ExposeItem = { t: 'name'; target: Target } | { t: 'indirect'; target: Target };

export const CONDITIONS = ['ERROR', 'FAILURE', 'HALT', 'NOVALUE', 'SYNTAX', 'NOTREADY'] as const;
export type ConditionName = (typeof CONDITIONS)[number];

export type Instruction =
  | { k: 'nop' }
  | { k: 'label'; name: string }
  | { k: 'assign'; target: Target; e: Expr }
  | { k: 'say'; e: Expr | null }
  | { k: 'command'; e: Expr }
  | { k: 'if'; e: Expr; target: number }
  | { k: 'when'; e: Expr; target: number }
  | { k: 'jump'; target: number }
  | { k: 'do'; spec: DoSpec; endAt: number }
  | { k: 'end'; loop: number }
  | { k: 'selectfail' }
  | { k: 'leave'; name: string | null }
  | { k: 'iterate'; name: string | null }
  | { k: 'call'; name: string; quoted: boolean; args: (Expr | null)[] }
  | { k: 'callon'; cond: ConditionName; on: boolean; label: string }
  | { k: 'signal'; label: string }
  | { k: 'signalvalue'; e: Expr }
  | { k: 'signalon'; cond: ConditionName; on: boolean; label: string }
  | { k: 'return'; e: Expr | null }
  | { k: 'exit'; e: Expr | null }
  | { k: 'parse'; upper: boolean; source: ParseSource; templates: Template[] }
  | { k: 'push'; e: Expr | null }
  | { k: 'queue'; e: Expr | null }
  | { k: 'procedure'; expose: ExposeItem[] }
  | { k: 'drop'; items: ExposeItem[] }
  | { k: 'interpret'; e: Expr }
  | { k: 'numeric'; what: 'DIGITS' | 'FUZZ' | 'FORM'; e: Expr | null; form?: 'SCIENTIFIC' | 'ENGINEERING' }
  | { k: 'address'; env: string | null; e: Expr | null; value: Expr | null }
  | { k: 'trace'; setting: string | null; e: Expr | null }
  | { k: 'upper'; targets: Target[] };

/** One clause: an instruction with its place in the source. */
export type Clause = Instruction & {
  line: number;
  start: number;
  end: number;
  /** Hidden clauses (the jumps the compiler adds) are never traced. */
  hidden?: boolean;
};

export interface Program {
  /** Display name for messages ("FOO EXEC", or the host file name). */
  name: string;
  source: string;
  lines: string[];
  code: Clause[];
  /** Label name -> index of its clause (the first definition wins). */
  labels: Map<string, number>;
}
