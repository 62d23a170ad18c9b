// Shared by the adapters: nothing here is part of the public contract.
import type { Clock } from '../model/clock.js';

/**
 * How long an adapter remembers an interaction after it closed (or a call after it ended) by
 * default: long enough for a late event, a window finishing its Mark done, a supervisor's look or a
 * reload to find it, short enough that a shift of hundreds of callbacks does not keep them all.
 */
export const DEFAULT_FORGET_CLOSED_AFTER_MS = 15 * 60 * 1000;

/**
 * Things (interactions, calls) that are finished and to be forgotten `graceMs` later, oldest first.
 * No timer per item: {@link sweep} runs on the adapter's next activity and looks only at the front
 * of the queue, so keeping the record costs O(1) per item however long the shift. `forget(id)`
 * drops the item and returns true, or returns false to look again one grace period later (a call
 * whose interaction the agent still holds).
 */
export class Retention {
  readonly #clock: Clock;
  readonly #graceMs: number;
  readonly #forget: (id: string) => boolean;
  #queue: { id: string; at: number }[] = [];
  #head = 0;
  /** When each id last finished: an id that came back and finished again is judged by that time. */
  readonly #latest = new Map<string, number>();

  constructor(clock: Clock, graceMs: number, forget: (id: string) => boolean) {
    this.#clock = clock;
    this.#graceMs = graceMs;
    this.#forget = forget;
  }

  /** `id` finished now: forget it after the grace period, counted from its latest finish. */
  finished(id: string): void {
    const at = this.#clock.now();
    this.#latest.set(id, at);
    this.#queue.push({ id, at });
  }

  /** Forgets what finished more than the grace period ago. */
  sweep(): void {
    if (!Number.isFinite(this.#graceMs)) return;
    const now = this.#clock.now();
    const requeue: string[] = [];
    while (this.#head < this.#queue.length && this.#queue[this.#head]!.at + this.#graceMs <= now) {
      const { id, at } = this.#queue[this.#head++]!;
      // An earlier life of an id used again (GMS offers a declined callback again with its id):
      // the later finish counts, from its own time.
      if (this.#latest.get(id) !== at) continue;
      if (this.#forget(id)) this.#latest.delete(id);
      else requeue.push(id);
    }
    // Compact now and then, so the array does not keep every id it ever held.
    if (this.#head > 64 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    for (const id of requeue) this.finished(id);
  }

  /** How many are waiting to be forgotten (for tests and the bench). */
  get size(): number {
    return this.#queue.length - this.#head;
  }

  clear(): void {
    this.#queue = [];
    this.#head = 0;
    this.#latest.clear();
  }
}
