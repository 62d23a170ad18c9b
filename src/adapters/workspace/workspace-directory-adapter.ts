import type { Contact, DispositionNode, TargetRef } from '../../model/interaction.js';
import { validatePhoneNumber } from '../../model/validation.js';
import type { CallOptions } from '../callback-adapter.js';
import type { Availability, DirectoryAdapter, DirectoryTarget, ResponseQuery, StandardResponse, TargetQuery } from '../directory-adapter.js';
import { AdapterError } from '../errors.js';
import type { WorkspaceSession } from './session.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Target types of the Workspace API, by the kind the team communicator asks for. */
const TYPES: Readonly<Record<TargetRef['kind'], string>> = {
  agent: 'agent',
  queue: 'acd-queue',
  'routing-point': 'route-point',
  skill: 'skill',
  contact: 'custom-contact',
};

const KINDS: Readonly<Record<string, TargetRef['kind']>> = Object.fromEntries(Object.entries(TYPES).map(([kind, type]) => [type, kind as TargetRef['kind']]));

interface WireTarget {
  DBID?: number | string;
  name?: string;
  type?: string;
  firstName?: string;
  lastName?: string;
  number?: string;
  availability?: {
    channels?: readonly { name?: string; available?: boolean; activity?: string; userState?: { state?: string } }[];
    waitingCalls?: number;
  };
}

interface WireResponse {
  id: string;
  name?: string;
  categoryName?: string;
  keywords?: string;
  text?: string;
}

interface WireContact {
  id: string;
  attributes?: Record<string, string | undefined>;
}

/** UCS contact attributes, by the contact field they hold. */
export const CONTACT_ATTRIBUTES = Object.freeze({ firstName: 'FirstName', lastName: 'LastName', phone: 'PhoneNumber', email: 'EmailAddress', timeZone: 'TimeZone' });

/** One past interaction of a contact, as UCS keeps it. Untrusted text: show it as text. */
export interface WorkspaceContactInteraction {
  id: string;
  /** `voice`, `email`, `chat`, `workitem`, ... */
  media: string;
  subject?: string;
  /** Epoch ms; absent when UCS gave no valid start date. */
  startedAt?: number;
  status?: string;
  comment?: string;
}

interface WireHistoryEntry {
  id: string;
  mediaType?: string;
  subject?: string;
  startDate?: string;
  status?: string;
  comment?: string;
}

export interface WorkspaceDirectoryOptions {
  /** Disposition codes when the server's configuration has no `DispositionCode` business attribute. */
  dispositions?: readonly DispositionNode[];
  /** The business attribute that lists disposition codes. Default `DispositionCode`. */
  dispositionAttribute?: string;
}

/**
 * The team communicator, contacts and standard responses through the Workspace API: Targets
 * (`GET /targets`), UCS contacts (`/ucs/contacts/{id}/get-details|update`) and standard responses
 * (`/ucs/responses/search`); disposition codes from the configuration's `DispositionCode`
 * business attribute. Shares the agent's {@link WorkspaceSession}.
 */
export class WorkspaceDirectoryAdapter implements DirectoryAdapter {
  readonly #session: WorkspaceSession;
  readonly #o: WorkspaceDirectoryOptions;

  constructor(session: WorkspaceSession, options: WorkspaceDirectoryOptions = {}) {
    this.#session = session;
    this.#o = options;
  }

  async searchTargets(query: TargetQuery, options?: CallOptions): Promise<DirectoryTarget[]> {
    const limit = query.limit ?? 20;
    const types = query.kinds?.map((kind) => TYPES[kind]).join(',');
    const answer = await this.#session.http.send<{ targets?: WireTarget[] }>({
      method: 'GET',
      path: '/targets',
      query: { searchTerm: query.text, limit, ...(types ? { types } : {}) },
      signal: options?.signal,
    });
    return (answer.data?.targets ?? []).flatMap((target) => {
      const found = targetOf(target);
      return found && (!query.kinds || query.kinds.includes(found.kind)) ? [found] : [];
    }).slice(0, limit);
  }

  async getContact(id: string, options?: CallOptions): Promise<Contact> {
    const answer = await this.#session.http.send<{ contact?: WireContact }>({
      method: 'POST',
      path: `/ucs/contacts/${encodeURIComponent(id)}/get-details`,
      body: { data: {} },
      signal: options?.signal,
    });
    if (!answer.data?.contact) throw new AdapterError('not-found', `No contact with id "${id}".`);
    return contactOf(answer.data.contact);
  }

  async updateContact(contact: Contact & { id: string }, options?: CallOptions): Promise<Contact> {
    const invalid = (field: string, message: string, code: string) => new AdapterError('invalid-input', message, { detail: { field, validation: code } });
    const name = contact.name.trim();
    if (!name) throw invalid('name', 'The contact needs a name.', 'name-empty');
    const phone = await validatePhoneNumber(contact.phone);
    if (!phone.ok) throw invalid('phone', phone.message, phone.code);
    const email = contact.email?.trim();
    if (email && !EMAIL.test(email)) throw invalid('email', 'This is not a valid e-mail address.', 'email-invalid');
    const [firstName, ...rest] = name.split(/\s+/);
    const attributes: Record<string, string> = {
      [CONTACT_ATTRIBUTES.firstName]: firstName ?? name,
      [CONTACT_ATTRIBUTES.lastName]: rest.join(' '),
      [CONTACT_ATTRIBUTES.phone]: phone.value.e164,
      ...(email ? { [CONTACT_ATTRIBUTES.email]: email } : {}),
      ...(contact.timeZone ? { [CONTACT_ATTRIBUTES.timeZone]: contact.timeZone } : {}),
    };
    const answer = await this.#session.http.send<{ contact?: WireContact }>({
      method: 'POST',
      path: `/ucs/contacts/${encodeURIComponent(contact.id)}/update`,
      body: { data: { attributes } },
      signal: options?.signal,
    });
    return answer.data?.contact ? contactOf(answer.data.contact) : this.getContact(contact.id, options);
  }

  /** The contact's interaction history (`/ucs/contacts/{id}/get-history`), oldest first as UCS gives it. */
  async contactHistory(id: string, options?: CallOptions): Promise<WorkspaceContactInteraction[]> {
    const answer = await this.#session.http.send<{ interactions?: WireHistoryEntry[] }>({
      method: 'POST',
      path: `/ucs/contacts/${encodeURIComponent(id)}/get-history`,
      body: { data: {} },
      signal: options?.signal,
    });
    return (answer.data?.interactions ?? []).map((entry) => {
      const startedAt = entry.startDate ? Date.parse(entry.startDate) : Number.NaN;
      return {
        id: String(entry.id),
        media: entry.mediaType ?? 'unknown',
        ...(entry.subject ? { subject: entry.subject } : {}),
        ...(Number.isNaN(startedAt) ? {} : { startedAt }),
        ...(entry.status ? { status: entry.status } : {}),
        ...(entry.comment ? { comment: entry.comment } : {}),
      };
    });
  }

  async searchResponses(query: ResponseQuery, options?: CallOptions): Promise<StandardResponse[]> {
    const answer = await this.#session.http.send<{ responses?: WireResponse[] }>({
      method: 'POST',
      path: '/ucs/responses/search',
      body: { data: { query: query.text ?? '' } },
      signal: options?.signal,
    });
    return (answer.data?.responses ?? [])
      .map((r) => ({
        id: String(r.id),
        title: r.name ?? '',
        category: r.categoryName ?? '',
        keywords: (r.keywords ?? '').split(',').map((k) => k.trim()).filter(Boolean),
        body: r.text ?? '',
      }))
      .filter((r) => !query.category || r.category === query.category);
  }

  async dispositionCodes(): Promise<DispositionNode[]> {
    const name = this.#o.dispositionAttribute ?? 'DispositionCode';
    const attribute = this.#session.configuration.businessAttributes?.find((a) => a.name === name);
    if (attribute?.values?.length) return attribute.values.map((v) => ({ code: v.name, label: v.displayName || v.name }));
    return [...(this.#o.dispositions ?? [])];
  }
}

function availabilityOf(target: WireTarget): Availability | undefined {
  const voice = target.availability?.channels?.find((c) => c.name === 'voice');
  if (!voice) return undefined;
  if (voice.userState?.state === 'LoggedOut') return 'offline';
  if (voice.activity && voice.activity !== 'Idle') return 'busy';
  return voice.available ? 'ready' : 'not-ready';
}

function targetOf(target: WireTarget): DirectoryTarget | undefined {
  const kind = target.type ? KINDS[target.type] : undefined;
  if (!kind) return undefined;
  const name = target.name ?? [target.firstName, target.lastName].filter(Boolean).join(' ');
  const availability = kind === 'agent' ? availabilityOf(target) : undefined;
  const waiting = target.availability?.waitingCalls;
  return {
    kind,
    id: String(target.DBID ?? target.number ?? name),
    name,
    ...(target.number ? { address: target.number } : {}),
    ...(availability ? { availability } : {}),
    ...(typeof waiting === 'number' && kind !== 'agent' ? { waiting } : {}),
  };
}

function contactOf(wire: WireContact): Contact {
  const a = wire.attributes ?? {};
  const name = [a[CONTACT_ATTRIBUTES.firstName], a[CONTACT_ATTRIBUTES.lastName]].filter(Boolean).join(' ');
  return {
    id: wire.id,
    name,
    phone: a[CONTACT_ATTRIBUTES.phone] ?? '',
    ...(a[CONTACT_ATTRIBUTES.email] ? { email: a[CONTACT_ATTRIBUTES.email] } : {}),
    ...(a[CONTACT_ATTRIBUTES.timeZone] ? { timeZone: a[CONTACT_ATTRIBUTES.timeZone] } : {}),
  };
}
