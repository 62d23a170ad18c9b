import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import type { Contact } from '../../model/interaction.js';
import { contactFieldLabel, contactFieldMessage, CONTACT_FIELDS, type ContactField } from '../shared/contact-messages.js';
import { formatTime, timeZoneName } from '../shared/format.js';
import { formatPhone } from '../shared/phone-format.js';
import { canonicalTimeZone, draftOf, type ContactDraft, type ContactErrors } from './contact-form.js';

/** The two faces of `<contact-directory>`: the details as a list, and the editor. Text bindings only. */

export function renderContactList(contact: Contact, locale: string, now: number): TemplateResult {
  const values = draftOf(contact);
  return html`<dl part="list" class="list">
    ${CONTACT_FIELDS.map(
      (field) => html`<div part="item" class="row" data-field=${field}>
        <dt part="label">${contactFieldLabel(field)}</dt>
        <dd part="value">${values[field] ? valueOf(field, values[field], locale, now) : html`<span class="unset">${msg('Not set', { id: 'contact.unset' })}</span>`}</dd>
      </div>`,
    )}
  </dl>`;
}

function valueOf(field: ContactField, value: string, locale: string, now: number): TemplateResult | string {
  // Shown for reading; the editor and everything sent keep the number as stored (E.164).
  if (field === 'phone' || field === 'sms') return formatPhone(value);
  const zone = field === 'timeZone' ? canonicalTimeZone(value) : undefined;
  if (!zone) return value;
  const local = `${formatTime(now, locale, zone)} ${timeZoneName(now, locale, zone)}`;
  return html`${value} <span part="local-time" class="local-time">(${msg(str`local time ${local}`, { id: 'contact.local-time' })})</span>`;
}

export interface ContactFormView {
  draft: ContactDraft;
  errors: ContactErrors;
  phase: 'idle' | 'checking' | 'saving';
  onInput: (field: ContactField, value: string) => void;
  onSubmit: (event: SubmitEvent) => void;
  onCancel: () => void;
  onKeydown: (event: KeyboardEvent) => void;
}

interface FieldKind {
  type: 'text' | 'tel' | 'email';
  inputmode?: 'tel' | 'email';
  required?: boolean;
  list?: string;
  hint?: () => string;
}

const KINDS: Record<ContactField, FieldKind> = {
  name: { type: 'text', required: true },
  phone: { type: 'tel', inputmode: 'tel', required: true },
  email: { type: 'email', inputmode: 'email' },
  sms: { type: 'tel', inputmode: 'tel' },
  chat: { type: 'text' },
  timeZone: { type: 'text', list: 'time-zones', hint: () => msg('For example Europe/London or America/New_York.', { id: 'contact.time-zone-hint' }) },
};

let zones: readonly string[] | undefined;
/** Every zone the browser knows, for the time-zone suggestions (computed once). */
function timeZones(): readonly string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones;
}

export function renderContactForm(view: ContactFormView): TemplateResult {
  const saving = view.phase === 'saving';
  const busy = view.phase !== 'idle';
  return html`<form
    part="form"
    class="form"
    novalidate
    aria-label=${msg('Edit contact', { id: 'contact.form' })}
    @submit=${view.onSubmit}
    @keydown=${view.onKeydown}
  >
    ${CONTACT_FIELDS.map((field) => renderField(field, view, busy))}
    <datalist id="time-zones">${timeZones().map((zone) => html`<option value=${zone}></option>`)}</datalist>
    <div class="actions">
      <button part="cancel-button" class="cancel" type="button" ?disabled=${saving} @click=${view.onCancel}>
        ${msg('Cancel', { id: 'contact.cancel' })}
      </button>
      <button part="save-button" class="save" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
        ${saving ? msg('Saving…', { id: 'contact.saving' }) : msg('Save', { id: 'contact.save' })}
      </button>
    </div>
  </form>`;
}

function renderField(field: ContactField, view: ContactFormView, readonly: boolean): TemplateResult {
  const kind = KINDS[field];
  const error = view.errors[field];
  const id = `field-${field}`;
  const hint = kind.hint?.();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return html`<div part="field" class="field" data-field=${field}>
    <label for=${id}>${contactFieldLabel(field)}${kind.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label>
    <input
      part="input"
      id=${id}
      name=${field}
      type=${kind.type}
      inputmode=${kind.inputmode ?? nothing}
      list=${kind.list ?? nothing}
      autocomplete="off"
      spellcheck="false"
      ?required=${kind.required ?? false}
      ?readonly=${readonly}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
      .value=${live(view.draft[field])}
      @input=${(e: Event) => view.onInput(field, (e.target as HTMLInputElement).value)}
    />
    ${hint ? html`<p id="${id}-hint" class="hint">${hint}</p>` : nothing}
    <p id="${id}-error" part="field-error" class="field-error" ?hidden=${!error}>${error ? contactFieldMessage(error) : ''}</p>
  </div>`;
}
