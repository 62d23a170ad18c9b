import { AdapterError, throwIfAborted, type AdapterErrorCode } from '../errors.js';
import { parseJson, requestUrl } from '../http-request.js';

export interface WorkspaceHttpOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  fetch: typeof fetch;
  /**
   * Called once when a request answers 401, then the request is sent once more: the session asks
   * the host for a new token and initializes again.
   */
  renew: () => Promise<void>;
}

export interface WorkspaceRequest {
  method: 'GET' | 'POST';
  /** Path under `{baseUrl}/workspace/v3`, starting with `/`. */
  path: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal | undefined;
  /** No 401 renewal (initialize-workspace itself). */
  noRenew?: boolean;
}

/** What the API answers: `status` always, `data` on reads. */
export interface WorkspaceAnswer<T = unknown> {
  status?: { code?: number; message?: string };
  data?: T;
}

function codeFor(status: number): AdapterErrorCode {
  if (status === 400 || status === 422) return 'invalid-input';
  if (status === 401 || status === 403) return 'not-permitted';
  if (status === 404) return 'not-found';
  if (status === 409) return 'invalid-state';
  if (status === 502 || status === 503 || status === 504) return 'service-unavailable';
  return 'unknown';
}

/** Turns an error answer into the adapter's error, keeping the API's status in `detail`. */
export function errorFromResponse(status: number, body: unknown): AdapterError {
  const answer = body && typeof body === 'object' ? (body as WorkspaceAnswer) : {};
  const message = answer.status?.message || `The Workspace API answered ${status}`;
  return new AdapterError(codeFor(status), message, {
    detail: { status, ...(answer.status?.code === undefined ? {} : { apiCode: answer.status.code }) },
    ...(status >= 500 ? { retryable: true } : {}),
  });
}

/**
 * The only code that sends REST requests to the Workspace API. The session cookie travels with
 * each request (`credentials: 'include'`); a 401 renews the session once. Nothing is sent twice
 * otherwise: a write whose answer was lost is reconciled by the caller from the notifications or
 * a read-back, never repeated.
 */
export class WorkspaceHttp {
  readonly #o: WorkspaceHttpOptions;

  constructor(options: WorkspaceHttpOptions) {
    this.#o = options;
  }

  async send<T = unknown>(request: WorkspaceRequest): Promise<WorkspaceAnswer<T>> {
    try {
      return await this.#attempt<T>(request);
    } catch (error) {
      if (request.noRenew || !(error instanceof AdapterError) || error.detail.status !== 401) throw error;
      await this.#o.renew();
      return this.#attempt<T>(request);
    }
  }

  async #attempt<T>(request: WorkspaceRequest): Promise<WorkspaceAnswer<T>> {
    throwIfAborted(request.signal);
    const { timeoutMs } = this.#o;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException('The Workspace API did not answer in time', 'TimeoutError')), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    try {
      const response = await this.#o.fetch(requestUrl(this.#o.baseUrl.replace(/\/+$/, '') + '/workspace/v3', request.path, request.query), {
        method: request.method,
        credentials: 'include',
        headers: {
          Accept: 'application/json',
          ...(request.method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
          ...(this.#o.apiKey ? { 'x-api-key': this.#o.apiKey } : {}),
          ...request.headers,
        },
        ...(request.method === 'POST' ? { body: JSON.stringify(request.body ?? {}) } : {}),
        signal,
      });
      const text = await response.text();
      const body: unknown = text ? parseJson(text) : undefined;
      if (!response.ok) throw errorFromResponse(response.status, body);
      return (body ?? {}) as WorkspaceAnswer<T>;
    } catch (error) {
      if (error instanceof AdapterError) throw error;
      if (request.signal?.aborted) throw new AdapterError('aborted', 'The request was cancelled.', { cause: error });
      if (deadline.signal.aborted) {
        throw new AdapterError('timeout', `The Workspace API did not answer within ${timeoutMs} ms.`, { cause: error });
      }
      throw new AdapterError('network', 'The Workspace API could not be reached.', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

}
