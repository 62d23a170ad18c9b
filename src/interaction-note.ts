import { InteractionNote } from './elements/interaction-note/interaction-note.js';

export * from './elements/interaction-note/interaction-note.js';
export * from './elements/interaction-note/interaction-note.events.js';
export { NOTE_DRAFT_PREFIX } from './elements/interaction-note/note-drafts.js';
export { CallbackActionDoneEvent, CallbackActionEvent } from './events/action-events.js';
export { CallbackErrorEvent } from './events/error-event.js';

const tagName = 'interaction-note';
if (!customElements.get(tagName)) customElements.define(tagName, InteractionNote);

declare global {
  interface HTMLElementTagNameMap {
    'interaction-note': InteractionNote;
  }
}
