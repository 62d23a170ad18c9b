import { AdapterError, throwIfAborted } from '../errors.js';
import type { FaultInjector, SimulatedOperation } from './faults.js';
import type { TimerSet } from './timers.js';

export interface RequestPipelineOptions {
  timers: TimerSet;
  latencyMs: () => number;
  faults: FaultInjector;
  isOffline: () => boolean;
}

/**
 * The round trip every adapter command makes: it is sent (an already aborted signal stops it
 * here), travels for `latencyMs` on the clock (never synchronously, even at 0), may fail on the way
 * (offline, injected fault, abort), and only then changes anything.
 */
export class RequestPipeline {
  readonly #options: RequestPipelineOptions;

  constructor(options: RequestPipelineOptions) {
    this.#options = options;
  }

  async run<T>(operation: SimulatedOperation, signal: AbortSignal | undefined, body: () => T | Promise<T>): Promise<T> {
    throwIfAborted(signal);
    const { faults, isOffline } = this.#options;
    const offline = isOffline();
    // A request that never left the browser cannot meet a server-side fault.
    const fault = offline ? undefined : faults.take(operation);
    await this.#travel(signal);
    if (offline || isOffline()) throw new AdapterError('offline', 'The connection to the contact center is down.');
    if (fault) throw fault;
    return body();
  }

  #travel(signal: AbortSignal | undefined): Promise<void> {
    const ms = this.#options.latencyMs();
    if (ms <= 0) return Promise.resolve().then(() => throwIfAborted(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#options.timers.clear(key);
        reject(new AdapterError('aborted', 'The request was cancelled.', { cause: signal?.reason }));
      };
      const key = this.#options.timers.set(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
