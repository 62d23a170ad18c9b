import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../adapters/callback-adapter.js';
import type { Unsubscribe } from '../adapters/errors.js';
import { mergePolicy, type Policy } from '../model/actions.js';

/**
 * The policy a callback adapter says its backend enforces, under the one a page sets: `merged(explicit)`
 * is the adapter's `policy` with `explicit` winning field by field. While the host is connected, a
 * change the adapter publishes (`onPolicy`) re-renders it.
 */
export class AdapterPolicyController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #adapter: () => CallbackAdapter | undefined;
  #followed: CallbackAdapter | undefined;
  #unsubscribe: Unsubscribe | undefined;
  #connected = false;

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
    this.#connected = true;
    this.#follow();
  }

  hostUpdate(): void {
    if (this.#connected && this.#adapter() !== this.#followed) this.#follow();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#followed = undefined;
  }

  #follow(): void {
    this.#unsubscribe?.();
    this.#followed = this.#adapter();
    this.#unsubscribe = this.#followed?.onPolicy?.(() => this.#host.requestUpdate());
  }
}
