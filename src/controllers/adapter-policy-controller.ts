import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../adapters/callback-adapter.js';
import { mergePolicy, type Policy } from '../model/policy.js';
import { LifetimeScope } from './lifetime-scope.js';

/**
 * The policy a callback adapter says its backend enforces, under the one a page sets: `merged(explicit)`
 * is the adapter's `policy` with `explicit` winning field by field. While the host is connected, a
 * change the adapter publishes (`onPolicy`) re-renders it.
 */
export class AdapterPolicyController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #adapter: () => CallbackAdapter | undefined;
  #followed: CallbackAdapter | undefined;
  readonly #lifetime = new LifetimeScope();
  readonly #following = new LifetimeScope(this.#lifetime);

  constructor(host: ReactiveControllerHost, adapter: () => CallbackAdapter | undefined) {
    this.#host = host;
    this.#adapter = adapter;
    host.addController(this);
  }

  /** The adapter's policy (read afresh) with `explicit` over it; `undefined` when neither has one. */
  merged(explicit: Partial<Policy> | undefined): Partial<Policy> | undefined {
    const fromAdapter = this.#adapter()?.policy;
    if (!fromAdapter) return explicit;
    return explicit ? mergePolicy(fromAdapter, explicit) : fromAdapter;
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#follow();
  }

  hostUpdate(): void {
    // While disconnected the scope takes nothing: `#follow` only notes the adapter.
    if (this.#adapter() !== this.#followed) this.#follow();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
  }

  #follow(): void {
    this.#following.open();
    const adapter = (this.#followed = this.#adapter());
    this.#following.subscribe(() => adapter?.onPolicy?.(() => this.#host.requestUpdate()));
  }
}
