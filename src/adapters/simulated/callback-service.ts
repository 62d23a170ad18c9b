import type { Clock } from '../../model/clock.js';
import type { AvailabilitySlot, Channel, DispositionRef, Interaction } from '../../model/interaction.js';
import { findDisposition, MAX_RESCHEDULE_AHEAD_MS, validatePhoneNumber, validateRescheduleTime } from '../../model/validation.js';
import { markDoneEvents } from '../../model/state-machine.js';
import type { AgentReadyState, AvailabilityQuery, MarkDoneRequest, RescheduleRequest } from '../callback-adapter.js';
import { AdapterError } from '../errors.js';
import type { CallbackCalendar } from './availability.js';
import type { CallContext } from './call-context.js';
import type { SimulatedDirectory } from './directory.js';
import { Emitter } from '../emitter.js';
import { callData, type OfferPlan } from './scenarios.js';
import type { Switchboard } from './switchboard.js';
import type { TimerSet } from './timers.js';

/** How many routing entries the simulator keeps (`routingLog`). */
export const ROUTING_LOG_LIMIT = 1000;

/** What routing did with an offer that left this agent, or is waiting for them. */
export type RoutingLogEntry = { at: number; interactionId: string } & (
  | { kind: 'waiting-for-agent'; channel: Channel }
  | { kind: 'back-to-routing'; reason: 'rejected' | 'expired' }
  | { kind: 'cancelled-by-customer' }
);

type WithoutTime<T> = T extends unknown ? Omit<T, 'at'> : never;

export interface CallbackServiceOptions {
  clock: Clock;
  timers: TimerSet;
  ctx: CallContext;
  switchboard: Switchboard;
  directory: SimulatedDirectory;
  calendar: CallbackCalendar;
  /** Set: the service places accepted voice callbacks to the contact this long after Accept. */
  placeVoiceCallbackMs?: number | undefined;
}

/**
 * The simulator's callback service (what GMS is in production): offers, their outcome, and the
 * callback record: reschedule, disposition, notes, done.
 */
export class CallbackService {
  readonly routing = new Emitter<[RoutingLogEntry]>();
  readonly readyChanges = new Emitter<[Channel, AgentReadyState]>();
  /** What routing did, most recent {@link ROUTING_LOG_LIMIT} entries. */
  readonly routingLog: RoutingLogEntry[] = [];
  readonly #o: CallbackServiceOptions;
  readonly #ready: Record<Channel, AgentReadyState> = { voice: 'ready', 'web-callback': 'ready' };
  readonly #waiting: OfferPlan[] = [];
  readonly #expiry = new Map<string, symbol>();

  constructor(options: CallbackServiceOptions) {
    this.#o = options;
  }

  /** Routes the offer to the agent, or holds it until they are ready on its channel. */
  route(plan: OfferPlan): Interaction {
    const { channel } = plan.interaction;
    if (this.#ready[channel] === 'ready') return this.#offer(plan);
    this.#waiting.push(plan);
    this.#log({ interactionId: plan.interaction.id, kind: 'waiting-for-agent', channel });
    const now = this.#o.clock.now();
    return { ...plan.interaction, offer: { offeredAt: now, expiresAt: now + plan.offerTimeoutMs, canReject: plan.canReject } };
  }

  accept(id: string): Interaction {
    const { interactions } = this.#o.ctx;
    const interaction = interactions.require(id);
    interactions.assertAllowed(interaction, 'accept');
    const call = this.#ringingCall(interaction);
    if (interaction.channel === 'voice' && !call) {
      throw new AdapterError('invalid-state', 'The callback call is no longer ringing.', { detail: { state: interaction.state } });
    }
    const placeAfter = call ? this.#o.placeVoiceCallbackMs : undefined;
    const next = interactions.next(interaction, [{ type: 'accept', ...(placeAfter === undefined ? {} : { serviceDials: true }) }]);
    this.#stopExpiry(id);
    if (call && placeAfter !== undefined) this.#o.switchboard.placeCallback(call.info.id, placeAfter);
    else if (call) this.#o.switchboard.answer(call.info.id);
    return interactions.commit(next);
  }

  reject(id: string): Interaction {
    return this.#withdraw(id, 'reject', 'local');
  }

  /** The customer cancelled the callback while it was offered. */
  revoke(id: string): Interaction {
    return this.#withdraw(id, 'revoke', 'remote');
  }

  async reschedule(id: string, request: RescheduleRequest): Promise<Interaction> {
    const { interactions } = this.#o.ctx;
    interactions.assertAllowed(interactions.require(id), 'reschedule');
    const now = this.#o.clock.now();
    const slots = this.#o.calendar.slots(now, now + MAX_RESCHEDULE_AHEAD_MS);
    const time = validateRescheduleTime(request.time, { now, slots });
    if (!time.ok) {
      throw time.code === 'time-unavailable'
        ? new AdapterError('time-unavailable', time.message, {
            detail: { validation: time.code, alternatives: time.alternatives ?? [] },
          })
        : new AdapterError('invalid-input', time.message, { detail: { field: 'time', validation: time.code } });
    }
    let number: string | undefined;
    if (request.number !== undefined) {
      const checked = await validatePhoneNumber(request.number);
      if (!checked.ok) {
        throw new AdapterError('invalid-input', checked.message, { detail: { field: 'number', validation: checked.code } });
      }
      number = checked.value.e164;
    }
    // Checking the number waited for the phone library: look at the interaction again.
    const current = interactions.require(id);
    interactions.assertAllowed(current, 'reschedule');
    const next = interactions.next(current, [
      { type: 'reschedule', time: time.value, ...(number ? { number } : {}), ...(request.reason ? { reason: request.reason } : {}) },
    ]);
    this.#o.calendar.forgetBefore(now);
    this.#o.calendar.book(time.value);
    return interactions.commit(next);
  }

  availability(id: string, query: AvailabilityQuery): AvailabilitySlot[] {
    this.#o.ctx.interactions.require(id);
    if (!Number.isFinite(query.from) || !Number.isFinite(query.to) || query.to <= query.from) {
      throw new AdapterError('invalid-input', 'The availability window must end after it starts.', { detail: { field: 'to' } });
    }
    // Like GMS, answer at most a bounded window.
    const to = Math.min(query.to, query.from + MAX_RESCHEDULE_AHEAD_MS + 24 * 60 * 60 * 1000);
    return this.#o.calendar.slots(query.from, to);
  }

  setDisposition(id: string, disposition: DispositionRef): Interaction {
    const { interactions } = this.#o.ctx;
    const interaction = interactions.require(id);
    interactions.assertAllowed(interaction, 'set-disposition');
    const known = this.#knownDisposition(disposition.code);
    return interactions.commit(interactions.next(interaction, [{ type: 'disposition', disposition: known }]));
  }

  addNote(id: string, text: string): Interaction {
    const { interactions } = this.#o.ctx;
    const interaction = interactions.require(id);
    interactions.assertAllowed(interaction, 'note');
    if (!text.trim()) throw new AdapterError('invalid-input', 'The note is empty.', { detail: { field: 'text' } });
    return interactions.commit(interactions.next(interaction, [{ type: 'note', text }]));
  }

  /** Closes the interaction, setting the disposition and a last note first when given. */
  markDone(id: string, request: MarkDoneRequest = {}): Interaction {
    const { interactions } = this.#o.ctx;
    const interaction = interactions.require(id);
    const disposition = request.disposition ? this.#knownDisposition(request.disposition.code) : undefined;
    // The disposition sent with the request counts for the "mandatory disposition" rule.
    interactions.assertAllowed({ ...interaction, disposition: disposition ?? interaction.disposition }, 'mark-done');
    const next = interactions.next(interaction, markDoneEvents({ disposition, note: request.note }));
    this.#o.ctx.behaviours.delete(id);
    // Done before the service placed the call: it does not place it.
    const call = interaction.callId ? this.#o.ctx.calls.get(interaction.callId) : undefined;
    if (call?.info.state === 'dialing') this.#o.ctx.calls.end(call, 'local', { dialResult: 'cancelled' });
    return interactions.commit(next);
  }

  async findOpenByNumber(number: string): Promise<Interaction[]> {
    const checked = await validatePhoneNumber(number);
    const wanted = checked.ok ? checked.value.e164 : digitsOf(number);
    return this.#o.ctx.interactions.open().filter((i) => digitsOf(i.contact.phone) === wanted);
  }

  getReadyState(channel: Channel): AgentReadyState {
    return this.#ready[channel];
  }

  setReadyState(channel: Channel, state: AgentReadyState): void {
    if (this.#ready[channel] === state) return;
    this.#ready[channel] = state;
    this.readyChanges.emit(channel, state);
    if (state !== 'ready') return;
    for (const plan of this.#waiting.filter((p) => p.interaction.channel === channel)) {
      this.#waiting.splice(this.#waiting.indexOf(plan), 1);
      this.#offer(plan);
    }
  }

  /** Offers still waiting for a ready agent. */
  get waiting(): number {
    return this.#waiting.length;
  }

  #offer(plan: OfferPlan): Interaction {
    const now = this.#o.clock.now();
    const offer = { offeredAt: now, expiresAt: now + plan.offerTimeoutMs, canReject: plan.canReject };
    let interaction: Interaction = { ...plan.interaction, offer };
    this.#o.ctx.behaviours.set(interaction.id, plan.behaviour);
    // A voice callback arrives as a ringing call carrying the callback data. Both exist before
    // either is published, so a listener to one can look the other up.
    const call =
      interaction.channel === 'voice'
        ? this.#o.switchboard.ringIn(interaction.contact.phone, {
            interactionId: interaction.id,
            data: callData(interaction),
            behaviour: plan.behaviour,
            quiet: true,
          })
        : undefined;
    if (call) interaction = { ...interaction, callId: call.info.id };
    this.#o.ctx.interactions.add(interaction);
    if (call) this.#o.ctx.calls.publish(call);
    this.#expiry.set(interaction.id, this.#o.timers.set(() => this.#expire(interaction.id), plan.offerTimeoutMs));
    return interaction;
  }

  #expire(id: string): void {
    this.#expiry.delete(id);
    if (this.#o.ctx.interactions.get(id)?.state === 'offered') this.#withdraw(id, 'expire', 'remote');
  }

  #withdraw(id: string, type: 'reject' | 'expire' | 'revoke', endedBy: 'local' | 'remote'): Interaction {
    const { interactions } = this.#o.ctx;
    const interaction = interactions.require(id);
    if (type === 'reject') interactions.assertAllowed(interaction, 'reject');
    const next = interactions.next(interaction, [{ type }]);
    this.#stopExpiry(id);
    const call = this.#ringingCall(interaction);
    if (call) this.#o.ctx.calls.end(call, endedBy);
    this.#o.ctx.behaviours.delete(id);
    interactions.commit(next);
    this.#log(
      type === 'revoke'
        ? { interactionId: id, kind: 'cancelled-by-customer' }
        : { interactionId: id, kind: 'back-to-routing', reason: type === 'reject' ? 'rejected' : 'expired' },
    );
    return next;
  }

  #ringingCall(interaction: Interaction) {
    const call = interaction.callId ? this.#o.ctx.calls.get(interaction.callId) : undefined;
    return call?.info.state === 'ringing' ? call : undefined;
  }

  #stopExpiry(id: string): void {
    this.#o.timers.clear(this.#expiry.get(id));
    this.#expiry.delete(id);
  }

  #knownDisposition(code: string): DispositionRef {
    const known = findDisposition(this.#o.directory.dispositionTree, code);
    if (!known) {
      throw new AdapterError('invalid-input', `"${code}" is not a known disposition code.`, {
        detail: { field: 'disposition', validation: 'disposition-unknown' },
      });
    }
    return known;
  }

  #log(entry: WithoutTime<RoutingLogEntry>): void {
    const logged: RoutingLogEntry = { ...entry, at: this.#o.clock.now() };
    this.routingLog.push(logged);
    // The most recent entries only: a shift's worth would be kept for nothing.
    if (this.routingLog.length > ROUTING_LOG_LIMIT) this.routingLog.splice(0, this.routingLog.length - ROUTING_LOG_LIMIT);
    this.routing.emit(logged);
  }
}

function digitsOf(number: string): string {
  const trimmed = number.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
}
