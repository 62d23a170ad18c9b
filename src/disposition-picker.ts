import { DispositionPicker } from './elements/disposition-picker/disposition-picker.js';

export * from './elements/disposition-picker/disposition-picker.js';
export { CallbackActionDoneEvent, CallbackActionEvent } from './events/action-events.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'disposition-picker';
if (!customElements.get(tagName)) customElements.define(tagName, DispositionPicker);

declare global {
  interface HTMLElementTagNameMap {
    'disposition-picker': DispositionPicker;
  }
}
