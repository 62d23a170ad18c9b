import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import type { RescheduleRequest } from '../../adapters/callback-adapter.js';
import { AdapterError, isAdapterError } from '../../adapters/errors.js';
import { announce } from '../../controllers/announcer.js';
import { CallbackErrorEvent } from '../../events/error-event.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { wrapUpOf } from '../../controllers/wrap-up/wrap-up.js';
import { DEFAULT_POLICY } from '../../model/actions.js';
import type { AvailabilitySlot, Interaction, RescheduleReason } from '../../model/interaction.js';
import { isClosed } from '../../model/states.js';
import {
  MAX_RESCHEDULE_AHEAD_MS,
  validatePhoneNumber,
  validateRescheduleTime,
  type PhoneNumber,
  type Validation,
  type ValidationCode,
} from '../../model/validation.js';
import { CallbackDoneEvent, doneDetail } from '../call-actions/call-actions.events.js';
import { flowActionLabel } from '../call-actions/call-actions.labels.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { rescheduleBlockedMessage } from './callback-scheduler.messages.js';
import * as parts from './callback-scheduler.parts.js';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import { AsyncState } from '../../controllers/async-state.js';
import {
  clockMinutes,
  formatHours,
  formatWeekdayTime,
  formatZonedTime,
  isTimeZone,
  withinHours,
  zonedDay,
  zonedParts,
  zonedToEpoch,
  type DayHours,
} from './callback-scheduler.time.js';
import { agentTimeZone, timeZoneName, zonesDiffer } from '../shared/format.js';
import { formatPhone } from '../shared/phone-format.js';
import { validationMessage } from '../../messages/window-messages.js';
import { styles } from './callback-scheduler.styles.js';

/**
 * Reschedules a callback: a date and a time (in the agent's zone, or the contact's when the agent
 * chooses), the free slots of the callback service for that day when it can list them, an optional
 * new number (with the privilege), the reason (web callbacks) and whether the agent calls back
 * personally or the callback goes back to the queue. The time is checked before anything is sent;
 * a refusal shows why, offers nearby free times, and keeps everything the agent entered.
 *
 * When the contact's time zone is known and differs from the agent's, each free slot shows both
 * ("17:00–17:30 your time · 16:00–16:30 for the contact"). A slot outside the contact's daytime
 * hours (`contact-day-start`–`contact-day-end` on the contact's clock, 08:00–21:00 by default) says
 * so, and a chosen time outside them shows a warning, tied to the time field and the chosen slot
 * and announced: the agent may still book it.
 *
 * Every field's problem shows at once, next to the field (`aria-invalid`, `aria-describedby`), and
 * focus moves to the first one. The title names the action as the button that opens it does:
 * "Schedule callback" for a web callback, "Reschedule callback" for a voice one. A web callback
 * scheduled for another time is closed by it, as Done does (the model's rule): the form then shows
 * only its confirmation, and `callback-done` follows `callback-action-done`.
 *
 * Of the `policy`, it reads `canReschedule`, `canRescheduleOnNewNumber` and `canRescheduleBeforeCall`.
 *
 * @summary Reschedule a callback into a free slot, in the agent's and the contact's time.
 *
 * @fires {CallbackActionEvent} callback-action - `detail.action === 'reschedule'`, `detail.args` = `{ time, number?, reason?, personal }`. Cancelable: `preventDefault()` stops the adapter call.
 * @fires {CallbackActionDoneEvent} callback-action-done - The callback service took the new time.
 * @fires {CallbackDoneEvent} callback-done - A web callback scheduled for another time is closed (its last history entry is `rescheduled`): what Done would tell the host CRM.
 * @fires {CallbackErrorEvent} callback-error - The time was refused (by the checks or the service) or the call failed; the message is shown too.
 * @fires {Event} cancel - The agent pressed Cancel (bubbles, composed, cancelable: `preventDefault()` keeps what was entered).
 *
 * @csspart base - The form.
 * @csspart title - The heading.
 * @csspart blocked - Why rescheduling is not possible now.
 * @csspart preview - The chosen time in the agent's and the contact's zone.
 * @csspart time-error - Why the date or time entered cannot be taken (next to the fields).
 * @csspart number-error - Why the new number cannot be taken.
 * @csspart contact-hours-warning - The chosen time falls outside the contact's daytime hours.
 * @csspart slots - The free slots of the chosen day.
 * @csspart error - The callback service's refusal or failure.
 * @csspart alternatives - Free times offered after a refusal.
 * @csspart status - Confirmation after a successful reschedule.
 * @csspart actions - The button row.
 * @csspart submit-button - The Reschedule button.
 * @csspart cancel-button - The Cancel button.
 *
 * @cssproperty --cb-scheduler-background - Background of the form.
 * @cssproperty --cb-scheduler-full - Colour of full slots.
 * @cssproperty --cb-scheduler-selected-color - Border of the chosen slot (default: the accent).
 * @cssproperty --cb-scheduler-warning-color - Border of the warning about the contact's daytime hours (default: the warning colour).
 *
 * @cssstate blocked - Rescheduling is shown but not possible now (the reason is shown).
 * @cssstate pending - Waiting for the callback service.
 * @cssstate error - The last attempt was refused or failed, or a field's value cannot be taken.
 * @cssstate rescheduled - The callback service took the new time.
 */
export class CallbackScheduler extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];
  /** `scheduler.focus()` (a popup opening it) lands on its first field. */
  static override shadowRootOptions: ShadowRootInit = { ...CallbackElement.shadowRootOptions, delegatesFocus: true };

  /** The agent's IANA time zone; the browser's when empty. */
  @property({ attribute: 'time-zone' }) timeZone?: string;
  /** ISO country for new numbers typed without `+` (e.g. `GB`). */
  @property({ attribute: 'default-country' }) defaultCountry?: string;
  /** Heading level of the title in the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;
  /** Start of the contact's daytime hours, `HH:MM` on the contact's clock; earlier times are flagged. */
  @property({ attribute: 'contact-day-start' }) contactDayStart = '08:00';
  /** End of the contact's daytime hours (excluded), `HH:MM` on the contact's clock; an end before the start spans midnight. */
  @property({ attribute: 'contact-day-end' }) contactDayEnd = '21:00';

  @state() private date = '';
  @state() private time = '';
  @state() private inContactZone = false;
  @state() private number = '';
  @state() private numberError: ValidationCode | undefined;
  /** Why the date and time cannot be taken, and which of the two fields is wrong. */
  @state() private timeError: { code: ValidationCode; field: 'date' | 'time' } | undefined;
  @state() private reason: RescheduleReason | '' | undefined;
  @state() private personal = false;
  @state() private alternatives: readonly AvailabilitySlot[] = [];
  @state() private rescheduledTo: number | undefined;

  @query('#time') private timeInput?: HTMLInputElement;
  @query('.title') private titleElement?: HTMLElement;

  readonly #session = new InteractionSession(this, sessionOverrides(this));

  /**
   * The callback service's free slots (full ones included) for the day shown: loaded once per
   * adapter, interaction, day and zone when the adapter can list availability.
   */
  readonly #slots = new AsyncState<AvailabilitySlot[], [CallbackAdapter, string, string, string]>(this, ([adapter, id, date, timeZone], signal) =>
    adapter.availability(id, { ...zonedDay(date, timeZone)!, timeZone }, { signal }),
  );
  /** The day's slots once loaded. */
  get #freeSlots(): AvailabilitySlot[] | undefined {
    return this.#slots.status === 'complete' ? this.#slots.value : undefined;
  }

  #formFor: string | undefined;
  #numberCheck = 0;
  /** The warning last announced, so a re-render does not announce it again. */
  #announcedWarning = '';

  get #agentZone(): string {
    return isTimeZone(this.timeZone) ? this.timeZone : agentTimeZone();
  }

  /** The contact's zone, when known and showing another time than the agent's. */
  get #contactZone(): string | undefined {
    const zone = this.#session.interaction?.contact.timeZone;
    return isTimeZone(zone) && zonesDiffer(this.#session.clock.now(), this.#agentZone, zone) ? zone : undefined;
  }

  /** The contact's zone when known, whether or not it shows the agent's time. */
  get #contactHoursZone(): string | undefined {
    const zone = this.#session.interaction?.contact.timeZone;
    return isTimeZone(zone) ? zone : undefined;
  }

  /** The contact's daytime hours; a malformed bound falls back to its default. */
  get #hours(): DayHours {
    return { start: clockMinutes(this.contactDayStart) ?? 8 * 60, end: clockMinutes(this.contactDayEnd) ?? 21 * 60 };
  }

  /** True when the contact's zone is known and part of [start, end) is outside their daytime hours. */
  #outsideHours(start: number, end = start + 1): boolean {
    const zone = this.#contactHoursZone;
    if (!zone) return false;
    const hours = this.#hours;
    return !withinHours(start, zone, hours) || !withinHours(Math.max(start, end - 60_000), zone, hours);
  }

  /** The warning about the chosen time, when it falls outside the contact's daytime hours. */
  #hoursWarning(chosen: number | undefined): string {
    const zone = this.#contactHoursZone;
    if (chosen === undefined || !zone || !this.#outsideHours(chosen)) return '';
    const theirs = formatZonedTime(chosen, this.locale, zone, zonedParts(chosen, zone).date !== zonedParts(chosen, this.#agentZone).date);
    const hours = formatHours(this.#hours, this.locale);
    return msg(str`For the contact this is ${theirs}, outside their daytime hours (${hours}).`, { id: 'scheduler.outside-hours' });
  }

  /** Web callbacks say "Schedule callback" where voice ones say "Reschedule callback". */
  get #isWeb(): boolean {
    return this.#session.interaction?.channel === 'web-callback';
  }

  /** The zone the date and time inputs are read in. */
  get #entryZone(): string {
    return (this.inContactZone && this.#contactZone) || this.#agentZone;
  }

  get #chosen(): number | undefined {
    return zonedToEpoch(this.date, this.time, this.#entryZone);
  }

  get #numberAllowed(): boolean {
    return ({ ...DEFAULT_POLICY, ...this.#session.policy }).canRescheduleOnNewNumber;
  }

  /** Empties the form (the date goes back to today). */
  reset(): void {
    this.date = zonedParts(this.#session.clock.now(), this.#entryZone).date;
    this.time = '';
    this.number = '';
    this.numberError = undefined;
    this.timeError = undefined;
    this.reason = undefined;
    this.personal = false;
    this.#clearProblem();
  }

  // After the controllers' hostUpdate (the session follows a new interaction there) and before
  // rendering: changes made here join this update.
  override update(changed: PropertyValues<this>): void {
    const id = this.#session.interaction?.id;
    if (id !== this.#formFor) {
      this.#formFor = id;
      this.inContactZone = false;
      this.reset();
    }
    const adapter = this.#session.adapter;
    const wanted = this.#session.availability('reschedule').status !== 'hidden' && adapter?.callbackCapabilities.availability;
    this.#slots.sync(adapter && wanted && id && zonedDay(this.date, this.#entryZone) ? [adapter, id, this.date, this.#entryZone] : undefined);
    super.update(changed);
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const availability = this.#session.availability('reschedule');
    this.setState('blocked', availability.status === 'disabled' && !this.#session.isPending('reschedule'));
    this.setState('pending', this.#session.isPending('reschedule'));
    this.setState('error', this.#session.error?.action === 'reschedule' || !!this.timeError || !!this.numberError);
    this.setState('rescheduled', this.rescheduledTo !== undefined);
    // Said once per chosen time, politely: the agent may still book it.
    const warning = this.#closedHere ? '' : this.#hoursWarning(this.#chosen);
    if (warning && warning !== this.#announcedWarning) announce(warning);
    this.#announcedWarning = warning;
  }

  /** The web callback this form scheduled for another time is closed: only the confirmation is left. */
  get #closedHere(): boolean {
    const interaction = this.#session.interaction;
    return !!interaction && isClosed(interaction.state) && this.rescheduledTo !== undefined;
  }

  /** Slots that start after now: picking one gives a time that can pass the checks. */
  #upcoming(slots: readonly AvailabilitySlot[]): AvailabilitySlot[] {
    const now = this.#session.clock.now();
    return slots.filter((s) => s.start > now);
  }

  #clearProblem(): void {
    this.alternatives = [];
    this.timeError = undefined;
    this.rescheduledTo = undefined;
    if (this.#session.error?.action === 'reschedule') this.#session.clearError();
  }

  #setWhen(start: number): void {
    const when = zonedParts(start, this.#entryZone);
    this.date = when.date;
    this.time = when.time;
    this.#clearProblem();
  }

  async #pickAlternative(slot: AvailabilitySlot): Promise<void> {
    this.#setWhen(slot.start);
    await this.updateComplete;
    this.timeInput?.focus();
  }

  /** Checks the new number (when one may be and was entered); shows the problem next to the field. */
  async #checkNumber(): Promise<Validation<PhoneNumber> | undefined> {
    const check = ++this.#numberCheck;
    const raw = this.number;
    if (!this.#numberAllowed || !raw.trim()) {
      this.numberError = undefined;
      return undefined;
    }
    const result = await validatePhoneNumber(raw, this.defaultCountry);
    if (check === this.#numberCheck) this.numberError = result.ok ? undefined : result.code;
    return result;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#session.availability('reschedule').status !== 'enabled') return;
    this.#clearProblem();
    const slots = this.#freeSlots;
    const checked = validateRescheduleTime(this.#chosen, { now: this.#session.clock.now(), ...(slots ? { slots } : {}) });
    const number = await this.#checkNumber();
    // Every field's problem at once, each next to its field; focus on the first of them.
    if (!checked.ok) {
      this.timeError = { code: checked.code, field: this.#timeErrorField(checked.code) };
      this.alternatives = this.#upcoming(checked.alternatives ?? []);
      const message = validationMessage(checked.code);
      this.dispatchEvent(new CallbackErrorEvent({ action: 'reschedule', code: checked.code, message, interaction: this.#session.interaction }));
    }
    if (!checked.ok || (number && !number.ok)) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
      return;
    }

    const interaction = this.#session.interaction;
    const reason = interaction?.channel === 'web-callback' ? this.#reason : '';
    const request: RescheduleRequest = {
      time: checked.value,
      ...(number?.ok ? { number: number.value.e164 } : {}),
      ...(reason ? { reason } : {}),
    };
    // `personal` is not part of the adapter contract yet: hosts read it from the event args.
    let closed: Interaction | undefined;
    const focusWasHere = !!this.shadowRoot?.activeElement;
    const reschedule = () => this.#session.run(
      'reschedule',
      async (current) => {
        try {
          return await this.#session.requireAdapter().reschedule(current.id, request);
        } catch (error) {
          const offered = error instanceof AdapterError ? error.detail.alternatives : undefined;
          this.alternatives = this.#upcoming(Array.isArray(offered) ? offered.filter(parts.isSlot) : []);
          if (isAdapterError(error, 'time-unavailable')) this.#slots.reload();
          throw error;
        }
      },
      { ...request, personal: this.personal },
      {
        // A web callback scheduled for another time is closed: the host hears it as it hears Done,
        // right after the action, while this form (and the window around it) is still in the page.
        afterDone: (latest) => {
          if (latest?.state !== 'done' || latest.history.at(-1)?.kind !== 'rescheduled') return;
          closed = latest;
          this.rescheduledTo = checked.value;
          this.dispatchEvent(new CallbackDoneEvent(doneDetail(latest)));
        },
      },
    );
    // Scheduling a web callback for another time closes it: its window stays until the outcome is told.
    const adapter = this.#session.adapter;
    const result = await (interaction?.channel === 'web-callback' && adapter ? wrapUpOf(adapter, interaction.id).closeWith(reschedule) : reschedule());
    if (!result) return;
    this.rescheduledTo = checked.value;
    const when = formatWeekdayTime(checked.value, this.locale, this.#agentZone);
    announce(msg(str`Callback rescheduled for ${when}.`, { id: 'scheduler.announce-done' }));
    if (!closed) {
      this.#slots.reload();
      return;
    }
    // The fields went with the interaction: focus that was on them (and nowhere else since) goes to the title.
    await this.updateComplete;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (focusWasHere && lost && this.isConnected) this.titleElement?.focus();
  }

  /** The field a time problem is about: the date for a day already gone or too far ahead, else the time. */
  #timeErrorField(code: ValidationCode): 'date' | 'time' {
    const today = zonedParts(this.#session.clock.now(), this.#entryZone).date;
    const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(this.date);
    if (!dateOk || code === 'time-too-far') return 'date';
    return code === 'time-past' && this.date < today ? 'date' : 'time';
  }

  get #reason(): RescheduleReason | '' {
    const interaction = this.#session.interaction;
    return this.reason ?? (interaction ? parts.reasonFromAttempts(interaction) : '');
  }

  #cancel(): void {
    const event = new Event('cancel', { bubbles: true, composed: true, cancelable: true });
    if (this.dispatchEvent(event)) this.reset();
  }

  protected override render() {
    const interaction = this.#session.interaction;
    const availability = this.#session.availability('reschedule');
    const pending = this.#session.isPending('reschedule');
    if (!interaction) return nothing;
    if (this.#closedHere) return this.#renderClosed();
    // Still shown while its own request is out: the interaction may close before the answer comes.
    if (availability.status === 'hidden' && !pending) return nothing;
    const blocked = availability.status === 'disabled' && !pending ? availability.reason : undefined;
    const locked = !!blocked || pending;
    const now = this.#session.clock.now();
    const zone = this.#entryZone;
    const today = zonedParts(now, zone).date;
    const last = zonedParts(now + MAX_RESCHEDULE_AHEAD_MS, zone).date;
    const chosen = this.#chosen;
    const error = this.#session.error?.action === 'reschedule' ? this.#session.error : undefined;
    const timeError = this.timeError;
    const dateInvalid = timeError?.field === 'date';
    const timeInvalid = timeError?.field === 'time';
    const warning = this.#hoursWarning(chosen);
    const timeDescribedBy = [timeInvalid && 'when-error', chosen !== undefined && 'preview', warning && 'hours-warning'].filter(Boolean).join(' ');
    const contactZone = this.#contactZone;
    const otherZone = contactZone ? { timeZone: zone === contactZone ? this.#agentZone : contactZone, isContact: zone !== contactZone } : undefined;
    const alternatives = parts.renderAlternatives(this.alternatives, this.locale, zone, (slot) => this.#pickAlternative(slot));
    return html`
      <form part="base" class="box" novalidate aria-labelledby="title" @submit=${this.#submit}>
        ${this.#renderTitle()}
        ${blocked ? html`<p id="blocked" part="blocked" class="blocked">${rescheduleBlockedMessage(blocked)}</p>` : nothing}
        <fieldset class="fields" ?disabled=${!!blocked} aria-describedby=${blocked ? 'blocked' : nothing}>
          <legend class="visually-hidden">${msg('New time', { id: 'scheduler.new-time' })}</legend>
          <div class="when">
            <div class="field">
              <label for="date">${msg('Date', { id: 'scheduler.date' })}</label>
              <input id="date" type="date" min=${today} max=${last} .value=${live(this.date)}
                aria-invalid=${dateInvalid ? 'true' : 'false'} aria-describedby=${dateInvalid ? 'when-error' : nothing}
                @input=${(e: Event) => { this.date = (e.target as HTMLInputElement).value; this.#clearProblem(); }} />
            </div>
            <div class="field">
              <label for="time">${msg('Time', { id: 'scheduler.time' })}</label>
              <input id="time" type="time" .value=${live(this.time)}
                aria-invalid=${timeInvalid ? 'true' : 'false'} aria-describedby=${timeDescribedBy || nothing}
                @input=${(e: Event) => { this.time = (e.target as HTMLInputElement).value; this.#clearProblem(); }} />
            </div>
          </div>
          <p id="when-error" part="time-error" class="field-error" ?hidden=${!timeError}>${timeError ? validationMessage(timeError.code) : ''}</p>
          ${timeError ? alternatives : nothing}
          ${this.#contactZone
            ? parts.renderZoneToggle(timeZoneName(now, this.locale, this.#contactZone), this.inContactZone, (on) => {
                this.inContactZone = on;
                this.#clearProblem();
              })
            : nothing} ${chosen !== undefined
            ? html`<p id="preview" part="preview" class="preview">${parts.zonePreview(chosen, this.locale, this.#agentZone, this.#contactZone)}</p>`
            : nothing}
          ${warning ? html`<p id="hours-warning" part="contact-hours-warning" class="warning">${warning}</p>` : nothing}
          ${parts.renderFreeSlots({
            status: this.#slots.status,
            upcoming: this.#upcoming(this.#freeSlots ?? []),
            date: this.date,
            timeZone: zone,
            locale: this.locale,
            chosen,
            otherZone,
            outsideHours: (slot) => this.#outsideHours(slot.start, slot.end),
            warningId: warning ? 'hours-warning' : undefined,
            onPick: (slot) => this.#setWhen(slot.start),
            onRetry: () => this.#slots.reload(),
          })}
          ${this.#renderNumber(interaction)}
          ${interaction.channel === 'web-callback' ? parts.renderReason(this.#reason, (r) => (this.reason = r)) : nothing}
          ${parts.renderWho(this.personal, (personal) => (this.personal = personal))}
        </fieldset>
        <p part="error" class="error" role="alert" ?hidden=${!error}>${error?.message ?? ''}</p>
        ${timeError ? nothing : alternatives}
        ${this.rescheduledTo !== undefined && !error
          ? html`<p part="status" class="status">${this.#doneText(this.rescheduledTo)}</p>`
          : nothing}
        <div part="actions" class="actions">
          <button type="button" part="cancel-button" class="cancel" @click=${this.#cancel}>${msg('Cancel', { id: 'scheduler.cancel' })}</button>
          <!-- aria-disabled while the service answers (a second submit is refused by the model), so focus stays here. -->
          <button type="submit" part="submit-button" class="submit" ?disabled=${!!blocked} aria-disabled=${locked ? 'true' : 'false'} aria-busy=${pending ? 'true' : 'false'}>
            ${this.#submitLabel(pending)}
          </button>
        </div>
      </form>
    `;
  }

  #submitLabel(pending: boolean): string {
    if (this.#isWeb) return pending ? msg('Scheduling…', { id: 'scheduler.submitting-web' }) : msg('Schedule', { id: 'scheduler.submit-web' });
    return pending ? msg('Rescheduling…', { id: 'scheduler.submitting' }) : msg('Reschedule', { id: 'scheduler.submit' });
  }

  /**
   * The heading: the same words as the button that opens the form. Once the form has closed, it
   * takes focus by script (while the form is open, `focus()` lands on the first field instead).
   */
  #renderTitle(focusable = false) {
    return html`<div id="title" part="title" class="title" role="heading" aria-level=${this.headingLevel} tabindex=${focusable ? '-1' : nothing}>
      ${flowActionLabel('reschedule', this.#isWeb ? 'web-callback' : 'voice')}
    </div>`;
  }

  /** A web callback this form closed: its confirmation, nothing left to change. */
  #renderClosed() {
    return html`<div part="base" class="box" role="group" aria-labelledby="title">
      ${this.#renderTitle(true)}
      <p part="error" class="error" role="alert" hidden></p>
      <p part="status" class="status">${this.#doneText(this.rescheduledTo!)}</p>
    </div>`;
  }

  #doneText(time: number): string {
    const when = formatWeekdayTime(time, this.locale, this.#agentZone);
    return msg(str`Rescheduled for ${when}.`, { id: 'scheduler.done' });
  }

  #renderNumber(interaction: Interaction) {
    if (!this.#numberAllowed) return nothing;
    const error = this.numberError;
    const phone = formatPhone(interaction.contact.phone);
    return html`<div class="field">
      <label for="number">${msg('New number (optional)', { id: 'scheduler.number' })}</label>
      <input id="number" type="tel" inputmode="tel" autocomplete="off" .value=${live(this.number)}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'number-error number-hint' : 'number-hint'}
        @input=${(e: Event) => { this.number = (e.target as HTMLInputElement).value; this.numberError = undefined; }}
        @change=${() => void this.#checkNumber()} />
      <p id="number-hint" class="hint">${msg(str`Leave empty to call ${phone} again.`, { id: 'scheduler.number-hint' })}</p>
      <p id="number-error" part="number-error" class="field-error" ?hidden=${!error}>${error ? validationMessage(error) : ''}</p>
    </div>`;
  }
}
