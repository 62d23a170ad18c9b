import { CallbackNotification } from './elements/callback-notification/callback-notification.js';

export * from './elements/callback-notification/callback-notification.js';
export * from './elements/callback-notification/callback-notification.events.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'callback-notification';
if (!customElements.get(tagName)) customElements.define(tagName, CallbackNotification);

declare global {
  interface HTMLElementTagNameMap {
    'callback-notification': CallbackNotification;
  }
}
