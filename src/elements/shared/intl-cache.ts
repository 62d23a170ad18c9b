/**
 * Intl formatters, made once per locale and options. Creating one costs 0.3–1 ms in Chromium, and
 * the case history formats every entry's time on every render: with fresh formatters one hold on
 * an interaction with 60 history entries took 33 ms; the bench (`npm run bench`) measures it.
 */
const MAX_ENTRIES = 200;

/** Intl.DurationFormat: not in every browser yet, nor in TypeScript's lib. */
export interface DurationFormatter {
  format(duration: { hours?: number; minutes?: number; seconds?: number }): string;
}
export interface DurationFormatOptions {
  style?: 'long' | 'short' | 'narrow' | 'digital';
  hoursDisplay?: 'auto' | 'always';
  minutesDisplay?: 'auto' | 'always';
  secondsDisplay?: 'auto' | 'always';
}
type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat | DurationFormatter;

const cache = new Map<string, Formatter>();

function cached<T extends Formatter>(
  kind: string,
  locale: string | undefined,
  options: object,
  make: () => T,
): T {
  const key = `${kind}\u0000${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    // Locales and zones come from pages and callers: bound the cache rather than trust them.
    if (cache.size >= MAX_ENTRIES) cache.clear();
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached('dt', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
}

export function listFormat(locale: string | undefined, options: Intl.ListFormatOptions = {}): Intl.ListFormat {
  return cached('l', locale, options, () => new Intl.ListFormat(locale, options));
}

/** A cached Intl.DurationFormat, or undefined where the browser has none. */
export function durationFormat(locale: string | undefined, options: DurationFormatOptions = {}): DurationFormatter | undefined {
  const DurationFormat = (Intl as { DurationFormat?: new (locale: string | undefined, options: DurationFormatOptions) => DurationFormatter }).DurationFormat;
  return DurationFormat ? cached('d', locale, options, () => new DurationFormat(locale, options)) : undefined;
}

export function relativeTimeFormat(locale: string | undefined, options: Intl.RelativeTimeFormatOptions = {}): Intl.RelativeTimeFormat {
  return cached('rt', locale, options, () => new Intl.RelativeTimeFormat(locale, options));
}
