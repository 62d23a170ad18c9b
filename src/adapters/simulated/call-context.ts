import type { InteractionAction } from '../../model/actions.js';
import type { TargetRef } from '../../model/interaction.js';
import { isClosed, type InteractionEvent } from '../../model/state-machine.js';
import { AdapterError } from '../errors.js';
import {
  DEFAULT_CONTACT_BEHAVIOUR,
  DEFAULT_TARGET_BEHAVIOUR,
  type ContactBehaviour,
  type TargetBehaviour,
} from './behaviour.js';
import type { CallStore, SimulatedCall } from './calls.js';
import { CONTACT_BEHAVIOURS, TARGET_BEHAVIOURS } from './directory-data.js';
import type { SimulatedDirectory } from './directory.js';
import type { InteractionPatch, InteractionStore } from './interactions.js';

export interface ResolvedTarget {
  target: TargetRef;
  address: string;
  behaviour: TargetBehaviour;
}

/**
 * What the call-control pieces share: the stores, the people's behaviour, and the rule that a call
 * carrying an interaction changes only if the interaction's model allows it too.
 */
export class CallContext {
  readonly calls: CallStore;
  readonly interactions: InteractionStore;
  readonly directory: SimulatedDirectory;
  /** Scripted behaviour of the contact behind each interaction (from its scenario). */
  readonly behaviours = new Map<string, ContactBehaviour>();
  readonly #nextId: (prefix: string) => string;

  constructor(
    calls: CallStore,
    interactions: InteractionStore,
    directory: SimulatedDirectory,
    nextId: (prefix: string) => string,
  ) {
    this.calls = calls;
    this.interactions = interactions;
    this.directory = directory;
    this.#nextId = nextId;
  }

  nextId(prefix: string): string {
    return this.#nextId(prefix);
  }

  /**
   * Checks `action` and computes `events` on the call's interaction, without changing anything;
   * returns the commit to run once the call itself has changed. Calls without an open interaction
   * only have the call-level rules.
   */
  prepare(call: SimulatedCall, action: InteractionAction, events: readonly InteractionEvent[], patch?: InteractionPatch): () => void {
    const id = call.info.interactionId;
    const interaction = id ? this.interactions.get(id) : undefined;
    if (!interaction || isClosed(interaction.state) || interaction.callId !== call.info.id) return () => undefined;
    this.interactions.assertAllowed(interaction, action);
    const next = this.interactions.next(interaction, events, patch);
    return () => {
      this.interactions.commit(next);
    };
  }

  /** Applies `events` to the call's interaction for something the far end did. */
  remoteEvent(call: SimulatedCall, events: readonly InteractionEvent[]): void {
    const id = call.info.interactionId;
    const interaction = id ? this.interactions.get(id) : undefined;
    if (!interaction || isClosed(interaction.state) || interaction.callId !== call.info.id) return;
    this.interactions.commit(this.interactions.next(interaction, events));
  }

  behaviourFor(interactionId: string | undefined, number: string): ContactBehaviour {
    return (interactionId && this.behaviours.get(interactionId)) || CONTACT_BEHAVIOURS[number] || DEFAULT_CONTACT_BEHAVIOUR;
  }

  /** A directory target by id, or an external address; its consultation behaviour. */
  resolveTarget(target: TargetRef, interactionId?: string): ResolvedTarget {
    const known = this.directory.findTarget(target.id);
    const address = target.address ?? known?.address;
    if (!known && !address) throw new AdapterError('not-found', `No target with id "${target.id}".`);
    const scripted = interactionId ? this.behaviours.get(interactionId)?.consultation : undefined;
    return {
      target: { kind: target.kind, id: target.id, name: target.name, ...(address ? { address } : {}) },
      address: address ?? target.id,
      behaviour: scripted ?? TARGET_BEHAVIOURS[target.id] ?? DEFAULT_TARGET_BEHAVIOUR,
    };
  }

  /** The call just connected: the contact's script may have them hang up later. */
  connected(call: SimulatedCall): void {
    const after = call.behaviour.hangUpAfterMs;
    if (after === undefined) return;
    this.calls.schedule(call, () => this.contactHangsUp(call), after);
  }

  /** The customer ends the call: a consultation in progress goes with it. */
  contactHangsUp(call: SimulatedCall): void {
    if (!['connected', 'held'].includes(call.info.state)) return;
    const consultation = call.consultation && this.calls.get(call.consultation.callId);
    call.consultation = undefined;
    if (consultation) this.calls.end(consultation, 'local');
    this.calls.end(call, 'remote');
    this.remoteEvent(call, [{ type: 'hang-up', by: 'contact' }]);
  }

  /**
   * Ends the consultation call and gives the agent the customer back (the model's `consult-end`):
   * the agent asked for it (`local`) or the target hung up (`remote`).
   */
  returnFromConsultation(call: SimulatedCall, endedBy: 'local' | 'remote'): void {
    const consultation = call.consultation && this.calls.get(call.consultation.callId);
    if (!consultation) throw new AdapterError('invalid-state', 'There is no consultation on this call.');
    const commit = endedBy === 'local' ? this.prepare(call, 'consult-end', [{ type: 'consult-end' }]) : undefined;
    call.consultation = undefined;
    this.calls.end(consultation, endedBy);
    this.calls.update(call, { state: 'connected' });
    if (commit) commit();
    else this.remoteEvent(call, [{ type: 'consult-end' }]);
  }
}
