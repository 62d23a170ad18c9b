import { msg, str } from '@lit/localize';
import type { Consultation, Interaction } from '../../model/interaction.js';
import { assertNever } from '../../model/states.js';
import type { ContactChannel } from './call-status.events.js';
import { contactLabel } from '../shared/phone-format.js';
import { callChangeAnnouncement } from './call-status.messages.js';

// Words only <call-status> uses. Kept apart from call-status.messages.ts, which <callback-desk>
// imports (its announcement of a new interaction) and so loads with the drop-in's eager part.

export function consultationLabel(consultation: Consultation): string {
  const name = consultation.target.name;
  if (consultation.state === 'connected' && consultation.held) return msg(str`Consulting ${name} — on hold`, { id: 'call-status.consulting-held' });
  return consultation.state === 'connected'
    ? msg(str`Consulting ${name} — connected`, { id: 'call-status.consulting-connected' })
    : msg(str`Consulting ${name} — ringing`, { id: 'call-status.consulting-ringing' });
}

export function channelLabel(channel: ContactChannel): string {
  switch (channel) {
    case 'email':
      return msg('Send e-mail', { id: 'call-status.channel.email' });
    case 'sms':
      return msg('Send SMS', { id: 'call-status.channel.sms' });
    case 'chat':
      return msg('Start chat', { id: 'call-status.channel.chat' });
    default:
      return assertNever(channel);
  }
}

/**
 * What `<call-status>` announces of a change: the agent's own mute and Alternate first (the desk,
 * which announces only the first change of an interaction, has no use for them: kept out of
 * {@link callChangeAnnouncement}, they stay out of the desk's eager bundle), then the rest.
 */
export function statusChangeAnnouncement(previous: Interaction, next: Interaction): string | undefined {
  if (!!previous.muted !== !!next.muted && (next.state === 'connected' || next.state === 'held')) {
    return next.muted ? msg('Microphone muted.', { id: 'announce.muted' }) : msg('Microphone on.', { id: 'announce.unmuted' });
  }
  if (previous.consultation && next.consultation && !!previous.consultation.held !== !!next.consultation.held) {
    const who = contactLabel(next.contact);
    const target = next.consultation.target.name;
    return next.consultation.held
      ? msg(str`Talking with ${who}; ${target} on hold.`, { id: 'announce.alternate-customer' })
      : msg(str`Talking with ${target}; ${who} on hold.`, { id: 'announce.alternate-consulted' });
  }
  const ended = callEndNote(next);
  if (ended && previous.state !== next.state) return ended.announcement;
  return callChangeAnnouncement(previous, next);
}

export function connectionLostNote(): string {
  return msg('The call was lost with the connection to the phone system. Call the customer back if needed.', { id: 'call-status.connection-lost' });
}

/**
 * A call that ended neither by the agent nor by the contact hanging up: what to announce, and the
 * note `<call-status>` shows under the state. The reason is the phone's own words (untrusted text).
 */
export function callEndNote(interaction: Interaction): { announcement: string; note: string } | undefined {
  const last = interaction.history.at(-1);
  if ((interaction.state !== 'ended' && interaction.state !== 'ready-to-call') || last?.kind !== 'hang-up') return undefined;
  const who = contactLabel(interaction.contact);
  const reason = last.reason;
  switch (last.by) {
    case 'agent':
    case 'contact':
      return undefined;
    case 'phone':
      return {
        announcement: msg(str`Your phone ended the call with ${who}.`, { id: 'announce.phone-ended' }),
        note: reason
          ? msg(str`Your phone or browser could not go on with the call and ended it: ${reason}. Call the customer back if needed.`, { id: 'call-status.phone-ended-reason' })
          : msg('Your phone or browser could not go on with the call and ended it. Call the customer back if needed.', { id: 'call-status.phone-ended' }),
      };
    case 'network':
      return {
        announcement: msg(str`Call with ${who} lost with the connection to the phone system.`, { id: 'announce.network-lost' }),
        note: connectionLostNote(),
      };
    case 'service':
      return {
        announcement: msg(str`The phone system ended the call with ${who}.`, { id: 'announce.service-ended' }),
        note: reason
          ? msg(str`The phone system ended the call: ${reason}. Call the customer back if needed.`, { id: 'call-status.service-ended-reason' })
          : msg('The phone system ended the call. Call the customer back if needed.', { id: 'call-status.service-ended' }),
      };
    default:
      return assertNever(last.by);
  }
}

/** Who else is on the call, for the conference line. */
export function participantsLabel(names: readonly string[], locale: string): string {
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  return msg(str`In conference with ${list}`, { id: 'call-status.participants' });
}
