import { AdapterError, throwIfAborted } from '../errors.js';

/**
 * A failure that says nothing about whether GMS carried the write out: no answer in time, a
 * connection lost on the way, or a bare 5xx from something in front of GMS. An answer with a GMS
 * exception is GMS's own refusal: nothing was changed.
 */
export function outcomeUnknown(error: AdapterError): boolean {
  if (error.code === 'timeout' || error.code === 'network') return true;
  const status = error.detail.status;
  return typeof status === 'number' && status >= 500 && !error.detail.exception;
}

/** One write to GMS (create, reschedule, cancel) and how to tell whether it was carried out. */
export interface Write<A, T> {
  /** Writes to the same callback share a key: the agent's latest is the one applied here. */
  key: string;
  /** The request as it goes out: the same write while one is in flight joins it, never resent. */
  signature: string;
  /**
   * What the write records here besides the request (a reschedule's reason). A caller joining a
   * write in flight with a different one has its own recorded instead: the agent's last choice.
   */
  local?: string;
  /**
   * What must be read before sending so that a read-back can tell this write's result apart.
   * `timeoutMs`: the deadline of that read, part of the caller's budget.
   */
  prepare?(signal: AbortSignal, timeoutMs: number): Promise<void>;
  /** Sends the request, once; resolves with GMS's answer. */
  send(signal: AbortSignal): Promise<A>;
  /**
   * Reads GMS back within `timeoutMs`: resolves with what the answer would have been when GMS
   * holds what the write asked for, undefined when it does not; rejects when GMS cannot be read
   * or does not tell.
   */
  readBack(timeoutMs: number): Promise<A | undefined>;
  /** Applies the carried-out write here (history, offer state). Runs once per write and local choice. */
  confirm(answer: A): T;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AdapterError };

function outcome<T>(run: () => T): Outcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: AdapterError.from(error) };
  }
}

function unwrap<T>(result: Outcome<T>): T {
  if (result.ok) return result.value;
  throw result.error;
}

/**
 * How many times a caller waits for the write's answer, reading GMS back after each: GMS
 * answering the read but not yet the write may just be busy.
 */
const ROUNDS = 2;

class Flight<A, T> {
  /** The write as sent: its request and its read-back. */
  readonly write: Write<A, T>;
  readonly ready: Promise<void>;
  readonly sent: Promise<Outcome<A>>;
  /** A later write to the same callback was sent: this one's late answer is not applied here. */
  superseded = false;
  /** The request's answer, once it came. */
  result: Outcome<A> | undefined;
  /** Callers still waiting for their answer (each reads back for itself). */
  waiting = 0;
  /** The latest caller's write: its local choice is the one recorded here. */
  #latest: Write<A, T>;
  #answer: { value: A } | undefined;
  #confirmed: Outcome<T> | undefined;

  constructor(write: Write<A, T>, signal: AbortSignal, readMs: number) {
    this.write = write;
    this.#latest = write;
    // Without what prepare reads, a read-back cannot confirm; the write itself still goes out.
    this.ready = (write.prepare?.(signal, readMs) ?? Promise.resolve()).catch(() => undefined);
    this.sent = this.ready
      .then(() => write.send(signal))
      .then(
        (value): Outcome<A> => ({ ok: true, value }),
        (error: unknown): Outcome<A> => ({ ok: false, error: AdapterError.from(error) }),
      )
      .then((result) => (this.result = result));
  }

  get confirmed(): Outcome<T> | undefined {
    return this.#confirmed;
  }

  confirm(answer: A): T {
    if (!this.#confirmed) {
      this.#answer = { value: answer };
      this.#confirmed = outcome(() => this.#latest.confirm(answer));
    }
    return unwrap(this.#confirmed);
  }

  /**
   * The same request asked again. With another local choice, that choice is the one recorded:
   * instead of the earlier one when the write is not confirmed yet, after it when it already is
   * (the agent saw the first one succeed).
   */
  join(write: Write<A, T>): void {
    if (write.local === this.#latest.local) return;
    this.#latest = write;
    const answer = this.#answer;
    if (answer) this.#confirmed = outcome(() => write.confirm(answer.value));
  }
}

/** Resolves with `work`'s value, or undefined after `ms`. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let stop = () => {};
  const late = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, ms);
    stop = () => clearTimeout(timer);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    stop();
  }
}

/** A caller's view of a shared write: its signal stops the waiting, not the write. */
function detach<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AdapterError('aborted', 'The request was cancelled.', { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Writes whose outcome is never left unknown to the agent when GMS can be read.
 *
 * A write is sent once, never again by itself. Its caller hears GMS's answer, or, when the answer
 * is lost, a bare 5xx or not there after `answerMs`, what a read-back of the callback shows (carried
 * out: success, applied here as a normal success; not carried out: the original error; GMS
 * unreadable: `unconfirmed`). A read-back that shows no change while the answer is still awaited
 * gives the write a little longer and reads again. All of it fits in `budgetMs` (2 × `answerMs` by
 * default; reads get at most `answerMs` / 2 each): the caller is answered before an element's own
 * action timeout would say "did not answer in time" over the reconciliation. The request itself is
 * still waited for (up to its own deadline): a late success is applied here then, a late lost
 * answer read back once more, so the interaction ends up as GMS holds it. The same request asked
 * again while one is in flight (a double-click, a retry after a timeout) joins it instead of
 * sending a second one, with the latest caller's local choice recorded; another request to the
 * same callback goes out and supersedes it.
 */
export class ConfirmedWrites {
  readonly #answerMs: number;
  readonly #budgetMs: number;
  readonly #readMs: number;
  readonly #lifetime = new AbortController();
  readonly #flights = new Map<string, Flight<unknown, unknown>>();

  constructor(answerMs: number, budgetMs = 2 * answerMs) {
    this.#answerMs = answerMs;
    this.#budgetMs = budgetMs;
    this.#readMs = Math.max(1, Math.floor(Math.min(answerMs, budgetMs) / 2));
  }

  run<A, T>(write: Write<A, T>, signal?: AbortSignal): Promise<T> {
    throwIfAborted(signal);
    if (this.#lifetime.signal.aborted) return Promise.reject(new AdapterError('aborted', 'The adapter was disposed.'));
    const started = Date.now();
    const current = this.#flights.get(write.key) as Flight<A, T> | undefined;
    let flight = current;
    if (!flight || flight.write.signature !== write.signature) {
      if (current) current.superseded = true;
      flight = this.#start(write);
    } else {
      flight.join(write);
    }
    return detach(this.#answer(flight, started), signal);
  }

  /** Stops waiting for every write in flight (their requests are aborted). */
  dispose(): void {
    this.#lifetime.abort();
    this.#flights.clear();
  }

  #start<A, T>(write: Write<A, T>): Flight<A, T> {
    const flight = new Flight(write, this.#lifetime.signal, this.#readMs);
    this.#flights.set(write.key, flight as Flight<unknown, unknown>);
    void flight.sent.then((result) => this.#settled(flight, result));
    return flight;
  }

  /** The request's own end, late or not; nobody may be waiting any more. */
  async #settled<A, T>(flight: Flight<A, T>, result: Outcome<A>): Promise<void> {
    const current = () => !flight.superseded && !flight.confirmed && !this.#lifetime.signal.aborted;
    try {
      if (!current()) return;
      if (result.ok) {
        flight.confirm(result.value);
      } else if (outcomeUnknown(result.error) && flight.waiting === 0) {
        const answer = await flight.write.readBack(this.#answerMs);
        if (answer !== undefined && current()) flight.confirm(answer);
      }
    } catch {
      // Nobody waits for this answer any more; GMS keeps what it holds and the next read shows it.
    } finally {
      if (this.#flights.get(flight.write.key) === flight) this.#flights.delete(flight.write.key);
    }
  }

  /** What one caller is told. */
  async #answer<A, T>(flight: Flight<A, T>, started: number): Promise<T> {
    flight.waiting += 1;
    try {
      return await this.#outcome(flight, started);
    } finally {
      flight.waiting -= 1;
    }
  }

  async #outcome<A, T>(flight: Flight<A, T>, started: number): Promise<T> {
    const left = () => started + this.#budgetMs - Date.now();
    await flight.ready;
    if (flight.confirmed) return unwrap(flight.confirmed);
    let failure = new AdapterError('timeout', `GMS did not answer within ${this.#answerMs} ms.`);
    let unreadable: AdapterError | undefined = new AdapterError('timeout', 'No time was left to read the callback back.');
    for (let round = 1; round <= ROUNDS; round++) {
      // Wait for the answer, leaving room in the budget for the read-back that follows.
      const result = await within(flight.sent, Math.max(0, Math.min(this.#answerMs, left() - this.#readMs)));
      if (result?.ok) return flight.confirm(result.value);
      if (result) {
        if (!outcomeUnknown(result.error)) throw result.error;
        failure = result.error;
      }
      const readMs = Math.min(this.#readMs, left());
      // A second read with little time left would only time out; the first must still try.
      if (readMs <= 0 || (round > 1 && readMs < this.#readMs / 2)) break;
      try {
        const answer = await flight.write.readBack(readMs);
        if (answer !== undefined) return flight.confirm(answer);
        unreadable = undefined;
      } catch (error) {
        unreadable = AdapterError.from(error);
      }
      // The late answer may have come, and been applied, during the read-back.
      if (flight.confirmed) return unwrap(flight.confirmed);
      // The answer was lost and GMS shows no change: that is the outcome. Otherwise (no answer
      // yet, or GMS unreadable) the write may still be queued behind others: wait once more.
      if (result && !unreadable) break;
    }
    const late = flight.result;
    if (late?.ok) return flight.confirm(late.value);
    if (late && !outcomeUnknown(late.error)) throw late.error;
    const error = late?.error ?? failure;
    if (!unreadable) throw error;
    throw new AdapterError('unconfirmed', 'GMS did not answer the change and the callback could not be read back: whether it was made is not known.', {
      cause: error,
      detail: { ...error.detail, write: error.code, readBack: unreadable.code },
    });
  }
}
