import type { Invitation, Inviter, Session, Web } from 'sip.js';
import type { DialResult, TargetRef } from '../../model/interaction.js';
import { validateDtmf, validatePhoneNumber } from '../../model/validation.js';
import type { CallOptions } from '../callback-adapter.js';
import { Emitter } from '../emitter.js';
import { AdapterError, throwIfAborted, type Unsubscribe } from '../errors.js';
import { DEFAULT_FORGET_CLOSED_AFTER_MS, Retention } from '../retention.js';
import { systemClock, type Clock } from '../../model/clock.js';
import type {
  CallInfo,
  DialRequest,
  DtmfOptions,
  RegistrationStatus,
  TelephonyAdapter,
  TelephonyCapabilities,
} from '../telephony-adapter.js';
import { CallAudio } from './audio.js';
import { defaultTargetUri, escapeUserPart, SIP_DEFAULTS, type SipTelephonyOptions } from './config.js';
import { SipConnection } from './connection.js';
import { callbackDataFromInvite, sdpHoldsUs, unsupportedRequirements, webrtcOfferProblems } from './invite-data.js';
import { byeFacts, mediaFailureOf, type CallEnd } from './call-end.js';
import { dialogEndedBy, Reinvites, sleep, type ReinviteCall } from './reinvite.js';
import { targetError, Transfers, type TransferCall } from './refer.js';

/** A call and its sip.js session: what the re-INVITEs and the transfers need, and more. */
interface SipCall extends ReinviteCall, TransferCall {
  info: CallInfo;
  session: Session;
  /** This call is a consultation made from that call. */
  consultationOf?: string;
  /** The consultation in progress on this call. */
  consultation?: string;
  /** Legs mixed into this call (conference members), by call id. */
  legs: string[];
  /** For a leg: the call it is mixed into. */
  legOf?: string;
  /** Why we are ending it, once we started to. */
  endingBy?: 'local' | 'remote';
  /** Who or what ended it, decided when its session ended (see `#endOf`). */
  ended?: CallEnd;
  /** The far end's (or the proxy's) BYE, when one ended the call. */
  bye?: { fromProxy: boolean; reason?: string };
  dialResult?: DialResult;
  /** The final failure status of an outbound INVITE. */
  failureStatus?: number;
  /** The clock's timer that cancels an outbound call nobody answers. */
  noAnswerTimer?: unknown;
  /** Resolves when the session is established; rejects when it ends first. */
  established: Promise<void>;
  ownsCallId: boolean;
  acknowledged?: Promise<void>;
  /** Settles `acknowledged`: the caller's ACK arrived, or the call ended. */
  ack?: () => void;
}

/** Maps a final failure response of an outbound INVITE to what the agent is told. */
function dialResultFor(status: number): DialResult {
  if (status === 486 || status === 600) return 'busy';
  if (status === 408 || status === 480 || status === 487) return 'no-answer';
  if (status === 603) return 'busy';
  return 'error';
}

function consultationError(call: SipCall, target: TargetRef): AdapterError {
  if (call.info.endReason === 'connection-lost') return new AdapterError('network', 'The connection to the phone system was lost.');
  return targetError(target, call.failureStatus, call.dialResult === 'no-answer');
}

/**
 * A `TelephonyAdapter` on sip.js (0.21): SIP over WebSocket to any registrar/proxy (Kamailio,
 * Asterisk, FreeSWITCH, a Genesys SIP Server), WebRTC audio in the page. sip.js is loaded with a
 * dynamic import the first time the adapter registers.
 *
 * Inbound calls carry their callback data (headers, see {@link SipTelephonyOptions.callbackData})
 * in `CallInfo.data`; a `PhoneCallbackAdapter` turns them into offered interactions.
 */
export class SipTelephonyAdapter implements TelephonyAdapter {
  readonly telephonyCapabilities: TelephonyCapabilities = {
    dial: true,
    hold: true,
    dtmf: true,
    blindTransfer: true,
    conference: true,
    consultation: true,
    mute: true,
    alternate: true,
    removeParticipant: true,
    // The conference is mixed in this page: when the agent leaves, the others lose each other.
    leaveConference: false,
  };

  readonly #options: SipTelephonyOptions;
  readonly #clock: Clock;
  readonly #connection: SipConnection;
  readonly #audio: CallAudio;
  readonly #calls = new Map<string, SipCall>();
  /**
   * A shift of hundreds of calls must not keep every session: an ended call stays readable
   * (`getCall`: a window still showing it, a late event) for a grace period, then goes with its
   * session; one a consultation or conference still refers to waits for it.
   */
  readonly #retention: Retention;
  /** Hold, resume and recovery re-INVITEs (ACK wait, 491 back-off). */
  readonly #reinvites: Reinvites<SipCall>;
  /** Blind and attended transfers by REFER. */
  readonly #transfers: Transfers<SipCall>;
  readonly #callEvents = new Emitter<[CallInfo]>();
  readonly #statusEvents = new Emitter<[RegistrationStatus]>();
  #nextId = 1;

  constructor(options: SipTelephonyOptions) {
    this.#options = options;
    const clock = (this.#clock = options.clock ?? systemClock);
    this.#retention = new Retention(clock, DEFAULT_FORGET_CLOSED_AFTER_MS, (id) => {
      const call = this.#calls.get(id);
      if (call?.info.state !== 'ended') return true;
      if (call.legs.length) return false;
      if (call.consultationOf && this.#calls.get(call.consultationOf)?.consultation === id) return false;
      this.#calls.delete(id);
      return true;
    });
    this.#reinvites = new Reinvites<SipCall>({
      clock,
      requestTimeoutMs: options.requestTimeoutMs ?? SIP_DEFAULTS.requestTimeoutMs,
      terminated: (call) => call.session.state === this.#sip().SessionState.Terminated,
      ended: (call) => this.#ended(call),
      endedError: (call) => this.#endedError(call),
    });
    this.#transfers = new Transfers<SipCall>({
      clock,
      terminate: (call) => this.#terminate(call),
      ended: (call) => this.#ended(call),
    });
    this.#audio = new CallAudio(options.audio);
    this.#connection = new SipConnection(options, {
      onInvite: (invitation) => this.#incoming(invitation),
      onStatus: (status) => this.#statusEvents.emit(status),
      onReconnected: () => this.#recoverCalls(),
      hasLiveCalls: () => [...this.#calls.values()].some((c) => c.info.state !== 'ended'),
      mediaStreamFactory: () => this.#audio.microphone(),
    });
  }

  // --- registration -------------------------------------------------------------------------

  status(): RegistrationStatus {
    return this.#connection.status;
  }

  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe {
    return this.#statusEvents.on(listener);
  }

  register(options?: CallOptions): Promise<void> {
    return this.#connection.register(options?.signal);
  }

  unregister(): Promise<void> {
    return this.#connection.unregister();
  }

  /** Hangs up every call and closes the connection without waiting for the server. */
  async dispose(): Promise<void> {
    for (const call of this.#calls.values()) {
      if (call.info.state !== 'ended') await this.#terminate(call).catch(() => undefined);
    }
    this.#audio.dispose();
    await this.#connection.dispose();
  }

  // --- calls --------------------------------------------------------------------------------

  onCall(listener: (call: CallInfo) => void): Unsubscribe {
    return this.#callEvents.on(listener);
  }

  getCall(id: string): CallInfo | undefined {
    return this.#calls.get(id)?.info;
  }

  async answer(callId: string, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['ringing']);
    if (call.info.direction !== 'inbound') throw new AdapterError('invalid-state', 'Only an incoming call can be answered.');
    try {
      await (call.session as Invitation).accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    } catch (error) {
      throw new AdapterError(call.info.state === 'ended' ? 'invalid-state' : 'unknown', 'The call could not be answered.', { cause: error });
    }
    await call.established;
    return call.info;
  }

  async decline(callId: string, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['ringing']);
    call.endingBy = 'local';
    await (call.session as Invitation).reject({ statusCode: this.#options.rejectStatusCode ?? SIP_DEFAULTS.rejectStatusCode });
    this.#end(call, 'local');
  }

  async dial(request: DialRequest, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const checked = await validatePhoneNumber(request.number);
    if (!checked.ok) throw new AdapterError('invalid-input', checked.message, { detail: { reason: checked.code } });
    this.#requireRegistered();
    const number = checked.value.e164;
    const call = await this.#invite(`sip:${escapeUserPart(number)}@${this.#connection.domain}`, number, {
      ...(request.interactionId ? { interactionId: request.interactionId } : {}),
    });
    return call.info;
  }

  async hangUp(callId: string, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['ringing', 'dialing', 'connected', 'held']);
    if (call.info.state === 'ringing' && call.info.direction === 'inbound') return this.decline(callId);
    await this.#terminate(call);
  }

  async hold(callId: string, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['connected']);
    await this.#reinviteOrEnd(call, true);
    this.#update(call, { state: 'held' });
    return call.info;
  }

  async resume(callId: string, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['held']);
    if (call.consultation) throw new AdapterError('invalid-state', 'End the consultation first.', { detail: { state: 'held' } });
    await this.#reinviteOrEnd(call, false);
    this.#update(call, { state: 'connected' });
    return call.info;
  }

  async sendDtmf(callId: string, digits: string, options: DtmfOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    const checked = validateDtmf(digits);
    if (!checked.ok) throw new AdapterError('invalid-input', checked.message, { detail: { reason: checked.code } });
    const call = this.#require(callId, ['connected']);
    const method = options.method ?? this.#options.dtmfMethod ?? SIP_DEFAULTS.dtmfMethod;
    const duration = this.#options.dtmfDurationMs ?? SIP_DEFAULTS.dtmfDurationMs;
    if (method === 'info') {
      for (const digit of checked.value) {
        await this.#reinvites.request((requestDelegate) =>
          call.session.info({
            requestDelegate,
            requestOptions: {
              body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=${duration}` },
            },
          }),
        );
      }
      return;
    }
    const handler = call.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    const sent = handler?.sendDtmf(checked.value, { duration, interToneGap: SIP_DEFAULTS.dtmfGapMs });
    if (!sent) throw new AdapterError('not-supported', 'This call cannot carry RFC 4733 tones; send them by SIP INFO.');
    await sleep(this.#clock, checked.value.length * (duration + SIP_DEFAULTS.dtmfGapMs));
  }

  async blindTransfer(callId: string, target: TargetRef, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['connected', 'held']);
    if (call.consultation) throw new AdapterError('invalid-state', 'End the consultation first.');
    const uri = this.#sip().UserAgent.makeURI(this.#targetUri(target));
    if (!uri) throw new AdapterError('invalid-input', `No SIP address for ${target.name}.`);
    await this.#transfers.refer(call, uri, target);
  }

  async conference(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['connected']);
    if (call.consultation) throw new AdapterError('invalid-state', 'End the consultation first.');
    const leg = await this.#invite(this.#targetUri(target), target.address ?? target.name, { consultationOf: callId });
    try {
      await leg.established;
    } catch {
      throw consultationError(leg, target);
    }
    await this.#merge(call, leg);
    return call.info;
  }

  async startConsultation(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['connected', 'held']);
    if (call.consultation) throw new AdapterError('invalid-state', 'A consultation is already in progress.');
    if (call.info.state === 'connected') {
      await this.#reinvites.send(call, true);
      this.#update(call, { state: 'held' });
    }
    // Cancelled while the customer was being put on hold: no call to the target, the customer back.
    if (options?.signal?.aborted) {
      await this.#resumeAfterConsultation(call);
      throw new AdapterError('aborted', 'The consultation was cancelled.');
    }
    const consultation = await this.#invite(this.#targetUri(target), target.address ?? target.name, { consultationOf: callId });
    call.consultation = consultation.info.id;
    let resumed: Promise<void> | undefined;
    const abort = () => {
      consultation.endingBy = 'local';
      resumed = this.#terminate(consultation).then(() => this.#resumeAfterConsultation(call));
    };
    options?.signal?.addEventListener('abort', abort, { once: true });
    // Cancelled while the INVITE was being sent.
    if (options?.signal?.aborted) abort();
    try {
      await consultation.established;
      return consultation.info;
    } catch {
      if (resumed) {
        await resumed.catch(() => undefined);
        throw new AdapterError('aborted', 'The consultation was cancelled.');
      }
      if (consultation.endingBy === 'local') throw new AdapterError('aborted', 'The consultation was ended.');
      throw consultationError(consultation, target);
    } finally {
      options?.signal?.removeEventListener('abort', abort);
    }
  }

  async completeTransfer(callId: string, consultationId: string, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    const { call, consultation } = this.#pair(callId, consultationId, true);
    await this.#transfers.attended(call, consultation, { kind: 'agent', id: consultationId, name: consultation.info.remote });
  }

  async completeConference(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const { call, consultation } = this.#pair(callId, consultationId, true);
    if (consultation.info.state === 'held') {
      await this.#reinvites.send(consultation, false);
      this.#update(consultation, { state: 'connected' });
    }
    await this.#reinvites.send(call, false);
    call.consultation = undefined;
    this.#update(call, { state: 'connected' });
    await this.#merge(call, consultation);
    return call.info;
  }

  async endConsultation(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const { call, consultation } = this.#pair(callId, consultationId, false);
    consultation.endingBy = 'local';
    await this.#terminate(consultation);
    await this.#resumeAfterConsultation(call);
    return call.info;
  }

  /**
   * Holds the party the agent talks with (re-INVITE) and resumes the other: the customer's call
   * or the consultation call.
   */
  async alternate(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const { call, consultation } = this.#pair(callId, consultationId, true);
    const [talking, waiting] = call.info.state === 'held' ? [consultation, call] : [call, consultation];
    await this.#reinvites.send(talking, true);
    this.#update(talking, { state: 'held' });
    await this.#reinvites.send(waiting, false);
    this.#update(waiting, { state: 'connected' });
    return call.info;
  }

  /** Hangs up one conference leg (by `target.address`, else its name); the others stay mixed. */
  async removeParticipant(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['connected', 'held']);
    const address = target.address ?? target.name;
    const leg = call.legs.map((id) => this.#calls.get(id)).find((l) => l && l.info.remote === address && l.info.state !== 'ended');
    if (!leg) throw new AdapterError('not-found', `${target.name} is not in the conference on call ${callId}.`);
    leg.endingBy = 'local';
    await this.#terminate(leg);
    return call.info;
  }

  // --- audio --------------------------------------------------------------------------------

  /**
   * Mutes or unmutes the agent's microphone on a call (in a conference, for every party, who still
   * hear one another); resolves once the audio has changed. Published as `CallInfo.muted`.
   */
  async mute(callId: string, muted: boolean, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const call = this.#require(callId, ['connected', 'held']);
    if (!!call.info.muted === muted) return call.info;
    this.#update(call, { muted });
    await this.#audio.setMuted(callId, muted);
    return call.info;
  }

  /** Mutes or unmutes the agent's microphone on one call, without waiting for the audio (see {@link mute}). */
  setMuted(callId: string, muted: boolean): CallInfo {
    const call = this.#require(callId, ['connected', 'held']);
    if (!!call.info.muted !== muted) this.#update(call, { muted });
    void this.#audio.setMuted(callId, muted);
    return call.info;
  }

  isMuted(callId: string): boolean {
    return this.#audio.isMuted(callId);
  }

  /** Switches the microphone; live calls switch too. */
  setInputDevice(deviceId: string | undefined): Promise<void> {
    return this.#audio.setInputDevice(deviceId);
  }

  /** Switches the speaker for every call's audio (`setSinkId`). */
  setOutputDevice(deviceId: string): Promise<void> {
    return this.#audio.setOutputDevice(deviceId);
  }

  /** The WebRTC peer connection of a call, for diagnostics (`getStats`). */
  peerConnection(callId: string): RTCPeerConnection | undefined {
    return (this.#calls.get(callId)?.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection;
  }

  // --- internals ----------------------------------------------------------------------------

  #sip() {
    const sip = this.#connection.sip;
    if (!sip) throw new AdapterError('offline', 'The phone is not connected.');
    return sip;
  }

  #requireRegistered(): void {
    if (!this.#connection.userAgent || this.#connection.status === 'offline' || this.#connection.status === 'failed') {
      throw new AdapterError('offline', 'The phone is not connected.');
    }
  }

  #targetUri(target: TargetRef): string {
    return (this.#options.targetUri ?? defaultTargetUri)(target, this.#connection.domain);
  }

  #require(callId: string, states: readonly CallInfo['state'][]): SipCall {
    const call = this.#calls.get(callId);
    if (!call || call.legOf) throw new AdapterError('not-found', `There is no call ${callId}.`);
    if (!states.includes(call.info.state)) {
      throw new AdapterError('invalid-state', `The call is ${call.info.state}.`, { detail: { state: call.info.state } });
    }
    return call;
  }

  #pair(callId: string, consultationId: string, answered: boolean): { call: SipCall; consultation: SipCall } {
    const call = this.#require(callId, ['held', 'connected']);
    const consultation = this.#calls.get(consultationId);
    if (!consultation || call.consultation !== consultationId) {
      throw new AdapterError('invalid-state', `Call ${consultationId} is not a consultation in progress on call ${callId}.`);
    }
    // Answered: talking with the agent, or on hold after Alternate.
    if (answered && consultation.info.state !== 'connected' && consultation.info.state !== 'held') {
      throw new AdapterError('invalid-state', 'The target has not answered yet.', {
        detail: { state: consultation.info.state, reason: 'consultation-not-connected' },
      });
    }
    return { call, consultation };
  }

  #newCall(session: Session, info: Omit<CallInfo, 'id'>, extra: Partial<SipCall> = {}): SipCall {
    const id = `sip-${this.#nextId++}`;
    let settle!: { resolve: () => void; reject: (e: unknown) => void };
    const established = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    established.catch(() => undefined);
    const call: SipCall = { info: { id, ...info }, session, legs: [], established, ownsCallId: info.direction === 'outbound', ...extra };
    this.#retention.sweep();
    this.#calls.set(id, call);
    const sip = this.#sip();
    session.stateChange.addListener((state) => {
      if (state === sip.SessionState.Established) {
        const handler = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
        if (handler) this.#audio.attach(id, handler);
        this.#clock.clearTimeout(call.noAnswerTimer);
        if (call.info.state === 'ringing' || call.info.state === 'dialing') this.#update(call, { state: 'connected', alerting: false });
        settle.resolve();
      } else if (state === sip.SessionState.Terminated) {
        // Decided now: a re-INVITE whose answer the browser refused resolves right after this.
        const end = (call.ended ??= this.#endOf(call));
        // sip.js reports the termination before the rejecting response reaches onReject: let
        // that response name the dial result first (a task later: an ordering, not a wait, so
        // not on the clock).
        call.ack?.();
        setTimeout(() => {
          settle.reject(new AdapterError('invalid-state', 'The call ended.'));
          this.#end(call, call.endingBy ?? end.by, end);
        });
      }
    });
    if (info.direction === 'inbound') call.acknowledged = new Promise<void>((resolve) => (call.ack = resolve));
    session.delegate = {
      onAck: () => call.ack?.(),
      onBye: (bye) => {
        call.bye = byeFacts(bye.request, (session.dialog as { routeSet?: string[] } | undefined)?.routeSet ?? []);
        void bye.accept().catch(() => undefined);
      },
      onInfo: (info) => {
        void info.accept().catch(() => undefined);
      },
      onInvite: (request) => {
        const held = sdpHoldsUs(request.body);
        if (held !== !!call.info.remoteHold) this.#update(call, { remoteHold: held });
      },
      onSessionDescriptionHandler: (handler) => {
        this.#audio.attach(id, handler as Web.SessionDescriptionHandler);
      },
    };
    return call;
  }

  /**
   * A new INVITE. Refused at once when we could not honour it: an extension it requires (420; sip.js
   * checks no `Require`, and its reliable provisional responses, 100rel, would carry our SDP answer
   * and so take the microphone and start the media before Accept), or an offer whose audio the
   * browser cannot connect (488, published as a refused call so the agent is told). Otherwise it
   * rings (180) and is published.
   */
  #incoming(invitation: Invitation): void {
    const request = invitation.request;
    const unsupported = unsupportedRequirements(request.getHeaders('require'), invitation.userAgent.userAgentCore.configuration.supportedOptionTags);
    if (unsupported.length) {
      void invitation.reject({ statusCode: 420, extraHeaders: [`Unsupported: ${unsupported.join(', ')}`] }).catch(() => undefined);
      return;
    }
    // sip.js has decoded the user part already (decoding it again threw on a literal `%`).
    const user = invitation.remoteIdentity.uri.user;
    const data = callbackDataFromInvite(request.data, this.#options.callbackData);
    const info = {
      direction: 'inbound',
      remote: user || invitation.remoteIdentity.uri.toString(),
      ...(Object.keys(data).length ? { data } : {}),
    } as const;
    const isSdp = /^application\/sdp\b/i.test(request.getHeader('content-type') ?? 'application/sdp');
    const problems = isSdp ? webrtcOfferProblems(request.body) : [];
    if (problems.length) {
      const warning = `Incompatible media (${problems.join(', ')}): needs a WebRTC gateway (ICE + DTLS-SRTP)`;
      void invitation
        .reject({ statusCode: 488, extraHeaders: [`Warning: 399 ${this.#connection.domain || 'callback-elements'} "${warning}"`] })
        .catch(() => undefined);
      const id = `sip-${this.#nextId++}`;
      const established = Promise.reject(new AdapterError('invalid-state', 'The call was refused.'));
      established.catch(() => undefined);
      const call: SipCall = {
        info: { id, ...info, state: 'ended', endedBy: 'local', refused: 'incompatible-media' },
        session: invitation,
        legs: [],
        established,
        ownsCallId: false,
      };
      this.#calls.set(id, call);
      this.#publish(call);
      this.#forgetOldEnded(id);
      return;
    }
    // The UserAgent sends no 180 by itself (sendInitialProvisionalResponse: false), so that the
    // refusals above are the first answer.
    void invitation.progress().catch(() => undefined);
    const call = this.#newCall(invitation, { ...info, state: 'ringing' });
    this.#publish(call);
  }

  /** Sends an INVITE; resolves with the published call once the request has left. */
  async #invite(uriText: string, remote: string, extra: { interactionId?: string; consultationOf?: string }): Promise<SipCall> {
    const sip = this.#sip();
    const ua = this.#connection.userAgent;
    const uri = sip.UserAgent.makeURI(uriText);
    if (!ua) throw new AdapterError('offline', 'The phone is not connected.');
    if (!uri) throw new AdapterError('invalid-input', `"${uriText}" is not a SIP address.`);
    const inviter: Inviter = new sip.Inviter(ua, uri, {
      earlyMedia: true,
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    const call = this.#newCall(
      inviter,
      {
        direction: 'outbound',
        state: 'dialing',
        remote,
        ...(extra.interactionId ? { interactionId: extra.interactionId } : {}),
        ...(extra.consultationOf ? { consultationOf: extra.consultationOf } : {}),
      },
      extra.consultationOf ? { consultationOf: extra.consultationOf } : {},
    );
    call.noAnswerTimer = this.#clock.setTimeout(() => {
      if (call.info.state !== 'dialing') return;
      call.dialResult = 'no-answer';
      call.endingBy = 'remote';
      void inviter.cancel().catch(() => undefined);
    }, this.#options.noAnswerTimeoutMs ?? SIP_DEFAULTS.noAnswerTimeoutMs);
    this.#publish(call);
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0;
            if ((code === 180 || code === 183) && !call.info.alerting) this.#update(call, { alerting: true });
          },
          onReject: (response) => {
            const code = response.message.statusCode ?? 0;
            call.dialResult ??= dialResultFor(code);
            call.failureStatus = code;
          },
        },
      });
    } catch (error) {
      this.#end(call, 'local');
      throw new AdapterError('network', 'The call could not be placed.', { cause: error });
    }
    return call;
  }

  /** Ends a call whatever its state: CANCEL while it rings out, reject while it rings in, BYE after. */
  async #terminate(call: SipCall): Promise<void> {
    if (call.info.state === 'ended') return;
    const sip = this.#sip();
    call.endingBy ??= 'local';
    const session = call.session;
    for (const legId of call.legs) {
      const leg = this.#calls.get(legId);
      if (leg) await this.#terminate(leg).catch(() => undefined);
    }
    try {
      if (session.state === sip.SessionState.Established) await session.bye();
      else if (session instanceof sip.Inviter) {
        call.dialResult ??= 'cancelled';
        await session.cancel();
      } else if (session instanceof sip.Invitation) await session.reject();
    } catch {
      // The session is already going away: it ends below either way.
    }
    this.#end(call, call.endingBy);
  }

  /**
   * The agent's hold or resume. Answered 481 (the far end does not know the call: its phone
   * restarted, the call was dropped on the way) or 408, the dialog is over (RFC 3261 §12.2.1.2):
   * the call ends, said to be ended by the phone system with its answer, not left showing as up.
   */
  async #reinviteOrEnd(call: SipCall, hold: boolean): Promise<void> {
    try {
      await this.#reinvites.send(call, hold);
    } catch (error) {
      const answer = dialogEndedBy(error);
      if (answer === undefined || call.info.state === 'ended' || call.ended) throw error;
      const end: CallEnd = { by: 'remote', reason: 'proxy', detail: answer };
      call.ended = end;
      call.endingBy = 'remote';
      this.#end(call, 'remote', end);
      // Whatever is left of the dialog here: sip.js's session and its media go.
      void call.session.bye().catch(() => undefined);
      throw this.#endedError(call);
    }
  }

  /** Resolves when the call has ended (or at once). */
  #ended(call: SipCall): Promise<void> {
    if (call.info.state === 'ended') return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.#callEvents.on((info) => {
        if (info.id === call.info.id && info.state === 'ended') {
          stop();
          resolve();
        }
      });
    });
  }

  #end(call: SipCall, by: 'local' | 'remote', cause: Omit<CallEnd, 'by'> = {}): void {
    if (call.info.state === 'ended') return;
    this.#clock.clearTimeout(call.noAnswerTimer);
    this.#audio.detach(call.info.id);
    const wasDialing = call.info.state === 'dialing';
    const changes: Partial<CallInfo> = { state: 'ended', endedBy: by, alerting: false };
    if (cause.reason) changes.endReason = cause.reason;
    if (cause.detail) changes.endDetail = cause.detail;
    if (wasDialing) changes.dialResult = call.dialResult ?? (by === 'local' && !cause.reason ? 'cancelled' : 'error');
    this.#update(call, changes);
    if (call.consultationOf) {
      const parent = this.#calls.get(call.consultationOf);
      if (parent?.consultation === call.info.id) {
        parent.consultation = undefined;
        this.#publish(parent);
      }
    }
    if (call.legOf) {
      const parent = this.#calls.get(call.legOf);
      if (parent) {
        parent.legs = parent.legs.filter((id) => id !== call.info.id);
        const participants = (parent.info.participants ?? []).filter((p, i, all) => p !== call.info.remote || all.indexOf(p) !== i);
        this.#update(parent, { participants });
      }
    }
    if (call.legs.length) for (const legId of call.legs) void this.#terminate(this.#calls.get(legId)!).catch(() => undefined);
    this.#forgetOldEnded(call.info.id);
  }

  /**
   * Who or what ended a call whose session just ended: the agent (we were ending it), the far end
   * or the proxy (their BYE), else our own phone: sip.js ends a call by itself (BYE, Reason 488 or
   * 500) only when it cannot go on with it, mostly because the browser refused a description.
   */
  #endOf(call: SipCall): CallEnd {
    if (call.endingBy) return { by: call.endingBy };
    if (call.bye) {
      const detail = call.bye.reason ? { detail: call.bye.reason } : {};
      return call.bye.fromProxy ? { by: 'remote', reason: 'proxy', ...detail } : { by: 'remote', ...detail };
    }
    const failure = mediaFailureOf(call.session);
    const wasUp = call.info.state === 'connected' || call.info.state === 'held';
    if (failure === undefined && !wasUp) return { by: 'remote' };
    return { by: 'local', reason: 'media-failed', ...(failure ? { detail: failure } : {}) };
  }

  /** Why an action on a call failed because the call ended meanwhile. */
  #endedError(call: SipCall): AdapterError {
    const end = call.ended;
    const detail = { state: 'ended', ...(end?.reason ? { endReason: end.reason } : {}), ...(end?.detail ? { endDetail: end.detail } : {}) };
    if (end?.reason === 'media-failed') {
      const why = end.detail ? `: ${end.detail}` : '';
      return new AdapterError('invalid-state', `The browser could not use the other side's answer and ended the call${why}`, { detail });
    }
    return new AdapterError('invalid-state', 'The call ended.', { detail });
  }

  #forgetOldEnded(id: string): void {
    this.#retention.finished(id);
    this.#retention.sweep();
  }

  async #resumeAfterConsultation(call: SipCall): Promise<void> {
    call.consultation = undefined;
    if (call.info.state !== 'held') return;
    await this.#reinvites.send(call, false);
    this.#update(call, { state: 'connected' });
  }

  /** Mixes `leg` into `call` in the page: the three parties hear each other. */
  async #merge(call: SipCall, leg: SipCall): Promise<void> {
    leg.consultationOf = undefined;
    leg.legOf = call.info.id;
    call.legs.push(leg.info.id);
    await this.#audio.conference([call.info.id, ...call.legs]);
    this.#update(call, { participants: [...(call.info.participants ?? []), leg.info.remote] });
  }

  /** After the WebSocket came back: re-INVITE each live call, or end it and say why. */
  async #recoverCalls(): Promise<void> {
    const live = [...this.#calls.values()].filter((c) => c.info.state === 'connected' || c.info.state === 'held');
    await Promise.all(
      live.map(async (call) => {
        // The far end may still be reconnecting too: a few more tries while it cannot be found.
        if (await this.#reinvites.recover(call)) return;
        // Ended meanwhile, by someone or something else (the browser refusing the re-INVITE's answer).
        if (call.info.state === 'ended' || call.ended) return;
        call.info = { ...call.info, endReason: 'connection-lost' };
        call.endingBy = 'remote';
        await this.#terminate(call).catch(() => undefined);
        this.#end(call, 'remote');
      }),
    );
  }

  #update(call: SipCall, changes: Partial<CallInfo>): void {
    call.info = { ...call.info, ...changes };
    this.#publish(call);
  }

  #publish(call: SipCall): void {
    this.#callEvents.emit(call.info);
  }
}
