import { msg, str } from '@lit/localize';
import type { ActionBlock, InteractionAction } from '../model/actions.js';
import type { ValidationCode } from '../model/validation.js';
import { assertNever } from '../model/states.js';

/**
 * Words only the interaction window's elements show (the call actions and why one cannot be used,
 * the forms' validation, a Mark done waiting to be sent): kept out of `messages.ts`, which loads
 * before an offer can show (issue 22).
 */

export function validationMessage(code: ValidationCode): string {
  switch (code) {
    case 'phone-empty':
      return msg('Enter a phone number.', { id: 'invalid.phone-empty' });
    case 'phone-invalid':
      return msg('This is not a valid phone number.', { id: 'invalid.phone-invalid' });
    case 'phone-too-short':
      return msg('The phone number is too short.', { id: 'invalid.phone-too-short' });
    case 'phone-too-long':
      return msg('The phone number is too long.', { id: 'invalid.phone-too-long' });
    case 'phone-invalid-country':
      return msg('Add the country code, starting with +.', { id: 'invalid.phone-country' });
    case 'phone-unchecked':
      return msg('Cannot check the number now: check the connection.', { id: 'invalid.phone-unchecked' });
    case 'dtmf-empty':
      return msg('Enter digits to send.', { id: 'invalid.dtmf-empty' });
    case 'dtmf-invalid':
      return msg('Only 0-9, *, # and A-D can be sent.', { id: 'invalid.dtmf' });
    case 'time-invalid':
      return msg('Choose a date and time.', { id: 'invalid.time' });
    case 'time-past':
      return msg('The new time must be in the future.', { id: 'invalid.time-past' });
    case 'time-too-far':
      return msg('The new time is too far ahead.', { id: 'invalid.time-too-far' });
    case 'time-unavailable':
      return msg('No callback can be taken at that time. Choose another time.', { id: 'invalid.time-unavailable' });
    case 'disposition-required':
      return msg('Choose a disposition before marking done.', { id: 'invalid.disposition-required' });
    case 'disposition-unknown':
      return msg('That disposition code is not known.', { id: 'invalid.disposition-unknown' });
    default:
      return assertNever(code);
  }
}

/** Labels of the call actions, in the trade's words (Spanish terms in DOMAIN.md §8). */
export function actionLabel(action: InteractionAction): string {
  switch (action) {
    case 'accept':
      return msg('Accept', { id: 'action.accept' });
    case 'reject':
      return msg('Reject', { id: 'action.reject' });
    case 'call':
      return msg('Call', { id: 'action.call' });
    case 'end-call':
      return msg('End call', { id: 'action.end-call' });
    case 'hold':
      return msg('Hold', { id: 'action.hold' });
    case 'resume':
      return msg('Resume call', { id: 'action.resume' });
    case 'transfer':
      return msg('Instant call transfer', { id: 'action.transfer' });
    case 'conference':
      return msg('Instant call conference', { id: 'action.conference' });
    case 'dtmf':
      return msg('Send DTMF', { id: 'action.dtmf' });
    case 'consult':
      return msg('Start consultation', { id: 'action.consult' });
    case 'consult-transfer':
      return msg('Transfer to consulted party', { id: 'action.consult-transfer' });
    case 'consult-conference':
      return msg('Conference consulted party', { id: 'action.consult-conference' });
    case 'consult-end':
      return msg('End consultation', { id: 'action.consult-end' });
    case 'reschedule':
      return msg('Reschedule callback', { id: 'action.reschedule' });
    case 'mark-done':
      return msg('Mark done', { id: 'action.mark-done' });
    case 'set-disposition':
      return msg('Disposition', { id: 'action.set-disposition' });
    case 'note':
      return msg('Note', { id: 'action.note' });
    case 'participant-menu':
      return msg('Contact actions', { id: 'action.participant-menu' });
    case 'mute':
      return msg('Mute', { id: 'action.mute' });
    case 'unmute':
      return msg('Unmute', { id: 'action.unmute' });
    case 'alternate':
      return msg('Alternate', { id: 'action.alternate' });
    case 'remove-participant':
      return msg('Remove from conference', { id: 'action.remove-participant' });
    case 'leave-conference':
      return msg('Leave conference', { id: 'action.leave-conference' });
    default:
      return assertNever(action);
  }
}

/** Why an action cannot be used right now, for the agent. */
export function blockReasonMessage(reason: ActionBlock): string {
  switch (reason) {
    case 'not-permitted':
      return msg('You do not have the permission for this.', { id: 'block.not-permitted' });
    case 'not-supported':
      return msg('Not available with the current phone or callback service.', { id: 'block.not-supported' });
    case 'not-applicable':
      return msg('Not available for this kind of interaction.', { id: 'block.not-applicable' });
    case 'wrong-state':
      return msg('Not possible in the current call state.', { id: 'block.wrong-state' });
    case 'consultation-active':
      return msg('Finish the consultation first.', { id: 'block.consultation-active' });
    case 'consultation-not-connected':
      return msg('Wait until the consulted party answers.', { id: 'block.consultation-not-connected' });
    case 'call-active':
      return msg('End the call first.', { id: 'block.call-active' });
    case 'no-call-yet':
      return msg('Call the contact at least once before rescheduling.', { id: 'block.no-call-yet' });
    case 'disposition-required':
      return msg('Choose a disposition before marking done.', { id: 'block.disposition-required' });
    case 'no-other-channel':
      return msg('The contact has no e-mail, SMS or chat address.', { id: 'block.no-other-channel' });
    default:
      return assertNever(reason);
  }
}

/** What the agent is told while a Mark done waits for the callback service to be back. */
export function pendingWorkMessage(kind: 'mark-done' | 'not-durable' | 'retry' | 'retrying'): string {
  switch (kind) {
    case 'mark-done':
      return msg(
        "Not marked done yet: the callback service can't be reached. Your note and disposition are kept and will be sent when it is back.",
        { id: 'pending.mark-done' },
      );
    case 'not-durable':
      return msg('This browser cannot keep them if the page is closed: keep this page open until they are sent.', { id: 'pending.not-durable' });
    case 'retry':
      return msg('Retry now', { id: 'pending.retry' });
    case 'retrying':
      return msg('Sending…', { id: 'pending.retrying' });
    default:
      return assertNever(kind);
  }
}

/** A disposition the agent chose that the callback service does not have yet. */
export function pendingDispositionMessage(label: string): string {
  return msg(str`Chosen: ${label} (not saved yet; kept and sent with Mark done).`, { id: 'pending.disposition' });
}
