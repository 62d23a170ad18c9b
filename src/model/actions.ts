import type { DispositionRef, Interaction, InteractionState } from './interaction.js';
import { assertNever, isAccepted } from './states.js';
import { DEFAULT_POLICY, type Policy } from './policy.js';

// The policy and its defaults are in policy.ts (what the eager part of the drop-in bundle needs),
// re-exported here: this module is where the model's API has them.
export { ANSWER_WAITING_ACTIONS, DEFAULT_POLICY, actionTimeout, mergePolicy, type Policy } from './policy.js';

/** Everything an agent can ask for on an interaction. Each UI control maps to one of these. */
export type InteractionAction =
  | 'accept'
  | 'reject'
  | 'call'
  | 'end-call'
  | 'hold'
  | 'resume'
  | 'transfer'
  | 'conference'
  | 'dtmf'
  | 'consult'
  | 'consult-transfer'
  | 'consult-conference'
  | 'consult-end'
  | 'reschedule'
  | 'mark-done'
  | 'set-disposition'
  | 'note'
  | 'participant-menu'
  | 'mute'
  | 'unmute'
  | 'alternate'
  | 'remove-participant'
  | 'leave-conference';

export const INTERACTION_ACTIONS: readonly InteractionAction[] = [
  'accept',
  'reject',
  'call',
  'end-call',
  'hold',
  'resume',
  'transfer',
  'conference',
  'dtmf',
  'consult',
  'consult-transfer',
  'consult-conference',
  'consult-end',
  'reschedule',
  'mark-done',
  'set-disposition',
  'note',
  'participant-menu',
  'mute',
  'unmute',
  'alternate',
  'remove-participant',
  'leave-conference',
];

/** What the adapters in use can do. Missing = not supported. */
export interface Capabilities {
  dial: boolean;
  hold: boolean;
  dtmf: boolean;
  blindTransfer: boolean;
  conference: boolean;
  consultation: boolean;
  reschedule: boolean;
  /** Mute the agent's microphone on a call. */
  mute: boolean;
  /** Swap the held party and the talking one during a consultation. */
  alternate: boolean;
  /** Drop one party from a conference. */
  removeParticipant: boolean;
  /** The agent leaves a conference and the others stay connected (a conference bridge in the network). */
  leaveConference: boolean;
}

export const ALL_CAPABILITIES: Readonly<Capabilities> = Object.freeze({
  dial: true,
  hold: true,
  dtmf: true,
  blindTransfer: true,
  conference: true,
  consultation: true,
  reschedule: true,
  mute: true,
  alternate: true,
  removeParticipant: true,
  leaveConference: true,
});

/** Why an action is not offered or not possible right now. */
export type ActionBlock =
  | 'not-permitted'
  | 'not-supported'
  | 'not-applicable'
  | 'wrong-state'
  | 'consultation-active'
  | 'consultation-not-connected'
  | 'call-active'
  | 'no-call-yet'
  | 'disposition-required'
  | 'no-other-channel';

export type ActionAvailability =
  | { status: 'enabled' }
  | { status: 'disabled'; reason: ActionBlock }
  | { status: 'hidden'; reason: ActionBlock };

const ENABLED: ActionAvailability = Object.freeze({ status: 'enabled' });
const disabled = (reason: ActionBlock): ActionAvailability => ({ status: 'disabled', reason });
const hidden = (reason: ActionBlock): ActionAvailability => ({ status: 'hidden', reason });

export interface ActionContext {
  capabilities?: Partial<Capabilities>;
  policy?: Partial<Policy>;
  /**
   * A disposition the agent chose that the service may not have yet (kept locally, sent with Mark
   * done): it satisfies a mandatory disposition as much as one the service has.
   */
  chosenDisposition?: DispositionRef | undefined;
}

/**
 * The one answer to "may the agent do this now?". Hidden: the agent can never do it here (a
 * privilege, a capability, or a control that does not belong to this state, like Resume while
 * connected). Disabled: visible but not possible at this moment, with the reason to show.
 */
export function actionAvailability(
  interaction: Interaction,
  action: InteractionAction,
  context: ActionContext = {},
): ActionAvailability {
  const caps: Capabilities = { ...ALL_CAPABILITIES, ...context.capabilities };
  const policy: Policy = { ...DEFAULT_POLICY, ...context.policy };
  const { state, consultation } = interaction;
  const inCall = state === 'connected' || state === 'held';
  const gate = (permitted: boolean, supported: boolean): ActionAvailability | undefined =>
    !permitted ? hidden('not-permitted') : !supported ? hidden('not-supported') : undefined;

  switch (action) {
    case 'accept':
      return state === 'offered' ? ENABLED : hidden('wrong-state');
    case 'reject':
      if (state !== 'offered') return hidden('wrong-state');
      return policy.canReject && interaction.offer.canReject ? ENABLED : hidden('not-permitted');
    case 'call':
      if (interaction.channel !== 'web-callback') return hidden('not-applicable');
      return gate(true, caps.dial) ?? (state === 'ready-to-call' ? ENABLED : hidden('wrong-state'));
    case 'end-call':
      if (state === 'dialing') return ENABLED;
      if (!inCall) return hidden('wrong-state');
      return consultation ? disabled('consultation-active') : ENABLED;
    case 'hold':
      return (
        gate(true, caps.hold) ??
        (state === 'connected'
          ? consultation
            ? disabled('consultation-active')
            : ENABLED
          : state === 'dialing'
            ? disabled('wrong-state')
            : hidden('wrong-state'))
      );
    case 'resume':
      if (state !== 'held') return hidden('wrong-state');
      return gate(true, caps.hold) ?? (consultation ? disabled('consultation-active') : ENABLED);
    case 'transfer':
      return gate(policy.canTransfer, caps.blindTransfer) ?? inCallAction(state, !!consultation);
    case 'conference':
      return gate(policy.canConference, caps.conference) ?? inCallAction(state, !!consultation);
    case 'dtmf':
      return (
        gate(policy.canDtmf, caps.dtmf) ??
        (state === 'connected' ? ENABLED : state === 'held' || state === 'dialing' ? disabled('wrong-state') : hidden('wrong-state'))
      );
    case 'consult':
      return gate(policy.canConsult, caps.consultation) ?? inCallAction(state, !!consultation);
    case 'consult-transfer':
    case 'consult-conference': {
      const blocked =
        action === 'consult-transfer'
          ? gate(policy.canTransfer && policy.canConsult, caps.consultation)
          : gate(policy.canConference && policy.canConsult, caps.consultation && caps.conference);
      if (blocked) return blocked;
      if (!consultation) return hidden('wrong-state');
      return consultation.state === 'connected' ? ENABLED : disabled('consultation-not-connected');
    }
    case 'consult-end':
      return consultation ? ENABLED : hidden('wrong-state');
    case 'reschedule': {
      const blocked = gate(policy.canReschedule, caps.reschedule);
      if (blocked) return blocked;
      if (!isAccepted(state)) return hidden('wrong-state');
      if (state === 'dialing') return disabled('wrong-state');
      // A web callback's Schedule callback closes it, as Done does: not during a call.
      if (interaction.channel === 'web-callback' && (state === 'connected' || state === 'held')) return disabled('call-active');
      if (state === 'ready-to-call' && !policy.canRescheduleBeforeCall && interaction.attempts.length === 0) {
        return disabled('no-call-yet');
      }
      return ENABLED;
    }
    case 'mark-done': {
      const blocked = gate(policy.canMarkDone, true);
      if (blocked) return blocked;
      if (!isAccepted(state)) return hidden('wrong-state');
      if (state !== 'ready-to-call' && state !== 'ended') return disabled('call-active');
      if (policy.dispositionMandatory && !interaction.disposition && !context.chosenDisposition) return disabled('disposition-required');
      return ENABLED;
    }
    case 'set-disposition':
      return gate(policy.canSetDisposition, true) ?? (isAccepted(state) ? ENABLED : hidden('wrong-state'));
    case 'note':
      return isAccepted(state) ? ENABLED : hidden('wrong-state');
    case 'participant-menu': {
      if (!isAccepted(state)) return hidden('wrong-state');
      const { email, sms, chat } = interaction.contact;
      return email || sms || chat ? ENABLED : disabled('no-other-channel');
    }
    case 'mute':
    case 'unmute': {
      const blocked = gate(true, caps.mute);
      if (blocked) return blocked;
      if (state === 'dialing' && action === 'mute') return disabled('wrong-state');
      if (!inCall || !!interaction.muted !== (action === 'unmute')) return hidden('wrong-state');
      return ENABLED;
    }
    case 'alternate': {
      const blocked = gate(policy.canConsult, caps.consultation && caps.alternate);
      if (blocked) return blocked;
      if (!consultation || !inCall) return hidden('wrong-state');
      return consultation.state === 'connected' ? ENABLED : disabled('consultation-not-connected');
    }
    case 'remove-participant':
    case 'leave-conference': {
      const supported = action === 'remove-participant' ? caps.removeParticipant : caps.leaveConference;
      const blocked = gate(policy.canConference, caps.conference && supported);
      if (blocked) return blocked;
      if (!inCall || !interaction.participants?.length) return hidden('wrong-state');
      return consultation ? disabled('consultation-active') : ENABLED;
    }
    default:
      return assertNever(action);
  }
}

function inCallAction(state: InteractionState, consulting: boolean): ActionAvailability {
  if (state === 'connected' || state === 'held') return consulting ? disabled('consultation-active') : ENABLED;
  return state === 'dialing' ? disabled('wrong-state') : hidden('wrong-state');
}

/** Every action's availability at once, for a toolbar to render from. */
export function allowedActions(
  interaction: Interaction,
  context: ActionContext = {},
): Record<InteractionAction, ActionAvailability> {
  const result = {} as Record<InteractionAction, ActionAvailability>;
  for (const action of INTERACTION_ACTIONS) result[action] = actionAvailability(interaction, action, context);
  return result;
}

/** Shorthand: the action is offered and possible now. */
export function canDo(interaction: Interaction, action: InteractionAction, context?: ActionContext): boolean {
  return actionAvailability(interaction, action, context).status === 'enabled';
}
