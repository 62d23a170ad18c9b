import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../adapters/callback-adapter.js';
import type { Interaction } from '../model/interaction.js';
import { canFollow } from '../model/states.js';
import { LifetimeScope } from './lifetime-scope.js';

export interface InteractionBinding {
  adapter?: CallbackAdapter | undefined;
  /** The interaction to follow. */
  interactionId?: string | undefined;
}

/**
 * What of an interaction a host shows, as a string: a change that leaves it equal does not
 * re-render the host (a hold does not touch the callback information, for one).
 */
export type ViewKey = (interaction: Interaction) => string;

/**
 * Binds a host to one interaction of a callback adapter: reads it on connect, follows its changes
 * while connected, lets go on disconnect. `onChange(previous, next)` runs for changes the adapter
 * published (never for the first read), so hosts fire events only for real outcomes. With
 * `viewKey`, a change re-renders the host only when the key differs; `value` is current either way.
 */
export class InteractionController implements ReactiveController {
  #host: ReactiveControllerHost;
  #config: () => InteractionBinding;
  #onChange: ((previous: Interaction | undefined, next: Interaction) => void) | undefined;
  #viewKey: ViewKey | undefined;
  readonly #lifetime = new LifetimeScope();
  /** The subscription to the bound adapter, replaced when the adapter or the id changes. */
  readonly #binding = new LifetimeScope(this.#lifetime);
  #boundAdapter: CallbackAdapter | undefined;
  #boundId: string | undefined;
  #value: Interaction | undefined;

  constructor(
    host: ReactiveControllerHost,
    config: () => InteractionBinding,
    onChange?: (previous: Interaction | undefined, next: Interaction) => void,
    viewKey?: ViewKey,
  ) {
    this.#host = host;
    this.#config = config;
    this.#onChange = onChange;
    this.#viewKey = viewKey;
    host.addController(this);
  }

  /** The interaction as last published by the adapter. */
  get value(): Interaction | undefined {
    return this.#value;
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#bind();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
  }

  hostUpdate(): void {
    const { adapter, interactionId } = this.#config();
    if (adapter !== this.#boundAdapter || interactionId !== this.#boundId) this.#bind();
  }

  #bind(): void {
    if (!this.#binding.open()) return;
    const { adapter, interactionId } = this.#config();
    this.#boundAdapter = adapter;
    this.#boundId = interactionId;
    this.#value = adapter && interactionId ? adapter.getInteraction(interactionId) : undefined;
    if (!adapter || !interactionId) return;
    this.#binding.subscribe(() => adapter.onInteraction((next) => {
      if (next.id !== this.#boundId) return;
      const previous = this.#value;
      // A replayed, older event (a revoke arriving after the accept) changes nothing.
      if (previous && !canFollow(previous.state, next.state)) return;
      this.#value = next;
      if (!previous || !this.#viewKey || this.#viewKey(previous) !== this.#viewKey(next)) this.#host.requestUpdate();
      this.#onChange?.(previous, next);
    }));
  }
}
