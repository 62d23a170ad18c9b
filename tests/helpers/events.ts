/**
 * The tests' one set of recorders, one per kind of source:
 *
 * - `recordEvents(target, types)`: the DOM events of the named types that reach an element, in order.
 * - `recordActionEvents(el)`: the action events (request, done, error, callback done) as short labels.
 * - `recordEmitted(subscribe)`: what an adapter subscription delivers.
 * - `recordUncaught()`: the errors and rejections the page let escape, for asserting there are none.
 *
 * Element fixtures keep the list of events their element fires and call these; they do not write
 * another recorder.
 */
/** A DOM event as recorded: its type and its `detail`. */
export interface RecordedEvent<D = unknown> {
  type: string;
  detail: D;
}

/**
 * Records every event of `types` that reaches `target`, in the order they arrive, each as
 * `as(event)` (by default its type and detail; `eventType` records the type alone).
 */
export function recordEvents<D = unknown>(target: EventTarget, types: readonly string[]): RecordedEvent<D>[];
export function recordEvents<R>(target: EventTarget, types: readonly string[], as: (event: CustomEvent) => R): R[];
export function recordEvents(target: EventTarget, types: readonly string[], as: (event: CustomEvent) => unknown = asRecorded): unknown[] {
  const fired: unknown[] = [];
  for (const type of types) target.addEventListener(type, (e) => fired.push(as(e as CustomEvent)));
  return fired;
}

const asRecorded = (event: CustomEvent): RecordedEvent => ({ type: event.type, detail: event.detail });

/** For `recordEvents`: records an event as its type alone. */
export const eventType = (event: Event): string => event.type;

/**
 * The action events an element sends, as labels that read in a failure: `request:hold`,
 * `done:hold`, `error:hold:network`, `callback-done`, and `open:<id>` for a duplicate warning's
 * link to another callback.
 */
export function recordActionEvents(el: HTMLElement): string[] {
  return recordEvents(el, ['callback-action', 'callback-action-done', 'callback-error', 'callback-done', 'callback-open'], (e) => {
    switch (e.type) {
      case 'callback-action':
        return `request:${e.detail.action}`;
      case 'callback-action-done':
        return `done:${e.detail.action}`;
      case 'callback-error':
        return `error:${e.detail.action}:${e.detail.code}`;
      case 'callback-open':
        return `open:${e.detail.interactionId}`;
      default:
        return e.type;
    }
  });
}

// What an adapter subscription delivers, and the last value for an id: shipped with the contract
// suites (src/testing, `callback-elements/testing`).
export { lastFor, recordEmitted } from '../../src/testing/helpers.js';

/**
 * From now until `stop()`: what the page let escape, in order: each uncaught error (the error, or
 * its message when there is none) and each unhandled promise rejection (its reason).
 */
export function recordUncaught(): { errors: unknown[]; stop: () => void } {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  const stop = () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  };
  return { errors, stop };
}
