import type { InteractionAction } from '../model/actions.js';
import type { Interaction } from '../model/interaction.js';

export interface ActionRequestDetail {
  action: InteractionAction;
  interaction: Interaction;
  /** What the action needs: a target, digits, a time, a code... */
  args?: Readonly<Record<string, unknown>>;
}

export interface ActionDoneDetail extends ActionRequestDetail {
  /** The interaction after the action, as the adapter reported it. */
  result?: Interaction | undefined;
}

/**
 * The agent asked for an action on an interaction (hold, transfer, DTMF, reschedule, ...).
 * Cancelable: `preventDefault()` stops the adapter call. `detail.action` says which.
 */
export class CallbackActionEvent extends CustomEvent<ActionRequestDetail> {
  static readonly eventName = 'callback-action';
  constructor(detail: ActionRequestDetail) {
    super(CallbackActionEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

/** The adapter carried out the action. */
export class CallbackActionDoneEvent extends CustomEvent<ActionDoneDetail> {
  static readonly eventName = 'callback-action-done';
  constructor(detail: ActionDoneDetail) {
    super(CallbackActionDoneEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-action': CallbackActionEvent;
    'callback-action-done': CallbackActionDoneEvent;
  }
}
