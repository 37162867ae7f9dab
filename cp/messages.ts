// Every CP message text in one table, each with the confidence of its
// wording (../shared/reference/cp.md): 'obs' seen in a real VM/370 data
// stream, 'doc' from an IBM R6 manual, '~' reconstructed: correct the '~'
// rows here when a better source turns up, and nowhere else.
//
// Ids are DMKmmmnnnS: module, number, severity. The number (not the module)
// is what DIAGNOSE X'08' returns as the CP return code. `{0}`, `{1}`... are
// replaced by the arguments.

export type Confidence = 'obs' | 'doc' | '~';

export interface CpMessage {
  readonly id: string;
  readonly text: string;
  readonly confidence: Confidence;
}

const m = (id: string, text: string, confidence: Confidence): CpMessage => ({ id, text, confidence });

export const CP_MESSAGES = {
  unknownCommand: m('DMKCFC001E', '?CP: {0}', 'obs'),
  invalidOperand: m('DMKCFC002E', 'INVALID OPERAND - {0}', '~'),
  invalidOption: m('DMKCFC003E', 'INVALID OPTION - {0}', '~'),
  invalidHexData: m('DMKCFC004E', 'INVALID HEXLOC - {0}', '~'),
  invalidRegister: m('DMKCFC006E', 'INVALID REGISTER - {0}', '~'),
  useridMissing: m('DMKCFC020E', 'USERID MISSING OR INVALID', '~'),
  vaddrMissing: m('DMKCFC022E', 'VADDR MISSING OR INVALID', '~'),
  operandMissing: m('DMKCFC026E', 'OPERAND MISSING OR INVALID', '~'),
  classMissing: m('DMKCSP028E', 'CLASS MISSING OR INVALID', '~'),
  spoolidMissing: m('DMKCSP030E', 'SPOOLID MISSING OR INVALID', '~'),
  deviceDoesNotExist: m('DMKCFC040E', 'DEV {0} DOES NOT EXIST', '~'),
  notLoggedOn: m('DMKCQG045E', '{0} NOT LOGGED ON', 'obs'),
  notReceiving: m('DMKMSG057W', '{0} NOT RECEIVING; {1}', '~'),
  passwordIncorrect: m('DMKLOG050E', 'PASSWORD INCORRECT - REENTER', '~'),
  notInDirectory: m('DMKLOG053E', '{0} NOT IN CP DIRECTORY', '~'),
  alreadyLoggedOn: m('DMKLOG054E', 'ALREADY LOGGED ON {0}', '~'),
  notValidBeforeLogon: m('DMKCFC001E', '?CP: {0}', 'obs'),
  noPrivilege: m('DMKCFC001E', '?CP: {0}', '~'),
  storageExceedsMaximum: m('DMKDEF094E', 'STORAGE EXCEEDS ALLOWED MAXIMUM', '~'),
  notRunnable: m('DMKDSP450W', 'CP ENTERED; VIRTUAL MACHINE NOT IN RUNNABLE STATE', '~'),
  shutdownComplete: m('DMKCKP961W', 'SYSTEM SHUTDOWN COMPLETE', 'obs'),
} as const satisfies Record<string, CpMessage>;

export type CpMessageKey = keyof typeof CP_MESSAGES;

/** SET EMSG: ON id and text, TEXT text only, CODE id only, OFF nothing. */
export type EmsgSetting = 'ON' | 'TEXT' | 'CODE' | 'OFF';

/** The message number CP returns as the DIAGNOSE X'08' return code (e.g. 45 for DMKCQG045E). */
export function messageNumber(key: CpMessageKey): number {
  return Number(CP_MESSAGES[key].id.slice(6, 9));
}

/** Format a message as the user sees it under their SET EMSG setting; undefined when suppressed. */
export function formatCpMessage(
  key: CpMessageKey,
  args: readonly string[],
  emsg: EmsgSetting = 'ON',
): string | undefined {
  const msg = CP_MESSAGES[key];
  const text = msg.text.replace(/\{(\d)\}/g, (_all, n: string) => args[Number(n)] ?? '');
  switch (emsg) {
    case 'ON':
      return `${msg.id} ${text}`;
    case 'TEXT':
      return text;
    case 'CODE':
      return msg.id;
    case 'OFF':
      return undefined;
  }
}
