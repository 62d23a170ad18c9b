import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import { announce } from '../../controllers/announcer.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { WrapUpController } from '../../controllers/wrap-up/wrap-up-controller.js';
import type { Interaction } from '../../model/interaction.js';
import { isClosed } from '../../model/states.js';
import { NoteUnsavedEvent } from './interaction-note.events.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { styles } from './interaction-note.styles.js';

/**
 * A note for the interaction's call history. The draft is never lost: it is kept in the element
 * across re-renders and, on every keystroke, with the agent's unacknowledged work in IndexedDB
 * (`PendingWorkStore`; in memory where IndexedDB is unavailable), restored by a new element for the same interaction (after a reload, or when the
 * window is opened again), kept in the field when saving fails, and forgotten only once the
 * callback service has acknowledged the note. Ctrl+Enter (⌘+Enter) saves. `insert(text)` puts
 * text (a standard response) into the draft at the caret, or at the end.
 *
 * The `interaction-id` is also the key of the note's draft, kept until the note is saved.
 *
 * @summary Note field for the call history, with a draft that survives reloads and failures.
 *
 * @fires {CallbackActionEvent} callback-action - Before the note is saved (`detail.action` `note`, `detail.args.text`). Cancelable: `preventDefault()` keeps it as a draft.
 * @fires {CallbackActionDoneEvent} callback-action-done - The callback service has the note; the draft is cleared.
 * @fires {CallbackErrorEvent} callback-error - Saving failed; the draft stays in the field and the message is shown.
 * @fires {NoteUnsavedEvent} callback-note-unsaved - The interaction closed (done elsewhere, rescheduled, ...) with a note the service never got: `detail.text`, `detail.interaction`.
 *
 * @csspart base - The box.
 * @csspart label - The field's label.
 * @csspart textarea - The note field.
 * @csspart counter - Characters used, when `maxlength` is set.
 * @csspart save-button - The Save button.
 * @csspart status - "Note saved" confirmation.
 * @csspart error - The error message.
 *
 * @cssproperty [--cb-note-rows-min-height=5lh] - Minimum height of the field (five lines).
 *
 * @cssstate draft - There is unsaved text.
 * @cssstate saving - Waiting for the callback service.
 * @cssstate error - The last save failed.
 */
export class InteractionNote extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];
  /** `note.focus()` lands in the field. */
  static override shadowRootOptions: ShadowRootInit = { ...CallbackElement.shadowRootOptions, delegatesFocus: true };

  /** Longest note accepted, in characters; no limit when unset. */
  @property({ type: Number, attribute: 'maxlength' }) maxLength?: number;

  @state() private draft = '';
  /** The last save went through and nothing was typed since. */
  @state() private saved = false;

  /** Which interaction's draft `draft` holds. */
  #draftFor: string | undefined;
  /** The agent has put the caret somewhere in the field (else `insert()` appends). */
  #caretKnown = false;
  /** The draft for which the kept draft (read after a reload) has been applied. */
  #restoredFor: string | undefined;
  /** The agent typed or inserted since the element took this interaction: that wins over a kept draft. */
  #edited = false;

  readonly #session = new InteractionSession(
    this,
    sessionOverrides(this),
    (previous, next) => this.#onInteraction(previous, next),
  );

  /** The draft is kept with the agent's other unacknowledged work (IndexedDB); re-renders when it is read. */
  readonly #work = new WrapUpController(this, this.#session, () => ({ adapter: this.#session.adapter, interactionId: this.#draftFor }));

  /** The note as typed so far (not saved yet). */
  get value(): string {
    return this.draft;
  }

  /**
   * Puts `text` into the draft where the caret is (replacing a selection), or at the end on a new
   * line when the field was never focused or holds nothing after the caret. The draft is kept like
   * typed text (localStorage included); nothing is saved to the callback service.
   */
  insert(text: string): void {
    if (!text || !this.#draftFor) return;
    const field = this.#caretKnown ? this.shadowRoot?.querySelector('textarea') : null;
    const draft = this.draft;
    const start = field ? Math.min(field.selectionStart, draft.length) : draft.length;
    const end = field ? Math.min(Math.max(field.selectionEnd, start), draft.length) : draft.length;
    const atEnd = start === draft.length;
    const joint = atEnd && draft && !/\s$/.test(draft) ? '\n' : '';
    this.draft = draft.slice(0, start) + joint + text + draft.slice(end);
    this.saved = false;
    this.#edited = true;
    this.#keep(this.#draftFor, this.draft);
    const caret = start + joint.length + text.length;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector('textarea')?.setSelectionRange(caret, caret));
    this.#caretKnown = true;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.interactionId !== this.#draftFor) {
      this.#draftFor = this.interactionId;
      this.draft = this.interactionId ? (this.#kept(this.interactionId) ?? this.#session.interaction?.note ?? '') : '';
      this.saved = false;
      this.#caretKnown = false;
      this.#edited = false;
    }
    // The kept drafts are read asynchronously after a reload: show this one once they are.
    if (this.#draftFor && this.#work.store.loaded && this.#restoredFor !== this.#draftFor) {
      this.#restoredFor = this.#draftFor;
      const kept = this.#kept(this.#draftFor);
      if (kept && !this.#edited) this.draft = kept;
    }
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.setState('draft', !!this.draft.trim());
    this.setState('saving', this.#session.isPending('note'));
    this.setState('error', !!this.#session.error);
  }

  /** The kept draft of an interaction of this element's backend. */
  #kept(id: string): string | undefined {
    return this.#work.store.get(id, this.#session.adapter)?.draft;
  }

  /** Keeps the draft (an empty one is forgotten). */
  #keep(id: string, text: string): void {
    if (id === this.#draftFor) this.#work.update({ draft: text });
    else this.#work.store.update(id, { draft: text }, this.#session.adapter);
  }

  /** Forgets the kept draft, unless it changed since `text` was saved (then it is newer work). */
  #forget(id: string, text: string): void {
    if (this.#kept(id) === text) this.#keep(id, '');
  }

  #onInteraction(previous: Interaction | undefined, next: Interaction): void {
    if (next.id !== this.#draftFor) return;
    const inHistory = (text: string) => next.history.some((h) => h.kind === 'note' && h.text.trim() === text.trim());
    // Marked done with this very text as its last note: the draft has reached the history.
    const stored = this.#kept(next.id);
    if (next.state === 'done' && stored && inHistory(stored)) {
      this.#forget(next.id, stored);
      if (this.draft === stored) this.draft = '';
    }
    // Closed some other way (done elsewhere, rescheduled, revoked) with a note the service never
    // got: its window goes, so the text is handed to whoever can give it back to the agent. A Mark
    // done from here carries the draft (and is under way while this runs): nothing to hand back.
    const text = this.draft;
    if (text.trim() && isClosed(next.state) && !(previous && isClosed(previous.state)) && !this.#work.owner?.inFlight && !inHistory(text)) {
      this.dispatchEvent(new NoteUnsavedEvent({ interaction: next, text }));
    }
  }

  #onInput(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.saved = false;
    this.#edited = true;
    if (this.#draftFor) this.#keep(this.#draftFor, this.draft);
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.#save();
    }
  }

  get #canSave(): boolean {
    return !!this.draft.trim() && this.#session.availability('note').status === 'enabled';
  }

  async #save(): Promise<void> {
    const id = this.#draftFor;
    const text = this.draft;
    if (!id || !this.#canSave) return;
    const fromButton = this.shadowRoot?.activeElement?.classList.contains('save') ?? false;
    const saved = await this.#session.run(
      'note',
      async () => {
        const result = await this.#session.requireAdapter().addNote(id, text);
        // Acknowledged: only now is the draft let go (before the done event, so hosts see it gone).
        this.#forget(id, text);
        if (this.#draftFor === id && this.draft === text) {
          this.draft = '';
          this.saved = true;
        }
        return result;
      },
      { text },
    );
    if (!saved || !this.saved) return;
    announce(msg('Note saved.', { id: 'note.saved' }));
    // Save turns disabled with the field empty: keep the keyboard user in the field, not on <body>.
    await this.updateComplete;
    if (fromButton) this.shadowRoot?.querySelector('textarea')?.focus();
  }

  #counter() {
    const max = this.maxLength;
    if (max === undefined || !Number.isFinite(max) || max <= 0) return nothing;
    const format = new Intl.NumberFormat(this.locale);
    const used = format.format([...this.draft].length);
    const limit = format.format(max);
    return html`<span part="counter" id="counter" class="counter">${msg(str`${used} of ${limit} characters`, { id: 'note.counter' })}</span>`;
  }

  protected override render() {
    const availability = this.#session.availability('note');
    if (!this.#session.interaction || availability.status === 'hidden') return nothing;
    const saving = this.#session.isPending('note');
    const error = this.#session.error;
    const max = this.maxLength && this.maxLength > 0 ? this.maxLength : undefined;
    return html`
      <div part="base" class="box">
        <label part="label" class="label" for="note">${msg('Note', { id: 'note.label' })}</label>
        <textarea
          part="textarea"
          id="note"
          class="field"
          rows="4"
          maxlength=${max ?? nothing}
          aria-describedby=${max ? 'counter' : nothing}
          aria-busy=${saving ? 'true' : 'false'}
          ?readonly=${saving}
          .value=${live(this.draft)}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @focus=${() => (this.#caretKnown = true)}
        ></textarea>
        <div class="row">
          ${this.#counter()}
          <button
            part="save-button"
            class="save"
            type="button"
            ?disabled=${!saving && !this.#canSave}
            aria-disabled=${saving ? 'true' : 'false'}
            @click=${this.#save}
          >
            ${saving ? msg('Saving…', { id: 'note.saving' }) : msg('Save note', { id: 'note.save' })}
          </button>
        </div>
        <p part="status" class="status" ?hidden=${!this.saved}>${msg('Note saved to the case history.', { id: 'note.saved-status' })}</p>
        <p part="error" class="error" role="alert" ?hidden=${!error}>${error?.message ?? ''}</p>
      </div>
    `;
  }
}
