import type { Interaction } from '../../model/interaction.js';

export interface NoteUnsavedDetail {
  /** The interaction, already closed. */
  interaction: Interaction;
  /** The note as the agent typed it; the callback service never got it. */
  text: string;
}

/**
 * The interaction closed (marked done elsewhere, rescheduled, revoked, ...) while the agent's note
 * was still a draft: the note is about to go with its window, so whoever shows the page (the desk,
 * a host app) can hand the text back to the agent.
 */
export class NoteUnsavedEvent extends CustomEvent<NoteUnsavedDetail> {
  static readonly eventName = 'callback-note-unsaved';
  constructor(detail: NoteUnsavedDetail) {
    super(NoteUnsavedEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'callback-note-unsaved': NoteUnsavedEvent;
  }
}
