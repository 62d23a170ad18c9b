import { ContactDirectory } from './elements/contact-directory/contact-directory.js';

export * from './elements/contact-directory/contact-directory.js';
export * from './elements/contact-directory/contact-directory.events.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'contact-directory';
if (!customElements.get(tagName)) customElements.define(tagName, ContactDirectory);

declare global {
  interface HTMLElementTagNameMap {
    'contact-directory': ContactDirectory;
  }
}
