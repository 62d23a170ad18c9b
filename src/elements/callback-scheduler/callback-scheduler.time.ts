/**
 * Wall-clock dates and times in a named IANA zone, for `<callback-scheduler>`: what a native
 * `<input type="date">` / `<input type="time">` pair means in the agent's or the contact's zone.
 * Dates are `YYYY-MM-DD`, times `HH:MM` (the inputs' value formats).
 */

import { formatTimeRange, timeOfDay } from '../shared/format.js';
import { dateTimeFormat } from '../shared/intl-cache.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function fields(time: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormatter(timeZone).formatToParts(time)) {
    if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
  }
  if (out.hour === 24) out.hour = 0;
  return out;
}

/** How far the zone's wall clock is ahead of UTC at `time` (ms). */
function offsetMs(time: number, timeZone: string): number {
  const f = fields(time, timeZone);
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wall - Math.floor(time / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** True when the runtime knows the zone. */
export function isTimeZone(timeZone: string | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The date and time inputs' values for `time` in `timeZone`. */
export function zonedParts(time: number, timeZone: string): { date: string; time: string } {
  const f = fields(time, timeZone);
  return { date: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`, time: `${pad(f.hour)}:${pad(f.minute)}` };
}

/**
 * The instant a wall-clock date and time mean in `timeZone`, or undefined when either input is
 * empty or malformed. A time that happens twice at a daylight-saving change is the first one; a time
 * the change skips moves forward by the gap (02:30 becomes 03:30).
 */
export function zonedToEpoch(date: string, time: string, timeZone: string): number | undefined {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return undefined;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(wall).getUTCDate() !== day) return undefined;
  // The zone's offset a day before and after covers any single transition in between.
  const before = wall - offsetMs(wall - DAY_MS, timeZone);
  const after = wall - offsetMs(wall + DAY_MS, timeZone);
  const shows = (t: number) => {
    const p = zonedParts(t, timeZone);
    return p.date === date.slice(0, 10) && p.time === `${pad(hour)}:${pad(minute)}`;
  };
  // Twice on the clock (autumn): the first. Never on it (spring): the same distance past the gap.
  if (shows(before) && shows(after)) return Math.min(before, after);
  if (shows(after)) return after;
  return before;
}

/** The date `days` after `date` (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const d = DATE.exec(date);
  if (!d) return date;
  const next = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) + days * DAY_MS);
  return `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** [start of `date`, start of the next day) in `timeZone`, or undefined for a malformed date. */
export function zonedDay(date: string, timeZone: string): { from: number; to: number } | undefined {
  const from = zonedToEpoch(date, '00:00', timeZone);
  const to = zonedToEpoch(addDays(date, 1), '00:00', timeZone);
  return from === undefined || to === undefined ? undefined : { from, to };
}

/** "Tue 14:30" in the locale and zone. */
export function formatWeekdayTime(time: number, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { weekday: 'short', ...timeOfDay(locale), timeZone }).format(time);
}

/** "13:30 GMT" (with the weekday when `withDay`) in the locale and zone. */
export function formatZonedTime(time: number, locale: string, timeZone: string, withDay = false): string {
  return dateTimeFormat(locale, {
    ...(withDay ? { weekday: 'short' } : {}),
    ...timeOfDay(locale),
    timeZone,
    timeZoneName: 'short',
  }).format(time);
}

/** "14:00 – 14:30" (with the date when `withDay`, the weekday alone when `'weekday'`) in the locale and zone. */
export function formatSlot(start: number, end: number, locale: string, timeZone: string, withDay: boolean | 'weekday' = false): string {
  return formatTimeRange(
    dateTimeFormat(locale, {
      ...(withDay === 'weekday' ? { weekday: 'short' } : withDay ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
      ...timeOfDay(locale),
      timeZone,
    }),
    start,
    end,
  );
}

/** "Wednesday 25 November" in the locale (the date as the inputs hold it). */
export function formatDay(date: string, locale: string, timeZone: string): string {
  const noon = zonedToEpoch(date, '12:00', timeZone);
  if (noon === undefined) return date;
  return dateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(noon);
}

/** Hours of the day as minutes after midnight: `start` included, `end` excluded. */
export interface DayHours {
  start: number;
  end: number;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:MM` value, or undefined when it is not one. */
export function clockMinutes(value: string | undefined): number | undefined {
  const m = CLOCK.exec(value?.trim() ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/**
 * Whether `time` falls within `hours` on the wall clock of `timeZone`. An end before the start spans
 * midnight (`22:00`–`06:00`); an end equal to the start is the whole day.
 */
export function withinHours(time: number, timeZone: string, hours: DayHours): boolean {
  const { start, end } = hours;
  if (start === end) return true;
  const minutes = clockMinutes(zonedParts(time, timeZone).time)!;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** "08:00–21:00" (or "8:00 AM–9:00 PM"): hours of any day, in the locale. */
export function formatHours(hours: DayHours, locale: string): string {
  const f = dateTimeFormat(locale, { ...timeOfDay(locale), timeZone: 'UTC' });
  const [start, end] = [hours.start * 60_000, hours.end * 60_000];
  // A range within one day reads as the slots do; one over midnight would get dates from formatRange.
  return start < end ? formatTimeRange(f, start, end) : `${f.format(start)}–${f.format(end)}`;
}
