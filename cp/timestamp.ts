// CP's time stamps: `hh:mm:ss ZZZ WEEKDAY mm/dd/yy` everywhere (LOGON AT,
// LOGOFF AT, Q TIME), with the three-letter zone set at system generation
// (../shared/reference/cp.md section 1.4, observed on VM/370). Durations in
// the accounting line are `hh:mm:ss` (CONNECT=) and `mmm:ss.hh` (VIRTCPU=).

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

const two = (n: number): string => String(n).padStart(2, '0');

/** The system's time zone: a three-letter name and its offset from UTC in minutes. */
export interface TimeZone {
  readonly name: string;
  readonly offsetMinutes: number;
}

export const UTC: TimeZone = { name: 'GMT', offsetMinutes: 0 };

function shifted(date: Date, zone: TimeZone): Date {
  return new Date(date.getTime() + zone.offsetMinutes * 60_000);
}

/** `21:48:25` */
export function formatTime(date: Date, zone: TimeZone = UTC): string {
  const d = shifted(date, zone);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** `08/17/26` */
export function formatDate(date: Date, zone: TimeZone = UTC): string {
  const d = shifted(date, zone);
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)}`;
}

/** `21:48:25 GMT MONDAY 08/17/26` */
export function formatTimestamp(date: Date, zone: TimeZone = UTC): string {
  const d = shifted(date, zone);
  return `${formatTime(date, zone)} ${zone.name} ${WEEKDAYS[d.getUTCDay()]} ${formatDate(date, zone)}`;
}

/** Connect time `hh:mm:ss` from milliseconds. */
export function formatConnectTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** CPU time `mmm:ss.hh` (minutes, seconds, hundredths) from microseconds. */
export function formatCpuTime(us: number): string {
  const hundredths = Math.floor(us / 10_000);
  const minutes = Math.floor(hundredths / 6000);
  const seconds = Math.floor(hundredths / 100) % 60;
  return `${String(minutes).padStart(3, '0')}:${two(seconds)}.${two(hundredths % 100)}`;
}
