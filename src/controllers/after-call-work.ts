import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Policy } from '../model/actions.js';
import { afterCallWorkDeadline } from '../model/after-call-work.js';
import { systemClock, type Clock } from '../model/clock.js';
import type { Interaction } from '../model/interaction.js';
import { isClosed } from '../model/states.js';
import { LifetimeScope } from './lifetime-scope.js';

export interface AfterCallWorkLimitConfig {
  clock?: Clock | undefined;
  policy?: Partial<Policy> | undefined;
  /** Where interaction ids are unique (the callback adapter): the host is told once per interaction of it. */
  scope?: object | undefined;
  interaction?: Interaction | undefined;
}

// Interactions whose limit was already reported, per backend: one report per interaction in the
// page, whichever element saw it first, even after the element showing it was replaced.
const reported = new WeakMap<object, Set<string>>();
const pageScope = {};

/**
 * Calls `onExceeded(interaction, deadline)` once when the interaction's after-call work passes the
 * policy's `afterCallWorkLimitMs`, measured on the clock: at once when it already has, never
 * without a limit. Only while connected; its timer goes on disconnect.
 */
export class AfterCallWorkLimitController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #config: () => AfterCallWorkLimitConfig;
  readonly #onExceeded: (interaction: Interaction, deadline: number) => void;
  readonly #lifetime = new LifetimeScope();
  /** The timer to the deadline armed for. */
  readonly #timer = new LifetimeScope(this.#lifetime);
  #timerClock: Clock | undefined;
  #armedFor: string | undefined;

  constructor(host: ReactiveControllerHost, config: () => AfterCallWorkLimitConfig, onExceeded: (interaction: Interaction, deadline: number) => void) {
    this.#host = host;
    this.#config = config;
    this.#onExceeded = onExceeded;
    host.addController(this);
  }

  /** True once the after-call work shown has passed its limit. */
  get exceeded(): boolean {
    const deadline = this.#deadline();
    return deadline !== undefined && this.#clock().now() >= deadline;
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#arm();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    this.#armedFor = undefined;
  }

  hostUpdated(): void {
    const { interaction, scope } = this.#config();
    // Done: its id will not be in after-call work again.
    if (interaction && isClosed(interaction.state)) reported.get(scope ?? pageScope)?.delete(interaction.id);
    if (this.#key() !== this.#armedFor || this.#timerClock !== this.#clock()) this.#arm();
  }

  #clock(): Clock {
    return this.#config().clock ?? systemClock;
  }

  #deadline(): number | undefined {
    const { interaction, policy } = this.#config();
    return interaction ? afterCallWorkDeadline(interaction, policy) : undefined;
  }

  #key(): string | undefined {
    const deadline = this.#deadline();
    return deadline === undefined ? undefined : `${this.#config().interaction!.id}@${deadline}`;
  }

  #arm(): void {
    this.#armedFor = undefined;
    const deadline = this.#deadline();
    if (!this.#timer.open() || deadline === undefined) return;
    const clock = this.#clock();
    this.#armedFor = this.#key();
    this.#timerClock = clock;
    const wait = deadline - clock.now();
    if (wait <= 0) this.#report();
    else this.#timer.timeout(clock, () => this.#report(), wait);
  }

  #report(): void {
    const { interaction, scope } = this.#config();
    const deadline = this.#deadline();
    if (!interaction || deadline === undefined || this.#clock().now() < deadline) return;
    this.#host.requestUpdate();
    const key = scope ?? pageScope;
    let ids = reported.get(key);
    if (!ids) reported.set(key, (ids = new Set()));
    if (ids.has(interaction.id)) return;
    ids.add(interaction.id);
    this.#onExceeded(interaction, deadline);
  }
}
