import { UnsentWork } from './elements/unsent-work/unsent-work.js';

export * from './elements/unsent-work/unsent-work.js';
export * from './elements/unsent-work/unsent-work.events.js';
export { CallbackDoneEvent } from './elements/call-actions/call-actions.events.js';
export { CallbackActionDoneEvent, CallbackActionEvent } from './events/action-events.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'unsent-work';
if (!customElements.get(tagName)) customElements.define(tagName, UnsentWork);

declare global {
  interface HTMLElementTagNameMap {
    'unsent-work': UnsentWork;
  }
}
