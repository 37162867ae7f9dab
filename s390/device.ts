// The Device interface: what the channel (s390/channel.ts) sees of an I/O
// device. A device carries out ONE command at a time and reports unit
// status; it never walks a CCW chain, and the channel never knows what a
// card or a print line is. Data moves through a DataTransfer the channel
// hands over with each command: the device pulls output bytes or pushes
// input bytes, and the channel follows data chaining, SKIP, storage keys and
// counts behind it, so the residual count and incorrect length are worked
// out by the channel from what the device took or offered.

import { UnitStatus } from './ccw.js';

/** What a device reports at the end of one command. */
export interface CommandResult {
  /** Unit status: usually channel end + device end, with unit check or unit exception when something is wrong. */
  readonly status: number;
  /**
   * The device wanted to transfer more data than the channel program's
   * count allowed (an output device still asking for bytes): incorrect
   * length unless SLI. Input that did not fit is noticed by the channel.
   */
  readonly incorrectLength?: boolean;
}

/** The channel side of one command's data transfer. */
export interface DataTransfer {
  /** True when the command was reached by command chaining from a previous CCW. */
  readonly chained: boolean;
  /** Command code of the previous command in this chain, or -1 for the first. */
  readonly previousCommand: number;
  /**
   * Output (write, control): take up to `max` bytes from the channel
   * program. Fewer come back when the count (over data-chained CCWs) runs
   * out or a program or protection check stops the transfer.
   */
  fetch(max: number): Uint8Array;
  /**
   * Input (read, sense): give bytes to the channel program; returns how many
   * it accepted. Offering more than the count leaves "more data": incorrect
   * length unless SLI.
   */
  store(bytes: Uint8Array): number;
}

/** What the channel gives a device when it is attached. */
export interface DevicePort {
  /** Present status the device raises on its own (attention; device end after becoming ready). */
  presentStatus(unitStatus: number): void;
}

export interface Device {
  /** IBM machine type, e.g. '1403', '3505'. */
  readonly type: string;
  /**
   * Carry out one command. Return the result, or undefined when the device
   * must wait for outside input (a console read waiting for a line): it then
   * calls `complete` exactly once, later, and may use `data` until then.
   */
  execute(command: number, data: DataTransfer, complete: (result: CommandResult) => void): CommandResult | undefined;
  /** Stop an operation that is waiting (HALT I/O, HALT DEVICE, CLEAR I/O); `complete` is then never called. */
  halt?(): void;
  /** Called once when the device is attached to a channel, to present unsolicited status. */
  attach?(port: DevicePort): void;
  /** System reset: drop any operation in progress and reset sense. */
  reset?(): void;
}

/** Normal ending status: channel end and device end together. */
export const NORMAL_END: CommandResult = { status: UnitStatus.ChannelEnd | UnitStatus.DeviceEnd };

/** Sense byte 0 bits common to unit-record devices (the 2540, 1403, 3215 and 3370 manuals). */
export const Sense0 = {
  CommandReject: 0x80,
  InterventionRequired: 0x40,
  BusOutCheck: 0x20,
  EquipmentCheck: 0x10,
  DataCheck: 0x08,
  Overrun: 0x04,
} as const;

/** The SENSE command (X'04'): give the sense bytes to the channel, then reset them. */
export function senseCommand(sense: Uint8Array, data: DataTransfer): CommandResult {
  data.store(sense.slice());
  sense.fill(0);
  return NORMAL_END;
}

/** A command the device does not have: unit check with command reject in sense byte 0. */
export function commandReject(sense: Uint8Array): CommandResult {
  sense.fill(0);
  sense[0] = Sense0.CommandReject;
  // The device rejects the command in its initial status: unit check alone,
  // without channel end or device end (as the reference emulator reports it).
  return { status: UnitStatus.UnitCheck };
}

/**
 * SENSE ID (X'E4'): X'FF', control-unit type and model, device type and
 * model, as the devices' component descriptions define the 7-byte reply.
 */
export function senseIdCommand(
  controlUnit: number,
  controlUnitModel: number,
  deviceType: number,
  deviceModel: number,
  data: DataTransfer,
): CommandResult {
  data.store(
    Uint8Array.of(
      0xff,
      (controlUnit >>> 8) & 0xff,
      controlUnit & 0xff,
      controlUnitModel,
      (deviceType >>> 8) & 0xff,
      deviceType & 0xff,
      deviceModel,
    ),
  );
  return NORMAL_END;
}
