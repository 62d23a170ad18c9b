import type { Models } from 'purecloud-platform-client-v2';
import type { CallOptions } from '../callback-adapter.js';
import type { Availability, DirectoryAdapter, DirectoryTarget, ResponseQuery, StandardResponse, TargetQuery } from '../directory-adapter.js';
import { AdapterError, throwIfAborted } from '../errors.js';
import type { Contact, DispositionNode } from '../../model/interaction.js';
import { validatePhoneNumber } from '../../model/validation.js';
import type { GenesysCloudOptions } from './config.js';
import { GenesysCloudSession } from './session.js';

export interface GenesysCloudDirectoryOptions extends GenesysCloudOptions {
  /** A session shared with the callback and telephony adapters; one is made from the options otherwise. */
  session?: GenesysCloudSession;
  /**
   * External contacts are the contact directory (Genesys Cloud's External Contacts, where the
   * organisation uses them). Default true; false leaves contacts out of the team communicator and
   * refuses getContact/updateContact with `not-supported`.
   */
  externalContacts?: boolean;
}

const PAGE = 100;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** What an agent's presence (and routing status) says of them to a colleague about to transfer. */
function availabilityOf(user: Models.User): Availability {
  const presence = user.presence?.presenceDefinition?.systemPresence ?? '';
  const routing = user.routingStatus?.status ?? '';
  if (presence === 'Offline') return 'offline';
  if (routing === 'INTERACTING' || routing === 'COMMUNICATING' || presence === 'Busy' || presence === 'Meeting') return 'busy';
  if (presence === 'On Queue' || presence === 'Available') return 'ready';
  return 'not-ready';
}

function contactOf(c: Models.ExternalContact): Contact & { id: string } {
  const phone = c.workPhone?.e164 ?? c.cellPhone?.e164 ?? c.homePhone?.e164 ?? c.otherPhone?.e164 ?? c.workPhone?.display ?? '';
  const email = c.workEmail ?? c.personalEmail;
  const sms = c.cellPhone?.e164;
  return {
    id: c.id ?? '',
    name: [c.firstName, c.lastName].filter(Boolean).join(' ') || phone,
    phone,
    ...(email ? { email } : {}),
    ...(sms && sms !== phone ? { sms } : {}),
  };
}

/**
 * The team communicator and contact directory on Genesys Cloud: users (with their presence) and
 * queues as transfer targets, External Contacts as the contact directory, Response Management
 * libraries as the standard responses (a library is a category; a response's name gives its
 * keywords), and the organisation's wrap-up codes as the disposition list.
 */
export class GenesysCloudDirectoryAdapter implements DirectoryAdapter {
  readonly session: GenesysCloudSession;
  readonly #externalContacts: boolean;
  #responses: Promise<StandardResponse[]> | undefined;

  constructor(options: GenesysCloudDirectoryOptions) {
    this.session = options.session ?? new GenesysCloudSession(options);
    this.#externalContacts = options.externalContacts ?? true;
  }

  async searchTargets(query: TargetQuery, options?: CallOptions): Promise<DirectoryTarget[]> {
    throwIfAborted(options?.signal);
    const text = query.text.trim();
    const wants = (kind: DirectoryTarget['kind']) => !query.kinds?.length || query.kinds.includes(kind);
    const signal = options?.signal;
    const [users, queues, contacts] = await Promise.all([
      wants('agent') ? this.#users(text, signal) : [],
      wants('queue') ? this.#queues(text, signal) : [],
      wants('contact') && this.#externalContacts ? this.#contacts(text, signal) : [],
    ]);
    const named = (t: DirectoryTarget) => t.name.toLocaleLowerCase().includes(text.toLocaleLowerCase());
    return [...users, ...queues, ...contacts].filter(named).slice(0, query.limit ?? 20);
  }

  async getContact(id: string, options?: CallOptions): Promise<Contact> {
    return contactOf(await this.#contact(id, options?.signal));
  }

  /** Validates the number and the address first; `PUT` with the contact's other fields kept. */
  async updateContact(contact: Contact & { id: string }, options?: CallOptions): Promise<Contact> {
    throwIfAborted(options?.signal);
    const phone = await validatePhoneNumber(contact.phone);
    if (!phone.ok) throw new AdapterError('invalid-input', phone.message, { detail: { field: 'phone', validation: phone.code } });
    if (contact.email !== undefined && contact.email !== '' && !EMAIL.test(contact.email)) {
      throw new AdapterError('invalid-input', 'This is not a valid e-mail address.', { detail: { field: 'email' } });
    }
    const stored = await this.#contact(contact.id, options?.signal);
    const [firstName, ...rest] = contact.name.trim().split(/\s+/);
    const body: Models.ExternalContact = {
      ...stored,
      firstName: firstName ?? '',
      lastName: rest.join(' '),
      workPhone: { ...(stored.workPhone ?? {}), e164: phone.value.e164, display: phone.value.e164 },
      ...(contact.email ? { workEmail: contact.email } : {}),
    };
    const updated = await this.session.http.send<Models.ExternalContact>({
      method: 'PUT',
      path: `/api/v2/externalcontacts/contacts/${encodeURIComponent(contact.id)}`,
      body,
      signal: options?.signal,
    });
    return contactOf(updated);
  }

  async searchResponses(query: ResponseQuery, options?: CallOptions): Promise<StandardResponse[]> {
    throwIfAborted(options?.signal);
    this.#responses ??= this.#loadResponses().catch((error: unknown) => {
      this.#responses = undefined;
      throw error;
    });
    const text = query.text?.trim().toLocaleLowerCase() ?? '';
    return (await this.#responses)
      .filter((r) => !query.category || r.category === query.category)
      .filter((r) => !text || r.title.toLocaleLowerCase().includes(text) || r.body.toLocaleLowerCase().includes(text) || r.keywords.some((k) => k.toLocaleLowerCase().includes(text)))
      .map((r) => ({ ...r, keywords: [...r.keywords] }));
  }

  /** The organisation's wrap-up codes (`GET /api/v2/routing/wrapupcodes`), a flat list. */
  async dispositionCodes(options?: CallOptions): Promise<DispositionNode[]> {
    throwIfAborted(options?.signal);
    const listing = await this.session.http.send<Models.WrapupCodeEntityListing>({
      method: 'GET',
      path: '/api/v2/routing/wrapupcodes',
      query: { pageSize: PAGE },
      signal: options?.signal,
    });
    return (listing?.entities ?? []).flatMap((c) => (c.id ? [{ code: c.id, label: c.name }] : []));
  }

  // ---- internals ----

  async #users(text: string, signal?: AbortSignal): Promise<DirectoryTarget[]> {
    let users: Models.User[];
    if (text) {
      const body: Models.UserSearchRequest = { pageSize: PAGE, query: [{ type: 'CONTAINS', fields: ['name'], value: text }], expand: ['presence', 'routingStatus'] };
      const found = await this.session.http.send<Models.UsersSearchResponse>({ method: 'POST', path: '/api/v2/users/search', body, signal });
      users = found?.results ?? [];
    } else {
      const listing = await this.session.http.send<Models.UserEntityListing>({
        method: 'GET',
        path: '/api/v2/users',
        query: { pageSize: PAGE, expand: 'presence,routingStatus' },
        signal,
      });
      users = listing?.entities ?? [];
    }
    return users
      .filter((u) => u.id && u.id !== this.session.userId && u.state !== 'deleted' && u.state !== 'inactive')
      .map((u) => ({ kind: 'agent' as const, id: u.id!, name: u.name ?? u.email ?? u.id!, availability: availabilityOf(u) }));
  }

  async #queues(text: string, signal?: AbortSignal): Promise<DirectoryTarget[]> {
    const listing = await this.session.http.send<Models.QueueEntityListing>({
      method: 'GET',
      path: '/api/v2/routing/queues',
      query: { pageSize: PAGE, ...(text ? { name: `*${text}*` } : {}) },
      signal,
    });
    return (listing?.entities ?? []).flatMap((q) => (q.id ? [{ kind: 'queue' as const, id: q.id, name: q.name ?? q.id }] : []));
  }

  async #contacts(text: string, signal?: AbortSignal): Promise<DirectoryTarget[]> {
    const listing = await this.session.http.send<Models.ContactListing>({
      method: 'GET',
      path: '/api/v2/externalcontacts/contacts',
      query: { pageSize: PAGE, ...(text ? { q: text } : {}) },
      signal,
    });
    return (listing?.entities ?? []).map(contactOf).map((c) => ({ kind: 'contact' as const, id: c.id, name: c.name, ...(c.phone ? { address: c.phone } : {}) }));
  }

  #contact(id: string, signal?: AbortSignal): Promise<Models.ExternalContact> {
    if (!this.#externalContacts) return Promise.reject(new AdapterError('not-supported', 'External contacts are not used here.'));
    return this.session.http.send<Models.ExternalContact>({ method: 'GET', path: `/api/v2/externalcontacts/contacts/${encodeURIComponent(id)}`, signal });
  }

  async #loadResponses(): Promise<StandardResponse[]> {
    const libraries = await this.session.http.send<Models.LibraryEntityListing>({ method: 'GET', path: '/api/v2/responsemanagement/libraries', query: { pageSize: PAGE } });
    const lists = await Promise.all(
      (libraries?.entities ?? []).map(async (library) => {
        const listing = await this.session.http.send<Models.ResponseEntityListing>({
          method: 'GET',
          path: '/api/v2/responsemanagement/responses',
          query: { libraryId: library.id, pageSize: PAGE },
        });
        return (listing?.entities ?? []).map((r): StandardResponse => {
          const text = r.texts?.find((t) => !t.contentType || t.contentType === 'text/plain') ?? r.texts?.[0];
          return {
            id: r.id ?? '',
            title: r.name ?? '',
            category: library.name,
            keywords: (r.name ?? '').split(/\s+/).filter((w) => w.length > 2),
            // Responses may be HTML: shown as text, never as markup.
            body: text?.contentType === 'text/html' ? (text.content ?? '').replace(/<[^>]*>/g, '') : (text?.content ?? ''),
          };
        });
      }),
    );
    return lists.flat();
  }
}
