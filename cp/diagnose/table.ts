// The DIAGNOSE table: one handler per code (docs/diagnose.md). Issue 9 adds
// X'58' (3270 display) as one more row. Codes X'0100'-X'01FC' are the native
// routines of the guest (s390/guest.ts) and are looked up per virtual
// machine, not here.

import { storeExtendedIdentification } from './identification.js';
import { consoleFunction } from './console-function.js';
import { pseudoTimer } from './pseudo-timer.js';
import { deviceType } from './device-type.js';
import { errorMessageEditing } from './message-editing.js';
import { virtualStorageSize, namedSegments } from './storage.js';
import { readerSpool } from './reader-spool.js';
import { blockIo } from './block-io.js';
import { generalIo } from './general-io.js';
import { display3270 } from './display.js';
import type { DiagnoseHandler } from './types.js';

export const DIAGNOSE_TABLE: ReadonlyMap<number, DiagnoseHandler> = new Map<number, DiagnoseHandler>([
  [0x00, storeExtendedIdentification],
  [0x08, consoleFunction],
  [0x0c, pseudoTimer],
  [0x14, readerSpool],
  [0x20, generalIo],
  [0x24, deviceType],
  [0x58, display3270],
  [0x5c, errorMessageEditing],
  [0x60, virtualStorageSize],
  [0x64, namedSegments],
  [0x250, blockIo],
]);
