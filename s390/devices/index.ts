// Device models by IBM type, for whoever assembles a machine (the
// bare-metal runner's --device ADDR=TYPE,FILE). The only place in s390/
// that opens host files for devices; the models themselves take sinks and
// block stores.

import * as fs from 'node:fs';
import type { Device } from '../device.js';
import { CardPunch2540 } from './card-punch-2540.js';
import { CardReader2540, ebcdicDeck, textDeck } from './card-reader-2540.js';
import { Console3215, type ConsoleLine } from './console-3215.js';
import { FBA_BLOCK_SIZE, FbaDisk3370, type BlockStore } from './fba-disk-3370.js';
import { Printer1403 } from './printer-1403.js';
import { fromEbcdic } from '../ebcdic.js';

export { CardPunch2540 } from './card-punch-2540.js';
export { CardReader2540, ebcdicDeck, textDeck } from './card-reader-2540.js';
export { Console3215, type ConsoleLine } from './console-3215.js';
export { FbaDisk3370, memoryBlockStore, type BlockStore } from './fba-disk-3370.js';
export { Printer1403, type CarriageTape } from './printer-1403.js';

export interface DeviceIo {
  /** The operator's line for a 3215 console. */
  readonly console?: ConsoleLine;
  /** Card decks: 'text' (one card per line), 'ebcdic' (80-byte images) or 'auto' (default). */
  readonly deckFormat?: 'text' | 'ebcdic' | 'auto';
  /** Card reader: unit exception after the last card (default true). */
  readonly eof?: boolean;
}

/** The types createDevice knows. */
export const DEVICE_TYPES = ['1403', '3505', '2540R', '2540P', '3215', '3370'] as const;

/**
 * A device model for a type spec: '1403' (FILE receives the printed text),
 * '3505' or '2540R' (FILE is the deck), '2540P' (FILE receives one text
 * line per card), '3215' (io.console), '3370' (FILE is the disk image, a
 * whole number of 512-byte blocks).
 */
export function createDevice(type: string, file?: string, io: DeviceIo = {}): Device {
  switch (type.toUpperCase()) {
    case '1403':
      return new Printer1403(textFileSink(type, file));
    case '3505':
    case '2540R': {
      const deck = fs.readFileSync(needFile(type, file));
      const format = io.deckFormat ?? 'auto';
      const ebcdic = format === 'ebcdic' || (format === 'auto' && looksLikeEbcdicDeck(deck));
      return new CardReader2540(ebcdic ? ebcdicDeck(deck) : textDeck(deck.toString('latin1')), {
        type: type.toUpperCase(),
        eof: io.eof,
      });
    }
    case '2540P': {
      const sink = textFileSink(type, file);
      return new CardPunch2540((card) => sink(fromEbcdic(card).trimEnd() + '\n'));
    }
    case '3215':
      if (!io.console) throw new Error('a 3215 console needs a console line to talk to');
      return new Console3215(io.console);
    case '3370':
      return new FbaDisk3370(fileBlockStore(needFile(type, file)));
    default:
      throw new Error(`unknown device type '${type}': known types are ${DEVICE_TYPES.join(', ')}`);
  }
}

function needFile(type: string, file: string | undefined): string {
  if (!file) throw new Error(`a ${type} needs a file: TYPE,FILE`);
  return file;
}

/** Output written to a file created (or emptied) now. */
function textFileSink(type: string, file: string | undefined): (text: string) => void {
  const fd = fs.openSync(needFile(type, file), 'w');
  return (text) => {
    if (text.length > 0) fs.writeSync(fd, Buffer.from(text, 'latin1'));
  };
}

/** A deck of whole 80-byte cards without line ends is taken as EBCDIC card images. */
function looksLikeEbcdicDeck(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes.length % 80 === 0 && !bytes.includes(0x0a);
}

function fileBlockStore(file: string): BlockStore {
  const size = fs.statSync(file).size;
  if (size === 0 || size % FBA_BLOCK_SIZE !== 0) {
    throw new Error(`${file}: an FBA image must be a whole number of ${FBA_BLOCK_SIZE}-byte blocks`);
  }
  const fd = fs.openSync(file, 'r+');
  return {
    blockCount: size / FBA_BLOCK_SIZE,
    read: (block, into) => {
      fs.readSync(fd, into, 0, FBA_BLOCK_SIZE, block * FBA_BLOCK_SIZE);
    },
    write: (block, from) => {
      fs.writeSync(fd, from, 0, FBA_BLOCK_SIZE, block * FBA_BLOCK_SIZE);
    },
  };
}
