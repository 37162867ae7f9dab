// Where CMS keeps things in the virtual machine's storage. The nucleus owns
// everything below X'20000' (storage key 0); user programs are loaded at
// X'20000' and run with PSW key X'E', so a program that stores into the
// nucleus gets a protection exception instead of damaging CMS (VM/370 CMS
// User's Guide, "CMS Virtual Storage Usage": the user area begins at
// X'20000').

/** Native-call slots: one `DIAG 0,0,code` (4 bytes) each, reached by the new PSWs and by the nucleus itself. */
export const enum Slot {
  Svc = 0x200,
  Program = 0x204,
  Io = 0x208,
  External = 0x20c,
  /** Where the nucleus resumes its own work between slices. */
  Resume = 0x210,
  /** R14 of a user program: BR 14 returns to CMS here. */
  ProgramReturn = 0x214,
  MachineCheck = 0x218,
  /** The QSAM GET and PUT routines OPEN puts in a DCB (cms/os/qsam.ts). */
  OsGet = 0x21c,
  OsPut = 0x220,
}

/** Console channel program: up to 64 CCWs. */
export const CONSOLE_CCWS = 0x400;
export const CONSOLE_MAX_CCWS = 64;
/** Console read buffer (one line). */
export const CONSOLE_READ = 0x600;
export const CONSOLE_READ_LENGTH = 255;
/** DIAGNOSE X'250' I/O parameter list. */
export const BLOCK_IOPL = 0x800;
/** DIAGNOSE X'08' command text. */
export const CP_COMMAND = 0x840;
/** DIAGNOSE X'00', X'0C' and X'14' parameter areas. */
export const DIAG_AREA = 0x980;
export const SPOOL_PLIST = 0x9c0;
/** DIAGNOSE X'58' CCW (full-screen I/O; the data go through IO_BUFFER, synchronously). */
export const DISPLAY_CCW = 0x9b0;
/** Unit-record channel programs (punch, printer). */
export const UR_CCWS = 0xa00;
/** DIAGNOSE X'08' response buffer. */
export const CP_RESPONSE = 0x1000;
export const CP_RESPONSE_LENGTH = 8192;
/** Console output data. */
export const CONSOLE_DATA = 0x3000;
export const CONSOLE_DATA_LENGTH = 0x5000;
/** Block I/O transfer buffer (DIAGNOSE X'250'), also the unit-record data buffer. */
export const IO_BUFFER = 0x8000;
export const IO_BUFFER_LENGTH = 0x8000;
/** Save areas, START parameter lists and FST copies handed to programs (key X'E'). */
export const PROGRAM_AREA = 0x10000;
export const START_PLIST = 0x10000;
export const SAVE_AREA = 0x10400;
export const FST_COPY = 0x10800;
/** The user area: LOAD's default origin. */
export const USER_AREA = 0x20000;
/** The storage key of the user area and of user programs' PSW. */
export const USER_KEY = 0xe;
