/** Error codes that say "the service could not be reached", not "the service said no". */
const TRANSIENT = new Set(['network', 'timeout', 'service-unavailable', 'offline']);

/**
 * True when a failed call is worth sending again as is. Read by code rather than by class, so an
 * error from an adapter loaded in another realm or bundle copy (an iframe, two copies of the
 * library) is still recognised.
 */
export function isTransientFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, retryable } = error as { code?: unknown; retryable?: unknown };
  return retryable === true || (typeof code === 'string' && TRANSIENT.has(code));
}

/** The code of a failure, for the record (any realm). */
export function failureCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'unknown';
}

/** Back-off after the n-th failed try: 5 s, 10 s, 20 s, 40 s, then every 60 s. */
export function retryDelay(attempts: number, firstMs = 5_000, maxMs = 60_000): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempts - 1));
}
