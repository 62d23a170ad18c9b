import type { Contact } from '../../model/interaction.js';
import { validatePhoneNumber } from '../../model/validation.js';
import { CONTACT_FIELDS, type ContactField, type ContactFieldCode } from '../shared/contact-messages.js';

/** The form's text, one string per field, exactly as typed. */
export type ContactDraft = Record<ContactField, string>;

export type ContactErrors = Partial<Record<ContactField, ContactFieldCode>>;

export type ContactCheck = { ok: true; contact: Contact } | { ok: false; errors: ContactErrors };

// Deliberately loose (one @, a dot in the domain, no spaces or markup characters): the directory
// has the last word; this only catches typing slips before a round trip.
const EMAIL = /^[^\s@<>"(),;:\\[\]]+@[^\s@<>"(),;:\\[\]]+\.[^\s@<>"(),;:\\[\].]+$/;
const EMAIL_MAX = 254;

export function draftOf(contact: Contact | undefined): ContactDraft {
  return {
    name: contact?.name ?? '',
    phone: contact?.phone ?? '',
    email: contact?.email ?? '',
    sms: contact?.sms ?? '',
    chat: contact?.chat ?? '',
    timeZone: contact?.timeZone ?? '',
  };
}

/** Same details (an adapter may publish a fresh copy of an unchanged contact). */
export function sameContact(a: Contact | undefined, b: Contact | undefined): boolean {
  if (!a || !b) return a === b;
  const x = draftOf(a);
  const y = draftOf(b);
  return a.id === b.id && CONTACT_FIELDS.every((field) => x[field] === y[field]);
}

/** The zone as `Intl` spells it (`europe/london` → `Europe/London`), or undefined when unknown. */
export function canonicalTimeZone(zone: string | undefined): string | undefined {
  if (!zone?.trim()) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function isEmail(text: string): boolean {
  return text.length <= EMAIL_MAX && EMAIL.test(text);
}

/**
 * Checks every field (all problems at once, so the agent fixes them in one pass) and, when all are
 * fine, returns the contact to store: numbers in E.164 (read in `defaultCountry` when typed without
 * `+`), the zone canonical, text trimmed, empty optional details left out.
 */
export async function checkContact(draft: ContactDraft, defaultCountry?: string): Promise<ContactCheck> {
  const errors: ContactErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'name-empty';
  const [phone, sms] = await Promise.all([
    validatePhoneNumber(draft.phone, defaultCountry),
    draft.sms.trim() ? validatePhoneNumber(draft.sms, defaultCountry) : undefined,
  ]);
  if (!phone.ok) errors.phone = phone.code;
  if (sms && !sms.ok) errors.sms = sms.code;
  const email = draft.email.trim();
  if (email && !isEmail(email)) errors.email = 'email-invalid';
  const timeZone = canonicalTimeZone(draft.timeZone);
  if (draft.timeZone.trim() && !timeZone) errors.timeZone = 'time-zone-invalid';
  if (Object.keys(errors).length || !phone.ok || (sms && !sms.ok)) return { ok: false, errors };
  const chat = draft.chat.trim();
  return {
    ok: true,
    contact: {
      name,
      phone: phone.value.e164,
      ...(email ? { email } : {}),
      ...(sms?.ok ? { sms: sms.value.e164 } : {}),
      ...(chat ? { chat } : {}),
      ...(timeZone ? { timeZone } : {}),
    },
  };
}
