/**
 * Dates, times and durations through Intl, in the element's language. A time of day and a duration
 * never read alike: times of day have two-digit hours on a 24-hour clock ("00:43", never "0:43")
 * or a day period ("12:43 AM"); durations have units ("5 s", "1 min y 5 s"), never "0:05".
 */
import { dateTimeFormat, durationFormat, listFormat, numberFormat, relativeTimeFormat } from './intl-cache.js';

/** Hour and minute options for a time of day in `locale`: two-digit hours where the clock has 24. */
export function timeOfDay(locale: string | undefined): Pick<Intl.DateTimeFormatOptions, 'hour' | 'minute'> {
  const cycle = dateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return { hour: cycle === 'h23' || cycle === 'h24' ? '2-digit' : 'numeric', minute: '2-digit' };
}

/**
 * A range of times of day. `formatRange` takes its patterns from the locale's interval formats,
 * which drop two-digit hours ("9:00–9:30" in Spanish): they are put back here ("09:00–09:30").
 */
export function formatTimeRange(format: Intl.DateTimeFormat, start: number, end: number): string {
  const twoDigit = format.resolvedOptions().hour === '2-digit';
  return format
    .formatRangeToParts(start, end)
    .map((part) => (twoDigit && part.type === 'hour' && /^\d$/.test(part.value) ? `0${part.value}` : part.value))
    .join('');
}

export function formatTime(time: number, locale: string, timeZone?: string): string {
  return dateTimeFormat(locale, { ...timeOfDay(locale), ...(timeZone ? { timeZone } : {}) }).format(time);
}

export function formatDateTime(time: number, locale: string, timeZone?: string, now = Date.now()): string {
  const sameDay =
    dateTimeFormat('en-CA', { dateStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(time) ===
    dateTimeFormat('en-CA', { dateStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(now);
  return dateTimeFormat(locale, {
    ...(sameDay ? {} : { weekday: 'short', day: 'numeric', month: 'short' }),
    ...timeOfDay(locale),
    ...(timeZone ? { timeZone } : {}),
  }).format(time);
}

/** Short zone name as people read it (CET, GMT+1, EST), in the locale. */
export function timeZoneName(time: number, locale: string, timeZone: string): string {
  const part = dateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(time)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The agent's zone (the browser's). */
export function agentTimeZone(): string {
  return dateTimeFormat(undefined).resolvedOptions().timeZone;
}

/** True when two zones show a different wall-clock time at `time`. */
export function zonesDiffer(time: number, a: string, b: string): boolean {
  const f = (timeZone: string) =>
    dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', day: '2-digit' }).format(time);
  try {
    return f(a) !== f(b);
  } catch {
    return false;
  }
}

/**
 * A duration with its units, in the locale: "0 sec", "5 sec", "1 min, 5 sec", "1 hr, 0 min, 5 sec"
 * ("5 s", "1 min y 5 s", "1 h, 0 min, 5 s" in Spanish). Seconds always show, minutes once there
 * are any or hours, so a running timer keeps its shape. Intl.DurationFormat where the browser has
 * it; otherwise each unit through Intl.NumberFormat, joined as a list of units.
 */
export function formatDuration(totalSeconds: number, locale: string): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const duration = durationFormat(locale, { style: 'short', secondsDisplay: 'always', ...(hours ? { minutesDisplay: 'always' } : {}) });
  if (duration) return duration.format({ hours, minutes, seconds });
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const parts = [...(hours ? [unit(hours, 'hour')] : []), ...(hours || minutes ? [unit(minutes, 'minute')] : []), unit(seconds, 'second')];
  return listFormat(locale, { type: 'unit', style: 'short' }).format(parts);
}

/** @deprecated A duration reads with units now ("1 min, 5 sec", never "1:05"): use `formatDuration`. */
export const formatClock = formatDuration;

/** "in 5 minutes", "2 hours ago", for a time relative to now. */
export function formatRelative(time: number, now: number, locale: string): string {
  const diff = time - now;
  const rtf = relativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 60_000) return rtf.format(Math.round(diff / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}
