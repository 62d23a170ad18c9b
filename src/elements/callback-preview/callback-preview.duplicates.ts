import type { ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { Interaction } from '../../model/interaction.js';
import { isClosed } from '../../model/states.js';
import { AsyncState } from '../../controllers/async-state.js';
import { LifetimeScope } from '../../controllers/lifetime-scope.js';

export interface DuplicateLookupConfig {
  adapter?: CallbackAdapter | undefined;
  interaction?: Interaction | undefined;
}

const digits = (phone: string) => phone.replace(/\D/g, '');

/**
 * Other open callbacks for the number of the interaction shown, when the callback service can look
 * them up (`callbackCapabilities.duplicateLookup`). Asks again when the interaction or its number
 * changes and when another callback for the same digits appears; drops one as soon as it closes.
 * A failed lookup means no warning: it is a hint, not something to block the agent with.
 */
export class DuplicateLookupController extends AsyncState<readonly Interaction[], [string, string]> {
  readonly #config: () => DuplicateLookupConfig;
  #boundAdapter: CallbackAdapter | undefined;
  /** The adapter's changes followed, replaced with the adapter. */
  readonly #following = new LifetimeScope(this.lifetime);

  constructor(host: ReactiveControllerHost, config: () => DuplicateLookupConfig) {
    super(host);
    this.#config = config;
  }

  /** The other open callbacks for the same number, as the service answered. */
  get duplicates(): readonly Interaction[] {
    return (this.status !== 'error' && this.value) || [];
  }

  hostUpdate(): void {
    // An update already queued when the host left the page (the desk removes a preview whose
    // interaction the service closed) must not subscribe again: the adapter would keep the whole
    // preview alive for the rest of the shift. The scope refuses it; nothing is noted either, so
    // coming back looks up afresh.
    if (!this.lifetime.active) return;
    const { adapter, interaction } = this.#config();
    if (adapter !== this.#boundAdapter) {
      this.#following.open();
      this.#boundAdapter = adapter;
      this.#following.subscribe(() => adapter?.onInteraction((changed) => this.#onChange(changed)));
    }
    const usable = adapter?.callbackCapabilities.duplicateLookup && interaction && !isClosed(interaction.state);
    // What was found for another interaction or number says nothing about this one.
    this.sync(usable ? [interaction.id, interaction.contact.phone] : undefined);
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    this.#boundAdapter = undefined;
  }

  protected override async task([id, phone]: [string, string], signal: AbortSignal): Promise<readonly Interaction[]> {
    const found = await this.#config().adapter!.findOpenByNumber(phone, { signal });
    return found.filter((other) => other.id !== id && !isClosed(other.state));
  }

  #onChange(changed: Interaction): void {
    const own = this.#config().interaction;
    // Initial: nothing to look up for the interaction shown.
    if (!own || changed.id === own.id || this.status === 'initial') return;
    if (this.duplicates.some((d) => d.id === changed.id)) {
      this.value = isClosed(changed.state) ? this.duplicates.filter((d) => d.id !== changed.id) : this.duplicates.map((d) => (d.id === changed.id ? changed : d));
      this.host.requestUpdate();
    } else if (!isClosed(changed.state) && digits(changed.contact.phone) === digits(own.contact.phone)) {
      void this.run([own.id, own.contact.phone]);
    }
  }
}
