import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { AdapterError } from '../../adapters/errors.js';
import type { TelephonyAdapter } from '../../adapters/telephony-adapter.js';
import { InteractionSession, sessionOverrides } from '../../controllers/interaction-session.js';
import { RovingFocusController } from '../../controllers/roving-focus-controller.js';
import type { ActionAvailability, InteractionAction } from '../../model/actions.js';
import type { TargetRef } from '../../model/interaction.js';
import { validatePhoneNumber } from '../../model/validation.js';
import { CallbackElement } from '../shared/callback-element.js';
import { InteractionElement } from '../shared/interaction-element.js';
import { blockReasonMessage, pendingWorkMessage, validationMessage } from '../../messages/window-messages.js';
import { CallbackDoneEvent, doneDetail } from './call-actions.events.js';
import { WrapUpController } from '../../controllers/wrap-up/wrap-up-controller.js';
import type { CallActionsFlow } from './call-actions.labels.js';
import { CallActionsPanels } from './call-actions.panels.js';
import { PANELS, renderToolbar, TOOLBAR, type Panel } from './call-actions.toolbar.js';
import { styles } from './call-actions.styles.js';

const unsupported = (): Promise<never> => Promise.reject(new AdapterError('not-supported', 'The phone cannot do this.'));

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
  /** Start of the contact's daytime hours (`HH:MM`, their clock) for the reschedule form; 08:00 when unset (see `<callback-scheduler>`). */
  @property({ attribute: 'contact-day-start' }) contactDayStart?: string;
  /** End of the contact's daytime hours (`HH:MM`, their clock, excluded) for the reschedule form; 21:00 when unset. */
  @property({ attribute: 'contact-day-end' }) contactDayEnd?: string;
  /** `web-callback`: the preview's words ("Done", "Schedule callback") on the same actions. */
  @property() flow: CallActionsFlow = 'voice';
  /** Keyboard shortcuts a host handles, per action, shown in the buttons' `aria-keyshortcuts`. */
  @property({ attribute: false }) keyShortcuts?: Partial<Record<InteractionAction, string>>;

  readonly session = new InteractionSession(this, sessionOverrides(this));

  /**
   * The interaction's wrap-up (the agent's kept work, Mark done, its retries and outcome) sends
   * through this toolbar and tells `callback-done` from here, over a preview around it.
   */
  readonly #wrapUp = new WrapUpController(this, this.session, () => ({ adapter: this.session.adapter, interactionId: this.session.interaction?.id }), {
    rank: 2,
    done: (interaction) => this.dispatchEvent(new CallbackDoneEvent(doneDetail(interaction))),
  });

  /** The model's answer, told of a disposition the agent chose that the service may not have yet. */
  #availability(action: InteractionAction): ActionAvailability {
    return this.session.availability(action, { chosenDisposition: this.#wrapUp.work?.disposition });
  }

  /** The popup with the team communicator, the keypad or the scheduler. */
  readonly #panels = new CallActionsPanels(this, (panel, target) => void this.#targetChosen(panel, target));

  #consultAbort: AbortController | undefined;

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
    const panel = this.#panels.panel;
    if (panel) this.#panels.closeUnless(this.#availability(panel).status === 'enabled');
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
      void this.#panels.toggle(action as Panel);
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
        await this.#wrapUp.markDone();
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

  #renderPending() {
    const wrapUp = this.#wrapUp.owner;
    if (!wrapUp?.work?.markDonePending) return nothing;
    const sending = wrapUp.inFlight;
    // Below the error (which says why, as an alert): what happens next, politely.
    return html`<div part="pending" class="pending" role="status">
      <p class="error">${pendingWorkMessage('mark-done')}</p>
      ${wrapUp.store.durable ? nothing : html`<p class="error">${pendingWorkMessage('not-durable')}</p>`}
      <button part="retry-button" class="retry" type="button" aria-disabled=${sending ? 'true' : 'false'} @click=${() => sending || wrapUp.retryNow()}>
        ${sending ? pendingWorkMessage('retrying') : pendingWorkMessage('retry')}
      </button>
    </div>`;
  }

  /** The team communicator picked a target for the open panel. */
  async #targetChosen(panel: Panel, target: TargetRef): Promise<void> {
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
      ${renderToolbar({
        buttons: visible,
        flow: this.flow,
        muted: this.#muted,
        panel: this.#panels.panel,
        keyShortcuts: this.keyShortcuts,
        busy: (action) => this.session.isPending(action) || (action === 'mute' && this.session.isPending('unmute')) || (action === 'consult' && !!this.#consultAbort),
        activate: (action) => this.#activate(action),
      })}
      <p part="reason" class="reason" ?hidden=${!keyReason}>${keyReason}</p>
      <p part="error" class="error" role="alert" ?hidden=${!error}>${error?.message ?? ''}</p>
      ${this.#renderPending()}
      ${this.#panels.render(interaction)}
    `;
  }
}
