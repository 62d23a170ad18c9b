import type { Clock } from '../model/clock.js';

/** What ends something taken through a scope: an adapter's unsubscribe, a timer's clear. */
export type Release = () => void;

const ended = /* @__PURE__ */ AbortSignal.abort();

/**
 * One lifetime of a controller's host (connected), or of one thing it follows within it (an
 * adapter, an interaction, a timer): every adapter subscription, listener, timer and request taken
 * through the scope ends when the lifetime does, and nothing new is taken while none is open.
 * Listeners and requests take its `signal` (`addEventListener(type, fn, { signal })`, an adapter
 * call's `{ signal }`), which is already aborted while none is open.
 *
 * A controller opens its scope in `hostConnected` and closes it in `hostDisconnected`; for what it
 * rebinds, it keeps a child scope (`new LifetimeScope(parent)`) and opens it again, which ends what
 * the child held. A child cannot open while its parent is closed and closes with it, so an update
 * that reaches a controller after its host left the page cannot subscribe again.
 */
export class LifetimeScope {
  readonly #parent: LifetimeScope | undefined;
  #abort: AbortController | undefined;

  constructor(parent?: LifetimeScope) {
    this.#parent = parent;
  }

  /** A lifetime is open. */
  get active(): boolean {
    return !!this.#abort;
  }

  /** Aborts when the lifetime ends (already aborted while none is open): for requests made within it. */
  get signal(): AbortSignal {
    return this.#abort?.signal ?? ended;
  }

  /** Ends the current lifetime and starts a new one; false, with none open, while the parent is closed. */
  open(): boolean {
    this.close();
    const parent = this.#parent;
    if (parent && !parent.active) return false;
    const abort = (this.#abort = new AbortController());
    parent?.signal.addEventListener('abort', () => this.close(), { signal: abort.signal });
    return true;
  }

  /** Ends the lifetime: everything taken through it is released. */
  close(): void {
    const abort = this.#abort;
    this.#abort = undefined;
    abort?.abort();
  }

  /**
   * Calls `start` only while a lifetime is open, and what it returns (an adapter's unsubscribe)
   * when that lifetime ends.
   */
  subscribe(start: () => Release | undefined | void): void {
    const signal = this.signal;
    if (signal.aborted) return;
    const release = start();
    if (!release) return;
    // `start` itself may have ended the lifetime (a listener that closes its host).
    if (signal.aborted) release();
    else signal.addEventListener('abort', release);
  }

  /**
   * `clock.setTimeout` for the lifetime: cleared when it ends, never set while none is open. A timer
   * that fired is cleared (a no-op) only when the lifetime ends: give each timer its own child scope,
   * opened again for the next one, as the tickers do.
   */
  timeout(clock: Clock, callback: () => void, ms: number): void {
    this.subscribe(() => {
      const handle = clock.setTimeout(callback, ms);
      return () => clock.clearTimeout(handle);
    });
  }
}
