import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import type { Interaction } from '../../model/interaction.js';
import { ActiveInteractionsController } from '../active-interactions-controller.js';
import { LifetimeScope } from '../lifetime-scope.js';
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
  readonly #lifetime = new LifetimeScope();
  /** The adapter's changes followed, and the phone's registration: each replaced with its adapter. */
  readonly #adapterScope = new LifetimeScope(this.#lifetime);
  readonly #telephonyScope = new LifetimeScope(this.#lifetime);
  #adapter: CallbackAdapter | undefined;
  #telephony: TelephonyAdapter | undefined;

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
    const lifetime = this.#lifetime;
    lifetime.open();
    lifetime.subscribe(() => this.store.subscribe(() => this.#host.requestUpdate()));
    globalThis.addEventListener?.('online', () => this.#recheck(), { signal: lifetime.signal });
    if (!this.store.loaded) void this.store.ready.then(() => this.#host.requestUpdate());
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    this.#adapter = this.#telephony = undefined;
  }

  /** While disconnected the scopes take nothing, and reconnecting follows afresh. */
  #follow(): void {
    if (!this.#lifetime.active) return;
    const { adapter, telephony } = this.#binding();
    if (adapter !== this.#adapter) {
      this.#adapterScope.open();
      this.#adapter = adapter;
      this.#adapterScope.subscribe(() => adapter?.onInteraction(() => this.#recheck()));
    }
    if (telephony !== this.#telephony) {
      this.#telephonyScope.open();
      this.#telephony = telephony;
      this.#telephonyScope.subscribe(() =>
        telephony?.onStatus((status) => {
          if (status === 'registered') this.#recheck();
        }),
      );
    }
  }

  /** Only a host showing unsent work re-renders: a desk of fifty is not re-rendered by each hold. */
  #recheck(): void {
    if (this.list.length) this.#host.requestUpdate();
  }
}
