/**
 * Lookups in a `<callback-desk>`, shared by the tests that drive a whole desk: its open window (an
 * `<interaction-window>`, or a web callback's `<callback-preview>`), and a path through its shadow
 * roots for a desk in a frame or another page.
 */

/** The shadow root of the window the desk shows; null while it shows none. */
export const openWindowRoot = (desk: Element): ShadowRoot | null =>
  desk.shadowRoot!.querySelector('[part=window]:not([hidden]) > :is(interaction-window, callback-preview)')?.shadowRoot ?? null;

/** The shadow root of the `tag` element (its call actions, its history...) in the desk's open window. */
export const inWindow = (desk: Element, tag: string): ShadowRoot | null => openWindowRoot(desk)?.querySelector(tag)?.shadowRoot ?? null;

/**
 * The element at `path` inside `doc`'s `<callback-desk>` (a desk in a frame or in another page):
 * one selector per shadow root, starting in the desk's; null when any step is missing.
 */
export function inDesk<T extends Element = Element>(doc: Document | null | undefined, ...path: string[]): T | null {
  let node: Element | null | undefined = doc?.querySelector('callback-desk');
  for (const selector of path) node = node?.shadowRoot?.querySelector(selector);
  return (node as T | null | undefined) ?? null;
}
