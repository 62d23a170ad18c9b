import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../adapters/callback-adapter.js';
import type { Interaction } from '../model/interaction.js';
import { canFollow, isAccepted } from '../model/states.js';
import type { ViewKey } from './interaction-controller.js';
import { LifetimeScope } from './lifetime-scope.js';

/**
 * The interactions the agent is handling (accepted, not yet done), in the order they were
 * accepted. `onAccepted` runs when one joins the list after the first read. `keep(interaction)`
 * may hold a closed one in the list a little longer (a window finishing its mark-done).
 * `viewKey(interaction)` is what the host shows of each one: a change of an interaction in the list
 * that leaves its key (and whether it is still open) as it was does not re-render the host, so a
 * desk of fifty is not re-rendered by one call's hold; `interactions` is current either way.
 */
export class ActiveInteractionsController implements ReactiveController {
  #host: ReactiveControllerHost;
  #adapter: () => CallbackAdapter | undefined;
  #onAccepted: ((interaction: Interaction) => void) | undefined;
  #keep: (interaction: Interaction) => boolean;
  #viewKey: ViewKey | undefined;
  #bound: CallbackAdapter | undefined;
  readonly #lifetime = new LifetimeScope();
  readonly #binding = new LifetimeScope(this.#lifetime);
  #active: Interaction[] = [];

  constructor(
    host: ReactiveControllerHost,
    adapter: () => CallbackAdapter | undefined,
    options: { onAccepted?: (interaction: Interaction) => void; keep?: (interaction: Interaction) => boolean; viewKey?: ViewKey } = {},
  ) {
    this.#host = host;
    this.#adapter = adapter;
    this.#onAccepted = options.onAccepted;
    this.#keep = options.keep ?? (() => false);
    this.#viewKey = options.viewKey;
    host.addController(this);
  }

  get interactions(): readonly Interaction[] {
    // Closed ones leave the list as soon as nobody keeps them.
    this.#active = this.#active.filter((i) => isAccepted(i.state) || this.#keep(i));
    return this.#active;
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
    this.#active = adapter ? adapter.listInteractions().filter((i) => isAccepted(i.state)) : [];
    this.#binding.subscribe(() => adapter?.onInteraction((interaction) => {
      const index = this.#active.findIndex((i) => i.id === interaction.id);
      // An interaction the service does not know, or an event older than what we or it hold: ignored.
      const record = adapter.getInteraction(interaction.id);
      const seen = this.#active[index];
      if (!record || !canFollow(record.state, interaction.state) || (seen && !canFollow(seen.state, interaction.state))) return;
      const active = isAccepted(interaction.state);
      if (index >= 0) {
        this.#active = this.#active.map((i) => (i.id === interaction.id ? interaction : i));
        const key = this.#viewKey;
        if (key && seen && active && isAccepted(seen.state) && key(seen) === key(interaction)) return;
      } else if (active) {
        this.#active = [...this.#active, interaction];
        this.#onAccepted?.(interaction);
      } else {
        return;
      }
      this.#host.requestUpdate();
    }));
  }
}
