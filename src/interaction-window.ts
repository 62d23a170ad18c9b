import { InteractionWindow } from './elements/interaction-window/interaction-window.js';
import './call-status.js';
import './call-actions.js';
import './callback-info.js';
import './case-history.js';
import './disposition-picker.js';
import './interaction-note.js';

export * from './elements/interaction-window/interaction-window.js';

const tagName = 'interaction-window';
if (!customElements.get(tagName)) customElements.define(tagName, InteractionWindow);

declare global {
  interface HTMLElementTagNameMap {
    'interaction-window': InteractionWindow;
  }
}
