import { TeamCommunicator } from './elements/team-communicator/team-communicator.js';

export * from './elements/team-communicator/team-communicator.js';
export * from './elements/team-communicator/team-communicator.events.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'team-communicator';
if (!customElements.get(tagName)) customElements.define(tagName, TeamCommunicator);

declare global {
  interface HTMLElementTagNameMap {
    'team-communicator': TeamCommunicator;
  }
}
