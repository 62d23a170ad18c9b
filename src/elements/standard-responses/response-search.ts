import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DirectoryAdapter, ResponseQuery, StandardResponse } from '../../adapters/directory-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
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
  #timer: unknown;
  #timerClock: Clock | undefined;
  #inFlight: AbortController | undefined;
  #sequence = 0;
  #directory: DirectoryAdapter | undefined;
  #connected = false;

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
    this.#connected = true;
    this.#directory = this.#config().directory;
    if (this.status !== 'done') void this.search();
  }

  hostUpdate(): void {
    const { directory } = this.#config();
    if (!this.#connected || directory === this.#directory) return;
    this.#directory = directory;
    this.categories = undefined;
    void this.search();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
    if (this.status === 'searching') this.status = 'idle';
  }

  /** Searches once typing pauses. */
  schedule(): void {
    this.#cancelTimer();
    const { clock, debounce } = this.#config();
    this.#timerClock = clock;
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      void this.search();
    }, Math.max(0, debounce));
  }

  /** Searches now for the current query, replacing any search waiting or under way. */
  async search(): Promise<void> {
    this.#stop();
    if (!this.#connected) return;
    const sequence = this.#sequence;
    const { directory, query: raw } = this.#config();
    // No directory yet (it may come by property or context later): nothing to search, nothing failed.
    if (!directory) {
      this.#set('idle');
      return;
    }
    const query = normalize(raw);
    const controller = new AbortController();
    this.#inFlight = controller;
    this.#set('searching');
    try {
      const options = { signal: controller.signal };
      let found: StandardResponse[];
      if (this.categories === undefined) {
        const all = await directory.searchResponses({}, options);
        if (sequence !== this.#sequence) return;
        this.categories = this.#categoriesOf(all);
        found = query.text || query.category ? await directory.searchResponses(query, options) : all;
      } else {
        found = await directory.searchResponses(query, options);
      }
      if (sequence !== this.#sequence) return;
      this.results = found;
      this.answered = query;
      this.#set('done');
    } catch (thrown) {
      if (sequence !== this.#sequence) return;
      this.error = AdapterError.from(thrown);
      this.#set('error');
      this.#onError?.(this.error);
    } finally {
      if (this.#inFlight === controller) this.#inFlight = undefined;
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

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#timerClock?.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #stop(): void {
    this.#cancelTimer();
    this.#sequence++;
    this.#inFlight?.abort();
    this.#inFlight = undefined;
  }
}

function normalize(query: ResponseQuery): ResponseQuery {
  const text = query.text?.trim();
  return { ...(text ? { text } : {}), ...(query.category ? { category: query.category } : {}) };
}
