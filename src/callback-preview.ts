import { CallbackPreview } from './elements/callback-preview/callback-preview.js';
import './call-status.js';
import './call-actions.js';
import './callback-info.js';
import './contact-directory.js';
import './standard-responses.js';
import './disposition-picker.js';
import './interaction-note.js';
import './case-history.js';

export * from './elements/callback-preview/callback-preview.js';
export * from './elements/callback-preview/callback-preview.events.js';
export {
  DEFAULT_PREVIEW_REGIONS,
  DEFAULT_WEB_CALLBACK_INFO,
  PREVIEW_REGIONS,
  type PreviewRegion,
} from './elements/callback-preview/callback-preview.regions.js';
export { DEFAULT_SHORTCUTS, type PreviewShortcuts } from './elements/callback-preview/callback-preview.shortcuts.js';

const tagName = 'callback-preview';
if (!customElements.get(tagName)) customElements.define(tagName, CallbackPreview);

declare global {
  interface HTMLElementTagNameMap {
    'callback-preview': CallbackPreview;
  }
}
