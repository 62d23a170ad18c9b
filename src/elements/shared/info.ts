import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { CallbackInfoItem } from '../../model/callback-info.js';
import { agentTimeZone, formatDateTime, formatTime, timeZoneName, zonesDiffer } from './format.js';
import { formatPhone } from './phone-format.js';
import { callbackTypeLabel, dialResultLabel } from '../../messages/messages.js';

/** Localized label of a callback-information item. Case-data labels come from the backend as text. */
export function infoLabel(item: CallbackInfoItem): string {
  if (item.kind === 'case') return item.label;
  switch (item.key) {
    case 'desired-time':
      return msg('Desired time', { id: 'info.desired-time' });
    case 'contact-local-time':
      return msg('Contact local time', { id: 'info.contact-local-time' });
    case 'type':
      return msg('Type', { id: 'info.type' });
    case 'number':
      return msg('Number', { id: 'info.number' });
    case 'instructions':
      return msg('Instructions', { id: 'info.instructions' });
    case 'subject':
      return msg('Subject', { id: 'info.subject' });
    case 'former-attempts':
      return msg('Former attempts', { id: 'info.former-attempts' });
    case 'last-result':
      return msg('Result', { id: 'info.last-result' });
  }
}

/**
 * The value of an item as a template. Every string from the interaction goes in as a text binding,
 * so markup in caller data stays text.
 */
export function infoValue(item: CallbackInfoItem, locale: string, now: number): TemplateResult | string {
  switch (item.kind) {
    case 'time': {
      const agentZone = agentTimeZone();
      const agent = formatDateTime(item.value, locale, undefined, now);
      if (!item.contactTimeZone || !zonesDiffer(item.value, agentZone, item.contactTimeZone)) return agent;
      const contact = `${formatTime(item.value, locale, item.contactTimeZone)} ${timeZoneName(item.value, locale, item.contactTimeZone)}`;
      return html`${agent} <span class="secondary">(${msg('contact', { id: 'info.contact-time-prefix' })}: ${contact})</span>`;
    }
    case 'time-zone':
      return `${formatTime(now, locale, item.value)} ${timeZoneName(now, locale, item.value)}`;
    case 'callback-type':
      return callbackTypeLabel(item.value);
    case 'text':
      return item.key === 'number' ? formatPhone(item.value) : item.value;
    case 'case':
      return item.value;
    case 'dial-result':
      return dialResultLabel(item.value);
    case 'attempts':
      return html`<ol class="attempts">
        ${item.value.map(
          (a) => html`<li>${formatDateTime(a.at, locale, undefined, now)}: ${formatPhone(a.number)} — ${dialResultLabel(a.result)}</li>`,
        )}
      </ol>`;
    default:
      return nothing as never;
  }
}
