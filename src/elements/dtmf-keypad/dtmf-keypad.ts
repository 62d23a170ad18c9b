import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { msg } from '@lit/localize';
import { announce } from '../../controllers/announcer.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { RovingFocusController } from '../../controllers/roving-focus-controller.js';
import { actionAvailability, type ActionAvailability } from '../../model/actions.js';
import type { Clock } from '../../model/clock.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { renderDigits, shownDigits } from '../shared/dtmf-format.js';
import { adapterErrorMessage } from '../../messages/messages.js';
import { acceptsKey, disabledReason, keyName, keypadKeys, refusedKeyHint, sentThisCall } from './dtmf-keypad.keys.js';
import { styles } from './dtmf-keypad.styles.js';

/**
 * A telephone keypad and a digits field for sending DTMF on the interaction's call (IVR menus,
 * extensions, payment digits). Digits wait in a buffer and go out together once the agent pauses
 * for `buffer` ms (0 sends each digit at once); Enter in the field sends at once. Only DTMF
 * characters are taken: anything else is refused with a hint and what was typed stays.
 *
 * Digits are masked by default: they show as `•` here, in the `callback-action` events and in the
 * case history, while the far end still receives them (payment digits and PINs never land in the
 * history in clear). `show-digits` is the explicit opt-in to show and record them as typed; `mask`
 * (deprecated, the default now) keeps them masked even then. Enabled, disabled (with the reason) or hidden as
 * the model's allowed actions say; a buffer still waiting when the call leaves the connected state
 * or the element leaves the page is discarded, never sent later.
 *
 * Of the `policy`, it reads `canDtmf`.
 *
 * @summary DTMF keypad with typed input, inactivity buffer and masking for payment digits.
 *
 * @fires {CallbackActionEvent} callback-action - Before digits are sent (`detail.action` `dtmf`, `detail.args.digits` as shown: masked when masked). Cancelable: `preventDefault()` drops them.
 * @fires {CallbackActionDoneEvent} callback-action-done - The phone sent the digits.
 * @fires {CallbackErrorEvent} callback-error - Sending failed, or a waiting buffer could not be sent; the message is shown.
 *
 * @csspart base - The keypad box.
 * @csspart title - The title of the keypad.
 * @csspart label - The label of the digits field.
 * @csspart input - The digits field.
 * @csspart hint - Why a typed character was refused.
 * @csspart keypad - The grid of keys.
 * @csspart key - Each key.
 * @csspart sent - The digits sent on this call.
 * @csspart reason - Why the keypad is disabled.
 * @csspart error - The error message.
 *
 * @cssproperty --cb-dtmf-key-size - Minimum size of a key (default 3rem).
 * @cssproperty --cb-dtmf-key-background - Background of the keys.
 *
 * @cssstate disabled - Digits cannot be sent right now (held, dialing); the reason is shown.
 * @cssstate buffering - Digits are waiting for the agent to pause.
 * @cssstate sending - Digits are on their way.
 * @cssstate masked - Digits are masked.
 * @cssstate error - The last send failed.
 */
export class DtmfKeypad extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];
  /** `keypad.focus()` lands in the digits field (a popup opening the keypad focuses it so). */
  static override shadowRootOptions: ShadowRootInit = { ...CallbackElement.shadowRootOptions, delegatesFocus: true };

  /** Inactivity, in ms, before buffered digits are sent; 0 sends each digit at once. */
  @property({ type: Number }) buffer = 500;

  /** Show and record the digits as typed (opt-in): without it they show and are recorded as `•`, still sent as typed. */
  @property({ type: Boolean, reflect: true, attribute: 'show-digits' }) showDigits = false;

  /**
   * Keeps the digits masked even with `show-digits`.
   * @deprecated Digits are masked by default now; `show-digits` is the opt-in to show them.
   */
  @property({ type: Boolean, reflect: true }) mask = false;

  /** Adds the A-D column (for systems that use the extended DTMF keys). */
  @property({ type: Boolean, reflect: true }) extended = false;

  /** Digits typed and not sent yet. */
  @state() private pendingDigits = '';
  @state() private hint = '';
  /** Digits (as shown) that could not be sent, for the error message. */
  @state() private unsent: { digits: string; masked: boolean } | undefined;

  /** The buffer held sensitive digits at some point: send and show it masked. */
  #pendingMasked = false;
  #timer: { clock: Clock; handle: unknown } | undefined;
  #flushWhenIdle = false;

  /** Digits typed now are sensitive: always, unless the host opted in to seeing them. */
  get #masked(): boolean {
    return this.mask || !this.showDigits;
  }

  readonly #session = new InteractionSession(
    this,
    sessionOverrides(this),
    (_previous, next) => {
      if (next.state !== 'connected') this.#abandon();
    },
  );

  /** Digits typed and waiting for the buffer to elapse, as shown (masked when masked). */
  get bufferedDigits(): string {
    return shownDigits(this.pendingDigits, this.#masked || this.#pendingMasked);
  }

  /**
   * The model's answer for DTMF. Unlike other controls the keypad stays enabled while a send is
   * in flight: digits typed meanwhile wait in the buffer, and a key never loses focus mid-number.
   */
  get #availability(): ActionAvailability {
    const interaction = this.#session.interaction;
    if (!interaction) return { status: 'hidden', reason: 'wrong-state' };
    return actionAvailability(interaction, 'dtmf', this.#session.actionContext);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('interactionId') && changed.get('interactionId') !== undefined) this.#discard();
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.setState('disabled', this.#availability.status === 'disabled');
    this.setState('buffering', !!this.pendingDigits);
    this.setState('sending', this.#session.isPending('dtmf'));
    this.setState('masked', this.#masked);
    this.setState('error', !!this.#session.error);
  }

  override disconnectedCallback(): void {
    // Digits the agent typed are meant to be sent: closing the keypad's popup within the buffer
    // time must not lose them (payment digits included). Sent at once, the timer cleared.
    const call = this.pendingDigits && this.#availability.status === 'enabled' ? this.#callOrUndefined() : undefined;
    const digits = this.pendingDigits;
    const masked = this.#masked || this.#pendingMasked;
    super.disconnectedCallback();
    this.#discard();
    if (call) void call.telephony.sendDtmf(call.callId, digits, { masked }).catch(() => undefined);
  }

  #callOrUndefined() {
    try {
      return this.#session.requireCall();
    } catch {
      return undefined;
    }
  }

  /** Takes one key from a button, the field or the keyboard. */
  #press(raw: string): void {
    if (!acceptsKey(raw, this.extended)) {
      this.#refuse();
      return;
    }
    if (this.#availability.status !== 'enabled') return;
    this.hint = '';
    this.pendingDigits += raw.toUpperCase();
    if (this.#masked) this.#pendingMasked = true;
    this.#clearTimer();
    const wait = Number.isFinite(this.buffer) && this.buffer > 0 ? this.buffer : 0;
    if (wait === 0) {
      void this.#flush();
    } else {
      const clock = this.#session.clock;
      this.#timer = { clock, handle: clock.setTimeout(() => void this.#flush(), wait) };
    }
  }

  #refuse(): void {
    this.hint = refusedKeyHint(this.extended);
    announce(this.hint);
  }

  /** Sends the buffer now (or right after the send in flight). */
  async #flush(): Promise<void> {
    this.#clearTimer();
    if (!this.pendingDigits) return;
    if (this.#session.isPending('dtmf')) {
      this.#flushWhenIdle = true;
      return;
    }
    const digits = this.pendingDigits;
    const masked = this.#masked || this.#pendingMasked;
    const shown = shownDigits(digits, masked);
    this.pendingDigits = '';
    this.#pendingMasked = false;
    this.unsent = undefined;
    const errorBefore = this.#session.error;
    const sent = await this.#session.run(
      'dtmf',
      async () => {
        const { telephony, callId } = this.#session.requireCall();
        await telephony.sendDtmf(callId, digits, { masked });
        return true;
      },
      { digits: shown, masked },
    );
    const error = this.#session.error;
    if (!sent && error && error !== errorBefore) this.unsent = { digits: shown, masked };
    if (this.#flushWhenIdle) {
      this.#flushWhenIdle = false;
      if (!this.#timer) await this.#flush();
    }
  }

  /** The call left the connected state with digits still waiting: they are not sent, and the agent is told. */
  #abandon(): void {
    if (!this.pendingDigits) return;
    const unsent = { digits: this.bufferedDigits, masked: this.#masked || this.#pendingMasked };
    this.#discard();
    this.unsent = unsent;
    this.#session.showError('dtmf', 'invalid-state', adapterErrorMessage('invalid-state'));
  }

  #discard(): void {
    this.#clearTimer();
    this.pendingDigits = '';
    this.#pendingMasked = false;
    this.#flushWhenIdle = false;
  }

  #clearTimer(): void {
    if (this.#timer) this.#timer.clock.clearTimeout(this.#timer.handle);
    this.#timer = undefined;
  }

  /** The field's value is the buffer: every edit goes through here, so nothing but DTMF gets in. */
  #onBeforeInput(event: InputEvent): void {
    if (!event.cancelable) return;
    event.preventDefault();
    const type = event.inputType;
    if (type.startsWith('insert')) {
      const text = (event.data ?? event.dataTransfer?.getData('text/plain') ?? '').replace(/\s+/g, '');
      if (!text) return;
      const keys = [...text];
      if (!keys.every((key) => acceptsKey(key, this.extended))) {
        this.#refuse();
        return;
      }
      for (const key of keys) this.#press(key);
    } else if (type === 'deleteContentBackward') {
      this.pendingDigits = this.pendingDigits.slice(0, -1);
    } else if (type.startsWith('delete')) {
      this.pendingDigits = '';
    }
    if (!this.pendingDigits) this.#clearTimer();
  }

  /** Edits the browser could not be stopped from making (IME composition): put the buffer back. */
  #onInput(event: Event): void {
    (event.target as HTMLInputElement).value = this.bufferedDigits;
  }

  #onFieldKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      void this.#flush();
    }
  }

  /** The arrows move between keys, row by row (mirrored right to left); every key stays a Tab stop. */
  constructor() {
    super();
    new RovingFocusController(this, {
      items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('button.key')],
      orientation: 'grid',
      columns: () => (this.extended ? 4 : 3),
    });
  }

  /** Typing on a focused key presses it; arrows move between keys. */
  #onKeypadKeydown(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length !== 1 || event.key === ' ') return;
    event.preventDefault();
    this.#press(event.key);
  }

  protected override render() {
    const interaction = this.#session.interaction;
    const availability = this.#availability;
    if (!interaction || availability.status === 'hidden') return nothing;
    const disabled = availability.status === 'disabled';
    const error = this.#session.error;
    const sent = sentThisCall(interaction);
    const describedBy = ['hint', disabled ? 'reason' : ''].filter(Boolean).join(' ');
    return html`
      <div part="base" class="box" role="group" aria-labelledby="title">
        <span part="title" id="title" class="title">${msg('Send DTMF', { id: 'dtmf.title' })}</span>
        <label part="label" class="label" for="digits">${msg('Digits', { id: 'dtmf.digits' })}</label>
        <input
          part="input"
          id="digits"
          class="field"
          type="text"
          inputmode="tel"
          autocomplete="off"
          spellcheck="false"
          aria-describedby=${describedBy}
          .value=${live(this.bufferedDigits)}
          ?disabled=${disabled}
          @beforeinput=${this.#onBeforeInput}
          @input=${this.#onInput}
          @keydown=${this.#onFieldKeydown}
        />
        <p part="hint" id="hint" class="hint" ?hidden=${!this.hint}>${this.hint}</p>
        <div
          part="keypad"
          class="keypad ${this.extended ? 'extended' : ''}"
          role="group"
          aria-label=${msg('Keypad', { id: 'dtmf.keypad' })}
          @keydown=${this.#onKeypadKeydown}
        >
          ${keypadKeys(this.extended).map(
            ({ key, letters }) => html`<button
              part="key"
              class="key"
              type="button"
              data-key=${key}
              ?disabled=${disabled}
              @click=${() => this.#press(key)}
            >
              ${keyName(key) === key
                ? html`<span class="symbol">${key}</span>`
                : html`<span class="symbol" aria-hidden="true">${key}</span><span class="visually-hidden">${keyName(key)}</span>`}
              ${letters ? html`<span class="letters" aria-hidden="true">${letters}</span>` : nothing}
            </button>`,
          )}
        </div>
        <p part="sent" class="sent">
          <span class="sent-label">${msg('Sent on this call:', { id: 'dtmf.sent' })}</span>
          ${sent.length
            ? sent.map((s) => renderDigits(s.digits, s.masked || this.#masked))
            : html`<span class="none">${msg('nothing yet', { id: 'dtmf.sent-none' })}</span>`}
        </p>
        ${disabled ? html`<p part="reason" id="reason" class="reason">${disabledReason(interaction.state)}</p>` : nothing}
        <p part="error" class="error" role="alert" ?hidden=${!error}>
          ${error?.message ?? ''}
          ${error && this.unsent
            ? html`<span class="unsent">${msg('Not sent:', { id: 'dtmf.unsent' })} ${renderDigits(this.unsent.digits, this.unsent.masked)}</span>`
            : nothing}
        </p>
      </div>
    `;
  }
}
