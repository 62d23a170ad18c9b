import type { ReactiveControllerHost } from 'lit';
import type { DirectoryAdapter, DirectoryTarget } from '../../adapters/directory-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
import { AsyncState } from '../../controllers/async-state.js';
import type { Clock } from '../../model/clock.js';
import type { TargetRef } from '../../model/interaction.js';

export type TargetKind = TargetRef['kind'];

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
 * leaves the page. Results come back grouped by kind; `answered` holds the text they answer.
 */
export class TargetSearch extends AsyncState<DirectoryTarget[], [string]> {
  readonly #config: () => TargetSearchConfig;

  constructor(host: ReactiveControllerHost, config: () => TargetSearchConfig, callbacks: TargetSearchCallbacks = {}) {
    super(host, undefined, { onValue: callbacks.onResults, onError: callbacks.onError });
    this.#config = config;
  }

  protected override async task([text]: [string], signal: AbortSignal): Promise<DirectoryTarget[]> {
    const { directory, kinds, limit } = this.#config();
    if (!directory) throw new AdapterError('not-supported', 'No directory adapter is connected.');
    const found = await directory.searchTargets({ text, kinds: kinds?.length ? kinds : undefined, limit }, { signal });
    return KIND_ORDER.flatMap((kind) => found.filter((t) => t.kind === kind));
  }

  /** The results of the last search; none after a failure. */
  get results(): readonly DirectoryTarget[] {
    return (this.status !== 'error' && this.value) || [];
  }

  /** Searches for `text` once the typing pauses; empty text resets instead. */
  schedule(text: string): void {
    const { clock, debounce } = this.#config();
    const trimmed = text.trim();
    if (trimmed) this.debounce(clock, debounce, [trimmed]);
    else this.reset();
  }

  /** Searches now, replacing any search waiting or under way. */
  search(raw: string): Promise<void> {
    const text = raw.trim();
    if (text) return this.run([text]);
    this.reset();
    return Promise.resolve();
  }
}
