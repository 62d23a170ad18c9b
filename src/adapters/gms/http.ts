import { AdapterError, throwIfAborted } from '../errors.js';
import type { GmsRetryOptions } from './config.js';
import { errorFromResponse } from './errors.js';
import { parseJson, requestUrl } from '../http-request.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface GmsHttpOptions {
  baseUrl: string;
  headers: Readonly<Record<string, string>>;
  timeoutMs: number;
  retry: GmsRetryOptions;
  bucketMs: number;
  fetch: typeof fetch;
}

export interface GmsRequest {
  method: HttpMethod;
  /** Path under the base URL, starting with `/genesys/`. */
  path: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  body?: Readonly<Record<string, unknown>>;
  signal?: AbortSignal | undefined;
  /** This request's deadline instead of the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Fewer retries than the client's for this read (a read-back that must answer soon). */
  retries?: number;
}

/**
 * Only reads are sent again. A write whose answer was lost may have been carried out: sending it
 * again is how one click became three PUTs. The adapter reads the callback back instead.
 */
const SAFE: ReadonlySet<HttpMethod> = new Set(['GET']);

/** Waits `ms`, or rejects with `aborted` as soon as the signal aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(new AdapterError('aborted', 'The request was cancelled.', { cause: signal?.reason }));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The only code that talks to GMS. One attempt has a deadline of its own; network failures,
 * timeouts and bare 5xx answers are tried again (with doubling back-off, a bounded number of
 * times) for reads only. GMS error bodies become AdapterErrors.
 */
export class GmsHttpClient {
  readonly #o: GmsHttpOptions;

  constructor(options: GmsHttpOptions) {
    this.#o = options;
  }

  async send<T>(request: GmsRequest): Promise<T> {
    const retries = SAFE.has(request.method) ? Math.min(this.#o.retry.attempts, request.retries ?? Infinity) : 0;
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(request.signal);
      try {
        return await this.#attempt<T>(request);
      } catch (error) {
        const failure = AdapterError.from(error);
        if (attempt >= retries || !failure.retryable || failure.code === 'aborted') throw failure;
        await pause(this.#o.retry.backoffMs * 2 ** attempt, request.signal);
      }
    }
  }

  async #attempt<T>(request: GmsRequest): Promise<T> {
    const timeoutMs = request.timeoutMs ?? this.#o.timeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException('GMS did not answer in time', 'TimeoutError')), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    try {
      const response = await this.#o.fetch(requestUrl(this.#o.baseUrl, request.path, request.query), {
        method: request.method,
        headers: {
          Accept: 'application/json',
          ...(request.body ? { 'Content-Type': 'application/json' } : {}),
          ...this.#o.headers,
        },
        ...(request.body ? { body: JSON.stringify(request.body) } : {}),
        signal,
      });
      const text = await response.text();
      const body: unknown = text ? parseJson(text) : undefined;
      if (!response.ok) throw errorFromResponse(response.status, body, this.#o.bucketMs);
      return body as T;
    } catch (error) {
      if (error instanceof AdapterError) throw error;
      if (request.signal?.aborted) throw new AdapterError('aborted', 'The request was cancelled.', { cause: error });
      if (deadline.signal.aborted) {
        throw new AdapterError('timeout', `GMS did not answer within ${timeoutMs} ms.`, { cause: error });
      }
      throw new AdapterError('network', 'GMS could not be reached.', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

}
