import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { Interaction } from '../../model/interaction.js';
import type { InteractionSession } from '../interaction-session.js';
import { LifetimeScope } from '../lifetime-scope.js';
import { pendingWorkStore, type PendingWork, type PendingWorkStore } from '../pending-work/pending-work-store.js';
import { wrapUpOf, type WrapUp, type WrapUpHost } from './wrap-up.js';

export interface WrapUpBinding {
  adapter?: CallbackAdapter | undefined;
  interactionId?: string | undefined;
}

export interface WrapUpControllerOptions {
  /** Sends Mark done and tells its outcome when no host of a higher rank shows the interaction. */
  rank?: number;
  /** The interaction was marked done by its wrap-up (fire `callback-done`). */
  done?: (interaction: Interaction) => void;
}

/**
 * An element's hold on the wrap-up of the interaction it shows (see `WrapUp`): attached while the
 * element is connected, re-rendering it when the kept work or a try under way changes.
 */
export class WrapUpController implements ReactiveController {
  readonly #binding: () => WrapUpBinding;
  readonly #lifetime = new LifetimeScope();
  /** The attachment to the current wrap-up, replaced with the interaction. */
  readonly #attached = new LifetimeScope(this.#lifetime);
  #owner: WrapUp | undefined;
  /** What this element lends the wrap-up (see `WrapUpHost`). */
  readonly #lent: WrapUpHost;

  constructor(host: ReactiveControllerHost, session: InteractionSession, binding: () => WrapUpBinding, options: WrapUpControllerOptions = {}) {
    this.#binding = binding;
    const { rank, done } = options;
    this.#lent = { session, ...(rank ? { rank } : {}), ...(done ? { done } : {}), changed: () => host.requestUpdate() };
    host.addController(this);
  }

  /** The wrap-up of the bound interaction, once the element is connected and knows it. */
  get owner(): WrapUp | undefined {
    this.#follow();
    return this.#owner;
  }

  /** The kept work on the bound interaction, if any. */
  get work(): PendingWork | undefined {
    return this.owner?.work;
  }

  /** Sets (or, with `undefined`, forgets) fields of the bound interaction's kept work. */
  update(patch: Parameters<PendingWorkStore['update']>[1]): void {
    this.owner?.update(patch);
  }

  /** The page's pending-work store (the wrap-ups keep the agent's work there). */
  readonly store = pendingWorkStore();

  /** Mark done through this element (its request event, its error, its `callback-done`). */
  markDone(): Promise<Interaction | undefined> {
    return this.owner?.markDone(this.#lent) ?? Promise.resolve(undefined);
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    this.#owner = undefined;
  }

  #follow(): void {
    if (!this.#lifetime.active) return;
    const { adapter, interactionId } = this.#binding();
    const owner = adapter && interactionId ? wrapUpOf(adapter, interactionId) : undefined;
    if (owner === this.#owner) return;
    this.#attached.open();
    this.#owner = owner;
    this.#attached.subscribe(() => owner?.attach(this.#lent));
  }
}

