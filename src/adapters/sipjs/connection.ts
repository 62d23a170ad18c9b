import type { Invitation, Registerer, SessionDescriptionHandlerFactory, SessionDescriptionHandlerModifier, UserAgent, Web } from 'sip.js';
import { AdapterError } from '../errors.js';
import type { RegistrationStatus } from '../telephony-adapter.js';
import { SIP_DEFAULTS, type SipTelephonyOptions } from './config.js';
import { badRequestFor, unwrapMultipartInvite } from './invite-data.js';
import { mediaFailureText, type RecordsMediaFailure } from './call-end.js';

/** What the adapters use of sip.js (./sip-parts.ts); sip.js's own module is one too. */
export type SipModule = typeof import('./sip-parts.js');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let sipModule: Promise<SipModule> | undefined;

/** For parsing a request a second time, to learn whether sip.js can: its failure is ours to answer. */
const silent = { error() {}, warn() {}, log() {}, debug() {} } as unknown as Parameters<SipModule['Core']['Parser']['parseMessage']>[1];

/** sip.js, loaded the first time a SIP adapter connects: pages on other adapters never fetch it. */
export function loadSip(): Promise<SipModule> {
  sipModule ??= importSip(() => import('./sip-parts.js')).catch((error: unknown) => {
    sipModule = undefined;
    throw error;
  });
  return sipModule;
}

/**
 * sip.js is an optional peer dependency: a page that uses a SIP adapter without it installed (or
 * whose bundle chunk cannot be fetched) gets an `AdapterError` that says so, not a module error.
 */
export async function importSip(load: () => Promise<SipModule>): Promise<SipModule> {
  try {
    return await load();
  } catch (cause) {
    const text = String((cause as Error | undefined)?.message ?? cause);
    // A bare specifier nobody resolved: the package is missing (a fetch that failed is the network's).
    const missing = /resolve|cannot find|not found|specifier/i.test(text) && !/fetch/i.test(text);
    throw missing
      ? new AdapterError('not-supported', 'sip.js is not installed: it is an optional peer dependency of callback-elements, needed by the SIP adapters (npm install sip.js).', { cause })
      : new AdapterError('network', `sip.js could not be loaded: ${text}`, { cause, retryable: true });
  }
}

export interface ConnectionHooks {
  onInvite(invitation: Invitation): void;
  onStatus(status: RegistrationStatus): void;
  /** The transport came back and we are registered again: recover live calls. */
  onReconnected(): Promise<void>;
  /** True while calls are live (the connection then stays on the same server). */
  hasLiveCalls(): boolean;
  mediaStreamFactory(): Promise<MediaStream>;
}


/**
 * The user agent, its WebSocket and its registration. sip.js has not reconnected by itself since
 * 0.16: after a drop this reconnects with back-off (and at once on the browser's `online` event),
 * re-registers with a fresh Registerer (a REGISTER in progress can wedge the old one), then asks
 * the adapter to recover its calls. Servers are tried in order when one cannot be reached.
 */
export class SipConnection {
  readonly #options: SipTelephonyOptions;
  readonly #hooks: ConnectionHooks;
  #sip: SipModule | undefined;
  #ua: UserAgent | undefined;
  #uaServer = -1;
  /** `+sip.instance` of every user agent this connection makes (failover keeps it; sent with `gruu`). */
  #instanceId: string | undefined;
  #registerer: Registerer | undefined;
  #status: RegistrationStatus = 'offline';
  /** The agent wants to be registered (between register() and unregister()). */
  #wanted = false;
  #everRegistered = false;
  #retry: { timer: ReturnType<typeof setTimeout> | undefined; attempt: number; running: boolean } = {
    timer: undefined,
    attempt: 0,
    running: false,
  };
  readonly #online = () => {
    if (this.#wanted && this.#status !== 'registered') this.#scheduleReconnect(0);
  };

  constructor(options: SipTelephonyOptions, hooks: ConnectionHooks) {
    if (!options.servers.length) throw new AdapterError('invalid-input', 'At least one WebSocket server is needed.');
    if (options.instanceId !== undefined && !UUID.test(options.instanceId)) {
      throw new AdapterError('invalid-input', `instanceId "${options.instanceId}" is not a UUID.`);
    }
    this.#options = options;
    this.#hooks = hooks;
  }

  get status(): RegistrationStatus {
    return this.#status;
  }

  get userAgent(): UserAgent | undefined {
    return this.#ua;
  }

  get sip(): SipModule | undefined {
    return this.#sip;
  }

  get domain(): string {
    return this.#options.domain ?? (/^sips?:[^@]*@([^;>?]+)/i.exec(this.#options.aor)?.[1] ?? '');
  }

  async register(signal?: AbortSignal): Promise<void> {
    if (this.#status === 'registered' && this.#wanted) return;
    this.#wanted = true;
    globalThis.addEventListener?.('online', this.#online);
    this.#setStatus(this.#everRegistered ? 'reconnecting' : 'connecting');
    try {
      await this.#connectAndRegister(0, signal);
    } catch (error) {
      const failure = AdapterError.from(error);
      if (failure.code === 'not-permitted' || failure.code === 'aborted') {
        this.#wanted = failure.code === 'aborted' ? false : this.#wanted;
        this.#setStatus(failure.code === 'not-permitted' ? 'failed' : 'offline');
        if (failure.code === 'not-permitted') this.#wanted = false;
      } else {
        this.#setStatus(this.#everRegistered ? 'reconnecting' : 'offline');
        this.#scheduleReconnect();
      }
      throw failure;
    }
  }

  async unregister(): Promise<void> {
    this.#wanted = false;
    this.#everRegistered = false;
    globalThis.removeEventListener?.('online', this.#online);
    clearTimeout(this.#retry.timer);
    this.#retry = { timer: undefined, attempt: 0, running: false };
    await this.#release(this.#registerer);
    const ua = this.#ua;
    this.#ua = undefined;
    this.#uaServer = -1;
    await ua?.stop().catch(() => undefined);
    this.#setStatus('offline');
  }

  /** Connects (creating the user agent for `servers[index]` when needed) and registers. */
  async #connectAndRegister(startIndex: number, signal?: AbortSignal): Promise<void> {
    const servers = this.#options.servers;
    let lastError: unknown;
    const order = this.#ua && this.#hooks.hasLiveCalls() ? [this.#uaServer] : servers.map((_, i) => (startIndex + i) % servers.length);
    for (const index of order) {
      if (signal?.aborted) throw new AdapterError('aborted', 'The request was cancelled.');
      try {
        const ua = await this.#userAgentFor(index);
        if (!ua.isConnected()) await this.#withTimeout(this.#uaServer === index && this.#started ? ua.reconnect() : this.#start(ua), 'connect');
        await this.#registerFresh(ua);
        // unregister() or dispose() ran while this was on its way: stay down.
        if (!this.#wanted) throw new AdapterError('aborted', 'The phone was disconnected meanwhile.');
        this.#everRegistered = true;
        this.#retry.attempt = 0;
        this.#setStatus('registered');
        return;
      } catch (error) {
        lastError = error;
        if (error instanceof AdapterError && (error.code === 'not-permitted' || error.code === 'aborted')) throw error;
      }
    }
    throw lastError instanceof AdapterError
      ? lastError
      : new AdapterError('network', `Could not reach the SIP server (${servers.join(', ')}).`, { cause: lastError });
  }

  #started = false;

  async #start(ua: UserAgent): Promise<void> {
    this.#started = true;
    await ua.start();
  }

  async #userAgentFor(index: number): Promise<UserAgent> {
    if (this.#ua && this.#uaServer === index) return this.#ua;
    const sip = (this.#sip ??= await loadSip());
    const old = this.#ua;
    if (old) {
      await this.#release(this.#registerer);
      await old.stop().catch(() => undefined);
    }
    const uri = sip.UserAgent.makeURI(this.#options.aor);
    if (!uri) throw new AdapterError('invalid-input', `"${this.#options.aor}" is not a SIP address.`);
    const o = this.#options;
    const instanceId = this.#instanceId ?? o.instanceId;
    const ua = new sip.UserAgent({
      uri,
      ...(instanceId ? { instanceId } : {}),
      transportOptions: { server: o.servers[index], connectionTimeout: 5 },
      ...(o.authorizationUsername ? { authorizationUsername: o.authorizationUsername } : {}),
      ...(o.password ? { authorizationPassword: o.password } : {}),
      ...(o.displayName ? { displayName: o.displayName } : {}),
      sipExtensionReplaces: sip.SIPExtension.Supported,
      // The adapter rings (180) itself, once it knows it can take the call (see its #incoming).
      sendInitialProvisionalResponse: false,
      sessionDescriptionHandlerFactory: handlerFactory(sip, () => this.#hooks.mediaStreamFactory()),
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: o.iceServers ?? [] } },
      logLevel: o.logLevel ?? 'error',
      reconnectionAttempts: 0,
      delegate: {
        onInvite: (invitation) => this.#hooks.onInvite(invitation),
        onDisconnect: (error) => {
          if (this.#ua !== ua) return;
          if (error && this.#wanted) this.#dropped();
        },
      },
    });
    this.#instanceId = ua.instanceId;
    // sip.js cannot parse a multipart INVITE (SDP + JSON callback data): unwrap it first. A request
    // it cannot parse at all it drops unanswered: answer that one 400 here.
    const deliver = ua.transport.onMessage;
    ua.transport.onMessage = (message: string) => {
      const unwrapped = unwrapMultipartInvite(message);
      if (!unwrapped.startsWith('SIP/') && !sip.Core.Parser.parseMessage(unwrapped, silent)) {
        const answer = badRequestFor(unwrapped, Math.random().toString(36).slice(2, 12));
        if (answer) void ua.transport.send(answer).catch(() => undefined);
        return;
      }
      deliver?.(unwrapped);
    };
    this.#ua = ua;
    this.#uaServer = index;
    this.#started = false;
    return ua;
  }

  /** A new Registerer each time: a REGISTER in progress can wedge the old one (sip.js trap). */
  async #registerFresh(ua: UserAgent): Promise<void> {
    const sip = this.#sip!;
    await this.#release(this.#registerer);
    // gruu: regId makes the REGISTER carry `+sip.instance` (the user agent's instanceId) and
    // `reg-id`; a registrar that supports GRUU answers with one, and sip.js uses it as Contact.
    const registerer = new sip.Registerer(ua, {
      expires: this.#options.registerExpiresSeconds ?? SIP_DEFAULTS.registerExpiresSeconds,
      ...(this.#options.gruu ? { regId: 1 } : {}),
    });
    this.#registerer = registerer;
    await this.#withTimeout(
      new Promise<void>((resolve, reject) => {
        const stop = () => registerer.stateChange.removeListener(onState);
        const onState = (state: string) => {
          if (state === sip.RegistererState.Registered) {
            stop();
            resolve();
          }
        };
        registerer.stateChange.addListener(onState);
        registerer
          .register({
            requestDelegate: {
              onReject: (response) => {
                stop();
                const code = response.message.statusCode ?? 0;
                reject(
                  code === 401 || code === 403 || code === 407
                    ? new AdapterError('not-permitted', `The SIP server refused the credentials (${code} ${response.message.reasonPhrase}).`)
                    : new AdapterError('service-unavailable', `Registration failed: ${code} ${response.message.reasonPhrase}.`),
                );
              },
            },
          })
          .catch((error: unknown) => {
            stop();
            reject(new AdapterError('network', 'Could not send the registration.', { cause: error }));
          });
      }),
      'register',
    ).catch(async (error: unknown) => {
      await this.#release(registerer);
      throw error;
    });
    // A refresh that fails leaves the Registerer unregistered: register again with a new one.
    registerer.stateChange.addListener((state) => {
      if (state === sip.RegistererState.Unregistered && this.#wanted && this.#registerer === registerer && this.#status === 'registered') {
        this.#dropped();
      }
    });
  }

  /**
   * Lets a Registerer go. sip.js disposes of one only once its outstanding REGISTER is answered or
   * times out (32 s): awaiting that after a wedged REGISTER stalled every reconnection. So only a
   * registered one is waited for (its disposal un-REGISTERs), and no longer than a request may take;
   * any other goes in the background. Should it un-REGISTER after we stopped waiting (a late answer
   * registered it), the Contact it shares with the current Registerer is gone: register that again.
   */
  async #release(registerer: Registerer | undefined): Promise<void> {
    if (!registerer) return;
    if (this.#registerer === registerer) this.#registerer = undefined;
    const Registered = this.#sip!.RegistererState.Registered;
    let unregisters = registerer.state === Registered;
    registerer.stateChange.addListener((state) => {
      if (state === Registered) unregisters = true;
    });
    let waiting = unregisters;
    const disposed = registerer
      .dispose()
      .catch(() => undefined)
      .then(() => {
        if (!waiting && unregisters) this.#registerAgain();
      });
    if (!waiting) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      disposed,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#options.requestTimeoutMs ?? SIP_DEFAULTS.requestTimeoutMs))),
    ]);
    clearTimeout(timer);
    waiting = false;
  }

  /** Refreshes the current registration (its binding was removed behind its back). */
  #registerAgain(): void {
    const current = this.#registerer;
    const sip = this.#sip;
    if (!current || !sip || !this.#wanted) return;
    if (current.state === sip.RegistererState.Registered) {
      current.register().catch(() => undefined);
    } else if (current.state === sip.RegistererState.Initial) {
      // Its first REGISTER is still out: refresh once it is answered.
      const once = (state: string) => {
        current.stateChange.removeListener(once);
        if (state === sip.RegistererState.Registered) this.#registerAgain();
      };
      current.stateChange.addListener(once);
    }
  }

  #dropped(): void {
    if (!this.#wanted) return;
    this.#setStatus('reconnecting');
    this.#scheduleReconnect(0);
  }

  #scheduleReconnect(delay?: number): void {
    if (!this.#wanted || this.#retry.running) return;
    clearTimeout(this.#retry.timer);
    const base = this.#options.reconnect?.initialDelayMs ?? SIP_DEFAULTS.initialDelayMs;
    const max = this.#options.reconnect?.maxDelayMs ?? SIP_DEFAULTS.maxDelayMs;
    const backoff = Math.min(max, base * 2 ** this.#retry.attempt);
    const ms = delay ?? Math.round(backoff * (0.8 + Math.random() * 0.4));
    this.#retry.timer = setTimeout(() => void this.#reconnect(), ms);
  }

  async #reconnect(): Promise<void> {
    if (!this.#wanted || this.#retry.running) return;
    this.#retry.running = true;
    const attempt = this.#retry.attempt++;
    try {
      await this.#connectAndRegister(attempt % this.#options.servers.length);
      this.#retry.running = false;
      await this.#hooks.onReconnected();
    } catch (error) {
      this.#retry.running = false;
      if (error instanceof AdapterError && error.code === 'not-permitted') {
        this.#wanted = false;
        this.#setStatus('failed');
        return;
      }
      this.#scheduleReconnect();
    }
  }

  async #withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    const ms = this.#options.requestTimeoutMs ?? SIP_DEFAULTS.requestTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AdapterError('timeout', `The SIP server did not answer (${what}) within ${ms} ms.`)), ms);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #setStatus(status: RegistrationStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#hooks.onStatus(status);
  }

  /** Used by tests and `dispose()`: stop retrying and close the socket without unregistering. */
  async dispose(): Promise<void> {
    this.#wanted = false;
    clearTimeout(this.#retry.timer);
    globalThis.removeEventListener?.('online', this.#online);
    await this.#release(this.#registerer);
    await this.#ua?.stop().catch(() => undefined);
    this.#ua = undefined;
    this.#setStatus('offline');
  }

}

/**
 * sip.js's Web SessionDescriptionHandler with two repairs that a refused re-INVITE (a 491 in glare,
 * a 488, a 500) needs:
 * - `rollbackDescription()`, which sip.js 0.21 calls on a non-2xx but the Web handler lacks: without
 *   it the refused offer stays applied (`have-local-offer`), every later re-INVITE of ours fails
 *   ("Invalid signaling state have-local-offer") and the far end's next offer is applied as an answer.
 * - a remote offer is applied before our track is added: a transceiver that addTrack() made before
 *   the offer arrived loses its ICE/DTLS transport when a later re-offer is rolled back (Chromium
 *   156: the call goes silent); one that the offer made keeps it.
 */
function handlerFactory(sip: SipModule, media: () => Promise<MediaStream>): SessionDescriptionHandlerFactory {
  class Handler extends sip.Web.SessionDescriptionHandler implements RecordsMediaFailure {
    /** sip.js ends the call when the browser refuses a description and logs why: keep the why. */
    mediaFailure: string | undefined;

    override setDescription(sdp: string, options?: Web.SessionDescriptionHandlerOptions, modifiers?: SessionDescriptionHandlerModifier[]): Promise<void> {
      const pc = this.peerConnection;
      if (!pc) return this.#recorded(super.setDescription(sdp, options, modifiers));
      const type = pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
      return this.#recorded(
        this.applyModifiers({ sdp, type }, modifiers)
          .then((description) => this.setRemoteSessionDescription(description))
          .then(() => this.getLocalMediaStream(options)),
      );
    }

    #recorded(done: Promise<void>): Promise<void> {
      return done.then(
        () => {
          this.mediaFailure = undefined;
        },
        (error: unknown) => {
          this.mediaFailure = mediaFailureText(error);
          throw error;
        },
      );
    }

    async rollbackDescription(): Promise<void> {
      const pc = this.peerConnection;
      if (pc?.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
    }
  }
  return (session, options?: Web.SessionDescriptionHandlerFactoryOptions) =>
    new Handler(session.userAgent.getLogger('sip.SessionDescriptionHandler'), media, {
      iceGatheringTimeout: options?.iceGatheringTimeout ?? 5_000,
      peerConnectionConfiguration: { ...sip.Web.defaultPeerConnectionConfiguration(), ...options?.peerConnectionConfiguration },
    });
}
