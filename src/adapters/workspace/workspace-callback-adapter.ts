import type { Policy } from '../../model/actions.js';
import type { Clock } from '../../model/clock.js';
import { isClosed } from '../../model/state-machine.js';
import type { AvailabilitySlot, Channel, DispositionRef, Interaction, TargetRef } from '../../model/interaction.js';
import type {
  AgentReadyState,
  AvailabilityQuery,
  CallbackAdapter,
  CallbackCapabilities,
  CallOptions,
  MarkDoneRequest,
  NotReadyReason,
  NotReadyReasonsOptions,
  ReadyStateDetail,
  ReadyStateOptions,
  RescheduleRequest,
} from '../callback-adapter.js';
import { Emitter } from '../emitter.js';
import { AdapterError, throwIfAborted, type Unsubscribe } from '../errors.js';
import type { CallbackDataMapping } from '../gms/callback-data.js';
import { PhoneCallbackAdapter, type CallbackScheduler } from '../phone/phone-callback-adapter.js';
import type {
  CallInfo,
  DialRequest,
  DtmfOptions,
  RegistrationStatus,
  TelephonyAdapter,
  TelephonyCapabilities,
} from '../telephony-adapter.js';
import { WORKSPACE_DEFAULTS, type WorkspaceOptions } from './config.js';
import { WorkspaceTelephonyAdapter } from './workspace-telephony-adapter.js';
import { userDataRecord, type WireCurrentSession, type WireDn, type WireMediaInteraction } from './wire.js';

/** The open media interaction (workitem) a web callback came as. */
interface Workitem {
  id: string;
  mediatype: string;
  /** Rejected on the server when its offer expired here. */
  givenBack?: boolean;
}

/** Where the disposition and the agent's notes are written in the call's user data. */
export interface WorkspaceUserDataKeys {
  /** Default `DispositionCode` (Workspace Web Edition's default disposition key). */
  disposition: string;
  /** Default `Comment`. Every note is appended, one per line. */
  note: string;
}

export const DEFAULT_USER_DATA_KEYS: Readonly<WorkspaceUserDataKeys> = Object.freeze({ disposition: 'DispositionCode', note: 'Comment' });

/** A Not Ready reason the server's configuration gives (its action codes of type NotReady). */
export type WorkspaceNotReadyReason = NotReadyReason;

/** The reason code `setReadyState` takes for Not Ready in after-call work (the `AfterCallWork` work mode). */
export const AFTER_CALL_WORK_REASON = 'AfterCallWork';

/** The agent's voice DN as the last `DnStateChanged` said. */
export interface WorkspaceAgentState {
  state: AgentReadyState | 'logged-out';
  /** `AfterCallWork`, `AuxWork`, ... when not ready. */
  workMode?: string;
  reasonCode?: string;
  dnd: boolean;
}

export interface WorkspaceCallbackOptions extends WorkspaceOptions {
  /**
   * Where Reschedule, availability and the duplicate look-up go, with the callback's id (the
   * user data's `_CB_SERVICE_ID`): a `GmsCallbackAdapter` on the callback service. Without it
   * they are not offered.
   */
  scheduler?: CallbackScheduler;
  /** Where each interaction field is read from in the call's user data (GMS keys by default). */
  mapping?: Partial<CallbackDataMapping>;
  userDataKeys?: Partial<WorkspaceUserDataKeys>;
  /** How long an offer rings before it goes back to routing. Default 30 s. */
  offerTimeoutMs?: number;
  /** Whether offers may be rejected when the user data does not say. Default true. */
  canRejectByDefault?: boolean;
  /** Disposition codes Mark done and Set disposition accept; absent = any. */
  dispositions?: readonly DispositionRef[];
  dispositionMandatory?: boolean;
  /** The telephony adapter of the same agent, when the page made one already (one session). */
  telephony?: WorkspaceTelephonyAdapter;
  clock?: Clock;
}

/**
 * Voice callbacks through the Genesys Engage Workspace API v3. A ringing call on the agent's DN
 * whose user data carries the GMS keys (`_CB_SERVICE_ID`, `GMS_*`: the GMS adapter's mapping) is
 * offered; Accept answers it, Reject releases it (or redirects it, with the telephony option
 * `rejectTo`). The disposition and the notes are written to the call's user data (keys
 * configurable) before the interaction records them, and Mark done completes the call
 * (`/voice/calls/{id}/complete`, after releasing it if it is still up). Reschedule, availability
 * and the duplicate look-up go to the composed `scheduler` (GMS).
 *
 * Ready / Not Ready on the voice channel are the DN's agent state (`/voice/ready`,
 * `/voice/not-ready` with a reason code and work mode, `DnStateChanged`); other channels are kept
 * in the page. It is also the TelephonyAdapter the elements use (calls through the Workspace API).
 */
export class WorkspaceCallbackAdapter implements CallbackAdapter, TelephonyAdapter {
  readonly callbackCapabilities: CallbackCapabilities;
  readonly telephony: WorkspaceTelephonyAdapter;
  readonly #inner: PhoneCallbackAdapter;
  readonly #o: WorkspaceCallbackOptions;
  readonly #keys: WorkspaceUserDataKeys;
  readonly #voiceState = new Emitter<[Channel, AgentReadyState]>();
  readonly #voiceDetail = new Emitter<[Channel, ReadyStateDetail]>();
  /** The voice DN's detail as last told (what changed is told again). */
  #lastDetail = '';
  readonly #dnWaiters = new Set<(dn: WireDn) => void>();
  readonly #stop: Unsubscribe[];
  /** Web callbacks that came as workitems, by interaction id. */
  readonly #workitems = new Map<string, Workitem>();
  /** The note key's value as last written, by interaction id. */
  readonly #notes = new Map<string, string>();
  #voiceReady: AgentReadyState = 'not-ready';

  constructor(options: WorkspaceCallbackOptions) {
    this.#o = options;
    this.#keys = { ...DEFAULT_USER_DATA_KEYS, ...options.userDataKeys };
    this.telephony = options.telephony ?? new WorkspaceTelephonyAdapter(options);
    this.#inner = new PhoneCallbackAdapter({
      telephony: this.telephony,
      ...(options.mapping ? { mapping: options.mapping } : {}),
      ...(options.offerTimeoutMs === undefined ? {} : { offerTimeoutMs: options.offerTimeoutMs }),
      ...(options.canRejectByDefault === undefined ? {} : { canRejectByDefault: options.canRejectByDefault }),
      ...(options.dispositions ? { dispositions: options.dispositions } : {}),
      dispositionMandatory: !!options.dispositionMandatory,
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.callbackCapabilities = this.#inner.callbackCapabilities;
    this.#stop = [
      this.telephony.session.onVoice((message) => {
        if (message.messageType !== 'DnStateChanged' || !('dn' in message)) return;
        const state: AgentReadyState = message.dn.agentState === 'Ready' ? 'ready' : 'not-ready';
        for (const waiter of [...this.#dnWaiters]) waiter(message.dn);
        const detail = this.readyStateDetail('voice');
        if (detail && JSON.stringify(detail) !== this.#lastDetail) {
          this.#lastDetail = JSON.stringify(detail);
          this.#voiceDetail.emit('voice', detail);
        }
        if (state === this.#voiceReady) return;
        this.#voiceReady = state;
        this.#voiceState.emit('voice', state);
      }),
      this.telephony.session.onMedia((message) => {
        if (message.messageType === 'InteractionStateChanged' && 'interaction' in message) this.#onWorkitem(message.interaction);
      }),
      // Workitems routed while the notifications were away are read back from the session.
      this.telephony.session.onReestablished(() => void this.#readBackWorkitems().catch(() => undefined)),
      // An offer nobody answered in time goes back to routing on the server too (a call: released,
      // or redirected to `rejectTo`, by the phone; a workitem: rejected here).
      this.#inner.onInteraction((interaction) => {
        if (interaction.state !== 'expired') return;
        const item = this.#workitems.get(interaction.id);
        if (!item || item.givenBack) return;
        item.givenBack = true;
        void this.#media(item, 'reject').catch(() => undefined);
      }),
    ];
  }

  get workScope(): string {
    return `workspace:${this.#o.baseUrl}:${this.#o.dn}`;
  }

  get policy(): Readonly<Partial<Policy>> {
    return this.#inner.policy;
  }

  /** Stops following the calls and the offer timers, and logs the agent out. */
  async dispose(): Promise<void> {
    for (const stop of this.#stop) stop();
    this.#inner.dispose();
    await this.telephony.dispose();
  }

  // --- offers and interactions ------------------------------------------------------------------

  onOffer(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#inner.onOffer(listener);
  }

  onInteraction(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#inner.onInteraction(listener);
  }

  getInteraction(id: string): Interaction | undefined {
    return this.#inner.getInteraction(id);
  }

  listInteractions(): Interaction[] {
    return this.#inner.listInteractions();
  }

  async accept(id: string, options?: CallOptions): Promise<Interaction> {
    const item = this.#workitems.get(id);
    if (!item) return this.#inner.accept(id, options);
    await this.#beforeOfferAnswer(id, options);
    await this.#media(item, 'accept');
    return this.#inner.accept(id);
  }

  async reject(id: string, options?: CallOptions): Promise<Interaction> {
    const item = this.#workitems.get(id);
    if (!item) return this.#inner.reject(id, options);
    const interaction = await this.#beforeOfferAnswer(id, options);
    if (!interaction.offer.canReject) throw new AdapterError('not-permitted', 'This callback may not be rejected.');
    await this.#media(item, 'reject');
    return this.#inner.reject(id);
  }

  /** A callback that does not arrive as a call (a web callback pushed by GMS): see PhoneCallbackAdapter.ingest. */
  ingest(data: Readonly<Record<string, string>>): Interaction {
    return this.#inner.ingest(data);
  }

  reschedule(id: string, request: RescheduleRequest, options?: CallOptions): Promise<Interaction> {
    return this.#inner.reschedule(id, request, options);
  }

  availability(id: string, query: AvailabilityQuery, options?: CallOptions): Promise<AvailabilitySlot[]> {
    return this.#inner.availability(id, query, options);
  }

  findOpenByNumber(number: string, options?: CallOptions): Promise<Interaction[]> {
    return this.#inner.findOpenByNumber(number, options);
  }

  async setDisposition(id: string, disposition: DispositionRef, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    this.#open(id);
    const known = this.#known(disposition);
    await this.#write(id, { [this.#keys.disposition]: known.code }, options);
    return this.#inner.setDisposition(id, known, options);
  }

  async addNote(id: string, text: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    this.#open(id);
    if (!text.trim()) throw new AdapterError('invalid-input', 'A note cannot be empty.');
    await this.#write(id, { [this.#keys.note]: this.#withNote(id, text) }, options);
    return this.#inner.addNote(id, text, options);
  }

  async markDone(id: string, request: MarkDoneRequest = {}, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const interaction = this.#open(id);
    if (interaction.state === 'offered' || isClosed(interaction.state)) throw new AdapterError('invalid-state', `An interaction that is ${interaction.state} cannot be marked done.`);
    const disposition = request.disposition ? this.#known(request.disposition) : undefined;
    if (this.#o.dispositionMandatory && !(disposition ?? interaction.disposition)) {
      throw new AdapterError('invalid-input', 'A disposition is required before Mark done.');
    }
    const data: Record<string, string> = {};
    if (disposition) data[this.#keys.disposition] = disposition.code;
    if (request.note?.trim()) data[this.#keys.note] = this.#withNote(id, request.note);
    await this.#write(id, data, options);
    const callId = interaction.callId;
    const call = callId ? this.telephony.getCall(callId) : undefined;
    if (callId && call) {
      if (call.state !== 'ended') await this.telephony.hangUp(callId, options);
      await this.telephony.session.http.send({ method: 'POST', path: `/voice/calls/${encodeURIComponent(this.telephony.connIdOf(callId))}/complete`, body: {} });
    }
    const item = this.#workitems.get(id);
    if (item) await this.#media(item, 'complete');
    return this.#inner.markDone(id, { ...request, ...(disposition ? { disposition } : {}) }, options);
  }

  // --- agent state ----------------------------------------------------------------------------

  getReadyState(channel: Channel): AgentReadyState {
    return channel === 'voice' ? this.#voiceReady : this.#inner.getReadyState(channel);
  }

  /**
   * Voice: the DN's agent state; Not Ready with `options.reason`, a reason code of
   * {@link notReadyReasons} (`AfterCallWork`: the after-call work mode). Web callback: the agent's
   * workitem media state.
   */
  async setReadyState(channel: Channel, state: AgentReadyState, options?: ReadyStateOptions): Promise<void> {
    if (channel === 'web-callback') {
      throwIfAborted(options?.signal);
      await this.telephony.session.http.send({ method: 'POST', path: `/media/workitem/${state === 'ready' ? 'ready' : 'not-ready'}`, body: {} });
    }
    if (channel !== 'voice') return this.#inner.setReadyState(channel, state, options);
    if (state === 'ready') await this.#setDn('/voice/ready', {}, (dn) => dn.agentState === 'Ready', options);
    else if (options?.reason === AFTER_CALL_WORK_REASON) await this.setNotReady({ workMode: 'AfterCallWork' }, options);
    else await this.setNotReady(options?.reason ? { reasonCode: options.reason } : {}, options);
  }

  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    const others = this.#inner.onReadyState((channel, state) => {
      if (channel !== 'voice') listener(channel, state);
    });
    const voice = this.#voiceState.on(listener);
    return () => {
      others();
      voice();
    };
  }

  /** Not Ready on the voice DN, with a reason code from {@link notReadyReasons} and a work mode (`AfterCallWork`, `AuxWork`). */
  async setNotReady(detail: { reasonCode?: string; workMode?: string }, options?: CallOptions): Promise<void> {
    const data = {
      ...(detail.workMode ? { agentWorkMode: detail.workMode } : {}),
      ...(detail.reasonCode ? { reasonCode: detail.reasonCode } : {}),
    };
    await this.#setDn(
      '/voice/not-ready',
      // The official client sends reasonCode at the top level, the API's reference in data: both.
      { data, ...(detail.reasonCode ? { reasonCode: detail.reasonCode } : {}) },
      (dn) => dn.agentState === 'NotReady' && (!detail.reasonCode || dn.reasonCode === detail.reasonCode),
      options,
    );
  }

  /** Do Not Disturb on the voice DN. */
  async setDoNotDisturb(on: boolean, options?: CallOptions): Promise<void> {
    await this.#setDn(on ? '/voice/dnd-on' : '/voice/dnd-off', {}, (dn) => (dn.dnd === 'On') === on, options);
  }

  /**
   * The Not Ready reasons the server's configuration gives (read at initialization), and After-call
   * work (`kind: 'after-call-work'`: the work mode, which the elements word themselves).
   */
  async notReadyReasons(options?: NotReadyReasonsOptions): Promise<WorkspaceNotReadyReason[]> {
    throwIfAborted(options?.signal);
    return [...this.#configuredReasons(), { code: AFTER_CALL_WORK_REASON, label: 'After-call work', kind: 'after-call-work' }];
  }

  /** The voice DN's state with its reason code, after-call work and DND, as `DnStateChanged` last said. */
  readyStateDetail(channel: Channel): ReadyStateDetail | undefined {
    const dn = this.telephony.session.dn;
    if (channel !== 'voice' || !dn) return undefined;
    const state: AgentReadyState = dn.agentState === 'Ready' ? 'ready' : 'not-ready';
    const afterCallWork = state === 'not-ready' && dn.agentWorkMode === 'AfterCallWork';
    const code = state === 'not-ready' ? dn.reasonCode : undefined;
    const reason = afterCallWork && !code
      ? { code: AFTER_CALL_WORK_REASON, label: 'After-call work', kind: 'after-call-work' as const }
      : code ? (this.#configuredReasons().find((r) => r.code === code) ?? { code, label: code }) : undefined;
    return { state, ...(reason ? { reason } : {}), afterCallWork, dnd: dn.dnd === 'On' };
  }

  onReadyStateDetail(listener: (channel: Channel, detail: ReadyStateDetail) => void): Unsubscribe {
    return this.#voiceDetail.on(listener);
  }

  #configuredReasons(): NotReadyReason[] {
    return (this.telephony.session.configuration.actionCodes ?? [])
      .filter((c) => !c.type || c.type === 'NotReady')
      .map((c) => ({ code: c.code, label: c.name }));
  }

  /** The voice DN's agent state, work mode, reason and DND. */
  agentState(): WorkspaceAgentState {
    const dn = this.telephony.session.dn;
    const state = !dn || dn.agentState === 'LoggedOut' ? 'logged-out' : dn.agentState === 'Ready' ? 'ready' : 'not-ready';
    return {
      state,
      ...(dn?.agentWorkMode && dn.agentWorkMode !== 'Unknown' ? { workMode: dn.agentWorkMode } : {}),
      ...(dn?.reasonCode ? { reasonCode: dn.reasonCode } : {}),
      dnd: dn?.dnd === 'On',
    };
  }

  // --- the phone, as the elements use it ------------------------------------------------------

  get telephonyCapabilities(): TelephonyCapabilities {
    return this.#inner.telephonyCapabilities;
  }

  status(): RegistrationStatus {
    return this.#inner.status();
  }

  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe {
    return this.#inner.onStatus(listener);
  }

  register(options?: CallOptions): Promise<void> {
    return this.#inner.register(options);
  }

  unregister(options?: CallOptions): Promise<void> {
    return this.#inner.unregister(options);
  }

  onCall(listener: (call: CallInfo) => void): Unsubscribe {
    return this.#inner.onCall(listener);
  }

  getCall(id: string): CallInfo | undefined {
    return this.#inner.getCall(id);
  }

  answer(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.answer(callId, options);
  }

  decline(callId: string, options?: CallOptions): Promise<void> {
    return this.#inner.decline(callId, options);
  }

  dial(request: DialRequest, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.dial(request, options);
  }

  hangUp(callId: string, options?: CallOptions): Promise<void> {
    return this.#inner.hangUp(callId, options);
  }

  hold(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.hold(callId, options);
  }

  resume(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.resume(callId, options);
  }

  sendDtmf(callId: string, digits: string, options?: DtmfOptions): Promise<void> {
    return this.#inner.sendDtmf(callId, digits, options);
  }

  blindTransfer(callId: string, target: TargetRef, options?: CallOptions): Promise<void> {
    return this.#inner.blindTransfer(callId, target, options);
  }

  conference(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.conference(callId, target, options);
  }

  startConsultation(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.startConsultation(callId, target, options);
  }

  completeTransfer(callId: string, consultationId: string, options?: CallOptions): Promise<void> {
    return this.#inner.completeTransfer(callId, consultationId, options);
  }

  completeConference(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.completeConference(callId, consultationId, options);
  }

  endConsultation(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.endConsultation(callId, consultationId, options);
  }

  alternate(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.alternate(callId, consultationId, options);
  }

  removeParticipant(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    return this.#inner.removeParticipant(callId, target, options);
  }

  leaveConference(callId: string, options?: CallOptions): Promise<void> {
    return this.#inner.leaveConference(callId, options);
  }

  // --- internals ------------------------------------------------------------------------------

  #open(id: string): Interaction {
    const interaction = this.#inner.getInteraction(id);
    if (!interaction) throw new AdapterError('not-found', `No interaction ${id}.`);
    return interaction;
  }

  #known(disposition: DispositionRef): DispositionRef {
    const list = this.#o.dispositions;
    if (!list) return disposition;
    const found = list.find((d) => d.code === disposition.code);
    if (!found) throw new AdapterError('invalid-input', `Unknown disposition "${disposition.code}".`);
    return found;
  }

  /** The note key's value with `text` appended. */
  #withNote(id: string, text: string): string {
    const callId = this.#inner.getInteraction(id)?.callId;
    const previous = this.#notes.get(id) ?? (callId ? this.telephony.userData(callId)[this.#keys.note] : undefined);
    return previous ? `${previous}\n${text}` : text;
  }

  /**
   * Writes `data` to the user data of the interaction's workitem (a web callback) and of its call
   * (nothing for an interaction that has neither yet).
   */
  async #write(id: string, data: Record<string, string>, options?: CallOptions): Promise<void> {
    if (!Object.keys(data).length) return;
    throwIfAborted(options?.signal);
    const userData = Object.entries(data).map(([key, value]) => ({ key, type: 'str', value }));
    const item = this.#workitems.get(id);
    if (item) await this.#media(item, 'update-user-data', { userData });
    const callId = this.#inner.getInteraction(id)?.callId;
    if (callId && this.telephony.getCall(callId)) {
      await this.telephony.session.http.send({
        method: 'POST',
        path: `/voice/calls/${encodeURIComponent(this.telephony.connIdOf(callId))}/update-user-data`,
        body: { data: { userData } },
      });
    }
    const note = data[this.#keys.note];
    if (note !== undefined) this.#notes.set(id, note);
  }

  /**
   * A web callback routed as a workitem carrying the GMS keys is offered (the agent previews it);
   * one routing takes back (`Revoked`) is withdrawn.
   */
  #onWorkitem(item: WireMediaInteraction): void {
    if (item.state === 'Revoked') {
      const known = [...this.#workitems].find(([, w]) => w.id === item.id);
      if (known) this.#inner.withdraw(known[0]);
      return;
    }
    if (item.state !== 'Invited' || [...this.#workitems.values()].some((w) => w.id === item.id)) return;
    try {
      const interaction = this.#inner.ingest({ ...userDataRecord(item.userData), _agent_preview: 'true' });
      this.#workitems.set(interaction.id, { id: item.id, mediatype: item.mediatype ?? 'workitem' });
    } catch {
      // Not a callback (no GMS keys): another application's workitem.
    }
  }

  /**
   * The workitems the current session lists, offered if new; an offer known before the read that
   * the session no longer lists was taken back while the notifications were away: withdrawn.
   */
  async #readBackWorkitems(): Promise<void> {
    // Known before the read: one offered by a notification heard while it runs is not in its answer.
    const known = new Map([...this.#workitems].map(([interactionId, w]) => [w.id, interactionId]));
    const answer = await this.telephony.session.http.send<WireCurrentSession>({ method: 'GET', path: '/current-session' });
    // No media channels in the answer: nothing can be concluded of the workitems.
    const channels = answer.data?.user?.activeSession?.media?.channels;
    if (!channels) return;
    const listed = new Set<string>();
    for (const channel of channels) {
      for (const item of channel.interactions ?? []) {
        if (!item || typeof item.id !== 'string') continue;
        listed.add(item.id);
        this.#onWorkitem({ ...item, mediatype: item.mediatype ?? channel.name ?? 'workitem' });
      }
    }
    for (const [itemId, interactionId] of known) if (!listed.has(itemId)) this.#inner.withdraw(interactionId);
  }

  /** The checks before answering an offered workitem, after a turn in which an abort may come. */
  async #beforeOfferAnswer(id: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    await Promise.resolve();
    throwIfAborted(options?.signal);
    const interaction = this.#open(id);
    if (interaction.state !== 'offered') throw new AdapterError('invalid-state', `The callback is ${interaction.state}, not offered.`);
    return interaction;
  }

  #media(item: Workitem, action: string, data?: unknown) {
    return this.telephony.session.http.send({
      method: 'POST',
      path: `/media/${encodeURIComponent(item.mediatype)}/interactions/${encodeURIComponent(item.id)}/${action}`,
      body: data === undefined ? {} : { data },
    });
  }

  /** Sends a DN request and resolves once `DnStateChanged` shows `done` (or the time to confirm runs out). */
  async #setDn(path: string, body: unknown, done: (dn: WireDn) => boolean, options?: CallOptions): Promise<void> {
    throwIfAborted(options?.signal);
    const confirmMs = this.#o.confirmTimeoutMs ?? WORKSPACE_DEFAULTS.confirmTimeoutMs;
    let waiter: ((dn: WireDn) => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const confirmed = new Promise<void>((resolve, reject) => {
      waiter = (dn) => {
        if (done(dn)) resolve();
      };
      this.#dnWaiters.add(waiter);
      timer = setTimeout(() => reject(new AdapterError('timeout', `The Workspace API did not confirm the agent state within ${confirmMs} ms.`)), confirmMs);
    });
    confirmed.catch(() => undefined);
    try {
      await this.telephony.session.http.send({ method: 'POST', path, body });
      await confirmed;
    } finally {
      this.#dnWaiters.delete(waiter!);
      clearTimeout(timer);
    }
  }
}
