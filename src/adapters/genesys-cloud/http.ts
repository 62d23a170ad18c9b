import type { Models } from 'purecloud-platform-client-v2';
import type { Clock } from '../../model/clock.js';
import { AdapterError, throwIfAborted, type AdapterErrorCode } from '../errors.js';
import type { RateLimit } from './config.js';
import { parseJson, requestUrl } from '../http-request.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface PlatformRequest {
  method: HttpMethod;
  /** Path under the base URL, starting with `/api/v2/`. */
  path: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** This request's deadline instead of the client's. */
  timeoutMs?: number;
  /** Fewer retries than the client's (a read-back that must answer soon). */
  retries?: number;
}

export interface PlatformHttpOptions {
  baseUrl: string;
  accessToken: () => string | Promise<string>;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  rateLimit: RateLimit;
  maxRetryAfterMs: number;
  timers: Clock;
  fetch: typeof fetch;
}

/** Only reads go again by themselves after a lost answer; a write is read back by its caller. */
const SAFE: ReadonlySet<HttpMethod> = new Set(['GET']);
/** How many 429s in a row one request waits out before it fails. */
const MAX_THROTTLED = 3;

function codeFor(status: number): AdapterErrorCode {
  if (status === 400 || status === 422) return 'invalid-input';
  if (status === 401 || status === 403) return 'not-permitted';
  if (status === 404) return 'not-found';
  if (status === 409) return 'invalid-state';
  if (status === 429 || status >= 500) return 'service-unavailable';
  return 'unknown';
}

/** A Platform API error answer (`ErrorBody`) as the adapter's error, the body kept in `detail`. */
export function errorFromResponse(status: number, body: unknown): AdapterError {
  const error: Models.ErrorBody = body && typeof body === 'object' ? (body as Models.ErrorBody) : {};
  const message = typeof error.message === 'string' && error.message ? error.message : `Genesys Cloud answered ${status}.`;
  return new AdapterError(codeFor(status), message, {
    detail: { status, ...(error.code ? { platformCode: error.code } : {}), ...(error.contextId ? { contextId: error.contextId } : {}) },
    retryable: status === 429 || status >= 500,
  });
}

/** Waits `ms` on `timers`, or rejects with `aborted` as soon as the signal aborts. */
export function pause(timers: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AdapterError('aborted', 'The request was cancelled.', { cause: signal.reason }));
      return;
    }
    const timer = timers.setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      timers.clearTimeout(timer);
      reject(new AdapterError('aborted', 'The request was cancelled.', { cause: signal?.reason }));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The only code that talks to the Platform API over HTTP. The access token comes from the host's
 * function, asked again once after a 401. Requests start at a bounded rate (a sliding window); a
 * 429 pauses every request until its `Retry-After` has passed, then the request goes again (the
 * API did not carry it out). Network errors, timeouts and 5xx are retried for reads only.
 */
export class PlatformHttp {
  readonly #o: PlatformHttpOptions;
  #token: Promise<string> | undefined;
  /** Start times of the latest requests, oldest first (at most `rateLimit.requests`). */
  readonly #starts: number[] = [];
  /** Requests queued for a start slot, in order. */
  #slot: Promise<void> = Promise.resolve();
  /** No request starts before this time (a 429's Retry-After). */
  #pausedUntil = 0;
  /** Requests sent so far (tests and the bench read it). */
  sent = 0;
  /** Requests asked for and not answered yet (a test waits for none before it runs the server's clock). */
  inFlight = 0;

  constructor(options: PlatformHttpOptions) {
    this.#o = options;
  }

  async send<T>(request: PlatformRequest): Promise<T> {
    this.inFlight++;
    try {
      return await this.#send<T>(request);
    } finally {
      this.inFlight--;
    }
  }

  async #send<T>(request: PlatformRequest): Promise<T> {
    const retries = SAFE.has(request.method) ? Math.min(this.#o.retries, request.retries ?? Infinity) : 0;
    let throttled = 0;
    let failures = 0;
    let renewedToken = false;
    for (;;) {
      throwIfAborted(request.signal);
      await this.#startSlot(request.signal);
      const token = await this.#accessToken();
      try {
        return await this.#attempt<T>(request, token);
      } catch (error) {
        const failure = AdapterError.from(error);
        const status = failure.detail.status;
        if (status === 401 && !renewedToken) {
          // The token expired or was revoked: ask the host once for a new one.
          renewedToken = true;
          this.#dropToken(token);
          continue;
        }
        if (status === 429 && throttled < MAX_THROTTLED) {
          throttled++;
          const waitMs = Math.min(this.#o.maxRetryAfterMs, retryAfterMs(failure.detail.retryAfter) ?? this.#o.backoffMs * 2 ** throttled);
          this.#pausedUntil = Math.max(this.#pausedUntil, this.#o.timers.now() + waitMs);
          continue;
        }
        if (failures >= retries || !failure.retryable || failure.code === 'aborted' || status === 429) throw failure;
        await pause(this.#o.timers, this.#o.backoffMs * 2 ** failures, request.signal);
        failures++;
      }
    }
  }

  #accessToken(): Promise<string> {
    this.#token ??= this.#freshToken();
    return this.#token;
  }

  #freshToken(): Promise<string> {
    const token = Promise.resolve()
      .then(() => this.#o.accessToken())
      .catch((error: unknown) => {
        if (this.#token === token) this.#token = undefined;
        throw new AdapterError('not-permitted', 'No Genesys Cloud access token.', { cause: error });
      });
    return token;
  }

  /** Asks the host again, unless another request already replaced the token that failed. */
  #dropToken(used: string): void {
    const current = this.#token;
    this.#token = current ? current.then((token) => (token === used ? this.#freshToken() : token)) : undefined;
  }

  /** Resolves when this request may start: after any Retry-After and within the rate limit. */
  #startSlot(signal?: AbortSignal): Promise<void> {
    const turn = this.#slot.then(async () => {
      for (;;) {
        const now = this.#o.timers.now();
        const { requests, perMs } = this.#o.rateLimit;
        while (this.#starts.length && this.#starts[0]! <= now - perMs) this.#starts.shift();
        const wait = Math.max(this.#pausedUntil - now, this.#starts.length >= requests ? this.#starts[0]! + perMs - now : 0);
        if (wait <= 0) break;
        await pause(this.#o.timers, wait, signal);
      }
      this.#starts.push(this.#o.timers.now());
    });
    // The next request waits for this one's start, not for its success.
    this.#slot = turn.catch(() => undefined);
    return turn;
  }

  async #attempt<T>(request: PlatformRequest, token: string): Promise<T> {
    const timeoutMs = request.timeoutMs ?? this.#o.timeoutMs;
    const deadline = new AbortController();
    const timer = this.#o.timers.setTimeout(() => deadline.abort(new DOMException('Genesys Cloud did not answer in time', 'TimeoutError')), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    this.sent++;
    try {
      const response = await this.#o.fetch(requestUrl(this.#o.baseUrl, request.path, request.query), {
        method: request.method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${token}`,
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal,
      });
      const text = await response.text();
      const body: unknown = text ? parseJson(text) : undefined;
      if (!response.ok) {
        const error = errorFromResponse(response.status, body);
        const retryAfter = response.headers.get('Retry-After');
        throw retryAfter === null ? error : new AdapterError(error.code, error.message, { detail: { ...error.detail, retryAfter }, retryable: error.retryable });
      }
      return body as T;
    } catch (error) {
      if (error instanceof AdapterError) throw error;
      if (request.signal?.aborted) throw new AdapterError('aborted', 'The request was cancelled.', { cause: error });
      if (deadline.signal.aborted) throw new AdapterError('timeout', `Genesys Cloud did not answer within ${timeoutMs} ms.`, { cause: error });
      throw new AdapterError('network', 'Genesys Cloud could not be reached.', { cause: error });
    } finally {
      this.#o.timers.clearTimeout(timer);
    }
  }

}

/** `Retry-After` in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfterMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
