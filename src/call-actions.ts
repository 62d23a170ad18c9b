import { CallActions } from './elements/call-actions/call-actions.js';
import './team-communicator.js';
import './dtmf-keypad.js';
import './callback-scheduler.js';

export * from './elements/call-actions/call-actions.js';
export * from './elements/call-actions/call-actions.events.js';
export type { CallActionsFlow } from './elements/call-actions/call-actions.labels.js';
export { CallbackActionEvent, CallbackActionDoneEvent } from './events/action-events.js';
export type { ActionArgs, ActionArgsOf, ActionDoneDetail, ActionRequestDetail, ActionRequestFor } from './events/action-events.js';

const tagName = 'call-actions';
if (!customElements.get(tagName)) customElements.define(tagName, CallActions);

declare global {
  interface HTMLElementTagNameMap {
    'call-actions': CallActions;
  }
}
