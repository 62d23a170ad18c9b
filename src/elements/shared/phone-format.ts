import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Phone numbers as people read them: "+442079460123" shows as "+44 20 7946 0123" (international
 * format). Only what is shown changes: dialing, `tel:` links, copies and events keep the number as
 * stored (E.164).
 *
 * The phone library and its metadata (~80 KB) are not in what loads before an offer: the first
 * number shown fetches them, and until they arrive (a few milliseconds, or never if the chunk
 * fails) the number shows as stored. Elements that show numbers hold a {@link PhoneFormatController}
 * so they render again, formatted, once the library is there.
 */

type PhoneLibrary = typeof import('../../model/phone-library.js');

let library: PhoneLibrary | undefined;
let loading: Promise<void> | undefined;
const waiting = new Set<() => void>();

function load(): Promise<void> {
  // The same chunk validation loads (import() of one module is one module), not validation itself:
  // what loads before an offer stays small.
  loading ??= import('../../model/phone-library.js').then(
    (loaded) => {
      library = loaded;
      const callbacks = [...waiting];
      waiting.clear();
      for (const callback of callbacks) callback();
    },
    // The chunk could not be fetched: numbers keep showing as stored.
    () => undefined,
  );
  return loading;
}

/** The numbers shown formatted, by how they show (the latest few hundred): a copy puts back the number as stored. */
const stored = new Map<string, string>();
/** Connected elements: the page's `copy` listener is there while there is one. */
let connected = 0;

/**
 * The agent selected text in the page and copies it: a number shown formatted goes to the
 * clipboard as stored ("+44 20 7946 0123" is copied as "+442079460123"), alone or in a sentence.
 * A selection without one is left to the browser.
 */
function onCopy(event: ClipboardEvent): void {
  const selected = document.getSelection()?.toString() ?? '';
  let text = selected;
  for (const [shown, number] of stored) text = text.replaceAll(shown, number);
  if (text === selected || !event.clipboardData || event.defaultPrevented) return;
  event.clipboardData.setData('text/plain', text);
  event.preventDefault();
}

/** The number in international format; as given when it is not a valid international number or until the library has loaded. */
export function formatPhone(number: string): string {
  if (!library) {
    void load();
    return number;
  }
  try {
    const parsed = library.parsePhoneNumberFromString(number.trim());
    const shown = parsed?.isValid() ? parsed.formatInternational() : number;
    if (shown !== number) {
      stored.delete(shown);
      stored.set(shown, number.trim());
      if (stored.size > 200) stored.delete(stored.keys().next().value!);
    }
    return shown;
  } catch {
    return number;
  }
}

/** Who a contact is, for a title or a sentence: the name, else the number as people read it. */
export function contactLabel(contact: { name: string; phone: string }): string {
  return contact.name || formatPhone(contact.phone);
}

/** Resolves once numbers are shown formatted (or the library failed to load): for tests and hosts. */
export function phoneFormatReady(): Promise<void> {
  return load();
}

/**
 * Renders its host again once the phone library has loaded, if it was not there when the host
 * connected; while any element is connected, a copy of a number shown formatted is the number as stored.
 */
export class PhoneFormatController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #update = () => this.#host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (!library) waiting.add(this.#update);
    if (connected++ === 0) document.addEventListener('copy', onCopy);
  }

  hostDisconnected(): void {
    waiting.delete(this.#update);
    if (--connected === 0) document.removeEventListener('copy', onCopy);
  }
}
