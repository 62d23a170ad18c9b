import { StandardResponses } from './elements/standard-responses/standard-responses.js';

export * from './elements/standard-responses/standard-responses.js';
export * from './elements/standard-responses/standard-responses.events.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'standard-responses';
if (!customElements.get(tagName)) customElements.define(tagName, StandardResponses);

declare global {
  interface HTMLElementTagNameMap {
    'standard-responses': StandardResponses;
  }
}
