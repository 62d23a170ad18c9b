import { CallbackScheduler } from './elements/callback-scheduler/callback-scheduler.js';

export * from './elements/callback-scheduler/callback-scheduler.js';
export { CallbackActionDoneEvent, CallbackActionEvent } from './events/action-events.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'callback-scheduler';
if (!customElements.get(tagName)) customElements.define(tagName, CallbackScheduler);

declare global {
  interface HTMLElementTagNameMap {
    'callback-scheduler': CallbackScheduler;
  }
}
