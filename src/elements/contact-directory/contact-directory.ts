import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { AdapterError, type AdapterErrorCode } from '../../adapters/errors.js';
import type { DirectoryAdapter } from '../../adapters/directory-adapter.js';
import { announce } from '../../controllers/announcer.js';
import { AsyncState } from '../../controllers/async-state.js';
import { DurationController } from '../../controllers/clock-ticker.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { actionTimeout } from '../../model/actions.js';
import { withTimeout } from '../../controllers/action-timeout.js';
import type { Contact } from '../../model/interaction.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { contactErrorMessage, isContactFieldCode, CONTACT_FIELDS, type ContactField } from '../shared/contact-messages.js';
import { CallbackErrorEvent } from '../../events/error-event.js';
import { ContactSavedEvent, ContactSaveEvent } from './contact-directory.events.js';
import { styles } from './contact-directory.styles.js';
import { renderContactForm, renderContactList } from './contact-directory.views.js';
import { canonicalTimeZone, checkContact, draftOf, sameContact, type ContactDraft, type ContactErrors } from './contact-form.js';

type Phase = 'idle' | 'checking' | 'saving';

/**
 * The Contact view of an interaction: name, phone, e-mail, SMS number, chat handle and time zone
 * (with the contact's local time), and an editor for them. Edits are checked before anything is
 * sent (numbers by the model's `validatePhoneNumber`, read in `default-country` when typed without
 * `+`; e-mail; a time zone `Intl` knows), each problem next to its field. Then a cancelable
 * `contact-save`, the directory's `updateContact`, and `contact-saved`. When the directory fails,
 * the message is shown and the form stays open with every edit kept. Cancel or Escape discards
 * the edits and fires nothing.
 *
 * It shows the contact of the interaction `interaction-id` names (callback adapter: property or
 * context), or, when `contact-id` is set, that contact as loaded from the directory. Every detail
 * is untrusted and rendered as text. A contact without an id cannot be stored, so it has no Edit.
 *
 * Contacts are loaded from and saved to the `directory`.
 *
 * @summary Contact view and editor: validated, saved through the directory, edits never lost.
 *
 * @fires {ContactSaveEvent} contact-save - Valid edits are about to be stored (`detail.contact`, with its id). Cancelable: `preventDefault()` keeps the form open and stores nothing.
 * @fires {ContactSavedEvent} contact-saved - The directory stored the contact (`detail.contact` as stored); the view shows it.
 * @fires {CallbackErrorEvent} callback-error - Loading (`action: 'get-contact'`) or saving (`action: 'update-contact'`) failed; the message is shown and the edits kept.
 *
 * @csspart base - The box.
 * @csspart header - The heading row with the Edit button.
 * @csspart title - The "Contact" heading.
 * @csspart edit-button - The Edit button.
 * @csspart list - The description list of details (view mode).
 * @csspart item - One detail (`data-field` holds its field: name, phone, email, sms, chat, timeZone).
 * @csspart label - The term of a detail.
 * @csspart value - The value of a detail.
 * @csspart local-time - The contact's current local time, next to the time zone.
 * @csspart form - The editor (edit mode).
 * @csspart field - One labelled input with its problem.
 * @csspart input - An input of the editor.
 * @csspart field-error - The problem of one field.
 * @csspart save-button - Save.
 * @csspart cancel-button - Cancel.
 * @csspart empty - "No contact to show."
 * @csspart status - Loading.
 * @csspart error - Why loading or saving failed, with Try again after a load failure.
 *
 * @cssproperty --cb-contact-background - Background of the box.
 *
 * @cssstate editing - The editor is open.
 * @cssstate saving - Waiting for the directory.
 * @cssstate loading - Loading the contact named by `contact-id`.
 * @cssstate error - The last load or save failed.
 */
export class ContactDirectory extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];

  /** A directory contact to show instead of the interaction's (loaded with `getContact`). */
  @property({ attribute: 'contact-id' }) contactId?: string;
  /** View only: no Edit button. */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** ISO country for numbers typed without `+` (e.g. `GB`); without it they must start with `+`. */
  @property({ attribute: 'default-country' }) defaultCountry?: string;
  /** Heading level of the title in the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  @state() private editingContact = false;
  @state() private draft: ContactDraft = draftOf(undefined);
  @state() private errors: ContactErrors = {};
  @state() private phase: Phase = 'idle';
  @state() private saveError: AdapterErrorCode | undefined;

  /** The id the open editor belongs to. */
  #draftFor: string | undefined;
  /** Counts openings of the editor, so a check that outlived its editor is dropped. */
  #opened = 0;
  /** A saved contact, shown until the interaction publishes a contact newer than `over`. */
  #saved: { contact: Contact; over: Contact | undefined } | undefined;

  readonly #session = new InteractionSession(this, sessionOverrides(this));

  /** The contact loaded by `contact-id`: again whenever the id or the directory changes. */
  readonly #loader = new AsyncState<Contact, [DirectoryAdapter | undefined, string]>(
    this,
    async ([directory, contactId], signal) => {
      if (!directory) throw new AdapterError('not-supported', 'No directory adapter is connected.');
      return directory.getContact(contactId, { signal });
    },
    {
      onError: (error) => {
        const message = contactErrorMessage(error.code);
        this.dispatchEvent(new CallbackErrorEvent({ action: 'get-contact', code: error.code, message, cause: error }));
      },
    },
  );

  constructor() {
    super();
    // The local time is a clock: keep it current while it is on screen.
    new DurationController(this, () => ({
      clock: this.#session.clock,
      since: !this.editingContact && canonicalTimeZone(this.contact?.timeZone) ? 0 : undefined,
    }));
  }

  /** The contact on screen: loaded by `contact-id`, else the interaction's (or the version just saved). */
  get contact(): Contact | undefined {
    if (this.contactId) return this.#loader.value;
    const current = this.#session.interaction?.contact;
    if (this.#saved && current && this.#saved.contact.id === current.id && sameContact(this.#saved.over, current)) return this.#saved.contact;
    return current;
  }

  /** True while the editor is open. */
  get editing(): boolean {
    return this.editingContact;
  }

  get #storedId(): string | undefined {
    return this.contactId || this.contact?.id || undefined;
  }

  get #canEdit(): boolean {
    return !this.readonly && !!this.contact && !!this.#storedId;
  }

  /** Opens the editor with the contact's details and focuses the first field. */
  async edit(): Promise<void> {
    if (!this.#canEdit) return;
    if (!this.editingContact) {
      this.draft = draftOf(this.contact);
      this.errors = {};
      this.saveError = undefined;
      this.#draftFor = this.#storedId;
      this.#opened++;
      this.editingContact = true;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#field-name')?.focus();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another contact, or editing taken away: the open editor belonged to what is no longer here.
    if (this.editingContact && (this.readonly || !this.contact || this.#storedId !== this.#draftFor)) this.#close();
  }

  // After the session's hostUpdate (it follows a new directory there), before rendering.
  override update(changed: PropertyValues<this>): void {
    this.#loader.sync(this.contactId ? [this.#session.directory, this.contactId] : undefined);
    super.update(changed);
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.setState('editing', this.editingContact);
    this.setState('saving', this.phase === 'saving');
    this.setState('loading', this.#loader.status === 'pending');
    this.setState('error', !!this.saveError || this.#loader.status === 'error');
  }

  #close(): void {
    this.editingContact = false;
    this.errors = {};
    this.saveError = undefined;
    this.phase = 'idle';
    this.#draftFor = undefined;
  }

  async #cancel(): Promise<void> {
    if (this.phase === 'saving') return;
    const hadFocus = this.matches(':focus-within');
    this.#close();
    await this.updateComplete;
    if (hadFocus) this.#focusEdit();
  }

  #focusEdit(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.edit')?.focus();
  }

  #onInput(field: ContactField, value: string): void {
    this.draft = { ...this.draft, [field]: value };
    if (this.errors[field]) {
      const { [field]: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    void this.#cancel();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const id = this.#draftFor;
    const opened = this.#opened;
    if (this.phase !== 'idle' || !id) return;
    this.saveError = undefined;
    this.phase = 'checking';
    const checked = await checkContact(this.draft, this.defaultCountry);
    if (!this.editingContact || this.#opened !== opened) return;
    this.phase = 'idle';
    if (!checked.ok) {
      this.errors = checked.errors;
      await this.#focusFirstProblem();
      return;
    }
    this.errors = {};
    const contact = { ...checked.contact, id };
    if (!this.dispatchEvent(new ContactSaveEvent({ contact }))) return;
    await this.#store(contact);
  }

  async #store(contact: Contact & { id: string }): Promise<void> {
    const before = this.#session.interaction?.contact;
    const hadFocus = this.matches(':focus-within');
    this.phase = 'saving';
    try {
      const directory = this.#session.directory;
      if (!directory) throw new AdapterError('not-supported', 'No directory adapter is connected.');
      const stored = await withTimeout((signal) => directory.updateContact(contact, { signal }), {
        clock: this.#session.clock,
        ms: actionTimeout('contact-save', this.#session.policy),
        what: 'contact-save',
      });
      const kept: Contact = { ...stored, id: stored.id ?? contact.id };
      if (this.contactId) this.#loader.set(kept);
      else this.#saved = { contact: kept, over: before };
      this.#close();
      this.dispatchEvent(new ContactSavedEvent({ contact: kept }));
      announce(msg('Contact saved.', { id: 'contact.saved' }));
      await this.updateComplete;
      if (hadFocus) this.#focusEdit();
    } catch (thrown) {
      const error = AdapterError.from(thrown);
      this.phase = 'idle';
      this.saveError = error.code;
      // A directory that names the refused field gets the problem shown next to it.
      const field = error.detail['field'];
      const code = error.detail['validation'];
      if (typeof field === 'string' && (CONTACT_FIELDS as readonly string[]).includes(field) && isContactFieldCode(code)) {
        this.errors = { ...this.errors, [field]: code };
      }
      const message = contactErrorMessage(error.code);
      this.dispatchEvent(
        new CallbackErrorEvent({ action: 'update-contact', code: error.code, message, interaction: this.#session.interaction, cause: error }),
      );
    }
  }

  async #focusFirstProblem(): Promise<void> {
    await this.updateComplete;
    const first = CONTACT_FIELDS.find((f) => this.errors[f]);
    if (first) this.renderRoot.querySelector<HTMLInputElement>(`#field-${first}`)?.focus();
  }

  /** The Try again button goes away while loading: the heading keeps the keyboard user in place. */
  #retryLoad(): void {
    this.#loader.reload();
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
  }

  protected override render() {
    const contact = this.contact;
    const loading = this.#loader.status === 'pending';
    const loadError = this.contactId && this.#loader.status === 'error' ? this.#loader.error : undefined;
    const error = this.saveError ?? loadError?.code;
    return html`
      <section part="base" class="box" aria-labelledby="title" aria-busy=${loading || this.phase === 'saving' ? 'true' : 'false'}>
        <div part="header" class="header">
          <div part="title" id="title" class="title" role="heading" aria-level=${this.headingLevel} tabindex="-1">${msg('Contact', { id: 'contact.title' })}</div>
          ${this.#canEdit && !this.editingContact
            ? html`<button part="edit-button" class="edit" type="button" aria-describedby="title" @click=${() => void this.edit()}>
                ${msg('Edit', { id: 'contact.edit' })}
              </button>`
            : nothing}
        </div>
        ${this.editingContact
          ? renderContactForm({
              draft: this.draft,
              errors: this.errors,
              phase: this.phase,
              onInput: (field, value) => this.#onInput(field, value),
              onSubmit: (e) => void this.#submit(e),
              onCancel: () => void this.#cancel(),
              onKeydown: (e) => this.#onKeydown(e),
            })
          : contact
            ? renderContactList(contact, this.locale, this.#session.clock.now())
            : html`<p part="empty" class="empty" ?hidden=${loading || !!loadError}>${msg('No contact to show.', { id: 'contact.none' })}</p>`}
        <p part="status" class="status" role="status">${loading ? msg('Loading contact…', { id: 'contact.loading' }) : ''}</p>
        <div part="error" class="error" role="alert" ?hidden=${!error}>
          ${error ? html`<span>${contactErrorMessage(error)}</span>` : nothing}
          ${!this.saveError && loadError
            ? html`<button class="retry" type="button" @click=${this.#retryLoad}>${msg('Try again', { id: 'contact.retry' })}</button>`
            : nothing}
        </div>
      </section>
    `;
  }
}
