import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DirectoryAdapter } from '../../adapters/directory-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
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
  #inFlight: AbortController | undefined;
  #connected = false;

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
    this.#connected = true;
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
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
    if (!this.#connected) return;
    const { directory, contactId } = this.#config();
    if (this.#loadedFor && this.#loadedFor.directory === directory && this.#loadedFor.contactId === contactId) return;
    this.#loadedFor = { directory, contactId };
    this.#stop();
    this.contact = undefined;
    this.error = undefined;
    if (!contactId) {
      this.status = 'idle';
      return;
    }
    void this.#load(directory, contactId);
  }

  async #load(directory: DirectoryAdapter | undefined, contactId: string): Promise<void> {
    const controller = new AbortController();
    this.#inFlight = controller;
    this.status = 'loading';
    try {
      if (!directory) throw new AdapterError('not-supported', 'No directory adapter is connected.');
      const contact = await directory.getContact(contactId, { signal: controller.signal });
      if (this.#inFlight !== controller) return;
      this.contact = contact;
      this.status = 'done';
    } catch (thrown) {
      if (this.#inFlight !== controller) return;
      this.error = AdapterError.from(thrown);
      this.status = 'error';
      this.#onError?.(this.error);
    } finally {
      if (this.#inFlight === controller) this.#inFlight = undefined;
      this.#host.requestUpdate();
    }
  }

  #stop(): void {
    this.#inFlight?.abort();
    this.#inFlight = undefined;
  }
}
