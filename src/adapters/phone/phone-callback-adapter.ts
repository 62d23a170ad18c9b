import type { Policy } from '../../model/actions.js';
import { systemClock, type Clock } from '../../model/clock.js';
import type { AvailabilitySlot, Channel, DispositionRef, Interaction, TargetRef } from '../../model/interaction.js';
import { isClosed, type InteractionEvent } from '../../model/state-machine.js';
import { applicable, CallFollower } from '../call-follower.js';
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
import { InteractionLedger } from '../interaction-ledger.js';
import type {
  CallInfo,
  DialRequest,
  DtmfOptions,
  RegistrationStatus,
  TelephonyAdapter,
  TelephonyCapabilities,
} from '../telephony-adapter.js';

/**
 * A callback service that keeps the callbacks' times for a callback adapter holding the
 * interactions itself. A `GmsCallbackAdapter` on the service the callbacks come from is one.
 */
export interface CallbackScheduler {
  readonly callbackCapabilities: CallbackCapabilities;
  /** Moves the service's callback `id`; resolves with the time and the number it now holds. */
  rescheduleCallback(id: string, request: RescheduleRequest, options?: CallOptions): Promise<{ time: number; number?: string }>;
  availability(id: string, query: AvailabilityQuery, options?: CallOptions): Promise<AvailabilitySlot[]>;
  findOpenByNumber(number: string, options?: CallOptions): Promise<Interaction[]>;
}

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
  /**
   * Where Reschedule, availability and the duplicate look-up go (with the callback's id, the
   * callback data's `_CB_SERVICE_ID`), for example `new GmsCallbackAdapter({ baseUrl, service })`.
   * Without it they are not offered.
   */
  scheduler?: CallbackScheduler;
  clock?: Clock;
}

/**
 * Callbacks that arrive as calls. Each ringing inbound call becomes an offered voice callback
 * (its `CallInfo.data`, e.g. the INVITE's `X-Genesys-*` headers, fills the callback information);
 * accept answers the call, reject declines it, an offer nobody answers is declined at its timeout
 * (back to routing), and a caller who gives up revokes it.
 *
 * It is also the `TelephonyAdapter` the elements use: every call action goes to the wrapped phone
 * and, once the phone has done it, to the interaction through the model's `transition()`. The
 * phone's calls are followed too (a {@link CallFollower}), so what is done on the phone itself (the
 * elements given the wrapped phone, its own buttons) and what the far end does (hang-up, hold, a
 * conference member leaving) reach the interaction the same way.
 *
 * Web callbacks that do not arrive as calls are offered with {@link PhoneCallbackAdapter.ingest};
 * their Call goes out through the phone and is followed the same way.
 *
 * Reschedule, availability and duplicate look-up need a callback service: see
 * {@link PhoneCallbackAdapterOptions.scheduler}.
 */
export class PhoneCallbackAdapter implements CallbackAdapter, TelephonyAdapter {
  readonly callbackCapabilities: CallbackCapabilities;

  readonly #phone: TelephonyAdapter;
  readonly #options: PhoneCallbackAdapterOptions;
  readonly #policy: Readonly<Partial<Policy>>;
  readonly #clock: Clock;
  readonly #ledger: InteractionLedger;
  readonly #calls: CallFollower;

  constructor(options: PhoneCallbackAdapterOptions) {
    this.#options = options;
    this.#policy = Object.freeze({ dispositionMandatory: !!options.dispositionMandatory });
    this.#phone = options.telephony;
    this.#clock = options.clock ?? systemClock;
    this.callbackCapabilities = options.scheduler?.callbackCapabilities ?? { reschedule: false, availability: false, duplicateLookup: false };
    this.#ledger = new InteractionLedger({
      clock: this.#clock,
      readyState: 'ready',
      onExpired: (interaction) => this.#calls.expired(interaction),
      onForget: (interaction) => this.#calls.forget(interaction),
    });
    this.#calls = new CallFollower({
      telephony: this.#phone,
      ledger: this.#ledger,
      clock: this.#clock,
      mapping: { ...DEFAULT_MAPPING, ...options.mapping },
      offerTimeoutMs: options.offerTimeoutMs ?? 30_000,
      canRejectByDefault: options.canRejectByDefault ?? true,
      everyCall: true,
    });
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
    this.#calls.dispose();
    this.#ledger.stopOfferTimers();
  }

  // --- offers -------------------------------------------------------------------------------

  onOffer(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#ledger.onOffer(listener);
  }

  onInteraction(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#ledger.onInteraction(listener);
  }

  getInteraction(id: string): Interaction | undefined {
    return this.#ledger.getInteraction(id);
  }

  listInteractions(): Interaction[] {
    return this.#ledger.listInteractions();
  }

  async accept(id: string, options?: CallOptions): Promise<Interaction> {
    const callId = this.#calls.ringing(id);
    if (callId) return this.#calls.accept(id, callId, options);
    await settled(options);
    this.#ledger.check(id, { type: 'accept' });
    return this.#ledger.apply(id, [{ type: 'accept' }]);
  }

  async reject(id: string, options?: CallOptions): Promise<Interaction> {
    const callId = this.#calls.ringing(id);
    if (callId) return this.#calls.reject(id, callId, options);
    await settled(options);
    const interaction = this.#ledger.check(id, { type: 'reject' });
    if (!interaction.offer.canReject) throw new AdapterError('not-permitted', 'This callback may not be rejected.');
    return this.#ledger.apply(id, [{ type: 'reject' }]);
  }

  /**
   * Offers a callback that does not arrive as a call: a web callback from a form, or one a
   * callback service pushed (GMS keys by default; `_agent_preview: 'true'` makes it a web callback
   * the agent previews, then dials with Call). The same id while still open returns the first.
   */
  ingest(data: Readonly<Record<string, string>>): Interaction {
    const now = this.#clock.now();
    const result = interactionFromData(data, { ...DEFAULT_MAPPING, ...this.#options.mapping }, {
      now,
      offerTimeoutMs: this.#options.offerTimeoutMs ?? 30_000,
      canRejectByDefault: this.#options.canRejectByDefault ?? true,
    });
    if (typeof result === 'string') throw new AdapterError('invalid-input', `Not a callback: ${result}.`);
    const held = this.#ledger.openInteraction(result.id);
    if (held) return held;
    this.#ledger.offer(result, now);
    return result;
  }

  /**
   * An offer that did not come as a call (see `ingest`) taken back by the service (routing
   * withdrew it, or it is gone from the server): revoked, as a caller who gives up revokes a call.
   * An interaction no longer offered is left as it is.
   */
  withdraw(id: string): void {
    if (this.#ledger.getInteraction(id)?.state === 'offered') this.#ledger.apply(id, [{ type: 'revoke' }]);
  }

  /** Through the `scheduler`; the interaction records the change once the service holds it. */
  async reschedule(id: string, request: RescheduleRequest, options?: CallOptions): Promise<Interaction> {
    const scheduler = this.#scheduler('Rescheduling');
    const reason = request.reason ? { reason: request.reason } : {};
    this.#ledger.check(id, { type: 'reschedule', time: request.time, ...reason });
    const held = await scheduler.rescheduleCallback(id, request, options);
    return this.#ledger.apply(id, [{ type: 'reschedule', ...held, ...reason }]);
  }

  async availability(id: string, query: AvailabilityQuery, options?: CallOptions): Promise<AvailabilitySlot[]> {
    return this.#scheduler('Availability').availability(id, query, options);
  }

  /** Through the `scheduler` (none without it); callbacks closed here are left out, the ones here come as they are here. */
  async findOpenByNumber(number: string, options?: CallOptions): Promise<Interaction[]> {
    const found = this.#options.scheduler ? await this.#options.scheduler.findOpenByNumber(number, options) : [];
    return found.flatMap((i) => {
      const held = this.#ledger.getInteraction(i.id);
      return held && isClosed(held.state) ? [] : [held ?? i];
    });
  }

  async setDisposition(id: string, disposition: DispositionRef, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    return this.#ledger.apply(id, [{ type: 'disposition', disposition: this.#known(disposition) }]);
  }

  async addNote(id: string, text: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    if (!text.trim()) throw new AdapterError('invalid-input', 'A note cannot be empty.');
    return this.#ledger.apply(id, [{ type: 'note', text }]);
  }

  async markDone(id: string, request: MarkDoneRequest = {}, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    return this.#ledger.markDone(id, request, {
      known: (disposition) => this.#known(disposition),
      mandatory: !!this.#policy.dispositionMandatory,
    });
  }

  getReadyState(channel: Channel): AgentReadyState {
    return this.#ledger.getReadyState(channel);
  }

  async setReadyState(channel: Channel, state: AgentReadyState, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    this.#ledger.setReadyState(channel, state);
  }

  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    return this.#ledger.onReadyState(listener);
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
    return this.#calls.call(id);
  }

  answer(callId: string, options?: CallOptions): Promise<CallInfo> {
    const id = this.#calls.interactionOf(callId);
    if (id && this.#ledger.getInteraction(id)?.state === 'offered') return this.accept(id, options).then(() => this.#phone.getCall(callId)!);
    return this.#phone.answer(callId, options);
  }

  decline(callId: string, options?: CallOptions): Promise<void> {
    const id = this.#calls.interactionOf(callId);
    if (id && this.#ledger.getInteraction(id)?.state === 'offered') return this.reject(id, options).then(() => undefined);
    return this.#phone.decline(callId, options);
  }

  dial(request: DialRequest, options?: CallOptions): Promise<CallInfo> {
    const id = request.interactionId;
    const dial = () => this.#phone.dial(request, options);
    return id ? this.#calls.dial(id, request.number, dial) : dial();
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
    const id = this.#calls.interactionOf(callId);
    if (!id) return this.#phone.startConsultation(callId, target, options);
    this.#ledger.check(id, { type: 'consult-start', target });
    const pending = this.#phone.startConsultation(callId, target, options);
    // The customer is held and the target rings from here on.
    this.#ledger.apply(id, [{ type: 'consult-start', target }]);
    try {
      const consultation = await pending;
      const now = this.#ledger.getInteraction(id);
      if (now?.consultation) {
        this.#ledger.commit({ ...now, consultation: { ...now.consultation, callId: consultation.id } });
        this.#ledger.apply(id, [{ type: 'consult-answered' }]);
      }
      return consultation;
    } catch (error) {
      const code = error instanceof AdapterError ? error.code : 'unknown';
      const now = this.#ledger.getInteraction(id);
      if (now?.consultation?.state === 'dialing') {
        const call = this.#phone.getCall(callId);
        // Aborted: the phone resumed the customer (signal), or End consultation will say so itself.
        if (code === 'aborted') {
          if (call?.state === 'connected') this.#ledger.apply(id, [{ type: 'consult-end' }]);
        } else this.#ledger.apply(id, [{ type: 'consult-failed', outcome: code === 'target-no-answer' ? 'no-answer' : 'declined' }]);
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
    const id = this.#calls.interactionOf(callId);
    const member = (id ? this.#ledger.getInteraction(id)?.participants : undefined)?.find((p) => p.id === target.id) ?? target;
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
    const id = this.#calls.interactionOf(callId);
    const interaction = id ? this.#ledger.getInteraction(id) : undefined;
    if (!interaction || isClosed(interaction.state) || interaction.callId !== callId) return run();
    this.#ledger.check(interaction.id, event);
    return this.#calls.acting(callId, async () => {
      const result = await run();
      // The phone may already have reported the outcome (a hang-up seen through onCall first).
      const events = applicable(this.#ledger.getInteraction(interaction.id)!, [event], this.#clock.now());
      if (events.length) this.#ledger.apply(interaction.id, events);
      return result;
    });
  }

  #scheduler(what: string): CallbackScheduler {
    const service = this.#options.scheduler;
    if (!service) throw new AdapterError('not-supported', `${what} needs a callback service.`);
    return service;
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

/** An answer given here still comes asynchronously, as every adapter's does, and honours an abort until then. */
async function settled(options: CallOptions | undefined): Promise<void> {
  throwIfAborted(options?.signal);
  await Promise.resolve();
  throwIfAborted(options?.signal);
}
