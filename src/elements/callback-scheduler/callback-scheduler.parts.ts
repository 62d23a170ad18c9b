import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import type { AvailabilitySlot, Interaction, RescheduleReason } from '../../model/interaction.js';
import { RESCHEDULE_REASONS, rescheduleReasonLabel } from './callback-scheduler.messages.js';
import type { AsyncStatus } from '../../controllers/async-state.js';
import { formatDay, formatSlot, formatWeekdayTime, formatZonedTime, zonedParts } from './callback-scheduler.time.js';

/** Pieces of `<callback-scheduler>`'s form that need no element state of their own. */

/** "Tue 14:30 your time · 13:30 GMT contact's time" (the contact's part only when their zone differs). */
export function zonePreview(time: number, locale: string, agentZone: string, contactZone: string | undefined): string {
  const mine = formatWeekdayTime(time, locale, agentZone);
  const lines = [msg(str`${mine} your time`, { id: 'scheduler.your-time' })];
  if (contactZone) {
    const otherDay = zonedParts(time, agentZone).date !== zonedParts(time, contactZone).date;
    const theirs = formatZonedTime(time, locale, contactZone, otherDay);
    lines.push(msg(str`${theirs} contact's time`, { id: 'scheduler.contact-time' }));
  }
  return lines.join(' · ');
}

export const isSlot = (value: unknown): value is AvailabilitySlot =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AvailabilitySlot).start === 'number' &&
  typeof (value as AvailabilitySlot).end === 'number';

/** "Enter the time in the contact's time zone (GMT)": the inputs are then read in that zone. */
export function renderZoneToggle(zoneName: string, checked: boolean, onChange: (checked: boolean) => void) {
  return html`<label class="zone">
    <input type="checkbox" .checked=${live(checked)} @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)} />
    ${msg(str`Enter the time in the contact's time zone (${zoneName})`, { id: 'scheduler.contact-zone' })}
  </label>`;
}

/** Personal callback (the agent calls back) or back to the queue (default). */
export function renderWho(personal: boolean, onChange: (personal: boolean) => void) {
  return html`<fieldset class="who">
    <legend>${msg('Who calls back', { id: 'scheduler.who' })}</legend>
    <label>
      <input type="radio" name="who" value="queue" .checked=${live(!personal)} @change=${() => onChange(false)} />
      ${msg('Back to the queue', { id: 'scheduler.queue' })}
    </label>
    <label>
      <input type="radio" name="who" value="personal" .checked=${live(personal)} @change=${() => onChange(true)} />
      ${msg('Personal (call back by me)', { id: 'scheduler.personal' })}
    </label>
  </fieldset>`;
}

/** The reason a web callback is scheduled again, guessed from the last dial result. */
export function reasonFromAttempts(interaction: Interaction): RescheduleReason | '' {
  const last = interaction.attempts.at(-1)?.result;
  return last === 'no-answer' || last === 'busy' || last === 'answering-machine' ? last : '';
}

export function renderReason(current: RescheduleReason | '', onChange: (reason: RescheduleReason | '') => void) {
  return html`<div class="field">
    <label for="reason">${msg('Reason', { id: 'scheduler.reason' })}</label>
    <select id="reason" @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value as RescheduleReason | '')}>
      <option value="" ?selected=${current === ''}>${msg('No reason given', { id: 'scheduler.reason-none' })}</option>
      ${RESCHEDULE_REASONS.map((r) => html`<option value=${r} ?selected=${r === current}>${rescheduleReasonLabel(r)}</option>`)}
    </select>
  </div>`;
}

/** Free times offered after a refusal, as buttons that fill the date and time. */
export function renderAlternatives(
  slots: readonly AvailabilitySlot[],
  locale: string,
  timeZone: string,
  onPick: (slot: AvailabilitySlot) => void,
) {
  if (!slots.length) return nothing;
  return html`<div part="alternatives" class="alternatives" role="group" aria-labelledby="alternatives-label">
    <span id="alternatives-label">${msg('Free times nearby:', { id: 'scheduler.alternatives' })}</span>
    ${slots.map(
      (slot) => html`<button type="button" class="alternative" @click=${() => onPick(slot)}>
        ${formatSlot(slot.start, slot.end, locale, timeZone, true)}
      </button>`,
    )}
  </div>`;
}

export interface FreeSlotsView {
  status: AsyncStatus;
  /** Slots that start after now (full ones included, shown disabled). */
  upcoming: readonly AvailabilitySlot[];
  date: string;
  timeZone: string;
  locale: string;
  /** The instant the inputs hold, to check the slot containing it. */
  chosen: number | undefined;
  /**
   * The other side's zone when it shows another time (the contact's, or the agent's while the
   * inputs are read in the contact's): each slot shows both.
   */
  otherZone?: { timeZone: string; isContact: boolean } | undefined;
  /** True for a slot that falls, even in part, outside the contact's daytime hours. */
  outsideHours: (slot: AvailabilitySlot) => boolean;
  /** The id of the warning about the chosen time, for the chosen slot's description. */
  warningId: string | undefined;
  onPick: (slot: AvailabilitySlot) => void;
  onRetry: () => void;
}

/**
 * "17:00–17:30 your time · 16:00–16:30 for the contact": the slot in the zone the inputs are read
 * in, then in the other one (with the weekday when its day differs).
 */
function slotTimes(slot: AvailabilitySlot, view: FreeSlotsView): string {
  const { locale, timeZone, otherZone } = view;
  const here = formatSlot(slot.start, slot.end, locale, timeZone);
  if (!otherZone) return here;
  const otherDay = zonedParts(slot.start, timeZone).date !== zonedParts(slot.start, otherZone.timeZone).date;
  const there = formatSlot(slot.start, slot.end, locale, otherZone.timeZone, otherDay ? 'weekday' : false);
  const yours = (t: string) => msg(str`${t} your time`, { id: 'scheduler.slot-yours' });
  const contacts = (t: string) => msg(str`${t} for the contact`, { id: 'scheduler.slot-contacts' });
  return otherZone.isContact ? `${yours(here)} · ${contacts(there)}` : `${contacts(here)} · ${yours(there)}`;
}

/** The free slots as a native radio group (arrow keys skip full slots), or why there are none. */
export function renderFreeSlots(view: FreeSlotsView) {
  const { status, upcoming, timeZone, locale, chosen } = view;
  switch (status) {
    case 'initial':
      return nothing;
    case 'pending':
      return html`<p class="slots-note">${msg('Loading free times…', { id: 'scheduler.slots-loading' })}</p>`;
    case 'error':
      return html`<p class="slots-note">
        ${msg('The free times could not be loaded.', { id: 'scheduler.slots-error' })}
        <button type="button" class="retry" @click=${view.onRetry}>${msg('Try again', { id: 'scheduler.slots-retry' })}</button>
      </p>`;
    case 'complete':
      break;
  }
  const day = formatDay(view.date, locale, timeZone);
  if (!upcoming.length) return html`<p class="slots-note">${msg(str`No free times on ${day}.`, { id: 'scheduler.slots-none' })}</p>`;
  const count = new Intl.NumberFormat(locale);
  return html`<fieldset part="slots" class="slots">
    <legend>${msg(str`Free times on ${day}`, { id: 'scheduler.slots' })}</legend>
    <div class="slot-list">
      ${upcoming.map((slot) => {
        const full = slot.capacity <= 0;
        const n = count.format(slot.capacity);
        const checked = !full && chosen !== undefined && chosen >= slot.start && chosen < slot.end;
        const outside = view.outsideHours(slot);
        return html`<label class="slot ${full ? 'full' : ''} ${outside ? 'outside' : ''}">
          <input
            type="radio"
            name="slot"
            ?disabled=${full}
            .checked=${live(checked)}
            aria-describedby=${checked && view.warningId ? view.warningId : nothing}
            @change=${() => view.onPick(slot)}
          />
          <span class="slot-text">
            <span class="slot-time">${slotTimes(slot, view)}</span>
            ${outside ? html`<span class="slot-outside">${msg("Outside the contact's daytime hours", { id: 'scheduler.slot-outside' })}</span>` : nothing}
          </span>
          <span class="capacity">${full ? msg('Full', { id: 'scheduler.slot-full' }) : msg(str`${n} free`, { id: 'scheduler.slot-free' })}</span>
        </label>`;
      })}
    </div>
  </fieldset>`;
}
