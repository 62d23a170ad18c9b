import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DirectoryAdapter, DirectoryTarget } from '../../adapters/directory-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
import { LatestRequest } from '../../controllers/latest-request.js';
import type { Clock } from '../../model/clock.js';
import type { TargetRef } from '../../model/interaction.js';

export type TargetKind = TargetRef['kind'];
export type SearchStatus = 'idle' | 'searching' | 'done' | 'error';

/** Results are grouped in this order; a list walks them in the same order. */
export const KIND_ORDER: readonly TargetKind[] = ['agent', 'queue', 'routing-point', 'skill', 'contact'];

export interface TargetSearchConfig {
  directory: DirectoryAdapter | undefined;
  clock: Clock;
  kinds: readonly TargetKind[] | undefined;
  limit: number;
  /** Pause after the last keystroke before asking, ms. */
  debounce: number;
}

export interface TargetSearchCallbacks {
  /** A search answered (results may be empty). */
  onResults?: (results: readonly DirectoryTarget[]) => void;
  /** A search failed (never for a search that was superseded or cancelled). */
  onError?: (error: AdapterError) => void;
}

/**
 * Directory search as the agent types: waits for a pause on the clock, cancels the request it
 * replaces, ignores answers to text that is no longer typed, and stops everything when its host
 * leaves the page. Results come back grouped by kind.
 */
export class TargetSearch implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #config: () => TargetSearchConfig;
  readonly #callbacks: TargetSearchCallbacks;
  readonly #latest = new LatestRequest();

  results: readonly DirectoryTarget[] = [];
  status: SearchStatus = 'idle';
  error: AdapterError | undefined;
  /** The text the current results (or "no match") answer. */
  answered = '';

  constructor(host: ReactiveControllerHost, config: () => TargetSearchConfig, callbacks: TargetSearchCallbacks = {}) {
    this.#host = host;
    this.#config = config;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** Searches for `text` once the typing pauses; empty text resets instead. */
  schedule(text: string): void {
    this.#latest.cancelTimer();
    if (!text.trim()) {
      this.reset();
      return;
    }
    const { clock, debounce } = this.#config();
    this.#latest.debounce(clock, debounce, () => void this.search(text));
  }

  /** Searches now, replacing any search waiting or under way. */
  async search(raw: string): Promise<void> {
    this.#latest.stop();
    const text = raw.trim();
    if (!text) return;
    const { directory, kinds, limit } = this.#config();
    const request = this.#latest.begin();
    this.#set('searching');
    try {
      if (!directory) throw new AdapterError('not-supported', 'No directory adapter is connected.');
      const found = await directory.searchTargets(
        { text, kinds: kinds?.length ? kinds : undefined, limit },
        { signal: request.signal },
      );
      if (!request.isCurrent()) return;
      this.results = KIND_ORDER.flatMap((kind) => found.filter((t) => t.kind === kind));
      this.answered = text;
      this.#set('done');
      this.#callbacks.onResults?.(this.results);
    } catch (thrown) {
      if (!request.isCurrent()) return;
      this.results = [];
      this.error = AdapterError.from(thrown);
      this.#set('error');
      this.#callbacks.onError?.(this.error);
    } finally {
      request.finish();
    }
  }

  /** Forgets results and errors and stops any search. */
  reset(): void {
    this.#latest.stop();
    this.results = [];
    this.answered = '';
    this.#set('idle');
  }

  hostDisconnected(): void {
    this.#latest.stop();
    if (this.status === 'searching') this.#set('idle');
  }

  #set(status: SearchStatus): void {
    this.status = status;
    if (status !== 'error') this.error = undefined;
    this.#host.requestUpdate();
  }

}
