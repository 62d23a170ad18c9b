import { AgentStatus } from './elements/agent-status/agent-status.js';

export * from './elements/agent-status/agent-status.js';
export * from './elements/agent-status/agent-status.events.js';
export { defaultNotReadyReasons } from './elements/agent-status/agent-status.messages.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'agent-status';
if (!customElements.get(tagName)) customElements.define(tagName, AgentStatus);

declare global {
  interface HTMLElementTagNameMap {
    'agent-status': AgentStatus;
  }
}
