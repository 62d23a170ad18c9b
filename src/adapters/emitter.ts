// Shared by the adapters (simulated, GMS, phone, the interaction ledger): nothing here is part of the public contract.
import type { Unsubscribe } from './errors.js';

/**
 * A listener list. One failing listener must not keep the others from hearing about a change, so
 * errors are rethrown on a later microtask, where the page's error reporting sees them.
 */
export class Emitter<Args extends unknown[]> {
  #listeners = new Set<(...args: Args) => void>();

  on(listener: (...args: Args) => void): Unsubscribe {
    // A wrapper per subscription, so subscribing the same function twice gives two independent subscriptions.
    const entry = (...args: Args) => listener(...args);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  emit(...args: Args): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(...args);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }

  clear(): void {
    this.#listeners.clear();
  }
}
