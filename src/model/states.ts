// Questions about an interaction's state, without the transitions (state-machine.ts, which
// re-exports these): what elements and controllers ask, kept apart so that the drop-in bundle's
// eager part does not carry the transition table that only the adapters run (issue 22).
import type { InteractionState } from './interaction.js';

const CLOSED: ReadonlySet<InteractionState> = new Set(['rejected', 'expired', 'revoked', 'done']);
const IN_CALL: ReadonlySet<InteractionState> = new Set(['connected', 'held']);

/** True once the offer was answered one way or another and nothing more can happen. */
export function isClosed(state: InteractionState): boolean {
  return CLOSED.has(state);
}

/** True while the agent holds the interaction (accepted and not yet done). */
export function isAccepted(state: InteractionState): boolean {
  return state === 'ready-to-call' || state === 'dialing' || IN_CALL.has(state) || state === 'ended';
}

/**
 * Whether an interaction last seen in `previous` can next be seen in `next`. Interactions carry no
 * version, so an event a backend replays out of order (a reconnecting stream, a retried webhook) is
 * told by the state machine: once accepted, an interaction never goes back to its offer (offered,
 * rejected, expired, revoked), and once closed it stays as it closed.
 */
export function canFollow(previous: InteractionState, next: InteractionState): boolean {
  if (isClosed(previous)) return next === previous;
  if (isAccepted(previous)) return isAccepted(next) || next === 'done';
  return true;
}

/** True while there is a live call with the contact. */
export function isInCall(state: InteractionState): boolean {
  return IN_CALL.has(state);
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
