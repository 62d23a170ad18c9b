// A small SIP phone on raw sip.js for demo/sip.html: the customer's softphone and the supervisor.
// One call at a time. It calls out with extra headers, answers (by hand or after a delay), holds
// and resumes, records DTMF received by SIP INFO, follows REFERs (blind, and attended with
// Replaces: a new INVITE, then BYE on the old leg) and takes INVITEs with Replaces at once.
import { Invitation, Inviter, Registerer, SIPExtension, SessionState, UserAgent, Web, type Referral, type Session } from 'sip.js';

export type CallState = 'idle' | 'calling' | 'ringing' | 'incoming' | 'connected' | 'ended';

export interface SoftphoneOptions {
  /** User part of the AOR: `+12025550101` → `sip:+12025550101@DOMAIN`. */
  user: string;
  displayName?: string;
  /** SIP over WebSocket, e.g. `ws://127.0.0.1:15080`. */
  server: string;
  domain: string;
  /** The microphone of one call (sip.js stops its tracks when the call ends). */
  microphone: () => Promise<MediaStream>;
  /** Plays the other side. */
  remoteAudio?: HTMLAudioElement;
  /** Answer incoming calls by itself after this many ms; absent: they ring until answer(). */
  autoAnswerMs?: number;
  /** Called after every change of the call (state, hold, transfer, digits). */
  onChange?: () => void;
}

/** Digits of a SIP INFO DTMF body: `Signal=5` (application/dtmf-relay) or `5` (application/dtmf). */
function digitsOf(contentType: string, body: string): string {
  const type = contentType.toLowerCase();
  if (type.includes('application/dtmf-relay')) return /^\s*Signal\s*=\s*(\S+)/im.exec(body)?.[1] ?? '';
  if (type.includes('application/dtmf')) return body.trim();
  return '';
}

/** True when an SDP offer asks us to stop sending: the other side put the call on hold. */
const offersHold = (sdp: string) => /^a=(sendonly|inactive)\s*$/m.test(sdp);

const mediaOptions = { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } };

export class Softphone {
  readonly ua: UserAgent;
  readonly registerer: Registerer;
  state: CallState = 'idle';
  registered = false;
  /** User part of the other side of the current call. */
  remote = '';
  heldByRemote = false;
  heldLocally = false;
  /** User part of the REFER target, once the other side transferred the call. */
  transferredTo = '';
  /** Why the last call ended or failed (`486 Busy Here`, `transfer failed: …`). */
  reason = '';
  /** DTMF received by SIP INFO, every call. */
  digits = '';
  #current: Session | undefined;

  constructor(readonly options: SoftphoneOptions) {
    const uri = UserAgent.makeURI(`sip:${options.user}@${options.domain}`);
    if (!uri) throw new Error(`Softphone: bad user ${options.user}`);
    this.ua = new UserAgent({
      uri,
      displayName: options.displayName,
      // The Contact carries the user, so a Refer-To built from it (attended transfer) names who it is.
      contactName: options.user,
      transportOptions: { server: options.server, connectionTimeout: 5 },
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(() => options.microphone()),
      // No STUN: everything stays on this machine.
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 2000 },
      logLevel: 'error',
      delegate: { onInvite: (invitation) => this.#incoming(invitation) },
    });
    this.registerer = new Registerer(this.ua, { expires: 300 });
  }

  async start(): Promise<void> {
    await this.ua.start();
    await new Promise<void>((resolve, reject) => {
      this.registerer
        .register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new Error(`REGISTER answered ${r.message.statusCode} ${r.message.reasonPhrase}`)),
          },
        })
        .catch(reject);
    });
    this.registered = true;
    this.#changed();
  }

  /** Hangs up, unregisters and disconnects; never waits long. */
  async stop(): Promise<void> {
    await this.hangUp().catch(() => undefined);
    const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 1500))]);
    if (this.registered) await bounded(this.registerer.unregister());
    this.registered = false;
    await bounded(this.ua.stop());
  }

  get busy(): boolean {
    return this.#current !== undefined && this.#current.state !== SessionState.Terminated;
  }

  /** Calls `target` (a user part in our domain) with extra headers (`Name: value`). */
  async call(target: string, headers: string[] = []): Promise<void> {
    if (this.busy) return;
    const uri = UserAgent.makeURI(`sip:${target}@${this.options.domain}`);
    if (!uri) throw new Error(`Softphone: bad target ${target}`);
    this.#reset();
    const inviter = new Inviter(this.ua, uri, { ...mediaOptions, extraHeaders: headers });
    this.#adopt(inviter, 'calling');
    await inviter.invite({ requestDelegate: this.#progress(inviter) });
  }

  async answer(): Promise<void> {
    const session = this.#current;
    if (session instanceof Invitation && session.state === SessionState.Initial) await session.accept(mediaOptions);
  }

  /** BYE when up, CANCEL while calling out, 480 while ringing in. */
  async hangUp(): Promise<void> {
    const session = this.#current;
    if (!session) return;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter && session.state !== SessionState.Terminated) await session.cancel();
    else if (session instanceof Invitation && session.state === SessionState.Initial) await session.reject({ statusCode: 480 });
  }

  /** Re-INVITE with a=sendonly (hold) or a=sendrecv (resume). */
  async hold(hold: boolean): Promise<void> {
    const session = this.#current;
    if (session?.state !== SessionState.Established) return;
    await new Promise<void>((resolve, reject) => {
      session
        .invite({
          sessionDescriptionHandlerOptions: { hold } as Web.SessionDescriptionHandlerOptions,
          requestDelegate: {
            onAccept: () => {
              this.heldLocally = hold;
              this.#changed();
              resolve();
            },
            onReject: (r) => reject(new Error(`re-INVITE answered ${r.message.statusCode} ${r.message.reasonPhrase}`)),
          },
        })
        .catch(reject);
    });
  }

  #reset(): void {
    this.remote = '';
    this.heldByRemote = false;
    this.heldLocally = false;
    this.transferredTo = '';
    this.reason = '';
  }

  #changed(): void {
    this.options.onChange?.();
  }

  /** Records 180 and final failures of an outgoing INVITE. */
  #progress(inviter: Inviter) {
    return {
      onProgress: (r: { message: { statusCode?: number } }) => {
        if (inviter === this.#current && (r.message.statusCode === 180 || r.message.statusCode === 183) && this.state === 'calling') {
          this.state = 'ringing';
          this.#changed();
        }
      },
      onReject: (r: { message: { statusCode?: number; reasonPhrase?: string } }) => {
        if (inviter === this.#current) this.reason = `${r.message.statusCode ?? ''} ${r.message.reasonPhrase ?? ''}`.trim();
      },
    };
  }

  /** Makes `session` the current call and follows it. */
  #adopt(session: Session, state: CallState): void {
    this.#current = session;
    this.state = state;
    this.remote = session.remoteIdentity.uri.user ?? '';
    session.delegate = {
      onInfo: (info) => {
        this.digits += digitsOf(info.request.getHeader('content-type') ?? '', info.request.body ?? '');
        void info.accept();
        this.#changed();
      },
      onInvite: (request) => {
        if (session === this.#current && request.body) {
          this.heldByRemote = offersHold(request.body);
          this.#changed();
        }
      },
      onRefer: (referral) => this.#followReferral(session, referral),
    };
    session.stateChange.addListener((next) => {
      if (session !== this.#current) return;
      if (next === SessionState.Established) {
        this.state = 'connected';
        this.#play(session);
      }
      if (next === SessionState.Terminated) {
        // sip.js reports a final failure just after this transition: read it on the next task.
        setTimeout(() => {
          if (session !== this.#current) return;
          this.state = 'ended';
          if (this.options.remoteAudio) this.options.remoteAudio.srcObject = null;
          this.#changed();
        });
        return;
      }
      this.#changed();
    });
    this.#changed();
  }

  #play(session: Session): void {
    const audio = this.options.remoteAudio;
    const handler = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (!audio || !handler) return;
    audio.srcObject = handler.remoteMediaStream;
    void audio.play().catch(() => undefined);
  }

  #incoming(invitation: Invitation): void {
    const replacee = invitation.replacee;
    if (replacee && replacee === this.#current) {
      // Attended transfer: take the call at once; sip.js then ends the call it replaces.
      this.#adopt(invitation, 'incoming');
      void invitation.accept(mediaOptions).catch(() => undefined);
      return;
    }
    if (this.busy) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    this.#reset();
    this.#adopt(invitation, 'incoming');
    void invitation.progress().catch(() => undefined);
    const delay = this.options.autoAnswerMs;
    if (delay !== undefined) {
      setTimeout(() => {
        if (invitation === this.#current && invitation.state === SessionState.Initial) void invitation.accept(mediaOptions).catch(() => undefined);
      }, delay);
    }
  }

  /** The other side transferred us: call the REFER target, then BYE the old leg once it answers. */
  #followReferral(old: Session, referral: Referral): void {
    const target = referral.referTo.uri.user ?? referral.referTo.uri.host;
    void referral.accept().then(() => {
      const inviter = referral.makeInviter(mediaOptions);
      this.#adopt(inviter, 'calling');
      this.heldByRemote = false;
      this.heldLocally = false;
      this.transferredTo = target;
      inviter.stateChange.addListener((state) => {
        if (state === SessionState.Established && old.state === SessionState.Established) void old.bye().catch(() => undefined);
        if (state === SessionState.Terminated && this.state !== 'connected' && old.state === SessionState.Established) {
          // The new call failed: back to the old one.
          setTimeout(() => {
            this.reason = `transfer to ${target} failed ${this.reason}`.trim();
            this.#adopt(old, 'connected');
          });
        }
      });
      return inviter.invite({ requestDelegate: this.#progress(inviter) });
    });
  }
}

/** A soft tone as a microphone, each call a fresh stream (sip.js stops the tracks it is given). */
export function toneMicrophone(hz: number, gain = 0.04): () => Promise<MediaStream> {
  let context: AudioContext | undefined;
  let source: AudioNode | undefined;
  return async () => {
    if (!context) {
      context = new AudioContext();
      const oscillator = context.createOscillator();
      oscillator.frequency.value = hz;
      const volume = context.createGain();
      volume.gain.value = gain;
      oscillator.connect(volume);
      oscillator.start();
      source = volume;
    }
    // Resumes once the page has had a click or a key (autoplay rules); never wait for it.
    void context.resume().catch(() => undefined);
    const destination = context.createMediaStreamDestination();
    source!.connect(destination);
    return destination.stream;
  };
}
