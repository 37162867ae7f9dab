// Every DMS message CMS writes, in one table. Texts follow the style of the
// R6-based CMS in ../shared/reference/transcripts (mixed case, quoted
// fileids, trailing period: `DMSSTT002E File 'NOSUCH FILE A' not found.`),
// which is also how VM/SP CMS reads. Tags: `seen` = text seen on IBM's CMS
// in the transcripts; `ref` = number and meaning from cms.md (R6 manuals),
// wording adapted to that style; `guess` = number or wording not verified
// ([unverified] in cms.md, or chosen by vmcms). The module part of the id
// (STT, ERS, ...) is given per use, since the same number is shared by many
// modules (DMSSTT002E, DMSERS002E, ...).
//
// A message is written through DIAGNOSE X'5C' so that CP SET EMSG decides
// whether the id, the text or both show (cms/nucleus/session.ts).

export type Confidence = 'seen' | 'ref' | 'guess';

export interface MessageDef {
  readonly severity: 'I' | 'W' | 'E' | 'S' | 'T' | 'R';
  readonly text: string;
  readonly confidence: Confidence;
}

/** Texts by number; `{0}`, `{1}`... are replaced by the arguments. */
export const MESSAGES: Readonly<Record<string, MessageDef>> = {
  '001': { severity: 'E', text: 'No filename specified.', confidence: 'ref' },
  '002': { severity: 'E', text: "File '{0}' not found.", confidence: 'seen' },
  '002L': { severity: 'E', text: 'File not found.', confidence: 'ref' },
  '003': { severity: 'E', text: "Invalid option '{0}'.", confidence: 'ref' },
  '005': { severity: 'E', text: "No '{0}' specified.", confidence: 'ref' },
  '007': { severity: 'E', text: "File '{0}' is not fixed, 80 char. records.", confidence: 'guess' },
  '014': { severity: 'E', text: "Invalid function '{0}'.", confidence: 'ref' },
  '017': { severity: 'E', text: "Invalid device address '{0}'.", confidence: 'ref' },
  '019': { severity: 'E', text: 'Identical fileids.', confidence: 'ref' },
  '024': { severity: 'E', text: "File '{0}' already exists.", confidence: 'ref' },
  '028': { severity: 'E', text: 'No device specified.', confidence: 'ref' },
  '029': { severity: 'E', text: "Invalid parameter '{0}' in the option '{1}' field.", confidence: 'guess' },
  '037': { severity: 'E', text: "Disk '{0}' is read/only.", confidence: 'ref' },
  '047': { severity: 'E', text: 'No function specified.', confidence: 'ref' },
  '048': { severity: 'E', text: "Invalid mode '{0}'.", confidence: 'ref' },
  '054': { severity: 'E', text: 'Incomplete fileid specified.', confidence: 'ref' },
  '055': { severity: 'E', text: 'No entry point defined.', confidence: 'ref' },
  '062': { severity: 'E', text: "Invalid character '{0}' in fileid '{1}'.", confidence: 'ref' },
  '065': { severity: 'E', text: "'{0}' option specified twice.", confidence: 'ref' },
  '066': { severity: 'E', text: "'{0}' and '{1}' are conflicting options.", confidence: 'ref' },
  '069': { severity: 'E', text: "Disk '{0}' not accessed.", confidence: 'ref' },
  '070': { severity: 'E', text: "Invalid parameter '{0}'.", confidence: 'ref' },
  '072': { severity: 'E', text: 'Error in EXEC file {0}, line {1} - {2}', confidence: 'seen' },
  '104': { severity: 'S', text: "Error '{0}' reading file '{1}' from disk.", confidence: 'seen' },
  '105': { severity: 'S', text: "Error '{0}' writing file '{1}' on disk.", confidence: 'ref' },
  '109': { severity: 'S', text: 'Virtual storage capacity exceeded.', confidence: 'ref' },
  '112': { severity: 'S', text: "Disk '{0}' device error.", confidence: 'ref' },
  '113': { severity: 'S', text: '{0} not attached.', confidence: 'ref' },
  '141': { severity: 'T', text: '{0} exception occurred at {1} in routine {2}', confidence: 'guess' },
  '148': { severity: 'T', text: 'System abend {0} called from {1}', confidence: 'guess' },
  '201': { severity: 'W', text: 'THE FOLLOWING NAMES ARE UNDEFINED:', confidence: 'seen' },
  '209': { severity: 'W', text: 'Files do not compare.', confidence: 'guess' },
  '210': { severity: 'E', text: "Library '{0}' not found.", confidence: 'guess' },
  '211': { severity: 'E', text: 'Nothing to {0}.', confidence: 'guess' },
  '213': { severity: 'W', text: "Library '{0}' not created.", confidence: 'guess' },
  '221': { severity: 'E', text: "Invalid data in 'TEXT' file '{0}'.", confidence: 'guess' },
  '228': { severity: 'E', text: 'User not authorized to read file.', confidence: 'guess' },
  '230': { severity: 'E', text: 'Disk {0} is full.', confidence: 'guess' },
  '245': { severity: 'E', text: 'Error invoking {0} processor.', confidence: 'guess' },
  '420': { severity: 'E', text: "Invalid record number '{0}'.", confidence: 'guess' },
  '603': {
    severity: 'R',
    text: "FORMAT will erase all files on disk '{0}'. Do you wish to continue? (YES|NO):",
    confidence: 'ref',
  },
  '605': { severity: 'R', text: 'Enter disk label:', confidence: 'ref' },
  '601': { severity: 'R', text: 'Enter specification list:', confidence: 'ref' },
  '604': { severity: 'R', text: 'Enter sort fields:', confidence: 'guess' },
  '638': { severity: 'E', text: 'Unable to identify user {0}.', confidence: 'guess' },
  '701': { severity: 'I', text: 'Null file.', confidence: 'ref' },
  '705': { severity: 'I', text: 'Disk remains unchanged.', confidence: 'ref' },
  '721': { severity: 'I', text: "Copy '{0}' to '{1}' ({2})", confidence: 'ref' },
  '723': { severity: 'I', text: '{0} ({1}) R/O', confidence: 'ref' },
  '724': { severity: 'I', text: '{0} replaces {1} ({2})', confidence: 'ref' },
  '725': { severity: 'I', text: '{0} also = {1} disk', confidence: 'ref' },
  '726': { severity: 'I', text: '{0} {1} released', confidence: 'ref' },
  '732': { severity: 'I', text: "'{0}' blocks formatted on disk '{1}'", confidence: 'guess' },
  '733': { severity: 'I', text: "Formatting disk '{0}'", confidence: 'ref' },
  '738': { severity: 'I', text: "Record length is '{0}' bytes", confidence: 'ref' },
  '740': { severity: 'I', text: 'Execution begins...', confidence: 'ref' },
  '750': { severity: 'I', text: "Disk label for '{0}' is '{1}'", confidence: 'guess' },
  '763': { severity: 'I', text: 'File {0} {1} received from {2}', confidence: 'guess' },
};

/** Expand message `number` issued by module `module` (e.g. 'STT', '002'): the full `DMSSTT002E text` line. */
export function dmsMessage(module: string, number: string, ...args: (string | number)[]): string {
  const def = MESSAGES[number];
  if (!def) throw new Error(`no DMS message ${number}`);
  const text = def.text.replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
  return `DMS${module}${number.slice(0, 3)}${def.severity} ${text}`;
}

/** Lines CMS writes without a DMS id. */
export const PLAIN = {
  unknownCommand: 'Unknown CP/CMS command',
  unknownCmsCommand: 'Unknown CMS command',
  /** Written for HX, and for a null line at the command prompt (seen on R6, file 42/90). */
  cms: 'CMS',
} as const;

/** The version line shown at IPL: change it here (cms.md (a): installation-chosen, up to 32 bytes). */
export const VERSION_LINE = 'VM/SP CMS - vmcms 0.1.0';
