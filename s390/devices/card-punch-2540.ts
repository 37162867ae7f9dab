// IBM 2540 card read punch, punch side (2540P). WRITE (X'01', with
// stacker-select bits 0-1) punches one card: up to 80 bytes from the
// channel, the rest of the card left blank. IBM 2540 Component Description
// (GA21-9033). The punched card goes to the owner's sink as an 80-byte
// EBCDIC image.

import {
  NORMAL_END,
  commandReject,
  senseCommand,
  type CommandResult,
  type DataTransfer,
  type Device,
} from '../device.js';
import { CARD_LENGTH } from './card-reader-2540.js';

export class CardPunch2540 implements Device {
  readonly type = '2540P';
  private readonly sense = new Uint8Array(1);

  constructor(private readonly punch: (card: Uint8Array) => void) {}

  reset(): void {
    this.sense.fill(0);
  }

  execute(command: number, data: DataTransfer): CommandResult {
    if ((command & 0x3f) === 0x01) return this.write(data);
    switch (command) {
      case 0x03: // control no-operation
        return NORMAL_END;
      case 0x04:
        return senseCommand(this.sense, data);
      default:
        return commandReject(this.sense);
    }
  }

  // 01  WRITE (punch one card)
  private write(data: DataTransfer): CommandResult {
    const card = new Uint8Array(CARD_LENGTH).fill(0x40);
    card.set(data.fetch(CARD_LENGTH));
    this.punch(card);
    return NORMAL_END;
  }
}
