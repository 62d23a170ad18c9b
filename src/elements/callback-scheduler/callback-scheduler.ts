import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import type { RescheduleRequest } from '../../adapters/callback-adapter.js';
import { AdapterError, isAdapterError } from '../../adapters/errors.js';
import { announce } from '../../controllers/announcer.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { DEFAULT_POLICY } from '../../model/actions.js';
import type { AvailabilitySlot, Interaction, RescheduleReason } from '../../model/interaction.js';
import {
  MAX_RESCHEDULE_AHEAD_MS,
  validatePhoneNumber,
  validateRescheduleTime,
  type PhoneNumber,
  type Validation,
  type ValidationCode,
} from '../../model/validation.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { rescheduleBlockedMessage } from '../shared/callback-scheduler-messages.js';
import * as parts from '../shared/callback-scheduler-parts.js';
import { FreeSlotsController } from '../shared/callback-scheduler-slots.js';
import { formatWeekdayTime, isTimeZone, zonedParts, zonedToEpoch } from '../shared/callback-scheduler-time.js';
import { agentTimeZone, timeZoneName, zonesDiffer } from '../shared/format.js';
import { validationMessage } from '../../messages/messages.js';
import { styles } from './callback-scheduler.styles.js';

/**
 * Reschedules a callback: a date and a time (in the agent's zone, or the contact's when the agent
 * chooses), the free slots of the callback service for that day when it can list them, an optional
 * new number (with the privilege), the reason (web callbacks) and whether the agent calls back
 * personally or the callback goes back to the queue. The time is checked before anything is sent;
 * a refusal shows why, offers nearby free times, and keeps everything the agent entered.
 *
 * Of the `policy`, it reads `canReschedule`, `canRescheduleOnNewNumber` and `canRescheduleBeforeCall`.
 *
 * @summary Reschedule a callback into a free slot, in the agent's and the contact's time.
 *
 * @fires {CallbackActionEvent} callback-action - `detail.action === 'reschedule'`, `detail.args` = `{ time, number?, reason?, personal }`. Cancelable: `preventDefault()` stops the adapter call.
 * @fires {CallbackActionDoneEvent} callback-action-done - The callback service took the new time.
 * @fires {CallbackErrorEvent} callback-error - The time was refused (by the checks or the service) or the call failed; the message is shown too.
 * @fires {Event} cancel - The agent pressed Cancel (bubbles, composed, cancelable: `preventDefault()` keeps what was entered).
 *
 * @csspart base - The form.
 * @csspart title - The heading.
 * @csspart blocked - Why rescheduling is not possible now.
 * @csspart preview - The chosen time in the agent's and the contact's zone.
 * @csspart slots - The free slots of the chosen day.
 * @csspart error - The error message.
 * @csspart alternatives - Free times offered after a refusal.
 * @csspart status - Confirmation after a successful reschedule.
 * @csspart actions - The button row.
 * @csspart submit-button - The Reschedule button.
 * @csspart cancel-button - The Cancel button.
 *
 * @cssproperty --cb-scheduler-background - Background of the form.
 * @cssproperty --cb-scheduler-full - Colour of full slots.
 * @cssproperty --cb-scheduler-selected-color - Border of the chosen slot (default: the accent).
 *
 * @cssstate blocked - Rescheduling is shown but not possible now (the reason is shown).
 * @cssstate pending - Waiting for the callback service.
 * @cssstate error - The last attempt was refused or failed.
 * @cssstate rescheduled - The callback service took the new time.
 */
@localized()
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

  @state() private date = '';
  @state() private time = '';
  @state() private inContactZone = false;
  @state() private number = '';
  @state() private numberError: ValidationCode | undefined;
  @state() private reason: RescheduleReason | '' | undefined;
  @state() private personal = false;
  @state() private alternatives: readonly AvailabilitySlot[] = [];
  @state() private rescheduledTo: number | undefined;

  @query('#time') private timeInput?: HTMLInputElement;
  @query('#number') private numberInput?: HTMLInputElement;

  readonly #session = new InteractionSession(this, sessionOverrides(this));

  readonly #slots = new FreeSlotsController(this);
  #formFor: string | undefined;
  #numberCheck = 0;

  get #agentZone(): string {
    return isTimeZone(this.timeZone) ? this.timeZone : agentTimeZone();
  }

  /** The contact's zone, when known and showing another time than the agent's. */
  get #contactZone(): string | undefined {
    const zone = this.#session.interaction?.contact.timeZone;
    return isTimeZone(zone) && zonesDiffer(this.#session.clock.now(), this.#agentZone, zone) ? zone : undefined;
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
    this.#slots.sync({
      adapter: this.#session.adapter,
      interactionId: id,
      date: this.date,
      timeZone: this.#entryZone,
      wanted: this.#session.availability('reschedule').status !== 'hidden',
    });
    super.update(changed);
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const availability = this.#session.availability('reschedule');
    this.setState('blocked', availability.status === 'disabled' && !this.#session.isPending('reschedule'));
    this.setState('pending', this.#session.isPending('reschedule'));
    this.setState('error', this.#session.error?.action === 'reschedule');
    this.setState('rescheduled', this.rescheduledTo !== undefined);
  }

  /** Slots that start after now: picking one gives a time that can pass the checks. */
  #upcoming(slots: readonly AvailabilitySlot[]): AvailabilitySlot[] {
    const now = this.#session.clock.now();
    return slots.filter((s) => s.start > now);
  }

  #clearProblem(): void {
    this.alternatives = [];
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
    const slots = this.#slots.slots;
    const checked = validateRescheduleTime(this.#chosen, { now: this.#session.clock.now(), ...(slots ? { slots } : {}) });
    const number = await this.#checkNumber();
    if (!checked.ok) {
      this.alternatives = this.#upcoming(checked.alternatives ?? []);
      this.#session.showError('reschedule', checked.code, validationMessage(checked.code));
    }
    if (number && !number.ok) {
      await this.updateComplete;
      this.numberInput?.focus();
    }
    if (!checked.ok || (number && !number.ok)) return;

    const interaction = this.#session.interaction;
    const reason = interaction?.channel === 'web-callback' ? this.#reason : '';
    const request: RescheduleRequest = {
      time: checked.value,
      ...(number?.ok ? { number: number.value.e164 } : {}),
      ...(reason ? { reason } : {}),
    };
    // `personal` is not part of the adapter contract yet: hosts read it from the event args.
    const result = await this.#session.run(
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
    );
    if (!result) return;
    this.rescheduledTo = checked.value;
    this.#slots.reload();
    const when = formatWeekdayTime(checked.value, this.locale, this.#agentZone);
    announce(msg(str`Callback rescheduled for ${when}.`, { id: 'scheduler.announce-done' }));
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
    if (!interaction || availability.status === 'hidden') return nothing;
    const pending = this.#session.isPending('reschedule');
    const blocked = availability.status === 'disabled' && !pending ? availability.reason : undefined;
    const locked = !!blocked || pending;
    const now = this.#session.clock.now();
    const zone = this.#entryZone;
    const today = zonedParts(now, zone).date;
    const last = zonedParts(now + MAX_RESCHEDULE_AHEAD_MS, zone).date;
    const chosen = this.#chosen;
    const error = this.#session.error?.action === 'reschedule' ? this.#session.error : undefined;
    return html`
      <form part="base" class="box" novalidate aria-labelledby="title" @submit=${this.#submit}>
        <div id="title" part="title" class="title" role="heading" aria-level=${this.headingLevel}>
          ${msg('Reschedule callback', { id: 'scheduler.title' })}
        </div>
        ${blocked ? html`<p id="blocked" part="blocked" class="blocked">${rescheduleBlockedMessage(blocked)}</p>` : nothing}
        <fieldset class="fields" ?disabled=${!!blocked} aria-describedby=${blocked ? 'blocked' : nothing}>
          <legend class="visually-hidden">${msg('New time', { id: 'scheduler.new-time' })}</legend>
          <div class="when">
            <div class="field">
              <label for="date">${msg('Date', { id: 'scheduler.date' })}</label>
              <input id="date" type="date" min=${today} max=${last} .value=${live(this.date)}
                @input=${(e: Event) => { this.date = (e.target as HTMLInputElement).value; this.#clearProblem(); }} />
            </div>
            <div class="field">
              <label for="time">${msg('Time', { id: 'scheduler.time' })}</label>
              <input id="time" type="time" .value=${live(this.time)} aria-describedby=${chosen !== undefined ? 'preview' : nothing}
                @input=${(e: Event) => { this.time = (e.target as HTMLInputElement).value; this.#clearProblem(); }} />
            </div>
          </div>
          ${this.#contactZone
            ? parts.renderZoneToggle(timeZoneName(now, this.locale, this.#contactZone), this.inContactZone, (on) => {
                this.inContactZone = on;
                this.#clearProblem();
              })
            : nothing} ${chosen !== undefined
            ? html`<p id="preview" part="preview" class="preview">${parts.zonePreview(chosen, this.locale, this.#agentZone, this.#contactZone)}</p>`
            : nothing}
          ${parts.renderFreeSlots({
            status: this.#slots.status,
            upcoming: this.#upcoming(this.#slots.slots ?? []),
            date: this.date,
            timeZone: zone,
            locale: this.locale,
            chosen,
            onPick: (slot) => this.#setWhen(slot.start),
            onRetry: () => this.#slots.reload(),
          })}
          ${this.#renderNumber(interaction)}
          ${interaction.channel === 'web-callback' ? parts.renderReason(this.#reason, (r) => (this.reason = r)) : nothing}
          ${parts.renderWho(this.personal, (personal) => (this.personal = personal))}
        </fieldset>
        <p part="error" class="error" role="alert" ?hidden=${!error}>${error?.message ?? ''}</p>
        ${parts.renderAlternatives(this.alternatives, this.locale, zone, (slot) => this.#pickAlternative(slot))}
        ${this.rescheduledTo !== undefined && !error
          ? html`<p part="status" class="status">${msg(str`Rescheduled for ${formatWeekdayTime(this.rescheduledTo, this.locale, this.#agentZone)}.`, { id: 'scheduler.done' })}</p>`
          : nothing}
        <div part="actions" class="actions">
          <button type="button" part="cancel-button" class="cancel" @click=${this.#cancel}>${msg('Cancel', { id: 'scheduler.cancel' })}</button>
          <!-- aria-disabled while the service answers (a second submit is refused by the model), so focus stays here. -->
          <button type="submit" part="submit-button" class="submit" ?disabled=${!!blocked} aria-disabled=${locked ? 'true' : 'false'} aria-busy=${pending ? 'true' : 'false'}>
            ${pending ? msg('Rescheduling…', { id: 'scheduler.submitting' }) : msg('Reschedule', { id: 'scheduler.submit' })}
          </button>
        </div>
      </form>
    `;
  }

  #renderNumber(interaction: Interaction) {
    if (!this.#numberAllowed) return nothing;
    const error = this.numberError;
    const phone = interaction.contact.phone;
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
