import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AdapterError } from '../adapters/errors.js';
import type { Clock } from '../model/clock.js';
import { LifetimeScope } from './lifetime-scope.js';

/** Nothing asked yet (or nothing to ask), an answer awaited, answered, failed. */
export type AsyncStatus = 'initial' | 'pending' | 'complete' | 'error';

export interface AsyncStateCallbacks<T> {
  /** The current request answered. */
  onValue?: (value: T) => void;
  /** The current request failed (never one that was superseded or cancelled). */
  onError?: (error: AdapterError) => void;
}

/**
 * One adapter request whose answer an element renders (a contact, a search's results, a day's free
 * slots): the latest request wins (starting one aborts the one under way through its `signal`, and a
 * late answer to an older one is dropped), an optional pause on an injectable clock before asking,
 * and failures kept as an `AdapterError`. Its requests and timers are taken through a
 * `LifetimeScope`: they end when the host leaves the page, and nothing starts while it is away
 * (a request under way then counts as never asked: `initial`).
 *
 * Either the host calls `sync(args)` at each update (a change of `args`, compared item by item,
 * asks again; coming back to the page asks afresh), or it calls `run()` and `debounce()` itself.
 * Lit's own `@lit/task` does the first half of this but neither aborts on disconnect nor waits on an
 * injected clock, and measured larger with that added (see the commit that introduced this class).
 */
export class AsyncState<T, A extends readonly unknown[] = []> implements ReactiveController {
  protected readonly host: ReactiveControllerHost;
  readonly #task: ((args: A, signal: AbortSignal) => Promise<T>) | undefined;
  readonly #callbacks: AsyncStateCallbacks<T>;
  /** The host's time in the page. */
  readonly lifetime = new LifetimeScope();
  /** The request under way, replaced by the next one. */
  readonly #request = new LifetimeScope(this.lifetime);
  /** The pause before a scheduled request. */
  readonly #timer = new LifetimeScope(this.lifetime);
  /** What `sync()` last asked for; undefined until it asked since the host came to the page. */
  #synced: { args: A | undefined } | undefined;

  status: AsyncStatus = 'initial';
  /** The latest answer (kept while the next request is under way, and after it failed). */
  value: T | undefined;
  /** What `value` answers. */
  answered: A | undefined;
  error: AdapterError | undefined;

  /** `task` answers for the given arguments (a subclass may override `task()` instead). */
  constructor(host: ReactiveControllerHost, task?: (args: A, signal: AbortSignal) => Promise<T>, callbacks: AsyncStateCallbacks<T> = {}) {
    this.host = host;
    this.#task = task;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  hostConnected(): void {
    this.lifetime.open();
    // Back in the page: the next update syncs afresh.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.lifetime.close();
    this.#synced = undefined;
    if (this.status === 'pending') this.status = 'initial';
  }

  /**
   * Asks for `args` unless it was the last thing asked (undefined: nothing to ask, `initial`); a
   * change drops the previous answer. Not while the host is out of the page.
   */
  sync(args: A | undefined): void {
    const last = this.#synced?.args;
    if (!this.lifetime.active || (this.#synced && (args === last || (args && last && args.length === last.length && args.every((v, i) => v === last[i]))))) return;
    this.#synced = { args };
    this.reset();
    if (args) void this.run(args);
  }

  /** Asks again at the next update (after a failure, or when the answer is known to be stale). */
  reload(): void {
    this.#synced = undefined;
    this.host.requestUpdate();
  }

  /** Asks now, replacing any request waiting or under way. */
  async run(args: A): Promise<void> {
    this.#timer.close();
    if (!this.#request.open()) return;
    // Aborted once replaced, cancelled or the host left: its answer is then dropped.
    const { signal } = this.#request;
    this.#set('pending');
    try {
      const value = await this.task(args, signal);
      if (signal.aborted) return;
      this.value = value;
      this.answered = args;
      this.#set('complete');
      this.#callbacks.onValue?.(value);
    } catch (thrown) {
      if (signal.aborted) return;
      this.error = AdapterError.from(thrown);
      this.#set('error');
      this.#callbacks.onError?.(this.error);
    }
  }

  /** Asks once `ms` have passed on `clock` without another call (a pause in typing); the request under way goes on until then. */
  debounce(clock: Clock, ms: number, args: A): void {
    if (this.#timer.open()) this.#timer.timeout(clock, () => void this.run(args), Math.max(0, ms));
  }

  /** Stops what is waiting or under way and starts over from `initial`, holding `value`. */
  reset(value?: T): void {
    this.#timer.close();
    this.#request.close();
    this.value = value;
    this.#set('initial');
  }

  /** Takes an answer known without asking (what a save stored), replacing any request under way. */
  set(value: T): void {
    this.reset(value);
    this.#set('complete');
  }

  /** Answers for `args`; `signal` aborts when the request is superseded or the host leaves. */
  protected task(args: A, signal: AbortSignal): Promise<T> {
    return this.#task!(args, signal);
  }

  #set(status: AsyncStatus): void {
    this.status = status;
    if (status !== 'error') this.error = undefined;
    this.host.requestUpdate();
  }
}
