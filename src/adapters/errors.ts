/**
 * Stable codes for everything an adapter call can fail with. Elements map each code to a localized
 * message; integrators branch on the code, never on the message. `unconfirmed`: a write whose
 * answer was lost and whose result could not be read back either; it may have been made.
 */
export const ADAPTER_ERROR_CODES = [
  'network',
  'timeout',
  'aborted',
  'not-found',
  'conflict',
  'invalid-state',
  'invalid-input',
  'not-supported',
  'not-permitted',
  'number-disallowed',
  'time-unavailable',
  'service-unavailable',
  'target-declined',
  'target-no-answer',
  'target-busy',
  'offline',
  'unconfirmed',
  'unknown',
] as const;

export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(ADAPTER_ERROR_CODES);

export interface AdapterErrorOptions {
  cause?: unknown;
  /** Safe to try again as is (network blips, timeouts, a 503). */
  retryable?: boolean;
  /** Extra typed detail, e.g. alternative slots for `time-unavailable`. */
  detail?: Readonly<Record<string, unknown>>;
}

/** The one error type adapters reject with. */
export class AdapterError extends Error {
  readonly code: AdapterErrorCode;
  readonly retryable: boolean;
  readonly detail: Readonly<Record<string, unknown>>;

  constructor(code: AdapterErrorCode, message: string, options: AdapterErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AdapterError';
    this.code = code;
    this.retryable = options.retryable ?? (code === 'network' || code === 'timeout' || code === 'service-unavailable');
    this.detail = options.detail ?? {};
  }

  /** Wraps anything thrown into an AdapterError, keeping AdapterErrors as they are. */
  static from(error: unknown): AdapterError {
    if (error instanceof AdapterError) return error;
    // An AdapterError from another realm (an iframe) or another copy of the library fails
    // instanceof but keeps its name and code: keep its meaning rather than calling it unknown.
    if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AdapterError') {
      const { code, message, retryable, detail } = error as { code?: unknown; message?: unknown; retryable?: unknown; detail?: unknown };
      if (typeof code === 'string' && KNOWN_CODES.has(code)) {
        return new AdapterError(code as AdapterErrorCode, typeof message === 'string' ? message : code, {
          cause: error,
          ...(typeof retryable === 'boolean' ? { retryable } : {}),
          ...(typeof detail === 'object' && detail !== null ? { detail: detail as Record<string, unknown> } : {}),
        });
      }
    }
    if (error instanceof DOMException && error.name === 'AbortError') {
      return new AdapterError('aborted', 'The request was cancelled.', { cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new AdapterError('unknown', message, { cause: error });
  }
}

export function isAdapterError(error: unknown, code?: AdapterErrorCode): error is AdapterError {
  return error instanceof AdapterError && (code === undefined || error.code === code);
}

/** Rejects with an `aborted` AdapterError when the signal is already aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AdapterError('aborted', 'The request was cancelled.', { cause: signal.reason });
}

/** Signature every subscription returns. */
export type Unsubscribe = () => void;
