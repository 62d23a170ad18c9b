import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DirectoryAdapter, ResponseQuery, StandardResponse } from '../../adapters/directory-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
import { LatestRequest } from '../../controllers/latest-request.js';
import { LifetimeScope } from '../../controllers/lifetime-scope.js';
import type { Clock } from '../../model/clock.js';

export type ResponseSearchStatus = 'idle' | 'searching' | 'done' | 'error';

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
 * A new directory starts over. Nothing runs while the host is disconnected.
 */
export class ResponseSearch implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #config: () => ResponseSearchConfig;
  readonly #onError: ((error: AdapterError) => void) | undefined;
  readonly #latest = new LatestRequest();
  #directory: DirectoryAdapter | undefined;
  readonly #lifetime = new LifetimeScope();

  results: readonly StandardResponse[] = [];
  /** Category names found in the library, sorted for the agent's language; undefined until loaded. */
  categories: readonly string[] | undefined;
  status: ResponseSearchStatus = 'idle';
  error: AdapterError | undefined;
  /** The query the current results answer. */
  answered: ResponseQuery = {};

  constructor(host: ReactiveControllerHost, config: () => ResponseSearchConfig, onError?: (error: AdapterError) => void) {
    this.#host = host;
    this.#config = config;
    this.#onError = onError;
    host.addController(this);
  }

  hostConnected(): void {
    this.#lifetime.open();
    // The search's timer and request end with the host.
    this.#lifetime.subscribe(() => () => this.#latest.stop());
    this.#directory = this.#config().directory;
    if (this.status !== 'done') void this.search();
  }

  hostUpdate(): void {
    const { directory } = this.#config();
    if (!this.#lifetime.active || directory === this.#directory) return;
    this.#directory = directory;
    this.categories = undefined;
    void this.search();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    if (this.status === 'searching') this.status = 'idle';
  }

  /** Searches once typing pauses. */
  schedule(): void {
    const { clock, debounce } = this.#config();
    if (this.#lifetime.active) this.#latest.debounce(clock, debounce, () => void this.search());
  }

  /** Searches now for the current query, replacing any search waiting or under way. */
  async search(): Promise<void> {
    this.#latest.stop();
    if (!this.#lifetime.active) return;
    const { directory, query: raw } = this.#config();
    // No directory yet (it may come by property or context later): nothing to search, nothing failed.
    if (!directory) {
      this.#set('idle');
      return;
    }
    const query = normalize(raw);
    const request = this.#latest.begin();
    this.#set('searching');
    try {
      const options = { signal: request.signal };
      let found: StandardResponse[];
      if (this.categories === undefined) {
        const all = await directory.searchResponses({}, options);
        if (!request.isCurrent()) return;
        this.categories = this.#categoriesOf(all);
        found = query.text || query.category ? await directory.searchResponses(query, options) : all;
      } else {
        found = await directory.searchResponses(query, options);
      }
      if (!request.isCurrent()) return;
      this.results = found;
      this.answered = query;
      this.#set('done');
    } catch (thrown) {
      if (!request.isCurrent()) return;
      this.error = AdapterError.from(thrown);
      this.#set('error');
      this.#onError?.(this.error);
    } finally {
      request.finish();
    }
  }

  #categoriesOf(responses: readonly StandardResponse[]): string[] {
    const collator = new Intl.Collator(this.#config().locale);
    return [...new Set(responses.map((r) => r.category).filter(Boolean))].sort(collator.compare);
  }

  #set(status: ResponseSearchStatus): void {
    this.status = status;
    if (status !== 'error') this.error = undefined;
    this.#host.requestUpdate();
  }

}

function normalize(query: ResponseQuery): ResponseQuery {
  const text = query.text?.trim();
  return { ...(text ? { text } : {}), ...(query.category ? { category: query.category } : {}) };
}
