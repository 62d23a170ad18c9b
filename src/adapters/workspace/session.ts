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
 * When the notification connection drops, CometD handshakes again by itself, with a back-off that
 * grows to `RETRY_MAX_MS`, for as long as the link stays down; the session then subscribes again and
 * tells `onReestablished` listeners, who read back what they may have missed. When CometD gives up
 * all the same (the server's advice, a re-subscription that failed, a renewal that failed on the
 * network), the session starts over with a new CometD client after its own bounded back-off.
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
  /** The session's own next try at bringing the notifications back, and how many came before it. */
  #retry: ReturnType<typeof setTimeout> | undefined;
  #retries = 0;
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
    this.#cancelRetry();
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
    this.#cancelRetry();
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
        this.#retries = 0;
        this.#reestablished.emit();
      } catch (error) {
        // The session is gone and no new one came (the network): tried again later, not given up.
        if (this.#linked() && AdapterError.from(error).retryable) this.#scheduleRetry('renew');
        throw error;
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

  /**
   * Handshakes (long-polling only) and resolves once the voice channel is subscribed.
   * `reestablishing`: a new client for a session whose notifications dropped, so its first
   * subscription is a re-establishment too.
   */
  #connect(reestablishing = false): Promise<void> {
    const cometd = new CometD();
    this.#cometd = cometd;
    // The API has no WebSocket transport: tried first, it fails the handshake before falling back.
    cometd.unregisterTransport('websocket');
    cometd.unregisterTransport('callback-polling');
    // After any failed request, CometD's long-polling transport stops accepting cross-origin URLs
    // (a fallback for browsers without CORS, to callback-polling, unregistered above): a failed
    // handshake then finds no transport and CometD gives up for good. Every browser this library
    // supports does CORS, and the Workspace API is always on another origin than the page.
    const longPolling = cometd.findTransport('long-polling');
    if (longPolling) longPolling.accept = () => true;
    cometd.configure({
      url: `${this.#o.baseUrl.replace(/\/+$/, '')}/workspace/v3/notifications`,
      logLevel: 'warn',
      requestHeaders: this.#o.apiKey ? { 'x-api-key': this.#o.apiKey } : {},
      backoffIncrement: RETRY_BASE_MS,
      maxBackoff: RETRY_MAX_MS,
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
          this.#renewLink();
        } else if (!connected) {
          this.#subscribed?.reject(handshakeError(message));
        } else {
          this.#setStatus('reconnecting');
          this.#unlessRetrying(cometd);
        }
        return;
      }
      const again = reestablishing || Boolean(message.reestablish);
      if (again) this.#expectSubscription();
      this.#subscribe(cometd, again);
    });
    cometd.addListener('/meta/connect', (message: Message) => {
      if (cometd !== this.#cometd || this.#status === 'offline' || this.#status === 'connecting') return;
      if (message.successful) return;
      if (this.#status === 'registered') this.#setStatus('reconnecting');
      this.#unlessRetrying(cometd);
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
          if (cometd !== this.#cometd) return;
          if (!reply.successful) {
            pending?.reject(new AdapterError('network', 'The Workspace notifications could not be subscribed.'));
            // Handshaken but deaf: a new client subscribes again.
            if (reestablished && this.#linked()) this.#scheduleRetry('handshake');
            return;
          }
          pending?.resolve();
          if (reestablished && this.#linked()) {
            this.#retries = 0;
            this.#reestablished.emit();
          }
        },
      );
    });
  }

  /** Registered, or was and is trying to get the notifications back. */
  #linked(): boolean {
    return this.#status === 'registered' || this.#status === 'reconnecting';
  }

  /**
   * After a failed handshake or connect: CometD decides what to do once its listeners have run. If
   * it gave up (disconnected: the server's advice, no transport), the session tries again itself.
   */
  #unlessRetrying(cometd: CometD): void {
    setTimeout(() => {
      if (cometd === this.#cometd && cometd.isDisconnected() && this.#linked()) this.#scheduleRetry('handshake');
    }, 0);
  }

  /** A new session for the notifications (the server refused the old one); renew() retries what the network failed. */
  #renewLink(): void {
    this.renew().catch((error: unknown) => {
      if (this.#linked() && !AdapterError.from(error).retryable) this.#setStatus('failed');
    });
  }

  /** The next try, after a back-off doubling from `RETRY_BASE_MS` up to `RETRY_MAX_MS`. */
  #scheduleRetry(how: 'handshake' | 'renew'): void {
    if (this.#retry !== undefined) return;
    this.#setStatus('reconnecting');
    const delay = Math.min(RETRY_BASE_MS * 2 ** this.#retries, RETRY_MAX_MS);
    this.#retries += 1;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (!this.#linked()) return;
      if (how === 'renew') {
        this.#renewLink();
        return;
      }
      if (this.#renewing) {
        // The client of a renewal gave up: the renewal fails (it waits for that client's
        // subscription), and is tried again itself.
        this.#subscribed?.reject(new AdapterError('network', 'The Workspace notifications could not be subscribed.'));
        return;
      }
      this.#disconnectNotifications();
      // Its outcome arrives through the listeners: re-established, or another retry.
      void this.#connect(true);
    }, delay);
  }

  #cancelRetry(): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#retries = 0;
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

/** The back-off of the notifications' retries: the first wait, and the longest. */
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;

function handshakeError(message: Message): AdapterError {
  const text = typeof message.error === 'string' ? message.error : 'handshake failed';
  return new AdapterError(/403|401/.test(text) ? 'not-permitted' : 'network', `The Workspace notifications refused the connection: ${text}.`);
}
