import { msg, str } from '@lit/localize';
import type { AdapterError, AdapterErrorCode } from '../adapters/errors.js';
import type { ActionBlock, InteractionAction } from '../model/actions.js';
import type { CallbackType, DialResult } from '../model/interaction.js';
import type { ValidationCode } from '../model/validation.js';
import { assertNever } from '../model/state-machine.js';

/** Localized names of the things every element shows. One place, so translations stay consistent. */

export function callbackTypeLabel(type: CallbackType): string {
  switch (type) {
    case 'immediate':
      return msg('Immediate', { id: 'type.immediate' });
    case 'delayed':
      return msg('Delayed', { id: 'type.delayed' });
    case 'scheduled':
      return msg('Scheduled', { id: 'type.scheduled' });
    case 'preview':
      return msg('Delayed (agent preview)', { id: 'type.preview' });
    default:
      return assertNever(type);
  }
}

export function dialResultLabel(result: DialResult): string {
  switch (result) {
    case 'connected':
      return msg('Connected', { id: 'dial.connected' });
    case 'no-answer':
      return msg('No answer', { id: 'dial.no-answer' });
    case 'busy':
      return msg('Busy', { id: 'dial.busy' });
    case 'answering-machine':
      return msg('Answering machine', { id: 'dial.answering-machine' });
    case 'fax':
      return msg('Fax', { id: 'dial.fax' });
    case 'error':
      return msg('Call failed', { id: 'dial.error' });
    case 'cancelled':
      return msg('Cancelled', { id: 'dial.cancelled' });
    default:
      return assertNever(result);
  }
}

export function adapterErrorMessage(code: AdapterErrorCode): string {
  switch (code) {
    case 'network':
      return msg('The contact center cannot be reached. Check the connection and try again.', { id: 'error.network' });
    case 'timeout':
      return msg('The contact center did not answer in time. Try again.', { id: 'error.timeout' });
    case 'aborted':
      return msg('The request was cancelled.', { id: 'error.aborted' });
    case 'not-found':
      return msg('This callback no longer exists.', { id: 'error.not-found' });
    case 'conflict':
      return msg('Someone else changed this callback. Review it and try again.', { id: 'error.conflict' });
    case 'invalid-state':
      return msg('That is no longer possible for this callback.', { id: 'error.invalid-state' });
    case 'invalid-input':
      return msg('The contact center refused the values entered. Check them and try again.', { id: 'error.invalid-input' });
    case 'not-supported':
      return msg('This action is not available with the current phone or callback service.', { id: 'error.not-supported' });
    case 'not-permitted':
      return msg('You are not allowed to do this.', { id: 'error.not-permitted' });
    case 'number-disallowed':
      return msg('This phone number cannot be called back.', { id: 'error.number-disallowed' });
    case 'time-unavailable':
      return msg('No callback can be taken at that time. Choose another time.', { id: 'error.time-unavailable' });
    case 'service-unavailable':
      return msg('The callback service is busy. Try again in a moment.', { id: 'error.service-unavailable' });
    case 'target-declined':
      return msg('The person you called declined.', { id: 'error.target-declined' });
    case 'target-no-answer':
      return msg('The person you called did not answer.', { id: 'error.target-no-answer' });
    case 'target-busy':
      return msg('The person you called is busy.', { id: 'error.target-busy' });
    case 'offline':
      return msg('The phone is offline. Reconnecting…', { id: 'error.offline' });
    case 'unconfirmed':
      return msg('The contact center could not confirm whether the change was made. Check the callback before trying again.', {
        id: 'error.unconfirmed',
      });
    case 'unknown':
      return msg('Something went wrong. Try again.', { id: 'error.unknown' });
    default:
      return assertNever(code);
  }
}

/**
 * What the agent reads when an action failed: the code's message, or more when the error says why
 * in terms the agent can act on: the phone or browser ended the call (its own words follow, not
 * localized), or the phone system refused the request (its SIP answer follows).
 */
export function adapterErrorText(error: AdapterError): string {
  const { endReason, endDetail, sipResponse } = error.detail;
  if (endReason === 'media-failed') {
    return typeof endDetail === 'string' && endDetail
      ? msg(str`Your phone or browser could not use the other side’s answer and ended the call: ${endDetail}`, { id: 'error.media-failed-reason' })
      : msg('Your phone or browser could not use the other side’s answer and ended the call.', { id: 'error.media-failed' });
  }
  if (typeof sipResponse === 'string' && sipResponse && error.code !== 'invalid-state') {
    return msg(str`The phone system refused the request (${sipResponse}). The call goes on as it was.`, { id: 'error.sip-refused' });
  }
  return adapterErrorMessage(error.code);
}

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

export function newOfferAnnouncement(type: CallbackType, who: string): string {
  const kind = callbackTypeLabel(type);
  return msg(str`New callback: ${kind}, ${who}.`, { id: 'announce.offer' });
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
