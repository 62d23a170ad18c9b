import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { AdapterError } from '../../adapters/errors.js';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { PopupController } from '../../controllers/popup-controller.js';
import { RovingFocusController } from '../../controllers/roving-focus-controller.js';
import type { ActionAvailability, InteractionAction } from '../../model/actions.js';
import type { Interaction, TargetRef } from '../../model/interaction.js';
import { validatePhoneNumber } from '../../model/validation.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { blockReasonMessage, validationMessage } from '../../messages/messages.js';
import { CallbackDoneEvent, doneDetail } from './call-actions.events.js';
import type { CallbackActionEvent } from '../../events/action-events.js';
import { MarkDoneRetryController, isTransientFailure } from '../../controllers/pending-work/mark-done-retry.js';
import { markDoneWithKeptWork } from '../../controllers/pending-work/mark-done.js';
import { PendingWorkController } from '../../controllers/pending-work/pending-work-controller.js';
import { isAccepted } from '../../model/state-machine.js';
import { pendingWorkMessage } from '../../messages/messages.js';
import { flowActionLabel, type CallActionsFlow } from './call-actions.labels.js';
import { styles } from './call-actions.styles.js';

const unsupported = (): Promise<never> => Promise.reject(new AdapterError('not-supported', 'The phone cannot do this.'));

/** The buttons, in toolbar order. Which of them show, and how, is the model's answer. */
const TOOLBAR: readonly InteractionAction[] = [
  'call',
  'end-call',
  'hold',
  'resume',
  // One toggle button (aria-pressed) for both; see #toolbarAvailability.
  'mute',
  'transfer',
  'conference',
  'leave-conference',
  'consult',
  'alternate',
  'consult-transfer',
  'consult-conference',
  'consult-end',
  'dtmf',
  'reschedule',
  'mark-done',
];

type Panel = 'transfer' | 'conference' | 'consult' | 'dtmf' | 'reschedule';
const PANELS: ReadonlySet<InteractionAction> = new Set<InteractionAction>(['transfer', 'conference', 'consult', 'dtmf', 'reschedule']);

/**
 * The call toolbar: end call, hold, resume, mute (a toggle button, `aria-pressed` while muted),
 * instant transfer, instant conference (then leave it to the others, where the phone allows),
 * consultation (then alternate between the customer and the consulted party, transfer,
 * conference or end), DTMF, reschedule, mark done, and Call for web callbacks.
 * Every button's visible/enabled state comes from the model's `actionAvailability`; a disabled
 * button stays focusable and says why. Transfer, conference and consultation pick their target in
 * a `<team-communicator>` popup; DTMF opens a `<dtmf-keypad>`, reschedule a `<callback-scheduler>`.
 *
 * A WAI-ARIA toolbar: one Tab stop, arrow keys move between buttons, Home/End jump.
 * `flow="web-callback"` labels Mark done and Reschedule as the web-callback preview's "Done" and
 * "Schedule callback". `perform(action)` does what a button does (for shortcuts and auto-dial).
 *
 * @summary Call actions toolbar for an accepted interaction.
 *
 * @fires {CallbackActionEvent} callback-action - Before each adapter call; cancelable. `detail.action` names it and narrows `detail.args`: `{ target }` for transfer, conference and consult, `{ number }` for call; the other toolbar actions carry none.
 * @fires {CallbackActionDoneEvent} callback-action-done - The adapter carried the action out.
 * @fires {CallbackDoneEvent} callback-done - The interaction was marked done: disposition, notes and history. Also from the scheduler when a web callback is scheduled for another time, which closes it.
 * @fires {CallbackErrorEvent} callback-error - An action failed; the localized message is shown.
 *
 * @csspart toolbar - The button row.
 * @csspart button - Every action button.
 * @csspart panel - The popup holding the team communicator, keypad or scheduler.
 * @csspart reason - Why the focused or key action is not possible now.
 * @csspart error - The error message.
 * @csspart pending - A Mark done that has not reached the callback service yet: kept, and retried.
 * @csspart retry-button - Sends the pending Mark done now.
 *
 * @cssproperty --cb-call-actions-gap - Space between buttons.
 * @cssproperty --cb-call-actions-panel-background - Background of the popup panel (default: the raised surface).
 *
 * @cssstate consulting - A consultation is in progress.
 * @cssstate muted - The agent's microphone is muted on the call (the Mute button is pressed).
 * @cssstate pending - An action is waiting for the adapter.
 */
@localized()
export class CallActions extends InteractionElement {
  static override styles = [...CallbackElement.styles, styles];

  /** DTMF inactivity buffer in ms before digits are sent (0 = each digit). */
  @property({ type: Number, attribute: 'dtmf-buffer' }) dtmfBuffer = 500;
  /** Show and record DTMF digits as typed (opt-in); without it they are masked (`•`) everywhere they would show. */
  @property({ type: Boolean, attribute: 'dtmf-show-digits' }) dtmfShowDigits = false;
  /**
   * Keeps DTMF digits masked even with `dtmf-show-digits`.
   * @deprecated Digits are masked by default now; `dtmf-show-digits` is the opt-in to show them.
   */
  @property({ type: Boolean, attribute: 'dtmf-mask' }) dtmfMask = false;
  /** Country used to read national numbers when calling (ISO 3166 alpha-2). */
  @property({ attribute: 'default-country' }) defaultCountry?: string;
  /** `web-callback`: the preview's words ("Done", "Schedule callback") on the same actions. */
  @property() flow: CallActionsFlow = 'voice';
  /** Keyboard shortcuts a host handles, per action, shown in the buttons' `aria-keyshortcuts`. */
  @property({ attribute: false }) keyShortcuts?: Partial<Record<InteractionAction, string>>;

  @state() private panel: Panel | undefined;

  readonly session = new InteractionSession(this, sessionOverrides(this), (previous, next) => {
    // A Mark done that timed out or lost its answer may still have reached the service: when the
    // interaction shows as done later, the host page hears `callback-done` all the same.
    if (next.state !== 'done' || previous?.state === 'done' || this.#work.store.isInFlight(next.id)) return;
    if (this.#unconfirmedDone === next.id || this.#work.work?.markDonePending) this.#doneAfterFailure(next);
  });

  /** The interaction whose last Mark done from here failed on the way (no answer, or none in time). */
  #unconfirmedDone: string | undefined;

  /** The agent's note and chosen disposition, kept until the service acknowledges Mark done. */
  readonly #work = new PendingWorkController(this, () => ({ interactionId: this.session.interaction?.id, adapter: this.session.adapter, interaction: this.session.interaction }));

  /** A Mark done that failed on the way is sent again once the service is back. */
  readonly #retry = new MarkDoneRetryController(
    this,
    () => {
      const interaction = this.session.interaction;
      return { interactionId: interaction?.id, adapter: this.session.adapter, sendable: !!interaction && isAccepted(interaction.state), telephony: this.session.telephony, clock: this.session.clock };
    },
    () => this.#markDone(),
  );

  /** The model's answer, told of a disposition the agent chose that the service may not have yet. */
  #availability(action: InteractionAction): ActionAvailability {
    return this.session.availability(action, { chosenDisposition: this.#work.work?.disposition });
  }

  #popup = new PopupController(this, {
    anchor: () => (this.panel ? this.shadowRoot?.querySelector(`[data-action="${this.panel}"]`) : null),
    popup: () => this.shadowRoot?.querySelector('#panel'),
    placement: 'bottom-start',
    onClose: () => {
      this.panel = undefined;
    },
  });

  #consultAbort: AbortController | undefined;

  /** The scheduler in the panel has asked the callback service for a new time and waits for the answer. */
  #rescheduling = false;

  /** The actions shown, in order, with their availability. */
  get #visible() {
    return TOOLBAR.map((action) => ({ action, availability: this.#toolbarAvailability(action) })).filter(
      (a) => a.availability.status !== 'hidden',
    );
  }

  /** The Mute button stands for Unmute too: while muted, it is pressed and unmutes. */
  #toolbarAvailability(action: InteractionAction): ActionAvailability {
    return this.#availability(action === 'mute' && this.#muted ? 'unmute' : action);
  }

  get #muted(): boolean {
    return !!this.session.interaction?.muted;
  }

  /**
   * One Tab stop; the arrows (all four, mirrored right to left) go round the buttons. The focused
   * button went away with the state it belonged to (End call, a transfer, Leave conference), or the
   * button element now stands for another action (End call became Reschedule callback): focus goes
   * to the toolbar itself, never onto a button the agent did not choose. Hold and Resume are one
   * toggle: that button keeps focus. From the toolbar, the arrows enter it from an end.
   */
  constructor() {
    super();
    new RovingFocusController(this, {
      items: () => [...(this.shadowRoot?.querySelectorAll<HTMLElement>('[part~=button]') ?? [])],
      orientation: 'both',
      wrap: true,
      tabStop: true,
      key: (button) => (button.dataset.action === 'resume' ? 'hold' : button.dataset.action),
      fallback: () => this.shadowRoot?.querySelector<HTMLElement>('[part=toolbar]'),
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const interaction = this.session.interaction;
    this.setState('consulting', !!interaction?.consultation);
    this.setState('muted', this.#muted);
    this.setState('pending', [...TOOLBAR, 'unmute'].some((a) => this.session.isPending(a)));
    // A panel whose action is no longer possible (the call ended) closes; not the scheduler while
    // its request is out (scheduling a web callback closes it): its outcome is still to be told.
    const waiting = this.panel === 'reschedule' && this.#rescheduling;
    if (this.panel && this.#availability(this.panel).status !== 'enabled' && this.#popup.isOpen && !waiting) this.#popup.close();
  }

  async #open(panel: Panel): Promise<void> {
    if (this.panel === panel && this.#popup.isOpen) {
      this.#popup.close();
      return;
    }
    if (this.#popup.isOpen) this.#popup.close();
    this.panel = panel;
    await this.#popup.open();
    const first = this.shadowRoot?.querySelector<HTMLElement>('#panel > *');
    first?.focus();
  }

  /**
   * Does what the action's button does: opens its panel or performs it. Returns false, and does
   * nothing (no event), when the toolbar has no such button or the model does not allow it now.
   */
  perform(action: InteractionAction): boolean {
    const button = action === 'unmute' ? 'mute' : action;
    if (!TOOLBAR.includes(button) || this.#availability(action).status !== 'enabled') return false;
    this.#activate(action);
    return true;
  }

  #activate(action: InteractionAction): void {
    // The Mute toggle unmutes while pressed.
    if (action === 'mute' && this.#muted) action = 'unmute';
    if (this.#availability(action).status !== 'enabled') return;
    if (PANELS.has(action)) {
      void this.#open(action as Panel);
      return;
    }
    void this.#perform(action);
  }

  async #perform(action: InteractionAction): Promise<void> {
    const s = this.session;
    switch (action) {
      case 'call': {
        const interaction = s.interaction!;
        const checked = await validatePhoneNumber(interaction.contact.phone, this.defaultCountry);
        if (!checked.ok) {
          s.showError('call', checked.code, validationMessage(checked.code));
          return;
        }
        await s.run('call', () => this.#dial(checked.value.e164), { number: checked.value.e164 });
        return;
      }
      case 'end-call':
        await s.run('end-call', () => this.#onCall((t, id) => t.hangUp(id)));
        return;
      case 'hold':
        await s.run('hold', () => this.#onCall((t, id) => t.hold(id)));
        return;
      case 'resume':
        await s.run('resume', () => this.#onCall((t, id) => t.resume(id)));
        return;
      case 'mute':
      case 'unmute': {
        const muted = action === 'mute';
        await s.run(action, () => this.#onCall((t, id) => (t.mute ? t.mute(id, muted) : unsupported())));
        return;
      }
      case 'alternate':
        await s.run('alternate', () => this.#onConsultation((t, id, c) => (t.alternate ? t.alternate(id, c) : unsupported())));
        return;
      case 'leave-conference':
        await s.run('leave-conference', () => this.#onCall((t, id) => (t.leaveConference ? t.leaveConference(id) : unsupported())));
        return;
      case 'consult-end': {
        // While the consultation still rings, ending it is cancelling the consult request.
        const ringing = this.#consultAbort;
        await s.run('consult-end', async () => {
          if (ringing) ringing.abort();
          else await this.#onConsultation((t, id, c) => t.endConsultation(id, c));
        });
        return;
      }
      case 'consult-transfer':
        await s.run('consult-transfer', () => this.#onConsultation((t, id, c) => t.completeTransfer(id, c)));
        return;
      case 'consult-conference':
        await s.run('consult-conference', () => this.#onConsultation((t, id, c) => t.completeConference(id, c)));
        return;
      case 'mark-done':
        await this.#markDone();
        return;
      default:
        return;
    }
  }

  #dial(number: string) {
    const telephony = this.session.telephony;
    if (!telephony) return Promise.reject(new AdapterError('not-supported', 'No telephony adapter is connected.'));
    return telephony.dial({ number, interactionId: this.session.interaction!.id });
  }

  #onCall<T>(perform: (telephony: TelephonyAdapter, callId: string) => Promise<T>): Promise<T> {
    const { telephony, callId } = this.session.requireCall();
    return perform(telephony, callId);
  }

  #onConsultation<T>(perform: (telephony: TelephonyAdapter, callId: string, consultationId: string) => Promise<T>): Promise<T> {
    const { telephony, callId } = this.session.requireCall();
    const consultationId = this.session.interaction?.consultation?.callId;
    if (!consultationId) return Promise.reject(new AdapterError('invalid-state', 'No consultation call is known.'));
    return perform(telephony, callId, consultationId);
  }

  async #markDone(): Promise<void> {
    const s = this.session;
    const id = s.interaction?.id;
    // One Mark done of an interaction at a time, whoever asks (the agent, the retry timer, `online`).
    if (!id || this.#work.store.isInFlight(id)) return;
    const done = await markDoneWithKeptWork(s, this.#work.store);
    if (done) {
      this.#unconfirmedDone = undefined;
      this.#dispatchDone(done);
    } else if (s.error?.action === 'mark-done') {
      // Refused: the service said no. Otherwise it may yet have done it (see the session's onChange).
      this.#unconfirmedDone = isTransientFailure({ code: s.error.code }) ? id : undefined;
    }
  }

  /** Mark done failed here, yet the interaction shows as done: say so, and let the agent's work go. */
  #doneAfterFailure(done: Interaction): void {
    this.#unconfirmedDone = undefined;
    this.#work.remove(done.id);
    this.session.clearError();
    this.#dispatchDone(done);
  }

  #dispatchDone(done: Interaction): void {
    this.dispatchEvent(new CallbackDoneEvent(doneDetail(done)));
  }

  #renderPending() {
    const pending = this.#work.work?.markDonePending;
    if (!pending) return nothing;
    const sending = this.#retry.sending || this.session.isPending('mark-done');
    // Below the error (which says why, as an alert): what happens next, politely.
    return html`<div part="pending" class="pending" role="status">
      <p class="error">${pendingWorkMessage('mark-done')}</p>
      ${this.#work.store.durable ? nothing : html`<p class="error">${pendingWorkMessage('not-durable')}</p>`}
      <button part="retry-button" class="retry" type="button" aria-disabled=${sending ? 'true' : 'false'} @click=${() => sending || this.#retry.retryNow()}>
        ${sending ? pendingWorkMessage('retrying') : pendingWorkMessage('retry')}
      </button>
    </div>`;
  }

  /** The team communicator picked a target for the open panel. */
  async #targetChosen(event: CustomEvent<{ target: TargetRef }>): Promise<void> {
    const panel = this.panel;
    const { target } = event.detail;
    this.#popup.close();
    const s = this.session;
    if (panel === 'transfer') {
      await s.run('transfer', () => this.#onCall((t, id) => t.blindTransfer(id, target)), { target });
    } else if (panel === 'conference') {
      await s.run('conference', () => this.#onCall((t, id) => t.conference(id, target)), { target });
    } else if (panel === 'consult') {
      const abort = new AbortController();
      this.#consultAbort = abort;
      try {
        await s.run('consult', () => this.#onCall((t, id) => t.startConsultation(id, target, { signal: abort.signal })), { target }, { signal: abort.signal });
      } finally {
        if (this.#consultAbort === abort) this.#consultAbort = undefined;
        this.requestUpdate();
      }
    }
  }

  protected override render() {
    const interaction = this.session.interaction;
    if (!interaction) return nothing;
    const visible = this.#visible;
    const markDone = visible.find((v) => v.action === 'mark-done');
    const keyReason =
      markDone?.availability.status === 'disabled' && markDone.availability.reason === 'disposition-required'
        ? blockReasonMessage('disposition-required')
        : '';
    const error = this.session.error;
    return html`
      <div part="toolbar" role="toolbar" tabindex="-1" aria-label=${msg('Call actions', { id: 'call-actions.label' })}>
        ${visible.map(({ action, availability }) => {
          const disabled = availability.status === 'disabled';
          const toggle = action === 'mute';
          const pending =
            this.session.isPending(action) || (toggle && this.session.isPending('unmute')) || (action === 'consult' && !!this.#consultAbort);
          return html`<button
            part="button ${action}"
            data-action=${action}
            class=${action}
            aria-disabled=${disabled ? 'true' : 'false'}
            aria-busy=${pending ? 'true' : 'false'}
            aria-haspopup=${PANELS.has(action) ? 'dialog' : nothing}
            aria-expanded=${PANELS.has(action) ? (this.panel === action ? 'true' : 'false') : nothing}
            aria-pressed=${toggle ? (this.#muted ? 'true' : 'false') : nothing}
            aria-describedby=${disabled ? `why-${action}` : nothing}
            aria-keyshortcuts=${this.keyShortcuts?.[action] || nothing}
            title=${disabled ? blockReasonMessage(availability.reason) : nothing}
            @click=${() => this.#activate(action)}
          >
            ${flowActionLabel(action, this.flow)}
          </button>`;
        })}
      </div>
      <div class="visually-hidden">
        ${visible.map((v) => (v.availability.status === 'disabled' ? html`<span id="why-${v.action}">${blockReasonMessage(v.availability.reason)}</span> ` : nothing))}
      </div>
      <p part="reason" class="reason" ?hidden=${!keyReason}>${keyReason}</p>
      <p part="error" class="error" role="alert" ?hidden=${!error}>${error?.message ?? ''}</p>
      ${this.#renderPending()}
      <div id="panel" part="panel" class="panel" role="dialog" aria-label=${this.panel ? flowActionLabel(this.panel, this.flow) : msg('Call action', { id: 'call-actions.panel' })} ?hidden=${!this.panel}>
        ${this.#renderPanel(interaction)}
      </div>
    `;
  }

  #renderPanel(interaction: Interaction) {
    const s = this.session;
    switch (this.panel) {
      case 'transfer':
      case 'conference':
      case 'consult':
        return html`<team-communicator
          purpose=${this.panel}
          .directory=${s.directory}
          .clock=${s.clock}
          @target-select=${this.#targetChosen}
        ></team-communicator>`;
      case 'dtmf':
        return html`<dtmf-keypad
          interaction-id=${interaction.id}
          buffer=${this.dtmfBuffer}
          ?show-digits=${this.dtmfShowDigits}
          ?mask=${this.dtmfMask}
          .adapter=${s.adapter}
          .telephony=${s.telephony}
          .clock=${s.clock}
          .policy=${this.policy}
        ></dtmf-keypad>`;
      case 'reschedule':
        return html`<callback-scheduler
          interaction-id=${interaction.id}
          .adapter=${s.adapter}
          .telephony=${s.telephony}
          .clock=${s.clock}
          .policy=${this.policy}
          @cancel=${() => this.#popup.close()}
          @callback-action=${(e: CallbackActionEvent) => {
            if (e.detail.action !== 'reschedule') return;
            this.#rescheduling = true;
            // A host that cancels the request (its listeners run after this one): nothing follows.
            queueMicrotask(() => {
              if (e.defaultPrevented) this.#rescheduling = false;
            });
          }}
          @callback-error=${() => (this.#rescheduling = false)}
          @callback-action-done=${(e: Event) => {
            if ((e as CustomEvent<{ action: string }>).detail.action !== 'reschedule') return;
            this.#rescheduling = false;
            this.#popup.close();
          }}
        ></callback-scheduler>`;
      default:
        return nothing;
    }
  }
}
