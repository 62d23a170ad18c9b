import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { systemClock, type Clock } from '../model/clock.js';
import { LifetimeScope } from './lifetime-scope.js';

/**
 * Re-renders its host on whole seconds measured from a reference time, on an injectable clock,
 * only while connected and while there is something to count. The two controllers below say what
 * the reference is and when to stop.
 */
abstract class SecondTicker implements ReactiveController {
  protected readonly host: ReactiveControllerHost;
  readonly #lifetime = new LifetimeScope();
  /** The timer to the next tick. */
  readonly #tick = new LifetimeScope(this.#lifetime);
  #timerClock: Clock | undefined;
  #armedFor: number | undefined;

  /** Subclasses call `host.addController(this)` once their own fields are set. */
  constructor(host: ReactiveControllerHost) {
    this.host = host;
  }

  protected abstract get clock(): Clock;
  /** The time counted from or to; undefined = not counting. */
  protected abstract get reference(): number | undefined;
  /** Milliseconds to the next tick, or undefined to stop ticking. */
  protected abstract nextTickIn(reference: number, now: number): number | undefined;

  hostConnected(): void {
    this.#lifetime.open();
    this.schedule();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    this.#armedFor = undefined;
  }

  hostUpdated(): void {
    // The reference or the clock may have changed with the host's properties.
    if (this.#armedFor !== this.reference || this.#timerClock !== this.clock) this.schedule();
  }

  protected schedule(): void {
    this.#armedFor = undefined;
    const reference = this.reference;
    if (!this.#tick.open() || reference === undefined) return;
    const clock = this.clock;
    this.#armedFor = reference;
    this.#timerClock = clock;
    const wait = this.nextTickIn(reference, clock.now());
    if (wait === undefined) return;
    this.#tick.timeout(
      clock,
      () => {
        this.host.requestUpdate();
        this.schedule();
      },
      wait,
    );
  }
}

export interface CountdownConfig {
  clock?: Clock | undefined;
  /** Epoch ms when the countdown reaches zero; undefined = not counting. */
  deadline?: number | undefined;
}

/** Counts down each second to a deadline and calls `onZero` once when it is reached. */
export class CountdownController extends SecondTicker {
  #config: () => CountdownConfig;
  #onZero: (() => void) | undefined;
  #firedFor: number | undefined;

  constructor(host: ReactiveControllerHost, config: () => CountdownConfig, onZero?: () => void) {
    super(host);
    this.#config = config;
    this.#onZero = onZero;
    host.addController(this);
  }

  protected get clock(): Clock {
    return this.#config().clock ?? systemClock;
  }

  protected get reference(): number | undefined {
    return this.#config().deadline;
  }

  protected nextTickIn(deadline: number, now: number): number | undefined {
    const left = deadline - now;
    if (left > 0) return left % 1000 || 1000;
    if (this.#firedFor !== deadline) {
      this.#firedFor = deadline;
      this.host.requestUpdate();
      this.#onZero?.();
    }
    return undefined;
  }

  /** Milliseconds left, 0 when past or not counting. */
  get remainingMs(): number {
    const { deadline } = this.#config();
    return deadline === undefined ? 0 : Math.max(0, deadline - this.clock.now());
  }

  /** Whole seconds left, rounded up (what a person expects to read: 0:01 until it is over). */
  get remainingSeconds(): number {
    return Math.ceil(this.remainingMs / 1000);
  }

  get counting(): boolean {
    return this.#config().deadline !== undefined && this.remainingMs > 0;
  }
}

export interface DurationConfig {
  clock?: Clock | undefined;
  /** Epoch ms the duration counts from; undefined = stopped. */
  since?: number | undefined;
}

/** Counts up each second from `since`. */
export class DurationController extends SecondTicker {
  #config: () => DurationConfig;

  constructor(host: ReactiveControllerHost, config: () => DurationConfig) {
    super(host);
    this.#config = config;
    host.addController(this);
  }

  protected get clock(): Clock {
    return this.#config().clock ?? systemClock;
  }

  protected get reference(): number | undefined {
    return this.#config().since;
  }

  protected nextTickIn(since: number, now: number): number {
    return 1000 - (Math.max(0, now - since) % 1000);
  }

  get elapsedMs(): number {
    const { since } = this.#config();
    return since === undefined ? 0 : Math.max(0, this.clock.now() - since);
  }
}
