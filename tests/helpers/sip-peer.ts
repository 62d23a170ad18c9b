// A far-end SIP phone for the real-SIP tests, on raw sip.js 0.21: it plays the customer, a
// transfer target or a supervisor against the tests' Kamailio (tests/sip/). Its microphone is a
// Web Audio tone, so a test can tell who hears whom; it answers, refuses or ignores calls as told,
// follows REFERs (blind and attended), takes INVITEs with Replaces and records DTMF sent by INFO.
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SIPExtension,
  SessionState,
  UserAgent,
  Web,
  type Referral,
  type Session,
} from 'sip.js';
import { requireLoopbackOnly, type SipEnv } from './sip-env.js';
import { sleep } from './wait.js';

type IncomingRequestMessage = Invitation['request'];
type SessionDescriptionHandler = Web.SessionDescriptionHandler;

export type PeerBehaviour = 'answer' | 'busy' | 'no-answer' | 'decline';

export interface SipPeerOptions {
  /** User part of the peer's AOR: `+15550100` → `sip:+15550100@127.0.0.1`. */
  user: string;
  displayName?: string;
  /** What to do with incoming INVITEs (INVITEs with Replaces are always answered). Default 'answer'. */
  behaviour?: PeerBehaviour;
  /** Delay before answering, ms. Default 0. */
  answerDelayMs?: number;
  /** Frequency of the peer's microphone tone, Hz. Default 440. */
  tone?: number;
  /** Digest password (users named `auth-*` need `secret`). */
  password?: string;
  /** Register on start. Default true. */
  register?: boolean;
  /** After following a REFER, BYE the referred leg once the new call is up. Default true. */
  byeAfterReferral?: boolean;
}

export class SipCallFailed extends Error {
  constructor(
    readonly statusCode: number,
    readonly reasonPhrase: string,
  ) {
    super(`SIP call failed: ${statusCode} ${reasonPhrase}`);
    this.name = 'SipCallFailed';
  }
}

/** Resolves with `promise`, or with `fallback` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => fallback)]);
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // nobody has to await it
  return { promise, resolve, reject };
}

/** Digits of a SIP INFO DTMF body: `Signal=5` (application/dtmf-relay) or `5` (application/dtmf). */
function digitsOf(contentType: string, body: string): string {
  const type = contentType.toLowerCase();
  if (type.includes('application/dtmf-relay')) {
    const match = /^\s*Signal\s*=\s*(\S+)/im.exec(body);
    return match ? match[1] : '';
  }
  if (type.includes('application/dtmf')) return body.trim();
  return '';
}

/** One call of a SipPeer, incoming or outgoing. */
export class PeerSession {
  /** `performance.now()` just before the INVITE was handed to sip.js (outgoing calls). */
  sentAt?: number;
  /** `performance.now()` when the INVITE arrived (incoming calls). */
  receivedAt?: number;
  /** Resolves once the call is up; rejects with SipCallFailed when it ends before. */
  readonly established: Promise<void>;
  /** Resolves once the call has ended, for any reason. */
  readonly ended: Promise<void>;
  /** DTMF received by SIP INFO, in order. */
  digits = '';
  /** User part of the Refer-To target, when the remote side transferred this call away. */
  transferredTo?: string;
  /** The call made to follow a REFER received on this call. */
  referredSession?: PeerSession;
  /** For a call made to follow a REFER: the call that carried the REFER. */
  referredBy?: PeerSession;
  /** For an incoming INVITE with Replaces: the call it replaced. */
  replaces?: PeerSession;
  /** The call that replaced this one (INVITE with Replaces). */
  replacedBy?: PeerSession;
  /** The final non-2xx answer to an outgoing INVITE, or what this peer answered an incoming one. */
  failure?: { statusCode: number; reasonPhrase: string };
  /** The REFER received on this call, if any. */
  referral?: Referral;

  private localHold = false;
  private readonly establishedDeferred = deferred<void>();
  private readonly endedDeferred = deferred<void>();
  private readonly referredDeferred = deferred<PeerSession>();
  private audioElement?: HTMLAudioElement;

  constructor(
    readonly peer: SipPeer,
    readonly session: Session,
    readonly direction: 'incoming' | 'outgoing',
  ) {
    this.established = this.establishedDeferred.promise;
    this.ended = this.endedDeferred.promise;
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) this.establishedDeferred.resolve();
      if (state === SessionState.Terminated) {
        // sip.js calls the INVITE's requestDelegate.onReject (which records the failure) just
        // after this transition: settle on the next task.
        setTimeout(() => {
          const failure = this.failure ?? { statusCode: 0, reasonPhrase: 'ended before it was established' };
          this.establishedDeferred.reject(new SipCallFailed(failure.statusCode, failure.reasonPhrase));
          this.referredDeferred.reject(new Error('call ended without a referral'));
          this.audioElement?.remove();
          this.endedDeferred.resolve();
        });
      }
    });
    session.delegate = {
      onInfo: (info) => {
        const contentType = info.request.getHeader('content-type') ?? '';
        this.digits += digitsOf(contentType, info.request.body ?? '');
        void info.accept();
      },
      onRefer: (referral) => this.followReferral(referral),
    };
  }

  get state(): SessionState {
    return this.session.state;
  }

  /** The other side's user part (From of an incoming call, To of an outgoing one). */
  get remoteIdentity(): string {
    return this.session.remoteIdentity.uri.user ?? '';
  }

  /** The INVITE that started an incoming call. */
  get request(): IncomingRequestMessage | undefined {
    return this.session instanceof Invitation ? this.session.request : undefined;
  }

  /** A header of the incoming INVITE (undefined for outgoing calls or when absent). */
  header(name: string): string | undefined {
    return this.request?.getHeader(name);
  }

  /** Resolves with the call made to follow a REFER received on this call. */
  get referred(): Promise<PeerSession> {
    return this.referredDeferred.promise;
  }

  private get sdh(): SessionDescriptionHandler | undefined {
    return this.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
  }

  get peerConnection(): RTCPeerConnection | undefined {
    return this.sdh?.peerConnection;
  }

  /** BYE when up, CANCEL while calling out, 480 while ringing in. Resolves once sent. */
  async hangUp(): Promise<void> {
    const session = this.session;
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) await session.cancel();
        else if (session instanceof Invitation) await session.reject({ statusCode: 480 });
        return;
      case SessionState.Established:
        await session.bye();
        return;
      default:
        return;
    }
  }

  /** Re-INVITE with a=sendonly (sip.js sets the transceiver direction). Resolves once answered. */
  async hold(): Promise<void> {
    await this.reinvite(true);
  }

  async unhold(): Promise<void> {
    await this.reinvite(false);
  }

  private reinvite(hold: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.session
        .invite({
          sessionDescriptionHandlerOptions: { hold } as Web.SessionDescriptionHandlerOptions,
          requestDelegate: {
            onAccept: () => {
              this.localHold = hold;
              resolve();
            },
            onReject: (response) => reject(new SipCallFailed(response.message.statusCode ?? 0, response.message.reasonPhrase ?? '')),
          },
        })
        .catch(reject);
    });
  }

  /** Sends DTMF by SIP INFO, one request per digit, each answered before the next. */
  async sendDigits(tones: string, { contentType = 'application/dtmf-relay', durationMs = 160 } = {}): Promise<void> {
    for (const tone of tones) {
      const content = contentType === 'application/dtmf' ? tone : `Signal=${tone}\r\nDuration=${durationMs}`;
      await new Promise<void>((resolve, reject) => {
        this.session
          .info({
            requestDelegate: {
              onAccept: () => resolve(),
              onReject: (response) => reject(new SipCallFailed(response.message.statusCode ?? 0, response.message.reasonPhrase ?? '')),
            },
            requestOptions: { body: { contentDisposition: 'render', contentType, content } },
          })
          .catch(reject);
      });
    }
  }

  /**
   * Transfers the other side: blind to a user or URI, attended (REFER with Replaces) to another
   * established PeerSession of this peer. Resolves with the status code of the final NOTIFY
   * sipfrag (2xx); then sends BYE on this call unless told not to (sip.js 0.21 does not).
   */
  transfer(target: string | PeerSession, { bye = true, timeoutMs = 10_000 } = {}): Promise<number> {
    const referTo = typeof target === 'string' ? this.peer.uriFor(target) : target.session;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('transfer: no final NOTIFY')), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      this.session
        .refer(referTo, {
          requestDelegate: {
            onReject: (response) => fail(new SipCallFailed(response.message.statusCode ?? 0, `REFER ${response.message.reasonPhrase ?? ''}`)),
          },
          onNotify: (notification) => {
            void notification.accept();
            const frag = /^SIP\/2\.0\s+(\d{3})/.exec(notification.request.body ?? '');
            if (!frag) return;
            const code = Number(frag[1]);
            if (code < 200) return;
            clearTimeout(timer);
            if (code >= 300) {
              reject(new SipCallFailed(code, `transfer target answered ${notification.request.body.trim()}`));
              return;
            }
            if (bye && this.session.state === SessionState.Established) {
              this.session.bye().catch(() => undefined);
            }
            resolve(code);
          },
        })
        .catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
    });
  }

  /** The agreed direction of the audio transceiver, seen from this peer. */
  remoteDirection(): RTCRtpTransceiverDirection | null | undefined {
    const transceiver = this.peerConnection?.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
    return transceiver?.currentDirection;
  }

  /** True when the other side has put this call on hold (we may receive nothing). */
  isHeldByRemote(): boolean {
    const direction = this.remoteDirection();
    return direction === 'recvonly' || (direction === 'inactive' && !this.localHold);
  }

  /** Sum of inbound-rtp audio bytesReceived. */
  async bytesReceived(): Promise<number> {
    const pc = this.peerConnection;
    if (!pc) return 0;
    let bytes = 0;
    (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp' && (report.kind ?? 'audio') === 'audio') bytes += report.bytesReceived ?? 0;
    });
    return bytes;
  }

  /** Resolves true once inbound audio bytes grew by more than `minBytes` (polling up to timeoutMs). */
  async receivesMedia({ minBytes = 200, timeoutMs = 3000 } = {}): Promise<boolean> {
    const start = await this.bytesReceived();
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      await sleep(100);
      if ((await this.bytesReceived()) - start > minBytes) return true;
    }
    return false;
  }

  /**
   * True when the audio received shows clear energy at `hz` (± 15 Hz) compared with the rest of
   * 100–4000 Hz; polls up to timeoutMs. `mixed`: other tones may be as loud (a conference mix), so
   * the tone need only stand clear of the noise floor.
   */
  async hearsTone(hz: number, { timeoutMs = 3000, mixed = false } = {}): Promise<boolean> {
    const stream = this.sdh?.remoteMediaStream;
    if (!stream || stream.getAudioTracks().length === 0) return false;
    // Chromium feeds remote WebRTC audio to Web Audio only while a media element plays it.
    if (!this.audioElement) {
      const audio = document.createElement('audio');
      audio.muted = true;
      audio.autoplay = true;
      audio.srcObject = stream;
      audio.hidden = true;
      document.body.append(audio);
      this.audioElement = audio;
      audio.play().catch(() => undefined);
    }
    const context = this.peer.audioContext;
    if (context.state !== 'running') await context.resume();
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0.3;
    source.connect(analyser);
    const data = new Float32Array(analyser.frequencyBinCount);
    const binHz = context.sampleRate / analyser.fftSize;
    const bin = (f: number) => Math.round(f / binHz);
    try {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        await sleep(100);
        analyser.getFloatFrequencyData(data);
        let peak = -Infinity;
        for (let i = bin(hz - 15); i <= bin(hz + 15); i += 1) peak = Math.max(peak, data[i]);
        const others: number[] = [];
        for (let i = bin(100); i <= bin(4000); i += 1) {
          if (Math.abs(i * binHz - hz) > 60) others.push(data[i]);
        }
        others.sort((a, b) => a - b);
        const median = others[Math.floor(others.length / 2)];
        const loudest = others[others.length - 1];
        // Clear energy: well above the noise floor, and the strongest thing in the band.
        if (peak > -70 && peak - median > 30 && (mixed || peak > loudest)) return true;
      }
      return false;
    } finally {
      source.disconnect();
    }
  }

  private followReferral(referral: Referral): void {
    this.referral = referral;
    this.transferredTo = referral.referTo.uri.user ?? referral.referTo.uri.host;
    void referral.accept().then(() => {
      const inviter = referral.makeInviter(this.peer.inviterOptions());
      const next = this.peer.adopt(inviter, 'outgoing');
      next.referredBy = this;
      this.referredSession = next;
      this.referredDeferred.resolve(next);
      next.established
        .then(() => {
          if (this.peer.options.byeAfterReferral !== false && this.session.state === SessionState.Established) {
            return this.session.bye();
          }
          return undefined;
        })
        .catch(() => undefined);
      next.sentAt = performance.now();
      return inviter.invite({ requestDelegate: next.failureRecorder() });
    });
  }

  /** A request delegate that records a non-2xx final answer to an outgoing INVITE. */
  failureRecorder() {
    const record = (response: { message: { statusCode?: number; reasonPhrase?: string } }) => {
      this.failure = { statusCode: response.message.statusCode ?? 0, reasonPhrase: response.message.reasonPhrase ?? '' };
    };
    return { onReject: record, onRedirect: record };
  }
}

/** A registered far-end phone on the tests' Kamailio. See the file header. */
export class SipPeer {
  readonly ua: UserAgent;
  readonly registerer: Registerer;
  /** Every call of this peer, in order of creation. */
  readonly sessions: PeerSession[] = [];
  /** Called for every new call (incoming, or made to follow a REFER). */
  onSession?: (session: PeerSession) => void;
  behaviour: PeerBehaviour;
  answerDelayMs: number;
  readonly audioContext: AudioContext;

  private readonly oscillator: OscillatorNode;
  private readonly incoming: PeerSession[] = [];
  private incomingTaken = 0;
  private incomingWaiters: Array<() => void> = [];
  private stopped = false;

  private constructor(
    readonly options: SipPeerOptions,
    readonly env: SipEnv,
  ) {
    this.behaviour = options.behaviour ?? 'answer';
    this.answerDelayMs = options.answerDelayMs ?? 0;
    this.audioContext = new AudioContext();
    this.oscillator = this.audioContext.createOscillator();
    this.oscillator.frequency.value = options.tone ?? 440;
    this.oscillator.start();
    const mediaStreamFactory = async (): Promise<MediaStream> => {
      if (this.audioContext.state !== 'running') await this.audioContext.resume();
      // A fresh destination per call: sip.js stops the local tracks when a call ends.
      const destination = this.audioContext.createMediaStreamDestination();
      this.oscillator.connect(destination);
      return destination.stream;
    };
    const uri = UserAgent.makeURI(`sip:${options.user}@${env.domain}`);
    if (!uri) throw new Error(`SipPeer: bad user ${options.user}`);
    this.ua = new UserAgent({
      uri,
      displayName: options.displayName,
      // The Contact carries the user, so a Refer-To built from it names who the target is.
      contactName: options.user,
      authorizationUsername: options.user,
      authorizationPassword: options.password,
      transportOptions: { server: env.wsServer, connectionTimeout: 5 },
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(mediaStreamFactory),
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 2000,
      },
      // Tests decide when to reconnect (see reconnect()).
      reconnectionAttempts: 0,
      logLevel: 'error',
      delegate: { onInvite: (invitation) => this.onInvite(invitation) },
    });
    // `+sip.instance` + `reg-id` in the REGISTER: Kamailio answers with a GRUU, which sip.js uses
    // as this peer's Contact, so its calls stay reachable after it reconnects (new WebSocket).
    this.registerer = new Registerer(this.ua, { expires: 600, regId: 1 });
  }

  /** Connects, registers (unless `register: false`) and resolves with the peer. */
  static async start(options: SipPeerOptions): Promise<SipPeer> {
    const env = await requireLoopbackOnly();
    const peer = new SipPeer(options, env);
    try {
      await peer.ua.start();
      if (options.register !== false) await peer.register();
    } catch (error) {
      await peer.stop();
      throw error;
    }
    return peer;
  }

  get user(): string {
    return this.options.user;
  }

  /** `sip:USER@127.0.0.1` */
  get aor(): string {
    return `sip:${this.options.user}@${this.env.domain}`;
  }

  /** The peer's microphone tone, Hz (can be changed during a call). */
  get tone(): number {
    return this.oscillator.frequency.value;
  }

  set tone(hz: number) {
    this.oscillator.frequency.value = hz;
  }

  get registered(): boolean {
    return this.registerer.state === RegistererState.Registered;
  }

  /** REGISTER; resolves on 2xx, rejects with SipCallFailed on a final failure. */
  register(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.registerer
        .register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) =>
              reject(new SipCallFailed(response.message.statusCode ?? 0, `REGISTER ${response.message.reasonPhrase ?? ''}`)),
          },
        })
        .catch(reject);
    });
  }

  /** Reconnects the WebSocket (e.g. after a Kamailio restart) and registers again. */
  async reconnect(): Promise<void> {
    await this.ua.reconnect();
    if (this.options.register !== false) await this.register();
  }

  /** A user (`+15550101`), `user@host` or a full `sip:` URI → a URI on the tests' domain. */
  uriFor(target: string) {
    const text = target.startsWith('sip:') ? target : target.includes('@') ? `sip:${target}` : `sip:${target}@${this.env.domain}`;
    const uri = UserAgent.makeURI(text);
    if (!uri) throw new Error(`SipPeer: bad target ${target}`);
    return uri;
  }

  /** @internal Options for every INVITE this peer sends. */
  inviterOptions(extraHeaders: string[] = []) {
    return {
      extraHeaders,
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    };
  }

  /** Calls a user or URI; resolves as soon as the INVITE is sent. */
  async call(target: string, { headers = [] as string[] } = {}): Promise<PeerSession> {
    const inviter = new Inviter(this.ua, this.uriFor(target), this.inviterOptions(headers));
    const session = this.adopt(inviter, 'outgoing');
    session.sentAt = performance.now();
    await inviter.invite({ requestDelegate: session.failureRecorder() });
    return session;
  }

  /** Resolves with the next incoming call not yet returned by nextSession(). */
  async nextSession({ timeoutMs = 5000 } = {}): Promise<PeerSession> {
    const deadline = performance.now() + timeoutMs;
    while (this.incomingTaken >= this.incoming.length) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`SipPeer ${this.user}: no incoming call within ${timeoutMs} ms`);
      await within(new Promise<void>((resolve) => this.incomingWaiters.push(resolve)), left, undefined);
    }
    const next = this.incoming[this.incomingTaken];
    this.incomingTaken += 1;
    return next;
  }

  /** @internal Wraps a sip.js session of this peer. */
  adopt(session: Session, direction: 'incoming' | 'outgoing'): PeerSession {
    const wrapped = new PeerSession(this, session, direction);
    this.sessions.push(wrapped);
    if (direction === 'incoming') {
      this.incoming.push(wrapped);
      const waiters = this.incomingWaiters;
      this.incomingWaiters = [];
      for (const wake of waiters) wake();
    }
    this.onSession?.(wrapped);
    return wrapped;
  }

  private onInvite(invitation: Invitation): void {
    const session = this.adopt(invitation, 'incoming');
    session.receivedAt = performance.now();
    const replacee = invitation.replacee;
    if (replacee) {
      const old = this.sessions.find((s) => s.session === replacee);
      if (old) {
        session.replaces = old;
        old.replacedBy = session;
      }
      // Attended transfer: take the call at once; sip.js then BYEs the replaced one.
      void invitation.accept(this.inviterOptions()).catch(() => undefined);
      return;
    }
    const refuse = (statusCode: number, reasonPhrase: string) => {
      session.failure = { statusCode, reasonPhrase };
      void invitation.reject({ statusCode, reasonPhrase }).catch(() => undefined);
    };
    switch (this.behaviour) {
      case 'busy':
        refuse(486, 'Busy Here');
        return;
      case 'decline':
        refuse(603, 'Decline');
        return;
      case 'no-answer':
        return;
      case 'answer':
        void sleep(this.answerDelayMs).then(() => {
          if (invitation.state === SessionState.Initial) {
            return invitation.accept(this.inviterOptions()).catch(() => undefined);
          }
          return undefined;
        });
        return;
    }
  }

  /** Ends every call, unregisters and stops the user agent. Never stalls (bounded waits). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.sessions.map((s) => s.hangUp().catch(() => undefined)));
    await within(Promise.all(this.sessions.map((s) => s.ended)), 2000, []);
    if (this.registered) {
      const unregistered = new Promise<void>((resolve) => {
        this.registerer
          .unregister({ requestDelegate: { onAccept: () => resolve(), onReject: () => resolve() } })
          .catch(() => resolve());
      });
      await within(unregistered, 2000, undefined);
    }
    await within(
      this.ua.stop().catch(() => undefined),
      3000,
      undefined,
    );
    this.oscillator.stop();
    await this.audioContext.close().catch(() => undefined);
  }

  /** Stops every peer given, in parallel (for afterEach). */
  static async stopAll(peers: Iterable<SipPeer | undefined>): Promise<void> {
    await Promise.all([...peers].map((peer) => peer?.stop()));
  }
}
