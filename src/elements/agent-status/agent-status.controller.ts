import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AgentReadyState, CallbackAdapter } from '../../adapters/callback-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
import type { RegistrationStatus, TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import type { Channel } from '../../model/interaction.js';
import { actionTimeout, type Policy } from '../../model/actions.js';
import { systemClock, type Clock } from '../../model/clock.js';
import { withTimeout } from '../../controllers/action-timeout.js';
import { LifetimeScope } from '../../controllers/lifetime-scope.js';
import type { NotReadyReason } from './agent-status.events.js';

export interface AgentStatusBinding {
  adapter?: CallbackAdapter | undefined;
  telephony?: TelephonyAdapter | undefined;
  /** For the action timeout; the system clock by default. */
  clock?: Clock | undefined;
  policy?: Partial<Policy> | undefined;
}

export interface AgentStatusListeners {
  /** The adapter reported a new ready state (whoever caused it); not called for the first read. */
  onReadyState?: (channel: Channel, state: AgentReadyState, previous: AgentReadyState | undefined) => void;
  /** The phone's registration changed; not called for the first read. */
  onStatus?: (status: RegistrationStatus, previous: RegistrationStatus | undefined) => void;
}

const CHANNELS: readonly Channel[] = ['voice', 'web-callback'];

// The callback contract carries no not-ready reason, so the reason chosen here is kept per adapter:
// every <agent-status> on the page, and one created later, shows the same reason.
const reasons = new WeakMap<CallbackAdapter, Map<Channel, NotReadyReason>>();

function reasonsOf(adapter: CallbackAdapter): Map<Channel, NotReadyReason> {
  let map = reasons.get(adapter);
  if (!map) reasons.set(adapter, (map = new Map()));
  return map;
}

/**
 * Binds a host to the agent's ready state (callback adapter) and the phone's registration
 * (telephony adapter): reads both on connect, follows them while connected, lets go and aborts
 * requests in flight on disconnect.
 */
export class AgentStatusController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #config: () => AgentStatusBinding;
  readonly #listeners: AgentStatusListeners;
  #adapter: CallbackAdapter | undefined;
  #telephony: TelephonyAdapter | undefined;
  readonly #lifetime = new LifetimeScope();
  /** The two adapters followed, replaced when either changes. */
  readonly #binding = new LifetimeScope(this.#lifetime);
  #ready = new Map<Channel, AgentReadyState>();
  #status: RegistrationStatus | undefined;

  constructor(host: ReactiveControllerHost, config: () => AgentStatusBinding, listeners: AgentStatusListeners = {}) {
    this.#host = host;
    this.#config = config;
    this.#listeners = listeners;
    host.addController(this);
  }

  get adapter(): CallbackAdapter | undefined {
    return this.#adapter;
  }

  get telephony(): TelephonyAdapter | undefined {
    return this.#telephony;
  }

  /** The agent's state on a channel, as the adapter last reported it. */
  readyState(channel: Channel): AgentReadyState | undefined {
    return this.#ready.get(channel);
  }

  /** The reason chosen for being not ready on a channel, when it was chosen in this page. */
  reason(channel: Channel): NotReadyReason | undefined {
    return this.#adapter && this.readyState(channel) === 'not-ready' ? reasons.get(this.#adapter)?.get(channel) : undefined;
  }

  /** The phone's registration, or undefined without a telephony adapter. */
  get registration(): RegistrationStatus | undefined {
    return this.#status;
  }

  /** Asks the adapter for the new state; rejects with the adapter's error and keeps the old reason. */
  async setReadyState(channel: Channel, state: AgentReadyState, reason?: NotReadyReason): Promise<void> {
    const adapter = this.#adapter;
    if (!adapter) throw new AdapterError('not-supported', 'No callback adapter is connected.');
    const store = reasonsOf(adapter);
    const before = store.get(channel);
    // Stored first: the adapter announces the change before its promise settles.
    if (state === 'not-ready' && reason) store.set(channel, reason);
    else store.delete(channel);
    try {
      const { clock, policy } = this.#config();
      await withTimeout((signal) => adapter.setReadyState(channel, state, { signal }), {
        clock: clock ?? systemClock,
        ms: actionTimeout('agent-state-change', policy),
        what: 'agent-state-change',
        // Aborted when the host leaves the page.
        signal: this.#lifetime.signal,
      });
    } catch (error) {
      if (adapter.getReadyState(channel) !== state) {
        if (before) store.set(channel, before);
        else store.delete(channel);
      }
      throw error;
    } finally {
      this.#host.requestUpdate();
    }
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#bind();
  }

  hostUpdate(): void {
    const { adapter, telephony } = this.#config();
    if (adapter !== this.#adapter || telephony !== this.#telephony) this.#bind();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    this.#unbind();
  }

  #unbind(): void {
    this.#adapter = this.#telephony = undefined;
    this.#ready.clear();
    this.#status = undefined;
  }

  #bind(): void {
    this.#unbind();
    if (!this.#binding.open()) return;
    const { adapter, telephony } = this.#config();
    this.#adapter = adapter;
    this.#telephony = telephony;
    for (const channel of CHANNELS) if (adapter) this.#ready.set(channel, adapter.getReadyState(channel));
    this.#binding.subscribe(() =>
      adapter?.onReadyState((channel, state) => {
        const previous = this.#ready.get(channel);
        this.#ready.set(channel, state);
        if (state === 'ready') reasons.get(adapter)?.delete(channel);
        this.#host.requestUpdate();
        if (previous !== state) this.#listeners.onReadyState?.(channel, state, previous);
      }),
    );
    this.#status = telephony?.status();
    this.#binding.subscribe(() =>
      telephony?.onStatus((status) => {
        const previous = this.#status;
        this.#status = status;
        this.#host.requestUpdate();
        if (previous !== status) this.#listeners.onStatus?.(status, previous);
      }),
    );
  }
}
