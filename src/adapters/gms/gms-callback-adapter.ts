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
import type { Policy } from '../../model/actions.js';
import { systemClock, type Clock } from '../../model/clock.js';
import type { AvailabilitySlot, Channel, DispositionNode, DispositionRef, Interaction } from '../../model/interaction.js';
import { isClosed, type InteractionEvent } from '../../model/state-machine.js';
import { findDisposition, validatePhoneNumber, validateRescheduleTime } from '../../model/validation.js';
import { DEFAULT_MAPPING, interactionFromData, REQUEST_ID_KEY, type CallbackDataMapping } from './callback-data.js';
import {
  DEFAULT_BUCKET_MINUTES,
  DEFAULT_OFFER_TIMEOUT_MS,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_WRITE_DEADLINE_MS,
  type GmsCallbackAdapterOptions,
} from './config.js';
import { CallFollower } from '../call-follower.js';
import { InteractionLedger } from '../interaction-ledger.js';
import { ConfirmedWrites } from './confirmed-writes.js';
import { GmsHttpClient } from './http.js';
import {
  fromWireTime,
  interactionFromRecord,
  slotsFromAvailability,
  toWireTime,
  type GmsCallbackRecord,
} from './records.js';

/** Whether two numbers are the same once formatting is gone (GMS stores them as typed, less spaces). */
function sameNumber(a: string | undefined, b: string): boolean {
  return (a ?? '').replace(/\D/g, '') === b.replace(/\D/g, '');
}

/** A create request's own token (128 random bits, hex); works outside secure contexts too. */
function requestToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface CreateCallbackRequest {
  number: string;
  /** Epoch ms; absent = as soon as possible. */
  desiredTime?: number;
  /** Custom keys (form data) stored with the callback. */
  data?: Readonly<Record<string, string>>;
}

export interface IngestOptions {
  /**
   * The telephony call that carries this callback (the routed call the data came with). With the
   * adapter's `telephony`, Accept answers it, Reject declines it and its changes reach the
   * interaction; End call and the other call actions act on it.
   */
  callId?: string;
}

/**
 * A `CallbackAdapter` for Genesys Mobile Services.
 *
 * GMS does not push offers to agents: a voice callback reaches the agent through the telephony,
 * carrying the callback data. The host (or the telephony adapter's `onCall`) hands that data to
 * {@link GmsCallbackAdapter.ingest}, which publishes the offer; given the `telephony` option, the
 * adapter follows that phone's calls itself, offers the ringing calls that carry callback data and
 * keeps each interaction's state with its call's (see {@link GmsCallbackAdapterOptions.telephony}).
 * Accept, reject, disposition,
 * notes, Mark done and ready state are the agent desktop's business, not GMS's: they are applied
 * locally through the model's `transition()`. Reschedule (PUT), availability (GET), duplicate
 * look-up (GET), create (POST) and cancel (DELETE) talk to GMS.
 *
 * `reject()` does not cancel the callback: it declines the offer, and routing gives it to another
 * agent. Cancelling the customer's request is {@link GmsCallbackAdapter.cancel} (DELETE).
 *
 * Writes (create, reschedule, cancel) are sent once and never again by themselves. When GMS's
 * answer is late, lost or a bare 5xx, the callback is read back before anything is reported: the
 * change found there is a success (applied here as one), a change not found rejects with the
 * original error, and a read-back that fails too rejects with `unconfirmed`. The caller is answered
 * within 2 × `timeoutMs`, read-backs included (16 s by default, under the elements' 30 s
 * `actionTimeoutMs`). The same request asked again while one is in flight (a double-click) joins
 * it; the agent's last choice of reason is the one recorded. See {@link ConfirmedWrites}.
 */
export class GmsCallbackAdapter implements CallbackAdapter {
  readonly callbackCapabilities: CallbackCapabilities = { reschedule: true, availability: true, duplicateLookup: true };

  readonly #options: GmsCallbackAdapterOptions;
  readonly #policy: Readonly<Partial<Policy>>;
  readonly #http: GmsHttpClient;
  readonly #clock: Clock;
  readonly #mapping: CallbackDataMapping;
  readonly #bucketMs: number;
  readonly #ledger: InteractionLedger;
  readonly #writes: ConfirmedWrites;
  readonly #writeDeadlineMs: number;
  /** The `telephony` option's calls, followed. */
  readonly #calls: CallFollower | undefined;

  constructor(options: GmsCallbackAdapterOptions) {
    this.#options = options;
    this.#policy = Object.freeze({ dispositionMandatory: !!options.dispositionMandatory });
    this.#clock = options.clock ?? systemClock;
    this.#mapping = { ...DEFAULT_MAPPING, ...options.mapping };
    this.#bucketMs = (options.bucketMinutes ?? DEFAULT_BUCKET_MINUTES) * 60_000;
    this.#ledger = new InteractionLedger({
      clock: this.#clock,
      readyState: 'not-ready',
      onExpired: (interaction) => this.#calls?.expired(interaction),
      onForget: (interaction) => this.#calls?.forget(interaction),
    });
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#writes = new ConfirmedWrites(timeoutMs);
    this.#writeDeadlineMs = Math.max(timeoutMs, options.writeDeadlineMs ?? DEFAULT_WRITE_DEADLINE_MS);
    this.#http = new GmsHttpClient({
      baseUrl: options.baseUrl,
      headers: options.headers ?? {},
      timeoutMs,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      bucketMs: this.#bucketMs,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    });
    this.#calls =
      options.telephony &&
      new CallFollower({
        telephony: options.telephony,
        ledger: this.#ledger,
        clock: this.#clock,
        mapping: this.#mapping,
        offerTimeoutMs: options.offerTimeoutMs ?? DEFAULT_OFFER_TIMEOUT_MS,
        canRejectByDefault: options.canRejectByDefault ?? true,
      });
  }

  get #service(): string {
    return encodeURIComponent(this.#options.service);
  }

  /** GMS service ids are unique per GMS and callback service. */
  get workScope(): string {
    return `gms:${this.#options.baseUrl}|${this.#options.service}`;
  }

  /**
   * The rule this adapter enforces from its configuration: `dispositionMandatory`. Whether an
   * offer may be rejected is the callback's own (`_agent_preview_allow_reject`, else
   * `canRejectByDefault`) and arrives as the offer's `canReject`, not as a policy for every offer.
   */
  get policy(): Readonly<Partial<Policy>> {
    return this.#policy;
  }

  // ---- offers ----

  /**
   * Data attached to a callback call (SIP headers, user data) becomes an offered interaction,
   * published to `onOffer` and `onInteraction`. The same callback offered again while it is still
   * with the agent is returned as it is. Rejects data without a callback id with `invalid-input`.
   * `callId` links the telephony call that carries it (done by itself with the `telephony` option).
   */
  ingest(data: Readonly<Record<string, string>>, options: IngestOptions = {}): Interaction {
    const now = this.#clock.now();
    const result = interactionFromData(data, this.#mapping, {
      now,
      offerTimeoutMs: this.#options.offerTimeoutMs ?? DEFAULT_OFFER_TIMEOUT_MS,
      canRejectByDefault: this.#options.canRejectByDefault ?? true,
    });
    if (typeof result === 'string') throw new AdapterError('invalid-input', `Not a GMS callback: ${result}.`);
    const held = this.#ledger.openInteraction(result.id);
    if (held) return held;
    const { callId } = options;
    const interaction: Interaction = callId ? { ...result, callId } : result;
    if (callId) this.#calls?.link(callId, interaction.id);
    this.#ledger.offer(interaction, now);
    return interaction;
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

  // ---- the agent's answers (local) ----

  /** With the `telephony` option, answers the ringing call that carries the callback first. */
  async accept(id: string, options?: CallOptions): Promise<Interaction> {
    const callId = this.#calls?.ringing(id);
    if (callId) return this.#calls!.accept(id, callId, options);
    return this.#local(id, options, () => this.#ledger.apply(id, [{ type: 'accept' }]));
  }

  /** With the `telephony` option, declines the ringing call that carries the callback. */
  async reject(id: string, options?: CallOptions): Promise<Interaction> {
    const callId = this.#calls?.ringing(id);
    if (callId) return this.#calls!.reject(id, callId, options);
    return this.#local(id, options, (interaction) => {
      if (interaction.state === 'offered' && !interaction.offer.canReject) {
        throw new AdapterError('not-permitted', 'This callback may not be rejected.');
      }
      return this.#ledger.apply(id, [{ type: 'reject' }]);
    });
  }

  setDisposition(id: string, disposition: DispositionRef, options?: CallOptions): Promise<Interaction> {
    return this.#local(id, options, () =>
      this.#ledger.apply(id, [{ type: 'disposition', disposition: this.#knownDisposition(disposition.code) }]),
    );
  }

  addNote(id: string, text: string, options?: CallOptions): Promise<Interaction> {
    return this.#local(id, options, () => {
      if (!text.trim()) throw new AdapterError('invalid-input', 'A note cannot be empty.');
      return this.#ledger.apply(id, [{ type: 'note', text }]);
    });
  }

  markDone(id: string, request: MarkDoneRequest = {}, options?: CallOptions): Promise<Interaction> {
    return this.#local(id, options, () =>
      this.#ledger.markDone(id, request, {
        known: (disposition) => this.#knownDisposition(disposition.code),
        mandatory: !!this.#policy.dispositionMandatory,
      }),
    );
  }

  getReadyState(channel: Channel): AgentReadyState {
    return this.#ledger.getReadyState(channel);
  }

  async setReadyState(channel: Channel, state: AgentReadyState, options?: CallOptions): Promise<void> {
    await Promise.resolve();
    throwIfAborted(options?.signal);
    this.#ledger.setReadyState(channel, state);
  }

  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    return this.#ledger.onReadyState(listener);
  }

  // ---- GMS ----

  /**
   * `PUT .../{service}/{id}` with `_new_desired_time` (UTC) and, when given, `_customer_number`.
   * Once sent, the signal stops the waiting, not the change: its outcome still reaches
   * `onInteraction`.
   */
  reschedule(id: string, request: RescheduleRequest, options?: CallOptions): Promise<Interaction> {
    return this.#reschedule(id, request, options, (event) => this.#ledger.check(id, event), (event) => this.#ledger.apply(id, [event]));
  }

  /**
   * The same PUT for a callback whose interaction another adapter holds (a `PhoneCallbackAdapter`
   * given this adapter as its `scheduler`): checked, sent and reconciled as
   * {@link GmsCallbackAdapter.reschedule}; resolves with the time and the number (E.164) GMS now holds.
   */
  rescheduleCallback(id: string, request: RescheduleRequest, options?: CallOptions): Promise<{ time: number; number?: string }> {
    return this.#reschedule(id, request, options, () => undefined, ({ time, number }) => ({ time, ...(number ? { number } : {}) }));
  }

  async #reschedule<T>(
    id: string,
    request: RescheduleRequest,
    options: CallOptions | undefined,
    check: (event: InteractionEvent) => void,
    apply: (event: Extract<InteractionEvent, { type: 'reschedule' }>) => T,
  ): Promise<T> {
    throwIfAborted(options?.signal);
    const event = {
      type: 'reschedule' as const,
      time: request.time,
      ...(request.reason ? { reason: request.reason } : {}),
    };
    check(event);
    const time = validateRescheduleTime(request.time, { now: this.#clock.now() });
    if (!time.ok) throw new AdapterError('invalid-input', time.message, { detail: { validation: time.code } });
    let number: string | undefined;
    if (request.number !== undefined) {
      const checked = await validatePhoneNumber(request.number);
      if (!checked.ok) throw new AdapterError('invalid-input', checked.message, { detail: { validation: checked.code } });
      number = checked.value.e164;
    }
    const body = { _new_desired_time: toWireTime(time.value), ...(number ? { _customer_number: number } : {}) };
    return this.#writes.run(
      {
        key: `callback:${id}`,
        signature: JSON.stringify(['PUT', body]),
        // The reason is not sent: the same PUT with another reason joins it and records that reason.
        local: JSON.stringify(request.reason ?? null),
        send: (signal) =>
          this.#http.send({
            method: 'PUT',
            path: `/genesys/1/service/callback/${this.#service}/${encodeURIComponent(id)}`,
            body,
            signal,
            timeoutMs: this.#writeDeadlineMs,
          }),
        readBack: async (timeoutMs) => {
          const record = await this.#readBack(id, timeoutMs);
          const holds =
            !!record &&
            record._callback_state !== 'COMPLETED' &&
            fromWireTime(record._desired_time) === time.value &&
            (number === undefined || sameNumber(record._customer_number, number));
          return holds ? {} : undefined;
        },
        // The interaction may have moved on while GMS answered: apply the change to its current value.
        confirm: () => apply({ ...event, ...(number ? { number } : {}) }),
      },
      options?.signal,
    );
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
      const held = this.#ledger.getInteraction(record._id);
      if (held && isClosed(held.state)) continue;
      found.push(held ?? interactionFromRecord(record, now));
    }
    return found;
  }

  /** `GET /genesys/1/service/callback?_id=...`: the callback as GMS holds it; `not-found` when it has none. */
  async findById(id: string, options?: CallOptions): Promise<GmsCallbackRecord> {
    const record = await this.#record(id, options?.signal);
    if (!record) throw new AdapterError('not-found', `GMS has no callback ${id}.`);
    return record;
  }

  /**
   * `POST .../{service}`: a new callback request, never sent twice (the same request while one is
   * in flight joins it). Resolves with its id. The request carries a token of its own as the custom
   * key `cb_request_id` (no leading `_`: GMS keeps those for itself), so that when the answer is
   * lost the callback it created is found by that token, never taken for one the IVR or a web form
   * created for the same customer meanwhile. A new callback without the token (GMS not returning
   * custom keys) cannot be told apart: `unconfirmed`. The customer's open callbacks are listed
   * first, so older ones are not mistaken for such a callback.
   */
  async create(request: CreateCallbackRequest, options?: CallOptions): Promise<string> {
    throwIfAborted(options?.signal);
    const body: Record<string, string> = {
      ...request.data,
      _customer_number: request.number,
      ...(request.desiredTime === undefined ? {} : { _desired_time: toWireTime(request.desiredTime) }),
    };
    // The request as a caller asked for it is the join key; the token is the first caller's.
    const token = requestToken();
    let before: ReadonlySet<string> | undefined;
    return this.#writes.run(
      {
        key: `create:${JSON.stringify(body)}`,
        signature: JSON.stringify(['POST', body]),
        prepare: async (signal, timeoutMs) => {
          const open = await this.#openRecords(request.number, { signal, retries: 0, timeoutMs });
          before = new Set(open.map((r) => r._id));
        },
        send: (signal) =>
          this.#http.send<{ _id?: string }>({
            method: 'POST',
            path: `/genesys/1/service/callback/${this.#service}`,
            body: { ...body, [REQUEST_ID_KEY]: token },
            signal,
            timeoutMs: this.#writeDeadlineMs,
          }),
        readBack: async (timeoutMs) => {
          const open = await this.#openRecords(request.number, { retries: 0, timeoutMs });
          const created = open.find((r) => r[REQUEST_ID_KEY] === token);
          if (created) return { _id: created._id };
          const untold = open.filter(
            (r) =>
              r[REQUEST_ID_KEY] === undefined &&
              !before?.has(r._id) &&
              sameNumber(r._customer_number, request.number) &&
              (request.desiredTime === undefined || fromWireTime(r._desired_time) === request.desiredTime),
          );
          if (untold.length) throw new AdapterError('unknown', `A new callback for this number carries no ${REQUEST_ID_KEY}: whether it is this request's is not known.`);
          return undefined;
        },
        confirm: (reply) => {
          if (!reply?._id) throw new AdapterError('unknown', 'GMS created the callback but sent no id.');
          return reply._id;
        },
      },
      options?.signal,
    );
  }

  /**
   * `DELETE .../{service}/{id}`: cancels the customer's callback request. An offer of it still
   * with the agent is revoked; an accepted one stays with the agent until Mark done.
   */
  async cancel(id: string, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    await this.#writes.run(
      {
        key: `callback:${id}`,
        signature: 'DELETE',
        send: (signal) =>
          this.#http.send({
            method: 'DELETE',
            path: `/genesys/1/service/callback/${this.#service}/${encodeURIComponent(id)}`,
            signal,
            timeoutMs: this.#writeDeadlineMs,
          }),
        readBack: async (timeoutMs) => {
          const record = await this.#readBack(id, timeoutMs);
          return record?._callback_state === 'COMPLETED' && record._callback_reason === 'CANCELLED' ? {} : undefined;
        },
        confirm: () => {
          if (this.#ledger.getInteraction(id)?.state === 'offered') this.#ledger.apply(id, [{ type: 'revoke' }]);
        },
      },
      options?.signal,
    );
  }

  /** Stops offer timers, forgets listeners, stops following the phone and waiting for writes in flight. */
  dispose(): void {
    this.#calls?.dispose();
    this.#ledger.stopOfferTimers();
    this.#ledger.clearListeners();
    this.#writes.dispose();
  }

  // ---- internals ----

  /** `GET /genesys/1/service/callback?_id=...`: the record, or undefined when GMS has none. */
  async #record(id: string, signal?: AbortSignal, retries?: number, timeoutMs?: number): Promise<GmsCallbackRecord | undefined> {
    const records = await this.#http.send<GmsCallbackRecord[]>({
      method: 'GET',
      path: '/genesys/1/service/callback',
      query: { _id: id },
      signal,
      ...(retries === undefined ? {} : { retries }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    return Array.isArray(records) ? records.find((r) => r._id === id) : undefined;
  }

  /** After a write's answer was lost: no retry here, the write's caller reads again when it must. */
  #readBack(id: string, timeoutMs: number): Promise<GmsCallbackRecord | undefined> {
    return this.#record(id, undefined, 0, timeoutMs);
  }

  /** The customer's callbacks GMS has not completed. */
  async #openRecords(
    number: string,
    options: { signal?: AbortSignal; retries?: number; timeoutMs?: number } = {},
  ): Promise<GmsCallbackRecord[]> {
    const records = await this.#http.send<GmsCallbackRecord[]>({
      method: 'GET',
      path: `/genesys/1/service/callback/${this.#service}`,
      query: { _customer_number: number.trim(), _callback_state: '!COMPLETED' },
      signal: options.signal,
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    return Array.isArray(records) ? records : [];
  }

  /** Local commands still answer asynchronously, like every adapter, and honour an abort until then. */
  async #local(id: string, options: CallOptions | undefined, run: (interaction: Interaction) => Interaction): Promise<Interaction> {
    throwIfAborted(options?.signal);
    await Promise.resolve();
    throwIfAborted(options?.signal);
    return run(this.#ledger.require(id));
  }

  #knownDisposition(code: string): DispositionRef {
    const found = findDisposition(this.#options.dispositionCodes ?? ([] as readonly DispositionNode[]), code);
    if (!found) throw new AdapterError('invalid-input', `"${code}" is not a known disposition code.`);
    return found;
  }
}
