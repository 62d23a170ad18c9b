import { actionAvailability, type ActionContext, type InteractionAction } from '../../model/actions.js';
import type { Clock } from '../../model/clock.js';
import type { Interaction } from '../../model/interaction.js';
import { InvalidTransitionError, isClosed, transition, type InteractionEvent } from '../../model/state-machine.js';
import { AdapterError } from '../errors.js';
import { Emitter } from '../emitter.js';
import { Retention } from '../retention.js';

/** Fields the simulator may set beside what `transition()` changes; never `state`. */
export type InteractionPatch = Partial<Omit<Interaction, 'state' | 'id'>>;

/**
 * The interactions the contact center knows, and the only place they change: every state change
 * is a model `transition()`, and every change is published with a new object.
 */
export class InteractionStore {
  readonly changes = new Emitter<[Interaction]>();
  readonly offers = new Emitter<[Interaction]>();
  readonly #items = new Map<string, Interaction>();
  readonly #clock: Clock;
  readonly #context: () => ActionContext;
  readonly #retention: Retention;

  /**
   * `forgetClosedAfterMs`: a closed interaction is forgotten that long after it closed (then
   * `onForget(id)` runs), so a shift of hundreds of callbacks does not keep them all.
   */
  constructor(clock: Clock, context: () => ActionContext, forgetClosedAfterMs = Infinity, onForget: (id: string) => void = () => {}) {
    this.#clock = clock;
    this.#context = context;
    this.#retention = new Retention(clock, forgetClosedAfterMs, (id) => {
      const item = this.#items.get(id);
      if (item && !isClosed(item.state)) return true;
      this.#items.delete(id);
      onForget(id);
      return true;
    });
  }

  /** Closed interactions still remembered (the bench and the leak tests read it). */
  get remembered(): number {
    return this.#items.size;
  }

  /** Forgets the closed interactions whose grace period is over. */
  sweep(): void {
    this.#retention.sweep();
  }

  get(id: string): Interaction | undefined {
    return this.#items.get(id);
  }

  require(id: string): Interaction {
    const interaction = this.#items.get(id);
    if (!interaction) throw new AdapterError('not-found', `No interaction with id "${id}".`);
    return interaction;
  }

  /** Offered to or held by the agent. */
  open(): Interaction[] {
    return [...this.#items.values()].filter((i) => !isClosed(i.state));
  }

  /** A new offer: stored, then published to offer and change listeners. */
  add(interaction: Interaction): void {
    this.#retention.sweep();
    if (this.#items.has(interaction.id)) throw new AdapterError('conflict', `Interaction "${interaction.id}" exists.`);
    this.#items.set(interaction.id, interaction);
    this.offers.emit(interaction);
    this.changes.emit(interaction);
  }

  /** The interaction after `events`, not stored yet; an event that does not apply is `invalid-state`. */
  next(from: Interaction, events: readonly InteractionEvent[], patch: InteractionPatch = {}): Interaction {
    const at = this.#clock.now();
    let result = from;
    try {
      for (const event of events) result = transition(result, event, at);
    } catch (error) {
      if (error instanceof InvalidTransitionError) {
        throw new AdapterError('invalid-state', error.message, { cause: error, detail: { state: error.from } });
      }
      throw error;
    }
    return { ...result, ...patch };
  }

  /** Stores and publishes. */
  commit(interaction: Interaction): Interaction {
    this.#items.set(interaction.id, interaction);
    if (isClosed(interaction.state)) this.#retention.finished(interaction.id);
    this.changes.emit(interaction);
    this.#retention.sweep();
    return interaction;
  }

  apply(id: string, events: readonly InteractionEvent[], patch?: InteractionPatch): Interaction {
    return this.commit(this.next(this.require(id), events, patch));
  }

  /** Changes fields that are not the state (the contact after an edit, the call id). */
  patch(id: string, patch: InteractionPatch): Interaction {
    return this.commit({ ...this.require(id), ...patch });
  }

  /**
   * Refuses what a real backend would: an action the model does not allow in this state, or one the
   * capabilities or privileges rule out.
   */
  assertAllowed(interaction: Interaction, action: InteractionAction, context: ActionContext = this.#context()): void {
    const availability = actionAvailability(interaction, action, context);
    if (availability.status === 'enabled') return;
    const detail = { action, reason: availability.reason, state: interaction.state };
    const message = `"${action}" is not possible on interaction ${interaction.id} (${availability.reason}, ${interaction.state}).`;
    switch (availability.reason) {
      case 'not-permitted':
        throw new AdapterError('not-permitted', message, { detail });
      case 'not-supported':
        throw new AdapterError('not-supported', message, { detail });
      case 'disposition-required':
        throw new AdapterError('invalid-input', message, { detail: { ...detail, validation: 'disposition-required' } });
      default:
        throw new AdapterError('invalid-state', message, { detail });
    }
  }
}
