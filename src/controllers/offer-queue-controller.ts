import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../adapters/callback-adapter.js';
import type { Interaction } from '../model/interaction.js';
import { LifetimeScope } from './lifetime-scope.js';

export interface OfferQueueCallbacks {
  /** A new offer arrived (from the adapter, not from the first read). */
  onOffer?: (interaction: Interaction) => void;
  /** An offer in the queue was answered, expired or withdrawn. */
  onSettled?: (interaction: Interaction) => void;
}

/**
 * Follows the offers of a callback adapter, oldest first, so an element can show "the current
 * offer" without the page wiring anything. An offer leaves the queue once it is no longer
 * `offered` (accepted, rejected, expired, revoked).
 */
export class OfferQueueController implements ReactiveController {
  #host: ReactiveControllerHost;
  #adapter: () => CallbackAdapter | undefined;
  #callbacks: OfferQueueCallbacks;
  #bound: CallbackAdapter | undefined;
  readonly #lifetime = new LifetimeScope();
  readonly #binding = new LifetimeScope(this.#lifetime);
  #offers: Interaction[] = [];

  constructor(
    host: ReactiveControllerHost,
    adapter: () => CallbackAdapter | undefined,
    callbacks: OfferQueueCallbacks = {},
  ) {
    this.#host = host;
    this.#adapter = adapter;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** Offers waiting for an answer, oldest first. */
  get offers(): readonly Interaction[] {
    return this.#offers;
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#bind();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
  }

  hostUpdate(): void {
    if (this.#adapter() !== this.#bound) this.#bind();
  }

  #bind(): void {
    if (!this.#binding.open()) return;
    const adapter = this.#adapter();
    this.#bound = adapter;
    this.#offers = adapter ? adapter.listInteractions().filter((i) => i.state === 'offered') : [];
    if (!adapter) return;
    this.#binding.subscribe(() =>
      adapter.onOffer((interaction) => {
        if (this.#offers.some((o) => o.id === interaction.id)) return;
        // The same offer again after it was answered (a replayed event): the service knows better.
        const record = adapter.getInteraction(interaction.id);
        if (record && record.state !== 'offered') return;
        this.#offers = [...this.#offers, interaction];
        this.#host.requestUpdate();
        this.#callbacks.onOffer?.(interaction);
      }),
    );
    this.#binding.subscribe(() =>
      adapter.onInteraction((interaction) => {
        const index = this.#offers.findIndex((o) => o.id === interaction.id);
        if (index < 0) return;
        const settled = interaction.state !== 'offered';
        this.#offers = settled
          ? this.#offers.filter((o) => o.id !== interaction.id)
          : this.#offers.map((o) => (o.id === interaction.id ? interaction : o));
        this.#host.requestUpdate();
        if (settled) this.#callbacks.onSettled?.(interaction);
      }),
    );
  }
}
