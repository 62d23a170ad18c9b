import type { Models } from 'purecloud-platform-client-v2';
import type {
  AgentReadyState,
  AvailabilityQuery,
  CallbackAdapter,
  CallbackCapabilities,
  CallOptions,
  MarkDoneRequest,
  NotReadyReasonsOptions,
  ReadyStateDetail,
  ReadyStateOptions,
  RescheduleRequest,
} from '../callback-adapter.js';
import { applicable, CallFollower } from '../call-follower.js';
import { AdapterError, throwIfAborted, type Unsubscribe } from '../errors.js';
import { DEFAULT_MAPPING } from '../gms/callback-data.js';
import type { TelephonyAdapter } from '../telephony-adapter.js';
import { Emitter } from '../emitter.js';
import { InteractionLedger } from '../interaction-ledger.js';
import type { Policy } from '../../model/actions.js';
import type { AvailabilitySlot, Channel, DispositionRef, Interaction } from '../../model/interaction.js';
import { isAccepted, isClosed, markDoneEvents, transition, type InteractionEvent } from '../../model/state-machine.js';
import { validatePhoneNumber, validateRescheduleTime } from '../../model/validation.js';
import { DEFAULTS, type GenesysCloudOptions } from './config.js';
import { defaultHiddenAttribute, offerFrom, sameNumber, snapshotOf, type OfferRules, type Snapshot } from './conversations.js';
import { GenesysCloudSession } from './session.js';
import { RecordedPhone } from './recorded-phone.js';
import { confirmWrite } from './writes.js';

export interface GenesysCloudCallbackOptions extends GenesysCloudOptions {
  /** A session shared with the telephony and directory adapters; one is made from the options otherwise. */
  session?: GenesysCloudSession;
  /**
   * The agent's phone as the elements are given it (a `GenesysCloudTelephonyAdapter` on the same
   * session). With it, the calls are followed: a voice offer is its ringing call (Accept answers
   * it, Reject declines it), a preview's Call dialled with the interaction's id carries the web
   * callback (dialing, answered, a busy line, the hang-up), and what happens to each call (hold,
   * mute, the contact hanging up) reaches its interaction. Without it, calls are read from the
   * conversations only.
   */
  telephony?: TelephonyAdapter;
}

/** A Genesys Cloud presence the agent may choose while not on queue (Away, Break, Meal, …). */
export interface GenesysCloudPresence {
  /** The presence definition's id. */
  code: string;
  /** Its label in the language asked for, else its name. */
  label: string;
  /** `Available`, `Away`, `Break`, `Busy`, `Meal`, `Meeting`, `Training`, … */
  systemPresence: string;
}

export interface CreateCallbackRequest {
  /** The numbers to call back, first one first. */
  numbers: readonly string[];
  /** The customer's name as the agent will see it. */
  name?: string;
  /** Epoch ms; absent = as soon as possible. */
  desiredTime?: number;
  /** The queue that routes it; the agent's own queue otherwise (the API's default). */
  queueId?: string;
  /** Participant data shown as case information. */
  data?: Readonly<Record<string, string>>;
}

/** The utilization media type each channel is routed as. */
const MEDIA: Readonly<Record<Channel, string>> = Object.freeze({ voice: 'call', 'web-callback': 'callback' });
const CHANNELS: readonly Channel[] = ['voice', 'web-callback'];
/** Presences that are no reason for being not ready. */
const NO_REASON = new Set(['On Queue', 'Available', 'Idle']);
const ON_QUEUE = 'IDLE';
const OFF_QUEUE = 'OFF_QUEUE';

/**
 * A `CallbackAdapter` for Genesys Cloud. Offers are the agent's alerting conversations heard on the
 * notification channel: a callback conversation is a web callback the agent previews (Accept
 * connects the agent's callback participant: ready to call), a call is a voice offer (Accept
 * answers it). Reject disconnects the alerting participant; the queue routes it on. Reschedule is
 * `PATCH /api/v2/conversations/callbacks`; the wrap-up codes of the agent's participant are the
 * dispositions, and Mark done sends the code and the notes with the participant's disconnect.
 *
 * Notes and the chosen disposition are kept here until Mark done, which sends them as the
 * participant's wrap-up (Genesys Cloud keeps one wrap-up per participant).
 *
 * A write whose answer is lost (timeout, dropped connection, 5xx) is settled by reading the
 * conversation back: the change found there is a success; not found, the original error; a
 * read-back that fails too, `unconfirmed`.
 */
export class GenesysCloudCallbackAdapter implements CallbackAdapter {
  readonly callbackCapabilities: CallbackCapabilities = { reschedule: true, availability: false, duplicateLookup: true };
  readonly session: GenesysCloudSession;
  /**
   * With the `telephony` option: the phone as the elements should be given it (`telephonyAdapter`).
   * Each command goes to that phone, and what it did is recorded on the interaction its call carries
   * (a transfer, a conference, the consultation's steps, DTMF digits in the case history).
   */
  readonly telephony: TelephonyAdapter | undefined;

  readonly #policy: Readonly<Partial<Policy>>;
  readonly #rules: Omit<OfferRules, 'now'>;
  readonly #ledger: InteractionLedger;
  readonly #timeoutMs: number;
  /** The latest snapshot of each conversation the agent has. */
  readonly #snapshots = new Map<string, Snapshot>();
  /** The agent participant each interaction was offered with: a conversation back again has a new one. */
  readonly #participant = new Map<string, string>();
  readonly #codes = new Map<string, Promise<DispositionRef[]>>();
  /** Interactions this adapter is closing (reject, Mark done): their echo is not someone else's doing. */
  readonly #closing = new Set<string>();
  readonly #stops: Unsubscribe[] = [];
  readonly #calls: CallFollower | undefined;
  readonly #ownSession: boolean;
  #presence: { definitionId: string; systemPresence?: string } | undefined;
  readonly #presenceChanges = new Emitter<[GenesysCloudPresence | undefined]>();
  #onQueue = false;
  /** Each channel's routing capacity (the user's utilization): 0 = not routed, whatever the routing status. */
  readonly #capacity = new Map<Channel, number>();
  /** The presence definitions as last listed, for their labels. */
  #definitions: GenesysCloudPresence[] = [];
  readonly #details = new Emitter<[Channel, ReadyStateDetail]>();
  readonly #lastDetails = new Map<Channel, string>();
  /** The routing status's start time this adapter last set or read: older events are stale. */
  #routingSince = -Infinity;
  /** The re-read of the agent's state after a new channel, while it runs; one more is due when `#stateAgain`. */
  #stateRead: Promise<void> | undefined;
  #stateAgain = false;
  /** Counts this adapter's own state writes: a read that overlapped one is not applied over it. */
  #stateWrites = 0;

  constructor(options: GenesysCloudCallbackOptions) {
    this.session = options.session ?? new GenesysCloudSession(options);
    this.#ownSession = !options.session;
    this.#policy = Object.freeze({ dispositionMandatory: !!options.dispositionMandatory });
    this.#rules = {
      offerTimeoutMs: options.offerTimeoutMs ?? DEFAULTS.offerTimeoutMs,
      allowRejectAttribute: options.allowRejectAttribute ?? DEFAULTS.allowRejectAttribute,
      subjectAttribute: options.subjectAttribute ?? DEFAULTS.subjectAttribute,
      hiddenAttribute: options.hiddenAttribute ?? defaultHiddenAttribute,
    };
    this.#timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.#ledger = new InteractionLedger({
      clock: this.session.clock,
      readyState: 'not-ready',
      onForget: (interaction) => this.#forget(interaction),
    });
    this.#calls =
      options.telephony &&
      new CallFollower({
        telephony: options.telephony,
        ledger: this.#ledger,
        clock: this.session.clock,
        mapping: DEFAULT_MAPPING,
        offerTimeoutMs: this.#rules.offerTimeoutMs,
        canRejectByDefault: true,
      });
    this.telephony =
      options.telephony &&
      new RecordedPhone({
        phone: options.telephony,
        ledger: this.#ledger,
        calls: this.#calls!,
        clock: this.session.clock,
        accept: (id, o) => this.accept(id, o),
        reject: (id, o) => this.reject(id, o),
      });
    this.#stops.push(
      this.session.onConversation((snapshot) => this.#observe(snapshot)),
      this.session.onReread((listed) => this.#afterReread(listed)),
      this.session.onResubscribed(() => this.#rereadState()),
      this.session.onRoutingStatus((change) => this.#routingEvent(change.status, change.startTime)),
      this.session.onPresence((change) => {
        this.#presence = change;
        this.#presenceChanges.emit(this.presence());
        this.#tellDetails();
      }),
    );
  }

  /** Opens the notification channel, reads the agent's conversations and routing status. */
  async connect(): Promise<void> {
    await this.session.start();
    await this.#readState();
  }

  /**
   * Reads the agent's utilization (each channel's capacity), presence and routing status, and
   * tells what changed. A read that overlapped one of this adapter's own writes is left: the
   * write's answer is newer.
   */
  async #readState(): Promise<void> {
    const writes = this.#stateWrites;
    const user = encodeURIComponent(this.session.userId);
    const utilization = await this.session.http.send<Models.AgentMaxUtilizationResponse>({ method: 'GET', path: `/api/v2/routing/users/${user}/utilization` });
    const presence = await this.session.http.send<Models.UserPresence>({ method: 'GET', path: `/api/v2/users/${user}/presences/PURECLOUD` });
    const status = await this.session.http.send<Models.RoutingStatus>({ method: 'GET', path: `/api/v2/users/${user}/routingstatus` });
    if (writes !== this.#stateWrites) return;
    this.#readCapacity(utilization);
    const definition = presence?.presenceDefinition;
    if (definition?.id) {
      const before = this.#presence;
      this.#presence = { definitionId: definition.id, ...(definition.systemPresence ? { systemPresence: definition.systemPresence } : {}) };
      if (before && (before.definitionId !== definition.id || before.systemPresence !== definition.systemPresence)) this.#presenceChanges.emit(this.presence());
    }
    // The start time guards against an older status; the capacity may have changed alone.
    this.#routingEvent(status?.status, status?.startTime);
    this.#publishReady();
  }

  /**
   * After a new channel (a dropped socket, a renewal): the agent's state as the service holds it
   * now, since changes made meanwhile (elsewhere, by a supervisor) were heard by nobody. Three
   * reads, one re-read at a time: asked again while one runs, one more follows it.
   */
  #rereadState(): void {
    if (this.#stateRead) {
      this.#stateAgain = true;
      return;
    }
    this.#stateRead = (async () => {
      do {
        this.#stateAgain = false;
        await this.#readState().catch(() => undefined);
      } while (this.#stateAgain);
    })().finally(() => {
      this.#stateRead = undefined;
    });
  }

  /** Conversation ids are unique per Genesys Cloud region (organisation). */
  get workScope(): string {
    return `genesys-cloud:${this.session.options.baseUrl}`;
  }

  get policy(): Readonly<Partial<Policy>> {
    return this.#policy;
  }

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

  // ---- the agent's answers ----

  /** `PATCH …/participants/{agent}` `{ state: 'connected' }`. */
  async accept(id: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const ringing = this.#calls?.ringing(id);
    if (ringing) return this.#calls!.accept(id, ringing, options);
    this.#ledger.check(id, { type: 'accept' });
    const snapshot = this.#snapshot(id);
    const agent = this.#agent(snapshot);
    await this.#patchParticipant(snapshot, agent, { state: 'connected' }, options, (s) => s.agent?.id === agent && s.agent.state === 'connected');
    return this.#settle(id, [{ type: 'accept' }], (i) => isAccepted(i.state));
  }

  /** `PATCH …/participants/{agent}` `{ state: 'disconnected' }`: the queue routes the offer on. */
  async reject(id: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const ringing = this.#calls?.ringing(id);
    if (ringing) {
      this.#closing.add(id);
      try {
        return await this.#calls!.reject(id, ringing, options);
      } finally {
        this.#closing.delete(id);
      }
    }
    const interaction = this.#ledger.check(id, { type: 'reject' });
    if (!interaction.offer.canReject) throw new AdapterError('not-permitted', 'This callback may not be rejected.');
    const snapshot = this.#snapshot(id);
    const agent = this.#agent(snapshot);
    this.#closing.add(id);
    try {
      await this.#patchParticipant(snapshot, agent, { state: 'disconnected' }, options, (s) => s.agent?.id !== agent || s.agent.state === 'disconnected' || s.agent.state === 'terminated');
      return this.#settle(id, [{ type: 'reject' }], (i) => i.state === 'rejected');
    } finally {
      this.#closing.delete(id);
    }
  }

  async setDisposition(id: string, disposition: DispositionRef, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    this.#ledger.check(id, { type: 'disposition', disposition });
    const known = await this.#knownDisposition(id, disposition.code, options?.signal);
    throwIfAborted(options?.signal);
    return this.#ledger.apply(id, [{ type: 'disposition', disposition: known }]);
  }

  async addNote(id: string, text: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    await Promise.resolve();
    throwIfAborted(options?.signal);
    this.#ledger.require(id);
    if (!text.trim()) throw new AdapterError('invalid-input', 'A note cannot be empty.');
    return this.#ledger.apply(id, [{ type: 'note', text }]);
  }

  /**
   * Ends the agent's participant with its wrap-up: `{ state: 'disconnected', wrapup: { code, name,
   * notes } }` (the state left out when the call already ended it). The notes are the interaction's
   * notes and Mark done's, in order.
   */
  async markDone(id: string, request: MarkDoneRequest = {}, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const interaction = this.#ledger.check(id, { type: 'done' });
    const snapshot = this.#snapshot(id);
    const agentId = this.#agent(snapshot);
    const disposition = request.disposition ? await this.#knownDisposition(id, request.disposition.code, options?.signal) : interaction.disposition;
    const mandatory = !!this.#policy.dispositionMandatory || snapshot.agent?.wrapupPrompt === 'mandatory';
    if (mandatory && !disposition) throw new AdapterError('invalid-input', 'A disposition is required before Mark done.');
    const notes = [...interaction.history.flatMap((e) => (e.kind === 'note' ? [e.text] : [])), ...(request.note?.trim() ? [request.note] : [])];
    const ended = snapshot.agent?.state === 'disconnected';
    const body: Models.MediaParticipantRequest = {
      ...(ended ? {} : { state: 'disconnected' }),
      ...(disposition ? { wrapup: { code: disposition.code, name: disposition.label, ...(notes.length ? { notes: notes.join('\n') } : {}) } } : { wrapupSkipped: true }),
    };
    this.#closing.add(id);
    try {
      await this.#patchParticipant(snapshot, agentId, body, options, (s) => s.agent?.id !== agentId || s.agent.state === 'terminated');
      this.#wrapUpCalls(interaction, body.wrapup);
      return this.#ledger.apply(id, markDoneEvents({ disposition, note: request.note }));
    } finally {
      this.#closing.delete(id);
    }
  }

  // ---- the callback service ----

  /**
   * `PATCH /api/v2/conversations/callbacks` with `callbackScheduledTime` and, when given, the new
   * number first in `callbackNumbers`. A voice interaction (a call) gets a new scheduled callback
   * instead (`POST /api/v2/conversations/callbacks`).
   */
  async reschedule(id: string, request: RescheduleRequest, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const event = { type: 'reschedule' as const, time: request.time, ...(request.reason ? { reason: request.reason } : {}) };
    const interaction = this.#ledger.check(id, event);
    const time = validateRescheduleTime(request.time, { now: this.session.clock.now() });
    if (!time.ok) throw new AdapterError('invalid-input', time.message, { detail: { validation: time.code } });
    let number: string | undefined;
    if (request.number !== undefined) {
      const checked = await validatePhoneNumber(request.number);
      if (!checked.ok) throw new AdapterError('invalid-input', checked.message, { detail: { validation: checked.code } });
      number = checked.value.e164;
    }
    const snapshot = this.#snapshot(id);
    const when = new Date(time.value).toISOString();
    if (snapshot.media === 'call') {
      await this.create({ numbers: [number ?? interaction.contact.phone], name: interaction.contact.name, desiredTime: time.value, ...(snapshot.agent?.queueId ? { queueId: snapshot.agent.queueId } : {}) }, options);
    } else {
      const numbers = number ? [number, ...snapshot.callbackNumbers.filter((n) => !sameNumber(n, number!))] : undefined;
      const body: Models.PatchCallbackRequest = {
        conversationId: id,
        agentId: this.session.userId,
        callbackScheduledTime: when,
        ...(numbers ? { callbackNumbers: numbers } : {}),
      };
      await confirmWrite({
        send: (signal) => this.session.http.send<Models.PatchCallbackResponse>({ method: 'PATCH', path: '/api/v2/conversations/callbacks', body, signal }),
        readBack: async (timeoutMs) => {
          const s = await this.session.read('callback', id, { timeoutMs, retries: 0 });
          return s?.scheduledTime === time.value && (!number || sameNumber(s.callbackNumbers[0], number));
        },
        timeoutMs: this.#timeoutMs,
        signal: options?.signal,
      });
    }
    const result = this.#ledger.apply(id, [{ ...event, time: time.value, ...(number ? { number } : {}) }]);
    if (snapshot.media === 'callback' && result.state === 'done') this.#leave(snapshot, result);
    return result;
  }

  /**
   * A web callback scheduled for another time leaves the agent (the model closes it): the agent's
   * participant disconnects, with the disposition as its wrap-up when one was chosen. Best effort:
   * the callback itself is already rescheduled.
   */
  #leave(snapshot: Snapshot, interaction: Interaction): void {
    const agent = this.#participant.get(snapshot.id) ?? snapshot.agent?.id;
    if (!agent) return;
    const { disposition } = interaction;
    const body: Models.MediaParticipantRequest = {
      state: 'disconnected',
      ...(disposition ? { wrapup: { code: disposition.code, name: disposition.label } } : {}),
    };
    void this.#patchParticipant(snapshot, agent, body, undefined, (s) => s.agent?.id !== agent || s.agent.state !== 'connected').catch(() => undefined);
  }

  /** Genesys Cloud has no public availability of callback slots. */
  async availability(_id: string, _query: AvailabilityQuery, options?: CallOptions): Promise<AvailabilitySlot[]> {
    throwIfAborted(options?.signal);
    throw new AdapterError('not-supported', 'Genesys Cloud does not publish callback availability.');
  }

  /**
   * Open callbacks for the number among the agent's callback conversations (what an agent's token
   * may list); ones closed here are left out.
   */
  async findOpenByNumber(number: string, options?: CallOptions): Promise<Interaction[]> {
    throwIfAborted(options?.signal);
    const listing = await this.session.http.send<Models.CallbackConversationEntityListing>({
      method: 'GET',
      path: '/api/v2/conversations/callbacks',
      query: { pageSize: 100 },
      signal: options?.signal,
    });
    const found: Interaction[] = [];
    for (const conversation of listing?.entities ?? []) {
      const snapshot = snapshotOf('callback', conversation, this.session.userId);
      if (!snapshot || !snapshot.callbackNumbers.some((n) => sameNumber(n, number))) continue;
      const held = this.#ledger.getInteraction(snapshot.id);
      if (held && isClosed(held.state)) continue;
      found.push(held ?? offerFrom(snapshot, { ...this.#rules, now: this.session.clock.now() }));
    }
    return found;
  }

  /** `POST /api/v2/conversations/callbacks`: a new callback; resolves with its conversation id. Sent once. */
  async create(request: CreateCallbackRequest, options?: CallOptions): Promise<string> {
    throwIfAborted(options?.signal);
    if (!request.numbers.length) throw new AdapterError('invalid-input', 'A callback needs a number.');
    const body: Models.CreateCallbackCommand = {
      callbackNumbers: [...request.numbers],
      ...(request.name ? { callbackUserName: request.name } : {}),
      ...(request.desiredTime === undefined ? {} : { callbackScheduledTime: new Date(request.desiredTime).toISOString() }),
      ...(request.queueId ? { queueId: request.queueId } : {}),
      ...(request.data ? { data: { ...request.data } } : {}),
    };
    const reply = await this.session.http.send<Models.CreateCallbackResponse>({ method: 'POST', path: '/api/v2/conversations/callbacks', body, signal: options?.signal });
    const id = reply?.conversation?.id;
    if (!id) throw new AdapterError('unknown', 'Genesys Cloud created the callback but sent no conversation id.');
    return id;
  }

  // ---- ready state: routing status ----

  getReadyState(channel: Channel): AgentReadyState {
    return this.#ledger.getReadyState(channel);
  }

  /**
   * Genesys Cloud has one routing status for every media: the agent is On queue (`IDLE`) while any
   * channel is ready, Off queue when none is. Which channels are routed is the user's utilization
   * on the service (`PUT /api/v2/routing/users/{id}/utilization`: a channel not ready has capacity
   * 0 for its media type, `call` or `callback`), so both are read back from the service after a
   * reload. Not ready with `options.reason` (a presence definition's id from
   * {@link notReadyReasons}) sets that presence, which takes the agent off queue on every channel.
   */
  async setReadyState(channel: Channel, state: AgentReadyState, options?: ReadyStateOptions): Promise<void> {
    throwIfAborted(options?.signal);
    if (state === 'not-ready' && options?.reason) return this.setNotReady(options.reason, options);
    this.#stateWrites++;
    const other: Channel = channel === 'voice' ? 'web-callback' : 'voice';
    const wanted = new Map(CHANNELS.map((c) => [c, this.#capacity.get(c) ?? 1]));
    wanted.set(channel, state === 'ready' ? Math.max(1, wanted.get(channel)!) : 0);
    // Going on queue for one channel: the other, not ready while off queue, stays so.
    if (state === 'ready' && !this.#onQueue) wanted.set(other, 0);
    if (CHANNELS.some((c) => wanted.get(c) !== (this.#capacity.get(c) ?? 1))) await this.#putCapacity(wanted, options);
    const onQueue = state === 'ready' || this.getReadyState(other) === 'ready';
    if (onQueue !== this.#onQueue) {
      const status = await this.session.http.send<Models.RoutingStatus>({
        method: 'PUT',
        path: `/api/v2/users/${encodeURIComponent(this.session.userId)}/routingstatus`,
        body: { status: onQueue ? ON_QUEUE : OFF_QUEUE } satisfies Models.RoutingStatus,
        signal: options?.signal,
      });
      this.#onQueue = onQueue;
      const since = status?.startTime ? Date.parse(status.startTime) : NaN;
      if (!Number.isNaN(since)) this.#routingSince = Math.max(this.#routingSince, since);
    }
    this.#publishReady();
  }

  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    return this.#ledger.onReadyState(listener);
  }

  /** On queue or not on the channel, with the presence as the reason while off queue. */
  readyStateDetail(channel: Channel): ReadyStateDetail {
    const state = this.getReadyState(channel);
    const p = this.#presence;
    if (state === 'ready' || this.#onQueue || !p || NO_REASON.has(p.systemPresence ?? '')) return { state };
    const known = this.#definitions.find((d) => d.code === p.definitionId);
    return { state, reason: known ? { code: known.code, label: known.label } : { code: p.definitionId, label: p.systemPresence ?? p.definitionId } };
  }

  onReadyStateDetail(listener: (channel: Channel, detail: ReadyStateDetail) => void): Unsubscribe {
    return this.#details.on(listener);
  }

  #readCapacity(utilization: Models.AgentMaxUtilizationResponse | undefined): void {
    for (const channel of CHANNELS) {
      const capacity = utilization?.utilization?.[MEDIA[channel]]?.maximumCapacity;
      if (typeof capacity === 'number') this.#capacity.set(channel, capacity);
    }
  }

  async #putCapacity(wanted: ReadonlyMap<Channel, number>, options?: CallOptions): Promise<void> {
    const utilization: Record<string, Models.MediaUtilization> = {};
    for (const c of CHANNELS) utilization[MEDIA[c]] = { maximumCapacity: wanted.get(c)! };
    const answer = await this.session.http.send<Models.AgentMaxUtilizationResponse>({
      method: 'PUT',
      path: `/api/v2/routing/users/${encodeURIComponent(this.session.userId)}/utilization`,
      body: { utilization } satisfies Models.UtilizationRequest,
      signal: options?.signal,
    });
    for (const [c, capacity] of wanted) this.#capacity.set(c, capacity);
    this.#readCapacity(answer);
  }

  /** Each channel's state from the routing status and its capacity, told to subscribers when it changed. */
  #publishReady(): void {
    for (const channel of CHANNELS) this.#ledger.setReadyState(channel, this.#onQueue && (this.#capacity.get(channel) ?? 1) > 0 ? 'ready' : 'not-ready');
    this.#tellDetails();
  }

  #tellDetails(): void {
    for (const channel of CHANNELS) {
      const detail = this.readyStateDetail(channel);
      const key = JSON.stringify(detail);
      if (this.#lastDetails.get(channel) === key) continue;
      this.#lastDetails.set(channel, key);
      this.#details.emit(channel, detail);
    }
  }

  /** Stops listening; the session is stopped too unless it was given. */
  dispose(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#calls?.dispose();
    this.#ledger.stopOfferTimers();
    this.#ledger.clearListeners();
    this.#presenceChanges.clear();
    this.#details.clear();
    if (this.#ownSession) this.session.stop();
  }

  // ---- presence: the not-ready reasons ----

  /**
   * The organisation's presences an agent may choose instead of On queue (`GET
   * /api/v2/presencedefinitions`), labelled in `language` (e.g. `es`) when the organisation gave
   * one. On queue, Offline and Idle are left out.
   */
  async notReadyReasons(options: NotReadyReasonsOptions = {}): Promise<GenesysCloudPresence[]> {
    throwIfAborted(options.signal);
    const language = options.locale ?? 'en_US';
    const listing = await this.session.http.send<Models.OrganizationPresenceEntityListing>({
      method: 'GET',
      path: '/api/v2/presencedefinitions',
      query: { pageSize: 100 },
      signal: options.signal,
    });
    const lang = language.replace('-', '_');
    const base = lang.split('_')[0]!;
    this.#definitions = (listing?.entities ?? [])
      .filter((p) => p.id && !p.deactivated && !['On Queue', 'Offline', 'Idle'].includes(p.systemPresence ?? ''))
      .map((p) => ({
        code: p.id!,
        label: p.languageLabels?.[lang] ?? p.languageLabels?.[base] ?? p.name ?? p.systemPresence ?? p.id!,
        systemPresence: p.systemPresence ?? '',
      }));
    this.#lastDetails.clear();
    this.#tellDetails();
    return this.#definitions.map((d) => ({ ...d }));
  }

  /**
   * Off queue with a presence (`PATCH /api/v2/users/{id}/presences/PURECLOUD`): the agent is not
   * ready on every channel, for that reason.
   */
  async setNotReady(code: string, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    this.#stateWrites++;
    const presence = await this.session.http.send<Models.UserPresence>({
      method: 'PATCH',
      path: `/api/v2/users/${encodeURIComponent(this.session.userId)}/presences/PURECLOUD`,
      body: { presenceDefinition: { id: code } } satisfies Models.UserPresence,
      signal: options?.signal,
    });
    const definition = presence?.presenceDefinition;
    this.#presence = { definitionId: definition?.id ?? code, ...(definition?.systemPresence ? { systemPresence: definition.systemPresence } : {}) };
    this.#onQueue = false;
    this.#publishReady();
    this.#presenceChanges.emit(this.presence());
  }

  /** The agent's presence as last heard (its definition's id as `code`; the label is the system presence). */
  presence(): GenesysCloudPresence | undefined {
    const p = this.#presence;
    return p ? { code: p.definitionId, label: p.systemPresence ?? p.definitionId, systemPresence: p.systemPresence ?? '' } : undefined;
  }

  onPresence(listener: (presence: GenesysCloudPresence | undefined) => void): Unsubscribe {
    return this.#presenceChanges.on(listener);
  }

  // ---- internals ----

  #snapshot(id: string): Snapshot {
    const snapshot = this.#snapshots.get(id);
    if (!snapshot) throw new AdapterError('not-found', `No conversation ${id}.`);
    return snapshot;
  }

  #agent(snapshot: Snapshot): string {
    const id = this.#participant.get(snapshot.id) ?? snapshot.agent?.id;
    if (!id) throw new AdapterError('invalid-state', 'The agent is not a participant of this conversation.');
    return id;
  }

  async #patchParticipant(
    snapshot: Snapshot,
    participantId: string,
    body: Models.MediaParticipantRequest,
    options: CallOptions | undefined,
    holds: (snapshot: Snapshot) => boolean,
  ): Promise<void> {
    const media = snapshot.media === 'callback' ? 'callbacks' : 'calls';
    await confirmWrite({
      send: (signal) =>
        this.session.http.send<void>({
          method: 'PATCH',
          path: `/api/v2/conversations/${media}/${encodeURIComponent(snapshot.id)}/participants/${encodeURIComponent(participantId)}`,
          body,
          signal,
        }),
      readBack: async (timeoutMs) => {
        const read = await this.session.read(snapshot.media, snapshot.id, { timeoutMs, retries: 0 });
        return !!read && holds(read);
      },
      timeoutMs: this.#timeoutMs,
      signal: options?.signal,
    });
  }

  /** After a write: applies the events unless the conversation's own event already did. */
  #settle(id: string, events: readonly InteractionEvent[], done: (interaction: Interaction) => boolean): Interaction {
    const current = this.#ledger.require(id);
    return done(current) ? current : this.#ledger.apply(id, events);
  }

  /** The wrap-up codes of the agent's participant, read once per offer. */
  #wrapupCodes(id: string, signal?: AbortSignal): Promise<DispositionRef[]> {
    const snapshot = this.#snapshot(id);
    let codes = this.#codes.get(id);
    if (!codes) {
      const media = snapshot.media === 'callback' ? 'callbacks' : 'calls';
      codes = this.session.http
        .send<Models.WrapupCode[]>({
          method: 'GET',
          path: `/api/v2/conversations/${media}/${encodeURIComponent(id)}/participants/${encodeURIComponent(this.#agent(snapshot))}/wrapupcodes`,
          signal,
        })
        .then((list) => (Array.isArray(list) ? list : []).flatMap((c) => (c.id ? [{ code: c.id, label: c.name }] : [])));
      this.#codes.set(id, codes);
      codes.catch(() => this.#codes.delete(id));
    }
    return codes;
  }

  async #knownDisposition(id: string, code: string, signal?: AbortSignal): Promise<DispositionRef> {
    const found = (await this.#wrapupCodes(id, signal)).find((c) => c.code === code);
    if (!found) throw new AdapterError('invalid-input', `"${code}" is not a wrap-up code of this conversation.`);
    return found;
  }

  /** The wrap-up codes of the agent's participant in a conversation: its disposition list. */
  async dispositions(id: string, options?: CallOptions): Promise<DispositionRef[]> {
    throwIfAborted(options?.signal);
    return [...(await this.#wrapupCodes(id, options?.signal))];
  }

  /**
   * A conversation as the service now holds it becomes the interaction's state here. Applying the
   * same state twice changes nothing, so an event heard on two channels, or again in a read after
   * a reconnect, is never doubled.
   */
  #observe(s: Snapshot): void {
    const agent = s.agent;
    if (!agent) return;
    const carried = this.#calls?.interactionOf(s.id);
    if (carried && carried !== s.id) {
      // A call the preview placed: the phone's to follow; kept here for its wrap-up at Mark done.
      this.#snapshots.set(s.id, s);
      return;
    }
    const now = this.session.clock.now();
    const held = this.#ledger.getInteraction(s.id);
    const known = this.#participant.get(s.id);
    const fresh = !held || (isClosed(held.state) && known !== agent.id);
    if (fresh) {
      if (agent.state === 'alerting') {
        // Offered while the service alerts it, whatever this computer's clock says (see offerStart).
        const offer = offerFrom(s, { ...this.#rules, now });
        this.#snapshots.set(s.id, s);
        this.#participant.set(s.id, agent.id);
        this.#codes.delete(s.id);
        // A voice offer is its call: followed on the phone from its first ring.
        const followed = s.media === 'call' && this.#calls;
        if (followed) this.#calls!.link(s.id, s.id);
        this.#ledger.offer(followed ? { ...offer, callId: s.id } : offer, now);
      } else if (agent.state === 'connected' && !held && agent.direction !== 'outbound') {
        // Accepted before this page knew of it (a reload, another window): the agent still has it.
        // (An outbound call is the agent's own, not an offer taken.)
        this.#snapshots.set(s.id, s);
        this.#participant.set(s.id, agent.id);
        this.#ledger.commit(transition(offerFrom(s, { ...this.#rules, now }), { type: 'accept' }, now));
      }
      return;
    }
    if (!held || isClosed(held.state) || known !== agent.id) return;
    this.#snapshots.set(s.id, s);
    const gone = agent.state === 'disconnected' || agent.state === 'terminated';
    // A call followed on the phone: the phone's changes are the call follower's to apply.
    const followed = s.media === 'call' && !!this.#calls;
    if (held.state === 'offered') {
      if (agent.state === 'connected' && !followed) this.#apply(s.id, [{ type: 'accept' }]);
      else if (gone && (!followed || agent.disconnectType === 'timeout')) {
        const type = agent.disconnectType === 'timeout' ? 'expire' : agent.disconnectType === 'client' || this.#closing.has(s.id) ? 'reject' : 'revoke';
        this.#apply(s.id, [{ type }]);
      } else if (s.scheduledTime !== held.desiredTime && s.scheduledTime !== undefined) {
        this.#ledger.commit({ ...held, desiredTime: s.scheduledTime });
      }
      return;
    }
    if (this.#closing.has(s.id)) return;
    if (s.media === 'call') {
      if (!followed) this.#observeCall(s, held);
      return;
    }
    if (agent.state === 'terminated') {
      // Wrapped up elsewhere (the agent's Genesys Cloud window): closed here too.
      this.#apply(s.id, markDoneEvents({}));
      return;
    }
    if (s.scheduledTime !== undefined && s.scheduledTime !== held.desiredTime) {
      this.#ledger.commit({ ...held, desiredTime: s.scheduledTime });
    }
  }

  /** The agent's call as the service reports it: hold, mute and its end. */
  #observeCall(s: Snapshot, held: Interaction): void {
    const agent = s.agent!;
    const events: InteractionEvent[] = [];
    const inCall = held.state === 'connected' || held.state === 'held';
    if (agent.state === 'connected' && inCall && !held.consultation) {
      if (agent.held && held.state === 'connected') events.push({ type: 'hold' });
      if (!agent.held && held.state === 'held') events.push({ type: 'resume' });
      if (agent.muted !== !!held.muted) events.push({ type: 'mute', muted: agent.muted });
    } else if ((agent.state === 'disconnected' || agent.state === 'terminated') && (inCall || held.state === 'dialing')) {
      events.push({ type: 'hang-up', by: agent.disconnectType === 'client' ? 'agent' : 'contact' });
    }
    if (agent.state === 'terminated' && held.state === 'ended') events.push(...markDoneEvents({}));
    this.#apply(s.id, events);
  }

  /**
   * The call the preview dialled is a conversation of its own, which left the agent in after-call
   * work: it gets the same wrap-up (best effort: the callback is done either way).
   */
  #wrapUpCalls(interaction: Interaction, wrapup: Models.WrapupInput | undefined): void {
    const call = interaction.callId && interaction.callId !== interaction.id ? this.#snapshots.get(interaction.callId) : undefined;
    const agent = call?.agent;
    if (!call || call.media !== 'call' || !agent || agent.state !== 'disconnected') return;
    const body: Models.MediaParticipantRequest = wrapup ? { wrapup } : { wrapupSkipped: true };
    void this.#patchParticipant(call, agent.id, body, undefined, (s) => s.agent?.id !== agent.id || s.agent.state === 'terminated').catch(() => undefined);
  }

  /** Applies what still applies (an event heard twice, or already applied by a command, is skipped). */
  #apply(id: string, events: readonly InteractionEvent[]): void {
    const interaction = this.#ledger.getInteraction(id);
    if (!interaction) return;
    const kept = applicable(interaction, events, this.session.clock.now());
    if (kept.length) this.#ledger.apply(id, kept);
  }

  /** A closed interaction the ledger forgot: so is what was kept for it. */
  #forget(interaction: Interaction): void {
    const { id, callId } = interaction;
    if (callId) this.#snapshots.delete(callId);
    this.#snapshots.delete(id);
    this.#participant.delete(id);
    this.#codes.delete(id);
    this.#calls?.forget(interaction);
  }

  /** After a full read: an offer the service no longer lists was taken back while nobody listened. */
  #afterReread(listed: ReadonlySet<string>): void {
    for (const interaction of this.#ledger.listInteractions()) {
      if (listed.has(interaction.id) || interaction.state !== 'offered' || this.#closing.has(interaction.id)) continue;
      const expired = interaction.offer.expiresAt <= this.session.clock.now();
      this.#apply(interaction.id, [{ type: expired ? 'expire' : 'revoke' }]);
    }
  }

  #routingEvent(status: string | undefined, startTime: string | undefined): void {
    if (!status) return;
    const since = startTime ? Date.parse(startTime) : NaN;
    // An event older than (or as old as) what this adapter set is the echo of an earlier change.
    if (!Number.isNaN(since)) {
      if (since <= this.#routingSince) return;
      this.#routingSince = since;
    }
    const onQueue = status !== OFF_QUEUE;
    if (onQueue === this.#onQueue) return;
    this.#onQueue = onQueue;
    this.#publishReady();
  }
}
