import type { Clock } from '../model/clock.js';

export interface CurrentRequest {
  signal: AbortSignal;
  /** False once a newer request started or `stop()` ran: its answer must then be ignored. */
  isCurrent(): boolean;
  /** Call when the request settled. */
  finish(): void;
}

/**
 * Search-as-you-type mechanics, shared by the directory searches: a pause on an injectable clock
 * before asking, and "the latest request wins" (starting one aborts the one under way, and a late
 * answer to an older one is recognised and dropped).
 */
export class LatestRequest {
  #timer: unknown;
  #timerClock: Clock | undefined;
  #inFlight: AbortController | undefined;
  #sequence = 0;

  /** Runs `task` once `ms` have passed on `clock` without another call; the request under way goes on. */
  debounce(clock: Clock, ms: number, task: () => void): void {
    this.cancelTimer();
    this.#timerClock = clock;
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      task();
    }, Math.max(0, ms));
  }

  cancelTimer(): void {
    if (this.#timer !== undefined) this.#timerClock?.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Cancels the waiting timer and the request under way; a late answer is then ignored. */
  stop(): void {
    this.cancelTimer();
    this.#sequence++;
    this.#inFlight?.abort();
    this.#inFlight = undefined;
  }

  /** Starts a request, replacing anything waiting or under way. */
  begin(): CurrentRequest {
    this.stop();
    const sequence = this.#sequence;
    const controller = new AbortController();
    this.#inFlight = controller;
    return {
      signal: controller.signal,
      isCurrent: () => sequence === this.#sequence,
      finish: () => {
        if (this.#inFlight === controller) this.#inFlight = undefined;
      },
    };
  }
}
