import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { AvailabilitySlot } from '../../model/interaction.js';
import { LifetimeScope } from '../../controllers/lifetime-scope.js';
import { zonedDay } from './callback-scheduler.time.js';

export type FreeSlotsStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface FreeSlotsQuery {
  adapter: CallbackAdapter | undefined;
  interactionId: string | undefined;
  /** `YYYY-MM-DD` in `timeZone`. */
  date: string;
  timeZone: string;
  /** False while rescheduling is not offered at all: nothing is loaded. */
  wanted: boolean;
}

/**
 * The callback service's free slots for one day of `<callback-scheduler>`: loaded once per
 * interaction, day and zone (when the adapter can list availability), the previous request aborted
 * when the day changes, and everything aborted on disconnect. `sync()` is called by the host each
 * update, after its own state for that update is final.
 */
export class FreeSlotsController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #key: string | undefined;
  #adapter: CallbackAdapter | undefined;
  readonly #lifetime = new LifetimeScope();
  /** The day's request under way, replaced by the next one. */
  readonly #request = new LifetimeScope(this.#lifetime);
  #status: FreeSlotsStatus = 'idle';
  #slots: AvailabilitySlot[] | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get status(): FreeSlotsStatus {
    return this.#status;
  }

  /** The day's slots (full ones included) once loaded. */
  get slots(): AvailabilitySlot[] | undefined {
    return this.#status === 'ready' ? this.#slots : undefined;
  }

  sync(query: FreeSlotsQuery): void {
    const { adapter, interactionId, date, timeZone } = query;
    const day = zonedDay(date, timeZone);
    const wanted = query.wanted && !!adapter?.callbackCapabilities.availability && !!interactionId && !!day;
    const key = wanted ? `${interactionId}|${date}|${timeZone}` : undefined;
    // Not while disconnected: coming back loads afresh.
    if (!this.#lifetime.active || (key === this.#key && adapter === this.#adapter)) return;
    this.#key = key;
    this.#adapter = adapter;
    this.#request.open();
    this.#slots = undefined;
    if (!key || !adapter || !interactionId || !day) {
      this.#status = 'idle';
      return;
    }
    this.#status = 'loading';
    const { signal } = this.#request;
    adapter.availability(interactionId, { ...day, timeZone }, { signal }).then(
      (slots) => this.#settle(signal, 'ready', slots),
      () => this.#settle(signal, 'error', undefined),
    );
  }

  /** Loads the same day again on the next update (after a refusal, a booking or a failed load). */
  reload(): void {
    this.#key = undefined;
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#lifetime.open();
    // Back in the page after a request was cut short: load again.
    if (this.#key === undefined) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    this.#key = undefined;
  }

  #settle(signal: AbortSignal, status: FreeSlotsStatus, slots: AvailabilitySlot[] | undefined): void {
    if (signal.aborted) return;
    this.#status = status;
    this.#slots = slots;
    this.#host.requestUpdate();
  }
}
