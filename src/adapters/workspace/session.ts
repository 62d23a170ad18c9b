import { CometD, type Message } from 'cometd';
import { Emitter } from '../emitter.js';
import { AdapterError, throwIfAborted, type Unsubscribe } from '../errors.js';
import type { RegistrationStatus } from '../telephony-adapter.js';
import { CHANNELS, WORKSPACE_DEFAULTS, type WorkspaceOptions } from './config.js';
import { WorkspaceHttp } from './http.js';
import type { MediaMessage, VoiceMessage, WireConfiguration, WireDn } from './wire.js';

/**
 * One agent's Workspace API session: `initialize-workspace` with the host's token (the answer sets
 * the `WORKSPACE_SESSIONID` cookie the browser then sends by itself), the CometD connection for
 * notifications (long-polling: the `cometd` package's own client), `activate-channels` for the
 * agent's DN, and logout. Shared by the Workspace adapters of one agent.
 *
 * When the notification connection drops, CometD handshakes again by itself; the session then
 * subscribes again and tells `onReestablished` listeners, who read back what they may have missed.
 * When a request answers 401 the session asks the host for a new token, initializes a new session
 * and reconnects the notifications before the request is sent once more.
 */
export class WorkspaceSession {
  readonly http: WorkspaceHttp;
  readonly #o: WorkspaceOptions;
  #status: RegistrationStatus = 'offline';
  readonly #statusEmitter = new Emitter<[RegistrationStatus]>();
  readonly #voice = new Emitter<[VoiceMessage]>();
  readonly #media = new Emitter<[MediaMessage]>();
  readonly #reestablished = new Emitter<[]>();
  #cometd: CometD | undefined;
  #configuration: WireConfiguration = {};
  #dn: WireDn | undefined;
  #renewing: Promise<void> | undefined;
  /** Resolves when the voice channel is subscribed after the current handshake. */
  #subscribed: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;

  constructor(options: WorkspaceOptions) {
    this.#o = options;
    this.http = new WorkspaceHttp({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? WORKSPACE_DEFAULTS.timeoutMs,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      renew: () => this.renew(),
    });
  }

  get options(): WorkspaceOptions {
    return this.#o;
  }

  status(): RegistrationStatus {
    return this.#status;
  }

  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe {
    return this.#statusEmitter.on(listener);
  }

  /** Every message on `/workspace/v3/voice`, in order. */
  onVoice(listener: (message: VoiceMessage) => void): Unsubscribe {
    return this.#voice.on(listener);
  }

  /** Every message on `/workspace/v3/media` (open media: workitems), in order. */
  onMedia(listener: (message: MediaMessage) => void): Unsubscribe {
    return this.#media.on(listener);
  }

  /** After the notifications came back (a new CometD handshake or a renewed session). */
  onReestablished(listener: () => void): Unsubscribe {
    return this.#reestablished.on(listener);
  }

  /** What `WorkspaceInitializationComplete` said: reason codes, business attributes. */
  get configuration(): WireConfiguration {
    return this.#configuration;
  }

  /** The agent's DN as the last `DnStateChanged` described it. */
  get dn(): WireDn | undefined {
    return this.#dn;
  }

  /** Initializes, connects the notifications and activates the agent's DN. */
  async open(signal?: AbortSignal): Promise<void> {
    if (this.#status === 'registered') return;
    this.#setStatus('connecting');
    try {
      await this.#initialize(signal);
      await this.#connect();
      throwIfAborted(signal);
      await this.#activate(signal);
      this.#setStatus('registered');
    } catch (error) {
      this.#disconnectNotifications();
      this.#setStatus('failed');
      throw AdapterError.from(error);
    }
  }

  /** Logs out (all channels, the HTTP session) and disconnects the notifications. */
  async close(signal?: AbortSignal): Promise<void> {
    // First: a logout ends the CometD session on the server, which the client would take for a drop.
    this.#disconnectNotifications();
    try {
      if (this.#status !== 'offline' && this.#status !== 'failed') {
        await this.http.send({ method: 'POST', path: '/logout', signal, noRenew: true }).catch((error: unknown) => {
          if (AdapterError.from(error).code === 'aborted') throw error;
        });
      }
    } finally {
      this.#disconnectNotifications();
      this.#setStatus('offline');
    }
  }

  /** A new token, a new session, the notifications reconnected to it, the DN activated again. */
  renew(): Promise<void> {
    this.#renewing ??= (async () => {
      try {
        await this.#initialize();
        this.#disconnectNotifications();
        await this.#connect();
        await this.#activate();
        this.#reestablished.emit();
      } finally {
        this.#renewing = undefined;
      }
    })();
    return this.#renewing;
  }

  async #initialize(signal?: AbortSignal): Promise<void> {
    const token = await this.#o.token();
    throwIfAborted(signal);
    await this.http.send({
      method: 'POST',
      path: '/initialize-workspace',
      headers: { Authorization: `Bearer ${token}` },
      signal,
      noRenew: true,
    });
  }

  async #activate(signal?: AbortSignal): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: '/activate-channels',
      body: { data: { agentId: this.#o.agentId, dn: this.#o.dn } },
      signal,
    });
  }

  /** Handshakes (long-polling only) and resolves once the voice channel is subscribed. */
  #connect(): Promise<void> {
    const cometd = new CometD();
    this.#cometd = cometd;
    // The API has no WebSocket transport: tried first, it fails the handshake before falling back.
    cometd.unregisterTransport('websocket');
    cometd.unregisterTransport('callback-polling');
    cometd.configure({
      url: `${this.#o.baseUrl.replace(/\/+$/, '')}/workspace/v3/notifications`,
      logLevel: 'warn',
      requestHeaders: this.#o.apiKey ? { 'x-api-key': this.#o.apiKey } : {},
    });
    const subscribed = this.#expectSubscription();
    cometd.addListener('/meta/handshake', (message: Message) => {
      if (cometd !== this.#cometd) return;
      if (!message.successful) {
        const connected = this.#status === 'registered' || this.#status === 'reconnecting';
        // Refused by the server (403: its session is gone, after a restart or an expired token):
        // a new session with a new token. A network failure CometD retries by itself.
        if (connected && /^403/.test(String(message.error ?? ''))) {
          this.#setStatus('reconnecting');
          this.renew().catch(() => this.#setStatus('failed'));
        } else if (!connected) {
          this.#subscribed?.reject(handshakeError(message));
        }
        return;
      }
      if (message.reestablish) this.#expectSubscription();
      this.#subscribe(cometd, Boolean(message.reestablish));
    });
    cometd.addListener('/meta/connect', (message: Message) => {
      if (cometd !== this.#cometd || this.#status === 'offline' || this.#status === 'connecting') return;
      if (!message.successful && this.#status === 'registered') this.#setStatus('reconnecting');
    });
    cometd.handshake();
    return subscribed;
  }

  #expectSubscription(): Promise<void> {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may wait for a re-subscription: its failure must not be an unhandled rejection.
    promise.catch(() => undefined);
    this.#subscribed = { promise, resolve, reject };
    return promise;
  }

  #subscribe(cometd: CometD, reestablished: boolean): void {
    const pending = this.#subscribed;
    cometd.batch(() => {
      cometd.subscribe(CHANNELS.initialization, (message: Message) => {
        const data = message.data as { state?: string; data?: { configuration?: WireConfiguration } } | undefined;
        if (data?.state === 'Complete' && data.data?.configuration) this.#configuration = data.data.configuration;
      });
      cometd.subscribe(CHANNELS.media, (message: Message) => {
        const data = message.data as MediaMessage | undefined;
        if (data && typeof data === 'object') this.#media.emit(data);
      });
      cometd.subscribe(
        CHANNELS.voice,
        (message: Message) => {
          const data = message.data as VoiceMessage | undefined;
          if (!data || typeof data !== 'object') return;
          if (data.messageType === 'DnStateChanged' && 'dn' in data) this.#dn = data.dn;
          this.#voice.emit(data);
        },
        (reply: Message) => {
          if (!reply.successful) {
            pending?.reject(new AdapterError('network', 'The Workspace notifications could not be subscribed.'));
            return;
          }
          pending?.resolve();
          if (reestablished && this.#status !== 'offline' && this.#status !== 'connecting') {
            this.#reestablished.emit();
          }
        },
      );
    });
  }

  #disconnectNotifications(): void {
    const cometd = this.#cometd;
    this.#cometd = undefined;
    if (cometd && !cometd.isDisconnected()) cometd.disconnect();
  }

  /** Called by the adapters once they have read back what they missed. */
  reestablishedDone(): void {
    if (this.#status === 'reconnecting' || this.#status === 'registered') this.#setStatus('registered');
  }

  #setStatus(status: RegistrationStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#statusEmitter.emit(status);
  }
}

function handshakeError(message: Message): AdapterError {
  const text = typeof message.error === 'string' ? message.error : 'handshake failed';
  return new AdapterError(/403|401/.test(text) ? 'not-permitted' : 'network', `The Workspace notifications refused the connection: ${text}.`);
}
