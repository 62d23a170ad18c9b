import { CallStatus } from './elements/call-status/call-status.js';

export * from './elements/call-status/call-status.js';
export * from './elements/call-status/call-status.events.js';

const tagName = 'call-status';
if (!customElements.get(tagName)) customElements.define(tagName, CallStatus);

declare global {
  interface HTMLElementTagNameMap {
    'call-status': CallStatus;
  }
}
