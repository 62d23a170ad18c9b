import { html, nothing, type ReactiveElement } from 'lit';
import { msg } from '@lit/localize';
import type { Policy } from '../../model/actions.js';
import type { Interaction, TargetRef } from '../../model/interaction.js';
import type { InteractionSession } from '../../controllers/interaction-session.js';
import { PopupController } from '../../controllers/popup-controller.js';
import { flowActionLabel, type CallActionsFlow } from './call-actions.labels.js';
import type { Panel } from './call-actions.toolbar.js';
import { definePanelElement, PANEL_TAGS } from './call-actions.panel-elements.js';

/** What the open panel's element is given: the toolbar's session and settings. */
export interface PanelView {
  readonly session: InteractionSession;
  readonly policy?: Partial<Policy> | undefined;
  readonly flow: CallActionsFlow;
  readonly dtmfBuffer: number;
  readonly dtmfShowDigits: boolean;
  readonly dtmfMask: boolean;
  readonly contactDayStart?: string | undefined;
  readonly contactDayEnd?: string | undefined;
}

/**
 * The popup of `<call-actions>`, anchored to its button: a `<team-communicator>` for transfer,
 * conference and consultation, a `<dtmf-keypad>`, or a `<callback-scheduler>`. One open at a time;
 * its button toggles it; it closes when its action is no longer possible, except the scheduler
 * while its request is out (scheduling a web callback closes the interaction: its outcome is still
 * to be told from inside it).
 */
export class CallActionsPanels {
  readonly #host: ReactiveElement & PanelView;
  /** The team communicator picked a target for the open panel (transfer, conference, consult). */
  readonly #targetChosen: (panel: Panel, target: TargetRef) => void;
  #panel: Panel | undefined;
  /** The last panel asked for, while its element may still be on its way. */
  #requested: Panel | undefined;
  readonly #popup: PopupController;

  constructor(host: ReactiveElement & PanelView, targetChosen: (panel: Panel, target: TargetRef) => void) {
    this.#host = host;
    this.#targetChosen = targetChosen;
    this.#popup = new PopupController(host, {
      anchor: () => (this.#panel ? host.shadowRoot?.querySelector(`[data-action="${this.#panel}"]`) : null),
      popup: () => host.shadowRoot?.querySelector('#panel'),
      placement: 'bottom-start',
      onClose: () => this.#set(undefined),
    });
  }

  /** The panel shown, if any. */
  get panel(): Panel | undefined {
    return this.#panel;
  }

  #set(panel: Panel | undefined): void {
    this.#panel = panel;
    this.#host.requestUpdate();
  }

  /** Opens `panel` (focus to its content), or closes it when it is the one open. */
  async toggle(panel: Panel): Promise<void> {
    if (this.#panel === panel && this.#popup.isOpen) {
      this.#requested = undefined;
      this.#popup.close();
      return;
    }
    this.#requested = panel;
    const tag = PANEL_TAGS[panel];
    // The drop-in bundle fetches the popup's element when it is first needed: the popup opens
    // when it arrives (a fetch, not a render), unless another button was pressed meanwhile.
    if (!customElements.get(tag)) {
      const loaded = await definePanelElement(tag).then(
        () => true,
        () => false,
      );
      if (this.#requested !== panel || !this.#host.isConnected) return;
      if (!loaded) {
        // Offline, or the bundle's folder moved: said where the agent looks, and the button works again.
        this.#requested = undefined;
        this.#host.session.showError(panel, 'network', msg('This panel could not be loaded. Check the connection, then try again.', { id: 'call-actions.panel-load-failed' }));
        return;
      }
    }
    if (this.#popup.isOpen) this.#popup.close();
    this.#set(panel);
    await this.#popup.open();
    this.#host.shadowRoot?.querySelector<HTMLElement>('#panel > *')?.focus();
  }

  close(): void {
    this.#requested = undefined;
    this.#popup.close();
  }

  /** The open panel's action is no longer possible (the call ended): it closes, unless a reschedule is out. */
  closeUnless(enabled: boolean): void {
    const scheduler = this.#panel === 'reschedule' ? this.#host.shadowRoot?.querySelector<ReactiveElement & { hasState(name: string): boolean }>('callback-scheduler') : null;
    if (this.#panel && !enabled && this.#popup.isOpen && !scheduler?.hasState('pending')) this.#popup.close();
  }

  render(interaction: Interaction) {
    const panel = this.#panel;
    return html`<div id="panel" part="panel" class="panel" role="dialog" aria-label=${panel ? flowActionLabel(panel, this.#host.flow) : msg('Call action', { id: 'call-actions.panel' })} ?hidden=${!panel}>
      ${this.#renderContent(interaction)}
    </div>`;
  }

  #renderContent(interaction: Interaction) {
    const view = this.#host;
    const { session: s, policy } = view;
    const panel = this.#panel;
    switch (panel) {
      case 'transfer':
      case 'conference':
      case 'consult':
        return html`<team-communicator
          purpose=${panel}
          .directory=${s.directory}
          .clock=${s.clock}
          @target-select=${(e: CustomEvent<{ target: TargetRef }>) => {
            this.#popup.close();
            this.#targetChosen(panel, e.detail.target);
          }}
        ></team-communicator>`;
      case 'dtmf':
        return html`<dtmf-keypad
          interaction-id=${interaction.id}
          buffer=${view.dtmfBuffer}
          ?show-digits=${view.dtmfShowDigits}
          ?mask=${view.dtmfMask}
          .adapter=${s.adapter}
          .telephony=${s.telephony}
          .clock=${s.clock}
          .policy=${policy}
        ></dtmf-keypad>`;
      case 'reschedule':
        return html`<callback-scheduler
          interaction-id=${interaction.id}
          contact-day-start=${view.contactDayStart ?? nothing}
          contact-day-end=${view.contactDayEnd ?? nothing}
          .adapter=${s.adapter}
          .telephony=${s.telephony}
          .clock=${s.clock}
          .policy=${policy}
          @cancel=${() => this.#popup.close()}
          @callback-action-done=${(e: CustomEvent<{ action: string }>) => e.detail.action === 'reschedule' && this.#popup.close()}
        ></callback-scheduler>`;
      default:
        return nothing;
    }
  }
}
