import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import type { CallbackAdapter } from '../../adapters/callback-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
import { callbackAdapterContext, clockContext, policyContext } from '../../context/index.js';
import { AdapterPolicyController } from '../../controllers/adapter-policy-controller.js';
import { announce } from '../../controllers/announcer.js';
import { CountdownController } from '../../controllers/clock-ticker.js';
import { InteractionController } from '../../controllers/interaction-controller.js';
import { OfferQueueController } from '../../controllers/offer-queue-controller.js';
import { RingController } from '../../controllers/ring-controller.js';
import { offerRejectable, type Policy } from '../../model/policy.js';
import { callbackInfoItems, DEFAULT_CALLBACK_INFO, type CallbackInfoKey } from '../../model/callback-info.js';
import { systemClock, type Clock } from '../../model/clock.js';
import type { Interaction } from '../../model/interaction.js';
import { CallbackElement } from '../shared/callback-element.js';
import { infoItemsConverter } from '../shared/info-items-converter.js';
import { ScrollRegionController } from '../shared/scroll-region-controller.js';
import { CallbackErrorEvent } from '../../events/error-event.js';
import { formatDuration } from '../shared/format.js';
import { contactLabel } from '../shared/phone-format.js';
import { infoLabel, infoValue } from '../shared/info.js';
import { adapterErrorMessage, callbackTypeLabel, newOfferAnnouncement } from '../../messages/messages.js';
import {
  CallbackAcceptedEvent,
  CallbackAcceptEvent,
  CallbackExpiredEvent,
  CallbackRejectedEvent,
  CallbackRejectEvent,
  CallbackRevokedEvent,
  CallbackRingEvent,
} from './callback-notification.events.js';
import { styles } from './callback-notification.styles.js';
import type { DocumentShortcutsController, OfferShortcutName } from './callback-notification.shortcuts.js';

/** What is waiting for the service, and for which offer: never shown on another offer. */
type Pending = { kind: 'accept' | 'reject'; id: string } | undefined;

const clockIcon = svg`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
  <circle cx="8" cy="9" r="6" fill="none" stroke="currentColor" stroke-width="1.5" />
  <path d="M8 5.5V9l2.5 1.5M6 1.5h4" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
</svg>`;

/**
 * Offers a callback to the agent: who, what type, when they asked to be called, the configured
 * callback information, and a countdown to the moment it goes back to routing. Accept / Reject.
 *
 * Without `interaction-id` it shows the oldest waiting offer of its callback adapter (from the
 * `adapter` property or a provider's context). New offers are announced in a polite live region;
 * the notification never takes focus.
 *
 * Focus that was on a control of what it shows, when that goes (Reject, Accept, the offer expiring
 * or withdrawn) and something else shows in its place (the next offer, the "not answered in time"
 * notice), goes to the heading of what shows now, never to the next offer's Accept or Reject.
 * With nothing left to show, the container decides (`<callback-desk>`: its window or idle message).
 *
 * With `offer-shortcuts` (opt-in; none without it), keys from anywhere in the page accept or reject
 * the waiting offer, or move focus to its heading, so an agent typing in the host page can answer
 * without reaching for it: `offer-shortcuts="accept=Alt+Shift+A, reject=Alt+Shift+R, focus=Alt+Shift+O"`.
 * They do what the buttons do (nothing while an answer is pending or when rejecting is not allowed),
 * are shown in the buttons' and the heading's `aria-keyshortcuts`, and are ignored during an IME
 * composition. The one document listener they need lives while the element is connected.
 *
 * @summary The interaction notification for voice and web callbacks.
 *
 * @fires {CallbackAcceptEvent} callback-accept - The agent pressed Accept. Cancelable: `preventDefault()` stops the adapter call.
 * @fires {CallbackAcceptedEvent} callback-accepted - The callback service accepted; `detail.interaction` is the accepted interaction.
 * @fires {CallbackRejectEvent} callback-reject - The agent pressed Reject. Cancelable.
 * @fires {CallbackRejectedEvent} callback-rejected - The callback service took the rejection; the offer went back to routing.
 * @fires {CallbackExpiredEvent} callback-expired - Nobody answered in time; the offer went back to routing.
 * @fires {CallbackRevokedEvent} callback-revoked - The service withdrew the offer (its notice says why when the adapter did: `revokedReason`, for example a call whose audio the browser cannot connect).
 * @fires {CallbackRingEvent} callback-ring - A new offer is shown (play your own ring sound here).
 * @fires {CallbackErrorEvent} callback-error - Accept or reject failed; the offer stays actionable and the message is shown.
 *
 * @csspart base - The notification box.
 * @csspart header - Type badge, contact and countdown.
 * @csspart type - The callback type badge.
 * @csspart countdown - Time left before the offer returns to routing.
 * @csspart info - The callback information list.
 * @csspart error - The error message.
 * @csspart actions - The button row.
 * @csspart accept-button - The Accept button.
 * @csspart reject-button - The Reject button.
 * @csspart no-reject - Where Reject would be when the offer cannot be rejected: why (Accept is described by it).
 *
 * @cssproperty --cb-notification-accent - Header colour (the administrator's "header colour").
 * @cssproperty --cb-notification-background - Background of the box.
 * @cssproperty --cb-notification-urgent - Countdown colour in the last ten seconds.
 * @cssproperty --cb-notification-accept-color - Background of the Accept button (default: the success colour).
 * @cssproperty --cb-notification-reject-color - Text and border of the Reject button (default: the danger colour).
 * @cssproperty --cb-notification-info-max-block-size - Tallest the callback information grows before it scrolls (default 20rem; never more than half the viewport's height, so Accept and Reject stay in view).
 *
 * @cssstate offered - An offer is shown and can be answered.
 * @cssstate pending - Waiting for the callback service after Accept or Reject.
 * @cssstate urgent - Ten seconds or less are left.
 * @cssstate expired - The offer went back to routing without an answer.
 * @cssstate error - The last action failed.
 */
export class CallbackNotification extends CallbackElement {
  static override styles = [...CallbackElement.styles, styles];

  /** The callback service. Wins over one provided by context. */
  @property({ attribute: false }) adapter?: CallbackAdapter;

  /** Follow this interaction only. Without it: the oldest waiting offer. */
  @property({ attribute: 'interaction-id' }) interactionId?: string;

  /** Callback information items to show, in order. Attribute: comma-separated keys. */
  @property({ attribute: 'info-items', converter: infoItemsConverter }) infoItems: CallbackInfoKey[] = [...DEFAULT_CALLBACK_INFO];

  /** Play a ring while an offer waits. */
  @property({ type: Boolean, reflect: true }) ring = false;

  /** URL of the ring sound; a generated two-tone ring when empty. */
  @property() ringtone?: string;

  /** Audio output device for the ring (`HTMLMediaElement.setSinkId`). */
  @property({ attribute: 'ring-sink-id' }) ringSinkId?: string;

  /** Heading level of the contact line inside the notification (the host page's outline). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Clock for the countdown. Wins over context; defaults to the system clock. */
  @property({ attribute: false }) clock?: Clock;

  /** Privileges (e.g. `canReject`). Wins over context and, field by field, over the adapter's `policy`. */
  @property({ attribute: false }) policy?: Partial<Policy>;

  /**
   * Opt-in page-wide keys (`aria-keyshortcuts` syntax) to accept or reject the waiting offer, and to
   * move focus to it. Attribute: `accept=Alt+Shift+A, reject=Alt+Shift+R, focus=Alt+Shift+O`
   * (`accept: …; reject: …` reads the same); unset: none.
   */
  @property({ attribute: 'offer-shortcuts' }) offerShortcuts?: string;

  @consume({ context: callbackAdapterContext, subscribe: true })
  @state()
  protected contextAdapter?: CallbackAdapter;

  @consume({ context: clockContext, subscribe: true })
  @state()
  protected contextClock?: Clock;

  @consume({ context: policyContext, subscribe: true })
  @state()
  protected contextPolicy?: Partial<Policy>;

  @state() private pending: Pending;
  /** The last failure, tied to the offer it happened on. */
  @state() private failure: { id: string; message: string } | undefined;
  /** An offer that left without an answer, kept on screen to tell the agent. */
  @state() private settledNotice?: Interaction;

  #ring = new RingController(this);
  #adapterPolicy = new AdapterPolicyController(this, () => this.#adapter);
  #ringingFor: string | undefined;
  /** Offers already announced with `callback-ring`: once per offer, whatever happens after. */
  #rung = new Set<string>();

  #queue = new OfferQueueController(this, () => (this.interactionId ? undefined : this.#adapter), {
    onOffer: (interaction) => this.#announceOffer(interaction),
    onSettled: (interaction) => this.#settled(interaction),
  });

  #bound = new InteractionController(
    this,
    () => ({ adapter: this.interactionId ? this.#adapter : undefined, interactionId: this.interactionId }),
    (previous, next) => {
      if (previous?.state !== 'offered' && next.state === 'offered') this.#announceOffer(next);
      if (previous?.state === 'offered' && next.state !== 'offered') this.#settled(next);
    },
  );

  /** The words for an offer withdrawn with a reason (rare), fetched the first time one is. */
  #reasons: typeof import('./callback-notification.reasons.js') | undefined;

  async #loadReasons(): Promise<typeof import('./callback-notification.reasons.js')> {
    this.#reasons ??= await import('./callback-notification.reasons.js');
    this.requestUpdate();
    return this.#reasons;
  }

  /** The opt-in page-wide offer shortcuts (one document listener, while connected), fetched once asked for. */
  #shortcuts: DocumentShortcutsController | undefined;

  async #loadShortcuts(): Promise<void> {
    const { DocumentShortcutsController } = await import('./callback-notification.shortcuts.js');
    this.#shortcuts ??= new DocumentShortcutsController(
      this,
      () => this.offerShortcuts,
      (name, event) => this.#onShortcut(name, event),
    );
    this.requestUpdate();
  }

  #countdown = new CountdownController(this, () => ({
    clock: this.#clock,
    deadline: this.offer?.state === 'offered' ? this.offer.offer.expiresAt : undefined,
  }));

  constructor() {
    super();
    // The name and the callback information are clamped, whatever the caller sent: a keyboard
    // scrolls them, and Accept and Reject stay in view.
    new ScrollRegionController(this);
  }

  get #adapter(): CallbackAdapter | undefined {
    return this.adapter ?? this.contextAdapter;
  }

  get #clock(): Clock {
    return this.clock ?? this.contextClock ?? systemClock;
  }

  /** The explicit policy, else the provided one, over the adapter's own (`canReject`). */
  get #policy(): Partial<Policy> | undefined {
    return this.#adapterPolicy.merged(this.policy ?? this.contextPolicy);
  }

  /** The offer on screen, if any. */
  get offer(): Interaction | undefined {
    if (this.interactionId) {
      const bound = this.#bound.value;
      return bound?.state === 'offered' ? bound : undefined;
    }
    return this.#queue.offers[0];
  }

  #announceOffer(interaction: Interaction): void {
    announce(newOfferAnnouncement(interaction.callbackType, contactLabel(interaction.contact)));
  }

  /**
   * The last ten seconds are said once per offer, politely, so an agent who cannot see the
   * countdown's colour still hears that the offer is about to go back to routing. An offer that is
   * urgent when it first shows is not warned about: its new-offer announcement must not be replaced.
   */
  #warnOnce(offer: Interaction | undefined, urgent: boolean): void {
    if (!offer) return;
    if (!urgent) {
      this.#calmFor = offer.id;
      return;
    }
    if (this.#warnedFor === offer.id) return;
    this.#warnedFor = offer.id;
    if (this.#calmFor !== offer.id || this.#pendingFor(offer)) return;
    const who = contactLabel(offer.contact);
    const seconds = this.#countdown.remainingSeconds;
    announce(msg(str`${seconds} seconds left to answer the callback from ${who}.`, { id: 'announce.urgent' }));
  }

  /** The offer last seen with more than ten seconds left, and the one last warned about. */
  #calmFor: string | undefined;
  #warnedFor: string | undefined;

  #settled(interaction: Interaction): void {
    const who = contactLabel(interaction.contact);
    // The live region must not keep saying "New callback" once the offer went back to routing.
    if (interaction.state === 'rejected') announce(msg(str`Callback from ${who} rejected. It went back to routing.`, { id: 'announce.rejected' }));
    if (this.pending && interaction.state !== 'expired' && interaction.state !== 'revoked') return;
    if (interaction.state === 'expired') {
      this.settledNotice = interaction;
      if (this.pending?.id === interaction.id) this.pending = undefined;
      announce(msg(str`Callback from ${who} was not answered in time and went back to routing.`, { id: 'announce.expired' }));
      this.dispatchEvent(new CallbackExpiredEvent({ interaction }));
    } else if (interaction.state === 'revoked') {
      this.settledNotice = interaction;
      if (this.pending?.id === interaction.id) this.pending = undefined;
      const reason = interaction.revokedReason;
      if (reason) void this.#loadReasons().then((reasons) => announce(reasons.revokedReasonAnnouncement(reason, who)));
      else announce(msg(str`Callback from ${who} was withdrawn.`, { id: 'announce.revoked' }));
      this.dispatchEvent(new CallbackRevokedEvent({ interaction }));
    }
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#hadFocus = !!this.shadowRoot?.activeElement;
    const offer = this.offer;
    if (offer && offer.id !== this.settledNotice?.id) this.settledNotice = undefined;
  }

  /** What the last render showed (`offer:<id>`, `notice:<id>`, or '' for nothing). */
  #shown = '';
  /** Whether focus was inside before this update. */
  #hadFocus = false;

  /**
   * The control that had focus belonged to what went away: focus goes to the heading of what shows
   * now (the next offer, the notice), not to the next offer's Accept that took the same place.
   */
  #keepFocusSafe(): void {
    const shown = this.offer ? `offer:${this.offer.id}` : this.settledNotice ? `notice:${this.settledNotice.id}` : '';
    const before = this.#shown;
    this.#shown = shown;
    if (!this.#hadFocus || !shown) return;
    if (shown !== before || !this.shadowRoot?.activeElement) this.#focusHeading();
  }

  #focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
  }

  #canReject(offer: Interaction): boolean {
    return offerRejectable(offer, this.#policy ?? {});
  }

  /** A page-wide offer shortcut: does what its button does, only when that is possible now. */
  #onShortcut(name: OfferShortcutName, event: KeyboardEvent): void {
    const offer = this.offer;
    if (name === 'focus') {
      if (!offer && !this.settledNotice) return;
      event.preventDefault();
      this.#focusHeading();
      return;
    }
    if (!offer || (name === 'reject' && !this.#canReject(offer))) return;
    event.preventDefault();
    void this.#act(name);
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#keepFocusSafe();
    if (this.offerShortcuts && !this.#shortcuts) void this.#loadShortcuts();
    const offer = this.offer;
    const ringFor = offer && !this.#pendingFor(offer) && this.#countdown.counting ? offer.id : undefined;
    if (ringFor !== this.#ringingFor) {
      this.#ringingFor = ringFor;
      this.#ring.stop();
      if (ringFor && offer) {
        if (!this.#rung.has(offer.id)) {
          // Only offers still waiting can ring again: the set does not grow with the shift.
          const waiting = new Set(this.#queue.offers.map((o) => o.id));
          for (const id of this.#rung) if (!waiting.has(id)) this.#rung.delete(id);
          this.#rung.add(offer.id);
          this.dispatchEvent(new CallbackRingEvent({ interaction: offer }));
        }
        if (this.ring) this.#ring.start(this.ringtone, this.ringSinkId);
      }
    } else if (ringFor && this.ring && !this.#ring.ringing) {
      this.#ring.start(this.ringtone, this.ringSinkId);
    } else if (!this.ring && this.#ring.ringing) {
      this.#ring.stop();
    }
    const expiring = !!offer && !this.#countdown.counting;
    this.setState('offered', !!offer && !expiring);
    this.setState('pending', !!offer && !!this.#pendingFor(offer));
    const urgent = !!offer && this.#countdown.counting && this.#countdown.remainingSeconds <= 10;
    this.setState('urgent', urgent);
    this.#warnOnce(offer, urgent);
    this.setState('expired', !!this.settledNotice && this.settledNotice.state === 'expired');
    this.setState('error', !!offer && this.failure?.id === offer.id);
  }

  /** Whether the ring is sounding (for tests and hosts). */
  get ringing(): boolean {
    return this.#ring.ringing;
  }

  async #act(kind: 'accept' | 'reject'): Promise<void> {
    const offer = this.offer;
    if (!offer || this.#pendingFor(offer) || !this.#countdown.counting) return;
    const request = kind === 'accept' ? new CallbackAcceptEvent({ interaction: offer }) : new CallbackRejectEvent({ interaction: offer });
    if (!this.dispatchEvent(request)) return;
    const adapter = this.#adapter;
    this.failure = undefined;
    if (!adapter) {
      this.#fail(kind, offer, new AdapterError('not-supported', 'No callback adapter is connected.'));
      return;
    }
    this.pending = { kind, id: offer.id };
    try {
      const result = kind === 'accept' ? await adapter.accept(offer.id) : await adapter.reject(offer.id);
      if (this.pending?.id === offer.id) this.pending = undefined;
      this.dispatchEvent(kind === 'accept' ? new CallbackAcceptedEvent({ interaction: result }) : new CallbackRejectedEvent({ interaction: result }));
    } catch (error) {
      if (this.pending?.id === offer.id) this.pending = undefined;
      this.#fail(kind, offer, AdapterError.from(error));
    }
  }

  #pendingFor(offer: Interaction): 'accept' | 'reject' | undefined {
    return this.pending?.id === offer.id ? this.pending.kind : undefined;
  }

  #fail(action: 'accept' | 'reject', interaction: Interaction, error: AdapterError): void {
    // The offer left meanwhile (expired, withdrawn): its notice says so; nothing to show on the next one.
    const now = this.#adapter?.getInteraction(interaction.id);
    if (now && now.state !== 'offered') return;
    const message = adapterErrorMessage(error.code);
    this.failure = { id: interaction.id, message };
    this.dispatchEvent(new CallbackErrorEvent({ action, code: error.code, message, interaction, cause: error }));
  }

  #dismiss(): void {
    this.settledNotice = undefined;
  }

  protected override render() {
    const offer = this.offer;
    if (offer) return this.#renderOffer(offer);
    if (this.settledNotice) return this.#renderNotice(this.settledNotice);
    return nothing;
  }

  #renderOffer(offer: Interaction) {
    const counting = this.#countdown.counting;
    const seconds = this.#countdown.remainingSeconds;
    const canReject = this.#canReject(offer);
    const keys = this.#shortcuts?.keys ?? {};
    const who = contactLabel(offer.contact);
    const now = this.#clock.now();
    const items = callbackInfoItems(offer, this.infoItems);
    const pending = this.#pendingFor(offer);
    const error = this.failure?.id === offer.id ? this.failure.message : '';
    const busy = !!pending || !counting;
    return html`
      <section part="base" class="box" aria-labelledby="title" aria-describedby="countdown">
        <header part="header">
          <span part="type" class="type">${callbackTypeLabel(offer.callbackType)}</span>
          <div id="title" class="title" role="heading" aria-level=${this.headingLevel} tabindex="-1" aria-keyshortcuts=${keys.focus || nothing}>
            <span class="kind">${offer.channel === 'voice' ? msg('Voice callback', { id: 'notification.voice' }) : msg('Web callback', { id: 'notification.web' })}</span>
            <span class="who scroll-region">${who}</span>
          </div>
          <span part="countdown" id="countdown" class="countdown" role="timer" aria-live="off">
            ${counting
              ? html`<span class="visually-hidden">${msg('Time left to answer:', { id: 'notification.time-left' })}</span>
                  ${clockIcon} ${formatDuration(seconds, this.locale)}`
              : msg('Returning to routing…', { id: 'notification.returning' })}
          </span>
        </header>
        ${items.length
          ? // Clamped, so that Accept and Reject stay in view whatever the caller sent; it scrolls.
            html`<div class="details scroll-region" role="region" aria-label=${msg('Callback details', { id: 'notification.details' })}>
              <dl part="info" class="info">
                ${items.map((item) => html`<div class="row"><dt>${infoLabel(item)}</dt><dd>${infoValue(item, this.locale, now)}</dd></div>`)}
              </dl>
            </div>`
          : nothing}
        <p part="error" class="error" role="alert" ?hidden=${!error}>${error}</p>
        <div part="actions" class="actions">
          <button
            part="accept-button"
            class="accept"
            aria-disabled=${busy ? 'true' : 'false'}
            aria-busy=${pending === 'accept' ? 'true' : 'false'}
            aria-describedby=${canReject ? nothing : 'no-reject'}
            aria-keyshortcuts=${keys.accept || nothing}
            @click=${() => this.#act('accept')}
          >
            ${pending === 'accept' ? msg('Accepting…', { id: 'notification.accepting' }) : msg('Accept', { id: 'notification.accept' })}
          </button>
          ${canReject
            ? html`<button
                part="reject-button"
                class="reject"
                aria-disabled=${busy ? 'true' : 'false'}
                aria-busy=${pending === 'reject' ? 'true' : 'false'}
                aria-keyshortcuts=${keys.reject || nothing}
                @click=${() => this.#act('reject')}
              >
                ${pending === 'reject' ? msg('Rejecting…', { id: 'notification.rejecting' }) : msg('Reject', { id: 'notification.reject' })}
              </button>`
            : // Where Reject would be, why it is not: this offer's routing, or the agent's privileges.
              html`<span part="no-reject" id="no-reject" class="no-reject"
                >${offer.offer.canReject
                  ? msg('You do not have the permission to reject callbacks.', { id: 'notification.no-reject-privilege' })
                  : msg('This callback must be taken: the contact center does not allow rejecting it.', { id: 'notification.no-reject-offer' })}</span
              >`}
        </div>
      </section>
    `;
  }

  #renderNotice(interaction: Interaction) {
    const who = contactLabel(interaction.contact);
    return html`
      <section part="base" class="box notice" aria-labelledby="title">
        <div
          id="title"
          class="title"
          role="heading"
          aria-level=${this.headingLevel}
          tabindex="-1"
          aria-keyshortcuts=${this.#shortcuts?.keys.focus || nothing}
        >
          <span class="who">${who}</span>
        </div>
        <p>
          ${interaction.state === 'expired'
            ? msg('Not answered in time: the callback went back to routing.', { id: 'notification.expired' })
            : interaction.revokedReason
              ? (this.#reasons?.revokedReasonText(interaction.revokedReason) ?? '')
              : msg('The callback was withdrawn.', { id: 'notification.revoked' })}
        </p>
        <div part="actions" class="actions">
          <button class="dismiss" @click=${this.#dismiss}>${msg('Dismiss', { id: 'notification.dismiss' })}</button>
        </div>
      </section>
    `;
  }
}
