import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { Interaction } from '../../model/interaction.js';
import { isClosed } from '../../model/state-machine.js';
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
export class DuplicateLookupController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #config: () => DuplicateLookupConfig;
  #key: string | undefined;
  #boundAdapter: CallbackAdapter | undefined;
  readonly #lifetime = new LifetimeScope();
  /** The adapter's changes followed, replaced with the adapter. */
  readonly #following = new LifetimeScope(this.#lifetime);
  /** The lookup under way, replaced by the next one. */
  readonly #lookupScope = new LifetimeScope(this.#lifetime);
  #duplicates: readonly Interaction[] = [];

  constructor(host: ReactiveControllerHost, config: () => DuplicateLookupConfig) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  /** The other open callbacks for the same number, as the service answered. */
  get duplicates(): readonly Interaction[] {
    return this.#duplicates;
  }

  hostConnected(): void {
    this.#lifetime.open();
  }

  hostUpdate(): void {
    // An update already queued when the host left the page (the desk removes a preview whose
    // interaction the service closed) must not subscribe again: the adapter would keep the whole
    // preview alive for the rest of the shift. The scope refuses it; nothing is noted either, so
    // coming back looks up afresh.
    if (!this.#lifetime.active) return;
    const { adapter, interaction } = this.#config();
    if (adapter !== this.#boundAdapter) this.#subscribe(adapter);
    const usable = adapter?.callbackCapabilities.duplicateLookup && interaction && !isClosed(interaction.state);
    const key = usable ? `${interaction.id}\n${interaction.contact.phone}` : undefined;
    if (key !== this.#key) {
      this.#key = key;
      // What was found for another interaction or number says nothing about this one.
      this.#duplicates = [];
      this.#lookup();
    }
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    this.#boundAdapter = undefined;
    this.#key = undefined;
  }

  #subscribe(adapter: CallbackAdapter | undefined): void {
    this.#following.open();
    this.#boundAdapter = adapter;
    this.#following.subscribe(() => adapter?.onInteraction((changed) => this.#onChange(changed)));
  }

  #onChange(changed: Interaction): void {
    const own = this.#config().interaction;
    if (!own || changed.id === own.id || !this.#key) return;
    const listed = this.#duplicates.some((d) => d.id === changed.id);
    if (listed && isClosed(changed.state)) {
      this.#duplicates = this.#duplicates.filter((d) => d.id !== changed.id);
      this.#host.requestUpdate();
    } else if (listed) {
      this.#duplicates = this.#duplicates.map((d) => (d.id === changed.id ? changed : d));
      this.#host.requestUpdate();
    } else if (!isClosed(changed.state) && digits(changed.contact.phone) === digits(own.contact.phone)) {
      this.#lookup();
    }
  }

  #lookup(): void {
    const { adapter, interaction } = this.#config();
    if (!this.#lookupScope.open() || !this.#key || !adapter || !interaction) {
      this.#setDuplicates([]);
      return;
    }
    const { signal } = this.#lookupScope;
    adapter.findOpenByNumber(interaction.contact.phone, { signal }).then(
      (found) => {
        if (signal.aborted) return;
        this.#setDuplicates(found.filter((other) => other.id !== interaction.id && !isClosed(other.state)));
      },
      // Deliberately silent: no warning is the safe fallback, and the number must not reach a log.
      () => {
        if (!signal.aborted) this.#setDuplicates([]);
      },
    );
  }

  #setDuplicates(next: readonly Interaction[]): void {
    if (!next.length && !this.#duplicates.length) return;
    this.#duplicates = next;
    this.#host.requestUpdate();
  }
}
