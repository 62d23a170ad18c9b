import { msg } from '@lit/localize';
import type { ActionBlock } from '../../model/actions.js';
import type { RescheduleReason } from '../../model/interaction.js';
import { assertNever } from '../../model/states.js';

/** Localized words of `<callback-scheduler>` that other elements may want too. */

export const RESCHEDULE_REASONS: readonly RescheduleReason[] = ['no-answer', 'busy', 'unavailable', 'answering-machine', 'requested'];

export function rescheduleReasonLabel(reason: RescheduleReason): string {
  switch (reason) {
    case 'no-answer':
      return msg('No answer', { id: 'reschedule-reason.no-answer' });
    case 'busy':
      return msg('Busy', { id: 'reschedule-reason.busy' });
    case 'unavailable':
      return msg('Contact unavailable', { id: 'reschedule-reason.unavailable' });
    case 'answering-machine':
      return msg('Answering machine', { id: 'reschedule-reason.answering-machine' });
    case 'requested':
      return msg('Requested by the customer', { id: 'reschedule-reason.requested' });
    default:
      return assertNever(reason);
  }
}

/** Why rescheduling is not possible right now, in the agent's words. */
export function rescheduleBlockedMessage(reason: ActionBlock): string {
  switch (reason) {
    case 'no-call-yet':
      return msg('Call the contact at least once before scheduling another callback.', { id: 'reschedule-blocked.no-call-yet' });
    case 'wrong-state':
      return msg('The callback cannot be rescheduled while the call is being dialed.', { id: 'reschedule-blocked.wrong-state' });
    case 'not-permitted':
      return msg('You are not allowed to reschedule callbacks.', { id: 'reschedule-blocked.not-permitted' });
    case 'not-supported':
      return msg('The callback service cannot reschedule callbacks.', { id: 'reschedule-blocked.not-supported' });
    case 'call-active':
      return msg('End the call before scheduling another callback.', { id: 'reschedule-blocked.call-active' });
    case 'not-applicable':
    case 'consultation-active':
    case 'consultation-not-connected':
    case 'disposition-required':
    case 'no-other-channel':
      return msg('The callback cannot be rescheduled right now.', { id: 'reschedule-blocked.other' });
    default:
      return assertNever(reason);
  }
}
