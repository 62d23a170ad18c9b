import type { Capabilities, Policy } from '../../model/actions.js';
import type { Clock } from '../../model/clock.js';
import type { AvailabilitySlot, Channel, Contact, DispositionNode, DispositionRef, Interaction, TargetRef } from '../../model/interaction.js';
import type {
  AgentReadyState,
  AvailabilityQuery,
  CallbackAdapter,
  CallbackCapabilities,
  CallOptions,
  MarkDoneRequest,
  RescheduleRequest,
} from '../callback-adapter.js';
import type { DirectoryAdapter, DirectoryTarget, ResponseQuery, StandardResponse, TargetQuery } from '../directory-adapter.js';
import { Emitter } from '../emitter.js';
import { AdapterError, type AdapterErrorCode, type Unsubscribe } from '../errors.js';
import type {
  CallInfo,
  DialRequest,
  DtmfOptions,
  RegistrationStatus,
  TelephonyAdapter,
  TelephonyCapabilities,
} from '../telephony-adapter.js';
import type { RoutingLogEntry } from './callback-service.js';
import type { FarEndView } from './calls.js';
import type { FaultOptions, SimulatedOperation } from './faults.js';
import { isScenarioName, planOffer, SCENARIOS, type OfferOverrides, type ScenarioName } from './scenarios.js';
import { dataLocale } from './localized-data.js';
import { Simulation, type SimulatedContactCenterOptions } from './simulation.js';

export type { SimulatedContactCenterOptions } from './simulation.js';

/**
 * A whole contact center in the browser: a callback service, a phone and a directory in one
 * object, driven by scripted scenarios and a clock. It passes the same contract suites as the real
 * adapters, refuses what a real backend would refuse, and fails on demand.
 */
export class SimulatedContactCenter implements CallbackAdapter, TelephonyAdapter, DirectoryAdapter {
  readonly #s: Simulation;
  readonly #policyChanges = new Emitter<[Readonly<Policy>]>();

  /**
   * Its ids start at `cb-1` in every instance, so each instance is its own scope: a note typed for
   * `cb-1` before a reload is not shown on the `cb-1` of the next run.
   */
  readonly workScope = `simulated:${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

  constructor(options: SimulatedContactCenterOptions = {}) {
    this.#s = new Simulation(options);
  }

  get clock(): Clock {
    return this.#s.clock;
  }

  /** What this backend supports (the model's capabilities): all true unless turned off by an option. */
  get capabilities(): Readonly<Capabilities> {
    return this.#s.capabilities;
  }

  get telephonyCapabilities(): TelephonyCapabilities {
    return this.#s.telephonyCapabilities;
  }

  get callbackCapabilities(): CallbackCapabilities {
    return this.#s.callbackCapabilities;
  }

  /**
   * The rules the backend enforces (privileges, mandatory disposition): the `policy` option over
   * the defaults, as the elements should apply it under a page's own `policy`.
   */
  get policy(): Readonly<Policy> {
    return this.#s.policy;
  }

  /** Called with the whole new policy after each `setPolicy`. */
  onPolicy(listener: (policy: Readonly<Policy>) => void): Unsubscribe {
    return this.#policyChanges.on(listener);
  }

  /**
   * The administrator changes a rule: from now on the backend enforces `changes` over the current
   * policy (an interaction already accepted included), and `onPolicy` subscribers hear of it.
   */
  setPolicy(changes: Partial<Policy>): void {
    this.#s.policy = Object.freeze({ ...this.#s.policy, ...changes });
    this.#policyChanges.emit(this.#s.policy);
  }

  /** Round trip of every command; may be changed at any time (a demo slider). */
  get latencyMs(): number {
    return this.#s.latencyMs;
  }

  set latencyMs(ms: number) {
    this.#s.latencyMs = Math.max(0, ms);
  }

  /**
   * The language of the contact center's own data (see the `locale` option): `es` or `en`. Set it
   * to another language tag and the directory answers, and the offers made from then on come, in
   * that language; interactions already offered keep the words they came with.
   */
  get locale(): string {
    return this.#s.directory.locale;
  }

  set locale(tag: string) {
    this.#s.directory.locale = dataLocale(tag);
  }

  // ---- Simulation controls (for the demo panel and tests) ----

  /**
   * Starts a scenario: routes its offer to the agent (voice: with a ringing call) and returns the
   * interaction. Listeners hear of the offer before this returns. When the agent is not ready on
   * the channel, the offer waits for them (see `routingLog`) and is offered, with fresh offer
   * times, once they are.
   */
  async offer(scenario: ScenarioName, overrides: OfferOverrides = {}): Promise<Interaction> {
    if (!isScenarioName(scenario)) throw new AdapterError('not-found', `No scenario named "${String(scenario)}".`);
    const spec = SCENARIOS[scenario];
    const now = this.#s.clock.now();
    const plan = planOffer(spec, overrides, {
      id: this.#s.nextId('cb'),
      now,
      contact: this.#s.directory.getContact(spec.contactId),
      offerTimeoutMs: this.#s.offerTimeoutMs,
      locale: this.#s.directory.locale,
    });
    return this.#s.service.route(plan);
  }

  /** The customer cancels a callback that is still offered. */
  revoke(interactionId: string): Interaction {
    return this.#s.service.revoke(interactionId);
  }

  /** An ordinary inbound call (no callback) from `from`. */
  ringIn(from = '+442079460555', data?: Readonly<Record<string, string>>): CallInfo {
    return this.#s.switchboard.ringIn(from, data ? { data } : {}).info;
  }

  /** The far end hangs up now (a caller abandoning a ringing offer cancels the callback). */
  hangUpRemotely(callId: string): void {
    const call = this.#s.calls.require(callId);
    const interaction = call.info.interactionId ? this.#s.interactions.get(call.info.interactionId) : undefined;
    if (call.info.state === 'ringing' && interaction?.state === 'offered') this.#s.service.revoke(interaction.id);
    else this.#s.switchboard.remoteHangUp(callId);
  }

  /** A conference member (by target id) hangs up and leaves the call. */
  participantLeaves(callId: string, targetId: string): CallInfo {
    return this.#s.switchboard.participantLeaves(callId, targetId);
  }

  /** The far end puts the agent on hold (or takes them off). */
  setRemoteHold(callId: string, held: boolean): CallInfo {
    return this.#s.switchboard.remoteHold(callId, held);
  }

  /** What the person at the other end of the call has experienced. */
  farEnd(callId: string): FarEndView {
    return this.#s.calls.farEnd(callId);
  }

  /** The next `times` calls of `operation` reject with `code` and change nothing. */
  failNext(operation: SimulatedOperation, code: AdapterErrorCode, options?: FaultOptions): void {
    this.#s.faults.failNext(operation, code, options);
  }

  clearFaults(operation?: SimulatedOperation): void {
    this.#s.faults.clear(operation);
  }

  /** Network down: the phone reconnects, then reports `offline`; every command rejects `offline`. */
  setOffline(offline: boolean): void {
    this.#s.line.setNetworkDown(offline);
  }

  get offline(): boolean {
    return this.#s.line.networkDown;
  }

  /** Offers that left this agent (rejected, expired, cancelled) or wait for them. */
  get routingLog(): readonly RoutingLogEntry[] {
    return [...this.#s.service.routingLog];
  }

  onRouting(listener: (entry: RoutingLogEntry) => void): Unsubscribe {
    return this.#s.service.routing.on(listener);
  }

  /** Stops every timer; the instance must not be used afterwards. */
  dispose(): void {
    this.#s.timers.clearAll();
    this.#policyChanges.clear();
  }

  // ---- CallbackAdapter ----

  onOffer(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#s.interactions.offers.on(listener);
  }

  onInteraction(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#s.interactions.changes.on(listener);
  }

  getInteraction(id: string): Interaction | undefined {
    return this.#s.interactions.get(id);
  }

  listInteractions(): Interaction[] {
    return this.#s.interactions.open();
  }

  accept(id: string, options?: CallOptions): Promise<Interaction> {
    return this.#s.run('accept', options, () => this.#s.service.accept(id));
  }

  reject(id: string, options?: CallOptions): Promise<Interaction> {
    return this.#s.run('reject', options, () => this.#s.service.reject(id));
  }

  reschedule(id: string, request: RescheduleRequest, options?: CallOptions): Promise<Interaction> {
    return this.#s.run('reschedule', options, () => this.#s.service.reschedule(id, request));
  }

  availability(id: string, query: AvailabilityQuery, options?: CallOptions): Promise<AvailabilitySlot[]> {
    return this.#s.run('availability', options, () => {
      this.#s.requireCapability(this.callbackCapabilities.availability, 'availability');
      return this.#s.service.availability(id, query);
    });
  }

  setDisposition(id: string, disposition: DispositionRef, options?: CallOptions): Promise<Interaction> {
    return this.#s.run('setDisposition', options, () => this.#s.service.setDisposition(id, disposition));
  }

  addNote(id: string, text: string, options?: CallOptions): Promise<Interaction> {
    return this.#s.run('addNote', options, () => this.#s.service.addNote(id, text));
  }

  markDone(id: string, request?: MarkDoneRequest, options?: CallOptions): Promise<Interaction> {
    return this.#s.run('markDone', options, () => this.#s.service.markDone(id, request));
  }

  findOpenByNumber(number: string, options?: CallOptions): Promise<Interaction[]> {
    return this.#s.run('findOpenByNumber', options, () => {
      this.#s.requireCapability(this.callbackCapabilities.duplicateLookup, 'duplicate lookup');
      return this.#s.service.findOpenByNumber(number);
    });
  }

  getReadyState(channel: Channel): AgentReadyState {
    return this.#s.service.getReadyState(channel);
  }

  setReadyState(channel: Channel, state: AgentReadyState, options?: CallOptions): Promise<void> {
    return this.#s.run('setReadyState', options, () => this.#s.service.setReadyState(channel, state));
  }

  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    return this.#s.service.readyChanges.on(listener);
  }

  // ---- TelephonyAdapter ----

  status(): RegistrationStatus {
    return this.#s.line.status;
  }

  onStatus(listener: (status: RegistrationStatus) => void): Unsubscribe {
    return this.#s.line.changes.on(listener);
  }

  register(options?: CallOptions): Promise<void> {
    return this.#s.line.register(() => this.#s.run('register', options, () => undefined));
  }

  unregister(options?: CallOptions): Promise<void> {
    return this.#s.run('unregister', options, () => this.#s.line.unregister());
  }

  onCall(listener: (call: CallInfo) => void): Unsubscribe {
    return this.#s.calls.changes.on(listener);
  }

  getCall(id: string): CallInfo | undefined {
    return this.#s.calls.get(id)?.info;
  }

  answer(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('answer', options, undefined, () => {
      const offered = this.#s.offeredOn(callId);
      if (offered) this.#s.service.accept(offered.id);
      else this.#s.switchboard.answer(callId);
      return this.#s.calls.require(callId).info;
    });
  }

  decline(callId: string, options?: CallOptions): Promise<void> {
    return this.#s.phone('decline', options, undefined, () => this.#s.declineOrReject(callId, () => this.#s.switchboard.decline(callId)));
  }

  dial(request: DialRequest, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('dial', options, 'dial', () => this.#s.switchboard.dial(request));
  }

  hangUp(callId: string, options?: CallOptions): Promise<void> {
    return this.#s.phone('hangUp', options, undefined, () => this.#s.declineOrReject(callId, () => this.#s.switchboard.hangUp(callId)));
  }

  hold(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('hold', options, 'hold', () => this.#s.switchboard.hold(callId));
  }

  resume(callId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('resume', options, 'hold', () => this.#s.switchboard.resume(callId));
  }

  sendDtmf(callId: string, digits: string, options?: DtmfOptions): Promise<void> {
    return this.#s.phone('sendDtmf', options, 'dtmf', () => this.#s.switchboard.sendDtmf(callId, digits, options?.masked ?? false));
  }

  blindTransfer(callId: string, target: TargetRef, options?: CallOptions): Promise<void> {
    return this.#s.phone('blindTransfer', options, 'blindTransfer', () => this.#s.switchboard.blindTransfer(callId, target));
  }

  conference(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('conference', options, 'conference', () => this.#s.switchboard.conference(callId, target));
  }

  startConsultation(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('startConsultation', options, 'consultation', () =>
      this.#s.consultations.start(callId, target, options?.signal),
    );
  }

  completeTransfer(callId: string, consultationId: string, options?: CallOptions): Promise<void> {
    return this.#s.phone('completeTransfer', options, 'consultation', () =>
      this.#s.consultations.completeTransfer(callId, consultationId),
    );
  }

  completeConference(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('completeConference', options, 'conference', () =>
      this.#s.consultations.completeConference(callId, consultationId),
    );
  }

  endConsultation(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('endConsultation', options, 'consultation', () => this.#s.consultations.end(callId, consultationId));
  }

  mute(callId: string, muted: boolean, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('mute', options, 'mute', () => this.#s.switchboard.mute(callId, muted));
  }

  alternate(callId: string, consultationId: string, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('alternate', options, 'alternate', () => this.#s.consultations.alternate(callId, consultationId));
  }

  removeParticipant(callId: string, target: TargetRef, options?: CallOptions): Promise<CallInfo> {
    return this.#s.phone('removeParticipant', options, 'removeParticipant', () => this.#s.switchboard.removeParticipant(callId, target));
  }

  /** The conference lives in the simulated network: the contact and the others stay on it. */
  leaveConference(callId: string, options?: CallOptions): Promise<void> {
    return this.#s.phone('leaveConference', options, 'leaveConference', () => this.#s.switchboard.leaveConference(callId));
  }

  // ---- DirectoryAdapter ----

  searchTargets(query: TargetQuery, options?: CallOptions): Promise<DirectoryTarget[]> {
    return this.#s.run('searchTargets', options, () => this.#s.directory.searchTargets(query));
  }

  getContact(id: string, options?: CallOptions): Promise<Contact> {
    return this.#s.run('getContact', options, () => this.#s.directory.getContact(id));
  }

  updateContact(contact: Contact & { id: string }, options?: CallOptions): Promise<Contact> {
    return this.#s.run('updateContact', options, async () => {
      const stored = await this.#s.directory.updateContact(contact);
      // Open interactions with this contact show the edit too.
      for (const i of this.#s.interactions.open().filter((i) => i.contact.id === stored.id)) {
        this.#s.interactions.patch(i.id, { contact: { ...stored } });
      }
      return stored;
    });
  }

  searchResponses(query: ResponseQuery, options?: CallOptions): Promise<StandardResponse[]> {
    return this.#s.run('searchResponses', options, () => this.#s.directory.searchResponses(query));
  }

  dispositionCodes(options?: CallOptions): Promise<DispositionNode[]> {
    return this.#s.run('dispositionCodes', options, () => this.#s.directory.dispositionCodes());
  }
}
