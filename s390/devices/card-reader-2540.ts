// IBM 2540 card read punch, reader side (2540R), and the IBM 3505 card
// reader, which answers the same commands. A deck is a list of 80-byte
// EBCDIC card images. IBM 2540 Component Description (GA21-9033) and 3505
// Component Description (GA21-9124): READ (X'02', with stacker-select bits
// 0-1) moves one card image; SENSE returns one byte.
//
// The end of the deck: with the end-of-file key pressed (the `eof` option,
// on by default) the READ after the last card ends with unit exception and
// no data; without it, the reader is not ready and READ is rejected with
// unit check, intervention required. Either way, SENSE shows intervention
// required (sense byte 0 bit 1) while the hopper is empty.

import { UnitStatus } from '../ccw.js';
import {
  NORMAL_END,
  Sense0,
  commandReject,
  senseCommand,
  type CommandResult,
  type DataTransfer,
  type Device,
  type DevicePort,
} from '../device.js';
import { toEbcdicPadded } from '../ebcdic.js';

export const CARD_LENGTH = 80;

export interface CardReaderOptions {
  /** IBM type reported: '2540R' (default) or '3505'. */
  readonly type?: string;
  /** End-of-file key pressed: unit exception after the last card (default true). */
  readonly eof?: boolean;
}

/** A text deck as card images: one card per line, translated to EBCDIC, padded with blanks (longer lines are cut at 80). */
export function textDeck(text: string): Uint8Array[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => toEbcdicPadded(line, CARD_LENGTH));
}

/** An EBCDIC deck: consecutive 80-byte card images (a short last card is padded with EBCDIC blanks). */
export function ebcdicDeck(bytes: Uint8Array): Uint8Array[] {
  const cards: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += CARD_LENGTH) {
    const card = new Uint8Array(CARD_LENGTH).fill(0x40);
    card.set(bytes.subarray(i, Math.min(i + CARD_LENGTH, bytes.length)));
    cards.push(card);
  }
  return cards;
}

export class CardReader2540 implements Device {
  readonly type: string;
  private readonly hopper: Uint8Array[] = [];
  private readonly eof: boolean;
  private readonly sense = new Uint8Array(1);
  private port: DevicePort | null = null;

  constructor(deck: Uint8Array[] = [], options: CardReaderOptions = {}) {
    this.type = options.type ?? '2540R';
    this.eof = options.eof ?? true;
    this.hopper.push(...deck);
  }

  /** Cards still in the hopper. */
  get cardsLeft(): number {
    return this.hopper.length;
  }

  /** The operator loads more cards; a reader that was empty becomes ready and signals device end. */
  load(deck: Uint8Array[]): void {
    const wasEmpty = this.hopper.length === 0;
    this.hopper.push(...deck);
    if (wasEmpty && deck.length > 0) this.port?.presentStatus(UnitStatus.DeviceEnd);
  }

  attach(port: DevicePort): void {
    this.port = port;
  }

  reset(): void {
    this.sense.fill(0);
  }

  execute(command: number, data: DataTransfer): CommandResult {
    if ((command & 0x3f) === 0x02) return this.read(data);
    switch (command) {
      case 0x03: // control no-operation
        return NORMAL_END;
      case 0x04:
        if (this.hopper.length === 0) this.sense[0] |= Sense0.InterventionRequired;
        return senseCommand(this.sense, data);
      default:
        return commandReject(this.sense);
    }
  }

  // 02  READ (bits 0-1 select the stacker, which a file has no use for)
  private read(data: DataTransfer): CommandResult {
    const card = this.hopper.shift();
    if (card === undefined) {
      if (this.eof) return { status: UnitStatus.ChannelEnd | UnitStatus.DeviceEnd | UnitStatus.UnitException };
      this.sense.fill(0);
      this.sense[0] = Sense0.InterventionRequired;
      return { status: UnitStatus.UnitCheck };
    }
    data.store(card);
    return NORMAL_END;
  }
}
