import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AgentReadyState, CallbackAdapter, ReadyStateDetail } from '../../adapters/callback-adapter.js';
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
  /** The agent's language, for an adapter that labels its not-ready reasons per language. */
  locale?: string | undefined;
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
  /** The adapter's not-ready reasons: undefined without them (or until they are read), [] when they could not be read. */
  #adapterReasons: readonly NotReadyReason[] | undefined;

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

  /**
   * The not-ready reasons the callback adapter offers (its backend's reason codes or presences),
   * once read; undefined for an adapter without them.
   */
  get adapterReasons(): readonly NotReadyReason[] | undefined {
    return this.#adapterReasons;
  }

  /** Whether the adapter offers its own not-ready reasons (read or still being read). */
  get offersReasons(): boolean {
    return typeof this.#adapter?.notReadyReasons === 'function';
  }

  /** Whether the adapter can turn Do Not Disturb on and off. */
  get offersDnd(): boolean {
    return typeof this.#adapter?.setDoNotDisturb === 'function';
  }

  /** Do Not Disturb is on, as the adapter reports it on any channel. */
  get dnd(): boolean {
    return CHANNELS.some((c) => !!this.detail(c)?.dnd);
  }

  /** Asks the adapter to turn Do Not Disturb on or off; rejects with the adapter's error. */
  async setDoNotDisturb(on: boolean): Promise<void> {
    const adapter = this.#adapter;
    if (!adapter?.setDoNotDisturb) throw new AdapterError('not-supported', 'The callback adapter has no Do Not Disturb.');
    try {
      const { clock, policy } = this.#config();
      await withTimeout((signal) => adapter.setDoNotDisturb!(on, { signal }), {
        clock: clock ?? systemClock,
        ms: actionTimeout('agent-state-change', policy),
        what: 'agent-state-change',
        signal: this.#lifetime.signal,
      });
    } finally {
      this.#host.requestUpdate();
    }
  }

  /** What the adapter reports beyond the state on a channel (its reason, after-call work, DND). */
  detail(channel: Channel): ReadyStateDetail | undefined {
    return this.#adapter?.readyStateDetail?.(channel);
  }

  /**
   * Why the agent is not ready on a channel: the backend's reason, when the adapter reports one,
   * else the reason chosen in this page.
   */
  reason(channel: Channel): NotReadyReason | undefined {
    if (!this.#adapter || this.readyState(channel) !== 'not-ready') return undefined;
    const reported = this.detail(channel);
    if (reported) {
      const reason = reported.reason;
      // The label as the reasons list has it (in the agent's language), when the report has none better.
      return reason ? (this.#adapterReasons?.find((r) => r.code === reason.code) ?? reason) : undefined;
    }
    return reasons.get(this.#adapter)?.get(channel);
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
    // Only a reason of the adapter's own goes to it: a page's reason means nothing to the backend.
    const code = state === 'not-ready' && reason && this.#adapterReasons?.some((r) => r.code === reason.code) ? reason.code : undefined;
    try {
      const { clock, policy } = this.#config();
      await withTimeout((signal) => adapter.setReadyState(channel, state, code ? { signal, reason: code } : { signal }), {
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
    this.#adapterReasons = undefined;
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
    this.#binding.subscribe(() =>
      adapter?.onReadyStateDetail?.(() => {
        this.#host.requestUpdate();
      }),
    );
    if (adapter?.notReadyReasons) {
      const signal = this.#binding.signal;
      const { locale } = this.#config();
      adapter.notReadyReasons({ signal, ...(locale ? { locale } : {}) }).then(
        (list) => {
          if (signal.aborted || this.#adapter !== adapter) return;
          this.#adapterReasons = list.map((r) => ({ ...r }));
          this.#host.requestUpdate();
        },
        () => {
          if (signal.aborted || this.#adapter !== adapter) return;
          // Unreadable: Not ready without a reason rather than reasons the backend would refuse.
          this.#adapterReasons = [];
          this.#host.requestUpdate();
        },
      );
    }
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
