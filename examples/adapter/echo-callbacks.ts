/**
 * EchoCallbacks: an example `CallbackAdapter`, written from the package's public types alone
 * (docs/write-an-adapter.md walks through it), paired with any `TelephonyAdapter` (here EchoPhone).
 *
 * Its "callback service" is in memory. Offers reach it two ways, as they do from real services:
 * - a web callback is pushed to it (`receive`, what a WebSocket or webhook relay would deliver);
 * - a voice callback rings the agent's phone with the callback's data attached (as SIP headers or
 *   user data would carry it): the adapter watches the phone's calls, offers the callback, and
 *   answers or declines that call when the agent accepts or rejects.
 *
 * Every state change goes through the model's `transition()`, and whatever happens to a callback's
 * call (dialled for a web callback, or the voice call itself) reaches the interaction by following
 * the phone's `onCall` reports: Hold, Resume and End call done on the phone's own buttons count as
 * much as those done through the elements.
 */
import { AdapterError, throwIfAborted } from 'callback-elements/adapters.js';
import type {
  AgentReadyState,
  AvailabilityQuery,
  CallbackAdapter,
  CallbackCapabilities,
  CallInfo,
  CallOptions,
  MarkDoneRequest,
  RescheduleRequest,
  TelephonyAdapter,
  Unsubscribe,
} from 'callback-elements/adapters.js';
import {
  InvalidTransitionError,
  markDoneEvents,
  transition,
  type AvailabilitySlot,
  type Channel,
  type Clock,
  type DispositionNode,
  type DispositionRef,
  type Interaction,
  type InteractionEvent,
  type Policy,
} from 'callback-elements/model.js';

/** The keys a voice callback's call carries. */
export const CALL_DATA = { id: 'X-Echo-Callback', name: 'X-Echo-Name', expiresInMs: 'X-Echo-Expires-In', canReject: 'X-Echo-Can-Reject' } as const;

export interface EchoCallbacksOptions {
  /** The phone the agent's calls go through: the same adapter the elements get as `telephonyAdapter`. */
  telephony: TelephonyAdapter;
  clock: Clock;
  /** The service refuses Mark done without a disposition (and says so in `policy`). */
  dispositionMandatory?: boolean;
  /** How long an offer waits for the agent by default (ms). Default 30 s. */
  offerTimeoutMs?: number;
}

/** A web callback as the service pushes it. */
export interface EchoOffer {
  id: string;
  name: string;
  phone: string;
  expiresInMs?: number;
  canReject?: boolean;
}

/** The service's disposition codes. */
export const ECHO_DISPOSITIONS: readonly DispositionNode[] = [
  { code: 'RESOLVED', label: 'Resolved' },
  { code: 'FOLLOW-UP', label: 'Follow-up needed' },
];

const isLeaf = (code: string) => ECHO_DISPOSITIONS.some((node) => node.code === code);

export class EchoCallbacks implements CallbackAdapter {
  readonly callbackCapabilities: CallbackCapabilities = { reschedule: true, availability: false, duplicateLookup: true };
  readonly workScope = `echo:${Math.random().toString(36).slice(2)}`;

  readonly #telephony: TelephonyAdapter;
  readonly #clock: Clock;
  readonly #offerTimeoutMs: number;
  readonly #policy: Readonly<Partial<Policy>>;
  readonly #interactions = new Map<string, Interaction>();
  /** Offers waiting for the agent: the timer that sends each back to routing. */
  readonly #expiries = new Map<string, unknown>();
  /** The state each followed call was last seen in, to tell what changed. */
  readonly #calls = new Map<string, CallInfo['state']>();
  readonly #offerListeners = new Set<(interaction: Interaction) => void>();
  readonly #interactionListeners = new Set<(interaction: Interaction) => void>();
  readonly #readyListeners = new Set<(channel: Channel, state: AgentReadyState) => void>();
  readonly #ready = new Map<Channel, AgentReadyState>([
    ['voice', 'not-ready'],
    ['web-callback', 'not-ready'],
  ]);
  readonly #stopFollowing: Unsubscribe;

  constructor(options: EchoCallbacksOptions) {
    this.#telephony = options.telephony;
    this.#clock = options.clock;
    this.#offerTimeoutMs = options.offerTimeoutMs ?? 30_000;
    this.#policy = Object.freeze({ dispositionMandatory: options.dispositionMandatory ?? false });
    this.#stopFollowing = this.#telephony.onCall((call) => this.#follow(call));
  }

  get policy(): Readonly<Partial<Policy>> {
    return this.#policy;
  }

  // ---- what the service pushes (not part of the contract) -------------------------------------

  /** The service routes a web callback to this agent. */
  receive(offer: EchoOffer): Interaction {
    return this.#offer(offer, 'web-callback');
  }

  dispose(): void {
    this.#stopFollowing();
    for (const timer of this.#expiries.values()) this.#clock.clearTimeout(timer);
    this.#offerListeners.clear();
    this.#interactionListeners.clear();
    this.#readyListeners.clear();
  }

  // ---- subscriptions and reads ---------------------------------------------------------------

  onOffer(listener: (interaction: Interaction) => void): Unsubscribe {
    return subscribe(this.#offerListeners, listener);
  }

  onInteraction(listener: (interaction: Interaction) => void): Unsubscribe {
    return subscribe(this.#interactionListeners, listener);
  }

  getInteraction(id: string): Interaction | undefined {
    return this.#interactions.get(id);
  }

  /** What the agent holds or is offered: not what was rejected, expired, revoked or done. */
  listInteractions(): Interaction[] {
    return [...this.#interactions.values()].filter((i) => !['rejected', 'expired', 'revoked', 'done'].includes(i.state));
  }

  // ---- the agent's commands ------------------------------------------------------------------

  async accept(id: string, options: CallOptions = {}): Promise<Interaction> {
    await this.#roundTrip(options);
    const interaction = this.#get(id);
    if (interaction.state !== 'offered') throw new AdapterError('invalid-state', `The callback is ${interaction.state}.`);
    // A voice callback is a ringing call: accepting it answers that call.
    if (interaction.channel === 'voice' && interaction.callId) await this.#telephony.answer(interaction.callId, options);
    this.#clearExpiry(id);
    return this.#apply(id, { type: 'accept' });
  }

  async reject(id: string, options: CallOptions = {}): Promise<Interaction> {
    await this.#roundTrip(options);
    const interaction = this.#get(id);
    if (interaction.state !== 'offered') throw new AdapterError('invalid-state', `The callback is ${interaction.state}.`);
    if (!interaction.offer.canReject) throw new AdapterError('not-permitted', 'This callback may not be rejected.');
    this.#clearExpiry(id);
    const rejected = this.#apply(id, { type: 'reject' });
    if (interaction.callId) await this.#telephony.decline(interaction.callId).catch(() => undefined);
    return rejected;
  }

  async reschedule(id: string, request: RescheduleRequest, options: CallOptions = {}): Promise<Interaction> {
    await this.#roundTrip(options);
    this.#get(id);
    if (!(request.time > this.#clock.now())) throw new AdapterError('invalid-input', 'Choose a time in the future.', { detail: { field: 'time' } });
    return this.#apply(id, {
      type: 'reschedule',
      time: request.time,
      ...(request.number ? { number: request.number } : {}),
      ...(request.reason ? { reason: request.reason } : {}),
    });
  }

  async availability(id: string, _query: AvailabilityQuery, options: CallOptions = {}): Promise<AvailabilitySlot[]> {
    await this.#roundTrip(options);
    this.#get(id);
    throw new AdapterError('not-supported', 'This service does not publish its availability.');
  }

  async setDisposition(id: string, disposition: DispositionRef, options: CallOptions = {}): Promise<Interaction> {
    await this.#roundTrip(options);
    this.#get(id);
    this.#checkDisposition(disposition);
    return this.#apply(id, { type: 'disposition', disposition });
  }

  async addNote(id: string, text: string, options: CallOptions = {}): Promise<Interaction> {
    await this.#roundTrip(options);
    this.#get(id);
    if (!text.trim()) throw new AdapterError('invalid-input', 'A note needs some text.', { detail: { field: 'note' } });
    return this.#apply(id, { type: 'note', text });
  }

  async markDone(id: string, request: MarkDoneRequest = {}, options: CallOptions = {}): Promise<Interaction> {
    await this.#roundTrip(options);
    const interaction = this.#get(id);
    if (interaction.state !== 'ready-to-call' && interaction.state !== 'ended') {
      throw new AdapterError('invalid-state', `The callback is ${interaction.state}.`);
    }
    if (request.disposition) this.#checkDisposition(request.disposition);
    if (this.#policy.dispositionMandatory && !request.disposition && !interaction.disposition) {
      throw new AdapterError('invalid-input', 'Choose a disposition first.', { detail: { field: 'disposition' } });
    }
    let done = interaction;
    for (const event of markDoneEvents(request)) done = this.#apply(id, event);
    return done;
  }

  async findOpenByNumber(number: string, options: CallOptions = {}): Promise<Interaction[]> {
    await this.#roundTrip(options);
    return this.listInteractions().filter((i) => i.contact.phone === number);
  }

  getReadyState(channel: Channel): AgentReadyState {
    return this.#ready.get(channel) ?? 'not-ready';
  }

  async setReadyState(channel: Channel, state: AgentReadyState, options: CallOptions = {}): Promise<void> {
    await this.#roundTrip(options);
    this.#ready.set(channel, state);
    for (const listener of [...this.#readyListeners]) listener(channel, state);
  }

  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    return subscribe(this.#readyListeners, listener);
  }

  // ---- following the phone -------------------------------------------------------------------

  /**
   * Each call report from the phone, turned into what it means for the callback it carries. A
   * voice callback's call is known from the data it rings with; a web callback's from the
   * `interactionId` it was dialled with (`dial({ number, interactionId })`).
   */
  #follow(call: CallInfo): void {
    const before = this.#calls.get(call.id);
    this.#calls.set(call.id, call.state);
    if (before === call.state) return;
    const callbackId = call.data?.[CALL_DATA.id];
    if (before === undefined && call.direction === 'inbound' && call.state === 'ringing' && callbackId) {
      this.#offer(
        {
          id: callbackId,
          name: call.data?.[CALL_DATA.name] ?? call.remote,
          phone: call.remote,
          ...(call.data?.[CALL_DATA.expiresInMs] ? { expiresInMs: Number(call.data[CALL_DATA.expiresInMs]) } : {}),
          ...(call.data?.[CALL_DATA.canReject] === 'false' ? { canReject: false } : {}),
        },
        'voice',
        call.id,
      );
      return;
    }
    const interaction = [...this.#interactions.values()].find((i) => i.callId === call.id) ?? (call.interactionId ? this.#interactions.get(call.interactionId) : undefined);
    if (!interaction) return;
    const event = this.#meaning(interaction, call, before);
    if (event) this.#apply(interaction.id, event, call.id);
  }

  /** What a call's new state means for its interaction, if anything. */
  #meaning(interaction: Interaction, call: CallInfo, before: CallInfo['state'] | undefined): InteractionEvent | undefined {
    const { state } = interaction;
    switch (call.state) {
      case 'dialing':
        return state === 'ready-to-call' ? { type: 'dial', number: call.remote } : undefined;
      case 'connected':
        if (state === 'dialing') return { type: 'answered' };
        return state === 'held' && before === 'held' ? { type: 'resume' } : undefined;
      case 'held':
        return state === 'connected' ? { type: 'hold' } : undefined;
      case 'ended':
        if (state === 'offered') return { type: 'revoke' };
        if (state === 'dialing' && call.dialResult && call.dialResult !== 'connected') return { type: 'dial-failed', result: call.dialResult };
        if (state === 'dialing' || state === 'connected' || state === 'held') return { type: 'hang-up', by: call.endedBy === 'remote' ? 'contact' : 'agent' };
        return undefined;
      default:
        return undefined;
    }
  }

  // ---- inside --------------------------------------------------------------------------------

  /** Where a real adapter awaits its service: a command cancelled meanwhile changes nothing. */
  async #roundTrip(options: CallOptions): Promise<void> {
    throwIfAborted(options.signal);
    await Promise.resolve();
    throwIfAborted(options.signal);
  }

  #offer(offer: EchoOffer, channel: Channel, callId?: string): Interaction {
    const now = this.#clock.now();
    const expiresInMs = offer.expiresInMs ?? this.#offerTimeoutMs;
    const interaction: Interaction = {
      id: offer.id,
      channel,
      callbackType: channel === 'voice' ? 'immediate' : 'preview',
      state: 'offered',
      contact: { name: offer.name, phone: offer.phone },
      offer: { offeredAt: now, expiresAt: now + expiresInMs, canReject: offer.canReject ?? true },
      caseData: [],
      attempts: [],
      history: [],
      note: '',
      ...(callId ? { callId } : {}),
    };
    this.#interactions.set(interaction.id, interaction);
    this.#expiries.set(
      interaction.id,
      this.#clock.setTimeout(() => this.#expire(interaction.id), expiresInMs),
    );
    for (const listener of [...this.#offerListeners]) listener(interaction);
    this.#publish(interaction);
    return interaction;
  }

  #expire(id: string): void {
    this.#expiries.delete(id);
    const interaction = this.#interactions.get(id);
    if (interaction?.state !== 'offered') return;
    this.#apply(id, { type: 'expire' });
    // Back to routing: the service stops ringing the agent.
    if (interaction.callId) this.#telephony.decline(interaction.callId).catch(() => undefined);
  }

  #clearExpiry(id: string): void {
    this.#clock.clearTimeout(this.#expiries.get(id));
    this.#expiries.delete(id);
  }

  #get(id: string): Interaction {
    const interaction = this.#interactions.get(id);
    if (!interaction) throw new AdapterError('not-found', `No callback ${id}.`);
    return interaction;
  }

  #checkDisposition(disposition: DispositionRef): void {
    if (!isLeaf(disposition.code)) throw new AdapterError('invalid-input', `Unknown disposition ${disposition.code}.`, { detail: { field: 'disposition' } });
  }

  /** The one way an interaction changes: the model's transition, then publish the whole new value. */
  #apply(id: string, event: InteractionEvent, callId?: string): Interaction {
    let next: Interaction;
    try {
      next = transition(this.#get(id), event, this.#clock.now());
    } catch (error) {
      if (error instanceof InvalidTransitionError) throw new AdapterError('invalid-state', error.message, { cause: error });
      throw error;
    }
    if (callId) next = { ...next, callId };
    this.#interactions.set(id, next);
    this.#publish(next);
    return next;
  }

  #publish(interaction: Interaction): void {
    for (const listener of [...this.#interactionListeners]) listener(interaction);
  }
}

function subscribe<T>(listeners: Set<T>, listener: T): Unsubscribe {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
