import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { ActionAvailability, InteractionAction } from '../../model/actions.js';
import { blockReasonMessage } from '../../messages/window-messages.js';
import { flowActionLabel, type CallActionsFlow } from './call-actions.labels.js';

/** The buttons, in toolbar order. Which of them show, and how, is the model's answer. */
export const TOOLBAR: readonly InteractionAction[] = [
  'call',
  'end-call',
  'hold',
  'resume',
  // One toggle button (aria-pressed) for both: while muted, it is pressed and unmutes.
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

export type Panel = 'transfer' | 'conference' | 'consult' | 'dtmf' | 'reschedule';
export const PANELS: ReadonlySet<InteractionAction> = new Set<InteractionAction>(['transfer', 'conference', 'consult', 'dtmf', 'reschedule']);

export interface ToolbarButton {
  action: InteractionAction;
  availability: ActionAvailability;
}

/** What the toolbar shows; `activate` is a button's click. */
export interface ToolbarView {
  buttons: readonly ToolbarButton[];
  flow: CallActionsFlow;
  muted: boolean;
  panel: Panel | undefined;
  keyShortcuts: Partial<Record<InteractionAction, string>> | undefined;
  busy(action: InteractionAction): boolean;
  activate(action: InteractionAction): void;
}

/**
 * The WAI-ARIA toolbar of `<call-actions>` (its keys are the element's roving focus controller's):
 * a disabled button stays focusable and says why, in its `title` and through `aria-describedby`.
 */
export function renderToolbar(view: ToolbarView) {
  const { buttons, flow, muted, panel, keyShortcuts } = view;
  return html`
    <div part="toolbar" role="toolbar" tabindex="-1" aria-label=${msg('Call actions', { id: 'call-actions.label' })}>
      ${buttons.map(({ action, availability }) => {
        const disabled = availability.status === 'disabled';
        const toggle = action === 'mute';
        return html`<button
          part="button ${action}"
          data-action=${action}
          class=${action}
          aria-disabled=${disabled ? 'true' : 'false'}
          aria-busy=${view.busy(action) ? 'true' : 'false'}
          aria-haspopup=${PANELS.has(action) ? 'dialog' : nothing}
          aria-expanded=${PANELS.has(action) ? (panel === action ? 'true' : 'false') : nothing}
          aria-pressed=${toggle ? (muted ? 'true' : 'false') : nothing}
          aria-describedby=${disabled ? `why-${action}` : nothing}
          aria-keyshortcuts=${keyShortcuts?.[action] || nothing}
          title=${disabled ? blockReasonMessage(availability.reason) : nothing}
          @click=${() => view.activate(action)}
        >
          ${flowActionLabel(action, flow)}
        </button>`;
      })}
    </div>
    <div class="visually-hidden">
      ${buttons.map((v) => (v.availability.status === 'disabled' ? html`<span id="why-${v.action}">${blockReasonMessage(v.availability.reason)}</span> ` : nothing))}
    </div>
  `;
}
