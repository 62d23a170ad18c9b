import type { Models } from 'purecloud-platform-client-v2';
import type { CallOptions } from '../callback-adapter.js';
import { Emitter } from '../emitter.js';
import { DEFAULT_FORGET_CLOSED_AFTER_MS, Retention } from '../retention.js';
import { AdapterError, throwIfAborted, type Unsubscribe } from '../errors.js';
import type { CallInfo, DialRequest, DtmfOptions, RegistrationStatus, TelephonyAdapter, TelephonyCapabilities } from '../telephony-adapter.js';
import type { DialResult, TargetRef } from '../../model/interaction.js';
import { validateDtmf, validatePhoneNumber } from '../../model/validation.js';
import { DEFAULTS, type GenesysCloudOptions } from './config.js';
import type { Party, Snapshot } from './conversations.js';
import { GenesysCloudSession } from './session.js';

export interface GenesysCloudTelephonyOptions extends GenesysCloudOptions {
  /** A session shared with the callback and directory adapters; one is made from the options otherwise. */
  session?: GenesysCloudSession;
  /** The queue outbound calls are placed from (its caller id and outbound settings). */
  callFromQueueId?: string;
}

/** A consultation is a leg of the customer's conversation: its call id joins the two ids. */
const CONSULT = '~';
const consultId = (conversationId: string, participantId: string) => `${conversationId}${CONSULT}${participantId}`;

const ENDED = new Set(['disconnected', 'terminated']);
const RINGING = new Set(['dialing', 'contacting', 'alerting', 'offering']);

function dialResultOf(party: Party | undefined): DialResult {
  if (!party) return 'error';
  if (party.disconnectType === 'timeout' || party.disconnectType === 'noAnswerTransfer') return 'no-answer';
  if (/busy/i.test(party.errorCode ?? '')) return 'busy';
  if (party.disconnectType === 'peer' || party.disconnectType === 'endpoint') return 'cancelled';
  return 'error';
}

/**
 * Call control of the agent's Genesys Cloud calls through the Platform API. The audio stays in the
 * agent's Genesys Cloud phone (the WebRTC softphone in Genesys Cloud's own window, or a desk phone):
 * this adapter changes the agent's call participant (answer, hold, mute, disconnect), sends DTMF,
 * transfers with `replace`, consults with `…/consult` (the consultation is a leg of the same
 * conversation, its call id `<conversation>~<participant>`) and conferences by adding participants.
 *
 * Each command resolves when the conversation, as the notification channel (or a read, when the
 * event is late) reports it, shows its result.
 */
export class GenesysCloudTelephonyAdapter implements TelephonyAdapter {
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
    leaveConference: true,
  };
  readonly session: GenesysCloudSession;

  readonly #options: GenesysCloudTelephonyOptions;
  readonly #timeoutMs: number;
  readonly #calls = new Map<string, CallInfo>();
  readonly #snapshots = new Map<string, Snapshot>();
  /** Conversation id → the consultation legs seen in it. */
  readonly #legs = new Map<string, Set<string>>();
  /** Interaction ids of the calls dialled for one (the preview's Call). */
  readonly #interactionOf = new Map<string, string>();
  readonly #callChanges = new Emitter<[CallInfo]>();
  readonly #statuses = new Emitter<[RegistrationStatus]>();
  readonly #waits = new Set<() => void>();
  readonly #stops: Unsubscribe[] = [];
  /** Ended calls are forgotten a while after (a shift of calls must not all stay in memory). */
  readonly #retention: Retention;
  #status: RegistrationStatus = 'offline';

  constructor(options: GenesysCloudTelephonyOptions) {
    this.#options = options;
    this.session = options.session ?? new GenesysCloudSession(options);
    this.#timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.#retention = new Retention(this.session.clock, DEFAULT_FORGET_CLOSED_AFTER_MS, (id) => this.#forget(id));
    this.#stops.push(
      this.session.onConversation((snapshot) => {
        if (snapshot.media === 'call') this.#observe(snapshot);
      }),
      this.session.onNotificationStatus((status) => {
        if (this.#status === 'offline') return;
        this.#setStatus(status === 'online' ? 'registered' : status === 'reconnecting' ? 'reconnecting' : this.#status);
      }),
    );
  }

  status(): RegistrationStatus {
    return this.#status;
  }

  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe {
    return this.#statuses.on(listener);
  }

  /** Connects the session (notification channel, a read of the agent's calls). */
  async register(options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    this.#setStatus('connecting');
    try {
      await this.session.start();
    } catch (error) {
      this.#setStatus('failed');
      throw AdapterError.from(error);
    }
    this.#setStatus('registered');
  }

  /**
   * Stops following calls here. The agent's Genesys Cloud phone and the session stay as they are
   * (a session shared with the callback adapter keeps its channel).
   */
  async unregister(options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    this.#setStatus('offline');
  }

  onCall(listener: (call: CallInfo) => void): Unsubscribe {
    return this.#callChanges.on(listener);
  }

  getCall(id: string): CallInfo | undefined {
    return this.#calls.get(id);
  }

  async answer(callId: string, options?: CallOptions): Promise<CallInfo> {
    const { snapshot, agent } = this.#main(callId, options, ['ringing']);
    await this.#patch(snapshot, agent.id, { state: 'connected' }, options);
    return this.#until(callId, (c) => c.state !== 'ringing', options);
  }

  async decline(callId: string, options?: CallOptions): Promise<void> {
    const { snapshot, agent } = this.#main(callId, options, ['ringing']);
    await this.#patch(snapshot, agent.id, { state: 'disconnected' }, options);
    await this.#until(callId, (c) => c.state === 'ended', options);
  }

  /** `POST /api/v2/conversations/calls` `{ phoneNumber }`: the agent's phone calls the number. */
  async dial(request: DialRequest, options?: CallOptions): Promise<CallInfo> {
    throwIfAborted(options?.signal);
    const checked = await validatePhoneNumber(request.number);
    if (!checked.ok) throw new AdapterError('invalid-input', checked.message, { detail: { validation: checked.code } });
    const body: Models.CreateCallRequest = {
      phoneNumber: checked.value.e164,
      ...(this.#options.callFromQueueId ? { callFromQueueId: this.#options.callFromQueueId } : {}),
    };
    const created = await this.session.http.send<Models.CreateCallResponse>({ method: 'POST', path: '/api/v2/conversations/calls', body, signal: options?.signal });
    const id = created?.id;
    if (!id) throw new AdapterError('unknown', 'Genesys Cloud placed the call but sent no conversation id.');
    if (request.interactionId) this.#interactionOf.set(id, request.interactionId);
    const known = this.#calls.get(id);
    if (known) {
      // The event came first, before the call was known to be this interaction's.
      if (request.interactionId && !known.interactionId) this.#publish({ ...known, interactionId: request.interactionId });
      return this.#calls.get(id)!;
    }
    return this.#until(id, () => true, options);
  }

  async hangUp(callId: string, options?: CallOptions): Promise<void> {
    if (callId.includes(CONSULT)) {
      const [main] = callId.split(CONSULT);
      await this.endConsultation(main!, callId, options);
      return;
    }
    const { snapshot, agent } = this.#main(callId, options, ['dialing', 'connected', 'held', 'ringing']);
    await this.#patch(snapshot, agent.id, { state: 'disconnected' }, options);
    await this.#until(callId, (c) => c.state === 'ended', options);
  }

  async hold(callId: string, options?: CallOptions): Promise<CallInfo> {
    const { snapshot, agent } = this.#main(callId, options, ['connected'], true);
    await this.#patch(snapshot, agent.id, { held: true }, options);
    return this.#until(callId, (c) => c.state === 'held', options);
  }

  async resume(callId: string, options?: CallOptions): Promise<CallInfo> {
    const { snapshot, agent } = this.#main(callId, options, ['held'], true);
    await this.#patch(snapshot, agent.id, { held: false }, options);
    return this.#until(callId, (c) => c.state === 'connected', options);
  }

  async mute(callId: string, muted: boolean, options?: CallOptions): Promise<CallInfo> {
    const { snapshot, agent, call } = this.#main(callId, options, ['connected', 'held']);
    if (!!call.muted === muted) return call;
    await this.#patch(snapshot, agent.id, { muted }, options);
    return this.#until(callId, (c) => !!c.muted === muted, options);
  }

  /** `POST /api/v2/conversations/{id}/participants/{agent}/digits`. */
  async sendDtmf(callId: string, digits: string, options?: DtmfOptions): Promise<void> {
    const checked = validateDtmf(digits);
    if (!checked.ok) throw new AdapterError('invalid-input', checked.message, { detail: { validation: checked.code } });
    const { snapshot, agent } = this.#main(callId, options, ['connected']);
    await this.session.http.send<void>({
      method: 'POST',
      path: `/api/v2/conversations/${encodeURIComponent(snapshot.id)}/participants/${encodeURIComponent(agent.id)}/digits`,
      body: { digits: checked.value } satisfies Models.Digits,
      signal: options?.signal,
    });
  }

  /** `POST …/participants/{agent}/replace`: the target takes the agent's place. */
  async blindTransfer(callId: string, target: TargetRef, options?: CallOptions): Promise<void> {
    const { snapshot, agent } = this.#main(callId, options, ['connected', 'held'], true);
    await this.#send(options, 'POST', `/api/v2/conversations/calls/${encodeURIComponent(snapshot.id)}/participants/${encodeURIComponent(agent.id)}/replace`, transferTo(target));
    await this.#until(callId, (c) => c.state === 'ended', options);
  }

  /** `POST /api/v2/conversations/calls/{id}/participants`: the target joins the call. */
  async conference(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    const { snapshot } = this.#main(callId, options, ['connected'], true);
    const destination = transferTo(target);
    const body = { participants: [{ ...destination }] } satisfies Pick<Models.Conversation, 'participants'>;
    const before = (this.#calls.get(callId)?.participants ?? []).length;
    await this.#send(options, 'POST', `/api/v2/conversations/calls/${encodeURIComponent(snapshot.id)}/participants`, body);
    return this.#until(callId, (c) => c.state === 'ended' || (c.participants ?? []).length > before, options);
  }

  /**
   * `POST …/participants/{customer}/consult` with `speakTo: DESTINATION`: the customer is held and
   * the target called; resolves with the consultation call once the target answers.
   */
  async startConsultation(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    const { snapshot, customer } = this.#main(callId, options, ['connected'], true);
    const body: Models.ConsultTransfer = { speakTo: 'DESTINATION', destination: transferTo(target) };
    let started: Models.ConsultTransferResponse;
    try {
      started = await this.session.http.send<Models.ConsultTransferResponse>({
        method: 'POST',
        path: `/api/v2/conversations/calls/${encodeURIComponent(snapshot.id)}/participants/${encodeURIComponent(customer.id)}/consult`,
        body,
        signal: options?.signal,
      });
    } catch (error) {
      // Cancelled before it went out: nothing to undo. Cancelled on the way: it may have started.
      if (options?.signal?.aborted) {
        const read = await this.session.read('call', snapshot.id).catch(() => undefined);
        if (read?.customer?.consultParticipantId) await this.#cancelConsult(snapshot.id, customer.id).catch(() => undefined);
      }
      throw error;
    }
    const id = consultId(snapshot.id, started.destinationParticipantId);
    this.#legs.set(snapshot.id, new Set([...(this.#legs.get(snapshot.id) ?? []), started.destinationParticipantId]));
    const cancel = async () => {
      await this.#cancelConsult(snapshot.id, customer.id).catch(() => undefined);
      throw new AdapterError('aborted', 'The request was cancelled.', { cause: options?.signal?.reason });
    };
    if (options?.signal?.aborted) return cancel();
    let answered: CallInfo;
    try {
      answered = await this.#until(id, (c) => c.state === 'connected' || c.state === 'ended', options, Infinity);
    } catch (error) {
      if (options?.signal?.aborted) return cancel();
      throw error;
    }
    if (answered.state === 'ended') {
      const result = answered.dialResult;
      const code = result === 'busy' ? 'target-busy' : result === 'no-answer' ? 'target-no-answer' : 'target-declined';
      throw new AdapterError(code, 'The consultation was not answered.', { detail: { target: target.id } });
    }
    return answered;
  }

  /** The agent leaves: Genesys Cloud hands the customer to the consulted party. */
  async completeTransfer(callId: string, consultationId: string, options?: CallOptions): Promise<void> {
    const { snapshot, agent } = this.#consultation(callId, consultationId, options, ['connected', 'held']);
    await this.#patch(snapshot, agent.id, { state: 'disconnected' }, options);
    await this.#until(callId, (c) => c.state === 'ended', options);
  }

  /** `PATCH …/consult` `{ speakTo: 'CONFERENCE' }`. */
  async completeConference(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    const { snapshot, customer } = this.#consultation(callId, consultationId, options, ['connected', 'held']);
    await this.#send(options, 'PATCH', `/api/v2/conversations/calls/${encodeURIComponent(snapshot.id)}/participants/${encodeURIComponent(customer.id)}/consult`, { speakTo: 'CONFERENCE' } satisfies Models.ConsultTransferUpdate);
    return this.#until(callId, (c) => c.state === 'connected' && this.#calls.get(consultationId)?.state === 'ended', options);
  }

  /** `DELETE …/consult`: the consulted party leaves, the customer is back. */
  async endConsultation(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    const { snapshot, customer } = this.#consultation(callId, consultationId, options, ['dialing', 'connected', 'held']);
    await this.#cancelConsult(snapshot.id, customer.id, options?.signal);
    await this.#until(consultationId, (c) => c.state === 'ended', options);
    return this.#until(callId, (c) => c.state !== 'held', options);
  }

  /** `PATCH …/consult` `{ speakTo: 'OBJECT' | 'DESTINATION' }`: the agent talks to the other party. */
  async alternate(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    const { snapshot, customer } = this.#consultation(callId, consultationId, options, ['connected', 'held']);
    const toCustomer = this.#calls.get(callId)?.state === 'held';
    await this.#send(options, 'PATCH', `/api/v2/conversations/calls/${encodeURIComponent(snapshot.id)}/participants/${encodeURIComponent(customer.id)}/consult`, { speakTo: toCustomer ? 'OBJECT' : 'DESTINATION' } satisfies Models.ConsultTransferUpdate);
    return this.#until(callId, (c) => c.state === (toCustomer ? 'connected' : 'held'), options);
  }

  /** Disconnects one conferenced party. */
  async removeParticipant(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    const { snapshot } = this.#main(callId, options, ['connected', 'held']);
    const address = addressOf(target);
    const party = snapshot.others.find((p) => !ENDED.has(p.state) && (p.address === address || (p.userId && p.userId === target.id)));
    if (!party) throw new AdapterError('not-found', `${target.name} is not in this call.`);
    await this.#patch(snapshot, party.id, { state: 'disconnected' }, options);
    return this.#until(callId, (c) => !(c.participants ?? []).includes(address), options);
  }

  /** The agent's participant leaves; the conference goes on without them. */
  async leaveConference(callId: string, options?: CallOptions): Promise<void> {
    const { snapshot, agent, call } = this.#main(callId, options, ['connected', 'held']);
    if (!(call.participants ?? []).length) throw new AdapterError('invalid-state', 'There is no conference to leave.');
    await this.#patch(snapshot, agent.id, { state: 'disconnected' }, options);
    await this.#until(callId, (c) => c.state === 'ended', options);
  }

  dispose(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#callChanges.clear();
    this.#statuses.clear();
    if (!this.#options.session) this.session.stop();
  }

  // ---- internals ----

  #setStatus(status: RegistrationStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#statuses.emit(status);
  }

  /** The main call in one of `states`; `noConsultation`: refused while a consultation is going on. */
  #main(callId: string, options: CallOptions | undefined, states: readonly CallInfo['state'][], noConsultation = false) {
    throwIfAborted(options?.signal);
    const call = this.#calls.get(callId);
    const snapshot = this.#snapshots.get(callId);
    if (!call || !snapshot || callId.includes(CONSULT)) throw new AdapterError('not-found', `No call ${callId}.`);
    if (!states.includes(call.state)) throw new AdapterError('invalid-state', `The call is ${call.state}.`, { detail: { state: call.state } });
    if (noConsultation && this.#liveConsultation(snapshot)) throw new AdapterError('invalid-state', 'Finish the consultation first.');
    const agent = snapshot.agent;
    const customer = snapshot.customer;
    if (!agent || !customer) throw new AdapterError('invalid-state', 'The agent is not on this call.');
    return { call, snapshot, agent, customer };
  }

  #consultation(callId: string, consultationId: string, options: CallOptions | undefined, states: readonly CallInfo['state'][]) {
    throwIfAborted(options?.signal);
    const consultation = this.#calls.get(consultationId);
    if (!consultation || consultation.consultationOf !== callId) {
      if (consultationId === callId && this.#calls.has(callId)) throw new AdapterError('invalid-state', 'That call is not a consultation.');
      throw new AdapterError('not-found', `No consultation ${consultationId}.`);
    }
    if (!states.includes(consultation.state)) throw new AdapterError('invalid-state', `The consultation is ${consultation.state}.`, { detail: { state: consultation.state } });
    return this.#main(callId, options, ['connected', 'held']);
  }

  #liveConsultation(snapshot: Snapshot): Party | undefined {
    const legs = this.#legs.get(snapshot.id);
    return snapshot.others.find((p) => legs?.has(p.id) && !ENDED.has(p.state) && snapshot.customer?.consultParticipantId === p.id);
  }

  #cancelConsult(conversationId: string, customerId: string, signal?: AbortSignal): Promise<unknown> {
    return this.session.http.send<void>({
      method: 'DELETE',
      path: `/api/v2/conversations/calls/${encodeURIComponent(conversationId)}/participants/${encodeURIComponent(customerId)}/consult`,
      signal,
    });
  }

  #patch(snapshot: Snapshot, participantId: string, body: Models.MediaParticipantRequest, options?: CallOptions): Promise<unknown> {
    return this.#send(options, 'PATCH', `/api/v2/conversations/calls/${encodeURIComponent(snapshot.id)}/participants/${encodeURIComponent(participantId)}`, body);
  }

  #send(options: CallOptions | undefined, method: 'POST' | 'PATCH', path: string, body: unknown): Promise<unknown> {
    return this.session.http.send<unknown>({ method, path, body, signal: options?.signal });
  }

  /**
   * Resolves with the call once `done` holds for it (checked now and on each change). When the
   * events are late, the conversation is read after `timeoutMs`, and the wait fails with `timeout`
   * after twice that.
   */
  #until(callId: string, done: (call: CallInfo) => boolean, options?: CallOptions, limitMs = this.#timeoutMs * 2): Promise<CallInfo> {
    const conversationId = callId.split(CONSULT)[0]!;
    return new Promise<CallInfo>((resolve, reject) => {
      const { timers } = this.session;
      const check = () => {
        const call = this.#calls.get(callId);
        if (call && done(call)) finish(() => resolve(call));
      };
      const finish = (settle: () => void) => {
        this.#waits.delete(check);
        timers.clearTimeout(readTimer);
        if (limitTimer !== undefined) timers.clearTimeout(limitTimer);
        options?.signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const onAbort = () => finish(() => reject(new AdapterError('aborted', 'The request was cancelled.', { cause: options?.signal?.reason })));
      const readTimer = timers.setTimeout(() => void this.session.read('call', conversationId).catch(() => undefined), this.#timeoutMs);
      const limitTimer = Number.isFinite(limitMs)
        ? timers.setTimeout(() => finish(() => reject(new AdapterError('timeout', 'Genesys Cloud did not report the call\'s new state in time.'))), limitMs)
        : undefined;
      options?.signal?.addEventListener('abort', onAbort, { once: true });
      this.#waits.add(check);
      check();
    });
  }

  /** A conversation's new state: the agent's call, and each consultation leg of it. */
  #observe(s: Snapshot): void {
    this.#retention.sweep();
    const agent = s.agent;
    if (!agent) return;
    this.#snapshots.set(s.id, s);
    const customer = s.customer;
    const consultLeg = customer?.consultParticipantId;
    if (consultLeg) this.#legs.set(s.id, new Set([...(this.#legs.get(s.id) ?? []), consultLeg]));
    const legs = this.#legs.get(s.id) ?? new Set<string>();
    const agentGone = ENDED.has(agent.state);
    let state: CallInfo['state'];
    if (agentGone) state = 'ended';
    else if (agent.state === 'alerting' || agent.state === 'offering') state = 'ringing';
    else if (!customer || RINGING.has(customer.state)) state = 'dialing';
    else if (ENDED.has(customer.state)) state = 'ended';
    else state = agent.held || customer.held ? 'held' : 'connected';
    const previous = this.#calls.get(s.id);
    const outbound = agent.direction === 'outbound' || previous?.direction === 'outbound';
    const everConnected = customer?.connectedTime !== undefined;
    const conferenced = s.others.filter((p) => p.state === 'connected' && !(legs.has(p.id) && consultLeg === p.id)).map((p) => p.address ?? p.name ?? p.id);
    const interactionId = this.#interactionOf.get(s.id);
    const call: CallInfo = {
      id: s.id,
      direction: outbound ? 'outbound' : 'inbound',
      state,
      remote: customer?.address ?? '',
      ...(interactionId ? { interactionId } : {}),
      ...(state === 'ended'
        ? {
            endedBy: agent.disconnectType === 'client' || agent.disconnectType === 'transfer' || agent.disconnectType?.startsWith('transfer') ? 'local' : 'remote',
            ...(outbound && !everConnected && agent.disconnectType !== 'client' ? { dialResult: dialResultOf(customer) } : {}),
          }
        : {}),
      ...(state === 'dialing' && customer?.state === 'alerting' ? { alerting: true } : {}),
      participants: state === 'ended' ? [] : conferenced,
      muted: agent.muted,
    };
    this.#publish(call);
    for (const legId of legs) {
      const leg = s.others.find((p) => p.id === legId);
      if (!leg) continue;
      const id = consultId(s.id, legId);
      const before = this.#calls.get(id);
      const stillConsulting = consultLeg === legId && !agentGone;
      let legState: CallInfo['state'];
      if (!stillConsulting || ENDED.has(leg.state)) legState = 'ended';
      else if (RINGING.has(leg.state)) legState = 'dialing';
      else legState = leg.held ? 'held' : 'connected';
      if (before?.state === 'ended' && legState === 'ended') continue;
      this.#publish({
        id,
        direction: 'outbound',
        state: legState,
        remote: leg.address ?? leg.name ?? '',
        consultationOf: s.id,
        ...(legState === 'ended'
          ? { endedBy: ENDED.has(leg.state) && leg.disconnectType !== 'client' ? 'remote' : 'local', ...(leg.connectedTime === undefined ? { dialResult: dialResultOf(leg) } : {}) }
          : {}),
      });
    }
  }

  /** An ended call's record goes; a conversation goes with its own call. */
  #forget(id: string): boolean {
    this.#calls.delete(id);
    if (!id.includes(CONSULT)) {
      for (const leg of this.#legs.get(id) ?? []) this.#calls.delete(consultId(id, leg));
      this.#snapshots.delete(id);
      this.#legs.delete(id);
      this.#interactionOf.delete(id);
    }
    return true;
  }

  #publish(call: CallInfo): void {
    const previous = this.#calls.get(call.id);
    if (previous && JSON.stringify(previous) === JSON.stringify(call)) return;
    // Once ended, a call stays ended: a late event of its ringing is not taken back.
    if (previous?.state === 'ended') return;
    this.#calls.set(call.id, call);
    if (call.state === 'ended') this.#retention.finished(call.id);
    this.#callChanges.emit(call);
    for (const check of [...this.#waits]) check();
  }
}

/**
 * Where a target is sent: a Genesys Cloud user or queue by its id (the directory adapter's agents
 * and queues), anything else (a contact, a number typed in) by its address.
 */
function transferTo(target: TargetRef): Models.TransferRequest & Models.Destination {
  if (target.kind === 'agent' && !target.address?.startsWith('+')) return { userId: target.id };
  if (target.kind === 'queue') return { queueId: target.id };
  return { address: addressOf(target) };
}

const addressOf = (target: TargetRef): string => target.address ?? target.id;
