import { CallbackDesk } from './elements/callback-desk/callback-desk.js';
import './agent-status.js';
import './callback-provider.js';
import './callback-notification.js';
import './interaction-window.js';
import './callback-preview.js';
import './unsent-work.js';

export * from './elements/callback-desk/callback-desk.js';
export * from './elements/callback-desk/callback-desk.events.js';

const tagName = 'callback-desk';
if (!customElements.get(tagName)) customElements.define(tagName, CallbackDesk);

declare global {
  interface HTMLElementTagNameMap {
    'callback-desk': CallbackDesk;
  }
}
