import { html, nothing, svg } from 'lit';
import { msg, str } from '@lit/localize';
import { AdapterError } from '../../adapters/errors.js';
import { AfterCallWorkLimitController } from '../../controllers/after-call-work.js';
import { afterCallWorkSince } from '../../model/after-call-work.js';
import { announce } from '../../controllers/announcer.js';
import { DurationController } from '../../controllers/clock-ticker.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { PopupController } from '../../controllers/popup-controller.js';
import { RovingFocusController } from '../../controllers/roving-focus-controller.js';
import { INTERACTION_STATES, type Contact, type Interaction, type TargetRef } from '../../model/interaction.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { ScrollRegionController } from '../shared/scroll-region-controller.js';
import { formatClock, formatDuration } from '../shared/format.js';
import { contactLabel, formatPhone } from '../shared/phone-format.js';
import { actionLabel, blockReasonMessage } from '../../messages/window-messages.js';
import { AfterCallWorkExceededEvent, ChannelRequestEvent, type ContactChannel } from './call-status.events.js';
import { callStateLabel } from './call-status.messages.js';
import { callEndNote, channelLabel, connectionLostNote, consultationLabel, participantsLabel, statusChangeAnnouncement } from './call-status.text.js';
import { styles } from './call-status.styles.js';

interface ChannelItem {
  channel: ContactChannel;
  address: string;
}

/** The other channels the contact record has an address for, in menu order. */
function contactChannels(contact: Contact): ChannelItem[] {
  const items: ChannelItem[] = [];
  if (contact.email) items.push({ channel: 'email', address: contact.email });
  if (contact.sms) items.push({ channel: 'sms', address: contact.sms });
  if (contact.chat) items.push({ channel: 'chat', address: contact.chat });
  return items;
}

const chevron = svg`<svg class="chevron" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
  <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" />
</svg>`;

/**
 * Who the agent is talking to and how the call is going: the contact's name (or number), the
 * number, the call state in the agent's words, a running duration while connected or held, and
 * the consultation in progress. Next to the name, the participant action menu starts an e-mail,
 * SMS or chat with the contact, offering only the channels the contact record has; the host page
 * opens the channel on `callback-channel`.
 *
 * "Muted" shows while the agent's microphone is muted. During a consultation it says which party
 * is on hold (after Alternate, the consulted party). In a conference, each other party has a
 * Remove button (where the phone can drop one party); after a removal, focus goes to the next
 * party's Remove button, else the previous one, else the call state.
 *
 * After the call, until Mark done, the agent is in after-call work: "After-call work 42 sec" counts
 * on the clock. When the policy's `afterCallWorkLimitMs` passes, the element says so and fires
 * `callback-after-call-work-exceeded`, once per interaction in the page.
 *
 * Changes the adapter reports (connected, on hold, ended, muted, the customer hanging up or
 * holding) are announced in the polite live region; the first render is not.
 *
 * @summary Call status: contact, call state, duration, after-call work, consultation, conference parties, participant action menu.
 *
 * @fires {ChannelRequestEvent} callback-channel - The agent chose e-mail, SMS or chat; `detail.channel`, `detail.address`, `detail.interaction`.
 * @fires {AfterCallWorkExceededEvent} callback-after-call-work-exceeded - After-call work passed the policy's `afterCallWorkLimitMs`; `detail.interaction`, `detail.since`, `detail.limitMs`. Once per interaction.
 * @fires {CallbackActionEvent} callback-action - Before removing a conference party (`action: 'remove-participant'`, `args.target`); cancelable.
 * @fires {CallbackActionDoneEvent} callback-action-done - The party was removed.
 * @fires {CallbackErrorEvent} callback-error - Removing the party failed; the message is shown.
 *
 * @csspart call-lost - Shown when the call ended neither by the agent nor by the contact hanging up: the connection to the phone system was lost, the agent's phone or browser ended it, or the phone system did (with the reason given).
 * @csspart base - The whole status block.
 * @csspart name - The contact's name, or their number when there is no name.
 * @csspart number - The contact's number (shown when there is a name).
 * @csspart state - The call state.
 * @csspart duration - The running call duration.
 * @csspart muted - "Muted", while the agent's microphone is muted.
 * @csspart after-call-work - "After-call work" and its timer, after the call until Mark done.
 * @csspart participant-actions - The Remove buttons of the conference's other parties.
 * @csspart remove-button - Removes one party from the conference.
 * @csspart error - Why the last removal failed.
 * @csspart consultation - The consultation in progress.
 * @csspart participants - Who else is in the conference.
 * @csspart menu-button - The participant action menu button.
 * @csspart menu-reason - Why the menu button is disabled.
 * @csspart menu - The participant action menu (a popup in the top layer).
 * @csspart menu-item - One channel in the menu.
 *
 * @cssproperty --cb-call-status-connected - Colour of the Connected state.
 * @cssproperty --cb-call-status-held - Colour of the On hold and Held by the customer states.
 * @cssproperty --cb-call-status-menu-background - Background of the participant action menu (default: the raised surface).
 *
 * @cssstate offered - The interaction is still offered (ringing).
 * @cssstate ready-to-call - Web callback: nobody is on the line yet, or any more.
 * @cssstate dialing - Calling the contact.
 * @cssstate connected - Talking with the contact.
 * @cssstate held - The agent put the contact on hold (or is consulting).
 * @cssstate ended - The call is over; the interaction is not done yet.
 * @cssstate done - The interaction is closed.
 * @cssstate remote-hold - The customer put the call on hold.
 * @cssstate consulting - A consultation call is in progress.
 * @cssstate muted - The agent's microphone is muted.
 * @cssstate after-call-work - The call is over and the interaction not done yet.
 * @cssstate after-call-work-exceeded - After-call work passed the policy's limit.
 * @cssstate menu-open - The participant action menu is open.
 */
export class CallStatus extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];

  #session = new InteractionSession(
    this,
    sessionOverrides(this),
    (previous, next) => {
      const message = previous ? statusChangeAnnouncement(previous, next) : undefined;
      if (message) announce(message);
    },
    // The far end ringing and a lost connection are the call's (`session.call`), not the interaction's.
    { followCalls: true },
  );

  #duration = new DurationController(this, () => {
    const interaction = this.#session.interaction;
    const running = interaction?.state === 'connected' || interaction?.state === 'held';
    return { clock: this.#session.clock, since: running ? interaction.connectedAt : undefined };
  });

  #afterCallWork = new DurationController(this, () => {
    const interaction = this.#session.interaction;
    return { clock: this.#session.clock, since: interaction ? afterCallWorkSince(interaction) : undefined };
  });

  #afterCallWorkLimit = new AfterCallWorkLimitController(
    this,
    () => ({ clock: this.#session.clock, policy: this.#session.policy, scope: this.#session.adapter, interaction: this.#session.interaction }),
    (interaction, deadline) => {
      const limitMs = this.#session.policy.afterCallWorkLimitMs ?? 0;
      this.dispatchEvent(new AfterCallWorkExceededEvent({ interaction, since: deadline - limitMs, limitMs }));
    },
  );

  #menu = new PopupController(this, {
    anchor: () => this.renderRoot.querySelector<HTMLElement>('#menu-button'),
    popup: () => this.renderRoot.querySelector<HTMLElement>('#menu'),
    placement: 'bottom-start',
  });

  constructor() {
    super();
    // The menu: Up and Down go round the channels; Home and End jump.
    new RovingFocusController(this, { items: () => this.#items, orientation: 'vertical', wrap: true });
    // A name or number of any length is clamped to three lines; a keyboard scrolls it.
    new ScrollRegionController(this);
  }

  /** The interaction shown, as the adapter last reported it. */
  get interaction(): Interaction | undefined {
    return this.#session.interaction;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // The menu goes when its button does (interaction done, channels removed), before rendering.
    if (this.#menu.isOpen && this.#session.availability('participant-menu').status !== 'enabled') this.#menu.close();
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const interaction = this.interaction;
    for (const state of INTERACTION_STATES) this.setState(state, interaction?.state === state);
    this.setState('remote-hold', !!interaction?.remoteHold);
    this.setState('consulting', !!interaction?.consultation);
    this.setState('menu-open', this.#menu.isOpen);
    const inCall = interaction?.state === 'connected' || interaction?.state === 'held';
    this.setState('muted', inCall && !!interaction?.muted);
    const afterCall = !!interaction && afterCallWorkSince(interaction) !== undefined;
    this.setState('after-call-work', afterCall);
    this.setState('after-call-work-exceeded', afterCall && this.#afterCallWorkLimit.exceeded);
  }

  /** Removes one party from the conference; focus stays among the parties, else on the call state. */
  async #remove(target: TargetRef, index: number): Promise<void> {
    if (this.#session.availability('remove-participant').status !== 'enabled') return;
    const hadFocus = !!this.renderRoot.querySelector<HTMLElement>('.participant-actions')?.matches(':focus-within');
    await this.#session.run(
      'remove-participant',
      (_interaction, signal) => {
        const { telephony, callId } = this.#session.requireCall();
        if (!telephony.removeParticipant) return Promise.reject(new AdapterError('not-supported', 'The phone cannot remove a party.'));
        return telephony.removeParticipant(callId, target, { signal });
      },
      { target },
    );
    await this.updateComplete;
    if (!hadFocus || (this.renderRoot as ShadowRoot).activeElement) return;
    const left = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~=remove-button]')];
    (left[Math.min(index, left.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('[part~=state]'))?.focus();
  }

  get #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')];
  }

  async #openMenu(focus: 'first' | 'last'): Promise<void> {
    await this.#menu.open();
    const items = this.#items;
    (focus === 'first' ? items[0] : items.at(-1))?.focus();
  }

  #onButtonClick(): void {
    if (this.#menu.isOpen) this.#menu.close();
    else void this.#openMenu('first');
  }

  #onButtonKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.#openMenu(event.key === 'ArrowDown' ? 'first' : 'last');
  }

  #onMenuKeydown(event: KeyboardEvent): void {
    // Tab: focus goes back to the button, and Tab carries on from there.
    if (event.key === 'Tab') this.#menu.close();
  }

  #choose(item: ChannelItem): void {
    const interaction = this.interaction;
    this.#menu.close();
    this.renderRoot.querySelector<HTMLElement>('#menu-button')?.focus();
    if (!interaction) return;
    this.dispatchEvent(new ChannelRequestEvent({ channel: item.channel, address: item.address, interaction }));
  }

  protected override render() {
    const interaction = this.interaction;
    if (!interaction) return nothing;
    const { contact, state, consultation, remoteHold } = interaction;
    const running = (state === 'connected' || state === 'held') && interaction.connectedAt !== undefined;
    return html`
      <div part="base" class="base">
        <div class="party">
          <span part="name" class="name scroll-region">${contactLabel(contact)}</span>
          ${this.#renderMenuButton()}
        </div>
        ${contact.name ? html`<span part="number" class="number scroll-region">${formatPhone(contact.phone)}</span>` : nothing}
        <div class="line">
          <span part="state" class="state ${remoteHold ? 'remote-hold' : state}" tabindex="-1"
            >${state === 'dialing' && this.#session.call?.alerting
              ? msg('Ringing', { id: 'call-state.alerting' })
              : callStateLabel(state, remoteHold)}</span
          >
          ${running
            ? html`<span part="duration" class="duration" role="timer">
                <span class="visually-hidden">${msg('Duration:', { id: 'call-status.duration' })}</span>
                ${formatDuration(this.#duration.elapsedMs / 1000, this.locale)}
              </span>`
            : nothing}
          ${running && interaction.muted ? html`<span part="muted" class="muted">${msg('Muted', { id: 'call-status.muted' })}</span>` : nothing}
          ${this.#renderAfterCallWork(interaction)}
        </div>
        ${this.#renderCallEnd(interaction)}
        ${consultation ? html`<p part="consultation" class="consultation">${consultationLabel(consultation)}</p>` : nothing}
        ${interaction.participants?.length && (state === 'connected' || state === 'held')
          ? html`<p part="participants" class="participants">${participantsLabel(interaction.participants.map((p) => p.name), this.locale)}</p>`
          : nothing}
        ${this.#renderParticipantActions(interaction)}
        <p part="error" class="error" role="alert" ?hidden=${!this.#session.error}>${this.#session.error?.message ?? ''}</p>
        ${this.#renderMenu(interaction)}
      </div>
    `;
  }

  /** Why the call ended, when it was neither the agent nor the contact hanging up. */
  #renderCallEnd(interaction: Interaction) {
    const note =
      callEndNote(interaction)?.note ??
      (interaction.state === 'ended' && this.#session.call?.endReason === 'connection-lost' ? connectionLostNote() : undefined);
    return note ? html`<p part="call-lost" class="call-lost">${note}</p>` : nothing;
  }

  #renderAfterCallWork(interaction: Interaction) {
    if (afterCallWorkSince(interaction) === undefined) return nothing;
    const time = formatClock(this.#afterCallWork.elapsedMs / 1000, this.locale);
    return html`<span part="after-call-work" class="after-call-work" role="timer"
      >${msg(str`After-call work ${time}`, { id: 'call-status.after-call-work' })}${this.#afterCallWorkLimit.exceeded
        ? html` <strong class="over">${msg('(time limit passed)', { id: 'call-status.after-call-work-exceeded' })}</strong>`
        : nothing}</span
    >`;
  }

  #renderParticipantActions(interaction: Interaction) {
    const availability = this.#session.availability('remove-participant');
    const participants = interaction.participants ?? [];
    if (availability.status === 'hidden' || !participants.length) return nothing;
    const disabled = availability.status === 'disabled';
    return html`<div part="participant-actions" class="participant-actions" role="group" aria-label=${msg('Conference parties', { id: 'call-status.participant-actions' })}>
      ${participants.map((p, index) => {
        const name = p.name;
        return html`<button
          part="remove-button"
          class="remove"
          data-participant=${p.id}
          aria-disabled=${disabled || this.#session.isPending('remove-participant') ? 'true' : 'false'}
          aria-describedby=${disabled ? 'remove-reason' : nothing}
          @click=${() => void this.#remove(p, index)}
        >
          ${msg(str`Remove ${name}`, { id: 'call-status.remove-participant' })}
        </button>`;
      })}
      ${disabled ? html`<span id="remove-reason" class="reason">${blockReasonMessage(availability.reason)}</span>` : nothing}
    </div>`;
  }

  #renderMenuButton() {
    const availability = this.#session.availability('participant-menu');
    if (availability.status === 'hidden') return nothing;
    const disabled = availability.status === 'disabled';
    return html`<button
        id="menu-button"
        part="menu-button"
        class="menu-button"
        aria-haspopup="menu"
        aria-expanded=${this.#menu.isOpen ? 'true' : 'false'}
        aria-controls="menu"
        aria-describedby=${disabled ? 'menu-reason' : nothing}
        ?disabled=${disabled}
        @click=${this.#onButtonClick}
        @keydown=${this.#onButtonKeydown}
      >
        ${actionLabel('participant-menu')} ${chevron}
      </button>
      ${availability.status === 'disabled'
        ? html`<span id="menu-reason" part="menu-reason" class="reason">${blockReasonMessage(availability.reason)}</span>`
        : nothing}`;
  }

  #renderMenu(interaction: Interaction) {
    const open = this.#menu.isOpen;
    return html`<div
      id="menu"
      part="menu"
      class="menu"
      role="menu"
      aria-labelledby="menu-button"
      ?hidden=${!open}
      @keydown=${this.#onMenuKeydown}
    >
      ${open
        ? contactChannels(interaction.contact).map(
            (item) => html`<button part="menu-item" class="item ${item.channel}" role="menuitem" tabindex="-1" @click=${() => this.#choose(item)}>
              <span class="item-label">${channelLabel(item.channel)}</span>
              <span class="address">${item.address}</span>
            </button>`,
          )
        : nothing}
    </div>`;
  }
}
