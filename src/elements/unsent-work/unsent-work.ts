import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import { announce } from '../../controllers/announcer.js';
import { InteractionSession } from '../../controllers/interaction-session.js';
import { markDoneWithKeptWork } from '../../controllers/wrap-up/mark-done.js';
import { UnsentWorkController, type UnsentWorkEntry } from '../../controllers/pending-work/unsent-work-controller.js';
import type { PendingWorkStore } from '../../controllers/pending-work/pending-work-store.js';
import { actionAvailability, type Policy } from '../../model/actions.js';
import type { Clock } from '../../model/clock.js';
import { isClosed } from '../../model/states.js';
import { blockReasonMessage } from '../../messages/window-messages.js';
import { CallbackDoneEvent, doneDetail } from '../call-actions/call-actions.events.js';
import { CallbackElement } from '../shared/callback-element.js';
import { formatDateTime } from '../shared/format.js';
import { formatPhone } from '../shared/phone-format.js';
import { WorkDiscardEvent, WorkDiscardedEvent } from './unsent-work.events.js';
import { styles } from './unsent-work.styles.js';

/** The entries already announced, per store (the page's one). */
const announced = new WeakMap<PendingWorkStore, Set<string>>();

/**
 * The agent's work that an earlier page left unsent (the page was reloaded or closed with a note
 * typed, a disposition chosen, or a Mark done that failed on the way) on interactions no window
 * here shows: the callback service no longer knows them, or knows them as closed. Each is listed
 * with who it was with (the interaction id for work kept before that was stored), the note as a
 * read-only field to select and copy, the disposition and whether a Mark done was pending, and:
 *
 * - **Send**: Mark done with that note and disposition, the same way a window sends it (the same
 *   events). Possible only while the adapter knows the interaction again and it can be marked
 *   done; otherwise the button says why.
 * - **Discard**: asks first (focus on Keep; Escape keeps), then forgets the work in this browser.
 *
 * Work whose interaction the adapter gives back to the agent (offered and accepted again) goes to
 * its window, as before, and leaves this list; work typed for another backend (`workScope`) is
 * never listed. Renders nothing when there is nothing to show; announces politely when work first
 * appears, once per page for each entry (however often the element is made again). After Send or
 * Discard, focus goes to the next entry's heading (else the previous one's); when the last entry
 * leaves, it is the host's to place on `callback-done` or `callback-work-discarded`
 * (`<callback-desk>` moves it to its window or its idle message).
 *
 * @summary Unsent work from an earlier page: read, copy, send or discard it.
 *
 * @fires {CallbackActionEvent} callback-action - Before Send's Mark done (`detail.action` `mark-done`); cancelable.
 * @fires {CallbackActionDoneEvent} callback-action-done - The callback service marked it done.
 * @fires {CallbackDoneEvent} callback-done - Marked done with the kept note and disposition: what the host CRM files.
 * @fires {CallbackErrorEvent} callback-error - Send failed; the message is shown in the entry and the work kept.
 * @fires {WorkDiscardEvent} callback-work-discard - The agent confirmed Discard. Cancelable: `preventDefault()` keeps the work.
 * @fires {WorkDiscardedEvent} callback-work-discarded - The work is gone from this browser, unsent.
 *
 * @csspart base - The region around the list.
 * @csspart heading - The region's heading.
 * @csspart entry - One interaction's work.
 * @csspart note - The note, a read-only field.
 * @csspart send-button - Sends the work with Mark done.
 * @csspart discard-button - Asks to discard the work.
 * @csspart confirm - The discard question with its Discard and Keep buttons.
 * @csspart error - Why the last Send failed.
 */
export class UnsentWork extends CallbackElement {
  static override styles = [...CallbackElement.styles, styles];

  /** The callback service. Wins over one provided by context. */
  @property({ attribute: false }) adapter?: CallbackAdapter;
  /** The phone: its registering again is a moment to look for the interactions again. Wins over context. */
  @property({ attribute: false }) telephony?: TelephonyAdapter;
  /** Clock for the Mark done timeout. Wins over context. */
  @property({ attribute: false }) clock?: Clock;
  /** Privileges (Mark done allowed, disposition mandatory). Wins over context. */
  @property({ attribute: false }) policy?: Partial<Policy>;

  /** The entry whose Discard asks for confirmation. */
  @state() private confirming: string | undefined;

  /** The interaction whose work Send is sending (or last failed to send): the session follows it. */
  #sendingId: string | undefined;

  readonly #session = new InteractionSession(this, () => ({
    adapter: this.adapter,
    telephony: this.telephony,
    clock: this.clock,
    policy: this.policy,
    interactionId: this.#sendingId,
  }));

  readonly #unsent = new UnsentWorkController(this, () => ({ adapter: this.#session.adapter, telephony: this.#session.telephony }));

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Once per page for each entry, not per element: a desk makes a new one each time it comes
    // back to its tab, and the live region then says that instead.
    const seen = announced.get(this.#unsent.store) ?? new Set<string>();
    announced.set(this.#unsent.store, seen);
    const keys = this.#unsent.list.map(({ work }) => `${work.scope ?? ''} ${work.interactionId}`);
    if (keys.every((key) => seen.has(key))) return;
    for (const key of keys) seen.add(key);
    announce(msg('Unsent work from an earlier page is shown: read it, send it or discard it.', { id: 'unsent.announce' }));
  }

  /** Null when Send can go now, else why not. */
  #whyNotSendable({ work, interaction }: UnsentWorkEntry): string | null {
    if (!interaction) return msg('The callback service does not know this interaction now. Send becomes possible if it finds it again.', { id: 'unsent.unknown' });
    if (isClosed(interaction.state)) return msg('This interaction is closed: its work can no longer be sent. Copy what you need, then discard it.', { id: 'unsent.closed' });
    const answer = actionAvailability(interaction, 'mark-done', { ...this.#session.actionContext, chosenDisposition: work.disposition });
    return answer.status === 'enabled' ? null : blockReasonMessage(answer.reason);
  }

  async #send(entry: UnsentWorkEntry): Promise<void> {
    const id = entry.work.interactionId;
    if (this.#session.isPending('mark-done') || this.#whyNotSendable(entry) !== null) return;
    const index = this.#indexOf(id);
    // The session follows the interaction being sent from the next update on.
    this.#sendingId = id;
    this.requestUpdate();
    await this.updateComplete;
    const done = await markDoneWithKeptWork(this.#session, this.#unsent.store);
    if (!done) {
      await this.#keepFocusOn(id, 'send-button');
      return;
    }
    this.#sendingId = undefined;
    await this.#focusAfterLeaving(index);
    this.dispatchEvent(new CallbackDoneEvent(doneDetail(done)));
  }

  #askDiscard(id: string): void {
    this.confirming = id;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[part~=confirm] .keep')?.focus());
  }

  /** Discard not confirmed: the question goes, focus back on the entry's Discard. */
  #keep(id: string): void {
    this.confirming = undefined;
    const index = this.#indexOf(id);
    void this.updateComplete.then(() => this.shadowRoot?.querySelectorAll<HTMLElement>('[part~=entry]')[index]?.querySelector<HTMLElement>('[part~=discard-button]')?.focus());
  }

  async #discard({ work }: UnsentWorkEntry): Promise<void> {
    this.confirming = undefined;
    if (!this.dispatchEvent(new WorkDiscardEvent({ interactionId: work.interactionId, work }))) {
      this.#keep(work.interactionId);
      return;
    }
    const index = this.#indexOf(work.interactionId);
    this.#unsent.store.remove(work.interactionId, this.#session.adapter);
    if (this.#sendingId === work.interactionId) this.#sendingId = undefined;
    await this.#focusAfterLeaving(index);
    this.dispatchEvent(new WorkDiscardedEvent({ interactionId: work.interactionId, work }));
  }

  #indexOf(id: string): number {
    return this.#unsent.list.findIndex((e) => e.work.interactionId === id);
  }

  /**
   * A failed Send changes the entry's time, so the list, oldest first, may move it: a focused
   * control moved in the DOM loses focus (to <body>). Focus goes back to that control.
   */
  async #keepFocusOn(id: string, part: string): Promise<void> {
    this.requestUpdate();
    await this.updateComplete;
    const active = this.ownerDocument.activeElement;
    if (active && active !== this.ownerDocument.body) return;
    const entry = this.shadowRoot?.querySelectorAll<HTMLElement>('[part~=entry]')[this.#indexOf(id)];
    entry?.querySelector<HTMLElement>(`[part~=${part}]`)?.focus();
  }

  /**
   * An entry left: focus that went with it goes to the heading of the entry now in its place, else
   * the one before (focus the agent took elsewhere meanwhile stays there).
   */
  async #focusAfterLeaving(index: number): Promise<void> {
    this.requestUpdate();
    await this.updateComplete;
    const active = this.ownerDocument.activeElement;
    if (active && active !== this.ownerDocument.body) return;
    const headings = this.shadowRoot?.querySelectorAll<HTMLElement>('[part~=entry] h3') ?? [];
    headings[Math.min(index, headings.length - 1)]?.focus();
  }

  #onConfirmKeydown(event: KeyboardEvent, id: string): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.#keep(id);
  }

  protected override render() {
    const list = this.#unsent.list;
    if (!list.length) return nothing;
    return html`<section part="base" class="box" aria-labelledby="heading">
      <h2 part="heading" id="heading" class="heading" tabindex="-1">${msg('Unsent work from an earlier page', { id: 'unsent.heading' })}</h2>
      <p class="intro">
        ${msg('These interactions are not open on this page. Copy what you need, send it if the interaction can be found again, or discard it.', { id: 'unsent.intro' })}
      </p>
      ${repeat(
        list,
        (entry) => entry.work.interactionId,
        (entry, index) => this.#renderEntry(entry, index),
      )}
    </section>`;
  }

  #renderEntry(entry: UnsentWorkEntry, index: number) {
    const { work } = entry;
    const id = work.interactionId;
    const who = work.contact ? [work.contact.name, work.contact.phone && formatPhone(work.contact.phone)].filter(Boolean).join(' · ') : msg(str`Interaction ${id}`, { id: 'unsent.interaction' });
    const why = this.#whyNotSendable(entry);
    const sending = this.#sendingId === id && this.#session.isPending('mark-done');
    const error = this.#sendingId === id ? this.#session.error : undefined;
    const confirming = this.confirming === id;
    const changed = formatDateTime(work.updatedAt, this.locale);
    return html`<article part="entry" class="entry" aria-labelledby="who-${index}">
      <h3 id="who-${index}" class="who" tabindex="-1">${who}</h3>
      <p class="meta">${msg(str`Last changed: ${changed}`, { id: 'unsent.changed' })}</p>
      ${work.draft === undefined
        ? nothing
        : html`<label class="label" for="note-${index}">${msg('Note', { id: 'note.label' })}</label>
            <textarea part="note" id="note-${index}" class="note" rows="3" readonly .value=${work.draft}></textarea>`}
      ${work.disposition ? html`<p>${msg(str`Disposition: ${work.disposition.label}`, { id: 'unsent.disposition' })}</p>` : nothing}
      ${work.markDonePending ? html`<p>${msg('Mark done was asked for and has not reached the callback service.', { id: 'unsent.pending' })}</p>` : nothing}
      <p id="why-${index}" class="why" ?hidden=${why === null}>${why ?? ''}</p>
      <p part="error" class="error" role="alert" ?hidden=${!error}>${error?.message ?? ''}</p>
      ${confirming ? this.#renderConfirm(entry, index) : this.#renderActions(entry, index, why, sending)}
    </article>`;
  }

  #renderActions(entry: UnsentWorkEntry, index: number, why: string | null, sending: boolean) {
    const disabled = why !== null || sending;
    return html`<div class="row">
      <button
        part="send-button"
        class="send"
        type="button"
        aria-disabled=${disabled ? 'true' : 'false'}
        aria-busy=${sending ? 'true' : 'false'}
        aria-describedby=${why === null ? nothing : `why-${index}`}
        @click=${() => void this.#send(entry)}
      >
        ${sending ? msg('Sending…', { id: 'pending.retrying' }) : msg('Send', { id: 'unsent.send' })}
      </button>
      <button part="discard-button" class="discard" type="button" ?disabled=${sending} @click=${() => this.#askDiscard(entry.work.interactionId)}>
        ${msg('Discard', { id: 'unsent.discard' })}
      </button>
    </div>`;
  }

  #renderConfirm(entry: UnsentWorkEntry, index: number) {
    const id = entry.work.interactionId;
    return html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-${index}" @keydown=${(e: KeyboardEvent) => this.#onConfirmKeydown(e, id)}>
      <p id="confirm-${index}">${msg('Discard this work? Nothing of it has been sent, and it cannot be brought back.', { id: 'unsent.confirm' })}</p>
      <div class="row">
        <button class="discard-confirm" type="button" @click=${() => void this.#discard(entry)}>${msg('Discard', { id: 'unsent.discard' })}</button>
        <button class="keep" type="button" @click=${() => this.#keep(id)}>${msg('Keep', { id: 'unsent.keep' })}</button>
      </div>
    </div>`;
  }
}
