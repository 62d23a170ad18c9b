/** Dates, times and durations through Intl, in the element's language. */
import { dateTimeFormat, numberFormat, relativeTimeFormat } from './intl-cache.js';

export function formatTime(time: number, locale: string, timeZone?: string): string {
  return dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(time);
}

export function formatDateTime(time: number, locale: string, timeZone?: string, now = Date.now()): string {
  const sameDay =
    dateTimeFormat('en-CA', { dateStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(time) ===
    dateTimeFormat('en-CA', { dateStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(now);
  return dateTimeFormat(locale, {
    ...(sameDay ? {} : { weekday: 'short', day: 'numeric', month: 'short' }),
    hour: 'numeric',
    minute: '2-digit',
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

/** m:ss or h:mm:ss, digits in the locale. */
export function formatClock(totalSeconds: number, locale: string): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const two = numberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const one = numberFormat(locale, { useGrouping: false });
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  return hours > 0
    ? `${one.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`
    : `${one.format(minutes)}:${two.format(seconds)}`;
}

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
