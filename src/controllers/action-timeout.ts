import { AdapterError } from '../adapters/errors.js';
import type { Clock } from '../model/clock.js';

/**
 * Runs `work` with a signal that aborts after `ms` on `clock` (or when `signal` aborts), and
 * rejects with an `AdapterError('timeout')` at that moment even if the adapter ignores the signal:
 * an adapter that never answers must not leave an action pending forever. A late answer or failure
 * of `work` after the timeout is swallowed (the adapter's events still bring its outcome).
 */
export async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  { clock, ms, what, signal }: { clock: Clock; ms: number; what: string; signal?: AbortSignal | undefined },
): Promise<T> {
  const abort = new AbortController();
  const forward = () => abort.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  let timer: unknown;
  const timedOut = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(() => {
      const error = new AdapterError('timeout', `No answer from the adapter to "${what}" within ${ms} ms.`);
      abort.abort(error);
      reject(error);
    }, ms);
  });
  try {
    const working = work(abort.signal);
    working.catch(() => undefined);
    return await Promise.race([working, timedOut]);
  } finally {
    clock.clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}
