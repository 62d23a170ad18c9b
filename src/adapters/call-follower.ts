// Shared by the callback adapters that keep their interactions in a InteractionLedger (GMS, phone): not part
// of the public contract.
import type { Clock } from '../model/clock.js';
import type { Interaction } from '../model/interaction.js';
import { isClosed, transition, type InteractionEvent } from '../model/state-machine.js';
import { hangUpOf } from './call-end.js';
import type { CallOptions } from './callback-adapter.js';
import { AdapterError, throwIfAborted, type Unsubscribe } from './errors.js';
import { interactionFromData, type CallbackDataMapping } from './gms/callback-data.js';
import type { InteractionLedger } from './interaction-ledger.js';
import type { CallInfo, TelephonyAdapter } from './telephony-adapter.js';

export interface CallFollowerOptions {
  telephony: TelephonyAdapter;
  ledger: InteractionLedger;
  clock: Clock;
  mapping: CallbackDataMapping;
  offerTimeoutMs: number;
  canRejectByDefault: boolean;
  /**
   * The phone is the callback line (the phone adapter): every ringing inbound call is a callback
   * (its id the call's when its data names none), a call the phone refused as it arrived is shown
   * withdrawn with the reason, and one that arrives while the agent is not ready on voice, or again
   * for a callback still here, is declined. Otherwise (GMS) the phone carries other calls too: only
   * ringing calls whose data names a callback are offered, and the others are left alone.
   */
  everyCall?: boolean;
}

/**
 * Follows a telephony adapter's calls for the interactions of a {@link InteractionLedger}: a ringing call
 * with callback data is an offer, an outbound call dialled for an interaction (`DialRequest.interactionId`)
 * carries it, and each later value of a call reaches its interaction through the model's
 * `transition()`: answered, held and resumed (whoever did it: the elements on the raw phone, the
 * phone's own buttons), a remote hold, mute, a conference member leaving, the end with who or what
 * ended it ({@link hangUpOf}), a failed dial, the caller giving up while it rang.
 *
 * An adapter's own command on a call ({@link CallFollower.acting}) records its own event (a
 * transfer, a rejection, a hang-up): while it runs, the call's state changes are its doing and are
 * not read as the agent's hold or hang-up; what the far end, the network or the phone system does
 * meanwhile still is, and the call is read again once the command is done.
 */
export class CallFollower {
  readonly #o: CallFollowerOptions;
  /** Interaction id of each followed call. */
  readonly #byCall = new Map<string, string>();
  /** The last value of each followed call: the phone may forget ended calls before the ledger forgets the interaction. */
  readonly #lastCalls = new Map<string, CallInfo>();
  readonly #acting = new Map<string, number>();
  /** Interactions a command is dialling for: their call is linked by the command. */
  readonly #dialing = new Set<string>();
  readonly #stop: Unsubscribe;

  constructor(options: CallFollowerOptions) {
    this.#o = options;
    this.#stop = options.telephony.onCall((call) => this.#changed(call));
  }

  /** Stops following the phone. */
  dispose(): void {
    this.#stop();
  }

  /** The interaction a followed call carries. */
  interactionOf(callId: string): string | undefined {
    return this.#byCall.get(callId);
  }

  /** The phone's value of a call, else the last one seen of a followed call. */
  call(callId: string): CallInfo | undefined {
    return this.#o.telephony.getCall(callId) ?? this.#lastCalls.get(callId);
  }

  /** `callId` carries the interaction from now on (a call the host linked itself). */
  link(callId: string, id: string): void {
    this.#byCall.set(callId, id);
  }

  /** The ringing call that carries an offered interaction, if any. */
  ringing(id: string): string | undefined {
    const callId = this.#o.ledger.getInteraction(id)?.callId;
    return callId && this.#o.telephony.getCall(callId)?.state === 'ringing' ? callId : undefined;
  }

  /** An offer nobody answered goes back to routing: its ringing call is declined (the ledger's `onExpired`). */
  expired(interaction: Interaction): void {
    if (interaction.callId) void this.#o.telephony.decline(interaction.callId).catch(() => undefined);
  }

  /** The ledger forgot a closed interaction (its `onForget`): so are its calls. */
  forget(interaction: Interaction): void {
    for (const [callId, id] of this.#byCall) {
      if (id !== interaction.id) continue;
      this.#byCall.delete(callId);
      this.#lastCalls.delete(callId);
    }
  }

  /** Accept answers the offer's ringing call, then the offer is accepted. */
  async accept(id: string, callId: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const { ledger, telephony } = this.#o;
    ledger.check(id, { type: 'accept' });
    ledger.cancelExpiry(id);
    return this.acting(callId, async () => {
      await telephony.answer(callId, options);
      return ledger.apply(id, [{ type: 'accept' }]);
    });
  }

  /** Reject declines the offer's ringing call (back to routing), then the offer is rejected. */
  async reject(id: string, callId: string, options?: CallOptions): Promise<Interaction> {
    throwIfAborted(options?.signal);
    const { ledger, telephony } = this.#o;
    const interaction = ledger.check(id, { type: 'reject' });
    if (!interaction.offer.canReject) throw new AdapterError('not-permitted', 'This callback may not be rejected.');
    ledger.cancelExpiry(id);
    return this.acting(callId, async () => {
      await telephony.decline(callId, options);
      return ledger.apply(id, [{ type: 'reject' }]);
    });
  }

  /**
   * Call for a ready-to-call interaction: `run` dials, and the call it resolves with carries the
   * interaction (dialling `number`), followed from its first value on.
   */
  async dial(id: string, number: string, run: () => Promise<CallInfo>): Promise<CallInfo> {
    const { ledger } = this.#o;
    ledger.check(id, { type: 'dial', number });
    this.#dialing.add(id);
    let call: CallInfo;
    try {
      call = await run();
    } finally {
      this.#dialing.delete(id);
    }
    if (!this.#byCall.has(call.id)) {
      this.link(call.id, id);
      ledger.apply(id, [{ type: 'dial', number }], { callId: call.id });
    }
    this.#changed(this.call(call.id) ?? call);
    return call;
  }

  /**
   * Runs an adapter's command on a call (which records its own event once the phone did it): the
   * call's state changes meanwhile are the command's, and the call is read again afterwards.
   */
  async acting<T>(callId: string, run: () => Promise<T>): Promise<T> {
    this.#acting.set(callId, (this.#acting.get(callId) ?? 0) + 1);
    try {
      return await run();
    } finally {
      const left = this.#acting.get(callId)! - 1;
      if (left) this.#acting.set(callId, left);
      else this.#acting.delete(callId);
      const call = this.call(callId);
      if (!left && call && this.#byCall.has(callId)) this.#changed(call);
    }
  }

  #changed(call: CallInfo): void {
    const { ledger, clock } = this.#o;
    let id = this.#byCall.get(call.id);
    if (id) this.#lastCalls.set(call.id, call);
    else id = this.#adopt(call);
    if (!id) return;
    const interaction = ledger.getInteraction(id);
    if (!interaction || isClosed(interaction.state) || interaction.callId !== call.id) return;
    const events = applicable(interaction, eventsForCall(interaction, call, this.#acting.has(call.id)), clock.now());
    if (events.length) ledger.apply(id, events);
  }

  /** A call not followed yet: an offer, a Call dialled for an interaction, or a consultation's call. */
  #adopt(call: CallInfo): string | undefined {
    const { ledger } = this.#o;
    if (call.direction === 'inbound' && (call.state === 'ringing' || (this.#o.everyCall && call.state === 'ended' && call.refused))) {
      return this.#offer(call);
    }
    const parentId = call.consultationOf && this.#byCall.get(call.consultationOf);
    const parent = parentId ? ledger.getInteraction(parentId) : undefined;
    if (parent?.consultation && !parent.consultation.callId && call.state !== 'ended') {
      // The consultation call exists from its first ring: End consultation can cancel it.
      ledger.commit({ ...parent, consultation: { ...parent.consultation, callId: call.id } });
      return undefined;
    }
    const interaction = call.interactionId ? ledger.getInteraction(call.interactionId) : undefined;
    if (call.direction !== 'outbound' || interaction?.state !== 'ready-to-call' || this.#dialing.has(interaction.id)) return undefined;
    this.link(call.id, interaction.id);
    this.#lastCalls.set(call.id, call);
    ledger.apply(interaction.id, [{ type: 'dial', number: call.remote }], { callId: call.id });
    return interaction.id;
  }

  /**
   * A ringing call with callback data is that callback's offer, a voice one whatever the data says
   * of previews (the routed call is the callback itself). A callback the host offered already from
   * the same data gets this call as its own.
   */
  #offer(call: CallInfo): string | undefined {
    const { ledger, telephony, mapping, everyCall } = this.#o;
    const decline = (): undefined => {
      if (everyCall && !call.refused) void telephony.decline(call.id).catch(() => undefined);
      return undefined;
    };
    if (everyCall && ledger.getReadyState('voice') === 'not-ready') return decline();
    const data: Record<string, string> = { ...(everyCall ? { _CB_SERVICE_ID: call.id } : {}), GMS_Customer_Number: call.remote, ...call.data };
    const id = mapping.id.map((key) => data[key]).find(Boolean);
    if (!id) return undefined;
    const held = ledger.openInteraction(id);
    if (held?.state === 'offered' && !held.callId && !call.refused) {
      this.link(call.id, id);
      ledger.commit({ ...held, callId: call.id });
      return id;
    }
    // The same callback again (a retransmitted or forked INVITE): the first one stays.
    if (held) return decline();
    const now = this.#o.clock.now();
    const result = interactionFromData(data, { ...mapping, channel: () => 'voice' }, {
      now,
      offerTimeoutMs: this.#o.offerTimeoutMs,
      canRejectByDefault: this.#o.canRejectByDefault,
    });
    if (typeof result === 'string') return undefined;
    this.link(call.id, id);
    this.#lastCalls.set(call.id, call);
    ledger.offer({ ...result, callId: call.id }, now);
    // Refused as it arrived (its audio cannot be connected from here): the agent is told what came in and why.
    if (call.refused) ledger.apply(id, [{ type: 'revoke', reason: call.refused }]);
    return id;
  }
}

/**
 * What a new value of the call carrying an interaction means for it. A call ended here
 * (`endedBy: 'local'`, no `endReason`) is the agent's hang-up and a call held here the agent's
 * hold; an end caused by the agent's browser, the network or the phone system is recorded as such
 * (see {@link hangUpOf}). `own`: an adapter's command is acting on the call, so its state changes
 * are that command's (only what the far end or the equipment did is read).
 */
export function eventsForCall(interaction: Interaction, call: CallInfo, own = false): InteractionEvent[] {
  const { state } = interaction;
  const events: InteractionEvent[] = [];
  const inCall = state === 'connected' || state === 'held';
  if (call.state === 'ended') {
    const notOurs = call.endedBy === 'remote' || !!call.endReason;
    if (own && !notOurs) return events;
    if (state === 'offered') events.push({ type: 'revoke' });
    else if (state === 'dialing' && notOurs) {
      events.push({ type: 'dial-failed', result: call.dialResult && call.dialResult !== 'connected' ? call.dialResult : 'error' });
    } else if (state === 'dialing' || inCall) events.push(hangUpOf(call));
    return events;
  }
  if (state === 'dialing' && call.state === 'connected') events.push({ type: 'answered' });
  else if (own) {
    // The command's own doing: it records it.
  } else if (state === 'offered' && call.state === 'connected') events.push({ type: 'accept' });
  else if (state === 'connected' && call.state === 'held') events.push({ type: 'hold' });
  else if (state === 'held' && call.state === 'connected') events.push({ type: 'resume' });
  if (inCall || events.length) {
    if (!!call.remoteHold !== !!interaction.remoteHold) events.push({ type: 'remote-hold', held: !!call.remoteHold });
    if (!!call.muted !== !!interaction.muted) events.push({ type: 'mute', muted: !!call.muted });
    if (call.participants !== undefined) {
      const present = new Set(call.participants);
      for (const member of interaction.participants ?? []) {
        if (!present.has(member.address ?? member.name)) events.push({ type: 'participant-left', target: member });
      }
    }
  }
  return events;
}

/** The events that apply, in order, each to the interaction the ones before it left. */
export function applicable(interaction: Interaction, events: readonly InteractionEvent[], at: number): InteractionEvent[] {
  const kept: InteractionEvent[] = [];
  let current = interaction;
  for (const event of events) {
    try {
      current = transition(current, event, at);
      kept.push(event);
    } catch {
      // Already there (the same change reported twice), or not something this state takes.
    }
  }
  return kept;
}
