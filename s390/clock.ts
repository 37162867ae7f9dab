// The one place in s390/ that reads host time. The TOD clock of a machine
// starts from a TodSource and then advances with the machine's own time (see
// s390/timers.ts); an owner may move it forward to the host's time when the
// machine has been idle in real time. Tests replace the source with a fixed
// value, so every clock reading in a test is deterministic.
//
// TOD-clock format (PoO "Control", topic "Time-of-Day Clock"): a 64-bit
// binary counter, bit 51 = 1 microsecond, zero at 1900-01-01 00:00 UTC.

export interface TodSource {
  /** The current host time as a TOD-clock value. */
  now(): bigint;
}

/** Seconds from 1900-01-01 to 1970-01-01 (70 years, 17 of them leap years). */
const UNIX_EPOCH_SECONDS = 2208988800n;

/** Microseconds to TOD-clock units (bit 51 = 1 us, so 4096 units a microsecond). */
export const TOD_UNITS_PER_MICROSECOND = 4096n;

/** Host wall-clock time as a TOD value. */
export const hostTodSource: TodSource = {
  now(): bigint {
    const micros = BigInt(Date.now()) * 1000n + UNIX_EPOCH_SECONDS * 1_000_000n;
    return micros * TOD_UNITS_PER_MICROSECOND;
  },
};

/** A clock that always says the same time: for tests. */
export class FixedTodSource implements TodSource {
  constructor(public tod: bigint = 0n) {}
  now(): bigint {
    return this.tod;
  }
}
