import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import { LifetimeScope } from '../lifetime-scope.js';
import { keptWindowChanges, wrapUps } from './wrap-ups.js';

/**
 * For a container of windows (`<callback-desk>`): which windows the wrap-up of their interaction
 * keeps, re-rendering the container when that changes. It asks; it never listens to the windows'
 * events, so a host page's own listeners (one that cancels a request, or runs late) change nothing.
 */
export class KeptWindowsController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #adapter: () => CallbackAdapter | undefined;
  readonly #lifetime = new LifetimeScope();

  constructor(host: ReactiveControllerHost, adapter: () => CallbackAdapter | undefined) {
    this.#host = host;
    this.#adapter = adapter;
    host.addController(this);
  }

  /** The interactions whose window stays until their wrap-up's outcome is told. */
  get kept(): string[] {
    const adapter = this.#adapter();
    return adapter ? [...wrapUps(adapter)].flatMap(([id, owner]) => (owner.keepsWindow ? [id] : [])) : [];
  }

  hostConnected(): void {
    this.#lifetime.open();
    keptWindowChanges.addEventListener('change', () => this.#host.requestUpdate(), { signal: this.#lifetime.signal });
  }

  hostDisconnected(): void {
    this.#lifetime.close();
  }
}
