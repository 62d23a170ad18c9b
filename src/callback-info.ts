import { CallbackInfo } from './elements/callback-info/callback-info.js';

export * from './elements/callback-info/callback-info.js';

const tagName = 'callback-info';
if (!customElements.get(tagName)) customElements.define(tagName, CallbackInfo);

declare global {
  interface HTMLElementTagNameMap {
    'callback-info': CallbackInfo;
  }
}
