import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LifetimeScope } from '../../controllers/lifetime-scope.js';
import { isEditable, matchesShortcut, parseShortcuts, typesText } from '../shared/key-shortcuts.js';

/** Keys (`aria-keyshortcuts` syntax) that answer the waiting offer from anywhere in the page. */
export interface OfferShortcuts {
  /** Accept the offer shown. */
  accept?: string;
  /** Reject it (where rejecting is allowed). */
  reject?: string;
  /** Move focus to it (its heading). */
  focus?: string;
}

export type OfferShortcutName = keyof OfferShortcuts;

const NAMES: readonly OfferShortcutName[] = ['accept', 'reject', 'focus'];

/**
 * The page-wide offer shortcuts, fetched only by a notification that has `offer-shortcuts`
 * (`accept=Alt+Shift+A, reject=Alt+Shift+R, focus=Alt+Shift+O`; `:` and `;` read the same).
 *
 * Listens to the document's key presses while its host is connected and has shortcuts set: one
 * listener, removed with the host (or when the shortcuts are), and none at all without them.
 * Key presses that are part of an IME composition, repeats, presses a page already handled, and
 * shortcuts that type text pressed in a text field are left alone.
 */
export class DocumentShortcutsController implements ReactiveController {
  readonly #attribute: () => string | undefined;
  #parsed: { from: string; keys: OfferShortcuts } | undefined;
  readonly #onShortcut: (name: OfferShortcutName, event: KeyboardEvent) => void;
  readonly #lifetime = new LifetimeScope();
  /** The document's key presses listened to, while shortcuts are set. */
  readonly #listening = new LifetimeScope(this.#lifetime);

  constructor(
    host: ReactiveControllerHost,
    attribute: () => string | undefined,
    onShortcut: (name: OfferShortcutName, event: KeyboardEvent) => void,
  ) {
    this.#attribute = attribute;
    this.#onShortcut = onShortcut;
    host.addController(this);
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
  }

  /** The shortcuts set, normalized (for `aria-keyshortcuts`); unusable ones left out. */
  get keys(): OfferShortcuts {
    const from = this.#attribute() ?? '';
    if (this.#parsed?.from !== from) {
      const keys = parseShortcuts(from, NAMES);
      for (const name of NAMES) if (!keys[name]) delete keys[name];
      this.#parsed = { from, keys };
    }
    return this.#parsed.keys;
  }

  #sync(): void {
    const listening = this.#listening;
    const wanted = Object.keys(this.keys).length > 0;
    if (wanted === listening.active) return;
    if (!wanted) listening.close();
    else if (listening.open()) document.addEventListener('keydown', (event) => this.#onKeydown(event), { signal: listening.signal });
  }

  #onKeydown(event: KeyboardEvent): void {
    // keyCode 229: a key pressed while an input method composes (older engines leave isComposing false).
    if (event.defaultPrevented || event.repeat || event.isComposing || event.keyCode === 229) return;
    const shortcuts = this.keys;
    const name = NAMES.find((n) => matchesShortcut(event, shortcuts[n]));
    if (!name || (typesText(shortcuts[name]!) && isEditable(event.composedPath()[0]))) return;
    this.#onShortcut(name, event);
  }
}
