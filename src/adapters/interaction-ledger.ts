// Shared by the adapters (GMS, phone): nothing here is part of the public contract.
import type { Clock } from '../model/clock.js';
import type { Channel, DispositionRef, Interaction } from '../model/interaction.js';
import { InvalidTransitionError, isClosed, markDoneEvents, transition, type InteractionEvent } from '../model/state-machine.js';
import type { AgentReadyState, MarkDoneRequest } from './callback-adapter.js';
import { Emitter } from './emitter.js';
import { AdapterError, type Unsubscribe } from './errors.js';
import { DEFAULT_FORGET_CLOSED_AFTER_MS, Retention } from './retention.js';

export interface InteractionLedgerOptions {
  clock: Clock;
  /** The agent's state on every channel until they change it. */
  readyState: AgentReadyState;
  /** Runs after an offer expired here and the change was published (the phone gives the call back). */
  onExpired?: (interaction: Interaction) => void;
  /** How long a closed interaction is remembered after it closed (default 15 minutes). */
  forgetClosedAfterMs?: number;
  /** Runs when a closed interaction is forgotten (the adapter drops what it keeps for it). */
  onForget?: (interaction: Interaction) => void;
}

export interface LedgerMarkDone {
  /** The adapter's own disposition list: returns the known disposition or throws `invalid-input`. */
  known: (disposition: DispositionRef) => DispositionRef;
  /** Mark done needs a disposition, sent now or set before. */
  mandatory: boolean;
}

/**
 * The interaction ledger: the agent-side record of offered and accepted callbacks that a backend without its own push
 * channel (GMS, callbacks arriving as calls) keeps in the page: the interactions, the offer,
 * change and ready-state listeners, the offer expiry timers on the clock, and every change applied
 * through the model's `transition()`. The adapter decides when things happen and what its backend
 * is told; the ledger only keeps the record and publishes each change.
 */
export class InteractionLedger {
  readonly #clock: Clock;
  readonly #onExpired: ((interaction: Interaction) => void) | undefined;
  readonly #interactions = new Map<string, Interaction>();
  readonly #expiry = new Map<string, unknown>();
  readonly #offers = new Emitter<[Interaction]>();
  readonly #changes = new Emitter<[Interaction]>();
  readonly #readyChanges = new Emitter<[Channel, AgentReadyState]>();
  readonly #ready: Record<Channel, AgentReadyState>;
  readonly #retention: Retention;

  constructor(options: InteractionLedgerOptions) {
    this.#clock = options.clock;
    this.#onExpired = options.onExpired;
    // A shift of hundreds of callbacks must not keep them all: closed ones go after a grace period.
    this.#retention = new Retention(options.clock, options.forgetClosedAfterMs ?? DEFAULT_FORGET_CLOSED_AFTER_MS, (id) => {
      const held = this.#interactions.get(id);
      if (!held || !isClosed(held.state)) return true;
      this.#interactions.delete(id);
      options.onForget?.(held);
      return true;
    });
    this.#ready = { voice: options.readyState, 'web-callback': options.readyState };
  }

  onOffer(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#offers.on(listener);
  }

  onInteraction(listener: (interaction: Interaction) => void): Unsubscribe {
    return this.#changes.on(listener);
  }

  getInteraction(id: string): Interaction | undefined {
    return this.#interactions.get(id);
  }

  listInteractions(): Interaction[] {
    return [...this.#interactions.values()].filter((i) => !isClosed(i.state));
  }

  /** The interaction with this id while it is still with the agent: the same callback offered again is this one. */
  openInteraction(id: string): Interaction | undefined {
    const held = this.#interactions.get(id);
    return held && !isClosed(held.state) ? held : undefined;
  }

  /**
   * Publishes a new offer (to `onOffer`, then `onInteraction`) and starts its expiry timer;
   * `now` is the time its `expiresAt` was computed from.
   */
  offer(interaction: Interaction, now: number): void {
    this.#retention.sweep();
    this.#interactions.set(interaction.id, interaction);
    this.#expiry.set(
      interaction.id,
      this.#clock.setTimeout(() => this.#expire(interaction.id), interaction.offer.expiresAt - now),
    );
    this.#offers.emit(interaction);
    this.#changes.emit(interaction);
  }

  /** Throws `not-found` when the ledger has no such interaction. */
  require(id: string): Interaction {
    const interaction = this.#interactions.get(id);
    if (!interaction) throw new AdapterError('not-found', `No interaction ${id}.`);
    return interaction;
  }

  /** Throws `not-found`, or `invalid-state` when the event does not apply now; changes nothing. */
  check(id: string, event: InteractionEvent): Interaction {
    const interaction = this.require(id);
    this.#next(interaction, [event]);
    return interaction;
  }

  /** Applies the events to the interaction as it is now (with `patch` first), all or none, and publishes the result. */
  apply(id: string, events: readonly InteractionEvent[], patch: Partial<Interaction> = {}): Interaction {
    return this.commit(this.#next({ ...this.require(id), ...patch }, events));
  }

  /** Stores a new value of an interaction and publishes it; an offer answered in any way stops its timer. */
  commit(next: Interaction): Interaction {
    this.#interactions.set(next.id, next);
    if (next.state !== 'offered') this.cancelExpiry(next.id);
    if (isClosed(next.state)) this.#retention.finished(next.id);
    this.#changes.emit(next);
    this.#retention.sweep();
    return next;
  }

  /**
   * Mark done as every ledger does it: `done` must apply, the disposition must be known and,
   * when mandatory, present; then the disposition, the last note and `done` in one change.
   */
  markDone(id: string, request: MarkDoneRequest, rules: LedgerMarkDone): Interaction {
    const interaction = this.check(id, { type: 'done' });
    const disposition = request.disposition ? rules.known(request.disposition) : undefined;
    if (rules.mandatory && !(disposition ?? interaction.disposition)) {
      throw new AdapterError('invalid-input', 'A disposition is required before Mark done.');
    }
    return this.apply(id, markDoneEvents({ disposition, note: request.note }));
  }

  /** Stops an offer's timer before the adapter's own answer to it, which may take a while. */
  cancelExpiry(id: string): void {
    const timer = this.#expiry.get(id);
    if (timer !== undefined) this.#clock.clearTimeout(timer);
    this.#expiry.delete(id);
  }

  getReadyState(channel: Channel): AgentReadyState {
    return this.#ready[channel];
  }

  /** Records the state and tells the listeners, only when it changed. */
  setReadyState(channel: Channel, state: AgentReadyState): void {
    if (this.#ready[channel] === state) return;
    this.#ready[channel] = state;
    this.#readyChanges.emit(channel, state);
  }

  onReadyState(listener: (channel: Channel, state: AgentReadyState) => void): Unsubscribe {
    return this.#readyChanges.on(listener);
  }

  stopOfferTimers(): void {
    for (const timer of this.#expiry.values()) this.#clock.clearTimeout(timer);
    this.#expiry.clear();
  }

  clearListeners(): void {
    this.#offers.clear();
    this.#changes.clear();
    this.#readyChanges.clear();
  }

  #next(interaction: Interaction, events: readonly InteractionEvent[]): Interaction {
    const at = this.#clock.now();
    try {
      return events.reduce((current, event) => transition(current, event, at), interaction);
    } catch (error) {
      if (error instanceof InvalidTransitionError) {
        throw new AdapterError('invalid-state', `${error.message}.`, { cause: error, detail: { state: error.from } });
      }
      throw error;
    }
  }

  #expire(id: string): void {
    this.#expiry.delete(id);
    const interaction = this.#interactions.get(id);
    if (interaction?.state !== 'offered') return;
    const expired = this.commit(transition(interaction, { type: 'expire' }, this.#clock.now()));
    this.#onExpired?.(expired);
  }
}
