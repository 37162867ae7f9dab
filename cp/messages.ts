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
  alreadyLoggedOn: m('DMKLOG054E', 'ALREADY LOGGED ON', '~'),
  notValidBeforeLogon: m('DMKCFC001E', '?CP: {0}', 'obs'),
  noPrivilege: m('DMKCFC001E', '?CP: {0}', '~'),
  storageExceedsMaximum: m('DMKDEF094E', 'STORAGE EXCEEDS ALLOWED MAXIMUM', '~'),
  notRunnable: m('DMKDSP450W', 'CP ENTERED; VIRTUAL MACHINE NOT IN RUNNABLE STATE', '~'),
  shutdownComplete: m('DMKCKP961W', 'SYSTEM SHUTDOWN COMPLETE', 'obs'),
  disabledWait: m('DMKDSP450W', "CP ENTERED; DISABLED WAIT PSW '{0}'", 'obs'),
  checkStop: m('DMKDSP451W', 'CP ENTERED; VIRTUAL MACHINE CHECK-STOPPED: {0}', '~'),
  noSuchSystem: m('DMKCFG044E', 'SYSTEM {0} DOES NOT EXIST', '~'),
  iplFailed: m('DMKCFG050E', 'IPL FAILED; CSW {0}', '~'),
  addressExceedsStorage: m('DMKCDS160E', 'HEXLOC {0} EXCEEDS STORAGE', '~'),
  // LINK, DETACH, DEFINE (DMKLNK, DMKDTA, DMKDEF; cp.md 4.3).
  forcedRoByWriter: m('DMKLNK101W', 'DASD {0} FORCED R/O; R/W BY {1}', '~'),
  forcedRoByReaders: m('DMKLNK102W', 'DASD {0} FORCED R/O; R/O BY {1} USERS', '~'),
  notLinkedWriter: m('DMKLNK104E', '{0} {1} NOT LINKED; R/W BY {2}', '~'),
  notLinkedReaders: m('DMKLNK105E', '{0} {1} NOT LINKED; R/O BY {2} USERS', '~'),
  notLinkedNoDisk: m('DMKLNK107E', '{0} {1} NOT LINKED; NOT IN CP DIRECTORY', '~'),
  notLinkedNotMounted: m('DMKLNK108E', '{0} {1} NOT LINKED; VOLID {2} NOT MOUNTED', '~'),
  notLinkedAlreadyDefined: m('DMKLNK110E', '{0} {1} NOT LINKED; DASD {2} ALREADY DEFINED', 'doc'),
  notLinkedNoPassword: m('DMKLNK112E', '{0} {1} NOT LINKED; NO {2} PASSWORD', '~'),
  notLinkedPasswordIncorrect: m('DMKLNK113E', '{0} {1} NOT LINKED; PASSWORD INCORRECT', '~'),
  linkUserNotInDirectory: m('DMKLNK053E', '{0} NOT IN CP DIRECTORY', '~'),
  invalidLinkMode: m('DMKLNK002E', 'INVALID OPERAND - {0}', '~'),
  dasdNotDetached: m('DMKDTA040E', 'DEV {0} DOES NOT EXIST', '~'),
  deviceAlreadyDefined: m('DMKDEF092E', 'DEV {0} ALREADY DEFINED', '~'),
  tdiskSpaceNotAvailable: m('DMKDEF091E', 'DASD {0} NOT DEFINED; TEMP SPACE NOT AVAILABLE', '~'),
  // Spooling (DMKCSP, DMKCSO, DMKCSU; cp.md section 5).
  noSuchFile: m('DMKCSU042E', 'SPOOLID {0} DOES NOT EXIST', '~'),
  spoolFull: m('DMKCSO150E', 'SYSTEM SPOOL SPACE FULL; FILE {0} NOT CLOSED', '~'),
  spoolUserNotInDirectory: m('DMKCSP053E', '{0} NOT IN CP DIRECTORY', '~'),
  notSpoolDevice: m('DMKCSP040E', 'DEV {0} DOES NOT EXIST', '~'),
  invalidSpoolClass: m('DMKCSP028E', 'CLASS MISSING OR INVALID', '~'),
  // The system reader (socket reader, vmcms submit).
  deckNoIdCard: m('DMKRDR420E', 'NO ID CARD; DECK REJECTED', '~'),
  deckBadIdCard: m('DMKRDR421E', 'INVALID ID CARD; DECK REJECTED', '~'),
  deckUserNotInDirectory: m('DMKRDR053E', '{0} NOT IN CP DIRECTORY; DECK REJECTED', '~'),
  deckTooLarge: m('DMKRDR422E', 'DECK TOO LARGE; DECK REJECTED', '~'),
} as const satisfies Record<string, CpMessage>;

/**
 * CP's informational responses and console lines (not error messages): the
 * texts users and the operator see, with the same confidence tags.
 */
export const CP_RESPONSES = {
  enterPassword: m('', 'ENTER PASSWORD:', 'obs'),
  logonAt: m('', 'LOGON AT {0}', 'obs'),
  files: m('', 'FILES: {0} RDR, {1} PRT, {2} PUN', 'obs'),
  logoffAt: m('', 'LOGOFF AT {0}', 'obs'),
  logoffAtBySystem: m('', 'LOGOFF AT {0} BY SYSTEM', 'doc'),
  disconnectAt: m('', 'DISCONNECT AT {0}', '~'),
  reconnectedAt: m('', 'RECONNECTED AT {0}', '~'),
  accounting: m('', 'CONNECT= {0} VIRTCPU= {1} TOTCPU= {2}', 'obs'),
  logmsgHeader: m('', 'LOGMSG - {0}', '~'),
  timeIs: m('', 'TIME IS {0}', '~'),
  msgFrom: m('', '{0} MSG FROM {1}: {2}', 'doc'),
  wngFrom: m('', '{0} WNG FROM {1}: {2}', 'doc'),
  smsgFrom: m('', '{0} SMSG FROM {1}: {2}', '~'),
  shutdownWarning: m('', 'SYSTEM SHUTDOWN IN PROGRESS - LOGGING OFF', '~'),
  storageIs: m('', 'STORAGE = {0}', '~'),
  storageDefined: m('', 'STORAGE = {0}', '~'),
  noLogmsg: m('', 'NO LOGMSG', '~'),
  storeComplete: m('', 'STORE COMPLETE', '~'),
  systemReset: m('', 'SYSTEM RESET', '~'),
  storageCleared: m('', 'STORAGE CLEARED - SYSTEM RESET', '~'),
  noTrace: m('', 'NO TRACE ACTIVE', '~'),
  usersCount: m('', '{0} USERS, {1} DSC', '~'),
  cpLevel: m('', 'VM/370 RELEASE 6, VMCMS SERVICE LEVEL {0}', '~'),
  adstopAt: m('', 'ADSTOP AT {0}', '~'),
  commandComplete: m('', 'COMMAND COMPLETE', 'obs'),
  dasdDetached: m('', 'DASD {0} DETACHED', '~'),
  deviceDetached: m('', '{0} {1} DETACHED', '~'),
  dasdDefined: m('', 'DASD {0} DEFINED', '~'),
  enterLinkPassword: m('', 'ENTER {0} PASSWORD:', '~'),
  filesPurged: m('', '{0} FILES PURGED', '~'),
  filesTransferred: m('', '{0} FILES TRANSFERRED', '~'),
  filesChanged: m('', '{0} FILES CHANGED', '~'),
  fileOrdered: m('', '{0} FILE ORDERED', 'obs'),
  noSpoolFiles: m('', 'NO {0} FILES', '~'),
  filesSummary: m('', 'FILES: {0} RDR, {1} PRT, {2} PUN', '~'),
  // The operator's console (cp.md sections 1.2-1.4, 11).
  opLogon: m('', 'GRAF {0} LOGON  AS {1} USERS = {2}', 'obs'),
  opAutoLogon: m('', 'AUTO LOGON   ***   {0} USERS = {1}  BY  {2}', 'obs'),
  opLogoff: m('', 'GRAF {0} LOGOFF AS {1} USERS = {2}', 'doc'),
  opForced: m('', 'GRAF {0} LOGOFF AS {1} USERS = {2} FORCED', 'doc'),
  opDisconnect: m('', 'GRAF {0} DISCONNECT {1} USERS = {2}', '~'),
  opDscLogoff: m('', 'USER DSC LOGOFF AS {0} USERS = {1}', 'obs'),
  opReconnect: m('', 'GRAF {0} RECONNECT {1} USERS = {2}', '~'),
  opShutdown: m('', 'SYSTEM SHUTDOWN STARTED BY {0}', '~'),
} as const satisfies Record<string, CpMessage>;

export type CpResponseKey = keyof typeof CP_RESPONSES;

/** An informational response with its arguments filled in. */
export function cpResponse(key: CpResponseKey, ...args: readonly string[]): string {
  return CP_RESPONSES[key].text.replace(/\{(\d)\}/g, (_all, n: string) => args[Number(n)] ?? '');
}

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
