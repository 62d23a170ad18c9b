/**
 * Lookups in a `<callback-desk>`'s open window, shared by the tests that drive a whole desk. The
 * open window is an `<interaction-window>`, or a web callback's `<callback-preview>`.
 */

/** The shadow root of the window the desk shows; null while it shows none. */
export const openWindowRoot = (desk: Element): ShadowRoot | null =>
  desk.shadowRoot!.querySelector('[part=window]:not([hidden]) > :is(interaction-window, callback-preview)')?.shadowRoot ?? null;

/** The shadow root of the `tag` element (its call actions, its history...) in the desk's open window. */
export const inWindow = (desk: Element, tag: string): ShadowRoot | null => openWindowRoot(desk)?.querySelector(tag)?.shadowRoot ?? null;
