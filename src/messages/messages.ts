import { msg, str } from '@lit/localize';
import type { AdapterError, AdapterErrorCode } from '../adapters/errors.js';
import type { CallbackType, DialResult } from '../model/interaction.js';
import { assertNever } from '../model/states.js';

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

export function newOfferAnnouncement(type: CallbackType, who: string): string {
  const kind = callbackTypeLabel(type);
  return msg(str`New callback: ${kind}, ${who}.`, { id: 'announce.offer' });
}
