import { configureLocalization, type LocaleModule } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';

/**
 * The library's languages at run time (@lit/localize runtime mode).
 *
 * Limitation: @lit/localize keeps ONE active locale per page (per copy of @lit/localize), so
 * every element on a page shows its messages in the same language. Elements resolve their own
 * language from the nearest `lang`; the page-wide locale follows the element that connected or
 * whose `lang` changed most recently. Two elements with different languages on one page therefore
 * show the messages of the later one.
 */

export type SupportedLocale = typeof sourceLocale | (typeof targetLocales)[number];
type TargetLocale = (typeof targetLocales)[number];

// Literal import() paths: bundlers and the browser cannot follow a computed one (the build keeps
// each as a lazy chunk, so English pages never download Spanish).
const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  es: () => import('../generated/locales/es.js'),
};

/** The supported locale for a language tag: `es`, `es-MX`, `es_ES` give `es`; anything else `en`. */
export function supportedLocale(tag: string | null | undefined): SupportedLocale {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (targetLocales as readonly string[]).includes(language) ? (language as TargetLocale) : sourceLocale;
}

/**
 * A tag Intl accepts for `tag` in the messages' language: the tag itself when it names that
 * language (so `es-MX` keeps Mexican formats), else the bare locale. An invalid tag would make
 * every Intl call throw a RangeError.
 */
export function formattingLocale(tag: string, messages: SupportedLocale): string {
  if (tag.trim().toLowerCase().split(/[-_]/)[0] !== messages) return messages;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0] ?? messages;
  } catch {
    return messages;
  }
}

interface Controls {
  getLocale(): string;
  setLocale(locale: string): Promise<void>;
}

/**
 * configureLocalization throws when called twice on one copy of @lit/localize. Two copies of this
 * library that share one @lit/localize find its controls here, keyed by that copy's function;
 * two bundles that each carry their own @lit/localize each configure their own.
 */
const REGISTRY = Symbol.for('callback-elements.localization');
type Registry = WeakMap<object, Controls | null>;

function controls(): Controls | null {
  const global = globalThis as { [REGISTRY]?: Registry };
  const registry = (global[REGISTRY] ??= new WeakMap());
  if (!registry.has(configureLocalization)) {
    let configured: Controls | null;
    try {
      configured = configureLocalization({
        sourceLocale,
        targetLocales,
        loadLocale: (locale) => loaders[locale as TargetLocale](),
      });
    } catch {
      // The host page configured this @lit/localize for its own messages: its setLocale rules.
      configured = null;
    }
    registry.set(configureLocalization, configured);
  }
  return registry.get(configureLocalization) ?? null;
}

let switching: { locale: SupportedLocale; done: Promise<void> } | undefined;

/** The language messages are shown in now; undefined when the host page's own @lit/localize setup rules. */
export function activeLocale(): SupportedLocale | undefined {
  const c = controls();
  return c ? supportedLocale(c.getLocale()) : undefined;
}

/**
 * Makes `locale` the page's message language. Elements decorated with `@localized()` re-render
 * when it is ready. A locale that fails to load leaves the previous one in place.
 */
export function requestLocale(locale: SupportedLocale): void {
  const c = controls();
  if (!c || (switching ? switching.locale === locale : c.getLocale() === locale)) return;
  const entry: { locale: SupportedLocale; done: Promise<void> } = {
    locale,
    done: c.setLocale(locale).then(
      () => undefined,
      () => undefined,
    ),
  };
  switching = entry;
  void entry.done.then(() => {
    if (switching === entry) switching = undefined;
  });
}

/** Settles when the requested language is ready (at once when no switch is under way). */
export function localeSwitch(): Promise<void> | undefined {
  return switching?.done;
}
