import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import type { Clock } from '../../model/clock.js';
import { LifetimeScope } from '../lifetime-scope.js';
import { pendingWorkStore, type PendingWorkStore, type WorkOwner } from './pending-work-store.js';

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

export interface MarkDoneRetryBinding {
  interactionId?: string | undefined;
  /** The callback adapter the interaction belongs to. */
  adapter?: WorkOwner | undefined;
  /** The adapter knows the interaction and it is still open: sending makes sense. */
  sendable: boolean;
  /** Its registration coming back is a sign the contact center is reachable again. */
  telephony?: TelephonyAdapter | undefined;
  clock: Clock;
}

/**
 * Sends a Mark done that failed on the way again, until the callback service acknowledges it:
 * as soon as the host is connected with the stored work read (a reload, a new tab), when the
 * browser goes `online`, when the phone registers again, and on a back-off timer on the host's
 * clock. `send()` does the sending (the host's own Mark done); whether it is still pending is read
 * from the store afterwards. Never two at once: the store's claim is checked before each try.
 */
export class MarkDoneRetryController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #binding: () => MarkDoneRetryBinding;
  readonly #send: () => Promise<unknown>;
  readonly #store: PendingWorkStore;
  readonly #lifetime = new LifetimeScope();
  /** The back-off timer, while one is armed. */
  readonly #timer = new LifetimeScope(this.#lifetime);
  /** The phone's registration followed, replaced with the telephony adapter. */
  readonly #registration = new LifetimeScope(this.#lifetime);
  #telephony: TelephonyAdapter | undefined;
  /** The interaction whose first try after connecting (or after the read) was made. */
  #startedFor: string | undefined;
  #sending = false;

  constructor(host: ReactiveControllerHost, binding: () => MarkDoneRetryBinding, send: () => Promise<unknown>, store: PendingWorkStore = pendingWorkStore()) {
    this.#host = host;
    this.#binding = binding;
    this.#send = send;
    this.#store = store;
    host.addController(this);
  }

  /** A try is under way (for this host). */
  get sending(): boolean {
    return this.#sending;
  }

  hostConnected(): void {
    const lifetime = this.#lifetime;
    lifetime.open();
    this.#startedFor = undefined;
    globalThis.addEventListener?.(
      'online',
      () => {
        if (this.#pending) void this.#attempt();
      },
      { signal: lifetime.signal },
    );
    lifetime.subscribe(() =>
      this.#store.subscribe((id) => {
        if (id === this.#binding().interactionId) this.#check();
      }),
    );
    void this.#store.ready.then(() => this.#check());
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    this.#telephony = undefined;
  }

  hostUpdated(): void {
    if (!this.#lifetime.active) return;
    const { telephony } = this.#binding();
    if (telephony !== this.#telephony) this.#followTelephony(telephony);
    this.#check();
  }

  /** Sends now (the agent's "Retry now", or a sign the service is back). */
  retryNow(): void {
    void this.#attempt();
  }

  get #pending(): boolean {
    const { interactionId: id, adapter } = this.#binding();
    return !!id && !!this.#store.get(id, adapter)?.markDonePending;
  }

  #followTelephony(telephony: TelephonyAdapter | undefined): void {
    this.#registration.open();
    this.#telephony = telephony;
    this.#registration.subscribe(() =>
      telephony?.onStatus((status) => {
        if (status === 'registered' && this.#pending) void this.#attempt();
      }),
    );
  }

  /**
   * Work found pending when the host meets its interaction (a reload, a new tab) is sent at once;
   * work that fails later in this page waits for the back-off timer (or a sign of recovery).
   */
  #check(): void {
    if (!this.#lifetime.active || !this.#store.loaded) return;
    const { interactionId, sendable } = this.#binding();
    if (interactionId && sendable && this.#startedFor !== interactionId) {
      this.#startedFor = interactionId;
      if (this.#pending && !this.#sending) {
        void this.#attempt();
        return;
      }
    }
    if (!this.#pending) {
      this.#timer.close();
      return;
    }
    if (sendable && !this.#sending && !this.#timer.active) this.#arm();
  }

  #arm(): void {
    const { interactionId: id, adapter, clock } = this.#binding();
    const attempts = id ? (this.#store.get(id, adapter)?.markDonePending?.attempts ?? 1) : 1;
    const timer = this.#timer;
    if (!timer.open()) return;
    timer.timeout(
      clock,
      () => {
        timer.close();
        void this.#attempt();
      },
      retryDelay(attempts),
    );
  }

  async #attempt(): Promise<void> {
    const { interactionId, sendable } = this.#binding();
    if (!this.#lifetime.active || !interactionId || !sendable || this.#sending || this.#store.isInFlight(interactionId)) return;
    this.#timer.close();
    this.#sending = true;
    this.#host.requestUpdate();
    try {
      await this.#send();
    } catch {
      // The host shows its own failures; the store says whether to try again.
    } finally {
      this.#sending = false;
      this.#host.requestUpdate();
      this.#check();
    }
  }
}
