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
import { systemClock, type Clock } from '../../model/clock.js';
import type { AvailabilitySlot, Channel, DispositionNode, DispositionRef, Interaction } from '../../model/interaction.js';
import { isClosed, type InteractionEvent } from '../../model/state-machine.js';
import { findDisposition, validatePhoneNumber, validateRescheduleTime } from '../../model/validation.js';
import { DEFAULT_MAPPING, interactionFromData, type CallbackDataMapping } from './callback-data.js';
import {
  DEFAULT_BUCKET_MINUTES,
  DEFAULT_OFFER_TIMEOUT_MS,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type GmsCallbackAdapterOptions,
} from './config.js';
import { LocalDesk } from '../local-desk.js';
import { GmsHttpClient } from './http.js';
import {
  interactionFromRecord,
  slotsFromAvailability,
  toWireTime,
  type GmsCallbackRecord,
} from './records.js';

export interface CreateCallbackRequest {
  number: string;
  /** Epoch ms; absent = as soon as possible. */
  desiredTime?: number;
  /** Custom keys (form data) stored with the callback. */
  data?: Readonly<Record<string, string>>;
}

/**
 * A `CallbackAdapter` for Genesys Mobile Services.
 *
 * GMS does not push offers to agents: a voice callback reaches the agent through the telephony,
 * carrying the callback data. The host (or the telephony adapter's `onCall`) hands that data to
 * {@link GmsCallbackAdapter.ingest}, which publishes the offer. Accept, reject, disposition,
 * notes, Mark done and ready state are the agent desktop's business, not GMS's: they are applied
 * locally through the model's `transition()`. Reschedule (PUT), availability (GET), duplicate
 * look-up (GET), create (POST) and cancel (DELETE) talk to GMS.
 *
 * `reject()` does not cancel the callback: it declines the offer, and routing gives it to another
 * agent. Cancelling the customer's request is {@link GmsCallbackAdapter.cancel} (DELETE).
 */
export class GmsCallbackAdapter implements CallbackAdapter {
  readonly callbackCapabilities: CallbackCapabilities = { reschedule: true, availability: true, duplicateLookup: true };

  readonly #options: GmsCallbackAdapterOptions;
  readonly #http: GmsHttpClient;
  readonly #clock: Clock;
  readonly #mapping: CallbackDataMapping;
  readonly #bucketMs: number;
  readonly #desk: LocalDesk;

  constructor(options: GmsCallbackAdapterOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#mapping = { ...DEFAULT_MAPPING, ...options.mapping };
    this.#bucketMs = (options.bucketMinutes ?? DEFAULT_BUCKET_MINUTES) * 60_000;
    this.#desk = new LocalDesk({ clock: this.#clock, readyState: 'not-ready' });
    this.#http = new GmsHttpClient({
      baseUrl: options.baseUrl,
      headers: options.headers ?? {},
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      bucketMs: this.#bucketMs,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    });
  }

  get #service(): string {
    return encodeURIComponent(this.#options.service);
  }

  /** GMS service ids are unique per GMS and callback service. */
  get workScope(): string {
    return `gms:${this.#options.baseUrl}|${this.#options.service}`;
  }

  // ---- offers ----

  /**
   * Data attached to a callback call (SIP headers, user data) becomes an offered interaction,
   * published to `onOffer` and `onInteraction`. The same callback offered again while it is still
   * with the agent is returned as it is. Rejects data without a callback id with `invalid-input`.
   */
  ingest(data: Readonly<Record<string, string>>): Interaction {
    const now = this.#clock.now();
    const result = interactionFromData(data, this.#mapping, {
      now,
      offerTimeoutMs: this.#options.offerTimeoutMs ?? DEFAULT_OFFER_TIMEOUT_MS,
      canRejectByDefault: this.#options.canRejectByDefault ?? true,
    });
    if (typeof result === 'string') throw new AdapterError('invalid-input', `Not a GMS callback: ${result}.`);
    const held = this.#desk.openInteraction(result.id);
    if (held) return held;
    this.#desk.offer(result, now);
    return result;
  }

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

  // ---- the agent's answers (local) ----

  accept(id: string, options?: CallOptions): Promise<Interaction> {
    return this.#local(id, options, () => this.#desk.apply(id, [{ type: 'accept' }]));
  }

  reject(id: string, options?: CallOptions): Promise<Interaction> {
    return this.#local(id, options, (interaction) => {
      if (interaction.state === 'offered' && !interaction.offer.canReject) {
        throw new AdapterError('not-permitted', 'This callback may not be rejected.');
      }
      return this.#desk.apply(id, [{ type: 'reject' }]);
    });
  }

  setDisposition(id: string, disposition: DispositionRef, options?: CallOptions): Promise<Interaction> {
    return this.#local(id, options, () =>
      this.#desk.apply(id, [{ type: 'disposition', disposition: this.#knownDisposition(disposition.code) }]),
    );
  }

  addNote(id: string, text: string, options?: CallOptions): Promise<Interaction> {
    return this.#local(id, options, () => {
      if (!text.trim()) throw new AdapterError('invalid-input', 'A note cannot be empty.');
      return this.#desk.apply(id, [{ type: 'note', text }]);
    });
  }

  markDone(id: string, request: MarkDoneRequest = {}, options?: CallOptions): Promise<Interaction> {
    return this.#local(id, options, () =>
      this.#desk.markDone(id, request, {
        known: (disposition) => this.#knownDisposition(disposition.code),
        mandatory: !!this.#options.dispositionMandatory,
      }),
    );
  }

  getReadyState(channel: Channel): AgentReadyState {
    return this.#desk.getReadyState(channel);
  }

  async setReadyState(channel: Channel, state: AgentReadyState, options?: CallOptions): Promise<void> {
    await Promise.resolve();
    throwIfAborted(options?.signal);
    this.#desk.setReadyState(channel, state);
  }

  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    return this.#desk.onReadyState(listener);
  }

  // ---- GMS ----

  /** `PUT .../{service}/{id}` with `_new_desired_time` (UTC) and, when given, `_customer_number`. */
  async reschedule(id: string, request: RescheduleRequest, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const event: InteractionEvent = {
      type: 'reschedule',
      time: request.time,
      ...(request.reason ? { reason: request.reason } : {}),
    };
    this.#desk.check(id, event);
    const time = validateRescheduleTime(request.time, { now: this.#clock.now() });
    if (!time.ok) throw new AdapterError('invalid-input', time.message, { detail: { validation: time.code } });
    let number: string | undefined;
    if (request.number !== undefined) {
      const checked = await validatePhoneNumber(request.number);
      if (!checked.ok) throw new AdapterError('invalid-input', checked.message, { detail: { validation: checked.code } });
      number = checked.value.e164;
    }
    await this.#http.send({
      method: 'PUT',
      path: `/genesys/1/service/callback/${this.#service}/${encodeURIComponent(id)}`,
      body: { _new_desired_time: toWireTime(time.value), ...(number ? { _customer_number: number } : {}) },
      signal: options?.signal,
    });
    // The interaction may have moved on while GMS answered: apply the change to its current value.
    return this.#desk.apply(id, [{ ...event, ...(number ? { number } : {}) }]);
  }

  /** `GET .../{service}/availability` (v1), or `/genesys/2/...` with `timezone` when one is configured or asked for. */
  async availability(_id: string, query: AvailabilityQuery, options?: CallOptions): Promise<AvailabilitySlot[]> {
    throwIfAborted(options?.signal);
    if (!Number.isFinite(query.from) || !Number.isFinite(query.to) || query.to <= query.from) {
      throw new AdapterError('invalid-input', 'The availability range is empty.');
    }
    const timeZone = query.timeZone ?? this.#options.timeZone;
    const map = await this.#http.send<Record<string, number>>({
      method: 'GET',
      path: `/genesys/${timeZone ? 2 : 1}/service/callback/${this.#service}/availability`,
      query: { start: toWireTime(query.from), end: toWireTime(query.to), ...(timeZone ? { timezone: timeZone } : {}) },
      signal: options?.signal,
    });
    return slotsFromAvailability(map ?? {}, this.#bucketMs).filter((s) => s.end > query.from && s.start < query.to);
  }

  /**
   * `GET .../{service}?_customer_number=...&_callback_state=!COMPLETED`. Callbacks this agent
   * holds come back as they are here; ones closed here (done, rejected...) are left out even when
   * GMS has not completed them yet.
   */
  async findOpenByNumber(number: string, options?: CallOptions): Promise<Interaction[]> {
    throwIfAborted(options?.signal);
    const checked = await validatePhoneNumber(number);
    const records = await this.#http.send<GmsCallbackRecord[]>({
      method: 'GET',
      path: `/genesys/1/service/callback/${this.#service}`,
      query: { _customer_number: checked.ok ? checked.value.e164 : number.trim(), _callback_state: '!COMPLETED' },
      signal: options?.signal,
    });
    const now = this.#clock.now();
    const found: Interaction[] = [];
    for (const record of Array.isArray(records) ? records : []) {
      const held = this.#desk.getInteraction(record._id);
      if (held && isClosed(held.state)) continue;
      found.push(held ?? interactionFromRecord(record, now));
    }
    return found;
  }

  /** `GET /genesys/1/service/callback?_id=...`: the callback as GMS holds it; `not-found` when it has none. */
  async findById(id: string, options?: CallOptions): Promise<GmsCallbackRecord> {
    const records = await this.#http.send<GmsCallbackRecord[]>({
      method: 'GET',
      path: '/genesys/1/service/callback',
      query: { _id: id },
      signal: options?.signal,
    });
    const record = Array.isArray(records) ? records.find((r) => r._id === id) : undefined;
    if (!record) throw new AdapterError('not-found', `GMS has no callback ${id}.`);
    return record;
  }

  /** `POST .../{service}`: a new callback request (never sent twice). Resolves with its id. */
  async create(request: CreateCallbackRequest, options?: CallOptions): Promise<string> {
    throwIfAborted(options?.signal);
    const reply = await this.#http.send<{ _id?: string }>({
      method: 'POST',
      path: `/genesys/1/service/callback/${this.#service}`,
      body: {
        ...request.data,
        _customer_number: request.number,
        ...(request.desiredTime === undefined ? {} : { _desired_time: toWireTime(request.desiredTime) }),
      },
      signal: options?.signal,
    });
    if (!reply?._id) throw new AdapterError('unknown', 'GMS created the callback but sent no id.');
    return reply._id;
  }

  /**
   * `DELETE .../{service}/{id}`: cancels the customer's callback request. An offer of it still
   * with the agent is revoked; an accepted one stays with the agent until Mark done.
   */
  async cancel(id: string, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    await this.#http.send({
      method: 'DELETE',
      path: `/genesys/1/service/callback/${this.#service}/${encodeURIComponent(id)}`,
      signal: options?.signal,
    });
    if (this.#desk.getInteraction(id)?.state === 'offered') this.#desk.apply(id, [{ type: 'revoke' }]);
  }

  /** Stops offer timers and forgets listeners. */
  dispose(): void {
    this.#desk.stopOfferTimers();
    this.#desk.clearListeners();
  }

  // ---- internals ----

  /** Local commands still answer asynchronously, like every adapter, and honour an abort until then. */
  async #local(id: string, options: CallOptions | undefined, run: (interaction: Interaction) => Interaction): Promise<Interaction> {
    throwIfAborted(options?.signal);
    await Promise.resolve();
    throwIfAborted(options?.signal);
    return run(this.#desk.require(id));
  }

  #knownDisposition(code: string): DispositionRef {
    const found = findDisposition(this.#options.dispositionCodes ?? ([] as readonly DispositionNode[]), code);
    if (!found) throw new AdapterError('invalid-input', `"${code}" is not a known disposition code.`);
    return found;
  }
}
