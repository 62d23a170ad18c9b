import { AdapterError, type AdapterErrorCode } from '../errors.js';
import type { AvailabilitySlot } from '../../model/interaction.js';
import { slotsFromAvailability } from './records.js';

/** The body GMS answers an error with. */
export interface GmsErrorBody {
  message?: string;
  exception?: string;
  /** With `CallbackExceptionAvailability`: alternative slots, `{ "<ISO>": free }`. */
  availability?: Record<string, number>;
}

const BY_EXCEPTION: readonly [RegExp, AdapterErrorCode][] = [
  [/CallbackExceptionNumber$/, 'number-disallowed'],
  [/CallbackExceptionAvailability$/, 'time-unavailable'],
  [/CallbackExceptionServiceUnavailable$/, 'service-unavailable'],
  [/NotFound$/, 'not-found'],
];

function codeFor(status: number, exception: string): AdapterErrorCode {
  for (const [pattern, code] of BY_EXCEPTION) if (pattern.test(exception)) return code;
  if (status === 404) return 'not-found';
  if (status === 401 || status === 403) return 'not-permitted';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid-input';
  if (status === 502 || status === 503 || status === 504) return 'service-unavailable';
  return 'unknown';
}

/** Turns a GMS error response into the adapter's error, keeping the GMS exception in `detail`. */
export function errorFromResponse(status: number, body: unknown, bucketMs: number): AdapterError {
  const gms: GmsErrorBody = body && typeof body === 'object' ? (body as GmsErrorBody) : {};
  const exception = typeof gms.exception === 'string' ? gms.exception : '';
  const code = codeFor(status, exception);
  const message = typeof gms.message === 'string' && gms.message ? gms.message : `GMS answered ${status}`;
  const detail: Record<string, unknown> = { status, ...(exception ? { exception } : {}) };
  if (code === 'time-unavailable') {
    const alternatives: AvailabilitySlot[] = gms.availability
      ? slotsFromAvailability(gms.availability, bucketMs).filter((s) => s.capacity > 0)
      : [];
    detail.alternatives = alternatives;
  }
  // A queue limit (a GMS exception) is not lifted by asking again at once; a bare 503 may be.
  const retryable = code === 'service-unavailable' ? !exception : undefined;
  return new AdapterError(code, message, { detail, ...(retryable === undefined ? {} : { retryable }) });
}
