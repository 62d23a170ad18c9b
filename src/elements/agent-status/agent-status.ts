import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import type { AgentReadyState, CallbackAdapter } from '../../adapters/callback-adapter.js';
import { AdapterError } from '../../adapters/errors.js';
import type { RegistrationStatus, TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import { callbackAdapterContext, clockContext, policyContext, telephonyAdapterContext } from '../../context/index.js';
import { systemClock, type Clock } from '../../model/clock.js';
import { mergePolicy, type Policy } from '../../model/actions.js';
import { announce } from '../../controllers/announcer.js';
import { ActiveInteractionsController } from '../../controllers/active-interactions-controller.js';
import { DurationController } from '../../controllers/clock-ticker.js';
import { afterCallWorkSince } from '../../model/after-call-work.js';
import type { Channel } from '../../model/interaction.js';
import { formatClock } from '../shared/format.js';
import { CallbackElement } from '../shared/callback-element.js';
import { CallbackErrorEvent } from '../../events/error-event.js';
import { adapterErrorMessage } from '../../messages/messages.js';
import { AgentStatusController } from './agent-status.controller.js';
import { AgentStateChangedEvent, AgentStateChangeEvent, type NotReadyReason } from './agent-status.events.js';
import {
  afterCallWorkReasonLabel,
  channelLabel,
  defaultNotReadyReasons,
  readyAnnouncement,
  readyStateLabel,
  registrationAnnouncement,
  registrationLabel,
} from './agent-status.messages.js';
import { styles } from './agent-status.styles.js';

const CHANNELS: readonly Channel[] = ['voice', 'web-callback'];

/** A reason as the agent reads it: one the adapter marks as after-call work in the agent's language. */
function localizedReason(reason: NotReadyReason): NotReadyReason {
  return reason.kind === 'after-call-work' ? { ...reason, label: afterCallWorkReasonLabel() } : reason;
}

/** Reads `channels="voice, web-callback"`; unknown names are ignored. */
const channelsConverter = {
  fromAttribute: (value: string | null): Channel[] =>
    value === null ? [...CHANNELS] : CHANNELS.filter((c) => value.split(',').some((s) => s.trim() === c)),
  toAttribute: (value: Channel[]) => value.join(','),
};

/**
 * The agent's availability: Ready or Not ready on each channel (offers arrive only while Ready on
 * their channel), with the reason for Not ready, and whether the phone is registered.
 *
 * While a call is over and its interaction not marked done yet, the channel shows "After-call
 * work" with the time spent in it (the longest, when several wait).
 *
 * Going Not ready asks for a reason from `reasons` (none asked when the list is empty). With an
 * adapter that has Do Not Disturb (`setDoNotDisturb`), a toggle button turns it on and off. Changes
 * reported by the adapter, whoever made them, and phone connection drops and recoveries are
 * announced in the polite live region.
 *
 * @summary Ready / Not ready per channel, with reasons, and the phone's registration status.
 *
 * @fires {AgentStateChangeEvent} agent-state-change - The agent asked for a new state (`detail.channel`, `detail.state`, `detail.reason`). Cancelable: `preventDefault()` stops the adapter call.
 * @fires {AgentStateChangedEvent} agent-state-changed - The callback service took the new state.
 * @fires {CallbackErrorEvent} callback-error - The change failed (`action: 'agent-state-change'`, or `'do-not-disturb'` for the DND toggle); the previous state is kept and the message shown.
 *
 * @csspart base - The bar holding channels and phone status.
 * @csspart channel - One channel: name, state, controls.
 * @csspart state - A channel's state (and reason).
 * @csspart ready-button - "Set ready" (shown while not ready).
 * @csspart not-ready-button - "Set not ready…" (shown while ready; opens the reason picker).
 * @csspart reason-picker - The reason select with its Confirm and Cancel buttons.
 * @csspart reason-select - The reason select.
 * @csspart confirm-button - Confirms Not ready with the chosen reason.
 * @csspart cancel-button - Closes the reason picker.
 * @csspart error - A channel's error message, or the DND toggle's.
 * @csspart phone - The phone registration line.
 * @csspart phone-status - The registration status text.
 * @csspart after-call-work - A channel's "After-call work" and its timer.
 * @csspart dnd - "Do not disturb", while the backend reports it on a channel.
 * @csspart dnd-button - The "Do not disturb" toggle (`aria-pressed` while on), with an adapter that has DND.
 *
 * @cssproperty --cb-agent-status-ready-color - Colour of Ready and of a registered phone.
 * @cssproperty --cb-agent-status-not-ready-color - Colour of Not ready and of an offline phone.
 * @cssproperty --cb-color-warning - Colour of a connecting or reconnecting phone.
 *
 * @cssstate ready - Ready on every channel shown.
 * @cssstate not-ready - Not ready on at least one channel shown.
 * @cssstate pending - A change is waiting for the callback service.
 * @cssstate error - The last change failed.
 * @cssstate after-call-work - The agent is in after-call work on at least one interaction.
 * @cssstate dnd - Do Not Disturb is on, as the backend reports it.
 * @cssstate phone-connecting - The phone is registering.
 * @cssstate phone-registered - The phone is registered: calls can reach the agent.
 * @cssstate phone-reconnecting - The connection dropped; the phone is trying again.
 * @cssstate phone-offline - The phone is not registered.
 * @cssstate phone-failed - Registration failed.
 */
export class AgentStatus extends CallbackElement {
  static override styles = [...CallbackElement.styles, styles];

  /** The callback service. Wins over one provided by context. */
  @property({ attribute: false }) adapter?: CallbackAdapter;

  /** The phone. Wins over one provided by context. */
  @property({ attribute: false }) telephony?: TelephonyAdapter;

  /** Channels to show, in order. Attribute: comma-separated (`voice`, `web-callback`). */
  @property({ converter: channelsConverter }) channels: Channel[] = [...CHANNELS];

  /**
   * Reasons to choose from when going Not ready. Unset: the callback adapter's own (its backend's
   * reason codes or presences, when it offers them: the chosen one reaches the backend), else
   * Break, Meeting, After-call work, Training (kept in the page).
   */
  @property({ attribute: false })
  get reasons(): readonly NotReadyReason[] {
    if (this.#reasons) return this.#reasons;
    const offered = this.#status.adapterReasons;
    if (offered) return offered.map(localizedReason);
    return this.#status.offersReasons ? [] : defaultNotReadyReasons();
  }
  set reasons(value: readonly NotReadyReason[] | undefined) {
    const old = this.#reasons;
    this.#reasons = value;
    this.requestUpdate('reasons', old);
  }

  @consume({ context: callbackAdapterContext, subscribe: true })
  @state()
  protected contextAdapter?: CallbackAdapter;

  @consume({ context: telephonyAdapterContext, subscribe: true })
  @state()
  protected contextTelephony?: TelephonyAdapter;

  /** Clock for the action timeout. Wins over context; defaults to the system clock. */
  @property({ attribute: false }) clock?: Clock;

  @consume({ context: clockContext, subscribe: true })
  @state()
  protected contextClock?: Clock;

  @consume({ context: policyContext, subscribe: true })
  @state()
  protected contextPolicy?: Partial<Policy>;

  /** The channel whose reason picker is open. */
  @state() private picking: Channel | undefined;
  @state() private chosen = '';
  @state() private reasonMissing = false;
  @state() private pending: ReadonlySet<Channel> = new Set();
  @state() private errors: Partial<Record<Channel, string>> = {};
  @state() private dndPending = false;
  @state() private dndError = '';

  #reasons: readonly NotReadyReason[] | undefined;
  /** Focus this channel's toggle after the next render (the control that had focus went away). */
  #refocus: Channel | undefined;
  #focusPicker = false;
  /** The phone was registered, then lost: its next registration is a recovery worth announcing. */
  #dropped = false;

  #status = new AgentStatusController(
    this,
    () => ({
      adapter: this.adapter ?? this.contextAdapter,
      telephony: this.telephony ?? this.contextTelephony,
      clock: this.clock ?? this.contextClock,
      policy: mergePolicy((this.adapter ?? this.contextAdapter)?.policy, this.contextPolicy),
      locale: this.locale,
    }),
    {
      onReadyState: (channel, state) => {
        if (this.errors[channel]) this.errors = { ...this.errors, [channel]: '' };
        if (state !== 'ready' && this.picking === channel) this.#close(channel);
        const reason = this.#status.reason(channel);
        announce(readyAnnouncement(channel, state, reason && localizedReason(reason)));
      },
      onStatus: (status, previous) => this.#statusChanged(status, previous),
    },
  );

  /** The interactions the agent holds: those in after-call work show on their channel. */
  #held = new ActiveInteractionsController(this, () => this.#status.adapter, {
    // Only a change of after-call work re-renders the bar (not every hold of every call).
    viewKey: (interaction) => String(afterCallWorkSince(interaction)),
  });

  /** When after-call work began on each channel (the earliest, with several). */
  #afterCallWork(): Map<Channel, number> {
    const since = new Map<Channel, number>();
    for (const interaction of this.#held.interactions) {
      const at = afterCallWorkSince(interaction);
      if (at !== undefined && at < (since.get(interaction.channel) ?? Infinity)) since.set(interaction.channel, at);
    }
    return since;
  }

  constructor() {
    super();
    // Re-renders each second while after-call work is counted on any channel.
    new DurationController(this, () => {
      const earliest = Math.min(...this.#afterCallWork().values());
      return { clock: this.clock ?? this.contextClock, since: Number.isFinite(earliest) ? earliest : undefined };
    });
  }

  #statusChanged(status: RegistrationStatus, previous: RegistrationStatus | undefined): void {
    const afterDrop = this.#dropped;
    if (status === 'reconnecting' || ((status === 'offline' || status === 'failed') && previous !== 'connecting')) this.#dropped = true;
    if (status === 'registered') this.#dropped = false;
    const message = registrationAnnouncement(status, afterDrop);
    if (message) announce(message);
  }

  /** Whether going Not ready asks for a reason: there are reasons, or the adapter's are still being read. */
  get #asks(): boolean {
    return this.reasons.length > 0 || (!this.#reasons && this.#status.offersReasons && !this.#status.adapterReasons);
  }

  #open(channel: Channel): void {
    if (!this.#asks) {
      void this.#change(channel, 'not-ready');
      return;
    }
    if (this.picking === channel) {
      this.#close(channel);
      return;
    }
    this.picking = channel;
    this.chosen = '';
    this.reasonMissing = false;
    this.#focusPicker = true;
  }

  #close(channel: Channel): void {
    if (this.picking !== channel) return;
    this.picking = undefined;
    this.reasonMissing = false;
    // The picker's controls go away with it: give focus back to the toggle, if the agent was there.
    if (this.matches(':focus-within') || document.activeElement === document.body) this.#refocus = channel;
  }

  #confirm(channel: Channel): void {
    const reason = this.reasons.find((r) => r.code === this.chosen);
    if (!reason) {
      this.reasonMissing = true;
      this.#focusPicker = true;
      return;
    }
    void this.#change(channel, 'not-ready', reason);
  }

  async #change(channel: Channel, state: AgentReadyState, reason?: NotReadyReason): Promise<void> {
    if (this.pending.has(channel)) return;
    const detail = { channel, state, ...(reason ? { reason } : {}) };
    if (!this.dispatchEvent(new AgentStateChangeEvent({ ...detail }))) return;
    this.errors = { ...this.errors, [channel]: '' };
    this.pending = new Set([...this.pending, channel]);
    try {
      await this.#status.setReadyState(channel, state, reason);
      this.#close(channel);
      this.dispatchEvent(new AgentStateChangedEvent({ ...detail }));
    } catch (thrown) {
      const error = AdapterError.from(thrown);
      if (error.code === 'aborted' && !this.isConnected) return;
      const message = adapterErrorMessage(error.code);
      this.errors = { ...this.errors, [channel]: message };
      this.dispatchEvent(new CallbackErrorEvent({ action: 'agent-state-change', code: error.code, message, cause: error }));
    } finally {
      const pending = new Set(this.pending);
      pending.delete(channel);
      this.pending = pending;
    }
  }

  async #setDnd(on: boolean): Promise<void> {
    this.dndError = '';
    this.dndPending = true;
    try {
      await this.#status.setDoNotDisturb(on);
    } catch (thrown) {
      const error = AdapterError.from(thrown);
      if (error.code === 'aborted' && !this.isConnected) return;
      const message = adapterErrorMessage(error.code);
      this.dndError = message;
      this.dispatchEvent(new CallbackErrorEvent({ action: 'do-not-disturb', code: error.code, message, cause: error }));
    } finally {
      this.dndPending = false;
    }
  }

  /** The agent's state on a channel, as the callback adapter last reported it. */
  readyState(channel: Channel): AgentReadyState | undefined {
    return this.#status.readyState(channel);
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const root = this.renderRoot as ShadowRoot;
    if (this.#focusPicker && this.picking) root.querySelector<HTMLElement>(`#reason-${this.picking}`)?.focus();
    this.#focusPicker = false;
    if (this.#refocus) {
      const toggle = root.querySelector<HTMLButtonElement>(`[data-channel=${this.#refocus}] .toggle`);
      // A disabled button cannot take focus: wait for the render that enables it.
      if (!toggle?.disabled) {
        toggle?.focus();
        this.#refocus = undefined;
      }
    }
    const states = this.#status.adapter ? this.channels.map((c) => this.readyState(c)) : [];
    this.setState('ready', states.length > 0 && states.every((s) => s === 'ready'));
    this.setState('not-ready', states.includes('not-ready'));
    this.setState('pending', this.pending.size > 0);
    this.setState('error', Object.values(this.errors).some(Boolean));
    this.setState('after-call-work', this.#afterCallWork().size > 0);
    this.setState('dnd', this.#status.dnd);
    const registration = this.#status.registration;
    for (const s of ['connecting', 'registered', 'reconnecting', 'offline', 'failed'] as const) this.setState(`phone-${s}`, registration === s);
  }

  protected override render() {
    const hasAdapter = !!this.#status.adapter;
    const registration = this.#status.registration;
    if (!hasAdapter && !registration) return nothing;
    const afterCallWork = this.#afterCallWork();
    return html`
      <div part="base" class="bar" role="group" aria-label=${msg('Agent status', { id: 'agent-status.label' })}>
        ${hasAdapter ? this.channels.map((channel) => this.#renderChannel(channel, afterCallWork)) : nothing}
        ${this.#status.offersDnd ? this.#renderDnd() : nothing}
        ${registration
          ? html`<div part="phone" class="phone">
              <span class="name">${msg('Phone', { id: 'agent-status.phone' })}</span>
              <span part="phone-status" class="phone-status ${registration}">${registrationLabel(registration)}</span>
            </div>`
          : nothing}
      </div>
    `;
  }

  #renderChannel(channel: Channel, afterCallWork: Map<Channel, number>) {
    const state = this.readyState(channel) ?? 'not-ready';
    const acwSince = afterCallWork.get(channel);
    const reported = this.#status.reason(channel);
    const reason = reported && localizedReason(reported);
    const dnd = !!this.#status.detail(channel)?.dnd;
    const busy = this.pending.has(channel);
    const picking = this.picking === channel;
    const error = this.errors[channel] ?? '';
    const ready = state === 'ready';
    const asks = this.#asks;
    return html`
      <div part="channel" class="channel" role="group" aria-labelledby="name-${channel}" data-channel=${channel}>
        <span id="name-${channel}" class="name">${channelLabel(channel)}</span>
        <span part="state" class="state ${state}">
          ${readyStateLabel(state)} ${reason ? html`<span class="reason">(${reason.label})</span>` : nothing}
        </span>
        ${dnd ? html`<span part="dnd" class="dnd">${msg('Do not disturb', { id: 'agent-status.dnd' })}</span>` : nothing}
        ${acwSince !== undefined ? this.#renderAfterCallWork(acwSince) : nothing}
        <!-- Named "Set not ready… Voice": the channel tells the two toggles apart for a screen reader. -->
        <button
          id="toggle-${channel}"
          aria-labelledby="toggle-${channel} name-${channel}"
          part=${ready ? 'not-ready-button' : 'ready-button'}
          class="toggle"
          aria-disabled=${busy ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
          aria-expanded=${ready && asks ? (picking ? 'true' : 'false') : nothing}
          aria-controls=${ready && picking ? `picker-${channel}` : nothing}
          @click=${() => {
            // aria-disabled rather than disabled: the focused toggle keeps focus while the service answers.
            if (busy) return;
            if (ready) this.#open(channel);
            else void this.#change(channel, 'ready');
          }}
        >
          ${!ready
            ? msg('Set ready', { id: 'agent-status.set-ready' })
            : asks
              ? msg('Set not ready…', { id: 'agent-status.set-not-ready-menu' })
              : msg('Set not ready', { id: 'agent-status.set-not-ready' })}
        </button>
        ${picking && ready ? this.#renderPicker(channel, busy) : nothing}
        <p part="error" class="error" role="alert" ?hidden=${!error}>${error}</p>
      </div>
    `;
  }

  #renderDnd() {
    const busy = this.dndPending;
    const on = this.#status.dnd;
    return html`<div class="dnd-control">
      <button
        part="dnd-button"
        class="dnd-toggle"
        aria-pressed=${on ? 'true' : 'false'}
        aria-disabled=${busy ? 'true' : 'false'}
        aria-busy=${busy ? 'true' : 'false'}
        @click=${() => {
          // aria-disabled rather than disabled: the toggle keeps focus while the service answers.
          if (!busy) void this.#setDnd(!on);
        }}
      >
        ${msg('Do not disturb', { id: 'agent-status.dnd-toggle' })}
      </button>
      <p part="error" class="error" role="alert" ?hidden=${!this.dndError}>${this.dndError}</p>
    </div>`;
  }

  #renderAfterCallWork(since: number) {
    const now = (this.clock ?? this.contextClock ?? systemClock).now();
    const time = formatClock(Math.max(0, now - since) / 1000, this.locale);
    return html`<span part="after-call-work" class="after-call-work" role="timer">${msg(str`After-call work ${time}`, { id: 'agent-status.after-call-work' })}</span>`;
  }

  #renderPicker(channel: Channel, busy: boolean) {
    return html`
      <div
        part="reason-picker"
        class="picker"
        id="picker-${channel}"
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape' && !busy) this.#close(channel);
        }}
      >
        <label for="reason-${channel}">${msg('Not-ready reason', { id: 'agent-status.reason' })}</label>
        <select
          part="reason-select"
          id="reason-${channel}"
          required
          ?disabled=${busy}
          aria-invalid=${this.reasonMissing ? 'true' : 'false'}
          aria-describedby=${this.reasonMissing ? `hint-${channel}` : nothing}
          @change=${(e: Event) => {
            this.chosen = (e.target as HTMLSelectElement).value;
            this.reasonMissing = false;
          }}
        >
          <option value="" ?selected=${this.chosen === ''}>${msg('Choose a reason…', { id: 'agent-status.choose-reason' })}</option>
          ${this.reasons.map((r) => html`<option value=${r.code} ?selected=${r.code === this.chosen}>${r.label}</option>`)}
        </select>
        <button part="confirm-button" class="confirm" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${() => this.#confirm(channel)}>
          ${msg('Confirm', { id: 'agent-status.confirm' })}
        </button>
        <button part="cancel-button" class="cancel" ?disabled=${busy} @click=${() => this.#close(channel)}>
          ${msg('Cancel', { id: 'agent-status.cancel' })}
        </button>
        <p id="hint-${channel}" class="hint" ?hidden=${!this.reasonMissing}>${msg('Choose a reason for being not ready.', { id: 'agent-status.reason-required' })}</p>
      </div>
    `;
  }
}
