import { LitElement } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import { activeLocale, formattingLocale, localeSwitch, requestLocale, supportedLocale } from '../../messages/localization.js';
import { nearestAttribute, unwatchAmbient, watchAmbient, type AmbientListener } from './ambient-attributes.js';
import { PhoneFormatController } from './phone-format.js';
import { registerTokens } from './register-tokens.js';
import { hostStyles } from './styles.js';

/**
 * The small base every element shares: host styles, language resolution and custom states.
 * Behaviour that is not about identity lives in controllers, not here.
 *
 * Language: the element's own `lang`, else the nearest ancestor's (crossing shadow roots), else
 * the browser's; resolved on connect and again when a `lang` in the document changes. Spanish
 * (`es`, `es-*`) and English are supported; any other language shows English. Messages have one
 * language per page (see src/messages/localization.ts): it follows the element that connected or
 * changed language last. Dates, times and numbers follow the language the messages are shown in.
 * Phone numbers show in international format once the phone library has loaded (see
 * phone-format.ts): an element that showed one before renders again then.
 *
 * Theme: `data-cb-theme="dark"` or `"light"` on the element or its nearest ancestor sets the
 * custom state `theme-dark` or `theme-light`.
 */
export class CallbackElement extends LitElement {
  static override styles = [hostStyles];

  /** The typed tokens are registered once, when the first element is defined (register-tokens.ts). */
  protected static override finalize(): void {
    registerTokens();
    super.finalize();
  }

  #internals: ElementInternals | undefined;
  #lang = '';
  readonly #ambient: AmbientListener = { ambientChanged: () => this.#resolveAmbient(false) };

  constructor() {
    super();
    // Every element renders again when the messages' language changes. This is what @localized()
    // did per class; a class decorator makes the compiler turn the class's #private members into
    // WeakMaps reached through helpers (about 3 KB min+gzip across the elements, issue 22).
    updateWhenLocaleChanges(this);
    new PhoneFormatController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchAmbient(this.ownerDocument, this.#ambient);
    this.#resolveAmbient(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchAmbient(this.ownerDocument, this.#ambient);
  }

  /**
   * The language to format dates, times and numbers in: the element's resolved language tag
   * when messages are shown in that language (so `es-MX` keeps its regional formats), else the
   * messages' language.
   */
  protected get locale(): string {
    const tag = this.#lang || this.#nearestLang();
    return formattingLocale(tag, activeLocale() ?? supportedLocale(tag));
  }

  /** While another language loads, renders wait for it: no flash of the previous language. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const switching = localeSwitch();
    return switching ? switching.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  #nearestLang(): string {
    return nearestAttribute(this, 'lang') ?? (navigator.language || 'en');
  }

  #resolveAmbient(connecting: boolean): void {
    const lang = this.#nearestLang();
    const changed = lang !== this.#lang;
    this.#lang = lang;
    if (connecting || changed) requestLocale(supportedLocale(lang));
    // Same messages language, another region (es-ES to es-MX): only the Intl formats change.
    if (changed && !connecting) this.requestUpdate();
    const theme = nearestAttribute(this, 'data-cb-theme');
    this.setState('theme-dark', theme === 'dark');
    this.setState('theme-light', theme === 'light');
  }

  /** Sets or clears a custom state, for `:host(:state(name))` styling. */
  protected setState(name: string, on: boolean): void {
    if (!on && !this.#internals) return;
    this.#internals ??= this.attachInternals();
    const states = this.#internals.states;
    if (!states) return;
    if (on) states.add(name);
    else states.delete(name);
  }

  /** True when the element currently has the custom state (for tests and hosts). */
  hasState(name: string): boolean {
    return this.#internals?.states?.has(name) ?? false;
  }
}
