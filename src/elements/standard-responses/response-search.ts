import type { ReactiveControllerHost } from 'lit';
import type { DirectoryAdapter, ResponseQuery, StandardResponse } from '../../adapters/directory-adapter.js';
import type { AdapterError } from '../../adapters/errors.js';
import { AsyncState } from '../../controllers/async-state.js';
import type { Clock } from '../../model/clock.js';

export interface ResponseSearchConfig {
  directory: DirectoryAdapter | undefined;
  clock: Clock;
  /** What is asked for now (typed text, chosen category). */
  query: ResponseQuery;
  /** Pause after the last keystroke before asking, ms. */
  debounce: number;
  locale: string;
}

/**
 * The library search: the first answer (everything) also gives the categories; later searches
 * wait for a pause in typing on the clock, cancel the one they replace and ignore late answers.
 * A new directory starts over. Nothing runs while the host is disconnected. `answered` holds the
 * query the results answer.
 */
export class ResponseSearch extends AsyncState<StandardResponse[], [ResponseQuery]> {
  readonly #config: () => ResponseSearchConfig;
  #directory: DirectoryAdapter | undefined;

  /** Category names found in the library, sorted for the agent's language; undefined until loaded. */
  categories: readonly string[] | undefined;

  constructor(host: ReactiveControllerHost, config: () => ResponseSearchConfig, onError?: (error: AdapterError) => void) {
    super(host, undefined, { onError });
    this.#config = config;
  }

  protected override async task([query]: [ResponseQuery], signal: AbortSignal): Promise<StandardResponse[]> {
    const { directory, locale } = this.#config();
    if (this.categories === undefined) {
      const all = await directory!.searchResponses({}, { signal });
      if (signal.aborted) return all;
      const collator = new Intl.Collator(locale);
      this.categories = [...new Set(all.map((r) => r.category).filter(Boolean))].sort(collator.compare);
      if (!query.text && !query.category) return all;
    }
    return directory!.searchResponses(query, { signal });
  }

  /** The latest results (kept while searching again, and after a failure). */
  get results(): readonly StandardResponse[] {
    return this.value ?? [];
  }

  override hostConnected(): void {
    super.hostConnected();
    this.#directory = this.#config().directory;
    if (this.status !== 'complete') void this.search();
  }

  hostUpdate(): void {
    const { directory } = this.#config();
    if (!this.lifetime.active || directory === this.#directory) return;
    this.#directory = directory;
    this.categories = undefined;
    void this.search();
  }

  /** Searches once typing pauses. */
  schedule(): void {
    const { clock, debounce, query } = this.#config();
    this.debounce(clock, debounce, [normalize(query)]);
  }

  /** Searches now for the current query, replacing any search waiting or under way. */
  search(): Promise<void> {
    // No directory yet (it may come by property or context later): nothing to search, nothing failed.
    if (!this.#config().directory) {
      if (this.lifetime.active) this.reset(this.value);
      return Promise.resolve();
    }
    return this.run([normalize(this.#config().query)]);
  }
}

function normalize(query: ResponseQuery): ResponseQuery {
  const text = query.text?.trim();
  return { ...(text ? { text } : {}), ...(query.category ? { category: query.category } : {}) };
}
