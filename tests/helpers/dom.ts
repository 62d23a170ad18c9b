/**
 * Reading what an element shows, shared by the element tests:
 *
 * - `root(el)`: its shadow root; `inner(el, tag)`: the shadow root of an element inside it.
 * - `text(node)`: a node's text as a person reads it (white space collapsed, trimmed; '' for none).
 * - `shadowText(el)`: all the text in an element's shadow root, white space collapsed.
 * - `focusedIn(el)`: what has focus inside an element's shadow root.
 * - `part(el, name)`: the first element of its shadow root with that part, or null;
 *   `requirePart(el, name)`: the same, failing the test when there is none.
 */

/** The text of `node`, white space collapsed and trimmed; '' when there is no node. */
export const text = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Everything written in `el`'s shadow root (hidden parts too), white space collapsed. */
export const shadowText = (el: Element): string => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** The element that has focus inside `el`'s shadow root (one level: not through nested shadow roots). */
export const focusedIn = (el: Element): HTMLElement | null => el.shadowRoot!.activeElement as HTMLElement | null;

/** `el`'s shadow root (every element under test has an open one). */
export const root = (el: Element): ShadowRoot => el.shadowRoot!;

/** The shadow root of the first `tag` element in `el`'s shadow root; null when there is none. */
export const inner = (el: Element, tag: string): ShadowRoot | null => root(el).querySelector(tag)?.shadowRoot ?? null;

/** The first element with the part `name` (`[part~=name]`) in `el`'s shadow root; null when there is none. */
export const part = (el: Element, name: string): HTMLElement | null => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);

/** The first element with the part `name` in `el`'s shadow root; the test fails, naming it, when there is none. */
export function requirePart(el: Element, name: string): HTMLElement {
  const found = part(el, name);
  if (!found) throw new Error(`no [part~="${name}"] in <${el.localName}>`);
  return found;
}
