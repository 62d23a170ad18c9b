import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { systemClock, type Clock } from '../model/clock.js';

export interface CountdownConfig {
  clock?: Clock | undefined;
  /** Epoch ms when the countdown reaches zero; undefined = not counting. */
  deadline?: number | undefined;
}

/**
 * Re-renders its host on each whole second until a deadline and calls `onZero` once when it is
 * reached. Timers run only while the host is connected and a deadline lies ahead.
 */
export class CountdownController implements ReactiveController {
  #host: ReactiveControllerHost;
  #config: () => CountdownConfig;
  #onZero: (() => void) | undefined;
  #timer: unknown;
  #timerClock: Clock | undefined;
  #armedFor: number | undefined;
  #firedFor: number | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, config: () => CountdownConfig, onZero?: () => void) {
    this.#host = host;
    this.#config = config;
    this.#onZero = onZero;
    host.addController(this);
  }

  get #clock(): Clock {
    return this.#config().clock ?? systemClock;
  }

  /** Milliseconds left, 0 when past or not counting. */
  get remainingMs(): number {
    const { deadline } = this.#config();
    return deadline === undefined ? 0 : Math.max(0, deadline - this.#clock.now());
  }

  /** Whole seconds left, rounded up (what a person expects to read: 0:01 until it is over). */
  get remainingSeconds(): number {
    return Math.ceil(this.remainingMs / 1000);
  }

  get counting(): boolean {
    return this.#config().deadline !== undefined && this.remainingMs > 0;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#cancel();
  }

  hostUpdated(): void {
    // The deadline or clock may have changed with the host's properties.
    if (this.#armedFor !== this.#config().deadline || this.#timerClock !== this.#clock) this.#schedule();
  }

  #cancel(): void {
    if (this.#timer !== undefined) this.#timerClock?.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedFor = undefined;
  }

  #schedule(): void {
    this.#cancel();
    const { deadline } = this.#config();
    if (!this.#connected || deadline === undefined) return;
    this.#armedFor = deadline;
    const clock = this.#clock;
    this.#timerClock = clock;
    const left = deadline - clock.now();
    if (left <= 0) {
      this.#zero(deadline);
      return;
    }
    const toNextSecond = left % 1000 || 1000;
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      this.#host.requestUpdate();
      this.#schedule();
    }, toNextSecond);
  }

  #zero(deadline: number): void {
    if (this.#firedFor === deadline) return;
    this.#firedFor = deadline;
    this.#host.requestUpdate();
    this.#onZero?.();
  }
}

export interface DurationConfig {
  clock?: Clock | undefined;
  /** Epoch ms the duration counts from; undefined = stopped. */
  since?: number | undefined;
}

/** Re-renders its host every second while running, with the time elapsed since `since`. */
export class DurationController implements ReactiveController {
  #host: ReactiveControllerHost;
  #config: () => DurationConfig;
  #timer: unknown;
  #timerClock: Clock | undefined;
  #armedFor: number | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, config: () => DurationConfig) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  get #clock(): Clock {
    return this.#config().clock ?? systemClock;
  }

  get elapsedMs(): number {
    const { since } = this.#config();
    return since === undefined ? 0 : Math.max(0, this.#clock.now() - since);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#cancel();
  }

  hostUpdated(): void {
    if (this.#armedFor !== this.#config().since || this.#timerClock !== this.#clock) this.#schedule();
  }

  #cancel(): void {
    if (this.#timer !== undefined) this.#timerClock?.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedFor = undefined;
  }

  #schedule(): void {
    this.#cancel();
    const { since } = this.#config();
    if (!this.#connected || since === undefined) return;
    this.#armedFor = since;
    const clock = this.#clock;
    this.#timerClock = clock;
    const toNextSecond = 1000 - (this.elapsedMs % 1000);
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      this.#host.requestUpdate();
      this.#schedule();
    }, toNextSecond);
  }
}
