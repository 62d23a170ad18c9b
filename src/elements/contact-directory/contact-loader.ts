import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DirectoryAdapter } from '../../adapters/directory-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
import { LifetimeScope } from '../../controllers/lifetime-scope.js';
import type { Contact } from '../../model/interaction.js';

export interface ContactLoaderConfig {
  directory: DirectoryAdapter | undefined;
  /** The contact to load; undefined = nothing to load. */
  contactId: string | undefined;
}

export type ContactLoadStatus = 'idle' | 'loading' | 'done' | 'error';

/**
 * Loads one contact from the directory by id: again whenever the id or the directory changes,
 * cancelling the request it replaces and ignoring late answers; nothing runs while disconnected.
 */
export class ContactLoader implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #config: () => ContactLoaderConfig;
  readonly #onError: ((error: AdapterError) => void) | undefined;
  #loadedFor: { directory: DirectoryAdapter | undefined; contactId: string | undefined } | undefined;
  readonly #lifetime = new LifetimeScope();
  /** The load under way: replaced by the next one, aborted with the host. */
  readonly #request = new LifetimeScope(this.#lifetime);

  contact: Contact | undefined;
  status: ContactLoadStatus = 'idle';
  error: AdapterError | undefined;

  /** `onError` hears of failures (never of a load that was replaced or cancelled). */
  constructor(host: ReactiveControllerHost, config: () => ContactLoaderConfig, onError?: (error: AdapterError) => void) {
    this.#host = host;
    this.#config = config;
    this.#onError = onError;
    host.addController(this);
  }

  hostConnected(): void {
    this.#lifetime.open();
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#lifetime.close();
    // Coming back loads afresh: the contact may have changed while the element was away.
    this.#loadedFor = undefined;
    if (this.status === 'loading') this.status = 'idle';
  }

  /** Loads again (after a failure). */
  reload(): void {
    this.#loadedFor = undefined;
    this.#sync();
    this.#host.requestUpdate();
  }

  /** Takes the contact as stored by a save, without asking the directory again. */
  replace(contact: Contact): void {
    this.contact = contact;
    this.status = 'done';
    this.error = undefined;
    this.#host.requestUpdate();
  }

  #sync(): void {
    if (!this.#lifetime.active) return;
    const { directory, contactId } = this.#config();
    if (this.#loadedFor && this.#loadedFor.directory === directory && this.#loadedFor.contactId === contactId) return;
    this.#loadedFor = { directory, contactId };
    this.#request.close();
    this.contact = undefined;
    this.error = undefined;
    if (!contactId) {
      this.status = 'idle';
      return;
    }
    void this.#load(directory, contactId);
  }

  async #load(directory: DirectoryAdapter | undefined, contactId: string): Promise<void> {
    this.#request.open();
    // Aborted once replaced, cancelled or the host left: its answer is then ignored.
    const { signal } = this.#request;
    this.status = 'loading';
    try {
      if (!directory) throw new AdapterError('not-supported', 'No directory adapter is connected.');
      const contact = await directory.getContact(contactId, { signal });
      if (signal.aborted) return;
      this.contact = contact;
      this.status = 'done';
    } catch (thrown) {
      if (signal.aborted) return;
      this.error = AdapterError.from(thrown);
      this.status = 'error';
      this.#onError?.(this.error);
    } finally {
      this.#host.requestUpdate();
    }
  }
}
