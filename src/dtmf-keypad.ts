import { DtmfKeypad } from './elements/dtmf-keypad/dtmf-keypad.js';

export * from './elements/dtmf-keypad/dtmf-keypad.js';
export { CallbackActionDoneEvent, CallbackActionEvent } from './events/action-events.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'dtmf-keypad';
if (!customElements.get(tagName)) customElements.define(tagName, DtmfKeypad);

declare global {
  interface HTMLElementTagNameMap {
    'dtmf-keypad': DtmfKeypad;
  }
}
