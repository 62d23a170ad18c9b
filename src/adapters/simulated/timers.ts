import type { Clock } from '../../model/clock.js';

/**
 * Every timer the simulator starts, on the injected clock, so `dispose()` can stop them all and a
 * leak test sees the clock's pending timers return to zero.
 */
export class TimerSet {
  readonly #clock: Clock;
  #handles = new Map<symbol, unknown>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Runs `callback` after `ms` on the clock; returns a key for {@link clear}. */
  set(callback: () => void, ms: number): symbol {
    const key = Symbol('timer');
    const handle = this.#clock.setTimeout(() => {
      this.#handles.delete(key);
      callback();
    }, ms);
    this.#handles.set(key, handle);
    return key;
  }

  clear(key: symbol | undefined): void {
    if (!key) return;
    const handle = this.#handles.get(key);
    if (handle === undefined) return;
    this.#clock.clearTimeout(handle);
    this.#handles.delete(key);
  }

  clearAll(): void {
    for (const handle of this.#handles.values()) this.#clock.clearTimeout(handle);
    this.#handles.clear();
  }

  get size(): number {
    return this.#handles.size;
  }
}
