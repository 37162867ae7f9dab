// The 3270 as CP's line-mode console (../shared/reference/cp.md section 8.1,
// from VM/370 DMKGRF): 24 x 80, buffer addresses 0-1919.
//
//   rows 1-22   output area        0-1758   protected; governed by the status
//                                             attribute at 1899, which wraps
//   row 22/80   input attribute    1759     unprotected (X'4D' non-display for passwords)
//   rows 23-24  input area         1760-1898 (139 positions)
//   row 24/60   status attribute   1899     protected
//   row 24/61   status text        1900-1919: CP READ, VM READ, RUNNING, MORE..., HOLDING, NOT ACCEPTED

export const COLS = 80;
export const OUTPUT_ROWS = 22;
export const INPUT_ATTRIBUTE = 1759;
export const INPUT_START = 1760;
export const INPUT_LENGTH = 139;
export const STATUS_ATTRIBUTE = 1899;
export const STATUS_START = 1900;
export const STATUS_LENGTH = 20;
export const SCREEN_SIZE = 1920;

/** The status area's words. */
export type ConsoleStatus = 'CP READ' | 'VM READ' | 'RUNNING' | 'MORE...' | 'HOLDING' | 'NOT ACCEPTED';

/** Where a row of the output area starts, and how many positions it has (row 22 ends at the input attribute). */
export function rowExtent(row: number): { start: number; length: number } {
  const start = row * COLS;
  return { start, length: row === OUTPUT_ROWS - 1 ? COLS - 1 : COLS };
}

/**
 * The logo screen CP paints on a new terminal ([obs] on VM/370 CE: row 1
 * `VM/370 Online`, a block-letter picture in rows 5-18 from column 18, an
 * identification line below it).
 */
export const LOGO_LINES: readonly string[] = [
  'VM/370 Online',
  '',
  '',
  '',
  '                 VV     VV  MM     MM        //  333333   777777777   000000',
  '                 VV     VV  MMM   MMM       //  33    33  77     77  00    00',
  '                 VV     VV  MMMM MMMM      //         33        77   00    00',
  '                 VV     VV  MM MMM MM     //         33        77    00    00',
  '                 VV     VV  MM  M  MM    //      33333        77     00    00',
  '                  VV   VV   MM     MM   //          33       77      00    00',
  '                   VV VV    MM     MM  //           33      77       00    00',
  '                    VVV     MM     MM //      33    33     77        00    00',
  '                     V      MM     MM//        333333     77          000000',
  '',
  '',
  '',
  '',
  '',
  '                 VMCMS  VIRTUAL MACHINE FACILITY/370  RELEASE 6 SIMULATION',
  '',
  '                 PRESS ENTER OR CLEAR TO BEGIN',
];
