/**
 * Waiting time in business hours (待ち時間) and 返信遅れ: only the shop's open hours count, in JST,
 * on its open weekdays, skipping Japan's public holidays (from @holiday-jp/holiday_jp) when the shop
 * closes on them, and its own closed dates.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import type { BusinessHours } from '../../shared/api.ts';

const JST_OFFSET_MS = 9 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** a wait longer than this many calendar days is counted up to here (a forgotten thread, not a budget) */
const MAX_DAYS = 3 * 366;

const PUBLIC_HOLIDAYS = holidayJp.holidays as Record<string, unknown>;

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/** "YYYY-MM-DD" of a JST calendar day given as ms since the epoch at its JST midnight (as UTC). */
function dayKey(jstMidnight: number): string {
  return new Date(jstMidnight).toISOString().slice(0, 10);
}

export function isOpenDay(hours: BusinessHours, jstMidnight: number): boolean {
  const weekday = new Date(jstMidnight).getUTCDay();
  if (!hours.days.includes(weekday)) return false;
  const key = dayKey(jstMidnight);
  if (hours.publicHolidays && Object.hasOwn(PUBLIC_HOLIDAYS, key)) return false;
  return !hours.holidays.includes(key);
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(hours: BusinessHours, from: Date, to: Date): number {
  const start = from.getTime() + JST_OFFSET_MS;
  const end = to.getTime() + JST_OFFSET_MS;
  if (!(end > start)) return 0;
  const open = minutesOf(hours.start) * 60_000;
  const close = minutesOf(hours.end) * 60_000;
  let total = 0;
  let day = Math.floor(start / DAY_MS) * DAY_MS;
  const last = Math.floor(end / DAY_MS) * DAY_MS;
  for (let n = 0; day <= last && n <= MAX_DAYS; day += DAY_MS, n++) {
    if (!isOpenDay(hours, day)) continue;
    const a = Math.max(start, day + open);
    const b = Math.min(end, day + close);
    if (b > a) total += b - a;
  }
  return Math.floor(total / 60_000);
}

/** One business day, in minutes (the threshold's unit). */
export function businessDayMinutes(hours: BusinessHours): number {
  return Math.max(1, minutesOf(hours.end) - minutesOf(hours.start));
}

export interface Waiting {
  waitingMinutes: number | null;
  overdue: boolean;
}

/** 待ち時間 and 返信遅れ of an inquiry waiting since `since` (null: not waiting). */
export function waitingOf(hours: BusinessHours, since: string | null, now: Date): Waiting {
  if (!since) return { waitingMinutes: null, overdue: false };
  const minutes = businessMinutesBetween(hours, new Date(since), now);
  return { waitingMinutes: minutes, overdue: minutes >= hours.overdueAfterDays * businessDayMinutes(hours) };
}
