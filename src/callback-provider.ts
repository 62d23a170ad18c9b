import { CallbackProvider } from './elements/callback-provider/callback-provider.js';

export * from './elements/callback-provider/callback-provider.js';

const tagName = 'callback-provider';
if (!customElements.get(tagName)) customElements.define(tagName, CallbackProvider);

declare global {
  interface HTMLElementTagNameMap {
    'callback-provider': CallbackProvider;
  }
}
