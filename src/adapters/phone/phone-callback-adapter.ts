import type { Policy } from '../../model/actions.js';
import { systemClock, type Clock } from '../../model/clock.js';
import type { Channel, DispositionRef, Interaction, TargetRef } from '../../model/interaction.js';
import { isClosed, transition, type InteractionEvent } from '../../model/state-machine.js';
import { hangUpOf } from '../call-end.js';
import type {
  AgentReadyState,
  AvailabilityQuery,
  CallbackAdapter,
  CallbackCapabilities,
  CallOptions,
  MarkDoneRequest,
  RescheduleRequest,
} from '../callback-adapter.js';
import { AdapterError, throwIfAborted, type Unsubscribe } from '../errors.js';
import { DEFAULT_MAPPING, interactionFromData, type CallbackDataMapping } from '../gms/callback-data.js';
import { LocalDesk } from '../local-desk.js';
import type {
  CallInfo,
  DialRequest,
  DtmfOptions,
  RegistrationStatus,
  TelephonyAdapter,
  TelephonyCapabilities,
} from '../telephony-adapter.js';

export interface PhoneCallbackAdapterOptions {
  /** The phone the callbacks arrive on (for example a `SipTelephonyAdapter`). */
  telephony: TelephonyAdapter;
  /** Where each interaction field is read from in a call's data (GMS keys by default). */
  mapping?: Partial<CallbackDataMapping>;
  /** How long an offer rings before it goes back to routing. Default 30 s. */
  offerTimeoutMs?: number;
  /** Whether offers may be rejected when the call data does not say. Default true. */
  canRejectByDefault?: boolean;
  /** Disposition codes Mark done accepts; absent = any. */
  dispositions?: readonly DispositionRef[];
  /** Mark done needs a disposition; the adapter refuses it without one and says so in its `policy`. */
  dispositionMandatory?: boolean;
  clock?: Clock;
}

/**
 * Callbacks that arrive as calls. Each ringing inbound call becomes an offered voice callback
 * (its `CallInfo.data`, e.g. the INVITE's `X-Genesys-*` headers, fills the callback information);
 * accept answers the call, reject declines it, an offer nobody answers is declined at its timeout
 * (back to routing), and a caller who gives up revokes it.
 *
 * It is also the `TelephonyAdapter` the elements use: every call action goes to the wrapped phone
 * and, once the phone has done it, to the interaction through the model's `transition()`; what the
 * far end does (hang-up, hold, a conference member leaving) reaches the interaction the same way.
 *
 * Web callbacks that do not arrive as calls are offered with {@link PhoneCallbackAdapter.ingest};
 * their Call goes out through the phone and is followed the same way.
 *
 * Reschedule, availability and duplicate look-up need a callback service and are not offered.
 */
export class PhoneCallbackAdapter implements CallbackAdapter, TelephonyAdapter {
  readonly callbackCapabilities: CallbackCapabilities = { reschedule: false, availability: false, duplicateLookup: false };

  readonly #phone: TelephonyAdapter;
  readonly #options: PhoneCallbackAdapterOptions;
  readonly #policy: Readonly<Partial<Policy>>;
  readonly #mapping: CallbackDataMapping;
  readonly #clock: Clock;
  readonly #desk: LocalDesk;
  readonly #byCall = new Map<string, string>();
  /** The last state of each call of an interaction still here: the phone may forget ended calls first. */
  readonly #lastCalls = new Map<string, CallInfo>();
  readonly #rejecting = new Set<string>();
  readonly #stop: Unsubscribe;

  constructor(options: PhoneCallbackAdapterOptions) {
    this.#options = options;
    this.#policy = Object.freeze({ dispositionMandatory: !!options.dispositionMandatory });
    this.#phone = options.telephony;
    this.#mapping = { ...DEFAULT_MAPPING, ...options.mapping };
    this.#clock = options.clock ?? systemClock;
    this.#desk = new LocalDesk({
      clock: this.#clock,
      readyState: 'ready',
      // An offer nobody answered goes back to routing: the ringing call is declined.
      onExpired: (interaction) => {
        if (interaction.callId) void this.#phone.decline(interaction.callId).catch(() => undefined);
      },
      // The call index goes with the interaction (its consultations' calls too).
      onForget: (interaction) => {
        for (const [callId, id] of this.#byCall) {
          if (id !== interaction.id) continue;
          this.#byCall.delete(callId);
          this.#lastCalls.delete(callId);
        }
      },
    });
    this.#stop = this.#phone.onCall((call) => this.#callChanged(call));
  }

  get telephonyCapabilities(): TelephonyCapabilities {
    return this.#phone.telephonyCapabilities;
  }

  /** The rule this adapter enforces from its options: `dispositionMandatory`. */
  get policy(): Readonly<Partial<Policy>> {
    return this.#policy;
  }

  /** Stops following the phone and the offer timers. The phone itself is left as it is. */
  dispose(): void {
    this.#stop();
    this.#desk.stopOfferTimers();
  }

  // --- offers -------------------------------------------------------------------------------

  onOffer(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#desk.onOffer(listener);
  }

  onInteraction(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#desk.onInteraction(listener);
  }

  getInteraction(id: string): Interaction | undefined {
    return this.#desk.getInteraction(id);
  }

  listInteractions(): Interaction[] {
    return this.#desk.listInteractions();
  }

  async accept(id: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const interaction = this.#desk.check(id, { type: 'accept' });
    this.#desk.cancelExpiry(id);
    if (interaction.callId) await this.#phone.answer(interaction.callId, options);
    return this.#desk.apply(id, [{ type: 'accept' }]);
  }

  async reject(id: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const interaction = this.#desk.check(id, { type: 'reject' });
    if (!interaction.offer.canReject) throw new AdapterError('not-permitted', 'This callback may not be rejected.');
    this.#desk.cancelExpiry(id);
    // The call ends under us: that is the rejection, not the caller giving up.
    this.#rejecting.add(id);
    try {
      if (interaction.callId) await this.#phone.decline(interaction.callId, options);
      return this.#desk.apply(id, [{ type: 'reject' }]);
    } finally {
      this.#rejecting.delete(id);
    }
  }

  /**
   * Offers a callback that does not arrive as a call: a web callback from a form, or one a
   * callback service pushed (GMS keys by default; `_agent_preview: 'true'` makes it a web callback
   * the agent previews, then dials with Call). The same id while still open returns the first.
   */
  ingest(data: Readonly<Record<string, string>>): Interaction {
    const now = this.#clock.now();
    const result = interactionFromData(data, this.#mapping, {
      now,
      offerTimeoutMs: this.#options.offerTimeoutMs ?? 30_000,
      canRejectByDefault: this.#options.canRejectByDefault ?? true,
    });
    if (typeof result === 'string') throw new AdapterError('invalid-input', `Not a callback: ${result}.`);
    const held = this.#desk.openInteraction(result.id);
    if (held) return held;
    this.#desk.offer(result, now);
    return result;
  }

  reschedule(_id: string, _request: RescheduleRequest): Promise<Interaction> {
    return Promise.reject(new AdapterError('not-supported', 'Rescheduling needs a callback service.'));
  }

  availability(_id: string, _query: AvailabilityQuery): Promise<never> {
    return Promise.reject(new AdapterError('not-supported', 'Availability needs a callback service.'));
  }

  async findOpenByNumber(): Promise<Interaction[]> {
    return [];
  }

  async setDisposition(id: string, disposition: DispositionRef, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    return this.#desk.apply(id, [{ type: 'disposition', disposition: this.#known(disposition) }]);
  }

  async addNote(id: string, text: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    if (!text.trim()) throw new AdapterError('invalid-input', 'A note cannot be empty.');
    return this.#desk.apply(id, [{ type: 'note', text }]);
  }

  async markDone(id: string, request: MarkDoneRequest = {}, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    return this.#desk.markDone(id, request, {
      known: (disposition) => this.#known(disposition),
      mandatory: !!this.#policy.dispositionMandatory,
    });
  }

  getReadyState(channel: Channel): AgentReadyState {
    return this.#desk.getReadyState(channel);
  }

  async setReadyState(channel: Channel, state: AgentReadyState, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    this.#desk.setReadyState(channel, state);
  }

  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    return this.#desk.onReadyState(listener);
  }

  // --- the phone, as the elements use it --------------------------------------------------------

  status(): RegistrationStatus {
    return this.#phone.status();
  }

  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe {
    return this.#phone.onStatus(listener);
  }

  register(options?: CallOptions): Promise<void> {
    return this.#phone.register(options);
  }

  unregister(options?: CallOptions): Promise<void> {
    return this.#phone.unregister(options);
  }

  onCall(listener: (call: CallInfo) => void): Unsubscribe {
    return this.#phone.onCall(listener);
  }

  getCall(id: string): CallInfo | undefined {
    return this.#phone.getCall(id) ?? this.#lastCalls.get(id);
  }

  answer(callId: string, options?: CallOptions): Promise<CallInfo> {
    const id = this.#byCall.get(callId);
    if (id && this.#desk.getInteraction(id)?.state === 'offered') return this.accept(id, options).then(() => this.#phone.getCall(callId)!);
    return this.#phone.answer(callId, options);
  }

  decline(callId: string, options?: CallOptions): Promise<void> {
    const id = this.#byCall.get(callId);
    if (id && this.#desk.getInteraction(id)?.state === 'offered') return this.reject(id, options).then(() => undefined);
    return this.#phone.decline(callId, options);
  }

  async dial(request: DialRequest, options?: CallOptions): Promise<CallInfo> {
    const id = request.interactionId;
    if (id) this.#desk.check(id, { type: 'dial', number: request.number });
    const call = await this.#phone.dial(request, options);
    if (id) {
      this.#link(id, call.id);
      this.#desk.apply(id, [{ type: 'dial', number: request.number }], { callId: call.id });
      this.#callChanged(this.#phone.getCall(call.id) ?? call);
    }
    return call;
  }

  hangUp(callId: string, options?: CallOptions): Promise<void> {
    return this.#act(callId, { type: 'hang-up', by: 'agent' }, () => this.#phone.hangUp(callId, options));
  }

  hold(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'hold' }, () => this.#phone.hold(callId, options));
  }

  resume(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'resume' }, () => this.#phone.resume(callId, options));
  }

  sendDtmf(callId: string, digits: string, options?: DtmfOptions): Promise<void> {
    const event: InteractionEvent = { type: 'dtmf', digits: digits.replace(/\s+/g, '').toUpperCase(), masked: !!options?.masked };
    return this.#act(callId, event, () => this.#phone.sendDtmf(callId, digits, options));
  }

  blindTransfer(callId: string, target: TargetRef, options?: CallOptions): Promise<void> {
    return this.#act(callId, { type: 'transfer', target }, () => this.#phone.blindTransfer(callId, target, options));
  }

  conference(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'conference', target }, () => this.#phone.conference(callId, target, options));
  }

  async startConsultation(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    const id = this.#byCall.get(callId);
    if (!id) return this.#phone.startConsultation(callId, target, options);
    this.#desk.check(id, { type: 'consult-start', target });
    const pending = this.#phone.startConsultation(callId, target, options);
    // The customer is held and the target rings from here on.
    this.#desk.apply(id, [{ type: 'consult-start', target }]);
    try {
      const consultation = await pending;
      const now = this.#desk.getInteraction(id);
      if (now?.consultation) {
        this.#desk.commit({ ...now, consultation: { ...now.consultation, callId: consultation.id } });
        this.#desk.apply(id, [{ type: 'consult-answered' }]);
      }
      return consultation;
    } catch (error) {
      const code = error instanceof AdapterError ? error.code : 'unknown';
      const now = this.#desk.getInteraction(id);
      if (now?.consultation?.state === 'dialing') {
        const call = this.#phone.getCall(callId);
        // Aborted: the phone resumed the customer (signal), or End consultation will say so itself.
        if (code === 'aborted') {
          if (call?.state === 'connected') this.#desk.apply(id, [{ type: 'consult-end' }]);
        } else this.#desk.apply(id, [{ type: 'consult-failed', outcome: code === 'target-no-answer' ? 'no-answer' : 'declined' }]);
      }
      throw error;
    }
  }

  completeTransfer(callId: string, consultationId: string, options?: CallOptions): Promise<void> {
    return this.#act(callId, { type: 'consult-transfer' }, () => this.#phone.completeTransfer(callId, consultationId, options));
  }

  completeConference(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'consult-conference' }, () => this.#phone.completeConference(callId, consultationId, options));
  }

  endConsultation(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#act(callId, { type: 'consult-end' }, () => this.#phone.endConsultation(callId, consultationId, options));
  }

  mute(callId: string, muted: boolean, options?: CallOptions): Promise<CallInfo> {
    const phone = this.#phone;
    if (!phone.mute) return notSupported('mute');
    return this.#act(callId, { type: 'mute', muted }, () => phone.mute!(callId, muted, options));
  }

  alternate(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    const phone = this.#phone;
    if (!phone.alternate) return notSupported('alternate');
    return this.#act(callId, { type: 'alternate' }, () => phone.alternate!(callId, consultationId, options));
  }

  removeParticipant(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    const phone = this.#phone;
    if (!phone.removeParticipant) return notSupported('removeParticipant');
    const id = this.#byCall.get(callId);
    const member = (id ? this.#desk.getInteraction(id)?.participants : undefined)?.find((p) => p.id === target.id) ?? target;
    return this.#act(callId, { type: 'participant-left', target: member }, () => phone.removeParticipant!(callId, target, options));
  }

  leaveConference(callId: string, options?: CallOptions): Promise<void> {
    const phone = this.#phone;
    if (!phone.leaveConference) return notSupported('leaveConference');
    return this.#act(callId, { type: 'leave-conference' }, () => phone.leaveConference!(callId, options));
  }

  // --- internals ----------------------------------------------------------------------------

  /** Checks the event against the interaction on `callId` (if any), runs the phone, then applies it. */
  async #act<T>(callId: string, event: InteractionEvent, run: () => Promise<T>): Promise<T> {
    const id = this.#byCall.get(callId);
    const interaction = id ? this.#desk.getInteraction(id) : undefined;
    const follows = interaction && !isClosed(interaction.state) && interaction.callId === callId;
    if (follows) this.#desk.check(id!, event);
    const result = await run();
    if (follows) {
      const now = this.#desk.getInteraction(id!)!;
      // The phone may already have reported the outcome (a hang-up seen through onCall first).
      if (tryTransition(now, event, this.#clock.now())) this.#desk.apply(id!, [event]);
    }
    return result;
  }

  #callChanged(call: CallInfo): void {
    const id = this.#byCall.get(call.id);
    if (id) this.#lastCalls.set(call.id, call);
    if (!id) {
      if (call.direction === 'inbound' && (call.state === 'ringing' || (call.state === 'ended' && call.refused))) this.#offer(call);
      const parent = call.consultationOf ? this.#desk.getInteraction(this.#byCall.get(call.consultationOf) ?? '') : undefined;
      if (parent?.consultation && !parent.consultation.callId && call.state !== 'ended') {
        // The consultation call exists from its first ring: End consultation can cancel it.
        this.#desk.commit({ ...parent, consultation: { ...parent.consultation, callId: call.id } });
      }
      return;
    }
    const interaction = this.#desk.getInteraction(id);
    if (!interaction || isClosed(interaction.state) || interaction.callId !== call.id) return;
    const at = this.#clock.now();
    const events: InteractionEvent[] = [];
    if (interaction.state === 'offered' && call.state === 'ended') {
      if (this.#rejecting.has(id)) return;
      this.#desk.cancelExpiry(id);
      events.push({ type: 'revoke' });
    } else if (interaction.state === 'dialing' && call.state === 'connected') {
      events.push({ type: 'answered' });
    } else if (interaction.state === 'dialing' && call.state === 'ended' && (call.endedBy === 'remote' || call.endReason)) {
      const result = call.dialResult && call.dialResult !== 'connected' ? call.dialResult : 'error';
      events.push({ type: 'dial-failed', result });
    } else if ((interaction.state === 'connected' || interaction.state === 'held') && call.state === 'ended' && (call.endedBy === 'remote' || call.endReason)) {
      events.push(hangUpOf(call));
    }
    if ((interaction.state === 'connected' || interaction.state === 'held') && call.state !== 'ended') {
      if (!!call.remoteHold !== !!interaction.remoteHold) events.push({ type: 'remote-hold', held: !!call.remoteHold });
      if (!!call.muted !== !!interaction.muted) events.push({ type: 'mute', muted: !!call.muted });
      const present = new Set(call.participants ?? []);
      for (const member of interaction.participants ?? []) {
        if (!present.has(member.address ?? member.name) && call.participants !== undefined) events.push({ type: 'participant-left', target: member });
      }
    }
    const applicable = events.filter((e) => tryTransition(this.#desk.getInteraction(id)!, e, at));
    if (applicable.length) this.#desk.apply(id, applicable);
  }

  /**
   * A ringing call becomes an offer. One the phone refused as it arrived (its audio cannot be
   * connected from here) is not offered as a callback: its interaction is withdrawn at once with the
   * reason, so the agent is told what came in and why it could not be taken.
   */
  #offer(call: CallInfo): void {
    if (this.#desk.getReadyState('voice') === 'not-ready') {
      if (!call.refused) void this.#phone.decline(call.id).catch(() => undefined);
      return;
    }
    const now = this.#clock.now();
    const data = { _CB_SERVICE_ID: call.id, GMS_Customer_Number: call.remote, ...call.data };
    const result = interactionFromData(data, { ...this.#mapping, channel: () => 'voice' }, {
      now,
      offerTimeoutMs: this.#options.offerTimeoutMs ?? 30_000,
      canRejectByDefault: this.#options.canRejectByDefault ?? true,
    });
    if (typeof result === 'string') return;
    if (this.#desk.openInteraction(result.id)) {
      // The same callback again (a retransmitted or forked INVITE): keep the first one.
      if (!call.refused) void this.#phone.decline(call.id).catch(() => undefined);
      return;
    }
    const interaction: Interaction = { ...result, callId: call.id };
    this.#link(interaction.id, call.id);
    this.#lastCalls.set(call.id, call);
    this.#desk.offer(interaction, now);
    if (call.refused) this.#desk.apply(interaction.id, [{ type: 'revoke', reason: call.refused }]);
  }

  #link(id: string, callId: string): void {
    this.#byCall.set(callId, id);
  }

  #known(disposition: DispositionRef): DispositionRef {
    const list = this.#options.dispositions;
    if (!list) return disposition;
    const found = list.find((d) => d.code === disposition.code);
    if (!found) throw new AdapterError('invalid-input', `Unknown disposition "${disposition.code}".`);
    return found;
  }
}

function notSupported(what: string): Promise<never> {
  return Promise.reject(new AdapterError('not-supported', `The phone does not support ${what}.`));
}

function tryTransition(interaction: Interaction, event: InteractionEvent, at: number): boolean {
  try {
    transition(interaction, event, at);
    return true;
  } catch {
    return false;
  }
}
