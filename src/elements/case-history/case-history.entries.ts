import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ConsultationOutcome, DialResult, HistoryEntry, RescheduleReason, TargetRef } from '../../model/interaction.js';
import { assertNever } from '../../model/states.js';
import { renderDigits } from '../shared/dtmf-format.js';
import { agentTimeZone, formatDateTime, timeZoneName } from '../shared/format.js';
import { formatPhone } from '../shared/phone-format.js';
import { dialResultLabel } from '../../messages/messages.js';

/** What describing one entry needs beyond the entry itself. */
export interface EntryContext {
  locale: string;
  now: number;
  /** The outcome of a `dial` entry, from the entry or the interaction's attempts. */
  dialResult?: DialResult | undefined;
}

function targetKind(kind: TargetRef['kind']): string {
  switch (kind) {
    case 'agent':
      return msg('agent', { id: 'history.target-agent' });
    case 'queue':
      return msg('queue', { id: 'history.target-queue' });
    case 'routing-point':
      return msg('routing point', { id: 'history.target-routing-point' });
    case 'skill':
      return msg('skill', { id: 'history.target-skill' });
    case 'contact':
      return msg('contact', { id: 'history.target-contact' });
    default:
      return assertNever(kind);
  }
}

/** "Billing (queue)": the name is untrusted text and only ever reaches a text binding. */
function target(t: TargetRef): string {
  const kind = targetKind(t.kind);
  return msg(str`${t.name} (${kind})`, { id: 'history.target' });
}

function rescheduleReason(reason: RescheduleReason): string {
  switch (reason) {
    case 'no-answer':
      return msg('no answer', { id: 'history.reason-no-answer' });
    case 'busy':
      return msg('busy', { id: 'history.reason-busy' });
    case 'unavailable':
      return msg('contact unavailable', { id: 'history.reason-unavailable' });
    case 'answering-machine':
      return msg('answering machine', { id: 'history.reason-answering-machine' });
    case 'requested':
      return msg('at the contact’s request', { id: 'history.reason-requested' });
    default:
      return assertNever(reason);
  }
}

function consultationEnded(name: string, outcome: ConsultationOutcome): string {
  switch (outcome) {
    case 'transferred':
      return msg(str`Consultation with ${name} ended: the customer was transferred`, { id: 'history.consult-transferred' });
    case 'conferenced':
      return msg(str`Consultation with ${name} ended: conference with the customer`, { id: 'history.consult-conferenced' });
    case 'returned':
      return msg(str`Consultation with ${name} ended: back to the customer`, { id: 'history.consult-returned' });
    case 'declined':
      return msg(str`${name} declined the consultation`, { id: 'history.consult-declined' });
    case 'no-answer':
      return msg(str`${name} did not answer the consultation`, { id: 'history.consult-no-answer' });
    default:
      return assertNever(outcome);
  }
}

function rescheduled(entry: Extract<HistoryEntry, { kind: 'rescheduled' }>, context: EntryContext): string {
  const when = formatDateTime(entry.time, context.locale, undefined, context.now);
  const zone = timeZoneName(entry.time, context.locale, agentTimeZone());
  const parts = [msg(str`Callback rescheduled to ${when} ${zone}`, { id: 'history.rescheduled' })];
  if (entry.number) {
    const number = formatPhone(entry.number);
    parts.push(msg(str`new number ${number}`, { id: 'history.rescheduled-number' }));
  }
  if (entry.reason) {
    const reason = rescheduleReason(entry.reason);
    parts.push(msg(str`reason: ${reason}`, { id: 'history.rescheduled-reason' }));
  }
  return parts.join(' · ');
}

/** Who or what ended the call, and why when the phone said (its words, untrusted, as text). */
function hangUp(entry: Extract<HistoryEntry, { kind: 'hang-up' }>): string {
  const reason = entry.reason;
  switch (entry.by) {
    case 'agent':
      return msg('The agent ended the call', { id: 'history.hang-up-agent' });
    case 'contact':
      return msg('The contact hung up', { id: 'history.hang-up-contact' });
    case 'phone':
      return reason
        ? msg(str`The agent’s phone or browser ended the call: ${reason}`, { id: 'history.hang-up-phone-reason' })
        : msg('The agent’s phone or browser ended the call', { id: 'history.hang-up-phone' });
    case 'network':
      return msg('The call was lost with the connection to the phone system', { id: 'history.hang-up-network' });
    case 'service':
      return reason
        ? msg(str`The phone system ended the call: ${reason}`, { id: 'history.hang-up-service-reason' })
        : msg('The phone system ended the call', { id: 'history.hang-up-service' });
    default:
      return assertNever(entry.by);
  }
}

/** A localized line for an entry. Every value from the interaction goes in as text. */
export function describeEntry(entry: HistoryEntry, context: EntryContext): TemplateResult | string {
  switch (entry.kind) {
    case 'accepted':
      return msg('Callback accepted', { id: 'history.accepted' });
    case 'dial': {
      const number = formatPhone(entry.number);
      if (!context.dialResult) return msg(str`Called ${number}`, { id: 'history.dial' });
      const result = dialResultLabel(context.dialResult);
      return msg(str`Called ${number}: ${result}`, { id: 'history.dial-result' });
    }
    case 'dtmf':
      return html`${msg('Sent DTMF', { id: 'history.dtmf' })} ${renderDigits(entry.digits, entry.masked)}`;
    case 'note':
      return html`${msg('Note:', { id: 'history.note' })} <span class="note">${entry.text}</span>`;
    case 'hold':
      return msg('Call put on hold', { id: 'history.hold' });
    case 'resume':
      return msg('Call resumed', { id: 'history.resume' });
    case 'transfer': {
      const to = target(entry.target);
      return msg(str`Transferred to ${to}`, { id: 'history.transfer' });
    }
    case 'conference': {
      const who = target(entry.target);
      return msg(str`Conference with ${who}`, { id: 'history.conference' });
    }
    case 'participant-left': {
      const who = target(entry.target);
      return msg(str`${who} left the conference`, { id: 'history.participant-left' });
    }
    case 'left-conference':
      return msg('The agent left the conference; the others stayed on the call', { id: 'history.left-conference' });
    case 'consultation-started': {
      const who = target(entry.target);
      return msg(str`Consultation with ${who} started`, { id: 'history.consult-started' });
    }
    case 'consultation-ended':
      return consultationEnded(target(entry.target), entry.outcome);
    case 'rescheduled':
      return rescheduled(entry, context);
    case 'disposition': {
      const label = entry.disposition.label;
      return msg(str`Disposition: ${label}`, { id: 'history.disposition' });
    }
    case 'hang-up':
      return hangUp(entry);
    case 'done':
      return msg('Marked done', { id: 'history.done' });
    default:
      return assertNever(entry);
  }
}
