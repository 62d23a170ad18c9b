/**
 * The small helpers the contract suites are written with, exported for an adapter's own tests.
 * None needs a test runner: a failure is a thrown `Error` whose message says what was expected.
 */
import { AdapterError, type AdapterErrorCode, type Unsubscribe } from '../adapters/errors.js';

/** Collects what an adapter subscription delivers, in order; `stop()` unsubscribes. */
export function recordEmitted<T>(subscribe: (listener: (value: T) => void) => Unsubscribe): { values: T[]; stop: Unsubscribe } {
  const values: T[] = [];
  const stop = subscribe((value) => values.push(value));
  return { values, stop };
}

/** The last value delivered for `id`, among what `recordEmitted` collected. */
export function lastFor<T extends { id: string }>(values: readonly T[], id: string): T | undefined {
  return values.filter((v) => v.id === id).at(-1);
}

const shown = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * The AdapterError `promise` rejects with, after checking its `code` when one is given; throws if
 * the promise resolves, or rejects with anything else.
 */
export async function rejectionOf(promise: Promise<unknown>, code?: AdapterErrorCode): Promise<AdapterError> {
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await promise };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (outcome.ok) throw new Error(`expected a rejection${code ? ` with "${code}"` : ''}, got ${shown(outcome.value)}`);
  const { error } = outcome;
  if (!(error instanceof AdapterError)) {
    throw new Error(`expected an AdapterError${code ? ` with "${code}"` : ''}, got ${String(error)}`, { cause: error });
  }
  if (code && error.code !== code) throw new Error(`expected an AdapterError with "${code}", got "${error.code}": ${error.message}`, { cause: error });
  return error;
}

/**
 * Polls `condition` (every 20 ms) until it returns true; after `timeoutMs` (default 5 s) throws
 * with `message`, or what it returns when it is a function (called then, so it can show the last
 * value seen).
 */
export async function waitUntil(condition: () => boolean, message: string | (() => string), timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(typeof message === 'function' ? message() : message);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
