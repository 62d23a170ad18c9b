import type { Contact, DispositionNode, TargetRef } from '../model/interaction.js';
import type { CallOptions } from './callback-adapter.js';

export type Availability = 'ready' | 'not-ready' | 'busy' | 'offline';

export interface DirectoryTarget extends TargetRef {
  /** Agents: their presence. Queues and routing points: omitted. */
  availability?: Availability;
  /** Queues: callers waiting. */
  waiting?: number;
}

export interface TargetQuery {
  text: string;
  kinds?: readonly TargetRef['kind'][];
  limit?: number;
}

export interface StandardResponse {
  id: string;
  title: string;
  category: string;
  keywords: readonly string[];
  /** Plain text; shown as text, never as HTML. */
  body: string;
}

export interface ResponseQuery {
  text?: string;
  category?: string;
}

/** People and words: targets, contacts, standard responses, disposition codes. */
export interface DirectoryAdapter {
  searchTargets(query: TargetQuery, options?: CallOptions): Promise<DirectoryTarget[]>;
  getContact(id: string, options?: CallOptions): Promise<Contact>;
  /** Validates and stores; rejects with `invalid-input` and leaves the stored contact unchanged. */
  updateContact(contact: Contact & { id: string }, options?: CallOptions): Promise<Contact>;
  searchResponses(query: ResponseQuery, options?: CallOptions): Promise<StandardResponse[]>;
  dispositionCodes(options?: CallOptions): Promise<DispositionNode[]>;
}
