import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Interaction } from '../../model/interaction.js';
import { LifetimeScope } from '../lifetime-scope.js';
import { pendingWorkStore, type PendingWork, type PendingWorkStore, type WorkOwner } from './pending-work-store.js';

export interface PendingWorkBinding {
  interactionId?: string | undefined;
  /** The callback adapter: the backend the interaction id belongs to. */
  adapter?: WorkOwner | undefined;
  /** The interaction as the adapter publishes it: once it is done, its pending work is over. */
  interaction?: Interaction | undefined;
}

/**
 * A host's view of the agent's unacknowledged work on its interaction: re-renders when that work
 * changes (here or in a sibling element) and when the stored work has been read after a reload.
 * Work on an interaction the adapter reports done is dropped: there is nothing left to send it to.
 */
export class PendingWorkController implements ReactiveController {
  readonly store: PendingWorkStore;
  readonly #host: ReactiveControllerHost;
  readonly #binding: () => PendingWorkBinding;
  readonly #lifetime = new LifetimeScope();

  constructor(host: ReactiveControllerHost, binding: () => PendingWorkBinding, store: PendingWorkStore = pendingWorkStore()) {
    this.#host = host;
    this.#binding = binding;
    this.store = store;
    host.addController(this);
  }

  get interactionId(): string | undefined {
    return this.#binding().interactionId;
  }

  /** The work on the bound interaction, if any. */
  get work(): PendingWork | undefined {
    const id = this.interactionId;
    return id ? this.store.get(id, this.#binding().adapter) : undefined;
  }

  /** Sets (or, with `undefined`, forgets) fields of the bound interaction's work, with who it is with. */
  update(patch: Parameters<PendingWorkStore['update']>[1]): void {
    const id = this.interactionId;
    if (!id) return;
    const { adapter, interaction } = this.#binding();
    this.store.update(id, interaction?.id === id ? { contact: interaction.contact, ...patch } : patch, adapter);
  }

  /** The service has it all: forget the bound interaction's work. */
  remove(interactionId = this.interactionId): void {
    if (interactionId) this.store.remove(interactionId, this.#binding().adapter);
  }

  /** The stored work has been read (until then, `work` holds only what this page did). */
  get loaded(): boolean {
    return this.store.loaded;
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#lifetime.subscribe(() =>
      this.store.subscribe((id) => {
        if (id === this.interactionId) this.#host.requestUpdate();
      }),
    );
    if (!this.store.loaded) void this.store.ready.then(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#lifetime.close();
  }

  hostUpdate(): void {
    const { interaction, adapter } = this.#binding();
    if (interaction?.state !== 'done' || !this.store.get(interaction.id, adapter)) return;
    // Not in the middle of the host's update: the store tells every element that shows it.
    const id = interaction.id;
    queueMicrotask(() => {
      if (!this.store.isInFlight(id)) this.store.remove(id, adapter);
    });
  }
}
