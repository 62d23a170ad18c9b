import { StandardResponses } from './elements/standard-responses/standard-responses.js';

export * from './elements/standard-responses/standard-responses.js';
export * from './elements/standard-responses/standard-responses.events.js';
export { CallbackErrorEvent } from './elements/shared/events.js';

const tagName = 'standard-responses';
if (!customElements.get(tagName)) customElements.define(tagName, StandardResponses);

declare global {
  interface HTMLElementTagNameMap {
    'standard-responses': StandardResponses;
  }
}
