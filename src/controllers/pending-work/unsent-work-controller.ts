import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { Unsubscribe } from '../../adapters/errors.js';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import type { Interaction } from '../../model/interaction.js';
import { ActiveInteractionsController } from '../active-interactions-controller.js';
import { pendingWorkStore, type PendingWork, type PendingWorkStore } from './pending-work-store.js';

/** One interaction's work an earlier page left unsent. */
export interface UnsentWorkEntry {
  work: PendingWork;
  /** The interaction as the adapter knows it now; undefined when it does not know it. */
  interaction: Interaction | undefined;
}

export interface UnsentWorkBinding {
  adapter?: CallbackAdapter | undefined;
  /** Its registration coming back is a sign the backend may know more again. */
  telephony?: TelephonyAdapter | undefined;
}

/**
 * The agent's work that an earlier page left (read from storage after a reload or in a new tab)
 * on interactions that no window here shows: the adapter does not know them any more, knows them
 * as closed, or has not given them back to the agent. Work whose interaction is in the agent's
 * list (still open after the reload, or offered and accepted again) is its window's, as before,
 * and is not listed; work typed for another backend (`workScope`) never is.
 *
 * Read again when the work changes, when the adapter publishes a change, and on signs that the
 * backend is back (`online`, the phone registering), when an adapter may find an interaction again.
 */
export class UnsentWorkController implements ReactiveController {
  readonly store: PendingWorkStore;
  readonly #host: ReactiveControllerHost;
  readonly #binding: () => UnsentWorkBinding;
  readonly #active: ActiveInteractionsController;
  /** One per connected lifetime: every listener and subscription goes with it. */
  #lifetime: AbortController | undefined;
  #adapter: CallbackAdapter | undefined;
  #telephony: TelephonyAdapter | undefined;
  #unsubscribeAdapter: Unsubscribe | undefined;
  #unsubscribeTelephony: Unsubscribe | undefined;

  constructor(host: ReactiveControllerHost, binding: () => UnsentWorkBinding, store: PendingWorkStore = pendingWorkStore()) {
    this.#host = host;
    this.#binding = binding;
    this.store = store;
    this.#active = new ActiveInteractionsController(host, () => binding().adapter);
    host.addController(this);
  }

  /** Oldest first; empty until the adapter is known and the stored work has been read. */
  get list(): UnsentWorkEntry[] {
    const adapter = this.#binding().adapter;
    if (!adapter || !this.store.loaded) return [];
    const shown = new Set(this.#active.interactions.map((i) => i.id));
    return this.store
      .earlierWork(adapter)
      .filter((work) => !shown.has(work.interactionId))
      .sort((a, b) => a.updatedAt - b.updatedAt)
      .map((work) => ({ work, interaction: adapter.getInteraction(work.interactionId) }));
  }

  hostConnected(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    const unsubscribe = this.store.subscribe(() => this.#host.requestUpdate());
    signal.addEventListener('abort', () => unsubscribe());
    globalThis.addEventListener?.('online', () => this.#recheck(), { signal });
    if (!this.store.loaded) void this.store.ready.then(() => this.#host.requestUpdate());
    this.#follow();
  }

  hostUpdate(): void {
    const { adapter, telephony } = this.#binding();
    if (this.#lifetime && (adapter !== this.#adapter || telephony !== this.#telephony)) this.#follow();
  }

  hostDisconnected(): void {
    this.#lifetime?.abort();
    this.#lifetime = undefined;
    this.#unsubscribeAdapter?.();
    this.#unsubscribeTelephony?.();
    this.#unsubscribeAdapter = this.#unsubscribeTelephony = undefined;
    this.#adapter = this.#telephony = undefined;
  }

  #follow(): void {
    const { adapter, telephony } = this.#binding();
    if (adapter !== this.#adapter) {
      this.#unsubscribeAdapter?.();
      this.#adapter = adapter;
      this.#unsubscribeAdapter = adapter?.onInteraction(() => this.#recheck());
    }
    if (telephony !== this.#telephony) {
      this.#unsubscribeTelephony?.();
      this.#telephony = telephony;
      this.#unsubscribeTelephony = telephony?.onStatus((status) => {
        if (status === 'registered') this.#recheck();
      });
    }
  }

  /** Only a host showing unsent work re-renders: a desk of fifty is not re-rendered by each hold. */
  #recheck(): void {
    if (this.list.length) this.#host.requestUpdate();
  }
}
