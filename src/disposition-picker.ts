import { DispositionPicker } from './elements/disposition-picker/disposition-picker.js';

export * from './elements/disposition-picker/disposition-picker.js';
export { CallbackActionDoneEvent, CallbackActionEvent } from './elements/shared/action-events.js';
export { CallbackErrorEvent } from './elements/shared/events.js';

const tagName = 'disposition-picker';
if (!customElements.get(tagName)) customElements.define(tagName, DispositionPicker);

declare global {
  interface HTMLElementTagNameMap {
    'disposition-picker': DispositionPicker;
  }
}
