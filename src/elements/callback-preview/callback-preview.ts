import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { announce } from '../../controllers/announcer.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { WrapUpController } from '../../controllers/wrap-up/wrap-up-controller.js';
import type { InteractionAction } from '../../model/actions.js';
import { callbackInfoItems, type CallbackInfoKey } from '../../model/callback-info.js';
import type { Interaction } from '../../model/interaction.js';
import type { CallActions } from '../call-actions/call-actions.js';
import { CallbackDoneEvent, doneDetail } from '../call-actions/call-actions.events.js';
import { flowActionLabel } from '../call-actions/call-actions.labels.js';
import { callStateLabel } from '../call-status/call-status.messages.js';
import type { InteractionNote } from '../interaction-note/interaction-note.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { ScrollRegionController } from '../shared/scroll-region-controller.js';
import { infoLabel, infoValue } from '../shared/info.js';
import { contactLabel } from '../shared/phone-format.js';
import { infoItemsConverter } from '../shared/info-items-converter.js';
import { callbackTypeLabel } from '../../messages/messages.js';
import type { ResponseInsertEvent } from '../standard-responses/standard-responses.events.js';
import { DuplicateLookupController } from './callback-preview.duplicates.js';
import { CallbackOpenEvent } from './callback-preview.events.js';
import {
  CASE_INFORMATION_ITEMS,
  DEFAULT_PREVIEW_REGIONS,
  DEFAULT_WEB_CALLBACK_INFO,
  regionsConverter,
  type PreviewRegion,
} from './callback-preview.regions.js';
import {
  DEFAULT_SHORTCUTS,
  isEditable,
  matchesShortcut,
  normalizeShortcut,
  shortcutLabel,
  shortcutsConverter,
  typesText,
  type PreviewShortcuts,
} from './callback-preview.shortcuts.js';
import { styles } from './callback-preview.styles.js';

/** Interactions already auto-dialed, per callback adapter: "once" survives a window opened again. */
const autoDialed = new WeakMap<object, Set<string>>();

/**
 * The window of an accepted web callback (eServices "preview"): the call state line
 * (`<call-status>`: Ready to call, Dialing, Connected, On hold), a warning when the number has
 * another open callback, and the regions the administrator chose, in their order (`regions`):
 * Case information (the number and the web form, untrusted text), the actions (`<call-actions>`
 * labelled Call, Done and Schedule callback, with hold, transfer, conference, consultation and DTMF
 * once connected), Callback information (`<callback-info>`), the Contact (`<contact-directory>`),
 * Standard responses (`<standard-responses>`; "Insert into note" puts the text into the note
 * draft), the disposition, the note and the case history. After either side hangs up, or an
 * attempt fails (no answer, busy, answering machine: listed as former attempts), the interaction
 * is Ready to call again. Schedule callback (between calls) closes the interaction as Done does:
 * `callback-done` follows, its history ending with `rescheduled`, and `<callback-desk>` removes the
 * window.
 *
 * Keyboard shortcuts, active while focus is anywhere inside the preview (popups included), and
 * anywhere in `<callback-desk>` while it shows the preview (the desk hands it the key presses made
 * elsewhere in it, through `handleShortcut`): **Alt+Shift+C** calls the contact and
 * **Alt+Shift+D** marks the interaction done. Change them
 * with `shortcuts` (`shortcuts="call=Control+Alt+C,done=Control+Alt+D"`; an empty attribute
 * turns them off). They do exactly what the buttons do, so they do nothing (and fire nothing)
 * while the model disables the action, and need the `actions` region. The buttons carry them in
 * `aria-keyshortcuts` and a hint under the toolbar shows them.
 *
 * With `auto-dial`, the contact is called once, through the Call button's path, as soon as the
 * accepted interaction is ready to call.
 *
 * Of the `policy`, it reads `canRescheduleBeforeCall`, `canRescheduleOnNewNumber` and `dispositionMandatory`.
 *
 * @summary The web-callback preview: case and callback information, Call / Done / Schedule callback, contact, responses.
 *
 * @slot start - Above the call state line.
 * @slot end - After the last region.
 *
 * @fires {CallbackOpenEvent} callback-open - The agent chose another open callback for the same number in the duplicate warning; `detail.interactionId`.
 * @fires {CallbackActionEvent} callback-action - From the composed elements, before each adapter call (call, end-call, mark-done, reschedule, ...). Cancelable.
 * @fires {CallbackActionDoneEvent} callback-action-done - From the composed elements, after each adapter call.
 * @fires {CallbackDoneEvent} callback-done - The interaction was marked done, or scheduled for another time (its last history entry is then `rescheduled`).
 * @fires {CallbackErrorEvent} callback-error - An action failed (the message is shown where it failed).
 *
 * @csspart status - The call state line.
 * @csspart duplicates - The duplicate-callback warning (a polite status region).
 * @csspart duplicate-button - One other open callback in the warning.
 * @csspart region - Every region; each also has its name as a part (`region actions`, `region note`, ...).
 * @csspart shortcuts - The keyboard shortcut hint under the actions.
 *
 * @cssproperty --cb-preview-gap - Space between regions.
 * @cssproperty --cb-preview-warning-background - Background of the duplicate warning.
 * @cssproperty --cb-preview-warning-border - Border of the duplicate warning.
 * @cssproperty --cb-preview-case-header-color - Header background of Case information.
 * @cssproperty --cb-preview-case-header-text-color - Header text of Case information.
 * @cssproperty --cb-preview-case-max-block-size - Tallest Case information grows before the form data scrolls under its header (default 24rem).
 *
 * @cssstate ready-to-call - Nobody is on the line: call, schedule or mark done.
 * @cssstate dialing - Calling the contact.
 * @cssstate connected - Talking with the contact.
 * @cssstate held - The contact is on hold.
 * @cssstate duplicate - Another open callback has the same number.
 */
export class CallbackPreview extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];

  /**
   * The regions, in order: `case-information`, `actions`, `callback-information`, `contact`,
   * `responses`, `disposition`, `note`, `history`. Attribute: comma-separated names.
   */
  @property({ attribute: 'regions', converter: regionsConverter }) regions: PreviewRegion[] = [...DEFAULT_PREVIEW_REGIONS];
  /** Callback information items, in order (see `<callback-info>`); the web items by default. */
  @property({ attribute: 'info-items', converter: infoItemsConverter }) infoItems: CallbackInfoKey[] = [...DEFAULT_WEB_CALLBACK_INFO];
  /** Call the contact once, automatically, when the accepted interaction is ready to call. */
  @property({ type: Boolean, attribute: 'auto-dial' }) autoDial = false;
  /** Keyboard shortcuts (`aria-keyshortcuts` syntax); a missing or empty one is off. */
  @property({ attribute: 'shortcuts', converter: shortcutsConverter }) shortcuts: PreviewShortcuts = { ...DEFAULT_SHORTCUTS };
  /** Disposition display: a tree of folders or a flat list. */
  @property({ attribute: 'disposition-mode' }) dispositionMode: 'tree' | 'list' = 'tree';
  /** DTMF inactivity buffer in ms (0 = each digit). */
  @property({ type: Number, attribute: 'dtmf-buffer' }) dtmfBuffer = 500;
  /** Show and record DTMF digits as typed (opt-in); without it they are masked (`•`) everywhere they would show. */
  @property({ type: Boolean, attribute: 'dtmf-show-digits' }) dtmfShowDigits = false;
  /**
   * Keeps DTMF digits masked even with `dtmf-show-digits`.
   * @deprecated Digits are masked by default now; `dtmf-show-digits` is the opt-in to show them.
   */
  @property({ type: Boolean, attribute: 'dtmf-mask' }) dtmfMask = false;
  /** Country for numbers without `+` (ISO 3166 alpha-2), when calling and editing the contact. */
  @property({ attribute: 'default-country' }) defaultCountry?: string;
  /** Start of the contact's daytime hours (`HH:MM`, their clock) for the reschedule form; 08:00 when unset (see `<callback-scheduler>`). */
  @property({ attribute: 'contact-day-start' }) contactDayStart?: string;
  /** End of the contact's daytime hours (`HH:MM`, their clock, excluded) for the reschedule form; 21:00 when unset. */
  @property({ attribute: 'contact-day-end' }) contactDayEnd?: string;
  /** Heading level of the region titles in the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  readonly session = new InteractionSession(this, sessionOverrides(this));

  readonly #duplicates = new DuplicateLookupController(this, () => ({ adapter: this.session.adapter, interaction: this.session.interaction }));
  #keyShortcuts: Partial<Record<InteractionAction, string>> = {};

  constructor() {
    super();
    this.addEventListener('keydown', (event) => this.#onKeydown(event));
    // A web form of any size scrolls inside Case information, by keyboard too.
    new ScrollRegionController(this);
    // The wrap-up goes on whichever regions are shown: a Mark done that failed on the way is sent
    // again, and its `callback-done` told, from here when there is no actions region.
    new WrapUpController(this, this.session, () => ({ adapter: this.session.adapter, interactionId: this.session.interaction?.id }), {
      rank: 1,
      done: (interaction) => this.dispatchEvent(new CallbackDoneEvent(doneDetail(interaction))),
    });
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#focusedDuplicate = this.#duplicateButtons().indexOf(this.shadowRoot?.activeElement as HTMLElement);
    if (changed.has('shortcuts')) {
      const call = normalizeShortcut(this.shortcuts.call);
      const done = normalizeShortcut(this.shortcuts.done);
      this.#keyShortcuts = { ...(call ? { call } : {}), ...(done ? { 'mark-done': done } : {}) };
    }
  }

  /** Which duplicate button had focus before this update (-1: none). */
  #focusedDuplicate = -1;

  #duplicateButtons(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[part=duplicate-button]')];
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The focused entry went with its callback (rejected, expired, done): the next one takes focus;
    // with none left, the container does (`<callback-desk>`: the window).
    if (this.#focusedDuplicate >= 0 && !this.shadowRoot?.activeElement) {
      const left = this.#duplicateButtons();
      left[Math.min(this.#focusedDuplicate, left.length - 1)]?.focus();
    }
    const state = this.session.interaction?.state;
    for (const name of ['ready-to-call', 'dialing', 'connected', 'held'] as const) this.setState(name, state === name);
    this.setState('duplicate', this.#duplicates.duplicates.length > 0);
    if (this.autoDial) this.#autoDial();
  }

  get #actions(): CallActions | null {
    return this.renderRoot.querySelector<CallActions>('call-actions');
  }

  /** Dials once, through the Call button's path, right after acceptance. */
  #autoDial(): void {
    const interaction = this.session.interaction;
    const adapter = this.session.adapter;
    if (!interaction || !adapter || interaction.state !== 'ready-to-call' || interaction.history.at(-1)?.kind !== 'accepted') return;
    const dialed = autoDialed.get(adapter) ?? new Set<string>();
    autoDialed.set(adapter, dialed);
    // Only interactions still held need the guard: the set does not grow with the shift.
    for (const id of dialed) if (adapter.getInteraction(id)?.state !== 'ready-to-call') dialed.delete(id);
    const actions = this.#actions;
    if (dialed.has(interaction.id) || !actions) return;
    dialed.add(interaction.id);
    void actions.updateComplete.then(() => {
      // Not possible yet (no phone, another action pending): try again on a later update.
      if (!actions.perform('call')) dialed.delete(interaction.id);
    });
  }

  #onKeydown(event: KeyboardEvent): void {
    this.handleShortcut(event);
  }

  /**
   * Does what a shortcut's button does when `event` is one of the shortcuts, wherever it was
   * pressed: `<callback-desk>` hands the preview it shows the key presses made elsewhere in the
   * desk. Returns whether it was one (then the event's default is prevented); ignores a shortcut
   * that types text when pressed in a text field, a repeated key, and an event already handled.
   */
  handleShortcut(event: KeyboardEvent): boolean {
    if (event.defaultPrevented || event.repeat || event.isComposing) return false;
    const { call, 'mark-done': done } = this.#keyShortcuts;
    const [action, shortcut] = matchesShortcut(event, call)
      ? (['call', call!] as const)
      : matchesShortcut(event, done)
        ? (['mark-done', done!] as const)
        : [undefined, ''];
    if (!action || (typesText(shortcut) && isEditable(event.composedPath()[0]))) return false;
    event.preventDefault();
    this.#actions?.perform(action);
    return true;
  }

  #onResponseInsert(event: ResponseInsertEvent): void {
    const text = event.detail?.text;
    const note = this.renderRoot.querySelector<InteractionNote>('interaction-note');
    if (!text || !note) return;
    note.insert(text);
    announce(msg('Response inserted into the note.', { id: 'preview.response-inserted' }));
  }

  protected override render() {
    const interaction = this.session.interaction;
    if (!interaction) return nothing;
    const s = this.session;
    return html`
      <slot name="start"></slot>
      <div part="status" class="status">
        <call-status interaction-id=${interaction.id} .adapter=${s.adapter} .telephony=${s.telephony} .clock=${s.clock} .policy=${this.policy}></call-status>
      </div>
      ${this.#renderDuplicates()}
      ${repeat(
        this.regions,
        (region) => region,
        (region) => html`<div part="region ${region}" class="region ${region}" data-region=${region}>${this.#renderRegion(region, interaction)}</div>`,
      )}
      <slot name="end"></slot>
    `;
  }

  #announcedDuplicates = 0;

  #renderDuplicates() {
    const duplicates = this.#duplicates.duplicates;
    const count = duplicates.length;
    // Not a live region (it holds buttons, and would be re-read on every change): a new
    // duplicate is announced once through the shared polite announcer instead.
    if (count > this.#announcedDuplicates) {
      announce(
        count === 1
          ? msg('Another callback for this number is open.', { id: 'preview.duplicate-one' })
          : msg(str`${count} other callbacks for this number are open.`, { id: 'preview.duplicate-many' }),
      );
    }
    this.#announcedDuplicates = count;
    return html`<div part="duplicates" class="duplicates ${count ? 'shown' : ''}">
      ${count
        ? html`<p>
              ${count === 1
                ? msg('Another callback for this number is open.', { id: 'preview.duplicate-one' })
                : msg(str`${count} other callbacks for this number are open.`, { id: 'preview.duplicate-many' })}
            </p>
            <ul>
              ${duplicates.map((other) => {
                const who = contactLabel(other.contact);
                const type = callbackTypeLabel(other.callbackType);
                // An offer nobody accepted yet has no call: "Ringing" would say someone's phone rings.
                const state = other.state === 'offered' ? msg('Waiting for an agent', { id: 'preview.duplicate-offered' }) : callStateLabel(other.state, other.remoteHold);
                return html`<li>
                  <button part="duplicate-button" type="button" data-interaction-id=${other.id} @click=${() => this.dispatchEvent(new CallbackOpenEvent({ interactionId: other.id }))}>
                    ${msg(str`Open the callback from ${who} (${type}, ${state})`, { id: 'preview.duplicate-open' })}
                  </button>
                </li>`;
              })}
            </ul>`
        : nothing}
    </div>`;
  }

  #renderRegion(region: PreviewRegion, interaction: Interaction) {
    const s = this.session;
    const id = interaction.id;
    switch (region) {
      case 'case-information':
        return this.#renderCase(interaction);
      case 'actions':
        return html`<call-actions
            flow="web-callback"
            interaction-id=${id}
            dtmf-buffer=${this.dtmfBuffer}
            ?dtmf-show-digits=${this.dtmfShowDigits}
            ?dtmf-mask=${this.dtmfMask}
            default-country=${this.defaultCountry ?? nothing}
            contact-day-start=${this.contactDayStart ?? nothing}
            contact-day-end=${this.contactDayEnd ?? nothing}
            .keyShortcuts=${this.#keyShortcuts}
            .adapter=${s.adapter}
            .telephony=${s.telephony}
            .directory=${s.directory}
            .clock=${s.clock}
            .policy=${this.policy}
          ></call-actions>
          ${this.#renderShortcutHint()}`;
      case 'callback-information':
        return html`<callback-info interaction-id=${id} heading-level=${this.headingLevel} .adapter=${s.adapter} .clock=${s.clock} .infoItems=${this.infoItems}></callback-info>`;
      case 'contact':
        return html`<contact-directory
          interaction-id=${id}
          heading-level=${this.headingLevel}
          default-country=${this.defaultCountry ?? nothing}
          .adapter=${s.adapter}
          .directory=${s.directory}
          .clock=${s.clock}
          .policy=${this.policy}
        ></contact-directory>`;
      case 'responses':
        return html`<standard-responses
          heading-level=${this.headingLevel}
          .directory=${s.directory}
          .clock=${s.clock}
          @response-insert=${this.#onResponseInsert}
        ></standard-responses>`;
      case 'disposition':
        return html`<disposition-picker
          interaction-id=${id}
          mode=${this.dispositionMode}
          ?required=${!!s.policy.dispositionMandatory}
          .adapter=${s.adapter}
          .directory=${s.directory}
          .clock=${s.clock}
          .policy=${this.policy}
        ></disposition-picker>`;
      case 'note':
        return html`<interaction-note interaction-id=${id} .adapter=${s.adapter} .clock=${s.clock} .policy=${this.policy}></interaction-note>`;
      case 'history':
        return html`<case-history interaction-id=${id} .adapter=${s.adapter} .clock=${s.clock}></case-history>`;
    }
  }

  #renderCase(interaction: Interaction) {
    const items = callbackInfoItems(interaction, CASE_INFORMATION_ITEMS);
    const now = this.session.clock.now();
    return html`<section class="case scroll-region" aria-labelledby="case-title">
      <div id="case-title" class="case-header" role="heading" aria-level=${this.headingLevel}>${msg('Case information', { id: 'preview.case-information' })}</div>
      ${items.length
        ? html`<dl>
            ${items.map(
              (item) => html`<div class="row" data-key=${item.key}>
                <dt>${infoLabel(item)}</dt>
                <dd>${infoValue(item, this.locale, now)}</dd>
              </div>`,
            )}
          </dl>`
        : html`<p class="empty">${msg('The contact left no details.', { id: 'preview.case-empty' })}</p>`}
    </section>`;
  }

  #renderShortcutHint() {
    const entries = (['call', 'mark-done'] as const).flatMap((action) => {
      const keys = this.#keyShortcuts[action];
      return keys ? [{ action, keys }] : [];
    });
    if (!entries.length) return nothing;
    return html`<p part="shortcuts" class="shortcuts">
      ${msg('Keyboard shortcuts:', { id: 'preview.shortcuts' })}
      ${entries.map(({ action, keys }, i) => html`${i ? ' · ' : ''}<span>${flowActionLabel(action, 'web-callback')} <kbd>${shortcutLabel(keys)}</kbd></span>`)}
    </p>`;
  }
}
