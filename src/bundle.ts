// The drop-in bundle's entry (dist/bundle/callback-elements.bundle.js): what a page needs before an
// offer can reach the agent, registered at once, and the rest of the library fetched in parallel.
//
// At once: <callback-provider>, <callback-desk> (the element; its windows come with the rest) and
// <callback-notification>, with the adapter contracts and errors and the context keys (enough to
// write an adapter). An offer can be shown, heard and accepted from these alone.
// The model's values (ManualClock, validatePhoneNumber, ...) and <agent-status>'s class and events
// come with `ready`; their types are here.
//
// Started at once, not awaited: every other element (<agent-status> first, then the interaction
// window, the web-callback preview, the call actions and their popups, ...), registered one per task
// when its chunk arrives (src/elements/bundle-registration.ts), normally long before an agent can
// press Accept; an element already in the page upgrades then (lit keeps the properties set on it
// before, and <agent-status> reads the agent's state from the adapter as it connects). `ready`
// resolves with every export of the library (`src/core.ts`) once they are all registered:
// `const { CallActions } = await ready;`.
//
// The npm entries (`callback-elements`, `callback-elements/<tag>.js`) are unchanged: each registers
// what it composes statically, and a bundler of the host app splits as it likes.
import { CallbackDesk } from './elements/callback-desk/callback-desk.js';

export type * from './model/index.js';
export * from './adapters/index.js';
export * from './context/index.js';
export { CallbackErrorEvent, type CallbackErrorDetail } from './events/error-event.js';
export * from './callback-provider.js';
export * from './callback-notification.js';
export type * from './agent-status.js';
export { CallbackDesk };

/** Every export of the library, once every element is registered. */
export const ready: Promise<typeof import('./core.js')> = import('./elements/bundle-registration.js').then((chunk) => chunk.ready);
// A chunk that cannot be fetched (offline, a CDN path that moved) leaves every window element
// undefined: the desk says so in each window, and the browser reports the rejected import.

if (!customElements.get('callback-desk')) customElements.define('callback-desk', CallbackDesk);
