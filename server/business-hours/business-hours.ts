/**
 * Waiting time in business hours (待ち時間) and 返信遅れ: only the shop's open hours count, in JST,
 * on its open weekdays, skipping Japan's public holidays (from @holiday-jp/holiday_jp) when the shop
 * closes on them, and its own closed dates.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import type { BusinessHours } from '../../shared/api.ts';

const JST_OFFSET_MS = 9 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** Japan's public holidays as day numbers (days since 1970-01-01). */
const PUBLIC_HOLIDAY_DAYS = new Set(Object.keys(holidayJp.holidays as Record<string, unknown>).map((key) => Date.parse(`${key}T00:00:00Z`) / DAY_MS));

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/** A JST calendar day as its number of days since 1970-01-01. */
function dayNumber(jstMs: number): number {
  return Math.floor(jstMs / DAY_MS);
}

// Open days are counted through a prefix sum per business-hours setting over these years, built once
// (a long wait is then as cheap as a short one); days outside are looked at one by one.
const FIRST_DAY = Date.UTC(2000, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(2100, 0, 1) / DAY_MS;

interface Calendar {
  open(day: number): boolean;
  /** prefix[i] = open days in [FIRST_DAY, FIRST_DAY + i) */
  prefix: Int32Array;
}

const calendars = new Map<string, Calendar>();

function calendarOf(hours: BusinessHours): Calendar {
  const key = JSON.stringify([hours.days, hours.publicHolidays, hours.holidays]);
  let calendar = calendars.get(key);
  if (calendar) return calendar;
  const weekdays = new Set(hours.days);
  const own = new Set(hours.holidays.map((d) => Date.parse(`${d}T00:00:00Z`) / DAY_MS));
  // 1970-01-01 was a Thursday (4)
  const open = (day: number) => weekdays.has((((day + 4) % 7) + 7) % 7) && !(hours.publicHolidays && PUBLIC_HOLIDAY_DAYS.has(day)) && !own.has(day);
  const prefix = new Int32Array(LAST_DAY - FIRST_DAY + 1);
  for (let i = 0; i < LAST_DAY - FIRST_DAY; i++) prefix[i + 1] = prefix[i]! + (open(FIRST_DAY + i) ? 1 : 0);
  calendar = { open, prefix };
  if (calendars.size >= 64) calendars.delete(calendars.keys().next().value!);
  calendars.set(key, calendar);
  return calendar;
}

/** Open days in [from, to) (day numbers). */
function openDays(calendar: Calendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (from >= FIRST_DAY && to <= LAST_DAY) return calendar.prefix[to - FIRST_DAY]! - calendar.prefix[from - FIRST_DAY]!;
  let n = 0;
  for (let day = from; day < to; day++) if (calendar.open(day)) n++;
  return n;
}

export function isOpenDay(hours: BusinessHours, jstMidnight: number): boolean {
  return calendarOf(hours).open(dayNumber(jstMidnight));
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(hours: BusinessHours, from: Date, to: Date): number {
  const start = from.getTime() + JST_OFFSET_MS;
  const end = to.getTime() + JST_OFFSET_MS;
  if (!(end > start)) return 0;
  const calendar = calendarOf(hours);
  const open = minutesOf(hours.start) * 60_000;
  const close = minutesOf(hours.end) * 60_000;
  const overlap = (day: number, a: number, b: number) => {
    if (!calendar.open(day)) return 0;
    const lo = Math.max(a, day * DAY_MS + open);
    const hi = Math.min(b, day * DAY_MS + close);
    return hi > lo ? hi - lo : 0;
  };
  const first = dayNumber(start);
  const last = dayNumber(end);
  if (first === last) return Math.floor(overlap(first, start, end) / 60_000);
  const total = overlap(first, start, end) + overlap(last, start, end) + openDays(calendar, first + 1, last) * (close - open);
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
