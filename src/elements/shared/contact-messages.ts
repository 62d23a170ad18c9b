import { msg } from '@lit/localize';
import type { AdapterErrorCode } from '../../adapters/errors.js';
import type { ValidationCode } from '../../model/validation.js';
import { assertNever } from '../../model/states.js';
import { adapterErrorMessage } from '../../messages/messages.js';
import { validationMessage } from '../../messages/window-messages.js';

/** Localized words about a contact's details, for `<contact-directory>` and whoever shows a contact. */

/** The editable details of a contact, in the order they are shown. */
export type ContactField = 'name' | 'phone' | 'email' | 'sms' | 'chat' | 'timeZone';

export const CONTACT_FIELDS: readonly ContactField[] = ['name', 'phone', 'email', 'sms', 'chat', 'timeZone'];

/** What can be wrong with one detail: the model's phone codes, plus the contact's own. */
export type ContactFieldCode = ValidationCode | 'name-empty' | 'email-invalid' | 'time-zone-invalid';

const OWN_CODES: ReadonlySet<string> = new Set(['name-empty', 'email-invalid', 'time-zone-invalid']);
const PHONE_CODES: ReadonlySet<string> = new Set(['phone-empty', 'phone-invalid', 'phone-too-short', 'phone-too-long', 'phone-invalid-country', 'phone-unchecked']);

/** True for a code this file has a message for (adapters may send others in an error's detail). */
export function isContactFieldCode(code: unknown): code is ContactFieldCode {
  return typeof code === 'string' && (OWN_CODES.has(code) || PHONE_CODES.has(code));
}

export function contactFieldLabel(field: ContactField): string {
  switch (field) {
    case 'name':
      return msg('Name', { id: 'contact.field.name' });
    case 'phone':
      return msg('Phone', { id: 'contact.field.phone' });
    case 'email':
      return msg('E-mail', { id: 'contact.field.email' });
    case 'sms':
      return msg('SMS number', { id: 'contact.field.sms' });
    case 'chat':
      return msg('Chat handle', { id: 'contact.field.chat' });
    case 'timeZone':
      return msg('Time zone', { id: 'contact.field.time-zone' });
    default:
      return assertNever(field);
  }
}

export function contactFieldMessage(code: ContactFieldCode): string {
  switch (code) {
    case 'name-empty':
      return msg('Enter the contact’s name.', { id: 'contact.invalid.name-empty' });
    case 'email-invalid':
      return msg('Enter an e-mail address like name@example.com.', { id: 'contact.invalid.email' });
    case 'time-zone-invalid':
      return msg('Enter a time zone like Europe/London or America/New_York.', { id: 'contact.invalid.time-zone' });
    default:
      return validationMessage(code);
  }
}

/** An adapter failure while loading or saving a contact, in the agent's words. */
export function contactErrorMessage(code: AdapterErrorCode): string {
  switch (code) {
    case 'not-found':
      return msg('This contact is no longer in the directory.', { id: 'contact.error.not-found' });
    case 'invalid-input':
      return msg('The directory refused these details. Check them and try again.', { id: 'contact.error.invalid-input' });
    case 'conflict':
      return msg('Someone else changed this contact in the meantime. Check the details and save again.', { id: 'contact.error.conflict' });
    default:
      return adapterErrorMessage(code);
  }
}
