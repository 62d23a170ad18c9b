import { aTimeout } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import { deepActive } from '../helpers/deep.js';

/** Shared by the tests/a11y files: where focus is (through shadow roots), and moving it by keyboard only. */

export { deepActive };

/** The chain of hosts from the document down to the focused element, e.g. `callback-desk > call-actions > button[hold]`. */
export function focusPath(): string {
  const parts: string[] = [];
  let active = document.activeElement;
  while (active) {
    parts.push(nameOf(active));
    active = active.shadowRoot?.activeElement ?? null;
  }
  return parts.join(' > ');
}

export function nameOf(el: Element): string {
  const tag = el.localName;
  const label =
    el.getAttribute('data-action') ??
    el.getAttribute('data-key') ??
    el.getAttribute('data-code') ??
    el.getAttribute('part') ??
    el.id ??
    '';
  return label ? `${tag}[${label}]` : tag;
}

/** The host element the focus is in, at any depth (e.g. is focus inside `<call-actions>`?). */
export function focusWithin(host: Element): boolean {
  let active: Element | null = document.activeElement;
  while (active) {
    if (active === host) return true;
    active = active.shadowRoot?.activeElement ?? null;
  }
  return false;
}

/** Shift+Tab, as a person presses it (sendKeys has no combined key name for it). */
export async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

export async function press(key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await sendKeys({ press: key });
  await aTimeout(0);
}

export async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
  await aTimeout(0);
}

/**
 * Presses Tab (or Shift+Tab) until `wanted` says yes of the focused element; fails with the focus
 * trail when it is not reached in `max` presses. The trail is the focus order a keyboard user meets.
 */
export async function tabTo(wanted: (el: Element) => boolean, what: string, { back = false, max = 60 } = {}): Promise<string[]> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    if (back) await shiftTab();
    else await sendKeys({ press: 'Tab' });
    await aTimeout(0);
    const el = deepActive();
    trail.push(el ? nameOf(el) : 'none');
    if (el && wanted(el)) return trail;
  }
  throw new Error(`${what} not reached by ${back ? 'Shift+Tab' : 'Tab'}; focus went: ${trail.join(' → ')}`);
}
