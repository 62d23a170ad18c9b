import type { Contact, DispositionNode } from '../../model/interaction.js';
import { validatePhoneNumber } from '../../model/validation.js';
import type { DirectoryTarget, ResponseQuery, StandardResponse, TargetQuery } from '../directory-adapter.js';
import { AdapterError } from '../errors.js';
import { DISPOSITION_TREE, SAMPLE_CONTACTS, SAMPLE_TARGETS, STANDARD_RESPONSES, type SampleContact } from './directory-data.js';
import { localizedDispositions, localizedResponses, localizedTargets, type DataLocale } from './localized-data.js';

const DEFAULT_TARGET_LIMIT = 20;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

const fold = (text: string) => text.toLocaleLowerCase();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The directory behind the team communicator, the contact view, the standard responses and the
 * disposition picker. Answers are copies: a caller changing them changes nothing here.
 */
export class SimulatedDirectory {
  readonly #contacts = new Map<string, SampleContact>(SAMPLE_CONTACTS.map((c) => [c.id, { ...c }]));
  #targets: readonly DirectoryTarget[] = SAMPLE_TARGETS;
  #responses: readonly StandardResponse[] = STANDARD_RESPONSES;
  #dispositions: readonly DispositionNode[] = DISPOSITION_TREE;
  #locale: DataLocale = 'en';

  /** The language of the words it answers with (names of queues and skills, responses, dispositions). */
  get locale(): DataLocale {
    return this.#locale;
  }

  set locale(locale: DataLocale) {
    this.#locale = locale;
    this.#targets = localizedTargets(SAMPLE_TARGETS, locale);
    this.#responses = localizedResponses(STANDARD_RESPONSES, locale);
    this.#dispositions = localizedDispositions(DISPOSITION_TREE, locale);
  }

  /** Case-insensitive substring over names; contacts are targets too (their number is the address). */
  searchTargets(query: TargetQuery): DirectoryTarget[] {
    const text = fold(query.text.trim());
    const kinds = query.kinds?.length ? new Set(query.kinds) : undefined;
    const limit = Math.max(0, query.limit ?? DEFAULT_TARGET_LIMIT);
    const contacts: DirectoryTarget[] = [...this.#contacts.values()].map((c) => ({
      kind: 'contact',
      id: c.id,
      name: c.name,
      address: c.phone,
    }));
    return [...this.#targets, ...contacts]
      .filter((t) => (!kinds || kinds.has(t.kind)) && fold(t.name).includes(text))
      .slice(0, limit)
      .map((t) => ({ ...t }));
  }

  /** A target by id (for its behaviour and address), or undefined. */
  findTarget(id: string): DirectoryTarget | undefined {
    return this.searchTargets({ text: '', limit: Number.MAX_SAFE_INTEGER }).find((t) => t.id === id);
  }

  hasContact(id: string): boolean {
    return this.#contacts.has(id);
  }

  getContact(id: string): SampleContact {
    const contact = this.#contacts.get(id);
    if (!contact) throw new AdapterError('not-found', `No contact with id "${id}".`);
    return { ...contact };
  }

  /** Checks every field first; the stored contact changes only when all of them are valid. */
  async updateContact(contact: Contact & { id: string }): Promise<SampleContact> {
    if (!this.#contacts.has(contact.id)) throw new AdapterError('not-found', `No contact with id "${contact.id}".`);
    const invalid = (field: string, message: string, code: string) =>
      new AdapterError('invalid-input', message, { detail: { field, validation: code } });
    if (!contact.name.trim()) throw invalid('name', 'The contact needs a name.', 'name-empty');
    const phone = await validatePhoneNumber(contact.phone);
    if (!phone.ok) throw invalid('phone', phone.message, phone.code);
    let sms: string | undefined;
    if (contact.sms?.trim()) {
      const checked = await validatePhoneNumber(contact.sms);
      if (!checked.ok) throw invalid('sms', checked.message, checked.code);
      sms = checked.value.e164;
    }
    const email = contact.email?.trim();
    if (email && !EMAIL.test(email)) throw invalid('email', 'This is not a valid e-mail address.', 'email-invalid');
    if (contact.timeZone && !isTimeZone(contact.timeZone)) {
      throw invalid('timeZone', 'This is not a known time zone.', 'time-zone-invalid');
    }
    // A concurrent update may have removed the contact while the numbers were being checked.
    if (!this.#contacts.has(contact.id)) throw new AdapterError('not-found', `No contact with id "${contact.id}".`);
    const stored: SampleContact = {
      id: contact.id,
      name: contact.name.trim(),
      phone: phone.value.e164,
      ...(email ? { email } : {}),
      ...(sms ? { sms } : {}),
      ...(contact.chat?.trim() ? { chat: contact.chat.trim() } : {}),
      ...(contact.timeZone ? { timeZone: contact.timeZone } : {}),
    };
    this.#contacts.set(contact.id, stored);
    return { ...stored };
  }

  /** Keyword search over title, keywords and body; category is an exact (case-insensitive) filter. */
  searchResponses(query: ResponseQuery): StandardResponse[] {
    const text = fold(query.text?.trim() ?? '');
    const category = query.category ? fold(query.category) : undefined;
    return this.#responses
      .filter((r) => !category || fold(r.category) === category)
      .filter(
        (r) => !text || [r.title, r.body, ...r.keywords].some((field) => fold(field).includes(text)),
      )
      .map((r) => ({ ...r, keywords: [...r.keywords] }));
  }

  dispositionCodes(): DispositionNode[] {
    return structuredClone(this.#dispositions) as DispositionNode[];
  }

  /** The tree as stored, for validating codes without copying it. */
  get dispositionTree(): readonly DispositionNode[] {
    return this.#dispositions;
  }
}
